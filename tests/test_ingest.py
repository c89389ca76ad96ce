from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import hadath.ingest as ingest_mod
from hadath.errors import InputError, StageError
from hadath.ingest import IngestReport, Progress, extract_batch, ingest, ingest_records, iter_sources
from hadath.io.readers import BadRecord, Record
from hadath.store import Store, open_store

# Mechanics are tested with the first two stages so that they do not depend on the extraction stages.
STAGES = ["normalize", "segment"]


def article(i: int, *, extra: str = "") -> dict[str, Any]:
    return {
        "id": f"art-{i}",
        "title": f"خبر {i}",
        "published": "2018-02-20",
        "outlet": "test",
        "url": f"http://example.org/{i}",
        "text": f"قصفت طائرات حربية بلدة رقم {i} في ريف إدلب.{extra}\nوقال مصدر محلي إن {i} أشخاص قتلوا.",
    }


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = open_store(tmp_path / "t.db")
    yield s
    s.close()


def test_ingest_then_reingest_is_a_no_op_without_extraction(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(25)])
    r1 = ingest(store, [src], stages=STAGES, batch_size=10)
    assert (r1.read, r1.ingested, r1.unchanged, r1.versions, r1.failed, r1.batches) == (25, 25, 0, 0, 0, 3)
    calls: list[int] = []
    real = ingest_mod.extract_batch

    def counting(stages: Any, payload: list[dict[str, Any]]) -> Any:
        calls.append(len(payload))
        return real(stages, payload)

    monkeypatch.setattr(ingest_mod, "extract_batch", counting)
    r2 = ingest(store, [src], stages=STAGES, batch_size=10)
    assert (r2.ingested, r2.unchanged, r2.failed) == (0, 25, 0)
    assert calls == []
    assert store.stats()["articles"] == 25


def test_changed_articles_become_versions(store: Store, tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    write_jsonl(src, [article(i) for i in range(5)])
    ingest(store, [src], stages=STAGES)
    write_jsonl(src, [article(i, extra=" تحديث." if i < 2 else "") for i in range(6)])
    r = ingest(store, [src], stages=STAGES)
    assert (r.ingested, r.versions, r.unchanged) == (1, 2, 3)
    st = store.stats()
    assert st["articles"] == 6 and st["versions"] == 8
    doc = store.article("art-0")
    assert doc is not None and "تحديث" in doc["text"]


def test_bad_records_are_logged_and_skipped(store: Store, tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "mixed.jsonl",
        [article(1), "{not json", {"id": "x", "title": "no text"}, article(2), "[1, 2]"],
    )
    r = ingest(store, [src, tmp_path / "missing.txt"], stages=STAGES)
    assert (r.ingested, r.failed) == (2, 4)
    errs = {e["source"]: e["reason"] for e in store.errors()}
    assert errs[f"{src}:2"].startswith("invalid JSON")
    assert "missing text" in errs[f"{src}:3"]
    assert errs[f"{src}:5"] == "not a JSON object"
    assert "no such file" in errs[str(tmp_path / "missing.txt")]


def test_strict_aborts_at_the_first_bad_record_after_logging_it(store: Store, tmp_path: Path) -> None:
    rows = [article(i) for i in range(10)] + ["{broken"] + [article(i) for i in range(10, 20)]
    src = write_jsonl(tmp_path / "a.jsonl", rows)
    with pytest.raises(InputError, match=r"a\.jsonl:11: invalid JSON"):
        ingest(store, [src], stages=STAGES, batch_size=5, strict=True)
    assert store.stats()["articles"] == 10  # the batches before the bad one were committed
    assert store.errors()[0]["source"].endswith("a.jsonl:11")


def test_an_extraction_failure_is_a_logged_error(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hadath.pipeline import Pipeline

    real_call = Pipeline.__call__

    def flaky(self: Pipeline, doc: Any) -> Any:
        if "رقم 3 " in doc.text:
            raise StageError("stage 'segment' failed: boom")
        return real_call(self, doc)

    monkeypatch.setattr(Pipeline, "__call__", flaky)
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(6)])
    r = ingest(store, [src], stages=STAGES)
    assert (r.ingested, r.failed) == (5, 1)
    assert store.errors()[0] == {**store.errors()[0], "source": f"{src}:4", "reason": "stage 'segment' failed: boom"}
    with pytest.raises(InputError, match="boom"):
        ingest(store, [src], stages=STAGES, strict=True)


