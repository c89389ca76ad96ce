"""Issue 19 over HTTP: extractions that overrun are stopped, the foreground stays free, hostile bodies answer a
4xx with the JSON error shape, and documents are validated before anything is stored."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import os
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from hadath.api import create_app
from samples import STRIKE_ID, TOKEN, api_documents, make_client

pytestmark = pytest.mark.anyio

ARTICLE = "قال المرصد السوري لحقوق الإنسان إن ثلاثة مدنيين قتلوا اليوم الجمعة في قصف مدفعي على بلدة سراقب في ريف إدلب."
#: A long extraction: a million characters of event triggers (1.8 MB of UTF-8, under the 2 MB body limit), tens of
#: seconds of CPU (issue 19's 16 KB reproducer took 20-60 s; the events stage is linear now, half a second)
HOSTILE = "غارات على " * 100_000
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def assert_error(resp: httpx.Response, status: int, type_: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"} and set(body["error"]) == {"type", "message", "detail"}
    assert body["error"]["type"] == type_, body
    return dict(body["error"])


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


async def wait_dead(pids: list[int], within: float = 3.0) -> bool:
    end = time.monotonic() + within
    while time.monotonic() < end:
        if not any(alive(p) for p in pids):
            return True
        await asyncio.sleep(0.02)
    return False


# -- the CPU budget -------------------------------------------------------------------------------------------------


async def test_issue19_an_overrunning_extraction_is_killed_and_its_cpu_freed() -> None:
    app = create_app(extract_timeout=1.0, extract_workers=1)
    runner = app.state.hadath.runner
    async with make_client(app) as c:
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        killed = runner.pids()  # the one idle worker: it takes the next request
        assert len(killed) == 1
        t0 = time.monotonic()
        err = assert_error(await c.post("/v1/extract", json={"text": HOSTILE}), 504, "ExtractTimeout")
        assert time.monotonic() - t0 < 3
        assert err["detail"] == {"timeout": 1.0}
        assert await wait_dead(killed), "the worker that ran the hostile text still runs"
        r = await c.post("/v1/extract", json={"text": ARTICLE})  # a fresh worker serves the next request
        assert r.status_code == 200 and r.json()["text"] == ARTICLE
    app.state.hadath.close()
    assert await wait_dead(runner.pids() + killed)


def state(pid: int) -> str:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return stat[stat.rindex(")") + 2]


async def test_issue19_a_long_extraction_is_parked_while_short_ones_wait() -> None:
    app = create_app(extract_timeout=30.0, extract_workers=1)
    runner = app.state.hadath.runner
    runner.foreground = 0.2
    async with make_client(app) as c:
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        hostile = asyncio.create_task(c.post("/v1/extract", json={"text": HOSTILE}))
        await asyncio.sleep(0.3)
        assert not runner._parked and not hostile.done()  # nobody waits: it runs on
        # a text four times shorter waits: the long one is stopped (SIGSTOP) and continues afterwards
        medium = asyncio.create_task(c.post("/v1/extract", json={"text": "غارات على " * 100}))
        while not runner._parked:
            await asyncio.sleep(0.005)
        [parked] = runner._parked
        for _ in range(100):  # SIGSTOP takes effect asynchronously
            if state(parked.pid) == "T" or medium.done():
                break
            await asyncio.sleep(0.005)
        assert state(parked.pid) == "T" or medium.done()
        assert (await medium).status_code == 200
        t0 = time.monotonic()
        for _ in range(5):
            assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        assert time.monotonic() - t0 < 5, "short extractions waited for the long one"
        await asyncio.sleep(0.1)
        assert not runner._parked and state(parked.pid) in "RS"  # continued once nobody waits
        # one slot and one parking place: when a third long extraction must park, one of them (the one that has
        # used more CPU) is stopped with 503
        more = [asyncio.create_task(c.post("/v1/extract", json={"text": HOSTILE})) for _ in range(2)]
        done, running = await asyncio.wait({hostile, *more}, return_when=asyncio.FIRST_COMPLETED)
        assert_error(done.pop().result(), 503, "Busy")
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError):
                assert (await task).status_code == 503  # it too finished before the cancel
    app.state.hadath.close()


async def test_issue19_a_request_whose_client_leaves_stops_its_extraction() -> None:
    app = create_app(extract_timeout=30.0, extract_workers=1)
    runner = app.state.hadath.runner
    async with make_client(app) as c:
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        task = asyncio.create_task(c.post("/v1/extract", json={"text": HOSTILE}))
        await asyncio.sleep(0.3)
        busy = runner.pids()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert await wait_dead(busy)
    app.state.hadath.close()


async def test_shortest_text_first_in_the_queue() -> None:
    app = create_app(extract_timeout=20.0, extract_workers=1)
    runner = app.state.hadath.runner
    runner.foreground = runner.preempt_after = 30.0  # no background: the queue decides
    async with make_client(app) as c:
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        done: list[str] = []

        async def post(name: str, text: str) -> None:
            r = await c.post("/v1/extract", json={"text": text})
            assert r.status_code == 200
            done.append(name)

        first = asyncio.create_task(post("first", "غارات على " * 5_000))  # about a second (linear events stage)
        await asyncio.sleep(0.05)
        long_ = asyncio.create_task(post("long", "غارات على " * 5_000))
        await asyncio.sleep(0.05)
        short = asyncio.create_task(post("short", ARTICLE))
        await asyncio.gather(first, long_, short)
        assert done == ["first", "short", "long"]
    app.state.hadath.close()


# -- bodies that used to crash ----------------------------------------------------------------------------------


SURROGATE = b'{"text": "\\u0642\\u0627\\u0644 \\ud800"}'
DEEP = b'{"text": "x", "title": ' + b"[" * 1000 + b"]" * 1000 + b"}"


@pytest.mark.parametrize("path", ["/v1/extract", "/v1/ingest"])
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (SURROGATE, "lone surrogate"),
        (DEEP, "nested deeper than 64 levels"),
        (b'{"text": "x", "title": 5}', "valid string"),
        (b'{"text": "x"', "invalid JSON"),
        (b"[1, 2]", "must be a JSON object"),
    ],
)
async def test_issue19_hostile_bodies_are_a_422(
    rw_client: httpx.AsyncClient, path: str, body: bytes, message: str
) -> None:
    r = await rw_client.post(path, content=body, headers={**AUTH, "content-type": "application/json"})
    err = assert_error(r, 422, "ValidationError")
    assert message in err["message"], err
    assert (await rw_client.get("/v1/health")).json()["store"]["articles"] == 0


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("path", ["/v1/extract", "/v1/ingest"])
async def test_issue19_publication_dates_at_the_calendar_edges_are_input_errors(
    rw_client: httpx.AsyncClient, path: str, published: str
) -> None:
    r = await rw_client.post(path, json={"text": "قتل ثلاثة مدنيين أمس في إدلب.", "published": published}, headers=AUTH)
    err = assert_error(r, 400, "InputError")
    assert "outside the dates hadath reads" in err["message"]


async def test_issue19_the_token_is_checked_before_the_body_is_read(rw_client: httpx.AsyncClient) -> None:
    json_body = {"content-type": "application/json"}
    for body in (b"{not json", DEEP, b"x" * 100_000):
        assert_error(await rw_client.post("/v1/ingest", content=body, headers=json_body), 401, "Unauthorized")
        wrong = {**json_body, "Authorization": "Bearer wrong"}
        assert_error(await rw_client.post("/v1/ingest", content=body, headers=wrong), 403, "Forbidden")


@pytest.mark.parametrize(
    ("where", "value", "loc", "message"),
    [
        (("events", 0, "date"), "not-a-date", ["body", "events", 0, "date"], "must match"),
        (("events", 0, "date"), "2018-13-45", ["body", "events", 0, "date"], "must be a date"),
        (("events", 0, "date"), "0001-01-01", ["body", "events", 0, "date"], "outside the dates an event may have"),
        (("events", 0, "date"), "9999-12-31", ["body", "events", 0, "date"], "outside the dates an event may have"),
        (("article", "published"), "9999-12-31", ["body", "article", "published"], "outside the dates hadath reads"),
        (("article", "published"), "1899-12-31", ["body", "article", "published"], "outside the dates hadath reads"),
        (("article", "title"), 5, ["body", "article", "title"], "must be of type string or null"),
        (("events", 0, "event_type"), "Picnic", ["body", "events", 0, "event_type"], "must be one of"),
        (("events", 0, "trigger", "start"), -3, ["body", "events", 0, "trigger", "start"], "must be >= 0"),
        (("events", 0, "trigger", "end"), 10**6, ["body", "events", 0, "trigger"], "outside the text"),
        (("events", 0, "trigger", "text"), "غير", ["body", "events", 0, "trigger"], "not text[start:end]"),
    ],
)
async def test_issue19_ingest_validates_documents_before_storing(
    rw_client: httpx.AsyncClient, where: tuple[Any, ...], value: Any, loc: list[Any], message: str
) -> None:
    doc = copy.deepcopy(next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID))
    target = doc
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    r = await rw_client.post("/v1/ingest", json=doc, headers=AUTH)
    err = assert_error(r, 422, "ValidationError")
    assert any(d["loc"] == loc and message in d["msg"] for d in err["detail"]), err["detail"]
    assert (await rw_client.get("/v1/health")).json()["store"]["articles"] == 0
    assert (await rw_client.get(f"/v1/articles/{STRIKE_ID}")).status_code == 404


async def test_validation_errors_do_not_copy_the_document(rw_client: httpx.AsyncClient) -> None:
    doc = copy.deepcopy(next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID))
    doc["article"]["published"] = "٢" * 10_000
    doc["events"][0]["sentence"] = {"start": "ث" * 10_000}
    err = assert_error(await rw_client.post("/v1/ingest", json=doc, headers=AUTH), 422, "ValidationError")
    assert len(str(err)) < 2_000 and "٢٢٢" not in str(err) and "ثثث" not in str(err)


async def test_an_event_long_past_is_stored(rw_client: httpx.AsyncClient) -> None:
    doc = copy.deepcopy(next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID))
    doc["events"][0]["date"] = "1850-03-05"  # an article may report what happened long ago
    assert (await rw_client.post("/v1/ingest", json=doc, headers=AUTH)).status_code == 201


async def test_every_sample_document_passes_ingest_validation(rw_client: httpx.AsyncClient) -> None:
    for doc in api_documents():
        r = await rw_client.post("/v1/ingest?recluster=false", json=doc, headers=AUTH)
        assert r.status_code in (200, 201), r.text


@pytest.mark.parametrize(
    "query",
    [
        f"/v1/articles?offset={2**63}",
        f"/v1/events?offset={2**63}",
        f"/v1/clusters?offset={2**64}",
        f"/v1/articles/{STRIKE_ID}?version={2**63}",
    ],
)
async def test_issue19_integers_beyond_64_bits_are_a_422(client: httpx.AsyncClient, query: str) -> None:
    assert_error(await client.get(query), 422, "ValidationError")


async def test_issue19_the_largest_offset_is_answered(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/v1/articles?offset={2**63 - 1}")
    assert r.status_code == 200 and r.json()["articles"] == []


async def test_issue19_ids_with_a_slash_are_fetched_url_encoded(rw_client: httpx.AsyncClient) -> None:
    doc = copy.deepcopy(next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID))
    doc["article"]["id"] = "sohr/2018/03/05"
    assert (await rw_client.post("/v1/ingest", json=doc, headers=AUTH)).status_code == 201
    r = await rw_client.get("/v1/articles/sohr%2F2018%2F03%2F05")
    assert r.status_code == 200 and r.json()["article"]["id"] == "sohr/2018/03/05"
    event_id = (await rw_client.get("/v1/events?article_id=sohr%2F2018%2F03%2F05")).json()["events"][0]["id"]
    assert event_id.startswith("sohr/2018/03/05:")
    r = await rw_client.get("/v1/events/" + event_id.replace("/", "%2F").replace(":", "%3A"))
    assert r.status_code == 200 and r.json()["article_id"] == "sohr/2018/03/05"
    assert_error(await rw_client.get("/v1/articles/sohr%2Fnothing"), 404, "NotFound")


# -- the Host check (DNS rebinding) ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("allowed", "host", "ok"),
    [
        (None, "localhost", True),
        (None, "localhost:8000", True),
        (None, "127.0.0.1:8000", True),
        (None, "[::1]:8000", True),
        (None, "LOCALHOST.", True),
        (None, "attacker.example", False),
        (None, "attacker.example:8000", False),
        (None, "127.0.0.1.attacker.example", False),
        (["hadath.example.org"], "hadath.example.org", True),
        (["hadath.example.org"], "other.example.org", False),
        (["*"], "anything.example", True),
    ],
)
async def test_issue19_the_host_header_is_checked(allowed: list[str] | None, host: str, ok: bool) -> None:
    app = create_app(allowed_hosts=allowed)
    async with make_client(app) as c:
        r = await c.get("/v1/health", headers={"Host": host})
        if ok:
            assert r.status_code == 200
        else:
            err = assert_error(r, 400, "InvalidHost")
            assert "--allowed-host" in err["message"]
            assert r.headers["x-content-type-options"] == "nosniff"
        # before the body is read or the token checked
        r = await c.post("/v1/ingest", content=b"x" * 3_000_000, headers={"Host": host})
        assert r.status_code == (413 if ok else 400)
    app.state.hadath.close()


async def test_allowed_hosts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HADATH_ALLOWED_HOSTS", "a.example, b.example")
    app = create_app()
    assert app.state.hadath.settings.allowed_hosts == ("localhost", "127.0.0.1", "::1", "a.example", "b.example")
    async with make_client(app) as c:
        assert (await c.get("/v1/health", headers={"Host": "b.example"})).status_code == 200
        assert (await c.get("/v1/health", headers={"Host": "c.example"})).status_code == 400
    app.state.hadath.close()


async def test_a_killed_zygote_is_replaced() -> None:
    app = create_app(extract_workers=1)
    runner = app.state.hadath.runner
    async with make_client(app) as c:
        assert (await c.post("/v1/extract", json={"text": ARTICLE})).status_code == 200
        os.kill(runner._procs.zygote.pid, 9)
        for _ in range(3):  # the idle worker outlives its zygote; the next fork starts a new zygote
            assert (await c.post("/v1/extract", json={"text": HOSTILE[:50]})).status_code == 200
            for worker in list(runner._idle):
                worker.close()
                runner._idle.remove(worker)
    app.state.hadath.close()
