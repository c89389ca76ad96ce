"""Write docs/cli.md from the argparse definitions, so the CLI reference cannot drift from the code.

usage: python scripts/gen_cli_docs.py [--check]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "cli.md"

INTRO = """# Command line

`hadath` is a thin shell over the library (`hadath.extract`, `hadath.evaluate`, `hadath.store`, ...). Every
command prints `hadath: error: ...` and exits non-zero on bad input: 2 for input errors (unreadable file,
invalid JSON line, missing text), 3 for a failing stage, 4 for gazetteer errors, 5 for store errors.

Environment: `HADATH_HOME` (default `~/.cache/hadath`) holds the built-in gazetteer index and, when present, a
user gazetteer `gazetteer.sqlite`; `HADATH_GAZETTEER` points at a specific user gazetteer file (`none` disables
it). See docs/gazetteer.md, docs/store.md, docs/api.md.

This file is generated from the code by `python scripts/gen_cli_docs.py`; a test fails when it is out of date.
"""


def _walk(parser: argparse.ArgumentParser, name: str, out: list[str], level: int = 2) -> None:
    sub = None
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            sub = action
    out.append(f"{'#' * level} `{name}`\n")
    if parser.description:
        out.append(parser.description.strip() + "\n")
    usage = parser.format_usage().replace("usage: ", "").strip()
    out.append("```\n" + " ".join(usage.split()) + "\n```\n")
    rows = []
    for action in parser._actions:
        if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
            continue
        names = ", ".join(f"`{o}`" for o in action.option_strings) or f"`{action.metavar or action.dest}`"
        helptext = (action.help or "").replace("%(default)s", str(action.default)).replace("|", "\\|")
        if action.choices and not isinstance(action, argparse._SubParsersAction):
            helptext += f" (one of: {', '.join(map(str, action.choices))})"
        if (
            action.option_strings
            and action.default not in (None, False, argparse.SUPPRESS)
            and "default" not in helptext
        ):
            helptext += f" (default: {action.default})"
        rows.append(f"| {names} | {' '.join(helptext.split())} |")
    if rows:
        out.append("| argument | meaning |\n| --- | --- |\n" + "\n".join(rows) + "\n")
    if sub is not None:
        for sub_name, sub_parser in sub.choices.items():
            _walk(sub_parser, f"{name} {sub_name}", out, level + 1)


def render() -> str:
    os.environ.setdefault("COLUMNS", "120")
    from hadath.cli import build_parser

    parser = build_parser()
    out = [INTRO]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        _walk(p, f"hadath {name}", out)
    return "\n".join(out)


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print("docs/cli.md is out of date: run python scripts/gen_cli_docs.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
