"""``hadath eval``: score predictions against gold annotations (hadath-gold/1)."""

from __future__ import annotations

import argparse
import json

from hadath.evaluate import evaluate, format_report, load_gold, load_predictions

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="score hadath/1 predictions against hadath-gold/1 files",
        description=(
            "Score predictions (a folder of <id>.json or a JSONL file of hadath/1 documents, matched to gold by "
            "article id) against a folder of hadath-gold/1 files. Prints precision/recall/F1 per stage "
            "(entities by kind, attributions, events) and accuracies (place resolution, attribution speaker, "
            "event sub-type and actors, published date). See docs/eval.md."
        ),
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of hadath-gold/1 files, one <article id>.json each")
    p.add_argument(
        "predictions", metavar="PRED", help="folder of <id>.json hadath/1 documents, or a JSONL file of them"
    )
    p.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    res = evaluate(load_gold(args.gold_dir), load_predictions(args.predictions))
    print(json.dumps(res, ensure_ascii=False) if args.json else format_report(res))
    return 0
