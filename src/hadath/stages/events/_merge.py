"""Incidents: mentions of one happening become one event.

A mention is one trigger with its clause's arguments (:mod:`._mentions`).  Mentions are grouped into
incidents; a mention joins the *best* compatible incident among the latest ones, or starts one.

**Identity** of an incident: its place, its day and its actor pair — not its sub-event type.

* *type family*: the same event type; within Explosions/Remote violence, air strikes and shelling (and a
  chemical attack delivered by either) of one place, day and actor pair are one incident, typed by the
  highest priority of ``plover.tsv`` (Air/drone strike over shelling); other explosion words of one sentence
  describe one incident; protests of one place and day are one, typed by the strongest (intervention, excessive
  force); a killing, massacre or assassination (Violence against civilians: Attack) told with a bomb, strike or
  shelling of the same place and day is that explosion (an IED assassination is one incident, typed IED); a
  weak or unspecific violent mention joins any violent incident; a change of territory won by a clash of the
  same sentence is one (:func:`_takeover_by_clash`);
* *place*: the same place; a place and a wider area that holds it; a neighbourhood and its city; an unresolved
  place and the place the text locates it by (وانلاوين الواقعة شمالي مقديشو).  Two towns never merge, and a
  place of a list (one event per listed place) merges only with the same place — or places an incident told
  only at an area that holds it: the first listed place takes the incident, the others become incidents of
  its kind (:func:`_placed_by_list`, :func:`_as_host`);
* *protests and riots*: one incident when told in one sentence (a riot: the crowd's violence decides), or when a
  weak protest word or a list of places names the crowd's incident;
* *date*: the two periods overlap (a day is a period of one day; a mention the text does not date, or dates
  only by its report, fits any);
* *actors*: one side unknown, or a shared actor (or name);
* *another incident*: a mention after "في وقت سابق"، "في هجوم آخر"، "في بلدة أخرى" ... joins only an incident of
  its own sentence; a weak mention without a place joins only an incident told within two sentences.

Among the compatible incidents the best is chosen by features: the same sentence, sentence distance, a shared
actor, the same place, the same sub-type.  The incident keeps its most precise place (a town over its region)
and date (a day over a period), and a definite trigger noun the text does not date ("وأسفرت الغارات عن ...")
that starts an incident takes the date of the incident of the same type told just before it.  Weak mentions
never start an incident; headline mentions only add evidence unless they name an event of their own.  An
incident without a place takes the headline's (else the lead sentence's) place as a fallback.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from hadath.doc import Entity
from hadath.stages.events._context import VIOLENT, Ctx, Located, Mention
from hadath.stages.events._places import LEVEL_RANK, not_an_event_place, place_relation, resolved

#: how many of the latest events a new mention may merge into (keeps very long texts linear)
_MERGE_WINDOW = 64
#: a weak mention without a place joins only an incident told this many sentences around it
_WEAK_REACH = 2
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_EXPLOSIONS = "Explosions/Remote violence"
#: sub-types of one incident of remote fire: strikes and shelling of one place, day and actor pair
_REMOTE_FIRE = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Chemical weapon"})
#: Violence against civilians sub-types that a bomb, strike or shelling of the same place and day carries out
_VAC_BY_EXPLOSION = frozenset({"Attack"})
#: protests and riots of one place and day are one incident: violence by the crowd makes it a riot
_CROWD = frozenset({"Protests", "Riots"})


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
    date: dt.date | None
    precision: int
    date_default: bool
    weak: bool
    title_only: bool
    geo_place: Located | None = None  # a resolved place standing in when ``place`` has no coordinates
    date_lo: dt.date | None = None
    listed: bool = False  # started by one place of a list
    anchor: Located | None = None  # the resolved place the text locates an unresolved ``place`` by
    # the trigger positions (ascending) and sentences of the mentions indexed so far (:func:`_told`)
    told_tis: list[int] = field(default_factory=list)
    told_sents: set[int] = field(default_factory=set)
    told_n: int = 0


def _told(ev: Ev) -> Ev:
    """``ev`` with its index of trigger positions and sentences brought up to its mentions (they are only ever
    appended): what an event has told is asked of every mention, without a pass over all of its mentions."""
    for m in ev.mentions[ev.told_n :]:
        bisect.insort(ev.told_tis, m.ti)
        ev.told_sents.add(m.sent)
    ev.told_n = len(ev.mentions)
    return ev


def _actor_ids(ev: Ev | Mention) -> set[str]:
    return {x.id for x in ev.actor1} | {x.id for x in ev.actor2}


def _rank(p: Located) -> int:
    return LEVEL_RANK.get(p.ent.level or "other", 3)


def _compatible_places(p: Located | None, q: Located | None, anchors: tuple[Located | None, ...] = ()) -> bool:
    if p is None or q is None or p.ent.id == q.ent.id:
        return True
    if any(a is not None and a.ent.id in (p.ent.id, q.ent.id) for a in anchors):
        return True  # "وانلاوين الواقعة شمالي مقديشو": an unresolved place and the place that locates it
    gp, gq = p.ent.geo, q.ent.geo
    rp, rq = _rank(p), _rank(q)
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


def _dates_overlap(m: Mention, ev: Ev) -> bool:
    """The periods of m and ev overlap (an undated or only bounded one fits any)."""
    if m.date_default or ev.date_default or m.date is None or ev.date is None:
        return True
    lo1, hi1 = m.date_lo or m.date, m.date
    lo2, hi2 = ev.date_lo or ev.date, ev.date
    return lo1 <= hi2 and lo2 <= hi1


def merge(ctx: Ctx, mentions: list[Mention]) -> list[Ev]:
    """The events of the mentions: body mentions in text order (strong first), then headline mentions."""
    evs: list[Ev] = []
    body = [m for m in mentions if not m.title]
    title = [m for m in mentions if m.title]
    starts: dict[int, list[int]] = {}
    # the incident one place of a list joined, by the list's trigger: its other places are incidents of its kind
    hosts: dict[int, Ev] = {}
    deferred: list[Mention] = []
    for m in sorted(body, key=lambda x: (x.weak, x.ti)):
        target = _find(ctx, evs, m, starts=starts)
        if target is None:
            host = hosts.get(m.ti) if m.listed else None
            if m.weak and host is None:
                if m.listed:
                    deferred.append(m)  # another place of its list may still place an incident
                continue
            ev = _new(ctx, m, other=_other_incident(ctx, m, starts))
            if host is not None:
                _as_host(ctx, ev, host)
            _inherit_date(ctx, evs, ev, m)
            evs.append(ev)
        else:
            area = m.listed and not target.listed and target.place is not None and not target.place_fallback
            _absorb(ctx, target, m)
            if area and m.places and target.place is not None:
                # the list places the incident told at an area that holds it
                target.place, target.near, target.listed = m.places[0], m.place_near, True
                if not resolved(m.places[0].ent):
                    target.geo_place = m.anchor if m.anchor is not None else target.geo_place
            if m.listed:
                hosts.setdefault(m.ti, target)
    placed = {x.place.ent.id for x in evs if x.place is not None} if deferred else set()
    for m in deferred:
        host = hosts.get(m.ti)
        if host is not None and m.places[0].ent.id not in placed:
            ev = _new(ctx, m)
            _as_host(ctx, ev, host)
            evs.append(ev)
            placed.add(m.places[0].ent.id)
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
            if m.places and (target.place is None or target.place_fallback):
                # the headline names the place of the incident its body tells without one
                target.place, target.place_fallback, target.near = m.places[0], False, m.place_near
                if not resolved(m.places[0].ent):
                    target.geo_place = m.anchor if m.anchor is not None else target.geo_place
            if not target.actor1 and m.actor1 and m.how >= 2:
                target.actor1 = m.actor1
            if not target.actor2 and m.actor2 and m.how >= 2:
                target.actor2 = m.actor2
    return evs


def _new(ctx: Ctx, m: Mention, other: bool = False) -> Ev:
    place = m.places[0] if m.places else None
    fallback = False
    if place is None and other:
        # "وفي وقت سابق، قتل أربعة في انفجار ... عن مدينة بانو": another incident is not where the headline
        # is; the place its own sentence names, however loosely, is a better guess
        place = _own_sentence_place(ctx, m)
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
        date_lo=m.date_lo,
        listed=m.listed,
        anchor=m.anchor,
    )
    if place is None or not resolved(place.ent):
        ev.geo_place = m.anchor if m.anchor is not None else _fallback_place(ctx, m)
    return ev


def _as_host(ctx: Ctx, ev: Ev, host: Ev) -> None:
    """Another place of the list that placed ``host``: an incident of the same kind there (its type, the actors
    and the date the text gave the incident when the list names none)."""
    tax = ctx.lex.taxonomy
    if host.etype != ev.etype or ev.weak or not ev.specific or tax[host.sub][2] > tax[ev.sub][2]:
        ev.sub, ev.etype, ev.specific = host.sub, host.etype, host.specific
    ev.actor1 = ev.actor1 or list(host.actor1)
    ev.actor2 = ev.actor2 or list(host.actor2)
    if ev.date_default and not host.date_default:
        ev.date, ev.date_lo, ev.precision, ev.date_default = host.date, host.date_lo, host.precision, False
    ev.weak = False


def _inherit_date(ctx: Ctx, evs: list[Ev], ev: Ev, m: Mention) -> None:
    """A definite trigger noun the text does not date ("وأسفرت الغارات عن مقتل ...") names the happening just
    told: it takes the date of the incident of the same type told in the two sentences before it."""
    if not m.date_default or m.tense != "noun" or not ctx.toks[m.ti].article:
        return
    for other in reversed(evs[-_MERGE_WINDOW:]):
        if other.date_default or other.etype != m.etype:
            continue
        if any(0 < m.sent - x.sent <= _WEAK_REACH for x in other.mentions if not x.title):
            ev.date, ev.date_lo, ev.precision, ev.date_default = other.date, other.date_lo, other.precision, False
            return


def _own_sentence_place(ctx: Ctx, m: Mention) -> Located | None:
    """The most precise resolved place below the country that the mention's sentence names (not a source's, a
    party's or a meeting's place), the nearest to the trigger among equals; None if there is none."""
    a = ctx.sent_range[m.sent][0]
    best: tuple[int, int, Located] | None = None
    for p in ctx.places.get(m.sent, ()):
        if not resolved(p.ent) or _rank(p) == 0 or not_an_event_place(ctx, p, a):
            continue
        key = (_rank(p), -abs(p.ti - m.ti))
        if best is None or key > best[:2]:
            best = (*key, p)
    return best[2] if best is not None else None


def _fallback_place(ctx: Ctx, m: Mention) -> Located | None:
    """The place the headline (else the lead sentence) is about."""
    rel_score = {"in": 2.0, "on": 2.0, "object": 2.0, "subject": 2.0, "to": 1.5, "near": 1.5, "from": 0.5, "none": 1.0}
    body = [s for s in range(len(ctx.sent_range)) if s not in ctx.title_sents and s not in ctx.heading_sents]
    for group in (sorted(ctx.title_sents), body[:1]):
        best: tuple[float, Located] | None = None
        for s in group:
            a = ctx.sent_range[s][0]
            for p in ctx.places.get(s, ()):
                if not resolved(p.ent) or not_an_event_place(ctx, p, a):
                    continue
                rel, _ = place_relation(ctx, p, a)
                score = rel_score[rel] + 0.3 * _rank(p)
                if best is None or score > best[0]:
                    best = (score, p)
        if best is not None:
            return best[1]
    return None


def _phrase_starts(ctx: Ctx, s: int) -> list[int]:
    """The tokens of sentence s where a phrase of another incident starts ("في وقت سابق"، "في هجوم آخر"), in
    text order.  The phrases are indexed by their last word (آخر، أخرى، سابق، منفصل ...), which is rare, rather
    than their first (في), which is in every sentence."""
    by_last = _phrases_by_last(ctx.words.other_incident)
    out: set[int] = set()
    a, b = ctx.sent_range[s]
    for j in range(a, b):
        t = ctx.toks[j]
        for f in (t.norm, t.stem, t.core, t.norm[1:] if t.has_wa else ""):
            for ph in by_last.get(f, ()):
                k = j - len(ph) + 1
                if k >= a and k not in out and all(_word_is(ctx, k + q, w) for q, w in enumerate(ph[:-1])):
                    out.add(k)
    return sorted(out)


@cache
def _phrases_by_last(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    by_last: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        by_last.setdefault(ph[-1], []).append(ph)
    return {k: tuple(v) for k, v in by_last.items()}


def _other_incident(ctx: Ctx, m: Mention, starts: dict[int, list[int]]) -> bool:
    """The mention's clause opens with "في وقت سابق"، "في هجوم آخر"، "في بلدة أخرى" ...: another incident."""
    if m.sent not in starts:
        starts[m.sent] = _phrase_starts(ctx, m.sent)  # once a sentence, on demand
    k = next((k for k in starts[m.sent] if k < m.ti), None)  # the first phrase before the trigger decides
    if k is None:
        return False
    pos = ctx.toks[m.ti].start
    lo = ctx.toks[k].start
    # "وفي وقت سابق، قال عضو في المجلس إن الهجوم ..."، "وكان الجيش قد أعلن في وقت سابق طرد ...": the phrase
    # dates the statement, not another incident
    if any(lo <= att.cue_start < pos for att in ctx.doc.attributions):
        return False
    return not any(
        att.content is not None and att.cue_start <= lo < att.content.start for att in ctx.attributions_at(pos)
    )


