"""Who did it: the perpetrator of a trigger, from clause patterns over the actor mentions of its sentence.

In order: an explicit agent phrase (من قبل X، على يد X، بنيران X، هجوم من X, or a force noun with a
nationality: من قبل القوات الروسية); an accusation (اتهم X Y بشن الغارة، نسب X الغارات إلى Y); a genitive
before a bare object (استهداف ميليشيات الحوثي سيارة إسعاف) or a force noun after a patient noun (استهداف طيران
التحالف ...); a genitive agent (غارات النظام، قصف لقوات النظام); a nationality adjective (قصف روسي); the
subject of the verb (SVO right before, VSO right after, or of the verb governing a noun trigger: شن النظام
غارات); the subject of a chain of verbs before the trigger; the subject shared by a coordinated verb; the
speaker ("قالت إسرائيل إنها شنت ..."، "إن مقاتليه ...").  How it was found is returned too: 3 explicit, 2 an
adjacent subject or the speaker, 0 none.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.doc import Attribution, Entity, Span
from hadath.lang.ar.clitics import BI, LI, PREPOSITIONS, WA
from hadath.lang.ar.triggers import Entry
from hadath.stages.events._context import ACTOR_TYPES, ARMED_TYPES, QUOTES, Ctx, Located
from hadath.stages.events._tokens import (
    mention_at,
    mention_from,
    nat_after,
    nat_forces,
    reaction_verb,
    tok_span,
    verbish,
)

_AGENT_PREP = frozenset({"agent_prep"})
_ACCUSE = frozenset({"accuse"})


def find_agent(
    ctx: Ctx, s: int, i: int, j: int, e: Entry, a: int, b: int
) -> tuple[list[Entity], list[tuple[str, Span]], int]:
    """(actor entities, nationality forces (iso, span), how found: 3 explicit .. 1 guessed)."""
    actors = ctx.actors.get(s, [])
    trig = e.trig
    w = ctx.words
    # explicit agent phrases after (or inside) the trigger: من قبل X، على يد X، بنيران X، نفذتها X
    preps = ctx.marked_in(a, b, _AGENT_PREP, i, min(b, j + 8))
    for k in range(i, min(b, j + 8)):
        if k > j and ctx.chunk[k] != ctx.chunk[j - 1]:
            break
        L = ctx.multi_at(k, "agent_prep", b) if k in preps else 0
        if (
            not L
            and e.tense == "noun"
            and trig.gen == "agent"
            and j <= k <= j + 2
            and ctx.toks[k].norm == w.from_
            and (trig.sub == "@attack" or trig.etype == "Explosions/Remote violence")
            and all(_modifier(ctx, q) for q in range(j, k))  # not "القصف عناصر من الحرس": a partitive من
        ):
            L = 1  # هجوم من تنظيم داعش
        if L:
            m = mention_from(ctx, actors, k + L, b)
            if m and not (m.ent.kind == "place" and ctx.toks[k].norm == w.from_):
                return [m.ent], [], 3
            if k + L < b and ctx.has(k + L, "force_head"):
                nats = nat_after(ctx, k + L + 1, b, 8)
                if nats:
                    q0 = nats[0][1]
                    first = Span(
                        ctx.toks[k + L].start,
                        ctx.toks[q0].end,
                        ctx.doc.text[ctx.toks[k + L].start : ctx.toks[q0].end],
                    )
                    spans = [first] + [tok_span(ctx, q) for _, q in nats[1:]]
                    return [], [(iso, sp) for (iso, _), sp in zip(nats, spans, strict=True)], 3
            if k + L < b and nat_forces(ctx, k + L):
                return [], [(nat_forces(ctx, k + L) or "", tok_span(ctx, k + L))], 3
    # accusations: "اتهم X Y بشن الغارة"، "نسب X الغارات إلى Y"
    for k in ctx.marked_in(a, b, _ACCUSE, max(a, i - 14), i):
        if ctx.has(k, "accuse"):
            for q in range(j, min(b, j + 6)):
                if ctx.toks[q].norm == w.to:
                    m = mention_from(ctx, actors, q + 1, b)
                    if m:
                        return [m.ent], [], 3
            between = [m for m in actors if k < m.ti and m.tj <= i]
            if len(between) >= 2 or (between and k > a and any(m.tj <= k for m in actors)):
                return [between[-1].ent], [], 3
    # "استهداف ميليشيات الحوثي سيارة إسعاف": a genitive followed by a bare object noun is the agent
    if e.tense == "noun" and trig.gen == "patient":
        gm = mention_at(actors, j)
        if gm is not None and gm.prefix == "" and gm.ent.kind != "place" and gm.tj < b:
            o = ctx.toks[gm.tj]
            if (
                o.is_word
                and not o.prefix
                and not o.article
                and o.norm not in w.prepositions
                and gm.tj not in ctx.date_toks
                and gm.tj not in ctx.count_toks
                and not ctx.has(gm.tj, "skip")
                and mention_at(actors, gm.tj) is None
            ):
                return [gm.ent], [], 3
    # "استهداف طيران التحالف مكتب الرئاسة": a force noun after a patient noun names the agent
    if e.tense == "noun" and trig.gen == "patient" and j < b and ctx.has(j, "force_head"):
        fm = mention_at(actors, j + 1) or mention_at(actors, j)
        if fm is not None:
            return [fm.ent], [], 3
        nats = nat_after(ctx, j + 1, b, 2)
        if nats:
            return [], [(nats[0][0], tok_span(ctx, nats[0][1]))], 3
    # genitive agent: غارات النظام، قصف مدفعي عنيف لقوات النظام، هجوم لتنظيم داعش
    if e.tense == "noun" and trig.gen == "agent":
        for k in range(j, min(b, j + 3)):
            if k > j and not (
                ctx.has(k - 1, "adjective")
                or ctx.has(k - 1, "instr_air")
                or ctx.has(k - 1, "instr_shell")
                or nat_forces(ctx, k - 1)
            ):
                break  # "بغارة جوية تجمعا لميليشيات": a noun stands between
            m = mention_at(actors, k)
            if (
                m
                and ((k == j and m.prefix in ("", LI)) or m.prefix == LI)
                and not (m.ent.kind == "place" and m.prefix == "")
            ):
                return [m.ent], [], 3
            if not ctx.word(k) or ctx.toks[k].norm in w.prepositions or mention_at(ctx.places.get(s, []), k):
                break
    # nationality adjective right after the trigger: قصف روسي، غارات جوية إسرائيلية
    for k in range(j, min(b, j + 2) if trig.sub != "Disrupted weapons use" else j):
        t = ctx.toks[k]
        if not t.is_word or t.norm in w.prepositions or t.prefix or k in ctx.named:
            break
        iso = nat_forces(ctx, k)
        if iso:
            return [], [(iso, tok_span(ctx, k))], 2
        if {t.norm, t.stem} & w.state_adjectives and ctx.doc.focus_country:
            # "الغارات الجوية الحكومية": the forces of the state the article is about
            return [], [(ctx.doc.focus_country, tok_span(ctx, k))], 2
        if not (ctx.has(k, "instr_air") or ctx.has(k, "instr_shell") or ctx.has(k, "adjective")):
            break
    # the subject of a verb (SVO right before, VSO right after); a verb form right after a governing word is
    # its verbal noun ("التي تم قصفها": passive, no subject before it)
    governed = i > a and ctx.has(i - 1, "masdar_gov")
    verb_at = i if e.tense in ("past", "present") and not governed else -1
    if verb_at < 0:
        # "وردت الفصائل باستهداف المدينة": the subject of a verb of reacting did the act its ب governs
        verb_at = reaction_verb(ctx, i, a)
    if verb_at < 0 and not governed:
        # a noun trigger governed by a verb: شن النظام غارات، أطلقت قوات النظام 260 صاروخا
        for k in range(i - 1, max(a, i - 14) - 1, -1):
            if verbish(ctx, k):
                verb_at = k
                break
            if (
                i - k >= 8
                and ctx.word(k)
                and k not in ctx.named
                and not (ctx.has(k, "skip") or ctx.has(k, "force_head") or k in ctx.date_toks)
            ):
                break  # beyond 8 tokens only the subject and time words may stand between
    if verb_at >= 0:
        k = verb_at - 1
        while k >= a and (ctx.has(k, "skip") or ctx.toks[k].norm in QUOTES):
            k -= 1
        if k > a and ctx.toks[k].norm in w.relatives:
            k -= 1  # "تحالف دعم الشرعية، الذي يقصف مواقع الحوثيين": the antecedent is the subject
            while k > a and not ctx.word(k):
                k -= 1
        before = [
            m
            for m in actors
            if m.tj - 1 == k
            and m.prefix in ("", WA)
            and not (m.ti > a and ctx.has(m.ti - 1, "in_prep"))  # "في سوريا": a place, not a subject
        ]
        q = verb_at + (j - i if verb_at == i else 1)
        while q < b and (ctx.has(q, "skip") or ctx.toks[q].norm in QUOTES):
            q += 1
        after = mention_at(actors, q)
        if after is not None and not before and _noun_subject_before(ctx, verb_at, a):
            after = None  # "أن السلاح الحربي لبلاده قصف القاعدة": the name after the verb is its object
        if after is None and q + 1 < b and ctx.has(q, "force_head"):
            # "شن طيران التحالف غارات"، "استهدفت طائرات التحالف": the force of a named actor
            fm = mention_at(actors, q + 1)
            if fm is not None and fm.prefix == "" and fm.ent.kind != "place":
                after = fm
        if (before and before[-1].ent.kind != "place") or (before and verb_at == i):
            return _coordinated_actors(before[-1], actors), [], 2
        if after and after.prefix in ("", WA) and (after.tj <= i or verb_at == i):
            return [after.ent], [], 2
        if q < b and ctx.has(q, "force_head") and (q < i or verb_at == i):
            nats = nat_after(ctx, q + 1, b, 2)
            if nats:
                return (
                    [],
                    [
                        (
                            nats[0][0],
                            Span(
                                ctx.toks[q].start,
                                ctx.toks[nats[0][1]].end,
                                ctx.doc.text[ctx.toks[q].start : ctx.toks[nats[0][1]].end],
                            ),
                        )
                    ],
                    2,
                )
    # the subject of a chain of verbs before the trigger: "قوات النظام بدأت ... وتمكنت من السيطرة"
    for m in reversed(actors):
        if m.tj > i or i - m.tj > 15 or any(c in m.prefix for c in PREPOSITIONS):
            continue
        if m.ti > a and ctx.toks[m.ti - 1].norm in w.prepositions and not _partitive(ctx, m, a):
            continue
        q = m.tj
        while q < b and (ctx.has(q, "skip") or ctx.toks[q].norm in QUOTES):
            q += 1
        if any(ctx.toks[x].norm in w.after or ctx.toks[x].norm in w.cause for x in range(m.tj, i)):
            break  # "... قامت باعتقال المئات عقب الغارات": another clause
        if q < b and verbish(ctx, q) and not ctx.has(q, "accuse") and ctx.chunk[m.ti] == ctx.chunk[i]:
            return _coordinated_actors(m, actors), [], 2
        break
    # a coordinated verb (وحررت، وتمكنت) shares the subject of the verb before it
    if e.tense in ("past", "present") and ctx.toks[i].has_wa:
        for v in range(i - 1, max(a, i - 12) - 1, -1):
            if ctx.chunk[v] != ctx.chunk[i]:
                break
            if verbish(ctx, v) and not ctx.has(v, "accuse"):
                m = _subject_of(ctx, v, a, b, actors)
                if m is not None:
                    return [m.ent], [], 2
                break
    # the speaker: "وقالت إسرائيل إنها ... شنت غارات"، "إن مقاتليه يشاركون في الاشتباكات"
    att, speaker = _speaker_of(ctx, ctx.toks[i].start)
    if att is not None:
        group = _group_of(ctx, speaker)
        for k in range(max(a, i - 8), min(b, j + 2)):
            t = ctx.toks[k]
            pron = t.norm in w.speaker_pronouns
            own = ctx.has(k, "self") and t.suffix in w.speaker_enclitics
            if (pron and k < i) or own:
                if group is None:
                    # the subject of the speech verb: "وقالت إسرائيل إنها"، "قيادي بجماعة X ... مقاتليه"
                    prev = [
                        m
                        for m in actors
                        if m.tj <= k
                        and not m.prefix.startswith(BI)
                        and (
                            m.ent.actor_type in ARMED_TYPES
                            or (pron and m.ent.kind == "place" and m.ent.level == "country")
                        )
                    ]
                    group = prev[-1].ent if prev else None
                if group is not None:
                    return [group], [], 2
    return [], [], 0


def _noun_subject_before(ctx: Ctx, v: int, a: int) -> bool:
    """Verb v follows a noun subject that a complementiser opens: "أن السلاح الحربي لبلاده قصف"، "إن الطائرات
    قصفت" (a definite noun right after أن/إن, within three words before the verb)."""
    w = ctx.words
    for k in range(max(a, v - 4), v - 1):
        if ctx.toks[k].norm in w.subject_openers:
            nxt = ctx.toks[k + 1]
            return nxt.is_word and nxt.article and not ctx.has(k + 1, "skip") and k + 1 not in ctx.date_toks
    return False


