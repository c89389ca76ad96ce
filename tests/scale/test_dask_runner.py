from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from hadath.scale.dask_runner import DaskExecutor, dask_client, ingest_dask
from hadath.store import open_store

STAGES = ["normalize", "segment"]


def write_articles(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = {"id": f"d{i}", "published": "2018-02-20", "outlet": "t",
                   "text": f"قصفت طائرات حربية بلدة رقم {i} في ريف إدلب وقتل {i} أشخاص."}  # fmt: skip
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        fh.write("{broken\n")
    return path


def test_ingest_on_a_local_dask_cluster(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    src = write_articles(tmp_path / "a.jsonl", 30)
    with open_store(tmp_path / "d.db") as store:
        r = ingest_dask(
            store, [src], address="local", workers=2, processes=False, stages=STAGES, batch_size=4,
            parquet_dir=tmp_path / "pq",
        )  # fmt: skip
        assert (r.ingested, r.failed, r.batches) == (30, 1, 8)
        assert store.stats()["articles"] == 30
        assert store.errors()[0]["source"].endswith("a.jsonl:31")
        # the writer skipped stored texts before sending anything to the cluster
        again = ingest_dask(store, [src], address="local", workers=1, processes=False, stages=STAGES)
        assert (again.ingested, again.unchanged, again.batches) == (0, 30, 0)
    parts = sorted((tmp_path / "pq" / "articles").glob("*.parquet"))
    assert len(parts) == 8
    ids = [x for p in parts for x in pq.read_table(p).column("article_id").to_pylist()]
    assert sorted(ids) == sorted(f"d{i}" for i in range(30))


def test_executor_counts_slots() -> None:
    with dask_client("local", workers=2, processes=False) as client:
        ex = DaskExecutor(client)
        assert ex.slots == 2
        assert ex.submit(sum, [1, 2, 3]).result() == 6
