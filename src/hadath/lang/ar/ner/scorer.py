"""The CRF's state scores for a document, fast: the same sums as the weights of ``Featurizer.features``.

Most features belong to a word (its form, stem, affixes, classes) or to a word seen from a neighbour (the same
classes behind ``-2:`` … ``2:``).  A :class:`Scorer` sums them once per distinct word into a row of five score
vectors (the word's own, then as seen from offsets -2, -1, +1, +2) and caches the row; a document then costs a
few C-level look-ups per token and five array gathers.  Phrase matches (``Featurizer.marks``) are cached the same
way by their set of marks, sentence edges are added where sentences start and end, and word bigrams are looked
up by word pair in a table built from the model's attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np
import numpy.typing as npt

from hadath.doc import Token
from hadath.lang.ar.ner.features import WINDOW, Featurizer, Word, WordKey
from hadath.lang.ar.ner.model import CRFModel

__all__ = ["Scorer"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
_KEY = attrgetter("norm", "stem")
_SENT = attrgetter("sent")
_CACHE_MAX = 50_000


class _Units:
    """Cached score rows: key -> row of ``units`` (own scores, then one per window offset); row 0 is zeros."""

    def __init__(self, nl: int) -> None:
        self.nl = nl
        self.rows: dict[Any, int] = {}
        self.units: FloatArray = np.zeros((1024, 1 + len(WINDOW), nl))
        self.extra: npt.NDArray[np.int8] = np.zeros(1024, dtype=np.int8)

    def clear(self) -> None:
        self.rows.clear()

    def add(self, key: Any, scores: Sequence[FloatArray], extra: int = 0) -> int:
        row = len(self.rows) + 1
        if row >= len(self.units):
            grown = np.zeros((2 * len(self.units), *self.units.shape[1:]))
            grown[: len(self.units)] = self.units
            self.units = grown
            self.extra = np.concatenate([self.extra, np.zeros(len(self.extra), dtype=np.int8)])
        self.units[row] = scores
        self.extra[row] = extra
        self.rows[key] = row
        return row


class Scorer:
    """State scores of one model with one featurizer (see the module docstring)."""

    def __init__(self, featurizer: Featurizer, model: CRFModel) -> None:
        self.featurizer = featurizer
        self.model = model
        nl = len(model.labels)
        self._words = _Units(nl)
        self._marks = _Units(nl)
        w = model.weights
        self._bos = w[model.attr_index.get("BOS", model.zero)]
        self._eos = w[model.attr_index.get("EOS", model.zero)]
        self._window = featurizer.use["window"]
        self._win_index, self._nowhere = _window_index(model)
        self._stems: dict[str, FloatArray] = {}

    def _unit(self, own: Sequence[str], ctx: Sequence[str]) -> list[FloatArray]:
        """Scores of ``own`` features and of ``ctx`` seen from each window offset (for phrase marks)."""
        score = self.model.score_of
        return [score(own), *(score([f"{off}:{f}" for f in ctx]) for off in WINDOW)]

    def _word_rows(self, tokens: Sequence[Token]) -> IntArray:
        cache = self._words
        keys: list[WordKey] = list(map(_KEY, tokens))
        rows = list(map(cache.rows.get, keys))
        if None in rows:
            if len(cache.rows) + len(tokens) > _CACHE_MAX:
                cache.clear()
                rows = list(map(cache.rows.get, keys))
            self._add_words(tokens, keys, [i for i, r in enumerate(rows) if r is None])
            rows = list(map(cache.rows.get, keys))
        return np.array(rows, dtype=np.intp)

    def _add_words(self, tokens: Sequence[Token], keys: Sequence[WordKey], missing: Sequence[int]) -> None:
        """Score the words not cached yet, all at once (one gather and one segmented sum): a word's row is the
        row of its stem (cached by stem: the clitic forms of a stem share it) plus that of its surface features."""
        fz = self.featurizer
        stems = self._stems
        new: dict[WordKey, Word] = {}
        new_stems: dict[str, Word] = {}
        for i in missing:
            key = keys[i]
            if key not in new:
                word = new[key] = fz.word(tokens[i])
                if word.stem not in stems and word.stem not in new_stems:
                    new_stems[word.stem] = word
        ids: list[int] = []
        starts: list[int] = []
        for word in new.values():
            self._segments(word.own, word.ctx, ids, starts)
        for word in new_stems.values():
            self._segments(word.stem_own, word.stem_ctx, ids, starts)
        sums = np.add.reduceat(self.model.weights[ids], starts, axis=0).reshape(len(new) + len(new_stems), 5, -1)
        if len(stems) + len(new_stems) > _CACHE_MAX:
            stems.clear()
            new_stems = {w.stem: w for w in new.values()}
            return self._add_words(tokens, keys, missing)
        for k, stem in enumerate(new_stems, len(new)):
            stems[stem] = sums[k]
        cache = self._words
        for k, (key, word) in enumerate(new.items()):
            cache.add(key, sums[k] + stems[word.stem], word.starts)

    def _segments(self, own: Sequence[str], ctx: Sequence[str], ids: list[int], starts: list[int]) -> None:
        """Append the weight rows of ``own`` and of ``ctx`` at each window offset as five segments."""
        zero = self.model.zero
        starts.append(len(ids))
        ids.append(zero)  # every segment holds at least one row (reduceat needs it)
        ids.extend(map(self.model.attr_index.get, own, repeat(zero)))
        per_off = (
            list(zip(*map(self._win_index.get, ctx, repeat(self._nowhere)), strict=False))
            if ctx
            else [()] * len(WINDOW)
        )
        for col in per_off:
            starts.append(len(ids))
            ids.append(zero)
            ids.extend(col)

    def scores(self, tokens: Sequence[Token]) -> tuple[FloatArray, IntArray]:
        """The state scores of ``tokens`` (one document) and each token's sentence index."""
        n = len(tokens)
        sents: IntArray = np.fromiter(map(_SENT, tokens), dtype=np.intp, count=n)
        rows = self._word_rows(tokens)
        # a layout with two empty slots around every sentence, so that window copies need no sentence masks
        first = np.ones(n, dtype=bool)
        first[1:] = sents[1:] != sents[:-1]
        slot = np.arange(n) + 2 * np.cumsum(first)
        size = int(slot[-1]) + 3
        em = _windowed(self._words.units, rows, slot, size)
        starts = self._words.extra[rows]
        cand = np.flatnonzero(starts).tolist()
        if cand:
            marks = self.featurizer.marks(tokens, cand, starts.tolist())
            if marks:
                cache = self._marks
                where = list(marks)
                mrows = []
                for m in marks.values():
                    key = tuple(m)
                    r = cache.rows.get(key)
                    if r is None:
                        if len(cache.rows) >= _CACHE_MAX:
                            cache.clear()
                        r = cache.add(key, self._unit(m, m if self._window else ()))
                    mrows.append(r)
                em += _windowed(cache.units, mrows, slot[where], size, slot)
        firsts = np.flatnonzero(first)
        em[firsts] += self._bos
        em[firsts[1:] - 1] += self._eos
        em[n - 1] += self._eos
        return em, sents


