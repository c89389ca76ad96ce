// The map: one circle per event coloured by event type (Leaflet, vendored),
// a ring and a count badge on events whose cluster is corroborated by several
// reports, drawn over an offline base map (land, coastlines, country borders and
// names from Natural Earth, vendored: vendor/basemap/). A tile server, when one
// is configured and reachable, draws over the base map.

import * as api from "./api.js";
import { $, h, replace } from "./dom.js";
import { EVENT_TYPES } from "./taxonomy.js";
import { dash, typeColour } from "./vocab.js";

const MAX_MARKERS = 5000;
const BASEMAP_URL = "static/vendor/basemap/world-50m.geojson";
let map = null;
let layer = null;
let basemapData = null;

async function loadBasemap() {
  if (!basemapData) {
    const r = await fetch(BASEMAP_URL);
    if (!r.ok) throw new Error(`base map: HTTP ${r.status}`);
    basemapData = await r.json();
  }
  return basemapData;
}

/** Land, coastlines and borders under everything (below the tiles too), country names above them. */
async function drawBasemap(m) {
  const L = window.L;
  let data;
  try {
    data = await loadBasemap();
  } catch (err) {
    console.warn(`base map not shown: ${err.message}`);
    return;
  }
  if (m !== map) return;
  const renderer = L.canvas({ pane: "basemap" });
  const style = (f) =>
    f.properties.layer === "land"
      ? { color: "#6f8596", weight: 1, fillColor: "#f3f0e8", fillOpacity: 1 }
      : { color: "#8a7f9e", weight: 1.2, dashArray: "4 3", fill: false };
  const shapes = { ...data, features: data.features.filter((f) => f.properties.layer !== "country") };
  L.geoJSON(shapes, { pane: "basemap", renderer, style, interactive: false }).addTo(m);
  const labels = L.layerGroup().addTo(m);
  const names = data.features.filter((f) => f.properties.layer === "country");
  const update = () => {
    labels.clearLayers();
    const z = m.getZoom();
    const bounds = m.getBounds().pad(0.2);
    for (const f of names) {
      const [lon, lat] = f.geometry.coordinates;
      if (!bounds.contains([lat, lon]) || f.properties.area * 2 ** (2 * z) < 400) continue;
      L.marker([lat, lon], {
        pane: "labels",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({ className: "country-label", html: h("span", null, f.properties.name), iconSize: null }),
      }).addTo(labels);
    }
  };
  m.on("zoomend moveend", update);
  update();
}

function tileConfig() {
  const url = $('meta[name="hadath-tile-url"]')?.content || "";
  const attribution = $('meta[name="hadath-tile-attribution"]')?.content || "";
  return { url: url.trim(), attribution };
}

function ensureMap(el) {
  if (map && map.getContainer() === el) return map;
  if (map) map.remove();
  const L = window.L;
  map = L.map(el, { worldCopyJump: true, preferCanvas: false, attributionControl: true }).setView([34.8, 38.9], 6);
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("Base map: Natural Earth");
  map.createPane("basemap").style.zIndex = 150; // under the tiles (200): shown where no tile is
  map.createPane("labels").style.zIndex = 350; // over the tiles, under the markers (400)
  map.getPane("labels").style.pointerEvents = "none";
  drawBasemap(map);
  const tiles = tileConfig();
  if (tiles.url && tiles.url !== "none") {
    // Attribution is operator configuration, passed as text: Leaflet would
    // insert it as HTML, so escape it by going through a text node.
    const escaped = document.createElement("span");
    escaped.textContent = tiles.attribution;
    L.tileLayer(tiles.url, { maxZoom: 18, attribution: escaped.innerHTML }).addTo(map);
  }
  const legend = L.control({ position: "bottomright" });
  legend.onAdd = () =>
    h(
      "div",
      { class: "map-legend" },
      EVENT_TYPES.map((t) => h("div", null, h("span", { class: "swatch", dataset: { colour: typeColour(t) } }), t)),
      h("div", null, h("span", { class: "swatch ring" }), "corroborated (n reports)"),
      h("div", { class: "legend-head" }, "Location known to"),
      h("div", null, h("span", { class: "swatch precision-1" }), "the town itself"),
      h("div", null, h("span", { class: "swatch precision-2" }), "near a town, part of a region"),
      h("div", null, h("span", { class: "swatch precision-3" }), "the province or country only"),
    );
  legend.addTo(map);
  for (const sw of el.querySelectorAll(".swatch[data-colour]")) sw.style.backgroundColor = sw.dataset.colour;
  layer = L.layerGroup().addTo(map);
  return map;
}

const PRECISION = { 1: "the town itself", 2: "near the town or part of a region", 3: "province or country only" };
const STANCE = { deny: "denies", condemn: "condemns", claim: "claims", silent: "silent on it", confirm: "confirms", accuse: "accuses" };

function sourceList(p) {
  const seen = new Set();
  const out = [];
  for (const s of p.sources || []) {
    const label = `${s.speaker_name || "unnamed source"}${STANCE[s.stance] ? ` (${STANCE[s.stance]})` : ""}`;
    if (seen.has(label)) continue;
    seen.add(label);
    out.push(label);
  }
  if (p.outlet) out.unshift(p.outlet);
  return out.join("; ");
}

