from __future__ import annotations

import io
import urllib.error
import zipfile
from pathlib import Path
from typing import Any

import pytest

from hadath.cli import main
from hadath.errors import GazetteerError
from hadath.gazetteer.geonames import classify, download_geonames, import_paths, read_alternate_names
from hadath.gazetteer.imports import detect_format, import_files
from hadath.gazetteer.store import Gazetteer


def _row(
    gid: int, name: str, alts: str, lat: float, lon: float, fclass: str, fcode: str, a1: str, a2: str, pop: int
) -> str:
    cols = [
        str(gid),
        name,
        name,
        alts,
        str(lat),
        str(lon),
        fclass,
        fcode,
        "SY",
        "",
        a1,
        a2,
        "",
        "",
        str(pop),
        "",
        "300",
        "Asia/Damascus",
        "2020-01-01",
    ]
    assert len(cols) == 19
    return "\t".join(cols)


GEONAME_ROWS = [
    _row(169389, "Idlib", "Idleb,Idlib,إدلب,ادلب", 35.93062, 36.63393, "P", "PPLA", "12", "169388", 128840),
    _row(9000001, "Lwaybidah", "Lweibdeh", 35.5099, 36.4567, "P", "PPL", "12", "169388", 0),
    _row(169387, "Idlib Governorate", "محافظة إدلب", 35.75, 36.5, "A", "ADM1", "12", "", 0),
    _row(9000002, "Abu ad Duhur Air Base", "", 35.73, 37.1, "S", "AIRB", "12", "", 0),
    _row(9000003, "Some Road", "طريق", 35.0, 36.0, "R", "RD", "12", "", 0),
    _row(9000004, "Tiny", "", 35.0, 36.0, "P", "PPL", "12", "", 10),
]
ALT_ROWS = [
    "1\t9000001\tar\tلويبدة\t1\t\t\t\t\t",
    "2\t9000001\ten\tLweibdeh\t\t\t\t\t\t",
    "3\t9000002\tar\tمطار أبو الظهور\t\t\t\t\t\t",
    "4\t9000002\tar\tاسم قديم\t\t\t\t1\t\t",  # historic: dropped
]


@pytest.fixture
def dump(tmp_path: Path) -> dict[str, Path]:
    """A tiny GeoNames download in the real formats: SY.zip, alternatenames/SY.zip and the admin code lists."""
    sy = tmp_path / "SY.zip"
    with zipfile.ZipFile(sy, "w") as zf:
        zf.writestr("readme.txt", "GeoNames readme")
        zf.writestr("SY.txt", "\n".join(GEONAME_ROWS) + "\n")
    (tmp_path / "alternatenames").mkdir()
    alt = tmp_path / "alternatenames" / "SY.zip"
    with zipfile.ZipFile(alt, "w") as zf:
        zf.writestr("SY.txt", "\n".join(ALT_ROWS) + "\n")
    a1 = tmp_path / "admin1CodesASCII.txt"
    a1.write_text("SY.12\tIdlib\tIdlib\t169387\n", encoding="utf-8")
    a2 = tmp_path / "admin2Codes.txt"
    a2.write_text("SY.12.169388\tIdlib District\tIdlib District\t169388\n", encoding="utf-8")
    return {"table": sy, "alt": alt, "admin1": a1, "admin2": a2}


def test_classify() -> None:
    assert classify("P", "PPLC", 5000) == "city"
    assert classify("P", "PPL", 0) == "village"
    assert classify("P", "PPLX", 0) == "neighbourhood"
    assert classify("A", "ADM1", 0) == "admin1"
    assert classify("S", "CMPRF", 0) == "camp"
    assert classify("R", "RD", 0) is None


def test_read_alternate_names(dump: dict[str, Path]) -> None:
    alt = read_alternate_names(dump["alt"])
    assert alt == {"9000001": ["لويبدة"], "9000002": ["مطار أبو الظهور"]}


def test_import_paths(dump: dict[str, Path]) -> None:
    recs = {p.id: (p, list(names)) for p, names in import_paths(list(dump.values()))}
    assert set(recs) == {"geonames:169389", "geonames:9000001", "geonames:169387", "geonames:9000002"}
    idlib, names = recs["geonames:169389"]
    assert idlib.level == "city" and idlib.admin1 == "Idlib" and idlib.admin2 == "Idlib District"
    assert "إدلب" in names
    lw, names = recs["geonames:9000001"]
    assert lw.level == "village" and lw.name_ar == "لويبدة"
    assert recs["geonames:169387"][0].level == "admin1"
    assert recs["geonames:9000002"][0].level == "other"


def test_import_files_into_user_db(dump: dict[str, Path], tmp_path: Path) -> None:
    assert detect_format(dump["table"]) == "geonames"
    db = tmp_path / "user.sqlite"
    res = import_files(list(dump.values()), db=db)
    assert res["imported"] == {"geonames": 4}
    with Gazetteer(db) as gz:
        assert [p.id for p in gz.lookup("لويبدة")] == ["geonames:9000001"]
        assert "geonames:SY.zip" in (gz.get_meta("imports") or "")
        assert gz.lookup("إدلب")[0].admin1 == "Idlib"


def test_bad_geoname_table(tmp_path: Path) -> None:
    bad = tmp_path / "SY.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="19"):
        list(import_paths([bad]))
    with pytest.raises(GazetteerError, match="no such file"):
        import_files([tmp_path / "missing.zip"], db=tmp_path / "x.sqlite")


class _Resp(io.BytesIO):
    def __enter__(self) -> _Resp:
        return self

    def __exit__(self, *a: object) -> None:
        self.close()


def test_download_with_fake_network(dump: dict[str, Path], tmp_path: Path) -> None:
    served: list[str] = []
    files = {
        "SY.zip": dump["table"],
        "alternatenames/SY.zip": dump["alt"],
        "admin1CodesASCII.txt": dump["admin1"],
        "admin2Codes.txt": dump["admin2"],
    }

    def opener(url: str, timeout: float = 0) -> Any:
        rel = url.split("/dump/", 1)[1]
        served.append(rel)
        return _Resp(files[rel].read_bytes())

    out = download_geonames("sy", tmp_path / "dl", opener=opener)
    assert served == list(files)
    assert [p.relative_to(tmp_path / "dl").as_posix() for p in out] == list(files)
    recs = list(import_paths(out))
    assert len(recs) == 4


def test_download_errors(tmp_path: Path) -> None:
    def offline(url: str, timeout: float = 0) -> Any:
        raise urllib.error.URLError("Name or service not known")

    with pytest.raises(GazetteerError, match="download failed"):
        download_geonames("SY", tmp_path, opener=offline)
    assert not list(tmp_path.glob("**/*.part"))
    with pytest.raises(GazetteerError, match="alpha-2"):
        download_geonames("Syria", tmp_path, opener=offline)


def test_cli_import_info_download(
    dump: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "cli.sqlite"
    assert main(["gazetteer", "import", *map(str, dump.values()), "--db", str(db)]) == 0
    assert '"geonames": 4' in capsys.readouterr().out
    assert main(["gazetteer", "info", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "user gazetteer" in out and "geonames 4" in out

    def offline(url: str, timeout: float = 0) -> Any:
        raise urllib.error.URLError("offline")

    monkeypatch.setattr("urllib.request.urlopen", offline)
    assert main(["gazetteer", "download", "geonames", "SY", "--dest", str(tmp_path / "dl"), "--db", str(db)]) == 4
    assert "download failed" in capsys.readouterr().err
