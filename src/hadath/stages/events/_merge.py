"""Merging: mentions of one happening become one event.

A mention joins one of the latest events when the types agree (a weak or unspecific violent mention joins
any violent event; sub-types may differ for transfers, for explosions told in one sentence, and for a change
of territory won by a clash: :func:`_takeover_by_clash`), the places are compatible (the same place, a place
inside a wider one, a neighbourhood and its city), the dates agree (same day, or within a week when one is
imprecise) and the actors overlap.  Otherwise a strong mention starts an event and a weak one is dropped.
Headline mentions only add evidence unless they name an event of their own.  An event without a place takes
the headline's (else the lead sentence's) place as a fallback.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hadath.doc import Entity
from hadath.stages.events._context import VIOLENT, Ctx, Located, Mention
from hadath.stages.events._places import LEVEL_RANK, place_relation, resolved

#: how many of the latest events a new mention may merge into (keeps very long texts linear)
_MERGE_WINDOW = 64
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})


@dataclass(slots=True)
class Ev:
    """One event being merged: its mentions and the arguments chosen so far."""

    mentions: list[Mention]
    sub: str
    etype: str
    specific: bool
    actor1: list[Entity]
    actor2: list[Entity]
    place: Located | None
    place_fallback: bool
    near: bool
    date: date | None
    precision: int
    date_default: bool
    weak: bool
    title_only: bool
    geo_place: Located | None = None  # a resolved place standing in when ``place`` has no coordinates


def _actor_ids(ev: Ev | Mention) -> set[str]:
    return {x.id for x in ev.actor1} | {x.id for x in ev.actor2}


def _compatible_places(p: Located | None, q: Located | None) -> bool:
    if p is None or q is None or p.ent.id == q.ent.id:
        return True
    gp, gq = p.ent.geo, q.ent.geo
    rp, rq = LEVEL_RANK.get(p.ent.level or "other", 3), LEVEL_RANK.get(q.ent.level or "other", 3)
    if gp is None or gq is None or not resolved(p.ent) or not resolved(q.ent):
        # a place the gazetteer lacks: it may lie in a known wider area, nothing more is known
        if resolved(p.ent):
            return rp <= 2
        if resolved(q.ent):
            return rq <= 2
        return False
    if gp.country and gq.country and gp.country != gq.country:
        return False
    if rp == 0 or rq == 0:
        return True  # a country and a place in it
    if gp.admin1 and gq.admin1 and gp.admin1 != gq.admin1:
        return False
    if rp >= 3 and rq >= 3:
        if {rp, rq} == {4, 5} and gp.admin1 and gp.admin1 == gq.admin1:
            return True  # a neighbourhood and its city
        return False  # two different towns
    return True


def merge(ctx: Ctx, mentions: list[Mention]) -> list[Ev]:
    """The events of the mentions: body mentions in text order (strong first), then headline mentions."""
    evs: list[Ev] = []
    body = [m for m in mentions if not m.title]
    title = [m for m in mentions if m.title]
    for m in sorted(body, key=lambda x: (x.weak, x.ti)):
        target = _find(ctx, evs, m)
        if target is None:
            if m.weak:
                continue
            evs.append(_new(ctx, m))
        else:
            _absorb(ctx, target, m)
    for m in title:
        target = _find(ctx, evs, m, title=True)
        if target is None:
            if m.weak:
                continue
            ev = _new(ctx, m)
            ev.title_only = True
            evs.append(ev)
        else:
            target.mentions.append(m)
            if not target.actor1 and m.actor1 and m.how >= 2:
                target.actor1 = m.actor1
            if not target.actor2 and m.actor2 and m.how >= 2:
                target.actor2 = m.actor2
    return evs


def _new(ctx: Ctx, m: Mention) -> Ev:
    place = m.places[0] if m.places else None
    fallback = False
    if place is None:
        place = _fallback_place(ctx, m)
        fallback = place is not None
    ev = Ev(
        [m],
        m.sub,
        m.etype,
        m.specific,
        list(m.actor1),
        list(m.actor2),
        place,
        fallback,
        m.place_near,
        m.date,
        m.precision,
        m.date_default,
        m.weak,
        False,
    )
    if place is None or not resolved(place.ent):
        ev.geo_place = _fallback_place(ctx, m)
    return ev


def _fallback_place(ctx: Ctx, m: Mention) -> Located | None:
    """The place the headline (else the lead sentence) is about."""
    rel_score = {"in": 2.0, "on": 2.0, "subject": 2.0, "to": 1.5, "near": 1.5, "from": 0.5, "none": 1.0}
    body = [s for s in range(len(ctx.sent_range)) if s not in ctx.title_sents and s not in ctx.heading_sents]
    for group in (sorted(ctx.title_sents), body[:1]):
        best: tuple[float, Located] | None = None
        for s in group:
            a = ctx.sent_range[s][0]
            for p in ctx.places.get(s, ()):
                if not resolved(p.ent):
                    continue
                rel, _ = place_relation(ctx, p, a)
                score = rel_score[rel] + 0.3 * LEVEL_RANK.get(p.ent.level or "other", 3)
                if best is None or score > best[0]:
                    best = (score, p)
        if best is not None:
            return best[1]
    return None


def _find(ctx: Ctx, evs: list[Ev], m: Mention, title: bool = False) -> Ev | None:
    mp = m.places[0] if m.places else None
    # only the latest events are merge candidates: keeps very long texts linear
    recent = evs[-_MERGE_WINDOW:]
    same = [ev for ev in recent if any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:])]
    for ev in same + [ev for ev in recent if ev not in same]:
        takeover = _takeover_by_clash(ctx, m, ev)
        if m.etype != ev.etype:
            cross = (m.weak or not m.specific) and m.etype in VIOLENT and ev.etype in VIOLENT
            if not cross:
                continue
        elif m.sub != ev.sub:
            related = {m.sub, ev.sub} <= {"Other", "Non-violent transfer of territory"}
            if (
                m.specific
                and ev.specific
                and not related
                and not takeover
                and not (any(x.sent == m.sent for x in ev.mentions) and m.etype == "Explosions/Remote violence")
            ):
                continue
        if not title:
            evp = None if ev.place_fallback else ev.place
            if not _compatible_places(mp, evp):
                continue
        if not (
            m.date_default
            or ev.date_default
            or m.date is None
            or ev.date is None
            or abs((m.date - ev.date).days) <= (0 if m.precision == 1 and ev.precision == 1 else 7)
        ):
            continue
        ida, idb = _actor_ids(m), _actor_ids(ev)
        if ida and idb and not (ida & idb) and not _same_names(m, ev) and not takeover:
            continue
        if m.etype == "Battles" and ev.etype == "Battles" and m.sub != ev.sub and (m.specific and ev.specific):
            if not takeover:
                continue
        return ev
    return None


def _takeover_by_clash(ctx: Ctx, m: Mention, ev: Ev) -> bool:
    """A change of territory that came by a clash told in the same sentence ("سيطرت X على Y بعد
    اشتباكات مع Z") is one happening: ACLED codes the territory change, with the clash's opponent as
    actor 2.  A clash told in its own right (with its own casualties) stays a separate event."""
    subs = {m.sub, ev.sub}
    if "Armed clash" not in subs or not subs & _TERRITORY_SUBS:
        return False
    clashes = [m] if m.sub == "Armed clash" else [x for x in ev.mentions if x.sub == "Armed clash"]
    if not any(
        c.sent == m.sent
        and c.ti > 0
        and ctx.has(c.ti - 1, "by_clash")
        and not any(q.category in ("killed", "injured") for q in c.quantities)
        for c in clashes
    ):
        return False
    if not any(x.sent == m.sent for x in ev.mentions):
        return False
    clash_a1 = m.actor1 if m.sub == "Armed clash" else ev.actor1
    gain_a1 = ev.actor1 if m.sub == "Armed clash" else m.actor1
    return not clash_a1 or not gain_a1 or bool({x.id for x in clash_a1} & {x.id for x in gain_a1})


def _same_names(m: Mention, ev: Ev) -> bool:
    na = {x.name_en for x in m.actor1 + m.actor2 if x.name_en}
    nb = {x.name_en for x in ev.actor1 + ev.actor2 if x.name_en}
    return bool(na & nb)


def _absorb(ctx: Ctx, ev: Ev, m: Mention) -> None:
    ev.mentions.append(m)
    if m.specific and not ev.specific and m.etype == ev.etype:
        ev.sub, ev.specific = m.sub, True
    elif ev.sub == "Armed clash" and m.sub in _TERRITORY_SUBS and m.specific:
        ev.sub = m.sub  # the clash won the territory (see _takeover_by_clash)
    elif (
        m.specific
        and ev.specific
        and m.etype == ev.etype == "Explosions/Remote violence"
        and m.sub != ev.sub
        and not m.weak
        and any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:-1])
    ):
        tax = ctx.lex.taxonomy
        if tax[m.sub][2] > tax[ev.sub][2]:
            ev.sub = m.sub
    donor = not m.weak or any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:-1])
    if donor and not ev.actor1 and m.actor1:
        ev.actor1 = list(m.actor1)
    if donor and not ev.actor2 and m.actor2:
        ev.actor2 = list(m.actor2)
    mp = m.places[0] if m.places else None
    if mp is not None and donor:
        old = ev.place
        if ev.place is None or ev.place_fallback:
            ev.place, ev.place_fallback, ev.near = mp, False, m.place_near
        elif LEVEL_RANK.get(mp.ent.level or "other", 3) > LEVEL_RANK.get(ev.place.ent.level or "other", 3):
            ev.place, ev.near = mp, m.place_near
        if ev.place is mp and not resolved(mp.ent) and old is not None and resolved(old.ent):
            ev.geo_place = old
    if ev.date_default and not m.date_default and m.date is not None:
        ev.date, ev.precision, ev.date_default = m.date, m.precision, False
    if not m.weak:
        ev.weak = False
