from __future__ import annotations

import re

import pytest

from hadath.doc import Token
from hadath.gazetteer.model import name_key
from hadath.lang.ar import arabic
from hadath.lang.ar.places import (
    NAME_VARIANT_SEP_RE,
    PlaceLexicon,
    foreign_admin_name,
    readings_of,
    strip_admin_prefix,
    strip_ocha_admin_prefix,
)
from hadath.pipeline import Pipeline

SEG = Pipeline(["normalize", "segment"])


@pytest.fixture(scope="module")
def lex() -> PlaceLexicon:
    return arabic().places


def token(word: str) -> Token:
    return SEG.extract(word).tokens[0]


def test_stoplist_and_cues_load(lex: PlaceLexicon) -> None:
    assert lex.stop[name_key("كان")] == "never"
    assert lex.stop[name_key("سورية")] == "prep"
    assert lex.stop[name_key("محدودة")] == "generic"
    assert set(lex.stop.values()) <= {"never", "prep", "indoc", "notadj", "generic"}
    assert lex.stop[name_key("مشهد")] == "indoc"
    assert lex.cues[name_key("قرية")] == ("place", "village")
    assert lex.cues[name_key("جيش")][0] == "org"
    assert "في" in lex.preps and "كفر" in lex.heads
    assert lex.dir_adjs["الجنوبي"] == "s" and lex.dir_nouns["شمالي"] == "n"


def test_stoplist_is_keyed_like_the_gazetteer(lex: PlaceLexicon) -> None:
    """The stoplist is compared with gazetteer name keys: its keys must be name keys."""
    assert all(name_key(k) == k for k in lex.stop)


def test_word_lists(lex: PlaceLexicon) -> None:
    assert {"و", ",", "او", "ثم"} == lex.coordinators
    assert {"في", "ريف", "محافظه", "قرب"} <= lex.locators
    assert lex.countryside == {"ريف", "ارياف"} and lex.countryside_def == {"الريف", "الارياف"}
    assert (lex.countryside_name_prefix, lex.badia, lex.of) == ("ريف ", "باديه", "من")
    assert lex.prep_or_dir == lex.preps | set(lex.dir_nouns)


@pytest.mark.parametrize(
    ("word", "readings"),
    [
        ("إدلب", (("ادلب", 0),)),
        ("بإدلب", (("بادلب", 0), ("ادلب", 1))),
        ("وبالرقة", (("وبالرقه", 0), ("بالرقه", 1), ("الرقه", 2))),
        # لل = ل + ال: the article readings keep the whole word in the mention
        ("للسعودية", (("للسعوديه", 0), ("لسعوديه", 1), ("السعوديه", 0), ("اللسعوديه", 0))),
        ("للاذقية", (("للاذقيه", 0), ("لاذقيه", 1), ("الاذقيه", 0), ("اللاذقيه", 0))),
    ],
)
def test_readings(lex: PlaceLexicon, word: str, readings: tuple[tuple[str, int], ...]) -> None:
    t = token(word)
    assert lex.readings(t) == readings == readings_of(t.norm, t.prefix, t.article, t.stem, t.suffix)


def test_cue_of(lex: PlaceLexicon) -> None:
    assert lex.cue_of(lex.readings(token("ببلدة"))) == ("place", "town", 1)
    assert lex.cue_of(lex.readings(token("إدلب"))) is None


@pytest.mark.parametrize(
    ("country", "forms"),
    [
        ("سوريا", ("سوري", "سوريه", "سوريين", "سوريون", "سوريتين", "سوريتان")),
        ("العراق", ("عراقي", "عراقيه", "عراقيين", "عراقيون", "عراقيتين", "عراقيتان")),
        ("كوريا", ()),  # كوري is notadj in the stoplist
        ("عمان", ("عماني", "عمانيه", "عمانيين", "عمانيون", "عمانيتين", "عمانيتان")),
    ],
)
def test_nationality_adjectives(lex: PlaceLexicon, country: str, forms: tuple[str, ...]) -> None:
    assert lex.nationality_adjectives(name_key(country)) == forms


