// Labels and colours shared by the reader, the table, the map and the timeline.

import { EVENT_TYPES } from "./taxonomy.js";

// The colours of the event types, in EVENT_TYPES order (app.css's .et-0 … .et-5 are the same).
const TYPE_COLOURS = ["#c0392b", "#e67e22", "#8e44ad", "#2471a3", "#6e2c00", "#5d6d7e"];

export function typeColour(type) {
  const i = EVENT_TYPES.indexOf(type);
  return i >= 0 ? TYPE_COLOURS[i] : "#7f8c8d";
}

/** CSS class for an event type (colour classes live in app.css). */
export function typeClass(type) {
  const i = EVENT_TYPES.indexOf(type);
  return i >= 0 ? `et-${i}` : "et-x";
}

export const KIND_LABELS = {
  person: "Person",
  organization: "Organisation",
  actor: "Actor",
  place: "Place",
  date: "Date",
  quantity: "Quantity",
};

export const GEO_PRECISION = {
  1: "1 — the town or village itself",
  2: "2 — near a town / part of a region",
  3: "3 — only the province or country",
};

export const TIME_PRECISION = { 1: "1 — day", 2: "2 — week", 3: "3 — month" };

export const STANCE_LABELS = {
  assert: "asserts",
  deny: "denies",
  confirm: "confirms",
  silent: "silent on",
};

export function fmtCoord(v) {
  return typeof v === "number" ? v.toFixed(4) : "—";
}

export function dash(v) {
  return v === null || v === undefined || v === "" ? "—" : String(v);
}
