"""Exports of a store's events: JSON lines, ACLED CSV, GeoJSON and Parquet.

* ``jsonl`` — one flat event row (as :meth:`hadath.store.Store.events` returns it) a line.
* ``acled-csv`` — ACLED's columns in ACLED's order (:data:`ACLED_COLUMNS`), then hadath's own
  (:data:`EXTRA_COLUMNS`; ``denied`` is 1 for an event a source denies, else 0).  ``notes`` is the event's
  English note (``notes_en``, :mod:`hadath.notes`: written from its fields, never translated); the Arabic
  sentence that reports the event is ``sentence_ar``, its trigger words ``evidence``.  ``inter1``/``inter2``
  are ACLED's actor codes from the actors' types (:data:`hadath.taxonomy.ACTOR_TYPE_INTER`);
  ``interaction`` is the two codes sorted and joined (``12``, ``17``; a lone actor gives ``10``, ``60``
  …); ``iso`` is the numeric ISO 3166 code; ``disorder_type`` follows from the event and sub-event type
  (:func:`hadath.taxonomy.disorder_type`); ``fatalities`` is 0 when no figure was reported, as in ACLED.
* ``geojson`` — an RFC 7946 FeatureCollection: a Feature per event, its geometry a Point ``[lon, lat]``,
  or null for an event without coordinates (they are counted); its properties the row without lat/lon, and
  ``area``: ``"country"`` or ``"admin1"`` for an event known only by its country or province
  (geo_precision 3), whose point is that area's centroid and no place on the ground; null otherwise.
* ``parquet`` — one file per layer (articles, entities, attributions, events) in a folder (pyarrow,
  the ``corpus`` extra).  :func:`write_parquet_partition` writes the same layers for one ingest batch.

* ``plover``, ``label-studio``, ``prodigy`` — PLOVER-style event records and review files for annotation
  tools: :mod:`hadath.interchange`.

The HTTP API (``GET /v1/events?format=csv|geojson``) writes its bodies with the same writers.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO, TypeVar

from hadath.errors import InputError
from hadath.notes import event_note
from hadath.store import EventFilter, PreparedArticle, Store
from hadath.store._countries import resolve_country
from hadath.taxonomy import INTER_LABELS, disorder_type, inter_code, interaction

_T = TypeVar("_T")

__all__ = [
    "ACLED_COLUMNS",
    "DELETED_COLUMNS",
    "EXTRA_COLUMNS",
    "FORMATS",
    "LAYERS",
    "acled_row",
    "csv_cell",
    "deleted_row",
    "export",
    "export_deleted",
    "geojson_feature",
    "location_area",
    "write_acled_csv",
    "write_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
    "write_parquet_partition",
]

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet", "plover", "label-studio", "prodigy")
LAYERS = ("articles", "entities", "attributions", "events")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
EXTRA_COLUMNS = (
    "article_id", "evidence", "confidence", "cluster_id", "denied", "event_id", "source_url", "inter1_label",
    "inter2_label", "interaction_label", "updated_at", "sentence_ar",
)  # fmt: skip
DELETED_COLUMNS = ("event_id_cnty", "deleted_timestamp", "event_id", "deleted_at", "hadath_version", "reason")

#: What a spreadsheet reads as a formula when a cell begins with it (OWASP's CSV injection list).
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text beginning with ``= + - @``, a tab or a carriage
    return gets a leading ``'`` (OWASP's rule for CSV injection); numbers and other text pass unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_LEAD):
        return "'" + value
    return value


def _label(code: int | None) -> str:
    return INTER_LABELS.get(code, "") if code else ""


def _interaction_label(i1: int | None, i2: int | None) -> str:
    labels = [INTER_LABELS[c] for c in sorted(c for c in (i1, i2) if c) if c in INTER_LABELS]
    if len(labels) == 1:
        return f"{labels[0]} only"
    return "-".join(labels)


def _speakers(ev: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for s in ev.get("sources") or []:
        name = s.get("speaker_name") if isinstance(s, dict) else None
        if name and name not in out:
            out.append(str(name))
    return out


def acled_row(ev: dict[str, Any], *, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED CSV row (ACLED columns then hadath's) from a flat event row."""
    c = resolve_country(ev.get("iso2") or ev.get("country"))
    day = ev.get("event_date") or ""
    i1 = inter_code(ev.get("actor1_type")) if ev.get("actor1_name") else None
    i2 = inter_code(ev.get("actor2_type")) if ev.get("actor2_name") else None
    tp = ev.get("time_precision") or (1 if ev.get("date_from_event") else 2)
    sources = [ev["outlet"]] if ev.get("outlet") else []
    sources += [s for s in _speakers(ev) if s not in sources]
    evidence = list(dict.fromkeys(ev.get("evidence") or []))
    sentence = ev.get("sentence_text") or (evidence[0] if evidence else "")
    row: dict[str, Any] = {
        "event_id_cnty": ev.get("event_id_cnty") or f"{c.iso3 if c else 'XXX'}{ev.get('row') or ''}",
        "event_date": day,
        "year": day[:4] if day else "",
        "time_precision": tp,
        "disorder_type": disorder_type(ev.get("event_type"), ev.get("sub_event_type")),
        "event_type": ev.get("event_type") or "",
        "sub_event_type": ev.get("sub_event_type") or "",
        "actor1": ev.get("actor1_name") or "",
        "assoc_actor_1": "; ".join(ev.get("assoc_actors") or []),
        "inter1": "" if i1 is None else i1,
        "actor2": ev.get("actor2_name") or "",
        "assoc_actor_2": "",
        "inter2": (0 if not ev.get("actor2_name") else "") if i2 is None else i2,
        "interaction": "" if interaction(i1, i2) is None else interaction(i1, i2),
        "civilian_targeting": "Civilian targeting" if i2 == 7 and ev.get("event_type") != "Protests" else "",
        "iso": c.numeric if c else "",
        "region": c.region if c else "",
        "country": c.name if c else (ev.get("country") or ""),
        "admin1": ev.get("admin1") or "",
        "admin2": ev.get("admin2") or "",
        "admin3": "",
        "location": ev.get("location_name") or "",
        "latitude": "" if ev.get("lat") is None else ev["lat"],
        "longitude": "" if ev.get("lon") is None else ev["lon"],
        "geo_precision": "" if ev.get("geo_precision") is None else ev["geo_precision"],
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": ev.get("notes_en") or event_note(ev),
        "fatalities": ev.get("fatalities") or 0,
        "tags": "",
        "timestamp": timestamp if timestamp is not None else int(time.time()),
        "article_id": ev.get("article_id") or "",
        "evidence": " | ".join(evidence),
        "confidence": "" if ev.get("confidence") is None else ev["confidence"],
        "cluster_id": ev.get("cluster_id") or "",
        "denied": int(bool(ev.get("denied"))),
        "event_id": ev.get("id") or "",
        "source_url": ev.get("url") or "",
        "inter1_label": _label(i1),
        "inter2_label": _label(i2),
        "interaction_label": _interaction_label(i1, i2),
        "updated_at": ev.get("updated_at") or "",
        "sentence_ar": sentence,
    }
    return row


