"""A hadath/1 document → the rows a store writes (pure functions, no SQL).

:func:`prepare_article` does all per-article work that needs no database — hashing, flattening the
layers into rows, building the search index text, serialising the document — so that ingestion can run
it in worker processes and leave only the inserts to the single writer.

The search index holds, for every word of the normalised title and text (:func:`hadath.lang.ar.orthography.norm_str`),
its stem without clitics and article (:func:`hadath.lang.ar.clitics.segment_word`).  Queries are reduced
the same way, so ``ادلب`` finds ``إدلب`` and ``بإدلب``, and ``الجيش`` finds ``والجيش`` and ``جيش``.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from hadath.errors import StoreError
from hadath.lang.ar.clitics import segment_word
from hadath.lang.ar.orthography import TA_MARBUTA, norm_str, normalize
from hadath.store._countries import resolve_country
from hadath.store._versions import codebook_version, hadath_version

if TYPE_CHECKING:
    from hadath.doc import Token

_orjson: Any
try:  # optional (the corpus extra): about 6x faster than the standard library for the stored document
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the installed extras
    _orjson = None

__all__ = [
    "PreparedArticle",
    "decode_doc",
    "index_text",
    "index_tokens",
    "prepare_article",
    "query_terms",
    "sha256_text",
    "snippet",
]

_WORD = re.compile(r"[^\W\d_]+|\d+")
_QWORD = re.compile(r"(?:[^\W\d_]+|\d+)\*?")


def decode_doc(blob: bytes) -> dict[str, Any]:
    """The stored document (see ``PreparedArticle.doc_blob``)."""
    out: dict[str, Any] = json.loads(zlib.decompress(blob).decode("utf-8"))
    return out


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return segment_word(word)[2]


def index_text(s: str | None) -> str:
    """The search-index form of ``s``: the stems of its normalised words, space-separated."""
    if not s:
        return ""
    return " ".join(_stem(w) for w in _WORD.findall(norm_str(s)))


def index_tokens(tokens: Iterable[Token]) -> str:
    """:func:`index_text` of a document's text from its ``segment`` tokens (no second normalisation pass).

    Equal to ``index_text(doc.text)``: word tokens are the same letter runs; a number token such as
    ``1,000`` is split into its digit runs as ``index_text`` splits it.
    """
    stem = _stem
    out: list[str] = []
    for t in tokens:
        if t.is_word:
            # the token's stem was segmented knowing the original's final ة; the index reads the bare norm
            out.append(stem(t.norm) if t.text[-1] == TA_MARBUTA else t.stem)
        elif t.norm[0].isdigit() and t.norm.isdigit():
            out.append(t.norm)
        else:
            out.extend(_WORD.findall(t.norm))
    return " ".join(out)


def query_terms(q: str) -> list[str]:
    """Index terms of a query; a trailing ``*`` on a word keeps it as a prefix search (``ادل*``)."""
    out: list[str] = []
    for m in _QWORD.finditer(norm_str(q)):
        w = m.group()
        prefix = w.endswith("*")
        w = w.rstrip("*")
        if not w:
            continue
        term = _stem(w)
        out.append(term + "*" if prefix else term)
    return list(dict.fromkeys(out))


def snippet(text: str, terms: list[str], width: int = 160) -> tuple[str, list[int] | None]:
    """A window of ``text`` around the first occurrence of a term, and the hit's offsets in it."""
    if not text:
        return "", None
    nt = normalize(text)
    hit: tuple[int, int] | None = None
    for t in terms:
        t = t.rstrip("*")
        if not t:
            continue
        i = nt.text.find(t)
        if i >= 0 and (hit is None or i < hit[0]):
            hit = (i, i + len(t))
    if hit is None:
        body = " ".join(text[: width + 40].split())
        return (body[:width] + "…" if len(body) > width else body), None
    s, e = nt.to_original(*hit)
    # widen the hit to whole words
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    half = max(20, (width - (e - s)) // 2)
    a = max(0, s - half)
    b = min(len(text), e + half)
    while a > 0 and not text[a - 1].isspace() and s - a < half + 15:
        a -= 1
    while b < len(text) and not text[b].isspace() and b - e < half + 15:
        b += 1
    pre = "…" if a > 0 else ""
    post = "…" if b < len(text) else ""
    left = " ".join(text[a:s].split())
    mid = " ".join(text[s:e].split())
    right = " ".join(text[e:b].split())
    lead = pre + left + (" " if left and text[s - 1].isspace() else "")
    out = lead + mid + (" " if right and e < len(text) and text[e].isspace() else "") + right + post
    return out, [len(lead), len(lead) + len(mid)]


@dataclass(slots=True)
class PreparedArticle:
    """Everything a store writes for one article, keyed by column name."""

    sha256: str
    article_id: str
    url: str | None
    outlet: str | None
    title: str | None
    published: str | None
    text: str
    source: str
    doc_blob: bytes  # the hadath/1 JSON without the text, zlib-compressed
    fts_title: str
    fts_body: str
    entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    attributions: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    event_sources: list[list[dict[str, Any]]] = field(default_factory=list)
    hadath_version: str = ""  # what produced the rows (see hadath.store._versions)
    codebook_version: str = ""

    @property
    def n_events(self) -> int:
        return len(self.events)

    @property
    def event_dates(self) -> tuple[str, str] | None:
        """The first and last event date (for :meth:`Store.recluster`'s window), or None."""
        days = sorted(d for d in (e["event_date"] for e in self.events) if d)
        return (days[0], days[-1]) if days else None


def _as_dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def _str(v: Any) -> str | None:
    if v is None:
        return None
    s = str(v)
    return s if s.strip() else None


def _num(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int | float):
        return float(v)
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _int(v: Any) -> int | None:
    f = _num(v)
    return None if f is None else int(f)


def _span_text(text: str, span: Any) -> str | None:
    d = _as_dict(span)
    if "text" in d and d["text"] is not None:
        return str(d["text"])
    s, e = d.get("start"), d.get("end")
    if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text):
        return text[s:e]
    return None


