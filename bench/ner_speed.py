"""Speed of the name tagger alone, next to the segmenter and the full pipeline, on the shared corpus.

usage: python bench/ner_speed.py [--corpus PATH] [--limit N] [--category REGEX] [--json]

Reads the first N news articles of ../shared/corpus/ant-2018.jsonl.gz (by default the categories the scoreboard's
speed test uses), segments them, and reports: the time to load the packaged model (its lexicons apart), the
tagger's CPU time per 1,000 tokens on a first pass (every new word is scored once: what a fresh process pays)
and on a second pass over the same articles (cached words), and the full pipeline's time per 1,000 tokens for
comparison.  CPU time (``time.process_time``) is used: it varies less than wall time on a shared machine.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ant-2018.jsonl.gz"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--category", default="middleEast|internationalNews")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    pick = re.compile(rf'"category": "({args.category})"')
    texts: list[str] = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            if pick.search(line):
                texts.append(json.loads(line)["text"])
                if len(texts) >= args.limit:
                    break

    from hadath.lang.ar.ner.features import lexicons
    from hadath.lang.ar.ner.tagger import NameTagger
    from hadath.pipeline import Pipeline, default_pipeline

    t0 = time.perf_counter()
    lexicons()
    t1 = time.perf_counter()
    tagger = NameTagger.load()
    t2 = time.perf_counter()
    seg = Pipeline(["normalize", "segment"])
    docs = [seg.extract(t).tokens for t in texts]
    n = sum(len(d) for d in docs)
    passes = []
    for _ in range(2):
        c0 = time.process_time()
        for d in docs:
            tagger.names(d)
        passes.append(time.process_time() - c0)
    full = default_pipeline()
    full.extract(texts[0])
    c0 = time.process_time()
    for t in texts:
        full.extract(t)
    pipe = time.process_time() - c0
    res = {
        "articles": len(texts),
        "tokens_per_article": round(n / len(texts), 1),
        "lexicons_load_s": round(t1 - t0, 3),
        "model_load_s": round(t2 - t1, 3),
        "tagger_ms_per_1000_tokens_first_pass": round(passes[0] / n * 1e6, 2),
        "tagger_ms_per_1000_tokens_cached": round(passes[1] / n * 1e6, 2),
        "pipeline_ms_per_1000_tokens": round(pipe / n * 1e6, 2),
    }
    if args.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k:40} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
