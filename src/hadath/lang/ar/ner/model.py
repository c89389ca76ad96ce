"""The weights of a linear-chain CRF and a fast decoder for them.

A model is trained by CRFsuite (``train.py``) and stored in a small file of our own (:meth:`CRFModel.save`):
a magic line, one JSON header line (labels, feature settings, provenance), then zlib-compressed the attribute
strings, the non-zero state weights ``(attribute, label, weight)`` and the label-transition matrix.  Reading it
needs numpy only.

Decoding (:meth:`CRFModel.decode`) is exact Viterbi, organised for speed.  First the tokens that are ``O`` in
every best path are found without any search: a maximal run of name labels can always be replaced by ``O``'s,
which changes the path's score by at most the sum, over the run, of each token's best name score over its ``O``
score plus the best transitions in and out (:meth:`CRFModel._possible`, two running maxima over cumulative sums).
Where no run through a token can gain, the token is ``O``.  In news text three tokens in four are found so;
Viterbi then runs over the stretches of the others, all stretches of a document at once (one array step per
position).  ``decode_exact`` runs plain Viterbi over every sentence, for tests.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["MAGIC", "CRFModel"]

MAGIC = b"hadath-crf 1\n"
FloatArray = npt.NDArray[np.float64]


class CRFModel:
    """Labels, attribute weights and transitions of a linear-chain CRF (see the module docstring)."""

    def __init__(
        self,
        labels: Sequence[str],
        attrs: Sequence[str],
        state: Iterable[tuple[int, int, float]],
        transitions: FloatArray,
        meta: Mapping[str, Any] | None = None,
    ) -> None:
        self.labels = tuple(labels)
        self.attrs = tuple(attrs)
        self.attr_index: dict[str, int] = {a: i for i, a in enumerate(self.attrs)}
        nl = len(self.labels)
        # one row per attribute, and a last row of zeros that unknown features point at
        self.zero = len(self.attrs)
        self.weights: FloatArray = np.zeros((len(self.attrs) + 1, nl))
        for a, lab, w in state:
            self.weights[a, lab] = w
        self.transitions: FloatArray = np.asarray(transitions, dtype=np.float64).reshape(nl, nl)
        self.meta: dict[str, Any] = dict(meta or {})
        self.outside = o = self.labels.index("O")
        self._kinds = [(lab.startswith("I-"), lab[2:]) for lab in self.labels]
        t = self.transitions
        # bounds used by _possible (see there), over the name labels
        non = [y for y in range(nl) if y != o]
        self._bound_start_after_o = t[o, non] - t[o, o]
        self._bound_continue = t[np.ix_(non, non)].max(axis=0)
        self._bound_out = max(0.0, float((t[non, o] - t[o, o]).max()))

    # -- storage ------------------------------------------------------------------------------------------------
    @classmethod
    def from_crfsuite(cls, path: str | Path, meta: Mapping[str, Any] | None = None) -> CRFModel:
        """Read a model file written by CRFsuite (needs ``python-crfsuite``)."""
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        try:
            info = tagger.info()
        finally:
            tagger.close()
        labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
        lab_id = {lab: i for i, lab in enumerate(labels)}
        attrs: dict[str, int] = {}
        state: list[tuple[int, int, float]] = []
        for (attr, lab), w in info.state_features.items():
            if w:
                state.append((attrs.setdefault(attr, len(attrs)), lab_id[lab], float(w)))
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[lab_id[a], lab_id[b]] = float(w)
        return cls(labels, list(attrs), state, trans, meta)

    def to_bytes(self) -> bytes:
        """The model file's bytes (deterministic: the same model gives the same bytes)."""
        nz = np.nonzero(self.weights)
        header = {
            "labels": list(self.labels),
            "attrs": len(self.attrs),
            "state": len(nz[0]),
            "meta": self.meta,
        }
        body = b"".join(
            [
                "\n".join(self.attrs).encode("utf-8"),
                b"\0",
                nz[0].astype("<i4").tobytes(),
                nz[1].astype("<u1").tobytes(),
                self.weights[nz].astype("<f4").tobytes(),
                self.transitions.astype("<f4").tobytes(),
            ]
        )
        head = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return MAGIC + head + b"\n" + zlib.compress(body, 9)

    def save(self, path: str | Path) -> None:
        Path(path).write_bytes(self.to_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> CRFModel:
        if not data.startswith(MAGIC):
            raise ValueError("not a hadath CRF model file")
        nl_at = data.index(b"\n", len(MAGIC))
        header = json.loads(data[len(MAGIC) : nl_at].decode("utf-8"))
        body = zlib.decompress(data[nl_at + 1 :])
        cut = body.index(b"\0")
        attrs = body[:cut].decode("utf-8").split("\n") if cut else []
        n = int(header["state"])
        nl = len(header["labels"])
        pos = cut + 1
        rows = np.frombuffer(body, "<i4", n, pos)
        pos += 4 * n
        labs = np.frombuffer(body, "<u1", n, pos)
        pos += n
        ws = np.frombuffer(body, "<f4", n, pos)
        pos += 4 * n
        trans = np.frombuffer(body, "<f4", nl * nl, pos).astype(np.float64)
        model = cls(header["labels"], attrs, (), trans, header.get("meta"))
        model.weights[rows, labs] = ws
        return model

    @classmethod
    def load(cls, path: str | Path) -> CRFModel:
        return cls.from_bytes(Path(path).read_bytes())

    # -- scores -------------------------------------------------------------------------------------------------
    def score_of(self, features: Iterable[str]) -> FloatArray:
        """The summed state weights of ``features`` (unknown features weigh nothing)."""
        idx = self.attr_index
        ids = [i for i in map(idx.get, features) if i is not None]
        return self.weights[ids].sum(axis=0) if ids else np.zeros(len(self.labels))

    # -- decoding -----------------------------------------------------------------------------------------------
    def decode(self, em: FloatArray, sents: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """The best label sequence (label indices) for emission scores ``em``, each sentence a sequence.

        Tokens that are ``O`` in every best path are found first (:meth:`_possible`); Viterbi runs over the
        stretches of the other tokens, all stretches at once."""
        n = len(em)
        o = self.outside
        if n == 0:
            return np.zeros(0, dtype=np.intp)
        possible = self._possible(em, sents)
        out = np.full(n, o, dtype=np.intp)
        idx = np.flatnonzero(possible)
        if len(idx):
            # stretches of possible tokens within a sentence
            brk = np.flatnonzero((np.diff(idx) != 1) | (sents[idx[1:]] != sents[idx[:-1]])) + 1
            starts = idx[np.concatenate(([0], brk))]
            ends = idx[np.concatenate((brk - 1, [len(idx) - 1]))] + 1
            after_o = (starts > 0) & (sents[np.maximum(starts - 1, 0)] == sents[starts])
            before_o = (ends < n) & (sents[np.minimum(ends, n - 1)] == sents[ends - 1])
            t = self.transitions
            init = np.where(after_o[:, None], t[o][None, :], 0.0)
            final = np.where(before_o[:, None], t[:, o][None, :], 0.0)
            self._viterbi(em, starts, ends - starts, init, final, out)
        return out

    def decode_exact(self, em: FloatArray, sents: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
        """Viterbi over every token of every sentence (the reference :meth:`decode` is checked against)."""
        n = len(em)
        if n == 0:
            return np.zeros(0, dtype=np.intp)
        cuts = np.flatnonzero(sents[1:] != sents[:-1]) + 1
        starts = np.concatenate(([0], cuts))
        lengths = np.diff(np.concatenate((starts, [n])))
        zero = np.zeros((len(starts), len(self.labels)))
        out = np.zeros(n, dtype=np.intp)
        self._viterbi(em, starts, lengths, zero, zero, out)
        return out

    def spans(self, path: npt.NDArray[np.intp]) -> list[tuple[str, int, int]]:
        """The names ``(type, start, end)`` of a label path (an ``I-`` that continues nothing opens a name)."""
        out: list[tuple[str, int, int]] = []
        kinds = self._kinds
        o = self.outside
        cur: list[Any] | None = None
        for i in np.flatnonzero(path != o).tolist():
            inside, typ = kinds[path[i]]
            if cur is not None and inside and cur[0] == typ and cur[2] == i:
                cur[2] = i + 1
                continue
            if cur is not None:
                out.append((cur[0], cur[1], cur[2]))
            cur = [typ, i, i + 1]
        if cur is not None:
            out.append((cur[0], cur[1], cur[2]))
        return out

    def _possible(self, em: FloatArray, sents: npt.NDArray[np.intp]) -> npt.NDArray[np.bool_]:
        """Tokens that may carry a name label in a best path.

        A maximal run ``[a, b)`` of non-O labels in a path can be replaced by O's; the path gains at least
        ``-bound(a, b)``, where ``bound`` sums, per token, the best non-O score over O's (the first token with
        the transition from a preceding O, the others with the best transition from a name label, minus O→O)
        and the best transition back to O.  A token in no run with ``bound >= 0`` is O in every best path.
        The best run through each token comes from two running maxima over cumulative sums."""
        n = len(em)
        o = self.outside
        lo = self._bound_start_after_o
        eo = em[:, o]
        en = np.delete(em, o, axis=1)
        first = np.ones(n, dtype=bool)
        first[1:] = sents[1:] != sents[:-1]
        last = np.ones(n, dtype=bool)
        last[:-1] = first[1:]
        start = np.where(first, en.max(axis=1), (en + lo).max(axis=1)) - eo
        cont = (en + self._bound_continue).max(axis=1) - eo - self.transitions[o, o]
        c = np.cumsum(cont)
        rank = np.cumsum(first) - 1  # 0, 1, 2 ... per sentence
        v = start - c
        u = c + np.where(last, 0.0, self._bound_out)
        big = 2.0 * (np.abs(v).max() + np.abs(u).max() + 1.0)
        best_from = np.maximum.accumulate(v + big * rank) - big * rank + c
        best_to = (np.maximum.accumulate((u - big * rank)[::-1])[::-1] + big * rank) - c
        possible: npt.NDArray[np.bool_] = best_from + best_to >= -1e-6
        return possible

    def _viterbi(
        self,
        em: FloatArray,
        starts: npt.NDArray[np.intp],
        lengths: npt.NDArray[np.intp],
        init: FloatArray,
        final: FloatArray,
        out: npt.NDArray[np.intp],
    ) -> None:
        """Viterbi over the stretches ``[starts[k], starts[k] + lengths[k])`` of ``em`` at once (longest first;
        step ``i`` handles position ``i`` of every stretch that long), with ``init`` added to each stretch's
        first scores and ``final`` to its last; the labels are written into ``out``."""
        order = np.argsort(-lengths, kind="stable")
        starts = starts[order]
        lengths = lengths[order]
        init = init[order]
        final = final[order]
        longest = int(lengths[0])
        t = self.transitions
        alive = np.searchsorted(-lengths, -np.arange(1, longest + 1), side="right").tolist()
        steps = np.arange(longest)
        pos = np.where(steps[None, :] < lengths[:, None], starts[:, None] + steps[None, :], 0)
        emp = em[pos]
        delta = emp[:, 0] + init
        back: list[list[list[int]]] = [[]]
        k_end = len(starts)
        for i in range(1, longest):
            k = alive[i]
            if k < k_end:  # the stretches of length i end here: add their way out
                delta[k:k_end] += final[k:k_end]
                k_end = k
            cand = delta[:k, :, None] + t
            back.append(cand.argmax(axis=1).tolist())
            delta[:k] = cand.max(axis=1) + emp[:k, i]
        delta[:k_end] += final[:k_end]
        best = delta.argmax(axis=1).tolist()
        # walk back, stretch by stretch, in plain lists
        where: list[int] = []
        what: list[int] = []
        for r, (a, m) in enumerate(zip(starts.tolist(), lengths.tolist(), strict=True)):
            y = best[r]
            for i in range(m - 1, 0, -1):
                where.append(a + i)
                what.append(y)
                y = back[i][r][y]
            where.append(a)
            what.append(y)
        out[where] = what
