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
    """Whether the content makes the cue no act: it opens with an excluded word ("رفض الكشف عن هويته"), or a
    cue that rejects statements (flag ``statement``) has an object that is no statement ("رفض عملها")."""
    a = content[0]
    head = c.full(a)
    if cue.excluded and (head in cue.excluded or c.norms[a] in cue.excluded):
        return True
    words = (head, c.toks[a].stem, c.norms[a])
    if "statement" in cue.flags:
        return not any(w in c.lex.rejected or (w in c.w_report and w not in c.lex.what) for w in words)
    if "claimobj" in cue.flags:  # "تبنى التنظيم الهجوم" (not "تبني أفضل التقنيات")
        return not any(w in c.lex.claim_objects or w in c.lex.claim_heads for w in words)
    return False
