"""The HTTP API, in-process through httpx.ASGITransport, over a store built in tmp_path."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import hadath
from hadath.api import create_app
from hadath.api._routes import MAX_LIMIT
from hadath.doc import Doc
from hadath.errors import StoreError
from hadath.export import ACLED_COLUMNS, EXTRA_COLUMNS, write_geojson
from hadath.store import EventFilter, Store
from hadath.taxonomy import EVENT_TYPES, sub_event_types
from samples import MALICIOUS_ID, STRIKE_ID, TOKEN, api_documents, make_client

pytestmark = pytest.mark.anyio

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "src" / "hadath" / "schema" / "hadath-1.schema.json").read_text(encoding="utf-8"))
ARTICLE = "قال المرصد السوري لحقوق الإنسان إن ثلاثة مدنيين قتلوا اليوم الجمعة في قصف مدفعي على بلدة سراقب في ريف إدلب."
HTML = f"""<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>قصف على سراقب</title></head>
<body><nav>الرئيسية | أخبار | اتصل بنا</nav><article><h1>قصف على سراقب</h1>
<p>{ARTICLE}</p><p>وأضاف المرصد أن فرق الدفاع المدني انتشلت جثث الضحايا من تحت الأنقاض بعد ساعات من القصف.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def assert_error(resp: httpx.Response, status: int, type_: str) -> dict[str, Any]:
    """The one error shape: exactly {"error": {"type", "message", "detail"}}."""
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"type", "message", "detail"}
    assert body["error"]["type"] == type_
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return dict(body["error"])


# -- extraction ---------------------------------------------------------------------------------------


async def test_extract_text(client: httpx.AsyncClient) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    r = await client.post(
        "/v1/extract", json={"text": ARTICLE, "id": "x-1", "published": "2018-02-09", "outlet": "SOHR"}
    )
    assert r.status_code == 200, r.text
    doc = r.json()
    jsonschema.validate(doc, SCHEMA)
    assert doc["schema"] == "hadath/1"
    assert doc["text"] == ARTICLE
    assert doc["article"]["id"] == "x-1"
    assert doc["article"]["published"] == "2018-02-09"
    assert doc["article"]["outlet"] == "SOHR"
    # the same document the library returns
    assert doc == hadath.extract(ARTICLE, id="x-1", published="2018-02-09", outlet="SOHR").to_dict(include_text=True)


