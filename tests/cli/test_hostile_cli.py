"""Issue 19 on the read-only commands: integers beyond 64 bits (``--offset``, ``--version``) crash them today with
an OverflowError traceback, as they did the HTTP API (which now answers 422).  These commands belong to the store's
shell; the reproducers are strict xfails, to be flipped when the options refuse such values as input errors."""

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


@pytest.mark.xfail(strict=True, raises=OverflowError, reason="issue 19: cli/events.py, search.py, show.py")
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
