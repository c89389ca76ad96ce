"""Arabic clitics: the proclitics و ف ب ل ك, the article ال (لل = ل + ال), the enclitic pronouns.

:func:`segment_word` splits a normalised word into ``(prefix, article, stem, suffix, forms)``: proclitics
(و ف, then ب ل ك, or لل = ل + ال), the article, a stem and an enclitic (ه ها هم هما هن كم نا), unless the word
is listed in ``clitic_guard.txt`` (وزير، بشار، لبنان، فرنسا ...) or is a given name that begins with a proclitic
letter (``given_names.txt``: وائل، فيصل).  ``forms`` are the readings a dictionary may match (surface first,
then clitic-stripped readings with the article kept: بالجيش → (بالجيش, الجيش)).

The letters themselves are named constants here (``WA``, ``FA``, ``BI``, ``LI``, ``KA``, ``AL``) so that code
outside ``lang/ar`` never spells them; :class:`hadath.doc.Token` answers the usual questions (``has_wa``,
``has_conj``, ``prep`` ...) from them.
"""

from __future__ import annotations

import re
from functools import cache

from hadath.lang import load_lines
from hadath.lang.ar.orthography import norm_str

__all__ = [
    "AL",
    "ARABIC_LETTER_RE",
    "BI",
    "CONJUNCTIONS",
    "ENCLITICS",
    "FA",
    "KA",
    "LI",
    "LIL",
    "PREPOSITIONS",
    "PROCLITIC_LETTERS",
    "WA",
    "Segmentation",
    "given_names",
    "has_article",
    "segment_word",
    "strip_article",
]

WA = "و"  # and
FA = "ف"  # so, then
BI = "ب"  # with, by, in
LI = "ل"  # for, to
KA = "ك"  # like
AL = "ال"  # the article
LIL = "لل"  # ل + ال
CONJUNCTIONS = (WA, FA)
PREPOSITIONS = (BI, LI, KA)
PROCLITIC_LETTERS = WA + FA + BI + LI + KA
#: enclitic pronouns, longest first where one ends another
ENCLITICS = ("هما", "هم", "هن", "ها", "كم", "نا", "ه")
#: a letter of the Arabic alphabet (hamza to ya), in the normalised view
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")
_MIN_STEM = 3


def has_article(word: str) -> bool:
    """A normalised word that begins with ال and is long enough to be ال + a stem."""
    return word.startswith(AL) and len(word) >= 4


def strip_article(word: str) -> str:
    """``word`` without a leading ال (normalised form), as used for head comparisons."""
    return word[2:] if word.startswith(AL) and len(word) >= 4 else word


@cache
def given_names() -> dict[str, str]:
    """``given_names.txt``: normalised name → its tag ("" | "common" | "particle" | "compound")."""
    out: dict[str, str] = {}
    for line in load_lines("given_names.txt"):
        parts = line.split("\t")
        out[norm_str(parts[0].strip())] = parts[1].strip() if len(parts) > 1 else ""
    return out


@cache
def _guard() -> frozenset[str]:
    """Words never split: clitic_guard.txt plus the given names that begin with a proclitic letter (وائل، فيصل)."""
    names = given_names()
    return frozenset(load_lines("clitic_guard.txt")) | {n for n in names if n[:1] in PROCLITIC_LETTERS and len(n) >= 4}


Segmentation = tuple[str, bool, str, str, tuple[str, ...]]


def _segment(w: str, final_ta: bool = False) -> Segmentation:
    """Segment a normalised Arabic word.

    Returns ``(prefix, article, stem, suffix, forms)``.  ``final_ta`` tells
    that the original word ends in ة (so a final ه is not an enclitic).
    """
    if not ARABIC_LETTER_RE.match(w) or len(w) < 3:
        return "", False, w, "", (w,)
    guard = _guard()
    prefix = ""
    rest = w
    if w in guard:
        pass
    else:
        if rest[0] in CONJUNCTIONS and len(rest) - 1 >= _MIN_STEM and rest[1:] != AL:
            prefix += rest[0]
            rest = rest[1:]
        if rest not in guard and len(rest) >= 4 and rest[0] in PREPOSITIONS:
            if rest.startswith(LIL) and len(rest) >= 5:
                prefix += LI
                rest = AL + rest[2:]
            elif rest[1:].startswith(AL) and len(rest) >= 5:
                prefix += rest[0]
                rest = rest[1:]
            elif len(rest) - 1 >= _MIN_STEM:
                prefix += rest[0]
                rest = rest[1:]
    article = False
    stem = rest
    if rest.startswith(AL) and len(rest) >= 4:
        article = True
        stem = rest[2:]
    suffix = ""
    if not article and not final_ta and stem not in guard:
        for enc in ENCLITICS:
            if stem.endswith(enc) and len(stem) - len(enc) >= _MIN_STEM:
                suffix = enc
                stem = stem[: -len(enc)]
                break
    forms = [w]
    core = (AL if article else "") + stem + suffix
    if core != w:
        forms.append(core)
    if suffix:
        bare = (AL if article else "") + stem
        forms.append(bare)
        if stem.endswith(_TA):
            forms.append(bare[:-1] + _HA)  # قيادته → قياده
    return prefix, article, stem, suffix, tuple(dict.fromkeys(forms))


_TA = "ت"  # a ة before an enclitic is written ت
_HA = "ه"  # ... and ة is ه in the normalised view

# one cache per final-ة reading: plain dicts, cheaper than lru_cache, read inline by the tokenizer's loop
WORD_CACHE: tuple[dict[str, Segmentation], dict[str, Segmentation]] = ({}, {})
_WORD_CACHE_MAX = 200_000


def segment_word(w: str, final_ta: bool = False) -> Segmentation:
    """Segment a normalised Arabic word (see :func:`_segment`), cached."""
    cache_ = WORD_CACHE[final_ta]
    hit = cache_.get(w)
    if hit is None:
        if len(cache_) >= _WORD_CACHE_MAX:
            cache_.clear()
        hit = cache_[w] = _segment(w, final_ta)
    return hit
