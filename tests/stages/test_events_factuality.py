"""Factuality of the ``events`` stage on constructed sentences, through the whole pipeline: other senses of
trigger words (event_senses.tsv), the scope of negation, questions, condemnations, accusations and inquiries,
stories of another register, periods and states, foiled and future events, definite nouns that name an event
told elsewhere.  Each case has a control that does report an event, so a rule that silences everything fails."""

from __future__ import annotations

import pytest

import hadath
from hadath.lang.ar.triggers import load_triggers

PUB = "2018-05-10"


def _subs(text: str, published: str = PUB) -> list[str]:
    return [e.sub_event_type for e in hadath.extract(text, id="t", published=published).events]


@pytest.mark.parametrize(
    "text",
    [
        "فجرت تصريحات الوزير أزمة سياسية جديدة في البرلمان أمس.",
        "يسعى البرنامج الجديد إلى تفجير طاقات الشباب وإبداعاتهم في المدارس.",
        "انفجر المدرب غضبا في وجه اللاعبين بعد الهزيمة أمس.",
        "خطف النجم الشاب الأضواء في حفل الافتتاح أمس.",
        "طرد الحكم حارس المرمى في الدقيقة الأخيرة من المباراة أمس.",
        "سيطر الفريق الضيف على مجريات المباراة طوال الشوط الأول أمس.",
        "غادر الفنان المعروف محبسه أمس بعد انتهاء مدة العقوبة.",
        "أعلنت الحكومة أمس خطة تستهدف زيادة الصادرات الزراعية.",
        "سيطرت فرق الدفاع المدني على الحريق في المصنع أمس.",
        "انسحب المرشح من الانتخابات البلدية أمس.",
    ],
)
def test_other_senses_are_no_events(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("فجر مسلحون عبوة ناسفة في سوق شعبي ببغداد أمس.", "Remote explosive/landmine/IED"),
        ("خطف مسلحون مهندسا في مدينة كركوك أمس.", "Abduction/forced disappearance"),
    ],
)
def test_conflict_senses_stay(text: str, sub: str) -> None:
    assert sub in _subs(text)


def test_every_sense_names_a_trigger() -> None:
    lex = load_triggers()
    names = {e.trig.name for lst in lex.index.values() for e in lst}
    assert lex.senses and set(lex.senses) <= names
    for senses in lex.senses.values():
        for sense in senses:
            assert sense.where in {"next", "after", "before", "clause", "sentence", "headline"}
            assert sense.words or sense.phrases


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # "بدون طيار" is part of a noun: the drone struck
        ("وقالت الوزارة إن طائرة بدون طيار قصفت موقعا في مدينة مأرب أمس.", True),
        # a negated verb of preventing: the clashes happened
        ("ولم يحل انتشار الشرطة دون وقوع اشتباكات عنيفة في حلب أمس بين الجيش والفصائل.", True),
        ("وحالت الوساطة القبلية دون وقوع اشتباكات في مدينة حلب أمس.", False),
        ("ولم تقصف الطائرات الروسية بلدة خان شيخون أمس.", False),
    ],
)
def test_negation_scope(text: str, events: bool) -> None:
    assert bool(_subs(text)) is events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("هل قصفت الطائرات الروسية بلدة خان شيخون أمس؟", False),
        ("وسأل الصحفي: «هل قصفت الطائرات الروسية بلدة خان شيخون أمس؟»", False),
        ("قصفت الطائرات الروسية بلدة خان شيخون أمس، فهل يسكت العالم؟", True),
        ("قال المتحدث باسم الجيش: «قصفت طائراتنا مواقع المسلحين في مدينة الرقة أمس».", True),
    ],
)
def test_questions_and_quoted_speech(text: str, events: bool) -> None:
    assert bool(_subs(text)) is events


@pytest.mark.parametrize(
    "text",
    [
        "أدان الأمين العام للأمم المتحدة الهجوم على المسجد في كابول.",
        "اتهم الحزب المعارض الحكومة بالوقوف وراء عمليات اغتيال معارضين.",
        "تواصلت التحقيقات في التفجير الذي استهدف دورية للجيش قرب الحدود.",
        "وقال الوزير إن التفجير أثار قلق الحكومة.",
    ],
)
def test_references_make_no_event(text: str) -> None:
    assert _subs(text) == []


