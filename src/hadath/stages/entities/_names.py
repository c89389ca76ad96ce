"""Where a person's name ends: given names, particles (أبو، بن، عبد ...), surnames and the words of foreign
names, checked against the stop words, titles and heads that end a name.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import KA
from hadath.stages.entities._context import Ctx

_MAX_NAME = 5


def name_at(st: Ctx, j: int, *, gate: str, allow_prefix: bool = False) -> int | None:
    """End of a person-name sequence starting at token ``j`` or None.

    ``gate``: "strong" (a title or speech verb precedes: a common given name may start the name),
    "weak" (nothing precedes: the first word must be a non-common given name and the name needs two words).
    """
    toks, lex = st.toks, st.lex
    n = len(toks)
    if j >= n:
        return None
    t0 = toks[j]
    if not t0.is_word or st.covered[j] is not None or st.cue_cov[j]:
        return None
    first = st.name_form(t0)
    if first != t0.norm and not allow_prefix:
        return None
    unknown_first = False
    if first in lex.particles:
        pass
    elif first in lex.given and not st.ala(j):
        if gate == "weak" and first in lex.common:
            return None
    elif (
        gate == "title"
        and not t0.article
        and t0.norm not in lex.soft_stop
        and lex.foreign_ok(st.doc.text, t0)
        and _surname_ok(st, j)
    ):
        unknown_first = True  # وزير الداخلية هربرت كيكل: a title vouches for an unlisted first name
    else:
        return None
    k = j
    count = 0
    while k < n and count < _MAX_NAME:
        t = toks[k]
        if not t.is_word or st.covered[k] is not None or st.cue_cov[k]:
            break
        w = first if k == j else t.norm
        if (
            k > j
            and t.prefix
            and w not in lex.given
            and w not in st.kb.person_tokens
            # a foreign surname may begin with ك (كيكل، كوربين), rarely a proclitic inside a name
            and not (
                unknown_first
                and t.prefix == KA
                and not t.article
                and lex.foreign_ok(st.doc.text, t)
                and _surname_ok(st, k)
            )
        ):
            break
        if w in lex.particles:
            if k + 1 < n and toks[k + 1].is_word and st.covered[k + 1] is None and toks[k + 1].norm not in lex.stop:
                k += 2
                count += 2
                continue
            break
        if (w in lex.given and not st.ala(k)) or (k == j and unknown_first):
            k += 1
            count += 1
            continue
        if (
            k > j
            and _surname_ok(st, k)
            and (
                lex.foreign_ok(st.doc.text, t)
                if unknown_first
                else not lex.has_tanween(st.doc.text, t) and (lex.name_suffix_ok(t) or w in st.kb.person_tokens)
            )
        ):
            k += 1
            count += 1
            continue
        break
    if k == j:
        return None
    words = k - j
    if (gate == "weak" or unknown_first) and words < 2:
        return None
    if toks[k - 1].norm in lex.particles:
        return None
    return k


def _surname_ok(st: Ctx, i: int) -> bool:
    lex = st.lex
    t = st.toks[i]
    w = t.norm
    if st.ala(i):
        return False
    if w in lex.stop or w in lex.title_words or w in lex.heads or w in lex.block or w in lex.name_words:
        return False
    if w in lex.soft_stop and (t.article or t.prefix):
        return False  # a common ال-word (الفنانة، المنازعات) is not a family name
    if w in st.kb.person_tokens:
        return True
    if lex.imperfect_like(w) and len(w) >= 4:
        return False
    return len(w) >= 2
