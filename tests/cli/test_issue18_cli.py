"""Issue 18: exit codes and messages as docs/cli.md promises, and a server that starts without a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.cli import main
from hadath.cli.serve import _db_path


def test_issue18_ingest_of_a_missing_path_fails_without_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "x.db"
    assert main(["ingest", str(tmp_path / "nonexistent"), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "hadath: error: no such file or folder" in err and "nonexistent" in err
    assert not db.exists()


@pytest.mark.parametrize("content", ["", "  \n\t\n"])
def test_issue18_extract_of_an_empty_text_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    f = tmp_path / "empty.txt"
    f.write_text(content, encoding="utf-8")
    assert main(["extract", str(f)]) == 2
    out = capsys.readouterr()
    assert out.out == "" and "missing text" in out.err


def test_issue18_serve_without_a_store_serves_extraction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HADATH_DB", raising=False)
    assert _db_path(None) is None
    assert _db_path(str(tmp_path / "none.db")) is None
    assert "serving extraction only" in capsys.readouterr().err
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    assert _db_path(str(db)) == str(db)
    assert _db_path("postgresql://h/db") == "postgresql://h/db"
