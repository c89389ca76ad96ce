"""``hadath export``: stored events as JSON lines, ACLED CSV, GeoJSON or Parquet."""

from __future__ import annotations

import argparse
import sys

from hadath.cli.events import add_filter_arguments, filter_from_args
from hadath.errors import InputError
from hadath.store import open_store

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export stored events (jsonl, acled-csv, geojson, parquet, plover, label-studio, prodigy)",
        description=(
            "Export the events of the store, filtered like `hadath events`. acled-csv has ACLED's columns in "
            "ACLED's order (notes: the English note written from the event's fields), then article_id, evidence, "
            "confidence, cluster_id, denied, ... and sentence_ar (the Arabic sentence). geojson is a FeatureCollection "
            "of points (a null geometry for an event without coordinates). The API's csv and geojson formats are "
            "the same. parquet writes articles/entities/attributions/events .parquet files into the folder -o DIR. "
            "plover writes PLOVER-style event records with text offsets per field; label-studio (a JSON list of "
            "tasks with predictions) and prodigy (span JSON lines) are review files for those annotation tools."
        ),
    )
    p.add_argument(
        "--format",
        "-f",
        required=True,
        choices=("jsonl", "acled-csv", "geojson", "parquet", "plover", "label-studio", "prodigy"),
    )
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.add_argument("-o", "--output", default=None, help="output file (folder for parquet); default standard output")
    add_filter_arguments(p)
    p.add_argument(
        "--deleted-since",
        default=None,
        metavar="TIMESTAMP",
        help="write the events deleted at or after this ISO 8601 time instead (id, event_id_cnty, deleted_at …): "
        "jsonl, or acled-csv for ACLED's two columns event_id_cnty,deleted_timestamp (then id, deleted_at)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from hadath.export import export

    filters = filter_from_args(args)
    store = open_store(args.db, create=False)
    try:
        if args.deleted_since is not None:
            from hadath.export import export_deleted

            if filters.active():
                raise InputError("--deleted-since lists deletions: it takes no event filters")
            result = export_deleted(store, args.format, args.output if args.output else sys.stdout, args.deleted_since)
        else:
            result = export(store, args.format, args.output if args.output else sys.stdout, filters)
    finally:
        store.close()
    if args.output:
        rows = result["rows"]
        what = ", ".join(f"{n} {k}" for k, n in rows.items()) if isinstance(rows, dict) else f"{rows} events"
        print(f"hadath export: wrote {what} to {args.output}", file=sys.stderr)
    if result.get("without_coordinates"):
        n = result["without_coordinates"]
        print(f"hadath export: {n} event(s) without coordinates have a null geometry", file=sys.stderr)
    return 0
