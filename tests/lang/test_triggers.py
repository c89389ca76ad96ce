"""Tests for :mod:`hadath.lang.ar.triggers`: the events stage's trigger lexicon, cue words and closed classes."""

from __future__ import annotations

import pytest

from hadath.doc import ArticleMeta, Doc, Token
from hadath.lang import load_tsv
from hadath.lang.ar import Arabic, arabic
from hadath.lang.ar.orthography import norm_str
from hadath.lang.ar.triggers import EventWords, ends_in_ha, form_words, load_triggers, may_trigger
from hadath.lang.ar.words import tagged_words
from hadath.stages.normalize import Normalize
from hadath.stages.segment import Segment

_PERFECT = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تما")
_PREFIXES = ("ي", "ت", "ن", "ا")
_SUFFIXES = ("", "ون", "ان", "ين", "ن", "وا", "ا")


def _tokens(text: str) -> list[Token]:
    return Segment()(Normalize()(Doc(text, ArticleMeta(id="t")))).tokens


def test_built_once_and_shared_by_language_objects() -> None:
    lex = arabic().triggers
    assert arabic().triggers is lex
    assert Arabic().triggers is lex is load_triggers()


def test_every_trigger_has_a_known_sub_event_type() -> None:
    lex = arabic().triggers
    assert len(lex.index) > 1000
    for entries in lex.index.values():
        for e in entries:
            assert e.trig.sub.startswith("@") or e.trig.sub in lex.taxonomy
            assert e.tense in ("past", "present", "future", "noun")


def test_verb_rows_get_every_person_and_the_future() -> None:
    lex = arabic().triggers
    assert "past" in {e.tense for e in lex.index["قصفت"]}
    assert {e.tense for e in lex.index["يقصف"]} == {"present"}
    assert {e.tense for e in lex.index["سيقصف"]} == {"future"}
    # a perfect that is also an imperfect of the first person (اقتحم / أقتحم): both readings, the perfect first
    assert [e.tense for e in lex.index["اقتحم"]][:2] == ["past", "present"]


def test_verb_forms_are_the_events_paradigm() -> None:
    """Each verb row of triggers.tsv gets: its listed perfects or every perfect ending, then every imperfect
    prefix × ending, each followed by its future (the forms the stage has always generated)."""
    lex = arabic().triggers
    for row in load_tsv("triggers.tsv"):
        if row["pos"] != "verb":
            continue
        first = row["form"].split()[0]
        if "|" in first:
            expected = [(form_words(x)[0], "past") for x in first.split("|")]
        else:
            expected = [(form_words(first)[0] + s, "past") for s in _PERFECT]
        if row["present"] not in ("", "-"):
            p = norm_str(row["present"])
            for pre in _PREFIXES:
                for suf in _SUFFIXES:
                    expected += [(pre + p + suf, "present"), ("س" + pre + p + suf, "future")]
        for form, tense in expected:
            assert any(e.tense == tense and e.trig.form == row["form"] for e in lex.index[form]), (form, tense)


@pytest.mark.parametrize(
    ("form", "words"),
    [("الهجوم", ("هجوم",)), ("إطلاق النار", ("اطلاق", "نار")), ("غارة", ("غاره",)), ("ال", ("ال",))],
)
def test_form_words_fold_and_drop_the_article(form: str, words: tuple[str, ...]) -> None:
    assert form_words(form) == words


def test_trigger_key_and_ta_marbuta() -> None:
    lex = arabic().triggers
    trig = next(e.trig for e in lex.index["غاره"] if e.tense == "noun")
    assert trig.key == "غاره" and trig.ta_marbuta
    assert ends_in_ha("حمله") and not ends_in_ha("حملة")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت", True),  # a verb form
        ("والقصف", True),  # conjunction and article
        ("بالقصف", True),  # a clitic-stripped reading
        ("وقصفوا", True),
        ("الطاولة", False),
        (".", False),
    ],
)
def test_may_trigger(text: str, expected: bool) -> None:
    (tok,) = _tokens(text)
    assert may_trigger(tok, arabic().triggers.first_keys) is expected


def test_token_info_keys_and_cue_kinds() -> None:
    lex = arabic().triggers
    (tok,) = _tokens("والجيش")
    keys, _kinds, _may = lex.token_info(tok)
    assert keys[0] == "جيش" and "والجيش" in keys and "الجيش" in keys
    (neg,) = _tokens("لم")
    assert "neg" in lex.token_info(neg)[1]


def test_event_words() -> None:
    w = arabic().triggers.words
    assert isinstance(w, EventWords)
    assert (w.from_, w.to, w.on, w.in_, w.against) == ("من", "الي", "علي", "في", "ضد")
    assert {"بعد", "اثر", "غداه"} <= w.after
    assert "نتيجه" in w.cause and "مكن" in w.enable and "اخرين" in w.additive
    assert w.undergo == ("تعرض", "يتعرض", "تتعرض")


def test_keywords_name_each_word_once() -> None:
    names = list(tagged_words("event_keywords").values())
    assert len(names) == len(set(names))
    assert set(names) == {"from", "to", "on", "in", "against", "gas", "toxic"}


def test_nationality_adjectives_and_country_names() -> None:
    lex = arabic().triggers
    assert lex.nat["روسي"] == "RU"
    assert lex.nat[norm_str("إسرائيلية")] == "IL"
    assert lex.country_name["SY"] == "Syria"
