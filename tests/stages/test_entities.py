"""Stage ``entities``: dictionary matching with clitics, patterns, generic resolution, merging and offsets."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from hadath.doc import Doc, Entity
from hadath.lang.ar import arabic
from hadath.pipeline import Pipeline
from hadath.stages.entities._focus import focus_from_names, focus_from_places


@pytest.fixture(scope="module")
def nlp() -> Pipeline:
    return Pipeline(["normalize", "segment", "entities"])


def run(nlp: Pipeline, text: str, **meta: str | None) -> Doc:
    doc = nlp.extract(text, **meta)
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text
    return doc


def by_name(doc: Doc, name_en: str) -> Entity:
    found = [e for e in doc.entities if e.name_en == name_en]
    assert found, f"{name_en!r} not in {[e.name_en for e in doc.entities]}"
    assert len(found) == 1, f"{name_en!r} split into {len(found)} entities"
    return found[0]


def texts(e: Entity) -> list[str]:
    return [m.text for m in e.mentions]


# -- dictionary matching -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name_en", "mention"),
    [
        ("تقدم بالجيش السوري نحو المدينة.", "Military Forces of Syria", "الجيش السوري"),
        ("اشتباكات بين الفصائل وداعش في الريف.", "Islamic State", "داعش"),
        (
            "ووفقا للمرصد السوري لحقوق الإنسان قتل عشرة.",
            "Syrian Observatory for Human Rights",
            "للمرصد السوري لحقوق الإنسان",
        ),
        ("وقال لحزب الله إنه مستعد.", "Hezbollah", "حزب الله"),
        ("قالت وكالة رويترز إن الهجوم وقع فجرا.", "Reuters", "رويترز"),
        ("(أ ف ب، رويترز)", "Agence France-Presse", "أ ف ب"),
        ("وقال مسؤول لبي بي سي إن الوضع خطير.", "BBC", "بي بي سي"),
        ("دمشق (CNN) – قتل خمسة.", "CNN", "CNN"),
        ('وأعلن تنظيم "داعش" مسؤوليته.', "Islamic State", 'تنظيم "داعش"'),
    ],
)
def test_clitics_and_surface_forms(nlp: Pipeline, text: str, name_en: str, mention: str) -> None:
    doc = run(nlp, text)
    assert mention in texts(by_name(doc, name_en))


@pytest.mark.parametrize(
    ("text", "name_en", "not_name"),
    [
        ("سيطرت قوات سوريا الديمقراطية على القرية.", "Syrian Democratic Forces", "Military Forces of Syria"),
        ("قالت الحكومة السورية المؤقتة إن المستشفى قصف.", "Syrian Interim Government", "Government of Syria"),
        ("هاجمت كتائب حزب الله مواقع في العراق.", "Kataib Hezbollah", "Hezbollah"),
    ],
)
def test_longest_match_wins(nlp: Pipeline, text: str, name_en: str, not_name: str) -> None:
    doc = run(nlp, text)
    names = [e.name_en for e in doc.entities]
    assert name_en in names
    assert not_name not in names


def test_no_match_inside_a_word(nlp: Pipeline) -> None:
    doc = run(nlp, "وصل الداعشيون الجدد إلى المدينة بالقطار.")
    assert all(e.canonical_id != "isis" or "داعش" not in texts(e) for e in doc.entities)


def test_countries_and_adjectives_are_not_entities(nlp: Pipeline) -> None:
    doc = run(nlp, "نفت روسيا الاتهامات وقالت إسرائيل إن الوفد السوري وصل.")
    assert doc.entities == []


# -- generic references ----------------------------------------------------------------------------------------

SYRIA = (
    "قال المرصد السوري لحقوق الإنسان إن قوات النظام قصفت بلدة في ريف إدلب. "
    "وأضاف المرصد أن الجيش استعاد قرية من تنظيم داعش. "
    "وقال إن مسلحي التنظيم انسحبوا، فيما اشتبكت فصائل المعارضة مع النظام."
)


def test_generic_references_resolve_to_the_focus_country(nlp: Pipeline) -> None:
    doc = run(nlp, SYRIA, title="سوريا: قصف على إدلب")
    assert doc.focus_country == "SY"
    mil = by_name(doc, "Military Forces of Syria")
    assert {"قوات النظام", "الجيش", "النظام"} <= set(texts(mil))
    assert mil.actor_type == "state_forces" and mil.source == "context"  # no direct alias: resolved by context
    assert "المرصد" in texts(by_name(doc, "Syrian Observatory for Human Rights"))
    assert "مسلحي التنظيم" in texts(by_name(doc, "Islamic State"))
    opp = by_name(doc, "Opposition Rebels (Syria)")
    assert opp.source == "context" and opp.actor_type == "rebel_group"


def test_generic_antecedent_beats_focus(nlp: Pipeline) -> None:
    text = "أسقطت الدفاعات الجوية السورية طائرة في سوريا. وقالت سوريا إن الدفاعات الجوية تصدت لصواريخ."
    doc = run(nlp, text)
    assert texts(by_name(doc, "Military Forces of Syria")) == ["الدفاعات الجوية السورية", "الدفاعات الجوية"]


def test_state_forces_abroad_are_external(nlp: Pipeline) -> None:
    text = "قال الجيش الإسرائيلي إنه قصف مواقع في سوريا. وتقاتل قوات إيرانية في سوريا إلى جانب القوات السورية."
    doc = run(nlp, text, title="غارات في سوريا")
    assert doc.focus_country == "SY"
    assert by_name(doc, "Military Forces of Israel").actor_type == "external"
    assert by_name(doc, "Military Forces of Iran").actor_type == "external"
    assert by_name(doc, "Military Forces of Syria").actor_type == "state_forces"


@pytest.mark.parametrize(
    ("published", "name_en"), [("2018-03-01", "Hayat Tahrir al-Sham"), ("2015-03-01", "Jabhat al-Nusra")]
)
def test_renamed_groups_follow_the_date(nlp: Pipeline, published: str, name_en: str) -> None:
    doc = run(nlp, "سيطرت جبهة النصرة على البلدة في إدلب.", published=published)
    assert [e.name_en for e in doc.entities] == [name_en]


def test_islamist_factions_are_a_generic_actor(nlp: Pipeline) -> None:
    doc = run(nlp, "وتهيمن جماعات إسلامية على المحافظة السورية، وتتواجه الفصائل الإسلامية مع التنظيم.")
    e = by_name(doc, "Islamist factions")
    assert set(texts(e)) == {"جماعات إسلامية", "الفصائل الإسلامية"}
    assert e.canonical_id is None


# -- unseen organisations --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mention", "actor_type"),
    [
        ("وأكد قيادي بجماعة (جيش حلب الحر) الخبر.", "جيش حلب الحر", "rebel_group"),
        ('وقال قائد "لواء شهداء الفرقان" إن مقاتليه صدوا الهجوم في إدلب.', "لواء شهداء الفرقان", "rebel_group"),
        ('ونشرت صحيفة "المدى" تقريرا عن الهجوم.', "المدى", "noncombatant"),
        # the preposition على (normalised like the name علي) ends the name
        ("وتبنى لواء شهداء الفرقان على لسان المتحدث باسمه الهجوم.", "لواء شهداء الفرقان", "rebel_group"),
    ],
)
def test_unseen_organisations(nlp: Pipeline, text: str, mention: str, actor_type: str) -> None:
    doc = run(nlp, text)
    orgs = [e for e in doc.entities if e.kind == "organization" and mention in texts(e)]
    assert len(orgs) == 1
    assert orgs[0].source == "pattern" and orgs[0].actor_type == actor_type and orgs[0].name_en


@pytest.mark.parametrize(
    "text", ["شارك في الجماعة عدد من الناس.", "وقالت جماعات حقوقية إن الوضع سيئ.", "انتقد حزب معارض القرار."]
)
def test_generic_heads_alone_are_not_organisations(nlp: Pipeline, text: str) -> None:
    assert [e for e in run(nlp, text).entities if e.source == "pattern"] == []


# -- persons ---------------------------------------------------------------------------------------------------


def test_title_and_apposition_give_role_and_affiliation(nlp: Pipeline) -> None:
    text = "وأكد حسن حاج علي القيادي بجماعة (جيش حلب الحر) تقرير المرصد."
    doc = run(nlp, text)
    person = by_name(doc, "Hassan Haj Ali")
    assert person.kind == "person" and person.role == "commander" and person.source == "pattern"
    org = next(e for e in doc.entities if "جيش حلب الحر" in texts(e))
    assert person.affiliation == org.id


def test_title_with_apposition_before_the_name_and_surname_merge(nlp: Pipeline) -> None:
    text = (
        'نفى المتحدث باسم فصيل "فيلق الرحمن"، أحد أكبر فصائل المنطقة، وائل علوان أي اتصال. '
        "وشدد علوان على التصدي للهجوم."
    )
    doc = run(nlp, text)
    persons = [e for e in doc.entities if e.kind == "person"]
    assert len(persons) == 1
    p = persons[0]
    assert texts(p) == ["وائل علوان", "علوان"]
    assert p.role == "spokesperson"
    assert p.affiliation == by_name(doc, "Faylaq al-Rahman").id


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("وقال محمد الحلبي إن القصف استمر.", "محمد الحلبي"),
        ("يقول كريم (29 عاما) إنه ينوي الرحيل.", "كريم"),
        ("بينما قالت أم أحمد، وهي من سكان الحي، إن الدمار واسع.", "أم أحمد"),
        ("وقالت الناشطة الحقوقية سمر العلي لوكالة الأنباء إن القصف استهدف المدنيين.", "سمر العلي"),
        # a title vouches for an unlisted foreign first name; a surname may begin with ك
        ("وأكد وزير الداخلية هربرت كيكل أن بلاده ستطرد الأئمة.", "هربرت كيكل"),
        ("وقال وزير المالية أولاف شولتس مؤتمراً صحافياً.", "أولاف شولتس"),
        # an enclitic pronoun or tanween ends the name (أغنيتها، رسالته، هاتفاً)
        ("وقدمت الفنانة منى هلا أغنيتها الجديدة.", "منى هلا"),
    ],
)
def test_unseen_persons(nlp: Pipeline, text: str, mention: str) -> None:
    doc = run(nlp, text)
    persons = [e for e in doc.entities if e.kind == "person"]
    assert [texts(p) for p in persons] == [[mention]]
    assert persons[0].name_en


@pytest.mark.parametrize(
    "text",
    [
        "وقال مصدر في جماعة أحرار الشام إن المسلحين دخلوا.",
        "وسيطر المسلحون على الطريق بعد أن أكد ناشطون الخبر.",
        "واحتج العمال على القرار.",
    ],
)
def test_no_person_without_a_name(nlp: Pipeline, text: str) -> None:
    assert [e for e in run(nlp, text).entities if e.kind == "person"] == []


def test_role_phrase_joins_the_named_person(nlp: Pipeline) -> None:
    text = "قال رئيس الوزراء الإسرائيلي، بنيامين نتنياهو، إن حكومته سترد على أي هجوم. وكرر رئيس الوزراء الإسرائيلي التحذير."
    doc = run(nlp, text)
    p = by_name(doc, "Benjamin Netanyahu")
    assert {"بنيامين نتنياهو", "رئيس الوزراء الإسرائيلي"} <= set(texts(p))
    assert p.canonical_id == "netanyahu"


def test_known_person_surname_merges(nlp: Pipeline) -> None:
    doc = run(nlp, "قال بشار الأسد في مقابلة إن الحرب ستنتهي. وأضاف الأسد أن الجيش منتصر.")
    assert texts(by_name(doc, "Bashar al-Assad")) == ["بشار الأسد", "الأسد"]


# -- offsets and ids ----------------------------------------------------------------------------------------------


def test_offsets_with_tashkeel_and_clitics(nlp: Pipeline) -> None:
    text = "وَقَصَفَ الطَّيَرانُ مَواقِعَ لِلْمُعارَضَةِ، وَبِالجَيْشِ السُّورِيِّ قُتِلَ عَشَرَةٌ."
    doc = run(nlp, text, title="سوريا")
    mil = by_name(doc, "Military Forces of Syria")
    assert mil.mentions[0].text == "الجَيْشِ السُّورِيِّ"


def test_ids_follow_first_mention_and_continue_numbering(nlp: Pipeline) -> None:
    doc = run(nlp, "قال المرصد السوري لحقوق الإنسان إن داعش هاجم. وأكدت رويترز الخبر.")
    assert [e.id for e in doc.entities] == ["e1", "e2", "e3"]
    assert [e.canonical_id for e in doc.entities] == ["sohr", "isis", "reuters"]
    starts = [e.mentions[0].start for e in doc.entities]
    assert starts == sorted(starts)


def test_stage_contract() -> None:
    from hadath.stages.entities import make_stage

    stage = make_stage(arabic())
    assert stage.name == "entities"
    assert stage.requires == frozenset({"tokens"})
    assert stage.provides == frozenset({"entities", "focus"})


# -- seed (skips when ../shared is absent; dev-set scores are pinned by bench/eval_gate.py) --------------------------------------------------------------


def _scorer(shared: Path) -> ModuleType:
    path = shared / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("score.py not present")
    spec = importlib.util.spec_from_file_location("hadath_shared_score", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_article(nlp: Pipeline, seed_text: str, shared_dir: Path) -> None:
    doc = run(nlp, seed_text)
    gold = json.loads((shared_dir / "eval" / "dev" / "seed-dw-2018-02-09.json").read_text(encoding="utf-8"))
    score = _scorer(shared_dir)
    out = [e.to_dict() for e in doc.entities]
    for ge in gold["entities"]:
        if ge["kind"] == "place":
            continue
        hits = [se for se in out if score.ent_match(se, ge)]
        assert hits, f"gold {ge['name_en']} not found"
        if ge["kind"] == "organization":
            assert any(h["actor_type"] == ge["actor_type"] for h in hits), ge["name_en"]
    mil = by_name(doc, "Military Forces of Syria")
    assert {"الجيش", "النظام"} <= set(texts(mil))
    assert "مسلحي التنظيم" in texts(by_name(doc, "Islamic State")) or "التنظيم" in texts(by_name(doc, "Islamic State"))
    assert texts(by_name(doc, "Jaish Idlib al-Hurr")) == ["جيش إدلب الحر"]
    assert not any("مصدر" in m for e in doc.entities for m in texts(e))


# -- the focus layer: both rules live in stages/entities/_focus.py ---------------------------------------------------


@pytest.mark.parametrize(
    ("votes", "country", "source"),
    [
        ({}, None, None),
        ({"SY": 0.75}, None, None),  # below the threshold: the names decide nothing
        ({"SY": 1.0, "IQ": 0.3}, "SY", "names"),
        ({"SY": 2.0, "IQ": 2.0}, "IQ", "names"),  # a tie goes to the first in alphabetical order
    ],
)
def test_focus_from_names(votes: dict[str, float], country: str | None, source: str | None) -> None:
    focus = focus_from_names(votes)
    assert (focus.country, focus.source, focus.votes) == (country, source, votes)


@pytest.mark.parametrize(
    ("counts", "country", "source"),
    [
        (Counter(), None, None),
        (Counter({"SY": 2, "TR": 1}), "SY", "places"),
        (Counter({"TR": 1, "SY": 1}), "TR", "places"),  # a tie goes to the first named
    ],
)
def test_focus_from_places(counts: Counter[str], country: str | None, source: str | None) -> None:
    focus = focus_from_places(counts)
    assert (focus.country, focus.source, focus.votes) == (country, source, dict(counts))


def test_focus_source_names_then_places() -> None:
    full = Pipeline(["normalize", "segment", "entities", "places"])
    by_names = full.extract("قصفت الطائرات مواقع في سوريا.")
    assert (by_names.focus.country, by_names.focus.source) == ("SY", "names")
    by_places = full.extract("قتل مدنيون عراقيون.")  # no name decides; the places stage's adjective does
    assert (by_places.focus.country, by_places.focus.source) == ("IQ", "places")


# -- step 3b: the learned name tagger -------------------------------------------------------------------------------
def test_names_no_lexicon_knows_come_from_the_tagger(nlp: Pipeline) -> None:
    doc = run(nlp, "وصل الوفد برئاسة هانز كلوغه إلى بروكسل أمس، وأكد كلوغه أن المحادثات بناءة.")
    (person,) = [e for e in doc.entities if e.kind == "person"]
    assert person.source == "model"
    assert texts(person) == ["هانز كلوغه", "كلوغه"]  # the surname alone is the same person, read without ك


def test_the_tagger_comes_after_the_knowledge_base(nlp: Pipeline) -> None:
    doc = run(nlp, "قال المرصد السوري لحقوق الإنسان إن المدينة تعرضت للقصف.")
    assert {e.source for e in doc.entities} == {"kb"}


@pytest.mark.parametrize(
    "text",
    [
        "اجتمع الأكراد والشيعة في الساحة العامة.",  # peoples and sects are no organisations
        "اتفقت الدول على نزع السلاح الكيمياوي.",  # an adjective alone
        "وتعتبر أنقرة الوحدات منظمة إرهابية.",  # a description
    ],
)
def test_descriptions_are_not_taken_from_the_tagger(nlp: Pipeline, text: str) -> None:
    assert [e for e in run(nlp, text).entities if e.source == "model"] == []


def test_the_tagger_can_be_left_out() -> None:
    text = "وصل الوفد برئاسة هانز كلوغه إلى بروكسل أمس."
    off = Pipeline(["normalize", "segment", "entities"], config={"entities": {"tagger": False}})
    assert [e for e in off.extract(text).entities if e.source == "model"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the pattern ran on into the next word: the tagger ends the name
        ("وقال الدكتور سليم شاكر أستاذ الكيمياء في الجامعة إن التجربة نجحت.", "سليم شاكر"),
        # the pattern stopped at a surname no lexicon knows: the tagger takes it in
        ("وأعلن العقيد مارتن فيلدهاوزر أن القوات انسحبت من الموقع.", "مارتن فيلدهاوزر"),
    ],
)
def test_the_tagger_decides_where_a_pattern_person_ends(nlp: Pipeline, text: str, name: str) -> None:
    (person,) = [e for e in run(nlp, text).entities if e.kind == "person"]
    assert texts(person) == [name]
    assert person.source == "pattern"


def test_a_known_person_after_bin_is_the_father_inside_a_longer_name(nlp: Pipeline) -> None:
    doc = run(nlp, "واستقبل الشيخ حمدان بن محمد بن راشد آل مكتوم وفدا من رجال الأعمال.")
    (person,) = [e for e in doc.entities if e.kind == "person"]
    assert texts(person) == ["حمدان بن محمد بن راشد آل مكتوم"]
    assert person.canonical_id is None


@pytest.mark.parametrize(
    "text",
    [
        "وتركز القمة علي موضوع دعم التكنولوجيا في المدارس الحكومية .",
        "وقال الخبير ان المنطقة علي وشك خوض مواجهة جديدة مع الجيران .",
    ],
)
def test_ala_written_with_ya_is_the_preposition_where_the_text_never_writes_alef_maqsura(
    nlp: Pipeline, text: str
) -> None:
    assert [e for e in run(nlp, text).entities if e.kind == "person"] == []


def test_ali_is_still_a_name_where_the_tagger_sees_a_person(nlp: Pipeline) -> None:
    doc = run(nlp, "وقال علي حسن إن الاجتماع سيعقد في موعده ولكنه لم يحدد متى.")
    assert [texts(e) for e in doc.entities if e.kind == "person"] == [["علي حسن"]]


def test_a_team_named_in_frequent_words_is_an_organisation(nlp: Pipeline) -> None:
    doc = run(nlp, "وأعلن بايرن ميونيخ تعاقده مع لاعب جديد.")
    assert [(e.kind, texts(e)) for e in doc.entities] == [("organization", ["بايرن ميونيخ"])]


@pytest.mark.parametrize(
    "text",
    [
        'وفاز المتسابق في برنامج "ذا فويس" بالمركز الأول.',  # a work, not an organisation
        "وأكد الوزير أن هجوم بيت لحم كان مدبرا.",  # an event
        "ونقلت وسائل اعلام ان روس وصل الى المدينة.",  # a particle among frequent words: a phrase
    ],
)
def test_works_events_and_phrases_are_not_organisations(nlp: Pipeline, text: str) -> None:
    assert [e for e in run(nlp, text).entities if e.kind == "organization" and e.source == "model"] == []


def test_a_surname_is_not_matched_inside_a_place_the_tagger_reads(nlp: Pipeline) -> None:
    doc = run(
        nlp, "وقال الزعيم الكوري الشمالي كيم يونغ أون إن بلاده مستعدة. وأكدت مصادر في بيونغ يانغ أن الاجتماع انتهى."
    )
    assert [texts(e) for e in doc.entities if e.kind == "person"] == [["كيم يونغ"]]


def test_mentions_say_whether_they_name_or_describe(nlp: Pipeline) -> None:
    # constructed: a named group, a described army, and a person named then referred to by title
    doc = run(
        nlp,
        "هاجمت قوات سوريا الديمقراطية مواقع قرب الرقة، ورد الجيش السوري بقصف مدفعي. "
        "وقال رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن حكومته تتابع. وأضاف رئيس الوزراء الإسرائيلي أنه قلق.",
    )
    sdf = by_name(doc, "Syrian Democratic Forces")
    assert sdf.reference == "name" and [m.reference for m in sdf.mentions] == ["name"]
    army = by_name(doc, "Military Forces of Syria")
    assert army.reference == "description"
    assert army.to_dict()["mentions"][0]["reference"] == "description"
    pm = by_name(doc, "Benjamin Netanyahu")
    assert pm.reference == "name"
    assert {(m.text, m.reference) for m in pm.mentions} == {
        ("بنيامين نتنياهو", "name"),
        ("رئيس الوزراء الإسرائيلي", "description"),
    }


def test_a_generic_reference_is_a_description(nlp: Pipeline) -> None:
    doc = run(nlp, "قصفت قوات النظام بلدات في ريف إدلب، وقال المرصد إن قوات النظام تقدمت. وأكدت دمشق أن الجيش سيواصل.")
    army = [e for e in doc.entities if e.name_en == "Military Forces of Syria"]
    assert army and all(m.reference == "description" for m in army[0].mentions)


def test_english_names_say_where_they_come_from(nlp: Pipeline) -> None:
    # constructed: a known foreign name word by word, a name no dictionary attests, a knowledge-base actor
    doc = run(
        nlp,
        "وقال وزير الداخلية النمساوي هربرت كيكل إن الحكومة ستشدد القواعد، بينما قال قائد جيش الإسلام إن الهدنة صامدة.",
    )
    kickl = by_name(doc, "Herbert Kickl")
    assert kickl.name_en_source == "known" and kickl.to_dict()["name_en_source"] == "known"
    assert all(e.name_en_source == "kb" for e in doc.entities if e.canonical_id and e.kind != "place")


def test_an_institution_resolves_to_the_country_the_text_or_the_focus_gives(nlp: Pipeline) -> None:
    # constructed: a ministry with a nationality adjective, institutions of the focus country, a bare army
    doc = run(
        nlp,
        "قالت الحكومة التونسية في تونس إن البنك المركزي رفع الفائدة، وأكدت وزارة المالية ذلك في بيان، "
        "بينما قالت وزارة التجارة الصينية إن الصادرات إلى تونس تراجعت. وقال الجيش إنه مستعد.",
    )
    china = by_name(doc, "Ministry of Commerce of China")
    assert texts(china) == ["وزارة التجارة الصينية"] and china.country == "CN"
    bank = by_name(doc, "Central Bank of Tunisia")
    assert bank.reference == "name" and texts(bank) == ["البنك المركزي"]
    assert by_name(doc, "Ministry of Finance of Tunisia").reference == "name"
    assert by_name(doc, "Military Forces of Tunisia").reference == "description"
    doc = run(nlp, "وصادق مجلس الأمة في الكويت على القانون، وقالت الكويت إنه نافذ.")
    assert texts(by_name(doc, "Parliament of Kuwait")) == ["مجلس الأمة"]
    doc = run(nlp, "وأعلن الديوان الملكي في عمان أن الأردن سيستضيف القمة.")
    assert texts(by_name(doc, "Royal Court of Jordan")) == ["الديوان الملكي"]


def test_a_diplomatic_mission_is_the_country_the_text_names_never_the_focus(nlp: Pipeline) -> None:
    # constructed: missions named by a nationality adjective or a country's name, a later bare reference, and a
    # bare embassy in an article about Lebanon (the embassy is some foreign state's, not Lebanon's)
    doc = run(
        nlp,
        "واعتصم طلاب أمام السفارة الإيطالية في بيروت، وقال الوفد الياباني إن الاجتماع تأجل. "
        "وأغلقت قنصلية كندا أبوابها، وقالت السفارة إنها تتابع الوضع.",
    )
    italy = by_name(doc, "Embassy of Italy")
    assert texts(italy) == ["السفارة الإيطالية", "السفارة"] and italy.reference == "name"
    assert not [e for e in doc.entities if "الوفد الياباني" in texts(e)]  # a delegation is no standing body
    assert texts(by_name(doc, "Consulate of Canada")) == ["قنصلية كندا"]
    doc = run(nlp, "وأغلقت السلطات السفارة والمركز الثقافي الألمانيين في المدينة.")
    assert not [e for e in doc.entities if (e.name_en or "").startswith("Embassy")]  # two institutions
    doc = run(nlp, "وقال مسؤول في بيروت إن السفارة أبلغت الحكومة اللبنانية بموقفها.")
    assert not [e for e in doc.entities if (e.name_en or "").startswith("Embassy")]


def test_a_party_or_movement_designator_opens_a_definite_name(nlp: Pipeline) -> None:
    # constructed: a party with one definite word, one with a coordinated pair, a movement in construct; a
    # movement of traffic, an indefinite party and "his party" are descriptions
    doc = run(
        nlp,
        "وقال حزب الدعوة إنه سيشارك، ورفض حزب العدالة والتنمية ذلك، وأعلنت حركة أنصار الدين مسؤوليتها. "
        "ودعا اتحاد المزارعين ونقابة المعلمين إلى إضراب. "
        "وتوقفت حركة المرور في المدينة، وحذر حزب معارض من الفوضى، وقال الوزير إن حزبه الحاكم سيصوت.",
    )
    orgs = sorted(m for e in doc.entities if e.kind == "organization" for m in texts(e))
    # حركة stands outside the bare name it opens (name_span_designators.txt); حزب، اتحاد، نقابة are the name's
    assert orgs == ["أنصار الدين", "اتحاد المزارعين", "حزب الدعوة", "حزب العدالة والتنمية", "نقابة المعلمين"]


def test_an_alias_that_is_a_common_noun_before_an_adjective_is_the_noun(nlp: Pipeline) -> None:
    # constructed: a military base and young people; the organisations with their head or other agreement
    doc = run(
        nlp,
        "وسقطت قذائف على القاعدة الجوية شمال المدينة، وتظاهر الشباب الجامعي في الساحة. "
        "وتبنى تنظيم القاعدة الهجوم، وقالت حركة الشباب إنها قتلت جنديين.",
    )
    orgs = sorted(m for e in doc.entities if e.kind == "organization" for m in texts(e))
    assert orgs == ["تنظيم القاعدة", "حركة الشباب"]


def test_a_body_of_an_organisation_is_named_without_its_affiliation(nlp: Pipeline) -> None:
    # constructed: the council's span is its name; the organisation after "التابع ل" is its own mention
    doc = run(nlp, "وعقد مجلس الأمن التابع للأمم المتحدة جلسة طارئة بشأن اليمن.")
    assert texts(by_name(doc, "UN Security Council")) == ["مجلس الأمن"]


def test_western_powers_are_one_collective_actor(nlp: Pipeline) -> None:
    # constructed: two ways of naming the Western states together
    doc = run(nlp, "وطالبت الدول الغربية بتحقيق مستقل، فيما هددت القوى الغربية بفرض عقوبات.")
    assert texts(by_name(doc, "Western powers")) == ["الدول الغربية", "القوى الغربية"]


def test_an_institution_with_no_country_in_view_is_no_entity(nlp: Pipeline) -> None:
    doc = run(nlp, "وقال خبير إن وزارة المالية يجب أن تراجع سياستها.")
    assert not [e for e in doc.entities if e.kind == "organization"]


@pytest.mark.parametrize(
    ("text", "name_en", "mention"),
    [
        # constructed: coordinated words continue the title before the nationality
        ("وقال الناطق باسم وزارة الصناعة والتجارة الأردنية إن الأسعار ثابتة.", "Ministry of Industry of Jordan",
         "وزارة الصناعة والتجارة الأردنية"),
        # the adjective agrees with the genitive of a two-word reference
        ("قال الناطق الرسمي لقوات الأمن الفلسطيني إن الرواية غير صحيحة.", "Police Forces of Palestine",
         "قوات الأمن الفلسطيني"),
    ],
)  # fmt: skip
def test_a_nationality_adjective_names_the_country(nlp: Pipeline, text: str, name_en: str, mention: str) -> None:
    assert texts(by_name(run(nlp, text), name_en)) == [mention]


def test_a_one_word_reference_inside_a_title_takes_no_adjective(nlp: Pipeline) -> None:
    # constructed: الخارجية inside "وزير الخارجية البريطاني" is part of a title, not the ministry
    doc = run(nlp, "وقال وزير الخارجية البريطاني جيريمي هانت إن لندن قلقة.")
    assert not [e for e in doc.entities if e.kind == "organization" and "الخارجية البريطاني" in texts(e)]


def test_a_quoted_title_after_a_ministry_stays_the_pattern_name(nlp: Pipeline) -> None:
    # constructed: the quote after وزارة opens the ministry's own name
    doc = run(nlp, 'وعقد اجتماع بين وزارة "الطاقة والمياه والري" ووفد البنك الدولي.')
    assert not [e for e in doc.entities for m in e.mentions if m.text.endswith('"الطاقة')]


def test_a_club_named_by_its_city_in_a_sports_report(nlp: Pipeline) -> None:
    # constructed: a club after a team word in a sentence about a match; the same city elsewhere stays a place
    doc = run(nlp, "تعرض فريق برشلونة للخسارة أمام مضيفه ليون صفر - 2 في الدوري.")
    clubs = {m.text for e in doc.entities if e.kind == "organization" for m in e.mentions}
    assert {"برشلونة", "ليون"} <= clubs
    doc = run(nlp, "وزار الرئيس برشلونة ثم ليون في جولة أوروبية.")
    assert not [e for e in doc.entities if e.kind == "organization"]


def test_an_organisations_english_name_leaves_its_designator_out(nlp: Pipeline) -> None:
    # constructed: a foreign organisation after منظمة, its English form known
    doc = run(nlp, "وقالت منظمة فريدوم هاوس في تقرير جديد إن الحريات الصحفية تراجعت.")
    names = [e for e in doc.entities if e.kind == "organization"]
    assert [(e.name_en, e.name_en_source) for e in names] == [("Freedom House", "known")]


def test_a_designator_before_a_bare_name_stands_outside_the_name(nlp: Pipeline) -> None:
    # constructed: a newspaper, an agency and a movement named by a bare name (the designator outside, with a
    # proclitic too); an agency and a movement named by definite words keep their designator
    doc = run(
        nlp,
        "ونقلت لصحيفة هآرتس عن مصدر أن حركة حماس رفضت العرض، وقالت وكالة رويترز إن المفاوضات توقفت. "
        "وذكرت وكالة الأنباء الفرنسية أن حركة المقاومة الإسلامية أصدرت بيانا.",
    )
    orgs = sorted(m for e in doc.entities if e.kind == "organization" for m in texts(e))
    assert "هآرتس" in orgs and "حماس" in orgs and "رويترز" in orgs
    assert not [m for m in orgs if m.startswith(("صحيفة", "لصحيفة", "وكالة رويترز", "حركة حماس"))]
    assert "وكالة الأنباء الفرنسية" in orgs


def test_clubs_of_a_sports_report_and_a_results_table(nlp: Pipeline) -> None:
    # constructed: a sports report (three sentences with a sports cue): a club named by its city without a team
    # word, clubs before their country in brackets (the country stays a place), a club named again later
    doc = run(
        nlp,
        "خسر الفريق المباراة الأولى في الدوري. وسجل المهاجم هدفا في الشوط الثاني. وأقال النادي المدرب بعد الهزيمة. "
        "وعزز برشلونة صدارته بالفوز على منافسه. النتائج: بنفيكا ( إيطاليا ) - ليون ( فرنسا ) 0 - 1 . ودعا الاتحاد الدولي لكرة القدم ( فيفا ) إلى الهدوء. "
        "وكان بنفيكا قد فاز في الجولة الماضية.",
    )
    orgs = [m.text for e in doc.entities if e.kind == "organization" for m in e.mentions]
    assert {"برشلونة", "ليون"} <= set(orgs)
    assert orgs.count("بنفيكا") == 2
    assert "فيفا" in orgs  # an acronym in brackets is no country
    places = {m.text for e in doc.entities if e.kind == "place" for m in e.mentions}
    assert "فرنسا" not in orgs and "إيطاليا" not in orgs
    assert not {"برشلونة", "ليون"} & places


def test_a_company_or_outlet_designator_before_a_bare_foreign_name(nlp: Pipeline) -> None:
    # constructed: companies and a newspaper named by bare foreign words (the designator outside, the name named
    # again alone); an adjective, a frequent word or a verb after the designator is no name
    doc = run(
        nlp,
        "ووقعت شركة كرونفيلد اتفاقا مع مؤسسة بارتسمان للأبحاث، ونقلت صحيفة دايلي هيرالد الخبر. "
        "وقالت كرونفيلد إن العقد كبير. وتعمل شركة أمريكية وشركة كبرى في المجال، وأغلقت كل شركة تتعامل مع النظام.",
    )
    orgs = [m for e in doc.entities if e.kind == "organization" for m in texts(e)]
    assert orgs.count("كرونفيلد") == 2
    assert "بارتسمان" in orgs and "دايلي هيرالد" in orgs
    assert not [m for m in orgs if m in ("أمريكية", "كبرى", "تتعامل")]
    # the dual designator (شركتا، شركتي) stands outside the name too
    doc = run(nlp, "وقالت شركتا كرونفيلد للأبحاث إن العقد كبير، وانسحبت شركتي بارتسمان من الصفقة.")
    orgs = [m for e in doc.entities if e.kind == "organization" for m in texts(e)]
    assert "كرونفيلد" in orgs and "بارتسمان" in orgs


def test_a_club_named_by_a_place_and_a_citys_adjective(nlp: Pipeline) -> None:
    # constructed: a club named by a country and a city's adjective; the country alone later is the country; a
    # place's own adjective (feminine, agreeing with the place) makes no club even among sports words
    doc = run(
        nlp,
        "وخسر فريق المغرب الفاسي المباراة أمام ضيفه. وسافر لاعبو الفريق إلى جنوب المغرب. وقال المدرب إن الدوري طويل.",
    )
    orgs = [m for e in doc.entities if e.kind == "organization" for m in texts(e)]
    assert orgs == ["المغرب الفاسي"]  # not the country named alone (the places stage's)
    doc = run(nlp, "وتتفاوض روسيا الاتحادية على استضافة المباراة والبطولة بعد هدف الفريق في الدوري.")
    assert not [e for e in doc.entities if e.kind == "organization"]


def test_a_noun_of_members_stands_outside_the_groups_name(nlp: Pipeline) -> None:
    # constructed: fighters of a known group and members of a known council: the mention is the name
    doc = run(nlp, "وهاجم مقاتلو طالبان نقطة للشرطة، فيما دعا أعضاء مجلس الأمن إلى التهدئة.")
    assert texts(by_name(doc, "Taliban")) == ["طالبان"]
    assert texts(by_name(doc, "UN Security Council")) == ["مجلس الأمن"]


def test_ali_between_common_words_is_the_preposition_in_a_mixed_text(nlp: Pipeline) -> None:
    # constructed: a text that writes ى elsewhere but علي for the preposition between common words; the name Ali
    # after a given name or a title and before his surname stays a person
    doc = run(
        nlp,
        "وافق المجلس علي قيمة العقد الجديد، وركز المستثمرون علي ضعف المؤشر حتى نهاية الأسبوع. "
        "وقال الوزير علي كرتي إن محمد علي سيصل غدا إلى العاصمة.",
    )
    persons = sorted(m for e in doc.entities if e.kind == "person" for m in texts(e))
    assert not [m for m in persons if m.startswith("علي ق") or m.startswith("علي ض")]
    assert "علي كرتي" in persons


def test_before_written_with_its_hamza_is_no_imam(nlp: Pipeline) -> None:
    # constructed: أمام (before) normalises like إمام (imam): the clinic after it is no person; the imam is
    doc = run(nlp, "انفجر لغم أمام مستوصف النور في المدينة، وقال إمام المسجد خالد حسن إن الصلاة أقيمت.")
    persons = [m for e in doc.entities if e.kind == "person" for m in texts(e)]
    assert persons == ["خالد حسن"]
