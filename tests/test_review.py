"""Review exports come back as gold: export → a reviewer's corrections → hadath-gold/1 → ``evaluate()``.

The documents are built by hand (offsets computed from the text), so every expected score is counted here.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from hadath.cli import main
from hadath.errors import InputError
from hadath.evaluate import evaluate, load_gold
from hadath.interchange import LABEL_STUDIO_CONFIG, label_studio_task, prodigy_record
from hadath.review import read_review, write_gold
from hadath.taxonomy import SUB_EVENT_TYPES

TEXT = (
    "قصفت قوات النظام بلدة كفرنبل في ريف إدلب. "
    "وقال مدير المرصد السوري رامي عبد الرحمن إن مقاتلي المعارضة اشتبكوا مع الجيش في حماة، "
    "بحسب الناشط أحمد الخطيب. واعتقلت قوات النظام ناشطين في حماة."
)


def _at(text: str, nth: int = 0) -> dict[str, Any]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(text, i + 1)
    return {"text": text, "start": i, "end": i + len(text)}


def _geo(name: str, admin1: str, lat: float, lon: float, precision: int) -> dict[str, Any]:
    return {"name_en": name, "country": "SY", "admin1": admin1, "lat": lat, "lon": lon, "geo_precision": precision}


def _event(
    vid: str, sub: str, trigger: dict[str, Any], actors: tuple[str | None, str | None], loc: str
) -> dict[str, Any]:
    event_type = next(s.event_type for s in SUB_EVENT_TYPES if s.name == sub)
    return {"id": vid, "event_type": event_type, "sub_event_type": sub, "trigger": trigger, "date": "2018-02-10",
            "time_precision": 1, "actor1": actors[0], "actor2": actors[1], "assoc_actors": [], "location": loc,
            "geo": None, "fatalities": None, "confidence": 0.9}  # fmt: skip


def make_doc() -> dict[str, Any]:
    """hadath's prediction for TEXT: it misses the activist, and v1's place is its location's."""
    places = {
        "e4": _geo("Kafr Nabl", "Idlib", 35.61, 36.56, 1),
        "e5": _geo("Hama", "Hama", 35.13, 36.75, 1),
        "e6": _geo("Idlib countryside", "Idlib", 35.8, 36.6, 2),
    }
    entities = [
        {"id": "e1", "kind": "organization", "name_en": "Military Forces of Syria", "actor_type": "state_forces",
         "mentions": [_at("قوات النظام"), _at("الجيش"), _at("قوات النظام", 1)]},
        {"id": "e2", "kind": "organization", "name_en": "Syrian Observatory for Human Rights",
         "actor_type": "noncombatant", "mentions": [_at("المرصد السوري")]},
        {"id": "e3", "kind": "organization", "name_en": "Opposition Rebels (Syria)", "actor_type": "rebel_group",
         "mentions": [_at("المعارضة")]},
        {"id": "e7", "kind": "person", "name_en": "Rami Abdul Rahman", "actor_type": None,
         "mentions": [_at("رامي عبد الرحمن")]},
        {"id": "e4", "kind": "place", "name_en": "Kafr Nabl", "level": "town", "geo": places["e4"],
         "mentions": [_at("كفرنبل")]},
        {"id": "e5", "kind": "place", "name_en": "Hama", "level": "city", "geo": places["e5"],
         "mentions": [_at("حماة"), _at("حماة", 1)]},
        {"id": "e6", "kind": "place", "name_en": "Idlib countryside", "level": "region", "geo": places["e6"],
         "mentions": [_at("ريف إدلب")]},
        {"id": "e8", "kind": "place", "name_en": "Idlib", "level": "admin1", "geo": None,
         "mentions": [_at("إدلب")]},
    ]  # fmt: skip
    events = [
        _event("v1", "Shelling/artillery/missile attack", _at("قصفت"), ("e1", None), "e4"),
        _event("v2", "Armed clash", _at("اشتبكوا"), ("e3", "e1"), "e5"),
        _event("v3", "Arrests", _at("اعتقلت"), ("e1", None), "e5"),
    ]
    for ev in events:
        ev["geo"] = places[ev["location"]]
    return {
        "schema": "hadath/1",
        "article": {"id": "art-1", "published": "2018-02-10", "title": None, "outlet": None},
        "text": TEXT,
        "dates": [],
        "quantities": [],
        "entities": entities,
        "attributions": [],
        "events": events,
    }


