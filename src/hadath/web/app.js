// hadath web UI: a hash router over thin views that call the HTTP API.
//   #/articles?q=…      search the stored articles
//   #/article/<id>?event=<event id>   the reader
//   #/events?<filters>&page=N   the events table      #/map?<filters>   #/timeline?<filters>
//   #/extract            paste an article and read the extraction (nothing is stored)

import * as api from "./api.js";
import { $, $$, h, replace } from "./dom.js";
import { renderEvents } from "./events.js";
import { filterForm, ISO_DATE, readFilters } from "./filters.js";
import { renderMap } from "./map.js";
import { renderReader } from "./reader.js";
import { renderTimeline } from "./timeline.js";

const ARTICLES_PAGE = 20;
const main = $("#main");
let health = null;
let lastExtracted = null;

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const q = raw.indexOf("?");
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : "");
  const parts = path.split("/").map((p) => decodeURIComponent(p));
  return { view: parts[0] || "", arg: parts.slice(1).join("/"), params };
}

function go(view, params = {}, arg = "") {
  location.hash = `#/${view}${arg ? `/${encodeURIComponent(arg)}` : ""}${api.qs(params)}`;
}

function errorBox(err) {
  return h("div", { class: "error-box", role: "alert" }, h("strong", null, err.type || "Error"), " ", err.message);
}

