from __future__ import annotations

from collections import Counter

import pytest

from hadath.gazetteer.index import HIGH, LOW, NameIndex, group_referents
from hadath.gazetteer.model import Place
from hadath.gazetteer.resolve import (
    ResolveContext,
    Resolver,
    geo_for,
    geo_precision,
)
from hadath.gazetteer.store import MemoryGazetteer

PLACES = [
    Place("t:lw-idlib", "Lweibdeh", "لويبدة", "village", "SY", "Idlib", lat=35.51, lon=36.46, source="ocha"),
    Place("t:lw-homs", "Lweibdeh", "لويبدة", "village", "SY", "Homs", lat=34.69, lon=36.44, source="ocha"),
    Place(
        "t:tripoli-ly",
        "Tripoli",
        "طرابلس",
        "city",
        "LY",
        "Tripoli",
        lat=32.89,
        lon=13.19,
        population=1_300_000,
        feature_code="PPLC",
        source="geonames",
    ),
    Place(
        "t:tripoli-lb",
        "Tripoli",
        "طرابلس",
        "city",
        "LB",
        "North",
        lat=34.43,
        lon=35.84,
        population=229_000,
        source="geonames",
    ),
    Place(
        "t:moscow",
        "Moscow",
        "موسكو",
        "city",
        "RU",
        "Moscow",
        lat=55.75,
        lon=37.62,
        population=10_000_000,
        feature_code="PPLC",
        source="geonames",
    ),
    Place(
        "t:mesquite",
        "Mesquite",
        "موسكو",
        "city",
        "US",
        "Texas",
        lat=32.77,
        lon=-96.6,
        population=140_000,
        source="geonames",
    ),
    Place("t:idlib-a1", "Idlib", "إدلب", "admin1", "SY", "Idlib", lat=35.93, lon=36.63, source="curated"),
    Place(
        "t:idlib-city",
        "Idlib",
        "إدلب",
        "city",
        "SY",
        "Idlib",
        lat=35.931,
        lon=36.634,
        population=128_840,
        source="geonames",
    ),
    Place("t:damascus-a1", "Damascus", "دمشق", "admin1", "SY", "Damascus", lat=33.51, lon=36.29, source="curated"),
    Place(
        "t:damascus",
        "Damascus",
        "دمشق",
        "city",
        "SY",
        "Damascus",
        lat=33.51,
        lon=36.29,
        population=1_569_394,
        feature_code="PPLC",
        source="geonames",
    ),
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(NameIndex([MemoryGazetteer((p, []) for p in PLACES)]))


def test_referents_collapse_same_place(resolver: Resolver) -> None:
    idlib = resolver.index.referents("ادلب")
    assert len(idlib) == 1 and idlib[0].level == "admin1"  # the province and its homonymous capital are one
    assert {m.id for m in idlib[0].members} == {"t:idlib-a1", "t:idlib-city"}
    damascus = resolver.index.referents("دمشق")
    assert len(damascus) == 1 and damascus[0].level == "city"  # a national capital stays the city
    assert damascus[0].capital
    assert [r.prior for r in resolver.index.referents("لويبده")] == [LOW, LOW]
    assert resolver.index.prior("ادلب") == HIGH


def test_ambiguity_is_reported(resolver: Resolver) -> None:
    geo = resolver.resolve("لويبدة")
    assert geo is not None and geo.candidates == 2 and geo.confidence == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("ctx", "admin1"),
    [
        (ResolveContext(governor=("SY", "Idlib")), "Idlib"),
        (ResolveContext(sentence_admin1s={("SY", "Homs")}), "Homs"),
        (ResolveContext(admin1s=Counter({("SY", "Idlib"): 3})), "Idlib"),
        (ResolveContext(anchors=[(34.7, 36.7)]), "Homs"),
    ],
)
def test_context_decides(resolver: Resolver, ctx: ResolveContext, admin1: str) -> None:
    geo = resolver.resolve("لويبدة", ctx)
    assert geo is not None and geo.admin1 == admin1 and geo.confidence is not None and geo.confidence > 0.5


def test_focus_country_and_size(resolver: Resolver) -> None:
    geo = resolver.resolve("طرابلس")
    assert geo is not None and geo.country == "LY"
    geo = resolver.resolve("طرابلس", ResolveContext(focus_country="LB"))
    assert geo is not None and geo.country == "LB"
    geo = resolver.resolve("موسكو", ResolveContext(focus_country="US"))
    assert geo is not None and geo.country == "RU"  # a small namesake needs more than the focus to win


def test_admin1_of(resolver: Resolver) -> None:
    assert resolver.admin1_of("t:lw-homs") == "Homs"
    assert resolver.admin1_of("إدلب") == "Idlib"
    assert resolver.admin1_of("إدلب", country="IQ") is None
    assert resolver.admin1_of("nowhere") is None


def test_geo_precision_and_regions(resolver: Resolver) -> None:
    assert [geo_precision(lv) for lv in ("village", "city", "region", "admin2", "admin1", "country")] == [
        1,
        1,
        2,
        2,
        3,
        3,
    ]
    ref = resolver.index.referents("ادلب")[0]
    south = geo_for(ref, level="region", direction="s", name_en="southern Idlib")
    assert south.geo_precision == 2 and south.admin1 == "Idlib" and south.direction == "s"
    assert south.lat is not None and ref.place.lat is not None and south.lat < ref.place.lat
    assert south.gazetteer_id is None
    assert geo_for(None, level="village").lat is None


def test_group_referents_is_deterministic() -> None:
    a = group_referents(PLACES)
    b = group_referents(list(reversed(PLACES)))
    assert [r.id for r in a] == [r.id for r in b]


def test_default_resolve_with_base(base_resolver: Resolver) -> None:
    geo = base_resolver.resolve("إدلب", ResolveContext(focus_country="SY"))
    assert geo is not None and (geo.admin1, geo.geo_precision) == ("Idlib", 3)
    assert base_resolver.admin1_of("حلب", country="SY") == "Aleppo"
    assert base_resolver.admin1_of("دير الزور") == "Deir ez-Zor"
    tripoli = base_resolver.resolve("طرابلس")
    assert tripoli is not None and tripoli.country == "LY"
