"""Closed-class word lists (prepositions, negators, كان/قد, locatives, week words ...) as data files.

Each list is one file ``lang/ar/words/<name>.txt``: ``#`` lines first (what the list holds, who reads it, where
its entries come from), then one entry a line.  An entry may be a phrase of several words.  Entries are written
as Arabic is usually written (with hamza, ة, ى); :func:`words` and :func:`word_list` return them folded like the
normalised view (:func:`hadath.lang.ar.orthography.norm_str`) unless ``fold=False``.  A line may end with a
tab and a tag (``word<TAB>tag``): :func:`tagged_words` returns those as a mapping.

The README of ``lang/ar`` lists every file.
"""

from __future__ import annotations

from functools import cache

from hadath.lang import load_lines
from hadath.lang.ar.orthography import norm_str

__all__ = ["tagged_words", "word_list", "words"]


@cache
def word_list(name: str, fold: bool = True) -> tuple[str, ...]:
    """The entries of ``words/<name>.txt`` in file order (duplicates after folding removed)."""
    out: dict[str, None] = {}
    for line in load_lines(f"words/{name}.txt"):
        entry = line.split("\t", 1)[0].strip()
        out[norm_str(entry) if fold else entry] = None
    return tuple(out)


@cache
def words(name: str, fold: bool = True) -> frozenset[str]:
    """The entries of ``words/<name>.txt`` as a set."""
    return frozenset(word_list(name, fold))


@cache
def tagged_words(name: str, fold: bool = True) -> dict[str, str]:
    """``entry -> tag`` for the lines of ``words/<name>.txt`` (the tag is "" where a line has none)."""
    out: dict[str, str] = {}
    for line in load_lines(f"words/{name}.txt"):
        entry, _, tag = line.partition("\t")
        out[norm_str(entry.strip()) if fold else entry.strip()] = tag.strip()
    return out
