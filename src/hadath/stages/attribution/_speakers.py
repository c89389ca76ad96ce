"""Who speaks: a speaker phrase linked to the entity it names, or the speaker an act continues.

:func:`speaker` links a phrase to the entity whose mention covers its head (a place only when it is the whole
phrase: "قالت إسرائيل"); anonymous sources keep no entity.  :func:`speakers` splits a phrase at و before a second
source; :func:`antecedent` finds the speaker of a cue with no subject (وأضاف، مضيفا).
"""

from __future__ import annotations

import itertools

from hadath.doc import Entity
from hadath.lang.ar.clitics import FA
from hadath.stages.attribution._context import Ctx, Who
from hadath.stages.attribution._phrases import np_after, np_before


def speaker(c: Ctx, a: int, b: int, *, conj: bool = False) -> Who | None:
    """The speaker phrase of tokens ``[a, b)`` linked to an entity when one covers its head."""
    toks = c.toks
    while a < b and c.is_punct(a):
        a += 1
    while b > a and c.is_punct(b - 1):
        b -= 1
    # quotation marks at the edges go unless they enclose a name inside the phrase: صحيفة "الوطن"
    if b > a and c.norms[a] == '"' and c.qpair.get(a, b) >= b - 1:
        a += 1
        if b > a and c.norms[b - 1] == '"':
            b -= 1
    elif b > a and c.norms[b - 1] == '"' and (b - 1) not in c.qpair.values():
        b -= 1
    if b <= a:
        return None
    # "البيان الصادر عن X": the issuer speaks
    if c.full(a) in c.w_report and a + 3 < b and c.full(a + 1) in c.w_reportof and c.norms[a + 2] in c.lex.relay_preps:
        a += 3
    t0 = toks[a]
    s = t0.start
    cov = c.surface_cover(a)
    head = c.full(a)
    anon_kind = _anonymous_kind(c, a)
    if anon_kind is None:
        # a named source keeps its name, not its location: "الإدارة الصحية في منطقة خاضعة لسيطرة ..."
        for k in range(max(a + 1, cov[2] if cov is not None else a + 1), b):
            if c.norms[k] in c.lex.location_preps and c.cover[k] is None:
                b = k
                break
    if conj and t0.has_conj:
        # a phrase before its verb or a second conjunct may start with و/ف; one after the verb never does
        inner = [m.start for m in cov[0].mentions if t0.start < m.start < t0.end] if cov is not None else []
        if inner:
            s = inner[0]
        elif t0.article or cov is not None:
            s = c.skip_prefix(a, 1)
    e = toks[b - 1].end
    text = c.doc.text[s:e]
    ent: Entity | None = None
    if cov is not None:
        e0 = cov[0]
        if e0.kind != "place":
            ent = e0
        elif cov[2] >= b - 1 or (cov[2] >= b - 2 and not anon_kind):
            ent = e0  # a country acting as a speaker: "قالت إسرائيل"
    person: Entity | None = None
    for k in range(a, b):
        ck = c.cover[k]
        if ck is not None and ck[0].kind == "person":
            person = ck[0]
            break
    if person is not None and (ent is None or ent.kind != "person") and (anon_kind == "role" or ent is None):
        ent = person  # "مدير المرصد رامي عبد الرحمن"
    if ent is not None and ent is not person and anon_kind is not None and (cov is None or cov[1] > a):
        ent = None  # "مصدر في جماعة أحرار الشام": the group is the affiliation, not the speaker
    if ent is not None and anon_kind is not None and cov is not None and cov[1] == a and anon_kind != "role":
        pass  # the description IS the entity ("وسائل الإعلام السورية الرسمية")
    anonymous = ent is None and anon_kind is not None and not t0.suffix
    if anonymous and anon_kind == "role" and not t0.article and a + 1 < b and toks[a + 1].article:
        anonymous = False  # "وزير الخارجية الأميركي": a title in construct names one person
    if anonymous and anon_kind == "role" and any(c.norms[k] == "," for k in range(a, b)):
        anonymous = False  # "أمين عام وزارة النقل، أنمار الخصاونة": a title and a name
    return Who(ent.id if ent else None, text, s, e, anonymous, head or c.norms[a])


def _anonymous_kind(c: Ctx, a: int) -> str | None:
    """The anonymous-source kind of the head word ``a`` (definite forms only when listed: المصدر)."""
    lex_anon = c.lex.anonymous
    t = c.toks[a]
    if t.article:
        return lex_anon.get(c.full(a))
    return lex_anon.get(c.full(a)) or lex_anon.get(t.stem) or lex_anon.get(c.bare(a))


