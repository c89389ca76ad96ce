"""Places that open a sentence, on constructed sentences through the whole pipeline: "وفي X، ..." locates what
the sentence tells (the conjunction written on في hides no preposition), and a province or district that frames
the sentence gives way to a place inside it that the clause names; an incident told near a city and then at a town
measured from that city is one."""

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


def test_an_incident_told_near_a_city_then_at_a_town_measured_from_it_is_one() -> None:
    text = (
        "قتل سبعة أشخاص الثلاثاء في انفجار سيارة مفخخة في سوق بلدة صغيرة تقع جنوب غربي مدينة حلب. وقال مسؤول محلي "
        "إن السيارة المفخخة انفجرت في سوق مدينة سراقب الواقعة على بعد 50 كلم جنوب غربي مدينة حلب."
    )
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Remote explosive/landmine/IED", "Saraqib")]
    assert doc.events[0].fatalities == 7


def test_an_incident_in_a_city_and_one_in_a_town_measured_from_it_stay_two() -> None:
    text = (
        "قتل خمسة مدنيين الثلاثاء في قصف مدفعي على مدينة حلب. وقتل ثلاثة آخرون الثلاثاء في قصف مدفعي على مدينة "
        "سراقب الواقعة جنوب غربي مدينة حلب."
    )
    doc = hadath.extract(text, id="t", published=PUB)
    assert [w for _, w in _where(doc)] == ["Aleppo", "Saraqib"]


def test_a_place_in_the_phrase_a_protest_is_about_is_not_where_it_is() -> None:
    # the genitive of a noun behind a preposition after the trigger is what the protest is about
    text = "وتظاهر مئات الطلاب أمس في عدد من مدن الضفة الغربية، للتعبير عن الغضب والاحتجاج على حصار غزة."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Peaceful protest", "West Bank")]


def test_a_place_behind_an_edge_noun_is_where_the_event_is() -> None:
    # not the genitive of what it is about: "على حدود قطاع غزة" is at the border, not Jerusalem of the other clause
    text = (
        "قتل الجنود عشرات المتظاهرين الذين شاركوا في احتجاجات على حدود قطاع غزة أمس، في الوقت الذي عقد فيه مؤتمر "
        "في القدس."
    )
    doc = hadath.extract(text, id="t", published=PUB)
    assert [w for _, w in _where(doc)] == ["Gaza Strip"]


def test_a_list_elaborating_a_plural_noun_places_an_incident_told_at_an_area() -> None:
    # "من بينها" opens a list of the checkpoints the marches went to: its places are the trigger's, however far
    # the list stands from it, and each is a riot of its own (one event per listed place)
    text = (
        "اندلعت مواجهات بين الجيش السوري ومحتجين في عدد من مدن محافظة درعا أمس. وخرجت مسيرات شعبية غاضبة، ظهر "
        "أمس، باتجاه الحواجز العسكرية ونقاط التماس مع قوات الجيش السوري، من بينها حاجز مدينة نوى ووسط مدينة طفس "
        "وعند المدخل الشمالي لبلدة جاسم."
    )
    doc = hadath.extract(text, id="t", published=PUB)
    assert [w for _, w in _where(doc)] == ["Nawa", "Tafas", "Jasim"]
    ents = {e.id: e for e in doc.entities}
    for ev in doc.events:
        assert ev.sub_event_type == "Violent demonstration"
        # the force the crowd faced is actor 2
        assert (ents[ev.actor1].name_en, ents[ev.actor2].name_en) == ("Rioters (Syria)", "Military Forces of Syria")


def test_the_force_a_crowd_clashes_with_is_actor_2_of_the_riot() -> None:
    text = "اندلعت مواجهات بين الجيش الإسرائيلي وشبان فلسطينيين في مدينة الخليل أمس، احتجاجا على هدم المنازل."
    doc = hadath.extract(text, id="t", published=PUB)
    ents = {e.id: e for e in doc.entities}
    (ev,) = doc.events
    assert ev.sub_event_type == "Violent demonstration"
    assert ev.actor1 is not None and ev.actor2 is not None
    assert (ents[ev.actor1].name_en, ents[ev.actor2].name_en) == ("Rioters (Palestine)", "Military Forces of Israel")
    assert ev.assoc_actors == []


def test_a_town_in_another_clause_of_the_trigger_is_one_more_event_not_the_area_s_town() -> None:
    # a verb and its object stand between the province and the town: two places the strikes reached, not "the
    # province, more precisely the town" ("في ريف إدلب في بلدة سرمدا")
    text = "شنت الطائرات الحربية الروسية غارات جوية أمس طاولت مدرسة في إدلب وألحقت أضرارا بمستشفى في سراقب."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Air/drone strike", "Idlib"), ("Air/drone strike", "Saraqib")]
    text = "شنت الطائرات الحربية الروسية غارات جوية أمس على ريف إدلب في بلدة سراقب."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Air/drone strike", "Saraqib")]


def test_a_happening_named_in_passing_without_place_or_date_is_no_event() -> None:
    # told once, by a noun no verb of happening governs, with no place in the text and no date: a happening in
    # general (ACLED needs a place and a day); a verb tells one that happened and stays
    text = "وتعاني الجماعة أزمة كبيرة في صفوفها بعد فرار العشرات من عناصرها من معارك مع قوات الجيش."
    assert hadath.extract(text, id="t", published=PUB).events == []
    text = "وقصفت طائرات حربية مواقع للمسلحين وألحقت بهم خسائر فادحة."
    assert _where(hadath.extract(text, id="t", published=PUB)) == [("Air/drone strike", None)]
