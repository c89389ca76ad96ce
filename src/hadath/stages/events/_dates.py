"""When: the date of a mention.

:func:`when` picks the date expression of the ``dates`` layer that governs a trigger (the nearest in its
clause, a named day before a period; a date opening the sentence frames all of it; a date owned by another
trigger is left to it).  :func:`assign_date` falls back to the previous sentence (after a continuation
word: بدورها), to the sentence of the speech verb that reports it, else to the publication date; a period
gives its latest day (no later than publication) with week or month precision, a date after "منذ" runs to
publication, and "غداة X" moves the date a day back.  :func:`recent` drops history: more than ~30 days
before publication, or a period that began long before.
"""

from __future__ import annotations

from datetime import timedelta

from hadath.doc import DateSpan
from hadath.lang.ar.clitics import WA
from hadath.stages.events._context import Ctx, Mention, iso_end, iso_start
from hadath.stages.events._tokens import owner

_HISTORY_DAYS = 30
_BACKGROUND_DAYS = 25


def when(ctx: Ctx, s: int, i: int, a: int, b: int) -> tuple[DateSpan | None, int]:
    """The date expression governing the trigger (or None) and its token index."""
    best: tuple[float, DateSpan, int] | None = None
    for d, k in ctx.dates_by_sent().get(s, ()):
        own = owner(ctx, s, k)
        # a date that opens the sentence ("في 13 نوفمبر 2015، شهدت ...") frames all of it
        opens = all(not ctx.word(q) or ctx.toks[q].norm in (ctx.words.in_, WA) for q in range(a, k))
        if own is not None and own != i and ctx.chunk[k] != ctx.chunk[i] and not opens:
            continue  # the date of another trigger of the sentence
        dist = abs(k - i) - (0.5 if k > i else 0.0) + 3.0 * abs(ctx.chunk[k] - ctx.chunk[i])
        if d.end_value or d.precision != "day":
            dist += 4.0  # a day named near the trigger beats a period ("على مدى الأسبوعين الماضيين")
        if best is None or dist < best[0]:
            best = (dist, d, k)
    if best:
        return best[1], best[2]
    return None, -1


def assign_date(ctx: Ctx, m: Mention, s: int, i: int, a: int, b: int) -> None:
    """The date of mention m (trigger i of sentence s [a, b)), its precision and whether it is the default."""
    d, k = when(ctx, s, i, a, b)
    if d is None and s > 0 and s not in ctx.title_sents:
        first = a
        while first < b and not ctx.word(first):
            first += 1
        if first < b and (ctx.has(first, "continue") or ctx.multi_at(first, "continue", b) > 1):
            d, k = when(ctx, s - 1, i, *ctx.sent_range[s - 1])
    if d is None:
        for att in ctx.attributions_at(ctx.toks[i].start):
            c = att.content
            if c and c.start <= ctx.toks[i].start < c.end and att.cue_start < c.start:
                cs = ctx.toks[ctx.tok_at(att.cue_start)].sent
                if cs != s:
                    d, k = when(ctx, cs, ctx.tok_at(att.cue_start), *ctx.sent_range[cs])
                break
    pub = ctx.pub
    if d is None:
        m.date, m.precision, m.date_default = pub, 1, True
    else:
        m.date_default = False
        end = iso_end(d.end_value) if d.end_value else iso_end(d.value)
        start = iso_start(d.value)
        since = k > a and any(ctx.has(q, "history") for q in range(max(a, k - 1), k + 1))
        if since and pub and start and (not d.end_value or (end and end < pub)):
            end = pub
        if end and pub and end > pub and start and start <= pub:
            end = pub
        m.date = end
        span_days = (end - start).days if end and start else 0
        if d.precision == "day" and span_days <= 0:
            m.precision = 1
        elif d.precision in ("day", "week") and span_days <= 14:
            m.precision = 2
        else:
            m.precision = 3
        if pub and start and span_days > 0 and (pub - start).days > _BACKGROUND_DAYS:
            m.date = None
            m.date_default = False
            m.precision = -1
    if m.date is not None:
        for q in range(a, i):
            if ctx.has(q, "day_before"):
                if m.date_default:
                    m.precision = 1
                m.date = m.date - timedelta(days=1)
                m.date_default = False
                break


def recent(ctx: Ctx, m: Mention) -> bool:
    if m.precision == -1:
        return False
    pub = ctx.pub
    if pub is None or m.date is None:
        return True
    if m.date > pub + timedelta(days=1):
        return False
    return (pub - m.date).days <= _HISTORY_DAYS
