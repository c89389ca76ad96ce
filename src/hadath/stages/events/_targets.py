"""Who was hit: targets, victims, civilians and unnamed perpetrators near a trigger.

:func:`find_target` reads a pair (بين X و Y), a target preposition (ضد X، على X، مع X in clashes), the owner of
the sites hit (مواقع لحركة حماس، مقرات تابعة لتنظيم داعش), the patient genitive (اعتقال X), the armed actor
whose members a casualty count names (:func:`victims_owner`: مقتل 13 من عناصر تنظيم داعش) and the subject of
تعرض (تعرضت X لقصف).  :func:`find_civilians` finds civilian victims and sites, :func:`unknown_spans` the words
for unidentified gunmen (مسلحون مجهولون).
"""

from __future__ import annotations

import bisect

from hadath.doc import Entity, Span
from hadath.lang.ar.clitics import BI, LI, WA
from hadath.lang.ar.triggers import Entry
from hadath.stages.events._context import ARMED_TYPES, VIOLENT, Ctx
from hadath.stages.events._tokens import mention_at, mention_from, nat_after, owner, tok_span


def find_target(
    ctx: Ctx, s: int, i: int, j: int, e: Entry, a: int, b: int, agents: list[Entity]
) -> tuple[list[Entity], list[Entity]]:
    """(extra agents from a pair "بين X و Y", targets)."""
    actors = ctx.actors.get(s, [])
    trig = e.trig
    agent_ids = {x.id for x in agents}
    ctx.target_nats = []  # before any return: a pair must not inherit the previous trigger's target forces
    # pairs: بين X و Y (battles)
    for k in range(j, min(b, j + 5) if trig.etype == "Battles" or trig.sub == "@attack" else j):
        if ctx.has(k, "pair_prep"):
            m1 = mention_from(ctx, actors, k + 1, b)
            if m1:
                m2 = next((x for x in actors if x.ti >= m1.tj and x.ti - m1.tj <= 4 and x.ent.id != m1.ent.id), None)
                if m2:
                    return [m1.ent], [m2.ent]
                if m1.tj < b and ctx.toks[m1.tj].has_wa:
                    return [m1.ent], []  # "بين رجال الأمن ومسلحين": the other side is unnamed
                return [m1.ent], [m1.ent]  # "بين المليشيات المتصارعة": one collective, both sides
            break
    targets: list[Entity] = []
    # target prepositions: ضد X، على X، مع X (clashes)
    for k in ctx.marked_in(a, b, _TARGET_PREPS, j, min(b, j + 8)):
        if ctx.has(k, "target_prep") or (trig.etype == "Battles" and ctx.has(k, "clash_prep")):
            tm = mention_from(ctx, actors, k + 1, b)
            if tm and tm.ent.id not in agent_ids and tm.ent.kind != "place":
                targets.append(tm.ent)
                break
            if k + 1 < b and (ctx.has(k + 1, "area") or ctx.has(k + 1, "force_head")):
                nats = nat_after(ctx, k + 2, b, 4)
                if nats:
                    ctx.target_nats = [(iso, tok_span(ctx, q)) for iso, q in nats]
                    break
    # the owner of the sites hit: "على مواقع لحركة حماس"، "قصفت الطائرات مقرات تابعة لتنظيم داعش"،
    # "استهدفت آليات وتجمعات لميليشيات الحوثي"
    if not targets:
        for k in ctx.marked_in(a, b, _SITES, j, min(b - 1, j + 8)):
            area = ctx.has(k, "area")
            if not (area or ctx.has(k, "target_site")):
                continue
            q = k + 1
            while q + 1 < b and ctx.toks[q].has_wa and (ctx.has(q, "area") or ctx.has(q, "target_site")):
                q += 1  # coordinated sites
            owned = ctx.has(q, "belonging") and q + 1 < b
            if owned:
                q += 1
            elif (
                q + 1 < b
                and ctx.toks[q].has_li
                and (ctx.has(q, "fighter") or ctx.has(q, "armed_word"))
                and mention_at(actors, q) is None  # "حاجزا للشرطة": the force itself owns it
            ):
                owned = True  # "وتجمعات لعناصر ميليشيات الحوثي": the members' group owns them
                q += 1
            while q < b and not ctx.word(q):
                q += 1  # "#ميليشيات_الحوثي"
            om = mention_at(actors, q)
            # a bare genitive (مواقع المعارضة) only after an area noun: "مقر الجيش" may be anyone's army
            if (
                om
                and om.ent.id not in agent_ids
                and om.ent.kind != "place"
                and (om.prefix == LI or (om.prefix == "" and (owned or area or ctx.toks[om.ti].has_li)))
            ):
                targets.append(om.ent)
            break
    # the patient genitive: اعتقال X، طرد التنظيم
    if not targets and (trig.gen == "patient" or e.tense in ("past", "present")):
        q = j
        while q < b and ctx.has(q, "skip"):
            q += 1
        pm = mention_at(actors, q)
        if pm and pm.ent.id not in agent_ids and pm.prefix in ("", WA) and pm.ent.kind != "place":
            targets.append(pm.ent)
        elif pm and pm.ent.id in agent_ids and e.tense != "noun":
            om = mention_at(actors, pm.tj)
            if om and om.ent.id not in agent_ids:
                targets.append(om.ent)
    # victims that belong to an armed actor: مقتل 13 من عناصر تنظيم داعش، 62 عنصرا من قوات النظام،
    # لقي 18 من قوات النظام مصرعهم
    if not targets and (trig.etype in VIOLENT or trig.sub == "@attack"):
        victims = victims_owner(ctx, i, j, a, b, agent_ids)
        if victims is not None:
            targets.append(victims)
    # تعرض X لـ: the subject of تعرض is the target (تعرضهم: the pronoun refers back across commas)
    if not targets:
        for k in range(max(a, i - 3), i):
            if ctx.has(k, "l_ok") and ctx.toks[k].stem.startswith(ctx.words.undergo):
                pron = bool(ctx.toks[k].suffix)
                cand = [
                    m
                    for m in actors
                    if m.tj <= k
                    and m.ent.id not in agent_ids
                    and not (BI in m.prefix or LI in m.prefix)
                    and m.ent.kind != "place"
                    and (pron or ctx.chunk[m.ti] == ctx.chunk[k])
                ]
                if cand:
                    targets.append(cand[0].ent if pron else cand[-1].ent)
                break
    return [], [t for t in targets if not _holds_the_area(ctx, s, j, b, t)]


