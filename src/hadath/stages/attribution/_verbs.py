"""Acts read off a cue word: speech verbs, adverbial participles, masdars and relays.

A verb's speaker is the noun phrase after it (VSO), before it (SVO) or the previous speaker (``implicit``);
a participle (مضيفا، قائلا) continues the clause's speaker; a masdar (اكتفى المرصد بذكر أن، قوله) takes the
subject of the governing verb; a relay (نقلت X عن Y قوله إن) yields one act for X and one for Y.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI, CONJUNCTIONS, FA, given_names
from hadath.lang.ar.speech import CueForm
from hadath.stages.attribution._asides import post_skip
from hadath.stages.attribution._content import far_introducer, has_required, introducer, quote_before, read_content
from hadath.stages.attribution._context import Ctx, Who
from hadath.stages.attribution._phrases import np_after, np_before, np_split
from hadath.stages.attribution._speakers import antecedent, plausible_source, pre_subject, speaker, speakers

_THAT = CueForm("", "assert", "verb", frozenset({"that"}), (), frozenset())


def read_cue(c: Ctx, i: int, cue: CueForm, s0: int, s1: int) -> int:
    norms = c.norms
    lex = c.lex
    kind = cue.kind
    prev = norms[i - 1] if i > s0 else ""
    negated = prev in lex.negators
    if "onlyneg" in cue.flags and not negated:
        return i + 1
    if negated and not ("silent" in cue.flags and prev in lex.past_negators):
        return i + 1
    if negated and i >= s0 + 2 and norms[i - 2] in lex.unless:
        return i + 1  # "ما لم يحدد القانون": unless
    if kind == "participle":
        return _read_participle(c, i, cue, s0, s1)
    if kind == "noun":
        return _read_masdar(c, i, cue, s0, s1)
    # narrator asides: يذكر أن، يشار إلى أن
    if norms[i] in c.w_narrator and i + 1 < s1 and (c.is_that(i + 1) or norms[i + 1] in lex.pointing_preps):
        return i + 1
    vi = i - 1 if negated else i  # the verb group starts at لم
    initial = _clause_initial(c, vi, s0)
    if vi > s0 and norms[vi - 1] in c.w_relative:
        return i + 1  # "الذي قال إن ...": the speaker is the antecedent; left to the narrator
    if "strict" in cue.flags and not (initial or negated or (cue.enclitic and "noun" in cue.objects)):
        return i + 1
    cue_span = _cue_offsets(c, i)
    if negated:
        lam = i - 1  # لم, ولم or فلم: the cue starts at لم
        cue_span = (c.skip_prefix(lam, 1) if norms[lam][:1] in CONJUNCTIONS else c.toks[lam].start, cue_span[1])
    stops = frozenset(o for o in cue.objects if o in lex.cue_preps or o == BI)
    j = i + 1
    relay = "relay" in cue.flags
    np_end = j if kind == "passive" else np_after(c, j, s1, relay=relay, stops=stops)
    if negated and np_end > j and not c.has_conj(vi) and np_before(c, vi, s0) is not None:
        np_end = j  # "ومع أن المتحدث لم يحدد طبيعة تلك الإجراءات": the subject came first
    subj: tuple[int, int] | None = (j, np_end) if np_end > j else None
    if subj is not None and kind in ("verb", "present") and norms[i].endswith(lex.plural_verb_endings):
        subj = None  # a plural verb does not precede its subject: "وأكدوا وجود الكلور" has an object
    if subj is not None and "tell" in cue.flags and (c.full(j) in c.w_addr or c.norms[j] in c.w_addr):
        subj = None  # "أبلغ الصحافيين أن": the addressee, not the speaker
    if (
        subj is not None
        and kind == "verb"
        and "noun" in cue.objects
        and c.has_conj(vi)
        and not c.toks[subj[0]].article
        and c.toks[subj[0]].norm not in given_names()
        and c.surface_cover(subj[0]) is None
        and not plausible_source(c, subj[0], subj[1])
        and antecedent(c, vi, s0) is not None
    ):
        # "ونفى استهداف المدنيين": a continuation whose bare object is no speaker — the object is the content
        np_end = j
        subj = None
    pre = None
    if subj is None and kind != "passive" and (not c.has_conj(vi) or c.norms[vi][:1] == FA):
        pre = pre_subject(c, vi, s0)
        if pre is None and not initial:
            return i + 1
    # skip what stands between the speaker and the content
    k, addressee, appo_end = post_skip(c, np_end, s1, subj, cue.objects)
    if subj is not None and appo_end > subj[1]:
        subj = (subj[0], appo_end)
    if relay:
        return _read_relay(c, i, cue, cue_span, subj, pre, k, s0, s1, addressee)
    intro = introducer(c, k, cue, s1)
    if intro is None and subj is not None and "that" in cue.objects:
        intro = far_introducer(c, k, s1)
    if intro is None and negated and subj is not None and k == np_end:
        split = np_split(c, subj[0], subj[1])  # "لم توضح إدارة ترمب المواصفات"
        if split < subj[1]:
            intro = (split, "noun")
            subj = (subj[0], split)
    if intro is None and negated and k < s1 and c.toks[k].is_word:
        intro = (k, "noun")  # لم تذكر شيئا عن ...
    if intro is None and subj is not None and ("noun" in cue.objects or cue.enclitic):
        # VSO with a bare noun object: split subject / object
        # (تعتبرها الأمم المتحدة من بين الأسوأ: the object pronoun makes the rest a predicate)
        split = np_split(c, subj[0], subj[1])
        if split < subj[1]:
            intro = (split, "noun")
            subj = (subj[0], split)
    if intro is None:
        # a quotation before the cue: «...»، قال المصدر.
        intro = quote_before(c, i, s0, k, s1)
        if intro is None:
            return i + 1
    if intro[1] == "prep" and subj is not None and intro[0] >= subj[1] and c.surface_cover(subj[0]) is not None:
        # "طالبت وزارة الخارجية البريطانية طهران بوقف ...": the object stands between speaker and preposition
        split = np_split(c, subj[0], subj[1])
        if split < subj[1]:
            intro = (split, "noun")
            subj = (subj[0], split)
    content = read_content(c, intro, s1, silent=negated)
    if content is None:
        return i + 1
    if cue.required and not has_required(c, cue, content, s1):
        return i + 1
    stance = "silent" if negated else cue.stance
    whos: list[Who]
    implicit = False
    if subj is not None:
        whos = speakers(c, subj[0], subj[1])
    elif pre is not None:
        whos = speakers(c, pre[0], pre[1], conj=True)
    else:
        if vi > s0 and c.is_that(vi - 1):
            return i + 1  # "وقال إنه يعتبر ذلك ...": the inner verb is part of the content
        last = antecedent(c, vi, s0) if kind != "passive" else None
        if last is None and kind != "passive":
            return i + 1
        whos = [last] if last is not None else []
        implicit = kind != "passive"
    if kind == "present" and intro[1] == "noun" and not implicit and "strict" in cue.flags and not cue.enclitic:
        # "ويعتبر الهجوم الأعنف ...": a present verb with a bare object needs a source-like subject
        if not any(w.entity or w.anonymous for w in whos):
            return i + 1
    if kind == "passive" or not whos:
        c.emit(None, cue_span, content, stance=stance, lemma=cue.lemma, addressee=addressee)
    else:
        for w in whos:
            c.emit(
                w,
                cue_span,
                content,
                stance=stance,
                implicit=implicit,
                addressee=addressee,
                lemma=cue.lemma,
                intro=intro[1],
            )
    return i + 1


def _cue_offsets(c: Ctx, i: int) -> tuple[int, int]:
    t = c.toks[i]
    w = c.norms[i]
    if w not in c.lex.cues and w[:1] in CONJUNCTIONS:
        return c.skip_prefix(i, 1), t.end
    return t.start, t.end


def _clause_initial(c: Ctx, i: int, s0: int) -> bool:
    lex = c.lex
    if c.has_conj(i) or i == s0 or c.norms[i] in lex.conj_past_negators:
        return True
    p = i - 1
    while p >= s0 and c.norms[p] in lex.qad:
        p -= 1
    if p < s0:
        return True
    w = c.norms[p]
    return c.is_punct(p) or w in c.w_boundary or w in lex.kana or w in lex.clause_openers or w == '"' or c.is_that(p)


def _read_participle(c: Ctx, i: int, cue: CueForm, s0: int, s1: int) -> int:
    # a participle continues the clause's speaker: after a comma or a quotation, or right before إن/أن
    if i == s0:
        return i + 1
    k = i + 1
    nxt = c.norms[k] if k < s1 else ""
    if not (
        c.is_punct(i - 1)
        or c.norms[i - 1] == '"'
        or (k < s1 and c.is_that(k))
        or nxt in ('"', ":")
        or (nxt in c.lex.cue_preps and (nxt in cue.objects or (k + 1 < s1 and c.is_that(k + 1))))
    ):
        return i + 1
    if "relay" in cue.flags:
        return i + 1
    while k < s1 and c.norms[k] in c.w_adverb:
        k += 1
    intro = introducer(c, k, cue, s1)
    if intro is None:
        return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    who = antecedent(c, i, s0)
    if who is None:
        return i + 1
    c.emit(who, (c.toks[i].start, c.toks[i].end), content, stance=cue.stance, implicit=True, lemma=cue.lemma)
    return i + 1


def _read_masdar(c: Ctx, i: int, cue: CueForm, s0: int, s1: int) -> int:
    k = i + 1
    # تحذيرا لدمشق من التدخل: skip an addressee
    a_end = c.addressee_at(k, s1) if k < s1 else k
    if a_end == k and k < s1 and c.toks[k].has_li and cue.objects & c.lex.warning_preps:
        a_end = k + 1
    k = a_end
    intro = introducer(c, k, cue, s1)
    if intro is None or intro[1] == "noun":
        return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    who: Who | None = None
    t = c.toks[i]
    # the subject of the governing verb right before: "اكتفى المرصد بذكر", "وجهت الحكومة التركية تحذيرا"
    b = i - 1
    a = b
    while a >= s0 and c.toks[a].is_word and (c.definite(a) or c.nisba(a) or c.cover[a] is not None) and b - a < 5:
        if c.toks[a].has_conj and not c.toks[a].article:
            break  # "واكتفى": the verb, not its subject
        a -= 1
    if a < b and c.cue_at(i - 1) is None:
        who = speaker(c, a + 1, b + 1)
    elif cue.enclitic or t.suffix:
        who = c.last
    if who is None:
        return i + 1
    c.emit(
        who,
        (t.start if t.prefix != BI else c.skip_prefix(i, 0), t.end),
        content,
        stance=cue.stance,
        implicit=who is c.last,
        lemma=cue.lemma,
    )
    return i + 1


def _read_relay(
    c: Ctx,
    i: int,
    cue: CueForm,
    cue_span: tuple[int, int],
    subj: tuple[int, int] | None,
    pre: tuple[int, int] | None,
    k: int,
    s0: int,
    s1: int,
    addressee: str | None,
) -> int:
    """The relay "نقلت X عن Y (قوله) إن ...": ": one act for the reporter X, one for the original speaker Y."""
    if k >= s1:
        return i + 1
    w = c.norms[k]
    y_who: Who | None = None
    relayed_last = w in c.lex.relay_pronouns
    if relayed_last:
        y_who = c.last
        k += 1
    elif w in c.lex.relay_preps:
        y_end = np_after(c, k + 1, s1)
        if y_end <= k + 1:
            return i + 1
        y_who = speaker(c, k + 1, y_end)
        k = y_end
    else:
        return i + 1
    # up to the content: skip asides ("، لم تكشف عن اسمه،"), time, channel, until قوله / إن / a quote
    cue2 = cue_span
    intro: tuple[int, str] | None = None
    m = k
    while m < s1 and m - k <= 14:
        x = c.norms[m]
        q = c.cue_at(m)
        if q is not None and q.kind == "noun" and "say" in q.flags:
            cue2 = (c.toks[m].start, c.toks[m].end)
            c.consumed.add(m)
            intro = introducer(c, m + 1, _THAT, s1)
            break
        if c.is_that(m) or x == '"' or x == ":":
            intro = introducer(c, m, _THAT, s1)
            break
        if (q is not None and m > k and (c.has_conj(m) or q.kind == "participle")) or c.boundary_at(m, s1):
            break
        if x == ".":
            break
        m += 1
    if intro is None:
        return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    x_whos: list[Who] = []
    if subj is not None:
        x_whos = speakers(c, subj[0], subj[1])
    elif pre is not None:
        x_whos = speakers(c, pre[0], pre[1], conj=True)
    for xw in x_whos:
        c.emit(xw, cue_span, content, lemma=cue.lemma, addressee=addressee, update_last=False)
    if y_who is not None:
        c.emit(y_who, cue2, content, lemma=cue.lemma, implicit=relayed_last)
    return i + 1
