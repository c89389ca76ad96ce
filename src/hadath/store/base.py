"""The Store protocol: what the CLI, the ingest engine and the HTTP API may ask of a corpus store.

A store keeps hadath/1 documents keyed by the SHA-256 of their text.  Adding the same text again
changes nothing (``"unchanged"``); a different text for a stored article id or URL becomes a new
version of that article (``"version"``) and queries show only the latest version.  Writes go through
one writer in batches (one transaction per batch), so a crash loses at most the batch in flight.

Event rows (``events()``) are flat dicts; see docs/store.md for every key.  Which events they are is one
:class:`EventFilter`.  Dates are ``YYYY-MM-DD`` strings and bounds are inclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from hadath.errors import InputError
from hadath.isodate import iso_date
from hadath.store._prepare import PreparedArticle
from hadath.taxonomy import (
    EVENT_TYPES,
    canonical_event_type,
    canonical_sub_event_type,
    sub_event_types,
)

if TYPE_CHECKING:
    from hadath.similarity import Embedder

__all__ = ["ADD_STATUSES", "EventFilter", "Store", "timestamp"]

#: What ``add`` returns.
ADD_STATUSES = ("ingested", "unchanged", "version")


def _invalid(name: str, value: Any, message: str, valid: Iterable[str] | None = None) -> InputError:
    return InputError(
        message, detail={"parameter": name, "value": value, "valid": list(valid) if valid is not None else None}
    )


def _text(f: EventFilter, name: str, value: Any) -> str:
    if not isinstance(value, str):
        raise _invalid(name, value, f"{name} must be text, got {value!r}")
    return value


def _date(f: EventFilter, name: str, value: Any) -> str:
    try:
        return iso_date(_text(f, name, value), name)
    except InputError as exc:
        raise _invalid(name, value, exc.message) from None


def timestamp(value: Any, name: str = "updated_since") -> str:
    """A change-feed timestamp as the store keeps it, ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC), from an ISO 8601
    date or date-time (``2024-05-01``, ``2024-05-01T12:00``, ``…T12:00:00.5+02:00``; no zone means UTC)."""
    if not isinstance(value, str):
        raise _invalid(name, value, f"{name} must be text, got {value!r}")
    try:
        t = datetime.fromisoformat(value.strip())
    except ValueError:
        raise _invalid(
            name, value, f"{name} must be an ISO 8601 date or time such as 2024-05-01T12:00:00Z, got {value!r}"
        ) from None
    t = t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _timestamp(f: EventFilter, name: str, value: Any) -> str:
    return timestamp(value, name)


def _event_type(f: EventFilter, name: str, value: Any) -> str:
    found = canonical_event_type(_text(f, name, value))
    if found is None:
        raise _invalid(name, value, f"unknown event type {value!r}; one of: {', '.join(EVENT_TYPES)}", EVENT_TYPES)
    return found


def _sub_event_type(f: EventFilter, name: str, value: Any) -> str:
    found = canonical_sub_event_type(_text(f, name, value))
    within = f.event_type  # checked already: it comes first
    valid = sub_event_types(within)
    if found is None:
        raise _invalid(name, value, f"unknown sub-event type {value!r}; one of: {', '.join(valid)}", valid)
    if found not in valid:
        raise _invalid(
            name, value, f"{found!r} is not a sub-event type of {within!r}; one of: {', '.join(valid)}", valid
        )
    return found


def _bbox(f: EventFilter, name: str, value: Any) -> tuple[float, float, float, float]:
    shown = ",".join(map(str, value)) if isinstance(value, tuple | list) else value  # as it was given
    try:
        if isinstance(value, str) or len(value) != 4:
            raise ValueError(value)
        w, s, e, n = (float(x) for x in value)
    except (TypeError, ValueError):
        raise _invalid(name, shown, f"bbox must be four numbers W,S,E,N, got {shown!r}") from None
    if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
        raise _invalid(name, shown, f"bbox must satisfy -180 <= W <= E <= 180 and -90 <= S <= N <= 90, got {shown!r}")
    return (w, s, e, n)


_CHECKS: dict[str, Callable[[Any, str, Any], Any]] = {
    "since": _date,
    "until": _date,
    "event_type": _event_type,
    "sub_event_type": _sub_event_type,
    "bbox": _bbox,
    "updated_since": _timestamp,
}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events ``events`` and ``iter_events`` select: the one list of event filters, which the CLI
    (``hadath events``, ``hadath export``) and the HTTP API (``GET /v1/events``) build and pass on.

    A field left ``None`` (or given as blank text) does not filter.  Making one checks every value, so
    an EventFilter is always valid: ``since``/``until`` become ``YYYY-MM-DD``; ``event_type`` and
    ``sub_event_type`` are ACLED's (:mod:`hadath.taxonomy`), given in any case and kept in ACLED's
    spelling, and a sub-event type must belong to the event type given with it; ``bbox`` is four numbers
    ``(min_lon, min_lat, max_lon, max_lat)`` within ±180/±90; ``updated_since`` (the change feed: events
    added or changed at or after that time) is an ISO 8601 time, kept as :func:`timestamp` writes it.  A bad value is an
    :class:`~hadath.errors.InputError` whose ``detail`` is ``{"parameter", "value", "valid"}`` (``valid``
    lists the accepted values where there is a list, else it is null).  ``country`` is a name or an ISO
    code, ``admin1`` a name, ``actor`` part of a name or a canonical id: free text, matched by the store.
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    cluster_id: str | None = None
    article_id: str | None = None
    updated_since: str | None = None

    def __post_init__(self) -> None:
        for name in self.names():
            value = getattr(self, name)
            if isinstance(value, str):
                value = value.strip() or None
            if value is not None:
                check: Callable[[Any, str, Any], Any] = _CHECKS.get(name, _text)
                value = check(self, name, value)
            object.__setattr__(self, name, value)

    @staticmethod
    def names() -> tuple[str, ...]:
        """The filters' names: the fields, the keyword arguments and the query parameters."""
        return _NAMES

    @classmethod
    def parse(cls, **values: str | None) -> EventFilter:
        """An EventFilter from text, as a command line or a query string gives it (``bbox`` as ``W,S,E,N``)."""
        unknown = sorted(set(values) - set(_NAMES))
        if unknown:
            raise InputError(
                f"unknown event filter(s) {', '.join(unknown)}; one of: {', '.join(_NAMES)}",
                detail={"parameter": unknown[0], "value": values[unknown[0]], "valid": list(_NAMES)},
            )
        kwargs: dict[str, Any] = dict(values)
        bbox = kwargs.get("bbox")
        if isinstance(bbox, str):
            kwargs["bbox"] = tuple(x.strip() for x in bbox.split(",")) if bbox.strip() else None
        return cls(**kwargs)

    def active(self) -> dict[str, Any]:
        """The filters that are set, by name."""
        return {name: value for name in _NAMES if (value := getattr(self, name)) is not None}


