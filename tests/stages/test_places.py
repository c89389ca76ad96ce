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
        assert e.geo.lat is None and e.geo.feature == level and e.source == "pattern"


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
    e = by_mention(run(stage, text))["لويبدة"]  # without the import: kept, unresolved
    assert e.canonical_id is None and e.geo is not None and e.geo.lat is None


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
    assert jolo.name_en is None and jolo.country == "PH" and len(jolo.mentions) == 2
    assert jolo.geo is not None and jolo.geo.lat is None
    # a large city stands for its government: "دور طهران في سوريا" keeps Tehran
    doc = run(stage, "وانتقد الوزير دور طهران في سوريا.")
    assert by_mention(doc)["طهران"].name_en == "Tehran"
