"""Arabic verb inflection: the one generator of verb forms, participles and masdars with their pronouns.

Every form is written in the normalised view (:func:`hadath.lang.ar.orthography.norm_str`: no hamza on alef,
ى as ي, ة as ه) and without vowels, so one string stands for several cells of the paradigm (قصفت is "she
shelled" and "I / you shelled").  The paradigm is chosen by explicit options, never by the caller's name:

* ``persons="third"`` — the third person as the news writes it: he, she, they (m.), the two (m. and f.) and,
  in the imperfect, the plural without its final ن (لم يقولوا); ``persons="all"`` adds the other persons
  (they (f.), we, you) — in the imperfect every person prefix with every ending, a superset that also
  holds strings no verb takes (cheap recall for a dictionary lookup);
* ``weak_final`` — read a final ي (نفى → نفي), ا (دعا) or و (يدعو) as a weak radical: it falls before the
  endings that begin with a long vowel or ت (نفت، نفوا، دعت، ينفون) and the jussive drops it (لم ينف);
  without it every verb is inflected like a sound one;
* ``enclitics`` — add the object or possessive pronouns of the third person (قاله، قالها، قالهم، قالهما;
  قوله، تغطيته).

:func:`perfect`, :func:`imperfect`, :func:`future`, :func:`participle` and :func:`with_pronouns` are the
pieces; :func:`inflect` puts them together for one dictionary form and a kind (the ``kind`` column of
``speech_cues.tsv``).  The ``events`` stage reads :func:`perfect` and :func:`imperfect` with ``persons="all"``
and ``weak_final=False`` (see :mod:`hadath.lang.ar.triggers`); the forms of the ``attribution`` stage's speech
cues are those of :func:`inflect` with ``persons="third"``, ``weak_final=True`` and ``enclitics=True`` (a test
holds the two to each other).

>>> perfect("قصف")
['قصف', 'قصفت', 'قصفوا', 'قصفا', 'قصفتا']
>>> imperfect("نفي", weak_final=True)
['ينفي', 'تنفي', 'ينفون', 'ينفيان', 'تنفيان', 'ينفوا', 'ينف', 'تنف']
"""

from __future__ import annotations

from typing import Literal

from hadath.lang.ar.clitics import AL, BI

__all__ = [
    "FUTURE",
    "IMPERFECT_PREFIXES",
    "IMPERFECT_SUFFIXES",
    "OBJECT_PRONOUNS",
    "PARTICIPLE_SUFFIXES",
    "PERFECT_OTHER",
    "PERFECT_THIRD",
    "Persons",
    "future",
    "imperfect",
    "inflect",
    "participle",
    "perfect",
    "with_pronouns",
]

Persons = Literal["third", "all"]

#: perfect endings of the third person: he, she, they (m.), the two (m.), the two (f.)
PERFECT_THIRD = ("", "ت", "وا", "ا", "تا")
#: perfect endings of the other persons: they (f.), we, you (pl.), you two (ت already writes I and you (sg.))
PERFECT_OTHER = ("ن", "نا", "تم", "تما")
#: imperfect person prefixes: he / they; she / you; we; I
IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
#: imperfect endings: none; plural (m.); dual; you (f. sg.); plural (f.); plural without ن; dual without ن
IMPERFECT_SUFFIXES = ("", "ون", "ان", "ين", "ن", "وا", "ا")
#: the future prefix سـ (سيقصف)
FUTURE = "س"
#: third-person object and possessive pronouns: him / his, her, them (pl.), them two
OBJECT_PRONOUNS = ("ه", "ها", "هم", "هما")
#: endings of an active participle: accusative (قائلا), feminine (قائلة), plural and dual, oblique and direct
PARTICIPLE_SUFFIXES = ("ا", "ه", "ين", "تين", "ان", "ون")

_YA = "ي"  # a weak final radical (نفى، ينفي) and the person prefix of "he"
_TA = "ت"  # the person prefix of "she", and ة written before a pronoun (تغطيته)
_WAW = "و"  # a weak final radical (يدعو)
_ALIF = "ا"  # a weak final radical (دعا), and the alif of the accusative (قائلا، تحذيرا)
_HA = "ه"  # ة in the normalised view
_LONG_VOWELS = (_WAW, _YA)


def perfect(stem: str, *, persons: Persons = "third", weak_final: bool = True) -> list[str]:
    """Perfect forms of a verb given as its perfect 3rd person masculine singular (قصف، نفي، دعا).

    The citation form comes first.  With ``weak_final`` a final ي (نفى) falls before ت and وا (نفت، نفوا،
    but نفيا، نفيت "I denied"), a final ا (دعا) before ت and وا and returns as و in the other persons
    (دعت، دعوا، دعوت).
    """
    if weak_final and stem.endswith(_YA):
        short = stem[:-1]
        third = [stem, short + "ت", short + "وا", stem + "ا", short + "تا"]
        other = [stem + "ت", stem + "ن", stem + "نا", stem + "تم", stem + "تما"]
    elif weak_final and stem.endswith(_ALIF) and len(stem) > 2:
        short = stem[:-1]
        third = [stem, short + "ت", short + "وا", short + "تا"]  # دعوا: the plural and the dual (m.)
        other = [short + _WAW + s for s in ("ت", "ن", "نا", "تم", "تما")]
    else:
        third = [stem + s for s in PERFECT_THIRD]
        other = [stem + s for s in PERFECT_OTHER]
    return third if persons == "third" else third + other


