from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.doc import Doc, Entity, Span
from hadath.gazetteer.base import ensure_base
from hadath.gazetteer.index import NameIndex
from hadath.gazetteer.model import Place
from hadath.gazetteer.resolve import Resolver
from hadath.gazetteer.store import Gazetteer, MemoryGazetteer
from hadath.lang.ar import arabic
from hadath.pipeline import Pipeline
from hadath.stages.places import Places, make_stage

SEG = Pipeline(["normalize", "segment"])

# an "imported" user gazetteer: three villages called لويبدة (as in OCHA's Syria table) and Sarmada
USER = [
    Place("ocha:C4074", "Lweibdeh", "لويبدة", "village", "SY", "Idlib", lat=35.51, lon=36.457, source="ocha"),
    Place("ocha:C7886", "Lwaibeda", "لويبدة", "village", "SY", "Hama", lat=35.496, lon=37.225, source="ocha"),
    Place("ocha:C2819", "Lweibdeh", "لويبدة", "village", "SY", "Homs", lat=34.688, lon=36.444, source="ocha"),
    Place("ocha:C9999", "Al-Salam", "السلام", "village", "SY", "Aleppo", lat=36.3, lon=37.3, source="ocha"),
]


@pytest.fixture(scope="module")
def base_index() -> NameIndex:
    with Gazetteer(ensure_base()) as gz:
        return NameIndex([gz])


@pytest.fixture(scope="module")
def stage(base_index: NameIndex) -> Places:
    """The stage over the built-in base only (no user gazetteer, whatever the environment holds)."""
    return Places(arabic(), Resolver(base_index))


@pytest.fixture(scope="module")
def stage_import() -> Places:
    with Gazetteer(ensure_base()) as gz:
        index = NameIndex([MemoryGazetteer((p, []) for p in USER), gz])
    return Places(arabic(), Resolver(index))


def run(stage: Places, text: str, entities: list[Entity] | None = None) -> Doc:
    doc = SEG.extract(text)
    if entities:
        doc.entities.extend(entities)
    return stage(doc)


def places_of(doc: Doc) -> list[Entity]:
    return [e for e in doc.entities if e.kind == "place"]


def by_mention(doc: Doc) -> dict[str, Entity]:
    return {m.text: e for e in places_of(doc) for m in e.mentions}


def test_stage_contract() -> None:
    st_ = make_stage(arabic())
    assert st_.name == "places"
    assert st_.requires == frozenset({"tokens", "entities", "focus"})
    assert st_.provides == frozenset({"places"})


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        ("قصفت الطائرات بإدلب مواقع عدة.", "إدلب", "Idlib"),
        ("وصلت التعزيزات إلى دمشق وحلب أمس.", "حلب", "Aleppo"),
        ("توجه الوفد لدمشق صباحا.", "دمشق", "Damascus"),
        ("سقطت قذائف على بِإِدْلِبَ ليلا.", "إِدْلِب", "Idlib"),  # tashkeel: offsets in the original text
        ("دارت اشتباكات في دير الزور.", "دير الزور", "Deir ez-Zor"),
        ("قصف على كفر بطنا في الغوطة.", "كفر بطنا", "Rif Dimashq"),
        ("قصف على كفربطنا في الغوطة.", "كفربطنا", "Rif Dimashq"),  # the same name written without a space
        ("وصل إلى الحديدة اليوم.", "الحديدة", "Al Hudaydah"),
    ],
)
def test_clitics_and_offsets(stage: Places, text: str, mention: str, admin1: str) -> None:
    doc = run(stage, text)
    ents = by_mention(doc)
    assert mention in ents, [m.text for e in places_of(doc) for m in e.mentions]
    e = ents[mention]
    assert e.geo is not None and e.geo.admin1 == admin1
    for m in e.mentions:
        assert doc.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "mention", "direction", "admin1", "name_en"),
    [
        ("قصفت الطائرات ريف إدلب الجنوبي.", "ريف إدلب الجنوبي", "s", "Idlib", "southern Idlib countryside"),
        ("توجه المسلحون إلى جنوب إدلب.", "جنوب إدلب", "s", "Idlib", "southern Idlib"),
        ("اشتباكات في شمالي حماة.", "شمالي حماة", "n", "Hama", "northern Hama"),
        ("غارات على الريف الشرقي لدير الزور.", "الريف الشرقي لدير الزور", "e", "Deir ez-Zor", None),
        (
            "هجوم في ريف حلب الشمالي الغربي.",
            "ريف حلب الشمالي الغربي",
            "nw",
            "Aleppo",
            "northwestern Aleppo countryside",
        ),
        ("اشتباكات في ريف دمشق الغربي.", "ريف دمشق الغربي", "w", "Rif Dimashq", None),
        ("هجوم لداعش في بادية الميادين.", "بادية الميادين", None, "Deir ez-Zor", None),
        ("قتلى في جنوب شرق حمص.", "جنوب شرق حمص", "se", "Homs", None),
    ],
)
def test_regions_and_directions(
    stage: Places, text: str, mention: str, direction: str | None, admin1: str, name_en: str | None
) -> None:
    doc = run(stage, text)
    e = by_mention(doc).get(mention)
    assert e is not None, [(m.text, x.level) for x in places_of(doc) for m in x.mentions]
    assert e.level == "region" and e.geo is not None
    assert (e.geo.direction, e.geo.admin1, e.geo.geo_precision) == (direction, admin1, 2)
    assert e.geo.lat is not None
    if name_en:
        assert e.name_en == name_en


