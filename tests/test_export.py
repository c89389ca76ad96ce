from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from hadath.errors import InputError
from hadath.export import (
    ACLED_COLUMNS,
    EXTRA_COLUMNS,
    acled_row,
    export,
    write_geojson,
)
from hadath.store import EventFilter, Store, open_store
from samples import sample_documents

ACLED_ORDER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
    "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"
).split(",")


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = open_store(tmp_path / "e.db")
    s.add_many([(d, t, "") for d, t in sample_documents()])
    s.recluster()
    yield s
    s.close()


def test_acled_columns_are_acleds_in_order() -> None:
    assert list(ACLED_COLUMNS) == ACLED_ORDER
    assert list(EXTRA_COLUMNS) == [
        "article_id", "evidence", "confidence", "cluster_id", "denied", "event_id", "source_url", "inter1_label",
        "inter2_label", "interaction_label", "updated_at", "sentence_ar",
    ]  # fmt: skip


def test_acled_csv(store: Store) -> None:
    buf = io.StringIO()
    result = export(store, "acled-csv", buf)
    assert result["rows"] == 5
    buf.seek(0)
    reader = csv.reader(buf)
    header = next(reader)
    assert header == [*ACLED_ORDER, *EXTRA_COLUMNS]
    buf.seek(0)
    rows = {r["article_id"]: r for r in csv.DictReader(buf)}
    douma = rows["bbc-2018-02-19-douma"]
    assert douma["event_id_cnty"].startswith("SYR")
    assert (douma["event_date"], douma["year"], douma["time_precision"]) == ("2018-02-19", "2018", "1")
    assert douma["disorder_type"] == "Political violence"
    assert (douma["actor1"], douma["inter1"], douma["actor2"], douma["inter2"]) == (
        "Military Forces of Russia", "8", "Civilians (Syria)", "7"
    )  # fmt: skip
    assert douma["interaction"] == "78" and douma["civilian_targeting"] == "Civilian targeting"
    assert (douma["iso"], douma["region"], douma["country"]) == ("760", "Middle East", "Syria")
    assert (douma["admin1"], douma["admin2"], douma["location"]) == ("Rif Dimashq", "Duma", "Douma")
    assert float(douma["latitude"]) == pytest.approx(33.5711) and douma["geo_precision"] == "1"
    assert douma["source"] == "BBC Arabic; SOHR"
    assert douma["fatalities"] == "12" and douma["sentence_ar"].startswith("قصفت طائرات")
    assert douma["notes"].startswith("On 19 February 2018, the Military Forces of Russia carried out air or drone")
    assert douma["evidence"] == "قصفت" and douma["cluster_id"].startswith("c-") and douma["denied"] == "0"
    assert rows["f24-2018-02-20-denial"]["denied"] == "1"
    afrin = rows["bbc-2018-02-20-afrin"]
    assert (afrin["inter1"], afrin["inter2"], afrin["interaction"]) == ("8", "2", "28")
    idlib = rows["cnn-2018-02-19-idlib"]
    assert (idlib["actor1"], idlib["inter1"], idlib["interaction"], idlib["fatalities"]) == ("", "", "", "5")
    hamouriyeh = rows["sky-2018-02-20-hamouriyeh"]
    assert (hamouriyeh["inter1"], hamouriyeh["inter2"], hamouriyeh["interaction"]) == ("1", "0", "10")


def test_acled_csv_reads_with_pyarrow(store: Store, tmp_path: Path) -> None:
    pacsv = pytest.importorskip("pyarrow.csv")
    out = tmp_path / "acled.csv"
    export(store, "acled-csv", out, EventFilter(country="SY"))
    table = pacsv.read_csv(out)
    assert table.column_names == [*ACLED_ORDER, *EXTRA_COLUMNS]
    assert table.num_rows == 5
    assert sorted(table.column("iso").to_pylist()) == [760] * 5


def test_row_without_a_country() -> None:
    row = acled_row({"event_type": "Battles", "event_date": "2018-01-02", "row": 7}, timestamp=1)
    assert row["event_id_cnty"] == "XXX7" and row["iso"] == "" and row["time_precision"] == 2
    assert row["fatalities"] == 0 and row["timestamp"] == 1


