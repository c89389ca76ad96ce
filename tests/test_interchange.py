"""Every export opens in its consumer: pandas (CSV, Parquet), a JSON Schema check (PLOVER JSON lines), Label
Studio's documented task import format, Prodigy's span JSON lines."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from hadath.export import ACLED_COLUMNS, EXTRA_COLUMNS, export
from hadath.store import EventFilter, Store, open_store
from samples import populate

SCHEMA = Path(__file__).resolve().parents[1] / "src" / "hadath" / "schema" / "plover-event.schema.json"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    s = open_store(tmp_path_factory.mktemp("ix") / "ix.db")
    populate(s)
    yield s
    s.close()


def _text(store: Store, fmt: str, filters: EventFilter | None = None) -> str:
    buf = io.StringIO()
    export(store, fmt, buf, filters)
    return buf.getvalue()


def test_acled_csv_and_parquet_open_in_pandas(store: Store, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    csv_path = tmp_path / "events.csv"
    export(store, "acled-csv", csv_path)
    frame = pd.read_csv(csv_path, dtype={"event_id_cnty": str})
    assert list(frame.columns) == [*ACLED_COLUMNS, *EXTRA_COLUMNS]
    assert len(frame) == store.stats()["events"]
    assert frame["event_id_cnty"].is_unique and frame["event_id_cnty"].str.match(r"^[A-Z]{3}\d+$").all()
    syr = sorted(int(x[3:]) for x in frame["event_id_cnty"] if x.startswith("SYR"))
    assert syr == list(range(1, len(syr) + 1))  # numbered per country: SYR1, SYR2 …
    assert frame["source_url"].notna().any() and set(frame["inter1_label"].dropna()) <= {
        "State forces", "Rebel groups", "Political militias", "Identity militias", "Rioters", "Protesters",
        "Civilians", "External/Other forces",
    }  # fmt: skip
    pytest.importorskip("pyarrow")
    export(store, "parquet", tmp_path / "pq")
    events = pd.read_parquet(tmp_path / "pq" / "events.parquet")
    assert len(events) == len(frame) and set(events["event_id_cnty"]) == set(frame["event_id_cnty"])


def test_plover_lines_validate_against_the_schema(store: Store) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    lines = [json.loads(x) for x in _text(store, "plover").splitlines()]
    assert len(lines) == store.stats()["events"]
    for rec in lines:
        validator.validate(rec)
        doc = store.article(rec["text_info"]["article_id"])
        assert doc is not None
        for key in ("trigger", "sentence", "actor", "recipient", "event_loc", "date", "fatalities"):
            pair = rec["text_info"][key]
            if pair is not None:
                assert 0 <= pair[0] < pair[1] <= len(doc["text"])
        s, e = rec["text_info"]["trigger"]
        ev = store.event(rec["id"])
        assert ev is not None and doc["text"][s:e] == ev["trigger"]["text"]
    strike = next(r for r in lines if r["mode"] and r["event"] == "ASSAULT")
    assert strike["text_info"]["actor"] is None or strike["actor"] is not None
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**lines[0], "text_info": {**lines[0]["text_info"], "trigger": [1]}})


# Label Studio's import format for pre-annotated tasks (labelstud.io, "Import pre-annotated data"): a list of
# tasks, each with "data" (the fields the labelling config reads: $text) and "predictions", each a list of
# regions {id, from_name, to_name, type, value} — for labels on text, value {start, end, text, labels}; for
# per-region choices, the region's id and value {start, end, text, choices} — and relations {type: "relation",
# from_id, to_id, labels}.
LABEL_STUDIO_TASKS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["data", "predictions"],
        "properties": {
            "data": {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}},
            "predictions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["result"],
                    "properties": {
                        "model_version": {"type": "string"},
                        "score": {"type": "number"},
                        "result": {
                            "type": "array",
                            "items": {
                                "oneOf": [
                                    {
                                        "type": "object",
                                        "required": ["id", "from_name", "to_name", "type", "value"],
                                        "properties": {
                                            "type": {"const": "labels"},
                                            "value": {
                                                "type": "object",
                                                "required": ["start", "end", "text", "labels"],
                                                "properties": {
                                                    "start": {"type": "integer"},
                                                    "end": {"type": "integer"},
                                                    "labels": {"type": "array", "items": {"type": "string"}},
                                                },
                                            },
                                        },
                                    },
                                    {
                                        "type": "object",
                                        "required": ["id", "from_name", "to_name", "type", "value"],
                                        "properties": {
                                            "type": {"const": "choices"},
                                            "value": {
                                                "type": "object",
                                                "required": ["start", "end", "text", "choices"],
                                                "properties": {
                                                    "choices": {"type": "array", "items": {"type": "string"}},
                                                },
                                            },
                                        },
                                    },
                                    {
                                        "type": "object",
                                        "required": ["type", "from_id", "to_id"],
                                        "properties": {"type": {"const": "relation"}},
                                    },
                                ]
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_label_studio_tasks_follow_the_import_format(store: Store) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from hadath.interchange import LABEL_STUDIO_CONFIG

    tasks = json.loads(_text(store, "label-studio"))
    jsonschema.validate(tasks, LABEL_STUDIO_TASKS)
    assert len(tasks) == store.stats()["articles"]
    labels = set()
    for task in tasks:
        text = task["data"]["text"]
        regions = {r["id"]: r for r in task["predictions"][0]["result"] if r["type"] == "labels"}
        for r in regions.values():
            v = r["value"]
            assert text[v["start"] : v["end"]] == v["text"]
            labels.update(v["labels"])
        for rel in (r for r in task["predictions"][0]["result"] if r["type"] == "relation"):
            assert rel["from_id"] in regions and rel["to_id"] in regions
        for ch in (r for r in task["predictions"][0]["result"] if r["type"] == "choices"):
            assert regions[ch["id"]]["value"]["labels"] == ["EVENT"] and ch["from_name"] == "sub_event_type"
            assert f'<Choice value="{ch["value"]["choices"][0]}"' in LABEL_STUDIO_CONFIG
        assert {e["id"] for e in task["data"]["entities"]} >= {r.rsplit("-m", 1)[0] for r in regions if "-m" in r}
    assert labels <= {"PERSON", "ORG", "PLACE", "ACTOR", "DATE", "QUANTITY", "EVENT"}
    assert all(f'value="{x}"' in LABEL_STUDIO_CONFIG for x in labels)
    one = json.loads(_text(store, "label-studio", EventFilter(event_type="Battles")))
    assert 0 < len(one) < len(tasks)


def test_prodigy_spans(store: Store) -> None:
    lines = [json.loads(x) for x in _text(store, "prodigy").splitlines()]
    assert len(lines) == store.stats()["articles"]
    for rec in lines:
        assert set(rec) == {"text", "spans", "meta", "hadath"}  # hadath: the brief a review is converted with
        assert rec["hadath"]["article_id"] == rec["meta"]["article_id"]
        for sp in rec["spans"]:
            assert rec["text"][sp["start"] : sp["end"]] == sp["text"] and sp["label"]
