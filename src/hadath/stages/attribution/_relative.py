"""Speech verbs inside relative clauses.

* "بحسب المرصد، الذي قال إن ..."، "دمشق التي تنفي أي مسؤولية": the speaker is the antecedent of الذي/التي
  (a named actor or a source-like noun), the content follows the verb;
* "التي تعتبرها واشنطن منظمة إرهابية"، "ما وصفه الجيش بأنه ...": a subject after the verb speaks;
* "وهو ما حذرت منه الولايات المتحدة"، "التي نسبتها إليها روسيا": the verb's object is a resumptive pronoun
  (منه، إليها، the enclitic of نسبتها) standing for the antecedent, so the content is the clause before;
* "بعد ما وصفته بأنه هجوم": ما with no subject continues the previous speaker.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI
from hadath.lang.ar.speech import CueForm
from hadath.stages.attribution._asides import post_skip
from hadath.stages.attribution._content import far_preposition, has_required, introducer, read_content
from hadath.stages.attribution._context import Ctx, Rec, Who
from hadath.stages.attribution._frames import clause_start
from hadath.stages.attribution._phrases import np_after
from hadath.stages.attribution._speakers import (
    continued,
    cue_gender,
    gender,
    non_agent,
    speaker,
    speakers,
    subject_reading,
)
from hadath.stages.attribution._stance import excluded, stance_of


def relative_word(c: Ctx, vi: int, s0: int) -> int | None:
    """The relative word right before the verb group at ``vi`` (قد skipped): الذي، التي ... or a relative ما
    (after a word or a lead pronoun: "وهو ما"، "بعد ما"، "مما"; at a clause start ما negates)."""
    p = vi - 1
    while p >= s0 and c.norms[p] in c.lex.qad:
        p -= 1
    if p < s0:
        return None
    w = c.norms[p]
    if w in c.w_relative:
        return p
    if w in c.lex.relative_what:
        if p == s0 or c.is_punct(p - 1):
            return None  # "ما قال شيئا": not said
        return p
    return None


def read_relative(c: Ctx, i: int, vi: int, rel: int, cue: CueForm, s0: int, s1: int, outer: Rec | None) -> int:
    norms = c.norms
    lex = c.lex
    if vi != i or cue.kind == "passive" or "relay" in cue.flags:
        return i + 1  # "الذي لم يذكر"، "ما قيل"، "التي نقل عنها": no act read here
    j = i + 1
    resumptive = cue.enclitic and "tell" not in cue.flags  # "الذي أبلغه موافقة": the pronoun is the one told
    resumptive_prep = j < s1 and norms[j] in lex.resumptive_preps
    if resumptive_prep:
        resumptive = True
        j += 1
    stops = frozenset(o for o in cue.objects if o in lex.cue_preps or o == BI)
    np_end = np_after(c, j, s1, stops=stops)
    subj = (j, np_end) if np_end > j and subject_reading(c, j, np_end) else None
    if subj is not None and norms[rel] in c.w_relative and not resumptive:
        # "الأسباب التي دعت السعودية إلى ...": without a resumptive pronoun the antecedent is the subject and
        # the phrase after the verb its object — unless the verb does not agree with the antecedent ("المصابين
        # الذين قالت دائرة الطوارئ إن ...")
        g, pg = cue_gender(c, i), lex.relative_gender.get(norms[rel], "")
        if not (g and pg and g != pg):
            subj = None
    if subj is None:
        np_end = j
    k, addressee, appo_end = post_skip(c, np_end, s1, subj, cue.objects)
    if subj is not None and appo_end > subj[1]:
        subj = (subj[0], appo_end)
    content: tuple[int, int, bool] | None
    intro: tuple[int, str] | None = None
    if not resumptive_prep:  # "التي يطالب بها ترمب": the preposition's object is the antecedent, nothing follows
        intro = introducer(c, k, cue, s1)
        if intro is None and k + 1 < s1 and norms[k] in lex.relay_preps:
            intro = (k, "prep")  # "لما قالته إسرائيل عن إنهاء الاحتلال": what she said about ...
        if intro is None:
            intro = far_preposition(c, k, cue, s1)  # "ما وصفته في مرحلة أولى بأنه ..."
    if intro is not None and not (resumptive and intro[1] == "noun" and subj is None):
        content = read_content(c, intro, s1)
        from_antecedent = False
    elif resumptive and norms[rel] in c.w_relative:
        content = _antecedent_phrase(c, rel, s0)  # "الرسوم الجمركية التي أعلنها ترمب"
        from_antecedent = True
    elif resumptive and _clause_what(c, rel, s0):
        content = _antecedent_clause(c, rel, s0)  # "..., وهو ما حذرت منه الولايات المتحدة"
        from_antecedent = True
    else:
        return i + 1
    if content is None:
        return i + 1
    if not from_antecedent and excluded(c, cue, content):
        return i + 1  # (an antecedent clause is what was rejected: "وهو ما ترفضه الحكومة")
    if cue.required:
        span = (min(content[0], i + 1), max(content[1], k), content[2])
        if not has_required(c, cue, span if from_antecedent else content, s1):
            return i + 1
    whos: list[Who] = []
    implicit = False
    if subj is not None:
        whos = speakers(c, subj[0], subj[1])
        rule = "subject"
    elif norms[rel] in c.w_relative:
        ant = _antecedent_speaker(c, rel, s0)
        if ant is None:
            return i + 1
        g, pg = cue_gender(c, i), lex.relative_gender.get(norms[rel], "")
        if g and pg and g != pg:
            return i + 1  # "الصين التي أُعلن عنها": a verb that does not agree has another subject
        whos = [ant]
        rule = "relative_antecedent"
    else:
        if outer is not None:
            return i + 1  # "بالتصدي لما وصفه ..." inside reported content: the same speaker's words
        who, rule = continued(c, vi, s0)
        g = cue_gender(c, i)
        if who is None or not g or gender(c, who) not in (g, ""):
            return i + 1  # "بسبب ما يكتبونه": only a verb that agrees with the speaker continues it
        whos = [who]
        implicit = True
    if not whos or all(non_agent(c, w) for w in whos):
        return i + 1
    if outer is not None and not any(w.entity or w.anonymous for w in whos):
        return i + 1
    stance = stance_of(c, cue, content)
    for w in whos:
        rec = c.emit(
            w,
            c.cue_offsets(i),
            content,
            stance=stance,
            implicit=implicit,
            addressee=addressee,
            lemma=cue.lemma,
            intro="antecedent" if from_antecedent else (intro[1] if intro else ""),
            rule=rule,
            cue_tok=i,
            update_last=outer is None and rule == "subject",
        )
        # an act whose speaker is the antecedent ("رواية حماس التي اتهمت ...، مؤكدا") is not the one a following
        # participle continues; one with its own subject ("وهو ما أكده فلان، مشيرا إلى") is
        rec.embedded = outer is not None or rule != "subject"
        if outer is not None and outer.relays is None:
            outer.relays = rec
    return i + 1


def _clause_what(c: Ctx, rel: int, s0: int) -> bool:
    """ما that stands for the clause before it: "وهو ما حذرت منه"، "، ما ..." (not "بأن ما ذكره X ...")."""
    p = rel - 1
    return p >= s0 and (c.norms[p] in c.lex.relative_leads or c.norms[p] == ",")


def _antecedent_speaker(c: Ctx, rel: int, s0: int) -> Who | None:
    """The noun phrase a relative pronoun refers to, when it can speak: a named actor ("بحسب المرصد السوري لحقوق
    الإنسان، الذي قال") or a source-like noun with its adjectives ("الضابط الكبير الذي")."""
    p = rel - 1
    if p >= s0 and c.norms[p] == ",":
        p -= 1
    if p < s0 or not c.toks[p].is_word:
        return None
    cov = c.cover[p]
    if cov is not None and cov[2] == p + 1 and not (cov[0].kind == "place" and c.nisba(p) and cov[1] == p):
        ent = cov[0]
        if ent.kind == "place" and ent.level not in ("country", "city"):
            return None
        return speaker(c, cov[1], cov[2])
    # (a place name used as an adjective, "هيئة الثقافة السعودية التي", belongs to the phrase before it)
    a = p
    while a > s0 and (c.nisba(a) or c.full(a) in c.w_adj) and c.toks[a - 1].is_word:
        a -= 1
    if not subject_reading(c, a, p + 1):
        return None
    return speaker(c, a, p + 1)


def _antecedent_phrase(c: Ctx, rel: int, s0: int) -> tuple[int, int, bool] | None:
    """The noun phrase a relative pronoun follows: "الرسوم الجمركية التي أعلنها"، "قصف القاعدة العسكرية التي
    نسبتها إليها روسيا" (a definite head with its adjectives and genitives, at most eight words)."""
    end = rel
    if end - 1 >= s0 and c.norms[end - 1] == ",":
        end -= 1
    a = end - 1
    while a > s0 and end - a < 8:
        p = a - 1
        t = c.toks[p]
        if not t.is_word or c.is_that(p) or c.norms[p] in c.w_nonspeaker or c.cue_at(p) is not None:
            break
        if t.prefix and not t.article:
            break  # a preposition or a conjunction opens the phrase: "عن قصف القاعدة" starts at قصف
        a -= 1
    if sum(1 for m in range(a, end) if c.toks[m].is_word) < 1:
        return None
    return (a, end, False)


def _antecedent_clause(c: Ctx, rel: int, s0: int) -> tuple[int, int, bool] | None:
    """The clause a resumptive relative refers back to: "وقد تستخدم فيه الأسلحة الكيماوية، وهو ما حذرت منه"."""
    end = rel
    if end - 1 >= s0 and c.norms[end - 1] in c.lex.relative_leads:
        end -= 1
    while end > s0 and c.is_punct(end - 1):
        end -= 1
    a, _ = clause_start(c, end, s0)
    if sum(1 for m in range(a, end) if c.toks[m].is_word) < 2:
        return None
    return (a, end, False)
