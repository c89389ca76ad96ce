from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hadath.corroborate import cluster_events, same_happening
from hadath.store import open_store
from samples import sample_documents


def ev(eid: str, article: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": f"{article}:{eid}",
        "article_id": article,
        "outlet": kw.pop("outlet", article.split("-")[0]),
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "event_date": "2018-02-19",
        "lat": 33.5711,
        "lon": 36.4022,
        "geo_precision": 1,
        "country": "Syria",
        "admin1": "Rif Dimashq",
        "admin2": "Duma",
        "location_name": "Douma",
        "actor1_name": None,
        "actor1_type": None,
        "actor2_name": None,
        "actor2_type": None,
        "fatalities": None,
        "denied": False,
        "sources": [],
    }
    base.update(kw)
    return base


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"event_date": "2018-02-20"}, True),
        ({"event_date": "2018-02-21"}, False),
        ({"event_type": "Battles"}, False),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, True),
        ({"lat": 33.5353, "lon": 36.3931, "location_name": "Hamouriyeh"}, True),  # 4 km
        ({"lat": 33.9, "lon": 36.9, "admin2": "Yabroud"}, False),  # ~50 km
        ({"lat": 33.51, "lon": 36.29, "geo_precision": 3, "admin2": None}, True),  # coarse: same admin1
        ({"lat": 33.51, "lon": 36.29, "geo_precision": 3, "admin1": "Damascus", "admin2": None}, False),
        ({"country": "Lebanon"}, False),
        ({"lat": None, "lon": None, "admin1": None, "admin2": None, "country": None}, True),  # same location name
        ({"lat": None, "lon": None, "admin1": None, "admin2": None, "location_name": None}, False),
        ({"event_date": None}, False),
    ],
)
def test_same_happening_rules(change: dict[str, Any], same: bool) -> None:
    a = ev("v1", "bbc-1")
    b = ev("v1", "sky-1", **change)
    assert same_happening(a, b) is same


@pytest.mark.parametrize(
    ("a1", "b1", "same"),
    [
        (("Military Forces of Russia", "external"), ("Military Forces of Syria", "state_forces"), True),
        (("Military Forces of Syria", "state_forces"), ("Hayat Tahrir al-Sham", "rebel_group"), False),
        (("Hayat Tahrir al-Sham", "rebel_group"), ("Jaysh al-Islam", "rebel_group"), True),
        (("Military Forces of Syria", "state_forces"), (None, None), True),
        (("Unknown group", None), ("Military Forces of Syria", "state_forces"), True),
    ],
)
def test_actor_compatibility(a1: tuple[Any, Any], b1: tuple[Any, Any], same: bool) -> None:
    a = ev("v1", "a-1", actor1_name=a1[0], actor1_type=a1[1])
    b = ev("v1", "b-1", actor1_name=b1[0], actor1_type=b1[1])
    assert same_happening(a, b) is same


def test_swapped_roles_are_compatible() -> None:
    a = ev("v1", "a-1", event_type="Battles", actor1_name="YPG", actor1_type="rebel_group",
           actor2_name="Military Forces of Turkey", actor2_type="external")  # fmt: skip
    b = ev("v1", "b-1", event_type="Battles", actor1_name="Military Forces of Turkey", actor1_type="external",
           actor2_name="YPG", actor2_type="rebel_group")  # fmt: skip
    assert same_happening(a, b)


