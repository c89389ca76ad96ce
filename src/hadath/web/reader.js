// The article reader: the text, right-to-left, cut into segments at every span
// boundary of every layer, so that entities, dates and quantities can be coloured
// and an event's evidence highlighted without touching the text itself.

import { $, h, replace } from "./dom.js";
import {
  GEO_PRECISION,
  KIND_LABELS,
  STANCE_LABELS,
  TIME_PRECISION,
  dash,
  fmtCoord,
  typeClass,
} from "./vocab.js";

const HL_CLASSES = [
  "hl-trigger",
  "hl-sentence",
  "hl-evidence",
  "hl-actor",
  "hl-place",
  "hl-date",
  "hl-qty",
  "hl-attr",
];

/** Base layers (coloured all the time) and the span registry for one doc. */
function collectSpans(doc) {
  const spans = [];
  const n = doc.text.length;
  const add = (start, end, role, ref) => {
    if (typeof start !== "number" || typeof end !== "number") return;
    const a = Math.max(0, Math.min(n, start));
    const b = Math.max(0, Math.min(n, end));
    if (b > a) spans.push({ start: a, end: b, role, ref });
  };
  for (const e of doc.entities || []) for (const m of e.mentions || []) add(m.start, m.end, "ent", e);
  for (const d of doc.dates || []) add(d.start, d.end, "date", d);
  for (const q of doc.quantities || []) add(q.start, q.end, "qty", q);
  for (const ev of doc.events || []) {
    if (ev.trigger) add(ev.trigger.start, ev.trigger.end, "trigger", ev);
    if (ev.sentence) add(ev.sentence.start, ev.sentence.end, "sentence", ev);
    for (const sp of ev.evidence || []) add(sp.start, sp.end, "evidence", ev);
  }
  for (const at of doc.attributions || []) {
    add(at.speaker_start, at.speaker_end, "attr", at);
    add(at.cue_start, at.cue_end, "attr", at);
    if (at.content) add(at.content.start, at.content.end, "attr", at);
  }
  return spans;
}

const BASE_ROLES = new Set(["ent", "date", "qty"]);

function baseClass(ann) {
  if (ann.role === "ent") return `k-${ann.ref.kind}`;
  if (ann.role === "date") return "k-date";
  return "k-quantity";
}

/** Cut the text at every span boundary; return the container and the segment list. */
function buildText(doc, spans) {
  const text = doc.text;
  const cuts = new Set([0, text.length]);
  for (const sp of spans) {
    cuts.add(sp.start);
    cuts.add(sp.end);
  }
  const points = Array.from(cuts).sort((x, y) => x - y);
  const byStart = spans.slice().sort((x, y) => x.start - y.start);
  const container = h("div", { class: "doc-text", dir: "rtl", lang: "ar", id: "doc-text" });
  const segments = [];
  let active = [];
  let p = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    active = active.filter((sp) => sp.end > a);
    while (p < byStart.length && byStart[p].start <= a) {
      if (byStart[p].end > a) active.push(byStart[p]);
      p++;
    }
    const piece = text.slice(a, b);
    if (active.length === 0) {
      container.appendChild(document.createTextNode(piece));
      continue;
    }
    const covering = active.slice();
    const base = covering
      .filter((sp) => BASE_ROLES.has(sp.role))
      .sort((x, y) => x.end - x.start - (y.end - y.start));
    const el = h("span", { class: ["seg", base.length ? "ann" : null, base.length ? baseClass(base[0]) : null] });
    el.textContent = piece;
    container.appendChild(el);
    segments.push({ el, a, b, base });
  }
  return { container, segments };
}

function entityName(e) {
  if (!e) return "—";
  if (e.name_en && e.name_ar && e.name_en !== e.name_ar) return `${e.name_en} (${e.name_ar})`;
  return e.name_en || e.name_ar || e.id;
}

function rows(pairs) {
  const dl = h("dl", { class: "kv" });
  for (const [k, v] of pairs) {
    if (v === null || v === undefined || v === "") continue;
    dl.appendChild(h("dt", null, k));
    dl.appendChild(h("dd", null, String(v)));
  }
  return dl;
}

function geoRows(geo) {
  if (!geo) return [];
  const admin = [geo.admin2, geo.admin1, geo.country].filter(Boolean).join(", ");
  return [
    ["Coordinates", geo.lat == null ? null : `${fmtCoord(geo.lat)}, ${fmtCoord(geo.lon)}`],
    ["Geo precision", geo.geo_precision == null ? null : GEO_PRECISION[geo.geo_precision] || geo.geo_precision],
    ["Gazetteer name", geo.name_en],
    ["Admin", admin],
    ["Feature", geo.feature],
    ["Gazetteer id", geo.gazetteer_id],
    ["Geo confidence", geo.confidence],
  ];
}

