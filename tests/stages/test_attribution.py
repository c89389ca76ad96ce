from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.doc import Attribution, Doc, Entity, Span
from hadath.lang.ar import arabic
from hadath.lang.ar.orthography import norm_str
from hadath.pipeline import Pipeline
from hadath.stages.attribution import find_attributions, make_stage

SEG = Pipeline(["normalize", "segment"])
STAGE = make_stage(arabic())


def run(text: str, entities: list[tuple[str, str, list[str]]] | None = None) -> Doc:
    """Segment ``text``, add hand-made entities (id, kind, surface forms) and run the stage."""
    doc = SEG.extract(text)
    for eid, kind, forms in entities or []:
        mentions: list[Span] = []
        for form in forms:
            start = 0
            while (pos := text.find(form, start)) >= 0:
                mentions.append(Span(pos, pos + len(form), form))
                start = pos + len(form)
        doc.entities.append(Entity(eid, kind, forms[0], None, None, None, mentions))
    if entities is not None:
        doc.provided.add("entities")
    return STAGE(doc)


def only(doc: Doc, cue: str) -> Attribution:
    found = [a for a in doc.attributions if norm_str(a.cue) == norm_str(cue)]
    assert len(found) == 1, [(a.cue, a.speaker_text) for a in doc.attributions]
    return found[0]


def check_spans(doc: Doc) -> None:
    for a in doc.attributions:
        assert doc.text[a.cue_start : a.cue_end] == a.cue
        if a.speaker_start is not None:
            assert a.speaker_end is not None
            assert doc.text[a.speaker_start : a.speaker_end] == a.speaker_text
        if a.content is not None:
            assert doc.text[a.content.start : a.content.end] == a.content.text


# -- speaker after / before the cue ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        (
            "قال المرصد السوري لحقوق الإنسان اليوم الجمعة إن 16 شخصا قتلوا.",
            "قال",
            "المرصد السوري لحقوق الإنسان",
            "16 شخصا قتلوا",
        ),
        ("وقالت مصادر محلية لرويترز إن الاشتباكات مستمرة.", "قالت", "مصادر محلية", "الاشتباكات مستمرة"),
        (
            "وأفادت وكالة الأنباء الرسمية بأن القوات دخلت المدينة.",
            "أفادت",
            "وكالة الأنباء الرسمية",
            "القوات دخلت المدينة",
        ),
        ("يقول الجيش الإسرائيلي إن طائرة أسقطت.", "يقول", "الجيش الإسرائيلي", "طائرة أسقطت"),
        ("لكن وحدات حماية الشعب تنفي أي روابط بالحزب.", "تنفي", "وحدات حماية الشعب", "أي روابط بالحزب"),
        ("وكانت تركيا قد توعدت بتطهير عفرين من المقاتلين.", "توعدت", "تركيا", "بتطهير عفرين من المقاتلين"),
        ("وقالت الإدارة الصحية في منطقة خاضعة للمعارضة في بيان، إن طفلا قتل.", "قالت", "الإدارة الصحية", "طفلا قتل"),
        ("وقال مسؤول محلي، طلب عدم نشر اسمه إن 17 شخصا قتلوا.", "قال", "مسؤول محلي", "17 شخصا قتلوا"),
        (
            "وقال متحدث باسم وزارة الداخلية إن المبنى كان مستودعا للذخيرة.",
            "قال",
            "متحدث باسم وزارة الداخلية",
            "المبنى كان مستودعا للذخيرة",
        ),
        ("وحذر المرصد من هجوم وشيك لقوات النظام.", "حذر", "المرصد", "من هجوم وشيك لقوات النظام"),
        (
            "وأشار المرصد إلى أن الأطفال لا تتجاوز أعمارهم 11 عاما.",
            "أشار",
            "المرصد",
            "الأطفال لا تتجاوز أعمارهم 11 عاما",
        ),
        ("وأكد مصدر طبي حصيلة القتلى.", "أكد", "مصدر طبي", "حصيلة القتلى"),
        (
            "ووصفت الحكومة السورية الهجوم التركي بأنه اعتداء سافر.",
            "وصفت",
            "الحكومة السورية",
            "الهجوم التركي بأنه اعتداء سافر",
        ),
        (
            "وقال بيان صادر عن الفرع المحلي لوزارة الصحة، إن المصابين عانوا من الاختناق.",
            "قال",
            "الفرع المحلي لوزارة الصحة",
            "المصابين عانوا من الاختناق",
        ),
        ("أما وكالة سبأ التي يديرها المتمردون، فقالت إن هناك 40 قتيلا.", "قالت", "وكالة سبأ", "هناك 40 قتيلا"),
        (
            "وقال رئيس الوزراء الإسرائيلي، بنيامين نتنياهو، إن حكومته سترد على أي هجوم.",
            "قال",
            "رئيس الوزراء الإسرائيلي، بنيامين نتنياهو",
            "حكومته سترد على أي هجوم",
        ),
    ],
)
def test_speaker_and_content(text: str, cue: str, speaker: str, content: str) -> None:
    doc = run(text)
    a = only(doc, cue)
    assert a.speaker_text == speaker
    assert a.content is not None and a.content.text == content
    assert not a.implicit
    check_spans(doc)


