"""``hadath events``: list stored events (or corroboration clusters) with filters."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

from hadath.cli._args import check_counts
from hadath.errors import InputError
from hadath.store import EventFilter, open_store
from hadath.taxonomy import EVENT_TYPES

__all__ = ["add_filter_arguments", "filter_from_args", "register", "run"]

#: The command-line option of each event filter whose option is not its name.
_OPTIONS = {
    "event_type": "--type",
    "sub_event_type": "--sub-type",
    "cluster_id": "--cluster",
    "article_id": "--article",
}


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    """The options of the event filters (:class:`~hadath.store.EventFilter`) of ``events`` and ``export``."""
    types = ", ".join(EVENT_TYPES)
    p.add_argument("--since", default=None, help="event date on or after YYYY-MM-DD")
    p.add_argument("--until", default=None, help="event date on or before YYYY-MM-DD")
    p.add_argument("--country", default=None, help="country name or ISO code (Syria, SY, SYR)")
    p.add_argument("--admin1", default=None, help="first-level region (e.g. Idlib)")
    p.add_argument("--type", dest="event_type", default=None, help=f"ACLED event type, any case: {types}")
    p.add_argument(
        "--sub-type", dest="sub_event_type", default=None, help="ACLED sub-event type, any case (e.g. Air/drone strike)"
    )
    p.add_argument("--actor", default=None, help="actor name (part of it, English or Arabic) or canonical id")
    p.add_argument("--bbox", default=None, metavar="W,S,E,N", help="bounding box: min_lon,min_lat,max_lon,max_lat")
    p.add_argument("--cluster", dest="cluster_id", default=None, help="only the events of this cluster")
    p.add_argument("--article", dest="article_id", default=None, help="only the events of this article")
    p.add_argument(
        "--updated-since",
        default=None,
        metavar="TIMESTAMP",
        help="the change feed: events added or changed at or after this ISO 8601 time (2024-05-01T12:00:00Z; UTC "
        "when no zone is given)",
    )


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    """The :class:`EventFilter` of the parsed options; a bad value is an InputError naming its option and,
    where there is a list, the valid values."""
    try:
        return EventFilter.parse(**{name: getattr(args, name) for name in EventFilter.names()})
    except InputError as exc:
        name = exc.detail.get("parameter") if isinstance(exc.detail, dict) else None
        option = _OPTIONS.get(str(name), f"--{str(name).replace('_', '-')}")
        raise InputError(f"{option}: {exc.message}", detail=exc.detail) from None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "events",
        help="list stored events, or corroboration clusters (--clusters)",
        description=(
            "List the events of the latest article versions in the store, filtered. With --clusters, list the "
            "clusters of events from different reports that describe the same happening, with their disagreements."
        ),
    )
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    add_filter_arguments(p)
    p.add_argument("--clusters", action="store_true", help="list corroboration clusters instead of events")
    p.add_argument("--format", "-f", choices=("table", "json", "jsonl"), default="table")
    p.add_argument("--limit", type=int, default=100, help="at most this many (default 100)")
    p.add_argument("--offset", type=int, default=0, help="skip this many")
    p.set_defaults(func=run)


def _fmt_event(e: dict[str, Any]) -> str:
    actors = e.get("actor1_name") or "?"
    if e.get("actor2_name"):
        actors += f" → {e['actor2_name']}"
    place = ", ".join(str(x) for x in (e.get("location_name"), e.get("admin1"), e.get("country")) if x) or "-"
    fat = f"  †{e['fatalities']}" if e.get("fatalities") is not None else ""
    sub = f" / {e['sub_event_type']}" if e.get("sub_event_type") else ""
    denied = "  (denied)" if e.get("denied") else ""
    line = f"{e.get('event_date') or '-':10}  {e.get('event_type')}{sub}  {actors}  @ {place}{fat}{denied}  [{e['id']}]"
    return f"{line}\n            {e['notes_en']}" if e.get("notes_en") else line


def _fmt_cluster(c: dict[str, Any]) -> str:
    days = c["date_min"] if c["date_min"] == c["date_max"] else f"{c['date_min']}..{c['date_max']}"
    place = ", ".join(str(x) for x in (c.get("location_name"), c.get("admin1"), c.get("country")) if x) or "-"
    fat = ""
    if c.get("fatalities_min") is not None:
        lo, hi = c["fatalities_min"], c["fatalities_max"]
        fat = f"  †{lo}" if lo == hi else f"  †{lo}–{hi}"
    lines = [
        f"{c['cluster_id']}  {days}  {c['event_type']}  @ {place}{fat}  "
        f"{c['n_events']} reports, {c['n_outlets']} outlets, {c['n_speakers']} speakers"
    ]
    for d in c.get("disagreements") or []:
        lines.append(f"    ≠ {d['kind']}: {d['detail']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    check_counts(args, "limit", "offset")
    filters = filter_from_args(args)
    fmt: Callable[[dict[str, Any]], str]
    store = open_store(args.db, create=False)
    try:
        if args.clusters:
            others = [_OPTIONS.get(k, f"--{k}") for k in filters.active() if k not in ("since", "until")]
            if others:
                raise InputError(f"--clusters takes only --since/--until, not {', '.join(others)}")
            rows, total = store.clusters(since=filters.since, until=filters.until, limit=args.limit, offset=args.offset)
            fmt = _fmt_cluster
        else:
            rows, total = store.events(filters, limit=args.limit, offset=args.offset)
            fmt = _fmt_event
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps({"total": total, "results": rows}, ensure_ascii=False, indent=2))
    elif args.format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        what = "cluster(s)" if args.clusters else "event(s)"
        print(f"{total} {what}; showing {len(rows)}")
        for r in rows:
            print(fmt(r))
    return 0
