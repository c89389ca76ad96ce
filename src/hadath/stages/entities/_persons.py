"""Step 3, unseen persons by context: a title or rank and its complement before a name, a speech verb before
a name, a kunya, a name with an age, a given name and a surname; a title after a known person gives its role
and affiliation.
"""

from __future__ import annotations

from hadath.lang.ar.kb import strip_article
from hadath.stages.entities._context import COMMA, OPEN, QUOTE, Cand, Ctx
from hadath.stages.entities._names import name_at


def _title_at(st: Ctx, i: int) -> tuple[int, str, str] | None:
    t = st.toks[i]
    if not st.lex.spelled_as_title(t):
        return None
    forms = (t.norm, t.core) if t.prefix else (t.norm,)
    hit = st.lex.titles.longest(st.toks, i, forms)
    if hit is None:
        return None
    end, entries, _ = hit
    for kind in ("speech", "title", "rank"):
        for e in entries:
            if e[0] == kind:
                return end, kind, e[1]
    return None


def _mention_at(st: Ctx, j: int) -> Cand | None:
    m = st.covered[j] if j < len(st.toks) else None
    if m is not None and m.start == j:
        return m
    return None


def _complement(st: Ctx, j: int) -> tuple[int, Cand | None, str | None, bool]:
    """Skip a title's complement from token ``j``: organisation, nationality, fillers, portfolio words.

    Returns ``(position after it, organisation mention, country, saw_comma)``.
    """
    toks, lex = st.toks, st.lex
    n = len(toks)
    aff: Cand | None = None
    country: str | None = None
    steps = 0
    while j < n and steps < 10:
        steps += 1
        t = toks[j]
        m = st.covered[j]
        if m is not None and m.kind in ("actor", "org", "generic"):
            if aff is None:
                aff = m
                a = st.kb.actor(m.key) if m.kind == "actor" else None
                if a is not None and a.country:
                    country = country or a.country
            j = m.end
            if j < n and toks[j].norm in (QUOTE, ")") and m.quoted:
                j += 1
            continue
        if j in st.cue_at:
            end, kind, iso = st.cue_at[j]
            if kind in ("adj", "country"):
                country = country or iso
                j = end
                continue
            break
        if t.norm in OPEN and j + 1 < n and st.covered[j + 1] is not None:
            j += 1
            continue
        if t.norm in ('"', ")", "'", "]"):
            j += 1  # the closing mark of a quoted organisation name
            continue
        if t.is_word and (t.norm in lex.fillers or t.core in lex.fillers):
            j += 1
            continue
        if t.is_word and strip_article(t.core) in lex.heads and j + 1 < n:
            k = j + 2 if toks[j + 1].norm in OPEN and j + 2 < n else j + 1
            if st.covered[k] is not None:
                j = k  # بجماعة (جيش ...): the head of an organisation
                continue
        if t.is_word and t.article and not t.prefix and name_at(st, j, gate="strong") is None and aff is None:
            j += 1  # a portfolio word: مدير المكتب الإعلامي
            continue
        break
    return j, aff, country, False


def _after_apposition(st: Ctx, j: int) -> int | None:
    """After ``، <apposition of up to 8 words>،`` return the position after the second comma."""
    toks = st.toks
    n = len(toks)
    if j >= n or toks[j].norm != COMMA:
        return None
    k = j + 1
    while k < n and k - j <= 9 and toks[k].norm != COMMA:
        if toks[k].norm in (".", "!", "?", ";") or toks[k].sent != toks[j].sent:
            return None
        k += 1
    if k < n and toks[k].norm == COMMA:
        return k + 1
    return None


def _new_person(
    st: Ctx,
    i: int,
    end: int,
    role: str | None = None,
    aff: Cand | None = None,
    country: str | None = None,
    strip_first: bool = False,
) -> Cand:
    toks = st.toks
    words = [toks[k].core if (k == i and strip_first) else toks[k].norm for k in range(i, end)]
    m = Cand(
        i, end, "pname", " ".join(words), strip_first=strip_first, role=role, aff=aff, country=country, source="pattern"
    )
    st.add(m)
    return m


