"""``hadath eval``: score predictions against gold annotations (hadath-gold/1, or a reviewed export)."""

from __future__ import annotations

import argparse
import json
import sys

from hadath.evaluate import evaluate, format_report, load_gold, load_predictions

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="score hadath/1 predictions against hadath-gold/1 files or a reviewed Label Studio/Prodigy export",
        description=(
            "Score predictions (a folder of <id>.json or a JSONL file of hadath/1 documents, matched to gold by "
            "article id) against a folder of hadath-gold/1 files, or — with --gold-from — against a review export "
            "(hadath export --format label-studio|prodigy) that a team corrected in that tool, converted to gold on "
            "the way. Prints precision/recall/F1 per stage (entities by kind, attributions, events) and accuracies "
            "(place resolution, attribution speaker, event sub-type and actors, published date). See docs/eval.md."
        ),
    )
    p.add_argument(
        "gold_dir",
        metavar="GOLD",
        help="folder of hadath-gold/1 files, one <article id>.json each; with --gold-from, the reviewed export file",
    )
    p.add_argument(
        "predictions", metavar="PRED", help="folder of <id>.json hadath/1 documents, or a JSONL file of them"
    )
    p.add_argument(
        "--gold-from",
        choices=("label-studio", "prodigy"),
        default=None,
        help="GOLD is a reviewed export of this tool: Label Studio's JSON export of the project, or the JSONL "
        "of `prodigy db-out`; notes on what could not be derived go to standard error",
    )
    p.add_argument(
        "--save-gold",
        metavar="DIR",
        default=None,
        help="with --gold-from: also write the converted hadath-gold/1 files into DIR",
    )
    p.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.gold_from is None:
        if args.save_gold is not None:
            from hadath.errors import InputError

            raise InputError("--save-gold needs --gold-from (GOLD is already a folder of gold files)")
        gold = load_gold(args.gold_dir)
    else:
        from hadath.review import read_review, write_gold

        review = read_review(args.gold_dir, args.gold_from)
        for note in review.notes:
            print(f"hadath: note: {note}", file=sys.stderr)
        if args.save_gold is not None:
            write_gold(review.gold, args.save_gold)
        gold = review.gold
    res = evaluate(gold, load_predictions(args.predictions))
    print(json.dumps(res, ensure_ascii=False) if args.json else format_report(res))
    return 0
