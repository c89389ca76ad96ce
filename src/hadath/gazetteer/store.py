"""Gazetteer storage: one SQLite class owns all the SQL; an in-memory twin serves tests.

Schema (``SCHEMA_VERSION`` in ``meta``)::

    place(id PK, name_en, name_ar, level, country, admin1, admin1_code, admin2, admin2_code,
          lat, lon, population, feature_class, feature_code, source)
    name(key, place_id, lang)      -- key = model.name_key(name); lang "ar" or "en"
    translit(key, id, name_en, country, admin1, lat, lon, population)
                                   -- key = translit.latin_skeleton of a Latin name, for places reached by it
    meta(key PK, value)

``translit`` holds populated places without an Arabic name (GeoNames towns of Pakistan, Mali, Somalia ...), found
through the transliteration key of :mod:`hadath.gazetteer.translit`; importers fill it for the settlements
they add without an Arabic name, the base for the places ``base.translit_records`` selects.  A file made
before the table existed simply has none.

The same schema serves the built-in base and a user gazetteer filled by the importers.
"""

from __future__ import annotations

import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from hadath.errors import GazetteerError
from hadath.gazetteer.model import SETTLEMENT_LEVELS, Place, is_arabic, name_key
from hadath.gazetteer.translit import MIN_KEY, latin_skeleton

__all__ = ["SCHEMA_VERSION", "Gazetteer", "MemoryGazetteer", "PlaceSource", "Record", "TranslitRow", "translit_rows"]

SCHEMA_VERSION = "1"

#: What importers produce: a place and the names it is known by (raw strings; keys are made on insert).
Record = tuple[Place, Iterable[str]]

_COLUMNS = (
    "id",
    "name_en",
    "name_ar",
    "level",
    "country",
    "admin1",
    "admin1_code",
    "admin2",
    "admin2_code",
    "lat",
    "lon",
    "population",
    "feature_class",
    "feature_code",
    "source",
)
_SELECT = "SELECT " + ", ".join(f"p.{c}" for c in _COLUMNS) + " FROM place p"

