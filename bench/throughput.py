"""Throughput and memory of `hadath extract` over the shared corpus, single process.

usage: python bench/throughput.py [--corpus PATH] [--limit N] [--stages a,b,c] [--json]

Reads ../shared/corpus/ant-2018.jsonl.gz (or --corpus), runs the pipeline over the first N articles
(all by default), and prints articles/s, characters/s, time per stage (ms per article) and peak RSS.
The pipeline is built (and its data loaded) before the clock starts; load time is reported apart.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ant-2018.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="first N articles (0 = all)")
    ap.add_argument("--stages", default=None, help="comma-separated stage names (default: the full pipeline)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2

    from hadath.doc import ArticleMeta, Doc
    from hadath.pipeline import DEFAULT_STAGES, Pipeline

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    pipeline = Pipeline(args.stages.split(",") if args.stages else DEFAULT_STAGES)
    # warm the lazily loaded data (lexicons, gazetteer, KB) on a tiny document
    pipeline.extract("قال المرصد السوري إن قوات النظام قصفت إدلب أمس.", published="2018-02-09")
    load_s = time.perf_counter() - t0

    records = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            records.append(json.loads(line))
            if args.limit and len(records) >= args.limit:
                break
    per_stage = {s.name: 0.0 for s in pipeline.stages}
    chars = 0
    events = 0
    t1 = time.perf_counter()
    for r in records:
        doc = Doc(
            r["text"],
            ArticleMeta(
                id=r.get("id"),
                title=r.get("title"),
                published=r.get("published"),
                published_source="metadata" if r.get("published") else None,
            ),
        )
        for stage in pipeline.stages:
            ts = time.perf_counter()
            doc = stage(doc)
            per_stage[stage.name] += time.perf_counter() - ts
        chars += len(r["text"])
        events += len(doc.events)
    elapsed = time.perf_counter() - t1
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    n = len(records)
    res = {
        "articles": n,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(n / elapsed, 1) if elapsed else None,
        "chars_per_s": round(chars / elapsed) if elapsed else None,
        "avg_chars": round(chars / n) if n else 0,
        "events": events,
        "load_s": round(load_s, 2),
        "ms_per_article_by_stage": {k: round(1000 * v / n, 3) for k, v in per_stage.items()} if n else {},
        "peak_rss_mb": round(rss / 1024, 1),
        "rss_before_load_mb": round(rss0 / 1024, 1),
        "stages": pipeline.names,
    }
    if args.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k:26s} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
