from __future__ import annotations

from pathlib import Path

import pytest

from hadath.gazetteer.base import ensure_base
from hadath.gazetteer.index import NameIndex
from hadath.gazetteer.resolve import Resolver
from hadath.gazetteer.store import Gazetteer


@pytest.fixture(scope="session")
def base_path() -> Path:
    """The built-in base gazetteer (built into $HADATH_HOME on first use, then reused)."""
    return ensure_base()


@pytest.fixture(scope="session")
def base_resolver(base_path: Path) -> Resolver:
    with Gazetteer(base_path) as gz:
        return Resolver(NameIndex([gz]))
