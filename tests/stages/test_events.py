"""Tests for the ``events`` stage: hand-built Docs (entities, places, dates, quantities written by hand on
top of the real normalise/segment stages), so these tests do not depend on the other stages' lexicons."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from hadath.doc import ArticleMeta, Attribution, DateSpan, Doc, Entity, Event, Focus, Geo, Quantity, Span
from hadath.errors import StageError
from hadath.lang.ar import arabic
from hadath.pipeline import make_stage as pipeline_stage
from hadath.stages.events import Events, make_stage
from hadath.stages.normalize import Normalize
from hadath.stages.segment import Segment

PUB = "2018-02-18"

# (surface, name_en, actor_type, canonical_id)
REGIME = ("قوات النظام", "Military Forces of Syria", "state_forces", "mil_SY")
ISIS = ("تنظيم داعش", "Islamic State", "rebel_group", "isis")
REBELS = ("الفصائل المعارضة", "Opposition Rebels (Syria)", "rebel_group", None)
POLICE = ("قوات الأمن", "Police Forces of Syria", "state_forces", "police_SY")
OBSERVATORY = ("المرصد", "Syrian Observatory for Human Rights", "noncombatant", None)
# (surface, name_en, level, admin1, country)
GHOUTA = ("الغوطة الشرقية", "Eastern Ghouta", "region", "Rif Dimashq", "SY")
DOUMA = ("دوما", "Douma", "city", "Rif Dimashq", "SY")
SAQBA = ("سقبا", "Saqba", "town", "Rif Dimashq", "SY")
HAMOURIA = ("حمورية", "Hamouria", "town", "Rif Dimashq", "SY")
KAFRNABL = ("كفرنبل", "Kafr Nabl", "town", "Idlib", "SY")
IDLIB = ("إدلب", "Idlib", "admin1", "Idlib", "SY")
HAMA = ("حماة", "Hama", "admin1", "Hama", "SY")
SYRIA = ("سوريا", "Syria", "country", None, "SY")
ISRAEL = ("إسرائيل", "Israel", "country", None, "IL")


def _find_all(text: str, surface: str) -> list[Span]:
    out, k = [], text.find(surface)
    while k >= 0:
        out.append(Span(k, k + len(surface), surface))
        k = text.find(surface, k + 1)
    return out


def build(
    text: str,
    *,
    actors: Sequence[tuple[str, str, str, str | None]] = (),
    places: Sequence[tuple[str, str, str, str | None, str]] = (),
    unresolved: Sequence[tuple[str, str, str]] = (),
    dates: Sequence[tuple[str, str, str | None, str]] = (),
    quantities: Sequence[tuple[str, float, str] | tuple[str, float, str, str]] = (),
    attributions: Sequence[tuple[str, ...]] = (),
    title: str | None = None,
    pub: str = PUB,
) -> Doc:
    """A Doc with tokens from the real segmenter and the other layers written by hand."""
    doc = Doc(text, ArticleMeta(id="t", title=title, published=pub))
    doc = Segment()(Normalize()(doc))
    n = 0
    for surface, name, atype, cid in actors:
        n += 1
        doc.entities.append(
            Entity(
                f"e{n}",
                "organization",
                surface,
                name,
                cid,
                atype,
                _find_all(text, surface),
                country="SY" if cid and cid.endswith("SY") else None,
            )
        )
    for surface, name, level, admin1, country in places:
        n += 1
        geo = Geo(
            name, 35.0, 36.0, country, admin1, None, None, None, {"country": 3, "admin1": 3, "region": 2}.get(level, 1)
        )
        doc.entities.append(
            Entity(
                f"e{n}",
                "place",
                surface,
                name,
                None,
                None,
                _find_all(text, surface),
                geo=geo,
                country=country,
                level=level,
            )
        )
    for surface, name, level in unresolved:  # places the gazetteer lacks (a village): no coordinates
        n += 1
        doc.entities.append(
            Entity(f"e{n}", "place", surface, name, None, None, _find_all(text, surface), geo=None, level=level)
        )
    for surface, value, end_value, precision in dates:
        k = text.find(surface)
        assert k >= 0, surface
        doc.dates.append(DateSpan(k, k + len(surface), surface, value, end_value, precision, "relative"))
    for surface, value, category, *unit in quantities:  # (surface, value, category[, unit])
        k = text.find(surface)
        assert k >= 0, surface
        doc.quantities.append(
            Quantity(k, k + len(surface), surface, value, unit=unit[0] if unit else None, category=category)
        )
    doc.quantities.sort(key=lambda q: q.start)
    for i, (cue, content, stance, *speaker) in enumerate(attributions):
        # (cue, content, stance) or (cue, content, stance, speaker phrase)
        c = text.find(cue)
        k = text.find(content)
        sp = text.find(speaker[0]) if speaker else -1
        assert c >= 0 and k >= 0
        doc.attributions.append(
            Attribution(
                f"a{i + 1}",
                None,
                speaker[0] if speaker else None,
                sp if speaker else None,
                sp + len(speaker[0]) if speaker else None,
                cue,
                c,
                c + len(cue),
                Span(k, k + len(content), content),
                stance=stance,
                anonymous=bool(speaker),  # the speakers these tests name are unnamed sources
            )
        )
    doc.focus = Focus("SY", "names", {"SY": 1.0})
    doc.provided |= {"tokens", "dates", "quantities", "entities", "focus", "places", "attributions"}
    return Events(arabic().triggers)(doc)


def names(doc: Doc, ev: Event) -> tuple[str | None, str | None]:
    a1, a2 = doc.entity(ev.actor1), doc.entity(ev.actor2)
    return (a1.name_en if a1 else None), (a2.name_en if a2 else None)


def place(doc: Doc, ev: Event) -> str | None:
    e = doc.entity(ev.location)
    return e.name_en if e else None


def check_spans(doc: Doc) -> None:
    for ev in doc.events:
        for sp in [ev.trigger, *ev.evidence]:
            assert doc.text[sp.start : sp.end] == sp.text
    for e in doc.entities:
        for m in e.mentions:
            assert doc.text[m.start : m.end] == m.text


# -- the stage and its data ------------------------------------------------------------------------------


def test_stage_contract() -> None:
    st = make_stage(arabic())
    assert st.name == "events"
    assert st.requires == {"tokens", "dates", "quantities", "entities", "focus", "places", "attributions"}
    assert st.extends == {"entities"}
    assert st.provides == {"events"}


def test_stage_reads_the_language_objects_trigger_lexicon() -> None:
    assert make_stage(arabic()).lex is arabic().triggers  # the lexicon itself: tests/lang/test_triggers.py


def test_no_trigger_no_event() -> None:
    doc = build("التقى وزير الخارجية نظيره في العاصمة وبحثا العلاقات الثنائية.")
    assert doc.events == []


# -- event types -----------------------------------------------------------------------------------------


def test_air_strike_nationality_adjective_civilians_fatalities() -> None:
    text = "قتل خمسة مدنيين، الأحد، في غارات روسية على بلدة كفرنبل في ريف إدلب."
    doc = build(
        text, places=[KAFRNABL, IDLIB], dates=[("الأحد", "2018-02-18", None, "day")], quantities=[("خمسة", 5, "killed")]
    )
    assert len(doc.events) == 1
    ev = doc.events[0]
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert names(doc, ev) == ("Military Forces of Russia", "Civilians (Syria)")
    assert place(doc, ev) == "Kafr Nabl"
    assert ev.geo is not None and ev.geo.admin1 == "Idlib"
    assert (ev.date, ev.time_precision, ev.fatalities) == ("2018-02-18", 1, 5)
    assert ev.id == "v1" and ev.plover
    civ = next(e for e in doc.entities if e.name_en == "Civilians (Syria)")
    assert civ.kind == "actor" and civ.actor_type == "civilians" and civ.source == "event" and civ.canonical_id is None
    assert [m.text for m in civ.mentions] == ["مدنيين"]
    check_spans(doc)


def test_armed_clash_between_pair() -> None:
    text = "اندلعت اشتباكات عنيفة بين قوات النظام وتنظيم داعش في مدينة دوما."
    doc = build(text, actors=[REGIME, ISIS], places=[DOUMA])
    (ev,) = doc.events
    assert ev.sub_event_type == "Armed clash"
    assert names(doc, ev) == ("Military Forces of Syria", "Islamic State")
    assert place(doc, ev) == "Douma"


HTS = ("هيئة تحرير الشام", "Hayat Tahrir al-Sham", "rebel_group", "hts")


@pytest.mark.parametrize(
    ("text", "quantities", "expected"),
    [
        # the clash is how the territory changed hands: one event, the opponent is actor 2
        (
            "سيطرت قوات النظام على مدينة دوما بعد اشتباكات مع هيئة تحرير الشام.",
            [],
            [("Government regains territory", "Military Forces of Syria", "Hayat Tahrir al-Sham")],
        ),
        (
            "بعد معارك عنيفة مع هيئة تحرير الشام، استعادت قوات النظام السيطرة على مدينة دوما.",
            [],
            [("Government regains territory", "Military Forces of Syria", "Hayat Tahrir al-Sham")],
        ),
        # a clash told in its own right stays an event of its own
        (
            "اندلعت اشتباكات بين قوات النظام وهيئة تحرير الشام في مدينة دوما، وسيطرت قوات النظام على مدينة دوما.",
            [],
            [
                ("Government regains territory", "Military Forces of Syria", None),
                ("Armed clash", "Military Forces of Syria", "Hayat Tahrir al-Sham"),
            ],
        ),
    ],
)
def test_territory_taken_by_a_clash(
    text: str, quantities: list[tuple[str, float, str]], expected: list[tuple[str, str | None, str | None]]
) -> None:
    doc = build(text, actors=[REGIME, HTS], places=[DOUMA], quantities=quantities)
    assert sorted((ev.sub_event_type, *names(doc, ev)) for ev in doc.events) == sorted(expected)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "قصفت قوات النظام مواقع لهيئة تحرير الشام في مدينة دوما.",
        "قصفت قوات النظام مقرات تابعة لهيئة تحرير الشام في مدينة دوما.",
        "قصفت قوات النظام مواقع هيئة تحرير الشام في مدينة دوما.",
    ],
)
def test_the_owner_of_the_sites_hit_is_the_target(text: str) -> None:
    doc = build(text, actors=[REGIME, HTS], places=[DOUMA])
    (ev,) = doc.events
    assert names(doc, ev) == ("Military Forces of Syria", "Hayat Tahrir al-Sham")


@pytest.mark.parametrize(
    "text",
    [
        "قال المتحدث إن هيئة تحرير الشام تحتجز مساعدات إنسانية في مدينة دوما.",  # seizing aid, not arresting
        "أكد قائد هيئة تحرير الشام أنه مستعد لتسليم السيطرة على مدينة دوما إذا توقف القصف.",  # ready to
    ],
)
def test_not_events_from_data(text: str) -> None:
    doc = build(text, actors=[HTS], places=[DOUMA])
    assert not doc.events, [(e.sub_event_type, e.trigger.text) for e in doc.events]


def test_sites_holding_chemical_weapons_are_no_chemical_attack() -> None:
    text = "قصفت قوات النظام مواقع يشتبه باحتوائها على أسلحة كيميائية في مدينة دوما."
    doc = build(text, actors=[REGIME], places=[DOUMA])
    assert [ev.sub_event_type for ev in doc.events] != ["Chemical weapon"]
    doc = build("قصفت قوات النظام مدينة دوما بالأسلحة الكيميائية.", actors=[REGIME], places=[DOUMA])
    assert [ev.sub_event_type for ev in doc.events] == ["Chemical weapon"]


def test_a_place_after_in_is_no_subject() -> None:
    syria = ("سوريا", "Syria", "country", None, "SY")
    doc = build("نفذت ضربات أهدافا في سوريا صباح السبت استهدفت مدينة دوما.", places=[syria, DOUMA])
    assert all(names(doc, ev)[0] != "Syria" for ev in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        # the force of a named actor as the subject after the verb, a date between verb and noun
        "شن طيران قوات النظام، فجر اليوم الجمعة، غارات على تجمعات لهيئة تحرير الشام في مدينة دوما.",
        # "رد X بشن غارات": the subject of the verb before the verbal noun
        "ورد سلاح قوات النظام بشن سلسلة غارات على مواقع لهيئة تحرير الشام في مدينة دوما.",
        # coordinated sites before their owner
        "قصفت قوات النظام آليات وتجمعات لهيئة تحرير الشام في مدينة دوما.",
    ],
)
def test_strike_sides_around_force_nouns_and_sites(text: str) -> None:
    dawn = [("فجر اليوم الجمعة", "2018-02-09", None, "day")] if "فجر" in text else []
    doc = build(text, actors=[REGIME, HTS], places=[DOUMA], dates=dawn)
    (ev,) = doc.events
    assert names(doc, ev) == ("Military Forces of Syria", "Hayat Tahrir al-Sham")


def test_a_date_opening_the_sentence_frames_all_of_it() -> None:
    # the year-old attack is background: no event dated at publication
    text = "في 13 نوفمبر 2015، شهدت مدينة دوما أسوأ اعتداء عندما هاجم انتحاريون من هيئة تحرير الشام المدينة."
    doc = build(text, actors=[HTS], places=[DOUMA], dates=[("13 نوفمبر 2015", "2015-11-13", None, "day")])
    assert not doc.events, [(e.sub_event_type, e.date) for e in doc.events]


def test_a_place_that_only_locates_another_is_not_the_event_place() -> None:
    harasta = ("حرستا", "Harasta", "city", "Rif Dimashq", "SY")
    text = "وصلت قافلة إلى مدينة حرستا الواقعة شمال دوما والتي شهدت اشتباكات بين قوات النظام وهيئة تحرير الشام."
    doc = build(text, actors=[REGIME, HTS], places=[harasta, DOUMA])
    (ev,) = doc.events
    assert place(doc, ev) == "Harasta"


def test_a_genitive_before_a_bare_object_is_the_agent() -> None:
    text = "قتل مسعف من جراء استهداف هيئة تحرير الشام سيارة إسعاف في مدينة دوما."
    doc = build(text, actors=[HTS], places=[DOUMA])
    (ev,) = doc.events
    assert ev.sub_event_type == "Attack"
    assert names(doc, ev) == ("Hayat Tahrir al-Sham", "Civilians (Syria)")


def test_by_the_hands_of_names_the_perpetrator() -> None:
    doc = build(
        "أعلن المرصد أن مختطفات من مدينة دوما قتلن بعد اختطافهن بأيدي هيئة تحرير الشام.", actors=[HTS], places=[DOUMA]
    )
    assert [names(doc, ev)[0] for ev in doc.events if ev.sub_event_type == "Abduction/forced disappearance"] == [
        "Hayat Tahrir al-Sham"
    ]


def test_the_speakers_whereabouts_are_not_the_event_place() -> None:
    harasta = ("حرستا", "Harasta", "city", "Rif Dimashq", "SY")
    text = "وقال مصدر من مقره في مدينة حرستا إن طائرات قوات النظام قصفت مدينة دوما."
    cue, content = "وقال", "طائرات قوات النظام قصفت مدينة دوما"
    doc = build(text, actors=[REGIME], places=[harasta, DOUMA], attributions=[(cue, content, "assert")])
    assert [place(doc, ev) for ev in doc.events] == ["Douma"]


def test_the_alleged_attack_named_again_is_no_new_event() -> None:
    text = "وطالبت روسيا بتحقيق في الهجوم الكيميائي المفترض لقوات النظام على مدينة دوما."
    assert not build(text, actors=[REGIME], places=[DOUMA]).events
    # reported in its own right, with its victims, it is one
    text = "قتل 40 مدنيا في هجوم كيميائي لقوات النظام على مدينة دوما."
    doc = build(text, actors=[REGIME], places=[DOUMA], quantities=[("40", 40, "killed")])
    assert [ev.sub_event_type for ev in doc.events] == ["Chemical weapon"]


def test_a_business_deal_is_no_agreement() -> None:
    text = "وقعت قوات النظام اتفاقية مع شركة روسية بقيمة مليار دولار في مدينة دوما."
    assert not build(text, actors=[REGIME], places=[DOUMA]).events


def test_alqat_is_a_verb_not_an_article() -> None:
    # ألقت reads like ال + قت: the support verb still governs "القبض على" and its subject is the agent
    doc = build("ألقت قوات النظام القبض على عشرة أشخاص في مدينة دوما.", actors=[REGIME], places=[DOUMA])
    assert [(ev.sub_event_type, names(doc, ev)[0]) for ev in doc.events] == [("Arrests", "Military Forces of Syria")]


def test_a_war_toll_is_no_event() -> None:
    text = "وقال إن قوات النظام تسببت في مقتل نحو مليون مدني بالأسلحة الكيميائية في مدينة دوما."
    doc = build(text, actors=[REGIME], places=[DOUMA], quantities=[("مليون", 1_000_000, "killed")])
    assert not doc.events


def test_a_link_line_is_no_report() -> None:
    link = "قد يهمك/ تواصل الغارات على مدينة دوما رغم الهدنة التي أعلنها مجلس الأمن قبل أيام وفق ناشطين في المدينة."
    text = "قصفت قوات النظام مدينة دوما.\n" + link + "\nوقال ناشطون إن القصف استمر."
    doc = build(text, actors=[REGIME], places=[DOUMA])
    assert len(doc.events) == 1 and doc.events[0].trigger.text == "قصفت"


def test_an_explosion_on_the_sun_is_no_attack() -> None:
    doc = build("ونشأت العاصفة من جراء انفجار ضخم في الغلاف الجوي للشمس قرب مدينة دوما.", places=[DOUMA])
    assert not doc.events


def test_dawn_is_no_detonation() -> None:
    # فجراً "at dawn", not the dual of فجر "detonated"
    doc = build("خرج المقاتلون من مدينة دوما فجرا وعادوا مساء.", places=[DOUMA])
    assert not doc.events


@pytest.mark.parametrize("obj", ["كميات كبيرة من الأسلحة", "جثث خمسة جنود", "أسرى"])
def test_recovering_things_is_no_territory(obj: str) -> None:
    doc = build(f"استعادت قوات النظام {obj} في مدينة دوما.", actors=[REGIME], places=[DOUMA])
    assert not doc.events


@pytest.mark.parametrize(
    ("text", "quantities", "expected"),
    [
        # the victims' side of a clash is its other party; the count may be a number word
        (
            "قتل عشرة من عناصر هيئة تحرير الشام في معارك مع قوات النظام في مدينة دوما.",
            [("عشرة", 10, "killed")],
            ("Hayat Tahrir al-Sham", "Military Forces of Syria"),
        ),
        (
            "قتل 12 من عناصر هيئة تحرير الشام في معارك مع قوات النظام في مدينة دوما.",
            [("12", 12, "killed")],
            ("Hayat Tahrir al-Sham", "Military Forces of Syria"),
        ),
        # one named side only: the victims' side is a party
        (
            "قتل عشرة من عناصر هيئة تحرير الشام في معارك عنيفة في مدينة دوما.",
            [("عشرة", 10, "killed")],
            (None, "Hayat Tahrir al-Sham"),
        ),
    ],
)
def test_victims_side_is_a_party_of_the_clash(
    text: str, quantities: list[tuple[str, float, str]], expected: tuple[str | None, str | None]
) -> None:
    doc = build(text, actors=[REGIME, HTS], places=[DOUMA], quantities=quantities)
    (ev,) = doc.events
    assert ev.sub_event_type == "Armed clash"
    assert names(doc, ev) == expected


@pytest.mark.parametrize(
    ("text", "actors", "sub"),
    [
        ("سيطرت قوات النظام على مدينة دوما بعد معارك.", [REGIME], "Government regains territory"),
        ("وسيطر تنظيم داعش على مدينة دوما.", [ISIS], "Non-state actor overtakes territory"),
    ],
)
def test_territory_by_who_gains(text: str, actors: list[tuple[str, str, str, str | None]], sub: str) -> None:
    doc = build(text, actors=actors, places=[DOUMA])
    subs = [e.sub_event_type for e in doc.events]
    assert sub in subs
    ev = next(e for e in doc.events if e.sub_event_type == sub)
    assert names(doc, ev)[0] == actors[0][1]


def test_one_event_per_listed_town() -> None:
    text = "أطلقت قوات النظام عشرات الصواريخ استهدفت بلدات في الغوطة الشرقية هي دوما وسقبا وحمورية."
    doc = build(text, actors=[REGIME], places=[GHOUTA, DOUMA, SAQBA, HAMOURIA])
    assert [e.sub_event_type for e in doc.events] == ["Shelling/artillery/missile attack"] * 3
    assert [place(doc, e) for e in doc.events] == ["Douma", "Saqba", "Hamouria"]
    assert all(names(doc, e)[0] == "Military Forces of Syria" for e in doc.events)
    assert [e.id for e in doc.events] == ["v1", "v2", "v3"]


def test_pair_with_an_unnamed_side() -> None:
    text = "ودار تبادل إطلاق نار بين قوات الأمن ومسلحين في مدينة دوما."
    doc = build(text, actors=[POLICE], places=[DOUMA])
    (ev,) = doc.events
    assert ev.sub_event_type == "Armed clash"
    assert names(doc, ev) == ("Police Forces of Syria", None)


def test_coordinated_gainers_with_state_forces() -> None:
    militia = ("المقاومة الشعبية", "Popular Resistance (Syria)", "political_militia", None)
    text = "وقال قائد إن قوات النظام والمقاومة الشعبية تمكنوا من السيطرة على مدينة دوما."
    doc = build(text, actors=[REGIME, militia], places=[DOUMA])
    (ev,) = doc.events
    assert ev.sub_event_type == "Government regains territory"


def test_ied_unknown_perpetrator_and_civilians() -> None:
    text = "قتل ثلاثة أشخاص في انفجار عبوة ناسفة زرعها مجهولون في مدينة دوما."
    doc = build(text, places=[DOUMA], quantities=[("ثلاثة", 3, "killed")])
    (ev,) = doc.events
    assert ev.sub_event_type == "Remote explosive/landmine/IED"
    assert names(doc, ev) == ("Unidentified Armed Group (Syria)", "Civilians (Syria)")
    uag = doc.entity(ev.actor1)
    assert uag is not None and [m.text for m in uag.mentions] == ["مجهولون"]
    assert ev.fatalities == 3


def test_shelling_coordinated_with_air_is_one_air_strike() -> None:
    text = "تعرضت الغوطة الشرقية لقصف مدفعي وجوي عنيف أوقع 14 قتيلا."
    doc = build(text, places=[GHOUTA], quantities=[("14", 14, "killed")])
    (ev,) = doc.events
    assert ev.sub_event_type == "Air/drone strike"
    assert place(doc, ev) == "Eastern Ghouta"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("تظاهر آلاف في مدينة دوما الجمعة للمطالبة بالإفراج عن المعتقلين.", "Peaceful protest"),
        ("خرجت مظاهرات في مدينة دوما وفرقت قوات الأمن المتظاهرين بالغاز المسيل للدموع.", "Protest with intervention"),
    ],
)
def test_protests(text: str, sub: str) -> None:
    doc = build(text, actors=[POLICE], places=[DOUMA])
    assert [e.sub_event_type for e in doc.events] == [sub]
    assert doc.events[0].event_type == "Protests"
    assert names(doc, doc.events[0])[0] == "Protesters (Syria)"


def test_arrests() -> None:
    doc = build("اعتقلت قوات الأمن عشرين شخصا في مدينة دوما.", actors=[POLICE], places=[DOUMA])
    (ev,) = doc.events
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Arrests")
    assert names(doc, ev)[0] == "Police Forces of Syria"


def test_disrupted_weapons_use_owner_of_the_drone() -> None:
    text = "وقالت إسرائيل إنها أسقطت طائرة بلا طيار إيرانية فوق الجولان."
    doc = build(text, places=[ISRAEL])
    (ev,) = doc.events
    assert ev.sub_event_type == "Disrupted weapons use"
    assert names(doc, ev)[1] == "Military Forces of Iran"


def test_speaker_pronoun_is_the_perpetrator() -> None:
    text = "وقالت إسرائيل إنها شنت غارات جوية ليلية على مواقع سورية وإيرانية داخل سوريا."
    doc = build(text, places=[ISRAEL, SYRIA], attributions=[("وقالت", "إنها شنت غارات جوية", "assert")])
    (ev,) = doc.events
    assert ev.sub_event_type == "Air/drone strike"
    a1, a2 = names(doc, ev)
    assert a1 == "Military Forces of Israel"
    assert a2 in ("Military Forces of Syria", "Military Forces of Iran")
    assert place(doc, ev) == "Syria"
    assert ev.sources == ["a1"]


# -- what is not an event --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "لم تشهد مدينة دوما أي اشتباكات أمس.",  # negation
        "تستعد قوات النظام لشن هجوم على مدينة دوما.",  # preparation + purpose
        "سوف تقصف قوات النظام مدينة دوما.",  # future
        "ستقصف قوات النظام مدينة دوما.",  # future prefix
        "حذر المرصد من هجوم وشيك على مدينة دوما.",  # warning / imminent
        "إذا قصفت قوات النظام مدينة دوما فإن المعارضة سترد.",  # conditional
        "هل قصفت قوات النظام مدينة دوما؟",  # question
        "تسيطر قوات النظام على مدينة دوما.",  # a state, not an event
        "قتل ثلاثة أشخاص في انفجار قارورة غاز في مطعم بمدينة دوما.",  # an accident
        "وتأتي هذه المصالحات عادة بعد تصعيد عسكري وتنتهي بخروج المسلحين من مدينة دوما.",  # habitual
        "دعا المرصد إلى وقف القصف على مدينة دوما.",  # an appeal
        "عثرت الشرطة على قنبلة يدوية في مدينة دوما.",  # a weapon found, not used
        "وتراجع عدد الانفجارات في مدينة دوما خلال الشهر.",  # a statistic
        "وقال المرصد إنه يشك في أن قوات النظام قصفت مدينة دوما.",  # doubt
    ],
)
def test_not_events(text: str) -> None:
    doc = build(text, actors=[REGIME, OBSERVATORY], places=[DOUMA])
    assert doc.events == [], [(e.sub_event_type, e.trigger.text) for e in doc.events]


def test_history_is_skipped() -> None:
    text = "وفي عام 2014 سيطر تنظيم داعش على مدينة دوما."
    doc = build(text, actors=[ISIS], places=[DOUMA], dates=[("عام 2014", "2014", None, "year")])
    assert doc.events == []


def test_silent_attribution_content_is_not_an_event() -> None:
    text = "لكنها لم تذكر شيئا عن خروج المسلحين من مدينة دوما."
    doc = build(text, places=[DOUMA], attributions=[("تذكر", "شيئا عن خروج المسلحين من مدينة دوما", "silent")])
    assert doc.events == []


def test_denied_event_is_kept_and_marked() -> None:
    text = "ونفت قوات النظام أنها قصفت مدينة دوما أمس."
    doc = build(
        text,
        actors=[REGIME],
        places=[DOUMA],
        dates=[("أمس", "2018-02-17", None, "day")],
        attributions=[("ونفت", "أنها قصفت مدينة دوما أمس", "deny")],
    )
    (ev,) = doc.events
    assert ev.denied is True
    assert ev.confidence < 0.7


# -- dates, merging, headlines ---------------------------------------------------------------------------


def test_period_gives_latest_day_with_week_precision() -> None:
    text = "وقال المرصد إن قوات النظام بدأت العملية منذ سبعة أيام وتمكنت من السيطرة على مدينة دوما."
    doc = build(
        text, actors=[REGIME, OBSERVATORY], places=[DOUMA], dates=[("منذ سبعة أيام", "2018-02-11", "2018-02-18", "day")]
    )
    (ev,) = doc.events
    assert ev.sub_event_type == "Government regains territory"
    assert (ev.date, ev.time_precision) == ("2018-02-18", 2)


def test_day_before_cue() -> None:
    text = "ويأتي ذلك غداة مقتل تسعة مدنيين في غارة على مدينة دوما."
    doc = build(text, places=[DOUMA], quantities=[("تسعة", 9, "killed")])
    (ev,) = doc.events
    assert (ev.sub_event_type, ev.date, ev.fatalities) == ("Air/drone strike", "2018-02-17", 9)


def test_mentions_of_one_event_are_merged() -> None:
    text = (
        "اندلعت اشتباكات بين قوات النظام وتنظيم داعش في مدينة دوما. "
        "وقال المرصد إن الاشتباكات أسفرت عن مقتل عشرة مسلحين."
    )
    doc = build(text, actors=[REGIME, ISIS, OBSERVATORY], places=[DOUMA])
    (ev,) = doc.events
    assert len(ev.evidence) == 2
    assert place(doc, ev) == "Douma"


def test_most_conservative_fatalities() -> None:
    text = "قتل 23 شخصا في غارات جوية على مدينة دوما. وأوردت قناة محلية أن هناك 20 قتيلا في الغارات على دوما."
    doc = build(text, places=[DOUMA], quantities=[("23", 23, "killed"), ("20", 20, "killed")])
    (ev,) = doc.events
    assert ev.fatalities == 20


def test_headline_is_not_counted_twice() -> None:
    title = "قتلى في غارات على دوما"
    text = title + "\n\nقتل خمسة مدنيين في غارات جوية على مدينة دوما أمس."
    doc = build(
        text,
        title=title,
        places=[DOUMA],
        dates=[("أمس", "2018-02-17", None, "day")],
        quantities=[("خمسة", 5, "killed")],
    )
    (ev,) = doc.events
    assert ev.date == "2018-02-17"
    assert ev.trigger.start > len(title)  # the body mention is the trigger
    assert len(ev.evidence) == 2


def test_place_fallback_to_headline() -> None:
    title = "غارات على إدلب"
    text = title + "\n\nوقتل أربعة مدنيين في غارات جوية استهدفت المحافظة."
    doc = build(text, title=title, places=[IDLIB], quantities=[("أربعة", 4, "killed")])
    (ev,) = doc.events
    assert ev.geo is not None and ev.geo.admin1 == "Idlib"


def test_to_dict_round_trip() -> None:
    doc = build("اندلعت اشتباكات بين قوات النظام وتنظيم داعش في مدينة دوما.", actors=[REGIME, ISIS], places=[DOUMA])
    d = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    (ev,) = d["events"]
    assert ev["id"] == "v1" and ev["event_type"] == "Battles" and ev["geo"]["admin1"] == "Rif Dimashq"
    assert 0 < ev["confidence"] < 1


# -- the seed article through the real pipeline ----------------------------------------------------------


def _pipeline_or_skip() -> list[object]:
    stages = []
    for name in ("normalize", "segment", "dates", "numbers", "entities", "places", "attribution", "events"):
        try:
            stages.append(pipeline_stage(name))
        except StageError:
            pytest.skip(f"stage {name!r} is not available yet")
    return stages


def test_seed_article(seed_text: str) -> None:
    from hadath.pipeline import Pipeline

    _pipeline_or_skip()
    p = Pipeline(["normalize", "segment", "dates", "numbers", "entities", "places", "attribution", "events"])
    doc = p.extract(seed_text, id="seed", title=seed_text.splitlines()[0], published="2018-02-09")
    check_spans(doc)
    got = {(e.event_type, e.sub_event_type, e.geo.admin1 if e.geo else None, e.date) for e in doc.events}
    assert ("Strategic developments", "Non-violent transfer of territory", "Idlib", "2018-02-09") in got
    assert ("Battles", "Armed clash", "Idlib", "2018-02-09") in got
    assert any(e.sub_event_type == "Government regains territory" for e in doc.events)
    assert len(doc.events) == 3
    clash = next(e for e in doc.events if e.sub_event_type == "Armed clash")
    loc = doc.entity(clash.location)
    assert loc is not None and "لويبدة" in [m.text for m in loc.mentions]  # the village, even unresolved
    a1, a2 = names(doc, clash)
    assert {a1, a2} == {"Jaish Idlib al-Hurr", "Islamic State"}


def test_dev_articles_spans_map_back(shared_dir: Path) -> None:
    from hadath.pipeline import Pipeline

    _pipeline_or_skip()
    path = shared_dir / "eval" / "dev" / "dev.jsonl"
    if not path.is_file():
        pytest.skip("dev set not present")
    p = Pipeline(["normalize", "segment", "dates", "numbers", "entities", "places", "attribution", "events"])
    for line in path.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        doc = p.extract(d["text"], id=d["id"], title=d.get("title"), published=d.get("published"))
        check_spans(doc)
        assert [e.id for e in doc.events] == [f"v{i + 1}" for i in range(len(doc.events))]


# -- incidents: one event per place, day and actor pair ------------------------------------------------------

ZABADANI = ("الزبداني", "Zabadani", "town", "Rif Dimashq", "SY")
HARASTA = ("حرستا", "Harasta", "town", "Rif Dimashq", "SY")
ALEPPO = ("حلب", "Aleppo", "city", "Aleppo", "SY")
DARAA = ("درعا", "Daraa", "admin1", "Daraa", "SY")
QUNEITRA = ("القنيطرة", "Quneitra", "admin1", "Quneitra", "SY")
LONDON = ("لندن", "London", "city", "England", "GB")
UK = ("بريطانيا", "United Kingdom", "country", None, "GB")


def _towns(doc: Doc) -> list[str | None]:
    return sorted(place(doc, ev) or "" for ev in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        # a list as the subject before the trigger
        "تعرضت مدن وبلدات دوما وسقبا وحمورية لعشرات الغارات الجوية، الأحد.",
        # a list after "طال": the trigger before it
        "وقالت مصادر محلية إن القصف الجوي طال الأحد مناطق دوما، سقبا، حمورية في الغوطة الشرقية.",
        # a list in a relative clause on the trigger
        "شنت قوات النظام الأحد قصفا جويا شمل محاور دوما وسقبا وحمورية.",
    ],
)
def test_a_list_of_places_anywhere_gives_one_event_per_place(text: str) -> None:
    doc = build(
        text, actors=[REGIME], places=[DOUMA, SAQBA, HAMOURIA, GHOUTA], dates=[("الأحد", "2018-02-18", None, "day")]
    )
    assert _towns(doc) == ["Douma", "Hamouria", "Saqba"], [(e.trigger.text, place(doc, e)) for e in doc.events]
    assert {ev.sub_event_type for ev in doc.events} == {"Air/drone strike"}
    check_spans(doc)


def test_a_list_of_provinces_is_one_event_each_but_one_area_is_one() -> None:
    doc = build("وخرجت تظاهرات في محافظتي درعا والقنيطرة.", places=[DARAA, QUNEITRA])
    assert sorted(place(doc, ev) or "" for ev in doc.events) == ["Daraa", "Quneitra"]
    doc = build(
        "وسيطرت قوات النظام على عشرات القرى في أرياف درعا والقنيطرة.", actors=[REGIME], places=[DARAA, QUNEITRA]
    )
    assert len(doc.events) == 1


def test_a_list_places_an_incident_told_at_an_area() -> None:
    # the clashes are told in "several towns of Eastern Ghouta", then the next sentence names the towns: one
    # clash per town, no event left at the area
    text = (
        "اندلعت اشتباكات عنيفة بين قوات النظام والفصائل المعارضة في عدد من بلدات الغوطة الشرقية الأحد. "
        "وتركزت الاشتباكات في بلدات دوما وسقبا وحمورية."
    )
    doc = build(
        text,
        actors=[REGIME, REBELS],
        places=[GHOUTA, DOUMA, SAQBA, HAMOURIA],
        dates=[("الأحد", "2018-02-18", None, "day")],
    )
    assert _towns(doc) == ["Douma", "Hamouria", "Saqba"], [(e.trigger.text, place(doc, e)) for e in doc.events]
    assert {(ev.sub_event_type, ev.date) for ev in doc.events} == {("Armed clash", "2018-02-18")}
    check_spans(doc)


def test_a_list_of_gatherings_places_a_riot_told_at_an_area() -> None:
    # a weak protest word ("تجمع المحتجون") with a list names where the riot told before happened: a riot at
    # each place, "at the checkpoint of A and at the entrance of B, in addition to C"
    text = (
        "اندلعت مواجهات بين المتظاهرين وقوات الأمن في عدد من مدن الغوطة الشرقية الجمعة، وأحرق المتظاهرون إطارات. "
        "وتجمع المحتجون عند حاجز دوما وعند المدخل الشمالي لسقبا، إضافة إلى ساحة حمورية."
    )
    doc = build(
        text,
        actors=[POLICE],
        places=[GHOUTA, DOUMA, SAQBA, HAMOURIA],
        dates=[("الجمعة", "2018-02-16", None, "day")],
    )
    assert _towns(doc) == ["Douma", "Hamouria", "Saqba"], [(e.trigger.text, place(doc, e)) for e in doc.events]
    assert {ev.sub_event_type for ev in doc.events} == {"Violent demonstration"}
    check_spans(doc)


def test_places_named_by_port_airport_and_checkpoint_nouns() -> None:
    doc = build("واحتجزت قوات الأمن الأحد عشرة أشخاص في مطار دوما.", actors=[POLICE], places=[DOUMA])
    assert [place(doc, ev) for ev in doc.events] == ["Douma"]
    doc = build("وتجمع المحتجون أمام مبنى البلدية في حرستا الأحد.", places=[HARASTA])
    assert [place(doc, ev) for ev in doc.events] == ["Harasta"]


def test_a_place_is_the_object_of_the_trigger_verb_after_an_unnamed_subject() -> None:
    # VSO with a subject that is no named actor: the place after it is what was stormed / struck
    doc = build(
        "واقتحم محتجون غاضبون مساء الأحد مطار دوما.", places=[DOUMA], dates=[("الأحد", "2018-02-18", None, "day")]
    )
    assert [(ev.sub_event_type, place(doc, ev)) for ev in doc.events] == [("Violent demonstration", "Douma")]
    doc = build(
        "وقصفت طائرات حربية مجهولة بلدة سقبا الأحد.", places=[SAQBA], dates=[("الأحد", "2018-02-18", None, "day")]
    )
    assert [place(doc, ev) for ev in doc.events] == ["Saqba"]


def test_armed_men_attacking_a_checkpoint_of_a_force_clash_with_it() -> None:
    # the force that owns the checkpoint ("حاجزا للشرطة", the ل on the force's own word) is the target; unknown
    # armed men are the Unidentified Armed Group; "وقتل ثلاثة آخرون" adds to the toll
    text = "قتل شرطيان في هجوم شنه مسلحون مجهولون على حاجز للشرطة في بلدة سقبا، وقتل ثلاثة آخرون."
    police = ("للشرطة", "Police Forces of Syria", "state_forces", "police_SY")
    quantities = [("شرطيان", 2, "killed"), ("ثلاثة", 3, "killed")]
    doc = build(text, actors=[police], places=[SAQBA], quantities=quantities)
    (ev,) = doc.events
    assert (ev.sub_event_type, place(doc, ev), ev.fatalities) == ("Armed clash", "Saqba", 5)
    names = {e.id: e.name_en for e in doc.entities}
    assert (names.get(ev.actor1 or ""), names.get(ev.actor2 or "")) == (
        "Unidentified Armed Group (Syria)",
        "Police Forces of Syria",
    )


def test_in_addition_to_a_sit_in_is_no_aim() -> None:
    # "إضافة إلى اعتصام": in addition to a sit-in (not "دعا إلى اعتصام", an appeal); its own place is one more event
    text = "شارك مئات المحتجين في تظاهرات في مدينة دوما الأحد، إضافة إلى اعتصام متواصل أمام مبنى البلدية في حرستا."
    doc = build(text, places=[DOUMA, HARASTA], dates=[("الأحد", "2018-02-18", None, "day")])
    assert _towns(doc) == ["Douma", "Harasta"], [(e.trigger.text, place(doc, e)) for e in doc.events]


def test_another_incident_takes_the_place_its_own_sentence_names_not_the_headline_s() -> None:
    # the second bombing is "another incident": the town its sentence names, even loosely (the rally of a
    # candidate for Saqba), is a better guess than the lead's Douma
    text = (
        "قتل خمسة مدنيين في انفجار عبوة ناسفة في مدينة دوما الأحد. "
        "وفي وقت سابق، قتل أربعة أشخاص في انفجار وقع قرب تجمع للمرشح الذي يتنافس على مقعد عن بلدة سقبا."
    )
    doc = build(text, places=[DOUMA, SAQBA], dates=[("الأحد", "2018-02-18", None, "day")])
    assert _towns(doc) == ["Douma", "Saqba"], [(e.trigger.text, place(doc, e)) for e in doc.events]


def test_a_country_an_actor_is_loyal_to_is_no_place_of_the_event() -> None:
    iran = ("إيران", "Iran", "country", None, "IR")
    doc = build("واستهدفت الميليشيات الموالية لإيران بالقذائف حي الشعار الأحد.", places=[iran])
    assert all(place(doc, ev) != "Iran" for ev in doc.events)
    doc = build("وقصفت الميليشيات الموالية لإيران بلدة سقبا الأحد.", places=[iran, SAQBA])
    assert [place(doc, ev) for ev in doc.events] == ["Saqba"]


def test_air_strikes_and_shelling_of_one_place_and_day_are_one_incident() -> None:
    text = (
        "شنت قوات النظام غارات جوية على مدينة دوما الأحد. "
        "وقال ناشطون إن قصفا مدفعيا لقوات النظام استهدف مدينة دوما الأحد أيضا."
    )
    doc = build(text, actors=[REGIME], places=[DOUMA], dates=[("الأحد", "2018-02-18", None, "day")])
    (ev,) = doc.events
    assert ev.sub_event_type == "Air/drone strike"
    assert len(ev.evidence) >= 2


def test_two_places_or_two_days_are_two_incidents() -> None:
    text = "أطلقت الفصائل المعارضة صاروخا على مدينة حلب الأربعاء. وشنت طائرات النظام غارة على سوق مدينة دوما الخميس."
    doc = build(
        text,
        actors=[REGIME, REBELS],
        places=[ALEPPO, DOUMA],
        dates=[("الأربعاء", "2018-02-14", None, "day"), ("الخميس", "2018-02-15", None, "day")],
    )
    got = sorted((place(doc, ev), ev.date) for ev in doc.events)
    assert got == [("Aleppo", "2018-02-14"), ("Douma", "2018-02-15")]


def test_a_period_and_a_day_outside_it_are_two_incidents() -> None:
    text = (
        "وشنت قوات النظام غارات جوية على الغوطة الشرقية الأحد. "
        "وخلال الأسبوع الثاني من الشهر الحالي شنت قوات النظام غارات جوية مكثفة على الغوطة الشرقية."
    )
    doc = build(
        text,
        actors=[REGIME],
        places=[GHOUTA],
        dates=[
            ("الأحد", "2018-02-18", None, "day"),
            ("الأسبوع الثاني من الشهر الحالي", "2018-02-08", "2018-02-14", "week"),
        ],
    )
    assert sorted(ev.date or "" for ev in doc.events) == ["2018-02-14", "2018-02-18"]


def test_another_incident_is_not_merged() -> None:
    text = "قتل خمسة مدنيين في انفجار عبوة ناسفة في مدينة درعا. وفي وقت سابق، قتل شخصان في انفجار عبوة في المدينة."
    doc = build(text, places=[DARAA], quantities=[("خمسة", 5, "killed"), ("شخصان", 2, "killed")])
    assert sorted(ev.fatalities or 0 for ev in doc.events) == [2, 5]


def test_a_massacre_by_air_strikes_is_the_strike() -> None:
    text = "ارتكبت طائرات النظام مجزرة في مدينة دوما الأحد، إذ قتل 12 مدنيا في غارات جوية على سوق المدينة."
    doc = build(text, actors=[REGIME], places=[DOUMA], dates=[("الأحد", "2018-02-18", None, "day")])
    (ev,) = doc.events
    assert ev.sub_event_type == "Air/drone strike"


# -- argument choice --------------------------------------------------------------------------------------------


def test_the_date_of_the_statement_is_not_the_date_of_the_event() -> None:
    text = "أعلنت وزارة الدفاع الخميس أن الغارة على مدينة دوما وقعت الأسبوع الماضي."
    doc = build(
        text,
        places=[DOUMA],
        dates=[("الخميس", "2018-02-15", None, "day"), ("الأسبوع الماضي", "2018-02-05", "2018-02-11", "week")],
        attributions=[("أعلنت", "الغارة على مدينة دوما وقعت الأسبوع الماضي", "assert")],
    )
    (ev,) = doc.events
    assert (ev.date, ev.time_precision) == ("2018-02-11", 2)
    # without a date of its own, the statement's day bounds it
    text = "أعلن المرصد الخميس أن خمسة مدنيين قتلوا في غارات على مدينة دوما."
    doc = build(
        text,
        places=[DOUMA],
        dates=[("الخميس", "2018-02-15", None, "day")],
        attributions=[("أعلن", "خمسة مدنيين قتلوا في غارات على مدينة دوما", "assert")],
    )
    (ev,) = doc.events
    assert (ev.date, ev.time_precision) == ("2018-02-15", 2)


def test_a_sentence_that_continues_the_previous_one_takes_its_date() -> None:
    text = (
        "شنت قوات النظام غارات على مدينة دوما الأربعاء. "
        "بدورها، استهدفت الفصائل المعارضة بقذائف الهاون أحياء في مدينة حلب."
    )
    doc = build(text, actors=[REGIME, REBELS], places=[DOUMA, ALEPPO], dates=[("الأربعاء", "2018-02-14", None, "day")])
    got = sorted((place(doc, ev), ev.date) for ev in doc.events)
    assert got == [("Aleppo", "2018-02-14"), ("Douma", "2018-02-14")]


def test_a_date_in_another_clause_is_not_the_events() -> None:
    text = "توالت الإدانات يوم الخميس على أثر قصف قوات النظام سوقا في مدينة دوما الأربعاء."
    doc = build(
        text,
        actors=[REGIME],
        places=[DOUMA],
        dates=[("يوم الخميس", "2018-02-15", None, "day"), ("الأربعاء", "2018-02-14", None, "day")],
    )
    (ev,) = doc.events
    assert ev.date == "2018-02-14"


def test_an_undated_definite_trigger_takes_the_date_of_the_strike_just_told() -> None:
    text = (
        "شنت طائرات روسية الأربعاء غارات على مقرات لهيئة تحرير الشام في محيط مدينة درعا. "
        "وأسفرت الغارات عن مقتل عنصرين من تنظيم داعش."
    )
    doc = build(text, actors=[HTS, ISIS], places=[DARAA], dates=[("الأربعاء", "2018-02-14", None, "day")])
    assert {ev.date for ev in doc.events} == {"2018-02-14"}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال مراسلنا في مدينة حلب إن غارات جوية استهدفت مدينة دوما.", "مراسلنا في مدينة حلب"),
        ("وقالت مصادر في مدينة حلب إن غارات جوية استهدفت مدينة دوما.", "مصادر في مدينة حلب"),
    ],
)
def test_the_place_of_the_speaker_is_not_the_place_of_the_event(text: str, speaker: str) -> None:
    doc = build(
        text, places=[ALEPPO, DOUMA], attributions=[("قال", "غارات جوية استهدفت مدينة دوما", "assert", speaker)]
    )
    (ev,) = doc.events
    assert place(doc, ev) == "Douma"
    text = text.replace("استهدفت مدينة دوما", "قتلت خمسة مدنيين")
    doc = build(text, places=[ALEPPO], attributions=[("قال", "غارات جوية قتلت خمسة مدنيين", "assert", speaker)])
    (ev,) = doc.events
    assert place(doc, ev) is None


def test_the_seat_of_a_source_is_no_place_of_an_event() -> None:
    text = "قتل ثلاثة مدنيين في غارات جوية، بحسب المرصد السوري الذي يتخذ من لندن مقرا له."
    doc = build(text, places=[LONDON], quantities=[("ثلاثة", 3, "killed")])
    (ev,) = doc.events
    assert place(doc, ev) is None or place(doc, ev) != "London"
    text = "قتل ثلاثة مدنيين في غارات جوية، بحسب المرصد، ومقره بريطانيا."
    doc = build(text, places=[UK], quantities=[("ثلاثة", 3, "killed")])
    (ev,) = doc.events
    assert place(doc, ev) != "United Kingdom"


def test_a_place_near_another_is_the_place_and_the_other_locates_it() -> None:
    text = "قصفت قوات النظام منطقة حرستا قرب مدينة دوما."
    doc = build(text, actors=[REGIME], places=[HARASTA, DOUMA])
    (ev,) = doc.events
    assert place(doc, ev) == "Harasta"


def test_an_unknown_village_takes_the_coordinates_of_the_place_the_text_locates_it_by() -> None:
    text = "قتل أربعة مدنيين في غارة على قرية المزيريب جنوب مدينة حلب."
    doc = build(
        text, places=[ALEPPO], unresolved=[("المزيريب", "Muzayrib", "village")], quantities=[("أربعة", 4, "killed")]
    )
    (ev,) = doc.events
    assert place(doc, ev) == "Muzayrib"
    assert ev.geo is not None and ev.geo.admin1 == "Aleppo" and ev.geo.geo_precision == 2
    text = "وفي محافظة درعا المجاورة، قتل أربعة مدنيين في غارة على بلدة المزيريب."
    doc = build(
        text, places=[DARAA], unresolved=[("المزيريب", "Muzayrib", "village")], quantities=[("أربعة", 4, "killed")]
    )
    (ev,) = doc.events
    assert ev.geo is not None and ev.geo.admin1 == "Daraa"


def test_a_country_modifying_an_actor_is_not_the_place() -> None:
    text = "استهدفت طائرات التحالف في سوريا بغارات مواقع لتنظيم داعش شمال مدينة حلب."
    coalition = ("طائرات التحالف", "US-led Coalition", "external", "coalition")
    doc = build(text, actors=[coalition, ISIS], places=[SYRIA, ALEPPO])
    (ev,) = doc.events
    assert place(doc, ev) == "Aleppo"


# -- fatalities by ACLED's rules ---------------------------------------------------------------------------------

PERSON_YAHYA = "يحيى الرزامي"


@pytest.mark.parametrize(
    ("text", "quantities", "expected"),
    [
        # a sum of parts
        (
            "قتل 40 من المسلحين و9 من الجنود في اشتباكات عنيفة في مدينة درعا.",
            [("40", 40, "killed"), ("9", 9, "fighters")],
            49,
        ),
        # a subset is no toll of its own
        (
            "قتل 15 شخصا بينهم 4 ضباط في انفجار سيارة مفخخة في مدينة درعا.",
            [("15", 15, "killed"), ("4", 4, "fighters")],
            15,
        ),
        # a count of people with a verb of dying after it
        (
            "وقال المتحدث إن معركة استمرت ساعات في مدينة درعا، وإن 7 من قوات الأمن على الأقل قتلوا.",
            [("7", 7, "fighters")],
            7,
        ),
        # a named victim, and a companion
        ("استهدفت عبوة ناسفة سيارة القيادي في مدينة درعا ما أدى إلى مقتله مع مرافقه.", [], 2),
        ("انفجرت عبوة ناسفة بسيارة في مدينة درعا ما أدى إلى مقتله.", [], 1),
        # a toll since a date weeks ago is no event's fatalities
        ("أسفرت الغارات على مدينة درعا عن مقتل 1500 مدني منذ 5 فبراير.", [("1500", 1500, "killed")], None),
        ("قتل 300 مدني في الغارات على مدينة درعا منذ بدء الهجوم.", [("300", 300, "killed")], None),
        (
            "قتل 70 مدنيا في غارات على مدينة درعا على مدى ثلاثة أسابيع.",
            [("70", 70, "killed"), ("ثلاثة", 3, "time", "أسبوع")],
            None,
        ),
    ],
)
def test_fatalities(text: str, quantities: list[tuple[str, float, str]], expected: int | None) -> None:
    dates = [("5 فبراير", "2018-02-05", None, "day")] if "فبراير" in text else []
    doc = build(text, places=[DARAA], quantities=quantities, dates=dates, pub="2018-02-18")
    (ev,) = doc.events
    assert ev.fatalities == expected


def test_a_month_of_fighting_is_no_event() -> None:
    text = "وخسرت قوات النظام 260 قتيلا خلال 30 يوما من المعارك في ريف درعا."
    doc = build(text, actors=[REGIME], places=[DARAA], quantities=[("260", 260, "killed"), ("30", 30, "time", "يوم")])
    assert doc.events == []
    doc = build(text, actors=[REGIME], places=[DARAA], quantities=[("260", 260, "killed")])
    assert doc.events  # without the duration it reads as a clash


def test_exact_counts_before_approximate_ones() -> None:
    text = "قتل 11 شخصا في انفجار في سوق مدينة درعا. وقال شاهد إن أكثر من عشرة أشخاص قتلوا في الانفجار."
    doc = build(text, places=[DARAA], quantities=[("11", 11, "killed")])
    k = text.find("عشرة")
    doc_q = Quantity(k, k + 4, "عشرة", 10, approx=True, category="killed")
    doc.quantities.append(doc_q)
    doc.events = []
    doc = Events(arabic().triggers)(doc)
    (ev,) = doc.events
    assert ev.fatalities == 11


def test_a_one_line_input_without_a_full_stop_keeps_its_count() -> None:
    text = "قتل جنديان في انفجار عبوة ناسفة استهدفت دوريتهم في مدينة درعا"
    doc = build(text, places=[DARAA], quantities=[("جنديان", 2, "killed")])
    (ev,) = doc.events
    assert ev.fatalities == 2


# -- actors ---------------------------------------------------------------------------------------------------

SDF = ("قوات سوريا الديمقراطية", "Syrian Democratic Forces", "rebel_group", "sdf")
USA = ("الولايات المتحدة", "United States", "country", None, "US")
RUSSIA = ("روسيا", "Russia", "country", None, "RU")
GENEVA = ("جنيف", "Geneva", "city", "Geneva", "CH")
MARINES = ("مشاة البحرية الأميركية", "US Marine Corps", "external", "usmc")


def test_the_holder_of_the_area_hit_is_not_a_target_fought() -> None:
    text = "شنت قوات النظام هجوما بالمدفعية على مناطق تسيطر عليها هيئة تحرير الشام في مدينة درعا."
    doc = build(text, actors=[REGIME, HTS], places=[DARAA])
    (ev,) = doc.events
    assert ev.event_type == "Explosions/Remote violence"
    assert names(doc, ev)[1] != "Hayat Tahrir al-Sham"


@pytest.mark.parametrize(
    "text",
    [
        "تبنى تنظيم داعش التفجير الذي استهدف سوقا في مدينة درعا.",
        "انفجرت سيارة مفخخة في سوق مدينة درعا. وأعلن تنظيم داعش مسؤوليته عن الهجوم.",
    ],
)
def test_the_group_that_claims_the_attack_is_its_perpetrator(text: str) -> None:
    doc = build(text, actors=[ISIS], places=[DARAA])
    (ev,) = doc.events
    assert names(doc, ev)[0] == "Islamic State"
    # blaming is no claim
    doc = build(text.replace("مسؤوليته عن", "مسؤوليته في"), actors=[ISIS], places=[DARAA])
    if "مسؤوليته" in text:
        (ev,) = doc.events
        assert names(doc, ev)[0] != "Islamic State"


def test_a_backer_or_an_accused_country_is_no_place() -> None:
    text = "قتل 5 عناصر من قوات سوريا الديمقراطية التي تدعمها الولايات المتحدة في اشتباكات مع تنظيم داعش."
    doc = build(text, actors=[SDF, ISIS], places=[USA], quantities=[("5", 5, "killed")])
    (ev,) = doc.events
    assert place(doc, ev) is None
    assert set(names(doc, ev)) == {"Syrian Democratic Forces", "Islamic State"}
    # dated: an accusation of an undated strike only merges (factuality), a dated one reports it
    text = "واتهم المعارضون روسيا بقصف مدينة درعا أمس."
    doc = build(text, places=[RUSSIA, DARAA], dates=[("أمس", "2018-02-17", None, "day")])
    (ev,) = doc.events
    assert place(doc, ev) == "Daraa"


def test_talks_abroad_are_not_the_place_of_a_clash() -> None:
    text = "واندلعت اشتباكات عنيفة بالتزامن مع انطلاق محادثات السلام في جنيف."
    doc = build(text, places=[GENEVA])
    (ev,) = doc.events
    assert place(doc, ev) != "Geneva"


def test_the_attackers_counted_before_the_attack_are_not_its_victims() -> None:
    text = "شن أكثر من 100 عنصر من مشاة البحرية الأميركية هجوما جويا عنيفا في مدينة درعا."
    doc = build(text, actors=[MARINES], places=[DARAA], quantities=[("100", 100, "fighters")])
    (ev,) = doc.events
    assert names(doc, ev)[1] != "US Marine Corps"


def test_a_partitive_after_a_trigger_noun_is_no_agent_and_the_object_no_subject() -> None:
    text = "واستهدف القصف عناصر من تنظيم داعش في مدينة درعا."
    doc = build(text, actors=[ISIS], places=[DARAA])
    (ev,) = doc.events
    assert names(doc, ev)[0] != "Islamic State"
    text = "وقال المصدر إن الطيران الحربي قصف هيئة تحرير الشام في مدينة درعا."
    doc = build(text, actors=[HTS], places=[DARAA])
    (ev,) = doc.events
    assert names(doc, ev)[0] != "Hayat Tahrir al-Sham"


def test_a_clash_without_named_sides_takes_the_subject_and_the_counted_dead_of_its_sentence() -> None:
    text = "وأحرزت قوات النظام تقدما في ريف درعا بعد معارك عنيفة قتل خلالها 12 عنصرا من هيئة تحرير الشام."
    doc = build(text, actors=[REGIME, HTS], places=[DARAA], quantities=[("12", 12, "killed")])
    (ev,) = doc.events
    assert names(doc, ev) == ("Military Forces of Syria", "Hayat Tahrir al-Sham")
    # allies named together are one side: no opponent is made up
    text = "وتقدمت قوات النظام وقوات سوريا الديمقراطية في ريف درعا بعد معارك عنيفة."
    doc = build(text, actors=[REGIME, SDF], places=[DARAA])
    (ev,) = doc.events
    assert names(doc, ev) == ("Military Forces of Syria", None)


def test_the_antecedent_of_a_relative_clause_is_the_subject_of_its_verb() -> None:
    text = "وتتقدم القوات بغطاء جوي من التحالف الدولي، الذي يقصف مواقع تنظيم داعش في مدينة درعا."
    coalition = ("التحالف الدولي", "US-led Coalition", "external", "coalition")
    doc = build(text, actors=[coalition, ISIS], places=[DARAA])
    (ev,) = doc.events
    assert names(doc, ev) == ("US-led Coalition", "Islamic State")


def test_a_state_adjective_names_the_forces_of_the_country() -> None:
    doc = build(
        "وقتل 9 مدنيين في الغارات الجوية الحكومية على مدينة درعا.", places=[DARAA], quantities=[("9", 9, "killed")]
    )
    (ev,) = doc.events
    assert names(doc, ev)[0] == "Military Forces of Syria"


def test_a_passive_verbal_noun_has_no_subject_before_it() -> None:
    text = "واتهم ناشطون هيئة تحرير الشام التي تسيطر على المنطقة التي تم قصفها بالمدفعية في مدينة درعا."
    doc = build(text, actors=[HTS], places=[DARAA])
    assert all(
        names(doc, ev)[0] != "Hayat Tahrir al-Sham" or ev.event_type != "Explosions/Remote violence"
        for ev in doc.events
    )


def test_the_group_whose_members_gather_at_the_sites_hit_is_the_target() -> None:
    text = "استهدفت طائرات التحالف بغارات تجمعات لعناصر تنظيم داعش في مدينة درعا."
    coalition = ("طائرات التحالف", "US-led Coalition", "external", "coalition")
    doc = build(text, actors=[coalition, ISIS], places=[DARAA])
    (ev,) = doc.events
    assert names(doc, ev) == ("US-led Coalition", "Islamic State")
