"""Stable event ids, the change feed and deletions (both backends)."""

from __future__ import annotations

import copy
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from hadath.errors import InputError
from hadath.store import EventFilter, Store, prepare_article, timestamp
from samples import build_doc

TEXT = "قصفت طائرات مدينة إدلب وقتلت خمسة. واشتبك مقاتلون في حلب. وتظاهر سكان في درعا."
IDLIB = {"name_en": "Idlib", "lat": 35.93, "lon": 36.63, "country": "SY", "admin1": "Idlib", "admin2": "Idlib",
         "feature": "city", "gazetteer_id": None, "geo_precision": 1}  # fmt: skip


def _events() -> list[dict[str, Any]]:
    return [
        {"id": "v1", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "trigger": "قصفت", "date": "2018-03-05", "geo": IDLIB, "fatalities": 5},
        {"id": "v2", "event_type": "Battles", "sub_event_type": "Armed clash", "trigger": "اشتبك",
         "date": "2018-03-05", "geo": {**IDLIB, "name_en": "Aleppo", "admin1": "Aleppo", "admin2": "Jebel Saman"}},
        {"id": "v3", "event_type": "Protests", "sub_event_type": "Peaceful protest", "trigger": "تظاهر",
         "date": "2018-03-05", "geo": {**IDLIB, "name_en": "Daraa", "admin1": "Daraa", "admin2": "Daraa"}},
    ]  # fmt: skip


def _doc(events: list[dict[str, Any]]) -> dict[str, Any]:
    return build_doc("a1", TEXT, published="2018-03-06", events=events).to_dict()


def test_every_event_row_says_what_produced_it(store: Store) -> None:
    store.add(_doc(_events()), text=TEXT)
    rows, _ = store.events()
    assert sorted(r["event_id_cnty"] for r in rows) == ["SYR1", "SYR2", "SYR3"]
    for r in rows:
        assert r["hadath_version"] and r["codebook_version"].startswith("acled-")
        assert r["created_at"] == r["updated_at"] and r["created_at"].endswith("Z")
    other = build_doc("b1", "قصف على بغداد.", published="2018-03-06", events=[
        {"id": "v1", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
         "trigger": "قصف", "date": "2018-03-05", "geo": {**IDLIB, "name_en": "Baghdad", "country": "IQ"}}
    ]).to_dict()  # fmt: skip
    store.add(other, text="قصف على بغداد.")
    assert store.events(EventFilter(article_id="b1"))[0][0]["event_id_cnty"] == "IRQ1"  # numbered per country


def test_reextraction_keeps_ids_and_feeds_the_changes(store: Store) -> None:
    store.add(_doc(_events()), text=TEXT)
    before = {r["local_id"]: r for r in store.events()[0]}
    time.sleep(0.002)
    mark = timestamp(datetime.now(UTC).isoformat())  # what a client synced last
    new = copy.deepcopy(_events())
    new[0]["fatalities"] = 7  # the same strike, a changed figure: same id, updated
    del new[2]  # the protest is gone: a deletion
    new.insert(0, {"id": "v1", "event_type": "Riots", "sub_event_type": "Mob violence", "trigger": "مقاتلون",
                   "date": "2018-03-05", "geo": {**IDLIB, "name_en": "Aleppo", "admin1": "Aleppo"}})  # fmt: skip
    for i, ev in enumerate(new):  # the new pipeline numbers its events afresh
        ev["id"] = f"v{i + 1}"
    start = store.reextract_start()
    assert store.reextract_todo(start) == 1
    counts = store.reextract_prepared([prepare_article(_doc(new), TEXT)])
    assert counts == {"articles": 1, "kept": 1, "updated": 1, "added": 1, "deleted": 1, "missing": 0}
    store.reextract_finish()
    after = {r["id"]: r for r in store.events()[0]}
    strike, clash = before["v1"], before["v2"]
    assert after[strike["id"]]["fatalities"] == 7 and after[strike["id"]]["local_id"] == "v2"
    assert after[strike["id"]]["event_id_cnty"] == strike["event_id_cnty"]
    assert after[strike["id"]]["created_at"] == strike["created_at"]
    assert after[strike["id"]]["updated_at"] > strike["updated_at"]
    assert after[clash["id"]]["updated_at"] == clash["updated_at"]  # unchanged: not in the feed
    (added,) = [r for r in after.values() if r["event_type"] == "Riots"]
    assert added["id"] == "a1:v1~2" and added["event_id_cnty"] == "SYR4"  # a used id is never given again
    changed = {r["id"] for r in store.events(EventFilter(updated_since=mark))[0]}
    assert changed == {strike["id"], added["id"]}
    gone, total = store.deleted(since=mark)
    assert total == 1 and gone[0]["id"] == before["v3"]["id"] and gone[0]["event_id_cnty"] == "SYR3"
    assert gone[0]["reason"] == "re-extraction" and gone[0]["hadath_version"]
    assert store.deleted(since="2999-01-01")[1] == 0
    assert store.stats()["deleted_events"] == 1


def test_a_new_version_reconciles_too(store: Store) -> None:
    store.add(_doc(_events()), text=TEXT)
    ids = {r["local_id"]: r["id"] for r in store.events()[0]}
    t2 = TEXT + " تحديث."
    doc = build_doc("a1", t2, published="2018-03-06", events=_events()[:2]).to_dict()
    assert store.add(doc, text=t2) == "version"
    assert {r["id"] for r in store.events()[0]} == {ids["v1"], ids["v2"]}
    assert [d["id"] for d in store.deleted()[0]] == [ids["v3"]]


def test_timestamps_are_checked() -> None:
    assert timestamp("2024-05-01") == "2024-05-01T00:00:00.000000Z"
    assert timestamp("2024-05-01T14:00:00+02:00") == "2024-05-01T12:00:00.000000Z"
    with pytest.raises(InputError, match="ISO 8601"):
        EventFilter(updated_since="yesterday")


def test_a_bad_stored_date_does_not_stop_clustering(store: Store) -> None:
    """issue 19, item 3: a stored event date that is not a date must not make every later ingest fail."""
    bad = _events()[:1]
    bad[0]["date"] = "not-a-date"
    doc = build_doc("bad", TEXT, published="2018-03-06", events=bad).to_dict()
    doc["events"][0]["date"] = "not-a-date"
    store.add(doc, text=TEXT)
    store.recluster_changed()
    t2 = TEXT + " ب"
    store.add(build_doc("a2", t2, published="2018-03-06", events=_events()).to_dict(), text=t2)
    store.recluster_changed()
    store.recluster()
    assert store.stats()["events"] == 4
