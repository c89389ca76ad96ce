"""When: the date of a mention, chosen among the date expressions of its sentence.

:func:`when` scores each date expression of the ``dates`` layer in the trigger's sentence and keeps the best:

* **excluded**: a date in the *reporting frame* of an attribution whose content holds the trigger ("أعلن
  المرصد **الثلاثاء** أن حصيلة الغارات ..."، "... وفق ما أورد المرصد **اليوم الثلاثاء**"): it dates the
  statement, not the event; a date owned by another trigger of the sentence, in another clause;
* **distance** in words, plus three words for each clause boundary (comma) between them;
* **granularity**: a named day beats a period ("على مدى الأسبوعين الماضيين");
* **another clause**: a date separated from the trigger by a connective of time or cause ("توالت الإدانات يوم
  الخميس **على أثر** استهداف ... الأربعاء") counts as far away when it stands before the trigger, and is
  excluded when it stands after it, in a clause of its own ("طرد التنظيم **بعدما** كان عاد إليها قبل أسابيع") or
  inside a relative clause on another noun; a trigger inside a relative clause on a name does not take the date
  of the main clause before it ("وصلت القافلة **السبت** إلى غزنة **التي** شهدت مؤخرا معارك").

:func:`assign_date` falls back, in order, to the previous sentence's date (after a continuation word: بدورها),
to the reporting date of the attribution that reports it — a *bound*: the event happened by then (week
precision, and the mention stays mergeable with any dated mention) —, else to the publication date.  A period
gives its latest day (no later than publication) and its first day (``date_lo``); a date after "منذ" runs to
publication, and "غداة X" moves the date a day back.  :func:`recent` drops history: more than ~30 days before
publication, or a period that began long before.
"""

from __future__ import annotations

import bisect
from datetime import timedelta

from hadath.doc import DateSpan
from hadath.lang.ar.clitics import WA
from hadath.lang.ar.orthography import norm_str
from hadath.stages.events._context import Ctx, Mention, iso_end, iso_start
from hadath.stages.events._tokens import owner

_HISTORY_DAYS = 30
_BACKGROUND_DAYS = 25
#: extra distance (in words) of a date in another clause than the trigger's
_OTHER_CLAUSE = 6.0
#: extra distance of a period against a named day
_PERIOD = 4.0


def reporting_frames(ctx: Ctx, i: int) -> list[tuple[int, int, int]]:
    """(start, end, cue sentence) of the reporting frames around trigger i: the characters of the cue's
    sentence outside the content of an attribution whose content holds the trigger, on the cue's side."""
    pos = ctx.toks[i].start
    out: list[tuple[int, int, int]] = []
    for att in ctx.attributions_at(pos):
        c = att.content
        if c is None or not c.start <= pos < c.end or att.article_level:
            continue
        sent = ctx.doc.sentences[ctx.doc.sentence_of(att.cue_start)]
        cs = ctx.sent[ctx.tok_at(att.cue_start)]
        if att.cue_start < c.start:
            out.append((sent.start, min(c.start, sent.end), cs))
        elif att.cue_start >= c.end:
            out.append((c.end, sent.end, cs))
    return out


def _separated(ctx: Ctx, k: int, i: int) -> str:
    """How date token k and trigger i stand apart: "clause" (a clause of its own opens between them: بعدما،
    حين, a relative clause on another noun after the trigger), "relative" (the trigger stands in a relative clause
    on a name after the date: "وصلت القافلة السبت إلى غزنة التي شهدت مؤخرا معارك"), "after" (a connective of time or
    cause: بعد، إثر، جراء), or ""."""
    w = ctx.words
    lo, hi = (k, i) if k < i else (i, k)
    out = ""
    for q in range(lo + 1, hi):
        t = ctx.toks[q]
        if t.norm in w.clause_openers or (k > i and t.norm in w.relatives and _on_a_name(ctx, q)):
            return "clause"  # a relative clause on the trigger noun itself ("الغارات التي شنت الأحد") is its own
        if k < i and (t.norm in w.relatives or t.core in w.relatives) and _on_a_name(ctx, q):
            # "وصلت القافلة السبت إلى غزنة التي شهدت مؤخرا معارك": the trigger describes the place in a relative
            # clause; the main clause's date is the arrival's
            return "relative"
        if t.norm in w.after or t.stem in w.after:
            out = "after"
    return out


