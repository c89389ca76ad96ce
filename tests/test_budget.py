"""Issue 19: the per-article CPU budget stops the work — in the main thread, in regular expressions, in other
threads, and whatever the work catches."""

from __future__ import annotations

import re
import signal
import sys
import threading
import time

import pytest

import hadath
from hadath._budget import TimedOut, cpu_budget
from hadath.errors import StageError

#: The reproducer of issue 19: quadratic in the events stage today (about 20-60 s), dense in triggers.
HOSTILE = "غارات على " * 16_000  # 160 KB of triggers: seconds of CPU, well over the budgets below


def spin() -> None:
    while True:
        pass


def swallowing_spin() -> None:
    """Work that catches every Exception it meets, as careless stage code might."""
    while True:
        try:
            spin()
        except Exception:
            pass


@pytest.mark.parametrize("work", [spin, swallowing_spin, lambda: re.match(r"(a+)+$", "a" * 64 + "b")])
def test_the_budget_stops_the_work_in_the_main_thread(work: object) -> None:
    before = signal.getsignal(signal.SIGPROF)
    t0 = time.process_time()
    with pytest.raises(TimedOut, match=r"timed out: extraction used more than 0\.2 s of CPU") as exc:
        with cpu_budget(0.2):
            work()  # type: ignore[operator]
    assert time.process_time() - t0 < 2
    assert isinstance(exc.value, StageError) and exc.value.detail == {"timeout": 0.2}
    assert signal.getsignal(signal.SIGPROF) is before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_the_budget_stops_the_work_in_another_thread() -> None:
    result: list[BaseException | None] = []

    def run() -> None:
        try:
            with cpu_budget(0.2):
                swallowing_spin()
        except TimedOut as exc:
            result.append(exc)

    t = threading.Thread(target=run)
    t0 = time.monotonic()
    t.start()
    t.join(10)
    assert not t.is_alive() and time.monotonic() - t0 < 5
    assert isinstance(result[0], TimedOut)


def test_work_within_the_budget_is_untouched() -> None:
    for _ in range(50):
        with cpu_budget(5.0):
            total = sum(range(1000))
    assert total == 499500
    with cpu_budget(None):
        assert hadath.extract("قتل ثلاثة مدنيين في إدلب.").text


def test_issue19_the_hostile_text_is_stopped_within_its_budget() -> None:
    t0 = time.monotonic()
    with pytest.raises(TimedOut), cpu_budget(0.5):
        hadath.extract(HOSTILE)
    assert time.monotonic() - t0 < 5


class _SlowToDie:
    """An object whose finaliser does most of the work: a stop raised there is dropped by the interpreter."""

    def __del__(self) -> None:
        end = time.process_time() + 0.001
        while time.process_time() < end:
            pass


def test_a_stop_dropped_in_a_finaliser_is_raised_again(monkeypatch: pytest.MonkeyPatch) -> None:
    dropped: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: dropped.append(u.exc_value))
    for _ in range(20):  # until the first stop lands in a finaliser (almost always the first try)
        dropped.clear()
        t0 = time.process_time()
        with pytest.raises(TimedOut), cpu_budget(0.05):
            while not dropped:
                _SlowToDie()
            # the stop was lost: plain work from here on, which only a second stop can end
            while time.process_time() - t0 < 10:
                pass
        if dropped:
            break
    assert dropped, "no stop landed in a finaliser"
    assert time.process_time() - t0 < 5
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
