"""The web UI's files, checked without a browser: no HTML sinks, no remote resources, vendored libraries,
the taxonomy only in its generated module, docs/web.md in step with the views."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "src" / "hadath" / "web"
OWN_JS = sorted(WEB.glob("*.js"))
SCHEMA = json.loads((ROOT / "src" / "hadath" / "schema" / "hadath-1.schema.json").read_text(encoding="utf-8"))


def test_the_ui_files_exist() -> None:
    for name in ("index.html", "app.js", "app.css", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"):
        assert (WEB / name).is_file(), name
    assert len(OWN_JS) >= 5


@pytest.mark.parametrize("path", OWN_JS, ids=lambda p: p.name)
def test_no_html_sinks(path: Path) -> None:
    """Data reaches the page through textContent and createElement only."""
    src = path.read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", src)  # comments may name the sinks
    for sink in (
        r"\.innerHTML\s*[+]?=",
        r"\.outerHTML\s*=",
        r"insertAdjacentHTML",
        r"document\.write",
        r"\beval\s*\(",
        r"new\s+Function\b",
        r"setAttribute\(\s*[\"']style",
        r"setAttribute\(\s*[\"']on",
        r"\bsetTimeout\(\s*[\"'`]",
        r"createContextualFragment",
        r"DOMParser",
    ):
        assert not re.search(sink, code), f"{path.name} uses {sink}"


def test_index_loads_local_files_only() -> None:
    html = (WEB / "index.html").read_text(encoding="utf-8")
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert refs
    for ref in refs:
        assert not re.match(r"(?:https?:)?//", ref), f"remote resource in index.html: {ref}"
    css = (WEB / "app.css").read_text(encoding="utf-8")
    assert "url(" not in css and "@import" not in css


def test_leaflet_is_vendored_at_the_pinned_version() -> None:
    pinned = json.loads((ROOT / "web-src" / "package.json").read_text(encoding="utf-8"))["dependencies"]["leaflet"]
    versions = json.loads((WEB / "vendor" / "VERSIONS.json").read_text(encoding="utf-8"))
    assert versions["leaflet"] == pinned
    js = (WEB / "vendor" / "leaflet" / "leaflet.js").read_text(encoding="utf-8")
    assert f'version="{pinned}"' in js
    assert "sourceMappingURL" not in js
    assert (WEB / "vendor" / "leaflet" / "LICENSE").is_file()
    lock = json.loads((ROOT / "web-src" / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/leaflet"]["version"] == pinned


def test_the_taxonomy_is_only_in_the_generated_module() -> None:
    """taxonomy.js is generated from hadath.taxonomy (tests/test_taxonomy.py checks it is current); no other
    module spells out an event or sub-event type."""
    from hadath.taxonomy import EVENT_TYPES, sub_event_types

    assert (WEB / "taxonomy.js").is_file()
    for path in OWN_JS:
        if path.name == "taxonomy.js":
            continue
        src = path.read_text(encoding="utf-8")
        for name in (*EVENT_TYPES, *sub_event_types()):
            assert f'"{name}"' not in src and f"{name}:" not in src, f"{path.name} spells out {name!r}"


def test_docs_describe_every_view() -> None:
    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    app = (WEB / "app.js").read_text(encoding="utf-8")
    views = set(re.findall(r'view === "(\w+)"', app))
    assert views >= {"articles", "article", "events", "map", "timeline", "extract"}
    for view in views:
        assert f"#/{view}" in doc, f"docs/web.md does not describe the #/{view} view"


def test_issue18_the_base_map_is_vendored_from_world_atlas() -> None:
    """Natural Earth land and borders, built from the pinned world-atlas package by scripts/vendor_web.sh."""
    deps = json.loads((ROOT / "web-src" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    versions = json.loads((WEB / "vendor" / "VERSIONS.json").read_text(encoding="utf-8"))
    assert versions["world-atlas"] == deps["world-atlas"] and versions["topojson-client"] == deps["topojson-client"]
    base = WEB / "vendor" / "basemap"
    assert (base / "LICENSE-world-atlas").is_file() and (base / "LICENSE-topojson-client").is_file()
    fc = json.loads((base / "world-50m.geojson").read_text(encoding="utf-8"))
    layers = {f["properties"]["layer"] for f in fc["features"]}
    assert layers == {"land", "borders", "country"}
    names = {f["properties"].get("name") for f in fc["features"]}
    assert {"Syria", "Iraq", "Lebanon", "Yemen", "Libya"} <= names
    assert "basemap/world-50m.geojson" in (WEB / "map.js").read_text(encoding="utf-8")
