"""Ingest articles into a store: read, skip what is stored, extract in workers, write in batches.

::

    sources ──read──▶ records ──batch──▶ skip stored hashes ──▶ extract (workers) ──▶ one writer ──▶ store
                         │                                         │
                         └──── bad record: errors table ◀──────────┘

* **Sources**: files and folders (recursively: .txt .md .html .htm .jsonl .ndjson .jsonl.gz, RSS/Atom
  .rss .atom .xml, web archives .warc .warc.gz) and URLs (a feed, or an article page).  A
  ``NAME.meta.json`` beside a .txt/.md file supplies its id, title, published, outlet and url.
* **Idempotent and fast to repeat**: the SHA-256 of each text is looked up before extraction; stored
  texts are counted ``unchanged`` and never extracted again.
* **Single writer, resumable**: workers (a process pool or a Dask cluster) only extract; the calling
  process writes each batch in one transaction.  Killed at any moment, a rerun loses nothing and
  duplicates nothing: committed batches are skipped by hash, the batch in flight is redone.
* **Bad input** is logged to the store's errors table with its source (file, line, offset) and reason
  and skipped; ``strict=True`` logs it and raises :class:`~hadath.errors.InputError` instead.
* **A CPU budget per article** (``timeout``, default :data:`~hadath._budget.DEFAULT_TIMEOUT` seconds): an
  extraction that uses more is stopped (:func:`hadath._budget.cpu_budget`) and logged as "timed out"; the run
  goes on with the next article.
"""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from hadath._budget import DEFAULT_TIMEOUT, cpu_budget
from hadath.errors import HadathError, InputError, StageError
from hadath.io.feeds import FEED_EXT, Fetcher, default_fetch, read_feed, read_url
from hadath.io.readers import (
    HTML_EXT,
    JSONL_EXT,
    TEXT_EXT,
    BadRecord,
    Record,
    check_published,
    check_record,
    read_path,
)
from hadath.io.warc import WARC_EXT, read_warc
from hadath.isodate import iso_date_or_none
from hadath.pipeline import DEFAULT_STAGES, Pipeline
from hadath.store import PreparedArticle, Store, prepare_article, sha256_text
from hadath.store._prepare import index_tokens

__all__ = [
    "INGESTIBLE_EXT",
    "IngestReport",
    "Progress",
    "extract_batch",
    "ingest",
    "ingest_records",
    "iter_sources",
]

log = logging.getLogger("hadath.ingest")

#: File endings picked up when a folder is walked.
INGESTIBLE_EXT = (*TEXT_EXT, *HTML_EXT, *JSONL_EXT, *FEED_EXT, *WARC_EXT)


# -- reading ---------------------------------------------------------------------------------------
def _ingestible(p: Path) -> bool:
    name = p.name.lower()
    return not name.startswith(".") and name.endswith(INGESTIBLE_EXT) and not name.endswith(".meta.json")


def _read_file(p: Path, fetch: Fetcher | None, fetch_pages: bool) -> Iterator[Record | BadRecord]:
    name = p.name.lower()
    if name.endswith(WARC_EXT):
        yield from read_warc(p)
        return
    if name.endswith(FEED_EXT):
        yield from read_feed(str(p), fetch=fetch, fetch_pages=fetch_pages)
        return
    try:
        yield from read_path(p)
    except InputError as exc:
        yield BadRecord(str(p), exc.message)


def iter_sources(
    sources: Iterable[str | os.PathLike[str]],
    *,
    fetch: Fetcher | None = default_fetch,
    fetch_pages: bool = True,
) -> Iterator[Record | BadRecord]:
    """Records from files, folders (walked recursively, in name order) and feed URLs."""
    for src in sources:
        s = os.fspath(src)
        if s.startswith(("http://", "https://")):
            yield from read_url(s, fetch=fetch, fetch_pages=fetch_pages)
            continue
        if s == "-":
            yield from read_path("-")
            continue
        p = Path(s)
        if p.is_dir():
            found = False
            for f in sorted(p.rglob("*")):
                if f.is_file() and _ingestible(f):
                    found = True
                    yield from _read_file(f, fetch, fetch_pages)
            if not found:
                yield BadRecord(s, "folder holds no ingestible files (" + " ".join(INGESTIBLE_EXT) + ")")
        elif not p.exists():
            yield BadRecord(s, "no such file or directory")
        else:
            yield from _read_file(p, fetch, fetch_pages)