def _word_is(ctx: Ctx, k: int, w: str) -> bool:
    t = ctx.toks[k]
    return w in (t.norm, t.stem, t.core) or (t.has_wa and t.norm[1:] == w)


def _types_agree(ctx: Ctx, m: Mention, ev: Ev, same_sent: bool, same_place: bool, takeover: bool) -> bool:
    """The type families of m and ev allow one incident (see the module docstring)."""
    subs = {m.sub, ev.sub}
    if m.etype != ev.etype:
        if (m.weak or not m.specific) and m.etype in VIOLENT and ev.etype in VIOLENT:
            return True
        if {m.etype, ev.etype} == _CROWD:
            # a protest that turned violent: one incident, a riot; a weak protest word names the crowd's
            # incident told near it, and a list of places the places of one told at an area
            return same_sent or m.weak or m.listed
        # a killing or massacre carried out by a bomb, a strike or shelling: the explosion names it
        return bool(subs & _VAC_BY_EXPLOSION) and {m.etype, ev.etype} == {_EXPLOSIONS, "Violence against civilians"}
    if m.sub == ev.sub or not (m.specific and ev.specific):
        return True
    if subs <= {"Other", "Non-violent transfer of territory"} or takeover:
        return True
    if m.etype == _EXPLOSIONS:
        # strikes and shelling told apart are one incident for the same perpetrator, or the very same place
        # when one perpetrator is not named
        unnamed = not m.actor1 or not ev.actor1
        return same_sent or (subs <= _REMOTE_FIRE and (_same_perpetrator(m, ev) or (unnamed and same_place)))
    return m.etype == "Protests"


