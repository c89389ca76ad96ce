"""Periods on constructed sentences, through the whole pipeline: what goes on "since" a time ago (wherever "منذ"
stands: a sentence may open with it), or began weeks ago (a toll of protests that began on a date), is told up to
the publication; its toll is cumulative."""

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


def test_a_toll_of_what_began_weeks_ago_is_no_event_s_fatalities() -> None:
    text = "وارتفعت حصيلة قتلى الاحتجاجات التي بدأت في الثامن من يوليو في مدن الجنوب إلى 14 قتيلا."
    doc = hadath.extract(text, id="t", published=PUB)
    assert [(e.date, e.fatalities) for e in doc.events] == [(PUB, None)]


def test_what_broke_out_days_ago_keeps_its_day_and_toll() -> None:
    doc = hadath.extract("قتل ثلاثة أشخاص في الاشتباكات التي اندلعت الخميس في البصرة.", id="t", published=PUB)
    assert [(e.date, e.fatalities) for e in doc.events] == [("2018-07-26", 3)]
