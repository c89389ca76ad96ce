"""Protests and riots on constructed sentences, through the whole pipeline: the verbs protesters do, strikes,
the ACLED sub-type (a violent crowd first, then excessive force, intervention, peaceful), the state force as
the other side, clash words of a protest sentence read as the protest, and words that look like protests."""

from __future__ import annotations

import pytest

import hadath
from hadath.doc import Doc, Event

PUB = "2018-05-10"


def _extract(text: str) -> Doc:
    return hadath.extract(text, id="t", published=PUB)


def _names(doc: Doc, ev: Event) -> tuple[str | None, str | None]:
    ents = {e.id: e for e in doc.entities}
    a1 = ents[ev.actor1].name_en if ev.actor1 else None
    a2 = ents[ev.actor2].name_en if ev.actor2 else None
    return a1, a2


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("وتجمع مئات المتظاهرين أمام مبنى المحافظة في البصرة أمس مطالبين بتوفير الخدمات.", "Peaceful protest"),
        ("واحتشد آلاف المحتجين في ساحة التحرير ببغداد أمس للمطالبة بمحاسبة الفاسدين.", "Peaceful protest"),
        ("ورفع المحتجون لافتات في الناصرية أمس كتب عليها لا للفساد.", "Peaceful protest"),
        ("ونظم العمال إضرابا عاما في البصرة أمس احتجاجا على تأخر الرواتب.", "Peaceful protest"),
        ("وخرج المئات إلى الشوارع في مدينة الموصل أمس للاحتجاج على انقطاع الكهرباء.", "Peaceful protest"),
        ("ورشق متظاهرون قوات الأمن بالحجارة في البصرة أمس.", "Violent demonstration"),
        ("واقتحم متظاهرون غاضبون مبنى المحافظة في الناصرية مساء أمس.", "Violent demonstration"),
        ("واندلعت مواجهات بين المتظاهرين وقوات الأمن العراقية في البصرة أمس.", "Violent demonstration"),
        ("وفرقت الشرطة العراقية المتظاهرين بالقوة في البصرة أمس.", "Protest with intervention"),
        ("وقتلت الشرطة العراقية ثلاثة متظاهرين في البصرة أمس.", "Excessive force against protesters"),
    ],
)
def test_protest_sub_types(text: str, sub: str) -> None:
    subs = [e.sub_event_type for e in _extract(text).events]
    assert subs == [sub]


def test_sides_of_a_riot_and_of_excessive_force() -> None:
    doc = _extract("ورشق متظاهرون قوات الأمن العراقية بالحجارة في البصرة أمس.")
    assert _names(doc, doc.events[0]) == ("Rioters (Iraq)", "Police Forces of Iraq")
    doc = _extract("وقتلت الشرطة العراقية ثلاثة متظاهرين في البصرة أمس.")
    assert _names(doc, doc.events[0]) == ("Police Forces of Iraq", "Protesters (Iraq)")


def test_a_clash_in_a_protest_sentence_is_no_battle() -> None:
    doc = _extract("واندلعت مواجهات بين المتظاهرين وقوات الأمن العراقية في البصرة أمس.")
    assert all(e.event_type != "Battles" for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "ورفعت الحكومة أسعار الوقود في البلاد أمس.",
        "وهتفت الجماهير باسم اللاعب طوال المباراة أمس.",
        "وخرجت الكرة من الملعب وسط احتجاجات اللاعبين.",
        "واحتجت وزارة الخارجية رسميا لدى السفير أمس.",
        "وخرج الوزير من الاجتماع أمس دون أن يدلي بتصريح.",
    ],
)
def test_words_that_only_look_like_protests(text: str) -> None:
    assert [e for e in _extract(text).events if e.event_type in ("Protests", "Riots")] == []


def test_an_armed_group_near_protesters_makes_no_protest() -> None:
    doc = _extract("وهاجم مسلحون من تنظيم داعش حاجزا للجيش العراقي قرب تجمع للمتظاهرين في كركوك أمس.")
    assert all(e.event_type != "Riots" and e.sub_event_type != "Protest with intervention" for e in doc.events)


def test_police_fire_on_protesters_is_the_protest() -> None:
    doc = _extract("وأطلقت الشرطة العراقية النار على المتظاهرين في البصرة أمس.")
    assert [e.event_type for e in doc.events] == ["Protests"]


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # the definite protesters chanting or raising banners tell more of a protest reported elsewhere
        ("وردد المتظاهرون شعارات تطالب برحيل الحكومة.", 0),
        ("ورفع المحتجون لافتات تندد بتدخل إيران في شؤون البلاد.", 0),
        # indefinite protesters, a date or the place of the protest report one
        ("وردد متظاهرون شعارات تطالب برحيل الحكومة.", 1),
        ("وردد المتظاهرون أمس شعارات تطالب برحيل الحكومة.", 1),
        ("ورفع المحتجون لافتات في مدينة الناصرية تطالب برحيل الحكومة.", 1),
    ],
)
def test_what_the_protesters_did_tells_a_protest_again(text: str, n: int) -> None:
    assert len([e for e in _extract(text).events if e.event_type == "Protests"]) == n


def test_a_protest_and_what_its_protesters_did_are_one_event() -> None:
    doc = _extract("وتظاهر المئات في ساحة التحرير ببغداد أمس. وردد المتظاهرون شعارات تطالب برحيل الحكومة.")
    assert [e.sub_event_type for e in doc.events] == ["Peaceful protest"]
    assert len(doc.events[0].evidence) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "وتجمهر السكان أمام مبنى البلدية أمس مرددين الشعارات.",
        "وانطلق الآلاف في مسيرة سلمية من ساحة المدينة أمس.",
        "ونظمت النقابات وقفة تضامنية أمام مقر الحكومة أمس.",
    ],
)
def test_more_ways_to_tell_a_protest(text: str) -> None:
    assert [e.event_type for e in _extract(text).events] == ["Protests"]


def test_a_career_and_a_crowd_at_an_accident_are_no_protests() -> None:
    assert _extract("وتحدث اللاعب عن مسيرة حافلة بالإنجازات.").events == []
    assert _extract("وتجمهر الناس حول موقع الحادث أمس.").events == []


def test_arrests_at_a_protest_are_its_intervention() -> None:
    doc = _extract("واعتقلت الشرطة العراقية عشرات المتظاهرين في بغداد أمس.")
    assert [e.sub_event_type for e in doc.events] == ["Protest with intervention"]
    assert _names(doc, doc.events[0]) == ("Protesters (Iraq)", "Police Forces of Iraq")
    doc = _extract("وألقت الشرطة العراقية القبض على الناشط، في ساحة التحرير، خلال مظاهرة ضد الحكومة أمس.")
    assert [e.sub_event_type for e in doc.events] == ["Protest with intervention"]
    # an arrest with no protest stays an arrest
    doc = _extract("واعتقلت الشرطة العراقية ثلاثة ناشطين في بغداد أمس.")
    assert [e.sub_event_type for e in doc.events] == ["Arrests"]
