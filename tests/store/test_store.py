from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.errors import StoreError
from hadath.pipeline import Pipeline
from hadath.store import EventFilter, SQLiteStore, Store, open_store, prepare_article, sha256_text
from hadath.store._prepare import index_text, index_tokens, query_terms
from samples import build_doc, sample_documents

IDLIB = {"name_en": "Idlib", "lat": 35.93, "lon": 36.63, "country": "SY", "admin1": "Idlib", "admin2": "Idlib",
         "feature": "city", "gazetteer_id": None, "geo_precision": 1}  # fmt: skip


def simple_doc(article_id: str, text: str, **kw: Any) -> dict[str, Any]:
    return build_doc(article_id, text, published=kw.pop("published", "2018-03-05"), **kw).to_dict()


@pytest.fixture
def loaded(store: Store) -> Store:
    store.add_many([(d, t, f"sample:{i}") for i, (d, t) in enumerate(sample_documents())])
    store.recluster()
    return store


def test_store_satisfies_the_protocol(store: Store, backend: str) -> None:
    assert isinstance(store, Store)
    assert isinstance(store, SQLiteStore) == (backend == "sqlite")


def test_file_is_created_in_wal_mode_with_the_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    s = open_store(path)
    s.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    assert {
        "articles",
        "entities",
        "mentions",
        "attributions",
        "events",
        "event_sources",
        "clusters",
        "errors",
    } <= tables


def test_add_is_idempotent_by_content_hash(store: Store) -> None:
    text = "قصفت طائرات مدينة إدلب."
    doc = simple_doc("a1", text)
    assert store.add(doc, text=text, source="x") == "ingested"
    assert store.add(doc, text=text, source="x") == "unchanged"
    st = store.stats()
    assert st["articles"] == 1 and st["versions"] == 1
    assert set(store.known_hashes([sha256_text(text), "0" * 64])) == {sha256_text(text)}


def test_changed_text_for_the_same_id_is_a_new_version(store: Store) -> None:
    t1 = "قصفت طائرات مدينة إدلب."
    t2 = "قصفت طائرات مدينة إدلب وقتل خمسة."
    ev = {"id": "v1", "event_type": "Battles", "sub_event_type": "Armed clash", "trigger": "قصفت", "date": "2018-03-05"}
    assert store.add(simple_doc("a1", t1, events=[ev]), text=t1) == "ingested"
    assert store.add(simple_doc("a1", t2, events=[ev, {**ev, "id": "v2"}]), text=t2) == "version"
    doc = store.article("a1")
    assert doc is not None and doc["text"] == t2
    old = store.article("a1", version=1)
    assert old is not None and old["text"] == t1
    versions = store.article_versions("a1")
    assert [(v["version"], v["latest"]) for v in versions] == [(1, False), (2, True)]
    rows, total = store.events()
    assert total == 2 and {r["id"] for r in rows} == {"a1:v1", "a1:v2"}
    arts, n = store.articles()
    assert n == 1 and arts[0]["version"] == 2
    assert store.stats()["versions"] == 2
    # the old text again changes nothing
    assert store.add(simple_doc("a1", t1), text=t1) == "unchanged"


def test_changed_text_for_the_same_url_is_a_new_version_of_that_article(store: Store) -> None:
    t1, t2 = "نص أول عن إدلب.", "نص ثان عن إدلب."
    store.add(simple_doc("first-id", t1, url="http://x.org/a"), text=t1)
    assert store.add(simple_doc("other-id", t2, url="http://x.org/a"), text=t2) == "version"
    doc = store.article("first-id")
    assert doc is not None and doc["text"] == t2 and doc["article"]["id"] == "first-id"
    assert store.article("other-id") is None


def test_same_text_under_another_id_is_unchanged_and_recorded(store: Store) -> None:
    t = "نص واحد نشر مرتين."
    store.add(simple_doc("a", t), text=t)
    assert store.add(simple_doc("b", t, outlet="other"), text=t) == "unchanged"
    dups = store.duplicates()
    assert [(d["article_id"], d["stored_id"]) for d in dups] == [("b", "a")]


def test_text_must_match_the_documents_hash(store: Store) -> None:
    doc = simple_doc("a", "نص")
    with pytest.raises(StoreError, match="sha256"):
        store.add(doc, text="نص آخر")
    with pytest.raises(StoreError, match="hadath/1"):
        store.add({"events": []}, text="x")


