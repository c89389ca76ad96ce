"""PostgresStore: the corpus store in a PostgreSQL database (psycopg 3 and its pool; the ``postgres`` extra).

The same :class:`~hadath.store.Store` as :class:`~hadath.store.SQLiteStore` — the queries are
:class:`hadath.store._sql.SQLStore`'s — selected by a ``postgresql://`` URL (libpq's syntax:
``postgresql://user:password@host:5432/dbname?options=-csearch_path%3Dhadath``).

* **Several writers.**  Every write is one transaction that first takes a transaction-scoped advisory
  lock (:data:`LOCK_KEY`), so the ingests of several processes or machines queue for a moment rather than
  interleave; the unique keys (``articles.sha256``, one latest version per article id, ``(article, event
  id)``) and ``ON CONFLICT`` clauses are the second line.  A process killed mid-transaction leaves
  nothing: PostgreSQL rolls the transaction back and releases the lock.
* **Reads** borrow a connection from the pool (autocommit, so each query sees what is committed).
* **Search**: ``articles.fts`` is a ``tsvector`` of the same index tokens as SQLite's FTS5 table
  (:func:`hadath.store._prepare.index_text`: normalised, clitics and article stripped), title weighted
  ``A``; built from the token lists (``array_to_tsvector``), so PostgreSQL's own parser, locale and
  dictionaries play no part.  A query is the same terms, all required, ``word*`` a prefix.
* **Schema**: the ``schema_version`` table; a database without hadath's tables gets them on a writing
  open; an older schema is migrated on a writing open, a read-only open names the command to run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from hadath.errors import InputError, StoreError
from hadath.store._prepare import PreparedArticle
from hadath.store._sql import SCHEMA_VERSION, Conn, SQLStore, now_s

__all__ = ["LOCK_KEY", "PostgresStore", "safe_url"]

#: The advisory lock every write transaction takes (one writer at a time per database).
LOCK_KEY = 0x48414441  # "HADA"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT COLLATE "C");
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL,
    hadath_version TEXT
);
CREATE TABLE IF NOT EXISTS articles (
    pk BIGSERIAL PRIMARY KEY,
    article_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    latest SMALLINT NOT NULL DEFAULT 1,
    sha256 TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    title TEXT,
    published TEXT COLLATE "C",
    text TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    ingested_at TEXT COLLATE "C" NOT NULL,
    n_events INTEGER NOT NULL DEFAULT 0,
    doc BYTEA NOT NULL,
    extracted_at TEXT COLLATE "C",
    hadath_version TEXT,
    codebook_version TEXT,
    fts TSVECTOR,
    UNIQUE (article_id, version)
);
CREATE TABLE IF NOT EXISTS duplicates (
    pk BIGSERIAL PRIMARY KEY,
    sha256 TEXT NOT NULL,
    article_id TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    source TEXT,
    seen_at TEXT NOT NULL,
    UNIQUE (sha256, article_id)
);
CREATE TABLE IF NOT EXISTS entities (
    article_pk BIGINT NOT NULL REFERENCES articles (pk),
    entity_id TEXT NOT NULL,
    latest SMALLINT NOT NULL DEFAULT 1,
    kind TEXT, name_ar TEXT, name_en TEXT, name_norm TEXT, canonical_id TEXT, actor_type TEXT,
    country TEXT, iso2 TEXT, admin1 TEXT, admin2 TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    geo_precision INTEGER, n_mentions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_pk, entity_id)
);
CREATE TABLE IF NOT EXISTS mentions (
    pk BIGSERIAL PRIMARY KEY,
    article_pk BIGINT NOT NULL REFERENCES articles (pk),
    entity_id TEXT NOT NULL,
    start INTEGER, "end" INTEGER, text TEXT
);
CREATE TABLE IF NOT EXISTS attributions (
    article_pk BIGINT NOT NULL REFERENCES articles (pk),
    attribution_id TEXT NOT NULL,
    latest SMALLINT NOT NULL DEFAULT 1,
    speaker TEXT, speaker_name TEXT, speaker_text TEXT, cue TEXT, content TEXT, stance TEXT,
    direct_quote SMALLINT, anonymous SMALLINT, article_level SMALLINT,
    PRIMARY KEY (article_pk, attribution_id)
);
CREATE TABLE IF NOT EXISTS events (
    pk BIGSERIAL PRIMARY KEY,
    article_pk BIGINT NOT NULL REFERENCES articles (pk),
    event_id TEXT NOT NULL,
    gid TEXT NOT NULL,
    latest SMALLINT NOT NULL DEFAULT 1,
    event_date TEXT COLLATE "C", date_from_event SMALLINT, time_precision INTEGER,
    event_type TEXT, sub_event_type TEXT,
    actor1 TEXT, actor1_name TEXT, actor1_type TEXT,
    actor2 TEXT, actor2_name TEXT, actor2_type TEXT, assoc_actors TEXT,
    location TEXT, location_name TEXT, country TEXT, iso2 TEXT, admin1 TEXT, admin2 TEXT,
    latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, geo_precision INTEGER,
    fatalities BIGINT, confidence DOUBLE PRECISION, denied SMALLINT NOT NULL DEFAULT 0,
    sentence_text TEXT, evidence TEXT,
    cluster_id TEXT,
    event_id_cnty TEXT, fingerprint TEXT, created_at TEXT COLLATE "C", updated_at TEXT COLLATE "C",
    hadath_version TEXT, codebook_version TEXT,
    UNIQUE (article_pk, event_id)
);
CREATE TABLE IF NOT EXISTS event_sources (
    pk BIGSERIAL PRIMARY KEY,
    event_pk BIGINT NOT NULL REFERENCES events (pk),
    attribution_id TEXT, speaker TEXT, speaker_name TEXT, stance TEXT
);
CREATE TABLE IF NOT EXISTS deleted_events (
    gid TEXT PRIMARY KEY,
    article_id TEXT NOT NULL,
    event_id_cnty TEXT,
    deleted_at TEXT COLLATE "C" NOT NULL,
    hadath_version TEXT,
    codebook_version TEXT,
    reason TEXT
);
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id TEXT PRIMARY KEY,
    event_type TEXT, sub_event_type TEXT, date_min TEXT COLLATE "C", date_max TEXT COLLATE "C",
    country TEXT, admin1 TEXT, admin2 TEXT, location_name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    n_events INTEGER, n_articles INTEGER, n_outlets INTEGER, n_speakers INTEGER,
    fatalities_min BIGINT, fatalities_max BIGINT, n_disagreements INTEGER,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS errors (
    pk BIGSERIAL PRIMARY KEY,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT COLLATE "C" NOT NULL,
    count INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source, reason)
);
CREATE UNIQUE INDEX IF NOT EXISTS articles_one_latest ON articles (article_id) WHERE latest = 1;
CREATE INDEX IF NOT EXISTS articles_latest ON articles (latest, published);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url, latest);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles (lower(outlet));
CREATE INDEX IF NOT EXISTS articles_fts ON articles USING GIN (fts);
CREATE INDEX IF NOT EXISTS entities_canonical ON entities (canonical_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_pk, entity_id);
CREATE INDEX IF NOT EXISTS events_date ON events (latest, event_date);
CREATE INDEX IF NOT EXISTS events_gid ON events (gid, latest);
CREATE INDEX IF NOT EXISTS events_type ON events (lower(event_type), lower(sub_event_type));
CREATE INDEX IF NOT EXISTS events_place ON events (iso2, lower(admin1));
CREATE INDEX IF NOT EXISTS events_cluster ON events (cluster_id);
CREATE INDEX IF NOT EXISTS events_updated ON events (latest, updated_at);
CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources (event_pk);
CREATE INDEX IF NOT EXISTS deleted_events_at ON deleted_events (deleted_at);
CREATE INDEX IF NOT EXISTS deleted_events_article ON deleted_events (article_id);
CREATE INDEX IF NOT EXISTS clusters_date ON clusters (date_min, date_max);
CREATE INDEX IF NOT EXISTS clusters_date_max ON clusters (date_max);
"""

