"""SQLiteStore: the embedded corpus store (the queries are :class:`hadath.store._sql.SQLStore`'s).

One file, created on first use, in WAL mode so readers never block the writer.  Writes go through a
single connection under a lock, one ``BEGIN IMMEDIATE`` transaction per batch; each thread that reads
gets its own connection.  ``":memory:"`` keeps everything on one connection (for tests).

A store opened read-only (``create=False``: ``hadath search``, ``events``, ``export``, a read-only
``hadath serve``) is never changed: no journal mode is set, no table is created, nothing is migrated — a
file that is not a hadath store, or a store of an older schema, is a :class:`StoreError` that says so
(and, for an older store, which command upgrades it).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hadath.errors import StoreError
from hadath.store._reconcile import fingerprint
from hadath.store._sql import EVENT_COLS, SCHEMA_VERSION, SOURCE_COLS, Conn, SQLStore, _iso3, now_s

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL,
    hadath_version TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    pk INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    latest INTEGER NOT NULL DEFAULT 1,
    sha256 TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT,
    text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL,
    n_events INTEGER NOT NULL DEFAULT 0,
    doc BLOB NOT NULL,
    extracted_at TEXT,
    hadath_version TEXT,
    codebook_version TEXT,
    UNIQUE (article_id, version)
);
CREATE TABLE IF NOT EXISTS duplicates (
    sha256 TEXT NOT NULL,
    article_id TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    source TEXT,
    seen_at TEXT NOT NULL,
    UNIQUE (sha256, article_id)
);
CREATE TABLE IF NOT EXISTS entities (
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    entity_id TEXT NOT NULL,
    latest INTEGER NOT NULL DEFAULT 1,
    kind TEXT, name_ar TEXT, name_en TEXT, name_norm TEXT, canonical_id TEXT, actor_type TEXT,
    country TEXT, iso2 TEXT, admin1 TEXT, admin2 TEXT, lat REAL, lon REAL, geo_precision INTEGER,
    n_mentions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_pk, entity_id)
);
CREATE TABLE IF NOT EXISTS mentions (
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    entity_id TEXT NOT NULL,
    start INTEGER, "end" INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS attributions (
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    attribution_id TEXT NOT NULL,
    latest INTEGER NOT NULL DEFAULT 1,
    speaker TEXT, speaker_name TEXT, speaker_text TEXT, cue TEXT, content TEXT, stance TEXT,
    direct_quote INTEGER, anonymous INTEGER, article_level INTEGER,
    PRIMARY KEY (article_pk, attribution_id)
);
CREATE TABLE IF NOT EXISTS events (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles (pk),
    event_id TEXT NOT NULL,
    gid TEXT NOT NULL,
    latest INTEGER NOT NULL DEFAULT 1,
    event_date TEXT, date_from_event INTEGER, time_precision INTEGER,
    event_type TEXT, sub_event_type TEXT,
    actor1 TEXT, actor1_name TEXT, actor1_type TEXT,
    actor2 TEXT, actor2_name TEXT, actor2_type TEXT, assoc_actors TEXT,
    location TEXT, location_name TEXT, country TEXT, iso2 TEXT, admin1 TEXT, admin2 TEXT,
    latitude REAL, longitude REAL, geo_precision INTEGER,
    fatalities INTEGER, confidence REAL, denied INTEGER NOT NULL DEFAULT 0,
    sentence_text TEXT, evidence TEXT,
    cluster_id TEXT,
    event_id_cnty TEXT, fingerprint TEXT, created_at TEXT, updated_at TEXT, hadath_version TEXT,
    codebook_version TEXT,
    UNIQUE (article_pk, event_id)
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_pk INTEGER NOT NULL REFERENCES events (pk),
    attribution_id TEXT, speaker TEXT, speaker_name TEXT, stance TEXT
);
CREATE TABLE IF NOT EXISTS deleted_events (
    gid TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    event_id_cnty TEXT,
    deleted_at TEXT NOT NULL,
    hadath_version TEXT,
    codebook_version TEXT,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id TEXT PRIMARY KEY,
    event_type TEXT, sub_event_type TEXT, date_min TEXT, date_max TEXT,
    country TEXT, admin1 TEXT, admin2 TEXT, location_name TEXT, lat REAL, lon REAL,
    n_events INTEGER, n_articles INTEGER, n_outlets INTEGER, n_speakers INTEGER,
    fatalities_min INTEGER, fatalities_max INTEGER, n_disagreements INTEGER,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS errors (
    pk INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source, reason)
);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (title, body, content='', tokenize='unicode61');
"""

