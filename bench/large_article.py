"""Time one very large article through `hadath extract` (the 10 MB case kept out of the test suite).

usage: python bench/large_article.py [--mb 10]

Prints the size, the wall time and the time per megabyte; exits 1 if extraction fails.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "قال المرصد السوري إن قوات النظام قصفت مدينة إدلب أمس وقتلت 12 مدنيا. "


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=10.0, help="article size in millions of characters")
    args = ap.parse_args()
    n = int(args.mb * 1_000_000)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "big.txt"
        p.write_text((SENTENCE * (n // len(SENTENCE) + 1))[:n], encoding="utf-8")
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "hadath", "extract", str(p), "--format", "jsonl"], capture_output=True, text=True
        )
        dt = time.perf_counter() - t0
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
        return 1
    doc = json.loads(proc.stdout)
    print(f"{n:,} characters  {dt:.1f} s  {dt / args.mb:.1f} s/MB  {len(doc['sentences']):,} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
