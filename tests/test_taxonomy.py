"""hadath.taxonomy is the one source of the ACLED taxonomy: every other copy agrees with it."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from hadath import taxonomy
from hadath.lang import load_tsv
from hadath.taxonomy import (
    ACTOR_TYPE_INTER,
    ACTOR_TYPES,
    EVENT_TYPES,
    INTER_LABELS,
    SUB_EVENT_TYPES,
    canonical_event_type,
    canonical_sub_event_type,
    disorder_type,
    event_type_of,
    inter_code,
    interaction,
    plover,
    sub_event_types,
)

ROOT = Path(__file__).resolve().parents[1]


def test_the_codebook_counts() -> None:
    assert len(EVENT_TYPES) == 6 and len(SUB_EVENT_TYPES) == 25
    assert len({s.name for s in SUB_EVENT_TYPES}) == 25
    assert {s.event_type for s in SUB_EVENT_TYPES} == set(EVENT_TYPES)
    assert sorted(INTER_LABELS) == list(range(1, 9))
    assert set(ACTOR_TYPE_INTER.values()) == set(INTER_LABELS)


def test_sub_event_types_are_grouped_by_event_type_in_codebook_order() -> None:
    assert [s.event_type for s in SUB_EVENT_TYPES] == sorted(
        (s.event_type for s in SUB_EVENT_TYPES), key=EVENT_TYPES.index
    )
    assert sum(len(sub_event_types(t)) for t in EVENT_TYPES) == 25
    assert sub_event_types("Riots") == ("Violent demonstration", "Mob violence")


def test_the_generated_copies_are_current() -> None:
    """The JSON Schema's enums and the web UI's taxonomy.js are written by scripts/gen_taxonomy.py."""
    spec = importlib.util.spec_from_file_location("gen_taxonomy", ROOT / "scripts" / "gen_taxonomy.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    outputs = gen.outputs()
    assert set(outputs) == {
        ROOT / "src" / "hadath" / "schema" / "hadath-1.schema.json",
        ROOT / "src" / "hadath" / "web" / "taxonomy.js",
    }
    for path, text in outputs.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is out of date: run python scripts/gen_taxonomy.py"
        )


def test_the_schema_enums_are_the_taxonomy_s() -> None:
    import json

    schema = json.loads((ROOT / "src" / "hadath" / "schema" / "hadath-1.schema.json").read_text(encoding="utf-8"))
    event = schema["properties"]["events"]["items"]["properties"]
    assert event["event_type"]["enum"] == list(EVENT_TYPES)
    assert event["sub_event_type"]["enum"] == list(sub_event_types())
    assert schema["$defs"]["subevent_types"] == {t: list(sub_event_types(t)) for t in EVENT_TYPES}
    assert schema["properties"]["entities"]["items"]["properties"]["actor_type"]["enum"] == [*ACTOR_TYPES, None]


def test_plover_tsv_agrees_with_the_taxonomy() -> None:
    """The events stage reads lang/ar/plover.tsv for its rules; its codebook columns are this taxonomy's."""
    rows = {r["sub_event_type"]: (r["event_type"], r["plover"]) for r in load_tsv("plover.tsv")}
    assert len(rows) == len(load_tsv("plover.tsv"))
    assert rows == {s.name: (s.event_type, s.plover) for s in SUB_EVENT_TYPES}


def test_triggers_tsv_names_only_known_sub_event_types() -> None:
    for r in load_tsv("triggers.tsv"):
        sub = r["sub_event_type"]
        if sub.startswith("@"):
            assert r["event_type"] == "@" or r["event_type"] in EVENT_TYPES, r
        else:
            assert event_type_of(sub) is not None, r
            assert r["event_type"] in ("@", event_type_of(sub)), r


def test_doc_actor_types_are_the_taxonomy_s() -> None:
    from hadath.doc import ACTOR_TYPES as DOC_ACTOR_TYPES

    assert tuple(DOC_ACTOR_TYPES) == ACTOR_TYPES


def test_docs_store_mapping_table_is_the_taxonomy_s() -> None:
    doc = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    table = doc[doc.index("| hadath actor type | ACLED inter code |") :].split("\n\n")[0]
    seen: dict[str, int] = {}
    for types, code, label in re.findall(r"^\| (.+?) \| (\d) (.+?) \|$", table, flags=re.M):
        assert INTER_LABELS[int(code)] == label
        for t in re.findall(r"`(\w+)`", types):
            seen[t] = int(code)
    assert seen == dict(ACTOR_TYPE_INTER)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Battles", "Battles"), ("battles", "Battles"), (" STRATEGIC  developments ", "Strategic developments"),
     ("Battle", None), ("", None), (None, None)],
)  # fmt: skip
def test_canonical_event_type(value: str | None, expected: str | None) -> None:
    assert canonical_event_type(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("Air/drone strike", "Air/drone strike"), ("air/DRONE strike", "Air/drone strike"), ("air strike", None),
     ("Battles", None)],
)  # fmt: skip
def test_canonical_sub_event_type(value: str, expected: str | None) -> None:
    assert canonical_sub_event_type(value) == expected


def test_event_type_and_plover_of_a_sub_event_type() -> None:
    assert event_type_of("Arrests") == "Strategic developments" and plover("Arrests") == "COERCE/arrest"
    assert event_type_of("arrests") is None and plover("nothing") is None


@pytest.mark.parametrize(
    ("event_type", "sub", "expected"),
    [
        ("Battles", "Armed clash", "Political violence"),
        ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Agreement", "Strategic developments"),
        ("riots", None, "Demonstrations"),
        ("Nonsense", None, ""),
    ],
)
def test_disorder_type(event_type: str, sub: str | None, expected: str) -> None:
    assert disorder_type(event_type, sub) == expected


def test_inter_and_interaction_codes() -> None:
    assert inter_code("state_forces") == inter_code("Government") == 1
    assert inter_code("noncombatant") == 7 and inter_code("pirates") is None and inter_code(None) is None
    assert interaction(1, 2) == 12
    assert interaction(7, 1) == 17
    assert interaction(8, 8) == 88
    assert interaction(6, None) == 60
    assert interaction(None, 2) is None


def test_all_is_pinned() -> None:
    assert sorted(taxonomy.__all__) == taxonomy.__all__
    for name in taxonomy.__all__:
        assert hasattr(taxonomy, name), name
