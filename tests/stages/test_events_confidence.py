"""The event confidence model: its file, its features, the fit and what the scores mean on constructed text."""

from __future__ import annotations

import itertools
import json
from importlib import resources

import pytest

import hadath
from hadath.stages.events._calibrate import _solve, cross_validate, fit, predict, read_labels, reliability
from hadath.stages.events._confidence import FEATURES, score

PUB = "2018-05-10"


def _model() -> dict[str, object]:
    text = resources.files("hadath.models").joinpath("event_confidence.json").read_text("utf-8")
    data: dict[str, object] = json.loads(text)
    return data


def test_model_file_matches_the_features() -> None:
    data = _model()
    weights = data["weights"]
    assert isinstance(weights, dict)
    assert list(weights) == list(FEATURES)
    assert isinstance(data["bias"], float)


def test_model_reliability_rises_with_confidence() -> None:
    """The cross-validated reliability table of the shipped model: higher bands are right more often."""
    bands = [b for b in _model()["reliability"] if b["events"] >= 10]  # type: ignore[attr-defined]
    rights = [b["right"] for b in bands]
    assert len(rights) >= 3
    assert rights[-1] > rights[0]
    assert rights == sorted(rights) or max(a - b for a, b in itertools.pairwise(rights)) < 0.1


def test_score_is_a_probability() -> None:
    assert 0.0 < score(tuple(0.0 for _ in FEATURES)) < 1.0
    assert 0.0 < score(tuple(1.0 for _ in FEATURES)) < 1.0


def test_a_full_report_is_more_confident_than_a_bare_mention() -> None:
    full = hadath.extract(
        "قتل 12 مدنيا أمس في غارات شنتها طائرات النظام السوري على بلدة كفرنبل في ريف إدلب الجنوبي، "
        "بحسب المرصد السوري لحقوق الإنسان. وقال المرصد إن الغارات استهدفت سوقا شعبيا في البلدة.",
        id="a",
        published=PUB,
    )
    bare = hadath.extract("وقع انفجار في مدينة بغداد.", id="b", published=PUB)
    assert full.events and bare.events
    assert full.events[0].confidence is not None and bare.events[0].confidence is not None
    assert full.events[0].confidence > bare.events[0].confidence + 0.2


def test_fit_learns_a_separable_rule() -> None:
    xs = [(float(k % 2), 0.5) for k in range(40)]
    ys = [k % 2 for k in range(40)]
    w = fit(xs, ys, penalty=0.1)
    assert predict(w, (1.0, 0.5)) > 0.9 > 0.1 > predict(w, (0.0, 0.5))


def test_cross_validation_keeps_articles_together() -> None:
    samples = [(f"a{k // 2}", (float(k % 2),), k % 2) for k in range(40)]
    preds = cross_validate(samples, folds=5, penalty=1.0)
    assert len(preds) == 40
    assert all(p > 0.5 for p, s in zip(preds, samples, strict=True) if s[2] == 1)


def test_reliability_bands() -> None:
    table = reliability([0.1, 0.15, 0.9, 0.95], [0, 0, 1, 1])
    assert table[0] == {"band": "0.0-0.2", "events": 2, "mean_confidence": 0.125, "right": 0.0}
    assert table[-1]["events"] == 2 and table[-1]["right"] == 1.0


def test_solve() -> None:
    x = _solve([[2.0, 1.0], [1.0, 3.0]], [3.0, 5.0])
    assert x == pytest.approx([0.8, 1.4])


def test_labels_file_reads() -> None:
    path = resources.files("hadath.models").joinpath("event_confidence_labels.tsv")
    labels = read_labels(str(path))
    n = sum(len(v) for v in labels.values())
    assert n >= 150
    assert {y for v in labels.values() for y in v.values()} == {0, 1}
