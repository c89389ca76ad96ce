"""Event rows (as :meth:`hadath.store.Store.events` returns them) → JSON, GeoJSON and CSV bodies."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["CSV_COLUMNS", "dumps", "events_csv", "events_geojson"]

#: CSV columns: ACLED-like names, one event a row.
CSV_COLUMNS = (
    "event_id",
    "article_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor1_type",
    "actor2",
    "actor2_type",
    "assoc_actors",
    "location",
    "admin1",
    "admin2",
    "country",
    "iso2",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "confidence",
    "denied",
    "cluster_id",
    "sources",
    "outlet",
    "url",
    "published",
    "notes",
)

_NOT_PROPERTIES = frozenset({"lat", "lon", "row"})


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON (Arabic stays readable)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def _sources_text(sources: Any) -> str:
    out = []
    for s in sources or []:
        if isinstance(s, Mapping):
            name = s.get("speaker_name") or s.get("attribution_id") or "?"
            stance = s.get("stance")
            out.append(f"{name} ({stance})" if stance and stance != "assert" else str(name))
    return "; ".join(out)


def _csv_row(ev: Mapping[str, Any]) -> list[Any]:
    assoc = ev.get("assoc_actors") or []
    values = {
        "event_id": ev.get("id"),
        "article_id": ev.get("article_id"),
        "event_date": ev.get("event_date"),
        "time_precision": ev.get("time_precision"),
        "event_type": ev.get("event_type"),
        "sub_event_type": ev.get("sub_event_type"),
        "actor1": ev.get("actor1_name"),
        "actor1_type": ev.get("actor1_type"),
        "actor2": ev.get("actor2_name"),
        "actor2_type": ev.get("actor2_type"),
        "assoc_actors": "; ".join(str(a) for a in assoc) if isinstance(assoc, list) else assoc,
        "location": ev.get("location_name"),
        "admin1": ev.get("admin1"),
        "admin2": ev.get("admin2"),
        "country": ev.get("country"),
        "iso2": ev.get("iso2"),
        "latitude": ev.get("lat"),
        "longitude": ev.get("lon"),
        "geo_precision": ev.get("geo_precision"),
        "fatalities": ev.get("fatalities"),
        "confidence": ev.get("confidence"),
        "denied": int(bool(ev.get("denied"))),
        "cluster_id": ev.get("cluster_id"),
        "sources": _sources_text(ev.get("sources")),
        "outlet": ev.get("outlet"),
        "url": ev.get("url"),
        "published": ev.get("published"),
        "notes": ev.get("sentence_text"),
    }
    return ["" if values[c] is None else values[c] for c in CSV_COLUMNS]


def events_csv(rows: Iterable[Mapping[str, Any]]) -> bytes:
    """UTF-8 CSV with a header row."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for ev in rows:
        w.writerow(_csv_row(ev))
    return buf.getvalue().encode("utf-8")


def events_geojson(rows: Iterable[Mapping[str, Any]], *, total: int, limit: int, offset: int) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: a Point per located event (null geometry otherwise).

    ``total``/``limit``/``offset`` ride along as foreign members.
    """
    features = []
    for ev in rows:
        lat, lon = ev.get("lat"), ev.get("lon")
        geometry = (
            {"type": "Point", "coordinates": [lon, lat]}
            if isinstance(lat, int | float) and isinstance(lon, int | float)
            else None
        )
        features.append(
            {
                "type": "Feature",
                "id": ev.get("id"),
                "geometry": geometry,
                "properties": {k: v for k, v in ev.items() if k not in _NOT_PROPERTIES},
            }
        )
    return {"type": "FeatureCollection", "features": features, "total": total, "limit": limit, "offset": offset}
