"""Choosing among the places a name may denote, and the small API the events stage uses.

Candidates (referents, see :mod:`hadath.gazetteer.index`) are ranked by

* their prior: unit level, population, curated/OCHA records (``Referent.weight``);
* the document's country focus and the other countries it names;
* the admin-1 unit governing the phrase ("لويبدة في ريف إدلب الجنوبي" → Idlib), then admin-1 units named
  in the same sentence and in the document;
* proximity to places already resolved without ambiguity.

Ambiguity is reported, never hidden: ``Geo.candidates`` counts the referents and ``Geo.confidence`` is the
share of the winner in a softmax over the scores.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hadath.doc import Geo
from hadath.errors import GazetteerError
from hadath.gazetteer.base import ensure_base
from hadath.gazetteer.index import NameIndex, Referent
from hadath.gazetteer.model import SETTLEMENT_LEVELS, Place, km, name_key
from hadath.gazetteer.store import Gazetteer, PlaceSource

__all__ = [
    "ResolveContext",
    "Resolver",
    "Scored",
    "admin1_of",
    "default_resolver",
    "geo_for",
    "geo_precision",
    "point_kind",
    "resolve",
    "resolver_for",
    "sources_for",
]

_DIRECTION_VECTORS = {
    "n": (1.0, 0.0),
    "s": (-1.0, 0.0),
    "e": (0.0, 1.0),
    "w": (0.0, -1.0),
    "ne": (0.7071, 0.7071),
    "nw": (0.7071, -0.7071),
    "se": (-0.7071, 0.7071),
    "sw": (-0.7071, -0.7071),
    "c": (0.0, 0.0),
}


@dataclass(slots=True)
class ResolveContext:
    """What a document tells about where it is."""

    focus_country: str | None = None
    countries: Counter[str] = field(default_factory=Counter)
    admin1s: Counter[tuple[str | None, str]] = field(default_factory=Counter)
    sentence_admin1s: set[tuple[str | None, str]] = field(default_factory=set)
    governor: tuple[str | None, str] | None = None  # (country, admin1) of "... في ريف إدلب"
    anchors: list[tuple[float, float]] = field(default_factory=list)
    cue_level: str | None = None  # the level the cue before the name asks for (محافظة: admin1, مدينة: city)


@dataclass(slots=True)
class Scored:
    referent: Referent
    score: float
    confidence: float
    candidates: int
    runner_up: Referent | None = None
    runner_score: float | None = None

    def runner_up_dict(self) -> dict[str, object] | None:
        """The best other candidate as the output shows it (so an analyst can check the choice)."""
        r = self.runner_up
        if r is None or self.runner_score is None:
            return None
        return {
            "gazetteer_id": r.id,
            "name_en": r.place.name_en,
            "country": r.country,
            "admin1": _admin1_name(r.place),
            "score": round(self.runner_score, 2),
        }


def geo_precision(level: str | None) -> int:
    """ACLED geo-precision for a place of ``level``: 1 the place itself, 2 part of a region, 3 a province/country."""
    if level in ("country", "admin1"):
        return 3
    if level in ("region", "admin2", "admin3"):
        return 2
    return 1


def _admin1_name(p: Place) -> str | None:
    if p.level == "admin1":
        return p.admin1 or p.name_en
    return p.admin1


def point_kind(level: str | None, source_level: str | None = None) -> str:
    """How a point stands for a place: "centroid" for a country, a unit or a region made of one (an area drawn
    at its centroid), "place" for a place on the ground."""
    if level in ("country", "admin1", "admin2", "admin3", "region") or source_level in ("country", "admin1"):
        return "centroid"
    return "place"


def geo_for(
    ref: Referent | None,
    *,
    confidence: float | None = None,
    candidates: int | None = None,
    level: str | None = None,
    direction: str | None = None,
    name_en: str | None = None,
    scored: Scored | None = None,
) -> Geo:
    """The ``Geo`` of a referent (or of a region made from it, when ``direction``/``level`` say so); ``scored``
    adds the chosen candidate's score and the runner-up."""
    if ref is None:
        return Geo(name_en, None, None, None, None, None, level, None, None, confidence, candidates, direction)
    p = ref.place
    lat, lon = p.lat, p.lon
    lv = level or p.level
    if direction and lat is not None and lon is not None:
        dist = {"country": 150.0, "admin1": 30.0, "region": 15.0, "admin2": 15.0}.get(p.level, 8.0)
        dy, dx = _DIRECTION_VECTORS.get(direction, (0.0, 0.0))
        lat = round(lat + dy * dist / 111.0, 4)
        lon = round(lon + dx * dist / (111.0 * max(0.2, math.cos(math.radians(lat)))), 4)
    return Geo(
        name_en=name_en or p.name_en,
        lat=lat,
        lon=lon,
        country=p.country,
        admin1=_admin1_name(p),
        admin2=None if p.level in ("country", "admin1") else p.admin2,
        feature=lv,
        gazetteer_id=None if (direction or level == "region") and lv != p.level else p.id,
        geo_precision=geo_precision(lv),
        confidence=confidence,
        candidates=candidates,
        direction=direction,
        point=None if lat is None or lon is None else point_kind(lv, p.level),
        score=scored.score if scored is not None and scored.candidates > 1 else None,
        runner_up=scored.runner_up_dict() if scored is not None else None,
    )


