"""The reported content: where it starts after a cue and where the reported clause ends.

Content is introduced by إن/أن, a quotation, a colon, the cue's own preposition (أشار إلى، حذر من) or a bare
noun object (نفى أي مفاوضات); it runs to the next boundary, cue or frame of the sentence.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI, CONJUNCTIONS
from hadath.lang.ar.speech import CueForm
from hadath.stages.attribution._context import Ctx


def clause_end(c: Ctx, k: int, limit: int) -> int:
    """End token (exclusive) of the reported clause starting at ``k``."""
    j = k
    lex = c.lex
    trig = lex.triggers
    bfirst = lex.boundary_first
    while j < limit:
        w = c.norms[j]
        if w == '"':
            q = c.qpair.get(j)
            if q is not None:
                j = q + 1
                continue
            j += 1
            continue
        if j > k and (w in trig or w in bfirst):
            if (
                c.boundary_at(j, limit)
                and w not in lex.inside_boundaries
                and (w not in lex.comma_boundaries or c.is_punct(j - 1))
            ):
                break
            cue = c.cue_at(j)
            if cue is not None and (
                c.has_conj(j)
                or (
                    cue.kind == "participle"
                    and (
                        c.is_punct(j - 1)
                        or (j + 1 < limit and (c.is_that(j + 1) or c.norms[j + 1] in lex.pointing_preps))
                    )
                )
            ):
                if j + 1 < limit:
                    break
            fr = c.frame_at(j, limit)
            if fr is not None and (c.is_punct(j - 1) or c.norms[j][:1] in CONJUNCTIONS):
                break
        j += 1
    while j > k and c.is_punct(j - 1) and c.norms[j - 1] != ")":
        j -= 1
    return j


def content_from(c: Ctx, k: int, limit: int) -> tuple[int, int, bool] | None:
    """Content tokens ``[a, b)`` starting at ``k`` and whether it is a direct quotation."""
    if k >= limit:
        return None
    if c.norms[k] == '"':
        q = c.qpair.get(k)
        if q is not None:
            after = q + 1
            if (
                after >= limit
                or c.is_punct(after)
                or c.boundary_at(after, limit)
                or c.cue_at(after) is not None
                or c.frame_at(after, limit) is not None
            ):
                if q > k + 1:
                    return k + 1, q, True
    end = clause_end(c, k, limit)
    if end <= k:
        return None
    quoted = 0
    total = 0
    j = k
    while j < end:
        total += 1
        if j in c.inq:
            quoted += 1
        j += 1
    return k, end, quoted * 2 >= total and quoted > 0


def introducer(c: Ctx, k: int, cue: CueForm, s1: int) -> tuple[int, str] | None:
    """Where the content starts at ``k``: (first content token, kind) or None."""
    if k >= s1:
        return None
    w = c.norms[k]
    objs = cue.objects
    preps = c.lex.cue_preps
    if c.is_that(k):
        return (k + 1, "that") if "that" in objs or objs & preps else None
    if w == '"':
        return (k, "quote") if c.qpair.get(k) is not None else None
    if w == ":" and "that" in objs:
        return (k + 1, "colon") if k + 1 < s1 else None
    if w in preps and w in objs:
        nxt = k + 1
        if nxt < s1 and c.is_that(nxt):
            return (nxt + 1, "that") if nxt + 1 < s1 else None
        return (k, "prep") if nxt < s1 else None
    t = c.toks[k]
    if BI in objs and t.is_word and (t.has_bi or w == BI):
        bi_that = c.lex.bi_that
        if w in bi_that or (w.startswith(bi_that) and c.is_that(k)):
            return (k + 1, "that")
        return (k, "prep") if (w != BI or k + 1 < s1) else None
    if "noun" in objs and t.is_word and w not in c.w_nonspeaker | c.w_relative and c.cue_at(k) is None:
        if not c.boundary_at(k, s1):
            return (k, "noun")
    if "noun" in objs and w in c.w_det:
        return (k, "noun")
    if cue.required and t.is_word:
        return (k, "noun")
    return None


def far_introducer(c: Ctx, k: int, s1: int) -> tuple[int, str] | None:
    """إن/أن or a quotation further on, past a long aside: "قال X، المدير العام ...، خلال مؤتمر "..."."""
    norms = c.norms
    m = k
    while m < s1 and m - k <= 25:
        w = norms[m]
        if c.is_that(m):
            return (m + 1, "that") if m + 1 < s1 else None
        if w == '"':
            ok = m in c.qpair and m > k and (c.is_punct(m - 1) or c.is_time(m - 1) or m - k <= 12)
            return (m, "quote") if ok else None
        if w == ":":
            return (m + 1, "colon") if m + 1 < s1 else None
        if w in (".", ";") or w in c.w_relative or c.boundary_at(m, s1):
            return None
        if w in c.lex.triggers and (c.cue_at(m) is not None or c.frame_at(m, s1) is not None):
            return None
        m += 1
    return None


def quote_before(c: Ctx, i: int, s0: int, k: int, s1: int) -> tuple[int, str] | None:
    """A quotation that precedes the cue and is not followed by content: «...»، قال X."""
    if k < s1 and not c.is_punct(k):
        return None
    p = i - 1
    while p >= s0 and c.is_punct(p):
        p -= 1
    if p < s0 or c.norms[p] != '"':
        return None
    o = c.inq.get(p - 1)
    if o is None:
        return None
    return (o, "before")


def read_content(c: Ctx, intro: tuple[int, str], s1: int, *, silent: bool = False) -> tuple[int, int, bool] | None:
    k, kind = intro
    if kind == "before":
        q = c.qpair.get(k)
        if q is None or q <= k + 1:
            return None
        return (k + 1, q, True)
    if silent:
        # لم تذكر شيئا عن ...: the object after the quantifier and its preposition
        while k < s1 and c.norms[k] in c.w_quant:
            k += 1
        if k < s1 and c.norms[k] in c.lex.silent_preps:
            k += 1
    while k < s1 and c.norms[k] in c.lex.content_openers:
        k += 1
    return content_from(c, k, s1)


def has_required(c: Ctx, cue: CueForm, content: tuple[int, int, bool], s1: int) -> bool:
    for k in range(content[0], min(content[1] + 1, s1)):
        if c.full(k) in cue.required or c.norms[k] in cue.required:
            return True
    return False
