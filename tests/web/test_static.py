"""The web UI's files, checked without a browser: no HTML sinks, no remote resources, vendored libraries,
the taxonomy in step with the schema, docs/web.md in step with the views."""

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


def _js_list(src: str, name: str) -> list[str]:
    m = re.search(rf"{name} = \[(.*?)\];", src, flags=re.S)
    assert m, name
    return re.findall(r'"([^"]+)"', m.group(1))


def test_event_taxonomy_matches_the_schema() -> None:
    subtypes: dict[str, list[str]] = SCHEMA["$defs"]["subevent_types"]
    vocab = (WEB / "vocab.js").read_text(encoding="utf-8")
    assert _js_list(vocab, "export const EVENT_TYPES") == list(subtypes)
    filters = (WEB / "filters.js").read_text(encoding="utf-8")
    block = re.search(r"const SUB_TYPES = \{(.*?)\n\};", filters, flags=re.S)
    assert block
    js_subtypes = {}
    for m in re.finditer(r'(?:"([^"]+)"|(\w+)): \[(.*?)\]', block.group(1), flags=re.S):
        js_subtypes[m.group(1) or m.group(2)] = re.findall(r'"([^"]+)"', m.group(3))
    assert js_subtypes == subtypes


def test_docs_describe_every_view() -> None:
    doc = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
    app = (WEB / "app.js").read_text(encoding="utf-8")
    views = set(re.findall(r'view === "(\w+)"', app))
    assert views >= {"articles", "article", "events", "map", "timeline", "extract"}
    for view in views:
        assert f"#/{view}" in doc, f"docs/web.md does not describe the #/{view} view"
