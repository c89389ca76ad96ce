"""The focus layer: the country an article is about, and the two rules that decide it.

* **From the names** (the ``entities`` stage, :func:`name_votes` and :func:`focus_from_names`): country
  names, nationality adjectives and place cues vote (a country name 0.5 and an adjective 0.25, four times that
  after a locative word or ب: في سوريا، شمال سوريا، بسوريا; a place cue 1.0; twice all that in the title), and
  so do the countries of the actors (1.0, state forces and governments 0.3) and persons (0.3) found.  The
  best country decides when its votes reach 1.0.
* **From the places** (the ``places`` stage, :func:`focus_from_places`), only when the names decided nothing:
  the country most of the unambiguous well-known places (one vote each) and nationality adjectives (half a
  vote) belong to.

``Focus.source`` says which rule decided and ``Focus.votes`` holds that rule's evidence.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from hadath.doc import Focus
from hadath.lang.ar.clitics import BI, WA
from hadath.lang.ar.kb import KB, Entry, alias_key
from hadath.lang.ar.names import NameLexicon
from hadath.stages.entities._context import CUE_KINDS, Ctx

#: the votes from which the best country's names decide the focus
_NAMES_DECIDE = 1.0
_BI_STARTS = (BI, WA + BI)


def _cue_weight(kind: str, locative: bool) -> float:
    """Votes of a country cue: places and locative uses (في سوريا) weigh more than agents (قالت إسرائيل)."""
    if kind == "cue":
        return 1.0
    base = 0.5 if kind == "country" else 0.25
    return base * 4 if locative else base


def name_votes(st: Ctx) -> dict[str, float]:
    """The country votes of the names the dictionary found (the title's cues, then the text's, then the
    countries of the actors and persons)."""
    toks, kb = st.toks, st.kb
    votes: dict[str, float] = {}
    title = st.doc.meta.title
    if title:
        for iso, kind, loc in _title_cues(kb, st.lex, title):
            votes[iso] = votes.get(iso, 0.0) + 2 * _cue_weight(kind, loc)
    for i, (_end, kind, iso) in st.cue_at.items():
        t = toks[i]
        loc = t.has_bi or (i > 0 and toks[i - 1].norm in st.lex.locatives)
        votes[iso] = votes.get(iso, 0.0) + _cue_weight(kind, loc)
    for m in st.mentions:
        if m.kind == "actor":
            a = kb.actor(m.key)
            if a is not None and a.country:
                w = 0.3 if a.actor_type in ("state_forces", "government") else 1.0
                votes[a.country] = votes.get(a.country, 0.0) + w
        elif m.kind == "person":
            p = kb.person(m.key)
            if p is not None and p.country:
                votes[p.country] = votes.get(p.country, 0.0) + 0.3
    return votes


def focus_from_names(votes: dict[str, float]) -> Focus:
    """The first rule: the best-voted country (the first in alphabetical order on a tie) when its votes reach
    1.0; else no focus (the votes are kept)."""
    if not votes:
        return Focus(None, None, votes)
    best = max(sorted(votes), key=lambda c: votes[c])
    return Focus(best, "names", votes) if votes[best] >= _NAMES_DECIDE else Focus(None, None, votes)


def focus_from_places(countries: Counter[str]) -> Focus:
    """The second rule, when the names decided nothing: the country most places (and adjectives) belong to."""
    best = _most_common(countries)
    return Focus(best, "places" if best else None, dict(countries))


def _most_common(c: Counter[str]) -> str | None:
    """The most frequent key, the first named on a tie."""
    if not c:
        return None
    best = max(c.values())
    return next(cc for cc, v in c.items() if v == best)


@lru_cache(maxsize=256)
def _title_cues(kb: KB, lex: NameLexicon, title: str) -> tuple[tuple[str, str, bool], ...]:
    """Country cues of a title: (iso, kind, locative) for each country name, adjective or place in it."""
    words = alias_key(title)
    out: list[tuple[str, str, bool]] = []
    i = 0
    while i < len(words):
        best: tuple[int, list[Entry], bool] | None = None
        for fi, form in enumerate(lex.forms_of(words[i])):
            node = kb.trie.root.get(form)
            j = i + 1
            while node is not None:
                ents = [e for e in node.get("", []) if e[0] in CUE_KINDS]
                if ents and (best is None or j > best[0]):
                    loc = (i > 0 and words[i - 1] in lex.locatives) or (fi > 0 and words[i].startswith(_BI_STARTS))
                    best = (j, ents, loc)
                if j >= len(words):
                    break
                node = node.get(words[j])
                j += 1
        if best is not None:
            kind, iso = best[1][0]
            out.append((iso, kind, best[2]))
            i = best[0]
        else:
            i += 1
    return tuple(out)
