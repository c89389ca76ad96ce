from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hadath.errors import GazetteerError
from hadath.gazetteer.model import Place, name_key
from hadath.gazetteer.store import Gazetteer, MemoryGazetteer, PlaceSource

IDLIB = Place(
    id="t:idlib", name_en="Idlib", name_ar="إدلب", level="admin1", country="SY", admin1="Idlib", lat=35.93, lon=36.63
)
LWEIBDEH = Place(id="t:lw1", name_en="Lweibdeh", name_ar="لويبدة", level="village", country="SY", admin1="Idlib")


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("إدلب", "ادلب"),
        ("بِإِدْلِب", "بادلب"),
        ("حماة", "حماه"),
        ("دير الزّور", "دير الزور"),
        ("  كفر   بطنا ", "كفر بطنا"),
        ("Ma‘arrat an-Nu‘mān", "maarrat an numan"),
        ("Deir ez-Zor", "deir ez zor"),
        ("بعلبك - الهرمل", "بعلبك الهرمل"),
    ],
)
def test_name_key(raw: str, key: str) -> None:
    assert name_key(raw) == key


@pytest.fixture(params=["sqlite", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Gazetteer | MemoryGazetteer:
    if request.param == "sqlite":
        return Gazetteer.create(tmp_path / "g.sqlite")
    return MemoryGazetteer()


def test_add_lookup_by_id(store: Gazetteer | MemoryGazetteer) -> None:
    assert isinstance(store, PlaceSource)
    assert store.add([(IDLIB, ["محافظة إدلب", "Idleb"]), (LWEIBDEH, ["Lweibdeh", "لويبده"])]) == 2
    assert [p.id for p in store.lookup("ادلب")] == ["t:idlib"]
    assert [p.id for p in store.lookup("بإدلب")] == []  # keys are whole names: clitics are the stage's business
    assert [p.id for p in store.lookup("IDLEB")] == ["t:idlib"]
    assert store.lookup("لويبدة")[0] == LWEIBDEH
    assert store.by_id("t:idlib") == IDLIB
    assert store.by_id("nope") is None
    names = dict(store.iter_names())
    assert names["ادلب"] == "t:idlib"
    assert {k for k, _ in store.iter_names("en")} >= {"idlib", "idleb", "lweibdeh"}
    info = store.info()
    assert info["places"] == 2
    assert info["by_source"] == {"curated": 2}
    assert info["by_level"] == {"admin1": 1, "village": 1}


def test_upsert_replaces_names(store: Gazetteer | MemoryGazetteer) -> None:
    store.add([(IDLIB, ["Idleb"])])
    store.add([(IDLIB.with_(name_en="Idlib Governorate"), [])])
    assert store.lookup("Idleb") == []
    assert store.lookup("idlib governorate")[0].name_en == "Idlib Governorate"
    assert len(list(store.iter_places())) == 1


def test_sqlite_persists_and_is_read_only(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    with Gazetteer.create(path) as gz:
        gz.add([(IDLIB, [])])
        gz.set_meta("kind", "user")
    with Gazetteer(path) as gz:
        assert gz.lookup("إدلب")[0].id == "t:idlib"
        assert gz.get_meta("kind") == "user"
        assert gz.info()["size_bytes"] > 0
        with pytest.raises(GazetteerError):
            gz.add([(LWEIBDEH, [])])


def test_sqlite_errors(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="not found"):
        Gazetteer(tmp_path / "missing.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(GazetteerError):
        Gazetteer(junk)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT)")
    con.execute("INSERT INTO meta VALUES ('schema', '999')")
    con.commit()
    con.close()
    with pytest.raises(GazetteerError, match="schema"):
        Gazetteer(other)
