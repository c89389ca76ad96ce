"""Issue 18: exit codes and messages as docs/cli.md promises, and a server that starts without a store."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from hadath.cli import build_parser, main
from hadath.cli.extract import format_table
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
    assert out.out == "" and "empty text" in out.err


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


def _subparsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield sub
                yield from _subparsers(sub)


def test_issue18_short_options_are_the_same_everywhere() -> None:
    """--format is -f and --quiet is -q on every command that has them."""
    seen = 0
    for sub in _subparsers(build_parser()):
        for action in sub._actions:
            long = [o for o in action.option_strings if o.startswith("--")]
            if long == ["--format"]:
                assert "-f" in action.option_strings, sub.prog
                seen += 1
            if long == ["--quiet"]:
                assert "-q" in action.option_strings, sub.prog
                seen += 1
    assert seen >= 9


def test_issue18_a_table_line_caps_its_source_ids() -> None:
    doc = {
        "article": {"id": "a", "published": None, "published_source": None},
        "sentences": [],
        "dates": [],
        "quantities": [],
        "entities": [
            {"id": "e1", "kind": "place", "name_en": None, "name_ar": "x", "mentions": [], "geo": None},
            {
                "id": "e2",
                "kind": "place",
                "name_en": "Syria",
                "mentions": [],
                "geo": {"country": "SY", "geo_precision": 3},
            },
        ],
        "attributions": [],
        "events": [
            {
                "id": "v1",
                "sub_event_type": "Armed clash",
                "date": None,
                "geo": None,
                "trigger": {"text": "t"},
                "fatalities": None,
                "sources": [f"a{i}" for i in range(3000)],
                "notes_en": "Armed clashes took place.",
            }
        ],
    }
    out = format_table(doc)
    assert "pNone" not in out and "[ p" not in out and "? [" not in out
    assert "Syria [SY p3]" in out and "x [not in the gazetteer]" in out
    assert "a7 … (+2992 more)" in out and "a8," not in out
    assert "fatalities - " in out and "       Armed clashes took place." in out


def test_issue18_messages_say_things_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "abc\n', encoding="utf-8")
    page = tmp_path / "empty.html"
    page.write_text("<html><body></body></html>", encoding="utf-8")
    assert main(["extract", str(bad), str(page)]) == 2
    err = capsys.readouterr().err
    assert "Unterminated string starting at column" in err and "at at" not in err
    assert f"skipped {page}: no main text" in err and f"{page}: {page}" not in err
    db = tmp_path / "e.db"
    assert main(["ingest", str(bad), str(page), "--db", str(db), "-q"]) == 0
    capsys.readouterr()
    assert main(["errors", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert f"{page}: no main text" in out and f"{page}: {page}" not in out
