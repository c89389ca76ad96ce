"""WARC web archives → :class:`~hadath.io.readers.Record` objects (needs the ``corpus`` extra: warcio).

Every ``response`` (or ``resource``) record holding an HTML page with HTTP status 200 becomes one
article: main text and metadata via :func:`hadath.io.readers.html_to_text`, the URL from
``WARC-Target-URI`` and an id derived from it (:func:`hadath.io.feeds.url_id`).  Requests, metadata,
redirects and non-HTML payloads are not articles and are passed over; a page without main text is a
:class:`~hadath.io.readers.BadRecord` naming ``FILE@OFFSET``.  ``.warc`` and ``.warc.gz`` are read alike.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hadath.errors import InputError
from hadath.io.feeds import url_id
from hadath.io.readers import BadRecord, Record, check_record, decode_bytes, html_to_text

__all__ = ["WARC_EXT", "is_warc", "read_warc"]

log = logging.getLogger("hadath.warc")

WARC_EXT = (".warc", ".warc.gz")


def is_warc(path: str | Path) -> bool:
    return str(path).lower().endswith(WARC_EXT)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.strip().partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def _article(rec: Any, p: Path, it: Any) -> Record | BadRecord | None:
    """The article in one WARC record, a BadRecord, or None when the record is not an article page."""
    if rec.rec_type not in ("response", "resource"):
        return None
    url = rec.rec_headers.get_header("WARC-Target-URI") or None
    if rec.rec_type == "response":
        if rec.http_headers is None:
            return None
        status = rec.http_headers.get_statuscode()
        if status != "200":
            log.debug("%s: HTTP %s, passed over", url, status)
            return None
        ctype = rec.http_headers.get_header("Content-Type") or ""
    else:
        ctype = rec.rec_headers.get_header("Content-Type") or ""
    if "html" not in ctype.lower():
        return None
    payload = rec.content_stream().read()
    # the offset only after the payload: asking for it first skips to the record's end
    source = f"{p}@{it.get_record_offset()}"
    charset = _charset(ctype)
    warnings: list[str] = []
    html: str | None = None
    if charset:
        try:
            html = payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            html = None
    if html is None:
        try:
            html, warnings = decode_bytes(payload, source)
        except InputError as exc:
            return BadRecord(source, exc.message.removeprefix(f"{source}: "))
    try:
        text, meta = html_to_text(html, source)
    except InputError as exc:
        reason = exc.message.removeprefix(f"{source}: ")
        return BadRecord(source, f"{reason}{f' ({url})' if url else ''}")
    published = meta.get("published")
    return check_record(
        Record(
            text=text,
            id=url_id(url) if url else f"{p.name}-{it.get_record_offset()}",
            title=meta.get("title"),
            published_guess=str(published)[:10] if published else None,
            outlet=meta.get("outlet"),
            url=url or meta.get("url"),
            source=source,
            from_html=True,
            warnings=warnings,
            extra={"captured": rec.rec_headers.get_header("WARC-Date")},
        )
    )


def read_warc(path: str | Path) -> Iterator[Record | BadRecord]:
    """Article records from one WARC file; an unreadable or truncated archive ends in a BadRecord."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError("reading WARC files needs warcio: pip install 'hadath[corpus]'") from exc
    p = Path(path)
    if not p.is_file():
        yield BadRecord(str(p), "no such file")
        return
    size = p.stat().st_size
    end = 0
    with p.open("rb") as fh:
        it = ArchiveIterator(fh)
        try:
            for rec in it:
                out = _article(rec, p, it)
                end = it.get_record_offset() + it.get_record_length()
                if out is not None:
                    yield out
        except Exception as exc:  # a corrupt archive is reported, not raised
            yield BadRecord(str(p), f"unreadable WARC after offset {end}: {type(exc).__name__}: {exc}")
            return
        # warcio stops quietly at data it cannot parse: anything left but blank lines is a damaged archive
        if end < size:
            fh.seek(end)
            rest = fh.read(4096)
            if rest.strip():
                yield BadRecord(str(p), f"unreadable WARC: {size - end} bytes after offset {end} are not WARC records")
