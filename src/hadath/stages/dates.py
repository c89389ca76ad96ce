"""Stage ``dates``: the publication date and every date expression, resolved to ISO dates.

The publication date comes from the metadata when given, else from a dateline near the start of the text
(a full date at the start of a line, after "اليوم الجمعة (" or a weekday, or after a place name and a dash:
"٩ فبراير ٢٠١٨", "الجمعة 9/2/2018", "(التاسع من شباط/فبراير 2018)"); with neither it stays unknown.

Date expressions are found on the normalised view with the patterns of ``lang.calendar``
(:class:`hadath.lang.ar.calendar.CalendarLexicon`, built from ``months.tsv``, ``ordinals.tsv``,
``time_expressions.tsv`` and the number words of ``lang.numbers``); this module resolves what they match:

* absolute: "9 فبراير 2018", "9 فبراير" (year nearest to publication), "فبراير 2018" (month), "9/2/2018",
  "2018-02-09", "في عام 2011" / "منذ 2011" (year), Hijri dates "15 رمضان 1439 هـ" (via ``hijridate``);
* relative, resolved against the publication date: اليوم، أمس، غدا، weekdays (the latest one on or before
  publication; "الماضي" strictly before, "المقبل" after), a part of the day before them (فجر اليوم الجمعة;
  ليلة السبت is the night before Saturday), "منذ سبعة أيام", "خلال الساعات الـ24 الماضية", and periods
  ("الأسبوع الماضي", "الشهر الماضي", "قبل أسابيع").

Relative expressions without a publication date get no value and are left out (nothing is invented).
Overlapping matches keep the longest.  Every span is mapped back to the original text.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from hijridate import Gregorian, Hijri

from hadath.doc import DateSpan, Doc, Token
from hadath.lang.ar import Arabic
from hadath.lang.ar.calendar import CalendarLexicon
from hadath.lang.ar.clitics import CONJUNCTIONS
from hadath.lang.ar.numbers import NumberLexicon
from hadath.lang.ar.orthography import TASHKEEL_RE

__all__ = ["Dates", "make_stage"]

_DATELINE_CHARS = 300
#: Years at either end of the calendar (0001 … 9999) where an expression's arithmetic may leave it: "أمس" on
#: 0001-01-01, "الشهر المقبل" on 9999-12-31.  No expression reaches further than this from its publication date
#: ("منذ 5000 عام" guards itself), so a failure with a publication date further in is a bug and is raised.
_EDGE_YEARS = 10
_DIGIT_PATTERNS = ("absolute", "numeric")
_PREFIX_CHARS = 40


# -- date arithmetic ----------------------------------------------------------------------------------------


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, k: int) -> date:
    idx = d.year * 12 + d.month - 1 + k
    y, m = divmod(idx, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _hijri(y: int, m: int, d: int) -> date:
    g = Hijri(y, m, d).to_gregorian()
    return date(g.year, g.month, g.day)


def _hijri_month(y: int, m: int) -> tuple[date, date]:
    h = Hijri(y, m, 1)
    return _hijri(y, m, 1), _hijri(y, m, h.month_length())


def _hijri_year_of(d: date) -> int:
    return int(Gregorian(d.year, d.month, d.day).to_hijri().year)


def _closest(cands: Iterable[date], pub: date, direction: int | None) -> date | None:
    items = list(cands)
    if direction is not None and direction < 0:
        items = [c for c in items if c < pub]
        return max(items) if items else None
    if direction is not None and direction > 0:
        items = [c for c in items if c > pub]
        return min(items) if items else None
    # news reports mostly look back: a future date must be twice as close to win
    return min(items, key=lambda c: (c - pub).days * 2 if c > pub else (pub - c).days) if items else None


def _near_years(y: int) -> range:
    """The year before ``y``, ``y`` and the year after, those of them the calendar has (0001 … 9999)."""
    return range(max(y - 1, date.min.year), min(y + 1, date.max.year) + 1)


def _weekday_on_or_before(base: date, wd: int) -> date:
    return base - timedelta(days=(base.weekday() - wd) % 7)


@dataclass(slots=True)
class _Cand:
    start: int  # normalised view offsets
    end: int
    kind: str  # absolute | relative
    resolve: Callable[[date | None], tuple[date, date | None, str] | None]
    full: bool = False  # a complete day-month-year date (a dateline candidate)
    has_wd: bool = False


_Resolved = tuple[date, date | None, str]


def _resolve(c: _Cand, pub: date | None) -> _Resolved | None:
    """The candidate's value against the publication date; nothing when that value lies outside the calendar
    (a relative date near 0001-01-01 or 9999-12-31)."""
    try:
        return c.resolve(pub)
    except (OverflowError, ValueError):
        if pub is None or date.min.year + _EDGE_YEARS <= pub.year <= date.max.year - _EDGE_YEARS:
            raise
        return None


class _Finder:
    """Finds date candidates in one normalised text."""

    def __init__(self, text: str, lx: CalendarLexicon, numbers: NumberLexicon) -> None:
        self.text = text
        self.lx = lx
        self.px = lx.patterns
        self.numbers = numbers
        self.cands: list[_Cand] = []

    # context ------------------------------------------------------------------------------------------------
    def word_before(self, pos: int) -> str:
        i = pos
        while i > 0 and self.text[i - 1] == " ":
            i -= 1
        j = i
        while j > 0 and self.text[j - 1].isalpha():
            j -= 1
        return self.text[j:i]

    def word_before_in(self, pos: int, words: frozenset[str]) -> bool:
        """The word before ``pos`` is one of ``words``, alone or after a conjunction (ومنذ)."""
        w = self.word_before(pos)
        return w in words or (len(w) > 1 and w[0] in CONJUNCTIONS and w[1:] in words)

    def word_after(self, pos: int) -> str:
        m = self.px.next_word.match(self.text, pos)
        return m.group(1) if m else ""

    def blocked(self, phrase: str, start: int, end: int) -> bool:
        before = self.lx.block_before.get(phrase)
        if before and self.word_before_in(start, before):
            return True
        after = self.lx.block_after.get(phrase)
        return after is not None and self.word_after(end) in after

    # patterns -------------------------------------------------------------------------------------------------
    def run(self, tokens: Iterable[Token]) -> list[_Cand]:
        text = self.text
        triggers = self.px.triggers
        handlers: dict[str, tuple[re.Pattern[str], Callable[[re.Match[str]], None]]] = {
            "absolute": (self.px.absolute, self.absolute),
            "numeric": (self.px.numeric, self.numeric),
            "relative": (self.px.relative, self.relative),
            "ago": (self.px.ago, self.ago),
            "window": (self.px.window, self.ago),
            "ranges": (self.px.ranges, self.range),
            "phased": (self.px.phased, self.phased),
            "year": (self.px.year, self.year),
        }
        get = triggers.get
        for t in tokens:
            if t.is_word:
                names = get(t.norm)
                pos = t.nstart
                if names is None:
                    if not t.prefix:
                        continue
                    names = get(t.core)  # والجمعة، وبالأمس، ومساء: read after the proclitics
                    pos += len(t.prefix)
            elif t.norm[0].isdigit():
                names = _DIGIT_PATTERNS
                pos = t.nstart
            else:
                continue
            for name in names or ():
                pattern, handler = handlers[name]
                m = pattern.match(text, pos)
                if m is not None:
                    handler(m)
        return self.cands

    def add(self, m: re.Match[str], kind: str, fn: Callable[[date | None], _Resolved | None], **kw: bool) -> None:
        self.cands.append(_Cand(m.start(), m.end(), kind, fn, **kw))

    def absolute(self, m: re.Match[str]) -> None:
        lx = self.lx
        name = " ".join(m.group("mon").split())
        mo = lx.months[name]
        pair = m.group("mon2") or m.group("mon3") or m.group("mon4")
        end: int | None = None
        if pair is not None:
            other = lx.months[" ".join(pair.split())]
            if other.month != mo.month or other.hijri != mo.hijri:
                if m.group("mon4") is None:
                    return  # "مارس/أبريل": not one month
                pair, end = None, m.end("mon")  # two months side by side: keep the first alone
        day_s, ord_s, year_s = m.group("day"), m.group("ord"), m.group("year")
        mod_s, yrel_s, era_s = m.group("mod"), m.group("yrel"), m.group("era")
        if end is not None:
            year_s = mod_s = yrel_s = era_s = None  # they belong to the second month
        day: int | None = int(day_s) if day_s else (lx.ordinals[" ".join(ord_s.split())] if ord_s else None)
        # "الأسبوع الثاني من شباط": an ordinal after "week" counts weeks, not days
        week_word = self.word_before(m.start()) if ord_s and m.group("wd") is None and m.group("pod") is None else ""
        week: int | None = day if week_word in lx.week_words and day is not None and day <= 5 else None
        if week is not None:
            day = None
        day2 = int(m.group("day2")) if m.group("day2") else None
        year = int(year_s) if year_s else None
        era = lx.eras.get(era_s or "", "")
        hijri = mo.hijri
        shahr = m.group("shahr") is not None
        if year is not None:
            if hijri or era == "hijri":
                if not (hijri and era != "gregorian" and 1300 <= year < 1600):
                    return  # a Hijri month needs a Hijri year, and the reverse
            elif not 1800 <= year <= 2100:
                return
        elif hijri:
            if not shahr:
                return  # "2 صفر" is a score; a Hijri month without a year needs شهر
        elif day is None and mo.ambiguous and pair is None and not shahr:
            if mod_s is None and yrel_s is None:
                return  # مارس، ماي، آب alone are words, not months
        direction = lx.modifiers.get(mod_s or "")
        yrel = lx.ranges.get(" ".join((yrel_s or "").split()))
        month = mo.month

        def resolve(pub: date | None) -> _Resolved | None:
            y = year
            if y is None and yrel is not None:
                if pub is None:
                    return None
                y = (_hijri_year_of(pub) if hijri else pub.year) + yrel[0]
            try:
                if y is not None:
                    if day is None:
                        if hijri:
                            a, b = _hijri_month(y, month)
                            return a, b, "month"
                        return date(y, month, 1), _month_end(y, month), "month"
                    d1 = _hijri(y, month, day) if hijri else date(y, month, day)
                    d2 = (_hijri(y, month, day2) if hijri else date(y, month, day2)) if day2 else None
                    return d1, (d2 if d2 and d2 > d1 else None), "day"
                if pub is None:
                    return None
                if hijri:
                    hy = _hijri_year_of(pub)
                    if day is None:
                        months_ = [_hijri_month(k, month) for k in (hy - 1, hy, hy + 1)]
                        best = _closest((a for a, _ in months_), pub, direction)
                        pair_ = next((p for p in months_ if p[0] == best), None)
                        return (pair_[0], pair_[1], "month") if pair_ else None
                    best = _closest((_hijri(k, month, day) for k in (hy - 1, hy, hy + 1)), pub, direction)
                    return (best, None, "day") if best else None
                if day is None:
                    firsts = [date(k, month, 1) for k in _near_years(pub.year)]
                    if direction == 0:
                        first = date(pub.year, month, 1)
                    else:
                        cur = date(pub.year, pub.month, 1)
                        first_ = _closest(firsts, cur, direction)
                        if first_ is None:
                            return None
                        first = first_
                    return first, _month_end(first.year, first.month), "month"
                best = _closest(
                    (date(k, month, day) for k in _near_years(pub.year) if day <= _days(k, month)),
                    pub,
                    direction,
                )
                if best is None:
                    return None
                end = date(best.year, month, day2) if day2 and day2 > day and day2 <= _days(best.year, month) else None
                return best, end, "day"
            except (ValueError, OverflowError):
                return None

        if end is not None:
            self.cands.append(_Cand(m.start(), end, "absolute", resolve, has_wd=m.group("wd") is not None))
            return
        if week is not None:
            month_of = resolve
            n = week

            def resolve_week(pub: date | None) -> _Resolved | None:
                got = month_of(pub)
                if got is None:
                    return None
                first, last = got[0], got[1] or got[0]
                a = first + timedelta(days=7 * (n - 1))
                b = min(first + timedelta(days=7 * n - 1), last)
                return (a, b, "week") if a <= last else None

            start = m.start()
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
            start -= len(week_word)
            self.cands.append(_Cand(start, m.end(), "absolute", resolve_week))
            return
        full = day is not None and year is not None
        self.add(m, "absolute", resolve, full=full, has_wd=m.group("wd") is not None)

    def numeric(self, m: re.Match[str]) -> None:
        if m.group("d"):
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        else:
            d, mo, y = int(m.group("d2")), int(m.group("m2")), int(m.group("y2"))
        era = self.lx.eras.get(m.group("era") or "")
        if (1300 <= y < 1600) != (era == "hijri") and era is not None:
            return  # a Hijri year marked م, or a Gregorian year marked هـ
        try:
            value = _hijri(y, mo, d) if 1300 <= y < 1600 else date(y, mo, d)
        except (ValueError, OverflowError):
            return

        def resolve(pub: date | None) -> _Resolved | None:
            return value, None, "day"

        self.add(m, "absolute", resolve, full=True, has_wd=m.group("wd") is not None)

    def relative(self, m: re.Match[str]) -> None:
        lx = self.lx
        rel2 = m.group("rel2")
        if rel2 is not None:
            phrase = " ".join(rel2.split())
            if self.blocked(phrase, m.start("rel2"), m.end()):
                return
            offset = lx.day_words[phrase]

            def resolve_day(pub: date | None) -> _Resolved | None:
                return (pub + timedelta(days=offset), None, "day") if pub else None

            self.add(m, "relative", resolve_day)
            return
        wd_s = m.group("wd")
        if self.blocked(wd_s, m.start("wd"), m.end("wd")):
            return
        wd = lx.weekdays[wd_s]
        wd2 = lx.weekdays[m.group("wd2")] if m.group("wd2") else None
        rel = lx.day_words[" ".join(m.group("rel").split())] if m.group("rel") else 0
        direction = lx.modifiers.get(m.group("mod") or "")
        pod = lx.pods.get(" ".join((m.group("pod") or "").split()), 0)
        has_pod = m.group("pod") is not None
        night_pair = wd2 is not None and (wd2 - wd) % 7 == 1
        shift = 0 if night_pair else pod

        def resolve(pub: date | None) -> _Resolved | None:
            if pub is None:
                return None
            if direction is not None and direction < 0:
                d = _weekday_on_or_before(pub - timedelta(days=1), wd)
            elif direction is not None and direction > 0:
                d = pub + timedelta(days=(wd - pub.weekday() - 1) % 7 + 1)
            else:
                d = _weekday_on_or_before(pub + timedelta(days=rel), wd)
            d += timedelta(days=shift)
            end = None
            if wd2 is not None and not (night_pair and has_pod):
                end = d + timedelta(days=(wd2 - wd) % 7 or 7)
            return d, end, "day"

        self.add(m, "relative", resolve)

    def ago(self, m: re.Match[str]) -> None:
        lx = self.lx
        pre = " ".join(m.group("pre").split())
        count, unit = lx.time_unit(" ".join(m.group("tu").split()))
        num_s = m.group("num")
        n: float | None
        if num_s:
            n = float(num_s) if num_s[0].isdigit() else self.numbers.word_value(" ".join(num_s.split()))
        else:
            if m.group("al") and count == 1 and not m.group("past") and not m.group("apx"):
                # a definite singular unit is a clock reading, an ordinal or a named period, not a time ago: "منذ
                # الساعة التاسعة صباحا" (since nine o'clock, on a day the sentence tells), "منذ اليوم الأول"، "منذ
                # العام المالي 2015" ("منذ ساعة": an hour ago; "منذ ما يقارب العام": about a year ago)
                return
            n = float(count) if count else None
        if n is None or n <= 0 or n > 5000:
            return
        is_window = pre in lx.window
        if is_window and not m.group("past"):
            return  # "خلال 24 ساعة": within, not the past
        if not is_window and self.word_after(m.end()) in lx.anchors:
            return  # "قبل ثلاثة أيام من الانتخابات": relative to something else
        k = int(n)
        precision = {"hour": "day", "minute": "day"}.get(unit, unit)

        def back(pub: date) -> date:
            if unit == "hour":
                return pub - timedelta(days=k // 24)
            if unit == "minute":
                return pub
            if unit == "day":
                return pub - timedelta(days=k)
            if unit == "week":
                return pub - timedelta(weeks=k)
            if unit == "month":
                return _add_months(pub, -k)
            return _add_months(pub, -12 * k)

        def resolve(pub: date | None) -> _Resolved | None:
            if pub is None:
                return None
            try:
                start = back(pub)
            except (ValueError, OverflowError):
                return None
            if is_window:
                if unit == "hour" and k <= 24:
                    start = pub - timedelta(days=1)
                return start, pub if start < pub else None, precision
            return start, None, precision

        self.add(m, "relative", resolve)

    def range(self, m: re.Match[str]) -> None:
        phrase = " ".join(m.group("ph").split())
        if phrase in self.lx.before_ranges and self.word_after(m.end()) in self.lx.anchors:
            return
        a, b, unit, precision = self.lx.ranges[phrase]

        def resolve(pub: date | None) -> _Resolved | None:
            if pub is None:
                return None
            if unit == "day":
                s, e = pub + timedelta(days=a), pub + timedelta(days=b)
            elif unit == "week":
                s, e = pub + timedelta(weeks=a), pub + timedelta(weeks=b)
            elif unit == "month":
                first = date(pub.year, pub.month, 1)
                s = _add_months(first, a)
                last = _add_months(first, b)
                e = _month_end(last.year, last.month)
            else:
                s, e = date(pub.year + a, 1, 1), date(pub.year + b, 12, 31)
            if a < 0 and b == 0:
                e = min(e, pub)  # "الأشهر الأخيرة" ends at publication
            return s, (e if e != s else None), precision

        self.add(m, "relative", resolve)

    def phased(self, m: re.Match[str]) -> None:
        """A third of a calendar month or year: "مطلع الشهر الماضي" (days 1-10 of last month), "منتصف الشهر"
        (days 11-20 of this one), "أواخر العام الماضي" (September to December); a third that holds the
        publication date ends there, and one after "since" runs to it ("منذ مطلع الشهر الماضي")."""
        lx = self.lx
        third = lx.phases[" ".join(m.group("pw").split())]
        phrase = " ".join(m.group("ph").split())
        if phrase in lx.phase_alone:
            if self.text[m.end() : m.end() + 4].lstrip()[:1].isdigit() or self.word_after(m.end()) in lx.phase_block:
                return  # "نهاية العام 2021" is that year's (the year pattern); "بداية العام المالي" another year
        a, _, unit, _ = lx.ranges.get(phrase) or lx.phase_alone[phrase]
        since = self.word_before_in(m.start(), lx.since)

        def resolve(pub: date | None) -> _Resolved | None:
            if pub is None:
                return None
            try:
                if unit == "month":
                    first = _add_months(date(pub.year, pub.month, 1), a)
                    last = _month_end(first.year, first.month)
                    s = first + timedelta(days=10 * (third - 1))
                    e = last if third == 3 else first + timedelta(days=10 * third - 1)
                    precision = "week"
                else:
                    year = pub.year + a
                    s = date(year, 4 * (third - 1) + 1, 1)
                    e = _month_end(year, 4 * third)
                    precision = "month"
            except (ValueError, OverflowError):
                return None
            if since and e < pub:
                e, precision = pub, "month"  # "منذ مطلع الشهر الماضي": from its start until now
            elif s <= pub < e:
                e = pub
            return s, (e if e != s else None), precision

        self.add(m, "relative", resolve)

    def year(self, m: re.Match[str]) -> None:
        lx = self.lx
        cue = " ".join(m.group("cue").split())
        y1 = int(m.group("year"))
        y2 = int(m.group("year2")) if m.group("year2") else None
        hijri = lx.eras.get(m.group("era") or "") == "hijri"
        if not hijri and not (1800 <= y1 <= 2100):
            return
        if not lx.year_cues[cue] and not m.group("kw") and self.word_after(m.end()) in lx.unit_nouns:
            return  # "في 2000 منزل": a count
        if y2 is not None and y2 <= y1:
            y2 = None

        def resolve(pub: date | None) -> _Resolved | None:
            try:
                if hijri:
                    s = _hijri(y1, 1, 1)
                    last = y2 or y1
                    e = _hijri(last, 12, Hijri(last, 12, 1).month_length())
                    return s, e, "year"
            except (ValueError, OverflowError):
                return None
            return date(y1, 1, 1), date(y2 or y1, 12, 31), "year"

        if lx.year_cues[cue]:
            start = m.start("cue")
        elif m.group("kw"):
            start = m.start("kw")
        else:
            start = m.start("year")
        self.cands.append(_Cand(start, m.end(), "absolute", resolve))


def _days(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first."""
    chosen: list[_Cand] = []  # kept sorted by start; its spans never overlap
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_left(starts, c.start)
        if i > 0 and chosen[i - 1].end > c.start:
            continue
        if i < len(chosen) and chosen[i].start < c.end:
            continue
        chosen.insert(i, c)
        starts.insert(i, c.start)
    return chosen