# Indexes are (re)created on every writable open, so a store made by an earlier build gains new ones.
_INDEXES = """
CREATE INDEX IF NOT EXISTS articles_id ON articles (article_id, latest);
CREATE INDEX IF NOT EXISTS articles_latest ON articles (latest, published);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url, latest);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet);
CREATE INDEX IF NOT EXISTS entities_canonical ON entities (canonical_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_pk, entity_id);
CREATE INDEX IF NOT EXISTS events_date ON events (latest, event_date);
CREATE INDEX IF NOT EXISTS events_latest_type ON events (latest, event_date, event_type COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS events_gid ON events (gid, latest);
CREATE INDEX IF NOT EXISTS events_type ON events (event_type, sub_event_type);
CREATE INDEX IF NOT EXISTS events_place ON events (country, admin1);
CREATE INDEX IF NOT EXISTS events_cluster ON events (cluster_id);
CREATE INDEX IF NOT EXISTS events_updated ON events (latest, updated_at);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources (event_pk);
CREATE INDEX IF NOT EXISTS deleted_events_at ON deleted_events (deleted_at);
CREATE INDEX IF NOT EXISTS deleted_events_article ON deleted_events (article_id);
CREATE INDEX IF NOT EXISTS clusters_date ON clusters (date_min, date_max);
"""

