from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# Tests see the built-in gazetteer only: a user's imports ($HADATH_HOME/gazetteer.sqlite) must not change results.
os.environ.setdefault("HADATH_GAZETTEER", "none")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "seed-dw-2018-02-09.txt"
DEV = SHARED / "eval" / "dev"
EXAMPLE = ROOT / "examples" / "idlib-2018-03-05.txt"


def _load_samples() -> None:
    """Make tests/samples.py (the hand-built documents) importable as ``samples`` under --import-mode=importlib."""
    if "samples" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location("samples", Path(__file__).with_name("samples.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["samples"] = module
    spec.loader.exec_module(module)


_load_samples()


def _load_pgserver() -> None:
    """tests/pgserver.py (the throwaway PostgreSQL server), importable as ``pgserver``."""
    if "pgserver" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location("pgserver", Path(__file__).with_name("pgserver.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pgserver"] = module
    spec.loader.exec_module(module)


_load_pgserver()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a throwaway PostgreSQL server's database (tests/pgserver.py); skips without the server
    binaries or psycopg."""
    import pgserver

    bindir = pgserver.find_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl, postgres): apt-get install postgresql")
    pytest.importorskip("psycopg", reason="PostgreSQL stores need: pip install 'hadath[postgres]'")
    with pgserver.server(bindir) as url:
        yield url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A PostgreSQL store URL of its own (a new schema) for one test."""
    import pgserver

    return str(pgserver.fresh_schema_url(pg_server))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the repository; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    if not SEED.is_file():
        pytest.skip("seed article not present")
    return SEED.read_text(encoding="utf-8")