# -- extraction (runs in workers) ------------------------------------------------------------------
_PIPELINES: dict[tuple[tuple[str, ...], str], Pipeline] = {}


def _pipeline(stages: Sequence[str] | None, config: Mapping[str, Mapping[str, Any]] | None = None) -> Pipeline:
    names = tuple(stages) if stages else DEFAULT_STAGES
    key = (names, json.dumps(config or {}, sort_keys=True, default=str))
    pipe = _PIPELINES.get(key)
    if pipe is None:
        pipe = _PIPELINES[key] = Pipeline(names, config=config)
    return pipe


def extract_batch(
    stages: Sequence[str] | None,
    payload: list[dict[str, Any]],
    config: Mapping[str, Mapping[str, Any]] | None = None,
    timeout: float | None = None,
) -> list[PreparedArticle | tuple[str, str]]:
    """Extract and prepare a batch of articles (``Record`` fields as dicts) with the pipeline of ``stages``
    and ``config`` (see :class:`hadath.pipeline.Pipeline`), each within ``timeout`` seconds of CPU (None: no
    limit).

    Returns one :class:`PreparedArticle` per article, or ``(source, reason)`` for one that failed or timed out.
    Module-level and picklable, so process pools and Dask workers can run it.
    """
    pipe = _pipeline(stages, config)
    out: list[PreparedArticle | tuple[str, str]] = []
    # An article's pipeline allocates thousands of short-lived objects (tokens, candidates) that
    # reference counting frees; the cyclic collector would walk them again and again while they
    # live.  Pause it for the batch: whatever survives, cycles included, is collected right after.
    paused = gc.isenabled()
    gc.disable()
    try:
        _extract_into(pipe, payload, out, timeout)
    finally:
        if paused:
            gc.enable()
    return out


def _extract_into(
    pipe: Pipeline,
    payload: list[dict[str, Any]],
    out: list[PreparedArticle | tuple[str, str]],
    timeout: float | None,
) -> None:
    for item in payload:
        source = str(item.get("source") or item.get("id") or "")
        try:
            warnings = list(item.get("warnings") or [])
            published = item.get("published")
            valid = iso_date_or_none(published)
            if published and valid is None:
                warnings.append(f"{source}: published {published!r} is not a date; ignored")
            try:
                valid = check_published(valid)
            except InputError as exc:  # a date at the edge of the calendar: relative dates cannot be counted from it
                valid = None
                warnings.append(f"{source}: {exc.message}; ignored")
            doc = pipe.make_doc(
                item["text"],
                id=item.get("id"),
                title=item.get("title"),
                published=valid,
                outlet=item.get("outlet"),
                url=item.get("url"),
                published_guess=item.get("published_guess"),
            )
            doc.warnings.extend(warnings)
            with cpu_budget(timeout):
                doc = pipe(doc)
            out.append(prepare_article(doc.to_dict(), doc.text, source, fts_body=index_tokens(doc.tokens)))
        except HadathError as exc:
            out.append((source, exc.message))
        except Exception as exc:
            out.append((source, f"{type(exc).__name__}: {exc}"))


def _payload(rec: Record) -> dict[str, Any]:
    return {
        "text": rec.text,
        "id": rec.id,
        "title": rec.title,
        "published": rec.published,
        "published_guess": rec.published_guess,
        "outlet": rec.outlet,
        "url": rec.url,
        "source": rec.source,
        "warnings": list(rec.warnings),
    }


