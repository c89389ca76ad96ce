"""Interchange formats of a store's events: PLOVER-style JSON lines, and review files for annotation tools.

* ``plover`` — one event a line in the shape of PLOVER/POLECAT records (the JSON Schema is
  ``schema/plover-event.schema.json``): ``id``, ``date``, ``actor`` and ``recipient`` objects, ``event`` /
  ``mode`` (from hadath's PLOVER code, ``ASSAULT/aerial``) and ``context`` (ACLED's types), ``event_loc``,
  and ``text_info``: the article and one ``[start, end)`` offset pair into its text per field (``trigger``,
  ``sentence``, ``actor``, ``recipient``, ``event_loc``, ``date``, ``fatalities``; null when the text does
  not name it).
* ``label-studio`` — a JSON list of Label Studio tasks, one per article, with hadath's output as a
  ``predictions`` entry: labelled spans (entities, dates, quantities, event triggers), each trigger's
  ``sub_event_type`` as a per-region choice, and relations from each trigger to its actors and place, for the
  labelling configuration :data:`LABEL_STUDIO_CONFIG`.  The task's ``data`` holds the text and a brief of the
  article's ``entities`` and ``events`` that :mod:`hadath.review` reads a reviewed export back with.
* ``prodigy`` — Prodigy's span JSON lines: ``{"text", "spans": [{"start", "end", "label", "text"}], "meta",
  "hadath"}``, one article a line; ``hadath`` is the same brief.

Every offset refers to the stored text (``doc["text"]``), as everywhere in hadath.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, TextIO
from xml.sax.saxutils import escape

from hadath.store import EventFilter, Store
from hadath.store._countries import resolve_country
from hadath.taxonomy import SUB_EVENT_TYPES, sub_event_types
from hadath.taxonomy import plover as default_plover

__all__ = [
    "LABEL_STUDIO_CONFIG",
    "iter_event_docs",
    "label_studio_task",
    "plover_record",
    "prodigy_record",
    "write_label_studio",
    "write_plover",
    "write_prodigy",
]

_KIND_LABEL = {"person": "PERSON", "organization": "ORG", "place": "PLACE", "actor": "ACTOR"}

_SUB_TYPE_CHOICES = "\n".join(
    f'    <Choice value="{escape(t.name)}" hint="{escape(t.event_type)}"/>' for t in SUB_EVENT_TYPES
)

#: The Label Studio labelling configuration the ``label-studio`` export is made for: labelled spans, relations
#: from an EVENT trigger to its actors and place, and per EVENT region the ACLED sub-event type (its event type
#: follows from :mod:`hadath.taxonomy`).
LABEL_STUDIO_CONFIG = f"""<View>
  <Relations>
    <Relation value="actor1"/>
    <Relation value="actor2"/>
    <Relation value="location"/>
  </Relations>
  <Labels name="label" toName="text">
    <Label value="PERSON"/><Label value="ORG"/><Label value="PLACE"/><Label value="ACTOR"/>
    <Label value="DATE"/><Label value="QUANTITY"/><Label value="EVENT"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Choices name="sub_event_type" toName="text" perRegion="true" visibleWhen="region-selected"
           whenLabelValue="EVENT" choice="single">
{_SUB_TYPE_CHOICES}
  </Choices>
</View>"""


def iter_event_docs(
    store: Store, filters: EventFilter | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """``(flat row, hadath/1 event, article document)`` for every selected event (each document read once)."""
    doc: dict[str, Any] | None = None
    for row in store.iter_events(filters):
        if doc is None or doc["article"]["id"] != row["article_id"]:
            doc = store.article(row["article_id"]) or {"article": {"id": row["article_id"]}, "text": ""}
        raw: dict[str, Any] = next((e for e in doc.get("events") or [] if str(e.get("id")) == row["local_id"]), {})
        yield row, raw, doc


def _pair(span: Any) -> list[int] | None:
    if isinstance(span, Mapping) and isinstance(span.get("start"), int) and isinstance(span.get("end"), int):
        return [span["start"], span["end"]]
    return None


def _mention(doc: Mapping[str, Any], entity_id: Any, within: list[int] | None) -> list[int] | None:
    """The offsets of the entity's mention inside the sentence (else its first mention)."""
    ent = next((e for e in doc.get("entities") or [] if e.get("id") == entity_id), None)
    if ent is None:
        return None
    spans = [p for p in (_pair(m) for m in ent.get("mentions") or []) if p]
    inside = [p for p in spans if within and within[0] <= p[0] and p[1] <= within[1]]
    found = inside or spans
    return found[0] if found else None


