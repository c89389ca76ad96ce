"""What stands between a speaker and the content, skipped by :func:`post_skip`.

Appositions (a name after a title belongs to the speaker), parentheticals, relative clauses, time words,
an addressee (لرويترز) and a channel (في بيان، عبر حسابه على تويتر).
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI
from hadath.stages.attribution._context import Ctx
from hadath.stages.attribution._phrases import titled


def post_skip(
    c: Ctx,
    k: int,
    s1: int,
    subj: tuple[int, int] | None,
    objects: frozenset[str] = frozenset(),
    *,
    commas: bool = True,
) -> tuple[int, str | None, int]:
    """Skip appositions, parentheticals, time, addressee and channel between speaker and content.

    Returns the next token, the addressee entity id and the end of an apposition that belongs to the
    speaker (a name after a title: "رئيس الوزراء الإسرائيلي، بنيامين نتنياهو، إن").
    """
    norms = c.norms
    addressee: str | None = None
    appo_end = subj[1] if subj else k
    guard = 0
    while k < s1 and guard < 16:
        guard += 1
        w = norms[k]
        if w == ",":
            nk = k + 1
            if not commas:
                if nk < s1 and norms[nk] in c.w_relative:
                    e = nk + 1
                    while e < s1 and e - nk <= 16 and norms[e] != ",":
                        e += 1
                    if e < s1 and norms[e] == ",":
                        k = e  # "ووفقا للمرصد، الذي يتخذ من بريطانيا مقرا له، فإن ..."
                        continue
                break
            if nk >= s1:
                break
            if c.is_that(nk) or norms[nk] in ('"', ":"):
                k = nk
                continue
            cov = c.cover[nk]
            if subj is not None and cov is not None and cov[0].kind == "person" and cov[1] == nk:
                appo_end = cov[2]
                k = cov[2]
                continue
            if c.cue_at(nk) is not None or c.frame_at(nk, s1) is not None or c.boundary_at(nk, s1):
                break
            if norms[nk] in objects or (BI in objects and c.toks[nk].has_bi):
                k = nk
                break
            seg_end = nk
            bad = False
            while seg_end < s1 and seg_end - nk <= 16:
                x = norms[seg_end]
                if x in (",", ":", ".", '"', ";") or c.is_that(seg_end):
                    break
                if c.cue_at(seg_end) is not None or c.boundary_at(seg_end, s1):
                    bad = True
                seg_end += 1
            length = seg_end - nk
            end_tok = norms[seg_end] if seg_end < s1 else ""
            if not bad and seg_end < s1:
                ends_content = c.is_that(seg_end) or end_tok in ('"', ":")
                after = seg_end + 1
                then_content = end_tok == "," and after < s1 and _content_next(c, after, s1, objects)
                if norms[nk] in c.w_relative and (ends_content or end_tok == ","):
                    k = seg_end
                    continue
                if length <= 8 and (ends_content or then_content):
                    # a short name after a title belongs to the speaker: "رئيس الوزراء، بنيامين نتنياهو،"
                    if (
                        subj is not None
                        and k == appo_end
                        and titled(c, subj[0])
                        and length <= 3
                        and not c.toks[nk].article
                        and c.lex.anonymous.get(c.full(nk)) is None
                        and c.medium_at(nk, s1) == nk
                        and c.addressee_at(nk, s1) == nk
                        and not c.is_time(nk)
                    ):
                        appo_end = seg_end
                    k = seg_end
                    continue
            if (
                subj is not None
                and k == appo_end
                and titled(c, subj[0])
                and length <= 3
                and end_tok == ","
                and not c.toks[nk].article
                and c.lex.anonymous.get(c.full(nk)) is None
                and not c.is_time(nk)
                and c.addressee_at(nk, s1) == nk
                and c.medium_at(nk, s1) == nk
            ):
                appo_end = seg_end  # "وقال مدير المنظمة، فلان الفلاني، لوكالة فرانس برس"
                k = seg_end
                continue
            k = nk
            continue
        if w == "(":
            q = c.close_paren(k, s1)
            if q is None:
                break
            k = q + 1
            continue
        if c.is_time(k) or (w in c.lex.day_words and k + 1 < s1 and c.is_time(k + 1)):
            k = max(k + 1, c.time_end(k, s1))
            continue
        if w in c.w_adverb or c.bare(k) in c.w_adverb:
            k += 1
            continue
        a_end = c.addressee_at(k, s1)
        if a_end > k:
            if addressee is None:
                for m in range(k, a_end):
                    cov = c.cover[m]
                    if cov is not None and cov[0].kind != "place":
                        addressee = cov[0].id
                        break
            k = a_end
            continue
        m_end = c.medium_at(k, s1)
        if m_end > k:
            k = m_end
            continue
        if w in c.w_circ:
            # "أثناء برنامج مشترك ..."، "لدى افتتاح ملتقى": skip up to the content
            e = k + 1
            while e < s1 and e - k <= 10 and not (norms[e] in (",", '"', ":") or c.is_that(e)):
                e += 1
            if e >= s1 or e - k > 10:
                break
            k = e
            continue
        if w in c.w_relative:
            e = k + 1
            while e < s1 and not (norms[e] == "," or c.is_that(e) or norms[e] in objects):
                e += 1
            if e >= s1 or e - k > 16:
                break
            k = e
            continue
        cue2 = c.cue_at(k)
        if cue2 is not None and cue2.kind == "participle" and "say" in cue2.flags:
            c.consumed.add(k)  # "وتابع قائلا إن": the participle belongs to the verb
            k += 1
            continue
        break
    return k, addressee, appo_end


def _content_next(c: Ctx, k: int, s1: int, objects: frozenset[str]) -> bool:
    """Whether token ``k`` (after an aside) leads to the content: إن، a quote, a name, لـ X, في بيان ..."""
    w = c.norms[k]
    cov = c.cover[k]
    return (
        c.is_that(k)
        or w in ('"', ":")
        or (cov is not None and cov[0].kind == "person" and cov[1] == k)
        or w in objects
        or (BI in objects and c.toks[k].has_bi)
        or c.addressee_at(k, s1) > k
        or c.medium_at(k, s1) > k
        or c.is_time(k)
    )