def ls_export(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """What Label Studio's JSON export gives after a reviewer accepted the prediction unchanged."""
    task = label_studio_task(doc, model_version="test")
    result = copy.deepcopy(task["predictions"][0]["result"])
    return [
        {
            "id": 7,
            "data": task["data"],
            "annotations": [{"id": 70, "result": result, "was_cancelled": False, "updated_at": "2024-05-01T10:00:00Z"}],
            "predictions": task["predictions"],
        }
    ]


def _region(rid: str, at: dict[str, Any], label: str) -> dict[str, Any]:
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": at["start"], "end": at["end"], "text": at["text"], "labels": [label]}}  # fmt: skip


def review_ls(export: list[dict[str, Any]]) -> None:
    """A reviewer's corrections: delete the observatory's span, add the activist, make v1 an armed clash,
    move v2 from Hama to the Idlib countryside."""
    result = export[0]["annotations"][0]["result"]
    result[:] = [r for r in result if r.get("id") != "e2-m0"]
    result.append(_region("rev-1", _at("أحمد الخطيب"), "PERSON"))
    choice = next(r for r in result if r["type"] == "choices" and r["id"] == "v1-t")
    choice["value"]["choices"] = ["Armed clash"]
    loc = next(r for r in result if r["type"] == "relation" and r["from_id"] == "v2-t" and r["labels"] == ["location"])
    loc["to_id"] = "e6-m0"


def _write(tmp_path: Path, name: str, payload: Any) -> Path:
    p = tmp_path / name
    p.write_text(payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return p


def _prf(res: dict[str, Any], key: str) -> tuple[float, float]:
    return res[key]["p"], res[key]["r"]


def test_the_config_offers_every_sub_event_type_per_event_region() -> None:
    assert 'perRegion="true"' in LABEL_STUDIO_CONFIG and 'whenLabelValue="EVENT"' in LABEL_STUDIO_CONFIG
    for s in SUB_EVENT_TYPES:
        assert f'<Choice value="{s.name}" hint="{s.event_type}"/>' in LABEL_STUDIO_CONFIG


def test_unmodified_label_studio_export_scores_one(tmp_path: Path) -> None:
    doc = make_doc()
    review = read_review(_write(tmp_path, "ls.json", ls_export(doc)), "label-studio")
    assert review.notes == []
    (gold,) = review.gold
    assert gold["format"] == "hadath-gold/1" and gold["id"] == "art-1" and "attributions" not in gold
    army = next(e for e in gold["entities"] if e["name_en"] == "Military Forces of Syria")
    assert army["mentions"] == ["قوات النظام", "الجيش"]
    res = evaluate(review.gold, {"art-1": doc})
    for key in ("entities.person", "entities.organization", "entities.place", "events"):
        assert _prf(res, key) == (1.0, 1.0), key
    assert res["event_subtype"]["acc"] == res["event_actors"]["acc"] == res["published"]["acc"] == 1.0
    assert "attributions" not in res and "place_resolution" not in res
    v2 = next(e for e in gold["events"] if e["evidence"] == "اشتبكوا")
    assert (v2["actor1"], v2["actor2"], v2["country"], v2["admin1"]) == (
        "Opposition Rebels (Syria)", "Military Forces of Syria", "SY", "Hama")  # fmt: skip


def test_a_reviewers_corrections_are_scored(tmp_path: Path) -> None:
    doc = make_doc()
    export = ls_export(doc)
    review_ls(export)
    review = read_review(_write(tmp_path, "ls.json", export), "label-studio")
    (gold,) = review.gold
    names = {e["name_en"] for e in gold["entities"]}
    assert "Syrian Observatory for Human Rights" not in names and "أحمد الخطيب" in names
    v1, v2, v3 = gold["events"]
    assert (v1["event_type"], v1["sub_event_type"]) == ("Battles", "Armed clash")
    assert (v2["country"], v2["admin1"], v2["location_en"], v2["geo_precision"]) == (
        "SY", "Idlib", "Idlib countryside", 2)  # fmt: skip
    assert v3 == {**v3, "event_type": "Strategic developments", "admin1": "Hama"}
    res = evaluate(review.gold, {"art-1": doc})
    assert _prf(res, "entities.person") == (1.0, 0.5)  # the activist was missed
    assert _prf(res, "entities.organization") == (0.667, 1.0)  # the observatory is not an entity any more
    assert _prf(res, "entities.place") == (1.0, 1.0)
    # v1 is now a battle, v2 happened in Idlib: only v3 still matches
    assert _prf(res, "events") == (0.333, 0.333)
    assert res["event_subtype"] == {"acc": 1.0, "n": 1}


def test_a_deleted_trigger_deletes_its_event_and_a_removed_relation_empties_the_role(tmp_path: Path) -> None:
    doc = make_doc()
    export = ls_export(doc)
    result = export[0]["annotations"][0]["result"]
    result[:] = [r for r in result if r.get("id") != "v3-t" and r.get("from_id") != "v3-t"]
    result[:] = [r for r in result if not (r.get("from_id") == "v2-t" and r.get("labels") == ["actor2"])]
    review = read_review(_write(tmp_path, "ls.json", export), "label-studio")
    events = review.gold[0]["events"]
    assert [e["evidence"] for e in events] == ["قصفت", "اشتبكوا"]
    assert events[1]["actor1"] == "Opposition Rebels (Syria)" and events[1]["actor2"] is None
    assert _prf(evaluate(review.gold, {"art-1": doc}), "events") == (0.667, 1.0)


def test_a_location_without_a_resolved_place_is_noted(tmp_path: Path) -> None:
    doc = make_doc()
    export = ls_export(doc)
    loc = next(
        r
        for r in export[0]["annotations"][0]["result"]
        if r["type"] == "relation" and r["from_id"] == "v1-t" and r["labels"] == ["location"]
    )
    loc["to_id"] = "e8-m0"  # "Idlib", which hadath did not resolve
    review = read_review(_write(tmp_path, "ls.json", export), "label-studio")
    v1 = review.gold[0]["events"][0]
    assert (v1["country"], v1["admin1"], v1["location_en"]) == (None, None, "Idlib")
    assert len(review.notes) == 1 and "did not resolve" in review.notes[0] and "country/admin1" in review.notes[0]


def test_an_added_event_takes_its_type_from_the_choice_and_its_place_from_a_relation(tmp_path: Path) -> None:
    doc = make_doc()
    export = ls_export(doc)
    result = export[0]["annotations"][0]["result"]
    at = _at("قال")
    result.append(_region("ev-new", at, "EVENT"))
    result.append({"id": "ev-new", "from_name": "sub_event_type", "to_name": "text", "type": "choices",
                   "value": {"start": at["start"], "end": at["end"], "text": at["text"], "choices": ["Agreement"]}})  # fmt: skip
    result.append({"type": "relation", "from_id": "ev-new", "to_id": "e4-m0", "direction": "right", "labels": []})
    review = read_review(_write(tmp_path, "ls.json", export), "label-studio")
    added = next(e for e in review.gold[0]["events"] if e["evidence"] == "قال")
    assert (added["event_type"], added["sub_event_type"], added["admin1"], added["date"]) == (
        "Strategic developments", "Agreement", "Idlib", None)  # fmt: skip
    assert any("added by the reviewer" in n for n in review.notes)


def test_prodigy_review(tmp_path: Path) -> None:
    doc = make_doc()
    rec = prodigy_record(doc)
    unchanged = {**copy.deepcopy(rec), "answer": "accept"}
    reviewed = {**copy.deepcopy(rec), "answer": "accept"}
    observatory = _at("المرصد السوري")
    arrest = _at("اعتقلت")
    reviewed["spans"] = [
        s for s in reviewed["spans"] if (s["start"], s["end"]) not in {(observatory["start"], observatory["end"]),
                                                                      (arrest["start"], arrest["end"])}
    ] + [{**_at("أحمد الخطيب"), "label": "PERSON"}]  # fmt: skip
    rejected = {**copy.deepcopy(rec), "answer": "reject", "meta": {"article_id": "art-2"}}
    rejected["hadath"]["article_id"] = "art-2"
    lines = [json.dumps(x, ensure_ascii=False) for x in (unchanged,)]
    same = read_review(_write(tmp_path, "p1.jsonl", "\n".join(lines) + "\n"), "prodigy")
    res = evaluate(same.gold, {"art-1": doc})
    for key in ("entities.person", "entities.organization", "entities.place", "events"):
        assert _prf(res, key) == (1.0, 1.0), key
    assert res["event_actors"]["acc"] == 1.0
    lines = [json.dumps(x, ensure_ascii=False) for x in (reviewed, rejected)]
    review = read_review(_write(tmp_path, "p2.jsonl", "\n".join(lines)), "prodigy")
    assert [g["id"] for g in review.gold] == ["art-1"] and "answered reject" in review.notes[0]
    res = evaluate(review.gold, {"art-1": doc})
    assert _prf(res, "entities.person") == (1.0, 0.5)
    assert _prf(res, "entities.organization") == (0.667, 1.0)
    assert _prf(res, "events") == (0.667, 1.0)  # the arrest's trigger was deleted


def test_prodigy_relations_re_point_roles(tmp_path: Path) -> None:
    doc = make_doc()
    rec = {**prodigy_record(doc), "answer": "accept"}
    span = {(s["start"], s["end"]): s for s in rec["spans"]}
    trig, place = _at("اشتبكوا"), _at("ريف إدلب")
    rec["relations"] = [{"head_span": span[(trig["start"], trig["end"])],
                         "child_span": span[(place["start"], place["end"])], "label": "location"}]  # fmt: skip
    review = read_review(_write(tmp_path, "p.jsonl", json.dumps(rec, ensure_ascii=False)), "prodigy")
    v2 = review.gold[0]["events"][1]
    assert (v2["admin1"], v2["actor1"], v2["actor2"]) == ("Idlib", None, None)  # relations given: all roles read


def test_eval_cli_scores_a_review_export_and_saves_the_gold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = make_doc()
    export = ls_export(doc)
    review_ls(export)
    ls = _write(tmp_path, "ls.json", export)
    pred = _write(tmp_path, "pred.jsonl", json.dumps(doc, ensure_ascii=False) + "\n")
    gold_dir = tmp_path / "gold"
    assert (
        main(["eval", str(ls), str(pred), "--gold-from", "label-studio", "--save-gold", str(gold_dir), "--json"]) == 0
    )
    direct = json.loads(capsys.readouterr().out)
    assert direct["events"]["p"] == 0.333
    assert [p.name for p in gold_dir.iterdir()] == ["art-1.json"]
    assert load_gold(gold_dir)[0]["id"] == "art-1"
    assert main(["eval", str(gold_dir), str(pred), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == direct
    assert main(["eval", str(gold_dir), str(pred), "--save-gold", str(tmp_path / "x")]) == 2
    assert "--save-gold needs --gold-from" in capsys.readouterr().err


def test_write_gold_names_files_safely(tmp_path: Path) -> None:
    (path,) = write_gold(
        [{"format": "hadath-gold/1", "id": "https://x.org/a b", "entities": [], "events": []}], tmp_path
    )
    assert path.name == "https___x.org_a_b.json" and load_gold(tmp_path)[0]["id"] == "https://x.org/a b"


def _broken(tmp_path: Path, payload: Any, tool: str = "label-studio") -> str:
    with pytest.raises(InputError) as err:
        read_review(_write(tmp_path, "bad", payload), tool)
    assert str(tmp_path / "bad") in err.value.message
    return err.value.message


def test_malformed_label_studio_exports(tmp_path: Path) -> None:
    good = ls_export(make_doc())
    assert "invalid JSON" in _broken(tmp_path, "[{")
    assert "expected a list of tasks" in _broken(tmp_path, {"data": {}})
    assert "data.text" in _broken(tmp_path, [{"data": {"article_id": "a"}, "annotations": []}])
    assert "data.article_id" in _broken(tmp_path, [{"data": {"text": "x"}, "annotations": []}])
    assert "annotations" in _broken(tmp_path, [{"data": good[0]["data"]}])
    bad = copy.deepcopy(good)
    bad[0]["annotations"][0]["result"].append({"type": "relation", "from_id": "v1-t", "to_id": "gone"})
    assert "'gone'" in _broken(tmp_path, bad)
    bad = copy.deepcopy(good)
    bad[0]["annotations"][0]["result"].append(_region("x", {"start": 5, "end": 9999, "text": "?"}, "ORG"))
    assert "outside the text" in _broken(tmp_path, bad)
    bad = copy.deepcopy(good)
    bad[0]["annotations"][0]["result"].append(_region("x", {"start": 0, "end": 4, "text": "other"}, "ORG"))
    assert "does not match" in _broken(tmp_path, bad)
    bad = copy.deepcopy(good)
    next(r for r in bad[0]["annotations"][0]["result"] if r["type"] == "choices")["value"]["choices"] = ["Picnic"]
    assert "'Picnic' is not an ACLED sub-event type" in _broken(tmp_path, bad)
    bad = copy.deepcopy(good)
    bad[0]["annotations"][0]["result"].append(_region("ev-x", _at("قال"), "EVENT"))
    assert "needs a sub_event_type choice" in _broken(tmp_path, bad)
    skipped = copy.deepcopy(good)
    skipped[0]["annotations"][0]["was_cancelled"] = True
    assert "no reviewed article" in _broken(tmp_path, skipped)


def test_malformed_prodigy_files(tmp_path: Path) -> None:
    rec = prodigy_record(make_doc())
    assert "'answer' must be accept, reject or ignore" in _broken(tmp_path, json.dumps(rec), "prodigy")
    assert "invalid JSON" in _broken(tmp_path, "{\n", "prodigy")
    assert "no article id" in _broken(tmp_path, json.dumps({"text": "x", "spans": [], "answer": "accept"}), "prodigy")
    bad = {**rec, "answer": "accept", "spans": [{"start": 0, "end": 3}]}
    assert "needs a label" in _broken(tmp_path, json.dumps(bad), "prodigy")


def test_eval_cli_reports_a_malformed_export_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _write(tmp_path, "bad.json", {"not": "a list"})
    pred = _write(tmp_path, "pred.jsonl", json.dumps(make_doc(), ensure_ascii=False) + "\n")
    assert main(["eval", str(bad), str(pred), "--gold-from", "label-studio"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("hadath: error: ") and str(bad) in err and "list of tasks" in err


def test_an_article_reviewed_twice_keeps_the_later_task(tmp_path: Path) -> None:
    first, second = ls_export(make_doc()), ls_export(make_doc())
    review_ls(second)
    review = read_review(_write(tmp_path, "ls.json", first + second), "label-studio")
    assert len(review.gold) == 1 and "the later one is kept" in review.notes[0]
    assert review.gold[0]["events"][0]["event_type"] == "Battles"  # the second task's correction