def _same_perpetrator(m: Mention, ev: Ev) -> bool:
    ids = {x.id for x in ev.actor1}
    return bool(ids and any(x.id in ids for x in m.actor1))


def _find(
    ctx: Ctx, evs: list[Ev], m: Mention, title: bool = False, starts: dict[int, list[int]] | None = None
) -> Ev | None:
    mp = m.places[0] if m.places else None
    # only the latest events are merge candidates: keeps very long texts linear
    recent = evs[-_MERGE_WINDOW:]
    other = not title and starts is not None and _other_incident(ctx, m, starts)
    # a mention without a place names the incident of its type told last (or one of its own sentence, or one it
    # shares an actor with): it does not reach over that incident to an older one
    latest: Ev | None = None
    if mp is None and not title:
        told = sorted(
            (
                (tis[bisect.bisect_left(tis, m.ti) - 1], n)
                for n, ev in enumerate(recent)
                if ev.mentions[0].ti < m.ti
                for tis in (_told(ev).told_tis,)
            ),
            reverse=True,
        )
        for _, n in told:
            ev = recent[n]
            same = m.sent in _told(ev).told_sents
            if _types_agree(ctx, m, ev, same, False, _takeover_by_clash(ctx, m, ev)):
                latest = ev
                break
    best: tuple[float, int, Ev] | None = None
    for n, ev in enumerate(recent):
        sents = [x.sent for x in ev.mentions[-_MERGE_WINDOW:] if not x.title]
        same_sent = m.sent in sents
        gap = min((abs(m.sent - x) for x in sents), default=99)
        if other and not same_sent:
            continue  # "في وقت سابق، قتل ...": another incident
        if m.weak and mp is None and not title and gap > _WEAK_REACH and not m.claimed:
            continue  # a weak word without a place names nothing far from it
        takeover = _takeover_by_clash(ctx, m, ev)
        evp = None if ev.place_fallback else ev.place
        same_place = mp is not None and evp is not None and mp.ent.id == evp.ent.id
        if not _types_agree(ctx, m, ev, same_sent, same_place, takeover):
            continue
        if not title:
            # "في مدينة صغيرة تقع شمال مقديشو" ... "في سوق وانلاوين الواقعة شمالي مقديشو": told near a place,
            # then at a place measured from it
            measured = ev.near and evp is not None and m.locator is not None and m.locator.ent.id == evp.ent.id
            if not measured and not _compatible_places(mp, evp, (m.anchor, ev.anchor)):
                continue
            if (
                (m.listed or ev.listed)
                and mp is not None
                and evp is not None
                and mp.ent.id != evp.ent.id
                and not _placed_by_list(m, ev, mp, evp)
            ):
                continue  # one event per listed place
        if not _dates_overlap(m, ev):
            continue
        ida, idb = _actor_ids(m), _actor_ids(ev)
        shared = bool(ida & idb) or _same_names(m, ev)
        if ida and idb and not shared and not takeover:
            continue
        if latest is not None and ev is not latest and not same_sent and not shared:
            continue  # "وأسفرت الغارات عن ...": the strikes told last, not older ones
        score = (3.0 if same_sent else 0.0) - 0.1 * min(gap, 20) + (2.0 if shared else 0.0)
        if same_place:
            score += 2.0
        if m.sub == ev.sub:
            score += 1.0
        if m.etype == ev.etype:
            score += 1.0
        if best is None or score > best[0] or (score == best[0] and n > best[1]):
            best = (score, n, ev)
    return best[2] if best else None


