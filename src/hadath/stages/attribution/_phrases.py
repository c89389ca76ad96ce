"""Noun-phrase boundaries around a cue, read on tokens.

Where a speaker phrase after the verb ends (:func:`np_after`), where a subject before it begins
(:func:`np_before`), and where a subject stops and a bare noun object starts (:func:`np_split`).
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI
from hadath.lang.ar.orthography import ALEF_MADDA, TANWEEN_FATH
from hadath.stages.attribution._context import Ctx

_BI_STOPS = frozenset({BI})  # before a verb every ب-phrase is no subject ("اعترف بوجود ..."), a ل-phrase with ال


def np_after(
    c: Ctx, j: int, limit: int, *, relay: bool = False, stops: frozenset[str] = frozenset(), pp_head: bool = False
) -> int:
    """End token of a speaker phrase starting at ``j`` (``j`` when there is none).

    ``stops`` are the cue's own prepositions (حذر X من، أشار X إلى): they end the phrase.
    """
    if j >= limit:
        return j
    lex = c.lex
    w = c.norms[j]
    if (
        c.is_punct(j)
        or c.is_that(j)
        or w in c.w_nonspeaker
        or w in c.w_boundary
        or c.is_time(j)
        or w in c.w_adverb
        or c.cue_at(j) is not None
        or c.addressee_at(j, limit) > j
        or c.medium_at(j, limit) > j
        or c.frame_at(j, limit) is not None
        or w in lex.no_speaker_preps
        or w in c.w_quant
        or w in c.w_circ
        or (not pp_head and _pp_head(c, j, stops))
        or _accusative(c, j)
    ):
        return j
    if w == '"':
        q = c.quote_close(j, limit)
        # a quoted name right after a frame or verb: وفق "الوطن"، نقلا عن "الخليج" الإماراتية
        if q is None or q - j > 5 or q == j + 1:
            return j
        k = q + 1
        while k < limit and (c.nisba(k) or c.full(k) in c.w_adj):
            k += 1
        if not pp_head and not (
            q - j <= 4
            and k < limit
            and (c.is_that(k) or c.addressee_at(k, limit) > k or c.is_time(k) or c.medium_at(k, limit) > k)
        ):
            return j  # after a verb a quotation is the content: وأضاف "تكمن الأهمية ..."
        return k
    if not c.toks[j].is_word:
        return j
    k = j + 1
    cov = c.cover[j]
    if cov is not None:
        k = max(k, cov[2])
    n = 0
    while k < limit and n < 14:
        n += 1
        w = c.norms[k]
        if w == '"':
            q = c.quote_close(k, limit)
            prev = c.full(k - 1)
            if (
                q is not None
                and q - k <= 5
                and (
                    prev in c.w_nametype
                    or prev in c.w_addr
                    or c.norms[k - 1] in lex.name_preps
                    or c.toks[k - 1].stem in c.w_nametype
                )
            ):
                k = q + 1
                continue
            break
        if c.is_punct(k) or c.is_that(k) or w in c.w_relative or w in c.w_adverb:
            break
        if w in lex.relay_preps:
            if relay or c.full(k - 1) not in c.w_reportof:
                break
            k += 1
            continue
        if w in lex.title_preps and (lex.anonymous.get(c.full(j)) == "role" or titled(c, j)):
            k += 1  # "سفيرة أمريكا لدى الأمم المتحدة": part of the title
            continue
        if w in stops or w in c.w_circ or (w in c.w_nonspeaker and w not in lex.inner_preps):
            break
        if w in c.w_det and not c.toks[k].text.startswith(ALEF_MADDA):  # أي, not the letter آي
            break
        if BI in stops and c.toks[k].has_bi and c.cover[k] is None:
            break
        if w in c.w_boundary or c.boundary_at(k, limit):
            break
        if c.is_time(k) or (w in lex.time_openers and k + 1 < limit and c.is_time(k + 1)):
            break
        if c.addressee_at(k, limit) > k or c.medium_at(k, limit) > k:
            break
        if c.cue_at(k) is not None or c.frame_at(k, limit) is not None:
            break
        if w in lex.negators or w in lex.qad:
            break
        cov = c.cover[k]
        if cov is not None and cov[2] > k + 1:
            k = cov[2]
            continue
        k += 1
    return k


def np_split(c: Ctx, j: int, end: int) -> int:
    """Subject/object split of ``[j, end)`` for a verb with a bare noun object (no إن/أن)."""
    k = j + 1
    cov = c.cover[j]
    if cov is not None:
        k = max(k, min(cov[2], end))
    head = c.full(j)
    inner = c.lex.inner_preps
    anon = c.lex.anonymous.get(head) or c.lex.anonymous.get(c.toks[j].stem)
    indef_noun = not c.definite(j) and not c.nisba(j)
    name_run = cov is None and not anon and not c.definite(j)
    while k < end:
        t = c.toks[k]
        w = c.norms[k]
        cov = c.cover[k]
        if cov is not None and cov[1] == k:
            if indef_noun or c.norms[k - 1] in inner or t.prefix:
                k = cov[2]
                indef_noun = False
                continue
            if cov[0].kind == "person" and anon == "role":
                k = cov[2]
                continue
            break
        if (c.nisba(k) and t.article == c.toks[k - 1].article) or c.full(k) in c.w_adj:
            k += 1  # an adjective agrees in definiteness: "مصدر طبي"، "الحكومة السورية" (not "الوزراء أهمية")
            indef_noun = False
            continue
        if indef_noun and (t.article or (not t.suffix and not t.prefix)):
            k += 1
            indef_noun = not t.article
            continue
        if name_run and not t.article and not t.suffix and not t.prefix and k - j < 4:
            k += 1
            continue
        if anon and (w in inner or t.has_bi or t.has_li) and k + 1 < end:
            k += 1
            indef_noun = w in inner
            continue
        if t.has_li and t.article is False and k + 1 < end and c.toks[k + 1].article:
            k += 2  # المرصد السوري لحقوق الإنسان
            continue
        break
    return k


def np_before(c: Ctx, i: int, s0: int) -> tuple[int, int] | None:
    """A pre-verbal subject ending right before token ``i``: "لكن مديره قال"."""
    b = i - 1
    lex = c.lex
    while b >= s0 and c.norms[b] in lex.qad:
        b -= 1
    end = b + 1
    k = b
    n = 0
    while k >= s0:
        w = c.norms[k]
        if c.is_punct(k) or w in c.w_boundary or w in lex.kana or c.is_that(k):
            break
        if w == '"':
            o = c.inq.get(k - 1)
            if o is not None and k - o <= 5:
                k = o - 1
                n += 2
                continue
            break
        if w in c.w_nonspeaker or w in c.w_relative or c.cue_at(k) is not None:
            return None
        if _verb_like(c, k):
            return None  # "أن السعوديين يعدون تقريرا يفيد": a clause, not a subject
        if c.frame_at(k, i) is not None:
            return None
        n += 1
        if n > 6:
            return None
        t = c.toks[k]
        if t.has_conj:
            # "ووحدات حماية الشعب تنفي": a conjunction starts the phrase only on a definite or known name
            before = c.norms[k - 1] if k > s0 else ""
            if not (t.article or c.cover[k] is not None or before in c.w_boundary):
                return None
            if before in c.w_boundary:
                break
            k -= 1
            break
        k -= 1
    a = k + 1
    if a >= end:
        return None
    if c.norms[a] in lex.topic:
        a += 1
    if a >= end or not c.toks[a].is_word or _pp_head(c, a, _BI_STOPS):
        return None
    # a verb-like word right before the cue ("أظهرت الصور") is not a subject: require a noun-ish head
    if c.norms[a] in c.w_nonspeaker or c.is_time(a):
        return None
    return a, end


def _verb_like(c: Ctx, k: int) -> bool:
    """An imperfect plural/dual verb (يعدون، تقولان) or an indefinite accusative (تقريرا) outside any name."""
    if c.cover[k] is not None:
        return False
    w = c.bare(k)
    t = c.toks[k]
    if c.lex.imperfect_plural(w) and not t.article:
        return True
    return c.lex.indefinite_accusative(w) and not t.article and not t.suffix


def _accusative(c: Ctx, j: int) -> bool:
    """The word carries tanween fath (إعلامياً، مخاطباً): an adverb or object, never a subject."""
    t = c.toks[j]
    return TANWEEN_FATH in t.text or TANWEEN_FATH in c.doc.text[t.end : t.end + 2]  # on the word or just after it


def titled(c: Ctx, a: int) -> bool:
    """A phrase headed by a title or a definite noun, which a name may follow in apposition."""
    return (
        c.lex.anonymous.get(c.full(a)) == "role"
        or c.lex.anonymous.get(c.toks[a].stem) == "role"
        or (c.toks[a].article and c.cover[a] is None)
    )


def _pp_head(c: Ctx, j: int, stops: frozenset[str]) -> bool:
    """A prepositional phrase where a subject would be: "اعترف بوجود ..."، "للجيش"."""
    t = c.toks[j]
    if t.has_bi:
        return t.article or BI in stops
    if t.has_li:
        return t.article
    return False
