"""issue 19, item 4: kill -9 during the final clustering step, then rerun: the clusters are rebuilt."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hadath.store import open_store

ARTICLES = [
    {"id": "a", "outlet": "one", "published": "2018-02-20",
     "text": "قصفت طائرات حربية مدينة إدلب أمس، ما أسفر عن مقتل خمسة مدنيين، بحسب المرصد السوري لحقوق الإنسان."},
    {"id": "b", "outlet": "two", "published": "2018-02-20",
     "text": "قال ناشطون إن غارات جوية استهدفت مدينة إدلب يوم أمس وقتل فيها خمسة مدنيين."},
]  # fmt: skip

# Runs `hadath ingest` with clustering slowed down: it says when clustering starts, then waits to be killed.
SLOW = """
import sys, time
from pathlib import Path
import hadath.store._sql as sql
real = sql.cluster_events
def slow(*a, **k):
    Path(sys.argv[1]).write_text("clustering")
    time.sleep(60)
    return real(*a, **k)
sql.cluster_events = slow
from hadath.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_kill_9_while_clustering_then_rerun_rebuilds_the_clusters(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    db, marker, slow = tmp_path / "k.db", tmp_path / "clustering", tmp_path / "slow.py"
    slow.write_text(SLOW, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(slow), str(marker), "ingest", str(src), "--db", str(db), "--quiet"],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "clustering never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:  # pragma: no cover
            proc.kill()
            proc.wait()
    with open_store(db, create=False) as s:
        assert s.stats()["articles"] == 2 and s.stats()["clusters"] == 0  # killed before the clusters were written
    done = subprocess.run(
        [sys.executable, "-m", "hadath", "ingest", str(src), "--db", str(db), "--quiet", "--json"],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    report = json.loads(done.stdout)
    assert (report["ingested"], report["unchanged"], report["clusters"]) == (0, 2, 1)
    with open_store(db, create=False) as s:
        (c,), _ = s.clusters()
        assert c["n_articles"] == 2 and s.stats()["clustered_events"] == 2
