"""Extraction in worker processes that can be killed, with a time cap, a bounded queue and a foreground.

Every extraction runs in a worker process (:mod:`hadath.api._workers`), so an extraction that overruns is
*stopped*: its worker is killed and the CPU is free at once.  Scheduling, with N = ``workers``
(``extract_workers``); "text" is the length of the article's text or HTML:

* **Foreground.**  At most N extractions run.  Other requests wait in a queue of ``queue`` (503 ``Busy`` when it
  is full).  A free slot goes to whoever waits with the shortest text -- a new request or a parked extraction --
  then to the one that has used the least CPU, so that short articles do not wait behind long ones.
* **Parking.**  An extraction gives up its slot when it has held it for ``preempt_after`` seconds (0.05) while a
  text at least ``PREEMPT_RATIO`` (4) times shorter waits, or has used ``foreground`` seconds of CPU (0.5) in it
  while a text no longer waits; real articles take milliseconds (the slowest of 3,000 news articles took
  0.15 s).  Its process is stopped (SIGSTOP), using no CPU, until the slot comes back to it (SIGCONT).  Nobody
  waiting, an extraction runs on.  At most N are parked; when another must park, one of them and it -- the one
  of the longest text, then of the most CPU time -- is stopped for good and answered 503 ``Busy``.
* **Time cap.**  A request that has waited, run and been parked for ``timeout`` seconds (wall time) in all is
  answered 504 ``ExtractTimeout``, and its worker, if it has one, is killed.  A request whose client goes away is
  stopped the same way.

So a client posting long pathological texts holds a foreground slot for a few hundredths of a second while
shorter texts wait, then waits itself, parked, or is answered 503; short dense texts hold one for half a second
of CPU at most while others wait (``bench/api_hostile.py`` measures the latency of normal requests under such a
client).

A job is ``fn(extractor, *args)`` for a module-level ``fn`` (it is sent to the worker by reference) and picklable
``args``; library errors (:class:`~hadath.errors.HadathError`) come back as themselves, anything else as a
``RuntimeError`` carrying the worker's traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import logging
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from hadath.api._errors import Busy, ExtractTimeout
from hadath.api._workers import Job, Worker, WorkerDied, Zygote

__all__ = ["FOREGROUND", "POLL", "PREEMPT_AFTER", "PREEMPT_RATIO", "ExtractRunner", "WorkerDied"]

log = logging.getLogger("hadath.api")

T = TypeVar("T")

#: Seconds of CPU an extraction may use in a foreground slot while other requests wait.
FOREGROUND = 0.5
#: Seconds (wall time) after which an extraction gives up its slot while a request for a text at least
#: PREEMPT_RATIO times shorter waits.
PREEMPT_AFTER = 0.05
PREEMPT_RATIO = 4
#: How often a foreground extraction is checked.
POLL = 0.01


class _Processes:
    """The zygote and the workers of one runner; closed by :meth:`ExtractRunner.shutdown`, or when the runner is
    garbage-collected or the interpreter exits without one."""

    def __init__(self) -> None:
        self.zygote: Zygote | None = None
        self.idle: list[Worker] = []
        self.busy: set[Worker] = set()

    def close(self) -> None:
        for worker in [*self.idle, *self.busy]:
            worker.close()
        self.idle.clear()
        self.busy.clear()
        if self.zygote is not None:
            self.zygote.close()
            self.zygote = None


def _preload() -> None:
    """Import what a worker may need, so that every worker inherits it instead of importing it on its first job."""
    with contextlib.suppress(ImportError):
        import trafilatura  # noqa: F401  (HTML bodies)


class ExtractRunner:
    """Runs jobs in worker processes forked from a zygote that holds ``extractor()`` (see the module docstring);
    ``extractor`` builds (or returns) the pipeline in this process, and ``warmup`` is a text extracted once before
    the zygote is forked, so that every worker starts with the lexicons loaded."""

    def __init__(
        self,
        extractor: Callable[[], Any],
        *,
        timeout: float,
        workers: int = 2,
        queue: int = 32,
        foreground: float = FOREGROUND,
        preempt_after: float = PREEMPT_AFTER,
        warmup: str | None = None,
    ) -> None:
        if timeout <= 0:
            raise ValueError("extract_timeout must be > 0")
        if workers < 1:
            raise ValueError("extract_workers must be at least 1")
        self.timeout = timeout
        self.workers = workers
        self.parking = workers
        self.queue = queue
        self.foreground = foreground
        self.preempt_after = preempt_after
        self._extractor = extractor
        self._warmup = warmup
        self._procs = _Processes()
        self._idle = self._procs.idle
        self._busy = self._procs.busy
        self._starting: asyncio.Lock | None = None
        self._running = 0  # foreground slots taken
        self._parked: dict[Worker, asyncio.Future[None]] = {}  # stopped, each waiting for a slot
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []  # (text length, arrival, wake-up)
        self._order = itertools.count()
        self._closed = False
        weakref.finalize(self, self._procs.close)

    @property
    def _zygote(self) -> Zygote | None:
        return self._procs.zygote

    # -- life cycle -------------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Build the extractor here (in a thread), warm it, fork the zygote and the first workers.  Idempotent;
        ``run`` calls it when nobody did (the server's lifespan does, before the first request)."""
        if self._zygote is not None:
            return
        if self._starting is None:
            self._starting = asyncio.Lock()
        async with self._starting:
            if self._zygote is not None:
                return
            if self._closed:
                raise RuntimeError("the extraction runner is shut down")
            loop = asyncio.get_running_loop()
            extractor = await loop.run_in_executor(None, self._extractor)
            if self._warmup is not None:
                await loop.run_in_executor(None, extractor.extract, self._warmup)
            await loop.run_in_executor(None, _preload)
            zygote = self._procs.zygote = Zygote(extractor)
            for _ in range(self.workers):
                self._idle.append(await loop.run_in_executor(None, zygote.fork))

    def shutdown(self) -> None:
        """Kill every worker and the zygote (done too when the runner is collected or at exit)."""
        self._closed = True
        self._procs.close()
        for _, _, wake in self._waiting:
            if not wake.done():
                wake.cancel()
        self._waiting.clear()

    def pids(self) -> list[int]:
        """The worker processes alive now (idle or busy)."""
        return [w.pid for w in [*self._idle, *self._busy] if w.alive]

    # -- running a job ----------------------------------------------------------------------------------------

    async def run(self, fn: Callable[..., T], *args: Any, size: int = 0) -> T:
        """``fn(extractor, *args)`` in a worker; ``size`` (the text's length) orders the queue.  Busy (503) when
        the queue is full or a long extraction finds no parking place, ExtractTimeout (504) past the cap."""
        await self.start()  # once, outside the cap
        deadline = asyncio.get_running_loop().time() + self.timeout
        await self._enter_foreground(size, deadline)
        try:
            worker = await self._checkout()
        except BaseException:
            self._leave_foreground()
            raise
        return cast("T", await self._drive(worker, fn, args, size, deadline))

    async def _enter_foreground(self, size: int, deadline: float) -> None:
        if self._running < self.workers and not self._waiting:
            self._running += 1
            return
        if len(self._waiting) >= self.queue:
            raise Busy("every extraction worker is busy; retry later", detail={"workers": self.workers})
        loop = asyncio.get_running_loop()
        wake: asyncio.Future[None] = loop.create_future()
        entry = (size, next(self._order), wake)
        heapq.heappush(self._waiting, entry)
        try:
            await asyncio.wait_for(asyncio.shield(wake), max(0.0, deadline - loop.time()))
        except TimeoutError:
            self._give_up(entry)
            raise self._timeout() from None
        except BaseException:  # cancelled: the client went away
            self._give_up(entry)
            raise

    def _give_up(self, entry: tuple[int, int, asyncio.Future[None]]) -> None:
        wake = entry[2]
        if wake.done() and not wake.cancelled():  # the slot was handed over as we gave up: pass it on
            self._leave_foreground()
            return
        wake.cancel()
        with contextlib.suppress(ValueError):
            self._waiting.remove(entry)
            heapq.heapify(self._waiting)

    def _leave_foreground(self) -> None:
        """Free a foreground slot: to whoever waits for one -- a new request or a parked extraction -- with the
        shortest text, then the least CPU used (a new request has used none), else to nobody."""
        while self._waiting and self._waiting[0][2].done():
            heapq.heappop(self._waiting)
        parked = min(
            (
                (w.job_size, w.cpu_seconds() - w.job_cpu, i, w)
                for i, w in enumerate(self._parked)
                if not self._parked[w].done()
            ),
            default=None,
        )
        if self._waiting and (parked is None or (self._waiting[0][0], 0.0) <= parked[:2]):
            heapq.heappop(self._waiting)[2].set_result(None)  # the slot passes on: _running stays the same
        elif parked is not None:
            self._parked[parked[3]].set_result(None)
        else:
            self._running -= 1

    async def _checkout(self) -> Worker:
        while self._idle:
            worker = self._idle.pop()
            if worker.alive:
                self._busy.add(worker)
                return worker
        zygote = self._zygote
        if zygote is None:
            raise RuntimeError("the extraction runner is shut down")
        loop = asyncio.get_running_loop()
        try:
            worker = await loop.run_in_executor(None, zygote.fork)
        except WorkerDied:  # the zygote was killed (out of memory, by hand): start a new one
            log.warning("the extraction zygote is gone; starting a new one")
            if self._procs.zygote is zygote:
                zygote.close()
                self._procs.zygote = None
            await self.start()
            zygote = self._zygote
            if zygote is None:
                raise
            worker = await loop.run_in_executor(None, zygote.fork)
        if self._closed:
            worker.close()
            raise RuntimeError("the extraction runner is shut down")
        self._busy.add(worker)
        return worker

    def _checkin(self, worker: Worker, call: asyncio.Future[Any]) -> None:
        """Back to the idle workers, or killed and closed once its ``call`` has let go of the socket."""
        self._busy.discard(worker)
        if worker.alive and not self._closed and len(self._idle) < self.workers:
            self._idle.append(worker)
            return
        worker.kill()
        if call.done():
            worker.close()
        else:
            call.add_done_callback(lambda _call: worker.close())

    def _waiting_sizes(self) -> list[int]:
        """The text lengths of the requests and parked extractions waiting for a slot."""
        return [size for size, _, wake in self._waiting if not wake.done()] + [
            w.job_size for w, resume in self._parked.items() if not resume.done()
        ]

    def _should_park(self, worker: Worker, held: float, slot_cpu: float) -> bool:
        """Whether ``worker``'s extraction, in its slot for ``held`` seconds since its CPU clock read ``slot_cpu``,
        gives the slot up: to a text at least PREEMPT_RATIO times shorter after ``preempt_after``, to one no
        longer after ``foreground`` seconds of CPU."""
        waiting = self._waiting_sizes()
        if not waiting:
            return False
        shortest, size = min(waiting), worker.job_size
        if held >= self.preempt_after and shortest * PREEMPT_RATIO <= size:
            return True
        return shortest <= size and worker.cpu_seconds() - slot_cpu >= self.foreground

    async def _drive(self, worker: Worker, fn: Job, args: tuple[Any, ...], size: int, deadline: float) -> Any:
        loop = asyncio.get_running_loop()
        call = asyncio.ensure_future(worker.call(fn, args))
        worker.job_cpu = worker.cpu_seconds()
        worker.job_size = size
        holds_slot = True
        try:
            while True:
                # In the foreground: until done, the cap, or a reason to park (checked every POLL seconds).
                slot_start, slot_cpu = loop.time(), worker.cpu_seconds()
                park = False
                while not call.done():
                    now = loop.time()
                    if now >= deadline:
                        break
                    if self._should_park(worker, now - slot_start, slot_cpu):
                        park = True
                        break
                    await asyncio.wait({call}, timeout=min(POLL, deadline - now))
                if not park or call.done():
                    break
                # Parked: stopped until a slot is handed back (or evicted, or the cap).
                self._make_parking_room(worker)
                resume: asyncio.Future[None] = loop.create_future()
                worker.pause()
                self._parked[worker] = resume
                holds_slot = False
                self._leave_foreground()
                try:
                    await asyncio.wait_for(asyncio.shield(resume), max(0.0, deadline - loop.time()))
                except BaseException as exc:
                    handed = resume.done() and not resume.cancelled() and resume.exception() is None
                    holds_slot = handed  # a slot handed over as we gave up is passed on below
                    if isinstance(exc, TimeoutError):
                        raise self._timeout() from None
                    raise
                finally:
                    self._parked.pop(worker, None)
                holds_slot = True
                worker.resume()
            if not call.done():
                raise self._timeout()
            reply = call.result()
        except BaseException:
            call.cancel()
            worker.kill()  # stops the work: the CPU is free
            raise
        finally:
            self._parked.pop(worker, None)
            if holds_slot:
                self._leave_foreground()
            self._checkin(worker, call)
        return _unpack(reply)

    def _make_parking_room(self, arriving: Worker) -> None:
        """A parking place for ``arriving``: when all are taken, one extraction -- parked, or ``arriving`` itself
        -- is stopped and answered 503: the one of the longest text, then of the most CPU time."""
        if len(self._parked) < self.parking:
            return
        rank = {w: (w.job_size, w.cpu_seconds() - w.job_cpu) for w in [*self._parked, arriving]}
        victim = max(rank, key=lambda w: rank[w])
        if victim is arriving:
            raise self._busy_error()
        resume = self._parked.pop(victim)
        victim.kill()
        if not resume.done():
            resume.set_exception(self._busy_error())

    def _busy_error(self) -> Busy:
        return Busy(
            "the server is busy with long extractions; retry later",
            detail={"workers": self.workers, "foreground": self.foreground},
        )

    def _timeout(self) -> ExtractTimeout:
        return ExtractTimeout(f"extraction took longer than {self.timeout:g} s", detail={"timeout": self.timeout})


def _unpack(reply: tuple[Any, ...]) -> Any:
    kind = reply[0]
    if kind == "ok":
        return reply[1]
    if kind == "error":
        _, cls, message, detail = reply
        raise cls(message, detail=detail)
    raise RuntimeError(f"extraction failed in its worker:\n{reply[1]}")
