// The event filters shared by the table, the map and the timeline. They are the
// API's own query parameters (FILTER_KEYS, generated into taxonomy.js), kept in the
// location hash (#/events?since=...).

import { h } from "./dom.js";
import { EVENT_TYPES, FILTER_KEYS, SUB_EVENT_TYPES } from "./taxonomy.js";

// Filters set by links (a cluster's reports, one article's events), shown as removable chips.
const LINKED = { cluster_id: "cluster", article_id: "article" };

export function readFilters(params) {
  const out = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function field(label, input) {
  return h("label", { class: "field" }, h("span", null, label), input);
}

function select(name, options, value) {
  const el = h("select", { name, id: `f-${name}` }, h("option", { value: "" }, "any"));
  for (const o of options) el.appendChild(h("option", { value: o, selected: o === value }, o));
  return el;
}

// Dates are typed as ISO dates, like everything else hadath shows: a browser's date picker would follow its
// locale (mm/dd/yyyy in the United States).
export const ISO_DATE = {
  type: "text",
  inputmode: "numeric",
  placeholder: "YYYY-MM-DD",
  pattern: "\\d{4}-\\d{2}-\\d{2}",
  title: "a date as YYYY-MM-DD",
  size: "11",
};

/** The filter form; onApply(filters) is called on submit. */
export function filterForm(filters, onApply) {
  const input = (name, attrs = {}) =>
    h("input", { name, id: `f-${name}`, value: filters[name] || "", autocomplete: "off", ...attrs });
  const subTypes = Object.values(SUB_EVENT_TYPES).flat();
  const form = h(
    "form",
    { class: "filters", id: "filters", role: "search" },
    field("Since", input("since", ISO_DATE)),
    field("Until", input("until", ISO_DATE)),
    field("Event type", select("event_type", EVENT_TYPES, filters.event_type)),
    field("Sub-event type", select("sub_event_type", subTypes, filters.sub_event_type)),
    field("Country", input("country", { placeholder: "Syria or SY" })),
    field("Admin1", input("admin1", { placeholder: "Idlib" })),
    field("Actor", input("actor", { placeholder: "name or id" })),
    field("Bbox", input("bbox", { placeholder: "minlon,minlat,maxlon,maxlat", size: "26" })),
    field("Changed since", input("updated_since", { placeholder: "2024-05-01T12:00Z", size: "18" })),
    Object.entries(LINKED).map(([key, label]) =>
      filters[key]
        ? h(
            "span",
            { class: "chip linked" },
            `${label} ${filters[key]} `,
            h("input", { type: "hidden", name: key, value: filters[key] }),
            h("button", { type: "button", class: "link", title: `show every ${label}`, onclick: () => onApply({ ...filters, [key]: undefined }) }, "✕"),
          )
        : h("input", { type: "hidden", name: key, value: "" }),
    ),
    h(
      "div",
      { class: "filter-buttons" },
      h("button", { type: "submit", class: "primary", id: "apply-filters" }, "Apply"),
      h("button", { type: "reset", id: "reset-filters" }, "Reset"),
    ),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const out = {};
    for (const k of FILTER_KEYS) {
      const v = form.elements[k].value.trim();
      if (v) out[k] = v;
    }
    onApply(out);
  });
  form.addEventListener("reset", (e) => {
    e.preventDefault();
    onApply({});
  });
  return form;
}
