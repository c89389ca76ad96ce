"""Importer for OCHA Common Operational Datasets (COD) as published on HDX: P-coded populated places and
administrative units with English and Arabic names, in CSV or XLSX.

Column names vary between datasets; they are matched case- and punctuation-insensitively against the usual
variants (``admin1Name_en``/``ADM1_EN``/``gov_en``, ``admin1Name_ar``, ``admin1Pcode``, ..., ``Location``/
``loc_en``/``featureName``, ``Location_ar``/``loc_ar``, ``Latitude``/``lat``/``y``, ``Longitude``/``lon``/``x``).
A second header row of HXL hashtags (``#adm1+name``) is skipped.

Each row with a location name becomes a place (``ocha:<P-code>``); every distinct admin unit becomes an
admin record too (admin1/admin2/admin3), placed at its homonymous town or at the mean of its places.
Admin-1 English names are mapped to the ACLED spellings of ``lang/ar/regions.tsv`` through their Arabic
name (Idleb → "Idlib").  OCHA COD data is licensed per dataset on HDX (mostly CC BY 3.0 IGO / 4.0).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from hadath.errors import GazetteerError
from hadath.gazetteer.model import Place, name_key
from hadath.gazetteer.store import Record
from hadath.lang import load_tsv
from hadath.lang.ar.places import NAME_VARIANT_SEP_RE, strip_ocha_admin_prefix

__all__ = ["COLUMNS", "canonical_admin1", "ocha_records", "read_ocha"]

#: logical column -> accepted header spellings (compared after lower-casing and dropping non-alphanumerics)
COLUMNS: dict[str, tuple[str, ...]] = {
    "country": ("admin0pcode", "adm0pcode", "iso2", "countrycode", "iso3", "adm0code"),
    "a1_en": (
        "admin1nameen",
        "adm1en",
        "adm1nameen",
        "goven",
        "governorateen",
        "governorate",
        "admin1name",
        "adm1name",
    ),
    "a1_ar": ("admin1namear", "adm1ar", "adm1namear", "govar", "governoratear"),
    "a1_pc": ("admin1pcode", "adm1pcode", "govpcode", "adm1code", "admin1code"),
    "a2_en": ("admin2nameen", "adm2en", "adm2nameen", "disten", "districten", "district", "admin2name", "adm2name"),
    "a2_ar": ("admin2namear", "adm2ar", "adm2namear", "distar", "districtar"),
    "a2_pc": ("admin2pcode", "adm2pcode", "distpcode", "adm2code", "admin2code"),
    "a3_en": ("admin3nameen", "adm3en", "adm3nameen", "subden", "subdistricten", "subdistrict", "admin3name"),
    "a3_ar": ("admin3namear", "adm3ar", "adm3namear", "subdar", "subdistrictar"),
    "a3_pc": ("admin3pcode", "adm3pcode", "subdpcode", "adm3code", "admin3code"),
    "loc_en": (
        "locen",
        "locationnameen",
        "locationen",
        "location",
        "featurename",
        "featurenameen",
        "locnameen",
        "locname",
        "admin4nameen",
        "adm4en",
        "placename",
        "nameen",
        "name",
        "communityen",
        "community",
    ),
    "loc_ar": (
        "locar",
        "locationnamear",
        "locationar",
        "featurenamear",
        "locnamear",
        "admin4namear",
        "adm4ar",
        "placenamear",
        "namear",
        "communityar",
    ),
    "loc_pc": (
        "locpcode",
        "locationpcode",
        "pcode",
        "admin4pcode",
        "adm4pcode",
        "featurepcode",
        "communitypcode",
        "pcodeloc",
    ),
    "type": ("loctype", "featuretype", "locationtype", "type", "featureclass"),
    "lat": ("lat", "latitude", "y", "pointy", "centerlat", "centroidlat", "latdd"),
    "lon": ("lon", "long", "longitude", "x", "pointx", "centerlon", "centroidlon", "lng", "londd"),
    "pop": ("population", "pop", "totalpopulation", "poptotal"),
}
_TYPE_LEVEL = {
    "c": "village",
    "community": "village",
    "village": "village",
    "town": "town",
    "city": "city",
    "n": "neighbourhood",
    "neighbourhood": "neighbourhood",
    "neighborhood": "neighbourhood",
    "camp": "camp",
    "idp camp": "camp",
    "refugee camp": "camp",
}


def _hkey(h: str) -> str:
    return re.sub(r"[^a-z0-9]", "", h.lower())


def _map_columns(header: list[str]) -> dict[str, int]:
    keys = [_hkey(h or "") for h in header]
    out: dict[str, int] = {}
    for logical, variants in COLUMNS.items():
        for v in variants:
            if v in keys:
                out[logical] = keys.index(v)
                break
    return out


def canonical_admin1() -> dict[tuple[str, str], str]:
    """(country, name key) -> ACLED admin-1 name, from the curated admin-1 rows of ``regions.tsv``."""
    out: dict[tuple[str, str], str] = {}
    for r in load_tsv("regions.tsv"):
        if r.get("level") != "admin1" or not r.get("country"):
            continue
        en = r.get("admin1") or r.get("name_en") or ""
        for n in [*r.get("names_ar", "").split("|"), en]:
            if n:
                out[(r["country"], name_key(n))] = en
    return out


def _rows_csv(path: Path) -> Iterator[list[str]]:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "cp1256", "latin-1"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    dialect: Any = csv.excel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        pass
    yield from csv.reader(io.StringIO(text, newline=""), dialect)


def _rows_xlsx(path: Path) -> Iterator[list[str]]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a dependency
        raise GazetteerError("reading .xlsx needs the openpyxl package") from exc
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        best = None
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            first = next(rows, None)
            if first is None:
                continue
            header = ["" if v is None else str(v) for v in first]
            cols = _map_columns(header)
            score = len(cols)
            if best is None or score > best[0]:
                best = (score, ws.title)
        if best is None:
            return
        ws = wb[best[1]]
        for row in ws.iter_rows(values_only=True):
            yield ["" if v is None else str(v) for v in row]
    finally:
        wb.close()


def read_ocha(path: str | Path) -> Iterator[dict[str, str]]:
    """Rows of an OCHA COD table as dicts keyed by logical column (see ``COLUMNS``)."""
    p = Path(path)
    if not p.is_file():
        raise GazetteerError(f"no such file: {p}")
    rows = _rows_xlsx(p) if p.suffix.lower() in (".xlsx", ".xlsm") else _rows_csv(p)
    header = next(rows, None)
    if header is None:
        raise GazetteerError(f"empty OCHA table: {p}")
    cols = _map_columns(header)
    if not ({"loc_ar", "loc_en", "a1_ar", "a1_en", "a2_ar", "a3_ar"} & set(cols)):
        raise GazetteerError(
            f"{p.name}: no OCHA name columns found (expected e.g. admin1Name_en/admin1Name_ar, Location/Location_ar)",
            detail={"header": header},
        )
    for row in rows:
        if not row or all(not c.strip() for c in row):
            continue
        if row[0].strip().startswith("#"):
            continue  # HXL hashtag row
        yield {k: (row[i].strip() if i < len(row) and row[i] is not None else "") for k, i in cols.items()}


def _num(s: str) -> float | None:
    try:
        return float(s.replace(",", ".")) if s else None
    except ValueError:
        return None


def _ar_variants(s: str) -> list[str]:
    out: list[str] = []
    for part in NAME_VARIANT_SEP_RE.split(s):
        part = part.strip()
        if not part:
            continue
        inner = re.findall(r"\(([^)]*)\)", part)
        outer = re.sub(r"\([^)]*\)", " ", part).strip()
        for x in (outer, *inner):
            x = " ".join(x.split())
            if x:
                out.append(x)
    return list(dict.fromkeys(out))


def _country_of(row: dict[str, str], default: str | None) -> str | None:
    c = row.get("country", "").upper()
    if len(c) == 2:
        return c
    if len(c) == 3:
        try:
            import pycountry

            hit = pycountry.countries.get(alpha_3=c)
            if hit is not None:
                return str(hit.alpha_2)
        except ImportError:  # pragma: no cover
            pass
    for k in ("a1_pc", "a2_pc", "a3_pc", "loc_pc"):
        pc = row.get(k, "")
        if len(pc) >= 2 and pc[:2].isalpha() and pc[:2].isupper():
            return pc[:2]
    return default


def ocha_records(rows: Iterable[dict[str, str]], *, country: str | None = None) -> Iterator[Record]:
    """Places and admin units from OCHA rows (deterministic order)."""
    canon = canonical_admin1()
    admins: dict[str, dict[str, Any]] = {}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    places: list[Record] = []
    for row in rows:
        cc = _country_of(row, country)
        a1_en_raw, a1_ar = row.get("a1_en", ""), row.get("a1_ar", "")
        a1 = None
        if a1_en_raw or a1_ar:
            a1 = (
                canon.get((cc or "", name_key(a1_ar)))
                or canon.get((cc or "", name_key(a1_en_raw)))
                or a1_en_raw
                or None
            )
        a2 = row.get("a2_en") or None
        lat, lon = _num(row.get("lat", "")), _num(row.get("lon", ""))
        levels = (
            ("admin1", "a1_en", "a1_ar", "a1_pc"),
            ("admin2", "a2_en", "a2_ar", "a2_pc"),
            ("admin3", "a3_en", "a3_ar", "a3_pc"),
        )
        for level, en_k, ar_k, pc_k in levels:
            pc = row.get(pc_k, "")
            if not pc or not (row.get(en_k) or row.get(ar_k)):
                continue
            if pc not in admins:
                admins[pc] = {
                    "level": level,
                    "en": a1 if level == "admin1" else row.get(en_k) or None,
                    "ar": row.get(ar_k, ""),
                    "country": cc,
                    "admin1": a1,
                    "admin1_code": row.get("a1_pc") or None,
                    "admin2": a2 if level != "admin1" else None,
                    "admin2_code": row.get("a2_pc") or None if level != "admin1" else None,
                    "seat": None,
                }
            if lat is not None and lon is not None:
                s = sums[pc]
                s[0] += lat
                s[1] += lon
                s[2] += 1
        loc_en, loc_ar = row.get("loc_en", ""), row.get("loc_ar", "")
        if not (loc_en or loc_ar):
            continue
        pc = row.get("loc_pc") or f"{row.get('a3_pc') or row.get('a2_pc') or cc}-{name_key(loc_en or loc_ar)}"
        typ = row.get("type", "").strip().lower()
        pop = int(_num(row.get("pop", "")) or 0)
        level = _TYPE_LEVEL.get(typ) or ("town" if pop >= 5000 else "village")
        ar_names = _ar_variants(loc_ar)
        for lv, ar_k, pc_k in (
            ("admin1", "a1_ar", "a1_pc"),
            ("admin2", "a2_ar", "a2_pc"),
            ("admin3", "a3_ar", "a3_pc"),
        ):
            unit = admins.get(row.get(pc_k, ""))
            if unit is not None and unit["seat"] is None and lat is not None and lon is not None:
                unit_key = strip_ocha_admin_prefix(name_key(row.get(ar_k, "")))
                if unit_key and unit_key in {name_key(n) for n in ar_names}:
                    unit["seat"] = (lat, lon)
            del lv
        places.append(
            (
                Place(
                    id=f"ocha:{pc}",
                    name_en=loc_en or None,
                    name_ar=ar_names[0] if ar_names else None,
                    level=level,
                    country=cc,
                    admin1=a1,
                    admin1_code=row.get("a1_pc") or None,
                    admin2=a2,
                    admin2_code=row.get("a2_pc") or None,
                    lat=lat,
                    lon=lon,
                    population=pop,
                    feature_class="P",
                    feature_code=typ.upper() or None,
                    source="ocha",
                ),
                [*ar_names, loc_en],
            )
        )
    for pc in sorted(admins):
        u = admins[pc]
        if u["seat"] is not None:
            lat, lon = u["seat"]
        elif sums[pc][2]:
            lat, lon = round(sums[pc][0] / sums[pc][2], 5), round(sums[pc][1] / sums[pc][2], 5)
        else:
            lat = lon = None
        ar = [strip_ocha_admin_prefix(name_key(v)) for v in _ar_variants(u["ar"])]
        ar = [a for a in ar if a]
        yield (
            Place(
                id=f"ocha:{pc}",
                name_en=u["en"],
                name_ar=ar[0] if ar else None,
                level=u["level"],
                country=u["country"],
                admin1=u["admin1"],
                admin1_code=u["admin1_code"],
                admin2=u["admin2"],
                admin2_code=u["admin2_code"],
                lat=lat,
                lon=lon,
                feature_class="A",
                feature_code={"admin1": "ADM1", "admin2": "ADM2", "admin3": "ADM3"}[u["level"]],
                source="ocha",
            ),
            [*ar, u["en"] or ""],
        )
    yield from sorted(places, key=lambda r: r[0].id)
