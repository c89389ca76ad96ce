"""Step 1, the dictionary: the longest alias of the knowledge base (actors, persons, generic references and
country cues) at each token, tried with the token's clitic-stripped readings.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.lang.ar.clitics import PROCLITIC_LETTERS
from hadath.lang.ar.kb import Entry, strip_article
from hadath.stages.entities._context import CUE_KINDS, OPEN, QUOTE, Cand, Ctx, word_core

_ENTITY_KINDS = ("actor", "person", "generic")


def _head_before(st: Ctx, i: int) -> str | None:
    """The organisation head right before token ``i`` (skipping one quote or bracket): تنظيم "داعش"."""
    k = i - 1
    if k >= 0 and st.toks[k].norm in OPEN:
        k -= 1
    if k >= 0 and st.toks[k].is_word:
        c = strip_article(word_core(st.toks[k]))
        if c in st.lex.heads:
            return c
    return None


def _generic_ok(st: Ctx, i: int, end: int) -> bool:
    """A generic phrase is an adjective or part of another phrase in some contexts: reject those."""
    toks = st.toks
    if end < len(toks):
        nxt = toks[end]
        if nxt.is_word and nxt.article and not nxt.prefix and st.lex.nisba_like(nxt.norm):
            # النظام الانتخابي، الجيش الأول ... (a nisba adjective after the phrase; demonyms are aliases)
            if nxt.norm not in st.lex.name_words or nxt.norm in st.lex.generic_adjectives:
                return False
    if end - i == 1 and i > 0:
        prev = toks[i - 1]
        t = toks[i]
        if prev.is_word and prev.article and not prev.prefix and not t.prefix and prev.end == t.start - 1:
            return False  # الأحزاب المعارضة: an adjective
    return True


def _nationality_after(st: Ctx, key: str, end: int) -> tuple[int, str] | None:
    """A generic reference to a country's institution followed by a nationality adjective names that country's
    institution (وزارة التجارة الصينية، المحكمة العليا الباكستانية): ``(end, iso2)`` with the adjective, or None."""
    g = st.kb.generic.get(tuple(key.split()))
    if g is None or "{cc}" not in g.target or end >= len(st.toks):
        return None
    nxt = st.toks[end]
    if not nxt.is_word or nxt.prefix:
        return None
    hit = st.kb.trie.longest(st.toks, end, (nxt.norm,))
    if hit is None:
        return None
    adj = [iso for kind, iso in hit[1] if kind == "adj"]
    return (hit[0], adj[0]) if adj and all(kind in CUE_KINDS for kind, _ in hit[1]) else None


def _after_nasab(st: Ctx, i: int, fi: int) -> bool:
    """The alias at token ``i`` (read without proclitics when ``fi > 0``) follows "son/daughter of" (بن، بنت)."""
    if fi > 0 or i == 0:
        return False
    prev = st.toks[i - 1]
    return prev.is_word and prev.norm in st.lex.nasab


def dictionary(st: Ctx) -> None:
    toks, kb = st.toks, st.kb
    root = kb.trie.root
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.is_word:
            i += 1
            continue
        forms = t.forms or (t.norm,)
        short = len(t.norm) == 3 and t.norm[0] in PROCLITIC_LETTERS and not t.prefix
        if short:
            forms = (*forms, t.norm[1:])  # لبي بي سي: words of three letters are not segmented
        for f in forms:
            if f in root:
                break
        else:
            i += 1
            continue
        hit = kb.trie.longest(toks, i, forms)
        if hit is None or (short and hit[2] == len(forms) - 1 and hit[0] - i < 2):
            i += 1
            continue
        end, entries, fi = hit
        ent = [e for e in entries if e[0] in _ENTITY_KINDS]
        if ent:
            kind, key = _pick(ent)
            nat = _nationality_after(st, key, end) if kind == "generic" else None
            if nat is not None:
                st.cue_at[end] = (nat[0], "adj", nat[1])  # the adjective still votes for the focus
                end = nat[0]
            elif kind == "generic" and not _generic_ok(st, i, end):
                i += 1
                continue
            if kind == "person" and _after_nasab(st, i, fi):
                i = end  # حمدان بن [محمد بن راشد]: the father's name inside the son's, not the father
                continue
            m = Cand(i, end, kind, key, strip_first=fi > 0, head=_head_before(st, i))
            if short and fi == len(forms) - 1:
                m.cut = 1
            if nat is not None:
                m.country = nat[1]
            if kind == "actor":
                first = strip_article(word_core(t))
                if first in st.lex.heads and m.head is None:
                    m.head = first
            m.quoted = i > 0 and toks[i - 1].norm == QUOTE
            st.add(m)
            i = end
            continue
        cue = [e for e in entries if e[0] in CUE_KINDS]
        if cue:
            kind, iso = cue[0]
            st.cue_at[i] = (end, kind, iso)
            for k in range(i, end):
                st.cue_cov[k] = True
            i = end
            continue
        i += 1


def _pick(entries: Sequence[Entry]) -> Entry:
    for kind in _ENTITY_KINDS:
        for e in entries:
            if e[0] == kind:
                return e
    return entries[0]
