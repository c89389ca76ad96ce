"""Stage ``segment``: sentences and tokens with clitic segmentation.

Sentences end at . ! ? ؟ ؛ … and at line breaks; sentence marks inside a
quotation (« » “ ” and paired ") do not end a sentence; a dot after a single
letter (abbreviations such as د. م. ز.أ.ب) or between digits does not either;
a four-digit year glued to the next word (the dateline "٢٠١٨قال") ends one.

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

__all__ = ["Segment", "make_stage", "split_sentences"]

# tokens: letter runs, digit runs (with separators), single symbols.  Every non-space character belongs
# to a token, so the text is (space, token) pairs and trailing space.
_SPACED_TOKEN_RE = re.compile(r"(\s*)([^\W\d_]+|\d+(?:[.,]\d+)*|\S)")
_SENT_END = set(".!?;…")
#: a four-digit year glued to the next (Arabic) word: "٢٠١٨قال"
_YEAR_GLUE = re.compile(rf"(?<!\d)(?:19|20)\d\d(?={ARABIC_LETTER_RE.pattern})")
_MAX_QUOTE = 600


_INTEREST = re.compile(r'[\n".!?;…]')
_LAST_WORD = re.compile(r"(\w+)$")


def split_sentences(norm: str) -> list[tuple[int, int]]:
    """Sentence spans over the normalised view ``norm``.

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
    return spans


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
