from __future__ import annotations

import pytest

from hadath.gazetteer.index import TRANSLIT, NameIndex
from hadath.gazetteer.model import Place
from hadath.gazetteer.store import Gazetteer, MemoryGazetteer, translit_rows
from hadath.gazetteer.translit import latin_skeleton


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Mastung", "MSTNK"),
        ("Al-Jarrahi", "KRH"),  # the article is left out; j and h
        ("Timbuktu", "TNBKT"),  # m before b is n, as Arabic writes it
        ("Sheikh Zuweid", "SKSD"),  # sh, kh; w and vowels left out
        ("Yekaterinburg", "YKTRNBRK"),  # y at the start counts
        ("Zabid", "SBD"),
        ("", ""),
    ],
)
def test_latin_skeleton(name: str, key: str) -> None:
    assert latin_skeleton(name) == key


def _town(pid: str, name: str, cc: str, pop: int) -> Place:
    return Place(pid, name, None, "town", cc, None, lat=30.0, lon=66.0, population=pop, source="geonames")


def test_towns_without_an_arabic_name_reach_the_transliteration_table(tmp_path: object) -> None:
    mastung = _town("geonames:1", "Mastung", "PK", 29082)
    mem = MemoryGazetteer([(mastung, ["Mastang"])])
    assert {r[0] for r in translit_rows(mastung, ["Mastang"])} == {"MSTNK"}
    index = NameIndex([mem])
    assert "MSTNK" in index.translit
    (ref,) = index.referents(TRANSLIT + "MSTNK")
    assert ref.place.name_en == "Mastung" and ref.country == "PK"


def test_sqlite_translit_lookup_works_after_close(tmp_path: pytest.TempPathFactory) -> None:
    path = tmp_path / "g.sqlite"  # type: ignore[operator]
    with Gazetteer.create(path) as gz:
        gz.add_translit([(_town("geonames:2", "Wanlaweyn", "SO", 22022), [])])
        assert gz.translit_keys() == {"WNLN"}
    gz2 = Gazetteer(path)
    index = NameIndex([gz2])
    gz2.close()
    (ref,) = index.referents(TRANSLIT + "WNLN")
    assert ref.place.name_en == "Wanlaweyn" and ref.population == 22022


def test_places_with_an_arabic_name_are_not_transliterated() -> None:
    aleppo = Place("geonames:3", "Aleppo", "حلب", "city", "SY", "Aleppo", population=1_000_000, source="geonames")
    assert NameIndex([MemoryGazetteer([(aleppo, [])])]).translit == {}
