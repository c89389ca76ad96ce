"""Extraction off the event loop, with a time cap and a bounded number of workers.

A Python thread cannot be killed, so an extraction that overruns its time keeps
its worker until it finishes; the request gets 504 at once.  When every worker
is taken (by live or overrunning extractions) a new request gets 503 instead of
queueing without bound.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from hadath.api._errors import Busy, ExtractTimeout

__all__ = ["ExtractRunner"]

T = TypeVar("T")


class ExtractRunner:
    def __init__(self, *, timeout: float, workers: int = 2, queue: int = 32) -> None:
        if timeout <= 0:
            raise ValueError("extract_timeout must be > 0")
        self.timeout = timeout
        self.workers = workers
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hadath-extract")
        self._slots = threading.BoundedSemaphore(workers + queue)

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in a worker thread; Busy (503) when saturated, ExtractTimeout (504) past the cap."""
        if not self._slots.acquire(blocking=False):
            raise Busy("every extraction worker is busy; retry later", detail={"workers": self.workers})
        try:
            future: Future[T] = self._pool.submit(fn)
        except BaseException:
            self._slots.release()
            raise
        future.add_done_callback(lambda _f: self._slots.release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            raise ExtractTimeout(
                f"extraction took longer than {self.timeout:g} s", detail={"timeout": self.timeout}
            ) from None

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
