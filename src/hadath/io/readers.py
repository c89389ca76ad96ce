"""Readers: files of articles → :class:`Record` objects.

By extension: ``.txt``/``.md`` (the whole file is one article), ``.html``/``.htm``
(main text via trafilatura), ``.jsonl``/``.ndjson``/``.jsonl.gz``/``.ndjson.gz``
(one article a line: ``id``, ``text`` or ``html``, ``title``, ``published``,
``outlet``, ``url``), ``-`` for standard input; a ``NAME.meta.json`` beside a
text file supplies its metadata (text, or JSONL when every
non-empty line is a JSON object).  A record that cannot be read is yielded as
a :class:`BadRecord` naming its source (file and line) and the reason, so a
batch can report it and go on; nothing is dropped silently.

Hostile input is refused here, at the boundary, so that nothing downstream has to
guess: JSON nested deeper than :data:`MAX_JSON_DEPTH` levels, lone surrogate
escapes (``"\\ud800"``, which ``json.loads`` accepts but no UTF-8 text can hold),
metadata of the wrong type, JSONL lines over :data:`MAX_BYTES`, and bytes that are
not text (:func:`decode_bytes`) each become a BadRecord with file:line and reason.
Text files and JSONL files may be UTF-8 (with or without BOM) or, with a BOM,
UTF-16 or UTF-32; anything else is read as Windows-1256 with a warning.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, cast

from hadath.errors import InputError
from hadath.isodate import iso_date

__all__ = [
    "MAX_BYTES",
    "MAX_JSON_DEPTH",
    "PUBLISHED_RANGE",
    "BadRecord",
    "Record",
    "check_published",
    "check_record",
    "decode_bytes",
    "html_to_text",
    "parse_json",
    "read_path",
    "read_paths",
    "record_from_obj",
]

TEXT_EXT = (".txt", ".md")
HTML_EXT = (".html", ".htm")
JSONL_EXT = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
#: The largest article file, and the longest JSONL line, that is read.
MAX_BYTES = 50 * 1024 * 1024
#: JSON nested deeper than this is refused (an article is a flat object; a hadath/1 document nests about six levels).
MAX_JSON_DEPTH = 64
#: Publication dates hadath reads (inclusive): relative dates are resolved from them, so a date at the edge of the
#: calendar is refused rather than carried into date arithmetic.
PUBLISHED_RANGE = (date(1900, 1, 1), date(2100, 12, 31))

_SURROGATE = re.compile("[\ud800-\udfff]")
#: Byte-order marks, longest first (the UTF-32-LE mark begins with the UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NEWLINES = re.compile(r"\r\n|\r|\n")


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
    #: a date guessed from the page (HTML metadata, trafilatura/htmldate): used only when the text has no dateline
    published_guess: str | None = None
    from_html: bool = False
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "url": self.url,
            "published_guess": self.published_guess,
        }


@dataclass(slots=True)
class BadRecord:
    """A record that could not be read: where it came from and why (``reason`` does not repeat ``source``)."""

    source: str
    reason: str

    def __post_init__(self) -> None:
        if self.source and self.reason.startswith(f"{self.source}: "):  # an InputError names its file already
            self.reason = self.reason[len(self.source) + 2 :]


def bom_encoding(head: bytes) -> str | None:
    """The encoding named by a byte-order mark at the start of ``head`` (``utf-8-sig``, ``utf-16``, ``utf-32``)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def decode_bytes(data: bytes, source: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 or UTF-32 with a BOM, else Windows-1256 with a warning; binary garbage
    (NUL bytes in text without a UTF-16/32 BOM, or NUL characters after decoding) is an InputError."""
    encoding = bom_encoding(data[:4])
    if encoding is not None and encoding != "utf-8-sig":
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{source}: starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} "
                f"text ({exc.reason} at byte {exc.start})"
            ) from None
        if "\x00" in text[:4096]:
            raise InputError(f"{source}: looks like binary data, not text")
        return text, []
    if b"\x00" in data[:4096]:
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
    """Main text and metadata of an HTML page (trafilatura); InputError when it has none or cannot be parsed."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    except Exception as exc:  # a parser failure on hostile markup is bad input, not a crash
        raise InputError(f"{source}: the HTML could not be parsed ({type(exc).__name__})") from exc
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


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else type(value).__name__


def parse_json(data: str | bytes) -> Any:
    """One JSON value, checked at the boundary: InputError when it is not JSON, nests deeper than
    :data:`MAX_JSON_DEPTH` levels, or holds a lone surrogate escape such as ``"\\ud800"`` in a key or a string
    (``json.loads`` accepts those; no UTF-8 text can hold them)."""
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as exc:
        # some messages end in "at" themselves ("Unterminated string starting at")
        where = f"column {exc.colno}" if exc.msg.endswith(" at") else f"at column {exc.colno}"
        raise InputError(f"invalid JSON: {exc.msg} {where}") from None
    except RecursionError:
        raise InputError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels") from None
    except UnicodeDecodeError as exc:  # bytes that are not UTF-8/16/32
        raise InputError(f"invalid JSON: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    check_json(obj)
    return obj


def check_json(obj: Any, depth: int = MAX_JSON_DEPTH) -> None:
    """InputError when the decoded JSON value ``obj`` nests deeper than ``depth`` levels or holds a lone
    surrogate in a key or a string; the message names the first offending place (``$.a[2]``)."""
    stack: list[tuple[Any, int, str]] = [(obj, 1, "$")]
    while stack:
        value, level, where = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise InputError(f"lone surrogate in the string at {where}: not Unicode text")
            continue
        if isinstance(value, dict):
            items: Iterable[tuple[str, Any]] = value.items()
        elif isinstance(value, list):
            items = ((f"[{i}]", v) for i, v in enumerate(value))
        else:
            continue
        if level > depth:
            raise InputError(f"JSON nested deeper than {depth} levels (at {where})")
        for key, v in items:
            if isinstance(value, dict):
                if _SURROGATE.search(key):
                    raise InputError(f"lone surrogate in a key of the object at {where}: not Unicode text")
                step = f".{key}" if key.isidentifier() else f"[{json.dumps(key)}]"
            else:
                step = key
            stack.append((v, level + 1, where + step))


def check_published(value: object, name: str = "published") -> str | None:
    """The ``YYYY-MM-DD`` day of a publication date (None when empty); InputError when it is not a date or lies
    outside :data:`PUBLISHED_RANGE` (relative dates are counted from it, so the edges of the calendar are refused)."""
    if value is None or value == "":
        return None
    day = iso_date(value if isinstance(value, str | date) else str(value), name)
    lo, hi = PUBLISHED_RANGE
    if not lo.isoformat() <= day <= hi.isoformat():
        raise InputError(
            f"{name} {day} is outside the dates hadath reads ({lo.isoformat()} to {hi.isoformat()})",
            detail={"parameter": name, "value": day, "min": lo.isoformat(), "max": hi.isoformat()},
        )
    return day


def check_record(rec: Record) -> Record | BadRecord:
    """``rec`` itself, or a BadRecord when its text or metadata is not Unicode text (a lone surrogate: such a
    string cannot be hashed, stored or written as UTF-8), its text is not a string, or it is empty."""
    if not isinstance(rec.text, str):
        return BadRecord(rec.source, f"'text' must be a string, not {_json_type(rec.text)}")
    if not rec.text.strip():
        return BadRecord(rec.source, "empty text")
    for key in ("text", "id", "title", "published", "outlet", "url"):
        value = getattr(rec, key)
        if isinstance(value, str) and _SURROGATE.search(value):
            return BadRecord(rec.source, f"lone surrogate in '{key}': not Unicode text")
    return rec


def _short_date(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return str(value)[:10]


def record_from_obj(obj: Any, source: str) -> Record | BadRecord:
    """A Record from one decoded JSON object (one JSONL line or an HTTP body); a BadRecord saying why not
    (not an object, no text, ``id`` not a string or integer, ``text``/``html``/``title``/``outlet``/``url`` not
    a string, a lone surrogate)."""
    if not isinstance(obj, dict):
        return BadRecord(source, "not a JSON object")
    rid = obj.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, str | int)):
        return BadRecord(source, f"'id' must be a string or an integer, not {_json_type(rid)}")
    for key in ("text", "html", "title", "outlet", "url"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return BadRecord(source, f"'{key}' must be a string, not {_json_type(value)}")
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
    return check_record(
        Record(
            text=text,
            id=str(rid) if rid is not None else None,
            title=obj.get("title") or meta.get("title"),
            published=_short_date(obj.get("published") or obj.get("date")),
            published_guess=_short_date(meta.get("published")),
            outlet=obj.get("outlet") or meta.get("outlet"),
            url=obj.get("url") or meta.get("url"),
            source=source,
            from_html=from_html,
            extra={
                k: v for k, v in obj.items() if k not in {"id", "text", "html", "title", "published", "outlet", "url"}
            },
        )
    )


def _split_lines(text: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a text (LF, CR LF and CR end a line, as for files; JSON strings hold none)."""
    yield from enumerate(_NEWLINES.split(text), 1)


def _text_lines(wrapper: io.TextIOWrapper, name: str, encoding: str) -> Iterator[tuple[int, str | BadRecord]]:
    lineno = 0
    while True:
        try:
            line = wrapper.readline(MAX_BYTES)
        except UnicodeDecodeError as exc:
            yield lineno + 1, BadRecord(f"{name}:{lineno + 1}", f"not {encoding.upper()} text ({exc.reason})")
            return
        if not line:
            return
        lineno += 1
        if len(line) >= MAX_BYTES and not line.endswith("\n"):
            yield lineno, BadRecord(f"{name}:{lineno}", f"line longer than {MAX_BYTES} characters")
            while line and not line.endswith("\n"):
                line = wrapper.readline(MAX_BYTES)
            continue
        yield lineno, line


def _jsonl_lines(fh: IO[bytes], name: str) -> Iterator[tuple[int, str | BadRecord]]:
    """Numbered lines of a JSONL byte stream.  UTF-8 is decoded line by line, so one line that is not UTF-8 is one
    BadRecord; UTF-16/32 (with a BOM) is decoded as a stream and stops at the first undecodable line.  A line over
    :data:`MAX_BYTES` is skipped as a BadRecord; a damaged or truncated gzip stream ends the file with one."""
    lineno = 0
    try:
        peek = getattr(fh, "peek", None)
        encoding = bom_encoding(peek(4)[:4]) if peek is not None else None
        if encoding in ("utf-16", "utf-32"):
            assert encoding is not None
            wrapper = io.TextIOWrapper(cast("io.BufferedReader", fh), encoding=encoding, errors="strict")
            try:
                yield from _text_lines(wrapper, name, encoding)
            finally:
                wrapper.detach()  # the caller closes the file
            return
        while True:
            raw = fh.readline(MAX_BYTES + 1)
            if not raw:
                return
            if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                lineno += 1
                yield lineno, BadRecord(f"{name}:{lineno}", f"line longer than {MAX_BYTES} bytes")
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(1 << 20)
                continue
            body = raw.removesuffix(b"\n").removesuffix(b"\r")
            for part in body.split(b"\r") if b"\r" in body else (body,):
                lineno += 1
                if lineno == 1:
                    part = part.removeprefix(codecs.BOM_UTF8)
                try:
                    yield lineno, part.decode("utf-8")
                except UnicodeDecodeError as exc:
                    yield (
                        lineno,
                        BadRecord(f"{name}:{lineno}", f"not UTF-8 text ({exc.reason} at byte {exc.start + 1})"),
                    )
    except (OSError, EOFError, zlib.error) as exc:
        yield lineno + 1, BadRecord(f"{name}:{lineno + 1}", f"unreadable after line {lineno}: {exc}")


def _iter_jsonl(lines: Iterable[tuple[int, str | BadRecord]], name: str) -> Iterator[Record | BadRecord]:
    for lineno, line in lines:
        if isinstance(line, BadRecord):
            yield line
            continue
        if not line.strip():
            continue
        source = f"{name}:{lineno}"
        try:
            obj = parse_json(line)
        except InputError as exc:
            yield BadRecord(source, exc.message)
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
        lines = [(n, ln) for n, ln in _split_lines(text) if ln.strip()]
        if lines and all(ln.lstrip().startswith("{") for _, ln in lines):
            yield from _iter_jsonl(lines, "<stdin>")
        else:
            yield check_record(Record(text=text, id="stdin", source="<stdin>", warnings=warnings))
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or directory")
    if p.is_dir():
        raise InputError(f"{p}: is a directory (give the files inside it)")
    name = p.name.lower()
    try:
        if name.endswith(JSONL_EXT):
            opened = gzip.open(p, "rb") if name.endswith(".gz") else p.open("rb")
            with cast("IO[bytes]", opened) as fh:
                yield from _iter_jsonl(_jsonl_lines(fh, str(p)), str(p))
            return
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p}: {size} bytes is larger than the {MAX_BYTES}-byte limit for one article")
        data = p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{p}: permission denied") from exc
    except IsADirectoryError as exc:  # pragma: no cover - checked above
        raise InputError(f"{p}: is a directory") from exc
    except OSError as exc:
        raise InputError(f"{p}: unreadable ({exc.strerror or exc})") from exc
    text, warnings = decode_bytes(data, str(p))
    if name.endswith(HTML_EXT):
        body, meta = html_to_text(text, str(p))
        yield check_record(
            Record(
                text=body,
                id=_stem(p),
                title=meta.get("title"),
                published_guess=_short_date(meta.get("published")),
                outlet=meta.get("outlet"),
                url=meta.get("url"),
                source=str(p),
                from_html=True,
                warnings=warnings,
            )
        )
        return
    rec = Record(text=text, id=_stem(p), source=str(p), warnings=warnings)
    apply_sidecar(rec, p)
    yield check_record(rec)


def apply_sidecar(rec: Record, path: Path) -> None:
    """Fill metadata from ``NAME.meta.json`` next to a .txt/.md file (id, title, published, outlet, url).
    A sidecar that cannot be read, or a value that is not a string (an integer for ``id``), is ignored with a
    warning."""
    if not path.name.lower().endswith(TEXT_EXT):
        return
    meta_path = path.with_name(path.name[: -len(path.suffix)] + ".meta.json")
    if not meta_path.is_file():
        return
    try:
        meta = parse_json(decode_bytes(meta_path.read_bytes(), str(meta_path))[0])
    except OSError as exc:
        rec.warnings.append(f"{meta_path}: ignored ({exc})")
        return
    except InputError as exc:
        rec.warnings.append(f"{meta_path}: ignored ({exc.message.removeprefix(f'{meta_path}: ')})")
        return
    if not isinstance(meta, dict):
        return
    for key in ("id", "title", "published", "outlet", "url"):
        val = meta.get(key)
        if not val:
            continue
        if not isinstance(val, str) and not (key == "id" and isinstance(val, int) and not isinstance(val, bool)):
            rec.warnings.append(f"{meta_path}: '{key}' ignored (not a string)")
            continue
        if getattr(rec, key) in (None, "", _stem(path)):
            setattr(rec, key, str(val)[:10] if key == "published" else str(val))


def read_paths(paths: Iterable[str | Path]) -> Iterator[Record | BadRecord]:
    """Records from several paths; an unreadable path becomes a BadRecord."""
    for path in paths:
        try:
            yield from read_path(path)
        except InputError as exc:
            yield BadRecord(str(path), exc.message)
