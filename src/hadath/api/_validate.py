"""Checks of a hadath/1 document sent to ``POST /v1/ingest``, before anything is stored.

A document passes when it validates against the JSON Schema (``hadath/schema/hadath-1.schema.json``, Draft
2020-12, with ``jsonschema``) and when what the schema cannot say holds too: the article's publication date is a
real day within :data:`~hadath.io.readers.PUBLISHED_RANGE` (as for every article hadath reads), every event date
is a real day within :data:`EVENT_DATES` (an article may report a date long past, but dates at the edges of the
calendar overflow the date arithmetic of clustering), and every span lies inside the text and, where it carries
its ``text``, equals ``text[start:end]``.  Each failure is one ``{loc, msg, type}``
entry, as FastAPI reports a bad request; messages never copy the offending value (it may be a whole article).
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from hadath.errors import InputError
from hadath.io.readers import check_published
from hadath.isodate import iso_date

__all__ = ["EVENT_DATES", "MAX_ERRORS", "document_errors", "schema_validator"]

#: At most this many failures are listed.
MAX_ERRORS = 20
#: The dates an event may have (inclusive).
EVENT_DATES = (date(1000, 1, 1), date(9998, 12, 31))


@lru_cache(maxsize=1)
def schema_validator() -> Any:
    """The compiled validator of the hadath/1 schema; InputError naming the extra when jsonschema is missing."""
    try:
        import jsonschema
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise InputError("POST /v1/ingest validates documents with jsonschema: pip install 'hadath[serve]'") from exc
    schema = json.loads(resources.files("hadath").joinpath("schema/hadath-1.schema.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _message(err: Any) -> str:
    rule, value = err.validator, err.validator_value
    if rule == "type":
        return f"must be of type {' or '.join(value) if isinstance(value, list) else value}"
    if rule == "required":
        return str(err.message)  # names the missing property (from the schema)
    if rule == "enum":
        return f"must be one of {json.dumps(value, ensure_ascii=False)}"
    if rule == "const":
        return f"must be {json.dumps(value, ensure_ascii=False)}"
    if rule == "pattern":
        return f"must match {value}"
    if rule in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        op = {"minimum": ">=", "maximum": "<=", "exclusiveMinimum": ">", "exclusiveMaximum": "<"}[rule]
        return f"must be {op} {value}"
    if rule in ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties"):
        return f"fails {rule} {value}"
    if rule == "additionalProperties":
        return "holds properties the schema does not allow"
    return f"fails the schema's {rule!r} rule"


def _loc(path: Any) -> list[str | int]:
    return ["body", *path]


def document_errors(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The failures of ``doc`` (empty when it may be stored), schema first, at most :data:`MAX_ERRORS`."""
    errors: list[dict[str, Any]] = []
    for err in sorted(schema_validator().iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path]):
        errors.append({"loc": _loc(err.absolute_path), "msg": _message(err), "type": "schema"})
        if len(errors) >= MAX_ERRORS:
            return errors
    if errors:
        return errors  # the checks below read the structure the schema guarantees
    try:
        check_published(doc["article"].get("published"))
    except InputError as exc:
        errors.append({"loc": _loc(["article", "published"]), "msg": exc.message, "type": "value_error"})
    for i, event in enumerate(doc["events"]):
        if event.get("date") is not None and (msg := _event_date_error(event["date"])):
            errors.append({"loc": _loc(["events", i, "date"]), "msg": msg, "type": "value_error"})
    text = doc.get("text")
    if isinstance(text, str):
        errors += _span_errors(doc, text)
    return errors[:MAX_ERRORS]


def _event_date_error(value: str) -> str | None:
    try:
        day = iso_date(value, "date")
    except InputError as exc:
        return exc.message
    lo, hi = (d.isoformat() for d in EVENT_DATES)
    return None if lo <= day <= hi else f"date {day} is outside the dates an event may have ({lo} to {hi})"


def _span_errors(doc: dict[str, Any], text: str) -> list[dict[str, Any]]:
    """Every object with integer ``start`` and ``end`` is a span of ``text``."""
    out: list[dict[str, Any]] = []
    stack: list[tuple[Any, list[str | int]]] = [(doc, [])]
    while stack and len(out) < MAX_ERRORS:
        value, path = stack.pop()
        if isinstance(value, dict):
            start, end = value.get("start"), value.get("end")
            if path and type(start) is int and type(end) is int:
                if not 0 <= start <= end <= len(text):
                    out.append({"loc": _loc(path), "msg": "span lies outside the text", "type": "value_error"})
                elif isinstance(value.get("text"), str) and text[start:end] != value["text"]:
                    out.append({"loc": _loc(path), "msg": "span text is not text[start:end]", "type": "value_error"})
            stack.extend((v, [*path, k]) for k, v in value.items() if k != "text")
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(value))
    return out
