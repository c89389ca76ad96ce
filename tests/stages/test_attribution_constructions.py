"""Issue 15: who says what on unseen articles — one constructed example per construction, cue and speaker rule.

Every sentence here is written for the test (none is copied from an article).  Entities are given by hand where
a rule needs them, the way the ``entities`` stage would find them.
"""

from __future__ import annotations

import pytest

from hadath.doc import Attribution, Doc, Entity, Span
from hadath.lang.ar import arabic
from hadath.lang.ar.orthography import norm_str
from hadath.pipeline import Pipeline
from hadath.stages.attribution import make_stage

SEG = Pipeline(["normalize", "segment"])
STAGE = make_stage(arabic())

Ents = list[tuple[str, str, list[str]]] | list[tuple[str, str, list[str], str | None]]


def run(text: str, entities: Ents | None = None) -> Doc:
    """Segment ``text``, add hand-made entities (id, kind, surface forms[, level]) and run the stage."""
    doc = SEG.extract(text)
    for row in entities or []:
        eid, kind, forms = row[0], row[1], row[2]
        level = row[3] if len(row) > 3 else None  # type: ignore[misc]
        mentions: list[Span] = []
        for form in forms:
            start = 0
            while (pos := text.find(form, start)) >= 0:
                mentions.append(Span(pos, pos + len(form), form))
                start = pos + len(form)
        doc.entities.append(Entity(eid, kind, forms[0], None, None, None, mentions, level=level))
    if entities is not None:
        doc.provided.add("entities")
    doc = STAGE(doc)
    for a in doc.attributions:  # every span maps back to the text
        assert doc.text[a.cue_start : a.cue_end] == a.cue or a.article_level
        if a.speaker_start is not None:
            assert doc.text[a.speaker_start : a.speaker_end] == a.speaker_text
        if a.content is not None:
            assert doc.text[a.content.start : a.content.end] == a.content.text
    return doc


def by_cue(doc: Doc, cue: str) -> list[Attribution]:
    return [a for a in doc.attributions if norm_str(cue) in norm_str(a.cue)]


def one(doc: Doc, cue: str) -> Attribution:
    found = by_cue(doc, cue)
    assert len(found) == 1, [(a.cue, a.speaker_text, a.content and a.content.text) for a in doc.attributions]
    return found[0]


def content(a: Attribution) -> str:
    assert a.content is not None
    return a.content.text


# -- 1. nominal cues: a statement noun carries the act ------------------------------------------------------


def test_nominal_cue_with_an_owner() -> None:
    doc = run("وجاء في بيان لوزارة الداخلية أن الشرطة أوقفت ثلاثة مشتبه بهم.")
    a = one(doc, "جاء في بيان")
    assert a.speaker_text == "وزارة الداخلية"  # the ل of "لوزارة" is not part of the name
    assert content(a) == "الشرطة أوقفت ثلاثة مشتبه بهم"
    assert a.speaker_rule == "possessive"


def test_nominal_cue_issued_by() -> None:
    doc = run('وورد في تقرير صادر عن لجنة التحقيق أن "الأدلة غير كافية".')
    a = one(doc, "ورد في تقرير")
    assert a.speaker_text == "لجنة التحقيق" and a.speaker_rule == "report_issuer"
    assert content(a) == "الأدلة غير كافية" and a.direct_quote


def test_definite_statement_continues_its_issuer() -> None:
    doc = run("وقالت الرابطة إن الإضراب مستمر. وجاء في البيان: سنواصل الاحتجاج حتى تلبية المطالب.")
    a = one(doc, "جاء في البيان")
    assert a.speaker_text == "الرابطة" and a.implicit
    assert content(a) == "سنواصل الاحتجاج حتى تلبية المطالب"


def test_verb_with_resumptive_fihi_after_a_statement() -> None:
    doc = run("وأصدر المحافظ بيانا مساء الأحد طالب فيه السكان بالتزام منازلهم.")
    a = one(doc, "طالب")
    assert a.speaker_text == "المحافظ" and a.speaker_rule == "governing_subject"
    assert content(a).startswith("السكان بالتزام منازلهم")


def test_platform_is_no_statement() -> None:
    doc = run('ونشرت المغنية مقطعا عبر حسابها على "إنستغرام" تظهر فيه وهي ترقص.')
    assert doc.attributions == []


