"""The hadath HTTP service: a thin FastAPI layer over the library, and the analysts' web UI.

>>> from hadath.api import create_app
>>> app = create_app("corpus.db")            # doctest: +SKIP
>>> # uvicorn.run(app)  — or: hadath serve --db corpus.db

Endpoints (docs/api.md): ``POST /v1/extract``, ``POST /v1/ingest`` (token), ``GET /v1/articles``,
``GET /v1/articles/{id}``, ``GET /v1/events`` (json | geojson | csv), ``GET /v1/events/{id}``, ``GET /v1/deleted``,
``GET /v1/clusters``, ``GET /v1/clusters/{id}``, ``GET /v1/health``; the OpenAPI description at
``/openapi.json``; the web UI at ``/``.  Every error is ``{"error": {"type", "message", "detail"}}``.

Needs the ``serve`` extra (``pip install 'hadath[serve]'``).
"""

from __future__ import annotations

try:
    import fastapi  # noqa: F401
except ModuleNotFoundError as exc:  # pragma: no cover - depends on the installation
    raise ModuleNotFoundError(
        "hadath.api needs FastAPI and uvicorn: pip install 'hadath[serve]'", name=exc.name
    ) from exc

from hadath.api._app import WEB_DIR, create_app
from hadath.api._state import DEFAULT_TILE_URL, Settings

__all__ = ["DEFAULT_TILE_URL", "WEB_DIR", "Settings", "create_app"]
