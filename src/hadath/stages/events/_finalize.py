"""Finalising: the merged events become :class:`~hadath.doc.Event` objects.

An air strike with no perpetrator takes the one of the article's other air strike in the same country; an
accusation (اتهم X Y بشن الغارة) names a missing perpetrator; generic actors fill the rules of ``plover.tsv``
(an unidentified group for bombs of unknown origin, protesters or rioters, civilians as the target); a
country acts through its forces; nobody fights itself.  Then the trigger and evidence spans, sources (else
the article's credits), fatalities (the most conservative count, plus "others" added to it), quantities,
geo (a near or fallback place lowers the precision), confidence (:mod:`._confidence`) and denial.  Weak
events are dropped.
"""

from __future__ import annotations

from hadath.doc import Entity, Event, Geo, Quantity, Sentence, Span
from hadath.lang.ar.clitics import WA
from hadath.stages.events._actors import as_forces, generic
from hadath.stages.events._confidence import features, score, shift
from hadath.stages.events._context import ARMED_TYPES, VIOLENT, Ctx
from hadath.stages.events._merge import Ev
from hadath.stages.events._places import resolved
from hadath.stages.events._targets import unknown_spans, victims_owner
from hadath.stages.events._tokens import tok_span
from hadath.stages.events._tolls import fatalities as toll