def test_morphology(lex: PlaceLexicon) -> None:
    assert lex.adjective_like("الشرقيه") and lex.adjective_like("المسلحين") and not lex.adjective_like("ادلب")
    assert lex.article_after_proclitic("للمدينه") and lex.article_after_proclitic("وبالقرب")
    assert not lex.article_after_proclitic("لويبده")
    assert lex.is_arabic_word("لويبده") and not lex.is_arabic_word("") and not lex.is_arabic_word("x1")
    assert lex.its(token("ريفها")) and lex.its(token("ريفه")) and not lex.its(token("ريفهم"))


@pytest.mark.parametrize(
    ("name", "key"),
    [("محافظة إدلب", "ادلب"), ("ولاية الخرطوم", "الخرطوم"), ("المنطقة الشرقية", "الشرقيه"), ("منطقة", "منطقه")],
)
def test_strip_admin_prefix(name: str, key: str) -> None:
    assert strip_admin_prefix(name_key(name)) == key


def test_ocha_prefixes_and_foreign_names() -> None:
    assert strip_ocha_admin_prefix(name_key("ناحية سراقب")) == "سراقب"
    assert strip_ocha_admin_prefix(name_key("ولاية الخرطوم")) == name_key("ولاية الخرطوم")
    assert foreign_admin_name(name_key("کابل ولايت")) and foreign_admin_name(name_key("كابل ولايت الشرقيه"))
    assert not foreign_admin_name(name_key("ولايت كابل"))
    assert NAME_VARIANT_SEP_RE.split("حلب، حماة/حمص") == ["حلب", " حماة", "حمص"]
    assert isinstance(NAME_VARIANT_SEP_RE, re.Pattern)


@pytest.mark.parametrize(
    ("arabic_word", "latin"),
    [
        ("ماستونغ", "Mastung"),
        ("وانلاوين", "Wanlaweyn"),
        ("يكاتيرينبورغ", "Yekaterinburg"),
        ("تينبكتو", "Timbuktu"),
        ("بيشاور", "Peshawar"),
        ("كويتة", "Quetta"),
        ("جيبوتي", "Djibouti"),
    ],
)
def test_latin_key_meets_the_latin_skeleton(arabic_word: str, latin: str) -> None:
    from hadath.gazetteer.model import name_key
    from hadath.gazetteer.translit import latin_skeleton
    from hadath.lang.ar.places import latin_key

    assert latin_key(name_key(arabic_word)) == latin_skeleton(latin)


def test_latin_key_keeps_different_names_apart() -> None:
    from hadath.gazetteer.model import name_key
    from hadath.lang.ar.places import latin_key

    assert latin_key(name_key("ماستونغ")) != latin_key(name_key("مستغانم"))
    assert latin_key(name_key("الموصل")) == "MSL"  # the article is left out


def test_vowelless_key_joins_spellings_of_long_vowels() -> None:
    from hadath.gazetteer.model import name_key
    from hadath.lang.ar.places import vowelless_key

    assert vowelless_key(name_key("الشيفونية")) == vowelless_key(name_key("الشفونية"))
    assert vowelless_key(name_key("حلب")) != vowelless_key(name_key("حلبا"))


def test_non_arabic_letters_marks_persian_spellings() -> None:
    from hadath.lang.ar.places import non_arabic_letters

    assert non_arabic_letters("ها تین") and non_arabic_letters("پیشاور")
    assert not non_arabic_letters("هاتين") and not non_arabic_letters("بيشاور")


def test_common_words_are_no_transliterated_names(lex: PlaceLexicon) -> None:
    assert lex.inflected_common("قتيلين") and lex.inflected_common("شرفه")
    assert not lex.inflected_common("ماستونغ")
    assert lex.accusative_common("عسكريا") and not lex.accusative_common("لويبدا")
    assert lex.indefinite("رئيسياً") and not lex.indefinite("رئيسيا")
