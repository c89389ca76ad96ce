"""RSS and Atom feeds → :class:`~hadath.io.readers.Record` objects (needs the ``corpus`` extra: feedparser).

A feed is a file (``.rss``, ``.atom``, ``.xml``) or an ``http(s)://`` URL (:func:`read_url` also takes
the URL of an article page that is not a feed: the page becomes one article).  Each entry becomes one
article: its full content when the feed carries it (``content:encoded``, Atom ``content``); otherwise the
article page named by the entry's link is fetched and its main text extracted (trafilatura).  When the
page cannot be fetched (no network) or has no main text, the entry's summary is used instead and the
record carries a warning, which is also logged.

Fetching goes through a ``fetch(url) -> str | None`` callable so tests never touch the network; after
the first failed fetch the remaining entries of that feed use their summaries without trying again.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hadath.errors import InputError
from hadath.io.readers import BadRecord, Record, check_record, decode_bytes, html_to_text

__all__ = [
    "FEED_EXT",
    "Fetcher",
    "default_fetch",
    "html_fragment_text",
    "is_feed_source",
    "read_feed",
    "read_url",
    "url_id",
]

log = logging.getLogger("hadath.feeds")

FEED_EXT = (".rss", ".atom", ".xml")
Fetcher = Callable[[str], "str | None"]


def url_id(url: str) -> str:
    """A short stable article id from a URL: ``<host>-<12 hex of sha1(url)>``."""
    host = urlsplit(url).netloc.lower().removeprefix("www.") or "url"
    host = re.sub(r"[^a-z0-9.-]", "", host) or "url"
    return f"{host}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:12]}"


def is_feed_source(source: str) -> bool:
    """Whether ``source`` names a feed: an http(s) URL or a file ending .rss/.atom/.xml."""
    return source.startswith(("http://", "https://")) or source.lower().endswith(FEED_EXT)


def default_fetch(url: str) -> str | None:
    """Download a page (trafilatura's downloader); None when it cannot be fetched."""
    import trafilatura

    try:
        result: str | None = trafilatura.fetch_url(url)
    except Exception as exc:
        log.debug("fetch %s failed: %s", url, exc)
        return None
    return result


_BLOCK = re.compile(r"(?i)<\s*(?:br|/p|/div|/li|/h[1-6]|/blockquote|/tr)\b[^>]*>")
_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"[ \t\r\f\v]+")


def html_fragment_text(fragment: str) -> str:
    """Plain text of a small HTML fragment (a feed summary or content), paragraphs kept."""
    import html as htmlmod

    s = _BLOCK.sub("\n", fragment)
    s = htmlmod.unescape(_TAG.sub("", s))
    lines = [_WS.sub(" ", ln).strip() for ln in s.splitlines()]
    return "\n".join(ln for ln in lines if ln)


def _date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        st = entry.get(key)
        if isinstance(st, time.struct_time):
            return time.strftime("%Y-%m-%d", st)
    return None


def _content(entry: Any) -> str | None:
    for c in entry.get("content") or []:
        value = c.get("value") if hasattr(c, "get") else None
        if value and str(value).strip():
            return str(value)
    return None


def read_url(
    url: str, *, fetch: Fetcher | None = default_fetch, fetch_pages: bool = True
) -> Iterator[Record | BadRecord]:
    """Records from a URL: the entries of a feed, or else the page itself as one article."""
    if fetch is None:
        yield BadRecord(url, "a URL was given but fetching is disabled")
        return
    body = fetch(url)
    if body is None:
        yield BadRecord(url, "could not be downloaded")
        return
    try:
        import feedparser
    except ImportError:  # pragma: no cover - depends on the environment
        feedparser = None
    if feedparser is not None and feedparser.parse(body).get("entries"):
        yield from read_feed(url, fetch=lambda u: body if u == url else fetch(u), fetch_pages=fetch_pages)
        return
    try:
        text, meta = html_to_text(body, url)
    except InputError:
        yield BadRecord(url, "neither an RSS/Atom feed nor a page with main text")
        return
    published = meta.get("published")
    yield check_record(
        Record(
            text=text,
            id=url_id(url),
            title=meta.get("title"),
            published_guess=str(published)[:10] if published else None,
            outlet=meta.get("outlet"),
            url=url,
            source=url,
            from_html=True,
        )
    )


def read_feed(
    source: str,
    *,
    fetch: Fetcher | None = default_fetch,
    fetch_pages: bool = True,
) -> Iterator[Record | BadRecord]:
    """Records from one feed (file path or URL).  A feed that cannot be read is one BadRecord."""
    try:
        import feedparser
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError("reading RSS/Atom feeds needs feedparser: pip install 'hadath[corpus]'") from exc
    if source.startswith(("http://", "https://")):
        if fetch is None:
            yield BadRecord(source, "feed URL given but fetching is disabled")
            return
        body = fetch(source)
        if body is None:
            yield BadRecord(source, "the feed could not be downloaded")
            return
        data: str = body
    else:
        p = Path(source)
        if not p.is_file():
            yield BadRecord(source, "no such file")
            return
        try:
            data, _ = decode_bytes(p.read_bytes(), source)
        except (OSError, InputError) as exc:
            yield BadRecord(source, str(getattr(exc, "message", exc)))
            return
    parsed = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        why = parsed.get("bozo_exception")
        yield BadRecord(source, f"not an RSS/Atom feed or no entries{f' ({why})' if why else ''}")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    online = fetch is not None and fetch_pages
    for i, entry in enumerate(entries, 1):
        esrc = f"{source}#{i}"
        link = entry.get("link") or None
        rid = entry.get("id") or link
        title = html_fragment_text(entry.get("title") or "") or None
        warnings: list[str] = []
        text: str | None = None
        content = _content(entry)
        if content:
            text = html_fragment_text(content)
        if not text and link and online and fetch is not None:
            page = fetch(link)
            if page is None:
                online = False
                warnings.append(f"{esrc}: article page {link} could not be fetched; using the feed summary")
            else:
                try:
                    text, _meta = html_to_text(page, link)
                except InputError:
                    warnings.append(f"{esrc}: no main text in {link}; using the feed summary")
        elif not text and link:
            warnings.append(f"{esrc}: the feed carries only a summary and pages are not fetched; using it")
        if not text:
            text = html_fragment_text(entry.get("summary") or entry.get("description") or "")
        if not text:
            yield BadRecord(esrc, "entry has no content, no summary and no fetchable page")
            continue
        for w in warnings:
            log.warning("%s", w)
        if rid and str(rid).startswith(("http://", "https://")):
            article_id = url_id(str(rid))
        else:
            article_id = str(rid) if rid else f"{Path(source).name}-{i}"
        yield check_record(
            Record(
                text=text,
                id=article_id,
                title=title,
                published=_date(entry),
                outlet=outlet,
                url=link,
                source=esrc,
                from_html=True,
                warnings=warnings,
            )
        )