@pytest.mark.parametrize(
    ("text", "anonymous"),
    [
        ("وقال مصدر في جماعة أحرار الشام إن المسلحين دخلوا المدينة.", True),
        ("وقال قيادي في تحالف يقاتل إلى جانب الجيش العراقي إن العناصر انسحبوا.", True),
        ("وقال شهود عيان إن الانفجار أحدث تلفا.", True),
        ("وقال سكان محليون لبي بي سي إن الأسر عالقة.", True),
        ("وقال الجيش السوري إن العملية انتهت.", False),
    ],
)
def test_anonymous_sources(text: str, anonymous: bool) -> None:
    a = run(text).attributions[0]
    assert a.anonymous is anonymous
    assert a.speaker is None


# -- continuations, pronouns, participles ------------------------------------------------------------------


def test_continuations_are_bound_to_the_previous_speaker() -> None:
    text = (
        "وقال المرصد إن 10 أشخاص قتلوا، مضيفا أن العدد مرشح للارتفاع. "
        "وأضاف أن القصف استمر. وتابع قائلا إن المدنيين فروا. ولكنه قال أيضا إن الهدوء عاد."
    )
    doc = run(text)
    cues = [(norm_str(a.cue), a.speaker_text, a.implicit) for a in doc.attributions]
    assert cues == [
        ("قال", "المرصد", False),
        ("مضيفا", "المرصد", True),
        ("اضاف", "المرصد", True),
        ("تابع", "المرصد", True),
        ("قال", "المرصد", True),
    ]
    assert only(doc, "تابع").content is not None
    assert only(doc, "تابع").content.text == "المدنيين فروا"  # type: ignore[union-attr]
    check_spans(doc)


def test_continuation_keeps_the_speaker_entity() -> None:
    text = "وقال المرصد السوري إن 10 أشخاص قتلوا. وأضاف أن القصف استمر."
    doc = run(text, [("e1", "organization", ["المرصد السوري"])])
    assert [a.speaker for a in doc.attributions] == ["e1", "e1"]
    assert doc.attributions[1].implicit


def test_no_subject_and_no_antecedent_gives_nothing() -> None:
    assert run("وأضاف أن القصف استمر.").attributions == []


# -- quotations ------------------------------------------------------------------------------------------------


def test_quotes_split_by_the_cue() -> None:
    text = 'وقال الجيش السوري في بيان "أنجزت الوحدات عملياتها". وأضاف "تكمن الأهمية في ذلك"، ويؤمن الطرق.'
    doc = run(text)
    first, second = doc.attributions
    assert first.direct_quote and first.content is not None and first.content.text == "أنجزت الوحدات عملياتها"
    assert second.direct_quote and second.implicit and second.speaker_text == "الجيش السوري"
    assert second.content is not None and second.content.text == "تكمن الأهمية في ذلك"


def test_quote_before_the_cue() -> None:
    doc = run('"الهجوم بانتظار إشارة البدء"، قال المصدر.')
    a = only(doc, "قال")
    assert a.direct_quote and a.content is not None and a.content.text == "الهجوم بانتظار إشارة البدء"


def test_partial_quote_in_indirect_speech() -> None:
    doc = run('وقال علوش إن الحكومة "تراهن على الحسم العسكري وحده".')
    a = only(doc, "قال")
    assert a.direct_quote
    doc = run('وقال نتنياهو إن بلاده ستدافع عن نفسها "ضد أي هجوم" بعد غارات واسعة شنتها طائراتها.')
    assert not only(doc, "قال").direct_quote


def test_cue_inside_a_quotation_is_not_a_cue() -> None:
    doc = run('وقال الوزير "قال لي الرئيس إن الحرب انتهت".')
    assert len(doc.attributions) == 1


