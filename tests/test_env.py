"""The shells' reading of the environment (hadath/_env.py): one reader, one meaning of every value."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath._env import gazetteer_import_target, pipeline_config, user_gazetteer
from hadath.errors import GazetteerError


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("HADATH_HOME", str(tmp_path))
    monkeypatch.delenv("HADATH_GAZETTEER", raising=False)
    return tmp_path


@pytest.mark.parametrize("value", [None, "", "  "])
def test_unset_or_empty_means_the_default_file(home: Path, monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is not None:
        monkeypatch.setenv("HADATH_GAZETTEER", value)
    assert user_gazetteer() is None
    assert pipeline_config() == {}
    assert gazetteer_import_target() == home / "gazetteer.sqlite"
    (home / "gazetteer.sqlite").write_bytes(b"")
    assert user_gazetteer() == home / "gazetteer.sqlite"
    assert pipeline_config() == {"places": {"gazetteer": str(home / "gazetteer.sqlite")}}


@pytest.mark.parametrize("value", ["none", "OFF", "0"])
def test_off_values_disable_reading(home: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    (home / "gazetteer.sqlite").write_bytes(b"")
    monkeypatch.setenv("HADATH_GAZETTEER", value)
    assert user_gazetteer() is None
    assert gazetteer_import_target() == home / "gazetteer.sqlite"


def test_a_named_file_is_read_and_imported_into(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = home / "team.sqlite"
    monkeypatch.setenv("HADATH_GAZETTEER", str(target))
    assert gazetteer_import_target() == target
    with pytest.raises(GazetteerError, match="missing"):
        user_gazetteer()
    target.write_bytes(b"")
    assert user_gazetteer() == target
    assert gazetteer_import_target(home / "other.sqlite") == home / "other.sqlite"
