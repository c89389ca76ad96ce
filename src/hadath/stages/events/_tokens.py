"""Token-level look-ups the argument readers share: nationality adjectives, the actor mention at (or just
after) a token, the trigger a word of a sentence belongs to, finite verbs, and a token's span without its
proclitics.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from hadath.doc import Span
from hadath.lang.ar.clitics import AL, BI, LI, PROCLITIC_LETTERS, WA
from hadath.stages.events._context import Ctx, Located


def nat_forces(ctx: Ctx, k: int) -> str | None:
    """ISO2 when token k is a nationality adjective (cached per token)."""
    cache = ctx.nat_cache
    if k in cache:
        return cache[k]
    found = None
    for key in ctx.keys[k]:
        iso = ctx.lex.nat.get(key)
        if iso:
            found = iso
            break
    cache[k] = found
    return found


def nat_after(ctx: Ctx, k: int, b: int, limit: int) -> list[tuple[str, int]]:
    """Nationality adjectives after token k (alternatives "سورية أو روسية" included)."""
    out: list[tuple[str, int]] = []
    c = ctx.chunk[k] if k < len(ctx.toks) else -1
    for q in range(k, min(b, k + limit)):
        if ctx.chunk[q] != c:
            break
        iso = nat_forces(ctx, q) if ctx.word(q) else None
        if iso and all(iso != o for o, _ in out):
            out.append((iso, q))
    return out


def mention_at(lst: Sequence[Located], k: int) -> Located | None:
    for m in lst:
        if m.ti == k:
            return m
    return None


def mention_from(ctx: Ctx, lst: Sequence[Located], k: int, b: int, skip_heads: bool = True) -> Located | None:
    """The actor mention starting at k, or a few tokens later past numbers and heads (نحو 200 مسلح من)."""
    q = k
    for _ in range(8):
        if q >= b:
            return None
        m = mention_at(lst, q)
        if m:
            return m
        t = ctx.toks[q]
        if not skip_heads:
            return None
        if t.is_word and not (
            ctx.has(q, "fighter") or ctx.has(q, "armed_word") or t.norm in ctx.words.count_fillers or ctx.has(q, "skip")
        ):
            if not t.stem.isdigit():
                return None
        q += 1
    return None


def owner(ctx: Ctx, s: int, k: int) -> int | None:
    """The trigger a word of sentence s belongs to: the trigger after a causal connective
    ("مقتل 62 عنصرا ... من جراء هجوم"), else the nearest one (a comma counts as 3 words)."""
    trigs = ctx.trig_pos.get(s)
    if not trigs:
        return None
    p = bisect.bisect_right(trigs, k)  # trigs ascend: the nearest on each side are trigs[p - 1] and trigs[p]
    if p < len(trigs):
        nxt = trigs[p]
        cause = ctx.words.cause
        if any(ctx.toks[q].norm in cause for q in range(k + 1, nxt)):
            return nxt
        t = ctx.toks[nxt]
        if nxt - k <= 5 and (ctx.toks[nxt - 1].norm == ctx.words.in_ or t.prefix.lstrip(WA).startswith(BI)):
            return nxt  # "مقتل 9 مدنيين في غارة"، "4 قتلى بقصف"
    # the cost grows with the distance on each side, so the nearest one there is the cheapest (before wins a tie)
    near = trigs[max(p - 1, 0) : p + 1]
    return min(near, key=lambda x: abs(x - k) + 3 * abs(ctx.chunk[x] - ctx.chunk[k]))


def verbish(ctx: Ctx, k: int) -> bool:
    """Token k is (probably) a finite verb: a support or auxiliary verb, or a verb trigger form (cached per
    token)."""
    hit = ctx.verbish_cache.get(k)
    if hit is None:
        hit = ctx.verbish_cache[k] = _verbish(ctx, k)
    return hit


def _verbish(ctx: Ctx, k: int) -> bool:
    t = ctx.toks[k]
    if not t.is_word or k in ctx.date_toks:  # "فجر اليوم" is dawn, not "he detonated"
        return False
    if ctx.has(k, "aux") or ctx.has(k, "support_verb"):
        return True  # before the article test: ألقت / ألقى read like ال + قت
    if t.article:
        return False
    return any(e.tense in ("past", "present") for key in ctx.keys[k] for e in ctx.lex.index.get(key, ()))


def tok_span(ctx: Ctx, k: int) -> Span:
    t = ctx.toks[k]
    start = t.start
    if t.prefix and t.text[:1] in PROCLITIC_LETTERS and len(t.text) > len(t.prefix) + 2:
        start = t.start + len(t.prefix)
        if t.article and ctx.doc.text[start : start + 2] != AL and ctx.doc.text[start - 1] == LI:
            start -= 1
    return Span(start, t.end, ctx.doc.text[start : t.end])


def reaction_verb(ctx: Ctx, i: int, a: int) -> int:
    """The verb of reacting that governs trigger i with ب, its subject between them ("وردت الفصائل باستهداف
    المدينة"، "فرد الجيش بقصف مواقعهم"; through a verbal noun of launching: "فردت إسرائيل بشن غارات"), or -1.
    Reads at most eight tokens back from the governed word, in its clause; ``a`` is the sentence start."""
    g = i - 1 if i > a and ctx.has(i - 1, "support_verb") else i
    if not ctx.toks[g].has_bi:
        return -1
    for k in range(g - 1, max(a, g - 8) - 1, -1):
        if ctx.chunk[k] != ctx.chunk[g]:
            return -1
        if ctx.has(k, "react"):
            return k
    return -1
