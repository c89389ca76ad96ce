from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.lang.ar.orthography import norm_str, normalize

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)
MIXED = st.one_of(ARABIC, PRESENTATION, st.characters(), st.sampled_from(list(" \n«»“”\"'.،؟!0123456789ـً")))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("إدلب", "ادلب"),
        ("أحرار الشام", "احرار الشام"),
        ("آليات", "اليات"),
        ("حماة", "حماه"),
        ("مستشفى", "مستشفي"),
        ("مسؤول", "مسوول"),
        ("عدداً", "عددا"),
        ("الإسلاميـــة", "الاسلاميه"),
        ("٩ فبراير ٢٠١٨", "9 فبراير 2018"),
        ("۱۲", "12"),
        ("«داعش»", '"داعش"'),
        ("شباط–فبراير", "شباط-فبراير"),
        ("AFP", "afp"),
        ("ﻻ", "لا"),
    ],
)
def test_norm_str(raw: str, expected: str) -> None:
    assert norm_str(raw) == expected
    assert normalize(raw).text == expected


def test_offsets_map_back_with_tashkeel() -> None:
    text = "قَالَ المرصدُ إنّ قواتِ النظام"
    n = normalize(text)
    a = n.text.index("المرصد")
    s, e = n.to_original(a, a + len("المرصد"))
    assert text[s:e] == "المرصدُ"[:-1] or text[s:e].startswith("المرصد")
    assert norm_str(text[s:e]) == "المرصد"


def test_identity_map_when_only_substitutions() -> None:
    n = normalize("إدلب وحماة")
    assert n.starts is None
    assert n.to_original(0, 4) == (0, 4)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, max_size=200), st.data())
def test_any_view_span_maps_into_original(text: str, data: st.DataObject) -> None:
    n = normalize(text)
    assert len(n.text) <= 2 * len(text) + 1
    if not n.text:
        return
    a = data.draw(st.integers(0, len(n.text) - 1))
    b = data.draw(st.integers(a + 1, len(n.text)))
    s, e = n.to_original(a, b)
    assert 0 <= s < e <= len(text)
    # normalising the original span gives back the view span (a ligature may add its other half)
    assert n.text[a:b] in norm_str(text[s:e])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, max_size=200))
def test_view_is_normalisation_of_original(text: str) -> None:
    n = normalize(text)
    assert n.original == text
    assert n.text == norm_str(text)
    if n.starts is not None and n.ends is not None:
        assert len(n.starts) == len(n.ends) == len(n.text)
        assert all(0 <= s < e <= len(text) for s, e in zip(n.starts, n.ends, strict=False))
        assert list(n.starts) == sorted(n.starts)