def test_duplicate_texts_are_extracted_once_and_recorded(store: Store, tmp_path: Path) -> None:
    a, b = article(1), article(2)
    copy = {**a, "id": "copy-of-1", "outlet": "other"}
    src = write_jsonl(tmp_path / "a.jsonl", [a, b, copy])
    r = ingest(store, [src], stages=STAGES, batch_size=10)
    assert (r.ingested, r.unchanged) == (2, 1)
    assert [(d["article_id"], d["stored_id"]) for d in store.duplicates()] == [("copy-of-1", "art-1")]
    # across runs too
    src2 = write_jsonl(tmp_path / "b.jsonl", [{**b, "id": "copy-of-2"}])
    ingest(store, [src2], stages=STAGES)
    assert {d["article_id"] for d in store.duplicates()} == {"copy-of-1", "copy-of-2"}


def test_folders_are_walked_recursively(store: Store, tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "one.txt").write_text("قصفت طائرات مدينة إدلب اليوم.", encoding="utf-8")
    (root / "one.meta.json").write_text(json.dumps({"id": "one-id", "published": "2018-02-21", "outlet": "x"}))
    (root / "sub" / "two.md").write_text("اشتباكات في عفرين بين القوات التركية والوحدات الكردية.", encoding="utf-8")
    with gzip.open(root / "sub" / "deeper" / "three.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(article(3), ensure_ascii=False) + "\n")
    (root / "sub" / "page.html").write_text(
        "<html><head><title>غارة</title></head><body><article><p>"
        + "قصفت طائرات حربية بلدة في ريف دمشق وقتل عدد من المدنيين في الغارة. " * 5
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (root / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / "blank.txt").write_text("  \n", encoding="utf-8")
    (root / ".hidden.txt").write_text("ignored")
    r = ingest(store, [root], stages=STAGES)
    assert (r.ingested, r.failed) == (4, 1)
    assert store.errors()[0] == {**store.errors()[0], "source": str(root / "blank.txt"), "reason": "empty text"}
    doc = store.article("one-id")
    assert doc is not None and doc["article"]["published"] == "2018-02-21" and doc["article"]["outlet"] == "x"
    assert store.article("two") is not None and store.article("page") is not None
    empty = tmp_path / "empty"
    empty.mkdir()
    assert [type(x) for x in iter_sources([empty])] == [BadRecord]


def test_workers_give_the_same_store_as_one_process(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(40)])
    results = {}
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.db") as s:
            r = ingest(s, [src], stages=STAGES, workers=workers, batch_size=7)
            assert (r.ingested, r.failed) == (40, 0)
            results[workers] = sorted((a["id"], a["sha256"]) for a in s.articles(limit=100)[0])
    assert results[1] == results[2]


def test_records_and_invalid_dates(store: Store) -> None:
    recs: list[Record | BadRecord] = [
        Record(text="نص عن إدلب.", id="r1", published="2018-13-45", source="mem:1"),
        Record(text="نص آخر عن حلب.", id="r2", published="2018-02-20", source="mem:2", warnings=["mem:2: decoded"]),
        BadRecord("mem:3", "unreadable"),
    ]
    r = ingest_records(store, recs, stages=STAGES)
    assert (r.ingested, r.failed) == (2, 1)
    d1 = store.article("r1")
    assert d1 is not None and d1["article"]["published"] is None
    assert any("not a date" in w for w in d1["warnings"])
    d2 = store.article("r2")
    assert d2 is not None and d2["warnings"] == ["mem:2: decoded"]


def test_options_are_checked(store: Store) -> None:
    with pytest.raises(InputError):
        ingest_records(store, [], batch_size=0)
    with pytest.raises(InputError):
        ingest_records(store, [], workers=0)
    with pytest.raises(StageError, match="unknown stage"):
        ingest_records(store, [], stages=["nonsense"])


def test_extract_batch_reports_failures_per_article() -> None:
    out = extract_batch(STAGES, [{"text": "نص", "id": "a", "source": "s1"}, {"text": 5, "id": "b", "source": "s2"}])
    assert out[0].article_id == "a"  # type: ignore[union-attr]
    assert out[1] == ("s2", "text must be str, not int")


def test_parquet_partitions_alongside_the_store(store: Store, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(12)])
    ingest(store, [src], stages=STAGES, batch_size=5, parquet_dir=tmp_path / "pq")
    parts = sorted((tmp_path / "pq" / "articles").glob("*.parquet"))
    assert len(parts) == 3
    assert sum(pq.read_table(p).num_rows for p in parts) == 12
    assert {d.name for d in (tmp_path / "pq").iterdir()} == {"articles", "entities", "attributions", "events"}


