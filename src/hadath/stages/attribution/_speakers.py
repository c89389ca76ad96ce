"""Who speaks: a speaker phrase linked to the entity it names, or the speaker an act continues.

:func:`speaker` links a phrase to the entity whose mention covers its head (a place only when it is the whole
phrase: "قالت إسرائيل"); anonymous sources keep no entity.  :func:`speakers` splits a phrase at و before a second
source; :func:`antecedent` finds the speaker of a cue with no subject (وأضاف، مضيفا).
"""

from __future__ import annotations

import itertools

from hadath.doc import Entity
from hadath.lang.ar.clitics import AL, FA, LIL, given_names
from hadath.lang.ar.orthography import norm_str
from hadath.stages.attribution._context import Ctx, Who
from hadath.stages.attribution._phrases import np_after, np_before, np_split


def speaker(c: Ctx, a: int, b: int, *, conj: bool = False, strip_li: bool = False) -> Who | None:
    """The speaker phrase of tokens ``[a, b)`` linked to an entity when one covers its head (``strip_li``: the
    phrase stands after لـ, which is left out of its text: "في بيان لوزارة الصحة" -> "وزارة الصحة")."""
    toks = c.toks
    while a < b and c.is_punct(a):
        a += 1
    while b > a and c.is_punct(b - 1) and not (c.norms[b - 1] == ")" and "(" in c.norms[a : b - 1]):
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
        # (unless a person's name follows the location: "منسق الأمم المتحدة في سوريا بانوس مومتزيس")
        for k in range(max(a + 1, cov[2] if cov is not None else a + 1), b):
            if c.norms[k] in c.lex.location_preps and c.cover[k] is None:
                place = c.cover[k + 1] if k + 1 < b else None
                after = place[2] if place is not None and place[0].kind == "place" else -1
                named = c.cover[after] if 0 <= after < b else None
                if named is None or named[0].kind != "person":
                    b = k  # (kept: "منسق الأمم المتحدة في سوريا بانوس مومتزيس", a title with its place)
                break
    if conj and t0.has_conj:
        # a phrase before its verb or a second conjunct may start with و/ف; one after the verb never does
        inner = [m.start for m in cov[0].mentions if t0.start < m.start < t0.end] if cov is not None else []
        if inner:
            s = inner[0]
        elif t0.article or cov is not None:
            s = c.skip_prefix(a, 1)
    if strip_li and t0.has_li and not (t0.article and c.norms[a].startswith(LIL)) and s == t0.start:
        s = c.skip_prefix(a, len(t0.prefix))
    e = toks[b - 1].end
    text = c.doc.text[s:e]
    ent: Entity | None = None
    if cov is not None:
        e0 = cov[0]
        if e0.kind != "place":
            ent = e0
        elif cov[2] >= b - 1 or (cov[2] >= b - 2 and not anon_kind):
            ent = e0  # a country acting as a speaker: "قالت إسرائيل"
        elif cov[1] == a and e0.level in ("country", "city") and _apposition(c, cov[2], b):
            ent = e0  # "موسكو حليفة النظام السوري": a capital and its description
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


def _apposition(c: Ctx, k: int, b: int) -> bool:
    """Whether ``[k, b)`` describes the name before it: an indefinite noun in construct (حليفة النظام)."""
    if k >= b:
        return False
    t = c.toks[k]
    return t.is_word and not t.article and not t.prefix and not t.suffix and c.cover[k] is None and not c.nisba(k)


def _anonymous_kind(c: Ctx, a: int) -> str | None:
    """The anonymous-source kind of the head word ``a`` (definite forms only when listed: المصدر)."""
    lex_anon = c.lex.anonymous
    t = c.toks[a]
    if t.article:
        return lex_anon.get(c.full(a))
    kind = lex_anon.get(c.full(a)) or lex_anon.get(t.stem) or lex_anon.get(c.bare(a))
    if kind is None:
        base = c.lex.dual_or_plural_base(t.stem)  # مسؤولان، مصدرين
        kind = lex_anon.get(base) if base else None
    return kind


def speakers(c: Ctx, a: int, b: int, *, conj: bool = False, strip_li: bool = False) -> list[Who]:
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
        second_source = (cov is not None and _actor(cov[0]) and cov[1] == k) or (
            head in c.lex.anonymous and c.lex.anonymous[head] != "role"
        )
        first_ok = prev is None or _actor(prev[0])
        if not second_source and cov is None and t.article and c.toks[cuts[-1]].article and not c.nisba(k):
            second_source = prev is not None or c.full(cuts[-1]) in c.lex.anonymous or True
            if k - cuts[-1] > 3:
                second_source = False
        if second_source and first_ok:
            cuts.append(k)
    out: list[Who] = []
    for x, y in itertools.pairwise([*cuts, b]):
        w = speaker(c, x, y, conj=conj or x > a, strip_li=strip_li and x == a)
        if w is not None:
            out.append(w)
    return out


