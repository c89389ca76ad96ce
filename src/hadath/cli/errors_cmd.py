"""``hadath errors``: the bad records an ingest skipped (source and reason)."""

from __future__ import annotations

import argparse
import json

from hadath.cli._args import check_counts
from hadath.store import open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "errors",
        help="list the bad records ingestion skipped",
        description="List the bad records logged by `hadath ingest`: where each came from and why it was skipped.",
    )
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.add_argument("--limit", type=int, default=100, help="at most this many, newest first (default 100)")
    p.add_argument("--format", "-f", choices=("table", "json", "jsonl"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_counts(args, "limit")
    store = open_store(args.db, create=False)
    try:
        rows = store.errors(limit=args.limit)
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        if not rows:
            print("no errors logged")
        for r in rows:
            times = f" (×{r['count']})" if r["count"] > 1 else ""
            print(f"{r['at']}  {r['source']}: {r['reason']}{times}")
    return 0
