"""The Arabic folding the evaluation compares texts with (``hadath eval``, :mod:`hadath.evaluate`).

This is not the folding of the normalised view (:mod:`hadath.lang.ar.orthography`): it must give exactly what
the reference scorer (``../shared/eval/score.py``) gives, so that ``hadath eval`` and that scorer agree
(``tests/test_evaluate.py`` runs both on the same predictions).  It drops tashkeel and tatweel, writes the
hamza alefs and ٱ as ا, ى as ي, ة as ه, ؤ as و and ئ as ي, turns punctuation (Latin and Arabic) into spaces and
collapses white space; :func:`strip_proclitic` removes one proclitic letter before the article (بالجيش →
الجيش).  Any change here is a change of the scores: change the reference scorer with it.
"""

from __future__ import annotations

import re

from hadath.lang.ar.clitics import AL, CONJUNCTIONS, LIL, PROCLITIC_LETTERS

__all__ = ["fold_for_scoring", "mention_form", "same_cue", "strip_attached_proclitics", "strip_proclitic"]

_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_PUNCT = re.compile(r"[\"'«»“”‘’()\[\]{}.,،:;!?؟\-–—_/\\]+")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})


def fold_for_scoring(s: str | None) -> str:
    """``s`` folded for comparison (see the module docstring); ``None`` is ""."""
    s = _MARKS.sub("", s or "").translate(_FOLD)
    return " ".join(_PUNCT.sub(" ", s).split())


def strip_proclitic(s: str) -> str:
    """A folded text without the one proclitic letter (و ف ب ل ك) before its article: والجيش → الجيش."""
    if len(s) > 3 and s[0] in PROCLITIC_LETTERS and s[1:].startswith(AL):
        return s[1:]
    return s


def strip_attached_proclitics(mention: str) -> str:
    """A verbatim mention without the one-letter proclitics attached before its article, as gold mentions are
    written (والجيش → الجيش, وبالمدينة → المدينة); the text is not folded.  Only letters before ال are removed:
    a word without the article keeps its first letter (بريطانيا, وزارة, لبنان), and a لل word keeps its ل,
    which stands for ل + ال (وللجيش → للجيش)."""
    for k in (1, 2):
        head, rest = mention[:k], mention[k:]
        if len(rest) >= 4 and all(c in PROCLITIC_LETTERS for c in head) and rest.startswith(AL):
            return rest
    if mention[:1] in CONJUNCTIONS and mention[1:].startswith(LIL) and len(mention) >= 5:
        return mention[1:]
    return mention


def mention_form(s: str) -> str:
    """The form two mentions are compared in: folded, without a proclitic before the article."""
    return strip_proclitic(fold_for_scoring(s))


def same_cue(cue: str, gold: str) -> bool:
    """Whether a predicted reporting cue matches a gold one (both folded): equal, equal after a leading و/ف,
    or containing it."""
    return cue == gold or (cue[:1] in CONJUNCTIONS and cue[1:] == gold) or gold in cue
