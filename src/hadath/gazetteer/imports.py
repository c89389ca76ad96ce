"""Importing downloaded gazetteer files into a user gazetteer (``hadath gazetteer import``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from hadath.errors import GazetteerError
from hadath.gazetteer.base import ensure_base, hadath_home
from hadath.gazetteer.store import Gazetteer, Record

__all__ = [
    "FORMATS",
    "base_admin1_names",
    "detect_format",
    "import_advice",
    "import_files",
    "missing_places",
    "user_db_path",
]

FORMATS = ("geonames", "ocha")


def user_db_path(db: str | Path | None = None) -> Path:
    """Where imports go: ``db`` if given, else ``$HADATH_HOME/gazetteer.sqlite`` (the shells pass the path the
    environment names: :func:`hadath._env.gazetteer_import_target`)."""
    if db is not None:
        return Path(db).expanduser()
    return hadath_home() / "gazetteer.sqlite"


def import_advice(country: str | None) -> str:
    """Which import would add the villages and neighbourhoods of ``country`` (ISO-2) that the built-in
    gazetteer lacks."""
    cc = (country or "").upper()
    if len(cc) != 2 or not cc.isalpha():
        return (
            "the built-in gazetteer holds countries, provinces, districts and towns; villages and neighbourhoods "
            "come with an import: `hadath gazetteer download geonames XX` (every GeoNames place of country XX), "
            "or `hadath gazetteer import` of an OCHA COD-PP table (P-coded communities, from HDX)"
        )
    return (
        f"import the villages of {cc}: an OCHA COD-PP table of {cc} from HDX (`hadath gazetteer import FILE "
        f"--country {cc}`; P-coded communities with Arabic names where the country writes Arabic), or "
        f"`hadath gazetteer download geonames {cc}`"
    )


def missing_places(docs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The places hadath/1 documents name that no gazetteer holds (``geo.in_gazetteer`` false), one row per
    name and country with the documents naming it, the admin-1 unit the text gives and the import that adds it;
    most named first."""
    rows: dict[tuple[str, str | None], dict[str, Any]] = {}
    for doc in docs:
        art = (doc.get("article") or {}).get("id")
        for e in doc.get("entities") or []:
            geo = e.get("geo") or {}
            if e.get("kind") != "place" or geo.get("in_gazetteer") is not False:
                continue
            key = (str(e.get("name_ar")), geo.get("country"))
            row = rows.setdefault(
                key,
                {
                    "name_ar": key[0],
                    "name_en": e.get("name_en"),
                    "country": key[1],
                    "admin1": geo.get("admin1"),
                    "level": e.get("level"),
                    "articles": [],
                    "import": import_advice(key[1]),
                },
            )
            row["admin1"] = row["admin1"] or geo.get("admin1")
            if art is not None and art not in row["articles"]:
                row["articles"].append(art)
    return sorted(rows.values(), key=lambda r: (-len(r["articles"]), r["country"] or "", r["name_ar"]))


def detect_format(path: Path) -> str:
    """``geonames`` or ``ocha``, from the file name and (for text files) the first line."""
    low = path.name.lower()
    if low.startswith(("admin1codes", "admin2codes", "alternatenames", "allcountries")) or path.parent.name.lower() == (
        "alternatenames"
    ):
        return "geonames"
    if path.suffix.lower() in (".xlsx", ".xlsm", ".csv"):
        return "ocha"
    if path.suffix.lower() == ".zip" and len(path.stem) == 2 and path.stem.isalpha():
        return "geonames"
    if path.suffix.lower() == ".txt":
        with path.open(encoding="utf-8", errors="replace") as f:
            first = f.readline()
        if first.count("\t") >= 18:
            return "geonames"
        if "," in first:
            return "ocha"
    raise GazetteerError(f"cannot tell the format of {path.name}; pass --format geonames|ocha")


def base_admin1_names() -> dict[str, str]:
    """GeoNames admin-1 code ("SY.12") -> the base's English (ACLED) name."""
    out: dict[str, str] = {}
    with Gazetteer(ensure_base()) as base:
        for p in base.iter_places():
            if p.level == "admin1" and p.id.startswith("admin1:") and p.admin1_code and p.name_en:
                out[p.admin1_code] = p.name_en
    return out


def _records(paths: Sequence[Path], fmt: str, country: str | None) -> Iterable[Record]:
    if fmt == "geonames":
        from hadath.gazetteer.geonames import import_paths

        return import_paths(paths, base_admin1=base_admin1_names())
    from hadath.gazetteer.ocha import ocha_records, read_ocha

    def gen() -> Iterable[Record]:
        for p in paths:
            yield from ocha_records(read_ocha(p), country=country)

    return gen()


def import_files(
    paths: Iterable[str | Path],
    *,
    fmt: str | None = None,
    db: str | Path | None = None,
    country: str | None = None,
) -> dict[str, Any]:
    """Import files into the user gazetteer; returns counts by source and level and the database path."""
    files = [Path(p) for p in paths]
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise GazetteerError(f"no such file: {', '.join(missing)}", detail={"missing": missing})
    if not files:
        raise GazetteerError("nothing to import")
    if fmt is not None and fmt not in FORMATS:
        raise GazetteerError(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    by_fmt: dict[str, list[Path]] = {}
    for p in files:
        by_fmt.setdefault(fmt or detect_format(p), []).append(p)
    target = user_db_path(db)
    counts: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    with Gazetteer.create(target) as gz:
        for f, ps in sorted(by_fmt.items()):
            recs = list(_records(ps, f, country))
            gz.add(recs)
            counts[f] += len(recs)
            levels.update(r[0].level for r in recs)
            done = gz.get_meta("imports")
            names = sorted({*(done.split("\n") if done else []), *(f"{f}:{p.name}" for p in ps)})
            gz.set_meta("imports", "\n".join(names))
        gz.set_meta("kind", "user")
    return {"db": str(target), "imported": dict(counts), "levels": dict(sorted(levels.items()))}