def finalize(ctx: Ctx, evs: list[Ev]) -> list[Event]:
    """The :class:`~hadath.doc.Event` objects of the merged events, ids v1, v2 ... in text order."""
    doc = ctx.doc
    # perpetrators of air strikes: the article's other air strike of the same country
    for ev in evs:
        if not ev.actor1 and ev.sub == "Air/drone strike":
            here = min(m.ti for m in ev.mentions)
            others = [
                o for o in evs if o is not ev and o.sub == ev.sub and o.actor1 and _country(ctx, o) == _country(ctx, ev)
            ]
            if others:  # the strike told nearest before it, else after it
                near = min(
                    others,
                    key=lambda o: (min(m.ti for m in o.mentions) > here, abs(min(m.ti for m in o.mentions) - here)),
                )
                ev.actor1 = list(near.actor1)
    for ev in evs:
        if not ev.actor1:
            acc = _accused(ctx, ev)
            if acc:
                ev.actor1 = [acc]
        if not ev.actor1 and ev.etype == "Battles":
            # a clash whose clause names no side ("أحرزت قوات الجيش تقدما بعد معارك عنيفة تكبدت خلالها الميليشيات
            # خسائر"): the armed actor its sentence names as a subject is a side; the other side only when the
            # sentence counts its dead (allies named together are one side, not two)
            side, other = _sides(ctx, ev, {x.id for x in ev.actor2})
            ev.actor1, ev.actor2 = side, ev.actor2 or other
    out: list[Event] = []
    evs.sort(key=lambda e: min((m.ti for m in e.mentions if not m.title), default=min(m.ti for m in e.mentions)))
    article_level = [a.id for a in doc.attributions if a.article_level]
    for ev in evs:
        if ev.weak or _unanchored(ctx, ev):
            continue
        iso = _country(ctx, ev)
        tax = ctx.lex.taxonomy[ev.sub]
        civ_spans = [sp for m in ev.mentions for sp in m.civilians]
        civ = any(m.civ_flag for m in ev.mentions)
        actor1, actor2 = list(ev.actor1), list(ev.actor2)
        if not actor1 and tax[3] in ("unknown", "both") and ev.etype in VIOLENT:
            spans = [sp for m in ev.mentions for sp in m.unknown]
            if not spans:
                spans = unknown_spans(ctx, 0, len(ctx.toks))
            # bombs of unknown origin: an unidentified group; other violence only when the text says so
            if spans or ev.etype == "Explosions/Remote violence":
                actor1 = [generic(ctx, "unknown", iso, spans)]
        crowd = ("protesters", "rioters")
        if ev.etype in ("Protests", "Riots") and not any(x.actor_type in crowd for x in actor1 + actor2):
            kind = "protesters" if ev.etype == "Protests" else "rioters"
            spans = [
                tok_span(ctx, k)
                for m in ev.mentions
                if not m.title
                for k in range(*ctx.sent_range[m.sent])
                if ctx.has(k, "protester")
            ]
            if ev.sub == "Excessive force against protesters" and actor1:
                actor2 = [generic(ctx, kind, iso, spans), *actor2]  # the force is actor 1 (eval/GUIDE.md)
            else:
                if ev.etype == "Riots" or ev.sub == "Protest with intervention":
                    # "مواجهات بين الجيش الإسرائيلي وشبان": the force the crowd faced is actor 2, not an associate
                    force = [x for x in actor1 if x.actor_type in ARMED_TYPES and x.id not in {y.id for y in actor2}]
                    actor1 = [x for x in actor1 if x not in force]
                    actor2 = [*actor2, *force] if actor2 else force
                actor1 = [generic(ctx, kind, iso, spans), *actor1]
        if civ and not any(x.actor_type in ARMED_TYPES for x in actor2) and tax[3] in ("yes", "both"):
            actor2 = [generic(ctx, "civilians", iso, civ_spans), *actor2]
        actor1 = [as_forces(ctx, x, ev.etype, ev.sub) for x in actor1]
        # one side cannot strike, shell or fight itself; only an unnamed collective may clash within
        # itself ("بين المليشيات المتصارعة")
        actor2 = [
            x for x in actor2 if (x.kind == "actor" and ev.etype == "Battles") or x.id not in {y.id for y in actor1}
        ]
        main = [m for m in ev.mentions if not m.title] or ev.mentions
        strong = [m for m in main if not m.weak and m.sub == ev.sub] or [m for m in main if not m.weak] or main
        first = min(strong, key=lambda m: m.ti)
        trig_span = _span(ctx, first.ti, first.tj)
        evidence = sorted(
            {(x.start, x.end): x for x in (_span(ctx, m.ti, m.tj) for m in ev.mentions)}.values(),
            key=lambda x: x.start,
        )
        sources = list(dict.fromkeys(a.id for m in ev.mentions for a in m.sources))
        if not sources:
            sources = list(article_level)
        denied = all(m.denied for m in main)
        fatalities = toll(ev.mentions)
        qs: list[Quantity] = []
        seen: set[tuple[int, int]] = set()
        for m in ev.mentions:
            for q in m.quantities:
                if (q.start, q.end) not in seen:
                    seen.add((q.start, q.end))
                    qs.append(q)
        geo = _geo(ev)
        sent = doc.sentences[ctx.unit_doc[first.sent]] if first.sent < len(ctx.unit_doc) else None
        x = features(ctx, ev, actor2)
        conf = score(x, shift(ev))
        if ctx.feature_log is not None:
            ctx.feature_log.append(x)
        out.append(
            Event(
                id=f"v{len(out) + 1}",
                event_type=tax[0],
                sub_event_type=ev.sub,
                trigger=trig_span,
                date=ev.date.isoformat() if ev.date else None,
                time_precision=ev.precision if ev.date else None,
                actor1=actor1[0].id if actor1 else None,
                actor2=(actor2[0].id if actor2 else None),
                assoc_actors=[x.id for x in actor1[1:] + actor2[1:]],
                location=ev.place.ent.id if ev.place else None,
                geo=geo,
                fatalities=fatalities,
                quantities=qs,
                sources=sources,
                sentence=Sentence(sent.start, sent.end) if sent else None,
                confidence=conf,
                evidence=evidence,
                plover=first.trig.plover if first.sub == ev.sub and first.trig.plover else tax[1],
                denied=denied,
            )
        )
    return out


def _country(ctx: Ctx, ev: Ev) -> str | None:
    if ev.place and ev.place.ent.geo and ev.place.ent.geo.country:
        return ev.place.ent.geo.country
    return ctx.doc.focus_country


