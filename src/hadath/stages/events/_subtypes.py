"""Sub-event types decided by the arguments and the words around a trigger.

``@territory``: who gains (state forces or a country -> Government regains territory, another armed actor ->
Non-state actor overtakes territory); ``@protest`` and clashes among protesters: peaceful, with
intervention, excessive force or violent, from the protest cues of the sentence; explosions coordinated with
a weapon word (قصف مدفعي وجوي) and modifier rows (قصف، استهداف ...): the weapon with the highest priority in
``plover.tsv``; ``@attack`` with no weapon: an armed target makes a clash, an area target shelling, civilians
with a non-state perpetrator an attack.
"""

from __future__ import annotations

from hadath.stages.events._context import ARMED_TYPES, Ctx, Mention
from hadath.stages.events._targets import find_civilians

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
    protest_ctx = trig.sub == "Armed clash" and any(
        ctx.has(k, "protester")
        or any(e.trig.sub == "@protest" for key in ctx.keys[k] for e in ctx.lex.index.get(key, ()))
        for k in range(a, b)
        if ctx.word(k)
    )
    if trig.sub == "@protest" or protest_ctx:
        # clashes of protesters with the police are a protest event, not a battle
        sub = "Protest with intervention" if protest_ctx else "Peaceful protest"
        protesters = any(ctx.has(k, "protester") for k in range(a, b))
        for k in range(a, b):
            if ctx.has(k, "protest_lethal") and protesters:
                sub = "Excessive force against protesters"
                break
            if ctx.has(k, "protest_force") or ctx.multi_at(k, "protest_force", b) > 1:
                sub = "Protest with intervention"
            elif ctx.has(k, "protest_violent") and sub == "Peaceful protest":
                sub = "Violent demonstration"
        m.sub = sub
        m.etype = ctx.lex.taxonomy[sub][0]
        m.specific = True
        m.actor2 = [x for x in m.actor2 if x.actor_type in _STATE_TYPES and sub != "Peaceful protest"]
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
        area = any(ctx.has(k, "area") for k in range(j, min(b, j + 4)))
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
            m.weak = True
        m.etype = ctx.lex.taxonomy[m.sub][0]
        return True
    return True
