#!/usr/bin/env bash
# Vendor the web UI's third-party browser libraries into src/hadath/web/vendor/.
#
# The UI must work offline and is served with a strict Content-Security-Policy
# (no CDN), so the files are copied out of the npm package into the Python
# package and committed.  Versions are pinned in web-src/package-lock.json.
#
#   bash scripts/vendor_web.sh          # npm ci + copy
#   bash scripts/vendor_web.sh --check  # fail if the committed copy differs
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SRC="$ROOT/web-src"
DEST="$ROOT/src/hadath/web/vendor"

command -v npm >/dev/null || { echo "vendor_web: npm is required (Node.js 18+)" >&2; exit 2; }

cd "$SRC"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --silent
else
  npm install --no-audit --no-fund --silent
fi

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
LEAFLET="$SRC/node_modules/leaflet"
mkdir -p "$STAGE/leaflet/images"
cp "$LEAFLET/dist/leaflet.js" "$LEAFLET/dist/leaflet.css" "$STAGE/leaflet/"
cp "$LEAFLET"/dist/images/*.png "$STAGE/leaflet/images/"
cp "$LEAFLET/LICENSE" "$STAGE/leaflet/LICENSE"
# leaflet.js ends with a sourceMappingURL comment; the map is not vendored.
sed -i '/^\/\/# sourceMappingURL=/d' "$STAGE/leaflet/leaflet.js"
# The offline base map: Natural Earth 1:50m land, coastlines and borders from the world-atlas package,
# converted to GeoJSON by web-src/basemap.js with topojson-client (build time only; see docs/web.md).
ATLAS="$SRC/node_modules/world-atlas"
mkdir -p "$STAGE/basemap"
node "$SRC/basemap.js" "$ATLAS/countries-50m.json" "$STAGE/basemap/world-50m.geojson"
cp "$ATLAS/LICENSE" "$STAGE/basemap/LICENSE-world-atlas"
cp "$SRC/node_modules/topojson-client/LICENSE" "$STAGE/basemap/LICENSE-topojson-client"
node -e 'const v=(n)=>require(process.argv[1]+"/"+n+"/package.json").version;
console.log(JSON.stringify({leaflet:v("leaflet"),"world-atlas":v("world-atlas"),"topojson-client":v("topojson-client")},null,1))' \
  "$SRC/node_modules" > "$STAGE/VERSIONS.json"

if [[ "${1:-}" == "--check" ]]; then
  if diff -r "$STAGE" "$DEST" >/dev/null; then
    echo "vendor_web: $DEST is up to date"
  else
    echo "vendor_web: $DEST differs from web-src/package-lock.json; run scripts/vendor_web.sh" >&2
    diff -r "$STAGE" "$DEST" | head -20 >&2 || true
    exit 1
  fi
  exit 0
fi

rm -rf "$DEST"
mkdir -p "$DEST"
cp -r "$STAGE"/. "$DEST"/
echo "vendor_web: copied into $DEST:"
(cd "$DEST" && find . -type f | sort)