def test_a_dated_condemnation_reports_its_event() -> None:
    text = "دانت وزارة الخارجية الغارة التي شنتها طائرات التحالف على سوق في مدينة صعدة أمس وأسفرت عن مقتل 20 مدنيا."
    assert _subs(text) == ["Air/drone strike"]
    assert _subs("أدانت وزارة الخارجية الغارة على السوق.") == []


@pytest.mark.parametrize(
    "text",
    [
        "وبعد ثلاث سنوات من المعارك المدمرة بدأت الحكومة إعادة إعمار المدينة.",
        "وكانت المدينة تحت القصف طوال سنوات الحرب.",
        "أحبطت الشرطة هجوما انتحاريا في بغداد أمس.",
        "أعلنت النقابات مشاركتها في الإضراب الذي سينفذ يوم غد في عمان احتجاجا على قانون الضريبة.",
    ],
)
def test_periods_states_foiled_and_future(text: str) -> None:
    assert _subs(text) == []


_FILM = (
    "يعرض المهرجان السينمائي الفيلم الجديد للمخرج الشاب في حفل الافتتاح. "
    "ويروي الفيلم قصة عائلة فقدت ابنها في انفجار سيارة مفخخة في السوق، ويشارك في بطولته ممثلون وممثلات "
    "من الدراما والمسرح. ونال الفيلم جائزة لجنة التحكيم، وقال المخرج إن الجمهور أحب الموسيقى."
)


def test_an_undated_bombing_in_a_film_review_is_background() -> None:
    assert _subs(_FILM) == []


def test_a_dated_riot_in_a_sport_story_is_kept() -> None:
    text = (
        "فاز الفريق في مباراة الدوري أمس بهدفين، وسجل اللاعب الهدف الأول في الشوط الثاني. "
        "واندلعت أعمال شغب بين مشجعي الفريقين قبل المباراة مساء الخميس في مدينة مرسيليا. "
        "وقال المدرب إن الفريق سيخوض البطولة المقبلة بثقة، وشكر الجماهير واللاعبين."
    )
    assert "Violent demonstration" in _subs(text)


def test_a_wish_to_leave_and_a_holding_in_jail_are_no_events() -> None:
    # those "wishing to leave" have not left; "تحتجز في سجونها" is a state of detention, not an arrest
    assert _subs("وقال الجيش إنه سيؤمن الطريق للمسلحين وعائلاتهم الراغبين في مغادرة مدينة دوما المحاصرة.") == []
    assert _subs("وقال نادي الأسير إن السلطات الإسرائيلية تحتجز في سجونها 60 فلسطينية.") == []
    # controls: the leaving and the arrest that happened
    assert _subs("وغادر مئات المسلحين وعائلاتهم مدينة دوما أمس بموجب اتفاق مع الجيش الروسي.") == [
        "Non-violent transfer of territory"
    ]
    assert _subs("واحتجزت الشرطة الإسرائيلية ثلاثة فلسطينيين في مدينة الخليل أمس.") == ["Arrests"]


