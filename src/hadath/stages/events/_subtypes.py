"""Sub-event types decided by the arguments and the words around a trigger.

``@territory``: who gains (state forces or a country -> Government regains territory, another armed actor ->
Non-state actor overtakes territory); ``@protest`` and clashes or police fire among protesters: violent
(the crowd burns, throws stones, storms, clashes), excessive force (protesters killed), with intervention
(dispersal, tear gas, arrests) or peaceful, from the protest cues of the sentence, with the state force of
the sentence as the other side; explosions coordinated with
a weapon word (قصف مدفعي وجوي) and modifier rows (قصف، استهداف ...): the weapon with the highest priority in
``plover.tsv``; ``@attack`` with no weapon: an armed target makes a clash, an area target shelling, civilians
with a non-state perpetrator an attack.
"""

from __future__ import annotations

from hadath.stages.events._context import ARMED_TYPES, Ctx, Mention
from hadath.stages.events._targets import find_civilians
from hadath.stages.events._tokens import mention_at

_STATE_TYPES = frozenset({"state_forces", "government"})
_SHELLING = "Shelling/artillery/missile attack"


def resolve_subtype(ctx: Ctx, m: Mention, a: int, b: int) -> bool:
    """Give m its ACLED sub-event type (False: not an event after all)."""
    trig = m.trig
    i, j = m.ti, m.tj
    if trig.sub == "@territory":
        states = [x for x in m.actor1 if x.actor_type in _STATE_TYPES]
        gainer = states[0] if states else (m.actor1[0] if m.actor1 else None)
        if gainer is None:
            m.weak = True
            m.sub = "Non-state actor overtakes territory"
            return True
        t = gainer.actor_type
        if t in _STATE_TYPES or (gainer.kind == "place" and gainer.level == "country"):
            m.sub = "Government regains territory"
        elif t in ARMED_TYPES:
            m.sub = "Non-state actor overtakes territory"
        else:
            return False
        m.etype = "Battles"
        m.specific = True
        return True
    if trig.sub == "@protest" or _in_protest(ctx, m, a, b):
        _protest(ctx, m, a, b)
        return True
    if m.etype == "Explosions/Remote violence" and "mod" not in trig.flags:
        k = j
        while k < b and k < j + 3 and ctx.word(k) and ctx.toks[k].has_wa:
            for kind, sub in (("instr_air", "Air/drone strike"), ("instr_shell", _SHELLING)):
                if ctx.has(k, kind) and ctx.lex.taxonomy[sub][2] > ctx.lex.taxonomy[m.sub][2]:
                    m.sub = sub
            k += 1
        return True
    if "mod" in trig.flags or trig.sub == "@attack":
        lo, hi = (max(a, i - 3), min(b, j + 5)) if trig.sub != "@attack" else (max(a, i - 8), min(b, j + 8))
        found: list[str] = []
        for k in range(lo, hi):
            if i <= k < j and trig.sub != "@attack":
                continue
            if ctx.kinds(k).isdisjoint(_INSTRUMENTS) and ctx.starts(k).isdisjoint(_INSTRUMENTS):
                continue  # no weapon word here
            for kind, sub in (
                ("instr_chem", "Chemical weapon"),
                ("instr_suicide", "Suicide bomb"),
                ("instr_air", "Air/drone strike"),
                ("instr_shell", _SHELLING),
                ("instr_ied", "Remote explosive/landmine/IED"),
            ):
                if (ctx.has(k, kind) or ctx.multi_at(k, kind, b) > 1) and not any(
                    ctx.has(q, "instr_object") for q in range(max(a, k - 3), k)
                ):
                    found.append(sub)
        if found:
            m.sub = max(found, key=lambda x: ctx.lex.taxonomy[x][2])
            m.etype = ctx.lex.taxonomy[m.sub][0]
            m.specific = True
            return True
        if trig.sub != "@attack":
            return True  # generic قصف: the row's default
        # a generic attack: the target decides
        armed_target = any(x.actor_type in ARMED_TYPES for x in m.actor2)
        civ = find_civilians(ctx, m.sent, i, j, a, b)
        # an area noun after it (أحياء، بلدات، مواقع), or the name of a town or city as its object (باستهداف
        # دمشق, like باستهداف مدينة دمشق)
        area = any(ctx.has(k, "area") for k in range(j, min(b, j + 4))) or _settlement_object(ctx, m.sent, j)
        if armed_target:
            m.sub = "Armed clash"
            m.specific = True
        elif area and m.actor1:
            m.sub = "Shelling/artillery/missile attack"
            m.specific = True
        elif civ and m.actor1 and any(x.actor_type in ARMED_TYPES - {"state_forces", "external"} for x in m.actor1):
            m.sub = "Attack"
            m.specific = True
        else:
            m.sub = "Armed clash"
            # armed men on both sides of the sentence ("قتل 4 جنود في هجوم شنه مسلحون مجهولون"): a clash it
            # reports (when its support word stands); else a generic attack only merges into a known incident
            if m.tense == "present" or sum(1 for k in range(lo, hi) if not i <= k < j and ctx.has(k, "armed_word")) < 2:
                m.weak = True
        m.etype = ctx.lex.taxonomy[m.sub][0]
        return True
    return True


#: the place levels of a settlement (a town, city or village the text names)
_SETTLEMENTS = frozenset({"city", "town", "village"})


def _settlement_object(ctx: Ctx, s: int, j: int) -> bool:
    """A town, city or village named right after the trigger, with no preposition: the trigger's object."""
    p = mention_at(ctx.places.get(s, []), j)
    return p is not None and p.prefix == "" and p.ent.level in _SETTLEMENTS


