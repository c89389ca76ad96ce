from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.doc import Doc, Quantity
from hadath.pipeline import Pipeline

PIPE = Pipeline(["normalize", "segment", "dates", "numbers"])
NUMBERS_ONLY = Pipeline(["normalize", "segment", "numbers"])


def extract(text: str) -> Doc:
    return PIPE.extract(text, published="2018-02-09")


def only(doc: Doc) -> Quantity:
    assert len(doc.quantities) == 1, [(q.text, q.value) for q in doc.quantities]
    return doc.quantities[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "approx", "unit", "category"),
    [
        # digits in any script, with the counted noun after them
        ("استعاد الجيش 80 قرية وبلدة", "80", 80, False, "قرية", "places"),
        ("هاجم نحو 200 مسلح الحاجز", "200", 200, True, "مسلح", "fighters"),
        ("دمرت الغارة ست آليات مدرعة", "ست", 6, False, "آلية", "vehicles"),
        ("قتل ٣٣ شخصاً في الغارة", "٣٣", 33, False, "شخص", "killed"),
        ("سقط 39 قتيلا", "39", 39, False, "قتيل", "killed"),
        ("سقط 39 قتيلاً", "39", 39, False, "قتيل", "killed"),
        ("يعيش فيها 1,200 مدني", "1,200", 1200, False, "مدني", "civilians"),
        ("يعيش فيها ١٬٢٠٠ مدني", "١٬٢٠٠", 1200, False, "مدني", "civilians"),
        ("يعيش فيها نحو 400 ألف مدني", "400 ألف", 400000, True, "مدني", "civilians"),
        ("بلغت الخسائر 3.5 مليون دولار", "3.5 مليون", 3500000, False, "دولار", "money"),
        ("بلغت الخسائر ٣٫٥ مليون دولار", "٣٫٥ مليون", 3500000, False, "دولار", "money"),
        ("بقيمة 1,6 مليار دولار", "1,6 مليار", 1600000000, False, "دولار", "money"),
        # number words with clitics, feminine and masculine
        ("يحاصر الجيش البلدة منذ سبعة أيام", "سبعة", 7, False, "يوم", "time"),
        ("قتل خمسة وعشرون مدنيا", "خمسة وعشرون", 25, False, "مدني", "killed"),
        ("قتل ثلاثة وثلاثين شخصا", "ثلاثة وثلاثين", 33, False, "شخص", "killed"),
        ("أطلقت مئتي صاروخ", "مئتي", 200, False, "صاروخ", "strikes"),
        ("نزح ثلاثة آلاف شخص", "ثلاثة آلاف", 3000, False, "شخص", "displaced"),
        ("اعتقلت القوات أحد عشر شخصا", "أحد عشر", 11, False, "شخص", "detained"),
        ("وصل إلى المدينة بثلاثة أطفال", "ثلاثة", 3, False, "طفل", "civilians"),
        # vague amounts: ACLED's conservative values
        ("عشرات القتلى والجرحى", "عشرات", 10, True, "قتيل", "killed"),
        ("قتل العشرات في الاشتباكات", "العشرات", 10, True, "قتيل", "killed"),
        ("فر مئات المدنيين", "مئات", 100, True, "مدني", "civilians"),
        ("نزح آلاف الأشخاص", "آلاف", 1000, True, "شخص", "displaced"),
        ("شارك عشرات الآلاف في المظاهرة", "عشرات الآلاف", 10000, True, None, None),
        # duals of the counted noun
        ("سقط قتيلين في القصف", "قتيلين", 2, False, "قتيل", "killed"),
        ("دمر القصف مبنيين في الحي", "مبنيين", 2, False, "مبنى", "buildings"),
        # approximators
        ("قتل 17 شخصا على الأقل", "17", 17, True, "شخص", "killed"),
        ("أصيب أكثر من 40 شخصا", "40", 40, True, "شخص", "injured"),
        ("قتل ما لا يقل عن 13 من عناصر الحرس", "13", 13, True, "عنصر", "killed"),
        ("أصيب حوالي 20 مدنيا", "20", 20, True, "مدني", "injured"),
        ("قتل قرابة 50 جنديا", "50", 50, True, "جندي", "killed"),
        ("قتل 10-15 مسلحا", "10-15", 10, True, "مسلح", "killed"),
        # cues before and after the number
        ("أسفر القصف عن مقتل 16 شخصا", "16", 16, False, "شخص", "killed"),
        ("ارتفع عدد القتلى إلى 39.", "39", 39, False, "قتيل", "killed"),
        ("ذكر المسعفون أن 16 شخصا لقوا مصرعهم", "16", 16, False, "شخص", "killed"),
        ("لقي 18 من قوات الأمن مصرعهم", "18", 18, False, "قوات", "killed"),
        # percentages
        ("ارتفعت الأسعار 5 بالمئة", "5", 5, False, "%", "percent"),
        ("ارتفعت الأسعار 8 في المئة", "8", 8, False, "%", "percent"),
        ("ارتفعت الأسعار 7%", "7", 7, False, "%", "percent"),
        # a noun outside the data keeps its written form
        ("سجل 28 هدفا في الموسم", "28", 28, False, "هدف", None),
    ],
)
def test_quantity(text: str, span: str, value: float, approx: bool, unit: str | None, category: str | None) -> None:
    q = only(extract(text))
    assert (q.text, q.value, q.approx, q.unit, q.category) == (span, value, approx, unit, category)
    assert text[q.start : q.end] == q.text
    if q.unit_start is not None and q.unit_end is not None:
        assert 0 <= q.unit_start < q.unit_end <= len(text)