def speakers(c: Ctx, a: int, b: int, *, conj: bool = False) -> list[Who]:
    """One or more speakers for the phrase ``[a, b)`` (split at و before a second source)."""
    cuts = [a]
    also = c.lex.also
    for k in range(a + 1, b):
        t = c.toks[k]
        if not t.has_wa and c.norms[k] not in also and c.bare(k) not in also:
            continue
        if c.norms[k] in c.lex.also_wa or c.bare(k) in also:
            if k + 1 < b:
                cuts.append(k + 1)
            continue
        cov = c.cover[k]
        prev = c.cover[cuts[-1]]
        head = c.full(k)
        second_source = (cov is not None and cov[0].kind != "place" and cov[1] == k) or (
            head in c.lex.anonymous and c.lex.anonymous[head] != "role"
        )
        first_ok = prev is None or prev[0].kind != "place"
        if not second_source and cov is None and t.article and c.toks[cuts[-1]].article and not c.nisba(k):
            second_source = prev is not None or c.full(cuts[-1]) in c.lex.anonymous or True
            if k - cuts[-1] > 3:
                second_source = False
        if second_source and first_ok:
            cuts.append(k)
    out: list[Who] = []
    for x, y in itertools.pairwise([*cuts, b]):
        w = speaker(c, x, y, conj=conj or x > a)
        if w is not None:
            out.append(w)
    return out


def antecedent(c: Ctx, i: int, s0: int) -> Who | None:
    """The speaker that a subjectless cue at token ``i`` continues.

    Inside a sentence that already reported speech, that act's speaker; inside a narrated VSO
    sentence ("دشن الرئيس المصري ...، مشددا على ..."), the subject of its first verb; otherwise the
    previous speaker.
    """
    for r in reversed(c.recs):
        if r.who is None or r.article_level:
            continue
        if r.content_tokens is not None and r.content_tokens[0] >= s0 and r.content_tokens[0] < i:
            return r.who
        break
    if i > s0 + 2:
        subj = _sentence_subject(c, s0, i)
        if subj is not None:
            return subj
    return c.last


def _sentence_subject(c: Ctx, s0: int, i: int) -> Who | None:
    """The subject of a sentence that opens with a verb: "دشن الرئيس المصري عبد الفتاح السيسي، ..."."""
    v = s0
    t = c.toks[v]
    w = c.norms[v]
    if not t.is_word or t.article or w in c.w_nonspeaker or w in c.w_boundary or c.is_time(v):
        return None
    if c.cover[v] is not None or c.frame_at(v, i) is not None or w in c.lex.cues or c.bare(v) in c.lex.cues:
        return None
    end = np_after(c, v + 1, i)
    if end <= v + 1 or end - (v + 1) > 8:
        return None
    a = v + 1
    cov = c.cover[a]
    if cov is not None and cov[0].kind == "place" and cov[2] >= end:
        return None
    if cov is None and _anonymous_kind(c, a) is None:
        return None  # only a named actor or a source-like head ("زاد اختفاء الصحفي" is no speaker)
    return speaker(c, a, end)


def pre_subject(c: Ctx, i: int, s0: int) -> tuple[int, int] | None:
    # أما X ف+cue
    w = c.norms[i]
    if w[:1] == FA and w not in c.lex.cues:
        for k in range(i - 1, max(s0 - 1, i - 16), -1):
            if c.norms[k] in c.lex.topic_conj:
                end = np_after(c, k + 1, i)
                return (k + 1, end) if end > k + 1 else None
        return None
    return np_before(c, i, s0)


def plausible_source(c: Ctx, a: int, b: int) -> bool:
    head = c.full(a)
    cov = c.surface_cover(a)
    if cov is not None:
        return cov[0].kind != "place" or (cov[2] >= b - 1 and cov[0].level in (None, "country"))
    if c.norms[a] == '"':
        return True
    if head in c.lex.anonymous or c.toks[a].stem in c.lex.anonymous:
        return True
    if head in c.w_addr or c.toks[a].stem in c.w_addr or head in c.w_report:
        return True
    if c.norms[a] in c.lex.agency_words:
        return True
    if c.toks[a].suffix and head not in c.w_notsource:
        return True  # "وفق تعبيره"، "بحسب مصادرها"
    if "entities" in c.doc.provided and c.doc.entities:
        return False  # with named entities known, an unknown head is no source ("وفقا للإصلاح الضريبي")
    return c.definite(a) and not c.nisba(a) and head not in c.w_notsource
