"""``hadath train``: train the learned components from annotated files (see docs/ner.md)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from hadath.lang.ar.ner.features import FEATURE_GROUPS

__all__ = ["register"]


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "train",
        help="train the name tagger from annotated files, or score a name-tagger model",
        description="Train the learned components of hadath from annotated files. Training is deterministic: "
        "the same files and settings give the same model file. See docs/ner.md.",
    )
    sub = p.add_subparsers(dest="train_command", metavar="WHAT")

    ner = sub.add_parser(
        "ner",
        help="train the PERS/LOC/ORG name tagger on CoNLL files",
        description="Train the name tagger (a linear-chain CRF over hadath's tokens, needs python-crfsuite) on "
        "CoNLL files (one `token TAG` a line, BIO tags PERS/LOC/ORG/MISC, a blank line between sentences; "
        "ANERcorp style) and write its model file. The packaged model was made by `hadath train ner --train "
        "aner_train.conll -o ner.model`.",
    )
    ner.add_argument("--train", action="append", required=True, metavar="FILE", help="CoNLL training file (repeatable)")
    ner.add_argument("--dev", default=None, metavar="FILE", help="CoNLL file to score the new model on")
    ner.add_argument("-o", "--output", required=True, metavar="MODEL", help="model file to write")
    ner.add_argument(
        "--drop",
        action="append",
        default=None,
        metavar="GROUP",
        help="leave a feature group out (repeatable; for ablations): " + ", ".join(FEATURE_GROUPS),
    )
    ner.add_argument("--no-propagate", action="store_true", help="no same-document name propagation")
    ner.add_argument("--c1", type=float, default=None, help="L1 regularisation (default 0.05)")
    ner.add_argument("--c2", type=float, default=None, help="L2 regularisation (default 0.01)")
    ner.add_argument("--max-iterations", type=int, default=None, help="L-BFGS iterations (default 150)")
    ner.add_argument("--limit", type=int, default=None, help="train on the first N documents of 8 sentences only")
    ner.add_argument("--json", action="store_true", help="print the dev scores as JSON")
    ner.set_defaults(func=_train_ner)

    score = sub.add_parser(
        "ner-score",
        help="score a name-tagger model on a CoNLL file",
        description="Tag a CoNLL file with the name tagger alone and print exact-span precision, recall and F1 "
        "per type and micro-averaged, counted like the shared score_ner.py (8 sentences a document, names "
        "mapped to the whitespace tokens they overlap, MISC not scored).",
    )
    score.add_argument("conll", metavar="FILE", help="CoNLL file with gold tags")
    score.add_argument("--model", default=None, help="model file (default: the packaged model)")
    score.add_argument("--json", action="store_true", help="print JSON")
    score.set_defaults(func=_score_ner)


def _print_scores(scores: dict[str, dict[str, float | int]], as_json: bool) -> None:
    if as_json:
        print(json.dumps(scores))
        return
    print(f"{'':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for typ, s in scores.items():
        print(f"{typ:6} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['gold']:6d}")


def _train_ner(args: argparse.Namespace) -> int:
    from hadath.lang.ar.ner.train import train

    drop = args.drop or []
    bad = sorted(set(drop) - set(FEATURE_GROUPS))
    if bad:
        from hadath.errors import InputError

        raise InputError(f"unknown feature group(s): {', '.join(bad)}; known: {', '.join(FEATURE_GROUPS)}")
    params = {
        k: v for k, v in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.max_iterations)) if v is not None
    }
    result = train(
        args.train,
        args.output,
        dev=args.dev,
        drop=drop,
        propagate=not args.no_propagate,
        params=params,
        limit=args.limit,
        log=lambda msg: print(f"hadath train ner: {msg}", file=sys.stderr),
    )
    print(f"hadath train ner: wrote {args.output} ({result.seconds:.0f} s)", file=sys.stderr)
    if result.dev is not None:
        _print_scores(result.dev.to_dict(), args.json)
    return 0


def _score_ner(args: argparse.Namespace) -> int:
    from hadath.lang.ar.ner.tagger import NameTagger
    from hadath.lang.ar.ner.train import evaluate

    _print_scores(evaluate(NameTagger.load(args.model), args.conll).to_dict(), args.json)
    return 0