def test_geojson(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    result = export(store, "geojson", out, EventFilter(event_type="Explosions/Remote violence"))
    assert result["rows"] == 4 and result["without_coordinates"] == 0
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    f = next(x for x in fc["features"] if x["id"] == "cnn-2018-02-19-idlib:v1")
    assert f["geometry"] == {"type": "Point", "coordinates": [36.6339, 35.9306]}
    assert f["properties"]["fatalities"] == 5 and "lat" not in f["properties"]


def test_geojson_counts_events_without_coordinates(tmp_path: Path) -> None:
    from samples import build_doc

    text = "اشتباكات في مكان ما."
    doc = build_doc("x", text, published="2018-02-20",
                    events=[{"id": "v1", "event_type": "Battles", "sub_event_type": "Armed clash",
                             "trigger": "اشتباكات", "date": "2018-02-20"}]).to_dict()  # fmt: skip
    with open_store(tmp_path / "n.db") as s:
        s.add(doc, text=text)
        buf = io.StringIO()
        assert export(s, "geojson", buf) == {"format": "geojson", "rows": 1, "without_coordinates": 1}
        (feature,) = json.loads(buf.getvalue())["features"]
        assert feature["id"] == "x:v1" and feature["geometry"] is None
        assert feature["properties"]["event_type"] == "Battles"


def test_geojson_foreign_members_follow_the_features() -> None:
    buf = io.StringIO()
    assert write_geojson([], buf, members={"total": 0, "limit": 50}) == (0, 0)
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": [], "total": 0, "limit": 50}


def test_jsonl(store: Store) -> None:
    buf = io.StringIO()
    assert export(store, "jsonl", buf, EventFilter(since="2018-02-20"))["rows"] == 2
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert {r["article_id"] for r in rows} == {"sky-2018-02-20-hamouriyeh", "bbc-2018-02-20-afrin"}


def test_parquet_layers(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "pq"
    result = export(store, "parquet", out)
    assert result["rows"] == {"articles": 5, "entities": 13, "attributions": 3, "events": 5}
    assert sorted(p.name for p in out.iterdir()) == [
        "articles.parquet", "attributions.parquet", "entities.parquet", "events.parquet"
    ]  # fmt: skip
    events = pq.read_table(out / "events.parquet")
    assert events.num_rows == 5
    row = next(r for r in events.to_pylist() if r["article_id"] == "bbc-2018-02-19-douma")
    assert row["source_speakers"] == ["SOHR"] and row["fatalities"] == 12 and row["lat"] == pytest.approx(33.5711)
    arts = pq.read_table(out / "articles.parquet")
    assert set(arts.column_names) >= {"article_id", "text", "sha256"}
    # with filters, the other layers hold only the selected events' articles
    sub = export(store, "parquet", tmp_path / "pq2", EventFilter(event_type="Battles"))
    assert sub["rows"] == {"articles": 1, "entities": 3, "attributions": 0, "events": 1}


def test_export_errors(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown export format"):
        export(store, "xlsx", io.StringIO())
    with pytest.raises(InputError, match="folder"):
        export(store, "parquet", io.StringIO())
    with pytest.raises(InputError, match="is a folder"):
        export(store, "jsonl", tmp_path)


# -- issue 19, item 6: spreadsheet formula injection ---------------------------------------------------------
@pytest.mark.parametrize("lead", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(lead: str) -> None:
    from hadath.export import csv_cell, write_acled_csv

    evil = f'{lead}HYPERLINK("http://x","y")'
    assert csv_cell(evil) == "'" + evil
    assert csv_cell(-3.5) == -3.5 and csv_cell("قصف") == "قصف"  # numbers and plain text pass unchanged
    buf = io.StringIO()
    write_acled_csv([{"event_type": "Battles", "event_date": "2018-01-02", "sentence_text": evil,
                      "actor1_name": evil, "outlet": evil, "lon": -3.5, "lat": 1.0}], buf)  # fmt: skip
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert row["sentence_ar"] == row["actor1"] == "'" + evil and row["source"].startswith("'")
    assert row["notes"].startswith("On 2 January 2018, ")  # the English note opens with its date
    assert row["longitude"] == "-3.5"


def test_deleted_export(tmp_path: Path) -> None:
    from hadath.export import DELETED_COLUMNS, export_deleted

    with open_store(tmp_path / "d.db") as s:
        s.add_many([(d, t, "") for d, t in sample_documents()])
        doc, text = sample_documents()[0]
        moved = json.loads(json.dumps(doc))
        moved["events"][0]["date"] = "2018-03-15"
        moved["article"]["sha256"] = None
        s.add(moved, text=text + " تحديث")
        buf = io.StringIO()
        assert export_deleted(s, "acled-csv", buf, "2000-01-01")["rows"] == 1
        (row,) = list(csv.DictReader(io.StringIO(buf.getvalue())))
        assert list(row) == list(DELETED_COLUMNS) and row["event_id_cnty"].startswith("SYR")
        assert int(row["deleted_timestamp"]) > 0 and row["event_id"] == "bbc-2018-02-19-douma:v1"
        with pytest.raises(InputError, match="jsonl or acled-csv"):
            export_deleted(s, "geojson", io.StringIO(), None)


def test_geojson_flags_points_that_stand_for_a_country_or_province() -> None:
    from hadath.export import geojson_feature

    town = {"id": "a:v1", "lat": 35.9, "lon": 36.6, "geo_precision": 1, "admin1": "Idlib"}
    province = {"id": "a:v2", "lat": 35.86, "lon": 36.63, "geo_precision": 3, "admin1": "Idlib"}
    country = {"id": "a:v3", "lat": 34.9, "lon": 37.1, "geo_precision": 3, "admin1": None}
    assert geojson_feature(town)["properties"]["area"] is None
    assert geojson_feature(province)["properties"]["area"] == "admin1"
    assert geojson_feature(country)["properties"]["area"] == "country"
    assert geojson_feature(country)["geometry"] == {"type": "Point", "coordinates": [37.1, 34.9]}
