"""Issue 19: the fuzz harness in the suite, with a bounded example count (bench/fuzz.py runs the long campaign).

The strategies and the oracle are bench/fuzz.py's: articles built from pieces of Arabic news mixed with random
Unicode and noise, with random metadata; for each, only documented errors (HadathError) may escape, every span
must equal ``text[start:end]``, and the output must be UTF-8 JSON that validates against the hadath/1 schema.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

pytest.importorskip("jsonschema")

_path = Path(__file__).resolve().parents[1] / "bench" / "fuzz.py"
_spec = importlib.util.spec_from_file_location("hadath_bench_fuzz", _path)
assert _spec is not None and _spec.loader is not None
fuzz = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = fuzz
_spec.loader.exec_module(fuzz)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=fuzz.texts(), meta=fuzz.metas())
def test_extract_survives_generated_articles(text: str, meta: dict[str, Any]) -> None:
    outcome, detail = fuzz.check(text, meta, budget=5.0)
    assert outcome == "ok" or outcome.startswith("error:"), f"{outcome}: {detail}"


@pytest.mark.parametrize(
    ("text", "meta", "outcome"),
    [
        ("قال المرصد إن غارات على إدلب قتلت 12 مدنيا أمس.", {"published": "2018-03-05"}, "ok"),
        ("", {}, "ok"),
        ("قتل ثلاثة", {"published": "2018-13-45"}, "error:InputError"),
        ("غارات على " * 16_000, {}, "timeout"),
    ],
)
def test_the_oracle(text: str, meta: dict[str, Any], outcome: str) -> None:
    assert fuzz.check(text, meta, budget=0.5)[0] == outcome


def test_the_oracle_finds_span_mismatches() -> None:
    doc = {"text": "abc", "dates": [{"start": 0, "end": 2, "text": "ab"}, {"start": 1, "end": 3, "text": "xx"}]}
    assert fuzz._spans(doc, "abc") == ["$.dates[1]: 'xx' != text[1:3] 'bc'"]
    assert fuzz._spans({"x": {"start": 2, "end": 9}}, "abc") == ["$.x: [2:9] outside the text"]
