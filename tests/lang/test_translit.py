"""Romanisation of names for entities outside the knowledge base."""

from __future__ import annotations

import pytest

from hadath.lang.ar import translit
from hadath.lang.ar.translit import romanize_name, romanize_words, romanizer_available, rule_romanize


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("بشار الأسد", "Bashar al-Asd"),
        ("حسن حاج علي", "Hasn Haj Ali"),
        ("الوطن", "Al-Watn"),
        ("علوش", "Alush"),
        ("كبير", "Kabir"),
    ],
)
def test_rule_romanize_is_deterministic(arabic: str, latin: str) -> None:
    assert rule_romanize(arabic) == latin
    assert rule_romanize(arabic) == rule_romanize(arabic)


def test_rule_romanize_ascii_only() -> None:
    out = rule_romanize("عبد الرحمن الخطيب")
    assert out.isascii() and out[0].isupper()


@pytest.mark.skipif(not romanizer_available(), reason="arabic-name-romanizer not installed")
@pytest.mark.parametrize(
    ("arabic", "country", "latin"),
    [
        ("بشار الأسد", None, "Bashar al-Assad"),
        ("حسن حاج علي", "SY", "Hassan Haj Ali"),
        ("وائل علوان", "SY", "Wael Alwan"),
        ("مقتدى الصدر", None, "Moqtada al-Sadr"),
    ],
)
def test_romanize_name_with_the_package(arabic: str, country: str | None, latin: str) -> None:
    assert romanize_name(arabic, country) == latin


def test_romanize_name_falls_back_to_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(translit, "_transliterator", lambda: None)
    translit._unit.cache_clear()
    translit.romanize_name_sourced.cache_clear()
    try:
        assert romanize_name("علوش") == "Alush"
    finally:
        translit._unit.cache_clear()
        translit.romanize_name_sourced.cache_clear()


def test_romanize_words_uses_known_spellings_and_article() -> None:
    out = romanize_words(["جيش", "إدلب", "الحر"], "SY", {"جيش": "Jaish"})
    assert out.startswith("Jaish ") and " al-" in out
    assert romanize_words(["الوطن"]).startswith("Al-")


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("هربرت كيكل", "Herbert Kickl"),  # word by word, from the known forms
        ("ستاندرد آند بورز", "Standard & Poor's"),  # a whole name
    ],
)
def test_known_english_forms_come_first(arabic: str, latin: str) -> None:
    assert translit.romanize_name_sourced(arabic) == (latin, "known")
    assert translit.romanize_words_sourced(arabic.split()) == (latin, "known")


@pytest.mark.skipif(not romanizer_available(), reason="arabic-name-romanizer not installed")
def test_unattested_words_use_the_plain_rules_not_the_packages_vowel_guesses() -> None:
    # constructed foreign-looking name: neither word is in the romaniser's dictionary
    name, source = translit.romanize_name_sourced("فلوريك دراغستن")
    assert source == "rules"
    assert name == f"{rule_romanize('فلوريك')} {rule_romanize('دراغستن')}"
    assert translit.romanize_name_sourced("وائل علوان", "SY") == ("Wael Alwan", "romanizer")


@pytest.mark.skipif(not romanizer_available(), reason="arabic-name-romanizer not installed")
def test_a_particle_keeps_its_spelling_when_its_name_is_unattested() -> None:
    # constructed: بن before a surname the dictionary does not hold
    name, source = translit.romanize_name_sourced("بن دراغستن")
    assert name.startswith("bin ") or name.startswith("Bin "), name
    assert source == "rules"
