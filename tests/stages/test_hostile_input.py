"""Issue 19's reproducers that live in the stages.

A known failure is an ``xfail(strict=True)`` test: it fails today (so the xfail holds), and the day the stage is
fixed it passes, the strict xfail turns that into a failure, and whoever fixed it removes the marker.  The
boundaries refuse publication dates outside 1900-2100 and give each article a CPU budget, whatever the stages do.

* Calendar arithmetic in ``stages/dates.py`` overflowed at the edges of the calendar (seven sites, one reproducer
  each): a relative date that leaves 0001-01-01 … 9999-12-31 now resolves to nothing.
* Time is linear in the text on every family: runaway sentences are cut at ``segment.MAX_SENTENCE_TOKENS``
  tokens, so the stages' work within a sentence is bounded, and the events stage reads a sentence of more than
  240 tokens as several units and each unit once for all its triggers (the 16 KB trigger text took 20-60 s).
"""

from __future__ import annotations

import gc
import time

import pytest

import hadath
from hadath._budget import cpu_budget
from hadath.errors import InputError

#: (publication date, text) → one former crash site each (stages/dates.py, line numbers of the code before the fix).
CALENDAR_EDGES = [
    pytest.param("0001-01-01", "قتل ثلاثة مدنيين أمس في إدلب.", id="yesterday-0001 (dates.py:513 OverflowError)"),
    pytest.param("0001-01-01", "قتل ثلاثة مدنيين الثلاثاء الماضي.", id="last-weekday-0001 (dates.py:533)"),
    pytest.param("9999-12-31", "ستبدأ المحادثات الأحد المقبل.", id="next-weekday-9999 (dates.py:535)"),
    pytest.param("0001-01-01", "قتل ثلاثة مدنيين يوم الجمعة في إدلب.", id="weekday-0001 (dates.py:281)"),
    pytest.param("0001-01-01", "قتل ثلاثة مدنيين الأسبوع الماضي.", id="last-week-0001 (dates.py:604)"),
    pytest.param("0001-01-01", "قتل ثلاثة مدنيين الشهر الماضي.", id="last-month-0001 (dates.py:251 ValueError)"),
    pytest.param("9999-12-31", "ستبدأ المحادثات الشهر المقبل.", id="next-month-9999 (dates.py:251)"),
    pytest.param("0001-01-01", "قتل ثلاثة مدنيين العام الماضي.", id="last-year-0001 (dates.py:613 ValueError)"),
]


@pytest.mark.parametrize(("published", "text"), CALENDAR_EDGES)
def test_issue19_relative_dates_at_the_calendar_edges(published: str, text: str) -> None:
    """Fixed when the dates stage clamps (the date resolves to a day or to nothing) or refuses with InputError."""
    try:
        doc = hadath.extract(text, published=published)
    except InputError:
        return
    for d in doc.dates:
        assert d.text == text[d.start : d.end]


def test_the_edges_are_refused_at_the_boundaries_meanwhile() -> None:
    from hadath.io.readers import check_published

    for published, _text in (p.values for p in CALENDAR_EDGES):
        with pytest.raises(InputError):
            check_published(published)


def _cpu(text: str, budget: float) -> float:
    """CPU seconds of one extraction.  The objects alive before it are frozen out of the garbage collector: in the
    full suite a full collection walks everything the earlier tests left, which is no cost of this text and
    stopped a small budget at random."""
    gc.collect()
    gc.freeze()
    try:
        t0 = time.process_time()
        with cpu_budget(budget):
            hadath.extract(text, published="2018-03-05")
        return time.process_time() - t0
    finally:
        gc.unfreeze()


def test_issue19_the_16kb_trigger_text_extracts_in_under_a_second() -> None:
    assert _cpu("غارات على " * 1600, budget=1.0) < 1.0


REAL = (
    "قال المرصد السوري لحقوق الإنسان إن طائرات حربية شنت غارات على بلدة معرة النعمان في ريف إدلب أمس، "
    "ما أسفر عن مقتل 12 مدنيا بينهم ثلاثة أطفال. وأضاف أن فرق الدفاع المدني انتشلت الجثث من تحت الأنقاض. "
)
FAMILIES = [
    pytest.param(REAL, id="real"),
    pytest.param("الجيش السوري ", id="names"),
    pytest.param("غارات على ", id="triggers"),
    pytest.param(REAL.replace("،", "").replace(".", ""), id="nopunct"),
    pytest.param("«قال (المصدر [إن «القصف (استمر» ", id="nested"),
    pytest.param("قتل 12 و ثلاثة عشر وخمسة آلاف و 7 ", id="numbers"),
    pytest.param("قال المصدر إن ", id="cues"),
]


@pytest.mark.parametrize("unit", FAMILIES)
def test_time_per_character_stays_flat(unit: str) -> None:
    """The small version of bench/complexity.py: 5,000 characters (more for a fast family, up to 40,000), then
    four times as many; the time per character may not grow 2.5-fold (quadratic work grows it 4-fold).  CPU
    time, the best of two runs (the larger text runs a second time only when its first run is too slow); the
    larger text is stopped as soon as it has used 2.5 times the smaller one's time per character (at most 1.5 s;
    the smaller, 0.5 s)."""
    hadath.extract(REAL)  # data loaded outside the clock
    n = 5_000
    while True:  # a small text long enough to time (a fast family's 5,000 characters take 2 ms: noise)
        small, large = ((unit * (k // len(unit) + 1))[:k] for k in (n, 4 * n))
        t_small = min(_cpu(small, budget=0.5) for _ in range(2))
        if t_small >= 0.02 or n >= 40_000:
            break
        n *= 2
    limit = min(1.5, max(0.3, 2.5 * 4 * t_small))
    t_large = _cpu(large, budget=limit)
    if t_large / len(large) >= 2.5 * t_small / len(small):
        t_large = min(t_large, _cpu(large, budget=limit))  # a second chance against a noisy machine
    assert t_large / len(large) < 2.5 * t_small / len(small), f"time per character ×{t_large / t_small / 4:.1f}"
