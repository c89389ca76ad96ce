"""An in-memory index of Arabic place names over one or more gazetteers, for fast token matching.

Names are keyed by their first token (``first``), so a stage tries one dict lookup per token reading; names
written with or without a space (كفربطنا / كفر بطنا, البوكمال / البو كمال) are also keyed without spaces
(``joined``).  The places a name denotes are grouped into *referents*: records of several sources (or an
admin unit and its homonymous capital) that are the same place on the ground collapse into one, so that
"candidates" counts real ambiguity only.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from hadath.gazetteer.model import ADMIN_LEVELS, SETTLEMENT_LEVELS, Place, km, level_for_population
from hadath.gazetteer.store import PlaceSource, TranslitRow

__all__ = ["HIGH", "LOW", "MID", "TRANSLIT", "NameIndex", "Referent"]

#: the prefix of the pseudo name keys of transliteration matches ("~MSTNK"): no name key starts with it
TRANSLIT = "~"

HIGH, MID, LOW = 3, 2, 1
_SAME_PLACE_KM = 15.0
_LEVEL_RANK = {
    "country": 0,
    "admin1": 1,
    "region": 2,
    "admin2": 3,
    "city": 4,
    "town": 5,
    "admin3": 6,
    "neighbourhood": 7,
    "camp": 8,
    "village": 9,
    "other": 10,
}


@dataclass(slots=True)
class Referent:
    """One place on the ground that a name may denote: a representative record and the records merged in."""

    place: Place
    members: list[Place] = field(default_factory=list)
    population: int = 0
    prior: int = LOW
    capital: bool = False

    @property
    def id(self) -> str:
        return self.place.id

    @property
    def country(self) -> str | None:
        return self.place.country

    @property
    def admin1(self) -> str | None:
        return self.place.admin1

    @property
    def level(self) -> str:
        return self.place.level

    def weight(self) -> float:
        """A resolution prior: larger units and larger populations first."""
        lv = self.place.level
        base = {"country": 4.5, "admin1": 3.2, "region": 2.6, "admin2": 2.2}.get(lv, 0.0)
        pop = math.log10(self.population + 1) / 2.0 if self.population else 0.0
        curated = any(m.source.startswith("curated") for m in self.members)
        if curated and lv in ("region", "other"):
            base = max(base, 2.6)
        bonus = 1.2 if curated or any(m.source == "ocha" for m in self.members) else 0.0
        return max(base, pop) + bonus + (0.5 if self.capital else 0.0)


def _same_place(a: Place, b: Place) -> bool:
    """Records of one place on the ground: the same country, and within 15 km; an admin unit and a town of its
    name within 60 km (an admin-1 unit and its capital: the same unit and within 150 km, the unit being drawn
    at its centroid); regions only with regions."""
    if a.country != b.country or (a.level == "country") != (b.level == "country"):
        return False
    if "admin1" in (a.level, b.level) and a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False  # two units; or Sanaa the city, which lies in Amanat al Asimah, not in Sanaa governorate
    if a.has_coords and b.has_coords:
        assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
        limit = 60.0 if (a.level in ADMIN_LEVELS or b.level in ADMIN_LEVELS) else _SAME_PLACE_KM
        if "admin1" in (a.level, b.level) and a.admin1 and a.admin1 == b.admin1:
            limit = 150.0  # a unit (drawn at its centroid) and its homonymous capital
        if a.level in ("region", "other") or b.level in ("region", "other"):
            limit = _SAME_PLACE_KM if a.level == b.level else 0.0
        return km(a.lat, a.lon, b.lat, b.lon) <= limit
    # one without coordinates: the same admin-1 unit, and one of them an admin unit
    return bool(a.admin1 and a.admin1 == b.admin1 and (a.level in ADMIN_LEVELS or b.level in ADMIN_LEVELS))


def _representative(members: list[Place]) -> tuple[Place, bool]:
    """The record that speaks for a group, and whether the group is a national capital."""
    capital = any(m.feature_code == "PPLC" for m in members)
    admin1 = [m for m in members if m.level == "admin1"]
    settle = [m for m in members if m.level in SETTLEMENT_LEVELS]
    if admin1 and not capital:
        rep = min(admin1, key=lambda m: (not m.source.startswith("curated"), m.id))
    elif capital and settle:
        rep = min(settle, key=lambda m: (not m.source.startswith("curated"), -m.population, m.id))
    else:
        rep = min(
            members,
            key=lambda m: (
                m.level == "admin2" and bool(settle),
                m.source not in ("ocha", "curated") and not m.source.startswith("curated"),
                _LEVEL_RANK.get(m.level, 11),
                -m.population,
                m.id,
            ),
        )
    if not rep.has_coords:
        with_coords = [m for m in members if m.has_coords]
        if with_coords:
            src = max(with_coords, key=lambda m: (m.level in SETTLEMENT_LEVELS, m.population, m.id))
            rep = rep.with_(lat=src.lat, lon=src.lon)
    if rep.admin1 is None:
        a1 = next((m.admin1 for m in members if m.admin1), None)
        if a1 is not None and rep.level != "country":
            rep = rep.with_(admin1=a1)
    if rep.admin2 is None:
        a2 = next((m.admin2 for m in members if m.admin2), None)
        if a2 is not None:
            rep = rep.with_(admin2=a2)
    return rep, capital


def _prior(members: list[Place], population: int) -> int:
    levels = {m.level for m in members}
    sources = {m.source for m in members}
    if levels & {"country", "admin1"} or any(s.startswith("curated") for s in sources):
        return HIGH
    if "region" in levels and "cldr" in sources:
        return HIGH
    if population >= 100_000:
        return HIGH
    if population >= 5_000 or levels & {"admin2", "admin3", "region"}:
        return MID
    return LOW


def group_referents(places: Sequence[Place]) -> list[Referent]:
    """Collapse records that are the same place on the ground into referents (deterministic)."""
    order = sorted(places, key=lambda p: (_LEVEL_RANK.get(p.level, 11), -p.population, p.id))
    groups: list[list[Place]] = []
    for p in order:
        for g in groups:
            if any(_same_place(p, q) for q in g):
                g.append(p)
                break
        else:
            groups.append([p])
    out = []
    for g in groups:
        rep, capital = _representative(g)
        pop = max(m.population for m in g)
        out.append(Referent(place=rep, members=g, population=pop, prior=_prior(g, pop), capital=capital))
    out.sort(key=lambda r: (-r.prior, -r.weight(), r.id))
    return out


class NameIndex:
    """Arabic names of one or more gazetteers (the first source wins on an id present in several), and the
    transliteration keys of their places without an Arabic name (rows read from the source when asked)."""

    def __init__(self, sources: Iterable[PlaceSource]) -> None:
        self.places: dict[str, Place] = {}
        names: dict[str, set[str]] = defaultdict(set)
        #: transliteration key -> the sources that hold it (their rows are read when a key is asked for)
        self.translit: dict[str, list[PlaceSource]] = {}
        self._sources = list(sources)
        for src in self._sources:
            for p in src.iter_places():
                self.places.setdefault(p.id, p)
            for key, pid in src.iter_names("ar"):
                names[key].add(pid)
            for tkey in src.translit_keys():
                self.translit.setdefault(tkey, []).append(src)
        self._names = {k: tuple(sorted(v)) for k, v in names.items()}
        #: first token -> second token ("" for one-word names) -> [(remaining tokens, key)], longest first
        self.first: dict[str, dict[str, list[tuple[tuple[str, ...], str]]]] = defaultdict(dict)
        self.joined: dict[str, str] = {}
        for key in self._names:
            toks = key.split(" ")
            second = toks[1] if len(toks) > 1 else ""
            self.first[toks[0]].setdefault(second, []).append((tuple(toks[1:]), key))
            if len(toks) > 1:
                self.joined.setdefault("".join(toks), key)
        for by_second in self.first.values():
            for lst in by_second.values():
                lst.sort(key=lambda t: (-len(t[0]), t[1]))
        self._keys_of: dict[str, list[str]] | None = None
        self._variants: dict[str, list[str]] | None = None
        self._referents: dict[str, list[Referent]] = {}
        #: every string a match can start from (first tokens and space-free spellings)
        self.starts: frozenset[str] = frozenset(self.first) | frozenset(self.joined)
        self.max_tokens = max((len(k.split(" ")) for k in self._names), default=1)

    def spelling_variants(self, skeleton: str, make: Callable[[str], str]) -> list[str]:
        """The name keys whose ``make`` key (:func:`hadath.lang.ar.places.vowelless_key`) is ``skeleton``; the
        map is built on the first question."""
        if self._variants is None:
            rev: dict[str, list[str]] = defaultdict(list)
            for k in self._names:
                rev[make(k)].append(k)
            self._variants = dict(rev)
        return self._variants.get(skeleton, [])

    def keys_of(self, place_id: str) -> list[str]:
        """The name keys of one place."""
        if self._keys_of is None:
            rev: dict[str, list[str]] = defaultdict(list)
            for k, ids in self._names.items():
                for i in ids:
                    rev[i].append(k)
            self._keys_of = {i: sorted(ks) for i, ks in rev.items()}
        return self._keys_of.get(place_id, [])

    def __contains__(self, key: str) -> bool:
        return key in self._names

    def __len__(self) -> int:
        return len(self._names)

    def place_ids(self, key: str) -> tuple[str, ...]:
        return self._names.get(key, ())

    def referents(self, key: str) -> list[Referent]:
        """The referents of a name key, best prior first (cached); ``TRANSLIT + key``: of a transliteration key."""
        hit = self._referents.get(key)
        if hit is None:
            if key.startswith(TRANSLIT):
                rows: dict[str, TranslitRow] = {}
                for src in self.translit.get(key[1:], ()):
                    for row in src.translit_lookup(key[1:]):
                        rows.setdefault(row[1], row)  # the first source wins on an id, as for names
                hit = group_referents([self._translit_place(r) for _, r in sorted(rows.items())])
            else:
                hit = group_referents([self.places[i] for i in self._names.get(key, ()) if i in self.places])
            self._referents[key] = hit
        return hit

    def _translit_place(self, row: TranslitRow) -> Place:
        known = self.places.get(row[1])
        if known is not None:
            return known
        _, pid, name_en, country, admin1, lat, lon, population = row
        return Place(
            id=pid,
            name_en=name_en,
            name_ar=None,
            level=level_for_population(population),
            country=country,
            admin1=admin1,
            lat=lat,
            lon=lon,
            population=population,
            feature_class="P",
            feature_code="PPL",
            source="geonames",
        )

    def prior(self, key: str) -> int:
        refs = self.referents(key)
        return max((r.prior for r in refs), default=0)