def test_pronoun_countryside_takes_the_last_province(stage: Places) -> None:
    doc = run(stage, "تسيطر الهيئة على محافظة إدلب. واستعادت القوات قرى في ريفها الجنوبي الشرقي.")
    e = by_mention(doc)["ريفها الجنوبي الشرقي"]
    assert e.geo is not None and (e.geo.admin1, e.geo.direction, e.level) == ("Idlib", "se", "region")
    assert e.name_en == "southeastern Idlib countryside"
    assert "محافظة إدلب" in by_mention(doc)  # an admin cue is part of the mention, as analysts write it


@pytest.mark.parametrize(
    ("text", "mention", "level"),
    [
        ("تدور الاشتباكات في قرية لويبدة منذ الصباح.", "لويبدة", "village"),
        ("قصفت الطائرات بلدة بني قيس في محافظة حجة.", "بني قيس", "town"),
        ("وقع الانفجار في حي عش الورور في دمشق.", "عش الورور", "neighbourhood"),
        ("انفجار في منطقة الشيفونية بالغوطة الشرقية.", "الشيفونية", "other"),
    ],
)
def test_cue_keeps_unknown_names(stage: Places, text: str, mention: str, level: str) -> None:
    doc = run(stage, text)
    e = by_mention(doc).get(mention)
    assert e is not None, [m.text for x in places_of(doc) for m in x.mentions]
    assert e.level in (level, "neighbourhood", "town", "village", "other")
    assert e.geo is not None
    if e.canonical_id is None:
        assert e.geo.feature == level and e.source == "pattern" and e.geo.in_gazetteer is False
        assert e.geo.lat is None or (e.geo.geo_precision == 2 and e.geo.point == "area")


@pytest.mark.parametrize(
    "text",
    [
        "وقال المرصد السوري لحقوق الإنسان إن الحكومة السورية سمحت بذلك.",
        "لا يزال التنظيم يتواجد في منطقة محدودة من المحافظة.",
        "كان الاتحاد الأوروبي قد أعلن أن البلاد تواجه أزمة يوم الجمعة.",
        "قال قيادي في جيش إدلب الحر إن المقاتلين يشاركون.",
        "فتحت المدينة الباب أمام الحل السياسي.",
        "حضر الملك عبد الله الثاني المؤتمر في مدينة الملك عبد الله.",
        "أقيم مخيم للنازحين قرب الحدود التركية.",
        "وقعت مباراة كرة القدم مساء السبت.",
        # a place name inside a venue's or a company's name
        "نقل الجرحى إلى المستشفى بعد الانفجار في مطعم بومباي بيل.",
        "أعلنت شركة أبوظبي الوطنية للطاقة أرباحها.",
    ],
)
def test_no_false_places(stage: Places, text: str) -> None:
    doc = run(stage, text)
    assert places_of(doc) == [], [(m.text, e.name_en) for e in places_of(doc) for m in e.mentions]


