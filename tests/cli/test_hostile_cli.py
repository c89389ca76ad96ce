"""Issue 19 on the read-only commands: integers beyond 64 bits (``--offset``, ``--version``) crashed them with an
OverflowError traceback, as they did the HTTP API (which answers 422); they are input errors (exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.cli import main
from hadath.store import open_store
from samples import sample_documents

TOO_BIG = str(2**63)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "q.db"
    with open_store(path) as s:
        s.add_many([(d, t, "sample") for d, t in sample_documents()])
    return str(path)


@pytest.mark.parametrize(
    "argv",
    [
        ["events", "--offset", TOO_BIG],
        ["search", "دوما", "--offset", TOO_BIG],
        ["show", "bbc-2018-02-19-douma", "--version", TOO_BIG],
    ],
    ids=["events-offset", "search-offset", "show-version"],
)
def test_issue19_integers_beyond_64_bits_are_input_errors(db: str, argv: list[str]) -> None:
    assert main([*argv, "--db", db]) == 2


@pytest.mark.parametrize("argv", [["events", "--limit", "-1"], ["errors", "--limit", TOO_BIG]], ids=["neg", "big"])
def test_counts_out_of_range_name_the_range(db: str, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--db", db]) == 2
    assert "must be between 0 and 9223372036854775807" in capsys.readouterr().err