class _Inline(Executor):
    """Runs each task at once in this process (``workers=1``)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        f: Future[Any] = Future()
        try:
            f.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            f.set_exception(exc)
        return f


# -- the engine ------------------------------------------------------------------------------------
class RunRate:
    """Articles per second and the JSON form of a run's report (a dataclass with ``seconds``, ``started`` and a
    ``done`` count); shared by :class:`IngestReport` and ``reextract.ReextractReport``."""

    seconds: float
    started: float

    @property
    def done(self) -> int:
        raise NotImplementedError

    @property
    def rate(self) -> float:
        """Articles per second so far."""
        elapsed = self.seconds or (time.monotonic() - self.started)
        return self.done / elapsed if elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)  # type: ignore[call-overload]
        d.pop("started")
        d["articles_per_s"] = round(self.rate, 1)
        return dict(d)


@dataclass
class IngestReport(RunRate):
    """What an ingest run did.  ``unchanged`` counts texts already stored (skipped before extraction)."""

    read: int = 0
    ingested: int = 0
    unchanged: int = 0
    versions: int = 0
    failed: int = 0
    batches: int = 0
    clusters: int | None = None
    seconds: float = 0.0
    started: float = field(default_factory=time.monotonic, repr=False)

    @property
    def done(self) -> int:
        return self.ingested + self.unchanged + self.versions + self.failed

    def summary(self) -> str:
        s = (
            f"{self.ingested} ingested, {self.unchanged} unchanged, {self.versions} new versions, "
            f"{self.failed} failed — {self.done} articles in {self.seconds:.1f} s ({self.rate:.1f} articles/s)"
        )
        if self.clusters is not None:
            s += f"; {self.clusters} corroboration clusters"
        return s


class Progress:
    """A progress line on a stream (stderr): rewritten in place on a terminal, every 10 s otherwise."""

    def __init__(self, stream: TextIO | None = None, *, interval: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if interval is not None else (0.25 if self.tty else 10.0)
        self._last = 0.0
        self._width = 0

    def __call__(self, report: IngestReport, *, final: bool = False) -> None:
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        line = (
            f"ingest: {report.done} articles · {report.ingested} ingested · {report.unchanged} unchanged · "
            f"{report.versions} versions · {report.failed} failed · {report.rate:.1f} articles/s"
        )
        if self.tty:
            pad = max(0, self._width - len(line))
            self.stream.write("\r" + line + " " * pad + ("\n" if final else ""))
            self._width = len(line)
        elif not final:
            self.stream.write(line + "\n")
        self.stream.flush()


def _chunks(it: Iterable[Record | BadRecord], n: int) -> Iterator[list[Record | BadRecord]]:
    chunk: list[Record | BadRecord] = []
    for x in it:
        chunk.append(x)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _watch_parent(parent: int) -> None:
    """In a pool worker: exit when the parent is gone (killed with -9, the pool cannot tell us)."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="hadath-parent-watch", daemon=True).start()


def _process_pool(workers: int) -> ProcessPoolExecutor:
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    )