def write_csv(rows: Iterable[Mapping[str, Any]], out: TextIO, columns: Iterable[str]) -> int:
    """Write dict rows as CSV (header first) with every cell neutralised by :func:`csv_cell`; the one CSV
    writer of the project.  Returns the number of rows."""
    w = csv.writer(out, lineterminator="\n")
    cols = list(columns)
    w.writerow(cols)
    n = 0
    for r in rows:
        w.writerow([csv_cell(r.get(c, "")) for c in cols])
        n += 1
    return n


def write_acled_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write events as ACLED CSV (header first); returns the number of rows."""
    ts = int(time.time())
    return write_csv((acled_row(ev, timestamp=ts) for ev in events), out, [*ACLED_COLUMNS, *EXTRA_COLUMNS])


def deleted_row(d: Mapping[str, Any]) -> dict[str, Any]:
    """One deletion as ACLED lists them (``event_id_cnty``, ``deleted_timestamp`` in Unix seconds), then hadath's."""
    from datetime import datetime

    at = str(d.get("deleted_at") or "")
    try:
        ts: Any = int(datetime.fromisoformat(at).timestamp())
    except ValueError:
        ts = ""
    return {
        "event_id_cnty": d.get("event_id_cnty") or "",
        "deleted_timestamp": ts,
        "event_id": d.get("id") or "",
        "deleted_at": at,
        "hadath_version": d.get("hadath_version") or "",
        "reason": d.get("reason") or "",
    }


