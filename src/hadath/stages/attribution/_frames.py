"""Acts without a speech verb: framings and colon headlines.

A framing (بحسب X، وفق ما أفاد X، نقلا عن X) sources the clause it modifies — before it when the frame ends the
sentence, after it when it starts it, the whole clause otherwise.  A colon headline ("الخوذ البيضاء: 4 قتلى")
needs a source-like head.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import CONJUNCTIONS, LI
from hadath.stages.attribution._asides import post_skip
from hadath.stages.attribution._content import clause_end, content_from
from hadath.stages.attribution._context import Ctx, Who
from hadath.stages.attribution._phrases import np_after
from hadath.stages.attribution._speakers import plausible_source, speaker, speakers


def read_frame(c: Ctx, i: int, fe: int, kind: str, s0: int, s1: int) -> int:
    t = c.toks[i]
    w = c.norms[i]
    lex = c.lex
    cue_start = c.skip_prefix(i, 1) if (w not in lex.frames and w[:1] in CONJUNCTIONS) else t.start
    cue_end = c.toks[fe - 1].end
    k = fe
    if kind == "relayframe":
        if k < s1 and c.norms[k] in lex.relay_preps:
            k += 1
        else:
            return i + 1
    spk_end = k
    whos: list[Who] = []
    # "وفق ما أفاد X" / "حسبما ذكرت X" / "وفقا لما ذكرته X"
    verb_at = None
    if k < s1 and (c.norms[k] in c.w_framerel) and k + 1 < s1 and c.cue_at(k + 1) is not None:
        verb_at = k + 1
    elif c.norms[i] in lex.fused_frames and k < s1 and c.cue_at(k) is not None:
        verb_at = k
    if verb_at is not None:
        cue_end = c.toks[verb_at].end
        c.consumed.add(verb_at)
        k = verb_at + 1
        if k < s1 and c.norms[k] in lex.frame_pronouns:
            k += 1
        spk_end = np_after(c, k, s1, pp_head=True)
        if spk_end > k:
            whos = speakers(c, k, spk_end)
        else:
            pre = c.last
            if pre is None:
                return i + 1
            whos = [pre]
    else:
        if k < s1 and c.norms[k] == LI:
            k += 1
        if k >= s1:
            return i + 1
        head = c.full(k)
        if head in c.w_notsource or c.norms[k] in c.w_notsource:
            return i + 1
        t2 = c.toks[k]
        if (head in c.w_report or t2.stem in c.w_report or c.norms[k] in c.w_report) and t2.is_word:
            # بحسب بيان للجيش / حسب تعبيره / وفق حصيلة للمرصد
            if t2.suffix:
                if c.last is None:
                    return i + 1
                whos = [c.last]
                spk_end = k + 1
            else:
                g = k + 1
                if g < s1 and c.norms[g] == LI:
                    g += 1
                if (
                    g < s1
                    and (c.toks[g].has_li or c.toks[g].article or c.cover[g] is not None)
                    and (c.toks[g].is_word or c.norms[g] == '"')
                    and not c.nisba(g)
                ):
                    spk_end = np_after(c, g, s1, pp_head=True)
                    whos = speakers(c, g, spk_end) if spk_end > g else []
                if not whos:
                    spk_end = np_after(c, k, s1, pp_head=True)
                    whos = speakers(c, k, spk_end) if spk_end > k else []
        else:
            spk_end = np_after(c, k, s1, pp_head=True)
            if spk_end <= k:
                return i + 1
            if not plausible_source(c, k, spk_end):
                return i + 1
            whos = speakers(c, k, spk_end)
    if not whos:
        return i + 1
    # the content: the clause the frame modifies
    before_a, earlier = _clause_start(c, i, s0)
    before_b = i
    if earlier is not None:
        before_b = min(i, earlier[1])
    while before_b > before_a and (c.is_punct(before_b - 1) or c.norms[before_b - 1] in lex.frame_lead_ins):
        before_b -= 1
    after, _, _ = post_skip(c, spk_end, s1, None, commas=False)
    while after < s1 and c.norms[after] in (",",):
        after += 1
    after_end = clause_end(c, after, s1) if after < s1 else after
    if after < s1 and c.norms[after] in c.lex.triggers:
        q = c.cue_at(after)
        if (q is not None and q.kind != "noun" and c.has_conj(after)) or c.frame_at(after, s1) is not None:
            after_end = after  # "..., بحسب فرانس برس. وقال ...": a new act starts right after the frame
    words_before = sum(1 for m in range(before_a, before_b) if c.toks[m].is_word)
    words_after = sum(1 for m in range(after, after_end) if c.toks[m].is_word)
    content: tuple[int, int, bool] | None
    if words_before == 0 and words_after > 0:
        content = content_from(c, after, s1)
        if content is not None and content[1] > after_end:
            content = (content[0], after_end, content[2])
    elif words_after <= 1 and words_before > 0:
        content = (before_a, before_b, _quoted(c, before_a, before_b))
    elif words_before > 0 and words_after > 0:
        content = (before_a, after_end, _quoted(c, before_a, after_end))
    else:
        return i + 1
    if content is None:
        return i + 1
    for wh in whos:
        c.emit(wh, (cue_start, cue_end), content, lemma=c.norms[i])
    return max(i + 1, spk_end)


def _quoted(c: Ctx, a: int, b: int) -> bool:
    total = b - a
    q = sum(1 for m in range(a, b) if m in c.inq)
    return total > 0 and q * 2 >= total


def _clause_start(c: Ctx, i: int, s0: int) -> tuple[int, tuple[int, int] | None]:
    """Start of the clause that ends at token ``i`` (a frame at its end), and the content tokens of the earlier
    act of the sentence that the clause is, if any."""
    # a frame after reported speech ("وأوضح راموس أن ...، وذلك وفقا لما صرح به") sources that content
    for r in reversed(c.recs):
        if r.content_tokens is not None and s0 <= r.content_tokens[0] < i:
            return r.content_tokens[0], r.content_tokens
        if r.content_tokens is not None and r.content_tokens[0] < s0:
            break
    # otherwise the sentence start, or after a preceding boundary word
    k = i - 1
    weak = c.lex.weak_boundaries
    while k >= s0:
        if c.norms[k] == '"':
            o = c.inq.get(k - 1)
            if o is not None:
                k = o - 1
                continue
        bl = c.boundary_at(k, i)
        if bl and c.norms[k] not in weak and k > s0:
            return k + bl, None
        k -= 1
    return s0, None


def read_headline(c: Ctx, s0: int, s1: int) -> None:
    for k in range(s0 + 1, min(s1 - 2, s0 + 40)):
        if c.norms[k] != ":" or k in c.inq:
            continue
        a = k - 1
        while a >= s0 and c.toks[a].is_word and k - a <= 6:
            a -= 1
        if a >= s0 and c.norms[a] not in (".", "-", "..", "!", "?", "|"):
            if not (c.norms[a] == "." or (a > s0 and c.norms[a - 1] == ".")):
                continue
        a += 1
        if a >= k or k - a > 5:
            continue
        if any(c.cue_at(m) is not None for m in range(a, k)):
            continue
        cov = c.cover[a]
        head = c.full(a)
        anon = c.lex.anonymous.get(head)
        ok = False
        if cov is not None and cov[0].kind in ("organization", "person") and cov[2] >= k - 1:
            ok = True
        elif anon in ("source", "media", "collective") and k - a <= 3:
            ok = True
        if not ok:
            continue
        end = clause_end(c, k + 1, s1)
        if sum(1 for m in range(k + 1, end) if c.toks[m].is_word) < 2:
            continue
        who = speaker(c, a, k)
        if who is None:
            continue
        content = content_from(c, k + 1, s1)
        if content is None:
            continue
        c.emit(who, (c.toks[k].start, c.toks[k].end), content, lemma=":", update_last=False)
        return