def _actor(ent: Entity) -> bool:
    """An entity that may speak: not a place, unless a country or a city ("أعلنت الولايات المتحدة وبريطانيا")."""
    return ent.kind != "place" or ent.level in ("country", "city")


def antecedent(c: Ctx, i: int, s0: int) -> Who | None:
    """The speaker that a subjectless cue at token ``i`` continues (see :func:`continued`)."""
    return continued(c, i, s0)[0]


def continued(c: Ctx, i: int, s0: int) -> tuple[Who | None, str]:
    """The speaker that a subjectless cue at token ``i`` continues, and the rule that chose it.

    1. ``continued_clause`` — inside a sentence that already reported speech, that act's speaker;
    2. ``sentence_subject`` — inside a narrated VSO sentence ("دشن الرئيس المصري ...، مشددا على ..."), the
       subject of its first verb;
    3. ``continued`` — the previous speaker, when no sentence since its act opened with a competing explicit
       subject; ``previous_subject`` — that competing subject, when the cue agrees with it in gender and not
       with the previous speaker; otherwise (a competitor, no agreement to decide) none.
    """
    for r in reversed(c.recs):
        if r.who is None or r.article_level or r.embedded:
            continue
        if r.content_tokens is not None and r.content_tokens[0] >= s0 and r.content_tokens[0] < i:
            if plural_cue(c, i) and single_person(c, r.who):
                return None, ""  # "وأضاف شولز أن المشاركين عبروا ... وأكدوا": not Scholz
            return r.who, "continued_clause"
        break
    if i > s0 + 2:
        subj = _sentence_subject(c, s0, i)
        if subj is not None:
            return subj, "sentence_subject"
    last = c.last
    if last is None or (plural_cue(c, i) and single_person(c, last)):
        return None, ""
    rival = _competitor(c, s0, last)
    g = cue_gender(c, i)
    gl = gender(c, last)
    if rival is None:
        if g and gl and gl != g:
            return None, "blocked"  # "قالت حكومات غربية ... . وأعلن مسؤوليته": the verb names someone else
        return last, "continued"
    gr = gender(c, rival)
    if g and gr == g and gl and gl != g:
        return rival, "previous_subject"
    if g and gl == g and gr and gr != g:
        return last, "continued"
    return None, "blocked"


def _competitor(c: Ctx, s0: int, last: Who) -> Who | None:
    """The explicit subject of a sentence between the previous speaker's latest act and sentence ``s0`` (at most
    the two sentences right before), when it names another actor: "... قالت العائلة. وأعلنت الشرطة ...".

    Only a sentence that opens with a verb (not a speech cue) followed by a named person or organisation counts."""
    since = -1
    for r in reversed(c.recs):
        if r.who is not None and not r.article_level and not r.embedded and r.cue_tok >= 0:
            if r.who is last or (r.who.text == last.text and r.who.entity == last.entity):
                since = r.cue_tok
                break
    if since < 0:
        return None
    toks = c.toks
    k = s0 - 1
    seen = 0
    while k > since and seen < 2:
        si = toks[k].sent
        a = k
        while a > 0 and toks[a - 1].sent == si:
            a -= 1
        if a <= since:
            return None  # the sentence of the previous act
        who = _opening_subject(c, a, k + 1)
        if who is not None and who.entity != last.entity:
            return who
        seen += 1
        k = a - 1
    return None


def _opening_subject(c: Ctx, a: int, b: int) -> Who | None:
    """A named person or organisation right after the first word of the sentence ``[a, b)`` (a verb that is
    not a speech cue)."""
    v = a
    if v + 1 >= b or not c.toks[v].is_word or c.toks[v].article or c.cover[v] is not None:
        return None
    if c.cue_at(v) is not None or c.toks[v + 1].prefix:
        return None
    cov = c.cover[v + 1]
    if cov is None or cov[1] != v + 1 or cov[0].kind not in ("person", "organization"):
        return None
    return speaker(c, v + 1, min(cov[2], b))