/** The structured value behind one annotation, for the hover card. */
function describe(ann, doc) {
  const r = ann.ref;
  if (ann.role === "ent") {
    const aff = r.affiliation ? (doc.entities || []).find((e) => e.id === r.affiliation) : null;
    return h(
      "div",
      { class: `tip-item k-${r.kind}` },
      h("div", { class: "tip-head" }, h("span", { class: "chip" }, KIND_LABELS[r.kind] || r.kind), " ", entityName(r)),
      rows([
        ["Canonical name", r.name_en],
        ["Arabic name", r.name_ar],
        ["Canonical id", r.canonical_id],
        ["Actor type", r.actor_type],
        ["Role", r.role],
        ["Affiliation", aff ? entityName(aff) : r.affiliation],
        ["Country", r.country],
        ["Level", r.level],
        ...geoRows(r.geo),
        ["Found by", r.source],
      ]),
    );
  }
  if (ann.role === "date") {
    return h(
      "div",
      { class: "tip-item k-date" },
      h("div", { class: "tip-head" }, h("span", { class: "chip" }, "Date"), " ", r.value),
      rows([
        ["ISO date", r.end_value ? `${r.value} – ${r.end_value}` : r.value],
        ["Precision", r.precision],
      ]),
    );
  }
  return h(
    "div",
    { class: "tip-item k-quantity" },
    h("div", { class: "tip-head" }, h("span", { class: "chip" }, "Quantity"), " ", `${r.approx ? "≈ " : ""}${r.value}`),
    rows([
      ["Value", r.value],
      ["Approximate", r.approx ? "yes" : "no"],
      ["Unit", r.unit],
      ["Category", r.category],
    ]),
  );
}

/** The attributions that report an event: its sources, and those whose content holds its trigger. */
function reportingAttributions(doc, ev) {
  const ids = new Set(ev.sources || []);
  const t = ev.trigger || {};
  return (doc.attributions || []).filter(
    (at) => ids.has(at.id) || (at.content && at.content.start <= t.start && t.end <= at.content.end),
  );
}

function attributionSpans(at, cls) {
  const out = [];
  if (at.speaker_start != null && at.speaker_end != null) out.push({ start: at.speaker_start, end: at.speaker_end, cls });
  if (at.cue_start != null) out.push({ start: at.cue_start, end: at.cue_end, cls });
  if (at.content) out.push({ start: at.content.start, end: at.content.end, cls });
  return out;
}

/** Every span an event rests on, each with its highlight class. */
function eventHighlights(doc, ev) {
  const out = [];
  const ents = new Map((doc.entities || []).map((e) => [e.id, e]));
  const mentionsOf = (id, cls) => {
    const e = ents.get(id);
    for (const m of (e && e.mentions) || []) out.push({ start: m.start, end: m.end, cls });
  };
  if (ev.sentence) out.push({ start: ev.sentence.start, end: ev.sentence.end, cls: "hl-sentence" });
  for (const sp of ev.evidence || []) out.push({ start: sp.start, end: sp.end, cls: "hl-evidence" });
  for (const id of [ev.actor1, ev.actor2, ...(ev.assoc_actors || [])]) if (id) mentionsOf(id, "hl-actor");
  if (ev.location) mentionsOf(ev.location, "hl-place");
  if (ev.date) {
    const matches = (doc.dates || []).filter(
      (d) => d.value === ev.date || (d.end_value && d.value <= ev.date && ev.date <= d.end_value),
    );
    const inSentence = ev.sentence
      ? matches.filter((d) => d.start >= ev.sentence.start && d.end <= ev.sentence.end)
      : [];
    for (const d of inSentence.length ? inSentence : matches) out.push({ start: d.start, end: d.end, cls: "hl-date" });
  }
  for (const q of ev.quantities || []) out.push({ start: q.start, end: q.end, cls: "hl-qty" });
  for (const at of reportingAttributions(doc, ev)) out.push(...attributionSpans(at, "hl-attr"));
  if (ev.trigger) out.push({ start: ev.trigger.start, end: ev.trigger.end, cls: "hl-trigger" });
  return out;
}

function eventSummary(doc, ev) {
  const ents = new Map((doc.entities || []).map((e) => [e.id, e]));
  const name = (id) => (id ? entityName(ents.get(id)) || id : null);
  const loc = ev.location ? ents.get(ev.location) : null;
  const geo = ev.geo || (loc && loc.geo) || null;
  const sources = reportingAttributions(doc, ev).map((at) => speakerName(doc, at));
  return rows([
    ["Event type", ev.event_type],
    ["Sub-event type", ev.sub_event_type],
    ["Trigger", ev.trigger && ev.trigger.text],
    ["Date", ev.date],
    ["Time precision", ev.time_precision == null ? null : TIME_PRECISION[ev.time_precision] || ev.time_precision],
    ["Actor 1", name(ev.actor1)],
    ["Actor 2", name(ev.actor2)],
    ["Associated", (ev.assoc_actors || []).map(name).join(", ")],
    ["Location", loc ? entityName(loc) : ev.location],
    ...geoRows(geo),
    ["Fatalities", ev.fatalities],
    ["Confidence", ev.confidence],
    ["PLOVER", ev.plover],
    ["Denied", ev.denied ? "yes — reported only inside a denial" : null],
    ["Reported by", sources.join("; ")],
    ["Note", ev.notes_en],
  ]);
}

