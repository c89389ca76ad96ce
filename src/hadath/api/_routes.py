"""The /v1 views: each one validates its parameters and calls one library function."""

from __future__ import annotations

import hmac
import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from hadath import __version__
from hadath.api._errors import BadRequest, Forbidden, NotFound, Unauthorized
from hadath.api._formats import dumps
from hadath.api._state import Service
from hadath.doc import SCHEMA
from hadath.errors import InputError, StoreError
from hadath.export import write_acled_csv, write_geojson
from hadath.io.readers import BadRecord, record_from_obj
from hadath.store import EventFilter

__all__ = ["MAX_LIMIT", "ArticleIn", "event_filter", "router"]

MAX_LIMIT = 10_000

router = APIRouter(prefix="/v1")


def service(request: Request) -> Service:
    svc: Service = request.app.state.hadath
    return svc


Svc = Annotated[Service, Depends(service)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, description="rows to skip")]
Since = Annotated[date | None, Query(description="first day, YYYY-MM-DD (inclusive)")]
Until = Annotated[date | None, Query(description="last day, YYYY-MM-DD (inclusive)")]


def json_response(content: Any, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(dumps(content), status_code=status_code, media_type="application/json", headers=headers)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _page(key: str, rows: list[dict[str, Any]], total: int, limit: int, offset: int) -> Response:
    return json_response({key: rows, "total": total, "limit": limit, "offset": offset})


# -- extraction ---------------------------------------------------------------------------------------


class ArticleIn(BaseModel):
    """One article: ``text`` (plain text) or ``html`` (a web page; its main text is extracted), and metadata."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="the article text (plain text, UTF-8)")
    html: str | None = Field(None, description="an HTML page, used when text is absent")
    id: str | None = Field(None, description="your id for the article")
    title: str | None = None
    published: str | None = Field(None, description="publication date YYYY-MM-DD; anchors relative dates")
    outlet: str | None = None
    url: str | None = None


def _extract(svc: Service, body: dict[str, Any]) -> dict[str, Any]:
    """Read the body as an article and run the pipeline (runs in an extraction worker)."""
    rec = record_from_obj(body, "request body")
    if isinstance(rec, BadRecord):
        raise InputError(rec.reason)
    doc = svc.pipeline.extract(rec.text, **rec.meta())
    out = doc.to_dict(include_text=True)
    if rec.warnings:
        out.setdefault("warnings", []).extend(rec.warnings)
    return out


@router.post("/extract", tags=["extract"], summary="Extract one article", response_class=Response)
async def extract(article: ArticleIn, svc: Svc) -> Response:
    """Run the pipeline over one article and return its hadath/1 document, with ``text`` (the text the
    offsets refer to — for HTML input, the main text extracted from the page).  Nothing is stored."""
    body = article.model_dump(exclude_none=True)
    return json_response(await svc.runner.run(lambda: _extract(svc, body)))


# -- ingestion (token only) ---------------------------------------------------------------------------


def require_token(request: Request, svc: Svc) -> None:
    """POST /v1/ingest needs ``Authorization: Bearer <token>`` and a server started with a token."""
    expected = svc.settings.token
    if expected is None:
        raise Forbidden("the server is read-only: start it with --token to enable POST /v1/ingest")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("missing bearer token: send 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise Forbidden("invalid token")


@router.post(
    "/ingest",
    tags=["store"],
    summary="Store an article (token required)",
    dependencies=[Depends(require_token)],
    response_class=Response,
)
async def ingest(
    body: dict[str, Any],
    svc: Svc,
    recluster: Annotated[
        bool, Query(description="recompute the corroboration clusters around the new events afterwards")
    ] = True,
) -> Response:
    """Store a hadath/1 document that carries its ``text`` (as POST /v1/extract returns it), or extract an
    article body (as for POST /v1/extract) and store the result.  201 when stored, 200 when unchanged."""
    from hadath.store import prepare_article

    store = svc.store
    if body.get("schema") == SCHEMA:
        doc = body
    else:
        unknown = set(body) - set(ArticleIn.model_fields)
        if unknown:
            raise BadRequest(f"unknown field(s) {sorted(unknown)}: send a hadath/1 document or an article")
        doc = await svc.runner.run(lambda: _extract(svc, body))
    text = doc.get("text")
    if not isinstance(text, str):
        raise InputError("the document has no 'text': send the hadath/1 document with its text")
    try:
        prepared = prepare_article({k: v for k, v in doc.items() if k != "text"}, text, "api")
    except StoreError as exc:
        raise InputError(exc.message, detail=exc.detail) from exc
    counts = await run_in_threadpool(store.add_prepared, [prepared])
    status = next((k for k, n in counts.items() if n), "unchanged")
    clusters = await run_in_threadpool(store.recluster_changed) if recluster and status != "unchanged" else None
    out = {"status": status, "id": prepared.article_id, "sha256": prepared.sha256, "events": prepared.n_events}
    if clusters is not None:
        out["clusters"] = clusters
    return json_response(out, status_code=200 if status == "unchanged" else 201)


# -- articles -----------------------------------------------------------------------------------------


@router.get("/articles", tags=["store"], summary="Search articles", response_class=Response)
def articles(
    svc: Svc,
    q: Annotated[str | None, Query(description="full-text query; a trailing * searches a prefix")] = None,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[str | None, Query(description="outlet name (case-insensitive)")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Latest versions of the stored articles, newest first (best match first with ``q``)."""
    rows, total = svc.store.articles(
        q=q, since=_iso(since), until=_iso(until), outlet=outlet, limit=limit, offset=offset
    )
    return _page("articles", rows, total, limit, offset)


@router.get("/articles/{article_id}", tags=["store"], summary="One article, all layers", response_class=Response)
def article(
    article_id: str,
    svc: Svc,
    version: Annotated[int | None, Query(ge=1, description="a stored version (default: the latest)")] = None,
) -> Response:
    """The hadath/1 document of an article with its ``text``."""
    doc = svc.store.article(article_id, version=version)
    if doc is None:
        raise NotFound(f"no article with id {article_id!r}", detail={"id": article_id, "version": version})
    return json_response(doc)


# -- events -------------------------------------------------------------------------------------------


def event_filter(
    since: Since = None,
    until: Until = None,
    event_type: Annotated[str | None, Query(description="ACLED event type (any case), e.g. Battles")] = None,
    sub_event_type: Annotated[
        str | None, Query(description="ACLED sub-event type (any case), e.g. Air/drone strike")
    ] = None,
    country: Annotated[str | None, Query(description="country name or ISO 3166 alpha-2 code")] = None,
    admin1: Annotated[str | None, Query(description="first-level administrative division")] = None,
    actor: Annotated[str | None, Query(description="actor name (substring) or canonical id")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
    cluster_id: Annotated[str | None, Query(description="members of one corroboration cluster")] = None,
    article_id: Annotated[str | None, Query(description="events of one article")] = None,
    updated_since: Annotated[
        str | None,
        Query(description="the change feed: events added or changed at or after this ISO 8601 time (UTC if no zone)"),
    ] = None,
) -> EventFilter:
    """The event filters of the query string, checked by :class:`EventFilter`: a bad value is a 422 whose
    detail names the parameter and lists the valid values."""
    try:
        return EventFilter.parse(
            since=_iso(since),
            until=_iso(until),
            event_type=event_type,
            sub_event_type=sub_event_type,
            country=country,
            admin1=admin1,
            actor=actor,
            bbox=bbox,
            cluster_id=cluster_id,
            article_id=article_id,
            updated_since=updated_since,
        )
    except InputError as exc:
        detail = exc.detail if isinstance(exc.detail, dict) else {}
        error = {"loc": ("query", detail.get("parameter")), "msg": exc.message, "type": "value_error"}
        raise RequestValidationError([{**error, "valid": detail.get("valid")}]) from None


@router.get("/events", tags=["store"], summary="Filter events", response_class=Response)
def events(
    svc: Svc,
    filters: Annotated[EventFilter, Depends(event_filter)],
    format: Annotated[Literal["json", "geojson", "csv"], Query(description="response format")] = "json",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Flat event rows of the latest article versions, by date; ``total`` counts every match."""
    rows, total = svc.store.events(filters, limit=limit, offset=offset)
    headers = {"X-Total-Count": str(total)}
    if format == "json":
        return json_response({"events": rows, "total": total, "limit": limit, "offset": offset}, headers=headers)
    body = io.StringIO()
    if format == "geojson":
        write_geojson(rows, body, members={"total": total, "limit": limit, "offset": offset})
        return Response(body.getvalue().encode("utf-8"), media_type="application/geo+json", headers=headers)
    write_acled_csv(rows, body)
    headers["Content-Disposition"] = 'attachment; filename="events.csv"'
    return Response(body.getvalue().encode("utf-8"), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/deleted", tags=["store"], summary="Deleted events (the change feed)", response_class=Response)
def deleted(
    svc: Svc,
    since: Annotated[
        str | None, Query(description="deleted at or after this ISO 8601 time (UTC if no zone); all without")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Events that a re-extraction or a new article version removed, oldest first: ``id``, ``event_id_cnty``,
    ``article_id``, ``deleted_at``, ``hadath_version``, ``codebook_version``, ``reason``."""
    try:
        rows, total = svc.store.deleted(since=since, limit=limit, offset=offset)
    except InputError as exc:
        error = {"loc": ("query", "since"), "msg": exc.message, "type": "value_error"}
        raise RequestValidationError([error]) from None
    return json_response(
        {"deleted": rows, "total": total, "limit": limit, "offset": offset}, headers={"X-Total-Count": str(total)}
    )


@router.get("/events/{event_id}", tags=["store"], summary="One event", response_class=Response)
def event(event_id: str, svc: Svc) -> Response:
    """One event by its global id ``<article_id>:<event id>``, with the attributions that report it."""
    ev = svc.store.event(event_id)
    if ev is None:
        raise NotFound(f"no event with id {event_id!r}", detail={"id": event_id})
    return json_response(ev)


# -- clusters -----------------------------------------------------------------------------------------


@router.get("/clusters", tags=["store"], summary="Corroboration clusters", response_class=Response)
def clusters(svc: Svc, since: Since = None, until: Until = None, limit: Limit = 50, offset: Offset = 0) -> Response:
    """Groups of events from two or more articles that describe one happening, newest first."""
    rows, total = svc.store.clusters(since=_iso(since), until=_iso(until), limit=limit, offset=offset)
    return _page("clusters", rows, total, limit, offset)


@router.get("/clusters/{cluster_id}", tags=["store"], summary="One cluster", response_class=Response)
def cluster(cluster_id: str, svc: Svc) -> Response:
    """One cluster's summary and its member events."""
    c = svc.store.cluster(cluster_id)
    if c is None:
        raise NotFound(f"no cluster with id {cluster_id!r}", detail={"id": cluster_id})
    return json_response(c)


# -- health -------------------------------------------------------------------------------------------


@router.get("/health", tags=["service"], summary="Service status", response_class=Response)
def health(svc: Svc) -> Response:
    """Version, pipeline, store counts (null without a store), whether ingestion is enabled, the limits."""
    store: dict[str, Any] | None = None
    if svc.has_store:
        stats = svc.store.stats()
        store = {k: stats[k] for k in ("articles", "events", "clusters", "published", "event_dates") if k in stats}
    s = svc.settings
    return json_response(
        {
            "status": "ok",
            "version": __version__,
            "schema": SCHEMA,
            "pipeline": svc.pipeline.names,
            "store": store,
            "ingest": s.token is not None,
            "limits": {"max_body": s.max_body, "extract_timeout": s.extract_timeout, "max_limit": MAX_LIMIT},
        }
    )
