"""The SQL both stores share: every query of :class:`hadath.store.Store`, written once.

:class:`SQLStore` holds the queries; :class:`~hadath.store.sqlite.SQLiteStore` and
:class:`~hadath.store.postgres.PostgresStore` supply the connections (``_read``, ``_write``), the
schema and its migrations, the full-text index (``_fts_insert``, ``_search``) and a few words of
dialect (``_nocase``, ``_like``, ``_least``/``_greatest``, ``_seq``).  Queries are written with ``?``
placeholders; the PostgreSQL connection turns them into ``%s``.

Writing is one transaction per call under one writer: SQLite's ``BEGIN IMMEDIATE`` lock, PostgreSQL's
transaction-scoped advisory lock, so several processes may write one store without duplicates (the
unique keys and ``ON CONFLICT`` clauses hold that line too).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from hadath.corroborate import WINDOW_DAYS, cluster_events
from hadath.errors import StoreError
from hadath.isodate import iso_date
from hadath.notes import event_note
from hadath.store._countries import resolve_country
from hadath.store._prepare import PreparedArticle, decode_doc, prepare_article, query_terms, snippet
from hadath.store._reconcile import fingerprint, reconcile
from hadath.store.base import EventFilter

if TYPE_CHECKING:
    from hadath.similarity import Embedder

__all__ = ["SCHEMA_VERSION", "Conn", "SQLStore", "now_us"]

#: The schema version of both backends (SQLite also keeps it in ``PRAGMA user_version``).
SCHEMA_VERSION = 3


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Conn(Protocol):
    """What the shared queries need of a connection (sqlite3's, or the PostgreSQL adapter)."""

    def execute(self, sql: str, args: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, args: Any, /) -> Any: ...


ENTITY_COLS = (
    "entity_id kind name_ar name_en name_norm canonical_id actor_type country iso2 admin1 admin2 lat lon "
    "geo_precision n_mentions"
).split()
ATTR_COLS = (
    "attribution_id speaker speaker_name speaker_text cue content stance direct_quote anonymous article_level"
).split()
EVENT_COLS = (
    "event_id event_date date_from_event time_precision event_type sub_event_type actor1 actor1_name actor1_type "
    "actor2 actor2_name actor2_type assoc_actors location location_name country iso2 admin1 admin2 lat lon "
    "geo_precision fatalities confidence denied sentence_text evidence"
).split()
#: The events table names the coordinates ``latitude``/``longitude`` (so that datasette maps them).
EVENT_DB_COLS = [{"lat": "latitude", "lon": "longitude"}.get(c, c) for c in EVENT_COLS]
PRODUCED_COLS = "event_id_cnty fingerprint created_at updated_at hadath_version codebook_version".split()
SOURCE_COLS = "attribution_id speaker speaker_name stance".split()

# The flat event row: columns of events joined with the article's.
EVENT_SELECT = """
SELECT e.pk AS pk, e.gid AS id, a.article_id AS article_id, e.event_id AS local_id, e.event_id_cnty,
       e.event_type, e.sub_event_type, e.event_date, e.date_from_event, e.time_precision,
       e.actor1, e.actor1_name, e.actor1_type, e.actor2, e.actor2_name, e.actor2_type, e.assoc_actors,
       e.location, e.location_name, e.country, e.iso2, e.admin1, e.admin2, e.latitude AS lat, e.longitude AS lon,
       e.geo_precision, e.fatalities, e.confidence, e.denied, e.sentence_text, e.evidence, e.cluster_id,
       e.created_at, e.updated_at, e.hadath_version, e.codebook_version,
       a.outlet, a.title, a.url, a.published, a.version
FROM events e JOIN articles a ON a.pk = e.article_pk
"""

# What reconciliation reads of an article's current events.
_OLD_EVENTS = (
    "SELECT pk, gid, event_id_cnty, created_at, updated_at, fingerprint, event_type, location_name, admin2, "
    "admin1, country, event_date, actor1_name, actor2_name FROM events WHERE article_pk = ? AND latest = 1 "
    "ORDER BY pk"
)

LAYERS = ("articles", "entities", "attributions", "events")


def now_s() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def now_us() -> str:
    """The time as the change feed stores it: ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC; sorts as text)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def check_date(name: str, value: str | None) -> str | None:
    return iso_date(value, name, error=StoreError) if value else None


def date_bounds(where: list[str], args: list[Any], since: str | None, until: str | None, *, lo: str, hi: str) -> None:
    """Add the inclusive bounds ``lo >= since`` and ``hi <= until`` (a bad date is a StoreError)."""
    since, until = check_date("since", since), check_date("until", until)
    if since:
        where.append(f"{lo} >= ?")
        args.append(since)
    if until:
        where.append(f"{hi} <= ?")
        args.append(until)


def shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except (ValueError, OverflowError):
        return day


def valid_day(value: Any) -> str | None:
    """A stored date that is a real ``YYYY-MM-DD`` day, else None (stored values are not trusted)."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise StoreError("limit and offset must not be negative")
    return int(limit), int(offset)


def _chunks(values: list[Any], n: int = 500) -> Iterator[list[Any]]:
    for i in range(0, len(values), n):
        yield values[i : i + n]


def _iso3(ev: Mapping[str, Any]) -> str:
    c = resolve_country(ev.get("iso2") or ev.get("country"))
    return c.iso3 if c else "XXX"


class _Tx:
    """One write transaction's view of the articles it touches (read once, kept current as it inserts) and the
    layer rows it writes at the end in one bulk insert per table."""

    __slots__ = ("by_id", "by_url", "rows", "sha")

    def __init__(self) -> None:
        self.sha: dict[str, str] = {}  # sha256 → article id, of every stored version
        self.by_id: dict[str, int] = {}  # article id → pk of its latest version
        self.by_url: dict[str, tuple[int, str]] = {}  # url → (pk, article id) of the latest version with it
        self.rows: dict[str, list[tuple[Any, ...]]] = {}

    def add(self, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
        self.rows.setdefault(table, []).extend(rows)

    def stored(self, pk: int, sha: str, article_id: str, url: str | None, prev_pk: int | None) -> None:
        self.sha[sha] = article_id
        self.by_id[article_id] = pk
        if prev_pk is not None:
            for u, (upk, _aid) in list(self.by_url.items()):
                if upk == prev_pk:
                    del self.by_url[u]
        if url:
            self.by_url[url] = (pk, article_id)


#: The columns of the layer tables written in bulk.
_BULK_COLS = {
    "entities": ["article_pk", *ENTITY_COLS],
    "mentions": ["article_pk", "entity_id", "start", "end"],
    "attributions": ["article_pk", *ATTR_COLS],
    "event_sources": ["event_pk", *SOURCE_COLS],
    "deleted_events": "gid article_id event_id_cnty deleted_at hadath_version codebook_version reason".split(),
}
_BULK_COLS["mentions"].append("text")
_BULK_ORDER = ("entities", "mentions", "attributions", "event_sources", "deleted_events")


class SQLStore:
    """The queries of both backends (see the module docstring); not used on its own."""

    path: str
    # -- dialect ---------------------------------------------------------------------------------------
    #: the column that orders rows of tables without a primary key of their own
    _seq = "rowid"
    _like = "LIKE"
    _least = "min"
    _greatest = "max"

    def _nocase(self, col: str) -> str:
        """``col = ?`` ignoring ASCII case."""
        return f"{col} = ? COLLATE NOCASE"

    # -- backend hooks -------------------------------------------------------------------------------
    def _read(self) -> AbstractContextManager[Conn]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _write(self, fn: Callable[[Conn], Any]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _fts_insert(self, conn: Conn, pk: int, title: str, body: str) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _bulk(self, conn: Conn, table: str, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Insert many rows into a layer table (PostgreSQL: ``COPY``)."""
        names = ", ".join(f'"{c}"' for c in cols)
        conn.executemany(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(cols))})", rows)

    def _article_extra(self, p: PreparedArticle) -> tuple[str, str, list[Any]]:
        """Extra columns of an article row: ``(", col", ", expr", args)`` (PostgreSQL's search vector)."""
        return "", "", []

    def _search(
        self, conn: Conn, terms: list[str], where: list[str], args: list[Any], cols: str, limit: int, offset: int
    ) -> tuple[list[Any], int]:  # pragma: no cover - abstract
        raise NotImplementedError

    def _size(self) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------
    def add(self, doc: dict[str, Any], *, text: str, source: str = "") -> str:
        """Store one document; returns ``"ingested"``, ``"unchanged"`` or ``"version"``."""
        p = prepare_article(doc, text, source)
        counts = self.add_prepared([p])
        return next((k for k, n in counts.items() if n), "unchanged")

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

        def run(conn: Conn) -> dict[str, int]:
            now = now_us()
            tx = self._prefetch(conn, items, [d[0] for d in dups])
            counts = {"ingested": 0, "unchanged": 0, "version": 0}
            for p in items:
                counts[self._insert(conn, tx, p, now)] += 1
            for source, reason in errs:
                self._log_error(conn, source, reason)
            for sha, aid, url, outlet, source, first in dups:
                self._note_duplicate(conn, tx, sha, aid, url, outlet, source, first)
            self._flush(conn, tx)
            return counts

        out: dict[str, int] = self._write(run)
        return out

    def _prefetch(self, conn: Conn, items: list[PreparedArticle], more_shas: Iterable[str] = ()) -> _Tx:
        """Read what the batch's inserts must know of the stored articles, in a few queries."""
        tx = _Tx()
        shas = list(dict.fromkeys([p.sha256 for p in items] + list(more_shas)))
        ids = list(dict.fromkeys(p.article_id for p in items))
        urls = list(dict.fromkeys(p.url for p in items if p.url))
        for chunk in _chunks(shas):
            q = f"SELECT sha256, article_id FROM articles WHERE sha256 IN ({', '.join('?' * len(chunk))})"
            tx.sha.update((r[0], r[1]) for r in conn.execute(q, chunk))
        for chunk in _chunks(ids):
            marks = ", ".join("?" * len(chunk))
            q = f"SELECT pk, article_id FROM articles WHERE latest = 1 AND article_id IN ({marks})"
            tx.by_id.update((r[1], r[0]) for r in conn.execute(q, chunk))
        for chunk in _chunks(urls):
            q = (
                "SELECT pk, article_id, url FROM articles WHERE latest = 1 AND "
                f"url IN ({', '.join('?' * len(chunk))}) ORDER BY pk"
            )
            tx.by_url.update((r[2], (r[0], r[1])) for r in conn.execute(q, chunk))
        return tx

    def _flush(self, conn: Conn, tx: _Tx) -> None:
        for table in _BULK_ORDER:
            rows = tx.rows.get(table)
            if rows:
                self._bulk(conn, table, _BULK_COLS[table], rows)
        tx.rows.clear()

    def _note_duplicate(
        self,
        conn: Conn,
        tx: _Tx,
        sha: str,
        article_id: str | None,
        url: str | None,
        outlet: str | None,
        source: str,
        first_source: str,
    ) -> None:
        stored = tx.sha.get(sha)
        if stored is None:
            self._log_error(conn, source, f"same text as {first_source}, which was not stored")
        elif article_id and stored != article_id:
            conn.execute(
                "INSERT INTO duplicates (sha256, article_id, url, outlet, source, seen_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (sha, article_id, url, outlet, source, now_s()),
            )

    def _insert(self, conn: Conn, tx: _Tx, p: PreparedArticle, now: str) -> str:
        stored = tx.sha.get(p.sha256)
        if stored is not None:
            if stored != p.article_id:
                conn.execute(
                    "INSERT INTO duplicates (sha256, article_id, url, outlet, source, seen_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (p.sha256, p.article_id, p.url, p.outlet, p.source, now_s()),
                )
            return "unchanged"
        prev: tuple[int, str] | None = None
        if p.article_id in tx.by_id:
            prev = (tx.by_id[p.article_id], p.article_id)
        elif p.url and p.url in tx.by_url:
            prev = tx.by_url[p.url]
        article_id = p.article_id
        version = 1
        status = "ingested"
        old: list[Any] = []
        prev_pk = None
        if prev is not None:
            prev_pk, article_id = prev
            version = (
                conn.execute("SELECT max(version) FROM articles WHERE article_id = ?", (article_id,)).fetchone()[0] + 1
            )
            status = "version"
            old = conn.execute(_OLD_EVENTS, (prev_pk,)).fetchall()
            self._mark_dirty_rows(conn, old)
            self._flush(conn, tx)  # the previous version's rows, if this batch wrote them, before they are retired
            conn.execute("UPDATE articles SET latest = 0 WHERE article_id = ? AND latest = 1", (article_id,))
            for table in ("entities", "attributions", "events"):
                conn.execute(f"UPDATE {table} SET latest = 0 WHERE article_pk = ?", (prev_pk,))
        xcols, xvals, xargs = self._article_extra(p)
        pk = conn.execute(
            "INSERT INTO articles (article_id, version, latest, sha256, url, outlet, title, published, text, source, "
            f"ingested_at, n_events, doc, extracted_at, hadath_version, codebook_version{xcols}) "
            f"VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?{xvals}) RETURNING pk",
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
                now[:19] + "Z",
                p.n_events,
                p.doc_blob,
                now,
                p.hadath_version,
                p.codebook_version,
                *xargs,
            ),
        ).fetchone()[0]
        self._fts_insert(conn, pk, p.fts_title, p.fts_body)
        tx.stored(pk, p.sha256, article_id, p.url, prev_pk)
        self._insert_layers(conn, tx, pk, article_id, p, old, now, reason="new version")
        return status

    def _insert_layers(
        self,
        conn: Conn,
        tx: _Tx,
        pk: int,
        article_id: str,
        p: PreparedArticle,
        old: list[Any],
        now: str,
        *,
        reason: str,
    ) -> dict[str, int]:
        """Insert an article version's entities, attributions and events, reconciling its events with
        ``old`` (the events they replace: matched ones keep their ids, the rest are deletions).  The layer
        rows are queued in ``tx`` and written by :meth:`_flush`."""
        tx.add("entities", ((pk, *(e[c] for c in ENTITY_COLS)) for e in p.entities))
        tx.add("mentions", ((pk, m["entity_id"], m["start"], m["end"], m["text"]) for m in p.mentions))
        tx.add("attributions", ((pk, *(a[c] for c in ATTR_COLS)) for a in p.attributions))
        counts = {"kept": 0, "updated": 0, "added": 0, "deleted": 0}
        match = reconcile([dict(o) for o in old], p.events)
        taken: set[str] = {str(o["gid"]) for o in old}
        if old or reason != "new version":
            taken.update(
                r[0]
                for r in conn.execute(
                    "SELECT e.gid FROM events e JOIN articles a ON a.pk = e.article_pk WHERE a.article_id = ?",
                    (article_id,),
                )
            )
            taken.update(
                r[0] for r in conn.execute("SELECT gid FROM deleted_events WHERE article_id = ?", (article_id,))
            )
        rows: list[tuple[str, dict[str, Any], list[dict[str, Any]], list[Any]]] = []
        need: dict[str, int] = {}
        seen: set[str] = set()
        for ev, srcs, m in zip(p.events, p.event_sources, match.matched, strict=True):
            eid = ev["event_id"]
            if eid in seen:
                eid = f"{eid}.{len(seen)}"
            seen.add(eid)
            vals = {**ev, "event_id": eid}
            fp = fingerprint(vals, srcs)
            if m is not None:
                same = m["fingerprint"] == fp
                counts["kept" if same else "updated"] += 1
                produced = [m["event_id_cnty"], fp, m["created_at"], m["updated_at"] if same else now]
                gid = str(m["gid"])
            else:
                counts["added"] += 1
                gid = f"{article_id}:{eid}"
                k = 1
                while gid in taken:
                    k += 1
                    gid = f"{article_id}:{eid}~{k}"
                iso3 = _iso3(ev)
                need[iso3] = need.get(iso3, 0) + 1
                produced = [iso3, fp, now, now]
            taken.add(gid)
            rows.append((gid, vals, srcs, produced))
        # number the new events per country: SYR1, SYR2 … (a counter per country in meta)
        nxt: dict[str, int] = {}
        for iso3, n in need.items():
            top = conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                "value = CAST(CAST(meta.value AS INTEGER) + ? AS TEXT) RETURNING value",
                (f"cnty:{iso3}", str(n), n),
            ).fetchone()[0]
            nxt[iso3] = int(top) - n + 1
        cols = ", ".join(EVENT_DB_COLS + PRODUCED_COLS)
        marks = ", ".join("?" * (len(EVENT_DB_COLS) + len(PRODUCED_COLS) + 2))
        sql = f"INSERT INTO events (article_pk, gid, {cols}) VALUES ({marks}) RETURNING pk"
        for gid, vals, srcs, produced in rows:
            cnty = produced[0]
            if cnty in nxt:  # a new event: its country's next number
                produced[0] = f"{cnty}{nxt[cnty]}"
                nxt[cnty] += 1
            epk = conn.execute(
                sql,
                (pk, gid, *(vals[c] for c in EVENT_COLS), *produced, p.hadath_version, p.codebook_version),
            ).fetchone()[0]
            tx.add("event_sources", ((epk, *(s[c] for c in SOURCE_COLS)) for s in srcs))
        if match.deleted:
            counts["deleted"] = len(match.deleted)
            tx.add(
                "deleted_events",
                (
                    (d["gid"], article_id, d["event_id_cnty"], now, p.hadath_version, p.codebook_version, reason)
                    for d in match.deleted
                ),
            )
        if p.event_dates:
            self._mark_dirty(conn, *p.event_dates)
        return counts

    def _mark_dirty_rows(self, conn: Conn, rows: Iterable[Any]) -> None:
        days = sorted(d for d in (valid_day(r["event_date"]) for r in rows) if d)
        if days:
            self._mark_dirty(conn, days[0], days[-1])

    def _mark_dirty(self, conn: Conn, lo: str | None, hi: str | None) -> None:
        """Widen the date window whose clusters are out of date (see :meth:`recluster_changed`)."""
        lo, hi = valid_day(lo), valid_day(hi)
        if lo:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('dirty_min', ?) "
                f"ON CONFLICT (key) DO UPDATE SET value = {self._least}(meta.value, excluded.value)",
                (lo,),
            )
        if hi:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('dirty_max', ?) "
                f"ON CONFLICT (key) DO UPDATE SET value = {self._greatest}(meta.value, excluded.value)",
                (hi,),
            )

    def known_hashes(self, hashes: Iterable[str]) -> dict[str, str]:
        """Which of ``hashes`` (SHA-256 of article texts) are stored, in any version: hash → article id."""
        hs = list(dict.fromkeys(hashes))
        found: dict[str, str] = {}
        with self._read() as conn:
            for i in range(0, len(hs), 500):
                chunk = hs[i : i + 500]
                q = f"SELECT sha256, article_id FROM articles WHERE sha256 IN ({', '.join('?' * len(chunk))})"
                found.update((r[0], r[1]) for r in conn.execute(q, chunk))
        return found

    def duplicates(self, limit: int = 100) -> list[dict[str, Any]]:
        """Articles whose text was already stored under another id: ``{sha256, article_id, stored_id, url,
        outlet, source, seen_at}``."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT d.sha256, d.article_id, a.article_id AS stored_id, d.url, d.outlet, d.source, d.seen_at "
                f"FROM duplicates d LEFT JOIN articles a ON a.sha256 = d.sha256 ORDER BY d.{self._seq} DESC LIMIT ?",
                (int(limit),),
            ).fetchall()
        return [dict(r) for r in rows]

    def _log_error(self, conn: Conn, source: str, reason: str) -> None:
        conn.execute(
            "INSERT INTO errors (source, reason, at) VALUES (?, ?, ?) "
            "ON CONFLICT (source, reason) DO UPDATE SET at = excluded.at, count = errors.count + 1",
            (source, reason, now_s()),
        )

    def log_error(self, source: str, reason: str) -> None:
        """Record a bad input (where it came from and why it was skipped)."""
        self._write(lambda conn: self._log_error(conn, source, reason))

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        """The logged bad inputs, newest first: ``{source, reason, at, count}``."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT source, reason, at, count FROM errors ORDER BY at DESC, pk DESC LIMIT ?", (int(limit),)
            ).fetchall()
        return [dict(r) for r in rows]

    # -- re-extraction ---------------------------------------------------------------------------------
    def reextract_start(self) -> str:
        """Begin (or resume) a re-extraction run: the time it started, kept in ``meta`` until
        :meth:`reextract_finish`; articles extracted before it are still to do."""

        def run(conn: Conn) -> str:
            row = conn.execute("SELECT value FROM meta WHERE key = 'reextract_started'").fetchone()
            if row is not None:
                return str(row[0])
            started = now_us()
            conn.execute("INSERT INTO meta (key, value) VALUES ('reextract_started', ?)", (started,))
            return started

        out: str = self._write(run)
        return out

    def reextract_finish(self) -> None:
        self._write(lambda conn: conn.execute("DELETE FROM meta WHERE key = 'reextract_started'"))

    def reextract_todo(self, started: str, *, since: str | None = None, until: str | None = None) -> int:
        """How many latest articles (published within the bounds) were extracted before ``started``."""
        where, args = self._todo_where(started, since, until)
        with self._read() as conn:
            n: int = conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0]
        return n

    def _todo_where(self, started: str, since: str | None, until: str | None) -> tuple[str, list[Any]]:
        where = ["a.latest = 1", "(a.extracted_at IS NULL OR a.extracted_at < ?)"]
        args: list[Any] = [started]
        date_bounds(where, args, since, until, lo="a.published", hi="a.published")
        return " AND ".join(where), args

    def iter_reextract(
        self, started: str, *, since: str | None = None, until: str | None = None, batch: int = 100
    ) -> Iterator[list[dict[str, Any]]]:
        """Batches of the articles still to re-extract: ``{text, id, title, published, outlet, url, source}``."""
        where, args = self._todo_where(started, since, until)
        last = -1
        while True:
            with self._read() as conn:
                rows = conn.execute(
                    "SELECT a.pk, a.article_id, a.title, a.published, a.outlet, a.url, a.source, a.text "
                    f"FROM articles a WHERE {where} AND a.pk > ? ORDER BY a.pk LIMIT ?",
                    (*args, last, batch),
                ).fetchall()
            if not rows:
                return
            last = rows[-1]["pk"]
            yield [
                {
                    "text": r["text"],
                    "id": r["article_id"],
                    "title": r["title"],
                    "published": r["published"],
                    "outlet": r["outlet"],
                    "url": r["url"],
                    "source": r["source"] or r["article_id"],
                }
                for r in rows
            ]

    def reextract_prepared(
        self, items: Iterable[PreparedArticle], *, errors: Iterable[tuple[str, str]] = ()
    ) -> dict[str, int]:
        """Replace the layers of stored articles with a new extraction of the same texts (one transaction).

        Events are reconciled (:mod:`hadath.store._reconcile`): an event whose identity survives keeps its
        id, ``event_id_cnty`` and ``created_at`` (``updated_at`` moves when a field changed); new ones get
        new ids; vanished ones are recorded in ``deleted_events``.  Returns counts: ``articles``, ``kept``,
        ``updated``, ``added``, ``deleted``, ``missing`` (texts no longer stored as a latest version).
        """
        items = list(items)
        errs = list(errors)

        def run(conn: Conn) -> dict[str, int]:
            now = now_us()
            tx = _Tx()
            counts = {"articles": 0, "kept": 0, "updated": 0, "added": 0, "deleted": 0, "missing": 0}
            for p in items:
                row = conn.execute(
                    "SELECT pk, article_id FROM articles WHERE sha256 = ? AND latest = 1", (p.sha256,)
                ).fetchone()
                if row is None:
                    counts["missing"] += 1
                    continue
                pk = row["pk"]
                old = conn.execute(_OLD_EVENTS, (pk,)).fetchall()
                self._mark_dirty_rows(conn, old)
                conn.execute(
                    "DELETE FROM event_sources WHERE event_pk IN (SELECT pk FROM events WHERE article_pk = ?)", (pk,)
                )
                for table in ("events", "mentions", "entities", "attributions"):
                    conn.execute(f"DELETE FROM {table} WHERE article_pk = ?", (pk,))
                conn.execute(
                    "UPDATE articles SET doc = ?, n_events = ?, extracted_at = ?, hadath_version = ?, "
                    "codebook_version = ? WHERE pk = ?",
                    (p.doc_blob, p.n_events, now, p.hadath_version, p.codebook_version, pk),
                )
                done = self._insert_layers(conn, tx, pk, row["article_id"], p, old, now, reason="re-extraction")
                counts["articles"] += 1
                for k, v in done.items():
                    counts[k] += v
            for source, reason in errs:
                self._log_error(conn, source, reason)
            self._flush(conn, tx)
            return counts

        out: dict[str, int] = self._write(run)
        return out

    # -- articles --------------------------------------------------------------------------------------
    def article(self, article_id: str, *, version: int | None = None) -> dict[str, Any] | None:
        """The hadath/1 document of the latest (or the given) version, with ``text`` included."""
        with self._read() as conn:
            if version is None:
                row = conn.execute(
                    "SELECT article_id, doc, text FROM articles WHERE article_id = ? AND latest = 1", (article_id,)
                ).fetchone()
            else:
                row = conn.execute(
                    "SELECT article_id, doc, text FROM articles WHERE article_id = ? AND version = ?",
                    (article_id, int(version)),
                ).fetchone()
        if row is None:
            return None
        doc = decode_doc(bytes(row["doc"]))
        doc["article"]["id"] = row["article_id"]
        doc["text"] = row["text"]
        return doc

    def article_versions(self, article_id: str) -> list[dict[str, Any]]:
        """Every stored version of an article: ``{version, latest, sha256, ingested_at, source, title}``."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT version, latest, sha256, ingested_at, source, title FROM articles WHERE article_id = ? "
                "ORDER BY version",
                (article_id,),
            ).fetchall()
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
        limit, offset = page(limit, offset)
        where = ["a.latest = 1"]
        args: list[Any] = []
        date_bounds(where, args, since, until, lo="a.published", hi="a.published")
        if outlet:
            where.append(self._nocase("a.outlet"))
            args.append(outlet)
        terms: list[str] = []
        cols = "a.article_id, a.title, a.published, a.outlet, a.url, a.n_events, a.version, a.sha256, a.text"
        with self._read() as conn:
            if q is not None and q.strip():
                terms = query_terms(q)
                if not terms:
                    return [], 0
                rows, total = self._search(conn, terms, where, args, cols, limit, offset)
            else:
                base = f"FROM articles a WHERE {' AND '.join(where)}"
                total = conn.execute(f"SELECT count(*) {base}", args).fetchone()[0]
                rows = conn.execute(
                    f"SELECT {cols} {base} ORDER BY a.published DESC NULLS LAST, a.pk DESC LIMIT ? OFFSET ?",
                    (*args, limit, offset),
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

    # -- events ----------------------------------------------------------------------------------------
    def _event_where(self, f: EventFilter) -> tuple[str, list[Any]]:
        from hadath.lang.ar.orthography import norm_str

        where = ["e.latest = 1"]
        args: list[Any] = []
        date_bounds(where, args, f.since, f.until, lo="e.event_date", hi="e.event_date")
        if f.updated_since:
            where.append("e.updated_at >= ?")
            args.append(f.updated_since)
        if f.country:
            c = resolve_country(f.country)
            if c is not None:
                where.append(f"(e.iso2 = ? OR {self._nocase('e.country')})")
                args += [c.iso2, c.name]
            else:
                where.append(self._nocase("e.country"))
                args.append(f.country)
        if f.admin1:
            where.append(self._nocase("e.admin1"))
            args.append(f.admin1)
        if f.event_type:
            where.append(self._nocase("e.event_type"))
            args.append(f.event_type)
        if f.sub_event_type:
            where.append(self._nocase("e.sub_event_type"))
            args.append(f.sub_event_type)
        if f.actor:
            like = f"%{f.actor}%"
            lk = self._like
            where.append(
                f"(e.actor1_name {lk} ? OR e.actor2_name {lk} ? OR e.assoc_actors {lk} ? "
                "OR EXISTS (SELECT 1 FROM entities n WHERE n.article_pk = e.article_pk "
                f"AND n.entity_id IN (e.actor1, e.actor2) AND (n.canonical_id = ? OR n.name_norm {lk} ?)))"
            )
            args += [like, like, like, f.actor, f"%{norm_str(f.actor)}%"]
        if f.bbox is not None:
            w, s, e, n = f.bbox
            where.append("e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?")
            args += [w, e, s, n]
        if f.cluster_id:
            where.append("e.cluster_id = ?")
            args.append(f.cluster_id)
        if f.article_id:
            where.append("e.article_pk IN (SELECT pk FROM articles WHERE article_id = ?)")
            args.append(f.article_id)
        return " AND ".join(where), args

    def _event_rows(self, conn: Conn, rows: list[Any]) -> list[dict[str, Any]]:
        if not rows:
            return []
        pks = [r["pk"] for r in rows]
        sources: dict[int, list[dict[str, Any]]] = {}
        for i in range(0, len(pks), 500):
            chunk = pks[i : i + 500]
            for s in conn.execute(
                f"SELECT event_pk, attribution_id, speaker, speaker_name, stance FROM event_sources "
                f"WHERE event_pk IN ({', '.join('?' * len(chunk))}) ORDER BY {self._seq}",
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
            d["notes_en"] = event_note(d)
            out.append(d)
        return out

    def events(
        self, filters: EventFilter | None = None, *, limit: int = 100, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Flat event rows of the latest article versions, by date then id; and the total count."""
        limit, offset = page(limit, offset)
        where, args = self._event_where(filters or EventFilter())
        with self._read() as conn:
            total = conn.execute(f"SELECT count(*) FROM events e WHERE {where}", args).fetchone()[0]
            rows = conn.execute(
                f"{EVENT_SELECT} WHERE {where} ORDER BY e.event_date NULLS FIRST, e.pk LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
            return self._event_rows(conn, rows), int(total)

    def iter_events(self, filters: EventFilter | None = None, *, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every flat event row matching ``filters`` (as for :meth:`events`), streamed in pages."""
        where, args = self._event_where(filters or EventFilter())
        last = -1
        while True:
            with self._read() as conn:
                rows = conn.execute(
                    f"{EVENT_SELECT} WHERE {where} AND e.pk > ? ORDER BY e.pk LIMIT ?", (*args, last, batch)
                ).fetchall()
                if not rows:
                    return
                out = self._event_rows(conn, rows)
            last = rows[-1]["pk"]
            yield from out

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event by its global id ``<article_id>:<event id>``: the hadath/1 event with the flat
        columns, the article's metadata and ``source_attributions`` (the full attributions)."""
        with self._read() as conn:
            row = conn.execute(f"{EVENT_SELECT} WHERE e.gid = ? AND e.latest = 1", (event_id,)).fetchone()
            if row is None:
                return None
            flat = self._event_rows(conn, [row])[0]
            blob = conn.execute(
                "SELECT a.doc FROM events e JOIN articles a ON a.pk = e.article_pk WHERE e.pk = ?", (flat["row"],)
            ).fetchone()[0]
            doc = decode_doc(bytes(blob))
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

    def deleted(
        self, *, since: str | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[list[dict[str, Any]], int]:
        """Deleted events (ACLED's model: the id and when it was deleted), oldest first, deleted at or after
        ``since`` (a timestamp, see :meth:`EventFilter.updated_since`); and the total count.  Each row:
        ``{id, event_id_cnty, article_id, deleted_at, hadath_version, codebook_version, reason}``."""
        where, args = "1 = 1", []
        if since:
            from hadath.store.base import timestamp

            where, args = "deleted_at >= ?", [timestamp(since, "since")]
        with self._read() as conn:
            total = conn.execute(f"SELECT count(*) FROM deleted_events WHERE {where}", args).fetchone()[0]
            sql = (
                "SELECT gid AS id, event_id_cnty, article_id, deleted_at, hadath_version, codebook_version, reason "
                f"FROM deleted_events WHERE {where} ORDER BY deleted_at, gid"
            )
            if limit is not None:
                lim, off = page(limit, offset)
                rows = conn.execute(sql + " LIMIT ? OFFSET ?", (*args, lim, off)).fetchall()
            else:
                rows = conn.execute(sql, args).fetchall()
        return [dict(r) for r in rows], int(total)

    # -- clusters --------------------------------------------------------------------------------------
    def _cluster_rows(self, where: str, args: list[Any], *, text: bool = False) -> list[dict[str, Any]]:
        """The columns corroboration needs, for the latest events matching ``where`` (over ``e``); with
        ``text`` also each event's ``sentence_text`` (for sentence similarity).  Stored values are not
        trusted: an event whose date is not a real day is left out (it cannot be placed in time)."""
        extra = ", e.sentence_text" if text else ""
        with self._read() as conn:
            rows = [
                dict(r)
                for r in conn.execute(
                    "SELECT e.pk, e.gid AS id, a.article_id, a.outlet, e.event_type, e.sub_event_type, e.event_date, "
                    "e.latitude AS lat, e.longitude AS lon, e.geo_precision, e.country, e.admin1, e.admin2, "
                    "e.location_name, e.actor1_name, e.actor1_type, e.actor2_name, e.actor2_type, e.fatalities, "
                    f"e.denied{extra} FROM events e JOIN articles a ON a.pk = e.article_pk "
                    f"WHERE e.latest = 1 AND {where}",
                    args,
                )
            ]
            sources: dict[int, list[dict[str, Any]]] = {}
            for s in conn.execute(
                "SELECT s.event_pk, s.speaker_name, s.stance FROM event_sources s JOIN events e ON e.pk = s.event_pk "
                f"JOIN articles a ON a.pk = e.article_pk WHERE e.latest = 1 AND {where} ORDER BY s.{self._seq}",
                args,
            ):
                sources.setdefault(s[0], []).append({"speaker_name": s[1], "stance": s[2]})
        out = []
        for r in rows:
            r["sources"] = sources.get(r.pop("pk"), [])
            if valid_day(r["event_date"]) is None:
                continue
            for k in ("lat", "lon"):
                if r[k] is not None and not (isinstance(r[k], int | float) and -180 <= r[k] <= 180):
                    r[k] = None
            if r["geo_precision"] is not None and not isinstance(r["geo_precision"], int):
                r["geo_precision"] = None
            if r["fatalities"] is not None and not isinstance(r["fatalities"], int):
                r["fatalities"] = None
            out.append(r)
        return out

    def recluster_changed(self, *, similarity: Embedder | None = None) -> int:
        """Recluster only around the event dates added or replaced since the last recluster (a no-op
        when nothing changed); returns how many clusters there are in all.  ``similarity`` as for
        :meth:`recluster`."""
        with self._read() as conn:
            dirty = {
                r[0]: r[1]
                for r in conn.execute("SELECT key, value FROM meta WHERE key IN ('dirty_min', 'dirty_max')").fetchall()
            }
            if not dirty:
                n: int = conn.execute("SELECT count(*) FROM clusters").fetchone()[0]
                return n
        since, until = valid_day(dirty.get("dirty_min")), valid_day(dirty.get("dirty_max"))
        if since is None and until is None:  # a window that is not one: recompute everything
            return self.recluster(similarity=similarity, _clear=dirty)
        return self.recluster(since=since, until=until, similarity=similarity, _clear=dirty)

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
        since, until = check_date("since", since), check_date("until", until)
        full = since is None and until is None
        if full:
            clusters = cluster_events(self._cluster_rows("1 = 1", [], text=text), similarity=similarity)
            drop_sql, drop_args = "1 = 1", []
        else:
            # an event may join a cluster up to WINDOW_DAYS away: widen the window by that much
            lo = shift(since, -WINDOW_DAYS) if since else "0000-01-01"
            hi = shift(until, WINDOW_DAYS) if until else "9999-12-31"
            with self._read() as conn:
                span = conn.execute(
                    "SELECT min(date_min), max(date_max) FROM clusters WHERE date_max >= ? AND date_min <= ?",
                    (lo, hi),
                ).fetchone()
            lo = min(lo, valid_day(span[0]) or lo)
            hi = max(hi, valid_day(span[1]) or hi)
            drop_sql, drop_args = "date_max >= ? AND date_min <= ?", [lo, hi]
            clusters = cluster_events(
                self._cluster_rows(
                    "e.event_date >= ? AND e.event_date <= ? AND (e.cluster_id IS NULL OR e.cluster_id IN "
                    "(SELECT cluster_id FROM clusters WHERE date_max >= ? AND date_min <= ?))",
                    [shift(lo, -WINDOW_DAYS), shift(hi, WINDOW_DAYS), lo, hi],
                    text=text,
                ),
                similarity=similarity,
            )

        def run(conn: Conn) -> int:
            conn.execute(
                f"UPDATE events SET cluster_id = NULL WHERE cluster_id IN (SELECT cluster_id FROM clusters "
                f"WHERE {drop_sql})",
                drop_args,
            )
            conn.execute(f"DELETE FROM clusters WHERE {drop_sql}", drop_args)
            cols = (
                "cluster_id event_type sub_event_type date_min date_max country admin1 admin2 location_name lat lon "
                "n_events n_articles n_outlets n_speakers fatalities_min fatalities_max"
            ).split()
            sql = (
                f"INSERT INTO clusters ({', '.join(cols)}, n_disagreements, json) VALUES ({', '.join('?' * 19)}) "
                "ON CONFLICT (cluster_id) DO UPDATE SET "
                + ", ".join(f"{c} = excluded.{c}" for c in [*cols[1:], "n_disagreements", "json"])
            )
            for c in clusters:
                conn.execute(sql, (*(c[k] for k in cols), len(c["disagreements"]), json.dumps(c, ensure_ascii=False)))
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
        limit, offset = page(limit, offset)
        where = ["1 = 1"]
        args: list[Any] = []
        date_bounds(where, args, since, until, lo="date_max", hi="date_min")  # clusters overlapping the window
        w = " AND ".join(where)
        with self._read() as conn:
            total = conn.execute(f"SELECT count(*) FROM clusters WHERE {w}", args).fetchone()[0]
            rows = conn.execute(
                f"SELECT json FROM clusters WHERE {w} ORDER BY date_min DESC, n_articles DESC, cluster_id "
                "LIMIT ? OFFSET ?",
                (*args, limit, offset),
            ).fetchall()
        return [json.loads(r[0]) for r in rows], int(total)

    def cluster(self, cluster_id: str) -> dict[str, Any] | None:
        """One cluster's summary with its member events (flat rows) under ``events``."""
        with self._read() as conn:
            row = conn.execute("SELECT json FROM clusters WHERE cluster_id = ?", (cluster_id,)).fetchone()
        if row is None:
            return None
        out: dict[str, Any] = json.loads(row[0])
        out["events"] = list(self.iter_events(EventFilter(cluster_id=cluster_id)))
        return out

    # -- layers for export -----------------------------------------------------------------------------
    def iter_layer(self, layer: str, *, article_ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        """Flat rows of one layer (``articles``, ``entities``, ``attributions``, ``events``) of the latest
        versions, optionally only of the given articles."""
        if layer not in LAYERS:
            raise StoreError(f"unknown layer {layer!r} (one of {', '.join(LAYERS)})")
        if layer == "events":
            if article_ids is None:
                yield from self.iter_events()
            else:
                for aid in dict.fromkeys(article_ids):
                    yield from self.iter_events(EventFilter(article_id=aid))
            return
        if layer == "articles":
            sql = (
                "SELECT a.article_id, a.version, a.sha256, a.title, a.published, a.outlet, a.url, a.source, "
                "a.ingested_at, a.n_events, a.text FROM articles a WHERE a.latest = 1"
            )
        elif layer == "entities":
            sql = (
                f"SELECT a.article_id, {', '.join('x.' + c for c in ENTITY_COLS if c != 'name_norm')} "
                "FROM entities x JOIN articles a ON a.pk = x.article_pk WHERE x.latest = 1"
            )
        else:
            sql = (
                f"SELECT a.article_id, {', '.join('x.' + c for c in ATTR_COLS)} "
                "FROM attributions x JOIN articles a ON a.pk = x.article_pk WHERE x.latest = 1"
            )
        if article_ids is None:
            with self._read() as conn:
                for r in conn.execute(sql + " ORDER BY a.pk"):
                    yield dict(r)
            return
        ids = list(dict.fromkeys(article_ids))
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            with self._read() as conn:
                rows = conn.execute(
                    sql + f" AND a.article_id IN ({', '.join('?' * len(chunk))}) ORDER BY a.pk", chunk
                ).fetchall()
            for r in rows:
                yield dict(r)

    # -- stats -----------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts and ranges: articles, versions, events, entities, attributions, clusters, errors."""
        with self._read() as conn:

            def one(sql: str) -> Any:
                return conn.execute(sql).fetchone()[0]

            pub = conn.execute("SELECT min(published), max(published) FROM articles WHERE latest = 1").fetchone()
            evd = conn.execute("SELECT min(event_date), max(event_date) FROM events WHERE latest = 1").fetchone()
            out = {
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
                "deleted_events": one("SELECT count(*) FROM deleted_events"),
                "errors": one("SELECT count(*) FROM errors"),
                "published": {"min": pub[0], "max": pub[1]},
                "event_dates": {"min": evd[0], "max": evd[1]},
                "outlets": {
                    r[0]: r[1]
                    for r in conn.execute(
                        "SELECT coalesce(outlet, ''), count(*) FROM articles WHERE latest = 1 GROUP BY 1 "
                        "ORDER BY 2 DESC, 1"
                    )
                },
                "event_types": {
                    r[0]: r[1]
                    for r in conn.execute(
                        "SELECT coalesce(event_type, ''), count(*) FROM events WHERE latest = 1 GROUP BY 1 "
                        "ORDER BY 2 DESC, 1"
                    )
                },
            }
        out["bytes"] = self._size()
        return out