#: How to bring a store of each older schema version one step up (none yet: 3 is the first PostgreSQL schema).
_MIGRATIONS: dict[int, str] = {}

_PASSWORD = re.compile(r"(://[^:/@]*):[^@/]*@")


def safe_url(url: str) -> str:
    """The URL without its password (for messages and ``store.path``)."""
    parts = urlsplit(url)
    if parts.password is not None:
        netloc = parts.netloc.rsplit("@", 1)
        user = netloc[0].split(":", 1)[0]
        return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))
    return _PASSWORD.sub(r"\1@", url)


@lru_cache(maxsize=512)
def _pg(sql: str) -> str:
    """A query with ``?`` placeholders in psycopg's ``%s`` style."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Row:
    """A result row that reads like :class:`sqlite3.Row`: by position, by column name, and ``dict(row)``."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Any) -> None:
        self._index = index
        self._values = values

    def __getitem__(self, key: int | str) -> Any:
        return self._values[key] if isinstance(key, int) else self._values[self._index[key]]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def _row_factory(cursor: Any) -> Callable[[Any], _Row]:
    index = {c.name: i for i, c in enumerate(cursor.description or ())}
    return lambda values: _Row(index, values)


class _Conn:
    """A psycopg connection speaking the shared queries' dialect (``?`` placeholders)."""

    __slots__ = ("_c",)

    def __init__(self, conn: Any) -> None:
        self._c = conn

    def copy(self, table: str, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
        names = ", ".join(f'"{c}"' for c in cols)
        with self._c.cursor() as cur, cur.copy(f"COPY {table} ({names}) FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)

    def execute(self, sql: str, args: Iterable[Any] = (), /) -> Any:
        args = tuple(args)
        return self._c.execute(_pg(sql) if args else sql, args or None)

    def executemany(self, sql: str, args: Iterable[Iterable[Any]], /) -> Any:
        cur = self._c.cursor()
        cur.executemany(_pg(sql), [tuple(a) for a in args])
        return cur


def _psycopg() -> tuple[Any, Any]:
    try:
        import psycopg
        import psycopg_pool
    except ImportError as exc:
        raise InputError(
            f"PostgreSQL stores need psycopg 3 and psycopg_pool ({exc.name} is missing): pip install 'hadath[postgres]'"
        ) from None
    return psycopg, psycopg_pool


def _terms(s: str) -> list[str]:
    return list(dict.fromkeys(t for t in s.split(" ") if t))


class PostgresStore(SQLStore):
    """The corpus store in a PostgreSQL database (see the module docstring and docs/store.md)."""

    _seq = "pk"
    _like = "ILIKE"
    _least = "least"
    _greatest = "greatest"

    def __init__(self, url: str, *, create: bool = True, writable: bool | None = None, pool_size: int = 8) -> None:
        psycopg, psycopg_pool = _psycopg()
        self._psycopg = psycopg
        self.url = url
        self.path = safe_url(url)
        self._create = create
        self._readonly = not (create if writable is None else writable)
        self._closed = False
        try:  # one connection first: a clear error at once rather than the pool's retries
            psycopg.connect(url, connect_timeout=10).close()
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{self.path}: cannot connect to PostgreSQL: {reason}") from None
        self._pool = psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=max(2, pool_size),
            kwargs={"autocommit": True, "row_factory": _row_factory},
            open=False,
            name="hadath",
        )
        try:
            self._pool.open(wait=True, timeout=30)
        except psycopg_pool.PoolTimeout as exc:
            self._pool.close()
            raise StoreError(f"{self.path}: cannot connect to PostgreSQL ({exc})") from None
        try:
            self._init_schema()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({self.path!r})"

    def __enter__(self) -> PostgresStore:
        return self

    # -- connections -----------------------------------------------------------------------------
    @contextmanager
    def _read(self) -> Iterator[Conn]:
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        try:
            with self._pool.connection() as conn:
                yield _Conn(conn)
        except self._psycopg.Error as exc:
            raise StoreError(f"{self.path}: {type(exc).__name__}: {exc}".strip()) from exc

    def _write(self, fn: Callable[[Conn], Any]) -> Any:
        """Run ``fn(conn)`` in one transaction holding the writers' advisory lock."""
        if self._closed:
            raise StoreError(f"{self.path}: the store is closed")
        if self._readonly:
            raise StoreError(f"{self.path}: opened read-only")
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                return fn(_Conn(conn))
        except self._psycopg.Error as exc:
            raise StoreError(f"{self.path}: write failed: {type(exc).__name__}: {exc}".strip()) from exc

    def _init_schema(self) -> None:
        def run(conn: Conn) -> None:
            exists = conn.execute("SELECT to_regclass('articles') IS NOT NULL").fetchone()[0]
            if not exists:
                if not self._create:
                    raise StoreError(f"{self.path}: no hadath store in this database (ingest into it first)")
                conn.execute(_SCHEMA)
                conn.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    (SCHEMA_VERSION, now_s(), _hv()),
                )
                return
            has_versions = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()[0]
            ver = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] if has_versions else None
            if ver is None:
                raise StoreError(f"{self.path}: the database has an 'articles' table but is not a hadath store")
            if ver > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: store schema version {ver} was made by a newer hadath; this hadath reads "
                    f"{SCHEMA_VERSION} (upgrade hadath)"
                )
            if ver < SCHEMA_VERSION:
                if self._readonly:
                    raise StoreError(
                        f"{self.path}: store schema version {ver} is older than this hadath's {SCHEMA_VERSION}; "
                        f"upgrade it first with: hadath migrate --db {self.path}"
                    )
                self._migrate(conn, ver)

        if self._readonly:
            with self._read() as conn:
                run(conn)
        else:
            self._write(run)

    def _migrate(self, conn: Conn, ver: int) -> list[int]:
        done = []
        while ver < SCHEMA_VERSION:
            step = _MIGRATIONS.get(ver)
            if step is None:
                raise StoreError(f"{self.path}: no migration from schema version {ver}")
            conn.execute(step)
            ver += 1
            conn.execute("INSERT INTO schema_version VALUES (?, ?, ?) ON CONFLICT DO NOTHING", (ver, now_s(), _hv()))
            done.append(ver)
        return done

    def schema_version(self) -> int:
        with self._read() as conn:
            v: int = conn.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        return v

    def migrate(self) -> list[int]:
        """Bring the store up to :data:`SCHEMA_VERSION` (in one transaction); returns the versions reached."""
        out: list[int] = self._write(
            lambda conn: self._migrate(conn, conn.execute("SELECT max(version) FROM schema_version").fetchone()[0])
        )
        return out

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._pool.close()

    # -- full-text search: a tsvector of the index tokens ------------------------------------------
    def _article_extra(self, p: PreparedArticle) -> tuple[str, str, list[Any]]:
        return (
            ", fts",
            ", setweight(array_to_tsvector(CAST(? AS text[])), 'A') || array_to_tsvector(CAST(? AS text[]))",
            [_terms(p.fts_title), _terms(p.fts_body)],
        )

    def _bulk(self, conn: Conn, table: str, cols: list[str], rows: list[tuple[Any, ...]]) -> None:
        assert isinstance(conn, _Conn)
        conn.copy(table, cols, rows)

    def _fts_insert(self, conn: Conn, pk: int, title: str, body: str) -> None:
        """Nothing to do: the vector is a column of the article row (:meth:`_article_extra`)."""

    def _nocase(self, col: str) -> str:
        return f"lower({col}) = lower(?)"

    def _search(
        self, conn: Conn, terms: list[str], where: list[str], args: list[Any], cols: str, limit: int, offset: int
    ) -> tuple[list[Any], int]:
        def lexeme(t: str) -> str:
            word = t.rstrip("*").replace("\\", "\\\\").replace("'", "\\'")
            return f"'{word}':*" if t.endswith("*") else f"'{word}'"

        query = " & ".join(lexeme(t) for t in terms)
        base = f"FROM articles a WHERE a.fts @@ CAST(? AS tsquery) AND {' AND '.join(where)}"
        total = conn.execute(f"SELECT count(*) {base}", (query, *args)).fetchone()[0]
        rows = conn.execute(
            f"SELECT {cols} {base} ORDER BY ts_rank(a.fts, CAST(? AS tsquery)) DESC, a.pk LIMIT ? OFFSET ?",
            (query, *args, query, limit, offset),
        ).fetchall()
        return rows, int(total)

    def _size(self) -> int:
        with self._read() as conn:
            n: int = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        return n


def _hv() -> str:
    from hadath.store._versions import hadath_version

    return hadath_version()