def test_a_possible_launching_makes_its_attack_unreal() -> None:
    # the possibility governs the launching noun, the attack is its object past a subject of several words
    assert _subs("يتزايد الحديث عن احتمال شن القوات الحكومية والمتحالفة معها هجوما جويا على مدينة إدلب.") == []
    # controls: the launching happened
    assert _subs("شنت القوات الحكومية والمتحالفة معها هجوما جويا على مدينة إدلب أمس.") == ["Air/drone strike"]
    assert _subs("وبعد شن القوات الحكومية هجوما جويا على مدينة إدلب أمس، فر آلاف المدنيين.") == ["Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("وشهدت العاصمة مظاهرات حاشدة ضد الاستعمار في الخمسينات.", False),
        ("في القرن التاسع عشر، اندلعت معركة كبيرة بين الجيشين قرب النهر.", False),
        ("وقالت إن الحي شهد اشتباكات متكررة في السنوات الماضية.", False),
        ("وشهدت العاصمة أمس أكبر مظاهرات منذ الخمسينات.", True),
        ("واندلعت اشتباكات عنيفة بين الجيش والمسلحين في المدينة أمس.", True),
    ],
)
def test_a_past_era_in_the_clause_is_history(text: str, events: bool) -> None:
    assert bool(_subs(text)) is events


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("ورفض الجنود أوامر بالقتل صدرت إليهم خلال المظاهرة.", False),
        ("وذكر التقرير أن المعسكر يشمل التدرب على خطف الرهائن.", False),
        ("وطلب الوزير تنفيذ ضربات جوية على مواقع المتمردين.", False),
        ("ويعيش السكان في انتظار سيارة مفخخة أخرى.", False),
        ("وشنت الطائرات ضربات جوية على مواقع المتمردين أمس بطلب من الحكومة.", True),
    ],
)
def test_an_act_refused_ordered_trained_for_or_asked_for_is_no_event(text: str, events: bool) -> None:
    assert bool(_subs(text)) is events


@pytest.mark.parametrize(
    "text",
    [
        "وأجرت الدولة تفجيرا نوويا تحت الأرض أمس.",
        "ورفعت الحكومة الحظر عن استيراد السيارات أمس وسط احتجاجات التجار.",
        "وقال الكاتب إن قصائده تحمل رسالة المتظاهرين إلى العالم.",
        "ويحب القراء الشغب الجميل في مقالاته الساخرة.",
        "وقالت إن الكلمة تدل على القسوة، سواء في قتل أو في قصف أو في تخريب.",
        "وخاض الفريقان مواجهات عديدة، فاز الأول في المباراتين الأخيرتين وتعادلا مرة.",
    ],
)
def test_more_senses_and_generic_words_are_no_events(text: str) -> None:
    assert _subs(text) == []


def test_a_definite_event_after_a_word_of_time_is_named_again() -> None:
    # "بعد يومين من الإضراب": the strike dates the price rise; told alone it merges into nothing
    assert _subs("وأعلنت الحكومة رفع أسعار الوقود يوم الجمعة بعد يومين من الإضراب.") == []
    # the strike told in its own right stays
    text = "ونفذت النقابات إضرابا عاما يوم الأربعاء. وأعلنت الحكومة رفع أسعار الوقود يوم الجمعة بعد يومين من الإضراب."
    assert _subs(text) == ["Peaceful protest"]


def test_an_arrest_in_a_sport_story_is_no_conflict_event() -> None:
    text = (
        "فاز الفريق في مباراة الدوري أمس بهدفين، وسجل اللاعب الهدف الأول في الشوط الثاني. "
        "وألقت الشرطة القبض على حكم المباراة مساء الأحد بتهمة الرشوة. "
        "وقال المدرب إن الفريق سيخوض البطولة المقبلة بثقة، وشكر الجماهير واللاعبين."
    )
    assert "Arrests" not in _subs(text)
    assert _subs("وألقت الشرطة القبض على ثلاثة ناشطين معارضين في العاصمة أمس.") == ["Arrests"]


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # a relative clause on a name tells who the named one is: an event told elsewhere
        ("وقالت مصادر إن القائد العسكري في حزب الله، الذي قتل في انفجار سيارة مفخخة بدمشق، كان في اجتماع.", False),
        # dated, it reports the event; an imperfect tells what the named one is doing
        ("وقالت مصادر إن القائد العسكري في حزب الله، الذي قتل في انفجار سيارة مفخخة بدمشق أمس، كان في اجتماع.", True),
        ("وتتقدم القوات بغطاء جوي من التحالف العربي، الذي يقصف مواقع الحوثيين قرب المطار.", True),
    ],
)
def test_a_relative_clause_on_a_name_tells_a_known_event(text: str, events: bool) -> None:
    assert bool(_subs(text)) is events