def _fits_cue(level: str, cue_level: str) -> bool | None:
    """Does a candidate's level fit the level its cue asks for (مدينة X: a settlement; محافظة X: a unit)?
    None when the cue says nothing about it (منطقة X)."""
    if cue_level in SETTLEMENT_LEVELS:
        return level in SETTLEMENT_LEVELS
    if cue_level == "admin1":
        return level == "admin1"
    if cue_level in ("admin2", "admin3"):
        return level in ("admin2", "admin3") or level in SETTLEMENT_LEVELS
    if cue_level == "region":
        return level in ("region", "other")
    return None


class Resolver:
    """Ranks the referents of a name in a context; wraps a :class:`NameIndex`."""

    def __init__(self, index: NameIndex) -> None:
        self.index = index

    def score(self, ref: Referent, ctx: ResolveContext, max_pop: int = 0) -> float:
        """The prior (level, population, curated) plus the context: the cue's level, the focus and named
        countries, the governing and named admin-1 units, proximity to unambiguous places."""
        s = ref.weight()
        if ctx.cue_level is not None:
            fit = _fits_cue(ref.level, ctx.cue_level)
            if fit is not None:
                s += 2.0 if fit else -1.5
        if ref.country is None and any(m.source.startswith("curated") for m in ref.members):
            s += 2.0  # a sea or world region outweighs a foreign unit of its name (البحر الأحمر)
        governed = ctx.governor is not None and ctx.governor == (ref.country, _admin1_name(ref.place))
        if max_pop >= 100_000 and ref.population < max_pop and ref.level not in ("admin1", "admin2", "country"):
            # a small namesake of a large place needs strong context to win (موسكو: Moscow, not Mesquite); the
            # unit the text puts it in is such context (بلدة المنصورة في ريف الرقة: the Syrian village)
            s += (
                max(-1.0, 1.2 * math.log10((ref.population + 1) / (max_pop + 1)))
                if governed
                else (1.2 * math.log10((ref.population + 1) / (max_pop + 1)))
            )
        cc = ref.country
        if cc is not None:
            if cc == ctx.focus_country:
                s += 3.0
            elif ctx.countries.get(cc):
                s += min(2.0, 0.75 * ctx.countries[cc])
        a1 = _admin1_name(ref.place)
        if a1 is not None:
            key = (cc, a1)
            if ctx.governor is not None and ctx.governor == key:
                s += 4.0
            if key in ctx.sentence_admin1s:
                s += 1.5
            elif ctx.admin1s.get(key):
                s += min(1.5, 0.5 * ctx.admin1s[key])
        if ctx.anchors and ref.place.lat is not None and ref.place.lon is not None:
            lat, lon = ref.place.lat, ref.place.lon
            d = min(km(lat, lon, a, b) for a, b in ctx.anchors)
            if d < 25:
                s += 2.0
            elif d < 75:
                s += 1.0
        return s

    def rank(self, refs: list[Referent], ctx: ResolveContext) -> Scored | None:
        if not refs:
            return None
        max_pop = max(r.population for r in refs)
        scored = sorted(((self.score(r, ctx, max_pop), r) for r in refs), key=lambda t: (-t[0], t[1].id))
        best_score, best = scored[0]
        z = sum(math.exp(s - best_score) for s, _ in scored)
        conf = 1.0 / z
        if len(scored) == 1:
            conf = 0.95 if best.place.level in ("country", "admin1") else 0.9
            return Scored(best, best_score, conf, 1)
        return Scored(best, best_score, conf, len(scored), scored[1][1], scored[1][0])

    def resolve_key(self, key: str, ctx: ResolveContext | None = None) -> Scored | None:
        return self.rank(self.index.referents(key), ctx or ResolveContext())

    def resolve(self, name: str, ctx: ResolveContext | None = None) -> Geo | None:
        """The best place for ``name`` (any spelling the gazetteer knows) as a ``Geo``, or None."""
        hit = self.resolve_key(name_key(name), ctx)
        if hit is None:
            return None
        return geo_for(hit.referent, confidence=hit.confidence, candidates=hit.candidates, scored=hit)

    def admin1_of(self, name_or_id: str, country: str | None = None) -> str | None:
        """The English admin-1 name of a place given by gazetteer id or by name (optionally within a country)."""
        p = self.index.places.get(name_or_id)
        if p is not None:
            return _admin1_name(p)
        ctx = ResolveContext(focus_country=country)
        hit = self.resolve_key(name_key(name_or_id), ctx)
        if hit is None or (country and hit.referent.country != country):
            return None
        return _admin1_name(hit.referent.place)