def test_colon_after_cue() -> None:
    doc = run('وقال: "لقد تجرأت إيران على انتهاك سيادتنا". ', [])
    assert doc.attributions == []  # no antecedent
    doc = run('قال نتنياهو إن بلاده ستدافع عن نفسها. وقال: "لقد تجرأت إيران على انتهاك سيادتنا".')
    a = doc.attributions[1]
    assert a.implicit and a.direct_quote and a.speaker_text == "نتنياهو"


# -- framings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "content"),
    [
        ("قتل 16 شخصا في القصف، بحسب المرصد السوري.", "بحسب", "المرصد السوري", "قتل 16 شخصا في القصف"),
        (
            "وبحسب الجيش الإسرائيلي، فقد استهدفت الغارات مواقع إيرانية.",
            "بحسب",
            "الجيش الإسرائيلي",
            "فقد استهدفت الغارات مواقع إيرانية",
        ),
        ("ووفقا للمرصد، أطلقت القوات 260 صاروخا.", "وفقا", "للمرصد", "أطلقت القوات 260 صاروخا"),
        ("قتل 16 طفلا الأربعاء، وفق ما أفاد المرصد السوري.", "وفق ما أفاد", "المرصد السوري", "قتل 16 طفلا الأربعاء"),
        (
            "ويعود المستودع، بحسب المرصد، إلى تاجر أسلحة.",
            "بحسب",
            "المرصد",
            "ويعود المستودع، بحسب المرصد، إلى تاجر أسلحة",
        ),
        ("وقتل 250 مدنيا، وفق حصيلة للمرصد السوري.", "وفق", "للمرصد السوري", "وقتل 250 مدنيا"),
        ("وأصيب العشرات، نقلا عن مصادر طبية.", "نقلا", "مصادر طبية", "وأصيب العشرات"),
        (
            'ويأتي ذلك، وفق "الوطن"، وسط أنباء عن تعزيزات.',
            "وفق",
            "الوطن",
            'ويأتي ذلك، وفق "الوطن"، وسط أنباء عن تعزيزات',
        ),
    ],
)
def test_frames(text: str, cue: str, speaker: str, content: str) -> None:
    doc = run(text)
    a = only(doc, cue)
    assert a.speaker_text == speaker
    assert a.content is not None and a.content.text == content
    check_spans(doc)


@pytest.mark.parametrize("text", ["ويتم ذلك وفقا للقانون الدولي.", "حسب الاتفاق، تنسحب القوات."])
def test_frames_without_a_source(text: str) -> None:
    assert run(text).attributions == []


def test_relay_gives_the_reporter_and_the_original_speaker() -> None:
    text = "ونقلت وكالة الأنباء الفرنسية عن مصدر أمني، لم تكشف عن اسمه، قوله إن الانفجار نتج عن ذخائر مخزنة."
    doc = run(text)
    speakers = [(norm_str(a.cue), a.speaker_text, a.anonymous) for a in doc.attributions]
    assert speakers == [("نقلت", "وكالة الأنباء الفرنسية", False), ("قوله", "مصدر أمني", True)]
    assert all(a.content is not None and a.content.text.startswith("الانفجار") for a in doc.attributions)


def test_masdar_cues() -> None:
    doc = run("ووجهت الحكومة التركية تحذيرا لدمشق من التدخل في عفرين.")
    a = only(doc, "تحذيرا")
    assert a.speaker_text == "الحكومة التركية"
    assert a.content is not None and a.content.text == "من التدخل في عفرين"
    doc = run("واكتفى المرصد بذكر أن المحافظة تعرضت لقصف.")
    assert only(doc, "بذكر").speaker_text == "المرصد"


# -- stance ------------------------------------------------------------------------------------------------------


def test_deny() -> None:
    a = only(run("ونفى القيادي محمد علوش أي مفاوضات مع النظام."), "نفى")
    assert a.stance == "deny"
    assert a.content is not None and a.content.text == "أي مفاوضات مع النظام"


def test_confirm_points_at_the_confirmed_report() -> None:
    text = (
        "قال المرصد السوري إن الجيش فتح طريقا للمدنيين. "
        "وقال رامي عبد الرحمن مدير المرصد إن الإجلاء بدأ مساء. "
        "وأكد سامر الخطيب القيادي بجماعة (جيش حلب الحر) تقرير المرصد وقال إن عناصره يراقبون الطريق."
    )
    doc = run(text)
    confirm = only(doc, "أكد")
    assert confirm.stance == "confirm"
    assert confirm.content is not None and confirm.content.text == "تقرير المرصد"
    assert confirm.confirms == doc.attributions[0].id
    assert confirm.speaker_text == "سامر الخطيب القيادي بجماعة"


