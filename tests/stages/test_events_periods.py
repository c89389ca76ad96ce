"""Periods on constructed sentences, through the whole pipeline: what goes on "since" a time ago is told up to
the publication, wherever "منذ" stands (a sentence may open with it)."""

from __future__ import annotations

import hadath

PUB = "2018-07-27"


def test_since_opening_a_sentence_goes_on_until_the_publication() -> None:
    text = "تظاهر مئات الطلاب في مدينة الموصل. ومنذ ثلاثة أسابيع، يحتج المتظاهرون يوميا على إغلاق الجامعة."
    doc = hadath.extract(text, id="t", published=PUB)
    assert [(e.sub_event_type, e.date) for e in doc.events] == [("Peaceful protest", PUB)]


def test_since_inside_a_sentence_too() -> None:
    text = "تظاهر مئات الطلاب في مدينة الموصل. ويحتج المتظاهرون منذ ثلاثة أسابيع على إغلاق الجامعة."
    doc = hadath.extract(text, id="t", published=PUB)
    assert [e.date for e in doc.events] == [PUB]
