"""``hadath extract``: run the pipeline over files and print hadath/1 documents."""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import multiprocessing
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hadath._budget import DEFAULT_TIMEOUT, cpu_budget
from hadath._env import pipeline_config
from hadath.errors import HadathError, InputError
from hadath.io.readers import BadRecord, Record, check_published, read_path
from hadath.pipeline import Pipeline

__all__ = ["format_table", "register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract",
        help="extract events, actors, places and attributions from articles",
        description=(
            "Run the hadath pipeline over articles and print hadath/1 JSON. Inputs by extension: .txt/.md (text; "
            "a sibling NAME.meta.json supplies id/title/published/outlet/url), .html/.htm (main text via "
            "trafilatura; the output then includes the text the offsets refer to), .jsonl/.ndjson[.gz] (one "
            "article a line: id, text or html, title, published, outlet, url), '-' for standard input. One "
            "article prints one JSON document; several (or --format jsonl) print one JSON object a line."
        ),
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="input files, or - for standard input")
    p.add_argument("--format", "-f", choices=("json", "jsonl", "table"), default=None, help="output format")
    p.add_argument("--out-dir", type=Path, default=None, help="write <id>.json per article into DIR")
    p.add_argument("--published", default=None, help="publication date YYYY-MM-DD for inputs that carry none")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record instead of skipping it")
    p.add_argument("--include-text", action="store_true", help="include the article text in the output")
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"CPU time one article may take (default {DEFAULT_TIMEOUT:g}; 0 = no limit); an article over it is "
        "stopped and skipped",
    )
    p.add_argument(
        "--workers",
        "-w",
        type=int,
        default=None,
        metavar="N",
        help="processes that extract in parallel (default: one per CPU core, at most 4, for inputs of more than "
        f"{2 * _BATCH} articles; 1 = in this process). Output order is the input order",
    )
    p.set_defaults(func=run)


#: Articles a worker process extracts per task.
_BATCH = 16
#: The most worker processes ``--workers`` picks by itself (each holds the pipeline's data, ~250 MB).
_AUTO_MAX = 4


def _safe_name(article_id: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "_" for c in article_id)
    return keep.strip(".") or "article"


#: at most this many source ids on an event's line of the table
MAX_TABLE_SOURCES = 8


def _ids(ids: list[str]) -> str:
    """Source ids for a table line: the first :data:`MAX_TABLE_SOURCES`, then how many more."""
    if not ids:
        return "-"
    shown = ",".join(ids[:MAX_TABLE_SOURCES])
    return shown if len(ids) <= MAX_TABLE_SOURCES else f"{shown} … (+{len(ids) - MAX_TABLE_SOURCES} more)"


def _entity_extra(e: dict[str, Any]) -> str:
    """What the table says after an entity's name: its actor type, or where a place is and how precisely
    (Idlib p1; SY p3 for a country), or that no gazetteer holds it."""
    if e.get("actor_type"):
        return str(e["actor_type"])
    geo = e.get("geo")
    if not geo:
        return "not in the gazetteer" if e.get("kind") == "place" else ""
    parts = [str(p) for p in (geo.get("admin1") or geo.get("country"),) if p]
    if geo.get("geo_precision") is not None:
        parts.append(f"p{geo['geo_precision']}")
    if geo.get("in_gazetteer") is False:
        parts.append("not in the gazetteer")
    return " ".join(parts)


def format_table(d: dict[str, Any]) -> str:
    """A readable summary of one hadath/1 document."""
    art = d["article"]
    ents = {e["id"]: e for e in d["entities"]}

    def name(eid: str | None) -> str:
        if not eid or eid not in ents:
            return "-"
        e = ents[eid]
        return str(e.get("name_en") or e.get("name_ar"))

    lines = [
        f"article   {art.get('id')}  published {art.get('published')} ({art.get('published_source')})",
        f"sentences {len(d['sentences'])}",
    ]
    if d["dates"]:
        lines.append("dates")
        lines += [f"  {x['text']!s:30}  {x['value']}  {x['precision']}" for x in d["dates"]]
    if d["quantities"]:
        lines.append("quantities")
        lines += [
            f"  {x['text']!s:30}  {x['value']}{' ~' if x['approx'] else ''}  {x.get('unit') or ''}"
            + (f" ({x['category']})" if x.get("category") else "")
            for x in d["quantities"]
        ]
    if d["entities"]:
        lines.append("entities")
        for e in d["entities"]:
            mentions = " | ".join(sorted({m["text"] for m in e["mentions"]}))
            label = e.get("name_en") or e.get("name_ar") or "-"
            extra = _entity_extra(e)
            lines.append(f"  {e['id']:4} {e['kind']:12} {label}{f' [{extra}]' if extra else ''}  {mentions}")
    if d["attributions"]:
        lines.append("attributions")
        for a in d["attributions"]:
            if a.get("article_level"):
                lines.append(f"  {a['id']:4} {a.get('speaker_text') or '-'} — source of the whole article «{a['cue']}»")
                continue
            content = (a.get("content") or {}).get("text", "")
            more = "…" if len(content) > 80 else ""
            q = '"' if a.get("direct_quote") else ""
            who = (a.get("speaker_text") or "-") + (" (implicit)" if a.get("implicit") else "")
            lines.append(f"  {a['id']:4} {who} —{a['cue']}/{a['stance']}→ {q}{content[:80]}{more}{q}")
    if d["events"]:
        lines.append("events")
        for v in d["events"]:
            geo = v.get("geo") or {}
            fat = "-" if v.get("fatalities") is None else v["fatalities"]
            lines.append(
                f"  {v['id']:4} {v['sub_event_type']} | {v.get('date')} | {geo.get('name_en') or '-'} "
                f"({geo.get('admin1') or '-'}) | {name(v.get('actor1'))} vs {name(v.get('actor2'))} | "
                f"fatalities {fat} | «{v['trigger']['text']}» | sources {_ids(v['sources'])}"
            )
            if v.get("notes_en"):
                lines.append(f"       {v['notes_en']}")
    return "\n".join(lines)


