"""Training and evaluating the name tagger on CoNLL files (``hadath train ner``).

Training is deterministic: documents are read in file order (8 sentences a document, see ``conll.py``), the
features are strings built in a fixed order, CRFsuite's L-BFGS has no random step, and the model file is written
from the weights in CRFsuite's attribute order.  The same files and settings give a model file with the same
bytes.
"""

from __future__ import annotations

import itertools
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath.doc import Token
from hadath.errors import HadathError, InputError
from hadath.lang.ar.ner.conll import (
    SCORED_TYPES,
    ConllDoc,
    Scores,
    align,
    conll_docs,
    read_conll,
    to_whitespace,
)
from hadath.lang.ar.ner.features import Featurizer, lexicons
from hadath.lang.ar.ner.model import CRFModel
from hadath.lang.ar.ner.tagger import NameTagger

__all__ = ["DEFAULTS", "Example", "TrainResult", "evaluate", "examples", "train"]

#: CRFsuite settings of the shipped model
DEFAULTS: dict[str, Any] = {"c1": 0.05, "c2": 0.01, "max_iterations": 150}


@dataclass(slots=True)
class Example:
    """One document: hadath tokens, their gold BIO labels, and the CoNLL document they came from."""

    tokens: list[Token]
    labels: list[str]
    doc: ConllDoc


def examples(path: str | Path) -> list[Example]:
    """The documents of a CoNLL file, segmented by the pipeline's own stages, with labels aligned to tokens."""
    from hadath.pipeline import Pipeline

    pipe = Pipeline(["normalize", "segment"])
    out = []
    for d in conll_docs(read_conll(path)):
        tokens = pipe.extract(d.text).tokens
        out.append(Example(tokens, align(tokens, d), d))
    return out


def _sentences(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    bounds = [0] + [i for i in range(1, len(tokens)) if tokens[i].sent != tokens[i - 1].sent] + [len(tokens)]
    return list(itertools.pairwise(bounds))


def _fit(
    docs: Iterable[tuple[list[list[str]], list[str], Sequence[Token]]],
    params: dict[str, Any],
    meta: dict[str, Any],
) -> CRFModel:
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise HadathError("training the name tagger needs python-crfsuite: pip install python-crfsuite") from exc

    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, labels, tokens in docs:
        for a, b in _sentences(tokens):
            trainer.append(feats[a:b], labels[a:b])
    trainer.set_params(
        {
            "c1": params["c1"],
            "c2": params["c2"],
            "max_iterations": params["max_iterations"],
            "feature.possible_transitions": True,
        }
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.crfsuite"
        trainer.train(str(path))
        return CRFModel.from_crfsuite(path, meta)


@dataclass(slots=True)
class TrainResult:
    """What :func:`train` made: the tagger, its dev scores (when a dev file was given) and the time it took."""

    tagger: NameTagger
    seconds: float
    dev: Scores | None = None


def train(
    train_files: Sequence[str | Path],
    output: str | Path | None = None,
    *,
    dev: str | Path | None = None,
    drop: Iterable[str] = (),
    propagate: bool = True,
    params: dict[str, Any] | None = None,
    limit: int | None = None,
    log: Callable[[str], None] | None = None,
) -> TrainResult:
    """Train a name tagger on CoNLL files and write its model file to ``output`` (when given).

    ``drop`` leaves feature groups out (``features.FEATURE_GROUPS``); ``propagate`` turns same-document
    propagation on in the model's settings; ``limit`` keeps the first ``limit`` documents (quick runs);
    ``params`` override the CRFsuite settings in :data:`DEFAULTS`.
    """
    t0 = time.perf_counter()
    say = log or (lambda _msg: None)
    prm = {**DEFAULTS, **(params or {})}
    dropped = sorted(set(drop))
    docs: list[Example] = []
    for f in train_files:
        docs.extend(examples(f))
    if limit is not None:
        docs = docs[:limit]
    if not docs:
        raise InputError("no training sentences in " + ", ".join(str(f) for f in train_files))
    fz = Featurizer(lexicons(), drop=frozenset(dropped))
    meta = {
        "features": {"drop": dropped, "propagate": propagate},
        "params": prm,
        "train": [Path(f).name for f in train_files],
        "documents": len(docs),
        "tokens": sum(len(d.tokens) for d in docs),
    }
    say(f"{len(docs)} documents, {meta['tokens']} tokens")
    model = _fit(((fz.features(d.tokens), d.labels, d.tokens) for d in docs), prm, meta)
    tagger = NameTagger(model, fz)
    say(f"trained in {time.perf_counter() - t0:.0f} s")
    if output is not None:
        tagger.save(output)
    result = TrainResult(tagger, time.perf_counter() - t0)
    if dev is not None:
        result.dev = evaluate(tagger, dev)
    return result


def evaluate(tagger: NameTagger, conll: str | Path | Sequence[Example]) -> Scores:
    """Exact-span scores of ``tagger`` on a CoNLL file, counted like ``score_ner.py`` of the shared evaluation:
    8 sentences a document, predicted names mapped to the whitespace tokens they overlap, MISC not scored."""
    docs = examples(conll) if isinstance(conll, str | Path) else conll
    scores = Scores()
    for d in docs:
        spans = [(nm.label, nm.start, nm.end) for nm in tagger.names(d.tokens) if nm.label in SCORED_TYPES]
        scores.add(d.doc.gold(), to_whitespace(spans, d.tokens, d.doc))
    return scores