def test_org_mentions_mask_places(stage: Places) -> None:
    text = "وقال سامر الخطيب القيادي بجماعة (جيش إدلب الحر) إن عناصره يصدون هجوما جنوب إدلب."
    start = text.index("جيش إدلب الحر")
    org = Entity(
        "e1",
        "organization",
        "جيش إدلب الحر",
        "Jaish Idlib al-Hurr",
        None,
        "rebel_group",
        [Span(start, start + len("جيش إدلب الحر"), "جيش إدلب الحر")],
    )
    doc = run(stage, text, [org])
    assert [e.id for e in doc.entities] == ["e1", "e2"]  # numbering continues after existing entities
    assert [m.text for m in places_of(doc)[0].mentions] == ["جنوب إدلب"]


def test_nationality_adjectives_set_focus_but_are_no_places(stage: Places) -> None:
    doc = run(stage, "قالت الحكومة العراقية إن القوات الإيرانية لم تشارك في العمليات.")
    assert places_of(doc) == []
    assert doc.focus_country == "IQ"


def test_geo_precision_levels(stage: Places) -> None:
    doc = run(stage, "قتل مدنيون في بلدة سرمدا في محافظة إدلب شمال غربي سوريا، وفي ريف إدلب الجنوبي.")
    ents = by_mention(doc)
    assert ents["سرمدا"].geo is not None and ents["سرمدا"].geo.geo_precision == 1
    assert ents["محافظة إدلب"].geo is not None and ents["محافظة إدلب"].geo.geo_precision == 3
    assert ents["ريف إدلب الجنوبي"].geo is not None and ents["ريف إدلب الجنوبي"].geo.geo_precision == 2
    syria = ents["سوريا"]
    assert syria.level == "country" and syria.geo is not None and syria.geo.geo_precision == 3
    assert doc.focus_country == "SY"


def test_mentions_merge_into_one_entity(stage: Places) -> None:
    doc = run(stage, "قصفت الطائرات إدلب. وإدلب هي أكبر منطقة بسوريا خارج سيطرة الحكومة، وسكان إدلب نازحون.")
    idlib = [e for e in places_of(doc) if e.name_en == "Idlib"]
    assert len(idlib) == 1 and len(idlib[0].mentions) == 3
    assert all(m.text == "إدلب" for m in idlib[0].mentions)


def test_import_resolves_by_context(stage_import: Places, stage: Places) -> None:
    text = "وأضاف أن الاشتباكات تدور في قرية لويبدة في ريف إدلب الجنوبي."
    e = by_mention(run(stage_import, text))["لويبدة"]
    assert e.canonical_id == "ocha:C4074" and e.geo is not None
    assert (e.geo.admin1, e.geo.geo_precision, e.geo.candidates) == ("Idlib", 1, 3)
    assert e.geo.confidence is not None and e.geo.confidence > 0.5
    e = by_mention(run(stage, text))["لويبدة"]  # without the import: kept, unresolved, in the unit the text gives
    assert e.canonical_id is None and e.geo is not None and e.geo.in_gazetteer is False
    assert (e.geo.admin1, e.geo.geo_precision, e.geo.point, e.geo.country) == ("Idlib", 2, "area", "SY")


def test_low_prior_villages_need_context(stage_import: Places) -> None:
    assert places_of(run(stage_import, "دعا الوزير إلى السلام في المنطقة.")) == []
    doc = run(stage_import, "قصفت الطائرات قرية السلام في ريف حلب.")
    assert "السلام" in by_mention(doc)


