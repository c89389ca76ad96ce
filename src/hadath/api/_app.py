"""The application factory: settings, store, middleware, error handlers, the API and the web UI."""

from __future__ import annotations

import html
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import Response
from starlette.staticfiles import StaticFiles

from hadath import __version__
from hadath.api._errors import install_error_handlers
from hadath.api._middleware import BodyLimitMiddleware, SecurityHeadersMiddleware, security_headers
from hadath.api._routes import router
from hadath.api._state import Extractor, Service, Settings
from hadath.lang.ar.examples import SENTENCES
from hadath.store import Store

__all__ = ["SETTINGS_ENV", "WEB_DIR", "app_from_env", "create_app"]

log = logging.getLogger("hadath.api")

#: The web UI's files (package data).
WEB_DIR = Path(__file__).resolve().parent.parent / "web"

#: Where ``hadath serve --workers N`` passes the settings to its worker processes (JSON).
SETTINGS_ENV = "HADATH_SERVE_SETTINGS"

_WARMUP_TEXT = SENTENCES[0]


@lru_cache(maxsize=1)
def _index_template() -> str:
    return (WEB_DIR / "index.html").read_text(encoding="utf-8")


def create_app(
    db_path: str | os.PathLike[str] | None = None,
    *,
    max_body: int = 2_000_000,
    extract_timeout: float = 10.0,
    token: str | None = None,
    tile_url: str | None = None,
    tile_attribution: str | None = None,
    extract_workers: int = 2,
    store: Store | None = None,
    pipeline: Extractor | None = None,
) -> FastAPI:
    """The hadath HTTP service (API under /v1, web UI at /).

    ``db_path`` opens a corpus store (read-only unless a ``token`` enables POST /v1/ingest); without
    one only extraction and health are served.  ``store``/``pipeline`` inject ready objects (tests).
    ``tile_url`` (or ``HADATH_TILE_URL``; ``none`` for no tiles) is the map's Leaflet tile template.
    """
    settings = Settings.resolve(
        db_path,
        max_body=max_body,
        extract_timeout=extract_timeout,
        extract_workers=extract_workers,
        token=token,
        tile_url=tile_url,
        tile_attribution=tile_attribution,
    )
    if store is None and settings.db_path is not None:
        from hadath.store import open_store

        store = open_store(settings.db_path, create=settings.token is not None)
    svc = Service(settings, store, pipeline)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Build the pipeline and load its data before the first request, outside the time cap.
        try:
            await svc.runner.run(lambda: svc.pipeline.extract(_WARMUP_TEXT))
        except Exception as exc:  # the server still serves the store; /v1/extract reports the failure
            log.warning("pipeline warm-up failed: %s", exc)
        yield
        svc.close()

    app = FastAPI(
        title="hadath",
        version=__version__,
        summary="Arabic news reports → structured, geocoded, source-attributed conflict-event data (hadath/1).",
        description="See docs/api.md for every endpoint, parameter, limit and error.",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not allowed by the CSP, not offline
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.hadath = svc
    headers = security_headers(settings.tile_url)
    install_error_handlers(app, headers)
    app.include_router(router)

    index_html = (
        _index_template()
        .replace("{{tile_url}}", html.escape(settings.tile_url, quote=True))
        .replace("{{tile_attribution}}", html.escape(settings.tile_attribution, quote=True))
    ).encode("utf-8")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        return Response(index_html, media_type="text/html; charset=utf-8", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")
    # Outermost last: security headers wrap everything, including the body limit's 413.
    app.add_middleware(BodyLimitMiddleware, max_body=settings.max_body)
    app.add_middleware(SecurityHeadersMiddleware, headers=headers)
    return app


def app_from_env() -> FastAPI:
    """``create_app`` with the keyword arguments in ``$HADATH_SERVE_SETTINGS`` (a JSON object).

    The factory uvicorn's worker processes call (``hadath serve --workers N``): each process opens
    its own store connection and extraction pool.
    """
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise RuntimeError(f"{SETTINGS_ENV} is not set")
    kwargs = json.loads(raw)
    if not isinstance(kwargs, dict):
        raise RuntimeError(f"{SETTINGS_ENV} must hold a JSON object")
    db = kwargs.pop("db_path", None)
    return create_app(db, **kwargs)
