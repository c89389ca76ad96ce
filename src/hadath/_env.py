"""Settings the shells (CLI, HTTP API, Dask workers) read from the environment.

Library code never reads the environment for what it extracts: the shells turn these variables into a pipeline
``config`` (:func:`pipeline_config`) and explicit paths.  (The cache directory of the built-in gazetteer,
``$HADATH_HOME``, is the one exception: :func:`hadath.gazetteer.base.hadath_home`.)

``HADATH_GAZETTEER``
    the user gazetteer (a SQLite file made by ``hadath gazetteer import``).  Unset or empty: the file
    ``$HADATH_HOME/gazetteer.sqlite`` when it exists.  ``none``, ``off`` or ``0``: no user gazetteer.  A path to
    a missing file is an error when reading, and the place a new import is written to.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from hadath.errors import GazetteerError
from hadath.gazetteer.base import hadath_home

__all__ = ["GAZETTEER_ENV", "gazetteer_import_target", "pipeline_config", "user_gazetteer"]

GAZETTEER_ENV = "HADATH_GAZETTEER"
_OFF = ("none", "off", "0")


def _setting() -> str | None:
    """The variable's value, ``None`` when unset or empty (both mean: use the default file)."""
    value = os.environ.get(GAZETTEER_ENV, "").strip()
    return value or None


def user_gazetteer() -> Path | None:
    """The user gazetteer to read, or ``None`` (see the module docstring)."""
    value = _setting()
    if value is None:
        default = hadath_home() / "gazetteer.sqlite"
        return default if default.is_file() else None
    if value.lower() in _OFF:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        raise GazetteerError(f"{GAZETTEER_ENV} points to a missing file: {path}", detail={"path": str(path)})
    return path


def gazetteer_import_target(db: str | Path | None = None) -> Path:
    """Where an import goes: ``db`` if given, else ``$HADATH_GAZETTEER``, else ``$HADATH_HOME/gazetteer.sqlite``."""
    if db is not None:
        return Path(db).expanduser()
    value = _setting()
    if value is not None and value.lower() not in _OFF:
        return Path(value).expanduser()
    return hadath_home() / "gazetteer.sqlite"


def pipeline_config() -> dict[str, dict[str, Any]]:
    """The pipeline configuration the environment asks for (today: the places stage's user gazetteer)."""
    user = user_gazetteer()
    return {"places": {"gazetteer": str(user)}} if user is not None else {}