def _records(paths: list[str], strict: bool) -> Iterator[Record | BadRecord]:
    for path in paths:
        try:
            yield from read_path(path)
        except InputError as exc:
            if strict or len(paths) == 1:
                raise
            yield BadRecord(str(path), exc.message)


def _single(paths: list[str]) -> bool:
    """True when the input is one article (one text/html file or stdin text)."""
    if len(paths) != 1:
        return False
    name = paths[0].lower()
    return not name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"))


@dataclass(frozen=True)
class _Options:
    """What one article's extraction needs from the command line (picklable, for worker processes)."""

    fmt: str
    published: str | None
    timeout: float | None
    include_text: bool
    out_dir: Path | None


@dataclass(frozen=True)
class _Outcome:
    """One input record, done: its warnings, then either its rendered output (None when written to
    ``--out-dir``) or why it was skipped."""

    source: str
    warnings: tuple[str, ...] = ()
    output: str | None = None
    error: str | None = None
    exit_code: int = 0


def _one(pipeline: Pipeline, rec: Record | BadRecord, opts: _Options) -> _Outcome:
    if isinstance(rec, BadRecord):
        return _Outcome(rec.source, error=rec.reason, exit_code=2)
    try:
        published = check_published(rec.published or opts.published)
        with cpu_budget(opts.timeout):
            doc = pipeline.extract(
                rec.text,
                id=rec.id,
                title=rec.title,
                published=published,
                outlet=rec.outlet,
                url=rec.url,
                published_guess=rec.published_guess,
            )
    except HadathError as exc:
        return _Outcome(rec.source, tuple(rec.warnings), error=exc.message, exit_code=exc.exit_code)
    d = doc.to_dict(include_text=opts.include_text or rec.from_html)
    if opts.out_dir is not None:
        target = opts.out_dir / f"{_safe_name(str(rec.id or 'article'))}.json"
        target.write_text(_render(d, "json"), encoding="utf-8")
        return _Outcome(rec.source, tuple(rec.warnings))
    return _Outcome(rec.source, tuple(rec.warnings), output=_render(d, opts.fmt))


def _render(d: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(d, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return json.dumps(d, ensure_ascii=False) + "\n"
    return format_table(d) + "\n\n"


#: The pipeline and options of a worker process: inherited from the parent (fork) or built by _init (spawn).
_WORKER: tuple[Pipeline, _Options] | None = None


def _init(config: dict[str, Any], opts: _Options) -> None:
    global _WORKER
    if _WORKER is None:  # spawn: nothing inherited
        _WORKER = (Pipeline(config=config), opts)


def _work(batch: list[Record | BadRecord]) -> list[_Outcome]:
    assert _WORKER is not None
    pipeline, opts = _WORKER
    paused = gc.isenabled()
    gc.disable()  # the collector would walk each article's short-lived objects again and again (see ingest)
    try:
        return [_one(pipeline, rec, opts) for rec in batch]
    finally:
        if paused:
            gc.enable()


def _auto_workers() -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, _AUTO_MAX))


def _outcomes(
    pipeline: Pipeline, config: dict[str, Any], records: Iterable[Record | BadRecord], opts: _Options, workers: int
) -> Iterator[_Outcome]:
    """The outcomes in input order: in this process, or by ``workers`` processes once the input holds more than
    two batches (a handful of articles is not worth starting processes)."""
    it = iter(records)
    head = list(itertools.islice(it, 2 * _BATCH + 1))
    if workers <= 1 or len(head) <= 2 * _BATCH:
        for rec in itertools.chain(head, it):
            yield _one(pipeline, rec, opts)
        return
    global _WORKER
    _WORKER = (pipeline, opts)
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    head_it = itertools.chain(head, it)
    batches = iter(lambda: list(itertools.islice(head_it, _BATCH)), [])
    with multiprocessing.get_context(method).Pool(workers, initializer=_init, initargs=(config, opts)) as pool:
        for done in pool.imap(_work, batches):
            yield from done
    _WORKER = None


def run(args: argparse.Namespace) -> int:
    if args.timeout < 0:
        raise InputError("--timeout must be 0 (no limit) or more seconds")
    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be at least 1")
    config = pipeline_config()
    pipeline = Pipeline(config=config)
    # the pipeline's data lives as long as the process: the cyclic collector need not walk it again and again
    gc.freeze()
    single = _single(args.paths)
    fmt = args.format or ("json" if single else "jsonl")
    if args.out_dir is not None:
        args.out_dir.mkdir(parents=True, exist_ok=True)
    opts = _Options(fmt, args.published, args.timeout or None, args.include_text, args.out_dir)
    workers = 1 if single else (args.workers or _auto_workers())
    done = failed = 0
    out = sys.stdout
    for o in _outcomes(pipeline, config, _records(args.paths, args.strict), opts, workers):
        for w in o.warnings:
            print(f"hadath: warning: {w}", file=sys.stderr)
        if o.error is not None:
            failed += 1
            print(f"hadath: skipped {o.source}: {o.error}", file=sys.stderr)
            if args.strict:
                return o.exit_code
            continue
        if o.output is not None:
            out.write(o.output)
        done += 1
    if failed:
        print(f"hadath: {done} extracted, {failed} skipped", file=sys.stderr)
    return 2 if failed and not done else 0
