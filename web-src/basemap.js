// Build the offline base map from the world-atlas npm package (Natural Earth 1:50m, public domain) with
// topojson-client: run by scripts/vendor_web.sh, never in the browser.  Writes one GeoJSON FeatureCollection:
//   land       the land polygons: a pale fill over a sea-coloured background, their outline the coastline
//   borders    the borders between countries (arcs shared by two)
//   country    one point per country (its name, at the centre of its largest polygon's bounding box) for labels
// Coordinates are rounded to 2 decimals (about 1 km, the detail a 1:50 million map has).
"use strict";
const path = require("path");
const fs = require("fs");
const topojson = require("topojson-client");

const [src, dest] = process.argv.slice(2);
const topo = JSON.parse(fs.readFileSync(src, "utf8"));
const round = (c) => {
  if (typeof c[0] === "number") return c.map((x) => Math.round(x * 100) / 100);
  const out = c.map(round);
  // a line or ring: drop the points that rounding made equal to the one before
  return typeof out[0][0] === "number" ? out.filter((p, i) => i === 0 || p[0] !== out[i - 1][0] || p[1] !== out[i - 1][1]) : out;
};
const geom = (g) => ({ type: g.type, coordinates: round(g.coordinates) });
const features = [];
const land = topojson.feature(topo, topo.objects.land);
for (const f of land.features || [land]) features.push({ type: "Feature", properties: { layer: "land" }, geometry: geom(f.geometry) });
const borders = topojson.mesh(topo, topo.objects.countries, (a, b) => a !== b);
features.push({ type: "Feature", properties: { layer: "borders" }, geometry: geom(borders) });
const ring = (poly) => poly[0];
const area = (r) => {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j][0] + r[i][0]) * (r[j][1] - r[i][1]);
  return Math.abs(s / 2);
};
for (const c of topojson.feature(topo, topo.objects.countries).features) {
  if (!c.geometry) continue;
  const polys = c.geometry.type === "Polygon" ? [c.geometry.coordinates] : c.geometry.coordinates;
  const big = polys.map(ring).sort((a, b) => area(b) - area(a))[0];
  const xs = big.map((p) => p[0]);
  const ys = big.map((p) => p[1]);
  const at = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  features.push({
    type: "Feature",
    properties: { layer: "country", name: c.properties.name, area: Math.round(area(big) * 100) / 100 },
    geometry: { type: "Point", coordinates: round(at) },
  });
}
fs.writeFileSync(dest, JSON.stringify({ type: "FeatureCollection", source: path.basename(src), features }) + "\n");
