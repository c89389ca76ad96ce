"""Issue 19: random bodies to POST /v1/extract and /v1/ingest answer 2xx or 4xx in the JSON error shape, never 500.

Bodies are JSON values of every kind (objects shaped like articles and like hadath/1 documents, with fields of
the wrong type, lone surrogates, deep nesting) and bytes that are not JSON.  Bounded example count.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.api import create_app
from samples import STRIKE_ID, TOKEN, api_documents, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}", "content-type": "application/json"}
#: Any code point, lone surrogates included (json.dumps escapes them as \\udXXX, which JSON parsers accept).
ANY_TEXT = st.text(st.characters(), max_size=40)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ANY_TEXT)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(ANY_TEXT, inner, max_size=4)),
    max_leaves=20,
)
FIELDS = st.sampled_from(["text", "html", "id", "title", "published", "outlet", "url", "schema", "article", "events"])
ARTICLES = st.dictionaries(
    FIELDS, st.one_of(VALUES, st.just("قال المرصد إن غارات على إدلب قتلت 12 مدنيا."), st.dates().map(str)), max_size=5
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A sample hadath/1 document with one value somewhere replaced."""
    doc: Any = json.loads(json.dumps(next(d for d in api_documents() if d["article"]["id"] == STRIKE_ID)))
    target = doc
    for _ in range(draw(st.integers(1, 4))):
        if isinstance(target, dict) and target:
            key = draw(st.sampled_from(sorted(target)))
            if isinstance(target[key], dict | list) and target[key] and draw(st.booleans()):
                target = target[key]
                continue
            target[key] = draw(VALUES)
            break
        if isinstance(target, list) and target:
            i = draw(st.integers(0, len(target) - 1))
            if isinstance(target[i], dict | list) and target[i] and draw(st.booleans()):
                target = target[i]
                continue
            target[i] = draw(VALUES)
            break
    return dict(doc)


BODIES = st.one_of(
    ARTICLES.map(lambda b: json.dumps(b).encode()),
    documents().map(lambda d: json.dumps(d).encode()),
    VALUES.map(lambda v: json.dumps(v).encode()),
    st.integers(1, 200).map(lambda n: b'{"text": ' + b"[" * n + b"]" * n + b"}"),
    st.binary(max_size=200),
)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    app = create_app(tmp_path_factory.mktemp("fuzz") / "f.db", token=TOKEN, extract_workers=1)
    yield app
    app.state.hadath.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(["/v1/extract", "/v1/ingest"]), body=BODIES)
def test_random_bodies_never_answer_500(app: Any, path: str, body: bytes) -> None:
    async def run() -> None:
        async with make_client(app, raise_errors=False) as c:
            r = await c.post(f"{path}?recluster=false", content=body, headers=AUTH)
        assert r.status_code < 500, (path, body[:300], r.text)
        if r.status_code >= 400:
            err = r.json()
            assert set(err) == {"error"} and set(err["error"]) == {"type", "message", "detail"}

    asyncio.run(run())