def _is_dateline(text: str, c: _Cand, lx: CalendarLexicon) -> bool:
    if not c.full or c.start >= _DATELINE_CHARS:
        return False
    if c.has_wd:
        return True
    line_start = text.rfind("\n", 0, c.start) + 1
    prefix = text[line_start : c.start].strip()
    if not prefix:
        return True
    if prefix.endswith("("):
        head = prefix[:-1].split()
        return bool(head) and head[-1] in lx.dateline_heads
    return len(prefix) <= _PREFIX_CHARS and prefix[-1] in "-:|,"


@dataclass(frozen=True)
class Dates:
    calendar: CalendarLexicon = field(repr=False)
    numbers: NumberLexicon = field(repr=False)
    name: str = "dates"
    requires: frozenset[str] = frozenset({"tokens"})
    provides: frozenset[str] = frozenset({"dates", "published"})

    def __call__(self, doc: Doc) -> Doc:
        ntext = doc.norm.text
        chosen = _select(_Finder(ntext, self.calendar, self.numbers).run(doc.tokens))
        dateline = next((c for c in chosen if _is_dateline(ntext, c, self.calendar)), None)
        meta = doc.meta
        pub: date | None = None
        if meta.published:
            try:
                pub = date.fromisoformat(meta.published[:10])
            except ValueError:
                pub = None
            if meta.published_source is None:
                meta.published_source = "metadata"
        if pub is None and dateline is not None:
            res = dateline.resolve(None)
            if res is not None:
                pub = res[0]
                meta.published = pub.isoformat()
                meta.published_source = "dateline"
        out: list[DateSpan] = []
        for c in chosen:
            res = _resolve(c, pub)
            if res is None:
                continue
            value, end_value, precision = res
            s, e = doc.norm.to_original(c.start, c.end)
            while e < len(doc.text) and TASHKEEL_RE.match(doc.text, e):  # غداً، هـ: marks after the last letter
                e += 1
            out.append(
                DateSpan(
                    start=s,
                    end=e,
                    text=doc.text[s:e],
                    value=value.isoformat(),
                    end_value=end_value.isoformat() if end_value else None,
                    precision=precision,
                    kind="dateline" if c is dateline else c.kind,
                )
            )
        doc.dates = out
        return doc


def make_stage(lang: Arabic) -> Dates:
    lang.calendar.patterns  # noqa: B018 - compiled when the pipeline is built, not on the first document
    return Dates(lang.calendar, lang.numbers)
