"""Arabic calendar words and the date patterns built from them.

:class:`CalendarLexicon` holds what the ``dates`` stage reads: the month names of ``months.tsv`` (Gregorian in
four regional series, Hijri, with their number and whether the name is also a common word), the ordinal day
words of ``ordinals.tsv`` and the time expressions of ``time_expressions.tsv`` (weekdays, parts of the day,
relative days, modifiers, periods, time units, ago/window words, year cues, eras, the words that block a
reading), all folded like the normalised view; and :class:`DatePatterns`, the regular expressions over the
normalised view compiled from them (with the number words of :mod:`hadath.lang.ar.numbers` for "منذ سبعة
أيام").  The patterns name their groups (``day``, ``ord``, ``mon``, ``year``, ``wd``, ``pod``, ``num``, ``tu``
…): the stage reads a match by those names.

The stages reach it as ``lang.calendar`` (:class:`hadath.lang.ar.Arabic`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from hadath.lang import load_tsv
from hadath.lang.ar.clitics import AL, BI, FA, WA
from hadath.lang.ar.numbers import NumberLexicon, load_numbers
from hadath.lang.ar.orthography import norm_str

__all__ = ["CalendarLexicon", "DatePatterns", "Month", "load_calendar"]

_LETTER = r"[^\W\d_]"
_END = rf"(?!{_LETTER})"
# a match starts at a word start, or after the proclitic و ف ب (وبالأمس، والجمعة، ومساء)
_START = rf"(?:(?<!{_LETTER})|(?<=(?<!{_LETTER})[{WA}{FA}{BI}])|(?<=(?<!{_LETTER})[{WA}{FA}]{BI}))"


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases (longest first; spaces match any run of spaces)."""
    uniq = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in uniq) + ")"


def _n(s: str) -> str:
    return " ".join(norm_str(s).split())


@dataclass(frozen=True, slots=True)
class Month:
    """A month name's number, calendar, and whether it is also a common word (مارس، آب)."""

    month: int
    hijri: bool
    ambiguous: bool


@dataclass(frozen=True)
class DatePatterns:
    """The date expressions as regular expressions over the normalised view."""

    absolute: re.Pattern[str]
    numeric: re.Pattern[str]
    relative: re.Pattern[str]
    ago: re.Pattern[str]
    window: re.Pattern[str]
    ranges: re.Pattern[str]
    phased: re.Pattern[str]
    year: re.Pattern[str]
    next_word: re.Pattern[str]
    #: first word of an expression → the patterns that may match from there (patterns are only tried at
    #: tokens that can start them: a regex scan of every position would cost ten times more)
    triggers: dict[str, tuple[str, ...]]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class CalendarLexicon:
    """Month names and time expressions (see the module docstring); all entries folded."""

    months: dict[str, Month]
    ordinals: dict[str, int]
    weekdays: dict[str, int]
    day_words: dict[str, int]
    pods: dict[str, int]
    modifiers: dict[str, int]
    ranges: dict[str, tuple[int, int, str, str]]
    tunits: dict[str, tuple[int, str]]
    ago: frozenset[str]
    window: frozenset[str]
    past: frozenset[str]
    year_cues: dict[str, bool]
    links: frozenset[str]
    eras: dict[str, str]
    block_before: dict[str, frozenset[str]]
    block_after: dict[str, frozenset[str]]
    unit_nouns: frozenset[str]
    #: "week" before an ordinal and a month (الأسبوع الثاني من شباط)
    week_words: frozenset[str]
    #: a word after an ago expression or a ``before_ranges`` phrase that anchors it elsewhere (… من الانتخابات)
    anchors: frozenset[str]
    #: the range phrases that begin with "before" (قبل أيام)
    before_ranges: frozenset[str]
    #: words that may stand right before the bracket of a dateline: the weekdays and "today"
    dateline_heads: frozenset[str]
    #: a word that narrows the month or year after it to a third (مطلع 1, منتصف 2, أواخر 3)
    phases: dict[str, int]
    #: the month or year words a phase word may take alone (مطلع الشهر: this month), as ``ranges``
    phase_alone: dict[str, tuple[int, int, str, str]]
    #: words after a lone period word that make it another period (العام المالي)
    phase_block: frozenset[str]
    #: "since" before a phase: the period runs to publication (منذ بداية العام)
    since: frozenset[str]

    @cached_property
    def patterns(self) -> DatePatterns:
        """The date patterns, compiled once (with the number words of ``load_numbers()``)."""
        return _compile(self, load_numbers())

    def time_unit(self, phrase: str) -> tuple[int, str]:
        """``(count, unit)`` of a time-unit word, with or without the article (الساعات → ساعات)."""
        return self.tunits[phrase.removeprefix(AL)]


