"""Stable event ids across re-extractions and new versions: which new event is which old one.

An event's *identity* is what a re-extraction must agree on for it to be the same event: its article
(implicit: events are only compared within one article), its type family (the ACLED event type; the
sub-event type may change), its place, its date and its actor pair (unordered).  A new event whose
identity matches an old one takes the old one's id, ``event_id_cnty`` and ``created_at``; its
``updated_at`` moves only when its *fingerprint* — every stored field and its sources — differs.  Old
events that nothing matched are deletions.

Pure functions over the flat event rows of :func:`hadath.store.prepare_article` (and the same columns
read back from a store), so both backends reconcile the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["FINGERPRINT_COLS", "Match", "fingerprint", "identity", "reconcile"]

#: The event fields whose change bumps ``updated_at`` (all stored fields but the local id).
FINGERPRINT_COLS = (
    "event_date date_from_event time_precision event_type sub_event_type actor1 actor1_name actor1_type "
    "actor2 actor2_name actor2_type assoc_actors location location_name country iso2 admin1 admin2 lat lon "
    "geo_precision fatalities confidence denied sentence_text evidence"
).split()


def _fold(v: Any) -> str:
    return " ".join(str(v).split()).casefold() if v not in (None, "") else ""


def identity(ev: Mapping[str, Any]) -> str:
    """The identity key of a flat event row: type family, place, date and the unordered actor pair."""
    place = next((_fold(ev.get(k)) for k in ("location_name", "admin2", "admin1", "country") if ev.get(k)), "")
    actors = sorted((_fold(ev.get("actor1_name")), _fold(ev.get("actor2_name"))))
    return json.dumps([_fold(ev.get("event_type")), place, ev.get("event_date") or "", actors], ensure_ascii=False)


def _norm(v: Any) -> Any:
    return int(v) if isinstance(v, bool) else v


def fingerprint(ev: Mapping[str, Any], sources: Iterable[Mapping[str, Any]] = ()) -> str:
    """A digest of every stored field of an event and of its sources."""
    body = [_norm(ev.get(c)) for c in FINGERPRINT_COLS]
    srcs = [[s.get("attribution_id"), s.get("speaker"), s.get("speaker_name"), s.get("stance")] for s in sources]
    raw = json.dumps([body, srcs], ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Match:
    """The outcome of reconciling one article's events: ``matched[i]`` is the old row (or None) that the
    i-th new event continues; ``deleted`` the old rows nothing continues."""

    matched: list[Mapping[str, Any] | None] = field(default_factory=list)
    deleted: list[Mapping[str, Any]] = field(default_factory=list)


def reconcile(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]]) -> Match:
    """Match new events to old ones by :func:`identity` (each old event at most once, in order).

    Old rows need an ``identity`` key (or the columns to compute it); new rows are flat event rows.
    """
    pool: dict[str, list[Mapping[str, Any]]] = {}
    for o in old:
        pool.setdefault(str(o.get("identity") or identity(o)), []).append(o)
    out = Match()
    for n in new:
        candidates = pool.get(identity(n))
        out.matched.append(candidates.pop(0) if candidates else None)
    out.deleted = [o for rows in pool.values() for o in rows]
    return out
