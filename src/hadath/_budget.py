"""A CPU budget for one extraction that really stops the work.

>>> with cpu_budget(60.0):                  # doctest: +SKIP
...     doc = pipeline(doc)                 # raises TimedOut after 60 s of CPU time

``hadath ingest --timeout`` and ``hadath extract --timeout`` run every article under one (the HTTP service kills
its extraction processes instead: :mod:`hadath.api._runner`).  How the work is stopped:

* **In the main thread** of a process — the command line, and the worker processes of ``hadath ingest
  --workers N`` — a CPU-time timer (``setitimer(ITIMER_PROF)``) sends ``SIGPROF`` when the budget is spent, and
  the handler raises inside the extraction at its next bytecode.  Long regular-expression matches check for
  signals too, so they are stopped as well.
* **In any other thread** (a Dask worker thread) a watchdog thread reads that thread's own CPU clock and, past the
  budget, raises the same exception in it asynchronously; that takes effect at the thread's next Python bytecode
  (a single long call into C finishes first).

The exception raised inside the work derives from ``BaseException``, so no ``except Exception`` in a stage can
swallow it; the context manager turns it into :class:`TimedOut`, a :class:`~hadath.errors.StageError`.  The
budget is CPU time, not wall time: an article's verdict does not depend on how busy the machine is.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from hadath.errors import StageError

__all__ = ["DEFAULT_TIMEOUT", "TimedOut", "cpu_budget"]

#: Seconds of CPU one article may take by default (a 1 MB article of real news takes about 25 s today).
DEFAULT_TIMEOUT = 60.0

#: How often the watchdog of a non-main thread reads the thread's CPU clock.
_POLL = 0.05
#: CPU seconds after which a stop that the interpreter dropped is raised again.
_REFIRE = 0.01


class TimedOut(StageError):
    """An extraction used more CPU time than its budget and was stopped."""


class _OverBudget(BaseException):
    """Raised inside the work when the budget is spent (not an ``Exception``: nothing in a stage catches it)."""


def _timed_out(seconds: float) -> TimedOut:
    return TimedOut(f"timed out: extraction used more than {seconds:g} s of CPU", detail={"timeout": seconds})


@contextmanager
def cpu_budget(seconds: float | None) -> Iterator[None]:
    """Run the body with at most ``seconds`` of CPU time (None or 0: no limit); past it raise :class:`TimedOut`.
    Budgets do not nest: the body must not open another one."""
    if not seconds or seconds <= 0:
        yield
        return
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _signal_budget(seconds):
            yield
    else:
        with _thread_budget(seconds):
            yield


@contextmanager
def _signal_budget(seconds: float) -> Iterator[None]:
    armed = True

    def on_sigprof(signum: int, frame: FrameType | None) -> None:
        if armed:  # until the body has ended: the clean-up below must not be stopped
            # Python drops an exception raised while a weakref callback or __del__ runs ("Exception ignored in"):
            # fire again soon, so a lost stop is repeated instead of letting the work run on
            signal.setitimer(signal.ITIMER_PROF, _REFIRE)
            raise _OverBudget

    previous = signal.signal(signal.SIGPROF, on_sigprof)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        try:
            yield
        finally:
            armed = False
    except _OverBudget:
        raise _timed_out(seconds) from None
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def _thread_budget(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    clock = time.pthread_getcpuclockid(target)
    start = time.clock_gettime(clock)
    lock = threading.Lock()
    done = threading.Event()
    fired = False

    def watch() -> None:
        nonlocal fired
        while not done.wait(_POLL):
            if time.clock_gettime(clock) - start >= seconds:
                with lock:
                    if not done.is_set():
                        fired = True
                        _set_async_exc(target, _OverBudget)
                return

    watchdog = threading.Thread(target=watch, name="hadath-cpu-budget", daemon=True)
    watchdog.start()
    try:
        try:
            yield
        finally:
            with lock:
                done.set()
            if fired:  # raised after the work ended and not delivered yet: withdraw it
                _set_async_exc(target, None)
    except _OverBudget:
        raise _timed_out(seconds) from None
    finally:
        watchdog.join()