function speakerName(doc, at) {
  const e = at.speaker ? (doc.entities || []).find((x) => x.id === at.speaker) : null;
  if (e) return entityName(e);
  if (at.speaker_text) return at.anonymous ? `${at.speaker_text} (anonymous)` : at.speaker_text;
  return at.anonymous ? "anonymous source" : "narrator";
}

function legend(doc) {
  const counts = { person: 0, organization: 0, actor: 0, place: 0 };
  for (const e of doc.entities || []) counts[e.kind] = (counts[e.kind] || 0) + 1;
  counts.date = (doc.dates || []).length;
  counts.quantity = (doc.quantities || []).length;
  return h(
    "div",
    { class: "legend", "aria-label": "Legend" },
    Object.entries(counts).map(([k, n]) => h("span", { class: `chip k-${k}` }, `${KIND_LABELS[k] || k} ${n}`)),
    h("span", { class: "chip hl-trigger-chip" }, "Selected event: trigger"),
    h("span", { class: "chip hl-attr-chip" }, "its sources"),
  );
}

function safeHref(url) {
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

/**
 * Render one hadath/1 document (with "text") into `root`.
 * opts.selected: an event id to select at once; opts.onSelect(eventId|null): told when the selection changes.
 */
export function renderReader(root, doc, opts = {}) {
  const art = doc.article || {};
  const spans = collectSpans(doc);
  const { container, segments } = buildText(doc, spans);
  const tip = $("#tooltip");

  const href = safeHref(art.url);
  const head = h(
    "header",
    { class: "doc-head" },
    h("h2", { dir: "auto", id: "doc-title" }, art.title || art.id || "(untitled article)"),
    h(
      "p",
      { class: "doc-meta" },
      h("span", null, "id ", h("code", null, dash(art.id))),
      h("span", null, "published ", dash(art.published), art.published_source ? ` (${art.published_source})` : ""),
      h("span", null, "outlet ", dash(art.outlet)),
      href ? h("a", { href, rel: "noopener noreferrer", target: "_blank" }, "source") : null,
    ),
  );

  const detail = h("section", { class: "panel detail", id: "event-detail" }, h("p", { class: "muted" }, "Select an event to see its evidence."));
  const eventButtons = new Map();
  const eventsList = h("ol", { class: "event-list", id: "event-list" });
  for (const ev of doc.events || []) {
    const ents = new Map((doc.entities || []).map((e) => [e.id, e]));
    const loc = ev.location ? ents.get(ev.location) : null;
    const btn = h(
      "button",
      { type: "button", class: ["event-item", typeClass(ev.event_type)], "aria-pressed": "false", dataset: { eventId: ev.id } },
      h("span", { class: "dot" }),
      h("span", { class: "ev-type" }, ev.sub_event_type || ev.event_type),
      h(
        "span",
        { class: "ev-meta" },
        [ev.date, loc ? loc.name_en || loc.name_ar : null, ev.fatalities != null ? `${ev.fatalities} killed` : null]
          .filter(Boolean)
          .join(" · "),
      ),
      ev.denied ? h("span", { class: "badge deny" }, "denied") : null,
      h("span", { class: "ev-trigger", dir: "rtl", lang: "ar" }, ev.trigger ? ev.trigger.text : ""),
    );
    btn.addEventListener("click", () => select(btn.getAttribute("aria-pressed") === "true" ? null : ev.id));
    eventButtons.set(ev.id, btn);
    eventsList.appendChild(h("li", null, btn));
  }

  const claimItems = new Map();
  const claimsList = h("ol", { class: "claims", id: "claims" });
  for (const at of doc.attributions || []) {
    const li = h(
      "li",
      { class: ["claim", `stance-${at.stance}`], tabindex: "0", dataset: { attributionId: at.id } },
      h(
        "div",
        { class: "claim-head" },
        h("span", { class: "speaker" }, speakerName(doc, at)),
        h("span", { class: `badge stance stance-${at.stance}` }, STANCE_LABELS[at.stance] || at.stance),
        at.direct_quote ? h("span", { class: "badge quote", title: "direct quotation" }, "❝ quote") : null,
        at.implicit ? h("span", { class: "badge" }, "continued") : null,
        at.article_level ? h("span", { class: "badge" }, "byline") : null,
      ),
      h("div", { class: "claim-cue", dir: "rtl", lang: "ar" }, at.speaker_text ? `${at.speaker_text} — ${at.cue}` : at.cue),
      at.content ? h("blockquote", { class: "claim-content", dir: "rtl", lang: "ar" }, at.content.text) : null,
    );
    const pick = () => selectAttribution(at);
    li.addEventListener("click", pick);
    li.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        pick();
      }
    });
    claimItems.set(at.id, li);
    claimsList.appendChild(li);
  }

  const side = h(
    "aside",
    { class: "side" },
    h("section", { class: "panel" }, h("h3", null, `Events (${(doc.events || []).length})`), (doc.events || []).length ? eventsList : h("p", { class: "muted" }, "No events in this article.")),
    h("section", { class: "panel" }, h("h3", null, `Who claims what (${(doc.attributions || []).length})`), (doc.attributions || []).length ? claimsList : h("p", { class: "muted" }, "No attributed statements.")),
    detail,
  );

  replace(root, h("article", { class: "reader" }, head, legend(doc), h("div", { class: "reader-body" }, container, side)));

  // -- highlighting ----------------------------------------------------------
  let lit = [];
  function clearHighlights() {
    for (const seg of lit) seg.el.classList.remove(...HL_CLASSES);
    lit = [];
    for (const btn of eventButtons.values()) btn.setAttribute("aria-pressed", "false");
    for (const li of claimItems.values()) li.classList.remove("reports", "selected");
  }
  function paint(marks) {
    const touched = new Set();
    for (const seg of segments) {
      for (const m of marks) {
        if (m.start <= seg.a && seg.b <= m.end) {
          seg.el.classList.add(m.cls);
          touched.add(seg);
        }
      }
    }
    lit = Array.from(touched);
  }
  function firstSegmentAt(pos) {
    return segments.find((seg) => seg.a >= pos) || null;
  }

  function select(eventId) {
    clearHighlights();
    const ev = (doc.events || []).find((x) => x.id === eventId);
    if (!ev) {
      replace(detail, h("p", { class: "muted" }, "Select an event to see its evidence."));
      if (opts.onSelect) opts.onSelect(null);
      return;
    }
    paint(eventHighlights(doc, ev));
    eventButtons.get(ev.id).setAttribute("aria-pressed", "true");
    for (const at of reportingAttributions(doc, ev)) claimItems.get(at.id)?.classList.add("reports");
    replace(detail, h("h3", null, "Selected event"), eventSummary(doc, ev));
    const seg = ev.trigger ? firstSegmentAt(ev.trigger.start) : null;
    if (seg && seg.el.scrollIntoView) seg.el.scrollIntoView({ block: "center", behavior: "smooth" });
    if (opts.onSelect) opts.onSelect(ev.id);
  }

  function selectAttribution(at) {
    clearHighlights();
    paint(attributionSpans(at, "hl-attr"));
    claimItems.get(at.id)?.classList.add("selected");
    replace(
      detail,
      h("h3", null, "Selected statement"),
      rows([
        ["Speaker", speakerName(doc, at)],
        ["Stance", STANCE_LABELS[at.stance] || at.stance],
        ["Direct quote", at.direct_quote ? "yes" : "no"],
        ["Cue", at.cue],
        ["Addressee", at.addressee ? entityName((doc.entities || []).find((e) => e.id === at.addressee)) : null],
        ["Confirms", at.confirms],
      ]),
    );
  }

  // -- hover cards -----------------------------------------------------------
  const segOf = new WeakMap(segments.map((seg) => [seg.el, seg]));
  container.addEventListener("mouseover", (e) => {
    const el = e.target instanceof Element ? e.target.closest(".seg") : null;
    const seg = el ? segOf.get(el) : null;
    if (!seg || !seg.base.length || !tip) return;
    replace(tip, seg.base.map((ann) => describe(ann, doc)));
    tip.hidden = false;
    place(tip, e);
  });
  container.addEventListener("mousemove", (e) => {
    if (tip && !tip.hidden) place(tip, e);
  });
  container.addEventListener("mouseout", (e) => {
    const to = e.relatedTarget instanceof Element ? e.relatedTarget.closest(".seg.ann") : null;
    if (tip && !to) tip.hidden = true;
  });

  if (opts.selected) select(opts.selected);
  return { select };
}

function place(tip, e) {
  const pad = 14;
  const w = tip.offsetWidth;
  const hgt = tip.offsetHeight;
  let x = e.clientX + pad;
  let y = e.clientY + pad;
  if (x + w > window.innerWidth - 4) x = Math.max(4, e.clientX - w - pad);
  if (y + hgt > window.innerHeight - 4) y = Math.max(4, e.clientY - hgt - pad);
  tip.style.left = `${x}px`;
  tip.style.top = `${y}px`;
}
