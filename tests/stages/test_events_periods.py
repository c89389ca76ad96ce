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


def test_a_relative_clause_on_a_place_does_not_take_the_main_clause_date() -> None:
    # the convoy arrived on Sunday; the clashes are only "recent": the text does not date them
    text = "وصلت قافلة المساعدات الأحد إلى مدينة قندوز والتي شهدت مؤخرا معارك بين حركة طالبان والجيش الأفغاني."
    doc = hadath.extract(text, id="t", published=PUB)
    assert [(e.sub_event_type, e.date) for e in doc.events] == [("Armed clash", PUB)]
    # the main clause's own event keeps its date
    doc = hadath.extract(
        "اندلعت معارك الأحد بين حركة طالبان والجيش في مدينة قندوز التي يسكنها مليون شخص.", id="t", published=PUB
    )
    assert [e.date for e in doc.events] == ["2018-07-22"]


def test_a_toll_since_the_protests_began_is_cumulative() -> None:
    # "منذ بدايتها" (since they began, with a pronoun) counts over weeks: no event's fatalities
    text = (
        "تظاهر مئات العمال في مدينة الموصل أمس احتجاجا على البطالة. "
        "وكانت الاحتجاجات قد أسفرت عن مقتل ستة أشخاص منذ بدايتها قبل ثلاثة أسابيع."
    )
    doc = hadath.extract(text, id="t", published=PUB)
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Peaceful protest", None)]