async def test_extract_html(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/extract", json={"html": HTML, "id": "page-1"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert ARTICLE in doc["text"]
    assert "الرئيسية" not in doc["text"]  # boilerplate removed
    assert doc["article"]["title"] == "قصف على سراقب"
    for d in doc["dates"]:
        assert doc["text"][d["start"] : d["end"]] == d["text"]


async def test_extract_needs_text(client: httpx.AsyncClient) -> None:
    err = assert_error(await client.post("/v1/extract", json={"title": "no text"}), 400, "InputError")
    assert "text" in err["message"]


async def test_extract_rejects_unknown_fields(client: httpx.AsyncClient) -> None:
    err = assert_error(await client.post("/v1/extract", json={"txt": ARTICLE}), 422, "ValidationError")
    assert err["detail"][0]["loc"] == ["body", "txt"]


async def test_extract_bad_date_is_an_input_error(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/extract", json={"text": ARTICLE, "published": "yesterday"})
    assert "YYYY-MM-DD" in assert_error(r, 400, "InputError")["message"]


async def test_extract_invalid_json(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(r, 422, "ValidationError")


# -- articles -----------------------------------------------------------------------------------------


async def test_articles_list_and_pages(client: httpx.AsyncClient) -> None:
    r = await client.get("/v1/articles")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 7 and body["limit"] == 50 and body["offset"] == 0
    ids = [a["id"] for a in body["articles"]]
    assert STRIKE_ID in ids and "extracted-1" in ids
    pages = [(await client.get("/v1/articles", params={"limit": 3, "offset": o})).json() for o in (0, 3, 6)]
    assert [len(p["articles"]) for p in pages] == [3, 3, 1]
    assert all(p["total"] == 7 for p in pages)
    assert [a["id"] for p in pages for a in p["articles"]] == ids


async def test_articles_search_and_filters(client: httpx.AsyncClient) -> None:
    body = (await client.get("/v1/articles", params={"q": "عفرين"})).json()
    assert [a["id"] for a in body["articles"]] == ["afrin-2018-03-10"]
    assert body["articles"][0]["snippet"]
    body = (await client.get("/v1/articles", params={"outlet": "enab baladi"})).json()
    assert {a["id"] for a in body["articles"]} == {"enab-2018-03-05-maarat", "afrin-2018-03-10"}
    body = (await client.get("/v1/articles", params={"since": "2018-03-06", "until": "2018-03-10"})).json()
    assert {a["id"] for a in body["articles"]} == {MALICIOUS_ID, "afrin-2018-03-10"}


async def test_article_has_text_and_layers(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/articles/{STRIKE_ID}")
    assert r.status_code == 200
    doc = r.json()
    expected = next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID)
    assert doc["text"] == expected["text"]
    for layer in ("sentences", "dates", "quantities", "entities", "attributions", "events"):
        assert doc[layer] == expected[layer], layer


async def test_article_not_found(client: httpx.AsyncClient) -> None:
    err = assert_error(await client.get("/v1/articles/nope"), 404, "NotFound")
    assert err["detail"] == {"id": "nope", "version": None}


# -- events -------------------------------------------------------------------------------------------


async def _event_ids(client: httpx.AsyncClient, **params: Any) -> set[str]:
    r = await client.get("/v1/events", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["events"])
    return {e["id"] for e in body["events"]}


STRIKE = f"{STRIKE_ID}:ev1"
ENAB = "enab-2018-03-05-maarat:ev1"
AFRIN = "afrin-2018-03-10:ev1"
DARAA = "daraa-2018-03-16:ev1"
MAL = f"{MALICIOUS_ID}:ev1"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"article_id": STRIKE_ID}, {STRIKE}),
        ({"event_type": "Battles"}, {AFRIN}),
        ({"event_type": "Explosions/Remote violence"}, {STRIKE, ENAB, MAL}),
        ({"sub_event_type": "Air/drone strike"}, {STRIKE, ENAB}),
        ({"since": "2018-03-06", "until": "2018-03-10"}, {MAL, AFRIN}),
        ({"since": "2018-03-11"}, {DARAA}),
        ({"admin1": "idlib"}, {STRIKE, ENAB, MAL}),
        ({"country": "SY", "admin1": "Aleppo"}, {AFRIN}),
        ({"country": "Syria", "event_type": "Protests"}, {DARAA}),
        ({"country": "Iraq"}, set()),
        ({"actor": "Turkey"}, {AFRIN}),
        ({"actor": "Military Forces of Syria"}, {STRIKE}),
        ({"bbox": "36.0,32.0,36.5,33.0"}, {DARAA}),
        ({"bbox": "36.5,35.5,37.0,36.6", "event_type": "Battles"}, {AFRIN}),
    ],
)
async def test_event_filters(samples_client: httpx.AsyncClient, params: dict[str, str], expected: set[str]) -> None:
    assert await _event_ids(samples_client, **params) == expected


async def test_events_pages(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/v1/events")).json()
    total = everything["total"]
    assert total >= 5
    seen: list[str] = []
    for offset in range(0, total, 2):
        body = (await client.get("/v1/events", params={"limit": 2, "offset": offset})).json()
        assert body["total"] == total and body["limit"] == 2 and body["offset"] == offset
        seen += [e["id"] for e in body["events"]]
    assert seen == [e["id"] for e in everything["events"]]
    dates = [e["event_date"] for e in everything["events"] if e["event_date"]]
    assert dates == sorted(dates)


async def test_events_row_shape(client: httpx.AsyncClient) -> None:
    ev = (await client.get("/v1/events", params={"article_id": STRIKE_ID})).json()["events"][0]
    assert ev["id"] == STRIKE and ev["local_id"] == "ev1"
    assert ev["actor1_name"] == "Military Forces of Syria (2000-)"
    assert ev["location_name"] == "Maarat al-Numan" and ev["lat"] == pytest.approx(35.6478)
    assert ev["fatalities"] == 12 and ev["cluster_id"]
    assert [s["stance"] for s in ev["sources"]] == ["assert", "deny"]


@pytest.mark.parametrize(
    ("params", "where"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "40,30,35,36"}, "bbox"),
        ({"since": "2018-02-30"}, "since"),
        ({"limit": "0"}, "limit"),
        ({"limit": str(MAX_LIMIT + 1)}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"format": "xml"}, "format"),
    ],
)
async def test_event_parameters_are_validated(client: httpx.AsyncClient, params: dict[str, str], where: str) -> None:
    err = assert_error(await client.get("/v1/events", params=params), 422, "ValidationError")
    assert err["detail"][0]["loc"] == ["query", where]


