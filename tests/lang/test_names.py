from __future__ import annotations

import pytest

from hadath.doc import Token
from hadath.lang.ar import arabic
from hadath.lang.ar.kb import alias_key
from hadath.lang.ar.names import NameLexicon
from hadath.pipeline import Pipeline

SEG = Pipeline(["normalize", "segment"])


@pytest.fixture(scope="module")
def lex() -> NameLexicon:
    return arabic().names


def tokens(text: str) -> list[Token]:
    return SEG.extract(text).tokens


def test_lexicon_loads(lex: NameLexicon) -> None:
    assert "محمد" in lex.given and "كريم" in lex.common and "ابو" in lex.particles and "الله" in lex.compounds
    assert "جيش" in lex.strong_heads and "صحيفه" in lex.outlet_heads and "جيش" in lex.heads
    assert lex.titles.get(alias_key("الرئيس")) == [("title", "president")]
    assert not (lex.stop | lex.soft_stop) & lex.given
    assert {"في", "شمال", "الي", "محافظه"} <= lex.locatives
    assert lex.age_words == {"عاما", "عام", "سنه", "سنوات"}
    assert lex.kunya == {"ابو", "ام"} and lex.generic_adjectives == {"الدولي", "الدوليه"}


def test_ala_is_not_the_name_ali(lex: NameLexicon) -> None:
    ala, ali = tokens("على علي")
    assert lex.is_ala(ala) and not lex.is_ala(ali)


@pytest.mark.parametrize(
    ("word", "ok"),
    [("كيكل", True), ("ماكدوناه", True), ("ارتياحه", False), ("لاحقة", False), ("هاتفاً", False), ("عصورات", False)],
)
def test_foreign_ok(lex: NameLexicon, word: str, ok: bool) -> None:
    text = f"قال {word} اليوم"
    t = SEG.extract(text).tokens[1]
    assert lex.foreign_ok(text, t) is ok


def test_word_shapes(lex: NameLexicon) -> None:
    assert lex.nisba_like("الانتخابي") and lex.nisba_like("الدوليه") and not lex.nisba_like("الجيش")
    assert lex.article_surname_ok("الحلبي") and lex.article_surname_ok("علوش") and not lex.article_surname_ok("الرئيس")
    assert lex.imperfect_like("يقول") and not lex.imperfect_like("قال")
    assert lex.forms_of("بالجيش") == ("بالجيش", "الجيش")
