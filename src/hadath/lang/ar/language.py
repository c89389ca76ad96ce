"""The language object handed to every stage (see the package docstring)."""

from __future__ import annotations

from functools import cache, cached_property
from typing import TYPE_CHECKING

from hadath.lang import load_lines, load_tsv
from hadath.lang.ar import clitics, orthography
from hadath.lang.ar import words as _words

if TYPE_CHECKING:
    from hadath.lang.ar.calendar import CalendarLexicon
    from hadath.lang.ar.kb import KB
    from hadath.lang.ar.names import NameLexicon
    from hadath.lang.ar.ner import NameTagger
    from hadath.lang.ar.numbers import NumberLexicon
    from hadath.lang.ar.places import PlaceLexicon
    from hadath.lang.ar.speech import SpeechLexicon
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
    def speech(self) -> SpeechLexicon:
        """The speech lexicon of the ``attribution`` stage: cues, framings, source words (``lang/ar/speech.py``)."""
        from hadath.lang.ar.speech import speech_lexicon

        return speech_lexicon()

    @cached_property
    def numbers(self) -> NumberLexicon:
        """Number words, counted nouns and the number grammar (:mod:`hadath.lang.ar.numbers`)."""
        from hadath.lang.ar.numbers import load_numbers

        return load_numbers()

    @cached_property
    def calendar(self) -> CalendarLexicon:
        """Month names, time expressions and the date patterns built from them (:mod:`hadath.lang.ar.calendar`)."""
        from hadath.lang.ar.calendar import load_calendar

        return load_calendar()

    @cached_property
    def names(self) -> NameLexicon:
        """Titles, given names, organisation heads and the other words of the ``entities`` stage's name patterns."""
        from hadath.lang.ar.names import load_names

        return load_names()

    @cached_property
    def name_tagger(self) -> NameTagger:
        """The learned tagger of person, place and organisation names (:mod:`hadath.lang.ar.ner`, the packaged
        model; its licence is CC BY-SA 4.0, see ``lang/ar/models/LICENSE-ner.md``)."""
        from hadath.lang.ar.ner import NameTagger

        return NameTagger.load()

    @cached_property
    def places(self) -> PlaceLexicon:
        """Place cues, directions, the place stoplist and the other words of the ``places`` stage."""
        from hadath.lang.ar.places import load_places

        return load_places()

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