def test_one_unknown_name_does_not_empty_the_document(stage: Places) -> None:
    doc = run(stage, "اشتباكات في قرية زززززز وفي مدينة حلب وفي دمشق.")
    names = set(by_mention(doc))
    assert {"حلب", "دمشق"} <= names


@pytest.mark.parametrize("text", ["", "   ", "!!! ... ؟؟", "12345", "a b c"])
def test_robust_on_odd_input(stage: Places, text: str) -> None:
    assert places_of(run(stage, text)) == []


_PIECES = [
    "بإدلب",
    "وحلب",
    "لدمشق",
    "ريف إدلب الجنوبي",
    "جنوب حماة",
    "قرية لويبدة",
    "سوريا",
    "بِإِدْلِب",
    "قَصْف",
    "في",
    "على",
    "،",
    ".",
    "\n",
    "الحكومة السورية",
    "ريفها الشمالي",
    "كان",
    "منطقة محدودة",
    "ﻻ",
    "ـ",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25))
def test_spans_map_back(stage: Places, pieces: list[str]) -> None:
    doc = run(stage, " ".join(pieces))
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
            assert m.text and not m.text[0].isspace()


def test_seed_article(stage: Places, stage_import: Places, seed_text: str) -> None:
    doc = run(stage, seed_text)
    ents = by_mention(doc)
    for mention, admin1 in [
        ("إدلب", "Idlib"),
        ("حلب", "Aleppo"),
        ("حماة", "Hama"),
        ("جنوب إدلب", "Idlib"),
        ("ريف إدلب الجنوبي", "Idlib"),
    ]:
        geo = ents[mention].geo if mention in ents else None
        assert geo is not None and geo.admin1 == admin1, mention
    assert ents["سوريا"].country == "SY"
    assert "لويبدة" in ents and ents["لويبدة"].canonical_id is None
    assert doc.focus_country == "SY"
    ents = by_mention(run(stage_import, seed_text))
    lw = ents["لويبدة"]
    assert lw.geo is not None and lw.geo.admin1 == "Idlib"


def test_seed_with_shared_ocha(shared_dir: Path, seed_text: str, tmp_path: Path) -> None:
    src = shared_dir / "gazetteer" / "syria" / "syria_ocha_locations_8007.csv"
    if not src.is_file():
        pytest.skip("shared OCHA table not present")
    from hadath.gazetteer.imports import import_files

    db = tmp_path / "ocha.sqlite"
    import_files([src], db=db)
    with Gazetteer(db) as user, Gazetteer(ensure_base()) as base:
        stage = Places(arabic(), Resolver(NameIndex([user, base])))
    lw = by_mention(run(stage, seed_text))["لويبدة"]
    assert lw.canonical_id is not None and lw.canonical_id.startswith("ocha:")
    assert lw.geo is not None and lw.geo.admin1 == "Idlib" and lw.geo.geo_precision == 1


def test_a_town_the_text_places_in_another_country_stays_unresolved(stage: Places) -> None:
    # the gazetteer's only جولو is Gulu (Uganda); the text puts it in the Philippines
    doc = run(stage, "تبنت الجماعة الهجوم على مدينة جولو في جنوب الفلبين. وقال الجيش إن الجنود قتلوا في جولو.")
    jolo = by_mention(doc)["جولو"]
    assert jolo.canonical_id is None and jolo.country == "PH" and len(jolo.mentions) == 2
    assert jolo.geo is not None and jolo.geo.lat is None and jolo.geo.in_gazetteer is False
    # a large city stands for its government: "دور طهران في سوريا" keeps Tehran
    doc = run(stage, "وانتقد الوزير دور طهران في سوريا.")
    assert by_mention(doc)["طهران"].name_en == "Tehran"


