"""Step 4, resolve: each accepted name among its gazetteer candidates (:mod:`hadath.gazetteer.resolve`), the
unambiguous ones first as anchors, with the admin unit or country a phrase right after the name places it in.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict

from hadath.gazetteer.index import Referent
from hadath.gazetteer.model import SETTLEMENT_LEVELS
from hadath.gazetteer.resolve import ResolveContext, Resolver, Scored
from hadath.stages.places._context import EXPLICIT, Ctx, Match

#: cities from this size up are named for their governments or as landmarks ("دور طهران في سوريا")
_METONYM_POPULATION = 500_000


def resolve(ctx: Ctx, matches: list[Match], countries: Counter[str], focus: str | None, resolver: Resolver) -> None:
    """``Match.scored`` for every accepted name with candidates (or ``Match.foreign``)."""
    toks = ctx.toks
    acc = [m for m in matches if m.accepted and m.refs]
    rctx = ResolveContext(focus_country=focus, countries=countries)
    by_sent: dict[int, set[tuple[str | None, str]]] = defaultdict(set)
    anchors: set[tuple[float, float]] = set()
    # unambiguous names first: they anchor the rest
    for m in acc:
        if len(m.refs) == 1:
            m.scored = _the_town_the_cue_names(resolver.rank(m.refs, rctx), m.cue_level if m.cue in EXPLICIT else None)
            r = m.refs[0]
            a1 = r.place.admin1 or (r.place.name_en if r.level == "admin1" else None)
            if a1 and r.level != "country":
                rctx.admin1s[(r.country, a1)] += 1
                by_sent[toks[m.i].sent].add((r.country, a1))
            if r.place.lat is not None and r.place.lon is not None and r.level not in ("country", "region"):
                anchors.add((r.place.lat, r.place.lon))
    rctx.anchors = sorted(anchors)
    position = {id(m): n for n, m in enumerate(matches)}
    foreign: dict[str, str] = {}
    for m in acc:
        # "مدينة جولو في جنوب الفلبين": the text places the town in a country none of its gazetteer
        # readings (Gulu, Uganda) is in; the name stays a place, unresolved, in that country
        # "مديرية حيران بمحافظة حجة": nor is a unit of another country inside a unit the text names (Hiraan,
        # Somalia, is not a district of Hajjah); a country as the place may be a metonym ("دور كردستان في سوريا")
        cc, by_unit = _governing_country(ctx, m, matches, position[id(m)])
        if (
            cc is not None
            and m.key
            and all(_small_town_outside(r, cc) or (by_unit and _unit_outside(r, cc)) for r in m.refs)
        ):
            foreign[m.key] = cc
    for m in acc:
        if m.key in foreign:  # every mention of the name in the article
            m.foreign, m.foreign_country = True, foreign[m.key]
            m.key, m.scored = None, None
    for m in acc:
        if m.scored is not None or m.foreign:
            continue
        rctx.sentence_admin1s = by_sent.get(toks[m.i].sent, set())
        rctx.governor = _governor(ctx, m, matches, position[id(m)])
        rctx.cue_level = m.cue_level if m.cue in EXPLICIT else None
        m.scored = _the_town_the_cue_names(resolver.rank(m.refs, rctx), rctx.cue_level)
        rctx.governor = rctx.cue_level = None
        if m.scored is not None:
            r = m.scored.referent
            a1 = r.place.admin1 or (r.place.name_en if r.level == "admin1" else None)
            if a1 and r.level != "country" and m.scored.confidence >= 0.6:
                rctx.admin1s[(r.country, a1)] += 1
                by_sent[toks[m.i].sent].add((r.country, a1))
    # a name no gazetteer holds keeps the unit the text puts it in: "قرية لويبدة في ريف إدلب الجنوبي"
    for n, m in enumerate(matches):
        if m.accepted and m.scored is None and m.key is None:
            other = _placing(ctx, m, matches, n)
            if other is not None and other.scored is not None and other.scored.referent.level != "country":
                if not m.foreign or other.scored.referent.country == m.foreign_country:
                    m.placed_in = other


def _placing(ctx: Ctx, m: Match, matches: list[Match], pos: int) -> Match | None:
    """The accepted place a phrase right after m places it in ("لويبدة في ريف إدلب"، "جولو في جنوب الفلبين")."""
    toks, lex = ctx.toks, ctx.lex
    for other in matches[pos + 1 : pos + 4]:
        if other.i > m.j + 3:
            break
        if not other.accepted:
            continue
        for t in toks[m.j : other.i]:
            forms = {f for f, _ in lex.readings(t)}
            if not (forms & lex.locators) and not (forms & set(lex.dir_nouns)):
                return None
        return other
    return None


def _governing_country(ctx: Ctx, m: Match, matches: list[Match], pos: int) -> tuple[str | None, bool]:
    """The country a phrase right after m names as its place, and whether it names it by one of the country's
    units: "جولو في جنوب الفلبين" → (PH, False); "المنصورة في ريف الرقة" → (SY, True)."""
    other = _placing(ctx, m, matches, pos)
    if other is None:
        return None, False
    toks, lex = ctx.toks, ctx.lex
    between = toks[m.j : other.i]
    words = {f for t in between for f, _ in lex.readings(t)}
    # "حيران بمحافظة حجة": the preposition may be the unit noun's proclitic
    if not (words & lex.governing or words & set(lex.dir_nouns) or any(t.has_bi for t in between)):
        return None, False  # "دمشق، تركيا": a list, not a location
    ccs = {r.country for r in other.refs if r.level == "country" and r.country}
    by_unit = not ccs
    if by_unit:  # "بلدة المنصورة في ريف الرقة": a unit or region of one country places it there too
        ccs = {r.country for r in other.refs if r.level in ("admin1", "admin2", "region") and r.country}
    return (next(iter(ccs)), by_unit) if len(ccs) == 1 else (None, False)


def _governor(ctx: Ctx, m: Match, matches: list[Match], pos: int) -> tuple[str | None, str] | None:
    """The admin unit a phrase right after the name places it in: "لويبدة في ريف إدلب الجنوبي"."""
    other = _placing(ctx, m, matches, pos)
    if other is not None:
        a1s = {(r.country, r.place.admin1 or r.place.name_en) for r in other.refs if r.level in ("admin1", "region")}
        a1s = {a for a in a1s if a[1]}
        if len(a1s) == 1:
            cc, a1 = next(iter(a1s))
            return (cc, a1) if a1 is not None else None
    return None


def _small_town_outside(r: Referent, cc: str) -> bool:
    """A town or small city outside country ``cc`` (large cities stand for governments: not judged)."""
    return r.country != cc and r.level in ("city", "town", "village") and r.place.population < _METONYM_POPULATION


def _unit_outside(r: Referent, cc: str) -> bool:
    """A first- or second-level unit of a country other than ``cc``."""
    return r.country != cc and r.level in ("admin1", "admin2")


def _the_town_the_cue_names(scored: Scored | None, cue_level: str | None) -> Scored | None:
    """ "مدينة حلب" names the city, not the governorate the index groups it with (an admin-1 unit and its
    homonymous capital are one referent, drawn as the unit): after a settlement cue the referent's town stands
    for it, with the town's coordinates and id."""
    if scored is None or cue_level not in SETTLEMENT_LEVELS or scored.referent.level != "admin1":
        return scored
    towns = [p for p in scored.referent.members if p.level in SETTLEMENT_LEVELS and p.has_coords]
    if not towns:
        return scored
    town = min(towns, key=lambda p: (not p.source.startswith("curated"), -p.population, p.id))
    ref = Referent(place=town, members=towns, population=max(p.population for p in towns), prior=scored.referent.prior)
    return dataclasses.replace(scored, referent=ref)