@cache
def load_calendar() -> CalendarLexicon:
    """The calendar lexicon, read once per process (``lang.calendar``)."""
    months: dict[str, Month] = {}
    for r in load_tsv("months.tsv"):
        months[_n(r["name"])] = Month(int(r["month"]), r["calendar"] == "hijri", r["ambiguous"] == "1")
    ordinals = {_n(r["ordinal"]): int(r["value"]) for r in load_tsv("ordinals.tsv")}
    by_type: dict[str, list[dict[str, str]]] = {}
    for r in load_tsv("time_expressions.tsv"):
        by_type.setdefault(r["type"], []).append(r)

    def table(kind: str) -> dict[str, int]:
        return {_n(r["phrase"]): int(r["a"] or 0) for r in by_type.get(kind, [])}

    def words(kind: str) -> frozenset[str]:
        return frozenset(_n(r["phrase"]) for r in by_type.get(kind, []))

    def blocks(kind: str) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for r in by_type.get(kind, []):
            out.setdefault(_n(r["phrase"]), set()).add(_n(r["a"]))
        return {k: frozenset(v) for k, v in out.items()}

    unit_nouns: set[str] = set()
    for r in load_tsv("units.tsv"):
        if r["role"] == "noun" and r["category"] != "time":
            unit_nouns.add(_n(r["lemma"]))
            unit_nouns.update(_n(f) for f in r["forms"].split(",") if f.strip())
    weekdays = table("weekday")

    def spans(kind: str) -> dict[str, tuple[int, int, str, str]]:
        return {_n(r["phrase"]): (int(r["a"]), int(r["b"]), r["unit"], r["precision"]) for r in by_type.get(kind, [])}

    ranges = spans("range")
    before = words("before")
    return CalendarLexicon(
        months=months,
        ordinals=ordinals,
        weekdays=weekdays,
        day_words=table("day"),
        pods=table("pod"),
        modifiers=table("modifier"),
        ranges=ranges,
        tunits={_n(r["phrase"]): (int(r["a"] or 0), r["unit"]) for r in by_type.get("tunit", [])},
        ago=words("ago"),
        window=words("window"),
        past=words("past"),
        year_cues={_n(r["phrase"]): r["a"] == "1" for r in by_type.get("year_cue", [])},
        links=words("link"),
        eras={_n(r["phrase"]): r["unit"] for r in by_type.get("era", [])},
        block_before=blocks("block_before"),
        block_after=blocks("block_after"),
        unit_nouns=frozenset(unit_nouns),
        week_words=words("week"),
        anchors=words("anchor"),
        before_ranges=frozenset(p for p in ranges if any(p.startswith(b) for b in before)),
        dateline_heads=frozenset(weekdays) | words("dateline"),
        phases=table("phase"),
        phase_alone=spans("phase_alone"),
        phase_block=words("phase_block"),
        since=words("since"),
    )


