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


def _tiny_dev(tmp: Path) -> Path:
    dev = tmp / "dev"
    dev.mkdir()
    (dev / "a.json").write_text('{"format": "hadath-gold/1"}', encoding="utf-8")
    (dev / "dev.jsonl").write_text("", encoding="utf-8")
    return dev


def test_compare_reports_a_floor_a_count_and_the_data_hash(tmp_path: Path) -> None:
    gate = _gate()
    dev = _tiny_dev(tmp_path)
    baseline = {"data_sha256": "0" * 64, "gold_counts": {"events": 10}, "floors": {"events.f1": 0.5}}
    problems = gate.compare(dev, baseline, {"events.f1": 0.4}, {"events": 9})
    assert len(problems) == 3
    assert any("data changed" in p for p in problems)
    assert any("9 gold items" in p for p in problems)
    assert any("below its floor" in p for p in problems)
    fine = {"data_sha256": gate.data_hash(dev), "gold_counts": {"events": 9}, "floors": {"events.f1": 0.4}}
    assert gate.compare(dev, fine, {"events.f1": 0.4}, {"events": 9}) == []


@pytest.mark.parametrize(("allow", "rc", "floor"), [(False, 1, 0.5), (True, 0, 0.41)])
def test_update_refuses_a_drop_unless_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allow: bool, rc: int, floor: float
) -> None:
    gate = _gate()
    dev = _tiny_dev(tmp_path)
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps({"data_sha256": gate.data_hash(dev), "floors": {"events.f1": 0.5}}), encoding="utf-8")
    monkeypatch.setattr(gate, "BASELINE", base)
    monkeypatch.setattr(gate, "measure", lambda dev, groups: ({"events.f1": 0.41}, {"events": 3}))
    argv = ["eval_gate.py", "--dev", str(dev), "--update"] + (["--allow-lower"] if allow else [])
    monkeypatch.setattr("sys.argv", argv)
    assert gate.main() == rc
    written = json.loads(base.read_text(encoding="utf-8"))
    assert written["floors"]["events.f1"] == floor


def test_update_raises_floors_without_a_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = _gate()
    dev = _tiny_dev(tmp_path)
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps({"data_sha256": gate.data_hash(dev), "floors": {"events.f1": 0.5}}), encoding="utf-8")
    monkeypatch.setattr(gate, "BASELINE", base)
    monkeypatch.setattr(gate, "measure", lambda dev, groups: ({"events.f1": 0.678}, {"events": 3}))
    monkeypatch.setattr("sys.argv", ["eval_gate.py", "--dev", str(dev), "--update"])
    assert gate.main() == 0
    written = json.loads(base.read_text(encoding="utf-8"))
    assert written["floors"]["events.f1"] == 0.67
    assert written["gold_counts"] == {"events": 3}
