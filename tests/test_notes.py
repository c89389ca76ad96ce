"""English event notes (hadath.notes): every name, number and date of a note comes from a field of the event."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.notes import doc_event_rows, doc_notes, event_note, phrases, templates
from hadath.store import open_store
from hadath.taxonomy import SUB_EVENT_TYPES
from samples import api_documents, build_doc, geo, sample_documents

_MONTHS = "January February March April May June July August September October November December".split()
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")
ARABIC = re.compile("[\u0600-\u06ff]")


def _words(values: Iterable[Any]) -> set[str]:
    return {w for v in values if isinstance(v, str | int) for w in _WORD.findall(str(v))}


def _template_words() -> set[str]:
    texts = [t for forms in templates().values() for t in forms.values()] + list(phrases().values())
    return {w for w in _words(re.sub(r"\{\w+\}", " ", t) for t in texts)}


def _field_values(row: Mapping[str, Any]) -> list[Any]:
    """What a note may take from the row: names, places, the date's day, month and year, fatalities."""
    vals: list[Any] = [row.get(k) for k in ("actor1_name", "actor2_name", "location_name", "admin1", "country")]
    vals += [s.get("speaker_name") for s in row.get("sources") or []] + [row.get("outlet")]
    day = row.get("event_date")
    if isinstance(day, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        vals += [day[:4], str(int(day[8:])), _MONTHS[int(day[5:7]) - 1]]
    if row.get("fatalities") is not None:
        vals.append(str(row["fatalities"]))
    return vals


def assert_note_from_fields(note: str, row: Mapping[str, Any]) -> None:
    """Each number of the note is a field's; each capitalised word (but a sentence's first) is a field's; every
    other word is a field's or a template's; no Arabic; the actors' and the place's names appear whole."""
    fields = _words(_field_values(row))
    numbers = {w for w in fields if w.isdigit()}
    allowed = fields | _template_words()
    assert not ARABIC.search(note), note
    sentences = [s for s in re.split(r"(?<=\.) ", note) if s]
    for sentence in sentences:
        words = _WORD.findall(sentence)
        for i, w in enumerate(words):
            if w.isdigit():
                assert w in numbers, (w, note)
            elif w[0].isupper() and i > 0:
                assert w in fields, (w, note)
            else:
                assert w in allowed or w.lower() in allowed or w.capitalize() in allowed, (w, note)
    for key in ("actor1_name", "actor2_name", "location_name"):
        name = row.get(key)
        if isinstance(name, str) and name and not ARABIC.search(name):
            assert name in note, (key, name, note)


def _docs() -> list[dict[str, Any]]:
    return [d for d, _ in sample_documents()] + api_documents()


def test_every_sample_event_has_a_note_from_its_fields() -> None:
    n = 0
    for d in _docs():
        rows = doc_event_rows(d)
        for ev, row in zip(d["events"], rows, strict=True):
            assert ev["notes_en"] == event_note(row)
            assert_note_from_fields(ev["notes_en"], row)
            n += 1
    assert n >= 8


def test_the_strike_note_reads_like_acleds() -> None:
    text = "قال المرصد إن طائرات النظام قصفت البلدة فقتلت 12 مدنيا. ونفى مصدر عسكري استهداف المدنيين."
    doc = build_doc(
        "t1",
        text,
        published="2018-03-05",
        entities=[
            {"id": "e1", "name_ar": "المرصد", "name_en": "Syrian Observatory for Human Rights"},
            {"id": "e2", "name_ar": "النظام", "name_en": "Military Forces of Syria", "actor_type": "state_forces"},
            {"id": "e3", "kind": "actor", "name_ar": "مدنيا", "name_en": "Civilians (Syria)"},
            {
                "id": "e4",
                "kind": "place",
                "name_ar": "البلدة",
                "geo": geo("Maarat al-Numan", 35.6, 36.6, "Idlib", None),
            },
        ],
        attributions=[
            {"id": "a1", "speaker": "e1", "cue": "قال", "content": "طائرات النظام قصفت البلدة"},
            {"id": "a2", "speaker_text": "مصدر عسكري", "cue": "ونفى", "stance": "deny", "anonymous": True},
        ],
        events=[
            {
                "id": "v1",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike",
                "trigger": "قصفت",
                "date": "2018-03-05",
                "actor1": "e2",
                "actor2": "e3",
                "location": "e4",
                "fatalities": 12,
                "sources": ["a1", "a2"],
            }
        ],
    ).to_dict()
    assert doc_notes(doc) == [
        "On 5 March 2018, the Military Forces of Syria carried out air or drone strikes on Civilians (Syria) in "
        "Maarat al-Numan (Idlib, Syria), according to the Syrian Observatory for Human Rights; an unnamed source "
        "denied it. 12 people were killed."
    ]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"time_precision": 3}, "In March 2018, "),
        ({"time_precision": 2}, "In the week of 5 March 2018, "),
        ({"event_date": None}, "On an unreported date, "),
        ({"actor1_name": None}, "On 5 March 2018, Islamic State was hit by air or drone strikes in Douma"),
        ({"actor1_name": None, "actor2_name": "Ahrar al-Sham Brigades"}, "the Ahrar al-Sham Brigades were hit"),
        ({"geo_precision": 3, "location_name": "Syria", "admin1": None}, "in Syria (exact place not reported)"),
        ({"geo_precision": 2}, "in the area of Douma (Rif Dimashq, Syria)"),
        ({"actor1_name": None, "actor2_name": "Houthis"}, "Houthis were hit by air or drone strikes"),
        ({"fatalities": 1}, "1 person was killed."),
        ({"fatalities": 0}, "No fatalities were reported."),
        ({"sources": []}, "as reported by Example Outlet."),
        ({"sources": [{"speaker_name": "UN", "stance": "silent"}]}, "Douma (Rif Dimashq, Syria); UN did not mention"),
        ({"denied": True}, "On 5 March 2018, it was alleged that the Russian Air Force carried out"),
    ],
)
def test_note_grammar(changes: dict[str, Any], expected: str) -> None:
    row: dict[str, Any] = {
        "event_date": "2018-03-05",
        "time_precision": 1,
        "sub_event_type": "Air/drone strike",
        "actor1_name": "Russian Air Force",
        "actor2_name": "Islamic State",
        "location_name": "Douma",
        "admin1": "Rif Dimashq",
        "country": "Syria",
        "geo_precision": 1,
        "fatalities": None,
        "outlet": "Example Outlet",
        "sources": [{"speaker_name": "Local Coordination Committees", "stance": "assert"}],
    }
    row.update(changes)
    note = event_note(row)
    assert expected in note, note
    assert_note_from_fields(note, row)


