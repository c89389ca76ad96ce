"""Checks of command-line values that argparse's ``type=int`` lets through."""

from __future__ import annotations

import argparse

from hadath.errors import InputError

__all__ = ["MAX_INT", "check_counts"]

#: The largest integer the stores accept (SQLite and PostgreSQL integers are 64-bit).
MAX_INT = 2**63 - 1


def check_counts(args: argparse.Namespace, *names: str) -> None:
    """Refuse a negative or beyond-64-bit ``--limit``/``--offset``/``--version`` as an input error (exit 2)."""
    for name in names:
        value = getattr(args, name, None)
        if value is not None and not 0 <= value <= MAX_INT:
            raise InputError(f"--{name} must be between 0 and {MAX_INT}")