def imperfect(stem: str, *, persons: Persons = "third", weak_final: bool = True) -> list[str]:
    """Imperfect forms of a verb given as its imperfect stem, without the person prefix (قصف of يقصف، نفي
    of ينفي، دعو of يدعو).

    ``persons="third"``: يفعل، تفعل، يفعلون، يفعلان، تفعلان، يفعلوا and, with ``weak_final`` and a final ي
    or و, the jussive (ينف، تنف); the final radical falls before و (ينفون، ينفوا).  ``persons="all"``:
    every prefix with every ending, prefix by prefix (with ``weak_final`` the radical falls before an ending
    that begins with و or ي, and each prefix adds its jussive).
    """
    weak = weak_final and stem.endswith(_LONG_VOWELS)
    short = stem[:-1] if weak else stem
    if persons == "third":
        he, she = _YA + stem, _TA + stem
        if weak:
            return [he, she, _YA + short + "ون", he + "ان", she + "ان", _YA + short + "وا", _YA + short, _TA + short]
        return [he, she, he + "ون", he + "ان", she + "ان", he + "وا"]
    out: list[str] = []
    for pre in IMPERFECT_PREFIXES:
        for suf in IMPERFECT_SUFFIXES:
            out.append(pre + (short if weak and suf[:1] in _LONG_VOWELS else stem) + suf)
        if weak:
            out.append(pre + short)
    return list(dict.fromkeys(out))  # a weak stem meets itself: يدعون is "they (m.)" and "they (f.)"


def future(form: str) -> str:
    """The future of an imperfect form: سـ before it (يقصف → سيقصف)."""
    return FUTURE + form


def participle(base: str, *, weak_final: bool = True) -> list[str]:
    """Forms of an active participle given in the accusative (قائلا، نافيا) or bare (قائل): the accusative,
    the feminine, the sound plurals and duals; with ``weak_final`` a final ي also falls before ين and ون
    (نافين، نافون)."""
    stem = base[:-1] if base.endswith(_ALIF) else base
    out = [stem + s for s in PARTICIPLE_SUFFIXES]
    if weak_final and stem.endswith(_YA):
        out += [stem[:-1] + "ين", stem[:-1] + "ون"]
    return out


def with_pronouns(form: str) -> list[str]:
    """``form`` with each third-person pronoun (:data:`OBJECT_PRONOUNS`): قال → قاله، قالها، قالهم، قالهما."""
    return [form + p for p in OBJECT_PRONOUNS]


def inflect(
    kind: str, base: str, *, persons: Persons = "third", weak_final: bool = True, enclitics: bool = True
) -> list[tuple[str, bool]]:
    """The forms of one dictionary form, each with whether it carries a pronoun: ``[(form, enclitic), ...]``.

    ``kind`` is the ``kind`` column of ``speech_cues.tsv``: ``verb`` (``base`` is the perfect 3rd person
    masculine singular), ``present`` (the imperfect 3rd person masculine singular, which begins with ي),
    ``participle``, ``noun`` (a masdar); any other kind (``passive``) gives ``base`` alone.  ``base`` comes
    first; the forms without a pronoun follow without repeats, then (``enclitics``) the pronoun forms: of
    every verb form but those in وا (its alif falls before a pronoun: قالوه), and of a masdar unless it has
    the article or the proclitic ب or ends in the accusative alif (القول، بذكر، تحذيرا) — a masdar in ة writes
    it ت before the pronoun (تغطيته).
    """
    out = [base]
    if kind == "verb":
        out = perfect(base, persons=persons, weak_final=weak_final)
    elif kind == "present":
        if not base.startswith(_YA):
            raise ValueError(f"an imperfect 3rd person masculine singular begins with {_YA}: {base!r}")
        out = imperfect(base[1:], persons=persons, weak_final=weak_final)
    elif kind == "participle":
        out += participle(base, weak_final=weak_final)
    plain = list(dict.fromkeys(out))
    forms: list[tuple[str, bool]] = [(f, False) for f in plain]
    if not enclitics:
        return forms
    if kind in ("verb", "present"):
        for f in plain:
            if not f.endswith("وا"):
                forms += [(x, True) for x in with_pronouns(f)]
    elif kind == "noun" and not base.startswith((AL, BI)) and not base.endswith(_ALIF):
        forms += [(x, True) for x in with_pronouns(base)]
        if base.endswith(_HA):
            forms += [(x, True) for x in with_pronouns(base[:-1] + _TA)]
    return forms
