"""The language object handed to every stage (see the package docstring)."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING

from hadath.lang import load_lines, load_tsv
from hadath.lang.ar import clitics, orthography
from hadath.lang.ar import words as _words

if TYPE_CHECKING:
    from hadath.lang.ar.kb import KB
    from hadath.lang.ar.triggers import TriggerLexicon

__all__ = ["Arabic", "arabic"]


class Arabic:
    """Everything the stages know about Arabic: folding, clitics, word lists, lexicons and the knowledge base.

    Data is read lazily, once per process (the loaders behind these methods are cached), so building the
    object is free and two objects share their data.
    """

    code = "ar"

    # orthography
    normalize = staticmethod(orthography.normalize)
    norm = staticmethod(orthography.norm_str)

    # clitics
    segment_word = staticmethod(clitics.segment_word)
    strip_article = staticmethod(clitics.strip_article)

    # data files
    words = staticmethod(_words.words)
    word_list = staticmethod(_words.word_list)
    tagged_words = staticmethod(_words.tagged_words)
    tsv = staticmethod(load_tsv)
    lines = staticmethod(load_lines)

    @staticmethod
    def given_names() -> dict[str, str]:
        """Normalised given names → tag ("" | "common" | "particle" | "compound")."""
        return clitics.given_names()

    @cached_property
    def kb(self) -> KB:
        """The actor and person knowledge base."""
        from hadath.lang.ar.kb import load_kb

        return load_kb()

    @cached_property
    def triggers(self) -> TriggerLexicon:
        """The events stage's trigger lexicon, cue words and closed classes (:mod:`hadath.lang.ar.triggers`)."""
        from hadath.lang.ar.triggers import load_triggers

        return load_triggers()

    def __repr__(self) -> str:
        return "Arabic()"


@cache
def arabic() -> Arabic:
    """The shared language object."""
    return Arabic()