def test_silent() -> None:
    text = "وأعلن الإعلام الحربي عن تقدم جديد، لكنها لم تذكر شيئا عن خروج المسلحين."
    doc = run(text)
    assert [a.stance for a in doc.attributions] == ["assert", "silent"]
    silent = doc.attributions[1]
    assert silent.cue == "لم تذكر"
    assert silent.speaker_text == "الإعلام الحربي"
    assert silent.content is not None and silent.content.text == "خروج المسلحين"


def test_negated_cue_that_is_not_silent_is_dropped() -> None:
    assert run("ولم تكشف المصادر عن اسمه.").attributions == []


# -- false friends -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "يذكر أن المدينة شهدت معارك عنيفة.",
        "ويشار إلى أن المدينة شهدت معارك.",
        "وقتل طالب جامعي في القصف.",
        "ولد طفل ذكر في المستشفى.",
        "وسائل إعلام تابعة للأكراد نشرت صورا.",
        "ومن دون إضافة تفاصيل حول البنود.",
        "ونقل الجرحى إلى المستشفى.",
        "ويعتبر الهجوم الأعنف منذ أشهر.",
    ],
)
def test_not_attributions(text: str) -> None:
    assert run(text).attributions == []


# -- headlines, credits, addressees, coordination ------------------------------------------------------------


def test_colon_headline() -> None:
    text = "الخوذ البيضاء: 7 قتلى بقصف جوي على سراقب\n\nتعرضت البلدة لقصف."
    doc = run(text, [("e1", "organization", ["الخوذ البيضاء"])])
    a = only(doc, ":")
    assert a.speaker == "e1"
    assert a.content is not None and a.content.text == "7 قتلى بقصف جوي على سراقب"
    # a place is not a headline speaker
    doc = run("سوريا: عشرات القتلى في الغوطة\n\nقتل العشرات.", [("p1", "place", ["سوريا"])])
    assert doc.attributions == []


@pytest.mark.parametrize(
    ("text", "agencies"),
    [
        ("قتل 10.\nز.أ.ب/ح.ع.ح (أ ف ب، رويترز)", ["أ ف ب", "رويترز"]),
        ("قتل 10.\nفرانس 24/ أ ف ب", ["أ ف ب"]),
        ("بيروت (رويترز) - قتل 10 أشخاص.", ["رويترز"]),
        ("قتل 10.\nالمصدر: رويترز", ["رويترز"]),
    ],
)
def test_article_credits(text: str, agencies: list[str]) -> None:
    doc = run(text)
    credits = [a for a in doc.attributions if a.article_level]
    assert [a.speaker_text for a in credits] == agencies
    assert all(a.content is None and not a.anonymous for a in credits)
    check_spans(doc)


def test_credit_links_the_agency_entity() -> None:
    doc = run("قتل 10.\n(أ ف ب، رويترز)", [("e9", "organization", ["رويترز"])])
    assert [a.speaker for a in doc.attributions] == [None, "e9"]


def test_addressee_and_entity_link() -> None:
    text = "وقال رامي عبد الرحمن مدير المرصد لوكالة فرانس برس إن التعزيزات استكملت."
    ents = [
        ("p1", "person", ["رامي عبد الرحمن"]),
        ("o1", "organization", ["المرصد"]),
        ("o2", "organization", ["وكالة فرانس برس"]),
    ]
    a = run(text, ents).attributions[0]
    assert a.speaker == "p1"
    assert a.addressee == "o2"
    assert a.content is not None and a.content.text == "التعزيزات استكملت"


def test_country_as_speaker_links_the_place() -> None:
    a = run("وقالت إسرائيل إنها شنت غارات.", [("p1", "place", ["إسرائيل"])]).attributions[0]
    assert a.speaker == "p1"


def test_affiliation_is_not_the_speaker() -> None:
    text = "وقال مصدر في جماعة أحرار الشام إن المسلحين دخلوا."
    a = run(text, [("o1", "organization", ["أحرار الشام"])]).attributions[0]
    assert a.speaker is None and a.anonymous


def test_coordinated_speakers() -> None:
    doc = run("وأشارت المنظمة والمرصد إلى أن المحافظة تعرضت لقصف.")
    assert [a.speaker_text for a in doc.attributions] == ["المنظمة", "المرصد"]