@pytest.mark.parametrize(
    "text",
    [
        "وعثرت الشرطة على جثة الصحافي بعد أسبوعين من خطفه.",
        "ويتذكر الطبيب قصف الطائرات لمستشفى المدينة.",
        "وتشمل مهمات الفرقة الدعوة إلى توجيه ضربات جوية.",
        "وأضاف أن ضربات جوية يمكن أن تستهدف مطارات البلاد.",
        "وقال إن القتلى كانوا يهربون أسلحة وصواريخ عبر الحدود.",
        "وتعاقب المحاكم بالإعدام مرتكبي جرائم القتل والاغتصاب.",
    ],
)
def test_memories_appeals_possibilities_weapons_and_penalties_are_no_events(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "وأطلقت البحرية صاروخا خلال تجربة في البحر أمس.",
        "وقال إن أي تدخل سيكون قاصرا على ضربات جوية وعمليات خاصة.",
        "وأدانت المنظمة المحاولات الفاشلة لتفجير سيارات مفخخة في المدينة.",
        "وتعرف المنطقة بمثلث الموت لكثرة ما شهدته من عمليات خطف وقتل.",
        "وقال الوزير إن بلاده تخشى هجمات على منشآتها النفطية.",
    ],
)
def test_drills_expectations_attempts_and_fears_are_no_events(text: str) -> None:
    assert _subs(text) == []


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # armed men on both sides of an attack: a clash, though neither side is a named actor
        ("وقتل أمس أربعة جنود في هجوم شنه مسلحون مجهولون على ثكنة للجيش قرب المدينة.", "Armed clash"),
        # unknown men abduct: an armed context
        ("وأفادت مصادر أمس أن مجهولين خطفوا صحافيا أجنبيا في شمال البلاد.", "Abduction/forced disappearance"),
    ],
)
def test_unnamed_armed_men_make_an_event(text: str, sub: str) -> None:
    assert _subs(text) == [sub]


def test_a_killing_by_fire_is_supported() -> None:
    assert _subs("وفي الديوانية قتل أحد عناصر الشرطة بنيران مسلحين مجهولين أمس.") != []


@pytest.mark.parametrize(
    ("text", "subs"),
    [
        # a killing verb alone in its sentence, with an armed perpetrator and its victims right after it
        ("وقتلت قوات الأمن العراقية أربعة مسلحين في الموصل أمس.", ["Armed clash"]),
        ("وقتل مسلحون مجهولون خمسة مدنيين في الموصل أمس.", ["Attack"]),
        # the victims are not the armed subject (قوات) nor the men past an agent's preposition (على يد)
        ("قتلت قوات الاحتلال الإسرائيلي شابا فلسطينيا على حدود غزة وأصابت آخر.", ["Attack"]),
    ],
)
def test_a_killing_by_armed_men_reports_itself(text: str, subs: list[str]) -> None:
    assert _subs(text) == subs


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("وقالت الوزارة إن التفجيرات الانتحارية زادت في جميع أنحاء البلاد منذ بداية الحملة.", False),
        ("وتضاعف الحكومة هجماتها على المسلحين في المنطقة.", False),
        ("وتصاعد القصف على المدينة أمس.", True),
    ],
)
def test_a_trend_is_no_event(text: str, events: bool) -> None:
    assert bool(_subs(text)) is events


def test_a_light_noun_between_the_verb_and_the_event() -> None:
    # "نفذ عملية الخطف": the verb governs the definite noun through عملية, it is no event named again
    assert _subs("وقال إن مسلحين نفذوا عملية الخطف في بلدة قرب الحدود أمس.") == ["Abduction/forced disappearance"]
    assert _subs("وقال الوزير إن عملية الاغتيال أثارت قلق الحكومة.") == []


def test_tanks_firing_on_an_area_is_shelling() -> None:
    assert _subs("وقال سكان إن دبابات الجيش أطلقت نيرانها على الأحياء السكنية أمس.") == [
        "Shelling/artillery/missile attack"
    ]


def test_the_date_of_a_condemnation_is_not_the_events() -> None:
    # "أمس" dates the condemnation: the attack is one told elsewhere
    assert _subs("أدانت المنظمة أمس الهجوم على المسجد في المدينة.") == []
    # a date by the event dates the event the condemnation names
    text = "واستنكرت الحكومة قيام مجموعة من المتظاهرين يوم أمس بالتجمع أمام مقر السفارة في طهران."
    assert _subs(text) == ["Peaceful protest"]
