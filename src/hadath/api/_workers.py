"""Extraction worker processes that can be killed.

::

    API process ──control socket──▶ zygote ──fork──▶ worker ◀──its own socket──▶ API process

The **zygote** is forked once from the API process, after the pipeline is built and warmed, and does nothing but
fork **workers** on request; each worker starts in milliseconds with the pipeline's data already loaded (shared
copy-on-write) and is handed to the API process as a socket (``SCM_RIGHTS``).  A worker runs one job at a time:
``fn(extractor, *args)`` for a module-level ``fn``, the reply pickled back.  To stop a job the API process kills
the worker (``SIGKILL``, through a pidfd where the platform has one, so a recycled pid is never hit); to park it
it stops and continues it (``SIGSTOP``, ``SIGCONT``).

Only the zygote is ever forked from the API process, which may be running threads; it closes every socket it
inherited (client connections, the listening socket) and imports nothing after the fork.  The zygote and the
workers ignore SIGINT (the server's Ctrl-C is the server's), are reaped by the kernel, leave with ``os._exit``
(so inherited state such as the store's SQLite connections is never cleaned up twice), and exit when the API
process goes away: end of file on their socket.
"""

from __future__ import annotations

import array
import asyncio
import contextlib
import os
import pickle
import signal
import socket
import stat
import struct
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from hadath.errors import HadathError

__all__ = ["Job", "Worker", "WorkerDied", "Zygote"]

Job = Callable[..., Any]
_HEADER = struct.Struct("!Q")
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class WorkerDied(RuntimeError):
    """The worker exited or was killed before it answered."""


# -- framing ------------------------------------------------------------------------------------------------------


def _frame(obj: Any) -> bytes:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _recv_exactly(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            return None
        got += k
    return bytes(buf)


def _recv_blocking(sock: socket.socket) -> Any:
    header = _recv_exactly(sock, _HEADER.size)
    if header is None:
        return None
    body = _recv_exactly(sock, _HEADER.unpack(header)[0])
    return None if body is None else pickle.loads(body)


async def _recv_async(loop: asyncio.AbstractEventLoop, sock: socket.socket, n: int) -> bytes:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = await loop.sock_recv_into(sock, view[got:])
        if k == 0:
            raise WorkerDied("the extraction worker exited before it answered")
        got += k
    return bytes(buf)


# -- the processes ------------------------------------------------------------------------------------------------


def _close_inherited_sockets(keep: int) -> None:
    """Close every socket but ``keep``: a forked process must not hold the server's connections open."""
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 1024))
    for fd in fds:
        if fd <= 2 or fd == keep:
            continue
        try:
            if stat.S_ISSOCK(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _worker_main(sock: socket.socket, extractor: Any) -> NoReturn:
    try:
        while True:
            job = _recv_blocking(sock)
            if job is None:
                break
            fn, args = job
            try:
                reply: tuple[Any, ...] = ("ok", fn(extractor, *args))
            except HadathError as exc:
                reply = ("error", type(exc), exc.message, exc.detail)
            except Exception as exc:
                reply = ("crash", "".join(traceback.format_exception(exc)))
            try:
                data = _frame(reply)
            except Exception as exc:
                data = _frame(("crash", f"the extraction's result cannot be sent: {type(exc).__name__}: {exc}"))
            sock.sendall(data)
    finally:
        os._exit(0)


def _zygote_main(ctl: socket.socket, extractor: Any) -> NoReturn:
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the workers
        while True:
            if not ctl.recv(1):
                break
            ours, theirs = socket.socketpair()
            pid = os.fork()
            if pid == 0:
                ctl.close()
                ours.close()
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                _worker_main(theirs, extractor)
            theirs.close()
            ctl.sendmsg(
                [_HEADER.pack(pid)], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [ours.fileno()]))]
            )
            ours.close()
    finally:
        os._exit(0)


