"""``hadath cluster``: recompute the corroboration clusters of a store (optionally with sentence similarity)."""

from __future__ import annotations

import argparse
import sys
import time

from hadath.store import open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "cluster",
        help="recompute the corroboration clusters of a store",
        description=(
            "Recompute the clusters of events from different reports that describe the same happening "
            "(`hadath ingest` does this for the dates it changed). Use it after changing how clusters are "
            "made, e.g. to add sentence similarity to a store ingested without it. --since/--until recompute "
            "only the clusters overlapping that window (one day wider) and keep the others."
        ),
    )
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.add_argument("--since", default=None, help="first event date (YYYY-MM-DD)")
    p.add_argument("--until", default=None, help="last event date (YYYY-MM-DD)")
    p.add_argument(
        "--similarity",
        choices=("e5", "use"),
        default=None,
        help="also compare the events' sentences with an offline sentence embedder (needs the similarity extra)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing on success")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    embedder = None
    if args.similarity:
        from hadath.similarity import load_embedder

        embedder = load_embedder(args.similarity)  # a missing extra fails before the store is touched
    store = open_store(args.db, create=False, writable=True)
    try:
        t0 = time.monotonic()
        n = store.recluster(since=args.since, until=args.until, similarity=embedder)
        seconds = time.monotonic() - t0
    finally:
        store.close()
    if not args.quiet:
        how = f" (sentence similarity: {args.similarity})" if args.similarity else ""
        print(f"{n} corroboration clusters in {seconds:.1f} s{how}", file=sys.stderr)
    return 0
