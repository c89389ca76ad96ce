"""Example Arabic text for warm-ups, help texts and quick tries (as spaCy's ``lang/<code>/examples.py``).

Written for these uses, not taken from a corpus.
"""

from __future__ import annotations

__all__ = ["SEARCH_VARIANTS", "SENTENCES"]

#: News-style sentences; the first names a speaker, a count, a place and a day, so it runs every stage (the
#: HTTP service extracts it once at start-up to load the pipeline's data before the first request).
SENTENCES = ("قال المرصد السوري لحقوق الإنسان إن ثلاثة مدنيين قتلوا في قصف على إدلب أمس.",)

#: A query word without its hamza and two spellings of it in text that it finds (the index folds spelling and
#: clitics): ``hadath search`` says so in its help.
SEARCH_VARIANTS = ("ادلب", "إدلب", "بإدلب")