def test_ids_in_text_order_and_spans() -> None:
    text = "قتل 10، بحسب المرصد. وقال مصدر إن القصف استمر. وأضاف أن المدنيين فروا.\n(رويترز)"
    doc = run(text)
    assert [a.id for a in doc.attributions] == [f"a{n}" for n in range(1, len(doc.attributions) + 1)]
    starts = [a.cue_start for a in doc.attributions]
    assert starts == sorted(starts)
    check_spans(doc)


def test_offsets_with_tashkeel() -> None:
    text = "وَقَالَ المَرْصَدُ إِنَّ القَصْفَ اسْتَمَرَّ."
    doc = run(text)
    a = only(doc, "قَالَ")
    assert a.cue == "قَالَ"
    check_spans(doc)


def test_stage_contract() -> None:
    assert STAGE.name == "attribution"
    assert STAGE.requires == frozenset({"tokens", "entities"})
    assert STAGE.provides == frozenset({"attributions"})
    doc = SEG.extract("")
    assert find_attributions(doc, arabic().speech) == []


# -- the seed article (skipped without ../shared) ---------------------------------------------------------------


def test_seed_article(seed_text: str) -> None:
    doc = run(seed_text)
    check_spans(doc)
    by_cue: dict[str, list[Attribution]] = {}
    for a in doc.attributions:
        by_cue.setdefault(norm_str(a.cue), []).append(a)
    sohr = next(a for a in doc.attributions if a.speaker_text == "المرصد السوري لحقوق الإنسان")
    confirm = by_cue[norm_str("أكد")][0]
    assert confirm.stance == "confirm" and confirm.confirms == sohr.id
    silent = by_cue[norm_str("لم تذكر")][0]
    assert silent.stance == "silent" and silent.speaker_text == "الإعلام الحربي"
    assert sum(a.direct_quote for a in doc.attributions) >= 2
    credits = [a.speaker_text for a in doc.attributions if a.article_level]
    assert credits == ["أ ف ب", "رويترز"]


def _gold_matches(doc: Doc, gold: dict[str, object]) -> tuple[int, int]:
    from hadath.lang.ar.orthography import norm_str as n

    def clean(s: str) -> str:
        return " ".join(n(s).replace('"', " ").replace(",", " ").replace(".", " ").split())

    hit = 0
    golds = gold["attributions"]
    assert isinstance(golds, list)
    for g in golds:
        for a in doc.attributions:
            cue, gcue = clean(a.cue), clean(g["cue"])
            if (gcue in cue) and a.content is not None and clean(g["content_snippet"]) in clean(a.content.text):
                hit += 1
                break
    return hit, len(golds)


def test_seed_gold_recall(shared_dir: Path, seed_text: str) -> None:
    gold_file = shared_dir / "eval" / "dev" / "seed-dw-2018-02-09.json"
    if not gold_file.is_file():
        pytest.skip("seed gold not present")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    hit, total = _gold_matches(run(seed_text), gold)
    assert hit == total


def test_link_by_surface_form_when_a_proclitic_hides_the_mention() -> None:
    text = "قال المرصد إن 10 قتلوا. وقتل 5 آخرون، وفقا للمرصد."
    doc = run(text, [("e1", "organization", ["المرصد"])])
    frame = only(doc, "وفقا")
    assert frame.speaker_text == "للمرصد"
    assert frame.speaker == "e1"


def test_with_entities_an_unknown_frame_head_is_no_source() -> None:
    doc = run("وتراجعت الضرائب، وفقا للإصلاح الضريبي.", [("e1", "organization", ["المرصد"])])
    assert doc.attributions == []


def test_continuation_with_a_bare_object_keeps_the_speaker() -> None:
    doc = run('وقال مصدر عسكري إن "الوحدات تصدت للهجوم" ونفى استهداف المدنيين.')
    a = only(doc, "نفى")
    assert a.stance == "deny" and a.implicit
    assert a.speaker_text == "مصدر عسكري"
    assert a.content is not None and a.content.text == "استهداف المدنيين"


@pytest.mark.parametrize("idiom", ["النقاب", "الستار", "اللثام"])
def test_the_object_of_an_idiom_is_no_speaker(idiom: str) -> None:
    # كشف النقاب عن "unveiled": the veil does not speak
    doc = run(f"وكشف {idiom} عن أن عمليات المقايضة مستمرة.")
    assert all(a.speaker_text != idiom for a in doc.attributions)
    doc = run(f"كشف المرصد {idiom} عن أن عمليات المقايضة مستمرة.")
    assert [a.speaker_text for a in doc.attributions] == ["المرصد"]
