from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hadath.cli import main
from hadath.evaluate import admin_key, evaluate, load_gold, mentions_match


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ("إدلب", "ادلب", True),
        ("بإدلب", "إدلب", True),  # containment with enough overlap
        ("والجيش", "الجيش", True),
        ("المرصد", "المرصد السوري لحقوق الإنسان", False),
        ("المرصد السوري", "المرصد السوري لحقوق الإنسان", False),  # under half the length
        ("قوات النظام", "قوات النظام السوري", True),
        ("", "x", False),
    ],
)
def test_mentions_match(a: str, b: str, ok: bool) -> None:
    assert mentions_match(a, b) is ok


@pytest.mark.parametrize(
    ("name", "key"), [("Idleb", "idlib"), ("Rif Dimashq", "rifdimashq"), ("Deir ez-Zor", "deirezzor"), (None, None)]
)
def test_admin_key(name: str | None, key: str | None) -> None:
    assert admin_key(name) == key


def _gold(tmp: Path) -> Path:
    g = {
        "format": "hadath-gold/1",
        "id": "a1",
        "published": "2018-02-09",
        "entities": [
            {"kind": "organization", "name_en": "Islamic State", "actor_type": "rebel_group", "mentions": ["داعش"]},
            {
                "kind": "place",
                "name_en": "Idlib",
                "level": "admin1",
                "country": "SY",
                "admin1": "Idlib",
                "lat": 35.93,
                "lon": 36.63,
                "mentions": ["إدلب"],
            },
        ],
        "attributions": [
            {
                "speaker_en": "x",
                "speaker_mention": "المرصد",
                "cue": "قال",
                "content_snippet": "سمحت لمسلحي",
                "direct_quote": False,
                "anonymous": False,
            }
        ],
        "events": [
            {
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "date": "2018-02-09",
                "country": "SY",
                "admin1": "Idlib",
                "actor1": "Islamic State",
                "actor2": None,
            }
        ],
    }
    d = tmp / "gold"
    d.mkdir()
    (d / "a1.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    return d


def _pred() -> dict[str, Any]:
    return {
        "article": {"id": "a1", "published": "2018-02-09"},
        "entities": [
            {"id": "e1", "kind": "organization", "mentions": [{"text": "داعش"}]},
            {
                "id": "e2",
                "kind": "place",
                "mentions": [{"text": "إدلب"}],
                "geo": {"lat": 35.9, "lon": 36.6, "admin1": "Idlib", "country": "SY"},
            },
            {"id": "e3", "kind": "person", "mentions": [{"text": "زيد"}]},
        ],
        "attributions": [
            {"cue": "وقال", "speaker_text": "المرصد", "content": {"text": "إن القوات سمحت لمسلحي التنظيم"}}
        ],
        "events": [
            {
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "date": "2018-02-10",
                "geo": {"country": "SY", "admin1": "Idleb"},
                "actor1": "e1",
            }
        ],
    }


def test_evaluate_small(tmp_path: Path) -> None:
    res = evaluate(load_gold(_gold(tmp_path)), {"a1": _pred()})
    assert res["entities.organization"]["f1"] == 1.0
    assert res["entities.person"]["p"] == 0.0
    assert res["place_resolution"]["acc"] == 1.0
    assert res["attributions"]["f1"] == 1.0
    assert res["attribution_speaker"]["acc"] == 1.0
    assert res["events"]["f1"] == 1.0 and res["event_actors"]["acc"] == 1.0
    assert res["published"]["acc"] == 1.0


def test_eval_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = _gold(tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(_pred(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(gold), str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["events"]["f1"] == 1.0
    assert main(["eval", str(tmp_path / "nope"), str(pred)]) == 2


def test_agrees_with_reference_scorer(shared_dir: Path, tmp_path: Path) -> None:
    """Random perturbations of the dev gold, scored by both: the numbers must be identical."""
    dev = shared_dir / "eval" / "dev"
    scorer = shared_dir / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip("reference scorer not present")
    gold = load_gold(dev)
    rng = random.Random(7)
    preds: dict[str, Any] = {}
    for g in gold:
        ents = []
        for i, e in enumerate(g["entities"]):
            if rng.random() < 0.8:
                geo = {
                    "lat": (e.get("lat") or 0) + rng.random(),
                    "lon": e.get("lon") or 0,
                    "admin1": e.get("admin1"),
                    "country": e.get("country"),
                }
                kind = e["kind"] if rng.random() < 0.9 else "organization"
                ents.append(
                    {
                        "id": f"e{i}",
                        "kind": kind,
                        "name_en": e["name_en"],
                        "mentions": [{"text": m} for m in e["mentions"][:1]],
                        "geo": geo,
                    }
                )
        atts = [
            {
                "cue": a["cue"],
                "content": {"text": a["content_snippet"] + " x"},
                "speaker_text": a["speaker_mention"] if rng.random() < 0.8 else "zz",
            }
            for a in g["attributions"]
            if rng.random() < 0.8
        ]
        evs = [
            {
                "event_type": v["event_type"],
                "sub_event_type": v["sub_event_type"],
                "date": v["date"],
                "geo": {"admin1": v["admin1"], "country": v["country"]},
                "actor1": "e0",
            }
            for v in g["events"]
            if rng.random() < 0.8
        ]
        preds[g["id"]] = {
            "article": {"id": g["id"], "published": g["published"]},
            "entities": ents,
            "attributions": atts,
            "events": evs,
        }
    f = tmp_path / "p.jsonl"
    f.write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in preds.values()), encoding="utf-8")
    theirs = json.loads(subprocess.check_output([sys.executable, str(scorer), str(dev), str(f), "--json"]))
    assert evaluate(gold, preds) == theirs