def _entity_name(ent: dict[str, Any] | None) -> str | None:
    if not ent:
        return None
    return _str(ent.get("name_en")) or _str(ent.get("name_ar"))


def _geo_cols(geo: dict[str, Any], fallback_country: Any = None) -> dict[str, Any]:
    raw_country = _str(geo.get("country")) or _str(fallback_country)
    c = resolve_country(raw_country)
    return {
        "country": c.name if c else raw_country,
        "iso2": c.iso2 if c else None,
        "admin1": _str(geo.get("admin1")),
        "admin2": _str(geo.get("admin2")),
        "lat": _num(geo.get("lat")),
        "lon": _num(geo.get("lon")),
        "geo_precision": _int(geo.get("geo_precision")),
    }


def _dump(body: dict[str, Any]) -> bytes:
    if _orjson is not None:
        try:
            out: bytes = _orjson.dumps(body)
            return out
        except TypeError:  # e.g. an integer beyond 64 bits: the standard library copes
            pass
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def prepare_article(
    doc: dict[str, Any], text: str, source: str = "", *, fts_body: str | None = None
) -> PreparedArticle:
    """Flatten a hadath/1 document (with the text its offsets refer to) into rows.

    ``fts_body`` is the search-index form of ``text`` when the caller has it already
    (:func:`index_tokens` of the document's tokens); otherwise it is computed with :func:`index_text`.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("article"), dict):
        raise StoreError(f"{source or 'document'}: not a hadath/1 document (no 'article' object)")
    if not isinstance(text, str):
        raise StoreError(f"{source or 'document'}: text must be str, not {type(text).__name__}")
    art = doc["article"]
    sha = sha256_text(text)
    declared = art.get("sha256")
    if declared and declared != sha:
        raise StoreError(
            f"{source or art.get('id') or 'document'}: the text does not match the document's sha256 "
            f"({declared[:12]}… ≠ {sha[:12]}…)"
        )
    article_id = _str(art.get("id")) or f"a-{sha[:16]}"
    published = _str(art.get("published"))
    body = {k: v for k, v in doc.items() if k != "text"}
    body["article"] = {**art, "id": article_id, "sha256": sha}
    ents: dict[str, dict[str, Any]] = {}
    for e in doc.get("entities") or []:
        if isinstance(e, dict) and e.get("id") is not None:
            ents[str(e["id"])] = e
    attrs: dict[str, dict[str, Any]] = {}
    for a in doc.get("attributions") or []:
        if isinstance(a, dict) and a.get("id") is not None:
            attrs[str(a["id"])] = a

    p = PreparedArticle(
        sha256=sha,
        article_id=article_id,
        url=_str(art.get("url")),
        outlet=_str(art.get("outlet")),
        title=_str(art.get("title")),
        published=published[:10] if published else None,
        text=text,
        source=source,
        doc_blob=zlib.compress(_dump(body), 1),
        fts_title=index_text(_str(art.get("title"))),
        fts_body=index_text(text) if fts_body is None else fts_body,
        hadath_version=hadath_version(),
        codebook_version=codebook_version(),
    )
    for eid, e in ents.items():
        geo = _as_dict(e.get("geo"))
        mentions = [m for m in e.get("mentions") or [] if isinstance(m, dict)]
        p.entities.append(
            {
                "entity_id": eid,
                "kind": _str(e.get("kind")),
                "name_ar": _str(e.get("name_ar")),
                "name_en": _str(e.get("name_en")),
                "canonical_id": _str(e.get("canonical_id")),
                "actor_type": _str(e.get("actor_type")),
                "n_mentions": len(mentions),
                "name_norm": norm_str(_str(e.get("name_ar")) or ""),
                **_geo_cols(geo, e.get("country")),
            }
        )
        for m in mentions:
            p.mentions.append(
                {
                    "entity_id": eid,
                    "start": _int(m.get("start")),
                    "end": _int(m.get("end")),
                    "text": _str(m.get("text")),
                }
            )
    for aid, a in attrs.items():
        speaker = _str(a.get("speaker"))
        p.attributions.append(
            {
                "attribution_id": aid,
                "speaker": speaker,
                "speaker_name": _entity_name(ents.get(speaker or "")) or _str(a.get("speaker_text")),
                "speaker_text": _str(a.get("speaker_text")),
                "cue": _str(a.get("cue")),
                "content": _span_text(text, a.get("content")),
                "stance": _str(a.get("stance")) or "assert",
                "direct_quote": 1 if a.get("direct_quote") else 0,
                "anonymous": 1 if a.get("anonymous") else 0,
                "article_level": 1 if a.get("article_level") else 0,
            }
        )
    for i, ev in enumerate(doc.get("events") or []):
        if not isinstance(ev, dict):
            continue
        p.events.append(_event_row(ev, i, ents, text, published))
        srcs = []
        for sid in ev.get("sources") or []:
            a = attrs.get(str(sid))
            if a is None:
                srcs.append({"attribution_id": str(sid), "speaker": None, "speaker_name": None, "stance": None})
                continue
            speaker = _str(a.get("speaker"))
            srcs.append(
                {
                    "attribution_id": str(sid),
                    "speaker": speaker,
                    "speaker_name": _entity_name(ents.get(speaker or "")) or _str(a.get("speaker_text")),
                    "stance": _str(a.get("stance")) or "assert",
                }
            )
        p.event_sources.append(srcs)
    return p


def _actor(ents: dict[str, dict[str, Any]], ref: Any) -> tuple[str | None, str | None, str | None]:
    """(entity id, name, actor type) of an event's actor reference (an entity id, or a bare name)."""
    r = _str(ref)
    if r is None:
        return None, None, None
    ent = ents.get(r)
    if ent is None:
        return None, r, None
    return r, _entity_name(ent), _str(ent.get("actor_type"))