def _on_a_name(ctx: Ctx, q: int) -> bool:
    """The relative pronoun at q follows a name (a place or an actor): "غزنة التي شهدت"، "داعش الذي انتعش"."""
    s = ctx.sent[q]
    return any(q - 2 <= m.tj <= q for m in (*ctx.places.get(s, ()), *ctx.actors.get(s, ())))


def duration_days(ctx: Ctx, s: int, i: int) -> int:
    """How many days the trigger's clause says it lasted ("خلال 30 يوما من المعارك"، "على مدى ثلاثة أسابيع"),
    0 if it says nothing."""
    w = ctx.words
    if not w.time_units:
        return 0
    a, b = ctx.sent_range[s]
    quants = ctx.doc.quantities
    lo = bisect.bisect_left(ctx.quant_starts, ctx.toks[a].start) if a < b else len(quants)
    best = 0
    for q in quants[lo:]:
        if q.start >= ctx.toks[b - 1].end:
            break
        days = w.time_units.get(norm_str(q.unit or ""))
        if q.category != "time" or not days:
            continue
        k = ctx.tok_at(q.start)
        if abs(k - i) > 10 or (ctx.chunk[k] != ctx.chunk[i] and abs(k - i) > 4):
            continue
        if any({ctx.toks[p].stem, ctx.toks[p].norm} & w.duration_words for p in range(max(a, k - 2), k)):
            best = max(best, int(float(q.value) * days))
    return best


def when(ctx: Ctx, s: int, i: int, a: int, b: int, anywhere: bool = False) -> tuple[DateSpan | None, int]:
    """The date expression governing trigger i of sentence s [a, b) (or None) and its token index.
    ``anywhere``: i is only an anchor (the sentence's date is wanted, whichever trigger owns it)."""
    frames = reporting_frames(ctx, i) if not anywhere else []
    best: tuple[float, DateSpan, int] | None = None
    for d, k in ctx.dates_by_sent().get(s, ()):
        if any(lo <= d.start < hi for lo, hi, _ in frames):
            continue  # the date of the statement, not of the event
        own = owner(ctx, s, k)
        # a date that opens the sentence ("في 13 نوفمبر 2015، شهدت ...") frames all of it
        opens = all(not ctx.word(q) or ctx.toks[q].norm in (ctx.words.in_, WA) for q in range(a, k))
        if not anywhere and own is not None and own != i and ctx.chunk[k] != ctx.chunk[i] and not opens:
            continue  # the date of another trigger of the sentence
        dist = abs(k - i) - (0.5 if k > i else 0.0) + 3.0 * abs(ctx.chunk[k] - ctx.chunk[i])
        if d.end_value or d.precision != "day":
            dist += _PERIOD  # a day named near the trigger beats a period ("على مدى الأسبوعين الماضيين")
        apart = "" if opens else _separated(ctx, k, i)
        if (apart == "clause" and k > i) or apart == "relative":
            continue  # a clause after the trigger ("بعدما كان عاد إليهما قبل أسابيع") tells another time
        if apart:
            dist += _OTHER_CLAUSE  # "قتل 14 الأحد إثر قصف": the main clause's date, unless the trigger has one
        if best is None or dist < best[0]:
            best = (dist, d, k)
    if best:
        return best[1], best[2]
    return None, -1


def _bound(ctx: Ctx, i: int) -> tuple[DateSpan | None, int]:
    """The date of the statement that reports trigger i (in its reporting frame), or None."""
    for lo, hi, cs in reporting_frames(ctx, i):
        for d, k in ctx.dates_by_sent().get(cs, ()):
            if lo <= d.start < hi:
                return d, k
    return None, -1


