"""Factuality and sub-types of protests (and what looks like one) on constructed sentences, through the whole
pipeline: acts refused, prevented, planned or long past; penalties and criminal arrests; reactions to an event the
reader knows; lethal words that are not about the protesters; protests told by their protesters, a joining, a run
of days or the crowd setting fires.  Each case has a control that does report an event."""

from __future__ import annotations

import pytest

import hadath

PUB = "2018-05-10"


def _subs(text: str, published: str = PUB, title: str | None = None) -> list[str]:
    return [e.sub_event_type for e in hadath.extract(text, id="t", title=title, published=published).events]


@pytest.mark.parametrize(
    "text",
    [
        # an act refused: a verb reading right after the noun of refusal is its verbal noun
        "أقالت الحكومة عددا من الضباط بسبب رفضهم قتل متظاهرين في العاصمة.",
        # a purpose of preventing governs the rest of its clause
        "شكلت الوزارة لجنة للتنسيق لمنع حصول أي فوضى خلال المسيرة أو أي أعمال شغب قد تقع.",
        "قال المسؤول إن حظر التجول يهدف إلى الحيلولة دون وقوع ما وصفه بـ«احتجاجات عنيفة جديدة».",
        # planned: a future verb in a relative clause after the trigger
        "ومن المظاهرات التي ستنظم الأسبوع المقبل، أعلنت النقابة عن تجمع أمام البرلمان.",
        # a year long past names the trigger
        "طالبت المنظمة بالاعتراف بما جرى خلال مظاهرات ميدان المدينة عام 1989 وتعويض الضحايا.",
    ],
)
def test_protests_not_done_are_no_events(text: str) -> None:
    assert not any(s in _PROTEST_OR_RIOT for s in _subs(text))


_PROTEST_OR_RIOT = {
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
}


@pytest.mark.parametrize(
    "text",
    [
        "قتلت قوات الأمن ثلاثة متظاهرين في العاصمة أمس.",
        "تظاهر الآلاف في ذكرى انتفاضة 1987 في مدينة غزة أمس.",
        "نظمت النقابة أمس مظاهرة أمام البرلمان ضد القانون الجديد الذي أقر عام 2017.",
    ],
)
def test_controls_report_the_protest(text: str) -> None:
    assert any(s in _PROTEST_OR_RIOT for s in _subs(text))


def test_lethal_words_far_from_the_protesters_do_not_make_excessive_force() -> None:
    subs = _subs("ورفع متظاهرون في العاصمة أمس صورا لجنود قتلوا في الحرب أمام مبنى البرلمان.")
    assert "Excessive force against protesters" not in subs
    assert _subs("أطلقت الشرطة النار على المتظاهرين فقتلت اثنين منهم في العاصمة أمس.") == [
        "Excessive force against protesters"
    ]


def test_a_penalty_names_its_offence_not_news() -> None:
    assert _subs("غرمت اللجنة النادي مبلغا كبيرا بسبب أعمال الشغب التي وقعت قبل المباراة.") == []
    assert _subs("اندلعت أعمال شغب أمس قبل المباراة في العاصمة بين المشجعين والشرطة.") != []


def test_arrests_for_theft_or_drugs_are_criminal_cases() -> None:
    assert _subs("اعتقلت الشرطة أمس رجلين يشتبه في أنهما سرقا حقيبة مسافر في المطار.") == []
    assert _subs("ألقت الشرطة القبض على ثلاثة أشخاص بحوزتهم مخدرات في المدينة أمس.") == []
    # the headline tells the story: the arrest of its body is a criminal case too
    text = "اعتقلت قوات الأمن العراقية عشرة رجال في بغداد أمس."
    assert _subs(text, title="سرقة أموال لاعب شهير في بغداد") == []
    assert _subs("اعتقلت قوات الأمن العراقية عشرة مسلحين في بغداد أمس.", title="اعتقال مسلحين في بغداد") == ["Arrests"]


def test_a_battle_over_an_issue_is_a_dispute() -> None:
    assert _subs("تتواصل المعركة بشأن الميزانية في البرلمان منذ أيام.") == []
    assert _subs("تخوض الشركتان معركة تجارية حادة في الأسواق الآسيوية.") == []
    assert _subs("اندلعت معركة عنيفة بين الجيش والمسلحين في البلدة أمس.") == ["Armed clash"]


def test_a_reaction_or_a_superlative_names_an_event_the_reader_knows() -> None:
    assert _subs("أصدرت الجمعية بيانا ردا على القصف الذي تتعرض له البلدة.") == []
    assert _subs("وجاء القرار بعد يوم من أكبر إضراب تشهده البلاد.") == []
    assert _subs("نفذت النقابات أمس أكبر إضراب تشهده البلاد منذ سنوات.") == ["Peaceful protest"]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # protesters who protested: the protester noun supports a protest word
        ("استخدمت الشرطة أمس الغاز لتفريق ألف متظاهر احتجوا على بناء الجدار في القرية.", "Protest with intervention"),
        # joining a protest is no aim
        ("وقال شهود إن مئات الطلاب انضموا إلى مظاهرة في وسط العاصمة أمس.", "Peaceful protest"),
        # the crowd setting fires
        ("وأشعل المتظاهرون النار في إطارات السيارات في المدينة أمس.", "Violent demonstration"),
        # touring the streets
        ("وطاف متظاهرون شوارع المدينة أمس رافعين لافتات ضد الحكومة.", "Peaceful protest"),
        # for the second day running: a definite strike told as going on
        ("وشل الإضراب العام لليوم الثاني على التوالي معظم مدن البلاد.", "Peaceful protest"),
    ],
)
def test_protests_told_by_protesters_joinings_and_runs_of_days(text: str, sub: str) -> None:
    assert sub in _subs(text)
