"""Importer for GeoNames dumps (https://download.geonames.org/export/dump/, CC BY 4.0), and their download.

* ``XX.zip`` / ``XX.txt`` / ``allCountries.zip``: the geoname table, 19 tab-separated columns (geonameid, name,
  asciiname, alternatenames, latitude, longitude, feature class, feature code, country code, cc2, admin1 code,
  admin2 code, admin3 code, admin4 code, population, elevation, dem, timezone, modification date);
* ``alternatenames/XX.zip`` / ``alternateNamesV2.txt``: 10 columns (alternateNameId, geonameid, isolanguage,
  alternate name, isPreferredName, isShortName, isColloquial, isHistoric, from, to); names in ``ar`` are kept;
* ``admin1CodesASCII.txt`` (code, name, asciiname, geonameid) and ``admin2Codes.txt`` (same columns).

Kept: populated places (class P), admin units (A: ADM1-3), areas (L), mountains/valleys/plains (T), camps,
airports and military bases (S), streams (H) — those with an Arabic name, plus ADM1/ADM2 units and places of
1,000+ people without one (English lookups).  Ids are ``geonames:<geonameid>``, the base's id space, so an
imported record replaces the base's copy.  Admin-1 English names follow the base (ACLED spellings).
"""

from __future__ import annotations

import io
import shutil
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from hadath.errors import GazetteerError
from hadath.gazetteer.model import Place, is_arabic, level_for_population, name_key
from hadath.gazetteer.store import Record

__all__ = [
    "GEONAMES_URL",
    "classify",
    "download_geonames",
    "geonames_records",
    "import_paths",
    "read_admin_codes",
    "read_alternate_names",
    "read_geonames",
]

GEONAMES_URL = "https://download.geonames.org/export/dump/"

_KEEP_S = {"CMP", "CMPRF", "AIRP", "AIRB", "AIRF", "MILB", "INSM", "PSTB", "RDCR"}
_KEEP_T = {"MT", "MTS", "PLAT", "VAL", "PLN", "HLL", "HLLS", "DSRT", "PEN", "ISL", "UPLD"}
_KEEP_H = {"STM", "LK", "SEA", "GULF", "BAY", "STRT"}


def _open_text(path: Path, member_hint: str | None = None) -> IO[str]:
    """A text stream of a .txt file or of the data member of a .zip."""
    if path.suffix.lower() == ".zip":
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
        if member_hint:
            names = [n for n in names if Path(n).stem.lower() == member_hint.lower()] or names
        if not names:
            raise GazetteerError(f"{path.name}: no .txt data file inside")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8")
    return path.open(encoding="utf-8")


def read_geonames(path: str | Path) -> Iterator[list[str]]:
    """Rows (19 fields) of a GeoNames geoname table (.txt or .zip)."""
    p = Path(path)
    with _open_text(p, p.stem) as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 19:
                raise GazetteerError(f"{p.name}:{n}: expected 19 tab-separated columns, got {len(cols)}")
            yield cols


def read_alternate_names(path: str | Path, languages: Iterable[str] = ("ar",)) -> dict[str, list[str]]:
    """geonameid -> alternate names in ``languages`` (non-historic), from alternateNamesV2 (.txt or .zip)."""
    p = Path(path)
    langs = set(languages)
    out: dict[str, list[str]] = {}
    with _open_text(p, p.stem) as f:
        for n, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                if line.strip():
                    raise GazetteerError(f"{p.name}:{n}: not an alternateNames row")
                continue
            if cols[2] in langs and not (len(cols) > 7 and cols[7] == "1"):
                out.setdefault(cols[1], []).append(cols[3])
    return out


def read_admin_codes(path: str | Path) -> dict[str, str]:
    """code ("SY.12", "SY.12.169388") -> name, from admin1CodesASCII.txt / admin2Codes.txt."""
    out: dict[str, str] = {}
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 2 and cols[0]:
                out[cols[0]] = cols[1]
    return out


def classify(fclass: str, fcode: str, population: int) -> str | None:
    """The hadath level of a GeoNames feature, or None when it is not kept."""
    if fclass == "P":
        if fcode == "PPLX":
            return "neighbourhood"
        if fcode in ("PPLC", "PPLA"):
            return "city" if population >= 50_000 or fcode == "PPLC" else level_for_population(population)
        return level_for_population(population)
    if fclass == "A":
        return {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}.get(fcode)
    if fclass == "L":
        return "region"
    if fclass == "T" and fcode in _KEEP_T:
        return "region"
    if fclass == "S" and fcode in _KEEP_S:
        return "camp" if fcode.startswith("CMP") else "other"
    if fclass == "H" and fcode in _KEEP_H:
        return "other"
    return None


