"""The register of a story: conflict news, or sport, arts, economy, technology.

A story where words of another register (``lang/ar/words/event_register.txt``: مباراة، مسلسل، البورصة، تطبيق
...) are many and conflict words (armed men, armed actors) few is *off-register*: its triggers are mostly
figures of speech or background (a battle in a film's plot, the shelling a singer lived through, "three years
of battles" before a reconstruction conference).  There a trigger reports an event only when the text dates it
(أمس، الخميس، في 12 مارس): :func:`background` is true for an undated mention of violence in such a story.
"""

from __future__ import annotations

from hadath.stages.events._context import ARMED_TYPES, VIOLENT, Ctx, Mention

#: an off-register story has at least this many register words ...
_MIN_REGISTER = 5
#: ... and this many times as many as conflict words
_RATIO = 2.0
#: the memo key of a story's count of register words (set by :func:`off_register`)
_REGISTER_WORDS = ("register_words",)


def off_register(ctx: Ctx) -> bool:
    """Is the story of another register than conflict news? (computed once per document)"""
    if ctx.off_register is None:
        ctx.index_entities()
        lex = ctx.lex
        reg = conflict = 0
        first = {ws[0] for ws in lex.register_phrases}
        for k, t in enumerate(ctx.toks):
            if not t.is_word:
                continue
            keys = ctx.keys[k]
            if any(key in lex.register for key in keys):
                reg += 1
            elif (
                first
                and any(key in first for key in keys)
                and any(
                    all(k + m < len(ctx.toks) and ws[m] in ctx.keys[k + m] for m in range(len(ws)))
                    for ws in lex.register_phrases
                )
            ):
                reg += 1
            if ctx.has(k, "armed_word") or ctx.has(k, "fighter"):
                conflict += 1
        conflict += sum(1 for lst in ctx.actors.values() for m in lst if m.ent.actor_type in ARMED_TYPES)
        ctx.memo(_REGISTER_WORDS, lambda: [reg])
        ctx.off_register = reg >= _MIN_REGISTER and reg >= _RATIO * conflict
    return ctx.off_register


def background(ctx: Ctx, m: Mention) -> bool:
    """An undated mention of violence in an off-register story is background (or a figure of speech), not an
    event; so is an arrest there, dated or not, when the story is clearly of another register (twice the
    register words that make a story off-register: "الفريق القانوني" or "مالية" in a court story do not): a
    referee, a thief, a negligent foreman held by the police is no political arrest ACLED records.  Protests
    are left alone: economy and sport news report them as news (fuel-price protests)."""
    if m.sub == "Arrests":
        return off_register(ctx) and ctx.memo(_REGISTER_WORDS, list)[0] >= 2 * _MIN_REGISTER
    return m.date_default and not m.title and m.etype in VIOLENT and off_register(ctx)
