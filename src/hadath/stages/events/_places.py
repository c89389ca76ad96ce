"""Where: the place of a mention among the place mentions of its sentence.

Each place is scored by how it relates to the trigger (في X، على X، the subject of تعرض، إلى X، قرب X، من X),
its distance, its clause, its level (a town beats a province, a country scores low) and whether the
gazetteer resolved it; a place that only locates another (غزنة الواقعة جنوب كابول) scores low.  A wide area
gives way to a town named right after it (في ريف إدلب في بلدة سرمدا), and a coordinated list of towns
(مسرابا وجسرين وكفربطنا) gives them all: one event per town.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.doc import Entity
from hadath.lang.ar.clitics import BI, CONJUNCTIONS, WA
from hadath.stages.events._context import Ctx, Located

_CONJ = "".join(CONJUNCTIONS)

LEVEL_RANK = {
    "country": 0,
    "admin1": 1,
    "region": 2,
    "admin2": 2,
    "admin3": 3,
    "city": 4,
    "town": 4,
    "village": 4,
    "neighbourhood": 5,
    "camp": 5,
    "other": 3,
}


def find_place(ctx: Ctx, s: int, i: int, j: int, sub: str, a: int, b: int) -> tuple[list[Located], bool]:
    """(places of the event: one, or a coordinated list of towns; near flag)."""
    places = ctx.places.get(s, [])
    pos = ctx.toks[i].start
    for att in ctx.attributions_at(pos):
        c = att.content
        if c is not None and c.start <= pos < c.end and att.cue_start < c.start:
            # "وذكر المرصد من مقره في بريطانيا إن ... قتلوا": the speaker's whereabouts (between the cue and
            # the content) are not the event's
            places = [m for m in places if not att.cue_start <= m.span.start < c.start]
            break
    if not places:
        return [], False
    movement = sub in ("Other", "Non-violent transfer of territory")
    territory = sub.startswith("@territory") or "territory" in sub
    best: tuple[float, Located, bool] | None = None
    for m in places:
        rel, near = place_relation(ctx, m, a)
        dist = (m.ti - j) if m.ti >= j else (i - m.tj) + 1
        score = {
            "in": 3.0,
            "on": 3.0,
            "subject": 2.5,
            "to": 3.2 if movement else 2.0,
            "near": 2.2,
            "from": 2.0 if territory else 0.8,
            "none": 1.4 if dist <= 2 else 0.3,
        }[rel]
        score -= 0.12 * dist
        if m.ti >= j:
            score += 0.4
        if ctx.chunk[m.ti] != ctx.chunk[i]:
            score -= 0.6
        rank = LEVEL_RANK.get(m.ent.level or "other", 3)
        score += 0.15 * rank
        if rank == 0:
            score -= 0.6
        if not resolved(m.ent):
            score -= 0.5
        elif m.ent.geo is not None and not m.ent.geo.country:
            score -= 1.0
        if _locates_another(ctx, places, m, a):
            score -= 1.5  # "غزنة الواقعة جنوب كابول": Kabul only locates Ghazni
        if best is None or score > best[0]:
            best = (score, m, near)
    assert best is not None
    if best[0] < 1.0:
        return [], False
    chosen = best[1]
    if LEVEL_RANK.get(chosen.ent.level or "other", 3) <= 2:
        # "في الغوطة هي مسرابا وجسرين ..."، "في ريف إدلب في بلدة سرمدا": the more specific places
        for m in places:
            if (
                chosen.tj <= m.ti <= chosen.tj + 6
                and ctx.chunk[m.ti] == ctx.chunk[chosen.ti]
                and LEVEL_RANK.get(m.ent.level or "other", 3) >= 3
                and _same_admin1(m.ent, chosen.ent)
                and not _locates_another(ctx, places, m, a)
            ):
                chosen = m
                break
    group = _coordinated(ctx, places, chosen)
    if len(group) > 1 and all(LEVEL_RANK.get(m.ent.level or "other", 3) >= 3 for m in group):
        return group, best[2]
    return [chosen], best[2]


def _locates_another(ctx: Ctx, places: Sequence[Located], m: Located, a: int) -> bool:
    """Place m stands in a locating phrase of another place: "X الواقعة في جنوب m"، "X التابعة لـm"."""
    for k in range(max(a, m.ti - 4), m.ti):
        if ctx.has(k, "locator"):
            return any(p is not m and k - 3 <= p.tj <= k for p in places)
    return False


def place_relation(ctx: Ctx, m: Located, a: int) -> tuple[str, bool]:
    if m.prefix.lstrip(_CONJ).startswith(BI):
        return "in", False
    k = m.ti - 1
    hops = 0
    w = ctx.words
    while k >= a and hops < 3:
        t = ctx.toks[k]
        if not t.is_word:
            k -= 1
            continue
        if ctx.has(k, "in_prep") or (t.has_bi and ctx.has(k, "place_noun")):
            return "in", False
        if t.norm == w.on or t.norm == w.against:
            return "on", False
        if ctx.has(k, "to_prep"):
            return "to", False
        if ctx.has(k, "near_prep"):
            return "near", True
        if ctx.has(k, "l_ok"):
            return "subject", False
        if ctx.has(k, "from_prep") and t.norm == w.from_:
            return "from", False
        if ctx.has(k, "place_noun") or ctx.has(k, "skip"):
            k -= 1
            hops += 1
            continue
        break
    # the subject of تعرض before the verb: "الغوطة الشرقية تعرضت لقصف"
    if m.tj < len(ctx.toks) and ctx.has(m.tj, "l_ok"):
        return "subject", False
    # the subject of تعرض: "تعرضت محافظة إدلب لقصف"
    if m.tj < len(ctx.toks) and ctx.toks[m.ti].sent == ctx.toks[min(m.tj, len(ctx.toks) - 1)].sent:
        q = m.ti - 1
        while q >= a and ctx.has(q, "place_noun"):
            q -= 1
        if q >= a and ctx.has(q, "l_ok"):
            return "subject", False
    return "none", False


def _coordinated(ctx: Ctx, places: list[Located], chosen: Located) -> list[Located]:
    """The list of places coordinated with ``chosen`` ("مسرابا وجسرين وكفربطنا ...")."""
    idx = places.index(chosen)

    def linked(x: Located, y: Located) -> bool:  # y follows x in the list
        if y.ti < x.tj:
            return False
        gap = [k for k in range(x.tj, y.ti) if ctx.toks[k].norm not in (",", WA)]
        return not gap and (y.prefix.startswith(WA) or any(ctx.toks[k].norm in (",", WA) for k in range(x.tj, y.ti)))

    lo = idx
    while lo > 0 and linked(places[lo - 1], places[lo]):
        lo -= 1
    hi = idx
    while hi + 1 < len(places) and linked(places[hi], places[hi + 1]):
        hi += 1
    seen: set[str] = set()
    out = []
    for m in places[lo : hi + 1]:
        if m.ent.id not in seen:
            seen.add(m.ent.id)
            out.append(m)
    return out


def _same_admin1(x: Entity, y: Entity) -> bool:
    """x is resolved and may lie in y's first-level unit."""
    if not resolved(x) or x.geo is None or y.geo is None:
        return False
    return not x.geo.admin1 or not y.geo.admin1 or x.geo.admin1 == y.geo.admin1


def resolved(e: Entity) -> bool:
    """A place the gazetteer resolved (an unresolved place may carry an empty Geo)."""
    g = e.geo
    if g is None:
        return False
    return g.admin1 is not None or g.lat is not None or (g.country is not None and e.level == "country")