def test_add_many_is_one_transaction(store: Store) -> None:
    good = simple_doc("g", "نص جيد")
    with pytest.raises(StoreError):
        store.add_many([(good, "نص جيد", ""), (simple_doc("b", "نص"), "نص مختلف", "")])
    assert store.stats()["articles"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ادلب", {"hamza", "clitic", "plain"}),
        ("إدلب", {"hamza", "clitic", "plain"}),
        ("بإدلب", {"hamza", "clitic", "plain"}),
        ("الجيش", {"clitic"}),
        ("جيش", {"clitic"}),
        ("حلب", {"plain"}),
        ("ادل*", {"hamza", "clitic", "plain"}),
        ("ادلب حلب", {"plain"}),
        ("دمشق", set()),
    ],
)
def test_search_folds_spelling_and_clitics(store: Store, query: str, expected: set[str]) -> None:
    for aid, text in [
        ("hamza", "قصفت طائرات مدينة إدلب صباح اليوم."),
        ("clitic", "وقال مصدر إن المعارك بإدلب مستمرة والجيش يتقدم."),
        ("plain", "ادلب وحلب تحت القصف."),
    ]:
        store.add(simple_doc(aid, text), text=text)
    rows, total = store.articles(q=query)
    assert {r["id"] for r in rows} == expected
    assert total == len(expected)


def test_search_snippet_marks_the_hit(store: Store) -> None:
    text = "في خبر طويل " * 30 + "قصفت الطائرات بإدلب مواقع عدة. " + "ونص آخر " * 30
    store.add(simple_doc("a", text), text=text)
    rows, _ = store.articles(q="ادلب")
    snip, hit = rows[0]["snippet"], rows[0]["snippet_match"]
    assert hit is not None and snip[hit[0] : hit[1]] == "بإدلب"
    assert snip.startswith("…") and snip.endswith("…") and len(snip) < 260


def test_search_filters_and_pages(store: Store) -> None:
    for i in range(5):
        t = f"خبر رقم {i} عن إدلب."
        store.add(simple_doc(f"a{i}", t, published=f"2018-03-0{i + 1}", outlet="bbc" if i % 2 else "cnn"), text=t)
    rows, total = store.articles(q="ادلب", since="2018-03-02", until="2018-03-04")
    assert total == 3
    rows, total = store.articles(q="ادلب", outlet="BBC")
    assert total == 2
    rows, total = store.articles(limit=2, offset=1)
    assert total == 5 and [r["id"] for r in rows] == ["a3", "a2"]
    with pytest.raises(StoreError, match="since"):
        store.articles(since="yesterday")


def test_index_and_query_terms_agree() -> None:
    assert query_terms("بإدلب") == ["ادلب"]
    assert "ادلب" in index_text("المعارك بإدلب").split()
    assert query_terms("ادل*") == ["ادل*"]
    assert query_terms("؟!") == []


def test_events_flat_rows_and_filters(loaded: Store) -> None:
    rows, total = loaded.events()
    assert total == 5
    douma = next(r for r in rows if r["id"] == "bbc-2018-02-19-douma:v1")
    assert douma["actor1_name"] == "Military Forces of Russia" and douma["actor1_type"] == "external"
    assert douma["actor2_name"] == "Civilians (Syria)"
    assert douma["country"] == "Syria" and douma["iso2"] == "SY" and douma["admin1"] == "Rif Dimashq"
    assert douma["fatalities"] == 12 and douma["sources"][0]["speaker_name"] == "SOHR"
    assert douma["sentence_text"].startswith("قصفت")

    def ids(**f: Any) -> set[str]:
        return {r["article_id"] for r in loaded.events(EventFilter(**f))[0]}

    assert ids(event_type="battles") == {"bbc-2018-02-20-afrin"}
    assert ids(sub_event_type="Air/drone strike", since="2018-02-20") == {"sky-2018-02-20-hamouriyeh"}
    assert ids(until="2018-02-19") == {"bbc-2018-02-19-douma", "f24-2018-02-20-denial", "cnn-2018-02-19-idlib"}
    for c in ("SY", "Syria", "SYR", "syria"):
        assert len(ids(country=c)) == 5
    assert ids(country="Iraq") == set()
    assert ids(admin1="idlib") == {"cnn-2018-02-19-idlib"}
    assert ids(actor="Russia") == {"bbc-2018-02-19-douma", "f24-2018-02-20-denial"}
    assert ids(actor="طائرات النظام") == {"sky-2018-02-20-hamouriyeh"}
    assert ids(bbox=(36.3, 33.5, 36.5, 33.6)) == {
        "bbc-2018-02-19-douma", "sky-2018-02-20-hamouriyeh", "f24-2018-02-20-denial"
    }  # fmt: skip
    assert ids(article_id="cnn-2018-02-19-idlib") == {"cnn-2018-02-19-idlib"}
    page, total = loaded.events(limit=2, offset=4)
    assert total == 5 and len(page) == 1


