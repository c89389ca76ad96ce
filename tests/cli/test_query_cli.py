from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from hadath.cli import main
from hadath.store import open_store
from samples import sample_documents


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    with open_store(path) as s:
        s.add_many([(d, t, "sample") for d, t in sample_documents()])
        s.recluster()
    return str(path)


def test_search(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "دوما", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 article(s) match")
    assert "bbc-2018-02-19-douma" in out and "cnn-2018-02-19-idlib" not in out
    assert main(["search", "بإدلب", "--db", db, "--format", "json", "--limit", "1"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["total"] == 1 and res["results"][0]["id"] == "cnn-2018-02-19-idlib"


def test_events_table_json_jsonl(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db, "--country", "SY", "--type", "Battles"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "1 event(s); showing 1"
    assert "Military Forces of Turkey → YPG" in out and "Afrin" in out
    assert main(["events", "--db", db, "--since", "2018-02-20", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 2
    assert main(["events", "--db", db, "--actor", "Russia", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["events", "--db", db, "--bbox", "36.3,33.5,36.5,33.6", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 3
    assert main(["events", "--db", db, "--bbox", "1,2,3"]) == 2


def test_events_clusters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db, "--clusters"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "1 cluster(s); showing 1"
    assert "†12–18" in out and "3 reports, 3 outlets" in out
    assert "≠ fatalities" in out and "≠ actor1" in out and "≠ denial" in out
    cid = out.splitlines()[1].split()[0]
    assert main(["events", "--db", db, "--cluster", cid, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 3
    assert main(["events", "--db", db, "--clusters", "--type", "Battles"]) == 2


def test_show_plain_markup(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "bbc-2018-02-19-douma", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "\033[" not in out
    assert "[دوما|PLACE Douma]" in out and "[طائرات حربية روسية|ORG Military Forces of Russia]" in out
    assert "Attributions (1)" in out and "SOHR — وقال [assert]" in out
    assert "Events (1)" in out and "Air/drone strike" in out and "fatalities 12" in out and "sources: SOHR" in out


def test_show_colour_json_and_missing(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "bbc-2018-02-19-douma", "--db", db, "--color", "always"]) == 0
    assert "\033[32mدوما\033[0m" in capsys.readouterr().out
    assert main(["show", "bbc-2018-02-19-douma", "--db", db, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "hadath/1" and doc["text"].startswith("قصفت")
    assert main(["show", "nope", "--db", db]) == 2
    assert "no article 'nope'" in capsys.readouterr().err


def test_show_dates_and_quantities() -> None:
    from hadath.cli.show import render

    text = "قتل 5 أشخاص يوم الاثنين."
    doc = {
        "article": {"id": "x"},
        "text": text,
        "dates": [{"text": "يوم الاثنين", "start": 12, "end": 23, "value": "2018-02-19", "end_value": None}],
        "quantities": [{"text": "5", "start": 4, "end": 5, "value": 5, "category": "killed"}],
        "entities": [],
        "attributions": [],
    }
    out = render(doc, [])
    assert "[5|QTY 5 killed]" in out and "[يوم الاثنين|DATE 2018-02-19]" in out


def test_export_cli(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "acled-csv", "--db", db, "--type", "Battles"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1 and rows[0]["interaction"] == "28"
    out = tmp_path / "e.geojson"
    assert main(["export", "-f", "geojson", "--db", db, "-o", str(out)]) == 0
    assert "wrote 5 events" in capsys.readouterr().err
    assert len(json.loads(out.read_text())["features"]) == 5
    assert main(["export", "-f", "parquet", "--db", db]) == 2
    assert "output folder" in capsys.readouterr().err
    pytest.importorskip("pyarrow")
    assert main(["export", "-f", "parquet", "--db", db, "-o", str(tmp_path / "pq")]) == 0
    assert "5 articles" in capsys.readouterr().err


def test_cluster_recomputes_the_clusters(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as s:
        s.recluster(since="2000-01-01", until="2000-01-02")  # a window with no events: the others stay
        assert s.stats()["clusters"] == 1
        s._w.execute("DELETE FROM clusters")  # a store whose clusters are gone (or were made by an older build)
        s._w.execute("UPDATE events SET cluster_id = NULL")
        s._w.commit()
        assert s.stats()["clusters"] == 0
    assert main(["cluster", "--db", db]) == 0
    assert "1 corroboration clusters" in capsys.readouterr().err
    with open_store(db) as s:
        assert s.stats()["clusters"] == 1
    assert main(["cluster", "--db", db, "--since", "2018-02-19", "--until", "2018-02-19", "--quiet"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["cluster", "--db", db, "--since", "19/02/2018"]) == 5  # a StoreError, as for every store call
    assert main(["cluster", "--db", str(Path(db).with_name("missing.db"))]) == 5
    assert "missing.db" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["events", "export"])
@pytest.mark.parametrize(
    ("args", "option", "valid"),
    [
        (["--type", "Nonsense"], "--type", ["Battles", "Strategic developments"]),
        (["--sub-type", "air strike"], "--sub-type", ["Air/drone strike", "Armed clash", "Other"]),
        (["--type", "Battles", "--sub-type", "Air/drone strike"], "--sub-type", ["Armed clash"]),
        (["--since", "19/02/2018"], "--since", ["YYYY-MM-DD"]),
        (["--until", "2018-02-30"], "--until", ["YYYY-MM-DD"]),
        (["--bbox", "36,33,35,34"], "--bbox", ["W <= E"]),
        (["--bbox", "36,33,35"], "--bbox", ["four numbers W,S,E,N"]),
    ],
)
def test_a_bad_filter_value_is_an_input_error_naming_the_valid_values(
    db: str, capsys: pytest.CaptureFixture[str], command: str, args: list[str], option: str, valid: list[str]
) -> None:
    extra = ["--format", "jsonl"] if command == "export" else []
    assert main([command, "--db", db, *extra, *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"hadath: error: {option}: ")
    for v in valid:
        assert v in captured.err


def test_filter_values_are_read_in_any_case(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["events", "--db", db, "--type", "explosions/remote VIOLENCE", "--sub-type", "AIR/drone strike"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "4 event(s); showing 4"
    assert main(["events", "--db", db, "--article", "cnn-2018-02-19-idlib", "--format", "json"]) == 0
    assert [e["id"] for e in json.loads(capsys.readouterr().out)["results"]] == ["cnn-2018-02-19-idlib:v1"]


def test_the_filter_options_are_the_event_filters() -> None:
    from hadath.cli import build_parser
    from hadath.store import EventFilter

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for command in ("events", "export"):
        parser = sub.choices[command]  # type: ignore[index]
        dests = {a.dest for a in parser._actions}
        assert set(EventFilter.names()) <= dests, command
