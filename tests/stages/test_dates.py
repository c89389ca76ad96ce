from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.doc import DateSpan, Doc
from hadath.pipeline import Pipeline

PIPE = Pipeline(["normalize", "segment", "dates", "numbers"])
PUB = "2018-02-09"  # a Friday


def extract(text: str, published: str | None = PUB) -> Doc:
    return PIPE.extract(text, published=published)


def only(doc: Doc) -> DateSpan:
    assert len(doc.dates) == 1, [d.text for d in doc.dates]
    return doc.dates[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "end_value", "precision"),
    [
        # weekdays and day words, against publication on Friday 2018-02-09
        ("قال المرصد اليوم الجمعة إن", "اليوم الجمعة", "2018-02-09", None, "day"),
        ("تحركت القافلة صباح اليوم الجمعة نحو الشمال", "صباح اليوم الجمعة", "2018-02-09", None, "day"),
        ("بدأ القصف فجر اليوم الجمعة على القرى", "فجر اليوم الجمعة", "2018-02-09", None, "day"),
        ("انتهت المعارك مساء الجمعة في الريف", "مساء الجمعة", "2018-02-09", None, "day"),
        ("قتل 9 أشخاص الأحد في قصف على السوق", "الأحد", "2018-02-04", None, "day"),
        ("تجددت المواجهات، الإثنين، قرب المطار", "الإثنين", "2018-02-05", None, "day"),
        ("قال يوم الخميس إن", "يوم الخميس", "2018-02-08", None, "day"),
        ("والتقى الوفد الجمعة الماضية بالوزير", "الجمعة الماضية", "2018-02-02", None, "day"),
        ("سيعقد الاجتماع الخميس المقبل في جنيف", "الخميس المقبل", "2018-02-15", None, "day"),
        ("وقعت الغارة ليلة السبت على البلدة", "ليلة السبت", "2018-02-02", None, "day"),
        ("وقعت الغارة ليل السبت الأحد على البلدة", "ليل السبت الأحد", "2018-02-03", None, "day"),
        ("جرت الانتخابات يومي السبت والأحد", "يومي السبت والأحد", "2018-02-03", "2018-02-04", "day"),
        ("قال أمس إن", "أمس", "2018-02-08", None, "day"),
        ("قال بالأمس إن", "الأمس", "2018-02-08", None, "day"),
        ("قصفت الطائرات صباح أمس المدينة", "صباح أمس", "2018-02-08", None, "day"),
        ("قال مساء أمس الخميس إن", "مساء أمس الخميس", "2018-02-08", None, "day"),
        ("وقع الهجوم أول أمس في المدينة", "أول أمس", "2018-02-07", None, "day"),
        ("سيصل الوفد غدا إلى دمشق", "غدا", "2018-02-10", None, "day"),
        ("ظهر في بيان صدر اليوم", "اليوم", "2018-02-09", None, "day"),
        # منذ / قبل / خلال with a count
        ("يحاصر الجيش البلدة منذ سبعة أيام", "منذ سبعة أيام", "2018-02-02", None, "day"),
        ("بدأت العملية منذ 7 أيام", "منذ 7 أيام", "2018-02-02", None, "day"),
        ("اعتقل منذ يومين", "منذ يومين", "2018-02-07", None, "day"),
        ("اعتقل قبل ثلاثة أيام في حلب", "قبل ثلاثة أيام", "2018-02-06", None, "day"),
        ("بدأت الحملة منذ أسبوع", "منذ أسبوع", "2018-02-02", None, "week"),
        ("بدأت الحملة منذ 3 أشهر", "منذ 3 أشهر", "2017-11-09", None, "month"),
        ("تحدث قبل نحو شهرين عن الأمر", "قبل نحو شهرين", "2017-12-09", None, "month"),
        ("قتل 5 خلال الساعات الـ24 الماضية", "خلال الساعات الـ24 الماضية", "2018-02-08", "2018-02-09", "day"),
        ("على مدى الأسبوعين الماضيين", "على مدى الأسبوعين الماضيين", "2018-01-26", "2018-02-09", "week"),
        # periods and vague expressions
        ("أعلن الأسبوع الماضي أن", "الأسبوع الماضي", "2018-02-02", "2018-02-08", "week"),
        ("أعلن الشهر الماضي أن", "الشهر الماضي", "2018-01-01", "2018-01-31", "month"),
        ("أعلن العام الماضي أن", "العام الماضي", "2017-01-01", "2017-12-31", "year"),
        ("انسحب المقاتلون من المدينة قبل أسابيع.", "قبل أسابيع", "2017-12-29", "2018-02-02", "week"),
        ("وصلت التعزيزات قبل أيام إلى المنطقة", "قبل أيام", "2018-02-02", "2018-02-08", "week"),
        # absolute dates
        ("في 9 فبراير 2018 قال", "9 فبراير 2018", "2018-02-09", None, "day"),
        ("في 12 كانون الثاني 2018 قال", "12 كانون الثاني 2018", "2018-01-12", None, "day"),
        ("في 3 فيفري 2018 قال", "3 فيفري 2018", "2018-02-03", None, "day"),
        ("في 12 مايو/أيار قال", "12 مايو/أيار", "2018-05-12", None, "day"),
        ("في 20 ديسمبر قال", "20 ديسمبر", "2017-12-20", None, "day"),
        ("الثاني من شباط/فبراير الحالي", "الثاني من شباط/فبراير الحالي", "2018-02-02", None, "day"),
        ("في الحادي والعشرين من مارس 2017", "الحادي والعشرين من مارس 2017", "2017-03-21", None, "day"),
        ("في فبراير 2018 قال", "فبراير 2018", "2018-02-01", "2018-02-28", "month"),
        ("في يوليو/تموز 2015 وقع", "يوليو/تموز 2015", "2015-07-01", "2015-07-31", "month"),
        ("في ديسمبر الماضي قال", "ديسمبر الماضي", "2017-12-01", "2017-12-31", "month"),
        ("في 9/2/2018 قال", "9/2/2018", "2018-02-09", None, "day"),
        ("في 2018-02-09 قال", "2018-02-09", "2018-02-09", None, "day"),
        ("في عام 2011 اندلعت", "عام 2011", "2011-01-01", "2011-12-31", "year"),
        ("منذ 2011 والحرب مستمرة", "2011", "2011-01-01", "2011-12-31", "year"),
        ("بين عامي 2011 و2014 قتل", "عامي 2011 و2014", "2011-01-01", "2014-12-31", "year"),
        ("في 3 فبراير من العام 1975 توفيت", "3 فبراير من العام 1975", "1975-02-03", None, "day"),
        # Hijri, converted with hijridate
        ("في 15 رمضان 1439 هـ قال", "15 رمضان 1439 هـ", "2018-05-30", None, "day"),
        ("في شهر رمضان المقبل", "شهر رمضان المقبل", "2018-05-16", "2018-06-14", "month"),
    ],
)
def test_date(text: str, span: str, value: str, end_value: str | None, precision: str) -> None:
    d = only(extract(text))
    assert (d.text, d.value, d.end_value, d.precision) == (span, value, end_value, precision)


