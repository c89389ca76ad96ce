"""Fixtures for the HTTP API tests: a sample store in tmp_path and in-process clients.

Without the ``serve`` extra (FastAPI, uvicorn) or httpx these tests are not collected.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.store import Store, open_store
from samples import TOKEN, make_client, populate

if importlib.util.find_spec("fastapi") is None or importlib.util.find_spec("httpx") is None:
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store file holding the hand-built samples and two extracted documents."""
    path = tmp_path_factory.mktemp("store") / "corpus.db"
    store = open_store(path)
    populate(store)
    store.close()
    yield path


@pytest.fixture(scope="module")
def samples_db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A store file holding only the hand-built samples (exact expectations for filters and formats)."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    store = open_store(path)
    populate(store, with_extracted=False)
    store.close()
    yield path


@pytest.fixture
async def samples_client(samples_db_path: Path) -> AsyncIterator[Any]:
    """A read-only app over the hand-built samples only."""
    from hadath.api import create_app

    s = open_store(samples_db_path, create=False)
    app = create_app(store=s, tile_url="https://{s}.tile.example.org/{z}/{x}/{y}.png")
    async with make_client(app) as c:
        yield c
    app.state.hadath.runner.shutdown()
    s.close()


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    s = open_store(db_path, create=False)
    yield s
    s.close()


@pytest.fixture
async def client(store: Store) -> AsyncIterator[Any]:
    """A read-only app over the sample store."""
    from hadath.api import create_app

    app = create_app(store=store, tile_url="https://{s}.tile.example.org/{z}/{x}/{y}.png")
    async with make_client(app) as c:
        yield c
    app.state.hadath.runner.shutdown()


@pytest.fixture
async def rw_client(tmp_path: Path) -> AsyncIterator[Any]:
    """An app with ingestion enabled over an empty store of its own."""
    from hadath.api import create_app

    app = create_app(tmp_path / "rw.db", token=TOKEN)
    async with make_client(app) as c:
        yield c
    app.state.hadath.close()