def assign_date(ctx: Ctx, m: Mention, s: int, i: int, a: int, b: int) -> None:
    """The date of mention m (trigger i of sentence s [a, b)), its precision, its first day and whether it is
    the default (publication, or a bound from the reporting date)."""
    d, k = when(ctx, s, i, a, b)
    if d is None and s > 0 and s not in ctx.title_sents:
        first = a
        while first < b and not ctx.word(first):
            first += 1
        # a continuation word (بدورها، في المقابل) or a verb of reacting (وردت الفصائل باستهداف ...: the answer to
        # what the sentence before told) opens the sentence
        if first < b and (
            ctx.has(first, "continue") or ctx.has(first, "react") or ctx.multi_at(first, "continue", b) > 1
        ):
            pa, pb = ctx.sent_range[s - 1]
            trigs = ctx.trig_pos.get(s - 1)
            d, k = when(ctx, s - 1, trigs[-1] if trigs else max(pa, pb - 1), pa, pb, anywhere=True)
    bound = False
    if d is None:
        d, k = _bound(ctx, i)
        bound = d is not None
    pub = ctx.pub
    if d is None:
        m.date, m.date_lo, m.precision, m.date_default = pub, None, 1, True
    else:
        m.date_default = bound
        end = iso_end(d.end_value) if d.end_value else iso_end(d.value)
        start = iso_start(d.value)
        ka = ctx.sent_range[ctx.sent[k]][0]
        since = any(ctx.has(q, "history") for q in range(max(ka, k - 1), k + 1))  # "ومنذ" may open the sentence
        # "الاحتجاجات التي بدأت في 8 يوليو": a verb of outbreak between the trigger and its date, over _TOLL_DAYS
        # days before the report, dates the start of what the trigger names, which goes on until the report (an
        # outbreak days ago is the incident's day: "الاشتباكات التي اندلعت الخميس")
        begun = (
            bool(pub and start and (pub - start).days > _TOLL_DAYS)
            and k > i
            and any({ctx.toks[q].norm, ctx.toks[q].stem} & ctx.words.onset for q in range(max(i + 1, k - 3), k))
        )
        if (since or begun) and pub and start and (not d.end_value or (end and end < pub)):
            end = pub
        if end and pub and end > pub and start and start <= pub:
            end = pub
        m.date, m.date_lo = end, start
        span_days = (end - start).days if end and start else 0
        if bound:
            m.precision = 2  # reported by then: the event's own day is not said
            m.date_lo = None
        elif d.precision == "day" and span_days <= 0:
            m.precision = 1
        elif d.precision in ("day", "week") and span_days <= 14:
            m.precision = 2
        else:
            m.precision = 3
        if not bound and pub and start and span_days > 0 and (pub - start).days > _BACKGROUND_DAYS:
            m.date = None
            m.date_default = False
            m.precision = -1
    if d is not None and not bound:
        w = ctx.words
        m.onset = any(
            ctx.word(q) and ctx.chunk[q] == ctx.chunk[i] and bool({ctx.toks[q].norm, ctx.toks[q].stem} & w.onset)
            for q in range(max(a, i - 3), i)
        )
    if m.date is not None:
        before = ctx.positions(a, b, "day_before")  # one scan per sentence, not one per trigger
        if before and before[0] < i:
            if m.date_default:
                m.precision = 1
            m.date = m.date - timedelta(days=1)
            if m.date_lo is not None:
                m.date_lo = m.date_lo - timedelta(days=1)
            m.date_default = False


#: a toll told over more days than this (about a week) is cumulative (ACLED: not one event's fatalities)
_TOLL_DAYS = 5


def _since_start(ctx: Ctx, m: Mention) -> bool:
    """The clause counts since a campaign began: "منذ بدء الهجوم"، "منذ انطلاق العملية العسكرية"."""
    w = ctx.words
    a, b = ctx.sent_range[m.sent]
    for k in range(max(a, m.ti - 12), min(b - 1, m.tj + 12)):
        if ctx.toks[k].norm in w.since or ctx.toks[k].stem in w.since:
            if any(ctx.toks[q].stem in w.campaign_start for q in range(k + 1, min(b, k + 3))):
                return True
    return False


def recent(ctx: Ctx, m: Mention) -> bool:
    """The mention is no history (more than ~30 days before publication, or begun long before), and whether
    it is told over more than about a week is noted (``m.cumulative``)."""
    if m.precision == -1:
        return False
    days = duration_days(ctx, m.sent, m.ti)
    if days > _BACKGROUND_DAYS:
        return False  # "خسر النظام 260 قتيلا خلال 30 يوما من المعارك": a month's summary, no event
    span = (m.date - m.date_lo).days if m.date and m.date_lo and not m.date_default else 0
    m.cumulative = max(days, span) > _TOLL_DAYS or _since_start(ctx, m)
    pub = ctx.pub
    if pub is None or m.date is None:
        return True
    if m.date > pub + timedelta(days=1):
        return False
    return (pub - m.date).days <= _HISTORY_DAYS
