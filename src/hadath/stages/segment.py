"""Stage ``segment``: sentences and tokens with clitic segmentation.

Sentences end at . ! ? ؟ ؛ … and at line breaks; sentence marks inside a
quotation (« » “ ” and paired ") do not end a sentence; a dot after a single
letter (abbreviations such as د. م. ز.أ.ب) or between digits does not either;
a four-digit year glued to the next word (the dateline "٢٠١٨قال") ends one.

A runaway sentence (more than :data:`MAX_SENTENCE_TOKENS` tokens: a text without
punctuation, a list, hostile input) is cut at token boundaries, after the last
comma or colon of the second half of each window when there is one.  The later
stages read one sentence at a time, and several of them compare the words of a
sentence pairwise (a cue with the clause after it, a trigger with its
arguments): the cap bounds that work, so time stays linear in the text.  News
sentences are far shorter (the longest of 26,000 sentences of 2018 news has 228
tokens), so the cap does not change them.

Tokens are found on the normalised view: letter runs, digit runs (with
decimal and thousands separators) and single symbols.  Each Arabic word is
segmented into proclitics, article, stem and enclitic by the language
(:func:`hadath.lang.ar.clitics.segment_word`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hadath.doc import Doc, Sentence, Token
from hadath.lang.ar import Arabic
from hadath.lang.ar.clitics import ARABIC_LETTER_RE, WORD_CACHE, segment_word
from hadath.lang.ar.orthography import TA_MARBUTA

__all__ = ["MAX_SENTENCE_TOKENS", "Segment", "make_stage", "split_sentences"]

# tokens: letter runs, digit runs (with separators), single symbols.  Every non-space character belongs
# to a token, so the text is (space, token) pairs and trailing space.
_SPACED_TOKEN_RE = re.compile(r"(\s*)([^\W\d_]+|\d+(?:[.,]\d+)*|\S)")
_SENT_END = set(".!?;…")
#: a four-digit year glued to the next (Arabic) word: "٢٠١٨قال"
_YEAR_GLUE = re.compile(rf"(?<!\d)(?:19|20)\d\d(?={ARABIC_LETTER_RE.pattern})")
_MAX_QUOTE = 600
#: The most tokens one sentence may have; a longer one is cut (see the module docstring).
MAX_SENTENCE_TOKENS = 256
#: Tokens after which a runaway sentence is preferably cut (the normalised view's comma and colon).
_SOFT_BREAKS = frozenset(",:")


_INTEREST = re.compile(r'[\n".!?;…]')
_LAST_WORD = re.compile(r"(\w+)$")


def split_sentences(norm: str, max_tokens: int = MAX_SENTENCE_TOKENS) -> list[tuple[int, int]]:
    """Sentence spans over the normalised view ``norm``, none longer than ``max_tokens`` tokens.

    Only the interesting characters (line breaks, quote marks, sentence
    marks) and glued years are visited; the text between them is skipped.
    """
    spans: list[tuple[int, int]] = []
    glue = sorted(m.end() for m in _YEAR_GLUE.finditer(norm))
    gi = 0
    start = 0
    i = 0
    n = len(norm)
    in_quote = False
    line_end = -1  # the end of the line the scan is on, found once a line (not once a quote mark)

    def push(a: int, b: int) -> None:
        while a < b and norm[a].isspace():
            a += 1
        while b > a and norm[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))

    while i < n:
        m = _INTEREST.search(norm, i)
        p = m.start() if m else n
        if not in_quote:
            while gi < len(glue) and glue[gi] < i:
                gi += 1
            while gi < len(glue) and glue[gi] < p:
                push(start, glue[gi])  # "٢٠١٨قال": a dateline glued to the first word
                start = glue[gi]
                gi += 1
        if m is None:
            break
        i = p
        ch = norm[i]
        if ch == "\n":
            push(start, i)
            start = i + 1
            in_quote = False
            i += 1
            continue
        if in_quote:
            # every quote mark is '"' in the view; the next one closes the quotation
            if ch == '"':
                in_quote = False
                if i > 0 and norm[i - 1] in _SENT_END and (i + 1 >= n or norm[i + 1] in " \n"):
                    push(start, i + 1)  # «... انتهى.» ends the sentence with the quotation
                    start = i + 1
            i += 1
            continue
        if ch == '"':
            # open a quotation only if it closes on the same line, not too far away
            if line_end <= i:
                line_end = norm.find("\n", i + 1)
                if line_end < 0:
                    line_end = n
            if norm.find('"', i + 1, min(line_end, i + _MAX_QUOTE)) > 0:
                in_quote = True
            i += 1
            continue
        j = i
        while j + 1 < n and norm[j + 1] in _SENT_END:
            j += 1
        if ch == "." and j == i:
            prev_word = _LAST_WORD.search(norm, max(0, i - 12), i)
            if prev_word and len(prev_word.group(1)) == 1 and not prev_word.group(1).isdigit():
                i += 1
                continue  # abbreviation: د. م. ز.أ.ب
            if prev_word and prev_word.group(1)[-1:].isdigit() and norm[i + 1 : i + 2].isdigit():
                i += 1
                continue  # 3.5
        if (j > i and all(c == "." for c in norm[i : j + 1])) or ch == "…":
            # an ellipsis ends a sentence only before a line break
            k = j + 1
            while k < n and norm[k] == " ":
                k += 1
            if k < n and norm[k] != "\n":
                i = j + 1  # mid-sentence ellipsis ("انفتح ممر... واتسكر"): keep going
                continue
        # swallow closing quotes / brackets right after the mark
        k = j + 1
        while k < n and norm[k] in "\"')]":
            k += 1
        push(start, k)
        start = k
        i = k
    push(start, n)
    if max_tokens > 0 and any(b - a > max_tokens for a, b in spans):
        return [cut for a, b in spans for cut in _cap(norm, a, b, max_tokens)]
    return spans


def _cap(norm: str, a: int, b: int, max_tokens: int) -> list[tuple[int, int]]:
    """The span ``[a, b)`` cut into runs of at most ``max_tokens`` tokens, at token boundaries: after the last
    comma or colon of a window's second half, else after its last token."""
    if b - a <= max_tokens:  # a token has at least one character
        return [(a, b)]
    out: list[tuple[int, int]] = []
    start = a
    count = 0
    soft = -1  # index into ends of the last comma or colon of the current window's second half
    ends: list[int] = []  # the end of each token of the current window
    starts: list[int] = []
    for m in _SPACED_TOKEN_RE.finditer(norm, a, b):
        if count == max_tokens:
            k = soft if soft >= 0 else count - 1
            out.append((start, ends[k]))
            start = starts[k + 1] if k + 1 < count else m.start(2)
            ends, starts = ends[k + 1 :], starts[k + 1 :]
            count = len(ends)
            soft = -1
        starts.append(m.start(2))
        ends.append(m.end(2))
        if m.group(2) in _SOFT_BREAKS and count >= max_tokens // 2:
            soft = count
        count += 1
    out.append((start, b))
    return out


