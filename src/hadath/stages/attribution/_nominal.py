"""Nominal cues: a statement noun carries the act.

* "وجاء في بيان لوزارة الصحة أن ..."، "وورد في التقرير: ..." (:func:`read_nominal`): جاء/ورد + في + a statement
  noun; the speaker is its owner — لـ X (``possessive``), its pronoun (بيانها: the previous speaker), "الصادر
  عن X" (``report_issuer``) — or, for a definite statement with no owner, the speaker named before
  (``continued``);
* "أصدر الجيش بيانا أكد فيه أن ..."، "في بيان له دان فيه ..."، "بيانا جاء فيه" (:func:`read_resumptive`): any
  verb with the resumptive فيه after a statement noun is an act of the statement's issuer — the subject of
  the verb that issued it (``governing_subject``) or its owner لـ X.
"""

from __future__ import annotations

from hadath.lang.ar.clitics import BI, LI
from hadath.lang.ar.speech import CueForm
from hadath.stages.attribution._asides import post_skip
from hadath.stages.attribution._content import introducer, read_content
from hadath.stages.attribution._context import Ctx, Who
from hadath.stages.attribution._phrases import np_after
from hadath.stages.attribution._speakers import continued, speakers
from hadath.stages.attribution._stance import stance_of
from hadath.stages.attribution._verbs import governing_subject

_STATEMENT = CueForm("", "assert", "verb", frozenset({"that"}), (), frozenset())


def _statement(c: Ctx, k: int, *, strict: bool = False) -> bool:
    """A statement noun (بيان، تقرير ...; without ``strict`` also a channel: في مؤتمر، في حديث)."""
    t = c.toks[k]
    words = (c.full(k), c.norms[k], t.stem, c.bare(k))
    if strict:
        return t.is_word and any(w in c.w_report or w in c.lex.statement_nouns for w in words)
    return t.is_word and any(w in c.w_report or w in c.w_medium for w in words)


def _owner(c: Ctx, k: int, s1: int) -> tuple[list[Who], int, str]:
    """The owner of the statement noun ending before ``k``: "لوزارة الصحة"، "الصادر عن الجيش"."""
    if k < s1 and c.norms[k] in c.w_reportof and k + 1 < s1 and c.norms[k + 1] in c.lex.relay_preps:
        end = np_after(c, k + 2, s1, pp_head=True)
        if end > k + 2:
            return speakers(c, k + 2, end), end, "report_issuer"
    g = k
    if g < s1 and c.norms[g] == LI:
        g += 1
    if g < s1 and (c.toks[g].has_li or g > k) and c.toks[g].is_word and not c.nisba(g):
        end = np_after(c, g, s1, pp_head=True)
        if end > g and c.full(g) not in c.w_notsource and not c.is_time(g):
            whos = speakers(c, g, end, strip_li=True)
            if whos:
                return whos, end, "possessive"
    return [], k, ""


def read_nominal(c: Ctx, i: int, s0: int, s1: int) -> int:
    """ "وجاء في بيان لـ X أن ..."."""
    k = i + 1
    if k + 1 >= s1 or c.norms[k] not in c.w_mprep or not _statement(c, k + 1):
        return i + 1
    if i > s0 and c.norms[i - 1] in c.w_framerel:
        return i + 1  # "بحسب ما ورد في بيان": the frame's words
    noun = k + 1
    k = noun + 1
    while k < s1 and (c.nisba(k) or c.full(k) in c.w_adj):
        k += 1  # "في بيان رسمي"
    whos, k, rule = _owner(c, k, s1)
    implicit = False
    if not whos:
        if not (c.toks[noun].suffix or c.definite(noun)):
            return i + 1
        last, rule = continued(c, i, s0)
        if last is None:
            return i + 1
        whos = [last]
        rule = "possessive" if c.toks[noun].suffix else rule
        implicit = True
    k, _, _ = post_skip(c, k, s1, None, _STATEMENT.objects)
    intro = introducer(c, k, _STATEMENT, s1)
    if intro is None:
        return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    start = c.cue_offsets(i)[0]
    for w in whos:
        c.emit(
            w,
            (start, c.toks[noun].end),
            content,
            implicit=implicit,
            lemma=c.norms[i][1:] if c.norms[i] not in c.lex.nominal_verbs else c.norms[i],
            intro=intro[1],
            rule=rule,
            cue_tok=i,
        )
    return k


def read_resumptive(c: Ctx, i: int, s0: int, s1: int) -> int:
    """ "أصدر X بيانا [مساء السبت] وجّه فيه بـ ..." — the verb before فيه is an act of the statement's issuer."""
    v = i - 1
    if v <= s0 or not c.toks[v].is_word or c.toks[v].article or c.cover[v] is not None:
        return i + 1
    # the statement noun right before the verb (time words, adjectives and its owner may stand between)
    noun = -1
    m = v - 1
    while m > s0 and v - m <= 6:
        if _statement(c, m, strict=True):
            noun = m
            break
        if not (c.is_time(m) or c.nisba(m) or c.full(m) in c.w_adj or c.toks[m].has_li or c.cover[m] is not None):
            break
        m -= 1
    if noun < 0:
        return i + 1
    whos, _, rule = _owner(c, noun + 1, v)
    implicit = False
    if not whos:
        who, rule = governing_subject(c, noun, s0)
        if who is None and c.toks[noun].suffix:
            who, rule = c.last, "possessive"
            implicit = True
        if who is None and rule == "light_verb":
            # "وكان قد أصدر بيانا أيد فيه ...": the issuer is the speaker the sentence continues
            who, rule = continued(c, noun, s0)
            implicit = True
        if who is None:
            return i + 1
        whos = [who]
    cue = c.cue_at(v)
    objects = (cue.objects if cue is not None else frozenset({"that", BI})) | {"noun"}
    form = CueForm(
        cue.lemma if cue else "", cue.stance if cue else "assert", "verb", objects | {"that"}, (), frozenset()
    )
    k, _, _ = post_skip(c, i + 1, s1, None, form.objects)
    intro = introducer(c, k, form, s1)
    if intro is None:
        return i + 1
    content = read_content(c, intro, s1)
    if content is None:
        return i + 1
    c.consumed.add(v)
    for w in whos:
        c.emit(
            w,
            c.cue_offsets(v),
            content,
            stance=stance_of(c, cue, content) if cue is not None else "assert",
            implicit=implicit,
            lemma=cue.lemma if cue is not None else c.bare(v),
            intro=intro[1],
            rule=rule,
            cue_tok=v,
        )
    return i + 1
