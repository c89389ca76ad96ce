"""Places that open a sentence, on constructed sentences through the whole pipeline: "وفي X، ..." locates what
the sentence tells (the conjunction written on في hides no preposition), and a province or district that frames
the sentence gives way to a place inside it that the clause names."""

from __future__ import annotations

import hadath
from hadath.doc import Doc

PUB = "2018-07-27"


def _where(doc: Doc) -> list[tuple[str, str | None]]:
    ents = {e.id: e for e in doc.entities}
    return [(e.sub_event_type, ents[e.location].name_en if e.location else None) for e in doc.events]


def test_a_place_after_wa_fi_locates_the_next_sentence_event() -> None:
    text = "وقتل خمسة مدنيين في قصف مدفعي على مدينة دوما أمس. وفي مدينة حلب، قصفت طائرات حربية سوقا شعبيا أمس."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Shelling/artillery/missile attack", "Douma"), ("Air/drone strike", "Aleppo")]


def test_wa_fi_blocks_like_fi() -> None:
    # "في مواجهة" is "in the face of", not a confrontation: so is "وفي مواجهة"
    doc = hadath.extract("وفي مواجهة التصعيد، دعا الوزير إلى التهدئة أمس.", id="t", published=PUB)
    assert doc.events == []


def test_a_framing_province_gives_way_to_the_town_the_clause_names() -> None:
    text = "وفي محافظة حماة تجددت المعارك العنيفة بين قوات النظام وفصائل المعارضة المسلحة شرق مدينة السقيلبية."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Armed clash", "Al-Suqaylabiyah")]


def test_a_framing_province_stays_when_the_clause_names_no_place_inside_it() -> None:
    text = "وفي محافظة حماة تجددت المعارك العنيفة بين قوات النظام وفصائل المعارضة المسلحة أمس."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Armed clash", "Hama")]