def test_a_unit_of_another_country_is_not_inside_the_unit_the_text_names(stage: Places) -> None:
    # the gazetteer's حيران is Hiraan, a region of Somalia; the text puts a district of that name in Hajjah (Yemen)
    doc = run(stage, "وتجددت المعارك في مديرية حيران بمحافظة حجة شمال غربي اليمن، ثم توقفت في حيران مساء.")
    hayran = by_mention(doc)["حيران"]
    assert hayran.canonical_id is None and hayran.country == "YE" and len(hayran.mentions) == 2
    assert hayran.geo is not None and hayran.geo.admin1 == "Hajjah" and hayran.geo.in_gazetteer is False
    # without a unit around it, the region of Somalia stays what the name means
    doc = run(stage, "وسيطرت القوات الصومالية على مناطق في إقليم حيران وسط الصومال.")
    assert by_mention(doc)["حيران"].country == "SO"


# -- issue 16: coverage, context, names, areas -----------------------------------------------------------------
def test_issue16_towns_without_an_arabic_name_by_transliteration(stage: Places) -> None:
    doc = run(stage, "انفجرت قنبلة في ماستونغ، وهي بلدة في إقليم بلوشستان جنوب غربي باكستان.")
    e = by_mention(doc)["ماستونغ"]
    assert (e.name_en, e.country, e.level) == ("Mastung", "PK", "town")
    assert e.canonical_id is not None and e.canonical_id.startswith("geonames:")
    assert e.geo is not None and (e.geo.admin1, e.geo.geo_precision, e.geo.point) == ("Balochistan", 1, "place")
    assert by_mention(doc)["إقليم بلوشستان"].level == "admin1"  # إقليم is a unit cue, part of the mention


def test_issue16_transliteration_needs_the_country_and_a_name_like_word(stage: Places) -> None:
    # the same word in an article about another country is no Pakistani town
    assert "ماستونغ" not in by_mention(run(stage, "وصل الوفد السوري إلى ماستونغ أمس لبحث الوضع في سوريا."))
    # common words after في are no foreign towns, whatever they sound like
    doc = run(stage, "وقف الرجل في شرفة المنزل في باكستان يراقب قتيلين في الشارع.")
    assert {"شرفة", "قتيلين"}.isdisjoint(by_mention(doc))


def test_issue16_a_city_of_the_country_wins_over_a_namesake_abroad(stage: Places) -> None:
    doc = run(stage, "وصلت المساعدات إلى مدينة غزنة جنوب كابول في أفغانستان بعد المعارك.")
    kabul = by_mention(doc)["كابول"]
    assert (kabul.name_en, kabul.country) == ("Kabul", "AF")


def test_issue16_score_and_runner_up_are_shown(stage: Places) -> None:
    doc = run(stage, "وقال مسؤول في مدينة بانو في باكستان إن الانفجار استهدف تجمعا انتخابيا.")
    e = by_mention(doc)["بانو"]
    assert e.geo is not None and e.geo.candidates is not None and e.geo.candidates > 1
    d = e.geo.to_dict()
    assert d["score"] > d["runner_up"]["score"]
    assert set(d["runner_up"]) == {"gazetteer_id", "name_en", "country", "admin1", "score"}


def test_issue16_unresolved_place_keeps_the_unit_the_text_gives(stage: Places) -> None:
    doc = run(stage, "قصفت طائرات حربية قرية زمبرقة في ريف إدلب الجنوبي صباح اليوم.")
    e = by_mention(doc)["زمبرقة"]
    assert e.canonical_id is None and e.level == "village" and e.geo is not None
    d = e.geo.to_dict()
    assert (d["country"], d["admin1"], d["geo_precision"], d["point"], d["in_gazetteer"]) == (
        "SY",
        "Idlib",
        2,
        "area",
        False,
    )
    assert e.name_en  # a rule romanisation, so exports have a location name


def test_issue16_capital_cue_and_unit_cue_choose_the_level(stage: Places) -> None:
    doc = run(stage, "وقالت مصادر في العاصمة صنعاء إن المعارك امتدت إلى محافظة صنعاء وعمران.")
    names = by_mention(doc)
    city = names["العاصمة صنعاء"]
    assert {m.text for m in city.mentions} >= {"العاصمة صنعاء", "صنعاء"}  # with the cue, and the bare name
    assert (city.level, city.country, city.geo and city.geo.admin1) == ("city", "YE", "Amanat al Asimah")
    assert names["محافظة صنعاء"].level == "admin1" and names["محافظة صنعاء"] is not city