@pytest.mark.parametrize(
    "text",
    [
        "شاهد قناة روسيا اليوم",  # a TV channel
        "وفي اليوم التالي غادر",  # "the next day": no anchor
        "نحن بأمس الحاجة إلى المساعدة",  # "in dire need"
        "قالت تيريزا ماي إن",  # Theresa May, not the month ماي
        "مارس الضغط على الحكومة",  # "practised", not March
        "التقى جمعة بالوزير",  # a name, not Friday
        "فاز الفريق 2 صفر",  # a score, not the Hijri month Safar
        "قبل ثلاثة أيام من الانتخابات",  # relative to the elections, not to publication
        "الطائرة أف 16",
        "توقف العمال عن العمل منذ الساعة العاشرة صباحا",  # a clock reading on a day the text tells elsewhere
        "أغلقت المحال قبل الساعة الثامنة مساء",
        "تدهورت الأوضاع منذ اليوم الأول للحصار",  # an ordinal day, not a day ago
    ],
)
def test_not_a_date(text: str) -> None:
    assert extract(text).dates == []


def test_relative_dates_need_a_publication_date() -> None:
    doc = extract("قال المرصد اليوم الجمعة إن القصف بدأ منذ سبعة أيام في 9 فبراير", published=None)
    assert doc.meta.published is None
    assert doc.meta.published_source is None
    assert doc.dates == []  # nothing is invented


def test_absolute_date_without_publication_date() -> None:
    doc = extract("وقال في كلمة ألقاها في 12 مارس 2017 إن", published=None)
    assert doc.meta.published is None
    assert [d.value for d in doc.dates] == ["2017-03-12"]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("مصادر: قوات تتقدم\n٩ فبراير ٢٠١٨قال المرصد اليوم الجمعة", "2018-02-09"),
        ("الجمعة 9/2/2018\nقال المرصد", "2018-02-09"),
        ("دمشق - 9 شباط 2018: قال المرصد", "2018-02-09"),
        ("قال المرصد اليوم الجمعة (التاسع من شباط/فبراير 2018) إن", "2018-02-09"),
    ],
)
def test_dateline(text: str, published: str) -> None:
    doc = extract(text, published=None)
    assert doc.meta.published == published
    assert doc.meta.published_source == "dateline"
    assert any(d.kind == "dateline" for d in doc.dates)


