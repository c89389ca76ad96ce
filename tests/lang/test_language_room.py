"""lang/ar is the only place that knows Arabic: no module outside it spells Arabic in a string literal.

Docstrings and comments may show Arabic examples; string literals may not — clitic letters included
(a stage asks the token ``t.has_wa`` or names the letter with ``hadath.lang.ar.clitics.WA``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import hadath

PACKAGE = Path(hadath.__file__).resolve().parent
ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _docstring_nodes(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def arabic_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) for every Arabic string literal of a module, docstrings excepted."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = _docstring_nodes(tree)
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and ARABIC.search(node.value)
    ]


def test_the_counter_sees_letters_and_skips_docstrings(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text('"""قال: a docstring."""\nx = t.prefix == "و"\ny = "plain"\n', encoding="utf-8")
    assert arabic_literals(f) == [(2, "و")]


def test_no_arabic_literal_outside_lang() -> None:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "lang":
            continue
        hits = arabic_literals(path)
        if hits:
            found[str(rel)] = hits
    assert not found, "Arabic string literals outside lang/ (move them to lang/ar): " + repr(found)
