"""Reactions, on constructed sentences through the whole pipeline: the subject of a verb of reacting that governs
the trigger with ب did the act (وردت الفصائل باستهداف المدينة), dated by the sentence before when its own gives no
date; it stays apart from the incident it answers by the usual rules (another place, another perpetrator), and joins
it when it is the same fight (return fire at the same place); a town or city named as the object of a generic attack is
its area target (باستهداف دمشق, like باستهداف مدينة دمشق)."""

from __future__ import annotations

import hadath
from hadath.doc import Doc

PUB = "2018-03-07"


def _rows(doc: Doc) -> list[tuple[str, str | None, str | None, str]]:
    ents = {e.id: e for e in doc.entities}

    def name(x: str | None) -> str | None:
        return ents[x].name_en if x else None

    return [(e.sub_event_type, name(e.location), name(e.actor1), str(e.date)) for e in doc.events]


def test_the_subject_of_a_reaction_did_the_act_it_governs_with_bi() -> None:
    text = (
        "قصفت قوات النظام بلدة سقبا في الغوطة الشرقية الأحد. وردت فصائل المعارضة باستهداف أحياء في مدينة دمشق، "
        "ما أدى إلى مقتل ستة مدنيين."
    )
    doc = hadath.extract(text, id="t", published=PUB)
    assert _rows(doc) == [
        ("Shelling/artillery/missile attack", "Saqba", "Military Forces of Syria", "2018-03-04"),
        ("Shelling/artillery/missile attack", "Damascus", "Opposition Rebels (Syria)", "2018-03-04"),
    ]


def test_a_city_as_the_object_of_a_generic_attack_is_its_area_target() -> None:
    text = "وردت فصائل المعارضة المسلحة أمس باستهداف دمشق بعشرات القذائف، ما أدى إلى مقتل أربعة مدنيين."
    doc = hadath.extract(text, id="t", published=PUB)
    assert [r[:3] for r in _rows(doc)] == [
        ("Shelling/artillery/missile attack", "Damascus", "Opposition Rebels (Syria)")
    ]


def test_a_reaction_elsewhere_is_another_incident_than_the_one_it_answers() -> None:
    text = "وشهدت الغوطة الشرقية الأحد غارات عنيفة أودت بحياة عشرين مدنيا. وردت الفصائل باستهداف دمشق، موقعة ستة قتلى."
    doc = hadath.extract(text, id="t", published=PUB)
    rows = _rows(doc)
    assert [r[0] for r in rows] == ["Air/drone strike", "Shelling/artillery/missile attack"]
    assert rows[1][1:] == ("Damascus", "Opposition Rebels (Syria)", "2018-03-04")


def test_return_fire_at_the_same_place_is_the_same_fight() -> None:
    text = "هاجم مسلحون مجهولون حاجزا للجيش في بلدة الرستن أمس، فرد الجنود بإطلاق النار عليهم وقتلوا اثنين منهم."
    doc = hadath.extract(text, id="t", published=PUB)
    assert len(doc.events) == 1
