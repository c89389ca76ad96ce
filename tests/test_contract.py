"""The hadath/1 contract: every output validates against the shipped JSON Schema and every span maps back."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hadath

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads(resources.files("hadath").joinpath("schema", "hadath-1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def spans(d: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(d["dates"]) + list(d["quantities"])
    for e in d["entities"]:
        out += e["mentions"]
    for a in d["attributions"]:
        if a["content"]:
            out.append(a["content"])
    for v in d["events"]:
        out.append(v["trigger"])
        out += v.get("evidence", [])
    return out


def check(doc: hadath.Doc) -> dict[str, Any]:
    d = doc.to_dict()
    errors = sorted(VALIDATOR.iter_errors(d), key=str)
    assert not errors, "\n".join(e.message for e in errors[:5])
    for s in spans(d):
        assert doc.text[s["start"] : s["end"]] == s["text"]
    for a in d["attributions"]:
        if a["speaker_start"] is not None:
            assert 0 <= a["speaker_start"] <= a["speaker_end"] <= len(doc.text)
        assert doc.text[a["cue_start"] : a["cue_end"]] == a["cue"] or a["article_level"]
    ids = {e["id"] for e in d["entities"]}
    assert len(ids) == len(d["entities"])
    att_ids = {a["id"] for a in d["attributions"]}
    subs = SCHEMA["$defs"]["subevent_types"]
    for v in d["events"]:
        assert v["sub_event_type"] in subs[v["event_type"]]
        for key in ("actor1", "actor2", "location"):
            assert v[key] is None or v[key] in ids
        assert all(x in ids for x in v["assoc_actors"])
        assert all(x in att_ids for x in v["sources"])
    for a in d["attributions"]:
        assert a["speaker"] is None or a["speaker"] in ids
        assert a["confirms"] is None or a["confirms"] in att_ids
    return d


def test_example_article_validates() -> None:
    text = (ROOT / "examples" / "idlib-2018-03-05.txt").read_text(encoding="utf-8")
    d = check(hadath.extract(text, id="example"))
    assert d["article"]["published"] == "2018-03-05" and d["article"]["published_source"] == "dateline"
    assert d["events"] and d["attributions"] and d["entities"]


def test_dev_set_validates(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev" / "dev.jsonl"
    if not dev.is_file():
        pytest.skip("dev set not present")
    for line in dev.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        check(hadath.extract(r["text"], id=r["id"], title=r.get("title"), published=r.get("published")))


def test_seed_foundation(seed_text: str) -> None:
    d = check(hadath.extract(seed_text, id="seed"))
    assert d["article"]["published"] == "2018-02-09" and d["article"]["published_source"] == "dateline"
    assert 13 <= len(d["sentences"]) <= 20
    values = {x["text"]: x["value"] for x in d["dates"]}
    assert values["اليوم الجمعة"] == "2018-02-09"
    assert values["فجر اليوم الجمعة"] == "2018-02-09"
    assert values["مساء الجمعة"] == "2018-02-09"
    assert values["منذ سبعة أيام"] == "2018-02-02"
    q = {x["value"]: x for x in d["quantities"]}
    assert q[80]["unit"] and q[6]["unit"] and q[7]["unit"]
    assert q[200]["approx"] and q[200]["unit"]


ARABIC_WORDS = st.sampled_from(
    "قال المرصد السوري إن قوات النظام قصفت مدينة إدلب أمس وقتلت 12 مدنيا نحو عشرات غارات اشتباكات "
    'وأضاف داعش التنظيم الجيش ريف حماة الجنوبي « » " . ، ؟ \n فجر اليوم الجمعة منذ سبعة أيام ١٢ ً ـ'.split(" ")
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ARABIC_WORDS, max_size=80).map(" ".join), st.text(max_size=40))
def test_any_text_gives_a_valid_document(words: str, noise: str) -> None:
    check(hadath.extract(words + noise, published="2018-02-09"))


def test_the_hand_built_samples_follow_the_contract() -> None:
    """tests/samples.py builds the documents of the store, export, CLI, API and web tests by hand."""
    import samples

    docs = samples.sample_documents() + [(d, d.pop("text")) for d in samples.api_documents()]
    assert len(docs) == 10
    for d, text in docs:
        errors = sorted(VALIDATOR.iter_errors(d), key=str)
        assert not errors, "\n".join(e.message for e in errors[:5])
        for s in spans(d):
            assert text[s["start"] : s["end"]] == s["text"]
        for v in d["events"]:
            sentence = text[v["sentence"]["start"] : v["sentence"]["end"]]
            assert v["trigger"]["text"] in sentence and sentence == sentence.strip()
