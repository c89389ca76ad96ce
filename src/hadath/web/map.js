// The map: one circle per event coloured by event type (Leaflet, vendored),
// a ring and a count badge on events whose cluster is corroborated by several
// reports. Without a tile server (or without network) the markers sit on a
// plain background.

import * as api from "./api.js";
import { $, h, replace } from "./dom.js";
import { EVENT_TYPES } from "./taxonomy.js";
import { dash, typeColour } from "./vocab.js";

const MAX_MARKERS = 5000;
let map = null;
let layer = null;

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
    );
  legend.addTo(map);
  for (const sw of el.querySelectorAll(".swatch[data-colour]")) sw.style.backgroundColor = sw.dataset.colour;
  layer = L.layerGroup().addTo(map);
  return map;
}

function popup(p, cluster) {
  return h(
    "div",
    { class: "map-popup" },
    h("strong", null, `${p.sub_event_type || p.event_type}`),
    h("div", null, `${dash(p.event_date)} · ${dash(p.location_name)}${p.admin1 ? `, ${p.admin1}` : ""}`),
    h("div", null, `${dash(p.actor1_name)}${p.actor2_name ? ` vs ${p.actor2_name}` : ""}`),
    p.fatalities != null ? h("div", null, `Fatalities: ${p.fatalities}`) : null,
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
    const marker = L.circleMarker([lat, lon], {
      radius: 6 + Math.min(10, Math.sqrt(fat) * 1.5),
      color: "#1b2631",
      weight: 1,
      fillColor: colour,
      fillOpacity: 0.85,
      className: "event-marker",
    });
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