function popup(p, cluster) {
  return h(
    "div",
    { class: "map-popup" },
    h("strong", null, `${p.sub_event_type || p.event_type}`),
    h("div", null, `${dash(p.event_date)} · ${dash(p.location_name)}${p.admin1 ? `, ${p.admin1}` : ""}${p.country ? `, ${p.country}` : ""}`),
    p.geo_precision ? h("div", { class: "precision" }, `Location: ${PRECISION[p.geo_precision] || p.geo_precision}`) : null,
    h("div", null, h("b", null, "Actors: "), `${dash(p.actor1_name)}${p.actor2_name ? ` vs ${p.actor2_name}` : ""}`),
    h("div", null, h("b", null, "Fatalities: "), p.fatalities != null ? String(p.fatalities) : "not reported"),
    h("div", { class: "sources" }, h("b", null, "Sources: "), dash(sourceList(p))),
    p.notes_en ? h("p", { class: "note" }, p.notes_en) : null,
    cluster ? h("div", null, `Corroborated: ${cluster.n_articles} reports from ${cluster.n_outlets} outlets`) : null,
    h("a", { href: `#/article/${encodeURIComponent(p.article_id)}?event=${encodeURIComponent(p.local_id)}` }, "Open the article"),
  );
}

/** Fetch the filtered events as GeoJSON and draw them. */
export async function renderMap(root, filters) {
  const status = h("p", { class: "status", id: "map-status" }, "Loading…");
  const el = h("div", { class: "map", id: "map", role: "region", "aria-label": "Map of events" });
  replace(root, status, el);
  const L = window.L;
  if (!L) {
    replace(status, "The map library did not load.");
    return;
  }
  ensureMap(el);
  let fc;
  const clusters = new Map();
  try {
    fc = await api.get("events", { ...filters, format: "geojson", limit: MAX_MARKERS });
  } catch (err) {
    replace(status, `Could not load events: ${err.message}`);
    status.classList.add("error");
    return;
  }
  try {
    // Corroboration clusters (two or more articles) of the same period, for the rings and badges.
    const cl = await api.get("clusters", { since: filters.since, until: filters.until, limit: MAX_MARKERS });
    for (const c of cl.clusters) clusters.set(c.cluster_id, c);
  } catch (err) {
    console.warn(`clusters not shown: ${err.message}`);
  }
  layer.clearLayers();
  const points = [];
  const ringed = new Map();
  let unplaced = 0;
  for (const f of fc.features) {
    if (!f.geometry || f.geometry.type !== "Point") {
      unplaced++;
      continue;
    }
    const [lon, lat] = f.geometry.coordinates;
    const p = f.properties;
    const colour = typeColour(p.event_type);
    const fat = Number(p.fatalities) || 0;
    // An event known only by its country or province sits at that area's centroid: drawn hollow and dashed,
    // so it is not mistaken for an event in the town that happens to lie there.
    // An event near a town or in part of a region (geo precision 2) gets a dotted outline and a lighter fill.
    const area = p.area === "country" || p.area === "admin1";
    const near = !area && p.geo_precision === 2;
    const marker = L.circleMarker([lat, lon], {
      radius: 6 + Math.min(10, Math.sqrt(fat) * 1.5),
      color: area ? colour : "#1b2631",
      weight: area || near ? 2 : 1,
      dashArray: area ? "3 3" : near ? "1 3" : null,
      fillColor: colour,
      fillOpacity: area ? 0.15 : near ? 0.5 : 0.85,
      className: area ? `event-marker event-area event-area-${p.area}` : near ? "event-marker event-near" : "event-marker",
    });
    if (area) marker.bindTooltip(p.area === "country" ? "location: country only" : "location: province only");
    else if (near) marker.bindTooltip(`location: near ${p.location_name || "a town"}`);
    const cluster = p.cluster_id ? clusters.get(p.cluster_id) : null;
    marker.bindPopup(popup(p, cluster));
    marker.addTo(layer);
    points.push([lat, lon]);
    if (cluster && !ringed.has(cluster.cluster_id)) {
      const at = typeof cluster.lat === "number" ? [cluster.lat, cluster.lon] : [lat, lon];
      ringed.set(cluster.cluster_id, { lat: at[0], lon: at[1], n: cluster.n_articles });
    }
  }
  for (const c of ringed.values()) {
    L.circleMarker([c.lat, c.lon], {
      radius: 17,
      color: "#1b2631",
      weight: 2,
      dashArray: "4 3",
      fill: false,
      interactive: false,
      className: "cluster-ring",
    }).addTo(layer);
    L.marker([c.lat, c.lon], {
      title: `${c.n} reports`,
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "cluster-badge", html: h("span", null, String(c.n)), iconSize: [20, 20], iconAnchor: [-6, 22] }),
    }).addTo(layer);
  }
  if (points.length) map.fitBounds(points, { padding: [30, 30], maxZoom: 10 });
  map.invalidateSize();
  const shown = `${points.length} of ${fc.total} events on the map`;
  replace(status, unplaced ? `${shown} (${unplaced} without coordinates)` : shown);
}
