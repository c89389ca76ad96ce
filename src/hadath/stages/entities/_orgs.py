"""Step 2, unseen organisations: a head followed by a quoted or bracketed name (جماعة "جيش إدلب الحر"), a
strong head followed by name words (جيش إدلب الحر، لواء شهداء بدر), an outlet or company designator followed by a
bare foreign name (صحيفة بيلد، شركة فورد: the name alone), a party or movement designator before a definite name
(حزب العمال).
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.doc import Token
from hadath.lang.ar.kb import strip_article
from hadath.lang.ar.translit import romanize_words_sourced
from hadath.stages.entities._context import OPEN, Cand, Ctx

_MAX_ORG_NAME = 5
_MAX_BARE_NAME = 3


def _org_name_ok(st: Ctx, t: Token) -> bool:
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


def _org_type(st: Ctx, head: str, words: Sequence[str]) -> str:
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


def _designated_name(st: Ctx, j: int, definite: bool) -> int:
    """The end of a name after a party or movement designator (``words/name_designators.txt``), or ``j`` for none.
    The name is definite: a definite word (حزب [العمال]; not after a construct-only designator: حركة المرور) or an
    indefinite word and a definite one (حركة [أنصار الدين]); then only name words (الديمقراطي، الإسلامي) or one
    coordinated definite word (حزب [العدالة والتنمية]) — a common adjective (الحاكم، المعارض) is no part of it."""
    toks, n = st.toks, len(st.toks)

    def word(k: int) -> bool:
        t = toks[k]
        if not t.is_word or st.covered[k] is not None or st.cue_cov[k] or t.prep or st.lex.is_ala(t):
            return False
        if t.prefix and not t.has_wa:
            return False
        w = t.stem if t.has_wa else t.norm
        return w not in st.lex.stop and w not in st.lex.title_words and not st.lex.imperfect_like(w)

    if j >= n or not word(j) or toks[j].has_wa:
        return j
    k = j
    if toks[j].article and not definite:
        return j
    if not toks[j].article:
        if j + 1 >= n or not word(j + 1) or not toks[j + 1].article or toks[j + 1].has_wa:
            return j
        k = j + 1
    k += 1
    coord = False
    while k < n and k - j < _MAX_ORG_NAME and word(k) and toks[k].article:
        if toks[k].has_wa and not coord:
            coord = True
        elif toks[k].norm not in st.lex.name_words:
            break
        k += 1
    return k


def _bare_name(st: Ctx, j: int) -> int:
    """The end of a bare foreign name at token ``j`` after an outlet or company designator, or ``j`` for none: one
    to three words without the article or a clitic, read as written (فورد is no ف + ورد), none among the most
    frequent words or a nisba or feminine adjective (شركة أمريكية، شركة كبرى، مؤسسة خيرية).  A word of the next
    most frequent ones, or one that begins like an imperfect verb (شركة تتعامل ...), opens the name only where the
    name tagger reads a name; the name runs on over the words the tagger reads in it (جورنال دو ديمانش)."""
    toks, lex, n = st.toks, st.lex, len(st.toks)
    tagged = st.tagged or [None] * n

    def free(k: int) -> bool:
        t = toks[k]
        return t.is_word and not t.article and not t.has_wa and st.covered[k] is None and not st.cue_cov[k]

    k = j
    while k < n and k - j < _MAX_BARE_NAME and free(k):
        t = toks[k]
        w = t.norm
        if (t.suffix and not lex.name_suffix_ok(t)) or w in lex.stop or w in lex.title_words:
            break
        if lex.nisba_like(w) or lex.feminine(w) or len(w) < (3 if k == j else 2):
            break
        common = w in lex.soft_stop or (k == j and lex.verb_like(w))
        if common and tagged[k] is None:
            break
        k += 1
    if k > j and tagged[j] is not None:
        while k < n and k - j < _MAX_ORG_NAME and tagged[k] == tagged[j] and free(k) and toks[k].norm not in lex.stop:
            k += 1
    return k


def org_patterns(
    st: Ctx,
    designators: frozenset[str] = frozenset(),
    construct_only: frozenset[str] = frozenset(),
    name_heads: frozenset[str] = frozenset(),
) -> None:
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
        if head not in heads and head not in name_heads:
            i += 1
            continue
        j = i + 1
        # a) a quoted or bracketed name: جماعة "جيش إدلب الحر" / فصيل (فيلق الرحمن)
        if j < n and toks[j].norm in OPEN:
            close = OPEN[toks[j].norm]
            k = j + 1
            while k < n and k - j <= _MAX_ORG_NAME + 1 and toks[k].is_word and toks[k].norm not in OPEN:
                k += 1
            if k < n and toks[k].norm == close and k > j + 1 and st.free(j + 1, k):
                words = [toks[x].norm for x in range(j + 1, k)]
                if head in lex.outlet_heads or not all(w in lex.stop for w in words):
                    m = Cand(j + 1, k, "org", " ".join(words), strip_first=False, head=head, source="pattern")
                    m.actor_type = _org_type(st, head, words)
                    texts = [toks[x].text for x in range(j + 1, k)]
                    m.name_en, m.name_en_source = _org_name_en(st, head, texts, words, quoted=True)
                    m.quoted = True
                    st.add(m)
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
                st.add(_headed_org(st, head, i, j, k))
                i = k
                continue
        # d) an outlet or company designator before a bare foreign name, the name alone: صحيفة [بيلد]، شركة [فورد]
        if head in name_heads and t.article is False and not t.suffix:
            k = _bare_name(st, j)
            if k > j:
                words = [toks[x].norm for x in range(j, k)]
                m = Cand(j, k, "org", " ".join(words), strip_first=False, head=head, source="pattern")
                m.actor_type = _org_type(st, head, words)
                m.name_en, m.name_en_source = romanize_words_sourced([toks[x].text for x in range(j, k)], None)
                m.quoted = True  # named again alone later in the article (step 4)
                st.add(m)
                i = k
                continue
        # c) a party or movement designator before a definite name: حزب العمال، حركة أنصار الدين
        if (head in designators or head in construct_only) and t.article is False and not t.prep and not t.suffix:
            k = _designated_name(st, j, definite=head not in construct_only)
            tg = st.tagged
            if tg is not None and k < n and all(tg[x] == "ORG" for x in range(i, k + 1)):
                k = j  # the tagger reads a longer name (حزب الاتحاد الاجتماعي): step 3b takes it
            if k > j:
                st.add(_headed_org(st, head, i, j, k))
                i = k
                continue
        i += 1


def _headed_org(st: Ctx, head: str, i: int, j: int, k: int) -> Cand:
    """The organisation of head word ``i`` and name words ``[j, k)`` (جيش إدلب الحر، حزب العمال)."""
    toks = st.toks
    words = [toks[x].norm for x in range(j, k)]
    m = Cand(i, k, "org", " ".join([head, *words]), head=head, source="pattern")
    m.actor_type = _org_type(st, head, words)
    m.name_en, m.name_en_source = _org_name_en(st, head, [toks[x].text for x in range(j, k)], words, quoted=False)
    return m


def _org_name_en(st: Ctx, head: str, texts: list[str], words: list[str], quoted: bool) -> tuple[str, str]:
    known = {h: en for h, (_typ, en) in st.lex.heads.items() if en and h in st.lex.strong_heads}
    if quoted:
        return romanize_words_sourced(texts, None, known)
    en = known.get(head, "")
    body, source = romanize_words_sourced(texts, None, known)
    return (f"{en} {body}".strip() if en else body), source