def _holds_the_area(ctx: Ctx, s: int, j: int, b: int, ent: Entity) -> bool:
    """The actor is named after the trigger as the one who controls the area hit ("على مناطق سيطرة المعارضة"،
    "مناطق تسيطر عليها الفصائل"، "منطقة خاضعة لسيطرة قسد"): it holds the area, it was not fought."""
    control = ctx.words.control
    for m in ctx.actors.get(s, ()):
        if m.ent.id != ent.id or m.ti < j or m.ti - j > 10:
            continue
        if any({ctx.toks[q].stem, ctx.toks[q].norm} & control for q in range(max(j, m.ti - 3), m.ti)):
            return True
    return False


def victims_owner(ctx: Ctx, i: int, j: int, a: int, b: int, exclude: set[str]) -> Entity | None:
    """The armed actor whose members a casualty count of trigger i names ("مقتل 13 من عناصر
    تنظيم داعش"، "قتل عشرة من مسلحي الحوثي"، "62 عنصرا من قوات النظام"), or None."""
    actors = ctx.actors.get(ctx.sent[i], [])
    counts = ctx.count_toks
    lo, hi = max(a, i - 18), min(b, j + 18)
    ordered = ctx.memo(("count_toks",), lambda: sorted(counts))
    near = ordered[bisect.bisect_left(ordered, lo) : bisect.bisect_left(ordered, hi)]
    for k in sorted({*ctx.marked_in(a, b, _FIGHTER, lo, hi), *near}):  # the tokens that can name victims
        fighter = ctx.has(k, "fighter")
        count = k in counts and k + 1 < b and ctx.toks[k + 1].norm == ctx.words.from_
        if not (fighter or count):
            continue
        own = owner(ctx, ctx.sent[i], k)
        if own is not None and own != i:
            continue  # the victims of another trigger of the sentence
        if fighter and not any(q in counts or ctx.has(q, "kill") for q in range(max(a, k - 4), k)):
            continue
        if not _casualties(ctx, k, a, b):
            continue  # "شن أكثر من 100 عنصر من مشاة البحرية هجوما": the attackers, not victims
        vm = mention_from(ctx, actors, k + 1, b)
        if vm and vm.ent.id not in exclude and vm.ent.actor_type in ARMED_TYPES:
            return vm.ent
    return None


