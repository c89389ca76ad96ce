"""Acts read off a cue word: speech verbs, adverbial participles, masdars and relays.

A verb's speaker is the noun phrase after it (VSO), before it (SVO: a subject that opens the clause, also after
كان: "وكانت القوات الروسية حذرت"), or the speaker it continues (``implicit``); a participle (مضيفا، قائلا)
continues the clause's speaker, and قائلا right after a verb's object continues that act itself ("دانت البحرين
الهجوم قائلة إنه ..."); a masdar (اكتفى المرصد بذكر أن، قوله) takes the subject of the governing verb or the
genitive after it ("إعلان الجيش السيطرة على"); a relay (نقلت X عن Y قوله إن) yields one act for Y and one for X
that ``relays`` it.  A cue inside the content of an earlier act ("قال X إن Y حذر من ...") is read as a relayed
act when it has a speaker of its own.  Relative clauses ("الذي قال إن"، "وهو ما حذرت منه Y") are read by
:mod:`._relative`.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI, CONJUNCTIONS, FA
from hadath.lang.ar.speech import CueForm
from hadath.stages.attribution._asides import post_skip
from hadath.stages.attribution._content import (
    far_introducer,
    far_preposition,
    has_required,
    introducer,
    quote_before,
    read_content,
)
from hadath.stages.attribution._context import Ctx, Rec, Who
from hadath.stages.attribution._frames import close_as_frame
from hadath.stages.attribution._phrases import np_after, np_before, np_split
from hadath.stages.attribution._relative import read_relative, relative_word
from hadath.stages.attribution._speakers import (
    continued,
    non_agent,
    pre_subject,
    resolve_anaphor,
    speaker,
    speakers,
    subject_reading,
)
from hadath.stages.attribution._stance import excluded, stance_of

_THAT = CueForm("", "assert", "verb", frozenset({"that"}), (), frozenset())


def read_cue(c: Ctx, i: int, cue: CueForm, s0: int, s1: int, outer: Rec | None = None) -> int:
    """Read the act of the cue word at token ``i``; ``outer`` is the act whose content holds it, if any."""
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
        return i + 1 if outer is not None else _read_participle(c, i, cue, s0, s1)
    if kind == "noun":
        return i + 1 if outer is not None else _read_masdar(c, i, cue, s0, s1)
    # narrator asides: يذكر أن، يشار إلى أن
    if norms[i] in c.w_narrator and i + 1 < s1 and (c.is_that(i + 1) or norms[i + 1] in lex.pointing_preps):
        return i + 1
    vi = i - 1 if negated else i  # the verb group starts at لم
    rel = relative_word(c, vi, s0)
    if rel is not None:
        return read_relative(c, i, vi, rel, cue, s0, s1, outer)
    initial = _clause_initial(c, vi, s0)
    pre: tuple[int, int] | None = None
    if kind != "passive" and (not c.has_conj(vi) or norms[vi][:1] == FA):
        pre = pre_subject(c, vi, s0)
    svo = (
        pre is not None
        and "relay" not in cue.flags
        and _svo(c, pre, vi, s0)
        and (
            c.cover[pre[0]] is not None
            or _subject_after_that(c, pre)
            or subject_reading(c, pre[0], pre[1], loose=False)
        )
    )
    if "strict" in cue.flags and not (initial or negated or svo or _enclitic_vso(c, i, cue, s1)):
        return i + 1
    cue_span = c.cue_offsets(i)
    if negated:
        lam = i - 1  # لم, ولم or فلم: the cue starts at لم
        cue_span = (c.skip_prefix(lam, 1) if norms[lam][:1] in CONJUNCTIONS else c.toks[lam].start, cue_span[1])
    stops = frozenset(o for o in cue.objects if o in lex.cue_preps or o == BI)
    j = i + 1
    for joint in lex.joint:  # "ودانت كل من مصر والأردن": joint subjects
        if j + len(joint) < s1 and all(norms[j + m] == w for m, w in enumerate(joint)):
            j += len(joint)
            break
    relay = "relay" in cue.flags
    # a subject that opens the clause before the verb (SVO, كان X فعل): the phrase after the verb is its object
    if svo:
        np_end = j
    else:
        np_end = j if kind == "passive" else np_after(c, j, s1, relay=relay, stops=stops)
    if negated and np_end > j and not c.has_conj(vi) and np_before(c, vi, s0) is not None:
        np_end = j  # "ومع أن المتحدث لم يحدد طبيعة تلك الإجراءات": the subject came first
    if j < s1 and norms[j] in lex.anonymity:
        return i + 1  # "اشترط عدم الكشف عن هويته": an aside
    subj: tuple[int, int] | None = (j, np_end) if np_end > j else None
    if subj is not None and kind in ("verb", "present") and norms[i].endswith(lex.plural_verb_endings):
        subj = None  # a plural verb does not precede its subject: "وأكدوا وجود الكلور" has an object
        np_end = j
    if subj is not None and "tell" in cue.flags and (c.full(j) in c.w_addr or c.norms[j] in c.w_addr):
        subj = None  # "أبلغ الصحافيين أن": the addressee, not the speaker
    if (
        subj is not None
        and kind in ("verb", "present")
        and "noun" in cue.objects
        and "tell" not in cue.flags  # "وأبلغ فلان، ...، المنتدى أن": the teller comes first
        and c.has_conj(vi)
        and not subject_reading(c, subj[0], subj[1])
        and continued(c, vi, s0)[0] is not None
    ):
        # "ونفى استهداف المدنيين": a continuation whose bare object is no speaker — the object is the content
        np_end = j
        subj = None
    if subj is not None:
        pre = None
    elif pre is None and not initial:
        return i + 1
    if "needsubj" in cue.flags and subj is None and pre is None:
        return i + 1  # "يعتقد أن": it is believed
    if outer is not None and subj is None and pre is None:
        return i + 1  # inside reported content only an act with a speaker of its own is read
    # skip what stands between the speaker and the content
    k, addressee, appo_end = post_skip(c, np_end, s1, subj, cue.objects)
    if subj is not None and appo_end > subj[1]:
        subj = (subj[0], appo_end)
    if relay:
        return _read_relay(c, i, cue, cue_span, subj, pre, k, s0, s1, addressee)
    intro = introducer(c, k, cue, s1)
    if subj is not None and ("claimobj" in cue.flags or "statement" in cue.flags):
        # "وتبنى تنظيم متشدد الهجوم": the object word (الهجوم، الاتهامات) ends the subject
        words = lex.claim_objects if "claimobj" in cue.flags else lex.rejected
        for m in range(subj[0] + 1, subj[1]):
            if c.full(m) in words or c.toks[m].stem in words:
                intro, subj = (m, "noun"), (subj[0], m)
                break
    bi_that = intro is not None and intro[1] == "that" and BI in cue.objects and norms[k].startswith(lex.bi_that)
    late = (
        intro is None
        or (intro[1] in ("noun", "prep") and k > np_end)  # past an aside: the phrase ran on
        or (intro[1] == "that" and norms[k][:1] in CONJUNCTIONS)  # "أكد X خبر الوفاة، وأن ...": a second object
    )
    if (late or bi_that) and subj is not None and "noun" in cue.objects:
        # "كما أكد السكان إغلاق الميليشيات الخط ...، مما ...": the object begins inside the phrase after the verb
        split = np_split(c, subj[0], subj[1])
        if split < subj[1] and c.toks[split].is_word and "," not in norms[subj[0] : split]:
            intro = (split, "noun")
            subj = (subj[0], split)
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
    if intro is None and subj is not None and "that" in cue.objects:
        intro = far_introducer(c, k, s1)
    if intro is None:
        # the cue's own preposition past an addressee: "حذرت القوات الأميركية، في مناسبتين، من ..."
        intro = far_preposition(c, k, cue, s1)
    if intro is None and (subj is not None or pre is not None) and c.norms[i - 1] in lex.as_frames:
        # "..., كما أفاد مراسل فرانس برس.": as X reported — X sources the clause before
        who_rng = subj or pre
        assert who_rng is not None
        return close_as_frame(c, i, cue_span, who_rng, s0, s1, lemma=cue.lemma)
    if intro is None:
        # a quotation before the cue: «...»، قال المصدر.
        intro = quote_before(c, i, s0, k, s1)
        if intro is None:
            return i + 1
    if (
        intro[1] == "prep"
        and subj is not None
        and intro[0] >= subj[1]
        and (c.surface_cover(subj[0]) is not None or subject_reading(c, subj[0], subj[1], loose=False))
    ):
        # "طالبت وزارة الخارجية البريطانية طهران بوقف ...": the object stands between speaker and preposition
        split = np_split(c, subj[0], subj[1])
        if split < subj[1]:
            intro = (split, "noun")
            subj = (subj[0], split)
    content = read_content(c, intro, s1, silent=negated)
    if content is None:
        return i + 1
    if excluded(c, cue, content) or ("statement" in cue.flags and intro[1] != "noun"):
        return i + 1  # "رفض الكشف عن هويته"؛ "رفضت X مصافحتها قائلة "..."": what is rejected is an object
    if cue.required and not has_required(c, cue, content, s1):
        return i + 1
    content, saying = _with_saying(c, content, s1)
    stance = "silent" if negated else stance_of(c, cue, content)
    whos: list[Who]
    implicit = False
    rule = ""
    if subj is not None:
        whos = speakers(c, subj[0], subj[1])
        rule = "subject"
    elif pre is not None:
        whos = speakers(c, pre[0], pre[1], conj=True)
        rule = "pre_subject"
    else:
        if vi > s0 and c.is_that(vi - 1):
            return i + 1  # "وقال إنه يعتبر ذلك ...": the inner verb is part of the content
        last, rule = continued(c, vi, s0) if kind != "passive" else (None, "")
        if last is None and kind != "passive":
            return i + 1
        whos = [last] if last is not None else []
        implicit = kind != "passive"
    if kind == "present" and intro[1] == "noun" and "strict" in cue.flags and not cue.enclitic:
        # "ويعتبر الهجوم الأعنف ...": a present verb with a bare object needs a source-like subject (without
        # one it is the passive "is considered")
        if implicit and not negated:
            return i + 1
        if not implicit and not any(w.entity or w.anonymous or _agent(c, w) for w in whos):
            return i + 1
    if whos and all(non_agent(c, w) for w in whos):
        return i + 1  # "ودعا قرار مجلس الأمن إلى ...": a document speaks for no one
    if outer is not None and not any(w.entity or w.anonymous or _agent(c, w) for w in whos):
        return i + 1
    if kind == "passive" or not whos:
        c.emit(None, cue_span, content, stance=stance, lemma=cue.lemma, addressee=addressee, cue_tok=i)
    else:
        for w in whos:
            w_rule = rule
            if not implicit:
                w, resolved = resolve_anaphor(c, w)
                if resolved:
                    w_rule = "anaphor"
            rec = c.emit(
                w,
                cue_span,
                content,
                stance=stance,
                implicit=implicit,
                addressee=addressee,
                lemma=cue.lemma,
                intro=intro[1],
                rule=w_rule,
                cue_tok=i,
                update_last=outer is None,
            )
            if implicit and w_rule in ("sentence_subject", "previous_subject"):
                c.last = w  # a subject named in its own sentence is the one the next act continues
            if outer is not None:
                rec.embedded = True
                if outer.relays is None:
                    outer.relays = rec
            if saying is not None:
                k2, q, more = saying
                c.emit(
                    w,
                    (c.toks[k2].start, c.toks[k2].end),
                    more,
                    stance=stance_of(c, q, more),
                    implicit=True,
                    lemma=q.lemma,
                    rule="continued_clause",
                    cue_tok=k2,
                    update_last=False,
                )
    return i + 1


def _agent(c: Ctx, w: Who) -> bool:
    return w.head in c.lex.agent_heads


def _enclitic_vso(c: Ctx, i: int, cue: CueForm, s1: int) -> bool:
    """A strict cue with an object pronoun and a named or source-like subject after it, anywhere in the clause:
    "تعتبرها الأمم المتحدة من بين الأسوأ" (not the masdar "أعلنت الحركة رفضها تمديد ...")."""
    if not (cue.enclitic and "noun" in cue.objects) or "statement" in cue.flags or i + 1 >= s1:
        return False
    end = np_after(c, i + 1, s1)
    return end > i + 1 and (c.cover[i + 1] is not None or subject_reading(c, i + 1, end, loose=False))


def _subject_after_that(c: Ctx, pre: tuple[int, int]) -> bool:
    """A definite plural after أن/إن/لكن (accusative: "أن المجتمعين حذروا")."""
    a = pre[0]
    return (
        a > 0
        and (c.is_that(a - 1) or c.norms[a - 1] in c.w_boundary)
        and c.toks[a].article
        and c.lex.plural_person_oblique(c.full(a))
    )


def _svo(c: Ctx, pre: tuple[int, int], vi: int, s0: int) -> bool:
    """Whether a subject before the verb makes the phrase after it an object: the subject opens the sentence or
    follows كان or a clause opener ("لكن مسؤولا تركيا قال"، "وكانت القوات الروسية حذرت القوات الأميركية")."""
    a = pre[0]
    if a == s0:
        return True
    p = a - 1
    w = c.norms[p]
    return w in c.lex.kana or w in c.w_boundary or c.is_that(p) or c.is_punct(p) or w in c.lex.topic


def _with_saying(
    c: Ctx, content: tuple[int, int, bool], s1: int
) -> tuple[tuple[int, int, bool], tuple[int, CueForm, tuple[int, int, bool]] | None]:
    """قائلا right after an act's content says what the act said: in "دانت البحرين الهجوم، قائلة إنه يمثل خرقا"
    the content of دانت runs through the participle's clause (the participle is read as an act of its own too,
    continuing the same speaker)."""
    k = content[1]
    while k < s1 and c.is_punct(k) and c.norms[k] == ",":
        k += 1
    if k >= s1:
        return content, None
    q = c.cue_at(k)
    if q is None or q.kind != "participle" or "say" not in q.flags:
        return content, None
    intro = introducer(c, k + 1, q, s1)
    if intro is None:
        return content, None
    more = read_content(c, intro, s1)
    if more is None:
        return content, None
    c.consumed.add(k)
    return (content[0], more[1], content[2] and more[2]), (k, q, more)


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
    if w in lex.auxiliaries or (w[:1] in CONJUNCTIONS and w[1:] in lex.auxiliaries):
        return True  # "ومضى يقول:": went on saying
    return c.is_punct(p) or w in c.w_boundary or w in lex.kana or w in lex.clause_openers or w == '"' or c.is_that(p)


def _read_participle(c: Ctx, i: int, cue: CueForm, s0: int, s1: int) -> int:
    # a participle continues the clause's speaker: after a comma or a quotation, or right before إن/أن
    if i == s0:
        return i + 1
    k = i + 1
    nxt = c.norms[k] if k < s1 else ""
    after_act = bool(c.recs) and c.recs[-1].content_tokens is not None and c.recs[-1].content_tokens[0] >= s0
    if not (
        c.is_punct(i - 1)
        or c.norms[i - 1] == '"'
        or (k < s1 and c.is_that(k))
        or nxt in ('"', ":")
        or (nxt in c.lex.cue_preps and (nxt in cue.objects or (k + 1 < s1 and c.is_that(k + 1))))
        or (after_act and k < s1 and BI in cue.objects and c.toks[k].has_bi)  # رفضت X الطرح مطالبة بانسحاب
    ):
        return i + 1
    if "relay" in cue.flags:
        return i + 1
    while k < s1 and c.norms[k] in c.w_adverb:
        k += 1
    intro = introducer(c, k, cue, s1) or far_preposition(c, k, cue, s1)
    if intro is None:
        return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    if excluded(c, cue, content):
        return i + 1
    who, rule = continued(c, i, s0)
    if who is None:
        return i + 1
    p = c.toks[i - 1]
    if rule == "continued" and p.is_word and not p.article and not p.suffix and c.cover[i - 1] is None:
        if c.norms[i - 1] not in c.w_nonspeaker | c.w_adverb and not c.is_time(i - 1) and c.cue_at(i - 1) is None:
            return i + 1  # "بشائر معبرة عن تحول": an adjective of the noun before it, in a sentence with no speaker
    c.emit(
        who,
        (c.toks[i].start, c.toks[i].end),
        content,
        stance=stance_of(c, cue, content),
        implicit=True,
        lemma=cue.lemma,
        rule=rule,
        cue_tok=i,
    )
    if rule in ("sentence_subject", "previous_subject"):
        c.last = who  # "بل خرج الفنان فلان ...، مؤكدا ... . واعتبر أن": the next act continues him
    return i + 1


def _read_masdar(c: Ctx, i: int, cue: CueForm, s0: int, s1: int) -> int:
    t = c.toks[i]
    who: Who | None = None
    rule = ""
    k = i + 1
    gen = _genitive_agent(c, k, s1) if "gen" in cue.flags and not t.suffix else None
    if gen is not None:
        # "إعلان الإمارات، المشاركة في التحالف، تعليق هجومها": the genitive after the masdar speaks
        who, k = gen
        rule = "genitive"
        k, _, _ = post_skip(c, k, s1, None, cue.objects)
        intro = introducer(c, k, cue, s1)
        if intro is None:
            return i + 1
    else:
        # تحذيرا لدمشق من التدخل: skip an addressee
        a_end = c.addressee_at(k, s1) if k < s1 else k
        if a_end == k and k < s1 and c.toks[k].has_li and cue.objects & (c.lex.warning_preps | {BI}):
            # "اتهامات لأمير قطر بتمويل": the addressee phrase up to the cue's own preposition
            a_end = max(
                k + 1, np_after(c, k, s1, stops=frozenset(cue.objects & (c.lex.cue_preps | {BI})), pp_head=True)
            )
        k = a_end
        intro = introducer(c, k, cue, s1)
        if intro is None or intro[1] == "noun":
            return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    if who is None:
        who, rule = governing_subject(c, i, s0)
    if who is None and (cue.enclitic or t.suffix) and cue.stance != "accuse":
        who, rule = c.last, "possessive"  # (not "رغم اتهامها بـ": her being accused)
    if who is None:
        return i + 1
    c.emit(
        who,
        (t.start if t.prefix != BI else c.skip_prefix(i, 0), t.end),
        content,
        stance=stance_of(c, cue, content),
        implicit=rule == "possessive",
        lemma=cue.lemma,
        rule=rule,
        cue_tok=i,
    )
    return i + 1


def _genitive_agent(c: Ctx, k: int, s1: int) -> tuple[Who, int] | None:
    """A named actor right after a masdar ("إعلان الجيش"، "اعتراف إيران"): the speaker and where it ends."""
    if k >= s1:
        return None
    cov = c.cover[k]
    if cov is None or cov[1] != k:
        return None
    ent = cov[0]
    if ent.kind == "place" and ent.level not in ("country", "city"):
        return None
    end = cov[2]
    while end < s1 and (c.nisba(end) or c.full(end) in c.w_adj) and c.cover[end] is None:
        end += 1  # "إعلان محمد علي الحوثي": the name runs on
    who = speaker(c, k, end)
    return (who, end) if who is not None else None


def governing_subject(c: Ctx, i: int, s0: int) -> tuple[Who | None, str]:
    """The subject of the verb that governs the noun at ``i`` in its clause: "اكتفى المرصد بذكر أن"، "ووجه فلان
    الفلاني، عمدة المدينة، اتهامات لـ ..."، "من جهته أصدر رئيس الوزراء بيانا"."""
    cs = i - 1
    n = 0
    while cs > s0 and n < 14:
        p = cs - 1
        if (c.is_punct(p) and c.norms[p] != ",") or c.norms[p] in c.w_boundary or c.is_that(p):
            break
        if c.norms[p] == "," and c.toks[cs].has_conj:
            break
        cs -= 1
        n += 1
    if n >= 14:
        return None, ""
    light = c.lex.light_verbs
    for v in range(cs, i - 1):
        t = c.toks[v]
        w = c.norms[v]
        if not t.is_word or t.article or c.cover[v] is not None or w in c.w_nonspeaker or c.is_time(v):
            continue
        if w in c.lex.qad or w in c.lex.kana:
            continue
        if w not in light and c.bare(v) not in light and not (w[:1] in CONJUNCTIONS and w[1:] in light):
            continue  # "وتواجه إيران اتهامات": only a verb that utters its object names the speaker
        end = np_after(c, v + 1, i)
        if end == v + 1 and v + 1 == i:
            return None, "light_verb"  # "وكان قد أصدر بيانا": the subject is not named here
        if end <= v + 1 or i - end > 1:
            continue
        # a light verb and a noun phrase before its masdar object: that phrase is the subject
        # ("أصدر وينستاين بيانا"، "ووجه فلان الفلاني اتهامات")
        return speaker(c, v + 1, end), "governing_subject"
    return None, ""


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
    """The relay "نقلت X عن Y (قوله) إن ...": one act for the original speaker Y, one for the reporter X that
    ``relays`` it.  The masdar may be any speech masdar ("نقلت الرئاسة عن الرئيس تعهده بالتصدي ...")."""
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
        if (
            q is not None
            and m > k - 1
            and (q.kind == "noun" or (q.enclitic and q.kind == "verb"))
            and ("say" in q.flags or m == k or c.is_time(m - 1) or c.is_punct(m - 1))
        ):
            # قوله، تأكيده، تعهده: the relayed masdar with its pronoun
            cue2 = (c.toks[m].start, c.toks[m].end)
            c.consumed.add(m)
            k2, _, _ = post_skip(c, m + 1, s1, None, q.objects)
            intro = introducer(c, k2, _THAT if "say" in q.flags else q, s1)
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
    x_recs = [
        c.emit(
            xw,
            cue_span,
            content,
            lemma=cue.lemma,
            addressee=addressee,
            update_last=False,
            rule="subject" if subj is not None else "pre_subject",
            cue_tok=i,
        )
        for xw in x_whos
    ]
    if y_who is not None:
        y_rec = c.emit(
            y_who,
            cue2,
            content,
            lemma=cue.lemma,
            implicit=relayed_last,
            rule="continued" if relayed_last else "relay_source",
            cue_tok=i,
        )
        for xr in x_recs:
            xr.relays = y_rec  # the reporter relays the original speaker's act
    return i + 1
