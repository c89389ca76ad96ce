// The events table: the API's filters, pages from the server, sortable columns,
// CSV and GeoJSON downloads through the API's format parameter.

import * as api from "./api.js";
import { h, replace } from "./dom.js";
import { dash, typeClass } from "./vocab.js";

export const PAGE = 50;

const COLUMNS = [
  { key: "event_date", label: "Date" },
  { key: "event_type", label: "Type" },
  { key: "sub_event_type", label: "Sub-event type" },
  { key: "actor1_name", label: "Actor 1" },
  { key: "actor2_name", label: "Actor 2" },
  { key: "location_name", label: "Location" },
  { key: "admin1", label: "Admin1" },
  { key: "country", label: "Country" },
  { key: "fatalities", label: "Fatalities", numeric: true },
  { key: "n_sources", label: "Sources", numeric: true },
  { key: "cluster_id", label: "Cluster" },
  { key: "confidence", label: "Conf.", numeric: true },
  { key: "article_id", label: "Article" },
  { key: "notes_en", label: "Note" },
];

/** Order two rows by one column; empty values go last in both directions. */
function compare(a, b, key, numeric, dir) {
  const x = a[key];
  const y = b[key];
  if (x === y) return 0;
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  if (numeric) return dir * (Number(x) - Number(y));
  return dir * String(x).localeCompare(String(y));
}

/** Render the table for `filters` and page `page` (0-based) into root. */
export async function renderEvents(root, filters, page, go) {
  const params = { ...filters, limit: PAGE, offset: page * PAGE };
  const status = h("p", { class: "status", id: "events-status" }, "Loading…");
  const downloads = h(
    "p",
    { class: "downloads" },
    "Download these filters: ",
    h("a", { id: "dl-csv", href: api.url("events", { ...filters, format: "csv", limit: 10000 }), download: "events.csv" }, "CSV"),
    " · ",
    h(
      "a",
      { id: "dl-geojson", href: api.url("events", { ...filters, format: "geojson", limit: 10000 }), download: "events.geojson" },
      "GeoJSON",
    ),
  );
  replace(root, downloads, status);
  let body;
  try {
    body = await api.get("events", params);
  } catch (err) {
    replace(status, `Could not load events: ${err.message}`);
    status.classList.add("error");
    return;
  }
  const rows = body.events.map((ev) => ({ ...ev, n_sources: (ev.sources || []).length }));
  let sortKey = null;
  let sortDir = 1;
  const tbody = h("tbody");
  const headRow = h("tr");
  const table = h("table", { class: "events-table", id: "events-table" }, h("thead", null, headRow), tbody);

  function fillBody() {
    const sorted = rows.slice();
    if (sortKey) {
      const col = COLUMNS.find((c) => c.key === sortKey);
      sorted.sort((a, b) => compare(a, b, sortKey, col.numeric, sortDir));
    }
    replace(
      tbody,
      sorted.map((ev) =>
        h(
          "tr",
          { dataset: { eventId: ev.id } },
          COLUMNS.map((c) => {
            if (c.key === "event_type")
              return h("td", null, h("span", { class: ["dot", typeClass(ev.event_type)] }), ev.event_type);
            if (c.key === "article_id")
              return h(
                "td",
                null,
                h(
                  "a",
                  {
                    href: `#/article/${encodeURIComponent(ev.article_id)}?event=${encodeURIComponent(ev.local_id)}`,
                    title: ev.article_id,
                    dir: "auto",
                  },
                  ev.title || ev.article_id,
                ),
              );
            if (c.key === "cluster_id")
              return h(
                "td",
                null,
                ev.cluster_id ? h("a", { href: `#/events?cluster_id=${encodeURIComponent(ev.cluster_id)}`, title: "corroborating reports" }, ev.cluster_id) : "—",
              );
            const v = ev[c.key];
            const text = c.key === "confidence" && v != null ? Number(v).toFixed(2) : dash(v);
            const cls = [c.numeric ? "num" : null, c.key === "event_date" ? "nowrap" : null, c.key === "notes_en" ? "note" : null];
            return h("td", { class: cls, dir: "auto" }, text);
          }),
        ),
      ),
    );
  }
  for (const c of COLUMNS) {
    const btn = h("button", { type: "button", class: "sort", dataset: { key: c.key } }, c.label);
    const th = h("th", { scope: "col", "aria-sort": "none", class: c.numeric ? "num" : null }, btn);
    btn.addEventListener("click", () => {
      sortDir = sortKey === c.key ? -sortDir : 1;
      sortKey = c.key;
      for (const other of headRow.children) other.setAttribute("aria-sort", "none");
      th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      fillBody();
    });
    headRow.appendChild(th);
  }
  fillBody();

  const total = body.total;
  const first = total ? body.offset + 1 : 0;
  const last = body.offset + rows.length;
  replace(status, `${first}–${last} of ${total} events`);
  const pager = h(
    "nav",
    { class: "pager" },
    h("button", { type: "button", id: "prev-page", disabled: page === 0, onclick: () => go(page - 1) }, "‹ Previous"),
    h("span", null, ` page ${page + 1} of ${Math.max(1, Math.ceil(total / PAGE))} `),
    h("button", { type: "button", id: "next-page", disabled: last >= total, onclick: () => go(page + 1) }, "Next ›"),
  );
  replace(root, downloads, status, rows.length ? table : h("p", { class: "muted" }, "No events match these filters."), pager);
}
