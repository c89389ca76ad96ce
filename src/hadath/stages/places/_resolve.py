"""Step 4, resolve: each accepted name among its gazetteer candidates (:mod:`hadath.gazetteer.resolve`), the
unambiguous ones first as anchors, with the admin unit or country a phrase right after the name places it in.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from hadath.gazetteer.index import Referent
from hadath.gazetteer.resolve import ResolveContext, Resolver
from hadath.stages.places._context import Ctx, Match

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
            m.scored = resolver.rank(m.refs, rctx)
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
        cc = _governing_country(ctx, m, matches, position[id(m)])
        if cc is not None and m.key and all(_small_town_outside(r, cc) for r in m.refs):
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
        m.scored = resolver.rank(m.refs, rctx)
        rctx.governor = None
        if m.scored is not None:
            r = m.scored.referent
            a1 = r.place.admin1 or (r.place.name_en if r.level == "admin1" else None)
            if a1 and r.level != "country" and m.scored.confidence >= 0.6:
                rctx.admin1s[(r.country, a1)] += 1
                by_sent[toks[m.i].sent].add((r.country, a1))


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


def _governing_country(ctx: Ctx, m: Match, matches: list[Match], pos: int) -> str | None:
    """The country a phrase right after m names as its place: "جولو في جنوب الفلبين" → PH."""
    other = _placing(ctx, m, matches, pos)
    if other is None:
        return None
    toks, lex = ctx.toks, ctx.lex
    words = {f for t in toks[m.j : other.i] for f, _ in lex.readings(t)}
    if not (words & lex.governing or words & set(lex.dir_nouns)):
        return None  # "دمشق، تركيا": a list, not a location
    ccs = {r.country for r in other.refs if r.level == "country" and r.country}
    return next(iter(ccs)) if len(ccs) == 1 else None


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
    return r.country != cc and r.level in ("city", "town") and r.place.population < _METONYM_POPULATION