def test_clusters_need_two_articles_and_report_disagreements() -> None:
    events = [
        ev("v1", "bbc-1", fatalities=12, actor1_name="Military Forces of Russia", actor1_type="external",
           sources=[{"speaker_name": "SOHR", "stance": "assert"}]),
        ev("v1", "sky-1", event_date="2018-02-20", lat=33.5353, lon=36.3931, fatalities=18,
           actor1_name="Military Forces of Syria", actor1_type="state_forces",
           sources=[{"speaker_name": "Civil Defence", "stance": "assert"}]),
        ev("v1", "f24-1", denied=True, actor1_name="Military Forces of Russia", actor1_type="external",
           sources=[{"speaker_name": "Russian MoD", "stance": "deny"}]),
        ev("v1", "rt-1", sources=[{"speaker_name": "Kremlin", "stance": "silent"}]),
        ev("v2", "bbc-1", fatalities=3),  # the same article again: never in the same cluster as bbc-1:v1
        ev("v1", "cnn-1", lat=35.93, lon=36.63, admin1="Idlib", admin2="Idlib", location_name="Idlib"),
        ev("v1", "afp-1", event_date="2018-02-25"),
    ]  # fmt: skip
    clusters = cluster_events(events)
    assert len(clusters) == 1
    c = clusters[0]
    assert set(c["members"]) == {"bbc-1:v1", "sky-1:v1", "f24-1:v1", "rt-1:v1"}
    assert c["n_articles"] == 4 and c["n_outlets"] == 4
    assert c["speakers"] == ["Civil Defence", "Kremlin", "Russian MoD", "SOHR"] and c["n_speakers"] == 4
    assert (c["fatalities_min"], c["fatalities_max"]) == (12, 18)
    assert c["date_min"] == "2018-02-19" and c["date_max"] == "2018-02-20"
    assert c["location_name"] == "Douma" and c["admin1"] == "Rif Dimashq"
    kinds = {d["kind"]: d for d in c["disagreements"]}
    assert set(kinds) == {"fatalities", "actor1", "denial", "silence"}
    assert {v["fatalities"] for v in kinds["fatalities"]["values"]} == {12, 18}
    assert {v["name"] for v in kinds["actor1"]["values"]} == {"Military Forces of Russia", "Military Forces of Syria"}
    assert [d["speaker"] for d in kinds["denial"]["by"]] == ["Russian MoD"]
    silent = {(d["outlet"], d["about"]) for d in kinds["silence"]["by"]}
    assert silent == {("rt", "the event"), ("rt", "fatalities")}  # the denial is not counted as silence
    assert c["cluster_id"].startswith("c-")
    # deterministic: the same input gives the same ids
    assert cluster_events(list(reversed(events)))[0]["cluster_id"] == c["cluster_id"]


def test_complete_linkage_does_not_chain() -> None:
    # a-b within a day, b-c within a day, a-c two days apart: c does not join a's cluster
    events = [
        ev("v1", "a-1", event_date="2018-02-19"),
        ev("v1", "b-1", event_date="2018-02-20"),
        ev("v1", "c-1", event_date="2018-02-21"),
    ]
    clusters = cluster_events(events)
    assert [sorted(c["members"]) for c in clusters] == [["a-1:v1", "b-1:v1"]]


def test_store_recluster_on_the_samples(tmp_path: Path) -> None:
    with open_store(tmp_path / "c.db") as store:
        store.add_many([(d, t, "") for d, t in sample_documents()])
        assert store.recluster() == 1
        assert store.recluster() == 1  # idempotent
        (c,), _ = store.clusters()
        assert c["outlets"] == ["BBC Arabic", "France 24", "Sky News Arabia"]


# -- real reports: Eastern Ghouta, 19–22 February 2018 ----------------------------------------------
def test_eastern_ghouta_reports_from_the_corpus(tmp_path: Path, shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "ant-2018.jsonl.gz"
    if not corpus.is_file():
        pytest.skip("corpus not present")
    rows = []
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            if "2018-02-19" <= (obj.get("published") or "") <= "2018-02-22" and "الغوطة" in obj.get("text", ""):
                rows.append(obj)
    assert len(rows) >= 10
    src = tmp_path / "ghouta.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    from hadath.errors import StageError
    from hadath.ingest import ingest
    from hadath.pipeline import DEFAULT_STAGES, Pipeline

    # the extraction stages, whether or not the default pipeline runs them all yet
    full = ["normalize", "segment", "dates", "numbers", "entities", "places", "attribution", "events"]
    stages = list(DEFAULT_STAGES) if "events" in DEFAULT_STAGES else full
    try:
        Pipeline(stages)
    except StageError as exc:
        pytest.skip(f"the event pipeline cannot be built yet: {exc.message}")
    with open_store(tmp_path / "g.db") as store:
        report = ingest(store, [src], stages=stages)
        assert report.ingested + report.failed + report.unchanged == len(rows)
        events = list(store.iter_events())
        if not events:
            pytest.skip("the pipeline extracts no events yet")
        clusters, _ = store.clusters(limit=1000)
        by_id = {e["id"]: e for e in events}
        for c in clusters:
            members = [by_id[m] for m in c["members"]]
            assert len({m["article_id"] for m in members}) == len(members) >= 2
            assert len({m["event_type"] for m in members}) == 1
            span = date.fromisoformat(c["date_max"]) - date.fromisoformat(c["date_min"])
            assert span.days <= 1
            for a in members:
                for b in members:
                    assert same_happening(a, b)
        ghouta = [e for e in events if e["admin1"] == "Rif Dimashq" and e["event_date"] >= "2018-02-18"]
        if len({e["outlet"] for e in ghouta}) >= 2:
            assert any(c["admin1"] == "Rif Dimashq" and c["n_outlets"] >= 2 for c in clusters), (
                "reports of the Ghouta strikes from several outlets should corroborate one another"
            )


# -- sentence similarity (a fake embedder: deterministic vectors, so these always run) ---------------


class FakeEmbedder:
    """Maps a sentence to a unit vector by the first topic word it contains; counts what it embeds."""

    name = "fake"
    min_similarity = 0.5
    TOPICS = ("غارة", "اشتباك", "مظاهرة", "انفجار")

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: Any) -> list[tuple[float, ...]]:
        self.seen += list(texts)
        out = []
        for t in texts:
            k = next((i for i, w in enumerate(self.TOPICS) if w in t), len(self.TOPICS))
            v = [0.0] * (len(self.TOPICS) + 1)
            v[k] = 1.0
            out.append(tuple(v))
        return out