def cue_gender(c: Ctx, i: int) -> str:
    """ "f" or "m" for a singular verb, present or participle cue at ``i`` (أضافت، تضيف، مضيفة); "" otherwise."""
    cue = c.cue_at(i)
    if cue is None:
        return ""
    w = c.bare(i)
    if cue.enclitic:
        w = c.lex.without_object_pronoun(w)  # وصفته -> وصفت
    if w.endswith(c.lex.plural_verb_endings):
        return ""
    if cue.kind == "verb":
        return "f" if c.lex.feminine_perfect(w, cue.lemma) else "m"
    if cue.kind == "present":
        return "f" if c.lex.feminine_imperfect(w) else "m"
    if cue.kind == "participle":
        return "f" if c.lex.feminine_word(c.toks[i].text) else "m"
    return ""


def plural_cue(c: Ctx, i: int) -> bool:
    """A plural verb form (أكدوا، يقولون): its subject is several people, never one named person."""
    cue = c.cue_at(i)
    w = c.bare(i)
    if cue is not None and cue.enclitic:
        w = c.lex.without_object_pronoun(w)
    return cue is not None and cue.kind in ("verb", "present") and w.endswith(c.lex.plural_verb_endings)


def single_person(c: Ctx, who: Who) -> bool:
    """The speaker is one person: a named person, or a singular title or noun ("والد الشاب"، "المتحدث")."""
    ent = c.doc.entity(who.entity) if who.entity else None
    if ent is not None:
        return ent.kind == "person"
    head = who.head[2:] if who.head.startswith(AL) else who.head
    kind = c.lex.anonymous.get(who.head) or c.lex.anonymous.get(head)
    if kind in ("source", "media", "collective") or c.lex.dual_or_plural_base(head) or c.lex.feminine_word(head):
        return False
    return kind == "role" or (bool(head) and not who.anonymous and len((who.text or "").split()) <= 4)


def gender(c: Ctx, who: Who) -> str:
    """The grammatical gender a verb agrees with for this speaker: "f" for a head in ة, a country, a city or a
    plural of things (قوات، مصادر); "m" otherwise (persons, most titles).  Read on the original letters."""
    words = (who.text or "").split()
    first = words[0] if words else ""
    if c.lex.feminine_word(first):
        return "f"
    if who.entity is not None:
        ent = c.doc.entity(who.entity)
        if ent is not None and ent.kind == "place":
            return "f"
        if ent is not None and ent.kind == "person":
            return ""  # a person's name does not tell (أم أحمد)
    head = who.head[2:] if who.head.startswith(AL) else who.head
    if head in c.lex.feminine_plurals:
        return "f"
    return "m"


def subject_reading(c: Ctx, j: int, end: int, *, loose: bool = True) -> bool:
    """Whether the phrase ``[j, end)`` right after a verb reads as its subject rather than its object.

    A named actor (not a place below a country), an unnamed source or title (مصدر، المتحدث), the head of an
    institution (شرطة، وزارة: ``speech_agent_heads.txt``), a given name, a quoted name, a news agency, a
    definite plural of persons (المتظاهرون), or a run of bare words followed by an object (an unknown name:
    "ووصف فلان الفلاني صديقه بأنه"), a definite noun followed by an object ("وأعلنت المملكة تعليق") is a
    subject; a phrase followed by إن/أن, a quotation or a colon is one too — the content is then the object.
    Without ``loose`` only the words themselves count (the last three tests are left out)."""
    lex = c.lex
    cov = c.surface_cover(j)
    if cov is not None:
        return cov[0].kind != "place" or cov[0].level in (None, "country", "city")
    t = c.toks[j]
    head = c.full(j)
    if c.norms[j] == '"' or c.norms[j] in lex.agency_words:
        return True
    for w in (head, t.stem, c.bare(j)):
        if w in lex.anonymous or w in lex.agent_heads:
            return True
    if t.norm in given_names() or c.bare(j) in given_names():
        return True
    if t.article and lex.plural_person(head):
        return True  # المتظاهرون، المحتجون (an object would be المتظاهرين)
    if not loose:
        return False
    if end < len(c.toks) and (c.is_that(end) or c.norms[end] in ('"', ":")):
        return True
    return not t.suffix and np_split(c, j, end) < end


def non_agent(c: Ctx, who: Who) -> bool:
    """A speaker phrase headed by a document or a rule (قرار مجلس الأمن، الاتفاق، الخطة) speaks for no one."""
    return who.entity is None and (who.head in c.w_notsource or who.head[2:] in c.w_notsource)