def test_event_detail(loaded: Store) -> None:
    ev = loaded.event("sky-2018-02-20-hamouriyeh:v1")
    assert ev is not None
    assert ev["id"] == "sky-2018-02-20-hamouriyeh:v1" and ev["local_id"] == "v1"
    assert ev["article_id"] == "sky-2018-02-20-hamouriyeh"
    assert ev["actor1"] == "e1" and ev["actor1_name"] == "Military Forces of Syria"
    assert ev["location_name"] == "Hamouriyeh"
    assert ev["trigger"]["text"] == "غارات"
    assert ev["source_attributions"][0]["speaker_name"] == "Syria Civil Defence"
    assert ev["cluster_id"]
    assert loaded.event("nope:v1") is None


def test_clusters(loaded: Store) -> None:
    rows, total = loaded.clusters()
    assert total == 1
    c = rows[0]
    assert c["n_articles"] == 3 and c["n_outlets"] == 3
    assert {d["kind"] for d in c["disagreements"]} >= {"fatalities", "actor1", "denial"}
    full = loaded.cluster(c["cluster_id"])
    assert full is not None and len(full["events"]) == 3
    assert {e["cluster_id"] for e in full["events"]} == {c["cluster_id"]}
    assert loaded.events(EventFilter(cluster_id=c["cluster_id"]))[1] == 3
    assert loaded.clusters(since="2018-03-01")[1] == 0
    assert loaded.cluster("c-none") is None
    assert loaded.stats()["clustered_events"] == 3


def test_recluster_within_a_window_matches_the_full_recluster(store: Store) -> None:
    docs = sample_documents()
    store.add_many([(d, t, "") for d, t in docs if not d["article"]["id"].startswith("sky")])
    assert store.recluster() == 1
    (before,), _ = store.clusters()
    assert before["n_articles"] == 2
    sky = next((d, t) for d, t in docs if d["article"]["id"].startswith("sky"))
    store.add(sky[0], text=sky[1])
    # only the window of the new article's events is recomputed
    assert store.recluster(since="2018-02-20", until="2018-02-20") == 1
    (after,), _ = store.clusters()
    assert after["n_articles"] == 3 and after["cluster_id"] == before["cluster_id"]
    assert store.events(EventFilter(cluster_id=after["cluster_id"]))[1] == 3
    assert store.recluster(since="2018-06-01", until="2018-06-02") == 1  # elsewhere: kept as it was
    full = store.recluster()
    assert full == 1 and store.clusters()[0] == [after]


def test_recluster_changed_covers_added_and_replaced_events(store: Store) -> None:
    docs = sample_documents()
    store.add_many([(d, t, "") for d, t in docs])
    assert store.recluster_changed() == 1
    assert store.recluster_changed() == 1  # nothing changed: a no-op
    # a new version of the Sky report moves its event away: the old date's cluster is recomputed
    sky, text = next((d, t) for d, t in docs if d["article"]["id"].startswith("sky"))
    moved = json.loads(json.dumps(sky))
    moved["events"][0]["date"] = "2018-03-15"
    moved["article"]["sha256"] = None
    assert store.add(moved, text=text + " تحديث") == "version"
    assert store.recluster_changed() == 1
    (c,), _ = store.clusters()
    assert c["n_articles"] == 2 and "sky-2018-02-20-hamouriyeh" not in {m.split(":")[0] for m in c["members"]}


def test_event_dates_of_a_prepared_article() -> None:
    doc, text = sample_documents()[0]
    assert prepare_article(doc, text).event_dates == ("2018-02-19", "2018-02-19")
    assert prepare_article({"article": {}}, "نص").event_dates is None


def test_a_store_of_another_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(path)


def test_errors_are_logged_once_per_source_and_reason(store: Store) -> None:
    store.log_error("f.jsonl:3", "invalid JSON")
    store.log_error("f.jsonl:3", "invalid JSON")
    store.log_error("f.jsonl:4", "missing text")
    errs = store.errors()
    assert {(e["source"], e["reason"], e["count"]) for e in errs} == {
        ("f.jsonl:3", "invalid JSON", 2),
        ("f.jsonl:4", "missing text", 1),
    }
    assert store.stats()["errors"] == 2


