"""``hadath migrate``: bring a store made by an older hadath up to this one's schema."""

from __future__ import annotations

import argparse
import sys

from hadath.store import SCHEMA_VERSION, open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "migrate",
        help="upgrade a store made by an older hadath to this one's schema",
        description=(
            "Upgrade the store's schema in place, one version per transaction (the writing commands — ingest, "
            "reextract, cluster — do this on their own; the read-only ones ask for it). A store that is current "
            "is left alone."
        ),
    )
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db, create=False, writable=True)  # a writing open migrates
    try:
        version = store.schema_version()
    finally:
        store.close()
    print(f"{store.path}: schema version {version} (this hadath: {SCHEMA_VERSION})", file=sys.stderr)
    return 0