# -- 2. an according-to frame after the claim ----------------------------------------------------------------


def test_frame_after_the_claim() -> None:
    doc = run("وقتل أربعة مدنيين في قصف على البلدة، بحسب لجنة الإغاثة المحلية.")
    a = one(doc, "بحسب")
    assert a.speaker_text == "لجنة الإغاثة المحلية"
    assert content(a) == "وقتل أربعة مدنيين في قصف على البلدة"


def test_as_x_reported_closes_a_clause() -> None:
    doc = run("وتجمع مئات المحتجين أمام مبنى البلدية، كما أفاد مراسل الوكالة.")
    a = one(doc, "أفاد")
    assert a.speaker_text == "مراسل الوكالة"
    assert content(a) == "وتجمع مئات المحتجين أمام مبنى البلدية"


def test_frame_with_a_report_and_its_adjective() -> None:
    ents: Ents = [("e1", "organization", ["الهلال الأحمر", "للهلال الأحمر"])]
    doc = run("وارتفع عدد الجرحى إلى ثلاثين، وفق حصيلة جديدة للهلال الأحمر.", ents)
    a = one(doc, "وفق")
    assert a.speaker == "e1"


# -- 3. relay and nested speech: two acts, linked ----------------------------------------------------------------


def test_relay_links_the_reporter_to_the_original_act() -> None:
    doc = run("ونقلت الوكالة الرسمية عن مصدر عسكري قوله إن الطائرات قصفت مخزنا للذخيرة.")
    reporter = one(doc, "نقلت")
    source = one(doc, "قوله")
    assert reporter.speaker_text == "الوكالة الرسمية"
    assert source.speaker_text == "مصدر عسكري" and source.anonymous
    assert reporter.relays == source.id and source.relays is None
    assert content(reporter) == content(source) == "الطائرات قصفت مخزنا للذخيرة"


def test_relay_with_any_speech_masdar() -> None:
    doc = run("ونقلت الرئاسة عن الرئيس تعهده اليوم بمواصلة الإصلاحات.", [("p1", "person", ["الرئيس"])])
    source = one(doc, "تعهده")
    assert source.speaker == "p1" and content(source).startswith("بمواصلة الإصلاحات")
    assert one(doc, "نقلت").relays == source.id


def test_nested_speech_is_a_relayed_act() -> None:
    doc = run("وقال المتحدث إن الجيش نفى قصف المستشفى.", [("o1", "organization", ["الجيش"])])
    outer = one(doc, "قال")
    inner = one(doc, "نفى")
    assert inner.speaker == "o1" and inner.stance == "deny" and content(inner) == "قصف المستشفى"
    assert outer.relays == inner.id
    assert content(outer) == "الجيش نفى قصف المستشفى"


def test_a_verb_inside_reported_content_without_a_speaker_is_no_act() -> None:
    doc = run("وقال المحافظ إن زيارته تؤكد دعم الحكومة للمدينة.")
    assert [a.cue for a in doc.attributions] == ["قال"]


# -- 4. cues inside relative clauses ---------------------------------------------------------------------------


def test_relative_clause_speaker_is_the_antecedent() -> None:
    doc = run(
        "وأصيب عشرة أشخاص، بحسب المرصد السوري، الذي قال إن الغارات استهدفت سوقا شعبية.",
        [("o1", "organization", ["المرصد السوري"])],
    )
    a = one(doc, "قال")
    assert a.speaker == "o1" and a.speaker_rule == "relative_antecedent"
    assert content(a) == "الغارات استهدفت سوقا شعبية"


def test_relative_deny_with_a_noun_object() -> None:
    doc = run("وتلقت البعثة دعوة من الحكومة التي تنفي أي دور لها في الهجوم.", [("o1", "organization", ["الحكومة"])])
    a = one(doc, "تنفي")
    assert a.speaker == "o1" and a.stance == "deny" and content(a).startswith("أي دور لها")


def test_resumptive_relative_sources_the_clause_before() -> None:
    doc = run("وقد تنهار الهدنة خلال أيام، وهو ما حذرت منه الأمم المتحدة.", [("o1", "organization", ["الأمم المتحدة"])])
    a = one(doc, "حذرت")
    assert a.speaker == "o1"
    assert content(a) == "وقد تنهار الهدنة خلال أيام"


