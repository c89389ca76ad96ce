"""Re-extraction: run the current pipeline over the stored texts and reconcile the events, keeping their ids.

::

    store ──latest articles extracted before the run──▶ extract (workers) ──▶ one writer ──▶ reconcile
                                                                                   │
                          kept (same id) · updated (same id, updated_at moves) · added · deleted_events

* **Stable ids**: an event whose identity — article, event type, place, date, actor pair — survives keeps
  its id, ``event_id_cnty`` and ``created_at``; a changed field moves its ``updated_at``; an event that
  vanished is recorded in ``deleted_events`` with the time and the hadath and codebook versions that removed
  it (see :mod:`hadath.store._reconcile`).  The change feed (``hadath export --updated-since``,
  ``--deleted-since``) then lists exactly what moved.
* **Resumable**: the run's start time is kept in the store until the run completes; articles re-extracted
  since are skipped, so a killed run picks up where it stopped.  Each batch is one transaction.
* **Parallel**: ``workers`` processes (or any ``executor``, e.g. a Dask client's) extract; this process writes.
* The search index is not rebuilt (the texts do not change); the corroboration clusters are recomputed
  around the dates that moved.
"""

from __future__ import annotations

import sys
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from typing import Any, TextIO

from hadath.errors import HadathError, InputError, StageError
from hadath.ingest import RunRate, _Inline, _pipeline, _process_pool, extract_batch
from hadath.store import PreparedArticle, Store

__all__ = ["ReextractProgress", "ReextractReport", "reextract"]


@dataclass
class ReextractReport(RunRate):
    """What a re-extraction did: articles re-extracted, and its events kept, updated, added and deleted."""

    todo: int = 0
    articles: int = 0
    failed: int = 0
    kept: int = 0
    updated: int = 0
    added: int = 0
    deleted: int = 0
    missing: int = 0
    resumed: bool = False
    started_at: str = ""
    clusters: int | None = None
    seconds: float = 0.0
    started: float = field(default_factory=time.monotonic, repr=False)

    @property
    def done(self) -> int:
        return self.articles + self.failed + self.missing

    def summary(self) -> str:
        s = (
            f"{self.articles} articles re-extracted ({self.failed} failed): {self.kept} events kept, "
            f"{self.updated} updated, {self.added} added, {self.deleted} deleted — {self.seconds:.1f} s"
        )
        if self.clusters is not None:
            s += f"; {self.clusters} corroboration clusters"
        return s


class ReextractProgress:
    """A progress bar on a stream (stderr): redrawn in place on a terminal, a line every 10 s otherwise."""

    def __init__(self, stream: TextIO | None = None, *, interval: float | None = None, width: int = 24) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.25 if self.tty else 10.0)
        self.width = width
        self._last = 0.0

    def __call__(self, report: ReextractReport, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        total = max(report.todo, report.done, 1)
        filled = int(self.width * report.done / total)
        bar = "#" * filled + "-" * (self.width - filled)
        line = (
            f"reextract [{bar}] {report.done}/{report.todo} · kept {report.kept} · updated {report.updated} · "
            f"added {report.added} · deleted {report.deleted} · {report.rate:.1f} articles/s"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
        elif not final:
            self.stream.write(line + "\n")
        self.stream.flush()


def reextract(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    workers: int = 1,
    batch_size: int = 50,
    stages: Sequence[str] | None = None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    executor: Executor | None = None,
    recluster: bool = True,
    restart: bool = False,
    progress: Callable[..., None] | None = None,
) -> ReextractReport:
    """Re-extract the latest version of every stored article published within ``since``..``until``
    (all without bounds) with the current pipeline (``stages``/``config`` as for
    :func:`hadath.ingest.ingest_records`), and reconcile the events (see the module docstring).

    A run that was interrupted resumes (the articles it finished are skipped) unless ``restart``.
    """
    if batch_size < 1:
        raise InputError("batch size must be at least 1")
    if workers < 1:
        raise InputError("workers must be at least 1")
    if stages is not None or config:
        _pipeline(stages, config)  # fail early on unknown stages or a bad configuration
    report = ReextractReport()
    if restart:
        store.reextract_finish()
    from hadath.store._sql import now_us

    begun = now_us()
    started = store.reextract_start()
    report.started_at = started
    report.resumed = started < begun
    report.todo = store.reextract_todo(started, since=since, until=until)
    own = executor is None
    ex: Executor = executor or (_process_pool(workers) if workers > 1 else _Inline())
    limit = max(2, 2 * workers)
    pending: deque[Future[Any]] = deque()

    def finish(fut: Future[Any]) -> None:
        try:
            results = fut.result()
        except HadathError:
            raise
        except Exception as exc:
            raise StageError(f"extraction worker failed: {type(exc).__name__}: {exc}") from exc
        prepared = [r for r in results if isinstance(r, PreparedArticle)]
        errs = [r for r in results if not isinstance(r, PreparedArticle)]
        counts = store.reextract_prepared(prepared, errors=[(s, f"re-extraction: {r}") for s, r in errs])
        report.failed += len(errs)
        for k in ("articles", "kept", "updated", "added", "deleted", "missing"):
            setattr(report, k, getattr(report, k) + counts[k])
        if progress is not None:
            progress(report)

    try:
        for batch in store.iter_reextract(started, since=since, until=until, batch=batch_size):
            pending.append(ex.submit(extract_batch, list(stages) if stages else None, batch, config))
            while pending and (len(pending) >= limit or pending[0].done()):
                finish(pending.popleft())
        while pending:
            finish(pending.popleft())
    except BaseException:
        if own:
            ex.shutdown(wait=False, cancel_futures=True)
        raise
    if own:
        ex.shutdown(wait=True)
    store.reextract_finish()
    if recluster:
        report.clusters = store.recluster_changed()
    report.seconds = time.monotonic() - report.started
    if progress is not None:
        progress(report, final=True)
    return report
