"""Trigger matching: which tokens start a trigger of ``triggers.tsv``, and which reading wins.

Candidates come from :func:`~hadath.lang.ar.triggers.may_trigger`; each is looked up by its lexicon
readings, multiword triggers are matched on the following tokens (skipping up to two ``skip`` words), the
longest match wins, and between a verb and a noun reading of the same length the context decides (the
article, a preposition or a governing masdar make a noun).  Named tokens (inside an entity) never trigger.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.lang.ar.triggers import Entry, ends_in_ha
from hadath.stages.events._context import Ctx
from hadath.stages.events._filters import supported
from hadath.stages.events._tokens import verbish


def find_triggers(ctx: Ctx, cands: Sequence[int] | None = None) -> list[tuple[int, int, Entry]]:
    index = ctx.lex.index
    out: list[tuple[int, int, Entry]] = []
    if cands is None:
        info = ctx.lex.token_info
        cands = [i for i, t in enumerate(ctx.toks) if t.is_word and info(t)[2]]
    covered = -1
    for i in cands:
        t = ctx.toks[i]
        if i < covered or i in ctx.named:
            continue
        final_ha = ends_in_ha(t.text)
        # a finite verb never follows a preposition: "قرب تجمع للمتظاهرين" is a gathering, not "gathered"
        no_verb = i > 0 and ctx.toks[i - 1].norm in ctx.words.prepositions and ctx.toks[i - 1].norm != ctx.words.from_
        best: tuple[int, int, Entry] | None = None
        for k in ctx.keys[i]:
            for e in index.get(k, ()):
                if final_ha and e.trig.ta_marbuta and e.tense == "noun" and t.norm.endswith(k):
                    continue  # حمله "carried it" is not حملة "campaign"
                if no_verb and e.tense != "noun":
                    continue
                j = _match_rest(ctx, i, e.trig.rest, ctx.sent[i]) if e.trig.rest else i + 1
                if j < 0 and e.trig.pos == "verb":
                    j = _match_after_subject(ctx, i, e.trig.rest, ctx.sent[i])
                if j < 0:
                    continue
                other = best is not None and j == best[0] and e.trig is not best[2].trig
                if best is None or j > best[0] or (j == best[0] and e.tense != best[2].tense) or other:
                    score = 2 * _reading_score(ctx, i, e)
                    if best is not None and other and e.tense == best[2].tense:
                        # two rows read the same word (هاجم: an attack, or protesters storming): the one
                        # whose support stands in the sentence wins, else the first row
                        if not _context_supports(ctx, i, j, e):
                            continue
                        score += 1
                    if best is None or (j, score) > (best[0], best[1]):
                        best = (j, score, e)
        if best is not None:
            out.append((i, best[0], best[2]))
            covered = best[0]
    return out


def _context_supports(ctx: Ctx, i: int, j: int, e: Entry) -> bool:
    """A weak row's support stands in the trigger's sentence (a second reading of a word is taken only then)."""
    if "weak" not in e.trig.flags:
        return False
    a, b = ctx.sent_range[ctx.sent[i]]
    return supported(ctx, i, j, e.trig, a, b)


def _reading_score(ctx: Ctx, i: int, e: Entry) -> int:
    """Prefer the noun reading after the article, a preposition or a governing verb; else the verb."""
    t = ctx.toks[i]
    nounish = t.article or t.has_bi or t.has_li or (i > 0 and ctx.toks[i - 1].norm in ctx.words.prepositions)
    if not nounish:
        k = i - 1
        while k >= 0 and k >= i - 6 and ctx.sent[k] == t.sent and ctx.chunk[k] == ctx.chunk[i]:
            if ctx.has(k, "masdar_gov"):
                nounish = True
                break
            if ctx.word(k) and not ctx.has(k, "skip") and k < i - 1 and verbish(ctx, k):
                break
            k -= 1
    if e.tense == "noun":
        return 2 if nounish else 0
    return 0 if nounish else 1


def _match_rest(ctx: Ctx, i: int, rest: tuple[str, ...], sent: int) -> int:
    j = i + 1
    n = len(ctx.toks)
    for w in rest:
        skipped = 0
        while j < n and ctx.sent[j] == sent and w not in ctx.keys[j] and skipped < 2 and ctx.has(j, "skip"):
            j += 1
            skipped += 1
        if j >= n or ctx.sent[j] != sent or w not in ctx.keys[j]:
            return -1
        j += 1
    return j


def _match_after_subject(ctx: Ctx, i: int, rest: tuple[str, ...], sent: int) -> int:
    """A verb phrase whose named subject stands between its words (أطلقت الشرطة العراقية النار، ألقت قوات
    الأمن القبض): the verb alone is the trigger (its subject stays outside the trigger span for the agent
    reader), once the rest of the phrase is found after the subject."""
    ctx.index_entities()
    k = i + 1
    n = len(ctx.toks)
    while k < n and k - i <= 6 and ctx.sent[k] == sent and (k in ctx.named or ctx.has(k, "skip")):
        k += 1
    if k == i + 1 or _match_rest(ctx, k - 1, rest, sent) < 0:
        return -1
    return i + 1