#: categories of a count that make its people victims
_VICTIM_CATEGORIES = frozenset({"killed", "injured", "detained", "missing"})


def _casualties(ctx: Ctx, k: int, a: int, b: int) -> bool:
    """The count or fighter noun at k counts victims: a word of killing or wounding before it, a verb of dying
    after it, or a count the numbers layer files as killed, injured or detained."""
    if any(ctx.has(q, "kill") for q in range(max(a, k - 5), k)):
        return True
    w = ctx.words
    if any({ctx.toks[q].stem, ctx.toks[q].norm} & w.death_verbs for q in range(k + 1, min(b, k + 9))):
        return True
    lo, hi = ctx.toks[max(a, k - 3)].start, ctx.toks[k].end
    i = bisect.bisect_left(ctx.quant_starts, lo)
    quants = ctx.doc.quantities
    while i < len(quants) and quants[i].start < hi:
        if quants[i].category in _VICTIM_CATEGORIES:
            return True
        i += 1
    return False


_CIV = frozenset({"civ_victim"})
_TARGET_PREPS = frozenset({"target_prep", "clash_prep"})
_SITES = frozenset({"area", "target_site"})
_FIGHTER = frozenset({"fighter"})


def find_civilians(ctx: Ctx, s: int, i: int, j: int, a: int, b: int) -> list[Span]:
    """Spans of civilian victims or targets near the trigger ([] = none; a non-empty list of
    possibly zero-length spans means 'civilians, no word to cite')."""
    out: list[Span] = []
    for k in ctx.marked_in(a, b, _CIV, max(a, i - 14), min(b, j + 16)):
        if not ctx.word(k):
            continue
        if ctx.has(k, "civ_victim") or ctx.multi_at(k, "civ_victim", b) > 1:
            near_count = any(
                ctx.toks[q].stem.isdigit() or ctx.has(q, "support") or ctx.toks[q].norm in ctx.words.among
                for q in range(max(a, k - 4), min(b, k + 3))
                if q != k
            )
            if near_count or (i <= k + 6 and k > i):
                out.append(tok_span(ctx, k))
    # farther in the sentence (found once for all its triggers): civilians counted or killed
    for k in ctx.memo(("counted_civilians", a, b), lambda: _counted_civilians(ctx, a, b)):
        if k < i - 14 or k >= j + 16:
            out.append(tok_span(ctx, k))
    return out


def _counted_civilians(ctx: Ctx, a: int, b: int) -> list[int]:
    return [
        k
        for k in range(a, b)
        if ctx.word(k)
        and ctx.has(k, "civ_victim")
        and any(ctx.toks[q].stem.isdigit() or ctx.has(q, "kill") for q in range(max(a, k - 3), min(b, k + 2)) if q != k)
    ]


def unknown_spans(ctx: Ctx, a: int, b: int) -> list[Span]:
    out: list[Span] = []
    k = a
    while k < b:
        if not ctx.toks[k].is_word:
            k += 1
            continue
        L = ctx.multi_at(k, "unknown", b)
        if L > 1 or (L == 1 and not ctx.toks[k].article):
            if L == 1 and k + 1 < b and any(m.ti == k + 1 for m in ctx.actors.get(ctx.sent[k], ())):
                k += 1
                continue  # "مسلحين من تنظيم X": a known group
            st = tok_span(ctx, k)
            en = ctx.toks[k + max(L, 1) - 1].end
            out.append(Span(st.start, en, ctx.doc.text[st.start : en]))
            k += max(L, 1)
        else:
            k += 1
    return out
