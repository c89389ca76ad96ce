"""``hadath ingest``: read, extract and store articles (files, folders, feeds, web archives)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from hadath._budget import DEFAULT_TIMEOUT
from hadath._env import pipeline_config
from hadath.errors import InputError
from hadath.store import open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "ingest",
        help="extract articles into a corpus store (files, folders, RSS/Atom feeds, WARC archives)",
        description=(
            "Extract articles and store them. SOURCE is a file, a folder (walked recursively for .txt .md .html "
            ".htm .jsonl .ndjson .jsonl.gz .rss .atom .xml .warc .warc.gz), a URL (a feed, or an article page), "
            "or - for standard input. Texts already in the store are skipped before extraction, so running again "
            "is a fast no-op and an interrupted run resumes where it stopped. Bad records are logged (see "
            "`hadath errors`) and skipped."
        ),
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, URLs, or -")
    p.add_argument(
        "--db",
        default=None,
        help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db; created if missing)",
    )
    p.add_argument("--workers", type=int, default=1, metavar="N", help="extraction processes (default 1)")
    p.add_argument("--batch-size", type=int, default=100, metavar="N", help="articles per transaction (default 100)")
    p.add_argument("--strict", action="store_true", help="stop with an error at the first bad record")
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"CPU time one article may take (default {DEFAULT_TIMEOUT:g}; 0 = no limit); an article over it is "
        "stopped, logged as 'timed out' (see `hadath errors`) and skipped",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line and no summary")
    p.add_argument(
        "--dask",
        default=None,
        metavar="ADDRESS",
        help="extract on a Dask cluster: 'local' (a LocalCluster of --workers processes) or a scheduler address",
    )
    p.add_argument("--parquet-dir", default=None, metavar="DIR", help="also write each batch as Parquet partitions")
    p.add_argument("--stages", default=None, help="comma-separated pipeline stages (default: the full pipeline)")
    p.add_argument("--no-fetch", action="store_true", help="never download article pages of feeds (use summaries)")
    p.add_argument("--no-recluster", action="store_true", help="do not recompute corroboration clusters at the end")
    p.add_argument(
        "--similarity",
        choices=("e5", "use"),
        default=None,
        help="also compare the events' sentences when reclustering (weakly located events join only when their "
        "sentences are alike): e5 = multilingual-e5-small, use = Universal Sentence Encoder; needs the "
        "similarity extra",
    )
    p.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from hadath.ingest import Progress, ingest
    from hadath.io.feeds import default_fetch

    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    if args.batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    if args.timeout < 0:
        raise InputError("--timeout must be 0 (no limit) or more seconds")
    # our warnings (e.g. a feed summary used instead of the page) on stderr; trafilatura's parse errors
    # reach the user as bad records in the errors table, so its own log lines are silenced
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("hadath: warning: %(message)s"))
    hlog = logging.getLogger("hadath")
    tlog = logging.getLogger("trafilatura")
    old_levels = hlog.level, tlog.level
    if not args.quiet:
        hlog.addHandler(handler)
        hlog.setLevel(logging.WARNING)
    tlog.setLevel(logging.CRITICAL)
    stages = [s.strip() for s in args.stages.split(",") if s.strip()] if args.stages else None
    embedder = None
    if args.similarity and not args.no_recluster:
        from hadath.similarity import load_embedder

        embedder = load_embedder(args.similarity)  # before reading anything: a missing extra fails at once
    options = {
        "batch_size": args.batch_size,
        "strict": args.strict,
        "stages": stages,
        "parquet_dir": args.parquet_dir,
        # with an embedder the clusters are recomputed below, by the store, with the sentences
        "recluster": not args.no_recluster and embedder is None,
        "progress": None if args.quiet else Progress(sys.stderr),
        "fetch": None if args.no_fetch else default_fetch,
        "config": pipeline_config(),
        "timeout": args.timeout or None,
    }
    missing = [
        s for s in args.sources if s != "-" and not s.startswith(("http://", "https://")) and not Path(s).exists()
    ]
    if missing:  # before the store is opened: a typo must not leave an empty store behind
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    store = open_store(args.db)
    try:
        if args.dask:
            from hadath.scale.dask_runner import ingest_dask

            report = ingest_dask(store, args.sources, address=args.dask, workers=args.workers, **options)
        else:
            report = ingest(store, args.sources, workers=args.workers, **options)
        if embedder is not None:
            report.clusters = store.recluster_changed(similarity=embedder)
    finally:
        store.close()
        hlog.removeHandler(handler)
        hlog.setLevel(old_levels[0])
        tlog.setLevel(old_levels[1])
    if args.json:
        print(json.dumps(report.to_dict()))
    if not args.quiet:
        print(f"hadath ingest: {report.summary()}", file=sys.stderr)
        if report.failed:
            print(
                f"hadath ingest: {report.failed} bad record(s) skipped; list them with `hadath errors`", file=sys.stderr
            )
    return 0
