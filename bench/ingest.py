"""Ingest throughput and memory on the shared corpus, into SQLite and PostgreSQL in one run.

    python bench/ingest.py [--limit N] [--workers 1 2] [--backends sqlite postgres] [--pg URL]
                           [--db PATH] [--batch-size N] [--json]

For each backend and worker count: a fresh store, ingest ``../shared/corpus/ant-2018.jsonl.gz`` (all 31,496
articles or the first N), then ingest the same input again (a no-op: every text is already stored).  The
PostgreSQL store is a fresh schema of ``--pg URL``, or, without one, of a throwaway server started for the run
(tests/pgserver.py: initdb + pg_ctl on a free loopback port; fsync off, as for the tests).  Each run
happens in its own process so that peak RSS (``resource.getrusage`` of the process and of its worker
processes) is per configuration.  Reported: articles/s, wall and CPU seconds, peak RSS, the re-ingest
time and its share of the first run, and the load average (other work on the machine skews wall time).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ant-2018.jsonl.gz"


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def run_one(corpus: Path, db: str, workers: int, limit: int | None, batch_size: int) -> dict[str, Any]:
    """One configuration, in this process: ingest, then ingest again."""
    from hadath.ingest import ingest_records, iter_sources
    from hadath.pipeline import DEFAULT_STAGES
    from hadath.store import open_store

    def records() -> Any:
        it = iter_sources([corpus])
        return itertools.islice(it, limit) if limit else it

    out: dict[str, Any] = {
        "backend": "postgres" if db.startswith("postgresql://") else "sqlite",
        "workers": workers,
        "stages": list(DEFAULT_STAGES),
        "load_before": os.getloadavg()[0],
    }
    with open_store(db) as store:
        t0, c0 = time.perf_counter(), _cpu()
        first = ingest_records(store, records(), workers=workers, batch_size=batch_size)
        t1, c1 = time.perf_counter(), _cpu()
        again = ingest_records(store, records(), workers=workers, batch_size=batch_size)
        t2 = time.perf_counter()
        stats = store.stats()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out.update(
        articles=first.done,
        ingested=first.ingested,
        unchanged=first.unchanged,
        versions=first.versions,
        failed=first.failed,
        seconds=round(t1 - t0, 2),
        cpu_seconds=round(c1 - c0, 2),
        articles_per_s=round(first.done / (t1 - t0), 1),
        reingest_seconds=round(t2 - t1, 2),
        reingest_unchanged=again.unchanged,
        reingest_extracted=again.ingested + again.versions + again.failed,
        reingest_share=round((t2 - t1) / (t1 - t0), 3),
        peak_rss_mb=round(self_rss / 1024, 1),
        peak_worker_rss_mb=round(child_rss / 1024, 1),
        events=stats["events"],
        entities=stats["entities"],
        clusters=stats["clusters"],
        store_mb=round(stats["bytes"] / 1e6, 1),
        load_after=os.getloadavg()[0],
    )
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--batch-size", type=int, default=100)
    ap.add_argument("--backends", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"])
    ap.add_argument("--pg", default=None, help="a PostgreSQL URL (default: a throwaway server for the run)")
    ap.add_argument("--db", type=Path, default=None, help="SQLite store path prefix (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the stores")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # internal: run one configuration
    ap.add_argument("--store", default=None, help=argparse.SUPPRESS)  # internal: the store of that configuration
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"bench: {args.corpus} not found", file=sys.stderr)
        return 2
    if args.one is not None:
        print(json.dumps(run_one(args.corpus, args.store, args.one, args.limit, args.batch_size)))
        return 0
    tmp = None if args.db else tempfile.TemporaryDirectory(prefix="hadath-bench-")
    prefix = args.db or Path(tmp.name) / "bench.db"  # type: ignore[union-attr]
    results = []
    with contextlib.ExitStack() as stack:
        pg = args.pg
        if "postgres" in args.backends and pg is None:
            pgserver = _pgserver()
            bindir = pgserver.find_bin()
            if bindir is None:
                print("bench: no PostgreSQL server binaries (apt-get install postgresql) and no --pg", file=sys.stderr)
                return 2
            pg = stack.enter_context(pgserver.server(bindir))
        try:
            for w in args.workers:
                for backend in args.backends:
                    if backend == "postgres":
                        store = _pgserver().fresh_schema_url(pg)
                    else:
                        db = prefix.with_name(f"{prefix.stem}-w{w}{prefix.suffix or '.db'}")
                        for f in db.parent.glob(db.name + "*"):
                            f.unlink()
                        store = str(db)
                    cmd = [sys.executable, __file__, "--corpus", str(args.corpus), "--one", str(w), "--store", store,
                           "--batch-size", str(args.batch_size)]  # fmt: skip
                    if args.limit:
                        cmd += ["--limit", str(args.limit)]
                    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
                    if done.returncode != 0:
                        print(done.stderr, file=sys.stderr)
                        return done.returncode
                    results.append(json.loads(done.stdout.strip().splitlines()[-1]))
                    if backend == "sqlite" and not args.keep and tmp is None:
                        for f in Path(store).parent.glob(Path(store).name + "*"):
                            f.unlink()
        finally:
            if tmp is not None:
                tmp.cleanup()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"corpus {args.corpus.name}, {results[0]['articles']} articles, stages {','.join(results[0]['stages'])}")
    print(f"{'backend':>8} {'workers':>7} {'art/s':>8} {'wall s':>8} {'cpu s':>8} {'rss MB':>8} {'wkr MB':>8} "
          f"{'re-ingest s':>11} {'share':>6} {'failed':>6} {'events':>7} {'load':>5}")  # fmt: skip
    for r in results:
        print(f"{r['backend']:>8} {r['workers']:>7} {r['articles_per_s']:>8} {r['seconds']:>8} {r['cpu_seconds']:>8} "
              f"{r['peak_rss_mb']:>8} {r['peak_worker_rss_mb']:>8} {r['reingest_seconds']:>11} "
              f"{r['reingest_share']:>6} {r['failed']:>6} {r['events']:>7} {r['load_before']:>5.1f}")  # fmt: skip
    for w in args.workers:
        by = {r["backend"]: r for r in results if r["workers"] == w}
        if "sqlite" in by and "postgres" in by:
            share = by["postgres"]["articles_per_s"] / by["sqlite"]["articles_per_s"]
            print(f"workers {w}: PostgreSQL at {share:.0%} of SQLite's throughput")
    return 0


def _pgserver() -> Any:
    """tests/pgserver.py, the throwaway server the tests use."""
    import importlib.util

    if "pgserver" in sys.modules:
        return sys.modules["pgserver"]
    spec = importlib.util.spec_from_file_location("pgserver", ROOT / "tests" / "pgserver.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pgserver"] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    sys.exit(main())
