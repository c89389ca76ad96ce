"""The store fixtures: every test that takes ``store`` runs against both backends — a SQLite file and a real
PostgreSQL server (tests/pgserver.py; skipped cleanly only when no server binaries exist)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.store import Store, open_store


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """Where a test's store lives: a file in tmp_path, or a schema of its own on the test server."""
    if backend == "sqlite":
        return str(tmp_path / "t.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def reopen(store_url: str) -> Callable[..., Store]:
    """Open the test's store (again): ``reopen(create=False)``."""

    def make(**kw: Any) -> Store:
        return open_store(store_url, **kw)

    return make


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()