def _geo(ev: Ev) -> Geo | None:
    near = ev.near
    if ev.place is not None and ev.place.ent.geo is not None and resolved(ev.place.ent):
        g = ev.place.ent.geo
    elif ev.geo_place is not None and ev.geo_place.ent.geo is not None:
        g, near = ev.geo_place.ent.geo, True  # "a village near/in X" that the gazetteer lacks
    else:
        return None
    prec = g.geo_precision
    if near and (prec is None or prec < 2):
        prec = 2
    return Geo(
        g.name_en,
        g.lat,
        g.lon,
        g.country,
        g.admin1,
        g.admin2,
        g.feature,
        g.gazetteer_id,
        prec,
        g.confidence,
        g.candidates,
        g.direction,
    )


def _sides(ctx: Ctx, ev: Ev, taken: set[str]) -> tuple[list[Entity], list[Entity]]:
    """(side, other side) of a clash from its first body mention's sentence: the first armed actor not after a
    preposition ("بإسناد من التحالف" is a backer), and the armed actor whose members the sentence counts as
    dead, wounded or captured."""
    body = [m for m in ev.mentions if not m.title]
    if not body:
        return [], []
    m = min(body, key=lambda x: x.ti)
    a, b = ctx.sent_range[m.sent]
    victims = victims_owner(ctx, m.ti, m.tj, a, b, taken)
    for x in ctx.actors.get(m.sent, ()):
        if x.ent.actor_type not in ARMED_TYPES or x.prefix.strip(WA) or x.ent.id in taken:
            continue
        if victims is not None and x.ent.id == victims.id:
            continue
        if x.ti > a and ctx.toks[x.ti - 1].norm in ctx.words.prepositions:
            continue
        return [x.ent], [victims] if victims is not None else []
    return ([victims], []) if victims is not None else ([], [])


def _accused(ctx: Ctx, ev: Ev) -> Entity | None:
    """ "اتهم X Y بشن الغارة" / "نسب X الغارات إلى Y": Y is the perpetrator."""
    read: set[int] = set()  # a sentence read once (the mentions of one event share sentences)
    for m in ev.mentions:
        for s in {m.sent, min(m.sent + 1, len(ctx.sent_range) - 1)}:
            if s in read:
                continue
            read.add(s)
            a, bb = ctx.sent_range[s]
            for k in range(a, bb):
                if not ctx.has(k, "accuse"):
                    continue
                actors = [
                    x
                    for x in ctx.actors.get(s, ())
                    if (x.ti > k and x.ent.actor_type in ARMED_TYPES | {"government"})
                    or (x.ti > k and x.ent.kind == "place" and x.ent.level == "country")
                ]
                if len(actors) >= 2:
                    return actors[1].ent
                if actors and any(ctx.toks[q].norm == ctx.words.to for q in range(k, actors[0].ti)):
                    return actors[0].ent
    return None


def _span(ctx: Ctx, i: int, j: int) -> Span:
    t0, t1 = ctx.toks[i], ctx.toks[j - 1]
    return Span(t0.start, t1.end, ctx.doc.text[t0.start : t1.end])


def _unanchored(ctx: Ctx, ev: Ev) -> bool:
    """An incident told once, in passing, by a verbal noun that no verb of happening governs, that the text
    neither places (no place in its sentence, none in the headline or the lead to fall back on) nor dates: "بعد
    مصرع العشرات منهم بغارات ومعارك"، "الزج بالأطفال في المعارك واختطافهم"، "حادثة إسقاط الطائرة" name happenings
    in general, not one event an analyst could code (ACLED needs a place and a day).  A verb tells a happening
    ("واندلعت اشتباكات"، "غارات جوية قتلت خمسة"، "قصفت طائرات مواقع"، "التحالف الذي يقصف مواقع"): it stays."""
    body = [m for m in ev.mentions if not m.title]
    if len(body) != 1 or ev.place is not None or not ev.date_default:
        return False
    m = body[0]
    if m.tense != "noun" or m.killed:
        return False
    s = m.sent
    return not any(
        ctx.sent[k] == s and ctx.has(k, "support") for k in range(max(0, m.ti - 2), min(len(ctx.toks), m.tj + 2))
    )
