"""Mentions: one trigger with its arguments, each checked, resolved and dated.

:func:`find_mentions` finds the triggers of the document, keeps those the filters pass (a weak trigger with
no support word, or one in a heading, only merges into another event), reads the agent, target, place and
date of each, resolves its sub-event type, drops history and what a source says did not happen (a silent
attribution), attaches the attributions that report it, gives one mention per listed town, and hands each
casualty count to the nearest trigger of its sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hadath.doc import Entity, Span
from hadath.lang.ar.clitics import BI, LI
from hadath.lang.ar.triggers import Entry
from hadath.stages.events._actors import as_forces, forces
from hadath.stages.events._agents import claimer, find_agent
from hadath.stages.events._context import ARMED_TYPES, QUOTES, VIOLENT, Ctx, Mention
from hadath.stages.events._dates import assign_date, recent
from hadath.stages.events._filters import (
    arrest_at_protest,
    factual,
    flags_ok,
    governed_report,
    killed_by_armed,
    named_again,
    relative_background,
    supported,
    time_anchor,
    told_protest,
    victims_after,
)
from hadath.stages.events._places import find_place
from hadath.stages.events._register import background
from hadath.stages.events._subtypes import resolve_subtype
from hadath.stages.events._targets import find_civilians, find_target, unknown_spans, victims_owner
from hadath.stages.events._tokens import nat_after, tok_span
from hadath.stages.events._tolls import assign_numbers
from hadath.stages.events._triggers import find_triggers


def find_mentions(ctx: Ctx, cands: Sequence[int] | None = None) -> list[Mention]:
    ctx.index_entities()
    trigs = find_triggers(ctx, cands)
    if not trigs:
        return []
    for i, _, _ in trigs:
        ctx.trig_count[ctx.sent[i]] = ctx.trig_count.get(ctx.sent[i], 0) + 1
    for i, _, e in trigs:
        # a killing verb beside another trigger ("قتل 5 عناصر ... في اشتباكات") is no event of its own (the row's
        # "alone" flag): it owns none of the sentence's counts, dates or victims
        if "alone" not in e.trig.flags or ctx.trig_count[ctx.sent[i]] == 1:
            ctx.trig_pos.setdefault(ctx.sent[i], []).append(i)
    out: list[Mention] = []
    for i, j, e in trigs:
        s = ctx.sent[i]
        if s >= len(ctx.sent_range):
            continue
        a, b = ctx.sent_range[s]
        m = _mention(ctx, s, i, j, e, a, b)
        if m is not None:
            out.extend(_split(m))
    assign_numbers(ctx, out)
    return out


def _mention(ctx: Ctx, s: int, i: int, j: int, e: Entry, a: int, b: int) -> Mention | None:
    trig = e.trig
    in_title = s in ctx.title_sents
    keep, denied = factual(ctx, i, j, e, a, b, in_title)
    if not keep or not flags_ok(ctx, i, j, trig, a, b):
        return None
    weak = "weak" in trig.flags and not supported(ctx, i, j, trig, a, b)
    unsupported_only = weak
    if s in ctx.heading_sents or (i > a and ctx.has(i - 1, "demonstrative")) or governed_report(ctx, i, a, b):
        weak = True
        unsupported_only = False
    elif (
        named_again(ctx, i, j, e, a, b)
        or told_protest(ctx, i, j, e, a, b)
        or time_anchor(ctx, i, e, a)
        or relative_background(ctx, i, e, a, b)
    ):
        weak = True
        unsupported_only = False
    if (
        e.tense == "noun"
        and ctx.toks[i].article
        and any(ctx.has(k, "reference_after") for k in range(j, min(b, j + 3)))
    ):
        weak = True  # "الهجوم الكيميائي المفترض": the attack already reported, named again
        unsupported_only = False
    habitual = ctx.positions(a, b, "habitual")
    if habitual and habitual[0] < i:
        return None
    if "alone" in trig.flags and ctx.trig_count.get(s, 0) > 1:
        return None
    m = Mention(
        trig,
        e.tense,
        s,
        i,
        j,
        trig.sub,
        trig.etype,
        not trig.sub.startswith("@") and "mod" not in trig.flags,
        weak,
        in_title,
        trig.weight,
    )
    m.denied = denied
    # arguments
    claimed = claimer(ctx, s, i, a) if trig.etype in VIOLENT or trig.sub == "@attack" else None
    if claimed is not None:
        nats: list[tuple[str, Span]] = []
        ents, how = [claimed], 3  # "تبنى تنظيم داعش الهجوم": the claim names the perpetrator
        m.claimed = True
    else:
        ents, nats, how = find_agent(ctx, s, i, j, e, a, b)
    extra, targets = find_target(ctx, s, i, j, e, a, b, ents)
    if extra:
        ents = extra
    agents = list(ents) + [forces(ctx, iso, sp) for iso, sp in nats]
    agents = _dedupe(agents)
    targets = targets + [forces(ctx, iso, sp) for iso, sp in ctx.target_nats]
    if trig.sub == "Disrupted weapons use" and not targets:
        # "أسقطت طائرة بلا طيار إيرانية": the weapon's owner
        for iso, q in nat_after(ctx, j, b, 5)[:1]:
            targets = [forces(ctx, iso, tok_span(ctx, q))]
    targets = [t for t in _dedupe(targets) if all(t.id != x.id for x in agents) or extra]
    if trig.etype == "Battles" and not agents and targets:
        # "قتل عشرة من ميليشيات الحوثي في معارك مع الجيش": the victims' side is the other party
        other = victims_owner(ctx, i, j, a, b, {x.id for x in targets})
        if other is not None:
            agents = [other]
    if trig.sub == "Non-violent transfer of territory" or trig.sub == "Other":
        agents, targets = _transfer_roles(ctx, s, i, j, a, b, agents, targets)
    m.actor1, m.actor2 = agents, targets
    m.how = how
    if unsupported_only and killed_by_armed(ctx, m, e, j, b):
        m.weak = False  # "قتلت قوات الأمن أربعة مسلحين": the killing verb, its armed agent and victims report it
    if trig.sub == "@territory" and not agents:
        # "هجوم لتنظيم داعش مكنه من السيطرة": the pronoun's antecedent gains
        prev = [
            x
            for x in ctx.actors.get(s, ())
            if x.tj <= i and x.ent.actor_type in ARMED_TYPES and not x.prefix.startswith(BI)
        ]
        w = ctx.words
        if prev and any(
            ctx.toks[k].suffix in w.object_enclitics and ctx.toks[k].stem in w.enable for k in range(max(a, i - 3), i)
        ):
            m.actor1 = [prev[-1].ent]
            m.actor2 = [x for x in m.actor2 if x.id != prev[-1].ent.id]
            m.how = 1
    where = find_place(ctx, s, i, j, trig.sub, a, b)
    m.places, m.place_near, m.anchor, m.locator = where.places, where.near, where.anchor, where.locator
    # resolve rule sub-types
    if not resolve_subtype(ctx, m, a, b):
        return None
    if m.sub == "Attack" and "alone" in trig.flags and victims_after(ctx, j, b, ("armed_word",)):
        m.sub = "Armed clash"  # "قتلت قوات الأمن أربعة مسلحين": armed men killed, not civilians
        m.etype = ctx.lex.taxonomy[m.sub][0]
    if m.sub not in ctx.lex.taxonomy:
        return None
    at_protest = m.sub == "Arrests" and arrest_at_protest(ctx, i, j, a, b)
    if "agent" in trig.flags and (not m.actor1 or how < 2):
        return None
    if m.sub == "Other" and not any(x.actor_type in ARMED_TYPES for x in m.actor1):
        return None
    m.actor1 = _dedupe([as_forces(ctx, x, m.etype, m.sub) for x in m.actor1])
    if at_protest:
        # ACLED: arrests at a protest make it a protest with intervention, not an event of their own; the force
        # that arrested is the other side of the protest
        m.sub = "Protest with intervention"
        m.etype = ctx.lex.taxonomy[m.sub][0]
        m.actor1, m.actor2 = [], m.actor1
    if not extra:
        m.actor2 = [x for x in m.actor2 if all(x.id != y.id for y in m.actor1)]
    civ_rule = ctx.lex.taxonomy[m.sub][3]
    if civ_rule in ("yes", "both") and not any(x.actor_type in ARMED_TYPES for x in m.actor2):
        m.civilians = find_civilians(ctx, s, i, j, a, b)
        m.civ_flag = bool(m.civilians)
    if civ_rule in ("unknown", "both") and not m.actor1:
        m.unknown = unknown_spans(ctx, a, b)
    assign_date(ctx, m, s, i, a, b)
    if not recent(ctx, m) or background(ctx, m):
        return None
    if not _add_sources(ctx, m):
        return None
    return m


def _transfer_roles(
    ctx: Ctx, s: int, i: int, j: int, a: int, b: int, agents: list[Entity], targets: list[Entity]
) -> tuple[list[Entity], list[Entity]]:
    """Who moves or leaves is actor1: "سمحت لمسلحي داعش بمغادرة", "ممرا لمقاتلي داعش"."""
    for m in ctx.actors.get(s, ()):
        if LI in m.prefix and (abs(m.ti - i) <= 5 or abs(m.ti - j) <= 5) and m.ent.actor_type in ARMED_TYPES:
            others = [x for x in agents if x.id != m.ent.id]
            return [m.ent], others or [x for x in targets if x.id != m.ent.id]
        p = m.ti - 1
        while p > a and ctx.toks[p].norm in QUOTES:
            p -= 1
        if p >= a and ctx.has(p, "fighter") and ctx.toks[p].has_li and (abs(m.ti - j) <= 5 or abs(p - i) <= 5):
            others = [x for x in agents if x.id != m.ent.id]
            return [m.ent], others or [x for x in targets if x.id != m.ent.id]
    return agents, targets


def _dedupe(ents: list[Entity]) -> list[Entity]:
    seen: set[str] = set()
    out = []
    for e in ents:
        if e.id not in seen:
            seen.add(e.id)
            out.append(e)
    return out


def _add_sources(ctx: Ctx, m: Mention) -> bool:
    pos = ctx.toks[m.ti].start
    for att in ctx.attributions_at(pos):
        c = att.content
        if c and c.start <= pos < c.end:
            if att.stance == "silent":
                return False
            m.sources.append(att)
    if m.sources and all(a.stance == "deny" for a in m.sources):
        m.denied = True
    return True


def _split(m: Mention) -> list[Mention]:
    if len(m.places) <= 1:
        return [m]
    return [replace(m, places=[p], listed=True) for p in m.places]