@pytest.mark.parametrize(
    ("params", "where", "valid"),
    [
        ({"event_type": "Nonsense"}, "event_type", list(EVENT_TYPES)),
        ({"sub_event_type": "air strike"}, "sub_event_type", list(sub_event_types())),
        ({"event_type": "Battles", "sub_event_type": "Grenade"}, "sub_event_type", list(sub_event_types("Battles"))),
    ],
)
async def test_an_unknown_filter_value_is_refused_with_the_valid_values(
    client: httpx.AsyncClient, params: dict[str, str], where: str, valid: list[str]
) -> None:
    err = assert_error(await client.get("/v1/events", params=params), 422, "ValidationError")
    assert err["detail"] == [
        {"loc": ["query", where], "msg": err["detail"][0]["msg"], "type": "value_error", "valid": valid}
    ]
    assert params[where] in err["message"] and all(v in err["message"] for v in valid)


async def test_filter_values_are_read_in_any_case(samples_client: httpx.AsyncClient) -> None:
    assert await _event_ids(samples_client, event_type="battles") == {AFRIN}
    assert await _event_ids(samples_client, sub_event_type="AIR/DRONE STRIKE") == {STRIKE, ENAB}
    assert await _event_ids(samples_client, event_type="", country=" ") == {STRIKE, ENAB, AFRIN, DARAA, MAL}