def test_layers(loaded: Store) -> None:
    arts = list(loaded.iter_layer("articles"))
    assert len(arts) == 5 and all("text" in a for a in arts)
    ents = list(loaded.iter_layer("entities", article_ids=["bbc-2018-02-19-douma"]))
    assert {e["name_en"] for e in ents} == {"Military Forces of Russia", "Douma", "Civilians (Syria)", "SOHR"}
    atts = list(loaded.iter_layer("attributions"))
    assert {a["stance"] for a in atts} == {"assert", "deny"}
    assert len(list(loaded.iter_layer("events"))) == 5
    with pytest.raises(StoreError, match="layer"):
        list(loaded.iter_layer("tokens"))


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SQLiteStore(path) as s:
        s.add_many([(d, t, "") for d, t in sample_documents()])
    with SQLiteStore(path) as s:
        assert s.stats()["articles"] == 5
        doc = s.article("cnn-2018-02-19-idlib")
        assert doc is not None and doc["events"][0]["fatalities"] == 5


def test_open_store_targets(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path / 'u.db'}")
    assert s.path == str(tmp_path / "u.db")
    s.close()
    m = open_store(":memory:")
    assert m.stats()["articles"] == 0
    m.close()
    with pytest.raises(StoreError, match=r"^postgresql://user@127\.0\.0\.1:1/db: cannot connect to PostgreSQL"):
        open_store("postgresql://user:pw@127.0.0.1:1/db")  # the password is never shown
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_text("this is not a database\n" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        open_store(junk)
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path / "no" / "such" / "dir.db")


def test_reads_in_other_threads_while_writing(store: Store) -> None:
    docs = [(simple_doc(f"a{i}", f"نص رقم {i} عن إدلب"), f"نص رقم {i} عن إدلب", "") for i in range(200)]
    seen: list[int] = []
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(50):
                seen.append(store.articles(q="ادلب")[1])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=reader)
    t.start()
    for i in range(0, 200, 20):
        store.add_many(docs[i : i + 20])
    t.join()
    assert not errors
    assert seen == sorted(seen) and all(n % 20 == 0 for n in seen)
    assert store.articles(q="ادلب")[1] == 200


def test_closed_store_refuses(tmp_path: Path) -> None:
    s = open_store(tmp_path / "c.db")
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.stats()


def test_prepare_article_flattens_without_a_database() -> None:
    doc, text = sample_documents()[0]
    p = prepare_article(doc, text, "src")
    assert p.article_id == "bbc-2018-02-19-douma" and p.n_events == 1
    assert p.events[0]["location_name"] == "Douma" and p.events[0]["iso2"] == "SY"
    assert p.event_sources[0][0]["speaker_name"] == "SOHR"
    anonymous = prepare_article({"article": {}}, "نص")
    assert anonymous.article_id == f"a-{sha256_text('نص')[:16]}"


def test_doc_without_layers_is_stored(store: Store) -> None:
    text = "نص فقط"
    doc = {"schema": "hadath/1", "article": {"id": "bare", "sha256": sha256_text(text)}, "sentences": []}
    assert store.add(doc, text=text) == "ingested"
    got = store.article("bare")
    assert got is not None and got["text"] == text
    assert store.events(EventFilter(article_id="bare"))[1] == 0


def test_geo_from_location_entity(store: Store) -> None:
    text = "قصفت طائرات مدينة إدلب."
    doc = simple_doc(
        "g", text,
        entities=[{"id": "p1", "kind": "place", "name_ar": "إدلب", "name_en": "Idlib", "geo": IDLIB}],
        events=[{"id": "v1", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                 "trigger": "قصفت", "date": "2018-03-05", "location": "p1", "geo": None}],
    )  # fmt: skip
    store.add(doc, text=text)
    ev = store.events()[0][0]
    assert ev["location_name"] == "Idlib" and ev["lat"] == 35.93 and ev["country"] == "Syria"


# -- the search index from the segment tokens -------------------------------------------------------
SEG = Pipeline(["normalize", "segment"])
_ALPHABET = 'ابتةثجحخدذرسشصضطظعغفقكلمنهويىأإآؤئء ًٌٍَُِّْـ0123456789٠١٢٣.,،-\n «»"abcﻻ'


def _tokens(text: str) -> Any:
    return SEG(SEG.make_doc(text)).tokens


