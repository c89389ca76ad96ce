"""``hadath reextract``: run the current pipeline over the stored texts, keeping the ids of events that survive."""

from __future__ import annotations

import argparse
import json
import sys

from hadath._env import pipeline_config
from hadath.errors import InputError
from hadath.store import open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "reextract",
        help="re-run the current pipeline over stored articles, keeping stable event ids",
        description=(
            "Re-extract the latest version of the stored articles with this hadath and reconcile their events: an "
            "event whose identity (article, event type, place, date, actor pair) survives keeps its id and "
            "event_id_cnty, and its updated_at moves only if a field changed; new events get new ids; events "
            "that vanished are recorded as deletions (see `hadath export --updated-since/--deleted-since`). "
            "Resumable: an interrupted run continues where it stopped. The clusters are recomputed at the end."
        ),
    )
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.add_argument("--since", default=None, help="only articles published on or after YYYY-MM-DD")
    p.add_argument("--until", default=None, help="only articles published on or before YYYY-MM-DD")
    p.add_argument("--workers", type=int, default=1, metavar="N", help="extraction processes (default 1)")
    p.add_argument("--batch-size", type=int, default=50, metavar="N", help="articles per transaction (default 50)")
    p.add_argument("--stages", default=None, help="comma-separated pipeline stages (default: the full pipeline)")
    p.add_argument("--restart", action="store_true", help="start over instead of resuming an interrupted run")
    p.add_argument("--no-recluster", action="store_true", help="do not recompute corroboration clusters at the end")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from hadath.reextract import ReextractProgress, reextract

    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    if args.batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    store = open_store(args.db, create=False, writable=True)  # an older store is migrated here
    try:
        report = reextract(
            store,
            since=args.since,
            until=args.until,
            workers=args.workers,
            batch_size=args.batch_size,
            stages=stages,
            config=pipeline_config(),
            recluster=not args.no_recluster,
            restart=args.restart,
            progress=None if args.quiet else ReextractProgress(sys.stderr),
        )
    finally:
        store.close()
    if args.json:
        print(json.dumps(report.to_dict()))
    if not args.quiet:
        resumed = " (resumed an interrupted run)" if report.resumed else ""
        print(f"hadath reextract: {report.summary()}{resumed}", file=sys.stderr)
    return 0
