"""The name tagger: PERS / LOC / ORG (and MISC) names over the segmenter's tokens.

::

    from hadath.lang.ar.ner import NameTagger
    tagger = NameTagger.load()             # the packaged model (lang/ar/models/ner.model)
    for name in tagger.names(doc.tokens):  # the tokens of a Doc after the ``segment`` stage
        print(name.label, doc.text[doc.tokens[name.start].start : doc.tokens[name.end - 1].end])

A linear-chain CRF (``model.py``) reads the features of ``features.py``; the model file records which feature
groups it was trained with, so a model trained by ``hadath train ner`` with other settings is read the same way.

Same-document propagation (:func:`propagate`) follows the CRF: a word sequence tagged as a name once is a name
of that type wherever else it stands in the document untagged, and so is the last word of a person's name of two
words or more (the surname standing alone: [جورج بوش] ... [بوش]).  Words of one letter or two and the most
frequent words of the language (``org_heads.tsv``, kind ``stop``) are never taken for a surname.  A second CRF pass
that sees the first pass's names as features (trained on jackknifed first-pass output) scored lower on the
development data than this rule and costs a second pass.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Any

from hadath.doc import Token
from hadath.errors import InputError
from hadath.lang.ar.ner.features import Featurizer, lexicons
from hadath.lang.ar.ner.model import CRFModel
from hadath.lang.ar.ner.scorer import Scorer

__all__ = ["MODEL_NAME", "Name", "NameTagger", "propagate"]

#: the packaged model, under ``hadath/lang/ar/models/``
MODEL_NAME = "ner.model"
_MIN_ALONE = 3
_STEM = attrgetter("stem")


@dataclass(frozen=True, slots=True)
class Name:
    """A name found by the tagger: tokens ``[start, end)``, its type (``PERS``, ``LOC``, ``ORG``, ``MISC``) and
    whether the CRF found it (``"model"``) or propagation did (``"propagated"``)."""

    start: int
    end: int
    label: str
    source: str = "model"


class NameTagger:
    """A CRF model with the featurizer it was trained with; ``model.meta["features"]`` holds the settings
    (``drop``: feature groups left out; ``propagate``: same-document propagation)."""

    def __init__(self, model: CRFModel, featurizer: Featurizer | None = None) -> None:
        self.model = model
        settings = model.meta.get("features", {})
        drop = frozenset(settings.get("drop", ()))
        if featurizer is None:
            featurizer = Featurizer(lexicons(), drop=drop)
        self.featurizer = featurizer
        self._scorer = Scorer(featurizer, model)
        self.propagate: bool = bool(settings.get("propagate", True))

    @property
    def meta(self) -> dict[str, Any]:
        """How the model was trained (settings, training files, sizes; see ``train.py``)."""
        return self.model.meta

    @classmethod
    def load(cls, path: str | Path | None = None) -> NameTagger:
        """The tagger of the model file ``path`` (the packaged model when None: loaded once and shared)."""
        if path is None:
            return _default()
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the model file {path}: {exc.strerror}", detail={"path": str(path)}) from exc
        return cls.from_bytes(data)

    @classmethod
    def from_bytes(cls, data: bytes) -> NameTagger:
        try:
            return cls(CRFModel.from_bytes(data))
        except ValueError as exc:
            raise InputError(f"not a name-tagger model: {exc}") from exc

    def to_bytes(self) -> bytes:
        return self.model.to_bytes()

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    # -- tagging ------------------------------------------------------------------------------------------------
    def crf_labels(self, tokens: Sequence[Token]) -> list[str]:
        """The CRF's BIO label for each token (the tokens of one document, in order), before propagation."""
        if not tokens:
            return []
        em, sents = self._scorer.scores(tokens)
        labels = self.model.labels
        return [labels[k] for k in self.model.decode(em, sents).tolist()]

    def names(self, tokens: Sequence[Token]) -> list[Name]:
        """The names in ``tokens`` (one document), in text order."""
        if not tokens:
            return []
        em, sents = self._scorer.scores(tokens)
        found = [Name(a, b, lab) for lab, a, b in self.model.spans(self.model.decode(em, sents))]
        if self.propagate and found:
            found = propagate(tokens, found, self.featurizer.lex.heads)
        return found

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """A BIO label for each token, propagation included."""
        labels = ["O"] * len(tokens)
        for name in self.names(tokens):
            labels[name.start] = "B-" + name.label
            for k in range(name.start + 1, name.end):
                labels[k] = "I-" + name.label
        return labels


def propagate(tokens: Sequence[Token], names: Sequence[Name], heads: Mapping[str, str]) -> list[Name]:
    """``names`` and the repetitions of their word sequences elsewhere in the document (see the module
    docstring); ``heads`` is the head-word lexicon whose ``stop`` words are never surnames."""
    n = len(tokens)
    taken = [False] * n
    seqs: dict[tuple[str, ...], set[str]] = {}
    for nm in names:
        for k in range(nm.start, nm.end):
            taken[k] = True
        seqs.setdefault(tuple(t.stem for t in tokens[nm.start : nm.end]), set()).add(nm.label)
        last = tokens[nm.end - 1]
        if nm.label == "PERS" and nm.end - nm.start >= 2 and heads.get(last.core, heads.get(last.stem)) != "stop":
            seqs.setdefault((last.stem,), set()).add(nm.label)
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for seq, labs in seqs.items():
        if len(labs) != 1:
            continue  # the first pass disagrees with itself: leave it
        if len(seq) == 1 and len(seq[0]) < _MIN_ALONE:
            continue
        by_first.setdefault(seq[0], []).append((seq, next(iter(labs))))
    if not by_first:
        return list(names)
    for cands in by_first.values():
        cands.sort(key=lambda c: (-len(c[0]), c[0]))
    out = list(names)
    stems = list(map(_STEM, tokens))
    nxt_free = 0
    for i in [k for k, stem in enumerate(stems) if stem in by_first]:
        if i < nxt_free or taken[i] or not tokens[i].is_word:
            continue
        for seq, lab in by_first[stems[i]]:
            m = len(seq)
            if i + m <= n and all(not taken[i + k] and stems[i + k] == seq[k] for k in range(m)):
                out.append(Name(i, i + m, lab, "propagated"))
                nxt_free = i + m
                break
    out.sort(key=lambda nm: nm.start)
    return out


@cache
def _default() -> NameTagger:
    return NameTagger.from_bytes(resources.files("hadath.lang.ar").joinpath("models", MODEL_NAME).read_bytes())
