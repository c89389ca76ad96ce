"""SQLiteStore: the embedded corpus store.  This class owns all of hadath's SQL.

One file, created on first use, in WAL mode so readers never block the writer.  Writes go through a
single connection under a lock, one ``BEGIN IMMEDIATE`` transaction per batch; each thread that reads
gets its own connection.  ``":memory:"`` keeps everything on one connection (for tests).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hadath.corroborate import WINDOW_DAYS, cluster_events
from hadath.errors import StoreError
from hadath.isodate import iso_date
from hadath.store._prepare import PreparedArticle, decode_doc, prepare_article, query_terms, snippet
from hadath.store.base import EventFilter

if TYPE_CHECKING:
    from hadath.similarity import Embedder

__all__ = ["SCHEMA_VERSION", "SQLiteStore"]

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
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
    lat REAL, lon REAL, geo_precision INTEGER,
    fatalities INTEGER, confidence REAL, denied INTEGER NOT NULL DEFAULT 0,
    sentence_text TEXT, evidence TEXT,
    cluster_id TEXT,
    UNIQUE (article_pk, event_id)
);
CREATE TABLE IF NOT EXISTS event_sources (
    event_pk INTEGER NOT NULL REFERENCES events (pk),
    attribution_id TEXT, speaker TEXT, speaker_name TEXT, stance TEXT
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

# Indexes are (re)created on every open, so a store made by an earlier build gains new ones.
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
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources (event_pk);
CREATE INDEX IF NOT EXISTS clusters_date ON clusters (date_min, date_max);
"""

_ENTITY_COLS = (
    "entity_id kind name_ar name_en name_norm canonical_id actor_type country iso2 admin1 admin2 lat lon "
    "geo_precision n_mentions"
).split()
_ATTR_COLS = (
    "attribution_id speaker speaker_name speaker_text cue content stance direct_quote anonymous article_level"
).split()
_EVENT_COLS = (
    "event_id event_date date_from_event time_precision event_type sub_event_type actor1 actor1_name actor1_type "
    "actor2 actor2_name actor2_type assoc_actors location location_name country iso2 admin1 admin2 lat lon "
    "geo_precision fatalities confidence denied sentence_text evidence"
).split()
_SOURCE_COLS = "attribution_id speaker speaker_name stance".split()

# The flat event row: columns of events joined with the article's.
_EVENT_SELECT = """
SELECT e.pk AS pk, e.gid AS id, a.article_id AS article_id, e.event_id AS local_id, e.event_type, e.sub_event_type,
       e.event_date, e.date_from_event, e.time_precision,
       e.actor1, e.actor1_name, e.actor1_type, e.actor2, e.actor2_name, e.actor2_type, e.assoc_actors,
       e.location, e.location_name, e.country, e.iso2, e.admin1, e.admin2, e.lat, e.lon, e.geo_precision,
       e.fatalities, e.confidence, e.denied, e.sentence_text, e.evidence, e.cluster_id,
       a.outlet, a.title, a.url, a.published, a.version
FROM events e JOIN articles a ON a.pk = e.article_pk
"""

_LAYERS = ("articles", "entities", "attributions", "events")


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _check_date(name: str, value: str | None) -> str | None:
    return iso_date(value, name, error=StoreError) if value else None


def _date_bounds(where: list[str], args: list[Any], since: str | None, until: str | None, *, lo: str, hi: str) -> None:
    """Add the inclusive bounds ``lo >= since`` and ``hi <= until`` (a bad date is a StoreError)."""
    since, until = _check_date("since", since), _check_date("until", until)
    if since:
        where.append(f"{lo} >= ?")
        args.append(since)
    if until:
        where.append(f"{hi} <= ?")
        args.append(until)


def _shift(day: str, days: int) -> str:
    from datetime import date, timedelta

    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return day


def _page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise StoreError("limit and offset must not be negative")
    return int(limit), int(offset)