def person_patterns(st: Ctx) -> None:
    toks, lex = st.toks, st.lex
    troot = lex.titles.root
    given, particles = lex.given, lex.particles
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.is_word or st.covered[i] is not None:
            i += 1
            continue
        norm = t.norm
        core = t.core if t.prefix else norm
        if (
            norm not in troot
            and core not in troot
            and norm not in given
            and core not in given
            and norm not in particles
            and core not in particles
        ):
            i += 1
            continue
        hit = _title_at(st, i) if (norm in troot or core in troot) else None
        if hit is not None and i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block:
            hit = None  # مدينة الملك عبد الله: a place named after a person
        if hit is not None:
            end, kind, role = hit
            if kind == "speech":
                e = name_at(st, end, gate="strong")
                if e is not None:
                    _new_person(st, end, e)
                    i = e
                    continue
                i = end
                continue
            # title or rank, then complement, then the name
            j, aff, country, _ = _complement(st, end)
            if j < n and toks[j].norm == COMMA:
                e = name_at(st, j + 1, gate="title")
                if e is None:
                    k = _after_apposition(st, j)
                    if k is not None:
                        e2 = name_at(st, k, gate="strong")
                        if e2 is not None:
                            j, e = k, e2
                else:
                    j = j + 1
            else:
                e = name_at(st, j, gate="title")
            m0 = _mention_at(st, j)
            if e is not None and e - j == 1:
                k = e + 1 if e < n and toks[e].norm == "#" else e
                nxt = _mention_at(st, k)
                if nxt is not None and nxt.kind == "person":
                    e, m0, j = None, nxt, k  # الرئيس دونالد #ترمب: the known person
            if e is not None:
                _new_person(st, j, e, role=role, aff=aff, country=country)
                i = e
                continue
            if m0 is not None and m0.kind == "person":
                m0.role = m0.role or role
                m0.aff = m0.aff or aff
                i = m0.end
                continue
            if kind == "title" and (aff is not None or country is not None) and j > end:
                st.title_spans.append((i, j, role, aff, country))
            i = max(end, i + 1)
            continue
        # kunya: أبو محمد، أم أحمد
        w = st.name_form(t)
        if w in lex.kunya and i + 1 < n and toks[i + 1].is_word and toks[i + 1].norm in lex.given:
            if not (i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block):
                e = name_at(st, i + 1, gate="strong")
                if e is not None and st.covered[i + 1] is None:
                    _new_person(st, i, e, strip_first=w != t.norm)
                    i = e
                    continue
        # a name with an age: كريم (29 عاما)
        if w in lex.given and not st.ala(i) and i + 3 < n and toks[i + 1].norm == "(":
            if toks[i + 2].norm.isdigit() and toks[i + 3].norm in lex.age_words:
                _new_person(st, i, i + 1, strip_first=w != t.norm)
                i += 1
                continue
        # a given name and a surname anywhere: محمد علوش
        if w in lex.given and w not in lex.common and not st.ala(i):
            if not (i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block):
                e = name_at(st, i, gate="weak", allow_prefix=True)
                if e is not None:
                    _new_person(st, i, e, strip_first=w != t.norm)
                    i = e
                    continue
        i += 1
    _appositions_after(st)


def _appositions_after(st: Ctx) -> None:
    """Role and affiliation from a title right after a person: رامي عبد الرحمن مدير المرصد."""
    toks = st.toks
    n = len(toks)
    for m in st.mentions:
        if m.kind not in ("pname", "person") or (m.role and m.aff):
            continue
        j = m.end
        if j < n and toks[j].norm == COMMA:
            j += 1
        if j >= n or not toks[j].is_word or st.covered[j] is not None:
            continue
        hit = _title_at(st, j)
        if hit is None or hit[1] != "title":
            continue
        end, _kind, role = hit
        _k, aff, country, _ = _complement(st, end)
        if aff is None and country is None:
            continue
        m.role = m.role or role
        m.aff = m.aff or aff
        m.country = m.country or country
