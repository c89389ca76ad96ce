"""A learned tagger for person, place and organisation names (PERS / LOC / ORG, BIO), run offline.

* ``features`` — what the tagger reads about each token: forms and clitics, shape, stem affixes, word classes,
  the language's lexicons (given names, head words, titles, the knowledge base) and a window of ±2 tokens;
* ``model`` — the weights of a linear-chain CRF and a fast, exact Viterbi decoder (numpy only);
* ``scorer`` — the CRF's scores for a document from cached word scores;
* ``tagger`` — :class:`NameTagger` (``NameTagger.load().names(doc.tokens)``) and same-document propagation;
* ``conll`` — CoNLL (ANERcorp-style) files read onto hadath's tokens, and exact-span scoring;
* ``train`` — :func:`train` and :func:`evaluate` (``hadath train ner``; CRFsuite is needed for training only).

The packaged model ``lang/ar/models/ner.model`` was trained on ANERcorp and is licensed CC BY-SA 4.0
(``lang/ar/models/LICENSE-ner.md``), apart from the Apache-2.0 code.  docs/ner.md tells how it was built.
"""

from __future__ import annotations

from hadath.lang.ar.ner.tagger import Name, NameTagger

__all__ = ["Name", "NameTagger"]