def test_issue16_seas_outweigh_foreign_units_of_their_name(stage: Places) -> None:
    doc = run(stage, "هاجم الحوثيون ناقلة نفط في البحر الأحمر قبالة سواحل اليمن، وفق مصادر في مصر.")
    sea = by_mention(doc)["البحر الأحمر"]
    assert sea.geo is not None and sea.geo.country is None and sea.name_en == "Red Sea"


def test_issue16_stop_list_words_and_places(stage: Places) -> None:
    names = by_mention(run(stage, "وصل الرئيس إلى واشنطن يوم الاثنين. وقالت واشنطن إنها ستفرض عقوبات."))
    assert names["واشنطن"].name_en == "Washington" and len(names["واشنطن"].mentions) == 2
    assert by_mention(run(stage, "ودخلت القوات تدمر وسط سوريا بعد معارك."))["تدمر"].name_en == "Palmyra"
    assert "تدمر" not in by_mention(run(stage, "وقال إن الحرب تدمر البلاد منذ سنوات في سوريا."))
    assert places_of(run(stage, "كانت السماء زرقاء وقال المتحدث إن هاتين المدينتين آمنتان.")) == []
    # a city whose name is also a verb or a noun ("سرت شائعات": rumours spread; "العمارة": the building)
    assert [
        e.name_en for e in places_of(run(stage, "وسرت شائعات عن اعتقال الصحفي عند مدخل العمارة التي يسكنها في موسكو."))
    ] == ["Moscow"]
    names = by_mention(run(stage, "وتظاهر المئات في العمارة، فيما سيطرت القوات على مدينة سرت."))
    assert names["العمارة"].name_en == "Amarah" and names["سرت"].name_en == "Sirt"
    # "مشهد" (a scene) is the city only after a cue or in a list of places
    assert places_of(run(stage, "وفي مشهد مؤثر، ودع الأهالي الضحايا.")) == []
    assert places_of(run(stage, "كشف الممثل سرا يتعلق بمشهد من الفيلم.")) == []
    # the stock exchange, a derby, a rally and a car model, not Bursa, Derby, Raleigh or Bolu
    text = "تراجع مؤشر بورصة دبي بعد ديربي الأحد، فيما انطلق رالي الصحراء بسيارة بولو."
    assert [e.name_en for e in places_of(run(stage, text))] == ["Dubai"]
    assert by_mention(run(stage, "وتظاهر الآلاف في مدينة مشهد."))["مشهد"].name_en == "Mashhad"
    assert by_mention(run(stage, "وامتدت الاحتجاجات في إيران إلى طهران ومشهد وشيراز."))["مشهد"].name_en == "Mashhad"
    assert by_mention(run(stage, "وقالت السلطات الإيرانية إن الشرطة اعتقلت 50 شخصا في مشهد."))["مشهد"].name_en == (
        "Mashhad"
    )


def test_issue16_a_list_of_units_lifts_the_stop_list(stage: Places) -> None:
    names = by_mention(run(stage, "تكبد المسلحون خسائر في محافظات صعدة والبيضاء وحجة في اليمن."))
    assert {names[n].name_en for n in ("صعدة", "البيضاء", "حجة")} == {"Saada", "Al Bayda", "Hajjah"}


def test_issue16_hashtag_between_cue_and_name(stage: Places) -> None:
    names = by_mention(run(stage, "قالت مصادر إن القيادة في محافظة #الحديدة أصدرت تعميما."))
    assert "محافظة #الحديدة" in names and names["محافظة #الحديدة"].name_en == "Al Hudaydah"


