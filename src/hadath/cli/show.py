"""``hadath show``: one stored article, annotated, in the terminal.

The text is printed with its entities, places, dates and quantities marked — in colour when standard
output is a terminal, otherwise as bracket markup ``[text|TAG value]`` — followed by the attributions
and the events.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from hadath.cli._args import check_counts
from hadath.errors import InputError
from hadath.notes import event_note
from hadath.store import EventFilter, open_store

__all__ = ["register", "render", "run"]

_COLORS = {"PER": "35", "ORG": "36", "PLACE": "32", "DATE": "33", "QTY": "31"}
_KIND_TAG = {"person": "PER", "organization": "ORG", "place": "PLACE"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="show one stored article with its annotations, attributions and events",
        description=(
            "Print a stored article with entities (PER, ORG), places (PLACE), dates (DATE) and quantities (QTY) "
            "marked — coloured on a terminal, [text|TAG value] otherwise — then its attributions and events."
        ),
    )
    p.add_argument("article_id", metavar="ARTICLE_ID")
    p.add_argument("--db", default=None, help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db)")
    p.add_argument("--version", type=int, default=None, help="a given version instead of the latest")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help="ANSI colours (auto: on a tty)")
    p.add_argument("--json", action="store_true", help="print the stored hadath/1 document (with text) instead")
    p.set_defaults(func=run)


def _spans(doc: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """(start, end, tag, label) of every markable span, overlaps removed (longest first wins)."""
    out: list[tuple[int, int, str, str]] = []
    for e in doc.get("entities") or []:
        tag = _KIND_TAG.get(str(e.get("kind")), "ORG")
        label = str(e.get("name_en") or e.get("name_ar") or "")
        for m in e.get("mentions") or []:
            if isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
                out.append((m["start"], m["end"], tag, label))
    for d in doc.get("dates") or []:
        value = str(d.get("value") or "")
        if d.get("end_value"):
            value += f"..{d['end_value']}"
        out.append((d["start"], d["end"], "DATE", value))
    for q in doc.get("quantities") or []:
        label = str(q.get("value"))
        if q.get("category") or q.get("unit"):
            label += f" {q.get('category') or q.get('unit')}"
        out.append((q["start"], q["end"], "QTY", label))
    out.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str, str]] = []
    end = -1
    for s in out:
        if s[0] >= end and s[1] > s[0]:
            kept.append(s)
            end = s[1]
    return kept


def render(doc: dict[str, Any], events: list[dict[str, Any]], *, color: bool = False) -> str:
    """The annotated article as text (ANSI colours when ``color``)."""
    text: str = doc.get("text") or ""
    art = doc.get("article") or {}

    def paint(s: str, code: str) -> str:
        return f"\033[{code}m{s}\033[0m" if color else s

    lines = [
        paint(str(art.get("title") or art.get("id")), "1"),
        " · ".join(str(x) for x in (art.get("id"), art.get("published"), art.get("outlet"), art.get("url")) if x),
        "",
    ]
    if color:
        lines.append("  ".join(paint(tag, code) for tag, code in _COLORS.items()))
        lines.append("")
    parts: list[str] = []
    pos = 0
    for s, e, tag, label in _spans(doc):
        parts.append(text[pos:s])
        if color:
            parts.append(paint(text[s:e], _COLORS[tag]))
        else:
            parts.append(f"[{text[s:e]}|{tag}{' ' + label if label else ''}]")
        pos = e
    parts.append(text[pos:])
    lines.append("".join(parts))
    ents = {e.get("id"): e for e in doc.get("entities") or []}
    attrs = doc.get("attributions") or []
    lines += ["", paint(f"Attributions ({len(attrs)})", "1")]
    for a in attrs:
        who = ents.get(a.get("speaker"), {}) if a.get("speaker") else {}
        speaker = who.get("name_en") or who.get("name_ar") or a.get("speaker_text") or "(unnamed)"
        content = (a.get("content") or {}).get("text") or ""
        flags = [f for f in ("direct_quote", "anonymous", "article_level") if a.get(f)]
        stance = a.get("stance") or "assert"
        lines.append(
            f"  {a.get('id')}  {speaker} — {a.get('cue')} [{stance}{', ' + ', '.join(flags) if flags else ''}]"
            + (f": «{' '.join(content.split())}»" if content else "")
        )
    lines += ["", paint(f"Events ({len(events)})", "1")]
    for ev in events:
        actors = ev.get("actor1_name") or "?"
        if ev.get("actor2_name"):
            actors += f" → {ev['actor2_name']}"
        place = ", ".join(str(x) for x in (ev.get("location_name"), ev.get("admin1"), ev.get("country")) if x) or "-"
        extra = []
        if ev.get("fatalities") is not None:
            extra.append(f"fatalities {ev['fatalities']}")
        if ev.get("denied"):
            extra.append("denied")
        if ev.get("cluster_id"):
            extra.append(f"cluster {ev['cluster_id']}")
        if ev.get("confidence") is not None:
            extra.append(f"confidence {ev['confidence']:.2f}")
        sub = f" / {ev['sub_event_type']}" if ev.get("sub_event_type") else ""
        lines.append(f"  {ev['id']}  {ev.get('event_date') or '-'}  {ev.get('event_type')}{sub}")
        lines.append(f"      {actors} @ {place}" + (f"  ({'; '.join(extra)})" if extra else ""))
        speakers = list(dict.fromkeys(s.get("speaker_name") for s in ev.get("sources") or [] if s.get("speaker_name")))
        if speakers:
            more = f" … (+{len(speakers) - 8} more)" if len(speakers) > 8 else ""
            lines.append(f"      sources: {', '.join(speakers[:8])}{more}")
        lines.append(f"      note: {event_note(ev)}")
        if ev.get("sentence_text"):
            lines.append(f"      “{ev['sentence_text']}”")
    for w in doc.get("warnings") or []:
        lines.append(paint(f"warning: {w}", "2"))
    return "\n".join(lines)


def _events_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat event rows of a document that is not the latest version (so not in the events table)."""
    from hadath.store import prepare_article

    p = prepare_article({k: v for k, v in doc.items() if k != "text"}, doc.get("text") or "")
    aid = doc["article"]["id"]
    return [
        {**ev, "id": f"{aid}:{ev['event_id']}", "sources": srcs}
        for ev, srcs in zip(p.events, p.event_sources, strict=True)
    ]


def run(args: argparse.Namespace) -> int:
    check_counts(args, "version")
    store = open_store(args.db, create=False)
    try:
        doc = store.article(args.article_id, version=args.version)
        if doc is None:
            raise InputError(f"no article {args.article_id!r} in {store.path}")
        if args.version is None:
            events, _ = store.events(EventFilter(article_id=args.article_id), limit=10_000)
        else:
            events = _events_of(doc)
    finally:
        store.close()
    if args.json:
        print(json.dumps(doc, ensure_ascii=False, indent=2))
        return 0
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    print(render(doc, events, color=color))
    return 0