def ingest_records(
    store: Store,
    records: Iterable[Record | BadRecord],
    *,
    workers: int = 1,
    batch_size: int = 100,
    strict: bool = False,
    stages: Sequence[str] | None = None,
    config: Mapping[str, Mapping[str, Any]] | None = None,
    executor: Executor | None = None,
    max_pending: int | None = None,
    parquet_dir: str | os.PathLike[str] | None = None,
    recluster: bool = True,
    progress: Callable[..., None] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> IngestReport:
    """Extract ``records`` and write them into ``store`` (see the module docstring).

    ``executor`` runs :func:`extract_batch` (anything with ``submit(fn, *args) -> future``: a Dask
    client works); without one, ``workers > 1`` starts a process pool and ``workers == 1`` extracts in
    this process.  ``parquet_dir`` also writes each batch as Parquet partitions (see
    :func:`hadath.export.write_parquet_partition`).  ``recluster`` recomputes the corroboration
    clusters at the end around whatever changed — in this run or in one killed before it finished
    clustering (the store keeps that window with the inserts, so clustering resumes like the rest).
    ``config`` configures the pipeline's stages (for example ``{"places": {"gazetteer": path}}``); it
    must be picklable.  ``timeout`` is the CPU budget of one article in seconds (None: no limit); an article
    over it is logged as "timed out" and skipped.
    """
    if batch_size < 1:
        raise InputError("batch size must be at least 1")
    if workers < 1:
        raise InputError("workers must be at least 1")
    if timeout is not None and timeout <= 0:
        raise InputError("timeout must be more than 0 seconds (or None for no limit)")
    if stages is not None or config:
        _pipeline(stages, config)  # fail early on unknown stages or a bad configuration
    report = IngestReport()
    own = executor is None
    ex: Executor = executor or (_process_pool(workers) if workers > 1 else _Inline())
    limit = max_pending or max(2, 2 * workers)
    pending: deque[_Batch] = deque()
    inflight: dict[str, str] = {}  # hash → source of the copy being extracted
    part = 0
    run_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"

    def write(prepared: list[PreparedArticle], errs: list[tuple[str, str]], dups: list[_Dup]) -> None:
        counts = store.add_prepared(prepared, errors=errs, duplicates=dups)
        report.ingested += counts["ingested"]
        report.unchanged += counts["unchanged"]
        report.versions += counts["version"]
        report.failed += len(errs)
        for source, reason in errs:
            log.info("skipped %s: %s", source, reason)

    def finish(b: _Batch) -> None:
        nonlocal part
        try:
            results = b.future.result()
        except HadathError:
            raise
        except Exception as exc:
            raise StageError(f"extraction worker failed: {type(exc).__name__}: {exc}") from exc
        prepared = [r for r in results if isinstance(r, PreparedArticle)]
        errs = b.errors + [r for r in results if not isinstance(r, PreparedArticle)]
        write(prepared, errs, b.duplicates)
        report.batches += 1
        for h in b.hashes:
            inflight.pop(h, None)
        if parquet_dir is not None and prepared:
            from hadath.export import write_parquet_partition

            part += 1
            write_parquet_partition(parquet_dir, f"part-{run_id}-{part:05d}", prepared)
        if progress is not None:
            progress(report)
        if strict and errs:
            _raise_first(errs)

    def drain(keep: int) -> None:
        """Write finished batches (in order); wait for more only while over ``keep`` are pending."""
        while pending and (len(pending) > keep or pending[0].future.done()):
            finish(pending.popleft())

    try:
        for chunk in _chunks(records, batch_size):
            report.read += len(chunk)
            errors: list[tuple[str, str]] = []
            good: dict[str, Record] = {}
            dups: list[_Dup] = []
            for r in chunk:
                if isinstance(r, Record):
                    r = check_record(r)  # records made by callers: text that cannot be hashed or stored
                if isinstance(r, BadRecord):
                    errors.append((r.source, r.reason))
                    continue
                if not r.text.strip():
                    errors.append((r.source, "empty text"))
                    continue
                sha = sha256_text(r.text)
                first = good[sha].source if sha in good else inflight.get(sha)
                if first is not None:
                    report.unchanged += 1
                    dups.append((sha, r.id, r.url, r.outlet, r.source, first))
                    continue
                good[sha] = r
            if strict and errors:
                drain(0)
                write([], errors, [])
                _raise_first(errors)
            known = store.known_hashes(good) if good else {}
            report.unchanged += len(known)
            for sha, stored_id in known.items():
                r = good.pop(sha)
                if r.id and r.id != stored_id:
                    dups.append((sha, r.id, r.url, r.outlet, r.source, stored_id))
            if not good:
                if errors or dups:
                    write([], errors, dups)
                if progress is not None:
                    progress(report)
                continue
            fut = ex.submit(
                extract_batch, list(stages) if stages else None, [_payload(r) for r in good.values()], config, timeout
            )
            for sha, r in good.items():
                inflight[sha] = r.source
            pending.append(_Batch(fut, errors, dups, set(good)))
            drain(limit - 1)
        drain(0)
    except BaseException:
        if own:
            ex.shutdown(wait=False, cancel_futures=True)
        raise
    if own:
        ex.shutdown(wait=True)
    if recluster:  # also when nothing new was stored: a run killed while clustering left its window marked
        report.clusters = store.recluster_changed()
    report.seconds = time.monotonic() - report.started
    if progress is not None:
        progress(report, final=True)
    return report


_Dup = tuple[str, str | None, str | None, str | None, str, str]


@dataclass(slots=True)
class _Batch:
    future: Future[Any]
    errors: list[tuple[str, str]]
    duplicates: list[_Dup]
    hashes: set[str]


def _raise_first(errs: list[tuple[str, str]]) -> None:
    source, reason = errs[0]
    raise InputError(f"{source}: {reason}", detail={"source": source, "reason": reason})


def ingest(
    store: Store,
    sources: Iterable[str | os.PathLike[str]],
    *,
    fetch: Fetcher | None = default_fetch,
    fetch_pages: bool = True,
    **options: Any,
) -> IngestReport:
    """Ingest files, folders and feed URLs into ``store`` (options as for :func:`ingest_records`)."""
    return ingest_records(store, iter_sources(sources, fetch=fetch, fetch_pages=fetch_pages), **options)