def test_issue16_country_that_leads_a_coalition_is_a_place(stage: Places) -> None:
    text = "ونسب المتمردون الغارات إلى التحالف بقيادة السعودية في اليمن."
    start = text.index("التحالف")
    end = text.index(" في اليمن")
    org = Entity("e1", "organization", "التحالف بقيادة السعودية", "Saudi-led Coalition", None, "external")
    org.mentions = [Span(start, end, text[start:end])]
    names = by_mention(run(stage, text, [org]))
    assert names["السعودية"].level == "country" and names["السعودية"].country == "SA"


def test_issue16_descriptive_unit_names_only_in_their_country(stage: Places) -> None:
    doc = run(stage, "وبعد عودته من المحافظة الجنوبية، ترأس رئيس الوزراء اجتماعا في بغداد بالعراق.")
    assert "المحافظة الجنوبية" not in by_mention(doc)


def test_issue16_spelling_variant_of_an_imported_village() -> None:
    user = [
        Place(
            "ocha:C2334", "Shafuniyeh", "الشفونية", "village", "SY", "Rif Dimashq", lat=33.56, lon=36.44, source="ocha"
        )
    ]
    with Gazetteer(ensure_base()) as gz:
        index = NameIndex([MemoryGazetteer((p, []) for p in user), gz])
    st = Places(arabic(), Resolver(index))
    e = by_mention(run(st, "انفجار في منطقة الشيفونية بالغوطة الشرقية في سوريا."))["الشيفونية"]
    assert e.canonical_id == "ocha:C2334"


def test_issue16_landmark_cue_names_an_unknown_place_with_it(stage: Places) -> None:
    names = by_mention(run(stage, "سقطت قذائف على ضاحية الأسد السكنية في حرستا بريف دمشق."))
    assert "ضاحية الأسد" in names and names["ضاحية الأسد"].level == "neighbourhood"


def test_issue16_country_and_unit_points_are_centroids(stage: Places) -> None:
    doc = run(stage, "قصفت الطائرات مواقع في سوريا وفي محافظة إدلب.")
    syria, idlib = by_mention(doc)["سوريا"], by_mention(doc)["محافظة إدلب"]
    assert syria.geo is not None and syria.geo.point == "centroid" and syria.geo.geo_precision == 3
    assert idlib.geo is not None and idlib.geo.point == "centroid" and idlib.geo.admin2 is None


def test_issue16_the_unit_named_next_to_a_town_beats_a_famous_namesake(stage: Places) -> None:
    # المنصورة is a city of 600,000 in Egypt and a village in Raqqa; the text names Raqqa
    e = by_mention(run(stage, "سيطرت القوات على بلدة المنصورة في ريف الرقة الغربي شمال سوريا."))["المنصورة"]
    assert e.geo is not None and (e.geo.country, e.geo.admin1) == ("SY", "Raqqa")
    assert e.geo.runner_up is not None and e.geo.runner_up["country"] == "EG"
    # without a Syrian reading, a town the text puts in a Syrian unit stays a Syrian place the gazetteer lacks
    e = by_mention(run(stage, "قتل مدنيون في بلدة الحسينية في محافظة دير الزور."))["الحسينية"]
    assert e.geo is not None and (e.geo.country, e.geo.admin1, e.geo.in_gazetteer) == ("SY", "Deir ez-Zor", False)


def test_a_settlement_cue_names_the_town_not_the_unit_of_its_name(stage: Places) -> None:
    # constructed: "مدينة X" is the town even where the index groups it with the governorate named like it
    city = by_mention(run(stage, "قصفت الطائرات مدينة حلب ونزح المدنيون منها."))["حلب"]
    assert (city.level, city.geo and city.geo.point, city.geo and city.geo.admin1) == ("city", "place", "Aleppo")
    unit = places_of(run(stage, "وصلت التعزيزات إلى محافظة الحديدة."))[0]
    assert unit.level == "admin1"
    town = by_mention(run(stage, "وصلت التعزيزات إلى مشارف مدينة الحديدة."))["الحديدة"]
    assert town.level == "city" and town.geo is not None and town.geo.admin1 == "Al Hudaydah"