def test_no_dateline_deep_in_the_text() -> None:
    text = "قال المرصد إن " + "القصف استمر على المدينة. " * 20 + "\n9 فبراير 2018 قال"
    doc = extract(text, published=None)
    assert doc.meta.published is None


def test_date_in_the_lead_is_not_a_dateline() -> None:
    doc = extract("سيعقد اللقاء بين الزعيمين في 12 حزيران/يونيو 2018 في سنغافورة", published=None)
    assert doc.meta.published is None


def test_metadata_wins_over_dateline() -> None:
    doc = extract("٩ فبراير ٢٠١٨قال المرصد اليوم", published="2018-02-10")
    assert doc.meta.published == "2018-02-10"
    assert doc.meta.published_source == "metadata"
    assert doc.dates[0].kind == "dateline"


def test_longest_match_wins() -> None:
    doc = extract("بدأ القصف فجر اليوم الجمعة على القرى")
    assert [d.text for d in doc.dates] == ["فجر اليوم الجمعة"]


def test_offsets_with_tashkeel_and_clitics() -> None:
    text = "وَقَالَ المرصدُ اليومَ الجمعةَ إنّ القصفَ بدأ منذُ سبعةِ أيامٍ، وبالأمسِ قُتِلَ 5 أشخاص"
    doc = extract(text)
    assert len(doc.dates) == 3
    for d in doc.dates:
        assert text[d.start : d.end] == d.text
    assert [d.value for d in doc.dates] == ["2018-02-09", "2018-02-02", "2018-02-08"]


def test_seed(seed_text: str) -> None:
    doc = extract(seed_text, published=None)
    assert doc.meta.published == "2018-02-09"
    assert doc.meta.published_source == "dateline"
    got = {d.text: (d.value, d.end_value, d.precision) for d in doc.dates}
    assert got["٩ فبراير ٢٠١٨"] == ("2018-02-09", None, "day")
    assert got["اليوم الجمعة"] == ("2018-02-09", None, "day")
    assert got["فجر اليوم الجمعة"] == ("2018-02-09", None, "day")
    assert got["صباح اليوم الجمعة"] == ("2018-02-09", None, "day")
    assert got["مساء الجمعة"] == ("2018-02-09", None, "day")
    assert got["منذ سبعة أيام"] == ("2018-02-02", None, "day")
    assert got["التاسع من شباط/فبراير 2018"] == ("2018-02-09", None, "day")
    value, end_value, precision = got["قبل أسابيع"]
    assert precision == "week" and end_value is not None and end_value < "2018-02-09" and value < end_value
    for d in doc.dates:
        assert seed_text[d.start : d.end] == d.text