# -- sources and the shared resolvers --------------------------------------------------------------------------
def sources_for(user: Path | None = None) -> list[PlaceSource]:
    """The lookup order: the user gazetteer ``user`` (if given) first, then the built-in base."""
    out: list[PlaceSource] = []
    if user is not None:
        if not user.is_file():
            raise GazetteerError(f"gazetteer not found: {user}", detail={"path": str(user)})
        out.append(Gazetteer(user))
    out.append(Gazetteer(ensure_base()))
    return out


_LOCK = threading.Lock()
# resolvers by user gazetteer path (None: the built-in base alone), with the file's mtime when it was read
_RESOLVERS: dict[str | None, tuple[float, Resolver]] = {}
_CHECKED: dict[str | None, float] = {}


def resolver_for(user: str | Path | None = None) -> Resolver:
    """The shared resolver over the user gazetteer ``user`` (a SQLite file made by ``hadath gazetteer import``)
    and the built-in base; ``None``: the built-in base alone.  It is rebuilt when the file changes (looked at no
    more than once a second)."""
    path = Path(user).expanduser() if user is not None else None
    key = str(path) if path is not None else None
    now = time.monotonic()
    hit = _RESOLVERS.get(key)
    if hit is not None and (path is None or now - _CHECKED.get(key, 0.0) < 1.0):
        return hit[1]
    _CHECKED[key] = now
    mtime = 0.0
    if path is not None:
        try:
            mtime = path.stat().st_mtime
        except OSError as exc:
            raise GazetteerError(f"gazetteer not found: {path}", detail={"path": str(path)}) from exc
    with _LOCK:
        hit = _RESOLVERS.get(key)
        if hit is None or hit[0] != mtime:
            sources = sources_for(path)
            try:
                index = NameIndex(sources)
            finally:
                for s in sources:
                    if isinstance(s, Gazetteer):
                        s.close()
            hit = _RESOLVERS[key] = (mtime, Resolver(index))
        return hit[1]


def default_resolver() -> Resolver:
    """The shared resolver over the built-in base gazetteer alone."""
    return resolver_for(None)


def resolve(name: str, context: ResolveContext | None = None) -> Geo | None:
    """Resolve a place name with the built-in gazetteer."""
    return default_resolver().resolve(name, context)


def admin1_of(name_or_id: str, country: str | None = None) -> str | None:
    """The English admin-1 name of a place (gazetteer id or name) with the built-in gazetteer."""
    return default_resolver().admin1_of(name_or_id, country)
