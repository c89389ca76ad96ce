from __future__ import annotations

import csv
from pathlib import Path

import pytest

from hadath.errors import GazetteerError
from hadath.gazetteer.imports import import_files
from hadath.gazetteer.ocha import ocha_records, read_ocha
from hadath.gazetteer.store import Gazetteer

HDX_HEADER = [
    "admin0Name_en",
    "admin0Pcode",
    "admin1Name_en",
    "admin1Name_ar",
    "admin1Pcode",
    "admin2Name_en",
    "admin2Name_ar",
    "admin2Pcode",
    "admin3Name_en",
    "admin3Name_ar",
    "admin3Pcode",
    "Location",
    "Location_ar",
    "Location_Pcode",
    "Latitude",
    "Longitude",
]
HXL = [
    "#country+name",
    "#country+code",
    "#adm1+name",
    "#adm1+name+i_ar",
    "#adm1+code",
    "#adm2+name",
    "#adm2+name+i_ar",
    "#adm2+code",
    "#adm3+name",
    "#adm3+name+i_ar",
    "#adm3+code",
    "#loc+name",
    "#loc+name+i_ar",
    "#loc+code",
    "#geo+lat",
    "#geo+lon",
]
HDX_ROWS = [
    [
        "Syria",
        "SY",
        "Idleb",
        "إدلب",
        "SY07",
        "Idleb",
        "إدلب",
        "SY0700",
        "Idleb",
        "مركز إدلب",
        "SY070000",
        "Idleb",
        "إدلب",
        "C3871",
        "35.9377",
        "36.6329",
    ],
    [
        "Syria",
        "SY",
        "Idleb",
        "إدلب",
        "SY07",
        "Al Ma'ra",
        "معرة النعمان",
        "SY0703",
        "Kafr Nobol",
        "كفرنبل",
        "SY070303",
        "Lweibdeh",
        "لويبدة",
        "C4074",
        "35.5099",
        "36.4567",
    ],
    [
        "Syria",
        "SY",
        "Hama",
        "حماة",
        "SY05",
        "Hama",
        "حماة",
        "SY0500",
        "Hama",
        "مركز حماة",
        "SY050000",
        "Lwaibeda",
        "لويبدة",
        "C7886",
        "35.4957",
        "37.2249",
    ],
]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(r)
    return path


def test_hdx_csv_with_hxl_row(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "syr_pplp.csv", HDX_HEADER, [HXL, *HDX_ROWS])
    rows = list(read_ocha(path))
    assert len(rows) == 3  # the HXL row is skipped
    recs = {p.id: p for p, _ in ocha_records(rows)}
    lw = recs["ocha:C4074"]
    assert (lw.admin1, lw.admin2, lw.country, lw.level, lw.source) == ("Idlib", "Al Ma'ra", "SY", "village", "ocha")
    assert recs["ocha:C7886"].admin1 == "Hama"
    a1 = recs["ocha:SY07"]
    assert a1.level == "admin1" and a1.name_en == "Idlib"  # OCHA "Idleb" -> the ACLED name
    assert (a1.lat, a1.lon) == (35.9377, 36.6329)  # placed at its homonymous town
    assert recs["ocha:SY070303"].level == "admin3"
    assert recs["ocha:SY070000"].name_ar == "ادلب"  # مركز إدلب -> إدلب


def test_shared_layout_csv_and_type(tmp_path: Path) -> None:
    header = [
        "gov_en",
        "gov_ar",
        "gov_pcode",
        "dist_en",
        "dist_ar",
        "dist_pcode",
        "subd_en",
        "subd_ar",
        "subd_pcode",
        "loc_en",
        "loc_ar",
        "loc_pcode",
        "loc_type",
        "lon",
        "lat",
    ]
    rows = [
        [
            "Damascus",
            "دمشق",
            "SY01",
            "Damascus",
            "دمشق",
            "SY0100",
            "Damascus",
            "دمشق",
            "SY010000",
            "Jobar",
            "جوبر",
            "N1",
            "N",
            "36.33",
            "33.53",
        ]
    ]
    path = _write_csv(tmp_path / "locations.csv", header, rows)
    recs = {p.id: p for p, _ in ocha_records(read_ocha(path))}
    assert recs["ocha:N1"].level == "neighbourhood"
    assert recs["ocha:N1"].admin1 == "Damascus"


def test_xlsx(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Readme"
    ws.append(["This workbook holds the populated places"])
    data = wb.create_sheet("syr_pplp")
    data.append(HDX_HEADER)
    data.append(HXL)
    for r in HDX_ROWS:
        data.append([float(c) if i >= 14 else c for i, c in enumerate(r)])
    path = tmp_path / "syr_pplp.xlsx"
    wb.save(path)
    db = tmp_path / "user.sqlite"
    res = import_files([path], db=db)
    assert res["imported"] == {"ocha": 3 + 2 + 3 + 3}  # 3 places, 2 admin1, 3 admin2, 3 admin3
    with Gazetteer(db) as gz:
        assert {p.admin1 for p in gz.lookup("لويبدة")} == {"Idlib", "Hama"}


def test_not_an_ocha_table(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", ["foo", "bar"], [["1", "2"]])
    with pytest.raises(GazetteerError, match="no OCHA name columns"):
        list(read_ocha(path))


def test_shared_syria_import(shared_dir: Path, tmp_path: Path) -> None:
    src = shared_dir / "gazetteer" / "syria" / "syria_ocha_locations_8007.csv"
    if not src.is_file():
        pytest.skip("shared OCHA table not present")
    db = tmp_path / "ocha.sqlite"
    res = import_files([src], db=db)
    assert res["levels"]["village"] + res["levels"]["neighbourhood"] == 8007
    assert res["levels"]["admin1"] == 14
    with Gazetteer(db) as gz:
        lw = gz.lookup("لويبدة")
        assert {p.admin1 for p in lw} >= {"Idlib", "Hama", "Homs"}
        admin1 = {p.admin1 for p in gz.iter_places()}
        assert admin1 == {
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