def test_progress_line(capsys: pytest.CaptureFixture[str]) -> None:
    import io

    buf = io.StringIO()
    p = Progress(buf, interval=0)
    rep = IngestReport(ingested=3, unchanged=1)
    p(rep)
    p(rep, final=True)
    assert "3 ingested" in buf.getvalue() and "articles/s" in buf.getvalue()
    assert "3 ingested, 1 unchanged" in rep.summary()


def test_default_pipeline_on_the_dev_articles(store: Store, shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev" / "dev.jsonl"
    if not dev.is_file():
        pytest.skip("dev set not present")
    r = ingest(store, [dev])
    n = sum(1 for line in dev.read_text(encoding="utf-8").splitlines() if line.strip())
    assert r.failed == 0
    assert r.ingested == n
    assert store.stats()["articles"] == r.ingested
    assert store.articles(q="ادلب")[1] >= 1


# -- kill -9 in the middle, then resume --------------------------------------------------------------
def _count(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(db, timeout=30)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a FIFO")
def test_kill_9_mid_run_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    rows = [json.dumps(article(i), ensure_ascii=False) + "\n" for i in range(60)]
    db = tmp_path / "k.db"
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    cmd = [sys.executable, "-m", "hadath", "ingest", str(fifo), "--db", str(db), "--batch-size", "5",
           "--stages", ",".join(STAGES), "--quiet"]  # fmt: skip
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    try:
        with fifo.open("w", encoding="utf-8") as fh:
            # 23 records: four batches of 5 are committed, three records wait in the fifth batch
            fh.writelines(rows[:23])
            fh.flush()
            deadline = time.monotonic() + 60
            while _count(db) < 20 and time.monotonic() < deadline:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                time.sleep(0.05)
            assert _count(db) == 20
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    finally:
        if proc.poll() is None:  # pragma: no cover
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert _count(db) == 20
    full = write_jsonl(tmp_path / "all.jsonl", [json.loads(r) for r in rows])
    done = subprocess.run(
        [sys.executable, "-m", "hadath", "ingest", str(full), "--db", str(db), "--batch-size", "5",
         "--stages", ",".join(STAGES), "--quiet", "--json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    report = json.loads(done.stdout)
    assert (report["ingested"], report["unchanged"], report["failed"]) == (40, 20, 0)
    conn = sqlite3.connect(db)
    try:
        n, ids, shas = conn.execute(
            "SELECT count(*), count(DISTINCT article_id), count(DISTINCT sha256) FROM articles"
        ).fetchone()
        fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert (n, ids, shas, fts) == (60, 60, 60, 60)


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_with_worker_processes_then_resume(tmp_path: Path) -> None:
    n = 1500
    src = write_jsonl(tmp_path / "big.jsonl", [article(i, extra=" إضافة." * 20) for i in range(n)])
    db = tmp_path / "w.db"
    base = [sys.executable, "-m", "hadath", "ingest", str(src), "--db", str(db), "--batch-size", "20",
            "--workers", "2", "--stages", ",".join(STAGES), "--quiet"]  # fmt: skip
    proc = subprocess.Popen(base, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while _count(db) < 100 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    # the orphaned worker processes notice and exit
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]
    before = _count(db)
    assert before >= 100 and before % 20 == 0  # whole batches only
    done = subprocess.run([*base, "--json"], capture_output=True, text=True, timeout=300, check=True)
    report = json.loads(done.stdout)
    assert report["unchanged"] == before and report["ingested"] == n - before
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM articles").fetchone() == (n, n)
    finally:
        conn.close()


# -- issue 19: one bad record never stops a run ----------------------------------------------------------------------


def test_issue19_surrogate_and_deep_lines_are_logged_and_the_run_goes_on(store: Store, tmp_path: Path) -> None:
    src = write_jsonl(
        tmp_path / "h.jsonl",
        [
            article(1),
            '{"id": "s", "text": "قال \\ud800"}',
            '{"id": "d", "text": "نص", "x": ' + "[" * 1000 + "]" * 1000 + "}",
            article(2),
        ],
    )
    r = ingest(store, [src], stages=STAGES)
    assert (r.read, r.ingested, r.failed) == (4, 2, 2)
    errors = {e["source"]: e["reason"] for e in store.errors()}
    assert "lone surrogate" in errors[f"{src}:2"]
    assert "nested deeper" in errors[f"{src}:3"]
    again = ingest(store, [src], stages=STAGES)  # a rerun passes the bad lines again and stops nowhere
    assert (again.unchanged, again.failed) == (2, 2)


def test_issue19_records_made_by_callers_are_checked(store: Store) -> None:
    recs: list[Record | BadRecord] = [
        Record(text="قال \ud800", id="s", source="mem:1"),
        Record(text="نص سليم عن إدلب.", id="ok", source="mem:2", title="\udc00"),
        Record(text="نص آخر عن حلب.", id="good", source="mem:3"),
    ]
    r = ingest_records(store, recs, stages=STAGES)
    assert (r.ingested, r.failed) == (1, 2)
    assert {e["source"] for e in store.errors()} == {"mem:1", "mem:2"}


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_issue19_publication_dates_at_the_calendar_edges_are_ignored(store: Store, published: str) -> None:
    r = ingest_records(store, [Record(text="قتل ثلاثة أمس في إدلب.", id="e", published=published, source="m")])
    assert (r.ingested, r.failed) == (1, 0)
    doc = store.article("e")
    assert doc is not None and doc["article"]["published"] is None
    assert any("outside the dates hadath reads" in w for w in doc["warnings"])


HOSTILE = "غارات على " * 16_000  # 160 KB of triggers: seconds of CPU (issue 19: the 16 KB reproducer took 20-60 s)


@pytest.mark.parametrize("workers", [1, 2])
def test_issue19_an_article_over_the_cpu_budget_is_logged_as_timed_out(
    store: Store, tmp_path: Path, workers: int
) -> None:
    src = write_jsonl(tmp_path / "t.jsonl", [article(1), {"id": "hostile", "text": HOSTILE}, article(2)])
    t0 = time.monotonic()
    r = ingest(store, [src], workers=workers, timeout=0.5)
    assert time.monotonic() - t0 < 30
    assert (r.ingested, r.failed) == (2, 1)
    [err] = store.errors()
    assert err["source"] == f"{src}:2" and err["reason"].startswith("timed out")
    assert store.article("hostile") is None


def test_timeout_is_checked(store: Store) -> None:
    with pytest.raises(InputError, match="timeout"):
        ingest_records(store, [], timeout=0)