class SQLiteStore:
    """The corpus store in one SQLite file (see :class:`hadath.store.Store` and docs/store.md)."""

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, create: bool = True) -> None:
        self.path = str(path)
        self._memory = self.path == ":memory:"
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
        self._w = self._connect(write=True)
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
            if write and not self._memory:
                conn.execute("PRAGMA journal_mode=WAL")
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

    def _init_schema(self) -> None:
        try:
            ver = self._w.execute("PRAGMA user_version").fetchone()[0]
            if ver not in (0, SCHEMA_VERSION):
                raise StoreError(f"{self.path}: store schema version {ver}, this hadath reads {SCHEMA_VERSION}")
            if ver == 0:
                with self._lock:
                    script = f"BEGIN IMMEDIATE;{_SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
                    self._w.executescript(script)
            with self._lock:
                self._w.executescript(f"BEGIN IMMEDIATE;{_INDEXES}COMMIT;")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a hadath store ({exc})") from exc

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
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

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- writing ---------------------------------------------------------------------------------
    def _write(self, fn: Any) -> Any:
        """Run ``fn(conn)`` in one ``BEGIN IMMEDIATE`` transaction on the writer connection."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
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

    def add(self, doc: dict[str, Any], *, text: str, source: str = "") -> str:
        """Store one document; returns ``"ingested"``, ``"unchanged"`` or ``"version"``."""
        p = prepare_article(doc, text, source)
        result: str = self._write(lambda conn: self._insert(conn, p))
        return result

    def add_many(
        self, items: Iterable[tuple[dict[str, Any], str, str]], *, errors: Iterable[tuple[str, str]] = ()
    ) -> dict[str, int]:
        """Store ``(doc, text, source)`` items (and log ``(source, reason)`` errors) in one transaction."""
        prepared = [prepare_article(d, t, s) for d, t, s in items]
        return self.add_prepared(prepared, errors=errors)

    def add_prepared(
        self,
        items: Iterable[PreparedArticle],
        *,
        errors: Iterable[tuple[str, str]] = (),
        duplicates: Iterable[tuple[str, str | None, str | None, str | None, str, str]] = (),
    ) -> dict[str, int]:
        """Store prepared articles (see :func:`hadath.store.prepare_article`) in one transaction.

        ``errors`` are ``(source, reason)`` pairs to log.  ``duplicates`` are texts skipped before
        extraction because their hash was stored or seen: ``(sha256, article_id, url, outlet, source,
        first_source)``; an id other than the stored one is kept in the duplicates table, and a text
        whose first copy was not stored is logged as an error naming that first copy.
        """
        items = list(items)
        errs = list(errors)
        dups = list(duplicates)

        def run(conn: sqlite3.Connection) -> dict[str, int]:
            counts = {"ingested": 0, "unchanged": 0, "version": 0}
            for p in items:
                counts[self._insert(conn, p)] += 1
            for source, reason in errs:
                self._log_error(conn, source, reason)
            for sha, aid, url, outlet, source, first in dups:
                self._note_duplicate(conn, sha, aid, url, outlet, source, first)
            return counts

        out: dict[str, int] = self._write(run)
        return out

    def _note_duplicate(
        self,
        conn: sqlite3.Connection,
        sha: str,
        article_id: str | None,
        url: str | None,
        outlet: str | None,
        source: str,
        first_source: str,
    ) -> None:
        row = conn.execute("SELECT article_id FROM articles WHERE sha256 = ?", (sha,)).fetchone()
        if row is None:
            self._log_error(conn, source, f"same text as {first_source}, which was not stored")
        elif article_id and row["article_id"] != article_id:
            conn.execute(
                "INSERT OR IGNORE INTO duplicates (sha256, article_id, url, outlet, source, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (sha, article_id, url, outlet, source, _now()),
            )

    def _insert(self, conn: sqlite3.Connection, p: PreparedArticle) -> str:
        now = _now()
        row = conn.execute("SELECT pk, article_id FROM articles WHERE sha256 = ?", (p.sha256,)).fetchone()
        if row is not None:
            if row["article_id"] != p.article_id:
                conn.execute(
                    "INSERT OR IGNORE INTO duplicates (sha256, article_id, url, outlet, source, seen_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (p.sha256, p.article_id, p.url, p.outlet, p.source, now),
                )
            return "unchanged"
        prev = conn.execute(
            "SELECT pk, article_id FROM articles WHERE article_id = ? AND latest = 1", (p.article_id,)
        ).fetchone()
        if prev is None and p.url:
            prev = conn.execute(
                "SELECT pk, article_id FROM articles WHERE url = ? AND latest = 1 ORDER BY pk DESC LIMIT 1", (p.url,)
            ).fetchone()
        article_id = p.article_id
        version = 1
        status = "ingested"
        if prev is not None:
            article_id = prev["article_id"]
            version = (
                conn.execute("SELECT max(version) FROM articles WHERE article_id = ?", (article_id,)).fetchone()[0] + 1
            )
            status = "version"
            old = conn.execute(
                "SELECT min(event_date), max(event_date) FROM events WHERE article_pk = ?", (prev["pk"],)
            ).fetchone()
            self._mark_dirty(conn, old[0], old[1])
            conn.execute("UPDATE articles SET latest = 0 WHERE article_id = ?", (article_id,))
            for table in ("entities", "attributions", "events"):
                conn.execute(f"UPDATE {table} SET latest = 0 WHERE article_pk = ?", (prev["pk"],))
        cur = conn.execute(
            "INSERT INTO articles (article_id, version, latest, sha256, url, outlet, title, published, text, source, "
            "ingested_at, n_events, doc) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                version,
                p.sha256,
                p.url,
                p.outlet,
                p.title,
                p.published,
                p.text,
                p.source,
                now,
                p.n_events,
                p.doc_blob,
            ),
        )
        pk = cur.lastrowid
        if p.event_dates:
            self._mark_dirty(conn, *p.event_dates)
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)", (pk, p.fts_title, p.fts_body))
        if p.entities:
            conn.executemany(
                f"INSERT OR REPLACE INTO entities (article_pk, {', '.join(_ENTITY_COLS)}) "
                f"VALUES (?, {', '.join('?' * len(_ENTITY_COLS))})",
                [(pk, *(e[c] for c in _ENTITY_COLS)) for e in p.entities],
            )
        if p.mentions:
            conn.executemany(
                'INSERT INTO mentions (article_pk, entity_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                [(pk, m["entity_id"], m["start"], m["end"], m["text"]) for m in p.mentions],
            )
        if p.attributions:
            conn.executemany(
                f"INSERT OR REPLACE INTO attributions (article_pk, {', '.join(_ATTR_COLS)}) "
                f"VALUES (?, {', '.join('?' * len(_ATTR_COLS))})",
                [(pk, *(a[c] for c in _ATTR_COLS)) for a in p.attributions],
            )
        seen: set[str] = set()
        for ev, srcs in zip(p.events, p.event_sources, strict=True):
            eid = ev["event_id"]
            if eid in seen:
                eid = f"{eid}.{len(seen)}"
            seen.add(eid)
            vals = {**ev, "event_id": eid}
            ecur = conn.execute(
                f"INSERT INTO events (article_pk, gid, {', '.join(_EVENT_COLS)}) "
                f"VALUES (?, ?, {', '.join('?' * len(_EVENT_COLS))})",
                (pk, f"{article_id}:{eid}", *(vals[c] for c in _EVENT_COLS)),
            )
            if srcs:
                conn.executemany(
                    f"INSERT INTO event_sources (event_pk, {', '.join(_SOURCE_COLS)}) VALUES (?, ?, ?, ?, ?)",
                    [(ecur.lastrowid, *(s[c] for c in _SOURCE_COLS)) for s in srcs],
                )
        return status

    def _mark_dirty(self, conn: sqlite3.Connection, lo: str | None, hi: str | None) -> None:
        """Widen the date window whose clusters are out of date (see :meth:`recluster_changed`)."""
        if lo:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('dirty_min', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = min(value, excluded.value)",
                (lo,),
            )
        if hi:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('dirty_max', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)",
                (hi,),
            )

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """Which of ``hashes`` (SHA-256 of article texts) are stored, in any version: hash → article id."""
        hs = list(dict.fromkeys(hashes))
        found: dict[str, str] = {}
        conn = self._r()
        for i in range(0, len(hs), 500):
            chunk = hs[i : i + 500]
            q = f"SELECT sha256, article_id FROM articles WHERE sha256 IN ({', '.join('?' * len(chunk))})"
            found.update((r[0], r[1]) for r in conn.execute(q, chunk))
        return found

    def duplicates(self, limit: int = 100) -> list[dict[str, Any]]:
        """Articles whose text was already stored under another id: ``{sha256, article_id, stored_id, url,
        outlet, source, seen_at}``."""
        rows = self._r().execute(
            "SELECT d.sha256, d.article_id, a.article_id AS stored_id, d.url, d.outlet, d.source, d.seen_at "
            "FROM duplicates d LEFT JOIN articles a ON a.sha256 = d.sha256 ORDER BY d.rowid DESC LIMIT ?",
            (int(limit),),
        )
        return [dict(r) for r in rows]

    def _log_error(self, conn: sqlite3.Connection, source: str, reason: str) -> None:
        conn.execute(
            "INSERT INTO errors (source, reason, at) VALUES (?, ?, ?) "
            "ON CONFLICT (source, reason) DO UPDATE SET at = excluded.at, count = count + 1",
            (source, reason, _now()),
        )

    def log_error(self, source: str, reason: str) -> None:
        """Record a bad input (where it came from and why it was skipped)."""
        self._write(lambda conn: self._log_error(conn, source, reason))

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """The logged bad inputs, newest first: ``{source, reason, at, count}``."""
        rows = self._r().execute(
            "SELECT source, reason, at, count FROM errors ORDER BY at DESC, pk DESC LIMIT ?", (int(limit),)
        )
        return [dict(r) for r in rows]

    # -- articles --------------------------------------------------------------------------------
    def article(self, article_id: str, *, version: int | None = None) -> dict[str, Any] | None:
        """The hadath/1 document of the latest (or the given) version, with ``text`` included."""
        if version is None:
            row = (
                self._r()
                .execute(
                    "SELECT article_id, doc, text FROM articles WHERE article_id = ? AND latest = 1", (article_id,)
                )
                .fetchone()
            )
        else:
            row = (
                self._r()
                .execute(
                    "SELECT article_id, doc, text FROM articles WHERE article_id = ? AND version = ?",
                    (article_id, int(version)),
                )
                .fetchone()
            )
        if row is None:
            return None
        doc = decode_doc(row["doc"])
        doc["article"]["id"] = row["article_id"]
        doc["text"] = row["text"]
        return doc

    def article_versions(self, article_id: str) -> list[dict[str, Any]]:
        """Every stored version of an article: ``{version, latest, sha256, ingested_at, source, title}``."""
        rows = self._r().execute(
            "SELECT version, latest, sha256, ingested_at, source, title FROM articles WHERE article_id = ? "
            "ORDER BY version",
            (article_id,),
        )
        return [{**dict(r), "latest": bool(r["latest"])} for r in rows]

    def articles(
        self,
        *,
        q: str | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[list[dict[str, Any]], int]:
        """Latest articles, newest first or, with ``q``, best match first; and the total count.

        ``q`` is a full-text query: every word must occur (as a word or with clitics: ``ادلب`` finds
        ``بإدلب``); a trailing ``*`` searches a prefix.
        """
        limit, offset = _page(limit, offset)
        where = ["a.latest = 1"]
        args: list[Any] = []
        _date_bounds(where, args, since, until, lo="a.published", hi="a.published")
        if outlet:
            where.append("a.outlet = ? COLLATE NOCASE")
            args.append(outlet)
        terms: list[str] = []
        cols = "a.article_id, a.title, a.published, a.outlet, a.url, a.n_events, a.version, a.sha256, a.text"
        conn = self._r()
        if q is not None and q.strip():
            terms = query_terms(q)
            if not terms:
                return [], 0
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
                raise StoreError(f"search failed for {q!r}: {exc}") from exc
        else:
            base = f"FROM articles a WHERE {' AND '.join(where)}"
            total = conn.execute(f"SELECT count(*) {base}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT {cols} {base} ORDER BY a.published DESC, a.pk DESC LIMIT ? OFFSET ?", (*args, limit, offset)
            ).fetchall()
        out = []
        for r in rows:
            snip, hit = snippet(r["text"], terms)
            out.append(
                {
                    "id": r["article_id"],
                    "title": r["title"],
                    "published": r["published"],
                    "outlet": r["outlet"],
                    "url": r["url"],
                    "n_events": r["n_events"],
                    "version": r["version"],
                    "sha256": r["sha256"],
                    "snippet": snip,
                    "snippet_match": hit,
                }
            )
        return out, int(total)

    # -- events ----------------------------------------------------------------------------------
    def _event_where(self, f: EventFilter) -> tuple[str, list[Any]]:
        from hadath.store._countries import resolve_country

        where = ["e.latest = 1"]
        args: list[Any] = []
        _date_bounds(where, args, f.since, f.until, lo="e.event_date", hi="e.event_date")
        if f.country:
            c = resolve_country(f.country)
            if c is not None:
                where.append("(e.iso2 = ? OR e.country = ? COLLATE NOCASE)")
                args += [c.iso2, c.name]
            else:
                where.append("e.country = ? COLLATE NOCASE")
                args.append(f.country)
        if f.admin1:
            where.append("e.admin1 = ? COLLATE NOCASE")
            args.append(f.admin1)
        if f.event_type:
            where.append("e.event_type = ? COLLATE NOCASE")
            args.append(f.event_type)
        if f.sub_event_type:
            where.append("e.sub_event_type = ? COLLATE NOCASE")
            args.append(f.sub_event_type)
        if f.actor:
            like = f"%{f.actor}%"
            where.append(
                "(e.actor1_name LIKE ? OR e.actor2_name LIKE ? OR e.assoc_actors LIKE ? "
                "OR EXISTS (SELECT 1 FROM entities n WHERE n.article_pk = e.article_pk "
                "AND n.entity_id IN (e.actor1, e.actor2) AND (n.canonical_id = ? OR n.name_norm LIKE ?)))"
            )
            from hadath.lang.ar.orthography import norm_str

            args += [like, like, like, f.actor, f"%{norm_str(f.actor)}%"]
        if f.bbox is not None:
            w, s, e, n = f.bbox
            where.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
            args += [w, e, s, n]
        if f.cluster_id:
            where.append("e.cluster_id = ?")
            args.append(f.cluster_id)
        if f.article_id:
            where.append("e.article_pk IN (SELECT pk FROM articles WHERE article_id = ?)")
            args.append(f.article_id)
        return " AND ".join(where), args

    def _event_rows(self, rows: list[sqlite3.Row]) -> list[dict[str, Any]]:
        if not rows:
            return []
        pks = [r["pk"] for r in rows]
        sources: dict[int, list[dict[str, Any]]] = {}
        conn = self._r()
        for i in range(0, len(pks), 500):
            chunk = pks[i : i + 500]
            for s in conn.execute(
                f"SELECT event_pk, attribution_id, speaker, speaker_name, stance FROM event_sources "
                f"WHERE event_pk IN ({', '.join('?' * len(chunk))}) ORDER BY rowid",
                chunk,
            ):
                d = dict(s)
                sources.setdefault(d.pop("event_pk"), []).append(d)
        out = []
        for r in rows:
            d = dict(r)
            pk = d.pop("pk")
            d["assoc_actors"] = json.loads(d["assoc_actors"] or "[]")
            d["evidence"] = json.loads(d["evidence"] or "[]")
            d["denied"] = bool(d["denied"])
            d["date_from_event"] = bool(d["date_from_event"])
            d["sources"] = sources.get(pk, [])
            d["row"] = pk
            out.append(d)
        return out

    def events(
        self, filters: EventFilter | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Flat event rows of the latest article versions, by date then id; and the total count."""
        limit, offset = _page(limit, offset)
        where, args = self._event_where(filters or EventFilter())
        conn = self._r()
        total = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", args).fetchone()[0]
        rows = conn.execute(
            f"{_EVENT_SELECT} WHERE {where} ORDER BY e.event_date, e.pk LIMIT ? OFFSET ?", (*args, limit, offset)
        ).fetchall()
        return self._event_rows(rows), int(total)

    def iter_events(self, filters: EventFilter | None = None, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every flat event row matching ``filters`` (as for :meth:`events`), streamed in pages."""
        where, args = self._event_where(filters or EventFilter())
        last = -1
        conn = self._r()
        while True:
            rows = conn.execute(
                f"{_EVENT_SELECT} WHERE {where} AND e.pk > ? ORDER BY e.pk LIMIT ?", (*args, last, batch)
            ).fetchall()
            if not rows:
                return
            last = rows[-1]["pk"]
            yield from self._event_rows(rows)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by its global id ``<article_id>:<event id>``: the hadath/1 event with the flat
        columns, the article's metadata and ``source_attributions`` (the full attributions)."""
        conn = self._r()
        row = conn.execute(f"{_EVENT_SELECT} WHERE e.gid = ? AND e.latest = 1", (event_id,)).fetchone()
        if row is None:
            return None
        flat = self._event_rows([row])[0]
        blob = conn.execute(
            "SELECT a.doc FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.pk = ?", (flat["row"],)
        ).fetchone()[0]
        doc = decode_doc(blob)
        raw = next((e for e in doc.get("events") or [] if str(e.get("id")) == flat["local_id"]), None)
        if raw is None:  # a duplicate local id was renamed on insert; fall back to the position
            idx = conn.execute(
                "SELECT count(*) FROM events WHERE article_pk = (SELECT article_pk FROM events WHERE pk = ?) "
                "AND pk < ?",
                (flat["row"], flat["row"]),
            ).fetchone()[0]
            raw = (doc.get("events") or [{}])[idx]
        ents = {str(e.get("id")): e for e in doc.get("entities") or []}
        attrs_by_id = {str(a.get("id")): a for a in doc.get("attributions") or []}
        out: dict[str, Any] = {**raw, **flat}
        out["local_id"] = raw.get("id")
        out["id"] = flat["id"]
        out["actor1"] = raw.get("actor1")
        out["actor2"] = raw.get("actor2")
        out["location"] = raw.get("location")
        out["evidence"] = raw.get("evidence", [])
        attrs = []
        for sid in raw.get("sources") or []:
            a = attrs_by_id.get(str(sid))
            if a is not None:
                who = ents.get(str(a.get("speaker")))
                name = (who.get("name_en") or who.get("name_ar")) if who else None
                attrs.append({**a, "speaker_name": name or a.get("speaker_text")})
        out["source_attributions"] = attrs
        return out

    # -- clusters --------------------------------------------------------------------------------
    def _cluster_rows(self, where: str, args: list[Any], *, text: bool = False) -> list[dict[str, Any]]:
        """The columns corroboration needs, for the latest events matching ``where`` (over ``e``); with
        ``text`` also each event's ``sentence_text`` (for sentence similarity)."""
        conn = self._r()
        extra = ", e.sentence_text" if text else ""
        rows = [
            dict(r)
            for r in conn.execute(
                "SELECT e.pk, e.gid AS id, a.article_id, a.outlet, e.event_type, e.sub_event_type, e.event_date, "
                "e.lat, e.lon, e.geo_precision, e.country, e.admin1, e.admin2, e.location_name, e.actor1_name, "
                f"e.actor1_type, e.actor2_name, e.actor2_type, e.fatalities, e.denied{extra} "
                f"FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.latest = 1 AND {where}",
                args,
            )
        ]
        sources: dict[int, list[dict[str, Any]]] = {}
        for s in conn.execute(
            "SELECT s.event_pk, s.speaker_name, s.stance FROM event_sources s JOIN events e ON e.pk = s.event_pk "
            f"JOIN articles a ON a.pk = e.article_pk WHERE e.latest = 1 AND {where} ORDER BY s.rowid",
            args,
        ):
            sources.setdefault(s[0], []).append({"speaker_name": s[1], "stance": s[2]})
        for r in rows:
            r["sources"] = sources.get(r.pop("pk"), [])
        return rows

    def recluster_changed(self, *, similarity: Embedder | None = None) -> int:
        """Recluster only around the event dates added or replaced since the last recluster (a no-op
        when nothing changed); returns how many clusters there are in all.  ``similarity`` as for
        :meth:`recluster`."""
        conn = self._r()
        dirty = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('dirty_min', 'dirty_max')").fetchall())
        if not dirty:
            n: int = conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
            return n
        return self.recluster(
            since=dirty.get("dirty_min"), until=dirty.get("dirty_max"), similarity=similarity, _clear=dirty
        )

    def recluster(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        similarity: Embedder | None = None,
        _clear: dict[str, str] | None = None,
    ) -> int:
        """Recompute the corroboration clusters; returns how many there are in all.

        Without bounds every latest event is reclustered.  With ``since``/``until`` (the dates of the
        events just added, say) only the clusters overlapping that window are recomputed, together with
        the unclustered events around it — much cheaper on a large store; clusters elsewhere are kept.
        ``similarity`` (a :class:`hadath.similarity.Embedder`) also compares the events' sentences
        (:func:`hadath.corroborate.cluster_events`); clusters outside the window keep how they were made.
        """
        text = similarity is not None
        since, until = _check_date("since", since), _check_date("until", until)
        full = since is None and until is None
        if full:
            clusters = cluster_events(self._cluster_rows("1 = 1", [], text=text), similarity=similarity)
            drop_sql, drop_args = "1 = 1", []
        else:
            # an event may join a cluster up to WINDOW_DAYS away: widen the window by that much
            lo = _shift(since, -WINDOW_DAYS) if since else "0000-01-01"
            hi = _shift(until, WINDOW_DAYS) if until else "9999-12-31"
            conn = self._r()
            span = conn.execute(
                "SELECT min(date_min), max(date_max) FROM clusters WHERE date_max >= ? AND date_min <= ?", (lo, hi)
            ).fetchone()
            lo = min(lo, span[0] or lo)
            hi = max(hi, span[1] or hi)
            drop_sql, drop_args = "date_max >= ? AND date_min <= ?", [lo, hi]
            clusters = cluster_events(
                self._cluster_rows(
                    "e.event_date >= ? AND e.event_date <= ? AND (e.cluster_id IS NULL OR e.cluster_id IN "
                    "(SELECT cluster_id FROM clusters WHERE date_max >= ? AND date_min <= ?))",
                    [_shift(lo, -WINDOW_DAYS), _shift(hi, WINDOW_DAYS), lo, hi],
                    text=text,
                ),
                similarity=similarity,
            )

        def run(conn: sqlite3.Connection) -> int:
            conn.execute(
                f"UPDATE events SET cluster_id = NULL WHERE cluster_id IN (SELECT cluster_id FROM clusters "
                f"WHERE {drop_sql})",
                drop_args,
            )
            conn.execute(f"DELETE FROM clusters WHERE {drop_sql}", drop_args)
            for c in clusters:
                conn.execute(
                    "INSERT OR REPLACE INTO clusters (cluster_id, event_type, sub_event_type, date_min, date_max, "
                    "country, admin1, admin2, location_name, lat, lon, n_events, n_articles, n_outlets, n_speakers, "
                    "fatalities_min, fatalities_max, n_disagreements, json) "
                    f"VALUES ({', '.join('?' * 19)})",
                    (
                        c["cluster_id"],
                        c["event_type"],
                        c["sub_event_type"],
                        c["date_min"],
                        c["date_max"],
                        c["country"],
                        c["admin1"],
                        c["admin2"],
                        c["location_name"],
                        c["lat"],
                        c["lon"],
                        c["n_events"],
                        c["n_articles"],
                        c["n_outlets"],
                        c["n_speakers"],
                        c["fatalities_min"],
                        c["fatalities_max"],
                        len(c["disagreements"]),
                        json.dumps(c, ensure_ascii=False),
                    ),
                )
                conn.executemany(
                    "UPDATE events SET cluster_id = ? WHERE gid = ? AND latest = 1",
                    [(c["cluster_id"], gid) for gid in c["members"]],
                )
            if full:
                conn.execute("DELETE FROM meta WHERE key IN ('dirty_min', 'dirty_max')")
            for key, value in (_clear or {}).items():  # unless more was added meanwhile
                conn.execute("DELETE FROM meta WHERE key = ? AND value = ?", (key, value))
            n: int = conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
            return n

        n: int = self._write(run)
        return n

    def clusters(
        self, *, since: str | None = None, until: str | None = None, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Cluster summaries (without member rows), newest first; and the total count."""
        limit, offset = _page(limit, offset)
        where = ["1 = 1"]
        args: list[Any] = []
        _date_bounds(where, args, since, until, lo="date_max", hi="date_min")  # clusters overlapping the window
        w = " AND ".join(where)
        conn = self._r()
        total = conn.execute(f"SELECT count(*) FROM clusters WHERE {w}", args).fetchone()[0]
        rows = conn.execute(
            f"SELECT json FROM clusters WHERE {w} ORDER BY date_min DESC, n_articles DESC, cluster_id LIMIT ? OFFSET ?",
            (*args, limit, offset),
        )
        return [json.loads(r[0]) for r in rows], int(total)

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        """One cluster's summary with its member events (flat rows) under ``events``."""
        row = self._r().execute("SELECT json FROM clusters WHERE cluster_id = ?", (cluster_id,)).fetchone()
        if row is None:
            return None
        out: dict[str, Any] = json.loads(row[0])
        out["events"] = list(self.iter_events(EventFilter(cluster_id=cluster_id)))
        return out

    # -- layers for export -----------------------------------------------------------------------
    def iter_layer(self, layer: str, *, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Flat rows of one layer (``articles``, ``entities``, ``attributions``, ``events``) of the latest
        versions, optionally only of the given articles."""
        if layer not in _LAYERS:
            raise StoreError(f"unknown layer {layer!r} (one of {', '.join(_LAYERS)})")
        if layer == "events":
            if article_ids is None:
                yield from self.iter_events()
            else:
                for aid in dict.fromkeys(article_ids):
                    yield from self.iter_events(EventFilter(article_id=aid))
            return
        conn = self._r()
        if layer == "articles":
            sql = (
                "SELECT a.article_id, a.version, a.sha256, a.title, a.published, a.outlet, a.url, a.source, "
                "a.ingested_at, a.n_events, a.text FROM articles a WHERE a.latest = 1"
            )
        elif layer == "entities":
            sql = (
                f"SELECT a.article_id, {', '.join('x.' + c for c in _ENTITY_COLS if c != 'name_norm')} "
                "FROM entities x JOIN articles a ON a.pk = x.article_pk WHERE x.latest = 1"
            )
        else:
            sql = (
                f"SELECT a.article_id, {', '.join('x.' + c for c in _ATTR_COLS)} "
                "FROM attributions x JOIN articles a ON a.pk = x.article_pk WHERE x.latest = 1"
            )
        if article_ids is None:
            for r in conn.execute(sql + " ORDER BY a.pk"):
                yield dict(r)
            return
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for r in conn.execute(sql + f" AND a.article_id IN ({', '.join('?' * len(chunk))}) ORDER BY a.pk", chunk):
                yield dict(r)

    # -- stats -----------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts and ranges: articles, versions, events, entities, attributions, clusters, errors."""
        conn = self._r()

        def one(sql: str) -> Any:
            return conn.execute(sql).fetchone()[0]

        pub = conn.execute("SELECT min(published), max(published) FROM articles WHERE latest = 1").fetchone()
        evd = conn.execute("SELECT min(event_date), max(event_date) FROM events WHERE latest = 1").fetchone()
        size = 0
        if not self._memory:
            for suffix in ("", "-wal"):
                f = Path(self.path + suffix)
                if f.exists():
                    size += f.stat().st_size
        return {
            "path": self.path,
            "schema_version": SCHEMA_VERSION,
            "articles": one("SELECT count(*) FROM articles WHERE latest = 1"),
            "versions": one("SELECT count(*) FROM articles"),
            "duplicates": one("SELECT count(*) FROM duplicates"),
            "events": one("SELECT count(*) FROM events WHERE latest = 1"),
            "entities": one("SELECT count(*) FROM entities WHERE latest = 1"),
            "attributions": one("SELECT count(*) FROM attributions WHERE latest = 1"),
            "clusters": one("SELECT count(*) FROM clusters"),
            "clustered_events": one("SELECT count(*) FROM events WHERE latest = 1 AND cluster_id IS NOT NULL"),
            "errors": one("SELECT count(*) FROM errors"),
            "published": {"min": pub[0], "max": pub[1]},
            "event_dates": {"min": evd[0], "max": evd[1]},
            "outlets": {
                r[0]: r[1]
                for r in conn.execute(
                    "SELECT coalesce(outlet, ''), count(*) FROM articles WHERE latest = 1 GROUP BY 1 ORDER BY 2 DESC"
                )
            },
            "event_types": {
                r[0]: r[1]
                for r in conn.execute(
                    "SELECT coalesce(event_type, ''), count(*) FROM events WHERE latest = 1 GROUP BY 1 ORDER BY 2 DESC"
                )
            },
            "bytes": size,
        }