_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS place(
    id TEXT PRIMARY KEY,
    name_en TEXT, name_ar TEXT, level TEXT NOT NULL,
    country TEXT, admin1 TEXT, admin1_code TEXT, admin2 TEXT, admin2_code TEXT,
    lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0,
    feature_class TEXT, feature_code TEXT, source TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS name(
    key TEXT NOT NULL, place_id TEXT NOT NULL, lang TEXT NOT NULL,
    PRIMARY KEY(key, place_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS name_by_place ON name(place_id);
CREATE TABLE IF NOT EXISTS translit(
    key TEXT NOT NULL, id TEXT NOT NULL, name_en TEXT, country TEXT, admin1 TEXT,
    lat REAL, lon REAL, population INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(key, id)
) WITHOUT ROWID;
"""

#: one row of the transliteration table: (key, id, name_en, country, admin1, lat, lon, population)
TranslitRow = tuple[str, str, str | None, str | None, str | None, float | None, float | None, int]


def translit_rows(place: Place, names: Iterable[str]) -> list[TranslitRow]:
    """The transliteration rows of a place: one per distinct key of its Latin names (keys shorter than two
    classes are useless and left out)."""
    keys = sorted({latin_skeleton(n) for n in [place.name_en or "", *names] if n and not is_arabic(n)})
    return [
        (k, place.id, place.name_en, place.country, place.admin1, place.lat, place.lon, place.population)
        for k in keys
        if len(k) >= MIN_KEY - 1
    ]


@runtime_checkable
class PlaceSource(Protocol):
    """What the name index and the resolver need from a gazetteer."""

    def lookup(self, name: str) -> list[Place]: ...

    def by_id(self, place_id: str) -> Place | None: ...

    def iter_places(self) -> Iterator[Place]: ...

    def iter_names(self, lang: str | None = None) -> Iterator[tuple[str, str]]: ...

    def translit_keys(self) -> set[str]: ...

    def translit_lookup(self, key: str) -> list[TranslitRow]: ...

    def info(self) -> dict[str, Any]: ...


def _keys(names: Iterable[str]) -> list[tuple[str, str]]:
    out: dict[str, str] = {}
    for n in names:
        if not n:
            continue
        k = name_key(n)
        if k:
            out.setdefault(k, "ar" if is_arabic(k) else "en")
    return sorted(out.items())


def _row_to_place(row: tuple[Any, ...]) -> Place:
    d = dict(zip(_COLUMNS, row, strict=True))
    d["population"] = int(d["population"] or 0)
    return Place(**d)


class Gazetteer:
    """A gazetteer in one SQLite file (read-only unless ``writable``)."""

    def __init__(self, path: str | os.PathLike[str], *, writable: bool = False, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise GazetteerError(f"gazetteer not found: {self.path}", detail={"path": str(self.path)})
        try:
            if create or writable:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._con = sqlite3.connect(str(self.path), isolation_level=None)
            else:
                self._con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
            self._con.execute("PRAGMA query_only = 0" if (create or writable) else "PRAGMA query_only = 1")
            if create:
                self._con.executescript(_DDL)
                self.set_meta("schema", SCHEMA_VERSION)
            version = self.get_meta("schema")
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"not a hadath gazetteer: {self.path} ({exc})", detail={"path": str(self.path)}
            ) from exc
        if version != SCHEMA_VERSION:
            raise GazetteerError(
                f"gazetteer {self.path} has schema {version!r}, expected {SCHEMA_VERSION!r}",
                detail={"path": str(self.path)},
            )
        self.writable = create or writable

    @classmethod
    def create(cls, path: str | os.PathLike[str]) -> Gazetteer:
        """Open ``path`` for writing, creating the file and schema if needed."""
        return cls(path, create=True)

    # -- context manager ---------------------------------------------------------
    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    # -- meta ------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        try:
            row = self._con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self._con.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    # -- writing ---------------------------------------------------------------
    def add(self, records: Iterable[Record]) -> int:
        """Insert or replace places with their names, in one transaction; returns the number written."""
        if not self.writable:
            raise GazetteerError(f"gazetteer opened read-only: {self.path}")
        n = 0
        con = self._con
        con.execute("BEGIN IMMEDIATE")
        try:
            for place, names in records:
                con.execute(
                    f"INSERT OR REPLACE INTO place({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
                    tuple(getattr(place, c) for c in _COLUMNS),
                )
                con.execute("DELETE FROM name WHERE place_id = ?", (place.id,))
                all_names = [place.name_ar or "", place.name_en or "", *names]
                keys = _keys(all_names)
                con.executemany(
                    "INSERT OR IGNORE INTO name(key, place_id, lang) VALUES (?, ?, ?)",
                    [(k, place.id, lang) for k, lang in keys],
                )
                if place.level in SETTLEMENT_LEVELS and not any(lang == "ar" for _, lang in keys):
                    # a town an import adds without an Arabic name: reached through the transliteration key
                    self._insert_translit(translit_rows(place, [str(x) for x in all_names]))
                n += 1
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return n

    def add_translit(self, records: Iterable[Record]) -> int:
        """Add places to the transliteration table only (the base's towns without an Arabic name); returns the
        number of places."""
        if not self.writable:
            raise GazetteerError(f"gazetteer opened read-only: {self.path}")
        con = self._con
        n = 0
        con.execute("BEGIN IMMEDIATE")
        try:
            for place, names in records:
                self._insert_translit(translit_rows(place, names))
                n += 1
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        return n

    def _insert_translit(self, rows: list[TranslitRow]) -> None:
        try:
            self._con.executemany("INSERT OR REPLACE INTO translit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        except sqlite3.OperationalError:  # a file made before the table existed
            self._con.executescript(_DDL)
            self._con.executemany("INSERT OR REPLACE INTO translit VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def vacuum(self) -> None:
        self._con.execute("VACUUM")

    # -- reading ---------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Places known by ``name`` (any language; normalised with :func:`name_key`), ordered by id."""
        key = name_key(name)
        rows = self._con.execute(
            _SELECT + " JOIN name n ON n.place_id = p.id WHERE n.key = ? ORDER BY p.id", (key,)
        ).fetchall()
        return [_row_to_place(r) for r in rows]

    def by_id(self, place_id: str) -> Place | None:
        row = self._con.execute(_SELECT + " WHERE p.id = ?", (place_id,)).fetchone()
        return None if row is None else _row_to_place(row)

    def names_of(self, place_id: str) -> list[str]:
        rows = self._con.execute("SELECT key FROM name WHERE place_id = ? ORDER BY key", (place_id,)).fetchall()
        return [str(r[0]) for r in rows]

    def iter_places(self) -> Iterator[Place]:
        for row in self._con.execute(_SELECT + " ORDER BY p.id"):
            yield _row_to_place(row)

    def iter_names(self, lang: str | None = None) -> Iterator[tuple[str, str]]:
        if lang is None:
            cur = self._con.execute("SELECT key, place_id FROM name ORDER BY key, place_id")
        else:
            cur = self._con.execute("SELECT key, place_id FROM name WHERE lang = ? ORDER BY key, place_id", (lang,))
        for k, pid in cur:
            yield str(k), str(pid)

    def translit_keys(self) -> set[str]:
        """The keys of the transliteration table (none in a file made before it existed)."""
        try:
            return {str(r[0]) for r in self._con.execute("SELECT DISTINCT key FROM translit")}
        except sqlite3.OperationalError:
            return set()

    def translit_lookup(self, key: str) -> list[TranslitRow]:
        """The rows of one transliteration key.  Asked rarely (a word the Arabic names lack, in a place context),
        so it opens the file for the question: it works after :meth:`close` and from any thread."""
        try:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        except sqlite3.Error:  # pragma: no cover - the file went away
            return []
        try:
            rows = con.execute("SELECT * FROM translit WHERE key = ? ORDER BY id", (key,)).fetchall()
        except sqlite3.OperationalError:
            rows = []
        finally:
            con.close()
        return [(str(r[0]), str(r[1]), r[2], r[3], r[4], r[5], r[6], int(r[7] or 0)) for r in rows]

    def __len__(self) -> int:
        return int(self._con.execute("SELECT count(*) FROM place").fetchone()[0])

    def info(self) -> dict[str, Any]:
        """Counts by source, level and country, with the file's path and size."""
        con = self._con
        by_source = dict(con.execute("SELECT source, count(*) FROM place GROUP BY source ORDER BY source").fetchall())
        by_level = dict(con.execute("SELECT level, count(*) FROM place GROUP BY level ORDER BY level").fetchall())
        by_country = dict(
            con.execute(
                "SELECT coalesce(country, '-'), count(*) FROM place GROUP BY country ORDER BY count(*) DESC, country"
            ).fetchall()
        )
        names = dict(con.execute("SELECT lang, count(*) FROM name GROUP BY lang ORDER BY lang").fetchall())
        try:
            translit = int(con.execute("SELECT count(DISTINCT id) FROM translit").fetchone()[0])
        except sqlite3.OperationalError:
            translit = 0
        meta = dict(con.execute("SELECT key, value FROM meta ORDER BY key").fetchall())
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size if self.path.exists() else 0,
            "places": len(self),
            "names": names,
            "translit_places": translit,
            "by_source": by_source,
            "by_level": by_level,
            "by_country": by_country,
            "meta": meta,
        }


class MemoryGazetteer:
    """The same interface over dicts (tests, small curated sets)."""

    def __init__(self, records: Iterable[Record] = ()) -> None:
        self.path: Path | None = None
        self._places: dict[str, Place] = {}
        self._names: dict[str, dict[str, str]] = {}  # key -> {place_id: lang}
        self._translit: dict[str, list[TranslitRow]] = {}  # place id -> its rows
        self.add(records)

    def add(self, records: Iterable[Record]) -> int:
        n = 0
        for place, names in records:
            if place.id in self._places:
                for ids in self._names.values():
                    ids.pop(place.id, None)
            self._places[place.id] = place
            all_names = [place.name_ar or "", place.name_en or "", *names]
            keys = _keys(all_names)
            for k, lang in keys:
                self._names.setdefault(k, {})[place.id] = lang
            if place.level in SETTLEMENT_LEVELS and not any(lang == "ar" for _, lang in keys):
                self._translit[place.id] = translit_rows(place, all_names)
            n += 1
        return n

    def add_translit(self, records: Iterable[Record]) -> int:
        n = 0
        for place, names in records:
            self._translit[place.id] = translit_rows(place, list(names))
            n += 1
        return n

    def translit_keys(self) -> set[str]:
        return {r[0] for rows in self._translit.values() for r in rows}

    def translit_lookup(self, key: str) -> list[TranslitRow]:
        return sorted((r for rows in self._translit.values() for r in rows if r[0] == key), key=lambda r: r[1])

    def lookup(self, name: str) -> list[Place]:
        ids = self._names.get(name_key(name), {})
        return [self._places[i] for i in sorted(ids)]

    def by_id(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def iter_places(self) -> Iterator[Place]:
        for pid in sorted(self._places):
            yield self._places[pid]

    def iter_names(self, lang: str | None = None) -> Iterator[tuple[str, str]]:
        for k in sorted(self._names):
            for pid, lg in sorted(self._names[k].items()):
                if lang is None or lg == lang:
                    yield k, pid

    def __len__(self) -> int:
        return len(self._places)

    def info(self) -> dict[str, Any]:
        places = list(self._places.values())
        return {
            "path": None,
            "size_bytes": 0,
            "places": len(places),
            "names": dict(Counter(lg for ids in self._names.values() for lg in ids.values())),
            "translit_places": len(self._translit),
            "by_source": dict(sorted(Counter(p.source for p in places).items())),
            "by_level": dict(sorted(Counter(p.level for p in places).items())),
            "by_country": dict(Counter(p.country or "-" for p in places).most_common()),
            "meta": {},
        }
