"""Front lines named after a place (جبهة نهم، بجبهة الجراحي), on constructed sentences through the whole
pipeline: the place after the front noun is where the event is, no organisation is made of the front, a known
organisation named جبهة + a name stays one, and a front is a place of the document's own country."""

from __future__ import annotations

import hadath
from hadath.doc import Doc

PUB = "2018-03-05"


def _where(doc: Doc) -> list[tuple[str, str | None]]:
    ents = {e.id: e for e in doc.entities}
    return [(e.sub_event_type, ents[e.location].name_en if e.location else None) for e in doc.events]


def _orgs(doc: Doc) -> list[str]:
    return [e.name_ar for e in doc.entities if e.kind == "organization"]


def test_a_front_named_after_a_district_places_the_clash() -> None:
    text = "قتل خمسة من مسلحي الحوثي في مواجهات مع قوات الجيش الوطني في جبهة نهم شرق العاصمة صنعاء أمس الأحد."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Armed clash", "Nihm")]
    assert not any(o.startswith("جبهة") for o in _orgs(doc))


def test_a_front_the_name_tagger_took_for_an_organisation_is_the_place() -> None:
    text = "وتقدمت قوات الجيش اليمني أمس في جبهة الجراحي جنوب محافظة الحديدة وسط غارات لطيران التحالف."
    doc = hadath.extract(text, id="t", published=PUB)
    assert not any(o.startswith("جبهة") for o in _orgs(doc))
    assert "Al Jarrahi" in [e.name_en for e in doc.entities if e.kind == "place"]


def test_a_strike_on_a_front_after_the_preposition_bi() -> None:
    text = "وشنت مقاتلات التحالف العربي اليوم غارات على مواقع الحوثيين بجبهة حرض في محافظة حجة."
    doc = hadath.extract(text, id="t", published=PUB)
    assert _where(doc) == [("Air/drone strike", "Harad")]


def test_a_known_organisation_named_front_stays_an_organisation() -> None:
    text = "وقال قيادي في جبهة النصرة إن مقاتلي الجبهة صدوا هجوما على مواقعهم قرب مدينة إدلب أمس."
    doc = hadath.extract(text, id="t", published=PUB)
    assert "جبهة النصرة" in _orgs(doc)
    assert "النصرة" not in [e.name_ar for e in doc.entities if e.kind == "place"]


def test_a_front_is_a_place_of_the_documents_own_country() -> None:
    text = "اندلعت معارك عنيفة أمس بين قوات الجيش اليمني ومسلحي الحوثي في جبهة العقبة بمحافظة الجوف شمال اليمن."
    doc = hadath.extract(text, id="t", published=PUB)
    geos = [e.geo for e in doc.events if e.geo is not None]
    assert geos and all(g.country == "YE" for g in geos)
