"""docs/api.md documents every endpoint, parameter, setting, option, environment variable and error type."""

from __future__ import annotations

import argparse
import inspect
import re
from pathlib import Path

import pytest

from hadath.api import _errors, create_app
from hadath.api._routes import ArticleIn
from hadath.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")


def _sections() -> dict[str, str]:
    """``METHOD /path`` → the text of its ``### METHOD /path`` section."""
    parts = re.split(r"^### ", DOC, flags=re.M)
    out = {}
    for part in parts[1:]:
        head, _, body = part.partition("\n")
        out[head.strip()] = body.split("\n## ")[0]
    return out


def _endpoints() -> list[tuple[str, str]]:
    app = create_app()
    spec = app.openapi()
    app.state.hadath.close()
    return [(m.upper(), p) for p, ops in spec["paths"].items() for m in ops]


def test_every_endpoint_has_a_section() -> None:
    sections = _sections()
    missing = [f"{m} {p}" for m, p in _endpoints() if f"{m} {p}" not in sections]
    assert not missing, f"undocumented in docs/api.md: {missing}"
    assert len(_endpoints()) == 10


def test_every_documented_endpoint_exists() -> None:
    real = {f"{m} {p}" for m, p in _endpoints()}
    documented = {h for h in _sections() if re.match(r"(GET|POST|PUT|PATCH|DELETE) /", h)}
    assert documented <= real, f"docs/api.md documents endpoints that do not exist: {documented - real}"


@pytest.mark.parametrize(("method", "path"), _endpoints())
def test_every_parameter_is_documented(method: str, path: str) -> None:
    app = create_app()
    op = app.openapi()["paths"][path][method.lower()]
    app.state.hadath.close()
    section = _sections()[f"{method} {path}"]
    for param in op.get("parameters", []):
        name = param["name"]
        if param["in"] == "path":
            assert "{" + name + "}" in path
            continue
        assert f"`{name}`" in section, f"{method} {path}: parameter {name!r} is not documented in its section"


def test_extract_body_fields_are_documented() -> None:
    section = _sections()["POST /v1/extract"]
    for name in ArticleIn.model_fields:
        assert f"`{name}`" in section, name


def test_every_setting_is_documented() -> None:
    params = [p for p in inspect.signature(create_app).parameters]
    settings = DOC.split("## Settings")[1].split("\n## ")[0]
    for name in params:
        assert f"`{name}`" in settings, f"create_app({name}=...) is not documented"


def test_every_serve_option_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    serve = sub.choices["serve"]
    for action in serve._actions:
        for opt in action.option_strings:
            if opt.startswith("--") and opt != "--help":
                assert f"`{opt}" in DOC, f"hadath serve {opt} is not documented"


def test_every_environment_variable_is_documented() -> None:
    src = ROOT / "src" / "hadath"
    names: set[str] = set()
    for path in [*sorted((src / "api").glob("*.py")), src / "cli" / "serve.py"]:
        names |= set(re.findall(r"\bHADATH_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    assert names >= {"HADATH_TILE_URL", "HADATH_API_TOKEN"}
    for name in names:
        assert f"`{name}`" in DOC, name


def test_every_error_type_is_documented() -> None:
    table = DOC.split("## Errors")[1].split("\n## ")[0]
    api_errors = [
        cls.__name__
        for _, cls in inspect.getmembers(_errors, inspect.isclass)
        if issubclass(cls, _errors.ApiError) and cls is not _errors.ApiError
    ]
    for name in [*api_errors, "InputError", "ValidationError", "MethodNotAllowed", "InternalError"]:
        assert f"`{name}`" in table, f"error type {name} is not in the table of docs/api.md"