def _compile(lx: CalendarLexicon, numbers: NumberLexicon) -> DatePatterns:
    """The date patterns compiled from the calendar and number lexicons."""
    wd = _alt(lx.weekdays)
    pod = _alt(lx.pods)
    mod = _alt(lx.modifiers) + _END
    mon = _alt(lx.months) + _END
    ordinal = _alt(lx.ordinals) + _END
    link = _alt(lx.links)
    era = _alt(lx.eras) + _END
    year_rel = _alt(p for p, v in lx.ranges.items() if v[2] == "year" and v[0] == v[1])
    day = r"(?<![\d.,/:])(?:3[01]|[12]\d|0?[1-9])(?![\d])"
    year = r"(?:1[3-9]\d\d|20\d\d)(?!\d)"
    weekday_head = rf"(?:(?P<pod>{pod})\s+)?(?:(?:يوم|يومي)\s+)?(?:(?P<wd>{wd})\s*,?\s*(?:{link}\s+)?)?"
    absolute = re.compile(
        _START
        + weekday_head
        + rf"(?:(?P<day>{day})(?:\s*(?:-|الي|حتي|و)\s*(?P<day2>{day}))?\s*(?:من\s+)?(?:شهر\s+)?"
        + rf"|(?P<ord>{ordinal})\s+(?:من\s+)?(?:شهر\s+)?|(?P<shahr>شهر)\s+)?"
        + rf"(?P<mon>{mon})(?:\s*/\s*(?P<mon2>{mon})|\s*\(\s*(?P<mon3>{mon})\s*\)|\s+(?P<mon4>{mon}))?"
        + rf"(?:\s*,?\s*(?:من\s+)?(?:(?:عام|العام|سنه)\s+)?(?P<year>{year})(?:\s*(?P<era>{era}))?"
        + rf"|\s+(?:من\s+)?(?P<yrel>{year_rel}){_END}|\s+(?P<mod>{mod}))?"
    )
    numeric = re.compile(
        _START
        + weekday_head
        + r"(?<![\d.,/:\-])(?:(?P<d>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m>\d{1,2})\s*(?P=s)\s*(?P<y>(?:19|20|1[34])\d\d)"
        + r"|(?P<y2>(?:19|20)\d\d)(?P<s2>[/.\-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))(?![\d/]|[.\-]\d)"
        + rf"(?:\s*(?P<era>{era}))?"
    )
    dayw = _alt(lx.day_words)
    relative = re.compile(
        _START
        + rf"(?:(?P<pod>{pod})\s+)?(?:(?:يوم|يومي)\s+)?"
        + rf"(?:(?:(?P<rel>{dayw})\s+)?(?P<wd>{wd})(?:(?:\s*(?:-|/|الي|و)\s*|\s+)(?P<wd2>{wd}))?(?:\s+(?P<mod>{mod}))?"
        + rf"|(?P<rel2>{dayw}))"
        + _END
    )
    numword = _alt(numbers.word_forms())
    num = rf"(?:\d+(?:\.\d+)?|{numword}(?:\s+و?{numword}){{0,3}})"
    # the approximators a count of time units may take ("منذ أكثر من ثلاثة أيام")
    approx = _alt(("اكثر من", "نحو", "حوالي", "قرابه", "ما يزيد عن", "ما يزيد علي", "ما يقارب", "زهاء", "اقل من"))
    tunit = _alt(lx.tunits) + _END
    tunit_art = _alt(AL + u for u, (c, _) in lx.tunits.items() if c == 0) + _END
    past = _alt(lx.past) + _END
    ago = re.compile(
        _START
        + rf"(?P<pre>{_alt(lx.ago | lx.window)})\s+(?:(?P<apx>{approx})\s+)?(?:(?:ال\s*)?(?P<num>{num})\s*)?"
        + rf"(?P<al>ال)?(?P<tu>{tunit})(?:\s+(?P<past>{past}))?"
    )
    window = re.compile(
        _START + rf"(?P<pre>{_alt(lx.window)})\s+(?P<tu>{tunit_art})\s+(?:ال\s*)?(?P<num>{num})\s+(?P<past>{past})"
    )
    ranges = re.compile(_START + rf"(?P<ph>{_alt(lx.ranges)}){_END}")
    periods = [p for p, (a, b, unit, _) in lx.ranges.items() if a == b and unit in ("month", "year")]
    phased = re.compile(_START + rf"(?P<pw>{_alt(lx.phases)})\s+(?P<ph>{_alt([*periods, *lx.phase_alone])}){_END}")
    cue = _alt(lx.year_cues)
    year_re = re.compile(
        _START
        + rf"(?P<cue>{cue})\s+(?:(?P<kw>عام|العام|سنه|السنه)\s+)?(?P<year>{year})"
        + rf"(?:\s*(?:-|/|و|الي|حتي)\s*(?P<year2>{year}))?(?:\s*(?P<era>{era}))?(?![/.\-]\d)"
    )
    triggers: dict[str, list[str]] = {}

    def trig(name: str, phrases: Iterable[str]) -> None:
        for ph in phrases:
            first = ph.split()[0]
            if name not in triggers.setdefault(first, []):
                triggers[first].append(name)

    head = [*lx.pods, "يوم", "يومي", *lx.weekdays]
    trig("absolute", [*head, *lx.ordinals, "شهر", *lx.months])
    trig("numeric", head)
    trig("relative", [*head, *lx.day_words])
    trig("ago", lx.ago | lx.window)
    trig("window", lx.window)
    trig("ranges", lx.ranges)
    trig("phased", lx.phases)
    trig("year", lx.year_cues)
    return DatePatterns(
        absolute,
        numeric,
        relative,
        ago,
        window,
        ranges,
        phased,
        year_re,
        re.compile(rf"\s*({_LETTER}+)"),
        {k: tuple(v) for k, v in triggers.items()},
    )