_PROTEST_SUBS = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
_INSTRUMENTS = ("instr_air", "instr_shell", "instr_ied", "instr_suicide", "instr_chem")


def _in_protest(ctx: Ctx, m: Mention, a: int, b: int) -> bool:
    """A clash or attack word inside a protest sentence is the protest's intervention or violence
    (المواجهات بين المتظاهرين وقوات الأمن، أطلقت الشرطة النار على المحتجين), not a battle: for a clash
    word, a protester or a protest noun in the sentence (مظاهرة، احتجاجات، إضراب); for an attack, protesters as
    its object and neither a weapon nor a non-state armed actor (a bomb among protesters is a bombing)."""
    if m.trig.sub == "Armed clash":
        return any(
            ctx.has(k, "protester")
            or any(
                e.trig.sub == "@protest" and e.tense == "noun"
                for key in ctx.keys[k]
                for e in ctx.lex.index.get(key, ())
            )
            for k in range(a, b)
            if ctx.word(k)
        )
    if m.trig.sub == "@attack":
        if any(x.actor_type not in _STATE_TYPES for x in m.actor1):
            return False
        if any(x.ent.actor_type in ARMED_TYPES - _STATE_TYPES for x in ctx.actors.get(m.sent, ())):
            return False  # an armed group of the sentence attacks
        if any(ctx.has(k, kind) for k in range(a, b) for kind in _INSTRUMENTS):
            return False
        # the protesters are its object: أطلقت الشرطة النار على المتظاهرين
        return any(ctx.has(k, "protester") for k in range(m.tj, min(b, m.tj + 6)))
    return False


def _protest(ctx: Ctx, m: Mention, a: int, b: int) -> None:
    """The sub-event type and sides of a protest, after ACLED: violence by the crowd (burning, stones,
    storming, clashes) makes a violent demonstration whatever the police did; otherwise lethal force against
    protesters is excessive force, dispersal, tear gas or arrests an intervention, and the rest a peaceful
    protest.  The state force of the sentence is the other side (actor 1 of excessive force)."""
    trig = m.trig
    forces = [x.ent for x in ctx.actors.get(m.sent, ()) if x.ent.actor_type == "state_forces"]
    protesters = any(ctx.has(k, "protester") for k in range(a, b))
    lethal = force = violent = False
    for k in range(a, b):
        if not ctx.word(k):
            continue
        lethal = lethal or (ctx.has(k, "protest_lethal") and _lethal_to_protesters(ctx, k, a, b))
        force = force or ctx.has(k, "protest_force") or ctx.multi_at(k, "protest_force", b) > 1
        violent = violent or ctx.has(k, "protest_violent")
    if "riot" in trig.flags:
        # a violent verb read as a protest: a state force did it to the crowd, or the crowd did it
        by_force = [x for x in m.actor1 if x.actor_type in _STATE_TYPES]
        if by_force:
            forces = by_force + [f for f in forces if f.id != by_force[0].id]
            violent = False
            force = True
        elif _crowd_agent(ctx, m.ti, m.tj, a, b):
            violent = True
    elif "quell" in trig.flags:
        # what a force does to protesters (فرق، فض، أطلق الغاز، قتل): an intervention, excessive if it kills
        by_force = [x for x in m.actor1 if x.actor_type in _STATE_TYPES]
        forces = by_force + [f for f in forces if all(f.id != x.id for x in by_force)]
        violent = False
        force = True
    elif trig.sub == "Armed clash":
        violent = True  # protesters clashing with the police: a riot
    if violent:
        sub = "Violent demonstration"
    elif lethal and protesters:
        sub = "Excessive force against protesters"
    elif force or trig.sub == "@attack":
        sub = "Protest with intervention"
    else:
        sub = "Peaceful protest"
    m.sub = sub
    m.etype = ctx.lex.taxonomy[sub][0]
    m.specific = True
    if sub == "Peaceful protest":
        m.actor2 = []
    elif sub == "Excessive force against protesters":
        m.actor1 = forces[:1] or [x for x in m.actor1 if x.actor_type in _STATE_TYPES]
        m.actor2 = []
    else:
        m.actor1 = [x for x in m.actor1 if x.actor_type not in _STATE_TYPES]
        m.actor2 = forces[:1] or [x for x in m.actor2 if x.actor_type in _STATE_TYPES]


#: how far from a word of killing its protester victims stand (قتلت الشرطة ثلاثة متظاهرين، سقوط قتلى في صفوف
#: المتظاهرين)
_LETHAL_REACH = 12


def _lethal_to_protesters(ctx: Ctx, k: int, a: int, b: int) -> bool:
    """A word of killing at k tells of protesters killed: a protester word stands within twelve words of it
    and no armed victims right before it ("صورا لجنود قتلوا في العراق" on a protest's banners: soldiers killed
    elsewhere; "أعمال العنف ضد الصرب في 2004 التي أوقعت 19 قتيلا" far from the protesters: another event)."""
    if k > a and (ctx.has(k - 1, "armed_word") or ctx.has(k - 1, "fighter")):
        return False
    lo, hi = max(a, k - _LETHAL_REACH), min(b, k + _LETHAL_REACH + 1)
    return any(ctx.has(q, "protester") for q in range(lo, hi) if q != k)


def _crowd_agent(ctx: Ctx, i: int, j: int, a: int, b: int) -> bool:
    """Protesters are the subject of the verb [i, j): a protester noun among the three words after it
    (رشق مئات المتظاهرين، اقتحم متظاهرون) or right before it (المتظاهرون رشقوا)."""
    after = [k for k in range(j, min(b, j + 4)) if ctx.word(k)][:3]
    before = [k for k in range(max(a, i - 3), i) if ctx.word(k)][-2:]
    return any(ctx.has(k, "protester") for k in after + before)