def _actor(row: Mapping[str, Any], n: int, doc: Mapping[str, Any]) -> dict[str, Any] | None:
    name = row.get(f"actor{n}_name")
    if not name:
        return None
    ent: Mapping[str, Any] = next((e for e in doc.get("entities") or [] if e.get("id") == row.get(f"actor{n}")), {})
    c = resolve_country(ent.get("country")) if ent.get("country") else None
    return {
        "name": name,
        "name_ar": ent.get("name_ar"),
        "type": row.get(f"actor{n}_type"),
        "id": ent.get("canonical_id"),
        "country": c.iso3 if c else None,
    }


def plover_record(row: Mapping[str, Any], raw: Mapping[str, Any], doc: Mapping[str, Any]) -> dict[str, Any]:
    """The PLOVER-style record of one event (see the module docstring)."""
    code = raw.get("plover") or default_plover(str(row.get("sub_event_type") or "")) or ""
    event, _, mode = str(code).partition("/")
    sentence = _pair(raw.get("sentence"))
    day = row.get("event_date")
    date_span = None
    if row.get("date_from_event"):
        dates = [d for d in doc.get("dates") or [] if d.get("value") == day and _pair(d)]
        inside = [d for d in dates if sentence and sentence[0] <= d["start"] < sentence[1]]
        date_span = next((_pair(d) for d in inside + dates), None)
    fat = row.get("fatalities")
    fat_span = next((_pair(q) for q in raw.get("quantities") or [] if fat is not None and q.get("value") == fat), None)
    c = resolve_country(row.get("iso2") or row.get("country"))
    art = doc.get("article") or {}
    return {
        "id": row["id"],
        "event_id_cnty": row.get("event_id_cnty"),
        "date": day,
        "actor": _actor(row, 1, doc),
        "recipient": _actor(row, 2, doc),
        "event": event or None,
        "mode": mode or None,
        "context": [c for c in (row.get("event_type"), row.get("sub_event_type")) if c],
        "event_loc": {
            "name": row.get("location_name"),
            "lat": row.get("lat"),
            "lon": row.get("lon"),
            "geo_precision": row.get("geo_precision"),
            "country": c.iso3 if c else None,
            "admin1": row.get("admin1"),
            "admin2": row.get("admin2"),
        },
        "fatalities": fat,
        "denied": bool(row.get("denied")),
        "confidence": row.get("confidence"),
        "text_info": {
            "article_id": row.get("article_id"),
            "outlet": art.get("outlet"),
            "url": art.get("url"),
            "published": art.get("published"),
            "sha256": art.get("sha256"),
            "trigger": _pair(raw.get("trigger")),
            "sentence": sentence,
            "actor": _mention(doc, raw.get("actor1"), sentence),
            "recipient": _mention(doc, raw.get("actor2"), sentence),
            "event_loc": _mention(doc, raw.get("location"), sentence),
            "date": date_span,
            "fatalities": fat_span,
        },
        "updated_at": row.get("updated_at"),
        "hadath_version": row.get("hadath_version"),
        "codebook_version": row.get("codebook_version"),
    }


def write_plover(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    n = 0
    for row, raw, doc in iter_event_docs(store, filters):
        out.write(json.dumps(plover_record(row, raw, doc), ensure_ascii=False) + "\n")
        n += 1
    return n


def _spans(doc: Mapping[str, Any]) -> Iterator[tuple[str, int, int, str]]:
    """``(region id, start, end, label)`` of every span a reviewer checks."""
    for e in doc.get("entities") or []:
        label = _KIND_LABEL.get(str(e.get("kind")), "ORG")
        for i, m in enumerate(e.get("mentions") or []):
            if _pair(m):
                yield f"{e['id']}-m{i}", m["start"], m["end"], label
    for i, d in enumerate(doc.get("dates") or []):
        if _pair(d):
            yield f"d{i}", d["start"], d["end"], "DATE"
    for i, q in enumerate(doc.get("quantities") or []):
        if _pair(q):
            yield f"q{i}", q["start"], q["end"], "QUANTITY"
    for ev in doc.get("events") or []:
        t = ev.get("trigger")
        if _pair(t):
            yield f"{ev['id']}-t", t["start"], t["end"], "EVENT"


def label_studio_task(doc: Mapping[str, Any], *, model_version: str = "") -> dict[str, Any]:
    """One Label Studio task (``data`` + ``predictions``) for an article (the documented import format)."""
    text = str(doc.get("text") or "")
    art = doc.get("article") or {}
    result: list[dict[str, Any]] = []
    ids: dict[str, str] = {}
    for rid, s, e, label in _spans(doc):
        ids.setdefault(rid.rsplit("-m", 1)[0] if "-m" in rid else rid, rid)
        result.append(
            {
                "id": rid,
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]},
            }
        )
    for ev in doc.get("events") or []:
        trigger = f"{ev['id']}-t"
        t = _pair(ev.get("trigger"))
        if not t:
            continue
        if ev.get("sub_event_type") in _SUB_TYPES:
            result.append(
                {
                    "id": trigger,
                    "from_name": "sub_event_type",
                    "to_name": "text",
                    "type": "choices",
                    "value": {"start": t[0], "end": t[1], "text": text[t[0] : t[1]], "choices": [ev["sub_event_type"]]},
                }
            )
        for role in ("actor1", "actor2", "location"):
            target = ids.get(str(ev.get(role)))
            if target:
                result.append(
                    {"type": "relation", "from_id": trigger, "to_id": target, "direction": "right", "labels": [role]}
                )
    events = doc.get("events") or []
    score = sum(float(e.get("confidence") or 0) for e in events) / len(events) if events else 0.0
    return {
        "data": {
            "text": text,
            "article_id": art.get("id"),
            "title": art.get("title"),
            "published": art.get("published"),
            "outlet": art.get("outlet"),
            "entities": [_entity_brief(e) for e in doc.get("entities") or []],
            "events": [_event_brief(e) for e in events],
        },
        "predictions": [{"model_version": model_version, "score": round(score, 3), "result": result}],
    }


