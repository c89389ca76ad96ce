"""The extraction-quality gate: dev-set scores must stay at or above the floors in bench/quality_baseline.json."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _gate():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "bench" / "eval_gate.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_dev_set_scores_at_or_above_floors(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev"
    if not (dev / "dev.jsonl").is_file():
        pytest.skip("dev set not present")
    gate = _gate()
    baseline = json.loads((ROOT / "bench" / "quality_baseline.json").read_text(encoding="utf-8"))
    problems, scores = gate.check(dev, baseline)
    assert not problems, "\n".join(problems) + "\n" + json.dumps(scores, indent=1)
    assert scores["published.acc"] == 1.0


def test_floors_are_sane() -> None:
    baseline = json.loads((ROOT / "bench" / "quality_baseline.json").read_text(encoding="utf-8"))
    assert baseline["floors"], "no floors set"
    assert all(0.0 <= v <= 1.0 for v in baseline["floors"].values())