def test_relative_whose_antecedent_is_the_subject_is_no_act() -> None:
    # "the reasons that led the ministry to close the road": the reasons are the subject of دعت
    assert run("وشرح الأسباب التي دعت الوزارة إلى إغلاق الطريق.").attributions == []


# -- 5. a participle continuing another verb -------------------------------------------------------------------


def test_saying_participle_continues_the_verb() -> None:
    doc = run(
        "ودانت وزارة الخارجية الهجوم، قائلة إنه انتهاك للقانون الدولي.", [("o1", "organization", ["وزارة الخارجية"])]
    )
    condemn = one(doc, "دانت")
    saying = one(doc, "قائلة")
    assert condemn.stance == "condemn" and condemn.speaker == "o1"
    assert content(condemn).startswith("الهجوم") and content(condemn).endswith("انتهاك للقانون الدولي")
    assert saying.speaker == "o1" and saying.implicit and content(saying) == "انتهاك للقانون الدولي"


def test_participle_with_its_object_and_preposition() -> None:
    doc = run("ورفضت الحكومة المقترح مطالبة بانسحاب المسلحين من المدينة.", [("o1", "organization", ["الحكومة"])])
    reject = one(doc, "رفضت")
    demand = one(doc, "مطالبة")
    assert reject.stance == "deny" and content(reject).startswith("المقترح")
    assert demand.speaker == "o1" and content(demand).startswith("بانسحاب المسلحين")


# -- 6. headline frames "X: ..." ---------------------------------------------------------------------------------


def test_headline_colon() -> None:
    doc = run(
        "الهلال الأحمر: عشرات العائلات عالقة على الحدود\n\nوصلت قافلة المساعدات صباح اليوم.",
        [("o1", "organization", ["الهلال الأحمر"])],
    )
    a = one(doc, ":")
    assert a.speaker == "o1" and a.speaker_rule == "headline"
    assert content(a) == "عشرات العائلات عالقة على الحدود"


def test_section_title_with_a_colon_is_no_act() -> None:
    doc = run(
        "منظمة الصحة العالمية: أرقام رئيسية\n\nتأسست المنظمة عام 1948.",
        [("o1", "organization", ["منظمة الصحة العالمية"])],
    )
    assert doc.attributions == []


# -- 7. joint speakers: one act per speaker ------------------------------------------------------------------------


def test_joint_speakers_one_act_each() -> None:
    ents: Ents = [
        ("c1", "place", ["الولايات المتحدة"], "country"),
        ("c2", "place", ["بريطانيا"], "country"),
        ("c3", "place", ["فرنسا"], "country"),
    ]
    doc = run("وأعلنت الولايات المتحدة وبريطانيا وفرنسا أن الضربات استهدفت ثلاثة مواقع.", ents)
    acts = by_cue(doc, "أعلنت")
    assert [a.speaker for a in acts] == ["c1", "c2", "c3"]
    assert {content(a) for a in acts} == {"الضربات استهدفت ثلاثة مواقع"}


def test_joint_speakers_after_kull_min() -> None:
    ents: Ents = [("c1", "place", ["مصر"], "country"), ("c2", "place", ["الأردن"], "country")]
    doc = run("ودانت كل من مصر والأردن التفجير الذي استهدف الكنيسة.", ents)
    acts = by_cue(doc, "دانت")
    assert [a.speaker for a in acts] == ["c1", "c2"] and all(a.stance == "condemn" for a in acts)


def test_kull_min_after_the_subject_is_the_object() -> None:
    ents: Ents = [("c1", "place", ["لندن"], "city"), ("c2", "place", ["موسكو"], "city")]
    doc = run("واتهمت لندن كلا من موسكو وطهران بعرقلة التحقيق.", ents)
    a = one(doc, "اتهمت")
    assert a.speaker == "c1" and a.stance == "accuse" and content(a).startswith("كلا من موسكو")