class Zygote:
    """The process that forks workers (see the module docstring)."""

    def __init__(self, extractor: Any) -> None:
        ctl, theirs = socket.socketpair()
        self._lock = threading.Lock()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the child
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                ctl.close()
                _close_inherited_sockets(keep=theirs.fileno())
                _zygote_main(theirs, extractor)
            finally:
                os._exit(1)
        theirs.close()
        self.pid = pid
        self._ctl = ctl

    def fork(self) -> Worker:
        """A new worker (blocking for the few milliseconds a fork takes: call it off the event loop)."""
        with self._lock:
            try:
                self._ctl.sendall(b"F")
                fds = array.array("i")
                msg, ancdata, _flags, _addr = self._ctl.recvmsg(_HEADER.size, socket.CMSG_SPACE(fds.itemsize))
            except OSError as exc:
                raise WorkerDied(f"the extraction zygote is gone: {exc}") from exc
            for level, kind, data in ancdata:
                if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                    fds.frombytes(data[: len(data) - (len(data) % fds.itemsize)])
            if len(msg) != _HEADER.size or not fds:
                raise WorkerDied("the extraction zygote is gone")
        sock = socket.socket(fileno=fds[0])
        sock.setblocking(False)
        return Worker(_HEADER.unpack(msg)[0], sock)

    def close(self) -> None:
        """Stop forking: the zygote exits (its workers do not depend on it) and is reaped."""
        with contextlib.suppress(OSError):
            self._ctl.close()
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self.pid, 0)


@dataclass(eq=False)
class Worker:
    """One worker process, seen from the API process."""

    pid: int
    sock: socket.socket
    #: The worker's CPU time when its current job started, and the length of that job's text.
    job_cpu: float = 0.0
    job_size: int = 0
    _pidfd: int | None = field(default=None, repr=False)
    _born: float = field(default_factory=time.monotonic, repr=False)
    alive: bool = True

    def __post_init__(self) -> None:
        if hasattr(os, "pidfd_open"):
            try:
                self._pidfd = os.pidfd_open(self.pid)
            except OSError:  # an old kernel, or already gone
                self._pidfd = None

    async def call(self, fn: Job, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """Send one job and wait for its reply: ``("ok", value)``, ``("error", cls, message, detail)`` or
        ``("crash", traceback)``; :class:`WorkerDied` when the worker is gone."""
        loop = asyncio.get_running_loop()
        try:
            await loop.sock_sendall(self.sock, _frame((fn, args)))
        except OSError as exc:
            raise WorkerDied(f"the extraction worker is gone: {exc}") from exc
        header = await _recv_async(loop, self.sock, _HEADER.size)
        reply: tuple[Any, ...] = pickle.loads(await _recv_async(loop, self.sock, _HEADER.unpack(header)[0]))
        return reply

    def cpu_seconds(self) -> float:
        """CPU time the worker has used (user + system, from ``/proc``; where there is none, wall time since it
        started counts instead)."""
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as fh:
                stat_line = fh.read()
            fields = stat_line[stat_line.rindex(b")") + 2 :].split()
            return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
        except (OSError, ValueError, IndexError):
            return time.monotonic() - self._born

    def pause(self) -> None:
        """Stop the process (SIGSTOP): it keeps its state and uses no CPU until :meth:`resume`."""
        self._signal(signal.SIGSTOP)

    def resume(self) -> None:
        self._signal(signal.SIGCONT)

    def _signal(self, sig: signal.Signals) -> None:
        if not self.alive:
            return
        with contextlib.suppress(OSError):
            if self._pidfd is not None:
                signal.pidfd_send_signal(self._pidfd, sig)
            else:
                os.kill(self.pid, sig)

    def kill(self) -> None:
        """Stop the worker at once (SIGKILL); its CPU is free as soon as the kernel has it.  The socket stays open
        until :meth:`close`: an asyncio read may still wait on it, and closing it under that read would let the
        event loop confuse it with the next socket to get the same descriptor."""
        self._signal(signal.SIGKILL)
        self.alive = False

    def close(self) -> None:
        """Kill the worker and release its socket (no read or write may be waiting on it)."""
        self.kill()
        with contextlib.suppress(OSError):
            self.sock.close()
        if self._pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self._pidfd)
            self._pidfd = None
