"""The gazetteer record (:class:`Place`), place levels and name keys."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace

from hadath.lang.ar.orthography import norm_str

__all__ = [
    "ADMIN_LEVELS",
    "LEVELS",
    "SETTLEMENT_LEVELS",
    "Place",
    "is_arabic",
    "km",
    "level_for_population",
    "name_key",
]

#: Place levels, from the largest unit to the smallest (the hadath/1 ``level`` values).
LEVELS = (
    "country",
    "admin1",
    "admin2",
    "admin3",
    "region",
    "city",
    "town",
    "village",
    "neighbourhood",
    "camp",
    "other",
)
SETTLEMENT_LEVELS = frozenset({"city", "town", "village", "neighbourhood", "camp"})
ADMIN_LEVELS = frozenset({"admin1", "admin2", "admin3"})

_ARABIC = re.compile(r"[\u0621-\u064a]")
_NON_WORD = re.compile(r"[^\w]+")
_APOSTROPHES = re.compile(r"['`ʻʼʽʿʾ‘’]")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer record.

    ``id`` is ``<source>:<key>`` (``geonames:170063``, ``ocha:C8380``, ``curated:sy-eastern-ghouta``,
    ``country:SY``, ``admin1:SY.12``).  ``admin1`` is the English first-level unit name as ACLED writes it
    ("Idlib", "Rif Dimashq"); ``country`` an ISO 3166-1 alpha-2 code.
    """

    id: str
    name_en: str | None
    name_ar: str | None
    level: str
    country: str | None = None
    admin1: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    admin2_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    feature_class: str | None = None
    feature_code: str | None = None
    source: str = "curated"

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None

    def with_(self, **changes: object) -> Place:
        return replace(self, **changes)  # type: ignore[arg-type]


def is_arabic(s: str) -> bool:
    return _ARABIC.search(s) is not None


def name_key(s: str) -> str:
    """The lookup key of a place name: the normalised view's folding, Latin lower-cased without diacritics,
    punctuation turned into spaces, runs of spaces collapsed (``"Ma‘arrat an-Nu‘mān"`` → ``"maarrat an numan"``,
    ``"إدلب"`` → ``"ادلب"``)."""
    s = _APOSTROPHES.sub("", norm_str(s))
    if not s.isascii():
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _NON_WORD.sub(" ", s.replace("_", " ")).lower()
    return " ".join(s.split())


def level_for_population(population: int) -> str:
    """ACLED-style settlement level from a population count."""
    if population >= 100_000:
        return "city"
    if population >= 5_000:
        return "town"
    return "village"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6371 km): hadath's one distance."""
    p = math.pi / 180
    h = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))