# Schema 2 → 3: the change feed (event ids per country, created/updated times, what produced each row,
# deleted events), re-extraction bookkeeping, the schema_version table, and events' coordinates named
# latitude/longitude.
_MIGRATE_2_3 = """
ALTER TABLE articles ADD COLUMN extracted_at TEXT;
ALTER TABLE articles ADD COLUMN hadath_version TEXT;
ALTER TABLE articles ADD COLUMN codebook_version TEXT;
UPDATE articles SET extracted_at = substr(ingested_at, 1, 19) || '.000000Z', hadath_version = 'unknown',
    codebook_version = 'unknown';
ALTER TABLE events RENAME COLUMN lat TO latitude;
ALTER TABLE events RENAME COLUMN lon TO longitude;
ALTER TABLE events ADD COLUMN event_id_cnty TEXT;
ALTER TABLE events ADD COLUMN fingerprint TEXT;
ALTER TABLE events ADD COLUMN created_at TEXT;
ALTER TABLE events ADD COLUMN updated_at TEXT;
ALTER TABLE events ADD COLUMN hadath_version TEXT;
ALTER TABLE events ADD COLUMN codebook_version TEXT;
"""


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run each statement of ``sql`` in the open transaction (``executescript`` would commit it first)."""
    for stmt in sql.split(";\n"):
        if stmt.strip():
            conn.execute(stmt)


def _migrate_2_3(conn: sqlite3.Connection) -> None:
    _script(conn, _MIGRATE_2_3)
    _script(conn, _SCHEMA)  # the new tables
    sources: dict[int, list[dict[str, Any]]] = {}
    for s in conn.execute(f"SELECT event_pk, {', '.join(SOURCE_COLS)} FROM event_sources ORDER BY rowid"):
        sources.setdefault(s[0], []).append(dict(zip(SOURCE_COLS, s[1:], strict=True)))
    cols = ", ".join("e." + {"lat": "latitude", "lon": "longitude"}.get(c, c) for c in EVENT_COLS)
    cnty: dict[str, str] = {}
    counters: dict[str, int] = {}
    updates = []
    for r in conn.execute(
        f"SELECT e.pk, e.gid, a.ingested_at, {cols} FROM events e JOIN articles a ON a.pk = e.article_pk ORDER BY e.pk"
    ):
        ev = dict(zip(EVENT_COLS, r[3:], strict=True))
        if r[1] not in cnty:
            iso3 = _iso3(ev)
            counters[iso3] = counters.get(iso3, 0) + 1
            cnty[r[1]] = f"{iso3}{counters[iso3]}"
        at = str(r[2])[:19] + ".000000Z"
        updates.append((cnty[r[1]], fingerprint(ev, sources.get(r[0], [])), at, at, r[0]))
    conn.executemany(
        "UPDATE events SET event_id_cnty = ?, fingerprint = ?, created_at = ?, updated_at = ?, "
        "hadath_version = 'unknown', codebook_version = 'unknown' WHERE pk = ?",
        updates,
    )
    conn.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)", [(f"cnty:{k}", str(v)) for k, v in counters.items()]
    )


#: How to bring a store of each older schema version one step up.
_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {2: _migrate_2_3}


class SQLiteStore(SQLStore):
    """The corpus store in one SQLite file (see :class:`hadath.store.Store` and docs/store.md)."""

    def __init__(
        self, path: str | os.PathLike[str] = ":memory:", *, create: bool = True, writable: bool | None = None
    ) -> None:
        self.path = str(path)
        self._memory = self.path == ":memory:"
        self._create = create
        self._readonly = not (create if writable is None else writable) and not self._memory
        self._lock = threading.RLock()
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._closed = False
        if not self._memory:
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{self.path}: is a directory, not a store file")
            if not p.exists():
                if not create:
                    raise StoreError(f"{self.path}: no such store (ingest something first: hadath ingest --db {p} …)")
                if not p.parent.exists():
                    raise StoreError(f"{self.path}: the folder {p.parent} does not exist")
        self._w = self._connect(write=not self._readonly)
        try:
            self._init_schema()
        except BaseException:
            self.close()
            raise

    # -- connections -----------------------------------------------------------------------------
    def _connect(self, *, write: bool) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the store: {exc}") from exc
        self._conns.append(conn)
        return conn

    def _r(self) -> sqlite3.Connection:
        """This thread's read connection."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        if self._memory:
            return self._w
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            with self._lock:
                conn = self._connect(write=False)
            self._local.conn = conn
        return conn

    @contextmanager
    def _read(self) -> Iterator[Conn]:
        yield self._r()

    def schema_version(self) -> int:
        v: int = self._w.execute("PRAGMA user_version").fetchone()[0]
        return v

    def _init_schema(self) -> None:
        try:
            ver = self.schema_version()
            if ver == 0:
                tables = {r[0] for r in self._w.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                if tables:
                    raise StoreError(
                        f"{self.path}: a SQLite database but not a hadath store (it holds other tables: "
                        f"{', '.join(sorted(tables)[:5])})"
                    )
                if not self._create and not self._memory:
                    raise StoreError(f"{self.path}: not a hadath store (no hadath tables); ingest into it first")
                with self._lock:
                    self._w.executescript(f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;")
                    self._w.execute(
                        "INSERT OR IGNORE INTO schema_version VALUES (?, ?, ?)", (SCHEMA_VERSION, now_s(), _hv())
                    )
            elif ver > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: store schema version {ver} was made by a newer hadath; this hadath reads "
                    f"{SCHEMA_VERSION} (upgrade hadath)"
                )
            elif ver < SCHEMA_VERSION:
                if ver not in _MIGRATIONS:
                    raise StoreError(
                        f"{self.path}: store schema version {ver}, this hadath reads {SCHEMA_VERSION} and migrates "
                        f"from {min(_MIGRATIONS)}; re-ingest the articles into a new store"
                    )
                if self._readonly:
                    raise StoreError(
                        f"{self.path}: store schema version {ver} is older than this hadath's {SCHEMA_VERSION}; "
                        f"upgrade it first with: hadath migrate --db {self.path}"
                    )
                self.migrate()
            if not self._readonly:
                with self._lock:
                    if not self._memory:  # a hadath store: WAL, so that readers never block the writer
                        self._w.execute("PRAGMA journal_mode=WAL")
                    self._w.executescript(f"BEGIN IMMEDIATE;{_INDEXES}COMMIT;")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a hadath store ({exc})") from exc

    def migrate(self) -> list[int]:
        """Bring the store up to :data:`SCHEMA_VERSION`, one version a transaction; returns the versions
        reached (empty when it is current)."""
        done = []
        with self._lock:
            while (ver := self.schema_version()) < SCHEMA_VERSION:
                step = _MIGRATIONS.get(ver)
                if step is None:
                    raise StoreError(f"{self.path}: no migration from schema version {ver}")
                self._w.execute("BEGIN IMMEDIATE")
                try:
                    step(self._w)
                    self._w.execute(f"PRAGMA user_version={ver + 1}")
                    self._w.execute("INSERT OR REPLACE INTO schema_version VALUES (?, ?, ?)", (ver + 1, now_s(), _hv()))
                except BaseException:
                    self._w.execute("ROLLBACK")
                    raise
                self._w.execute("COMMIT")
                done.append(ver + 1)
        return done

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if not self._readonly:
                try:
                    self._w.execute("PRAGMA optimize")
                except sqlite3.Error:  # pragma: no cover - best effort
                    pass
            for c in self._conns:
                try:
                    c.close()
                except sqlite3.Error:  # pragma: no cover
                    pass
            self._conns.clear()

    def __enter__(self) -> SQLiteStore:
        return self

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writing ---------------------------------------------------------------------------------
    def _write(self, fn: Callable[[Conn], Any]) -> Any:
        """Run ``fn(conn)`` in one ``BEGIN IMMEDIATE`` transaction on the writer connection."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        if self._readonly:
            raise StoreError(f"{self.path}: opened read-only")
        with self._lock:
            conn = self._w
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot start a write: {exc}") from exc
            try:
                out = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: commit failed: {exc}") from exc
            return out

    # -- full-text search: FTS5 over the index tokens ------------------------------------------------
    def _fts_insert(self, conn: Conn, pk: int, title: str, body: str) -> None:
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (pk, title, body))

    def _search(
        self, conn: Conn, terms: list[str], where: list[str], args: list[Any], cols: str, limit: int, offset: int
    ) -> tuple[list[Any], int]:
        match = " AND ".join(f'"{t[:-1]}"*' if t.endswith("*") else f'"{t}"' for t in terms)
        base = (
            "FROM articles_fts f JOIN articles a ON a.pk = f.rowid "
            f"WHERE articles_fts MATCH ? AND {' AND '.join(where)}"
        )
        try:
            total = conn.execute(f"SELECT count(*) {base}", (match, *args)).fetchone()[0]
            rows = conn.execute(
                f"SELECT {cols} {base} ORDER BY bm25(articles_fts, 5.0, 1.0), a.pk LIMIT ? OFFSET ?",
                (match, *args, limit, offset),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"search failed for {' '.join(terms)!r}: {exc}") from exc
        return rows, int(total)

    def _size(self) -> int:
        size = 0
        if not self._memory:
            for suffix in ("", "-wal"):
                f = Path(self.path + suffix)
                if f.exists():
                    size += f.stat().st_size
        return size


def _hv() -> str:
    from hadath.store._versions import hadath_version

    return hadath_version()