# -- 8. the cue lexicon and its stances -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cue", "stance", "start"),
    [
        ("ورفض المتحدث الاتهامات الموجهة إلى قواته.", "رفض", "deny", "الاتهامات"),
        ("وعزا الجيش الانفجار إلى خلل فني في المستودع.", "عزا", "assert", "الانفجار"),
        ("وأصر الوزير على أن الانتخابات ستجرى في موعدها.", "أصر", "assert", "الانتخابات"),
        ("ودان الاتحاد الأوروبي التفجير الانتحاري.", "دان", "condemn", "التفجير"),
        ("واستنكرت النقابة اعتقال الصحفيين.", "استنكرت", "condemn", "اعتقال"),
        ("ووجه الوزير أصابع الاتهام إلى جماعة مسلحة.", "وجه", "accuse", "أصابع"),
        ("وحمّل المجلس المحلي الشركة المسؤولية عن التسرب.", "حمّل", "accuse", "الشركة"),
        ("وتبنى تنظيم متشدد الهجوم على نقطة التفتيش.", "تبنى", "claim", "الهجوم"),
        ("وأعلنت الجماعة مسؤوليتها عن تفجير السيارة.", "أعلنت", "claim", "مسؤوليتها"),
        ("وأقر الجيش بمقتل ثلاثة من جنوده.", "أقر", "assert", "بمقتل"),
        ("ولفت المحافظ إلى أن المدارس ستغلق.", "لفت", "assert", "المدارس"),
        ("ونوه الطبيب بأن المصابين في حالة مستقرة.", "نوه", "assert", "المصابين"),
        ("وكشف المصدر أن المفاوضات وصلت إلى طريق مسدود.", "كشف", "assert", "المفاوضات"),
        ("واعتبر الوزير أن القرار غير قانوني.", "اعتبر", "assert", "القرار"),
        ("ورأى المحلل أن التصعيد سيستمر.", "رأى", "assert", "التصعيد"),
        ("وتخشى الأمم المتحدة من موجة نزوح جديدة.", "تخشى", "assert", "من موجة"),
        ("وطالب البرلمان الحكومة بفتح تحقيق في الحادث.", "طالب", "assert", "الحكومة بفتح"),
    ],
)
def test_cue_lexicon(text: str, cue: str, stance: str, start: str) -> None:
    doc = run(text)
    a = one(doc, cue)
    assert a.stance == stance
    assert content(a).startswith(start)
    assert not a.implicit


@pytest.mark.parametrize(
    "text",
    [
        "وقال ضابط، رفض الكشف عن هويته، إن الوضع هادئ.",  # رفض الكشف: an aside
        "وتبنى البرلمان قرارا بزيادة الأجور.",  # adopted a resolution: no claim
        "وتبني الشركة مصنعا جديدا في الجنوب.",  # builds
        "ورفض الرجل الانتقال إلى مدينة أخرى.",  # refused to move: an act, not a statement
        "ويعتقد أن الحريق نجم عن ماس كهربائي.",  # it is believed
    ],
)
def test_cue_lexicon_limits(text: str) -> None:
    doc = run(text)
    assert all(a.stance not in ("claim", "deny") for a in doc.attributions), doc.attributions
    assert not any(norm_str(a.cue) in {norm_str("تبنى"), norm_str("تبني"), norm_str("يعتقد")} for a in doc.attributions)


def test_refused_disclosure_is_an_aside_of_the_act() -> None:
    doc = run("وقال ضابط، رفض الكشف عن هويته، إن الوضع هادئ.")
    a = one(doc, "قال")
    assert a.speaker_text == "ضابط" and content(a) == "الوضع هادئ"


# -- 9. speaker resolution: explicit rules, with a trace ----------------------------------------------------------


def test_a_new_explicit_subject_wins_over_continued() -> None:
    doc = run("وقالت عائلة الضحية إن ابنها قتل بالرصاص. وأعلنت شرطة المدينة توقيف مشتبه به.")
    a = one(doc, "أعلنت")
    assert a.speaker_text == "شرطة المدينة" and not a.implicit and a.speaker_rule == "subject"
    assert content(a) == "توقيف مشتبه به"


def test_an_unknown_name_before_its_object_is_the_subject() -> None:
    doc = run("وقال الشاهد إن الشارع كان مزدحما. ووصف كمال ياسين صديقه بأنه رجل شجاع.")
    a = one(doc, "وصف")
    assert a.speaker_text == "كمال ياسين" and not a.implicit


def test_the_same_source_resolves_to_the_named_source() -> None:
    ents: Ents = [("p1", "person", ["العقيد سامي الحداد"])]
    doc = run("وقال المتحدث باسم الجيش العقيد سامي الحداد إن القوات تقدمت. وأضاف المتحدث أن العملية ستستمر.", ents)
    a = one(doc, "أضاف")
    assert a.speaker_text == "المتحدث"  # the act keeps its own words
    assert a.speaker == "p1" and a.speaker_rule == "anaphor"