def test_every_sub_event_type_has_its_four_clauses() -> None:
    assert set(templates()) == {s.name for s in SUB_EVENT_TYPES}
    assert all(len(forms) == 4 and all(forms.values()) for forms in templates().values())


def test_stored_events_carry_the_same_note(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    docs = sample_documents()
    for d, text in docs:
        store.add(d, text=text)
    by_id = {d["article"]["id"]: {ev["id"]: ev["notes_en"] for ev in d["events"]} for d, _ in docs}
    rows, total = store.events(limit=100)
    assert total == len(rows) > 0
    for r in rows:
        assert r["notes_en"] == by_id[r["article_id"]][r["local_id"]]
    store.close()


_name_word = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)
_name = st.lists(_name_word, min_size=1, max_size=4).map(" ".join)
_arabic = st.sampled_from(["مصدر عسكري", "ناشطون", "الجيش"])
_stance = st.sampled_from(["assert", "deny", "accuse", "condemn", "claim", "confirm", "silent"])


@settings(max_examples=200, deadline=None)
@given(
    sub=st.sampled_from([s.name for s in SUB_EVENT_TYPES]),
    a1=st.one_of(st.none(), _name, _arabic),
    a2=st.one_of(st.none(), _name),
    place=st.one_of(st.none(), _name),
    admin1=st.one_of(st.none(), _name),
    country=st.one_of(st.none(), _name),
    day=st.dates().map(lambda d: d.isoformat()),
    tp=st.sampled_from([1, 2, 3, None]),
    prec=st.sampled_from([1, 2, 3, None]),
    fatalities=st.one_of(st.none(), st.integers(0, 5000)),
    sources=st.lists(st.fixed_dictionaries({"speaker_name": st.one_of(_name, _arabic), "stance": _stance}), max_size=5),
    denied=st.booleans(),
)
def test_any_event_note_comes_from_its_fields(**kw: Any) -> None:
    row = {
        "sub_event_type": kw["sub"],
        "actor1_name": kw["a1"],
        "actor2_name": kw["a2"],
        "location_name": kw["place"],
        "admin1": kw["admin1"],
        "country": kw["country"],
        "event_date": kw["day"],
        "time_precision": kw["tp"],
        "geo_precision": kw["prec"],
        "fatalities": kw["fatalities"],
        "sources": kw["sources"],
        "denied": kw["denied"],
    }
    note = event_note(row)
    assert_note_from_fields(note, row)
    assert note[0].isupper() and note.endswith(".")
    assert "  " not in note and " ," not in note


def test_a_note_names_at_most_six_sources() -> None:
    row = {"event_date": "2018-05-04", "sub_event_type": "Attack"}
    row["sources"] = [{"speaker_name": f"Person {chr(65 + i % 26)}", "stance": "assert"} for i in range(20)]
    note = event_note(row)
    assert note.endswith("Person A, Person B, Person C, Person D, Person E and 15 other sources.")
