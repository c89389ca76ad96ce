// The timeline: events per day, stacked by event type, drawn as plain SVG
// (a charting library would be more code than the chart).

import * as api from "./api.js";
import { h, replace, s } from "./dom.js";
import { EVENT_TYPES } from "./taxonomy.js";
import { typeColour } from "./vocab.js";

const MAX_EVENTS = 10000;
const DAY = 86400000;

function days(from, to) {
  const out = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** Fetch the filtered events and draw the chart; clicking a day opens the table for it. */
export async function renderTimeline(root, filters, openDay) {
  const status = h("p", { class: "status", id: "timeline-status" }, "Loading…");
  replace(root, status);
  const rows = [];
  let total = 0;
  try {
    for (let offset = 0; offset < MAX_EVENTS; ) {
      const body = await api.get("events", { ...filters, limit: 1000, offset });
      rows.push(...body.events);
      total = body.total;
      offset += body.events.length;
      if (!body.events.length || offset >= total) break;
    }
  } catch (err) {
    replace(status, `Could not load events: ${err.message}`);
    status.classList.add("error");
    return;
  }
  const counts = new Map();
  let undated = 0;
  for (const ev of rows) {
    const d = ev.event_date;
    if (!d) {
      undated++;
      continue;
    }
    if (!counts.has(d)) counts.set(d, {});
    const c = counts.get(d);
    c[ev.event_type] = (c[ev.event_type] || 0) + 1;
  }
  if (!counts.size) {
    replace(status, "No dated events match these filters.");
    return;
  }
  const sorted = Array.from(counts.keys()).sort();
  const span = days(sorted[0], sorted[sorted.length - 1]);
  const max = Math.max(...Array.from(counts.values()).map((c) => Object.values(c).reduce((a, b) => a + b, 0)));

  const W = 960;
  const H = 320;
  const m = { top: 16, right: 16, bottom: 48, left: 44 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const bw = pw / span.length;
  const y = (v) => m.top + ph - (v / max) * ph;
  const svg = s("svg", {
    viewBox: `0 0 ${W} ${H}`,
    class: "timeline",
    id: "timeline",
    role: "img",
    "aria-label": `Events per day, ${span[0]} to ${span[span.length - 1]}`,
  });
  // y axis: up to 5 integer ticks
  const step = Math.max(1, Math.ceil(max / 5));
  for (let v = 0; v <= max; v += step) {
    svg.appendChild(s("line", { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v), class: "grid" }));
    svg.appendChild(s("text", { x: m.left - 6, y: y(v) + 4, class: "tick", "text-anchor": "end" }, String(v)));
  }
  const labelEvery = Math.max(1, Math.ceil(span.length / 12));
  span.forEach((day, i) => {
    const x = m.left + i * bw;
    const c = counts.get(day) || {};
    let acc = 0;
    const g = s("g", { class: "day", dataset: { day } });
    const n = Object.values(c).reduce((a, b) => a + b, 0);
    g.appendChild(s("title", null, `${day}: ${n} event${n === 1 ? "" : "s"}${EVENT_TYPES.filter((t) => c[t]).map((t) => `\n${t}: ${c[t]}`).join("")}`));
    for (const t of [...EVENT_TYPES, ...Object.keys(c).filter((k) => !EVENT_TYPES.includes(k))]) {
      if (!c[t]) continue;
      const top = y(acc + c[t]);
      g.appendChild(
        s("rect", { x: x + bw * 0.1, width: Math.max(1, bw * 0.8), y: top, height: y(acc) - top, fill: typeColour(t), class: "bar" }),
      );
      acc += c[t];
    }
    if (n) g.addEventListener("click", () => openDay(day));
    svg.appendChild(g);
    if (i % labelEvery === 0) {
      svg.appendChild(
        s("text", { x: x + bw / 2, y: H - m.bottom + 16, class: "tick", "text-anchor": "middle" }, day.slice(5)),
      );
    }
  });
  svg.appendChild(s("text", { x: m.left, y: H - 8, class: "tick" }, `${span[0]} → ${span[span.length - 1]}`));
  const legend = h(
    "div",
    { class: "legend" },
    EVENT_TYPES.map((t) => {
      const sw = h("span", { class: "swatch" });
      sw.style.backgroundColor = typeColour(t);
      return h("span", { class: "chip plain" }, sw, t);
    }),
  );
  const note = `${rows.length} of ${total} events${undated ? `, ${undated} without a date` : ""}; click a day to list its events.`;
  replace(root, h("p", { class: "status", id: "timeline-status" }, note), svg, legend);
}
