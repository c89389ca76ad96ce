"""Stage ``entities``: actors (organisations) and persons, resolved and merged inside the article.

How it works (all knowledge is data under ``lang/ar``, loaded once):

1. **Dictionary.**  At each token the alias trie of :mod:`hadath.lang.ar.kb` (actors, persons, generic references,
   country names, nationality adjectives, place cues) is tried with the token's ``forms`` (surface first, then
   the clitic-stripped readings: بالجيش -> الجيش) and the following tokens' surface forms; the longest alias
   wins and is never matched inside a word.
2. **Unseen organisations** by pattern (``org_heads.tsv``): an organisation head followed by a quoted or
   bracketed name (جماعة "جيش إدلب الحر"), or a strong head (جيش، لواء، حركة ...) followed by name words.
3. **Unseen persons** by context (``person_titles.tsv``, ``given_names.txt``): a title or rank before a name
   (المتحدث باسم فصيل "فيلق الرحمن"، ...، وائل علوان), a speech verb before a name (قال X إن), a name whose first
   word is a given name (محمد علوش), a kunya (أم أحمد), a name with an age (كريم (29 عاما)).  Roles and
   affiliations come from the title (before or after the name).
4. **In-article aliases.**  Surnames of the persons found (علوش، نتنياهو) and short names of organisations
   (صحيفة "الوطن" ... "الوطن") are matched again in the rest of the article.
5. **Focus country** (``doc.focus_country``): votes of country names, nationality adjectives and place cues
   (locative uses and the title weigh more) and of the countries of the local actors found.
6. **Generic references** (``generic_refs.tsv``): النظام، الجيش، التنظيم، المعارضة ... resolve to the last
   matching antecedent in the article or to the focus country's actor (Military Forces of X, ...).
7. **Merging.**  All mentions of one referent become one :class:`~hadath.doc.Entity` (ids e1, e2, ... in order of
   first mention); a state's forces outside the focus country are reported as ``external``.

Mentions are spans of the original text without one-letter proclitics (بالجيش -> الجيش; لل keeps its ل).
Bare country names (قالت إسرائيل) and nationality adjectives are not entities here: the places stage owns them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from hadath.doc import Doc, Entity, Focus, Span, Token
from hadath.lang.ar import Arabic
from hadath.lang.ar.clitics import AL, BI, KA, PROCLITIC_LETTERS, WA
from hadath.lang.ar.kb import KB, AliasTrie, Entry, alias_key, strip_article
from hadath.lang.ar.names import NameLexicon
from hadath.lang.ar.orthography import TASHKEEL_RE
from hadath.lang.ar.translit import romanize_name, romanize_words

__all__ = ["Entities", "make_stage"]

_ENTITY_KINDS = ("actor", "person", "generic")
_CUE_KINDS = ("country", "adj", "cue")
_QUOTE = '"'
_OPEN = {'"': '"', "(": ")", "'": "'", "[": "]"}
_COMMA = ","
_MAX_NAME = 5
_MAX_ORG_NAME = 5


@dataclass(slots=True)
class _M:
    """A mention candidate over tokens ``[start, end)``."""

    start: int
    end: int
    kind: str  # actor | person | generic | org | pname
    key: str
    strip_first: bool = True
    head: str | None = None  # normalised head word (without ال) right before or at the start
    actor_type: str | None = None
    name_en: str | None = None
    role: str | None = None
    aff: _M | None = None
    country: str | None = None
    quoted: bool = False
    resolved: tuple[str, str] | None = None  # entity key after resolution
    cut: int | None = None  # characters of the first token to leave out (when not its proclitics)
    source: str = "kb"


@dataclass(slots=True)
class _State:
    doc: Doc
    kb: KB
    lex: NameLexicon
    toks: list[Token]
    covered: list[_M | None]
    cue_cov: list[bool]
    mentions: list[_M] = field(default_factory=list)
    votes: dict[str, float] = field(default_factory=dict)
    cue_at: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # start -> (end, kind, iso)
    title_spans: list[tuple[int, int, str, _M | None, str | None]] = field(default_factory=list)


class Entities:
    name: str = "entities"
    requires: frozenset[str] = frozenset({"tokens"})
    provides: frozenset[str] = frozenset({"entities", "focus"})

    def __init__(self, lang: Arabic) -> None:
        self.kb = lang.kb
        self.lex = lang.names

    def __call__(self, doc: Doc) -> Doc:
        kb, lex = self.kb, self.lex
        toks = doc.tokens
        st = _State(doc, kb, lex, toks, [None] * len(toks), [False] * len(toks))
        _dictionary(st)
        _org_patterns(st)
        _person_patterns(st)
        _in_article_aliases(st)
        doc.focus = _focus(st)
        _role_coreference(st)
        _resolve_generics(st)
        _build_entities(st)
        return doc


def make_stage(lang: Arabic) -> Entities:
    return Entities(lang)


# ----------------------------------------------------------------------------------------------------------
# helpers


def _core(t: Token) -> str:
    return t.core if t.is_word else t.norm


def _name_form(st: _State, t: Token) -> str:
    """The reading of a token as a name word: the surface when it is a known name (كريم is not ك + ريم)."""
    if t.norm in st.lex.given or t.norm in st.lex.particles or not t.prefix:
        return t.norm
    return t.core


def _add(st: _State, m: _M) -> None:
    st.mentions.append(m)
    for k in range(m.start, m.end):
        st.covered[k] = m


def _free(st: _State, i: int, j: int) -> bool:
    return all(st.covered[k] is None for k in range(i, j))


def _head_before(st: _State, i: int) -> str | None:
    """The organisation head right before token ``i`` (skipping one quote or bracket): تنظيم "داعش"."""
    k = i - 1
    if k >= 0 and st.toks[k].norm in _OPEN:
        k -= 1
    if k >= 0 and st.toks[k].is_word:
        c = strip_article(_core(st.toks[k]))
        if c in st.lex.heads:
            return c
    return None


# ----------------------------------------------------------------------------------------------------------
# 1. dictionary


def _generic_ok(st: _State, i: int, end: int) -> bool:
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


def _dictionary(st: _State) -> None:
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
            if kind == "generic" and not _generic_ok(st, i, end):
                i += 1
                continue
            m = _M(i, end, kind, key, strip_first=fi > 0, head=_head_before(st, i))
            if short and fi == len(forms) - 1:
                m.cut = 1
            if kind == "actor":
                first = strip_article(_core(t))
                if first in st.lex.heads and m.head is None:
                    m.head = first
            m.quoted = i > 0 and toks[i - 1].norm == _QUOTE
            _add(st, m)
            i = end
            continue
        cue = [e for e in entries if e[0] in _CUE_KINDS]
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


# ----------------------------------------------------------------------------------------------------------
# 2. unseen organisations


def _org_name_ok(st: _State, t: Token) -> bool:
    if not t.is_word or t.prefix or st.lex.is_ala(t):
        return False
    w = t.norm
    if w in st.lex.name_words:
        return True
    if w in st.lex.stop or w in st.lex.soft_stop or w in st.lex.title_words:
        return False
    if st.lex.imperfect_like(w) and w not in st.lex.given:
        return False
    return True


def _org_type(st: _State, head: str, words: Sequence[str]) -> str:
    typ = st.lex.heads.get(head, ("rebel_group", ""))[0]
    inner = strip_article(words[0]) if words else ""
    if inner in st.lex.heads and inner != head:
        typ = st.lex.heads[inner][0]
    for w in words:
        hint = st.lex.name_words.get(w)
        if hint and hint != "noncombatant":
            typ = hint
            break
    return typ


def _org_patterns(st: _State) -> None:
    toks, lex = st.toks, st.lex
    heads = lex.heads
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.is_word or st.covered[i] is not None or st.cue_cov[i]:
            i += 1
            continue
        head = t.stem
        if head not in heads:
            i += 1
            continue
        j = i + 1
        # a) a quoted or bracketed name: جماعة "جيش إدلب الحر" / فصيل (فيلق الرحمن)
        if j < n and toks[j].norm in _OPEN:
            close = _OPEN[toks[j].norm]
            k = j + 1
            while k < n and k - j <= _MAX_ORG_NAME + 1 and toks[k].is_word and toks[k].norm not in _OPEN:
                k += 1
            if k < n and toks[k].norm == close and k > j + 1 and _free(st, j + 1, k):
                words = [toks[x].norm for x in range(j + 1, k)]
                if head in lex.outlet_heads or not all(w in lex.stop for w in words):
                    m = _M(j + 1, k, "org", " ".join(words), strip_first=False, head=head, source="pattern")
                    m.actor_type = _org_type(st, head, words)
                    m.name_en = _org_name_en(st, head, [toks[x].text for x in range(j + 1, k)], words, quoted=True)
                    m.quoted = True
                    _add(st, m)
                    i = k + 1
                    continue
        # b) a strong head followed by name words: جيش إدلب الحر، لواء شهداء بدر
        if head in lex.strong_heads and t.article is False:
            k = j
            specific = False
            while k < n and k - j < _MAX_ORG_NAME and st.covered[k] is None and _org_name_ok(st, toks[k]):
                if toks[k].norm not in lex.name_words:
                    specific = True
                k += 1
            # also accept place cues inside the name
            if k > j and (specific or k - j >= 2):
                words = [toks[x].norm for x in range(j, k)]
                m = _M(i, k, "org", " ".join([head, *words]), head=head, source="pattern")
                m.actor_type = _org_type(st, head, words)
                m.name_en = _org_name_en(st, head, [toks[x].text for x in range(j, k)], words, quoted=False)
                _add(st, m)
                i = k
                continue
        i += 1


def _org_name_en(st: _State, head: str, texts: list[str], words: list[str], quoted: bool) -> str:
    known = {h: en for h, (_typ, en) in st.lex.heads.items() if en and h in st.lex.strong_heads}
    if quoted:
        return romanize_words(texts, None, known)
    en = known.get(head, "")
    body = romanize_words(texts, None, known)
    return f"{en} {body}".strip() if en else body


# ----------------------------------------------------------------------------------------------------------
# 3. unseen persons


def _name_at(st: _State, j: int, *, gate: str, allow_prefix: bool = False) -> int | None:
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
    first = _name_form(st, t0)
    if first != t0.norm and not allow_prefix:
        return None
    unknown_first = False
    if first in lex.particles:
        pass
    elif first in lex.given and not lex.is_ala(t0):
        if gate == "weak" and first in lex.common:
            return None
    elif (
        gate == "title"
        and not t0.article
        and t0.norm not in lex.soft_stop
        and lex.foreign_ok(st.doc.text, t0)
        and _surname_ok(st, t0)
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
                and _surname_ok(st, t)
            )
        ):
            break
        if w in lex.particles:
            if k + 1 < n and toks[k + 1].is_word and st.covered[k + 1] is None and toks[k + 1].norm not in lex.stop:
                k += 2
                count += 2
                continue
            break
        if (w in lex.given and not lex.is_ala(t)) or (k == j and unknown_first):
            k += 1
            count += 1
            continue
        if (
            k > j
            and _surname_ok(st, t)
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


def _surname_ok(st: _State, t: Token) -> bool:
    lex = st.lex
    w = t.norm
    if lex.is_ala(t):
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


def _title_at(st: _State, i: int) -> tuple[int, str, str] | None:
    t = st.toks[i]
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


def _mention_at(st: _State, j: int) -> _M | None:
    m = st.covered[j] if j < len(st.toks) else None
    if m is not None and m.start == j:
        return m
    return None


def _complement(st: _State, j: int) -> tuple[int, _M | None, str | None, bool]:
    """Skip a title's complement from token ``j``: organisation, nationality, fillers, portfolio words.

    Returns ``(position after it, organisation mention, country, saw_comma)``.
    """
    toks, lex = st.toks, st.lex
    n = len(toks)
    aff: _M | None = None
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
            if j < n and toks[j].norm in (_QUOTE, ")") and m.quoted:
                j += 1
            continue
        if j in st.cue_at:
            end, kind, iso = st.cue_at[j]
            if kind in ("adj", "country"):
                country = country or iso
                j = end
                continue
            break
        if t.norm in _OPEN and j + 1 < n and st.covered[j + 1] is not None:
            j += 1
            continue
        if t.norm in ('"', ")", "'", "]"):
            j += 1  # the closing mark of a quoted organisation name
            continue
        if t.is_word and (t.norm in lex.fillers or t.core in lex.fillers):
            j += 1
            continue
        if t.is_word and strip_article(t.core) in lex.heads and j + 1 < n:
            k = j + 2 if toks[j + 1].norm in _OPEN and j + 2 < n else j + 1
            if st.covered[k] is not None:
                j = k  # بجماعة (جيش ...): the head of an organisation
                continue
        if t.is_word and t.article and not t.prefix and _name_at(st, j, gate="strong") is None and aff is None:
            j += 1  # a portfolio word: مدير المكتب الإعلامي
            continue
        break
    return j, aff, country, False


def _after_apposition(st: _State, j: int) -> int | None:
    """After ``، <apposition of up to 8 words>،`` return the position after the second comma."""
    toks = st.toks
    n = len(toks)
    if j >= n or toks[j].norm != _COMMA:
        return None
    k = j + 1
    while k < n and k - j <= 9 and toks[k].norm != _COMMA:
        if toks[k].norm in (".", "!", "?", ";") or toks[k].sent != toks[j].sent:
            return None
        k += 1
    if k < n and toks[k].norm == _COMMA:
        return k + 1
    return None


def _new_person(
    st: _State,
    i: int,
    end: int,
    role: str | None = None,
    aff: _M | None = None,
    country: str | None = None,
    strip_first: bool = False,
) -> _M:
    toks = st.toks
    words = [toks[k].core if (k == i and strip_first) else toks[k].norm for k in range(i, end)]
    m = _M(
        i, end, "pname", " ".join(words), strip_first=strip_first, role=role, aff=aff, country=country, source="pattern"
    )
    _add(st, m)
    return m


def _person_patterns(st: _State) -> None:
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
                e = _name_at(st, end, gate="strong")
                if e is not None:
                    _new_person(st, end, e)
                    i = e
                    continue
                i = end
                continue
            # title or rank, then complement, then the name
            j, aff, country, _ = _complement(st, end)
            if j < n and toks[j].norm == _COMMA:
                e = _name_at(st, j + 1, gate="title")
                if e is None:
                    k = _after_apposition(st, j)
                    if k is not None:
                        e2 = _name_at(st, k, gate="strong")
                        if e2 is not None:
                            j, e = k, e2
                else:
                    j = j + 1
            else:
                e = _name_at(st, j, gate="title")
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
        w = _name_form(st, t)
        if w in lex.kunya and i + 1 < n and toks[i + 1].is_word and toks[i + 1].norm in lex.given:
            if not (i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block):
                e = _name_at(st, i + 1, gate="strong")
                if e is not None and st.covered[i + 1] is None:
                    _new_person(st, i, e, strip_first=w != t.norm)
                    i = e
                    continue
        # a name with an age: كريم (29 عاما)
        if w in lex.given and not lex.is_ala(t) and i + 3 < n and toks[i + 1].norm == "(":
            if toks[i + 2].norm.isdigit() and toks[i + 3].norm in lex.age_words:
                _new_person(st, i, i + 1, strip_first=w != t.norm)
                i += 1
                continue
        # a given name and a surname anywhere: محمد علوش
        if w in lex.given and w not in lex.common and not lex.is_ala(t):
            if not (i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block):
                e = _name_at(st, i, gate="weak", allow_prefix=True)
                if e is not None:
                    _new_person(st, i, e, strip_first=w != t.norm)
                    i = e
                    continue
        i += 1
    _appositions_after(st)


def _appositions_after(st: _State) -> None:
    """Role and affiliation from a title right after a person: رامي عبد الرحمن مدير المرصد."""
    toks = st.toks
    n = len(toks)
    for m in st.mentions:
        if m.kind not in ("pname", "person") or (m.role and m.aff):
            continue
        j = m.end
        if j < n and toks[j].norm == _COMMA:
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


# ----------------------------------------------------------------------------------------------------------
# 4. in-article aliases


def _in_article_aliases(st: _State) -> None:
    toks, lex, kb = st.toks, st.lex, st.kb
    local = AliasTrie()
    targets: dict[str, _M] = {}
    quoted_only: set[str] = set()
    for m in st.mentions:
        if m.kind == "pname":
            words = tuple(m.key.split())
            last = words[-1]
            if (
                len(words) >= 2
                and words[-2] not in lex.particles
                and last not in lex.given
                and last not in lex.particles
                and last not in lex.compounds
                and last not in lex.stop
                and last not in lex.soft_stop
                and lex.article_surname_ok(last)
            ):
                local.add((last,), ("pname", m.key))
            if len(words) >= 2 or (words[0] not in lex.common and words[0] not in lex.soft_stop):
                local.add(words, ("pname", m.key))
        elif m.kind == "person":
            p = kb.person(m.key)
            if p is not None:
                words = alias_key(p.names_ar[0])
                last = words[-1]
                if (
                    len(words) >= 2
                    and words[-2] not in lex.particles
                    and last not in lex.given
                    and last not in lex.particles
                    and last not in lex.compounds
                ):
                    local.add((last,), ("person", m.key))
        elif m.kind == "org" and m.quoted:
            local.add(tuple(m.key.split()), ("org", m.key))
        elif m.kind == "actor" and m.end - m.start >= 2:
            head = strip_article(_core(toks[m.start]))
            if head in lex.outlet_heads:
                rest = tuple(toks[k].norm for k in range(m.start + 1, m.end) if toks[k].is_word)
                if rest:
                    key = " ".join(rest)
                    local.add(rest, ("actor", m.key))
                    if len(rest) == 1:
                        quoted_only.add(key)
    if not local.root:
        return
    for key_m in st.mentions:
        targets[key_m.key] = key_m
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.is_word or st.covered[i] is not None:
            i += 1
            continue
        if t.norm not in local.root and (not t.prefix or t.core not in local.root):
            i += 1
            continue
        hit = local.longest(toks, i) if not lex.is_ala(t) else None
        if hit is None:
            i += 1
            continue
        end, entries, _fi = hit
        if not _free(st, i, end):
            i += 1
            continue
        kind, key = entries[0]
        text = " ".join((toks[k].forms[_fi] if k == i else toks[k].norm) for k in range(i, end))
        if text in quoted_only and not (i > 0 and toks[i - 1].norm == _QUOTE):
            i += 1
            continue
        if i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block:
            i += 1
            continue
        mk = {"pname": "pname", "person": "person", "org": "org", "actor": "actor"}[kind]
        m = _M(i, end, mk, key, strip_first=_fi > 0, source="pattern" if mk in ("pname", "org") else "kb")
        src = targets.get(key)
        if src is not None:
            m.actor_type, m.name_en = src.actor_type, src.name_en
        _add(st, m)
        i = end


# ----------------------------------------------------------------------------------------------------------
# 5. focus country


def _cue_weight(kind: str, locative: bool) -> float:
    """Votes of a country cue: places and locative uses (في سوريا) weigh more than agents (قالت إسرائيل)."""
    if kind == "cue":
        return 1.0
    base = 0.5 if kind == "country" else 0.25
    return base * 4 if locative else base


def _focus(st: _State) -> Focus:
    """The focus layer from the names: weighed country votes; decided when the best has at least 1.0."""
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
    st.votes = votes
    if not votes:
        return Focus(None, None, votes)
    best = max(sorted(votes), key=lambda c: votes[c])
    return Focus(best, "names", votes) if votes[best] >= 1.0 else Focus(None, None, votes)


_BI_STARTS = (BI, WA + BI)


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
                ents = [e for e in node.get("", []) if e[0] in _CUE_KINDS]
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


# ----------------------------------------------------------------------------------------------------------
# 6. role phrases and generic references


def _role_coreference(st: _State) -> None:
    """A title phrase without a name (رئيس الوزراء الإسرائيلي) names the one person of the article in that office."""
    if not st.title_spans:
        return
    kb = st.kb
    people: list[tuple[_M, str | None, str | None, str | None]] = []
    for m in st.mentions:
        if m.kind == "person":
            p = kb.person(m.key)
            if p is not None:
                people.append((m, p.role, p.country, p.affiliation))
        elif m.kind == "pname" and m.role:
            maff = m.aff.key if m.aff is not None and m.aff.kind == "actor" else None
            people.append((m, m.role, m.country, maff))
    for i, j, role, aff, country in st.title_spans:
        if not _free(st, i, j):
            continue
        aff_id = aff.key if aff is not None and aff.kind == "actor" else None
        cands = {
            (pm.kind, pm.key)
            for pm, prole, pcountry, paff in people
            if prole == role
            and ((country is not None and pcountry == country) or (aff_id is not None and paff == aff_id))
        }
        if len(cands) == 1:
            kind, key = next(iter(cands))
            _add(st, _M(i, j, kind, key, source="context"))


def _resolve_generics(st: _State) -> None:
    kb = st.kb
    focus = st.doc.focus_country
    date = st.doc.meta.published
    st.mentions.sort(key=lambda m: m.start)
    for m in st.mentions:
        if m.kind == "actor":
            m.resolved = ("actor", kb.current(m.key, date))
        elif m.kind == "person":
            m.resolved = ("person", m.key)
        elif m.kind == "pname":
            m.resolved = ("pname", m.key)
        elif m.kind == "org":
            m.resolved = ("org", m.key)
    for idx, m in enumerate(st.mentions):
        if m.kind != "generic":
            continue
        g = kb.generic.get(tuple(m.key.split()))
        if g is None:
            continue
        res: tuple[str, str] | None = None
        if g.antecedent:
            res = _antecedent(st, idx, g.antecedent, g.window)
        if res is None and g.recent_ids:
            ids = set(g.recent_ids)
            for k in range(idx - 1, max(-1, idx - 1 - _LOOKBACK), -1):
                prev = st.mentions[k]
                if prev.resolved and prev.resolved[0] == "actor" and prev.resolved[1] in ids:
                    res = prev.resolved
                    break
        if res is None:
            target = g.target_for(focus)
            if target is None and g.countries and focus not in g.countries:
                # the focus is elsewhere but the article is about one of the listed countries too
                for cc in sorted(g.countries, key=lambda c: -st.votes.get(c, 0)):
                    if st.votes.get(cc, 0) >= 2:
                        target = g.target_for(cc)
                        break
            if target is not None:
                if target in kb.actors:
                    res = ("actor", kb.current(target, date))
                elif g.name_en:
                    tcc = target.rsplit("_", 1)[-1] if "_" in target else focus
                    cname = kb.country_name(tcc) or tcc or ""
                    name = g.name_en.replace("{country}", cname)
                    res = ("synth", name)
                    m.name_en, m.actor_type = name, g.actor_type
                    m.country = tcc if tcc in kb.countries else None
        m.resolved = res
        m.source = "context"


#: how many earlier mentions a generic reference looks back at (keeps very long texts linear)
_LOOKBACK = 400


def _antecedent(st: _State, idx: int, heads: tuple[tuple[str, ...], ...], window: int | None) -> tuple[str, str] | None:
    toks = st.toks
    m = st.mentions[idx]
    sent = toks[m.start].sent
    for k in range(idx - 1, max(-1, idx - 1 - _LOOKBACK), -1):
        prev = st.mentions[k]
        if prev.resolved is None or prev.kind in ("person", "pname") or prev.resolved[0] in ("person", "pname"):
            continue
        if window is not None and sent - toks[prev.start].sent > window:
            break
        cores = tuple(strip_article(_core(toks[k])) for k in range(prev.start, min(prev.end, prev.start + 3)))
        for h in heads:
            if cores[: len(h)] == h or (prev.head is not None and (prev.head,) == h[:1] and len(h) == 1):
                return prev.resolved
    return None


# ----------------------------------------------------------------------------------------------------------
# 7. entities


def _span(st: _State, m: _M) -> Span:
    doc, toks = st.doc, st.toks
    t0 = toks[m.start]
    last = toks[m.end - 1]
    if m.quoted and m.kind == "actor" and last.norm == _QUOTE:
        last = toks[m.end - 1]
    k = len(t0.prefix) if (m.strip_first and t0.prefix) else 0
    if k and t0.article and not t0.norm[k:].startswith(AL):
        k -= 1  # للمعارضة: the ل of the article stays
    if m.cut is not None:
        k = m.cut
    if k:
        s, _ = doc.norm.to_original(t0.nstart + k, t0.nend)
    else:
        s = t0.start
    e = last.end
    text = doc.text
    while e < len(text) and TASHKEEL_RE.match(text, e):
        e += 1  # the tashkeel of the last letter belongs to the mention
    # a closing quote that belongs to an alias spelled with quotes inside ('تنظيم "داعش"')
    inner = [toks[x].norm for x in range(m.start, m.end)]
    if inner.count(_QUOTE) == 1 and m.end < len(toks) and toks[m.end].norm == _QUOTE:
        e = toks[m.end].end
    return Span(s, e, doc.text[s:e])


def _build_entities(st: _State) -> None:
    kb, doc = st.kb, st.doc
    focus = doc.focus_country
    groups: dict[tuple[str, str], list[_M]] = {}
    for m in sorted(st.mentions, key=lambda x: x.start):
        if m.resolved is None:
            continue
        groups.setdefault(m.resolved, []).append(m)
    ordered = sorted(groups.items(), key=lambda kv: kv[1][0].start)
    base = len(doc.entities)
    ids: dict[tuple[str, str], str] = {key: f"e{base + n + 1}" for n, (key, _) in enumerate(ordered)}
    out: list[Entity] = []
    for key, ms in ordered:
        spans: list[Span] = []
        seen: set[tuple[int, int]] = set()
        for m in ms:
            sp = _span(st, m)
            if (sp.start, sp.end) not in seen:
                seen.add((sp.start, sp.end))
                spans.append(sp)
        name_ar = max((s.text for s in spans), key=len)
        sources = {m.source for m in ms}
        source = "kb" if "kb" in sources else ("pattern" if "pattern" in sources else "context")
        kind, ref = key
        ent = Entity(
            id=ids[key],
            kind="organization",
            name_ar=name_ar,
            name_en=None,
            canonical_id=None,
            actor_type=None,
            mentions=spans,
            source=source,
        )
        if kind == "actor":
            a = kb.actors[ref]
            ent.name_en, ent.canonical_id, ent.country = a.name_en, a.id, a.country
            ent.actor_type = a.actor_type
            if a.actor_type == "state_forces" and a.country and focus and a.country != focus:
                ent.actor_type = "external"
        elif kind == "synth":
            m0 = ms[0]
            ent.name_en, ent.actor_type, ent.country = ref, m0.actor_type, m0.country
            if ent.actor_type == "state_forces" and ent.country and focus and ent.country != focus:
                ent.actor_type = "external"
        elif kind == "org":
            m0 = next((m for m in ms if m.name_en), ms[0])
            ent.name_en = m0.name_en or romanize_words(name_ar.split(), focus)
            ent.actor_type = m0.actor_type or "rebel_group"
            ent.country = focus
        elif kind == "person":
            p = kb.persons[ref]
            ent.kind, ent.name_en, ent.canonical_id, ent.country = "person", p.name_en, p.id, p.country
            ent.role = next((m.role for m in ms if m.role), p.role)
            ent.affiliation = _aff_id(ms, ids, kb, p.affiliation, st)
        else:  # pname
            ent.kind = "person"
            ent.name_en = romanize_name(name_ar, focus)
            ent.role = next((m.role for m in ms if m.role), None)
            ent.country = next((m.country for m in ms if m.country), None)
            ent.affiliation = _aff_id(ms, ids, kb, None, st)
        if ent.kind == "person":
            ent.actor_type = None
        out.append(ent)
    doc.entities.extend(out)


def _aff_id(ms: list[_M], ids: dict[tuple[str, str], str], kb: KB, kb_aff: str | None, st: _State) -> str | None:
    for m in ms:
        if m.aff is not None and m.aff.resolved is not None and m.aff.resolved in ids:
            return ids[m.aff.resolved]
    if kb_aff:
        key = ("actor", kb_aff)
        if key in ids:
            return ids[key]
    return None
