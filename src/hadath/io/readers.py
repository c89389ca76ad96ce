"""Readers: files of articles → :class:`Record` objects.

By extension: ``.txt``/``.md`` (the whole file is one article), ``.html``/``.htm``
(main text via trafilatura), ``.jsonl``/``.ndjson``/``.jsonl.gz``/``.ndjson.gz``
(one article a line: ``id``, ``text`` or ``html``, ``title``, ``published``,
``outlet``, ``url``), ``-`` for standard input; a ``NAME.meta.json`` beside a
text file supplies its metadata (text, or JSONL when every
non-empty line is a JSON object).  A record that cannot be read is yielded as
a :class:`BadRecord` naming its source (file and line) and the reason, so a
batch can report it and go on; nothing is dropped silently.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.errors import InputError

__all__ = ["BadRecord", "Record", "decode_bytes", "html_to_text", "read_path", "read_paths", "record_from_obj"]

TEXT_EXT = (".txt", ".md")
HTML_EXT = (".html", ".htm")
JSONL_EXT = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
MAX_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class Record:
    """One article to extract."""

    text: str
    id: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    source: str = ""
    from_html: bool = False
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, str | None]:
        return {"id": self.id, "title": self.title, "published": self.published, "outlet": self.outlet, "url": self.url}


@dataclass(slots=True)
class BadRecord:
    """A record that could not be read: where it came from and why."""

    source: str
    reason: str


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), else Windows-1256 with a warning; binary garbage is an InputError."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{source}: looks like binary data, not text")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not UTF-8 and not Windows-1256 text") from exc
    return text, [f"{source}: not valid UTF-8; decoded as Windows-1256"]


def html_to_text(html: str, source: str = "") -> tuple[str, dict[str, str | None]]:
    """Main text and metadata of an HTML page (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta: dict[str, str | None] = {}
    try:
        md = trafilatura.extract_metadata(html)
    except Exception:
        md = None
    if md is not None:
        meta = {"title": md.title, "published": md.date, "url": md.url, "outlet": md.sitename}
    if not text:
        raise InputError(f"{source}: no main text found in the HTML")
    return text, meta


def _short_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return str(value)[:10]


def record_from_obj(obj: Any, source: str) -> Record | BadRecord:
    """A Record from one decoded JSON object (one JSONL line or an HTTP body)."""
    if not isinstance(obj, dict):
        return BadRecord(source, "not a JSON object")
    text = obj.get("text")
    html = obj.get("html")
    from_html = False
    meta: dict[str, str | None] = {}
    if not isinstance(text, str) or not text.strip():
        if isinstance(html, str) and html.strip():
            try:
                text, meta = html_to_text(html, source)
            except InputError as exc:
                return BadRecord(source, exc.message)
            from_html = True
        else:
            return BadRecord(source, "missing text (no non-empty 'text' or 'html' field)")
    rid = obj.get("id")
    return Record(
        text=text,
        id=str(rid) if rid is not None else None,
        title=obj.get("title") or meta.get("title"),
        published=_short_date(obj.get("published") or obj.get("date")) or _short_date(meta.get("published")),
        outlet=obj.get("outlet") or meta.get("outlet"),
        url=obj.get("url") or meta.get("url"),
        source=source,
        from_html=from_html,
        extra={k: v for k, v in obj.items() if k not in {"id", "text", "html", "title", "published", "outlet", "url"}},
    )


def _iter_jsonl(lines: Iterable[str], name: str) -> Iterator[Record | BadRecord]:
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        source = f"{name}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRecord(source, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        rec = record_from_obj(obj, source)
        if isinstance(rec, Record) and rec.id is None:
            rec.id = f"{Path(name).name.split('.')[0]}-{lineno}"
        yield rec


def _stem(path: Path) -> str:
    name = path.name
    for ext in (*JSONL_EXT, *TEXT_EXT, *HTML_EXT):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return path.stem


def read_path(path: str | Path) -> Iterator[Record | BadRecord]:
    """Records from one path (``-`` = standard input).  A missing or unreadable path raises InputError."""
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        text, warnings = decode_bytes(data, "<stdin>")
        lines = [ln for ln in text.splitlines() if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for ln in lines):
            yield from _iter_jsonl(lines, "<stdin>")
        else:
            yield Record(text=text, id="stdin", source="<stdin>", warnings=warnings)
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{p}: is a directory (give the files inside it)")
    name = p.name.lower()
    try:
        if name.endswith(JSONL_EXT):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(p, "rb") as fh:
                wrapper = io.TextIOWrapper(fh, encoding="utf-8", errors="strict")
                try:
                    yield from _iter_jsonl(wrapper, str(p))
                except UnicodeDecodeError as exc:
                    yield BadRecord(str(p), f"not UTF-8 JSONL ({exc.reason})")
                except (OSError, EOFError) as exc:
                    yield BadRecord(str(p), f"unreadable: {exc}")
            return
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: {size} bytes is larger than the {MAX_BYTES}-byte limit for one article")
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied") from exc
    except IsADirectoryError as exc:  # pragma: no cover - checked above
        raise InputError(f"{p}: is a directory") from exc
    text, warnings = decode_bytes(data, str(p))
    if name.endswith(HTML_EXT):
        body, meta = html_to_text(text, str(p))
        yield Record(
            text=body,
            id=_stem(p),
            title=meta.get("title"),
            published=_short_date(meta.get("published")),
            outlet=meta.get("outlet"),
            url=meta.get("url"),
            source=str(p),
            from_html=True,
            warnings=warnings,
        )
        return
    rec = Record(text=text, id=_stem(p), source=str(p), warnings=warnings)
    apply_sidecar(rec, p)
    yield rec


def apply_sidecar(rec: Record, path: Path) -> None:
    """Fill metadata from ``NAME.meta.json`` next to a .txt/.md file (id, title, published, outlet, url)."""
    if not path.name.lower().endswith(TEXT_EXT):
        return
    meta_path = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    if not meta_path.is_file():
        return
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        rec.warnings.append(f"{meta_path}: ignored ({exc})")
        return
    if not isinstance(meta, dict):
        return
    for key in ("id", "title", "published", "outlet", "url"):
        val = meta.get(key)
        if val and getattr(rec, key) in (None, "", _stem(path)):
            setattr(rec, key, str(val)[:10] if key == "published" else str(val))


def read_paths(paths: Iterable[str | Path]) -> Iterator[Record | BadRecord]:
    """Records from several paths; an unreadable path becomes a BadRecord."""
    for path in paths:
        try:
            yield from read_path(path)
        except InputError as exc:
            yield BadRecord(str(path), exc.message)