def _placed_by_list(m: Mention, ev: Ev, mp: Located, evp: Located) -> bool:
    """A place of a list names where an incident told only at a wider area happened ("اندلعت مواجهات في عدد من
    مدن الضفة الغربية" ... "من بينها حاجز A ووسط مدينة B"): the first listed place the area holds takes the
    incident, the others become incidents of their own (:func:`merge`)."""
    return m.listed and not ev.listed and _rank(evp) <= 2 and _rank(mp) > _rank(evp)


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
    if m.sent not in _told(ev).told_sents:
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
    tax = ctx.lex.taxonomy
    same_sent = any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:-1])
    if m.specific and not ev.specific and m.etype == ev.etype:
        ev.sub, ev.specific = m.sub, True
    elif m.etype == "Riots" and ev.etype == "Protests" and not m.weak:
        ev.sub, ev.etype, ev.specific = m.sub, m.etype, m.specific  # the crowd's violence: a riot
    elif ev.sub == "Armed clash" and m.sub in _TERRITORY_SUBS and m.specific:
        ev.sub = m.sub  # the clash won the territory (see _takeover_by_clash)
    elif m.specific and not m.weak and m.etype == _EXPLOSIONS and ev.etype != _EXPLOSIONS:
        ev.sub, ev.etype, ev.specific = m.sub, m.etype, True  # the assassination was a bombing: IED
    elif (
        m.specific
        and ev.specific
        and m.etype == ev.etype
        and m.etype in (_EXPLOSIONS, "Protests")
        and m.sub != ev.sub
        and not m.weak
        and tax[m.sub][2] > tax[ev.sub][2]
    ):
        ev.sub = m.sub
    donor = not m.weak or same_sent
    if (donor or m.claimed) and not ev.actor1 and m.actor1:
        ev.actor1 = list(m.actor1)  # a claim names the perpetrator of the incident it refers to
    if donor and not ev.actor2 and m.actor2:
        ev.actor2 = list(m.actor2)
    mp = m.places[0] if m.places else None
    if mp is not None and donor:
        old = ev.place
        if ev.place is None or ev.place_fallback:
            ev.place, ev.place_fallback, ev.near = mp, False, m.place_near
        elif _rank(mp) > _rank(ev.place) or (
            _rank(mp) == _rank(ev.place) and ev.near and not m.place_near and mp.ent.id != ev.place.ent.id
        ):
            ev.place, ev.near = mp, m.place_near  # the most precise place: a town over its region
        if ev.place is mp and not resolved(mp.ent):
            if m.anchor is not None:
                ev.geo_place = ev.anchor = m.anchor
            elif old is not None and resolved(old.ent):
                ev.geo_place = old
    within = ev.date is not None and ev.date_lo is not None and m.date is not None and ev.date_lo <= m.date <= ev.date
    if (
        not m.date_default
        and m.date is not None
        and (ev.date_default or ev.date is None or 0 < m.precision < ev.precision)
        and not (m.onset and within)  # the outbreak of what the period reports: the period stays
    ):
        # the most precise date: a day over a period, a date over none
        ev.date, ev.date_lo, ev.precision, ev.date_default = m.date, m.date_lo, m.precision, False
    if not m.weak:
        ev.weak = False