@pytest.mark.parametrize(
    "text",
    [
        "المعارك بإدلب والجيش السوري",
        "مدينة حلب وقريته وقرية لويبدة",  # a final ة: the index reads the bare norm, the token knows the ة
        "قُتل ١٬٢٠٠ شخص و 3.5 مليون نازح في 2018م",
        "ﻻ يوجد (أ ف ب) — «تقدّم» بـ 80 قرية",
        "",
        "   \n ",
    ],
)
def test_index_tokens_equals_index_text(text: str) -> None:
    assert index_tokens(_tokens(text)) == index_text(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(_ALPHABET)), max_size=80))
def test_index_tokens_equals_index_text_on_any_text(text: str) -> None:
    assert index_tokens(_tokens(text)) == index_text(text)


def test_ingest_prepares_the_same_index_as_the_store() -> None:
    from hadath.ingest import extract_batch

    text = "قالت مصادر إن الطائرات قصفت مدينة إدلب وبلدة سراقب"
    (p,) = extract_batch(None, [{"text": text, "id": "x", "source": "s"}])
    assert not isinstance(p, tuple)
    assert p.fts_body == index_text(text)


def test_stored_document_is_the_same_with_or_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    from hadath.store import _prepare

    doc, text = sample_documents()[0]
    fast = _prepare.decode_doc(prepare_article(doc, text).doc_blob)
    monkeypatch.setattr(_prepare, "_orjson", None)
    plain = _prepare.decode_doc(prepare_article(doc, text).doc_blob)
    assert fast == plain
    assert fast["article"]["sha256"] == sha256_text(text)


def test_recluster_passes_the_sentence_embedder_through(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import hadath.store._sql as sqlite_mod

    seen: list[tuple[list[dict[str, Any]], Any]] = []
    real = sqlite_mod.cluster_events

    def spy(rows: Any, **kw: Any) -> Any:
        rows = list(rows)
        seen.append((rows, kw.get("similarity")))
        return real(rows, **kw)

    monkeypatch.setattr(sqlite_mod, "cluster_events", spy)
    store.add_many([(d, t, "") for d, t in sample_documents()])

    class Same:  # every sentence alike: the clusters are the structural ones
        name, min_similarity = "same", 0.5

        def embed(self, texts: Any) -> list[tuple[float]]:
            return [(1.0,) for _ in texts]

    emb = Same()
    assert store.recluster_changed(similarity=emb) == 1
    assert store.recluster(similarity=emb) == 1
    assert store.recluster() == 1
    (rows1, s1), (rows2, s2), (rows3, s3) = seen
    assert s1 is emb and s2 is emb and s3 is None
    assert all(r["sentence_text"] for r in rows1 + rows2)  # the sentences are read only when needed
    assert all("sentence_text" not in r for r in rows3)


def test_read_only_opens_change_nothing(tmp_path: Path) -> None:
    """issue 19, item 7: search/events/export open any SQLite file without switching it to WAL or adding tables."""
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a hadath store"):
        open_store(other, create=False)
    with pytest.raises(StoreError, match="not a hadath store"):
        open_store(other)  # not even a writing open adds hadath's tables to another program's database
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    with pytest.raises(StoreError, match="not a hadath store"):
        open_store(empty, create=False)
    for f in (other, empty):
        conn = sqlite3.connect(f)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} <= {"notes"}
        conn.close()


def test_an_older_store_is_migrated_by_a_writing_open_only(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with open_store(path) as s:
        s.add_many([(d, t, "") for d, t in sample_documents()])
    # make it a schema-2 store as the previous release wrote it
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP INDEX events_updated; ALTER TABLE events RENAME COLUMN latitude TO lat; ALTER TABLE events RENAME COLUMN longitude TO lon;"
        + "".join(f"ALTER TABLE events DROP COLUMN {c};" for c in
                  "event_id_cnty fingerprint created_at updated_at hadath_version codebook_version".split())
        + "".join(f"ALTER TABLE articles DROP COLUMN {c};" for c in "extracted_at hadath_version codebook_version".split())
        + "DROP TABLE deleted_events; DROP TABLE schema_version; DELETE FROM meta; PRAGMA user_version = 2;"
    )  # fmt: skip
    conn.close()
    with pytest.raises(StoreError, match=r"schema version 2 is older .* hadath migrate --db"):
        open_store(path, create=False)
    with open_store(path, create=False, writable=True) as s:
        assert s.schema_version() == 3
        rows, _ = s.events()
        assert sorted(r["event_id_cnty"] for r in rows) == ["SYR1", "SYR2", "SYR3", "SYR4", "SYR5"]
        assert {r["hadath_version"] for r in rows} == {"unknown"} and all(r["updated_at"] for r in rows)
        assert rows[0]["lat"] is not None
    with open_store(path, create=False) as s:
        assert s.stats()["events"] == 5
