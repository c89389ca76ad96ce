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


#: how many coordinated words may continue an institution's title before its nationality (وزارة الصناعة والتجارة)
_MAX_COORD = 2


def _nationality_after(st: Ctx, i: int, key: str, end: int) -> tuple[int, int, str] | None:
    """A generic reference of two words or more to a country's institution or forces, followed by a nationality
    adjective that agrees with one of its words, names that country's (وزارة التجارة الصينية، قوات الأمن
    الفلسطيني); coordinated words may continue the title first (وزارة الصناعة والتجارة الأردنية).
    ``(adjective start, end, iso2)``, or None."""
    toks = st.toks
    g = st.kb.generic.get(tuple(key.split()))
    if g is None or "{cc}" not in g.target or (end - i < 2 and not g.named_only):
        return None
    j = end
    if j + 1 < len(toks) and toks[j].norm == "_":
        j += 1  # a hashtag: #وزارة_الكهرباء_العراقية
    coord = 0 if g.named_only else _MAX_COORD  # السفارة والمعهد الفرنسيين: two institutions, not one title
    while j < len(toks) and j - end < coord and toks[j].has_wa and not toks[j].prep and toks[j].article:
        j += 1
    if j >= len(toks) or not toks[j].is_word or toks[j].prefix:
        return None
    nxt = toks[j]
    hit = st.kb.trie.longest(toks, j, (nxt.norm,))
    if hit is None:
        return None
    if not all(kind in CUE_KINDS for kind, _ in hit[1]):
        return None
    if g.named_only and j == end:
        # a diplomatic mission of a country named by its name: سفارة فرنسا، قنصلية الولايات المتحدة
        named = [iso for kind, iso in hit[1] if kind == "country"]
        if named and not toks[i].article:
            return j, hit[0], named[0]
    adj = [iso for kind, iso in hit[1] if kind == "adj"]
    if not adj:
        return None
    fem = st.lex.feminine(nxt.norm)
    if not any(st.lex.feminine(toks[k].stem) == fem for k in range(i, j) if toks[k].is_word):
        return None
    return j, hit[0], adj[0]


def _common_noun(st: Ctx, i: int, end: int) -> bool:
    """A one-word actor alias that is also a common noun (``Ctx.common_aliases``), with no organisation head before
    it and a definite nisba adjective after it, is the common noun: القاعدة العسكرية (a base), الشباب العربي (the
    young). The name keeps its adjective's other agreement (القاعدة المتطرف: the organisation) or its head (حركة
    الشباب)."""
    toks = st.toks
    if end - i != 1 or end >= len(toks) or strip_article(word_core(toks[i])) not in st.common_aliases:
        return False
    if _head_before(st, i) is not None:
        return False
    nxt = toks[end]
    return nxt.is_word and bool(nxt.article) and not nxt.prefix and st.lex.nisba_like(nxt.norm)


def _unresolvable(st: Ctx, key: str) -> bool:
    """A reference whose country must be named after it (``GenericRef.named_only``) with no antecedent heads."""
    g = st.kb.generic.get(tuple(key.split()))
    return g is not None and g.named_only and not g.antecedent


def _after_nasab(st: Ctx, i: int, fi: int) -> bool:
    """The alias at token ``i`` (read without proclitics when ``fi > 0``) follows "son/daughter of" (بن، بنت)."""
    if fi > 0 or i == 0:
        return False
    prev = st.toks[i - 1]
    return prev.is_word and prev.norm in st.lex.nasab


def dictionary(st: Ctx) -> None:
    toks, kb = st.toks, st.kb
    root = kb.trie.root
    inst = kb.institution_trie.root
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
        in_kb = in_inst = False
        for f in forms:
            in_kb = in_kb or f in root
            in_inst = in_inst or f in inst
        if not (in_kb or in_inst):
            i += 1
            continue
        hit = kb.trie.longest(toks, i, forms) if in_kb else None
        ihit = kb.institution_trie.longest(toks, i, forms) if in_inst else None
        if ihit is not None and any(toks[k].norm in OPEN for k in range(i, ihit[0])):
            ihit = None  # وزارة "الطاقة والصناعة": the quoted name is the ministry's (step 2)
        if ihit is not None and (hit is None or ihit[0] > hit[0]):
            hit = ihit
        if hit is None or (short and hit[2] == len(forms) - 1 and hit[0] - i < 2):
            i += 1
            continue
        end, entries, fi = hit
        ent = [e for e in entries if e[0] in _ENTITY_KINDS]
        if ent:
            kind, key = _pick(ent)
            nat = _nationality_after(st, i, key, end) if kind == "generic" else None
            if nat is not None:
                st.cue_at[nat[0]] = (nat[1], "adj", nat[2])  # the adjective still votes for the focus
                end = nat[1]
            elif kind == "generic" and not _generic_ok(st, i, end):
                i += 1
                continue
            elif kind == "generic" and _unresolvable(st, key):
                i += 1  # الوفد with no country after it: no antecedent to read, and never the focus's
                continue
            if kind == "actor" and _common_noun(st, i, end):
                i = end  # القاعدة العسكرية: a military base, not al-Qaeda
                continue
            if kind == "person" and _after_nasab(st, i, fi):
                i = end  # حمدان بن [محمد بن راشد]: the father's name inside the son's, not the father
                continue
            m = Cand(i, end, kind, key, strip_first=fi > 0, head=_head_before(st, i))
            if short and fi == len(forms) - 1:
                m.cut = 1
            if nat is not None:
                m.country = nat[2]
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
