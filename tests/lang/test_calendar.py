"""The calendar words and date patterns of ``lang.calendar``."""

from __future__ import annotations

import pytest

from hadath.lang.ar import Arabic, arabic
from hadath.lang.ar.orthography import norm_str

CAL = arabic().calendar


@pytest.mark.parametrize(
    ("name", "month", "hijri", "ambiguous"),
    [
        ("فبراير", 2, False, False),
        ("شباط", 2, False, True),
        ("كانون الثاني", 1, False, False),
        ("جانفي", 1, False, False),
        ("رمضان", 9, True, True),  # Hijri names: read only with a year or after شهر
        ("ذو الحجة", 12, True, True),
    ],
)
def test_months(name: str, month: int, hijri: bool, ambiguous: bool) -> None:
    m = CAL.months[norm_str(name)]
    assert (m.month, m.hijri, m.ambiguous) == (month, hijri, ambiguous)


def test_time_words() -> None:
    assert CAL.weekdays[norm_str("الإثنين")] == 0
    assert CAL.day_words[norm_str("أمس")] == -1
    assert CAL.time_unit(norm_str("الساعات")) == CAL.time_unit(norm_str("ساعات")) == (0, "hour")
    assert CAL.week_words == {"الاسبوع", "اسبوع"}
    assert CAL.anchors == {"من"}
    assert norm_str("قبل أيام") in CAL.before_ranges and norm_str("منذ أيام") not in CAL.before_ranges
    assert set(CAL.weekdays) | {"اليوم"} == CAL.dateline_heads


@pytest.mark.parametrize(
    ("pattern", "text", "groups"),
    [
        ("absolute", "التاسع من شباط/فبراير 2018", {"ord": "التاسع", "mon": "شباط", "mon2": "فبراير", "year": "2018"}),
        ("absolute", "وفي 9 فبراير", None),  # و + في: not a proclitic of the date
        ("absolute", "و9 فبراير", {"day": "9", "mon": "فبراير"}),
        ("relative", "فجر اليوم الجمعة", {"pod": "فجر", "rel": "اليوم", "wd": "الجمعه"}),
        ("ago", "منذ سبعة أيام", {"pre": "منذ", "num": "سبعه", "tu": "ايام"}),
        ("window", "خلال الساعات الـ24 الماضية", {"pre": "خلال", "tu": "الساعات", "num": "24", "past": "الماضيه"}),
        ("year", "في عام 2011", {"cue": "في", "kw": "عام", "year": "2011"}),
    ],
)
def test_patterns(pattern: str, text: str, groups: dict[str, str] | None) -> None:
    m = getattr(CAL.patterns, pattern).match(norm_str(text), 1 if text.startswith("و9") else 0)
    if groups is None:
        assert m is None
        return
    assert m is not None
    assert {k: " ".join(m.group(k).split()) for k in groups} == groups


def test_the_language_object_shares_one_lexicon() -> None:
    assert Arabic().calendar is CAL
    assert CAL.patterns is CAL.patterns