def resolve_anaphor(c: Ctx, who: Who) -> tuple[Who, bool]:
    """ "المصدر نفسه"، "المتحدث"، "المصدر": a definite unnamed source refers back to the nearest earlier speaker
    with the same head (مصدر ~ مصادر، متحدث ~ ناطق).  When that speaker is named (an entity), the act keeps its
    own words ("المتحدث") and takes that speaker's entity.  Returns the speaker and whether it was resolved."""
    lex = c.lex
    if who.entity is not None or not who.head.startswith(AL):
        return who, False
    kind = lex.anonymous.get(who.head)
    if kind not in ("source", "role"):
        return who, False
    stem = lex.anaphor_class.get(who.head[2:], who.head[2:])
    self_ref = any(w in c.w_adj and w in c.w_nonspeaker for w in norm_str(who.text or "").split()[1:])  # نفسه
    for r in reversed(c.recs[-40:]):
        p = r.who
        if p is None or r.article_level or p is who or p.text == who.text:
            continue
        words = [lex.anaphor_class.get(x, x) for x in norm_str(p.text or "").split()[:3]]
        heads = {lex.anaphor_class.get(x[2:], x[2:]) if x.startswith(AL) else x for x in words}
        if stem in heads or (self_ref and p.entity is not None):
            # "المصدر نفسه" (the same source) refers back to the nearest named source of any kind
            return Who(
                p.entity, who.text, who.start, who.end, p.anonymous if p.entity else who.anonymous, who.head
            ), True
    return who, False


def _sentence_subject(c: Ctx, s0: int, i: int) -> Who | None:
    """The subject of the first verb of the sentence before token ``i`` that has a named or source-like subject:
    "دشن الرئيس المصري عبد الفتاح السيسي، ..."، "ولم يقف الأمر عند هذا الحد، بل خرج الفنان فلان ليهاجم ...،
    مؤكدا" (the first clause has no such subject; a later ل-verb's object is none)."""
    v = s0
    while v < i - 2:
        if c.is_time(v) or c.is_punct(v) or c.norms[v] in c.w_adverb:
            v += 1  # "ومؤخرا، تلقى فلان ..."
        elif c.norms[v] in c.w_nonspeaker and c.toks[v + 1].suffix and c.toks[v + 1].is_word:
            v += 2  # "من جانبه أشاد العاهل الأردني ..."
        else:
            break
    who = _verb_subject(c, v, i, named=False)
    if who is not None:
        return who
    for k in range(v, min(i - 2, s0 + 20)):
        if c.norms[k] in c.w_boundary:  # "ولم يقف الأمر عند هذا الحد، بل خرج الفنان فلان"
            who = _verb_subject(c, k + 1, i, named=True)
            if who is not None:
                return who
    return None


def _verb_subject(c: Ctx, v: int, i: int, *, named: bool) -> Who | None:
    """A named (``named``: a person or an organisation) or source-like subject right after the verb-like word
    ``v``."""
    t = c.toks[v]
    w = c.norms[v]
    if not t.is_word or t.article or t.prefix[-1:] in (c.lex.li, c.lex.bi) or c.is_time(v):
        return None
    if w in c.w_nonspeaker or w in c.w_boundary or w in c.w_adverb or c.is_that(v):
        return None
    if c.cover[v] is not None or c.frame_at(v, i) is not None or w in c.lex.cues or c.bare(v) in c.lex.cues:
        return None
    end = np_after(c, v + 1, i)
    if end <= v + 1 or end - (v + 1) > 8:
        return None
    a = v + 1
    cov = c.cover[a]
    if cov is not None and (cov[0].kind == "place" or cov[1] != a):
        return None  # a place after a verb is where, not who ("من مدينة أجدابيا الليبية")
    if cov is None and (named or _anonymous_kind(c, a) is None):
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
    if head in c.lex.anonymous or c.toks[a].stem in c.lex.anonymous or c.toks[a].stem in c.lex.agent_heads:
        return True  # (an institution's head: "بحسب لجنة الإغاثة المحلية")
    if head in c.w_addr or c.toks[a].stem in c.w_addr or head in c.w_report:
        return True
    if c.norms[a] in c.lex.agency_words:
        return True
    if c.toks[a].suffix and head not in c.w_notsource:
        return True  # "وفق تعبيره"، "بحسب مصادرها"
    if "entities" in c.doc.provided and c.doc.entities:
        return False  # with named entities known, an unknown head is no source ("وفقا للإصلاح الضريبي")
    return c.definite(a) and not c.nisba(a) and head not in c.w_notsource