def export_deleted(
    store: Store, fmt: str, out: str | os.PathLike[str] | TextIO | None, since: str | None
) -> dict[str, Any]:
    """The events deleted at or after ``since`` (a timestamp): ``jsonl`` (the store's rows) or ``acled-csv``
    (:data:`DELETED_COLUMNS`)."""
    if fmt not in ("jsonl", "acled-csv"):
        raise InputError(f"deletions are exported as jsonl or acled-csv, not {fmt}")
    rows, _ = store.deleted(since=since)

    def write(fh: TextIO) -> int:
        if fmt == "jsonl":
            return write_jsonl(rows, fh)
        return write_csv((deleted_row(d) for d in rows), fh, DELETED_COLUMNS)

    return {"format": fmt, "rows": _to(out, write), "deleted": True}


def _to(out: str | os.PathLike[str] | TextIO | None, write: Callable[[TextIO], _T]) -> _T:
    """Run ``write`` on ``out``: a path (opened as UTF-8), a stream, or None (nowhere)."""
    if isinstance(out, str | os.PathLike):
        path = Path(out)
        if path.is_dir():
            raise InputError(f"{path}: is a folder; give a file name")
        try:
            fh: TextIO = path.open("w", encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"{path}: cannot write: {exc.strerror}") from exc
        with fh:
            return write(fh)
    return write(out or io.StringIO())


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for ev in events:
        out.write(json.dumps(ev, ensure_ascii=False) + "\n")
        n += 1
    return n


def location_area(ev: Mapping[str, Any]) -> str | None:
    """``"country"`` / ``"admin1"`` for an event located only by its country / province (geo_precision 3: its
    point is the area's centroid), else None."""
    if ev.get("geo_precision") != 3:
        return None
    return "admin1" if ev.get("admin1") else "country"


