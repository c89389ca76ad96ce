"""JSON response bodies.  (CSV and GeoJSON bodies are written by :mod:`hadath.export`, as for the CLI.)"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps"]


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON (Arabic stays readable)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
