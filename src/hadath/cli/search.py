"""``hadath search``: full-text search over the stored articles."""

from __future__ import annotations

import argparse
import json
import os
import sys

from hadath.cli._args import check_counts
from hadath.lang.ar.examples import SEARCH_VARIANTS
from hadath.store import open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "search",
        help="full-text search over stored articles",
        description=(
            "Search the latest version of every stored article. Every word must occur; spelling variants and "
            f"clitics are folded ({SEARCH_VARIANTS[0]} finds {SEARCH_VARIANTS[1]} and {SEARCH_VARIANTS[2]}); a "
            "trailing * searches a prefix."
        ),
    )
    p.add_argument("query", help="words to search for")
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.add_argument("--limit", type=int, default=20, help="results to show (default 20)")
    p.add_argument("--offset", type=int, default=0, help="skip this many results")
    p.add_argument("--since", default=None, help="published on or after YYYY-MM-DD")
    p.add_argument("--until", default=None, help="published on or before YYYY-MM-DD")
    p.add_argument("--outlet", default=None, help="only this outlet")
    p.add_argument("--format", "-f", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    check_counts(args, "limit", "offset")
    store = open_store(args.db, create=False)
    try:
        rows, total = store.articles(
            q=args.query, since=args.since, until=args.until, outlet=args.outlet, limit=args.limit, offset=args.offset
        )
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps({"total": total, "results": rows}, ensure_ascii=False, indent=2))
        return 0
    print(f"{total} article(s) match; showing {len(rows)}")
    for r in rows:
        print(f"\n{r['id']}  {r['published'] or '-'}  {r['outlet'] or '-'}  ({r['n_events']} events)")
        if r["title"]:
            print(f"  {r['title']}")
        if r["snippet"]:
            snip, hit = r["snippet"], r["snippet_match"]
            if hit and sys.stdout.isatty() and not os.environ.get("NO_COLOR"):
                snip = f"{snip[: hit[0]]}\033[1;33m{snip[hit[0] : hit[1]]}\033[0m{snip[hit[1] :]}"
            print(f"  {snip}")
    return 0
