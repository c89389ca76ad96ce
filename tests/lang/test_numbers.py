"""The number grammar of ``lang.numbers``: number words, their values, counted-noun forms."""

from __future__ import annotations

import pytest

from hadath.lang.ar import arabic
from hadath.lang.ar.numbers import unit_surface

NUMBERS = arabic().numbers


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("واحد", 1),
        ("ثلاثه", 3),
        ("عشر", 10),
        ("احد عشر", 11),
        ("اثنا عشر", 12),
        ("خمسه عشر", 15),
        ("عشرون", 20),
        ("خمسه وعشرون", 25),
        ("ثلاثه وثلاثين", 33),
        ("مئة", 100),
        ("مائة وخمسون", 150),
        ("مئتين", 200),
        ("ميتين", 200),  # already normalised
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("الف", 1000),
        ("الفين", 2000),
        ("ثلاثه الاف", 3000),
        ("ثلاثه الاف وخمسمايه", 3500),
        ("ميه وخمسون الفا", 150000),
        ("مليون", 1000000),
        ("نصف مليون", 500000),
        ("ثلاثه واربعه", None),  # two numbers, not one
    ],
)
def test_word_value(phrase: str, value: int | None) -> None:
    assert NUMBERS.word_value(phrase) == value


def test_word_forms_are_folded_number_words() -> None:
    forms = NUMBERS.word_forms(("unit",))
    assert "ثلاثه" in forms and "عشره" in forms
    assert all(NUMBERS.words[f].type == "unit" for f in forms)


@pytest.mark.parametrize(
    ("text", "next_char", "value", "surface"),
    [
        ("شخصا", " ", 16, "شخص"),  # the accusative singular after 11–99
        ("شخصا", " ", 5, "شخصا"),
        ("شخص\u064bا", " ", 5, "شخص"),  # tanween fath written before the alif
        ("شخصا", "\u064b", 200, "شخص"),  # ... or after it (the mark is then outside the token)
        ("عنصرا", " ", 120, "عنصرا"),
        ("ضحايا", " ", 11, "ضحاي"),  # the rule is blind: only the stage's lexicon knows ضحايا
        ("جنود", " ", 16, "جنود"),
    ],
)
def test_unit_surface(text: str, next_char: str, value: float, surface: str) -> None:
    assert unit_surface(text, next_char, value) == surface


def test_context_words_are_data() -> None:
    assert {"الي", "او", "حتي", "-"} <= NUMBERS.range_words
    assert "بينهم" in NUMBERS.subset_words
    assert NUMBERS.partitive == {"من"} and NUMBERS.percent_of == {"في"}
    assert {"ال", "وال", "لل"} <= NUMBERS.bare_articles


def test_the_language_object_shares_one_lexicon() -> None:
    from hadath.lang.ar import Arabic

    assert Arabic().numbers is NUMBERS