@dataclass(frozen=True)
class Segment:
    name: str = "segment"
    requires: frozenset[str] = frozenset({"norm"})
    provides: frozenset[str] = frozenset({"sentences", "tokens"})

    def __call__(self, doc: Doc) -> Doc:
        norm = doc.norm
        ntext = norm.text
        sents = split_sentences(ntext)
        doc.sentences = []
        for a, b in sents:
            s, e = norm.to_original(a, b)
            doc.sentences.append(Sentence(s, e))
        tokens: list[Token] = []
        append = tokens.append
        tok = Token
        seg = segment_word
        caches = WORD_CACHE
        si = 0
        last = len(sents) - 1
        sent_end = [b for _, b in sents]
        text = doc.text
        starts = norm.starts
        end_of = norm.end_of
        pos = 0
        # (leading space, token) pairs in one C call: positions follow from the lengths
        for space, w in _SPACED_TOKEN_RE.findall(ntext):
            a = pos + len(space)
            pos = b = a + len(w)
            while si < last and sent_end[si] <= a:
                si += 1
            if starts is None:
                s, e = a, b
            else:
                s, e = starts[a], end_of(b - 1)
            if w[0].isalpha():
                ta = text[e - 1] == TA_MARBUTA
                hit = caches[ta].get(w)  # segment_word's cache, read inline: the miss path is the function
                prefix, article, stem, suffix, forms = hit if hit is not None else seg(w, ta)
                append(tok(s, e, text[s:e], w, a, b, stem, prefix, article, suffix, forms, True, si))
            else:
                append(tok(s, e, text[s:e], w, a, b, w, "", False, "", (w,), False, si))
        doc.tokens = tokens
        return doc


def make_stage(lang: Arabic) -> Segment:
    return Segment()
