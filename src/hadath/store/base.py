"""The Store protocol: what the CLI, the ingest engine and the HTTP API may ask of a corpus store.

A store keeps hadath/1 documents keyed by the SHA-256 of their text.  Adding the same text again
changes nothing (``"unchanged"``); a different text for a stored article id or URL becomes a new
version of that article (``"version"``) and queries show only the latest version.  Writes go through
one writer in batches (one transaction per batch), so a crash loses at most the batch in flight.

Event rows (``events()``) are flat dicts; see docs/store.md for every key.  ``bbox`` is
``(min_lon, min_lat, max_lon, max_lat)``.  Dates are ``YYYY-MM-DD`` strings and bounds are inclusive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from hadath.store._prepare import PreparedArticle

if TYPE_CHECKING:
    from hadath.similarity import Embedder

__all__ = ["ADD_STATUSES", "EVENT_FILTERS", "Store"]

#: What ``add`` returns.
ADD_STATUSES = ("ingested", "unchanged", "version")

#: The keyword filters ``events`` and ``iter_events`` accept.
EVENT_FILTERS = (
    "since",
    "until",
    "country",
    "admin1",
    "event_type",
    "sub_event_type",
    "actor",
    "bbox",
    "cluster_id",
    "article_id",
)


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
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        sub_event_type: str | None = None,
        actor: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        cluster_id: str | None = None,
        article_id: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]: ...

    def iter_events(self, **filters: Any) -> Iterator[dict[str, Any]]: ...

    def event(self, event_id: str) -> dict[str, Any] | None: ...

    def clusters(
        self, *, since: str | None = None, until: str | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]: ...

    def cluster(self, cluster_id: str) -> dict[str, Any] | None: ...

    def iter_layer(self, layer: str, *, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]: ...

    def stats(self) -> dict[str, Any]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