def geojson_feature(ev: Mapping[str, Any]) -> dict[str, Any]:
    """The GeoJSON Feature of an event: a Point ``[lon, lat]``, or a null geometry without coordinates; the
    property ``area`` flags a point that stands for a whole country or province."""
    lat, lon = ev.get("lat"), ev.get("lon")
    props = {k: v for k, v in ev.items() if k not in ("lat", "lon")}
    props["area"] = location_area(ev)
    return {
        "type": "Feature",
        "id": ev.get("id"),
        "geometry": None if lat is None or lon is None else {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def write_geojson(
    events: Iterable[Mapping[str, Any]], out: TextIO, *, members: Mapping[str, Any] | None = None
) -> tuple[int, int]:
    """Write a FeatureCollection (streamed), with ``members`` as foreign members after the features;
    returns (features written, how many of them have no coordinates)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = unplaced = 0
    for ev in events:
        f = geojson_feature(ev)
        unplaced += f["geometry"] is None
        out.write((",\n" if n else "") + json.dumps(f, ensure_ascii=False))
        n += 1
    out.write("\n]")
    for key, value in (members or {}).items():
        out.write(f", {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    out.write("}\n")
    return n, unplaced


# -- Parquet -----------------------------------------------------------------------------------------
def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InputError("Parquet output needs pyarrow: pip install 'hadath[corpus]'") from exc
    return pa


def _schemas() -> dict[str, Any]:
    pa = _pa()
    s, i, f, b = pa.string(), pa.int64(), pa.float64(), pa.bool_()
    ls = pa.list_(s)
    return {
        "articles": pa.schema(
            [("article_id", s), ("version", i), ("sha256", s), ("title", s), ("published", s), ("outlet", s),
             ("url", s), ("source", s), ("ingested_at", s), ("n_events", i), ("text", s)]
        ),
        "entities": pa.schema(
            [("article_id", s), ("entity_id", s), ("kind", s), ("name_ar", s), ("name_en", s), ("canonical_id", s),
             ("actor_type", s), ("country", s), ("iso2", s), ("admin1", s), ("admin2", s), ("lat", f), ("lon", f),
             ("geo_precision", i), ("n_mentions", i)]
        ),
        "attributions": pa.schema(
            [("article_id", s), ("attribution_id", s), ("speaker", s), ("speaker_name", s), ("speaker_text", s),
             ("cue", s), ("content", s), ("stance", s), ("direct_quote", b), ("anonymous", b), ("article_level", b)]
        ),
        "events": pa.schema(
            [("id", s), ("article_id", s), ("local_id", s), ("event_type", s), ("sub_event_type", s),
             ("event_date", s), ("date_from_event", b), ("time_precision", i), ("actor1", s), ("actor1_name", s),
             ("actor1_type", s), ("actor2", s), ("actor2_name", s), ("actor2_type", s), ("assoc_actors", ls),
             ("location", s), ("location_name", s), ("country", s), ("iso2", s), ("admin1", s), ("admin2", s),
             ("lat", f), ("lon", f), ("geo_precision", i), ("fatalities", i), ("confidence", f), ("denied", b),
             ("sentence_text", s), ("evidence", ls), ("cluster_id", s), ("outlet", s), ("title", s), ("url", s),
             ("published", s), ("version", i), ("source_speakers", ls), ("sources", s), ("event_id_cnty", s),
             ("created_at", s), ("updated_at", s), ("hadath_version", s), ("codebook_version", s)]
        ),
    }  # fmt: skip


def _coerce(row: dict[str, Any], schema: Any) -> dict[str, Any]:
    pa = _pa()
    out: dict[str, Any] = {}
    for fld in schema:
        v = row.get(fld.name)
        if v is not None:
            if pa.types.is_boolean(fld.type):
                v = bool(v)
            elif pa.types.is_integer(fld.type):
                v = int(v)
            elif pa.types.is_floating(fld.type):
                v = float(v)
            elif pa.types.is_string(fld.type) and not isinstance(v, str):
                v = json.dumps(v, ensure_ascii=False)
        out[fld.name] = v
    return out


class _LayerWriter:
    """Rows of one layer → a Parquet file, written in row groups."""

    def __init__(self, path: Path, schema: Any, group: int = 5000) -> None:
        import pyarrow.parquet as pq

        self.schema = schema
        self.writer = pq.ParquetWriter(str(path), schema)
        self.buf: list[dict[str, Any]] = []
        self.group = group
        self.n = 0

    def add(self, row: dict[str, Any]) -> None:
        self.buf.append(_coerce(row, self.schema))
        self.n += 1
        if len(self.buf) >= self.group:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            pa = _pa()
            self.writer.write_table(pa.Table.from_pylist(self.buf, schema=self.schema))
            self.buf = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


def _event_parquet_row(ev: dict[str, Any]) -> dict[str, Any]:
    return {**ev, "source_speakers": _speakers(ev), "sources": json.dumps(ev.get("sources") or [], ensure_ascii=False)}


def _write_layers(
    out_dir: Path, name_of: dict[str, str], rows: Mapping[str, Iterable[dict[str, Any]]]
) -> dict[str, int]:
    schemas = _schemas()
    counts: dict[str, int] = {}
    for layer in LAYERS:
        path = out_dir / name_of[layer]
        path.parent.mkdir(parents=True, exist_ok=True)
        w = _LayerWriter(path, schemas[layer])
        try:
            for r in rows[layer]:
                w.add(r)
        finally:
            w.close()
        counts[layer] = w.n
    return counts


def write_parquet(store: Store, out_dir: str | os.PathLike[str], filters: EventFilter | None = None) -> dict[str, int]:
    """``articles.parquet``, ``entities.parquet``, ``attributions.parquet``, ``events.parquet`` in
    ``out_dir``.  With event filters, the other layers hold only the articles of the selected events."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    article_ids: list[str] | None = None
    if filters is not None and filters.active():
        article_ids = list(dict.fromkeys(str(ev["article_id"]) for ev in store.iter_events(filters)))
    rows: dict[str, Iterable[dict[str, Any]]] = {
        "articles": store.iter_layer("articles", article_ids=article_ids),
        "entities": store.iter_layer("entities", article_ids=article_ids),
        "attributions": store.iter_layer("attributions", article_ids=article_ids),
        "events": (_event_parquet_row(ev) for ev in store.iter_events(filters)),
    }
    return _write_layers(out, {layer: f"{layer}.parquet" for layer in LAYERS}, rows)


def _prepared_rows(prepared: list[PreparedArticle]) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {layer: [] for layer in LAYERS}
    for p in prepared:
        aid = p.article_id
        rows["articles"].append(
            {"article_id": aid, "sha256": p.sha256, "title": p.title, "published": p.published, "outlet": p.outlet,
             "url": p.url, "source": p.source, "n_events": p.n_events, "text": p.text}
        )  # fmt: skip
        rows["entities"] += [{"article_id": aid, **e} for e in p.entities]
        rows["attributions"] += [{"article_id": aid, **a} for a in p.attributions]
        for ev, srcs in zip(p.events, p.event_sources, strict=True):
            rows["events"].append(
                _event_parquet_row(
                    {
                        **ev,
                        "id": f"{aid}:{ev['event_id']}",
                        "article_id": aid,
                        "local_id": ev["event_id"],
                        "assoc_actors": json.loads(ev.get("assoc_actors") or "[]"),
                        "evidence": json.loads(ev.get("evidence") or "[]"),
                        "outlet": p.outlet,
                        "title": p.title,
                        "url": p.url,
                        "published": p.published,
                        "sources": srcs,
                    }
                )
            )
    return rows


def write_parquet_partition(
    out_dir: str | os.PathLike[str], name: str, prepared: list[PreparedArticle]
) -> dict[str, int]:
    """One batch of prepared articles as ``<out_dir>/<layer>/<name>.parquet`` for each layer (a
    partitioned dataset ``pyarrow.dataset.dataset(out_dir / layer)`` reads whole)."""
    out = Path(out_dir)
    return _write_layers(out, {layer: f"{layer}/{name}.parquet" for layer in LAYERS}, _prepared_rows(prepared))


# -- one entry point for the CLI -----------------------------------------------------------------------
def export(
    store: Store,
    fmt: str,
    out: str | os.PathLike[str] | TextIO | None = None,
    filters: EventFilter | None = None,
) -> dict[str, Any]:
    """Export the events matching ``filters`` (all without) in format ``fmt`` to ``out`` (a path, a
    stream, or for parquet a folder).  Returns what was written: ``{"format", "rows", ...}``."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        if out is None or not isinstance(out, str | os.PathLike):
            raise InputError("parquet export needs an output folder (-o DIR)")
        counts = write_parquet(store, out, filters)
        return {"format": fmt, "path": os.fspath(out), "rows": counts}
    result = _to(out, lambda fh: _write_stream(store, fmt, fh, filters))
    if isinstance(out, str | os.PathLike):
        result["path"] = str(Path(out))
    return result


def _write_stream(store: Store, fmt: str, fh: TextIO, filters: EventFilter | None) -> dict[str, Any]:
    events: Iterator[dict[str, Any]] = store.iter_events(filters)
    if fmt == "jsonl":
        return {"format": fmt, "rows": write_jsonl(events, fh)}
    if fmt == "acled-csv":
        return {"format": fmt, "rows": write_acled_csv(events, fh)}
    if fmt in ("plover", "label-studio", "prodigy"):
        from hadath import interchange

        writer = {
            "plover": interchange.write_plover,
            "label-studio": interchange.write_label_studio,
            "prodigy": interchange.write_prodigy,
        }[fmt]
        return {"format": fmt, "rows": writer(store, fh, filters)}
    n, skipped = write_geojson(events, fh)
    return {"format": fmt, "rows": n, "without_coordinates": skipped}
