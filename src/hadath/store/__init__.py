"""The corpus store: hadath/1 documents, their layers as queryable rows, search and clusters.

>>> from hadath.store import open_store
>>> store = open_store(":memory:")
>>> store.stats()["articles"]
0
>>> store.close()

``open_store`` takes a file path (created on first use), ``sqlite:///PATH``, ``:memory:`` or a
``postgresql://`` URL (:class:`~hadath.store.postgres.PostgresStore`, the ``postgres`` extra).
See docs/store.md for the tables and every method.
"""

from __future__ import annotations

import os

from hadath.errors import StoreError
from hadath.store._prepare import PreparedArticle, prepare_article, sha256_text
from hadath.store._sql import SCHEMA_VERSION
from hadath.store.base import ADD_STATUSES, EventFilter, Store, timestamp
from hadath.store.sqlite import SQLiteStore

__all__ = [
    "ADD_STATUSES",
    "DEFAULT_DB",
    "SCHEMA_VERSION",
    "EventFilter",
    "PreparedArticle",
    "SQLiteStore",
    "Store",
    "default_db",
    "open_store",
    "prepare_article",
    "sha256_text",
    "timestamp",
]

#: The store used when no ``--db`` is given (overridden by the ``HADATH_DB`` environment variable).
DEFAULT_DB = "hadath.db"


def default_db() -> str:
    """``$HADATH_DB`` or ``hadath.db`` in the current folder."""
    return os.environ.get("HADATH_DB") or DEFAULT_DB


def open_store(
    path_or_url: str | os.PathLike[str] | None = None, *, create: bool = True, writable: bool | None = None
) -> Store:
    """Open the store at a path or URL (``None``: :func:`default_db`), creating it on first use unless
    ``create=False`` (then a missing store is a :class:`~hadath.errors.StoreError`).

    A store opened with ``create=False`` is read-only — nothing in it is changed, not even its journal
    mode, and a store of an older schema is refused with the command that upgrades it — unless
    ``writable=True``: an existing store to write to (migrated to the current schema if older)."""
    target = os.fspath(path_or_url) if path_or_url is not None else default_db()
    if target.startswith(("postgresql://", "postgres://")):
        from hadath.store.postgres import PostgresStore

        return PostgresStore(target, create=create, writable=writable)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :] or ":memory:"
    elif target.startswith("sqlite://"):
        target = ":memory:"
    elif "://" in target:
        raise StoreError(f"{target}: unknown store URL (use a file path, sqlite:///PATH or postgresql://…)")
    return SQLiteStore(target, create=create, writable=writable)
