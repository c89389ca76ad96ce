"""Extraction in worker processes that can be killed, with a time cap, a bounded queue and a foreground.

Every extraction runs in a worker process (:mod:`hadath.api._workers`), so an extraction that overruns is
*stopped*: its worker is killed and the CPU is free at once.  Scheduling, with N = ``workers``
(``extract_workers``); "text" is the length of the article's text or HTML, times are CPU seconds of the worker:

* **Foreground.**  At most N extractions run at normal priority.  Other requests wait in a queue of ``queue``
  (503 ``Busy`` when it is full), shortest text first, so that short articles do not wait behind long ones.
* **Background.**  An extraction leaves the foreground when it has used ``foreground`` seconds (0.5), or
  ``preempt_after`` seconds (0.1) while a request for a text at least ``PREEMPT_RATIO`` (4) times shorter waits
  (real articles take milliseconds; the slowest of 3,000 news articles took 0.15 s).  Its process is reniced to
  the lowest priority (nice 19), its slot goes to the next request, and it finishes on the CPU time normal work
  leaves.  At most N run in the background; when those are taken, one extraction -- of those and the one
  leaving -- is stopped and answered 503 ``Busy``: the one of the longest text, then of the most CPU time.
* **Time cap.**  A request that has waited and run for ``timeout`` seconds (wall time) in all is answered 504
  ``ExtractTimeout``, and its worker, if it has one, is killed.  A request whose client goes away is stopped the
  same way.

So a client posting long pathological texts holds a foreground slot for a tenth of a second of CPU while
shorter texts wait, then runs behind normal work or not at all; short dense texts hold one for half a second at
most (``bench/api_hostile.py`` measures the latency of normal requests under such a client).

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

#: Seconds of CPU an extraction may use at normal priority before it is sent to the background.
FOREGROUND = 0.5
#: Seconds of CPU after which an extraction leaves the foreground early while a request for a text at least
#: PREEMPT_RATIO times shorter waits.
PREEMPT_AFTER = 0.1
PREEMPT_RATIO = 4
#: How often a foreground extraction's CPU time is read.
POLL = 0.02


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
        self.background_slots = workers
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
        self._background: set[Worker] = set()  # reniced, running behind the foreground
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
        the queue is full or a long extraction finds no background slot, ExtractTimeout (504) past the cap."""
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
        """Free a foreground slot, handing it to the first waiting request (shortest text first)."""
        while self._waiting:
            _, _, wake = heapq.heappop(self._waiting)
            if not wake.done():
                wake.set_result(None)  # the slot passes on: _running stays the same
                return
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
        if worker.alive and not worker.background and not self._closed and len(self._idle) < self.workers:
            self._idle.append(worker)
            return
        worker.kill()
        if call.done():
            worker.close()
        else:
            call.add_done_callback(lambda _call: worker.close())

    def _shorter_waits(self, size: int) -> bool:
        """Whether a request for a text of at most a quarter of ``size`` characters waits for the foreground."""
        return any(other * PREEMPT_RATIO <= size and not wake.done() for other, _, wake in self._waiting)

    async def _drive(self, worker: Worker, fn: Job, args: tuple[Any, ...], size: int, deadline: float) -> Any:
        loop = asyncio.get_running_loop()
        call = asyncio.ensure_future(worker.call(fn, args))
        worker.job_cpu = worker.cpu_seconds()
        worker.job_size = size
        in_foreground = True
        try:
            # Foreground: until done, the cap, or `foreground` seconds of the worker's CPU (`preempt_after` while
            # a shorter text waits); checked every POLL seconds.
            while not call.done():
                now = loop.time()
                if now >= deadline:
                    break
                used = worker.cpu_seconds() - worker.job_cpu
                if used >= (self.preempt_after if self._shorter_waits(size) else self.foreground):
                    break
                await asyncio.wait({call}, timeout=min(POLL, deadline - now))
            if not call.done() and loop.time() < deadline:
                self._make_room(worker)
                worker.to_background()
                self._background.add(worker)
                in_foreground = False
                self._leave_foreground()
                await asyncio.wait({call}, timeout=max(0.0, deadline - loop.time()))
            if not call.done():
                raise self._timeout()
            reply = call.result()
        except BaseException as exc:
            call.cancel()
            worker.kill()  # stops the work: the CPU is free
            if worker.evicted and isinstance(exc, WorkerDied):
                raise self._busy_error() from None
            raise
        finally:
            if in_foreground:
                self._leave_foreground()
            else:
                self._background.discard(worker)
            self._checkin(worker, call)
        return _unpack(reply)

    def _make_room(self, leaving: Worker) -> None:
        """A background slot for ``leaving``: when all are taken, one extraction -- in the background or
        ``leaving`` itself -- is stopped and answered 503: the one of the longest text, then of the most CPU."""
        if len(self._background) < self.background_slots:
            return
        rank = {w: (w.job_size, w.cpu_seconds() - w.job_cpu) for w in [*self._background, leaving]}
        victim = max(rank, key=lambda w: rank[w])
        if victim is leaving:
            raise self._busy_error()
        victim.evicted = True
        victim.kill()  # its request answers 503 (see _drive); its slot is ours
        self._background.discard(victim)

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