def _modifier(ctx: Ctx, q: int) -> bool:
    """Token q may stand between a trigger noun and its agent: an adjective, a weapon or a nationality word."""
    return (
        ctx.has(q, "adjective")
        or ctx.has(q, "instr_air")
        or ctx.has(q, "instr_shell")
        or nat_forces(ctx, q) is not None
    )


def claimer(ctx: Ctx, s: int, i: int, a: int) -> Entity | None:
    """The armed group that claims the attack of trigger i: "تبنى تنظيم داعش الهجوم" (the subject of a verb of
    claiming before the trigger), "وأعلن التنظيم مسؤوليته عن التفجير" (the speaker or the subject of the verb
    before a noun of claim)."""
    w = ctx.words
    if not (w.claim_verbs or w.claim_nouns):
        return None
    actors = [x for x in ctx.actors.get(s, ()) if x.ent.actor_type in ARMED_TYPES and not x.prefix.startswith(BI)]
    for k in range(i - 1, max(a, i - 7) - 1, -1):
        t = ctx.toks[k]
        if not t.is_word or not ({t.norm, t.stem} & (w.claim_verbs | w.claim_nouns)):
            continue
        if not {t.norm, t.stem} & w.claim_verbs and not (k + 1 < i and ctx.toks[k + 1].norm in w.claim_about):
            continue  # "مسؤوليتها في التفجير" is blame, "مسؤوليته عن التفجير" a claim
        for att in ctx.attributions_at(t.start):
            ent = ctx.doc.entity(att.speaker) if att.speaker else None
            if ent is not None and ent.actor_type in ARMED_TYPES:
                return ent  # "وأعلن التنظيم مسؤوليته عن الهجوم": the speaker claims
        after = mention_at(actors, k + 1)  # "تبنى تنظيم داعش الهجوم"
        if after is not None and after.tj <= i:
            return after.ent
        # "التنظيم تبنى الهجوم"، "أعلن التنظيم مسؤوليته عن التفجير"
        prev = [x for x in actors if x.tj <= k and k - x.tj <= 4 and ctx.chunk[x.ti] == ctx.chunk[k]]
        return prev[-1].ent if prev else None
    return None


