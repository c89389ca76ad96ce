"""The README cannot rot: its commands are the ones CI runs, and its example output is what hadath prints."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from hadath.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    """The fenced code blocks whose info string is ``lang`` ("" for plain fences), in order."""
    blocks: list[str] = []
    current: list[str] | None = None
    info = ""
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current, info = [], line[3:].strip()
            else:
                if info == lang:
                    blocks.append("\n".join(current) + "\n")
                current = None
        elif current is not None:
            current.append(line)
    return blocks


def test_two_setup_commands_are_what_ci_runs() -> None:
    bash = [b.strip() for b in _blocks("bash")]
    install, tests = bash[0], bash[1]
    assert "pip install" in install and "hadath extract examples/" in install
    assert tests == ".venv/bin/python -m pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert install in ci, ".ci/run must run the README's install command verbatim"
    assert tests in ci, ".ci/run must run the README's test command verbatim"


def test_example_output_is_real(capsys: pytest.CaptureFixture[str]) -> None:
    install = _blocks("bash")[0].strip()
    cmd = shlex.split(install.split("&&")[-1])
    assert cmd[0].endswith("hadath")
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in cmd[1:]]
    assert main(args) == 0
    out = capsys.readouterr().out
    shown = next(b for b in _blocks("") if b.startswith("article "))
    for line in shown.strip().splitlines():
        if line.strip() == "...":
            continue
        assert line.rstrip() in out, f"README example line not in the real output: {line!r}"
