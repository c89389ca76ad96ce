"""Extraction in worker processes that can be killed, with a time cap, a bounded queue and a foreground.

Every extraction runs in a worker process (:mod:`hadath.api._workers`), so an extraction that overruns is
*stopped*: its worker is killed and the CPU is free at once.  Scheduling, with ``workers`` = ``extract_workers``:

* **Foreground.**  At most ``workers`` extractions run at normal priority.  A request waits for a foreground
  slot in a bounded queue (``queue`` requests; 503 ``Busy`` beyond), shortest text first, so that short
  articles are not stuck behind long ones.
* **Background.**  An extraction still running after ``foreground`` seconds (0.5) leaves the foreground: its
  process is reniced to the lowest priority (nice 19) and its slot goes to the next request; it finishes on the
  CPU time that normal requests leave.  At most ``workers`` run in the background; when those slots are taken,
  an extraction that needs more than ``foreground`` seconds is killed and answered 503 ``Busy``.  This is what
  keeps a client posting pathological texts from slowing everyone else: its requests hold a foreground slot for
  half a second at most, then run behind normal work or not at all.
* **Time cap.**  A request that has waited and run for ``timeout`` seconds in all is answered 504
  ``ExtractTimeout``, and its worker, if it has one, is killed.  A request whose client goes away is cancelled
  the same way.

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

__all__ = ["FOREGROUND", "ExtractRunner", "WorkerDied"]

log = logging.getLogger("hadath.api")

T = TypeVar("T")

#: Seconds an extraction may run at normal priority before it is sent to the background.
FOREGROUND = 0.5


class _Processes:
    """The zygote and the workers of one runner; closed by :meth:`ExtractRunner.shutdown`, or when the runner is
    garbage-collected or the interpreter exits without one."""

    def __init__(self) -> None:
        self.zygote: Zygote | None = None
        self.idle: list[Worker] = []
        self.busy: set[Worker] = set()

    def close(self) -> None:
        for worker in [*self.idle, *self.busy]:
            worker.kill()
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
        self._extractor = extractor
        self._warmup = warmup
        self._procs = _Processes()
        self._idle = self._procs.idle
        self._busy = self._procs.busy
        self._starting: asyncio.Lock | None = None
        self._running = 0  # foreground slots taken
        self._background = 0  # background slots taken
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
        return cast("T", await self._drive(worker, fn, args, deadline))

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
        worker = await asyncio.get_running_loop().run_in_executor(None, zygote.fork)
        if self._closed:
            worker.kill()
            raise RuntimeError("the extraction runner is shut down")
        self._busy.add(worker)
        return worker

    def _checkin(self, worker: Worker) -> None:
        self._busy.discard(worker)
        if worker.alive and not worker.background and not self._closed and len(self._idle) < self.workers:
            self._idle.append(worker)
        else:
            worker.kill()

    async def _drive(self, worker: Worker, fn: Job, args: tuple[Any, ...], deadline: float) -> Any:
        loop = asyncio.get_running_loop()
        call = asyncio.ensure_future(worker.call(fn, args))
        in_foreground = True
        try:
            await asyncio.wait({call}, timeout=max(0.0, min(loop.time() + self.foreground, deadline) - loop.time()))
            if not call.done() and loop.time() < deadline:
                if self._background >= self.background_slots:
                    raise Busy(
                        "the server is busy with long extractions; retry later",
                        detail={"workers": self.workers, "foreground": self.foreground},
                    )
                worker.to_background()
                self._background += 1
                in_foreground = False
                self._leave_foreground()
                await asyncio.wait({call}, timeout=max(0.0, deadline - loop.time()))
            if not call.done():
                raise self._timeout()
            reply = call.result()
        except BaseException:
            call.cancel()
            worker.kill()  # stops the work: the CPU is free
            raise
        finally:
            if in_foreground:
                self._leave_foreground()
            else:
                self._background -= 1
            self._checkin(worker)
        return _unpack(reply)

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
