"""Is a trigger an event?  The filters read the small words of ``event_cues.tsv`` around it.

:func:`factual` drops a trigger whose clause is negated, future, threatened, hypothetical, conditional, a
question, a court case, background (كان + imperfect), a purpose (لاستعادة), an appeal (دعا إلى), a past
reference (منذ سيطرة) or a state (تحت سيطرة، مناطق سيطر عليها), and says whether it is denied;
:func:`flags_ok` checks the row's flags (armed context, a place, على, no accident, no weapon object);
:func:`supported` finds the support word a weak trigger needs.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Sequence
from datetime import date
from functools import partial

from hadath.lang.ar.clitics import AL, BI, CONJUNCTIONS, PROCLITIC_LETTERS
from hadath.lang.ar.inflect import FUTURE, IMPERFECT_PREFIXES
from hadath.lang.ar.orthography import norm_str
from hadath.lang.ar.triggers import Entry, Sense, Trigger
from hadath.stages.events._context import ARMED_TYPES, BOUNDARY, QUOTES, Ctx, Mention

_NEG_WINDOW = 6
_CONJ = "".join(CONJUNCTIONS)
#: the prefixes of an imperfect in the third person (يخوض، تشن): what a named one is doing
_THIRD_PERSON = frozenset(IMPERFECT_PREFIXES[:2])
#: support sets a purpose belongs to (خرجوا للاحتجاج، تجمعوا للمطالبة): elsewhere a purpose is no support
_PURPOSE_SUPPORT = frozenset({"protest_who", "protest_act"})
#: support sets that must stand near the trigger (tokens before, after): the protesters of a protest verb
#: are its subject or object, not a word of another clause ("خرجت الكرة من الملعب وسط احتجاجات"); those
#: of a violent verb read as a protest (رشق، قتل) stand right next to it (قتلت الشرطة ثلاثة متظاهرين)
_NEAR_SUPPORT = {"protest_who": (6, 10), "protest_act": (10, 10), "protester": (2, 4)}
_CLAUSE_ENDS = frozenset({".", ":", ";", "?", "!"})
_FUT_WINDOW = 4
#: the cue kinds the future/hypothesis window before a trigger reads (a token with none of them is passed over):
#: every kind that loop in ``factual`` tests must be here
_FUT_LOOP_KINDS = frozenset(
    {"prevent", "future", "hypo", "recall", "may", "foil", "history", "period", "under", "stative", "trend", "unreal"}
)
#: how many words before a trigger its launching verbal noun may stand (شن + a subject of a few words)
_LAUNCH_REACH = 6
#: the cue kinds a sentence's conditional or doubt test reads before a trigger (the tokens it need look at)
_COND_KINDS = frozenset({"cond", "doubt"})
_ERA = frozenset({"era"})


def _window_before(ctx: Ctx, i: int, size: int, a: int) -> Sequence[int]:
    """The (at most ``size``, up to 8) words before token i, nearest first, within [a, i) and not across a
    clause boundary.  Read once per trigger for all the windows the factuality tests ask for."""
    if ctx.window_before_of != (i, a):  # one slot: a trigger's windows are all asked for together
        ctx.window_before_of, ctx.window_before = (i, a), _words_before(ctx, i, a)
    words = ctx.window_before
    return words if size >= _MAX_WINDOW else words[:size]


_MAX_WINDOW = 8


def _words_before(ctx: Ctx, i: int, a: int) -> list[int]:
    out: list[int] = []
    k = i - 1
    while k >= a and len(out) < _MAX_WINDOW:
        t = ctx.toks[k]
        if not t.is_word:
            if t.norm in BOUNDARY:
                break
            k -= 1
            continue
        out.append(k)
        k -= 1
    return out


def _launched_by(ctx: Ctx, i: int, a: int) -> int | None:
    """The verbal noun of launching whose object trigger i is, past its subject ("شن القوات السورية والمتحالفة
    معها هجوما"): the nearest launch word among the few words of its clause before the trigger, or None."""
    for k in _window_before(ctx, i, _LAUNCH_REACH, a):
        if ctx.has(k, "launch"):
            return k
    return None


def factual(ctx: Ctx, i: int, j: int, e: Entry, a: int, b: int, in_title: bool) -> tuple[bool, bool]:
    """(keep, denied) for the trigger tokens [i, j) in the sentence [a, b)."""
    trig = e.trig
    t = ctx.toks[i]
    w = ctx.words
    if e.tense == "future":
        return False, False
    if other_sense(ctx, i, j, e, a, b) is not None:
        return False, False
    if e.tense == "present" and "nopresent" in trig.flags and not in_title:
        return False, False
    first_key = trig.key if e.tense == "noun" else ""
    if i > a:
        blockers = ctx.lex.block.get(first_key, frozenset()) | ctx.lex.block.get(t.stem, frozenset())
        if blockers and any(k in blockers for k in ctx.keys[i - 1]):
            return False, False
    if j < b:
        blockers = ctx.lex.block_after.get(first_key, frozenset()) | ctx.lex.block_after.get(t.stem, frozenset())
        if blockers and any(k in blockers for k in ctx.keys[j]):
            return False, False
        if blockers and e.tense != "noun":
            # a verb's object comes after its subject: "استعادت قوات النظام كميات من الأسلحة"
            ctx.index_entities()
            k = j
            while k < b and k - j < 6 and (k in ctx.named or ctx.has(k, "skip")):
                k += 1
            if k > j and k < b and any(w in blockers for w in ctx.keys[k]):
                return False, False
    if e.tense == "noun":
        # "دعا إلى طرد الإيرانيين"، "سعى إلى السيطرة": an appeal or an aim
        k = i - 1
        while k > a and ctx.toks[k].norm in QUOTES:
            k -= 1
        if k > a and ctx.has(k, "light"):
            k -= 1  # "الدعوة إلى توجيه ضربات جوية": the appeal governs the light noun
        if (
            k >= a
            and ctx.toks[k].norm == w.to
            and not (k > a and (ctx.has(k - 1, "l_ok") or ctx.has(k - 1, "list_link")))
        ):
            return False, False  # not "إضافة إلى اعتصام": in addition to a sit-in
    if e.tense == "noun" and t.has_li and not any(ctx.has(k, "l_ok") for k in _window_before(ctx, i, 4, a)):
        return False, False  # purpose: لاستعادة، لمواجهة
    denied = False
    for k in _window_before(ctx, i, _NEG_WINDOW, a):
        if ctx.has(k, "deny"):
            denied = True
        elif ctx.has(k, "neg") and not (k + 1 < b and ctx.toks[k + 1].stem in w.still) and _negates(ctx, k, i, a):
            return False, False
    for n_, k in enumerate(_window_before(ctx, i, _FUT_WINDOW, a)):
        if ctx.toks[k].norm in w.after:
            break  # "تحذر إيران بعد غارات": the strikes happened
        if ctx.kinds(k).isdisjoint(_FUT_LOOP_KINDS) and "future" not in ctx.starts(k):
            continue  # none of the cues below
        if ctx.has(k, "prevent") and _negated(ctx, k, a):
            continue  # "لم يمنع من وقوع": not prevented
        if ctx.has(k, "future") or ctx.has(k, "hypo") or ctx.has(k, "recall") or ctx.multi_at(k, "future", b) > 1:
            return False, False
        if n_ == 0 and ctx.has(k, "may") and e.tense == "present":
            return False, False
        if n_ <= 1 and ctx.has(k, "foil"):
            return False, False  # أحبطت الشرطة هجوما
        if n_ <= 1 and e.tense == "noun" and (ctx.has(k, "history") or ctx.has(k, "period")):
            return False, False  # منذ سيطرة، ثلاث سنوات من المعارك
        if n_ == 0 and e.tense == "noun" and ctx.has(k, "under"):
            return False, False  # كانت المدينة تحت القصف: a state
        if n_ <= 1 and ctx.has(k, "stative") and trig.sub == "@territory":
            return False, False
        if n_ <= 1 and e.tense == "noun" and ctx.has(k, "trend"):
            return False, False  # "تضاعف واشنطن هجماتها": a trend
        if n_ <= 2 and (e.tense == "noun" or t.article or n_ == 0) and ctx.has(k, "unreal") and not (n_ and t.has_wa):
            # right after the unreal noun a verb reading is its verbal noun too (رفضهم قتل متظاهرين)
            # رفضهم قتل متظاهرين، أوامر بالقتل، التدرب على خطف: not done ("صد محاولات تسلل وهجمات": the
            # attacks are coordinated with the attempts, not governed by them)
            return False, False
    launch = _launched_by(ctx, i, a)
    if launch is not None and any(
        ctx.has(k, "future") or ctx.has(k, "hypo") for k in _window_before(ctx, launch, _FUT_WINDOW, a)
    ):
        return False, False  # "احتمال شن القوات السورية هجوما": the launching is only possible
    for k in ctx.marked(a, b, _COND_KINDS):
        if k >= i:
            break
        if ctx.has(k, "cond") or ctx.multi_at(k, "cond", i) > 1 or ctx.has(k, "doubt"):
            return False, False
        if trig.sub == "@territory" and i - k <= 3 and ctx.multi_at(k, "stative", i) > 1:
            return False, False
    if _in_era(ctx, i, a, b) or _old_year(ctx, i, j, a, b):
        return False, False
    if _prevented(ctx, i, a, b):
        return False, False
    if a < b and (ctx.has(a, "question") or _in_question(ctx, i, j, a, b)):
        return False, False
    if i > a and j < b and ctx.toks[i - 1].norm == '"' and ctx.toks[j].norm == '"' and j - i == 1:
        return False, False  # a word in scare quotes: مواجهة و"اشتباكا" تركيا عربيا
    for k in _window_before(ctx, i, 8, a):
        if ctx.has(k, "court"):
            return False, False
    for n2, k in enumerate(_window_before(ctx, i, 4, a)):
        if ctx.has(k, "generic") and n2 <= 2:
            return False, False
        if ctx.has(k, "found") and trig.etype == "Explosions/Remote violence":
            return False, False
        if ctx.has(k, "was") and e.tense == "present":
            return False, False  # كان + imperfect: background
    for k in range(j, min(j + 3, b)):
        if not ctx.word(k):
            break
        if ctx.has(k, "future_after") or (
            k > j and ctx.has(k - 1, "relative") and (ctx.has(k, "future") or _future_verb(ctx, k))
        ):
            return False, False  # هجوم وشيك، الإضراب الذي سينفذ غدا
        if e.tense == "noun" and ctx.has(k, "trend"):
            return False, False  # "التفجيرات زادت منذ بداية الحملة": a trend, not an event
    if trig.sub == "@territory" and e.tense != "noun" and j < b:
        # relative clause: "مواقع سيطر عليها المتشددون" describes the positions
        nxt = ctx.toks[j].norm
        if nxt in w.relative_on and not t.prefix and i > a and ctx.word(i - 1):
            prev = ctx.toks[i - 1]
            if not prev.prefix and prev.norm not in w.clause_openers:
                return False, False
    return True, denied


def _in_era(ctx: Ctx, i: int, a: int, b: int) -> bool:
    """A decade, a century or years gone by stand in the trigger's clause or open its sentence (في الخمسينات، في
    القرن الماضي، في السنوات الماضية): history, unless منذ makes it a comparison (أسوأ مظاهرات منذ التسعينات)."""
    c = ctx.chunk[i]
    for k in ctx.marked(a, b, _ERA):
        # its own clause, or the sentence's opening one (في العام 490 قبل الميلاد، نشبت معركة)
        if (ctx.chunk[k] == c or (k < i and ctx.chunk[k] == ctx.chunk[a])) and (
            ctx.has(k, "era") or ctx.multi_at(k, "era", b) > 1
        ):
            if not (k > a and ctx.has(k - 1, "history")):
                return True
    return False


_FUTURE_PERSONS = frozenset(IMPERFECT_PREFIXES[:3])


def _future_verb(ctx: Ctx, k: int) -> bool:
    """Token k is a verb in the future: سـ before the prefix of an imperfect of the third person or the first
    plural (ستنظم، سيعقد، سننظم), not a trigger's past (سيطرت)."""
    norm = ctx.toks[k].norm
    if len(norm) < 4 or norm[0] != FUTURE or norm[1] not in _FUTURE_PERSONS:
        return False
    return not any(e.tense == "past" for key in ctx.keys[k] for e in ctx.lex.index.get(key, ()))


#: a year named right next to a trigger (مظاهرات ساحة تيان آن مين عام 1989) dates it when it lies this many
#: days or more before publication: history, whatever date the event is given
_OLD_YEAR_DAYS = 400
_OLD_YEAR_REACH = 4
_PREVENT = frozenset({"prevent_scope"})
_PREVENT_REACH = 12


def _old_year(ctx: Ctx, i: int, j: int, a: int, b: int) -> bool:
    """A date of year precision (or a month of an old year) at most four words after the trigger in its clause, no
    relative clause between, lies
    more than a year before publication (مظاهرات ساحة «تيان آن مين» عام 1989، معارك 1982): the trigger names
    a past event.  Not after منذ or ذكرى (أكبر مظاهرات منذ 2011، في ذكرى انتفاضة 1987: today's protest)."""
    pub = ctx.pub
    if pub is None:
        return False
    c = ctx.chunk[i]
    for d, k in ctx.dates_by_sent().get(ctx.sent[i], ()):  # its sentence's dates, not the document's
        if d.start < ctx.toks[j - 1].end or d.precision not in ("year", "month"):
            continue
        if ctx.chunk[k] != c or sum(1 for q in range(j, k) if ctx.word(q)) > _OLD_YEAR_REACH:
            break
        if any(ctx.has(q, "relative") for q in range(j, k)):
            break  # "ضد القانون الذي أقر عام 2017": the year of another happening
        if any(ctx.has(q, "history") for q in range(max(a, k - 2), k)):
            return False
        try:
            when = date.fromisoformat(d.value[:10]) if len(d.value) >= 10 else date(int(d.value[:4]), 12, 31)
        except ValueError:
            return False
        return (pub - when).days > _OLD_YEAR_DAYS
    return False


def _prevented(ctx: Ctx, i: int, a: int, b: int) -> bool:
    """A purpose of preventing opens the trigger's clause before it (لمنع حصول أي أعمال شغب، للحيلولة دون
    وقوع احتجاجات، لتفادي اشتباكات): what the clause tells after it did not happen."""
    c = ctx.chunk[i]
    for k in ctx.marked_in(a, b, _PREVENT, max(a, i - _PREVENT_REACH), i):
        if ctx.chunk[k] == c and ctx.has(k, "prevent_scope") and not _negated(ctx, k, a):
            return True
    return False


def _negates(ctx: Ctx, k: int, i: int, a: int) -> bool:
    """Does the negator at k negate the trigger at i?  A "without" (دون، بدون، بلا) negates only the word
    right after it, through أن or a noun of happening (بدون قصف، دون أن يقصف، دون وقوع اشتباكات; not
    طائرة بدون طيار قصفت); a negated verb of preventing is a double negation (لم يحل دون وقوع اشتباكات)."""
    if ctx.has(k, "without"):
        if any(ctx.word(q) and ctx.toks[q].norm not in ctx.words.neg_links for q in range(k + 1, i)):
            return False
        # "حال دون وقوع": prevented; "لم يحل دون وقوع": it happened
        return not any(ctx.has(q, "prevent") and _negated(ctx, q, a) for q in range(max(a, k - 3), k))
    return not any(ctx.has(q, "prevent") for q in range(k + 1, i))


def _negated(ctx: Ctx, k: int, a: int) -> bool:
    """A negator stands right before token k (a word between allowed: لم يكن ليحول، لم يعد يمنع)."""
    return any(ctx.has(q, "neg") and not ctx.has(q, "without") for q in range(max(a, k - 2), k))


def _in_question(ctx: Ctx, i: int, j: int, a: int, b: int) -> bool:
    """The trigger lies in a question: the next end of a clause after it is a question mark (a colon or an
    opening quote before the trigger starts the question: وسأل: «هل قصفت ...؟»), or هل opens its clause.
    Both scans read positions computed once per sentence, so each trigger pays a bisection."""
    ends = ctx.memo(("clause_ends", a, b), partial(_clause_ends, ctx, a, b))
    n = bisect.bisect_left(ends, j)
    if n < len(ends) and ctx.toks[ends[n]].norm == "?":
        return True
    marks = ctx.memo(("question_marks", a, b), partial(_question_marks, ctx, a, b))
    n = bisect.bisect_left(marks, i) - 1
    return n >= 0 and not _stops_question(ctx, marks[n])


def _clause_ends(ctx: Ctx, a: int, b: int) -> list[int]:
    """The tokens of [a, b) that end a clause, read forward: ? . ! : and a comma before a question word
    ("قصفت الطائرات حلب، فهل يسكت العالم؟": the question is the next clause)."""
    out = []
    for k in range(a, b):
        norm = ctx.toks[k].norm
        if norm in ("?", ".", "!", ":") or (norm == "," and k + 1 < b and ctx.has(k + 1, "question")):
            out.append(k)
    return out


def _stops_question(ctx: Ctx, k: int) -> bool:
    t = ctx.toks[k]
    return not t.is_word and t.norm in (":", ".", "?", "!")


def _question_marks(ctx: Ctx, a: int, b: int) -> list[int]:
    """The tokens of [a, b) that, read backward from a trigger, decide whether a question word opens its clause:
    a clause end (no) or a question word (yes)."""
    return [k for k in range(a, b) if _stops_question(ctx, k) or ctx.has(k, "question")]


def governed_report(ctx: Ctx, i: int, a: int, b: int) -> bool:
    """A condemnation, an accusation or an inquiry governs the trigger at i (أدان الهجوم، اتهم X بتنفيذ
    التفجير، منددين بالقصف، التحقيق في التفجير) and the sentence dates nothing: it names an event told
    elsewhere, or a charge, and makes no event by itself.  With a date after the trigger it reports one ("دانت دول
    المجزرة التي ارتكبتها القوات في غزة الاثنين"); a date right after the condemnation's verb and its subject, or
    nearer to it than to the trigger, dates the condemnation ("أدانت المنظمة أمس الهجوم")."""
    c = ctx.chunk[i]
    ctx.index_entities()
    seen = 0
    for k in range(i - 1, a - 1, -1):
        if ctx.chunk[k] != c or seen >= 12:
            break
        if ctx.word(k):
            seen += k not in ctx.named  # a name is one word
            if ctx.has(k, "charge") or (seen <= 4 and ctx.has(k, "inquiry")):
                # a date right after the condemnation's verb and its subject, or nearer to it than to the trigger,
                # is the condemnation's own ("أدانت المنظمة أمس الهجوم"; "استنكار ... لقيام المتظاهرين يوم أمس
                # بالتجمع" dates the gathering)
                return not any(q in ctx.date_toks for q in range(k, b) if q >= i or (q - k > 3 and q - k >= i - q))
    return False


def flags_ok(ctx: Ctx, i: int, j: int, trig: Trigger, a: int, b: int) -> bool:
    fl = trig.flags
    w = ctx.words
    if "armed" in fl and not _armed_context(ctx, a, b):
        return False
    if trig.sub == "Agreement" and any(ctx.has(k, "commercial") for k in range(a, b)):
        return False  # a trade or business deal (اتفاقية تعاون بين شركة ...)، not one between conflict actors
    if "place" in fl and not any(
        i <= m.ti <= j + 8 and ctx.chunk[m.ti] == ctx.chunk[i] for m in ctx.places.get(ctx.sent[i], ())
    ):
        return False
    if "on" in fl and not any(
        ctx.toks[k].norm == w.on and ctx.chunk[k] == ctx.chunk[i]
        for k in range(j, min(j + (2 if trig.pos == "noun" else 6), b))
    ):
        return False
    if trig.pos == "noun" and any(ctx.has(k, "instr_object") for k in range(max(a, i - 3), i)):
        return False  # a weapon made, stored or hit (منشآت إنتاج الأسلحة الكيميائية), not one used
    if "accident" in fl:
        for k in range(max(a, i - 2), min(b, j + 4)):
            if ctx.has(k, "accident") or ctx.multi_at(k, "accident", b) > 1:
                if (
                    w.gas in ctx.keys[k]
                    and k + 1 < b
                    and (ctx.has(k + 1, "instr_chem") or ctx.toks[k + 1].stem.startswith(w.toxic))
                ):
                    continue
                return False
    return True


def _armed_context(ctx: Ctx, a: int, b: int) -> bool:
    for m in ctx.actors.get(ctx.sent[a] if a < len(ctx.toks) else -1, ()):
        if m.ent.actor_type in ARMED_TYPES:
            return True
    return any(ctx.has(k, "armed_word") for k in range(a, b))


@functools.cache
def _kind_set(kind: str) -> frozenset[str]:
    return frozenset({kind})


#: how near a protester noun stands to a protest word whose support set is "protest" to report it: its subject
#: or object (متظاهرون احتجوا على الجدار، احتج المتظاهرون)
_PROTESTER_SUBJECT = (2, 3)


def _protest_noun(ctx: Ctx, k: int) -> bool:
    """Token k is a protest noun (احتجاجات، مظاهرات), not a person who protests."""
    return any(
        e.trig.sub == "@protest" and e.tense == "noun" for key in ctx.keys[k] for e in ctx.lex.index.get(key, ())
    )


def supported(ctx: Ctx, i: int, j: int, trig: Trigger, a: int, b: int) -> bool:
    kind = trig.support
    if kind == "protest" and any(
        ctx.has(k, "protester") and not ctx.has(k, "protest") and not _protest_noun(ctx, k)
        for k in range(max(a, i - _PROTESTER_SUBJECT[0]), min(b, j + _PROTESTER_SUBJECT[1]))
        if not i <= k < j
    ):
        return True  # "تفريق الف متظاهر احتجوا على الجدار": the protesters protested
    near = _NEAR_SUPPORT.get(kind)
    sa, sb = a, b
    if near is not None:
        a, b = max(a, i - near[0]), min(b, j + near[1])
    for k in ctx.marked_in(sa, sb, _kind_set(kind), a, b):  # the tokens that can be (or start) a support word
        if i <= k < j:
            continue
        if ctx.has(k, kind) or ctx.multi_at(k, kind, b) > 1:
            t = ctx.toks[k]
            if kind in _PURPOSE_SUPPORT:
                return True  # "خرجوا للاحتجاج": the purpose shows the protest
            if t.has_li and not t.article and not (k > a and ctx.has(k - 1, "l_ok")):
                continue  # للتوصل إلى تسوية: a purpose
            governed = k > a and ctx.has(k - 1, "l_ok")
            if t.has_li and t.article and not governed:
                continue  # للسيطرة (ل + ال): a purpose unless a verb governs it
            return True
    return False


def other_sense(ctx: Ctx, i: int, j: int, e: Entry, a: int, b: int) -> str | None:
    """The label of a non-conflict sense its collocates give the trigger [i, j) (``event_senses.tsv``:
    تفجير الإبداع، خطف الأضواء، طرد الحارس، استهدفت زيادة), else None."""
    senses = ctx.lex.senses.get(e.trig.name)
    if not senses:
        return None
    c = ctx.chunk[i]
    for sense in senses:
        if sense.where == "headline":
            # the headline names the story: "سرقة 11 ألف دولار من لاعب" makes its arrests a criminal case
            if not _title_words(ctx.doc.meta.title or "").isdisjoint(sense.words) or (
                ctx.sent[i] not in ctx.title_sents
                and any(
                    ctx.memo(
                        ("sense", *ctx.sent_range[s], id(sense)), partial(_collocates, ctx, *ctx.sent_range[s], sense)
                    )
                    for s in sorted(ctx.title_sents)
                    if s < len(ctx.sent_range)
                )
            ):
                return sense.label
            continue
        if sense.where in ("sentence", "clause"):
            # the collocates of the sentence, found once for all its triggers
            hits = ctx.memo(("sense", a, b, id(sense)), partial(_collocates, ctx, a, b, sense))
            if any(not i <= k < j and (sense.where == "sentence" or ctx.chunk[k] == c) for k in hits):
                return sense.label
            continue
        for k in _sense_window(ctx, i, j, e, a, b, c, sense.where):
            if _collocate_at(ctx, k, b, sense):
                return sense.label
    return None


@functools.lru_cache(maxsize=256)
def _title_words(title: str) -> frozenset[str]:
    """The words of an article's headline (given apart from its text) in the folded view of the lexicon, with
    and without a proclitic letter and the article (بسرقة → سرقه)."""
    out: set[str] = set()
    for w in norm_str(title).split():
        for v in (w, w[1:] if len(w) > 3 and w[0] in PROCLITIC_LETTERS else w):
            out.add(v)
            if v.startswith(AL) and len(v) > 4:
                out.add(v[len(AL) :])
    return frozenset(out)


def _collocates(ctx: Ctx, a: int, b: int, sense: Sense) -> list[int]:
    return [k for k in range(a, b) if ctx.word(k) and _collocate_at(ctx, k, b, sense)]


def _sense_window(ctx: Ctx, i: int, j: int, e: Entry, a: int, b: int, c: int, where: str) -> Iterable[int]:
    if where == "next":
        k = j
        if e.tense != "noun":
            ctx.index_entities()
            while k < b and k - j < 6 and (k in ctx.named or ctx.has(k, "skip")):
                k += 1  # a verb's object comes after its subject
        if k < b and ctx.toks[k].norm in ctx.words.prepositions:
            k += 1  # سيطرت على الحريق، انسحب من الانتخابات
        if k < b and ctx.chunk[k] == c:
            yield k
    elif where == "after":
        ctx.index_entities()
        seen = 0
        for k in range(j, b):
            if seen >= 4 or (not ctx.word(k) and ctx.toks[k].norm in _CLAUSE_ENDS):
                break  # an apposition's commas do not end it: غادر المطرب، فلان، محبسه
            if ctx.word(k):
                seen += k not in ctx.named  # a name is one word
                yield k
    elif where == "before":
        seen = 0
        for k in range(i - 1, a - 1, -1):
            if ctx.chunk[k] != c or seen >= 2:
                break
            if ctx.word(k):
                seen += 1
                yield k
    else:
        for k in range(a, b):
            if (where == "sentence" or ctx.chunk[k] == c) and not i <= k < j and ctx.word(k):
                yield k


def _collocate_at(ctx: Ctx, k: int, b: int, sense: Sense) -> bool:
    keys = ctx.keys[k]
    if any(key in sense.words for key in keys):
        return True
    return any(
        k + len(ws) <= b and ws[0] in keys and all(ws[m] in ctx.keys[k + m] for m in range(1, len(ws)))
        for ws in sense.phrases
    )


def told_protest(ctx: Ctx, i: int, j: int, e: Entry, a: int, b: int) -> bool:
    """A verb that describes what protesters did at a protest (the row's ``elab`` flag: رفع، حمل، هتف، ردد،
    طالب، ندد) with the definite protesters as its subject (وردد المتظاهرون شعارات، ورفع المحتجون لافتات)
    tells more of a protest the text has already reported: like a definite verbal noun it only merges into
    that protest, unless its sentence dates or places it ("وطالب المتظاهرون أمس"، "ورفع المحتجون لافتات في
    مدينة X": the protest there).  Indefinite protesters (هتف متظاهرون، رفع آلاف المحتجين) introduce one."""
    if "elab" not in e.trig.flags:
        return False
    lo, hi = _NEAR_SUPPORT["protester"]
    if not any(
        ctx.has(k, "protester") and ctx.toks[k].article for k in range(max(a, i - lo), min(b, j + hi)) if not i <= k < j
    ):
        return False
    for p in ctx.places.get(ctx.sent[i], ()):
        if p.ti > a and (
            ctx.has(p.ti - 1, "in_prep") or ctx.has(p.ti - 1, "place_noun") or p.prefix.lstrip(_CONJ).startswith(BI)
        ):
            return False  # a place the protest is in, not one it names (تدين تدخل إيران)
    return not any(k in ctx.date_toks for k in range(a, b))


def time_anchor(ctx: Ctx, i: int, e: Entry, a: int) -> bool:
    """A definite verbal noun after a word of time (بعد الإضراب، عقب الهجوم، قبل يومين من التفجير، بعد يوم واحد
    من الإضراب، بعد أسبوعين من خطفه) dates something else by an event the reader knows: it names that event
    again, whatever dates its sentence gives, and only merges into it."""
    t = ctx.toks[i]
    k = i - 1
    superlative = k >= a and ctx.has(k, "superlative")  # "بعد يوم من أكبر إضراب": definite by its superlative
    if superlative:
        k -= 1
    if e.tense != "noun" or not (t.article or t.suffix or superlative):
        return False  # الهجوم، or خطفه "his abduction"
    if k > a and ctx.toks[k].norm == ctx.words.on and ctx.multi_at(k - 1, "anchor", k + 1) == 2:
        return ctx.chunk[k - 1] == ctx.chunk[i]  # "ردا على القصف": a reaction to the shelling the reader knows
    if not (t.article or superlative) and not (k >= a and ctx.toks[k].norm == ctx.words.from_):
        return False  # "قتلن بعد اختطافهن": the abduction is told with the killing
    if k >= a and ctx.toks[k].norm == ctx.words.from_:
        # "بعد يومين من الهجوم": a span of time between the word of time and من
        k -= 1
        seen = 0
        while k >= a and ctx.word(k) and seen < 3 and not ctx.has(k, "anchor"):
            k -= 1
            seen += 1
    return k >= a and ctx.chunk[k] == ctx.chunk[i] and ctx.has(k, "anchor")


def relative_background(ctx: Ctx, i: int, e: Entry, a: int, b: int) -> bool:
    """A trigger in a relative clause on the name of a person or a group (فلان، الذي قتل في انفجار سيارة مفخخة;
    not a place: "البلدة التي شهدت اشتباكات") tells who the named one is by an event the reader knows: in an
    undated sentence it names that event again and only merges into it.  An imperfect tells what the named one
    is doing (التحالف، الذي يقصف مواقع الحوثيين): news."""
    if e.tense == "present":
        return False
    c = ctx.chunk[i]
    ctx.index_entities()
    k = i - 1
    seen = 0
    while k > a and seen < 3 and ctx.word(k) and ctx.chunk[k] == c and not ctx.has(k, "relative"):
        k -= 1
        seen += 1
    if k <= a or not ctx.has(k, "relative"):
        return False
    if k + 1 < i and ctx.toks[k + 1].stem[:1] in _THIRD_PERSON:
        return False  # "الجيش، الذي يخوض معارك": what the named one is doing
    h = k - 1
    if h > a and not ctx.word(h) and ctx.toks[h].norm == ",":
        h -= 1  # "فلان، الذي"
    if h < a or h not in ctx.named:
        return False
    if any(p.ti <= h < p.tj for p in ctx.places.get(ctx.sent[i], ())):
        return False  # a place "التي شهدت اشتباكات": where the event is, told now
    return not any(q in ctx.date_toks for q in range(a, b))


def named_again(ctx: Ctx, i: int, j: int, e: Entry, a: int, b: int) -> bool:
    """A definite verbal noun (التفجير، الاغتيال، الضربات الجوية) names an event the reader knows, told earlier or
    elsewhere, unless a verb governs it (تمكنت من السيطرة) or its sentence reports it (a support word: وقع، أسفر،
    قتل، استهدف ...) or dates it: it only merges into the event it names."""
    if e.tense != "noun" or not ctx.toks[i].article or "weak" in e.trig.flags:
        return False
    if any(k in ctx.date_toks for k in range(a, b)):
        return False
    k = i - 1
    if k > a and ctx.has(k, "light"):
        k -= 1  # نفذتا عملية الخطف: the verb governs the light noun
    if k > a and ctx.toks[k].norm == ctx.words.from_:
        k -= 1  # تمكنت من السيطرة
    if k >= a and (ctx.has(k, "aux") or ctx.has(k, "masdar_gov") or ctx.has(k, "support_verb")):
        return False  # a verb governs it: أعلن طرد، تمكنت من السيطرة، شنت الغارات
    return not any(ctx.has(k, "support") or ctx.multi_at(k, "support", b) > 1 for k in range(a, b) if not i <= k < j)


def killed_by_armed(ctx: Ctx, m: Mention, e: Entry, j: int, b: int) -> bool:
    """A killing verb that stands alone in its sentence (the row's ``alone`` flag), in the perfect, with an armed
    perpetrator its subject names (how >= 2) and a victim counted or armed right after it (قتلت قوات الأمن
    أربعة مسلحين، قتل مسلحون مجهولون ثلاثة جنود) reports the killing without another support word."""
    if "alone" not in e.trig.flags or e.tense != "past" or m.how < 2:
        return False
    if not any(x.actor_type in ARMED_TYPES for x in m.actor1):
        return False
    return bool(victims_after(ctx, j, b, ("armed_word", "civ_victim"), count=True))


def victims_after(ctx: Ctx, j: int, b: int, kinds: tuple[str, ...], count: bool = False) -> list[int]:
    """The tokens of the four words after a killing verb (its named subject passed over: قتلت قوات الاحتلال
    شابا) that name its victims by one of ``kinds`` (or count them, when ``count``), not past an agent's
    preposition (قتلت قنصا على يد ميليشيا)."""
    ctx.index_entities()
    out = []
    seen = 0
    k = j
    while k < b and seen < 4 and k - j < 10:
        if ctx.has(k, "agent_prep"):
            break
        if k not in ctx.named:
            seen += 1  # a named subject is passed over, not counted
            if any(ctx.has(k, kind) for kind in kinds) or (count and ctx.toks[k].norm.isdigit()):
                out.append(k)
        k += 1
    return out


def arrest_at_protest(ctx: Ctx, i: int, j: int, a: int, b: int) -> bool:
    """An arrest told with a protest in its clause or during one (اعتقلت الشرطة عشرات المتظاهرين، ألقت الشرطة
    القبض على الممثلة، في مبنى الكابيتول، خلال مظاهرة): ACLED codes the protest, with intervention, and no
    arrest event of its own."""
    c = ctx.chunk[i]
    for k in range(max(a, i - 8), min(b, j + 24)):
        if i <= k < j or not (ctx.has(k, "protester") or ctx.has(k, "protest_who")):
            continue
        if ctx.chunk[k] == c or (k > a and ctx.has(k - 1, "during")):
            return True  # its clause, or "، ... خلال مظاهرة"
    return False