AIR = "شنت طائرات حربية غارة على البلدة صباح اليوم"
AIR2 = "قتل مدنيون في غارة جوية استهدفت سوقا شعبيا"
BLAST = "وقع انفجار قرب حاجز عسكري عند مدخل المدينة"

# located only to the province: the place evidence is weak
WEAK = {"lat": None, "lon": None, "geo_precision": 3, "admin2": None, "location_name": "Rif Dimashq"}


def _members(clusters: list[dict[str, Any]]) -> list[list[str]]:
    return [sorted(c["members"]) for c in clusters]


def test_similarity_gates_weakly_located_pairs() -> None:
    events = [ev("v1", "a-1", sentence_text=AIR, **WEAK), ev("v1", "b-1", sentence_text=BLAST, **WEAK)]
    assert _members(cluster_events(events)) == [["a-1:v1", "b-1:v1"]]  # structure alone: one happening
    assert cluster_events(events, similarity=FakeEmbedder()) == []  # the sentences differ: two
    events[1]["sentence_text"] = AIR2
    assert _members(cluster_events(events, similarity=FakeEmbedder())) == [["a-1:v1", "b-1:v1"]]


def test_similarity_threshold_can_be_set() -> None:
    events = [ev("v1", "a-1", sentence_text=AIR, **WEAK), ev("v1", "b-1", sentence_text=BLAST, **WEAK)]
    assert len(cluster_events(events, similarity=FakeEmbedder(), min_similarity=0.0)) == 1
    events[1]["sentence_text"] = AIR2
    assert cluster_events(events, similarity=FakeEmbedder(), min_similarity=1.5) == []


def test_strong_place_evidence_needs_no_similar_sentence() -> None:
    emb = FakeEmbedder()
    events = [ev("v1", "a-1", sentence_text=AIR), ev("v1", "b-1", sentence_text=BLAST)]  # both in Douma
    assert _members(cluster_events(events, similarity=emb)) == [["a-1:v1", "b-1:v1"]]
    assert emb.seen == []  # nothing needed embedding


def test_events_without_a_sentence_are_not_blocked() -> None:
    events = [ev("v1", "a-1", sentence_text=AIR, **WEAK), ev("v1", "b-1", sentence_text=None, **WEAK)]
    assert len(cluster_events(events, similarity=FakeEmbedder())) == 1


def test_similarity_breaks_ties_between_clusters() -> None:
    # two events of one article start two clusters; a third report matches both equally well
    events = [
        ev("v1", "a-1", sentence_text=BLAST),
        ev("v2", "a-1", sentence_text=AIR),
        ev("v1", "b-1", sentence_text=AIR2),
    ]
    assert _members(cluster_events(events)) == [["a-1:v1", "b-1:v1"]]  # structure alone: the first
    emb = FakeEmbedder()
    assert _members(cluster_events(events, similarity=emb)) == [["a-1:v2", "b-1:v1"]]
    assert sorted(set(emb.seen)) == sorted({AIR, AIR2, BLAST})


def test_similarity_keeps_the_structural_clusters_when_sentences_agree() -> None:
    events = [ev(f"v{i}", f"o{i}-1", sentence_text=AIR) for i in range(4)]
    events += [ev("v1", f"w{i}-1", sentence_text=AIR2, **WEAK) for i in range(2)]
    assert cluster_events(events, similarity=FakeEmbedder()) == cluster_events(events)


def test_a_place_known_only_to_its_country_is_not_near_anything() -> None:
    # "in Syria": the country's coordinates (the capital's) lie within 25 km of Eastern Ghouta
    country = {
        "lat": 33.5102,
        "lon": 36.2913,
        "geo_precision": 3,
        "admin1": None,
        "admin2": None,
        "location_name": "Syria",
    }
    ghouta = {
        "lat": 33.5711,
        "lon": 36.4022,
        "geo_precision": 2,
        "admin1": None,
        "admin2": None,
        "location_name": "Eastern Ghouta",
    }
    assert not same_happening(ev("1", "a", **country), ev("1", "b", **ghouta))
    assert same_happening(ev("1", "a", **country), ev("1", "b", **country))  # the same name still agrees