_SUB_TYPES = frozenset(sub_event_types())


def _entity_brief(e: Mapping[str, Any]) -> dict[str, Any]:
    """What a review converter needs of an entity: its id, kind, names, mention offsets and resolved place."""
    geo = e.get("geo")
    place = (
        {k: geo.get(k) for k in ("name_en", "country", "admin1", "lat", "lon", "geo_precision")}
        if isinstance(geo, Mapping)
        else None
    )
    return {
        "id": e.get("id"),
        "kind": e.get("kind"),
        "name_en": e.get("name_en"),
        "actor_type": e.get("actor_type"),
        "level": e.get("level"),
        "mentions": [p for p in (_pair(m) for m in e.get("mentions") or []) if p],
        "place": place,
    }


def _event_brief(e: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of an event a review keeps when its trigger survives (``trigger`` is the region id)."""
    keys = ("id", "event_type", "sub_event_type", "date", "time_precision", "actor1", "actor2", "location")
    raw_geo = e.get("geo")
    geo: Mapping[str, Any] = raw_geo if isinstance(raw_geo, Mapping) else {}
    return {
        **{k: e.get(k) for k in keys},
        "fatalities": e.get("fatalities"),
        "country": geo.get("country"),
        "admin1": geo.get("admin1"),
        "location_en": geo.get("name_en"),
        "geo_precision": geo.get("geo_precision"),
        "trigger": f"{e.get('id')}-t",
        "trigger_offsets": _pair(e.get("trigger")),
    }


def _docs(store: Store, filters: EventFilter | None) -> Iterator[dict[str, Any]]:
    """The documents of the articles of the selected events (each once), or of every article."""
    if filters is None or not filters.active():
        for a in store.iter_layer("articles"):
            doc = store.article(a["article_id"])
            if doc is not None:
                yield doc
        return
    for aid in dict.fromkeys(str(r["article_id"]) for r in store.iter_events(filters)):
        doc = store.article(aid)
        if doc is not None:
            yield doc


def write_label_studio(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    """A JSON list of Label Studio tasks (import it in a project using :data:`LABEL_STUDIO_CONFIG`)."""
    from hadath.store._versions import codebook_version, hadath_version

    version = f"hadath {hadath_version()} {codebook_version()}"
    out.write("[\n")
    n = 0
    for doc in _docs(store, filters):
        out.write((",\n" if n else "") + json.dumps(label_studio_task(doc, model_version=version), ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def prodigy_record(doc: Mapping[str, Any]) -> dict[str, Any]:
    """One article as Prodigy's span format."""
    text = str(doc.get("text") or "")
    art = doc.get("article") or {}
    spans = [
        {"start": s, "end": e, "label": label, "text": text[s:e]}
        for _rid, s, e, label in sorted(_spans(doc), key=lambda x: (x[1], -x[2]))
    ]
    return {
        "text": text,
        "spans": spans,
        "meta": {"article_id": art.get("id"), "title": art.get("title"), "published": art.get("published"),
                 "outlet": art.get("outlet")},
        "hadath": {"article_id": art.get("id"), "published": art.get("published"),
                   "entities": [_entity_brief(e) for e in doc.get("entities") or []],
                   "events": [_event_brief(e) for e in doc.get("events") or []]},
    }  # fmt: skip


def write_prodigy(store: Store, out: TextIO, filters: EventFilter | None = None) -> int:
    n = 0
    for doc in _docs(store, filters):
        out.write(json.dumps(prodigy_record(doc), ensure_ascii=False) + "\n")
        n += 1
    return n