def _event_row(
    ev: dict[str, Any], i: int, ents: dict[str, dict[str, Any]], text: str, published: str | None
) -> dict[str, Any]:
    a1, a1n, a1t = _actor(ents, ev.get("actor1"))
    a2, a2n, a2t = _actor(ents, ev.get("actor2"))
    assoc = [n for n in (_actor(ents, x)[1] for x in ev.get("assoc_actors") or []) if n]
    loc_ref = _str(ev.get("location"))
    loc_ent = ents.get(loc_ref or "")
    geo = _as_dict(ev.get("geo")) or _as_dict((loc_ent or {}).get("geo"))
    loc_name = _str(geo.get("name_en")) or _entity_name(loc_ent) or (loc_ref if loc_ent is None else None)
    date = _str(ev.get("date"))
    sent = _as_dict(ev.get("sentence"))
    sentence_text = _span_text(text, sent) if sent else None
    evidence = [t for t in (_span_text(text, s) for s in ev.get("evidence") or []) if t]
    return {
        "event_id": _str(ev.get("id")) or f"ev{i + 1}",
        "event_date": (date or published or "")[:10] or None,
        "date_from_event": 1 if date else 0,
        "time_precision": _int(ev.get("time_precision")),
        "event_type": _str(ev.get("event_type")),
        "sub_event_type": _str(ev.get("sub_event_type")),
        "actor1": a1,
        "actor1_name": a1n,
        "actor1_type": a1t,
        "actor2": a2,
        "actor2_name": a2n,
        "actor2_type": a2t,
        "assoc_actors": json.dumps(assoc, ensure_ascii=False),
        "location": loc_ref if loc_ent is not None else None,
        "location_name": loc_name,
        **_geo_cols(geo, (loc_ent or {}).get("country")),
        "fatalities": _int(ev.get("fatalities")),
        "confidence": _num(ev.get("confidence")),
        "denied": 1 if ev.get("denied") else 0,
        "sentence_text": " ".join(sentence_text.split()) if sentence_text else None,
        "evidence": json.dumps(evidence, ensure_ascii=False),
    }