def test_same_source_in_a_frame() -> None:
    ents: Ents = [("o1", "organization", ["مركز توثيق الانتهاكات"])]
    doc = run(
        "وقال مصدر في مركز توثيق الانتهاكات إن عشرة أشخاص اعتقلوا. وأطلق سراح اثنين منهم لاحقا، وفق المصدر نفسه.",
        ents,
    )
    a = one(doc, "وفق")
    assert a.speaker_text == "المصدر نفسه" and a.speaker_rule == "anaphor"


def test_implicit_speaker_continues_only_without_a_competing_subject() -> None:
    ents: Ents = [("o1", "organization", ["المرصد"]), ("o2", "organization", ["الشرطة"])]
    # the sentence between opens with a competing subject; the feminine verb agrees with it, not with المرصد
    doc = run("وقال المرصد إن القصف استمر. واعتقلت الشرطة عشرة ناشطين. وأضافت أن التحقيق جار.", ents)
    a = one(doc, "أضافت")
    assert a.speaker == "o2" and a.speaker_rule == "previous_subject"
    # without a competing subject the previous speaker continues
    doc = run("وقال المرصد إن القصف استمر. وتعرضت البلدة لقصف عنيف. وأضاف أن الضحايا مدنيون.", ents)
    a = one(doc, "أضاف")
    assert a.speaker == "o1" and a.implicit and a.speaker_rule == "continued"


def test_a_speaker_is_not_cut_short() -> None:
    doc = run("وقال خالد العمر القيادي بجماعة (لواء الفتح) إن مقاتليه صدوا الهجوم.")
    a = one(doc, "قال")
    assert a.speaker_text == "خالد العمر القيادي بجماعة (لواء الفتح)"
    doc = run("واتهم المتحدث باسم الفصيل، عمار سالم، القوات الحكومية بخرق الهدنة.")
    a = one(doc, "اتهم")
    assert a.speaker_text == "المتحدث باسم الفصيل، عمار سالم" and content(a).startswith("القوات الحكومية")


def test_a_claim_is_not_given_to_the_governments_that_accused() -> None:
    ents: Ents = [("o1", "organization", ["تنظيم الدولة"])]
    doc = run(
        "واتهمت حكومات غربية الجيش بتنفيذ الهجوم. وأعلن مسؤوليته عن الهجوم في تسجيل صوتي. "
        "وتبنى تنظيم الدولة التفجير في بيان.",
        ents,
    )
    claims = [a for a in doc.attributions if a.stance == "claim"]
    assert [a.speaker for a in claims] == ["o1"]  # the subjectless masculine أعلن does not continue حكومات


def test_a_denial_gets_no_speaker_made_of_its_content() -> None:
    ents: Ents = [("o1", "organization", ["الحكومة السورية"])]
    doc = run("ونفت الحكومة السورية استخدام أسلحة كيميائية في المعارك.", ents)
    a = one(doc, "نفت")
    assert a.speaker == "o1" and a.speaker_text == "الحكومة السورية"
    assert content(a) == "استخدام أسلحة كيميائية في المعارك"
    doc = run("وقالت الحكومة إن الهجوم مفبرك. ونفت استخدامها أي أسلحة محرمة.", [("o1", "organization", ["الحكومة"])])
    a = one(doc, "نفت")
    assert a.speaker == "o1" and a.implicit and content(a).startswith("استخدامها")


def test_a_resolution_speaks_for_no_one() -> None:
    ents: Ents = [("p1", "person", ["الأمين العام"]), ("o1", "organization", ["مجلس الأمن"])]
    doc = run(
        "وقال الأمين العام إن الوضع كارثي. ودعا قرار مجلس الأمن إلى هدنة فورية. وأضاف أن المساعدات يجب أن تصل.",
        ents,
    )
    assert not by_cue(doc, "دعا")
    a = one(doc, "أضاف")
    assert a.speaker == "p1"


def test_every_act_has_a_speaker_rule() -> None:
    doc = run("وقال المرصد إن 5 أشخاص قتلوا، مضيفا أن العدد قد يرتفع. وأشار إلى أن القصف مستمر.")
    assert [a.speaker_rule for a in doc.attributions] == ["subject", "continued_clause", "continued"]
