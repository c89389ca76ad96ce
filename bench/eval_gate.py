"""Quality gate: extract the dev set, score it, compare with the floors in bench/quality_baseline.json.

usage: python bench/eval_gate.py [--dev DIR] [--update] [--allow-lower]

Without flags: prints every metric with its floor and exits 1 when one is below its floor.
--update raises floors to the current scores (rounded down to 0.01); floors only move up unless
--allow-lower is given. The baseline records the sha256 of the dev data; when the data changes the gate
fails until the baseline is updated on purpose.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "bench" / "quality_baseline.json"
DEFAULT_DEV = ROOT.parent / "shared" / "eval" / "dev"


def data_hash(dev: Path) -> str:
    h = hashlib.sha256()
    for f in [*sorted(dev.glob("*.json")), dev / "dev.jsonl"]:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def run_dev(dev: Path) -> dict[str, Any]:
    from hadath.evaluate import evaluate, load_gold
    from hadath.pipeline import default_pipeline

    pipeline = default_pipeline()
    preds: dict[str, dict[str, Any]] = {}
    for line in (dev / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        doc = pipeline.extract(
            r["text"],
            id=r.get("id"),
            title=r.get("title"),
            published=r.get("published"),
            outlet=r.get("outlet"),
            url=r.get("url"),
        )
        preds[str(r["id"])] = doc.to_dict()
    return evaluate(load_gold(dev), preds)


def flatten(res: dict[str, Any]) -> dict[str, float]:
    out: dict[str, float] = {}
    for k, v in res.items():
        if not isinstance(v, dict):
            continue
        if "f1" in v:
            out[f"{k}.f1"] = v["f1"]
        elif "acc" in v:
            out[f"{k}.acc"] = v["acc"]
    return out


def check(dev: Path, baseline: dict[str, Any]) -> tuple[list[str], dict[str, float]]:
    scores = flatten(run_dev(dev))
    problems = []
    if baseline.get("data_sha256") and baseline["data_sha256"] != data_hash(dev):
        problems.append("the dev data changed since the floors were set: re-baseline with --update --allow-lower")
    for metric, floor in baseline.get("floors", {}).items():
        got = scores.get(metric, 0.0)
        if got + 1e-9 < floor:
            problems.append(f"{metric} = {got:.3f} is below its floor {floor:.3f}")
    return problems, scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--update", action="store_true")
    ap.add_argument("--allow-lower", action="store_true")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {"floors": {}}
    problems, scores = check(args.dev, baseline)
    floors = baseline.get("floors", {})
    for metric in sorted(set(scores) | set(floors)):
        print(f"{metric:32s} {scores.get(metric, 0.0):.3f}   floor {floors.get(metric, 0.0):.3f}")
    if args.update:
        new = dict(floors)
        for metric, got in scores.items():
            proposed = math.floor(got * 100) / 100
            if args.allow_lower or proposed > new.get(metric, 0.0):
                new[metric] = proposed
        baseline = {"data_sha256": data_hash(args.dev), "floors": dict(sorted(new.items()))}
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE}")
        return 0
    for p in problems:
        print("FAIL", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