def _coordinated_actors(m: Located, actors: Sequence[Located]) -> list[Entity]:
    """A subject with the actor coordinated before it: "قوات النظام والمقاومة الشعبية" -> both."""
    if m.prefix.startswith(WA):
        coord = [x for x in actors if x.tj == m.ti and x.ent.id != m.ent.id]
        if coord:
            return [coord[0].ent, m.ent]
    return [m.ent]


def _partitive(ctx: Ctx, m: Located, a: int) -> bool:
    """ "وحدات من الجيش"، "عناصر من التنظيم": the mention heads a unit or fighter noun."""
    k = m.ti - 1
    return (
        k - 1 >= a
        and ctx.toks[k].norm == ctx.words.from_
        and (ctx.has(k - 1, "force_head") or ctx.has(k - 1, "fighter"))
    )


def _subject_of(ctx: Ctx, v: int, a: int, b: int, actors: Sequence[Located]) -> Located | None:
    """The actor right after verb v (VSO, a partitive head allowed) or right before it (SVO)."""
    q = v + 1
    while q < b and (ctx.has(q, "skip") or ctx.toks[q].norm in QUOTES):
        q += 1
    m = mention_at(actors, q)
    if (
        m is None
        and q + 2 < b
        and (ctx.has(q, "force_head") or ctx.has(q, "fighter"))
        and ctx.toks[q + 1].norm == ctx.words.from_
    ):
        m = mention_at(actors, q + 2)
    if m is not None and m.prefix in ("", WA):
        return m
    k = v - 1
    while k >= a and (ctx.has(k, "skip") or ctx.toks[k].norm in QUOTES):
        k -= 1
    before = [x for x in actors if x.tj - 1 == k and x.prefix in ("", WA)]
    return before[-1] if before else None


def _speaker_of(ctx: Ctx, pos: int) -> tuple[Attribution | None, Entity | None]:
    """The first attribution (in document order) whose content holds ``pos``, and its speaker."""
    for att in ctx.attributions_at(pos):
        return att, ctx.doc.entity(att.speaker)
    return None, None


def _group_of(ctx: Ctx, ent: Entity | None) -> Entity | None:
    """The actor a speaker stands for: an armed group itself, a person's organisation."""
    if ent is None:
        return None
    if ent.kind == "person":
        return ctx.doc.entity(ent.affiliation) if ent.affiliation else None
    if ent.actor_type in ACTOR_TYPES or (ent.kind == "place" and ent.level == "country"):
        return ent
    return None
