"""Loaders for the language data under ``hadath/lang/<lang>/`` (data only: see lang/ar/README.md).

Files are UTF-8 text with ``#`` comment lines at the top saying what they hold and where the facts come
from.  Loaders are cached: each file is read once per process.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["data_path", "load_json", "load_lines", "load_tsv", "read_text"]


def data_path(name: str, lang: str = "ar") -> resources.abc.Traversable:
    return resources.files("hadath.lang").joinpath(lang, name)


@cache
def read_text(name: str, lang: str = "ar") -> str:
    return data_path(name, lang).read_text(encoding="utf-8")


@cache
def load_lines(name: str, lang: str = "ar") -> tuple[str, ...]:
    """Non-empty, non-comment lines, stripped."""
    out = []
    for line in read_text(name, lang).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@cache
def load_tsv(name: str, lang: str = "ar") -> tuple[dict[str, str], ...]:
    """Rows of a TSV file whose first non-comment line is the header."""
    lines = [ln for ln in read_text(name, lang).splitlines() if ln.strip() and not ln.startswith("#")]
    if not lines:
        return ()
    header = lines[0].split("\t")
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append({h: c.strip() for h, c in zip(header, cells, strict=False)})
    return tuple(rows)


@cache
def load_json(name: str, lang: str = "ar") -> Any:
    """A JSON file (``//`` comments are not allowed; put provenance in a ``_about`` key)."""
    return json.loads(read_text(name, lang))
