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
from hadath.lang.ar.ner.features import WINDOW, Featurizer, WordKey
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

    def add_many(self, keys: Sequence[Any], scores: FloatArray, extra: Sequence[int]) -> None:
        """Add rows for ``keys`` at once."""
        first = len(self.rows) + 1
        need = first + len(keys)
        if need > len(self.units):
            size = max(need, 2 * len(self.units))
            grown = np.zeros((size, *self.units.shape[1:]))
            grown[: len(self.units)] = self.units
            self.units = grown
            self.extra = np.concatenate([self.extra, np.zeros(size - len(self.extra), dtype=np.int8)])
        self.units[first:need] = scores
        self.extra[first:need] = extra
        self.rows.update(zip(keys, range(first, need), strict=True))

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
        self._stems = _Units(nl)
        self._sigs = _Units(nl)

    def _units(self, parts: Sequence[tuple[Sequence[str], Sequence[str]]]) -> FloatArray:
        """For each ``(own, ctx)``: the scores of the ``own`` features, then of ``ctx`` seen from each window
        offset — one gather and one segmented sum for all of them."""
        attr = self.model.attr_index
        win = self._win_index
        zero = self.model.zero
        nowhere = self._nowhere
        ids: list[int] = []
        starts: list[int] = []
        for own, ctx in parts:
            starts.append(len(ids))
            ids.append(zero)  # every segment holds a row (reduceat needs it)
            ids.extend(map(attr.get, own, repeat(zero)))
            cols = list(zip(*map(win.get, ctx, repeat(nowhere)), strict=True)) if ctx else [()] * len(WINDOW)
            for col in cols:
                starts.append(len(ids))
                ids.append(zero)
                ids.extend(col)
        sums = np.add.reduceat(self.model.weights[ids], starts, axis=0)
        out: FloatArray = sums.reshape(len(parts), 1 + len(WINDOW), -1)
        return out

    def _word_rows(self, tokens: Sequence[Token]) -> IntArray:
        cache = self._words
        keys: list[WordKey] = list(map(_KEY, tokens))
        rows = list(map(cache.rows.get, keys))
        if None in rows:
            if len(cache.rows) + len(tokens) > _CACHE_MAX:
                cache.clear()
                self._stems.clear()
                rows = list(map(cache.rows.get, keys))
            self._add_words(tokens, keys, [i for i, r in enumerate(rows) if r is None])
            rows = list(map(cache.rows.get, keys))
        return np.array(rows, dtype=np.intp)

    def _add_words(self, tokens: Sequence[Token], keys: Sequence[WordKey], missing: Sequence[int]) -> None:
        """Score the words not cached yet.  A word's row is the sum of three cached parts — its stem's features
        (shared by the clitic forms of the stem), its signature's (proclitics, article, enclitic, name and head
        classes: a few hundred of them) and its form's own feature — so a new word costs a few look-ups."""
        fz = self.featurizer
        new: dict[WordKey, Token] = {}
        for i in missing:
            new.setdefault(keys[i], tokens[i])
        stems = self._stems
        sigs = self._sigs
        stem_of: list[int] = []
        sig_of: list[int] = []
        forms: list[str] = []
        bits: list[int] = []
        new_stems: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        stem_keys = [fz.stem_key(t) for t in new.values()]
        for t, sk in zip(new.values(), stem_keys, strict=True):
            if sk not in stems.rows and sk not in new_stems:
                new_stems[sk] = fz.stem_features(t)
        if new_stems:
            stems.add_many(list(new_stems), self._units(list(new_stems.values())), [0] * len(new_stems))
        for t, sk in zip(new.values(), stem_keys, strict=True):
            stem_of.append(stems.rows[sk])
            sig = fz.signature(t)
            r = sigs.rows.get(sig)
            if r is None:
                r = sigs.add(sig, self._units([fz.signature_features(sig)])[0])
            sig_of.append(r)
            forms.append(fz.form_feature(t) or "")
            bits.append(fz.starts(t))
        # the form's own feature and its window copies: rows of the weights (the zero row where absent)
        zero = self.model.zero
        own_ids = np.fromiter(map(self.model.attr_index.get, forms, repeat(zero)), dtype=np.intp, count=len(forms))
        win_ids = np.array(list(map(self._win_index.get, forms, repeat(self._nowhere))), dtype=np.intp)
        w = self.model.weights
        units = stems.units[stem_of] + sigs.units[sig_of]
        units[:, 0] += w[own_ids]
        if self._window:
            units[:, 1:] += w[win_ids]
        self._words.add_many(list(new), units, bits)

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
                        r = cache.add(key, self._units([(m, m if self._window else ())])[0])
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