def test_dev_published_dates(shared_dir: Path) -> None:
    """Published-date accuracy is 1.0 on the dev set (metadata where given, else the dateline)."""
    dev = shared_dir / "eval" / "dev"
    if not (dev / "dev.jsonl").is_file():
        pytest.skip("dev set not present")
    rows = [json.loads(line) for line in (dev / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    checked = 0
    for row in rows:
        gold_file = dev / f"{row['id']}.json"
        if not gold_file.is_file():
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["published"]
        doc = extract(row["text"], published=row.get("published"))
        assert doc.meta.published == gold, row["id"]
        checked += 1
    assert checked == len(rows)


_PIECES = [
    *"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة",
    *"\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0640\u200f",
    *"٠١٢٣٤٥٦٧٨٩0123456789/-.,،:()«» \n",
    *["اليوم ", "الجمعة ", "أمس ", "فبراير ", "شباط/", "منذ ", "سبعة ", "أيام ", "عام ", "هـ", "ﻻ", "ﷲ", "ليلة "],
]
ARABIC_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(ARABIC_TEXT)
def test_spans_map_back_to_the_original(text: str) -> None:
    doc = extract(text)
    for d in doc.dates:
        assert text[d.start : d.end] == d.text
        assert d.precision in ("day", "week", "month", "year")


@pytest.mark.parametrize(
    ("text", "value", "end_value"),
    [
        ("قتل العشرات خلال الأسبوع الثاني من شباط/فبراير الحالي.", "2018-02-08", "2018-02-14"),
        ("بدأ الهجوم في الأسبوع الأول من يناير 2018.", "2018-01-01", "2018-01-07"),
    ],
)
def test_week_of_month(text: str, value: str, end_value: str) -> None:
    from hadath.pipeline import Pipeline as _P

    [d] = _P(["normalize", "segment", "dates"]).extract(text, published="2018-02-18").dates
    assert (d.value, d.end_value, d.precision) == (value, end_value, "week")
    assert d.text.startswith("الأسبوع")


# -- the edges of the calendar (issue 19): a relative date that leaves 0001-01-01 … 9999-12-31 resolves to nothing


@pytest.mark.parametrize(
    ("published", "text", "resolved"),
    [
        ("0001-01-01", "قتل ثلاثة مدنيين أمس.", []),
        ("0001-01-01", "قتل ثلاثة مدنيين اليوم.", ["0001-01-01"]),
        ("0001-01-01", "قتل ثلاثة مدنيين الشهر الماضي.", []),
        ("0001-01-01", "قتل ثلاثة مدنيين في 9 فبراير.", ["0001-02-09"]),  # the nearest year that exists
        ("0001-01-01", "قتل ثلاثة مدنيين قبل ثلاثة أيام.", []),
        ("0001-01-01", "قتل ثلاثة مدنيين خلال الأشهر الستة الماضية.", []),
        ("0001-01-02", "قتل ثلاثة مدنيين أمس.", ["0001-01-01"]),
        ("9999-12-31", "ستبدأ المحادثات غدا.", []),
        ("9999-12-31", "ستبدأ المحادثات العام المقبل.", []),
        ("9999-12-31", "ستبدأ المحادثات الأسبوع المقبل.", []),
        ("9999-12-31", "بدأت المحادثات أمس.", ["9999-12-30"]),
        ("9999-12-31", "ستبدأ المحادثات في 9 فبراير.", ["9999-02-09"]),
    ],
)
def test_issue19_relative_dates_at_the_edges_of_the_calendar(published: str, text: str, resolved: list[str]) -> None:
    doc = extract(text, published=published)
    assert [d.value for d in doc.dates] == resolved
    for d in doc.dates:
        assert d.text == text[d.start : d.end]


def test_a_calendar_error_away_from_the_edges_is_a_bug_and_is_raised() -> None:
    from datetime import date

    from hadath.stages.dates import _Cand, _resolve

    def broken(pub: date | None) -> None:
        raise ValueError("day is out of range for month")

    cand = _Cand(0, 1, "relative", broken)
    assert _resolve(cand, date(1, 1, 1)) is None
    assert _resolve(cand, date(9999, 12, 31)) is None
    with pytest.raises(ValueError):
        _resolve(cand, date(2018, 2, 9))


def test_an_hour_ago_and_last_week_stay_dates() -> None:
    doc = extract("قالت الشرطة منذ ساعة إن المحتجين تفرقوا، وكان الإضراب بدأ منذ الأسبوع الماضي.")
    assert [d.text for d in doc.dates] == ["منذ ساعة", "منذ الأسبوع الماضي"]
    assert [d.text for d in extract("أغلق المصنع أبوابه منذ نحو العام").dates] == ["منذ نحو العام"]


def test_a_clock_reading_leaves_the_event_its_day() -> None:
    import hadath

    doc = hadath.extract(
        "نفذ المعلمون إضرابا عن العمل الأربعاء الماضي في عمان، حيث بدأ الموظفون إضرابهم منذ الساعة الثامنة صباحا.",
        published="2018-06-01",
    )
    assert [(e.sub_event_type, e.date) for e in doc.events] == [("Peaceful protest", "2018-05-30")]


@pytest.mark.parametrize(
    ("text", "span", "value", "end_value", "precision"),
    [
        # published Friday 9 February 2018
        ("اندلعت المواجهات أواخر الشهر الماضي", "أواخر الشهر الماضي", "2018-01-21", "2018-01-31", "week"),
        ("وصل الوفد في منتصف الشهر الماضي", "منتصف الشهر الماضي", "2018-01-11", "2018-01-20", "week"),
        ("تظاهر العمال مطلع الشهر", "مطلع الشهر", "2018-02-01", "2018-02-09", "week"),  # ends at publication
        ("وقعت الاتفاقية أوائل العام الماضي", "أوائل العام الماضي", "2017-01-01", "2017-04-30", "month"),
        ("ارتفعت الأسعار منذ مطلع الشهر الماضي", "مطلع الشهر الماضي", "2018-01-01", "2018-02-09", "month"),
    ],
)
def test_a_third_of_a_month_or_year(text: str, span: str, value: str, end_value: str, precision: str) -> None:
    d = only(extract(text))
    assert (d.text, d.value, d.end_value, d.precision) == (span, value, end_value, precision)


def test_a_lone_year_word_with_a_number_or_a_kind_is_no_phase() -> None:
    assert [d.text for d in extract("تستمر الخطة حتى نهاية العام 2021").dates] == ["العام 2021"]
    assert extract("تتغير الضرائب مع بداية العام المالي الجديد").dates == []