def _windowed(
    units: FloatArray, rows: Sequence[int] | IntArray, at: IntArray, size: int, out: IntArray | None = None
) -> FloatArray:
    """Each token's own scores plus its neighbours' as seen from its side.  ``rows`` are placed at slots ``at``
    of a layout of ``size`` slots where sentences are two empty slots apart; the scores are read back at the
    slots ``out`` (``at`` when None)."""
    laid = np.zeros(size, dtype=np.intp)
    laid[at] = rows
    g = units[laid]
    w = len(WINDOW) // 2
    acc = g[w : size - w, 0].copy()
    for k, off in enumerate(WINDOW, 1):
        acc += g[w + off : size - w + off, k]
    res: FloatArray = acc[(at if out is None else out) - w]
    return res


def _window_index(model: CRFModel) -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Feature -> the weight rows of its window copies (``-2:f``, ``-1:f``, ``1:f``, ``2:f``; the zero row where
    the model has no such attribute), and the tuple for a feature with none."""
    zero = model.zero
    pos = {f"{off}:": k for k, off in enumerate(WINDOW)}
    table: dict[str, list[int]] = {}
    for i, attr in enumerate(model.attrs):
        head, sep, rest = attr.partition(":")
        k = pos.get(head + sep) if sep else None
        if k is not None:
            table.setdefault(rest, [zero] * len(WINDOW))[k] = i
    return {f: tuple(v) for f, v in table.items()}, (zero,) * len(WINDOW)
