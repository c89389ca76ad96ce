"""Stage ``segment``: sentences and tokens with clitic segmentation.

Sentences end at . ! ? ؟ ؛ … and at line breaks; sentence marks inside a
quotation (« » “ ” and paired ") do not end a sentence; a dot after a single
letter (abbreviations such as د. م. ز.أ.ب) or between digits does not either;
a four-digit year glued to the next word (the dateline "٢٠١٨قال") ends one.

Tokens are found on the normalised view: letter runs, digit runs (with
decimal and thousands separators) and single symbols.  Each Arabic word is
segmented into proclitics (و ف, then ب ل ك, or لل = ل + ال), the article ال,
a stem and an enclitic (ه ها هم هما هن كم نا), unless the word is listed in
``lang/ar/clitic_guard.txt`` (وزير، بشار، لبنان، فرنسا ...) or is a given name
that begins with a proclitic letter (``lang/ar/given_names.txt``: وائل، فيصل).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hadath.doc import Doc, Sentence, Token
from hadath.lang import given_names, load_lines

__all__ = ["Segment", "make_stage", "segment_word"]

# tokens: letter runs, digit runs (with separators), single symbols.  Every non-space character belongs
# to a token, so the text is (space, token) pairs and trailing space.
_SPACED_TOKEN_RE = re.compile(r"(\s*)([^\W\d_]+|\d+(?:[.,]\d+)*|\S)")
_ARABIC_RE = re.compile(r"[\u0621-\u064a]")
_ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
_MIN_STEM = 3


@lru_cache(maxsize=1)
def _guard() -> frozenset[str]:
    """Words never split: clitic_guard.txt plus the given names that begin with a proclitic letter (وائل، فيصل)."""
    names = given_names()
    return frozenset(load_lines("clitic_guard.txt")) | {n for n in names if n[:1] in "وفبلك" and len(n) >= 4}


Segmentation = tuple[str, bool, str, str, tuple[str, ...]]


def _segment(w: str, final_ta: bool = False) -> Segmentation:
    """Segment a normalised Arabic word.

    Returns ``(prefix, article, stem, suffix, forms)``.  ``final_ta`` tells
    that the original word ends in ة (so a final ه is not an enclitic).
    """
    if not _ARABIC_RE.match(w) or len(w) < 3:
        return "", False, w, "", (w,)
    guard = _guard()
    prefix = ""
    rest = w
    if w in guard:
        pass
    else:
        if rest[0] in "وف" and len(rest) - 1 >= _MIN_STEM and rest[1:] not in ("ال",):
            prefix += rest[0]
            rest = rest[1:]
        if rest not in guard and len(rest) >= 4 and rest[0] in "بلك":
            if rest.startswith("لل") and len(rest) >= 5:
                prefix += "ل"
                rest = "ال" + rest[2:]
            elif rest[1:].startswith("ال") and len(rest) >= 5:
                prefix += rest[0]
                rest = rest[1:]
            elif len(rest) - 1 >= _MIN_STEM:
                prefix += rest[0]
                rest = rest[1:]
    article = False
    stem = rest
    if rest.startswith("ال") and len(rest) >= 4:
        article = True
        stem = rest[2:]
    suffix = ""
    if not article and not final_ta and stem not in guard:
        for enc in _ENCLITICS:
            if stem.endswith(enc) and len(stem) - len(enc) >= _MIN_STEM:
                suffix = enc
                stem = stem[: -len(enc)]
                break
    forms = [w]
    core = ("ال" if article else "") + stem + suffix
    if core != w:
        forms.append(core)
    if suffix:
        bare = ("ال" if article else "") + stem
        forms.append(bare)
        if stem.endswith("ت"):
            forms.append(bare[:-1] + "ه")  # قيادته → قياده
    return prefix, article, stem, suffix, tuple(dict.fromkeys(forms))


# one cache per final-ة reading: plain dicts, cheaper than lru_cache, read inline by the tokenizer's loop
_WORD_CACHE: tuple[dict[str, Segmentation], dict[str, Segmentation]] = ({}, {})
_WORD_CACHE_MAX = 200_000


def segment_word(w: str, final_ta: bool = False) -> Segmentation:
    """Segment a normalised Arabic word (see :func:`_segment`), cached."""
    cache = _WORD_CACHE[final_ta]
    hit = cache.get(w)
    if hit is None:
        if len(cache) >= _WORD_CACHE_MAX:
            cache.clear()
        hit = cache[w] = _segment(w, final_ta)
    return hit


_SENT_END = set(".!?;…")
_YEAR_GLUE = re.compile(r"(?<!\d)(?:19|20)\d\d(?=[\u0621-\u064a])")
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
        caches = _WORD_CACHE
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
                ta = text[e - 1] == "ة"
                hit = caches[ta].get(w)  # segment_word's cache, read inline: the miss path is the function
                prefix, article, stem, suffix, forms = hit if hit is not None else seg(w, ta)
                append(tok(s, e, text[s:e], w, a, b, stem, prefix, article, suffix, forms, True, si))
            else:
                append(tok(s, e, text[s:e], w, a, b, w, "", False, "", (w,), False, si))
        doc.tokens = tokens
        return doc


def make_stage() -> Segment:
    return Segment()
