"""Tests for :mod:`hadath.lang.ar.inflect`, the one verb inflector, on constructed verbs: the sound فعل / يفعل,
a verb with a final ى (رمى / يرمي), one with a final ا and و (دعا / يدعو), a participle and masdars."""

from __future__ import annotations

import pytest

from hadath.lang import load_tsv
from hadath.lang.ar.inflect import (
    FUTURE,
    IMPERFECT_PREFIXES,
    IMPERFECT_SUFFIXES,
    future,
    imperfect,
    inflect,
    participle,
    perfect,
    with_pronouns,
)
from hadath.lang.ar.orthography import norm_str
from hadath.lang.ar.speech import speech_lexicon


@pytest.mark.parametrize(
    ("stem", "weak", "expected"),
    [
        ("فعل", True, ["فعل", "فعلت", "فعلوا", "فعلا", "فعلتا"]),
        ("رمي", True, ["رمي", "رمت", "رموا", "رميا", "رمتا"]),
        ("دعا", True, ["دعا", "دعت", "دعوا", "دعتا"]),
        ("رمي", False, ["رمي", "رميت", "رميوا", "رميا", "رميتا"]),
    ],
)
def test_perfect_third_person(stem: str, weak: bool, expected: list[str]) -> None:
    assert perfect(stem, persons="third", weak_final=weak) == expected


@pytest.mark.parametrize(
    ("stem", "weak", "others"),
    [
        ("فعل", False, ["فعلن", "فعلنا", "فعلتم", "فعلتما"]),
        ("فعل", True, ["فعلن", "فعلنا", "فعلتم", "فعلتما"]),
        ("رمي", True, ["رميت", "رمين", "رمينا", "رميتم", "رميتما"]),
        ("دعا", True, ["دعوت", "دعون", "دعونا", "دعوتم", "دعوتما"]),
    ],
)
def test_perfect_all_persons_adds_the_other_persons(stem: str, weak: bool, others: list[str]) -> None:
    assert perfect(stem, persons="all", weak_final=weak) == perfect(stem, persons="third", weak_final=weak) + others


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("فعل", ["يفعل", "تفعل", "يفعلون", "يفعلان", "تفعلان", "يفعلوا"]),
        ("رمي", ["يرمي", "ترمي", "يرمون", "يرميان", "ترميان", "يرموا", "يرم", "ترم"]),
        ("دعو", ["يدعو", "تدعو", "يدعون", "يدعوان", "تدعوان", "يدعوا", "يدع", "تدع"]),
    ],
)
def test_imperfect_third_person(stem: str, expected: list[str]) -> None:
    assert imperfect(stem, persons="third", weak_final=True) == expected


def test_imperfect_all_persons_is_every_prefix_with_every_ending() -> None:
    expected = [p + "فعل" + s for p in IMPERFECT_PREFIXES for s in IMPERFECT_SUFFIXES]
    assert imperfect("فعل", persons="all", weak_final=False) == expected
    assert len(expected) == 28 and "نفعل" in expected and "تفعلين" in expected
    # without weak_final a weak verb is inflected like a sound one
    assert imperfect("رمي", persons="all", weak_final=False) == [
        p + "رمي" + s for p in IMPERFECT_PREFIXES for s in IMPERFECT_SUFFIXES
    ]


def test_imperfect_all_persons_weak_final() -> None:
    forms = imperfect("رمي", persons="all", weak_final=True)
    assert {"يرمون", "ترمين", "نرمي", "ارمي", "يرميان", "يرم", "نرم"} <= set(forms)
    assert "يرميون" not in forms and "ترميين" not in forms
    assert len(forms) == len(set(forms))
    assert imperfect("دعو", persons="all", weak_final=True).count("يدعون") == 1  # they (m.) and they (f.)


def test_future() -> None:
    assert future("يفعل") == FUTURE + "يفعل" == "سيفعل"


def test_participle() -> None:
    assert participle("فاعلا") == ["فاعلا", "فاعله", "فاعلين", "فاعلتين", "فاعلان", "فاعلون"]
    assert participle("فاعل") == participle("فاعلا")
    assert participle("راميا")[-2:] == ["رامين", "رامون"]
    assert participle("راميا", weak_final=False) == ["راميا", "راميه", "راميين", "راميتين", "راميان", "راميون"]


def test_with_pronouns() -> None:
    assert with_pronouns("فعل") == ["فعله", "فعلها", "فعلهم", "فعلهما"]


def test_inflect_verb_with_enclitics() -> None:
    forms = inflect("verb", "فعل", persons="third", weak_final=True, enclitics=True)
    plain = [f for f, e in forms if not e]
    assert plain == ["فعل", "فعلت", "فعلوا", "فعلا", "فعلتا"]
    pronouns = [f for f, e in forms if e]
    assert pronouns[:4] == ["فعله", "فعلها", "فعلهم", "فعلهما"]
    assert not any(f.startswith("فعلوا") for f in pronouns)  # the alif of وا falls before a pronoun
    assert len(pronouns) == 4 * 4
    assert inflect("verb", "فعل", persons="third", weak_final=True, enclitics=False) == [(f, False) for f in plain]


def test_inflect_present() -> None:
    forms = inflect("present", "يرمي", persons="third", weak_final=True, enclitics=True)
    assert [f for f, e in forms if not e] == imperfect("رمي", persons="third", weak_final=True)
    assert ("يرميه", True) in forms and ("يرمه", True) in forms
    with pytest.raises(ValueError, match="begins with"):
        inflect("present", "فعل", persons="third", weak_final=True, enclitics=True)


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("فعل", ["فعل", "فعله", "فعلها", "فعلهم", "فعلهما"]),
        # a masdar in ة (ه in the normalised view) writes it ت before the pronoun: مفاعلته
        (
            "مفاعله",
            ["مفاعله", "مفاعلهه", "مفاعلهها", "مفاعلههم", "مفاعلههما", "مفاعلته", "مفاعلتها", "مفاعلتهم", "مفاعلتهما"],
        ),
        ("الفعل", ["الفعل"]),  # the article: no possessive
        ("بفعل", ["بفعل"]),  # a proclitic ب: the cue is the phrase
        ("فعلا", ["فعلا"]),  # the accusative alif
    ],
)
def test_inflect_masdar(base: str, expected: list[str]) -> None:
    assert [f for f, _ in inflect("noun", base, persons="third", weak_final=True, enclitics=True)] == expected


def test_inflect_other_kinds_give_the_form_alone() -> None:
    assert inflect("passive", "فعل", persons="third", weak_final=True, enclitics=True) == [("فعل", False)]
    assert inflect("participle", "فاعلا", persons="third", weak_final=True, enclitics=True) == [
        (f, False) for f in participle("فاعلا")
    ]


def test_the_speech_cues_are_inflected_by_the_one_inflector() -> None:
    """Every form of every speech_cues.tsv row is in the speech lexicon, from the third-person paradigm."""
    rows = load_tsv("speech_cues.tsv")
    assert len(rows) > 100
    cues = speech_lexicon().cues
    for row in rows:
        kind, base = row["kind"], norm_str(row["form"])
        for form, _ in inflect(kind, base, persons="third", weak_final=True, enclitics=True):
            assert form in cues, (row, form)
