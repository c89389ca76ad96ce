"""The stance of an act: the cue's own (assert, deny, accuse, condemn, claim), or a claim of responsibility
when a claiming cue's content opens with a responsibility word ("أعلن التنظيم مسؤوليته عن الهجوم")."""

from __future__ import annotations

from hadath.lang.ar.speech import CueForm
from hadath.stages.attribution._context import Ctx


def stance_of(c: Ctx, cue: CueForm, content: tuple[int, int, bool]) -> str:
    """The stance of an act with ``cue`` and ``content`` (token range, direct)."""
    if "claims" in cue.flags and cue.stance == "assert":
        a = content[0]
        if c.full(a) in c.lex.claim_heads or c.norms[a] in c.lex.claim_heads:
            return "claim"
    return cue.stance


def excluded(c: Ctx, cue: CueForm, content: tuple[int, int, bool]) -> bool:
    """Whether the content opens with a word that makes the cue no act ("رفض الكشف عن هويته")."""
    a = content[0]
    return bool(cue.excluded) and (c.full(a) in cue.excluded or c.norms[a] in cue.excluded)