async def test_the_event_parameters_are_the_event_filters(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    names = [p["name"] for p in spec["paths"]["/v1/events"]["get"]["parameters"]]
    assert sorted(names) == sorted([*EventFilter.names(), "format", "limit", "offset"])


async def test_events_geojson(samples_client: httpx.AsyncClient, client: httpx.AsyncClient) -> None:
    r = await samples_client.get("/v1/events", params={"format": "geojson", "admin1": "Idlib", "limit": 2})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/geo+json"
    fc = r.json()
    assert fc["type"] == "FeatureCollection"
    assert fc["total"] == 3 and fc["limit"] == 2 and fc["offset"] == 0 and len(fc["features"]) == 2
    for f in fc["features"]:
        assert set(f) == {"type", "id", "geometry", "properties"}
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert 36 < lon < 37 and 35 < lat < 36  # [lon, lat] order, per RFC 7946
        assert f["properties"]["admin1"] == "Idlib"
        assert "lat" not in f["properties"] and "lon" not in f["properties"]
    # the same writer as `hadath export --format geojson`
    buf = io.StringIO()
    rows = (await samples_client.get("/v1/events", params={"admin1": "Idlib", "limit": 2})).json()["events"]
    write_geojson(rows, buf, members={"total": 3, "limit": 2, "offset": 0})
    assert fc == json.loads(buf.getvalue())
    # unlocated events keep a null geometry
    body = (await client.get("/v1/events", params={"format": "geojson", "article_id": "extracted-2"})).json()
    for f in body["features"]:
        assert f["geometry"] is None or f["geometry"]["type"] == "Point"


async def test_events_csv(samples_client: httpx.AsyncClient) -> None:
    r = await samples_client.get("/v1/events", params={"format": "csv", "event_type": "Explosions/Remote violence"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="events.csv"'
    assert r.headers["x-total-count"] == "3"
    rows = list(csv.reader(io.StringIO(r.text)))
    assert tuple(rows[0]) == (*ACLED_COLUMNS, *EXTRA_COLUMNS)  # the CLI's `hadath export --format acled-csv`
    assert len(rows) == 4
    by_id = {f"{row['article_id']}:ev1": row for row in csv.DictReader(io.StringIO(r.text))}
    strike = by_id[STRIKE]
    assert strike["actor1"] == "Military Forces of Syria (2000-)" and strike["inter1"] == "1"
    assert strike["latitude"] == "35.6478" and strike["longitude"] == "36.6728"
    assert strike["fatalities"] == "12" and strike["denied"] == "0"
    assert strike["source"].startswith("SOHR") and "Syrian Observatory for Human Rights" in strike["source"]
    assert "غارات" in strike["sentence_ar"]  # issue 18: the Arabic sentence has its own column
    assert strike["notes"].startswith("On 5 March 2018, the Military Forces of Syria (2000-) carried out air")


async def test_event_by_id(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/events/{STRIKE}")
    assert r.status_code == 200
    ev = r.json()
    assert ev["id"] == STRIKE and ev["trigger"]["text"] == "غارات"
    assert [a["id"] for a in ev["source_attributions"]] == ["a1", "a2"]
    assert_error(await client.get("/v1/events/nope:ev9"), 404, "NotFound")


# -- clusters -----------------------------------------------------------------------------------------


async def test_clusters(client: httpx.AsyncClient) -> None:
    body = (await client.get("/v1/clusters")).json()
    assert body["total"] >= 1 and body["limit"] == 50 and body["offset"] == 0
    maarat = next(c for c in body["clusters"] if c["location_name"] == "Maarat al-Numan")
    assert maarat["n_articles"] == 3
    assert set(maarat["members"]) == {STRIKE, ENAB, MAL}
    one = (await client.get(f"/v1/clusters/{maarat['cluster_id']}")).json()
    assert {e["id"] for e in one["events"]} == {STRIKE, ENAB, MAL}
    assert await _event_ids(client, cluster_id=maarat["cluster_id"]) == {STRIKE, ENAB, MAL}
    assert (await client.get("/v1/clusters", params={"since": "2018-03-07"})).json()["total"] == 0
    assert_error(await client.get("/v1/clusters/c-none"), 404, "NotFound")


# -- health -------------------------------------------------------------------------------------------


async def test_health(client: httpx.AsyncClient) -> None:
    body = (await client.get("/v1/health")).json()
    assert body["status"] == "ok" and body["schema"] == "hadath/1" and body["version"] == hadath.__version__
    assert body["store"]["articles"] == 7
    assert body["ingest"] is False
    assert body["limits"] == {"max_body": 2_000_000, "extract_timeout": 10.0, "max_limit": MAX_LIMIT}
    assert body["pipeline"] == list(hadath.DEFAULT_STAGES)


async def test_without_a_store_only_extraction_works() -> None:
    app = create_app()
    async with make_client(app) as c:
        assert (await c.get("/v1/health")).json()["store"] is None
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        for path in ("/v1/events", "/v1/articles", "/v1/articles/x", "/v1/clusters", "/v1/events/x:ev1"):
            assert "--db" in assert_error(await c.get(path), 503, "NoStore")["message"]
    app.state.hadath.close()


def test_read_only_server_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


# -- limits -------------------------------------------------------------------------------------------


async def test_body_limit_declared(store: Store) -> None:
    app = create_app(store=store, max_body=1000)
    async with make_client(app) as c:
        r = await c.post("/v1/extract", json={"text": "ا" * 2000})
        err = assert_error(r, 413, "PayloadTooLarge")
        assert err["detail"]["max_body"] == 1000
        assert "content-security-policy" in r.headers
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200


async def test_body_limit_streamed(store: Store) -> None:
    app = create_app(store=store, max_body=1000)

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"text": "'
        for _ in range(10):
            yield ("ا" * 100).encode()
        yield b'"}'

    async with make_client(app) as c:
        r = await c.post("/v1/extract", content=chunks(), headers={"content-type": "application/json"})
        assert "content-length" not in r.request.headers
        assert_error(r, 413, "PayloadTooLarge")


class SlowPipeline:
    """Stands in for hadath.Pipeline: extracts like it, but only after ``delay`` seconds."""

    def __init__(self, delay: float) -> None:
        self.names = ["slow"]
        self.delay = delay
        self.release = threading.Event()

    def extract(self, text: str, **meta: str | None) -> Doc:
        self.release.wait(self.delay)
        return Doc(text)


async def test_extract_timeout() -> None:
    slow = SlowPipeline(delay=5.0)
    app = create_app(pipeline=slow, extract_timeout=0.2)
    async with make_client(app) as c:
        t0 = time.monotonic()
        err = assert_error(await c.post("/v1/extract", json={"text": ARTICLE}), 504, "ExtractTimeout")
        assert time.monotonic() - t0 < 2
        assert err["detail"] == {"timeout": 0.2}
    slow.release.set()
    app.state.hadath.close()


async def test_extract_busy_when_workers_are_taken() -> None:
    slow = SlowPipeline(delay=5.0)
    app = create_app(pipeline=slow, extract_timeout=0.3, extract_workers=1)
    async with make_client(app) as c:
        # one worker + 32 queue slots: 33 overrunning extractions hold every slot
        results = await asyncio.gather(*(c.post("/v1/extract", json={"text": ARTICLE}) for _ in range(34)))
        statuses = sorted(r.status_code for r in results)
        assert statuses.count(504) == 33 and statuses.count(503) == 1
        busy = next(r for r in results if r.status_code == 503)
        assert_error(busy, 503, "Busy")
        assert busy.headers["retry-after"] == "5"
    slow.release.set()
    app.state.hadath.close()


# -- the error shape ----------------------------------------------------------------------------------


class BrokenPipeline:
    def __init__(self) -> None:
        self.names = ["broken"]

    def extract(self, text: str, **meta: str | None) -> Doc:
        raise RuntimeError("secret internal detail")


async def test_internal_errors_keep_the_shape_and_hide_details() -> None:
    app = create_app(pipeline=BrokenPipeline())
    async with make_client(app, raise_errors=False) as c:
        r = await c.post("/v1/extract", json={"text": ARTICLE})
        err = assert_error(r, 500, "InternalError")
        assert "secret" not in r.text and err["detail"] is None
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "default-src 'self'" in r.headers["content-security-policy"]
    app.state.hadath.close()


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "type_"),
    [
        ("GET", "/v1/nothing-here", {}, 404, "NotFound"),
        ("GET", "/static/missing.js", {}, 404, "NotFound"),
        ("DELETE", "/v1/events", {}, 405, "MethodNotAllowed"),
        ("PUT", "/v1/extract", {"json": {}}, 405, "MethodNotAllowed"),
        ("GET", "/v1/events?limit=x", {}, 422, "ValidationError"),
        ("POST", "/v1/extract", {"json": {}}, 400, "InputError"),
        ("POST", "/v1/ingest", {"json": {}}, 403, "Forbidden"),
        ("POST", "/v1/extract", {"content": b"x" * 2_000_001}, 413, "PayloadTooLarge"),
    ],
)
async def test_error_shape_is_pinned(
    client: httpx.AsyncClient, method: str, path: str, kwargs: dict[str, Any], status: int, type_: str
) -> None:
    r = await client.request(method, path, **kwargs)
    assert_error(r, status, type_)
    assert "default-src 'self'" in r.headers["content-security-policy"]


# -- ingestion and the token --------------------------------------------------------------------------


async def test_ingest_is_disabled_without_a_token(client: httpx.AsyncClient) -> None:
    r = await client.post("/v1/ingest", json={"text": ARTICLE}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert "--token" in assert_error(r, 403, "Forbidden")["message"]


@pytest.mark.parametrize(
    ("headers", "status", "type_"),
    [
        ({}, 401, "Unauthorized"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, "Unauthorized"),
        ({"Authorization": "Bearer "}, 401, "Unauthorized"),
        ({"Authorization": "Bearer wrong"}, 403, "Forbidden"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "Forbidden"),
    ],
)
async def test_ingest_token_rules(
    rw_client: httpx.AsyncClient, headers: dict[str, str], status: int, type_: str
) -> None:
    r = await rw_client.post("/v1/ingest", json={"text": ARTICLE, "id": "t-1"}, headers=headers)
    assert_error(r, status, type_)
    if status == 401:
        assert r.headers["www-authenticate"].startswith("Bearer")
    assert (await rw_client.get("/v1/articles/t-1")).status_code == 404


async def test_ingest_a_document_and_an_article(rw_client: httpx.AsyncClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    doc = next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID)
    r = await rw_client.post("/v1/ingest", json=doc, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "ingested" and r.json()["id"] == STRIKE_ID and r.json()["events"] == 1
    again = await rw_client.post("/v1/ingest", json=doc, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"
    stored = (await rw_client.get(f"/v1/articles/{STRIKE_ID}")).json()
    assert stored["events"] == doc["events"] and stored["text"] == doc["text"]

    r = await rw_client.post(
        "/v1/ingest", json={"text": ARTICLE, "id": "raw-1", "published": "2018-02-09"}, headers=auth
    )
    assert r.status_code == 201 and r.json()["id"] == "raw-1"
    assert (await rw_client.get("/v1/articles/raw-1")).json()["text"] == ARTICLE

    tampered = {**doc, "text": doc["text"] + " "}
    assert (
        "sha256"
        in assert_error(await rw_client.post("/v1/ingest", json=tampered, headers=auth), 400, "InputError")["message"]
    )
    no_text = {k: v for k, v in doc.items() if k != "text"}
    assert_error(await rw_client.post("/v1/ingest", json=no_text, headers=auth), 400, "InputError")
    assert_error(await rw_client.post("/v1/ingest", json={"txt": "x"}, headers=auth), 400, "BadRequest")
    health = (await rw_client.get("/v1/health")).json()
    assert health["ingest"] is True and health["store"]["articles"] == 2

    # a second report of the strike: the two are clustered as one corroborated happening
    other = next(d for d in api_documents() if d["article"]["id"] == "enab-2018-03-05-maarat")
    r = await rw_client.post("/v1/ingest", json=other, headers=auth)
    assert r.status_code == 201 and r.json()["clusters"] == 1
    clusters = (await rw_client.get("/v1/clusters")).json()["clusters"]
    assert [c["n_articles"] for c in clusters] == [2]


# -- security headers and the UI shell ----------------------------------------------------------------


async def test_security_headers(client: httpx.AsyncClient) -> None:
    for path in ("/", "/v1/health", "/static/app.js", "/static/vendor/leaflet/leaflet.js", "/v1/nothing"):
        r = await client.get(path)
        csp = r.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"] == "'self'"  # no inline scripts, no eval
        assert directives["img-src"] == "'self' data: https://*.tile.example.org"
        assert directives["object-src"] == "'none'"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


async def test_no_tile_server_means_no_tile_host(store: Store) -> None:
    app = create_app(store=store, tile_url="none")
    async with make_client(app) as c:
        r = await c.get("/")
        assert "img-src 'self' data:;" in r.headers["content-security-policy"]
        assert 'name="hadath-tile-url" content=""' in r.text


async def test_tile_url_from_environment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HADATH_TILE_URL", 'https://tiles.example.net/{z}/{x}/{y}.png?"><script>')
    app = create_app(store=store)
    async with make_client(app) as c:
        r = await c.get("/")
        assert "img-src 'self' data: https://tiles.example.net;" in r.headers["content-security-policy"]
        assert "&quot;&gt;&lt;script&gt;" in r.text and '"><script>' not in r.text


async def test_index_has_no_inline_script_or_style(client: httpx.AsyncClient) -> None:
    html = (await client.get("/")).text
    assert html.startswith("<!doctype html>")
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag
    assert re.findall(r"<script\b[^>]*>\s*(?!</script>)\S", html) == []  # no inline code
    assert " style=" not in html and not re.search(r"\son[a-z]+=", html)
    assert 'content="https://{s}.tile.example.org/{z}/{x}/{y}.png"' in html


async def test_openapi_lists_every_endpoint(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    paths = set(spec["paths"])
    assert paths == {
        "/v1/extract",
        "/v1/ingest",
        "/v1/articles",
        "/v1/articles/{article_id}",
        "/v1/events",
        "/v1/events/{event_id}",
        "/v1/deleted",
        "/v1/clusters",
        "/v1/clusters/{cluster_id}",
        "/v1/health",
    }
    assert (await client.get("/docs")).status_code == 404  # Swagger UI would need a CDN
