"""Several ingests into one PostgreSQL database at once, and kill -9 in the middle: nothing lost, nothing twice.

Runs ``hadath ingest`` as separate processes against the real test server (tests/pgserver.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _article(i: int) -> dict[str, Any]:
    return {
        "id": f"art-{i}",
        "title": f"خبر {i}",
        "published": "2018-02-20",
        "outlet": "test",
        "url": f"http://example.org/{i}",
        "text": f"قصفت طائرات حربية بلدة رقم {i} في ريف إدلب أمس. وقال المرصد السوري إن {i % 9 + 2} مدنيين قتلوا."
        + " وأضاف أن الاشتباكات مستمرة." * 3,
    }


def _jsonl(path: Path, ids: range) -> Path:
    path.write_text("".join(json.dumps(_article(i), ensure_ascii=False) + "\n" for i in ids), encoding="utf-8")
    return path


def _counts(url: str) -> tuple[int, int, int, int, int]:
    import psycopg

    with psycopg.connect(url) as conn:
        try:
            a = conn.execute(
                "SELECT count(*), count(DISTINCT sha256), count(DISTINCT article_id) FROM articles"
            ).fetchone()
            e = conn.execute("SELECT count(*), count(DISTINCT gid) FROM events WHERE latest = 1").fetchone()
        except psycopg.errors.UndefinedTable:
            return (0, 0, 0, 0, 0)
    assert a is not None and e is not None
    return (a[0], a[1], a[2], e[0], e[1])


def test_concurrent_ingests_and_kill_9_lose_and_duplicate_nothing(pg_url: str, tmp_path: Path) -> None:
    first = _jsonl(tmp_path / "first.jsonl", range(0, 240))
    second = _jsonl(tmp_path / "second.jsonl", range(120, 200))  # overlaps the first
    base = [sys.executable, "-m", "hadath", "ingest", "--db", pg_url, "--batch-size", "10", "--quiet"]
    p1 = subprocess.Popen([*base, str(first), "--workers", "2"], stderr=subprocess.DEVNULL)
    p2 = subprocess.Popen([*base, str(second), "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _counts(pg_url)[0] < 40 and p1.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert p1.poll() is None, "the first ingest ended before it could be killed"
        os.kill(p1.pid, signal.SIGKILL)
        p1.wait(timeout=30)
        out, err = p2.communicate(timeout=300)
    finally:
        for p in (p1, p2):
            if p.poll() is None:  # pragma: no cover
                p.kill()
                p.wait()
    assert p1.returncode == -signal.SIGKILL
    assert p2.returncode == 0, err.decode()
    report2 = json.loads(out)
    assert report2["failed"] == 0 and report2["ingested"] + report2["unchanged"] == 80
    n, shas, ids, events, gids = _counts(pg_url)
    assert n == shas == ids and events == gids  # no duplicates while one writer was killed mid-run
    # rerun the killed ingest: it resumes, and the union is there exactly once
    done = subprocess.run([*base, str(first), "--workers", "2", "--json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["failed"] == 0 and report["unchanged"] == n and report["ingested"] == 240 - n
    n, shas, ids, events, gids = _counts(pg_url)
    assert (n, shas, ids) == (240, 240, 240)
    assert events == gids and events >= 240