_NAMES = tuple(f.name for f in fields(EventFilter))


@runtime_checkable
class Store(Protocol):
    path: str

    # -- writing (single writer) -------------------------------------------------------------------
    def add(self, doc: dict[str, Any], *, text: str, source: str = "") -> str: ...

    def add_many(
        self, items: Iterable[tuple[dict[str, Any], str, str]], *, errors: Iterable[tuple[str, str]] = ()
    ) -> dict[str, int]: ...

    def add_prepared(
        self,
        items: Iterable[PreparedArticle],
        *,
        errors: Iterable[tuple[str, str]] = (),
        duplicates: Iterable[tuple[str, str | None, str | None, str | None, str, str]] = (),
    ) -> dict[str, int]: ...

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]: ...

    def log_error(self, source: str, reason: str) -> None: ...

    def recluster(
        self, *, since: str | None = None, until: str | None = None, similarity: Embedder | None = None
    ) -> int: ...

    def recluster_changed(self, *, similarity: Embedder | None = None) -> int: ...

    # -- re-extraction (hadath.reextract) ------------------------------------------------------------
    def reextract_start(self) -> str: ...

    def reextract_finish(self) -> None: ...

    def reextract_todo(self, started: str, *, since: str | None = None, until: str | None = None) -> int: ...

    def iter_reextract(
        self, started: str, *, since: str | None = None, until: str | None = None, batch: int = 100
    ) -> Iterator[list[dict[str, Any]]]: ...

    def reextract_prepared(
        self, items: Iterable[PreparedArticle], *, errors: Iterable[tuple[str, str]] = ()
    ) -> dict[str, int]: ...

    # -- schema --------------------------------------------------------------------------------------
    def schema_version(self) -> int: ...

    def migrate(self) -> list[int]: ...

    # -- reading -----------------------------------------------------------------------------------
    def errors(self, limit: int = 100) -> list[dict[str, Any]]: ...

    def duplicates(self, limit: int = 100) -> list[dict[str, Any]]: ...

    def article(self, article_id: str, *, version: int | None = None) -> dict[str, Any] | None: ...

    def article_versions(self, article_id: str) -> list[dict[str, Any]]: ...

    def articles(
        self,
        *,
        q: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]: ...

    def events(
        self, filters: EventFilter | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]: ...

    def iter_events(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]: ...

    def event(self, event_id: str) -> dict[str, Any] | None: ...

    def deleted(
        self, *, since: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]: ...

    def clusters(
        self, *, since: str | None = None, until: str | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]: ...

    def cluster(self, cluster_id: str) -> dict[str, Any] | None: ...

    def iter_layer(self, layer: str, *, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]: ...

    def stats(self) -> dict[str, Any]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
