"""The sentence scan: one pass finds cue and frame words, colons and quotation marks; only their sentences
are read, and each mark goes to its reader (verb, participle, masdar, frame, headline); credits come last.
"""

from __future__ import annotations

import bisect
import itertools

from hadath.doc import Attribution
from hadath.lang.ar.clitics import CONJUNCTIONS
from hadath.stages.attribution._assemble import assemble
from hadath.stages.attribution._context import START, Ctx
from hadath.stages.attribution._credits import read_credits
from hadath.stages.attribution._frames import read_frame, read_headline
from hadath.stages.attribution._verbs import read_cue


def run(c: Ctx) -> list[Attribution]:
    toks = c.toks
    n = len(toks)
    if n == 0:
        return assemble(c)
    trig = c.lex.triggers_marks
    norms = c.norms
    # one pass finds the cue/frame words, colons and quotation marks; only their sentences are read
    marks = list(itertools.compress(range(n), map(trig.__contains__, norms)))
    m = 0
    nm = len(marks)
    while m < nm:
        k = marks[m]
        s0, s1 = _sentence_range(c, k)
        e = m
        while e < nm and marks[e] < s1:
            e += 1
        here = marks[m:e]
        m = e
        if all(norms[x] == '"' for x in here):
            continue
        _sentence(c, s0, s1, here)
    read_credits(c)
    return assemble(c)


def _inside_content(c: Ctx, i: int, s0: int) -> bool:
    """Whether token ``i`` lies inside the content of an attribution found earlier in its sentence."""
    for r in reversed(c.recs):
        ct = r.content_tokens
        if ct is None or r.article_level:
            continue
        if ct[0] < s0:
            return False
        if ct[0] <= i < ct[1]:
            return True
    return False


def _sentence_range(c: Ctx, k: int) -> tuple[int, int]:
    """Token range of the sentence holding token ``k``."""
    toks = c.toks
    si = toks[k].sent
    sents = c.doc.sentences
    if si < len(sents):
        s0 = bisect.bisect_left(toks, sents[si].start, hi=k, key=START)
        s1 = bisect.bisect_left(toks, sents[si].end, lo=k + 1, key=START)
        if toks[s0].sent == si and toks[s1 - 1].sent == si and (s1 == len(toks) or toks[s1].sent != si):
            return s0, s1
    s0 = k
    while s0 > 0 and toks[s0 - 1].sent == si:
        s0 -= 1
    s1 = k + 1
    while s1 < len(toks) and toks[s1].sent == si:
        s1 += 1
    return s0, s1


def _sentence(c: Ctx, s0: int, s1: int, marks: list[int]) -> None:
    norms = c.norms
    c.pair_quotes([x for x in marks if norms[x] == '"'])
    if ":" in [norms[x] for x in marks]:
        read_headline(c, s0, s1)
    lex_cues = c.lex.cues
    frames = c.lex.frames
    nxt = s0
    for i in marks:
        w = norms[i]
        if i < nxt or w == '"' or w == ":" or i in c.consumed or i in c.inq:
            continue
        if _inside_content(c, i, s0):
            continue  # "قال إن زيارته، ... تؤكد الإرادة": a verb of the reported clause
        if w in frames or w[1:] in frames:
            fr = c.frame_at(i, s1)
            if fr is not None:
                nxt = read_frame(c, i, fr[0], fr[1], s0, s1)
                continue
        if w in lex_cues or (len(w) >= 3 and w[1:] in lex_cues and w[0] in CONJUNCTIONS):
            cue = c.cue_at(i)
            if cue is not None:
                nxt = read_cue(c, i, cue, s0, s1)
