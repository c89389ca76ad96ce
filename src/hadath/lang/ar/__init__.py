"""The Arabic language room: the only place in hadath that knows Arabic.

* ``orthography`` — the offset-preserving normalised view and the folding it uses;
* ``clitics`` — proclitics, article and enclitics, :func:`~hadath.lang.ar.clitics.segment_word`;
* ``words`` — closed-class word lists as data files under ``words/``;
* ``kb`` — the actor and person knowledge base (``actors.tsv``, ``persons.tsv`` ...);
* ``names``, ``places`` — the lexicons of the entities and places stages (``Arabic.names``, ``Arabic.places``);
* ``translit`` — English names for Arabic names;
* ``numbers`` — number words and their grammar (``lang.numbers``);
* ``calendar`` — month names, time expressions and the date patterns (``lang.calendar``);
* ``scoring`` — the folding the evaluation compares texts with (the reference scorer's);
* ``examples`` — example sentences;
* the data files next to them (``README.md`` lists them all).

Stages receive all of it as one object, :class:`Arabic` (``make_stage(lang, **config)``), the way spaCy hands
``ArabicDefaults`` to its components; they ask it (and the tokens it segmented) questions instead of spelling
Arabic themselves.
"""

from __future__ import annotations

from hadath.lang.ar.language import Arabic, arabic

__all__ = ["Arabic", "arabic"]
