"""Quality gate: extract the dev set, score it, compare with the floors in bench/quality_baseline.json.

usage: python bench/eval_gate.py [--dev DIR] [--update] [--allow-lower]

Without flags: prints every metric with its floor and exits 1 when one is below its floor, when the dev data
changed since the floors were set (its sha256), or when the number of gold items per layer differs from the
pinned one.

Scores are computed on the whole dev set and on each group named in the baseline's "groups" (a regular
expression over gold file names: the articles the stages were first built on and those added later), so a
gain on one group that hides a loss on the other is caught.

--update writes the current scores (rounded down to 0.01) as the floors and pins the data hash and the gold
counts. It refuses (exit 1, nothing written) when any score is below its floor, unless --allow-lower is given
on purpose; raising a floor never needs a flag.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
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


def predict(dev: Path) -> dict[str, dict[str, Any]]:
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
    return preds


def flatten(res: dict[str, Any], prefix: str = "") -> tuple[dict[str, float], dict[str, int]]:
    """Scores as ``metric.f1``/``metric.acc`` and the gold counts behind each P/R/F1 layer."""
    scores: dict[str, float] = {}
    gold: dict[str, int] = {}
    for k, v in res.items():
        if not isinstance(v, dict):
            continue
        if "f1" in v:
            scores[f"{prefix}{k}.f1"] = v["f1"]
            gold[f"{prefix}{k}"] = v["gold"]
        elif "acc" in v:
            scores[f"{prefix}{k}.acc"] = v["acc"]
    return scores, gold


def measure(dev: Path, groups: dict[str, str]) -> tuple[dict[str, float], dict[str, int]]:
    from hadath.evaluate import evaluate, load_gold

    preds = predict(dev)
    gold = load_gold(dev)
    scores, counts = flatten(evaluate(gold, preds))
    for name, pattern in sorted(groups.items()):
        part = [g for g in gold if re.search(pattern, str(g["_file"]))]
        s, c = flatten(evaluate(part, preds), prefix=f"{name}.")
        scores.update(s)
        counts.update(c)
    return scores, counts


def compare(dev: Path, baseline: dict[str, Any], scores: dict[str, float], counts: dict[str, int]) -> list[str]:
    problems = []
    if baseline.get("data_sha256") and baseline["data_sha256"] != data_hash(dev):
        problems.append("the dev data changed since the floors were set: re-baseline with --update --allow-lower")
    for layer, n in sorted(baseline.get("gold_counts", {}).items()):
        if counts.get(layer) != n:
            problems.append(f"{layer}: {counts.get(layer)} gold items, the baseline pins {n}")
    for metric, floor in sorted(baseline.get("floors", {}).items()):
        got = scores.get(metric, 0.0)
        if got + 1e-9 < floor:
            problems.append(f"{metric} = {got:.3f} is below its floor {floor:.3f}")
    return problems


def check(dev: Path, baseline: dict[str, Any]) -> tuple[list[str], dict[str, float]]:
    scores, counts = measure(dev, baseline.get("groups", {}))
    return compare(dev, baseline, scores, counts), scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    ap.add_argument("--update", action="store_true", help="write the current scores as the floors")
    ap.add_argument("--allow-lower", action="store_true", help="with --update: accept floors that go down")
    args = ap.parse_args()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.is_file() else {"floors": {}}
    groups = baseline.get("groups", {})
    scores, counts = measure(args.dev, groups)
    problems = compare(args.dev, baseline, scores, counts)
    floors = baseline.get("floors", {})
    for metric in sorted(set(scores) | set(floors)):
        print(f"{metric:40s} {scores.get(metric, 0.0):.3f}   floor {floors.get(metric, 0.0):.3f}")
    for p in problems:
        print("FAIL", p)
    if not args.update:
        return 1 if problems else 0
    if problems and not args.allow_lower:
        print("not updated: a score is below its floor or the data changed; give --allow-lower to accept it")
        return 1
    new = {m: math.floor(got * 100) / 100 for m, got in scores.items()}
    if not args.allow_lower:
        new = {m: max(v, floors.get(m, 0.0)) for m, v in new.items()}
    baseline = {
        "data_sha256": data_hash(args.dev),
        "groups": groups,
        "gold_counts": dict(sorted(counts.items())),
        "floors": dict(sorted(new.items())),
    }
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    print(f"floors written to {BASELINE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