def geonames_records(
    rows: Iterable[list[str]],
    *,
    alternate: dict[str, list[str]] | None = None,
    admin1: dict[str, str] | None = None,
    admin2: dict[str, str] | None = None,
) -> Iterator[Record]:
    """Records from geoname rows; ``admin1`` maps "CC.code" to the admin-1 English name to record."""
    alternate = alternate or {}
    admin1 = admin1 or {}
    admin2 = admin2 or {}
    for cols in rows:
        gid, name, _ascii, alts, lat, lon, fclass, fcode, cc = cols[:9]
        a1code, a2code = cols[10], cols[11]
        try:
            pop = int(cols[14] or 0)
        except ValueError:
            pop = 0
        level = classify(fclass, fcode, pop)
        if level is None:
            continue
        ar = [a for a in alts.split(",") if a and is_arabic(a)] + alternate.get(gid, [])
        ar = list(dict.fromkeys(a for a in ar if name_key(a)))
        if not ar and not (fcode in ("ADM1", "ADM2") or (fclass == "P" and pop >= 1000)):
            continue
        a1_key = f"{cc}.{a1code}"
        a2_key = f"{cc}.{a1code}.{a2code}"
        a1_name = admin1.get(a1_key)
        yield (
            Place(
                id=f"geonames:{gid}",
                name_en=name,
                name_ar=ar[0] if ar else None,
                level=level,
                country=cc or None,
                admin1=(a1_name or name) if level == "admin1" else a1_name,
                admin1_code=a1_key if a1code else None,
                admin2=admin2.get(a2_key) if a2code else None,
                admin2_code=a2_key if a2code else None,
                lat=float(lat),
                lon=float(lon),
                population=pop,
                feature_class=fclass,
                feature_code=fcode,
                source="geonames",
            ),
            [*ar, name],
        )


def import_paths(paths: Iterable[str | Path], *, base_admin1: dict[str, str] | None = None) -> Iterator[Record]:
    """Records from a set of GeoNames files (geoname tables, alternate names, admin code lists), any order."""
    tables: list[Path] = []
    alternate: dict[str, list[str]] = {}
    admin1: dict[str, str] = {}
    admin2: dict[str, str] = {}
    for raw in paths:
        p = Path(raw)
        low = p.name.lower()
        if low.startswith("admin1codes"):
            admin1.update(read_admin_codes(p))
        elif low.startswith("admin2codes"):
            admin2.update(read_admin_codes(p))
        elif "alternate" in low or p.parent.name.lower() == "alternatenames":
            for k, v in read_alternate_names(p).items():
                alternate.setdefault(k, []).extend(v)
        else:
            tables.append(p)
    if not tables:
        raise GazetteerError("no GeoNames geoname table (XX.zip / XX.txt) among the files")
    admin1 = {**admin1, **(base_admin1 or {})}
    for t in tables:
        yield from geonames_records(read_geonames(t), alternate=alternate, admin1=admin1, admin2=admin2)


Opener = Callable[..., Any]


def download_geonames(
    country: str,
    dest: str | Path,
    *,
    base_url: str = GEONAMES_URL,
    opener: Opener | None = None,
    timeout: float = 60.0,
) -> list[Path]:
    """Download the GeoNames dump of one country (``XX.zip``, ``alternatenames/XX.zip``, the admin code lists)
    into ``dest``; returns the files.  Network failures raise :class:`GazetteerError`."""
    cc = country.strip().upper()
    if not (len(cc) == 2 and cc.isalpha()):
        raise GazetteerError(f"not an ISO 3166-1 alpha-2 country code: {country!r}")
    open_url = opener or urllib.request.urlopen
    target = Path(dest)
    (target / "alternatenames").mkdir(parents=True, exist_ok=True)
    wanted = [f"{cc}.zip", f"alternatenames/{cc}.zip", "admin1CodesASCII.txt", "admin2Codes.txt"]
    out: list[Path] = []
    for rel in wanted:
        url = base_url.rstrip("/") + "/" + rel
        path = target / rel
        tmp = path.with_name(path.name + ".part")
        try:
            with open_url(url, timeout=timeout) as resp, tmp.open("wb") as f:
                shutil.copyfileobj(resp, f)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            if tmp.exists():
                tmp.unlink()
            raise GazetteerError(f"download failed: {url}: {exc}", detail={"url": url}) from exc
        tmp.replace(path)
        out.append(path)
    return out