function noStore() {
  return h(
    "div",
    { class: "panel" },
    h("h2", null, "No corpus store"),
    h("p", null, "This server has no corpus store yet (no --db, or its file does not exist), so only extraction is available. Fill one with hadath ingest --db FILE, then restart hadath serve --db FILE."),
    h("p", null, h("a", { href: "#/extract" }, "Extract an article")),
  );
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** A search snippet with its match marked (offsets from the API; the text stays text). */
function snippet(text, match) {
  if (!Array.isArray(match) || match.length !== 2) return text;
  const [a, b] = match;
  return [text.slice(0, a), h("mark", null, text.slice(a, b)), text.slice(b)];
}

// -- views --------------------------------------------------------------------

async function viewArticles(params) {
  if (health && !health.store) return replace(main, noStore());
  const page = Number(params.get("page") || 0);
  const form = h(
    "form",
    { class: "filters", role: "search", id: "article-search" },
    h("label", { class: "field grow" }, h("span", null, "Search"), h("input", { name: "q", id: "q", dir: "auto", value: params.get("q") || "", placeholder: "إدلب، المرصد السوري، غارة …" })),
    h("label", { class: "field" }, h("span", null, "Since"), h("input", { name: "since", ...ISO_DATE, value: params.get("since") || "" })),
    h("label", { class: "field" }, h("span", null, "Until"), h("input", { name: "until", ...ISO_DATE, value: params.get("until") || "" })),
    h("label", { class: "field" }, h("span", null, "Outlet"), h("input", { name: "outlet", value: params.get("outlet") || "" })),
    h("div", { class: "filter-buttons" }, h("button", { type: "submit", class: "primary" }, "Search")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const p = {};
    for (const k of ["q", "since", "until", "outlet"]) p[k] = form.elements[k].value.trim();
    go("articles", p);
  });
  const results = h("div", { id: "article-results" }, h("p", { class: "status" }, "Loading…"));
  replace(main, h("h2", null, "Articles"), form, results);
  const query = { q: params.get("q"), since: params.get("since"), until: params.get("until"), outlet: params.get("outlet") };
  let body;
  try {
    body = await api.get("articles", { ...query, limit: ARTICLES_PAGE, offset: page * ARTICLES_PAGE });
  } catch (err) {
    return replace(results, errorBox(err));
  }
  const list = h(
    "ol",
    { class: "article-list", start: String(page * ARTICLES_PAGE + 1) },
    body.articles.map((a) =>
      h(
        "li",
        null,
        h("a", { href: `#/article/${encodeURIComponent(a.article_id || a.id)}`, dir: "auto", class: "article-title" }, a.title || a.article_id || a.id),
        h("div", { class: "doc-meta" }, [a.published, a.outlet, a.n_events != null ? plural(a.n_events, "event") : null].filter(Boolean).join(" · ")),
        a.snippet ? h("p", { class: "snippet", dir: "rtl", lang: "ar" }, snippet(a.snippet, a.snippet_match)) : null,
      ),
    ),
  );
  const last = body.offset + body.articles.length;
  replace(
    results,
    h("p", { class: "status" }, `${body.total ? body.offset + 1 : 0}–${last} of ${body.total} articles`),
    list,
    h(
      "nav",
      { class: "pager" },
      h("button", { type: "button", disabled: page === 0, onclick: () => go("articles", { ...query, page: page - 1 }) }, "‹ Previous"),
      h("button", { type: "button", disabled: last >= body.total, onclick: () => go("articles", { ...query, page: page + 1 }) }, "Next ›"),
    ),
  );
}

async function viewArticle(id, params) {
  const root = h("div", { id: "reader" }, h("p", { class: "status" }, "Loading…"));
  replace(main, root);
  let doc;
  try {
    doc = await api.get(`articles/${encodeURIComponent(id)}`);
  } catch (err) {
    return replace(root, errorBox(err));
  }
  renderReader(root, doc, {
    selected: params.get("event"),
    onSelect: (eid) => {
      const target = `#/article/${encodeURIComponent(id)}${eid ? `?event=${encodeURIComponent(eid)}` : ""}`;
      if (location.hash !== target) history.replaceState(null, "", target);
    },
  });
}

function eventsShell(view, params) {
  const filters = readFilters(params);
  const tabs = h(
    "nav",
    { class: "subtabs" },
    [
      ["events", "Table"],
      ["map", "Map"],
      ["timeline", "Timeline"],
    ].map(([v, label]) => h("a", { href: `#/${v}${api.qs(filters)}`, class: v === view ? "active" : null, id: `tab-${v}` }, label)),
  );
  const body = h("div", { id: `${view}-body` });
  replace(main, h("h2", null, "Events"), filterForm(filters, (f) => go(view, f)), tabs, body);
  return { filters, body };
}

async function viewEvents(params) {
  if (health && !health.store) return replace(main, noStore());
  const { filters, body } = eventsShell("events", params);
  const page = Number(params.get("page") || 0);
  await renderEvents(body, filters, page, (p) => go("events", { ...filters, page: p }));
}

async function viewMap(params) {
  if (health && !health.store) return replace(main, noStore());
  const { filters, body } = eventsShell("map", params);
  await renderMap(body, filters);
}

async function viewTimeline(params) {
  if (health && !health.store) return replace(main, noStore());
  const { filters, body } = eventsShell("timeline", params);
  await renderTimeline(body, filters, (day) => go("events", { ...filters, since: day, until: day }));
}

function viewExtract() {
  const text = h("textarea", { name: "text", id: "extract-text", dir: "rtl", lang: "ar", rows: "6", required: true, placeholder: "ألصق نص الخبر هنا" });
  const meta = ["title", "published", "outlet", "url"].map((k) =>
    h("label", { class: "field" }, h("span", null, k), h("input", k === "published" ? { name: k, ...ISO_DATE } : { name: k, type: "text", dir: "auto" })),
  );
  const out = h("div", { id: "extract-result" });
  const form = h(
    "form",
    { class: "extract-form", id: "extract-form" },
    h("label", { class: "field grow" }, h("span", null, "Arabic article text"), text),
    h("div", { class: "filters" }, meta, h("div", { class: "filter-buttons" }, h("button", { type: "submit", class: "primary" }, "Extract"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { text: form.elements.text.value };
    for (const k of ["title", "published", "outlet", "url"]) {
      const v = form.elements[k].value.trim();
      if (v) body[k] = v;
    }
    replace(out, h("p", { class: "status" }, "Extracting…"));
    try {
      lastExtracted = await api.post("extract", body);
    } catch (err) {
      return replace(out, errorBox(err));
    }
    renderReader(out, lastExtracted);
  });
  replace(main, h("h2", null, "Extract an article"), h("p", { class: "muted" }, "The text is sent to this server, extracted and shown here; nothing is stored."), form, out);
  if (lastExtracted) renderReader(out, lastExtracted);
}

// -- router -------------------------------------------------------------------

async function route() {
  const { view, arg, params } = parseHash();
  const tip = $("#tooltip");
  if (tip) tip.hidden = true;
  for (const a of $$("#nav a")) a.classList.toggle("active", a.dataset.view === (view === "article" ? "articles" : view || "articles"));
  try {
    if (view === "" ) return health && !health.store ? viewExtract() : viewArticles(params);
    if (view === "articles") return await viewArticles(params);
    if (view === "article") return await viewArticle(arg, params);
    if (view === "events") return await viewEvents(params);
    if (view === "map") return await viewMap(params);
    if (view === "timeline") return await viewTimeline(params);
    if (view === "extract") return viewExtract();
    replace(main, errorBox({ type: "NotFound", message: `no view ${view}` }));
  } catch (err) {
    replace(main, errorBox(err));
  }
}

async function boot() {
  try {
    health = await api.get("health");
    const st = health.store;
    $("#store-info").textContent = st
      ? `${st.articles ?? "?"} articles · ${st.events ?? "?"} events`
      : "no store (extraction only)";
  } catch (err) {
    $("#store-info").textContent = `server unreachable: ${err.message}`;
  }
  window.addEventListener("hashchange", route);
  await route();
  document.body.dataset.ready = "1";
}

boot();