def test_two_quantities_share_the_noun() -> None:
    doc = extract("أسفر عن مقتل 4 أشخاص وإصابة 10")
    got = [(q.value, q.unit, q.category) for q in doc.quantities]
    assert got == [(4, "شخص", "killed"), (10, "شخص", "injured")]


def test_others() -> None:
    doc = extract("قتل 12 شخصا على الأقل وأصيب أكثر من 30 آخرين")
    got = [(q.value, q.approx, q.unit, q.category) for q in doc.quantities]
    assert got == [(12, True, "شخص", "killed"), (30, True, "شخص", "injured")]


@pytest.mark.parametrize(
    "text",
    [
        "مقاتلة من نوع أف 16",  # model numbers
        "مقاتلة إف-16 أسقطت",
        "طائرة سو-24 روسية",
        "تبنى مجلس الأمن القرار 2401",  # a numbered resolution
        "سجل في الدقيقة 90",
        "بدأ الاجتماع الساعة 10:30",
        "فاز الفريق 3 - صفر على ضيفه",  # a score
        "للاتصال 0096311223344",  # a phone number
        "في كأس العالم 2018 فاز",  # a year
        "في عام 2018 قتل",  # a year inside a date span
        "في 9 فبراير 2018 قتل",  # numbers that are part of a date
        "الاسم الرمزي 9/2/2018",
        "في دور الثمانية",  # an ordinal
        "كل واحد منهم",  # a pronoun
        "اعتقل بضعة أشخاص",  # vague: no value
        "أصيب عدة أشخاص",
    ],
)
def test_not_a_quantity(text: str) -> None:
    assert extract(text).quantities == []


def test_years_are_skipped_without_the_dates_stage() -> None:
    assert NUMBERS_ONLY.extract("في عام 2018 قتل").quantities == []


def test_time_counts_inside_a_date_are_kept() -> None:
    doc = extract("بدأت منذ سبعة أيام وقتل 3 منذ يومين")
    assert [(q.value, q.unit) for q in doc.quantities] == [(7, "يوم"), (3, "قتيل"), (2, "يوم")]
    assert [d.text for d in doc.dates] == ["منذ سبعة أيام", "منذ يومين"]


def test_offsets_with_tashkeel() -> None:
    text = "قُتِلَ ثَلاثةٌ وَثَلاثُونَ شَخْصاً، وَأُصِيبَ ٤٠ آخَرُونَ"
    doc = extract(text)
    assert [q.value for q in doc.quantities] == [33, 40]
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text
        assert q.unit_start is not None and q.unit_end is not None
        assert text[q.unit_start : q.unit_end].strip()


def test_seed(seed_text: str) -> None:
    doc = PIPE.extract(seed_text)
    got = [(q.value, q.approx, q.unit, q.category) for q in doc.quantities]
    assert got == [
        (7, False, "يوم", "time"),
        (80, False, "قرية", "places"),
        (200, True, "مسلح", "fighters"),
        (6, False, "آلية", "vehicles"),
    ]
    for q in doc.quantities:
        assert seed_text[q.start : q.end] == q.text


_PIECES = [
    *"ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة",
    *"\u064b\u064c\u064e\u064f\u0650\u0651\u0652\u0640\u200f",
    *"٠١٢٣٤٥٦٧٨٩0123456789/-.,،٫٬:%() \n",
    *["ثلاثة ", "وعشرين ", "آلاف ", "عشرات ", "قتيلا ", "شخصاً ", "مقتل ", "نحو ", "على الأقل ", "يومين ", "ال"],
]
ARABIC_TEXT = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@settings(max_examples=200, deadline=None)
@given(ARABIC_TEXT)
def test_spans_map_back_to_the_original(text: str) -> None:
    doc = extract(text)
    for q in doc.quantities:
        assert text[q.start : q.end] == q.text
        assert isinstance(q.value, int | float)
        if q.unit_start is not None:
            assert q.unit_end is not None and 0 <= q.unit_start <= q.unit_end <= len(text)


def test_others_refer_to_the_group_not_its_subset() -> None:
    from hadath.pipeline import Pipeline as _P

    doc = _P(["normalize", "segment", "dates", "numbers"]).extract(
        "أسفرت الغارات عن مقتل 12 مدنيا بينهم ثلاثة أطفال وإصابة نحو 20 آخرين.", published="2018-03-05"
    )
    others = next(q for q in doc.quantities if q.value == 20)
    assert others.unit == "مدني" and others.category == "injured" and others.approx
