"""Corroboration across reports: cluster events from different articles that describe one happening.

Two events may describe the same happening when

* they have the same ``event_type`` (the sub-event type may differ: one outlet's "air/drone strike"
  is another's "shelling/artillery/missile attack" — that is reported as a disagreement);
* their dates are at most :data:`WINDOW_DAYS` apart;
* their places agree: within :data:`MAX_KM` km when both are located to a town (geo_precision 1–2),
  otherwise the same admin2, else the same admin1 (and never different countries), else the same
  location name;
* their actors are compatible: two different named actors conflict only when their actor types are
  known and fall in different classes (:data:`ACTOR_CLASSES`: state and foreign forces; non-state armed
  groups; civilians, protesters and rioters).  One source blaming Russian jets and another Syrian jets
  is a disagreement within one happening, not two happenings; swapped roles (X against Y / Y against X)
  are compatible.

Clustering is greedy with complete linkage: events are taken in date order and each joins the best
open cluster all of whose members it matches and which holds no other event of its own article;
otherwise it starts a new cluster.  The best cluster is the one whose members most often share the
event's sub-event type, then the largest.  Only clusters with events from two or more articles are
returned — a lone report corroborates nothing.

**Sentence similarity (optional).**  ``cluster_events(events, similarity=embedder)`` (an
:class:`hadath.similarity.Embedder`, e.g. ``load_embedder("use")``; needs the ``similarity`` extra)
also compares the events' sentences (the ``sentence_text`` key), embedded as unit vectors:

* *gate* — when two events' places agree only weakly (the same admin1 without a shared admin2, coarse
  coordinates within :data:`MAX_KM` — a country located at its capital, say — or only the same location
  name), their sentences must have a cosine of at least ``min_similarity`` (default: the embedder's own,
  0.35 for USE, 0.89 for e5) or they do not match.  Places agreeing strongly (both located to a town
  within :data:`MAX_KM`, or the same admin2) need no textual evidence;
* *tie-breaker* — among several open clusters an event could join, equally good by sub-event type, it
  joins the one whose members' sentences are on average most like its own (then the largest).

An event without a sentence is never blocked by the gate.  Only sentences that a decision needs are
embedded.  Without an embedder the clusters are exactly those of the structured rules above.

A cluster reports its member events, the distinct outlets and speakers, and the disagreements among
them: the fatality range by source, conflicting actors or sub-event types, denials (an event marked
``denied`` or a source whose stance is ``deny``) and silence (a source with stance ``silent``, or
reports that give no fatality figure while others do).

The input events are flat dicts as :meth:`hadath.store.Store.events` returns them; the keys used are
``id, article_id, outlet, event_type, sub_event_type, event_date, lat, lon, geo_precision, country,
admin1, admin2, location_name, actor1_name, actor1_type, actor2_name, actor2_type, fatalities, denied,
sources`` (a list of ``{speaker_name, stance}``) and, with an embedder, ``sentence_text``.  Missing keys
count as unknown.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from hadath.similarity import Embedder, Vector, cosine
from hadath.taxonomy import ACTOR_TYPE_INTER

__all__ = ["ACTOR_CLASSES", "MAX_KM", "WINDOW_DAYS", "cluster_events", "same_happening"]

WINDOW_DAYS = 1
MAX_KM = 25.0

#: ACLED inter codes → the class of actor that may stand for another of its class across reports of one
#: happening: state and foreign forces; non-state armed groups; civilians, protesters and rioters.
_INTER_CLASSES = {1: "state", 8: "state", 2: "armed", 3: "armed", 4: "armed", 5: "civil", 6: "civil", 7: "civil"}

#: Actor types that may stand for one another across reports of the same happening.
ACTOR_CLASSES: dict[str, str] = {t: _INTER_CLASSES[code] for t, code in ACTOR_TYPE_INTER.items()}


def _key(v: Any) -> str | None:
    if v is None:
        return None
    s = " ".join(str(v).split()).casefold()
    return s or None


@dataclass(slots=True)
class _Ev:
    row: Mapping[str, Any]
    id: str
    article_id: str
    event_type: str
    day: date
    lat: float | None
    lon: float | None
    precise: bool
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    a1: str | None
    t1: str | None
    a2: str | None
    t2: str | None
    sub: str | None
    coslat: float
    text: str | None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> _Ev | None:
        et = row.get("event_type")
        d = row.get("event_date")
        if not et or not d:
            return None
        try:
            day = date.fromisoformat(str(d)[:10])
        except ValueError:
            return None
        lat, lon = row.get("lat"), row.get("lon")
        has = isinstance(lat, int | float) and isinstance(lon, int | float)
        prec = row.get("geo_precision")
        return cls(
            row=row,
            id=str(row.get("id")),
            article_id=str(row.get("article_id")),
            event_type=str(et),
            day=day,
            lat=float(lat) if has else None,  # type: ignore[arg-type]
            lon=float(lon) if has else None,  # type: ignore[arg-type]
            precise=has and (prec is None or int(prec) <= 2),
            country=_key(row.get("country")),
            admin1=_key(row.get("admin1")),
            admin2=_key(row.get("admin2")),
            location=_key(row.get("location_name")),
            a1=_key(row.get("actor1_name")),
            t1=_key(row.get("actor1_type")),
            a2=_key(row.get("actor2_name")),
            t2=_key(row.get("actor2_type")),
            sub=_key(row.get("sub_event_type")),
            coslat=math.cos(math.radians(float(lat))) if has else 1.0,  # type: ignore[arg-type]
            text=" ".join(str(row.get("sentence_text") or "").split()) or None,
        )


def _near(a: _Ev, b: _Ev) -> bool:
    """Within MAX_KM (equirectangular: exact to well under 1 % at these distances)."""
    dlat = (a.lat or 0.0) - (b.lat or 0.0)
    if abs(dlat) > 0.25:  # > 27 km north–south
        return False
    dlon = ((a.lon or 0.0) - (b.lon or 0.0)) * (a.coslat + b.coslat) / 2
    return 111.195 * math.hypot(dlat, dlon) <= MAX_KM


#: how well two events' places agree (:func:`_place`)
_NO, _WEAK, _STRONG = 0, 1, 2


def _place(a: _Ev, b: _Ev) -> int:
    """``_STRONG`` when both are located to a town within MAX_KM or share an admin2; ``_WEAK`` when they
    agree only by admin1, by coarse coordinates or by location name; ``_NO`` otherwise."""
    if a.country and b.country and a.country != b.country:
        return _NO
    both = a.lat is not None and b.lat is not None
    if a.precise and b.precise and both:
        return _STRONG if _near(a, b) else _NO
    if a.admin2 and b.admin2:
        return _STRONG if a.admin2 == b.admin2 else _NO
    if a.admin1 and b.admin1:
        return _WEAK if a.admin1 == b.admin1 else _NO
    if both and (a.precise or a.admin1) and (b.precise or b.admin1):
        return _WEAK if _near(a, b) else _NO
    # a place known only to its country carries the country's coordinates (often the capital's): they
    # say nothing about nearness
    return _WEAK if a.location is not None and a.location == b.location else _NO


def _actor_ok(
    na: str | None, ta: str | None, nb: str | None, tb: str | None, other_a: set[str], other_b: set[str]
) -> bool:
    if na is None or nb is None or na == nb:
        return True
    if na in other_b or nb in other_a:  # roles swapped between the reports
        return True
    if not ta or not tb:
        return True
    return ACTOR_CLASSES.get(ta, ta) == ACTOR_CLASSES.get(tb, tb)


def _compatible_actors(a: _Ev, b: _Ev) -> bool:
    sa = {x for x in (a.a1, a.a2) if x}
    sb = {x for x in (b.a1, b.a2) if x}
    return _actor_ok(a.a1, a.t1, b.a1, b.t1, sa, sb) and _actor_ok(a.a2, a.t2, b.a2, b.t2, sa, sb)


def _match(a: _Ev, b: _Ev) -> int:
    """How well ``a`` and ``b`` may describe one happening: ``_NO``, or the strength of the place evidence."""
    if abs((a.day - b.day).days) > WINDOW_DAYS or a.event_type != b.event_type:
        return _NO
    level = _place(a, b)
    return level if level and _compatible_actors(a, b) else _NO


def same_happening(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two events (flat dicts) may describe the same happening (articles aside)."""
    ea, eb = _Ev.of(a), _Ev.of(b)
    return ea is not None and eb is not None and _match(ea, eb) > _NO


@dataclass(slots=True)
class _Cluster:
    members: list[_Ev] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    day_min: date = date.max

    def add(self, e: _Ev) -> None:
        self.members.append(e)
        self.articles.add(e.article_id)
        self.day_min = min(self.day_min, e.day)


class _Similarity:
    """Sentence vectors of the events, embedded on first use (several texts per call)."""

    def __init__(self, embedder: Embedder, threshold: float) -> None:
        self.embedder = embedder
        self.threshold = threshold
        self.vectors: dict[str, Vector] = {}

    def prepare(self, evs: Iterable[_Ev]) -> None:
        todo = list(dict.fromkeys(e.text for e in evs if e.text is not None and e.text not in self.vectors))
        if todo:
            self.vectors.update(zip(todo, self.embedder.embed(todo), strict=True))

    def __call__(self, a: _Ev, b: _Ev) -> float | None:
        """The cosine of the two events' sentences, or ``None`` when either has none."""
        if a.text is None or b.text is None:
            return None
        if a.text == b.text:
            return 1.0
        return cosine(self.vectors[a.text], self.vectors[b.text])


def _joins(ev: _Ev, c: _Cluster, sim: _Similarity | None) -> bool:
    """Whether ``ev`` matches every member of ``c`` (with ``sim``: weak place evidence needs similar sentences)."""
    if ev.article_id in c.articles:
        return False
    weak: list[_Ev] = []
    for m in c.members:
        level = _match(ev, m)
        if level == _NO:
            return False
        if level == _WEAK:
            weak.append(m)
    if sim is None or not weak:
        return True
    sim.prepare([ev, *weak])
    for m in weak:
        s = sim(ev, m)
        if s is not None and s < sim.threshold:
            return False
    return True


def cluster_events(
    events: Iterable[Mapping[str, Any]],
    *,
    similarity: Embedder | None = None,
    min_similarity: float | None = None,
) -> list[dict[str, Any]]:
    """Clusters of events from two or more articles, each summarised (see the module docstring).

    ``similarity`` (see :mod:`hadath.similarity`) embeds the events' sentences: two events whose
    places agree only weakly join only when their sentences are at least ``min_similarity`` alike
    (default: the embedder's own ``min_similarity``), and among several open clusters an event joins
    the one whose sentences are most like its own.  Without it the clusters depend on the structured
    fields alone.
    """
    evs = [e for e in (_Ev.of(r) for r in events) if e is not None]
    evs.sort(key=lambda e: (e.day, e.id))
    sim: _Similarity | None = None
    if similarity is not None:
        threshold = similarity.min_similarity if min_similarity is None else min_similarity
        sim = _Similarity(similarity, threshold)
    open_by_type: dict[str, list[_Cluster]] = {}
    done: list[_Cluster] = []
    for ev in evs:
        active = open_by_type.setdefault(ev.event_type, [])
        keep: list[_Cluster] = []
        for c in active:
            if (ev.day - c.day_min).days > WINDOW_DAYS:
                done.append(c)
            else:
                keep.append(c)
        active[:] = keep
        candidates = [c for c in active if _joins(ev, c, sim)]
        best: _Cluster | None = None
        if sim is None:
            best_score: tuple[float, ...] = (-1.0, 0)
            for c in candidates:
                same_sub = sum(1 for m in c.members if m.sub == ev.sub) / len(c.members)
                score: tuple[float, ...] = (same_sub, len(c.members))
                if score > best_score:
                    best, best_score = c, score
        else:
            if len(candidates) > 1:
                sim.prepare([ev, *(m for c in candidates for m in c.members)])
            best_score = (-1.0, -3.0, 0)
            for c in candidates:
                same_sub = sum(1 for m in c.members if m.sub == ev.sub) / len(c.members)
                score = (same_sub, _mean_sim(ev, c, sim) if len(candidates) > 1 else 0.0, len(c.members))
                if score > best_score:
                    best, best_score = c, score
        if best is None:
            best = _Cluster()
            active.append(best)
        best.add(ev)
    for active in open_by_type.values():
        done.extend(active)
    out = [_summarise(c) for c in done if len(c.articles) >= 2]
    out.sort(key=lambda c: (c["date_min"], c["cluster_id"]))
    return out


def _mean_sim(ev: _Ev, c: _Cluster, sim: _Similarity) -> float:
    """Mean cosine of ``ev``'s sentence with the members' (-2 when there is nothing to compare)."""
    values = [s for s in (sim(ev, m) for m in c.members) if s is not None]
    return sum(values) / len(values) if values else -2.0


def _most_common(values: Iterable[Any]) -> Any:
    c = Counter(v for v in values if v not in (None, ""))
    return c.most_common(1)[0][0] if c else None


def _speakers(row: Mapping[str, Any]) -> list[str]:
    out: list[str] = []
    for s in row.get("sources") or []:
        if isinstance(s, Mapping):
            name = s.get("speaker_name") or s.get("speaker_text") or s.get("speaker")
            if name and str(name) not in out:
                out.append(str(name))
    return out


def _summarise(c: _Cluster) -> dict[str, Any]:
    members = sorted(c.members, key=lambda e: (e.day, e.id))
    rows = [m.row for m in members]
    first = members[0]
    cid = "c-" + hashlib.sha1(first.id.encode("utf-8")).hexdigest()[:10]
    precs = [int(r["geo_precision"]) for r in rows if r.get("geo_precision") is not None and r.get("lat") is not None]
    best_prec = min(precs) if precs else None
    located = [r for r in rows if r.get("lat") is not None and r.get("lon") is not None]
    if best_prec is not None:
        located = [r for r in located if r.get("geo_precision") is not None and int(r["geo_precision"]) == best_prec]
    lat = sum(float(r["lat"]) for r in located) / len(located) if located else None
    lon = sum(float(r["lon"]) for r in located) / len(located) if located else None
    outlets = sorted({str(r.get("outlet")) for r in rows if r.get("outlet")})
    speakers = sorted({s for r in rows for s in _speakers(r)})
    by_source = [
        {
            "event_id": r.get("id"),
            "article_id": r.get("article_id"),
            "outlet": r.get("outlet"),
            "speakers": _speakers(r),
            "fatalities": r.get("fatalities"),
        }
        for r in rows
    ]
    fats = [int(r["fatalities"]) for r in rows if r.get("fatalities") is not None]
    disagreements: list[dict[str, Any]] = []
    if fats and min(fats) != max(fats):
        disagreements.append(
            {
                "kind": "fatalities",
                "detail": f"fatality reports range from {min(fats)} to {max(fats)}",
                "values": [b for b in by_source if b["fatalities"] is not None],
            }
        )
    for role in ("actor1", "actor2"):
        names: dict[str, list[str]] = {}
        for r in rows:
            n = r.get(f"{role}_name")
            if n:
                names.setdefault(str(n), []).append(str(r.get("outlet") or r.get("article_id")))
        if len(names) > 1:
            disagreements.append(
                {
                    "kind": role,
                    "detail": f"{role} differs: " + " / ".join(names),
                    "values": [{"name": n, "outlets": sorted(set(o))} for n, o in names.items()],
                }
            )
    subs = Counter(str(r.get("sub_event_type")) for r in rows if r.get("sub_event_type"))
    if len(subs) > 1:
        disagreements.append(
            {"kind": "sub_event_type", "detail": "sub-event types differ: " + " / ".join(subs), "values": dict(subs)}
        )
    denials: list[dict[str, Any]] = []
    silences: list[dict[str, Any]] = []
    for r in rows:
        base = {"event_id": r.get("id"), "article_id": r.get("article_id"), "outlet": r.get("outlet")}
        deniers = []
        for s in r.get("sources") or []:
            if not isinstance(s, Mapping):
                continue
            who = s.get("speaker_name") or s.get("speaker_text") or s.get("speaker")
            if s.get("stance") == "deny":
                deniers.append(who)
            elif s.get("stance") == "silent":
                silences.append({**base, "speaker": who, "about": "the event"})
        if r.get("denied") and not deniers:
            deniers.append(", ".join(_speakers(r)) or None)
        denials += [{**base, "speaker": who} for who in dict.fromkeys(deniers)]
        if fats and r.get("fatalities") is None and not r.get("denied"):
            silences.append({**base, "speaker": ", ".join(_speakers(r)) or None, "about": "fatalities"})
    if denials:
        disagreements.append({"kind": "denial", "detail": f"{len(denials)} denial(s) among the reports", "by": denials})
    if silences:
        disagreements.append(
            {"kind": "silence", "detail": f"{len(silences)} report(s) silent where others are not", "by": silences}
        )
    return {
        "cluster_id": cid,
        "event_type": first.event_type,
        "sub_event_type": subs.most_common(1)[0][0] if subs else None,
        "date_min": min(m.day for m in members).isoformat(),
        "date_max": max(m.day for m in members).isoformat(),
        "country": _most_common(r.get("country") for r in rows),
        "admin1": _most_common(r.get("admin1") for r in rows),
        "admin2": _most_common(r.get("admin2") for r in rows),
        "location_name": _most_common(
            r.get("location_name") for r in rows if best_prec is None or r.get("geo_precision") == best_prec
        )
        or _most_common(r.get("location_name") for r in rows),
        "lat": round(lat, 5) if lat is not None else None,
        "lon": round(lon, 5) if lon is not None else None,
        "geo_precision": best_prec,
        "n_events": len(rows),
        "n_articles": len(c.articles),
        "n_outlets": len(outlets),
        "outlets": outlets,
        "n_speakers": len(speakers),
        "speakers": speakers,
        "fatalities_min": min(fats) if fats else None,
        "fatalities_max": max(fats) if fats else None,
        "fatalities_by_source": by_source,
        "actors": {
            "actor1": sorted({str(r["actor1_name"]) for r in rows if r.get("actor1_name")}),
            "actor2": sorted({str(r["actor2_name"]) for r in rows if r.get("actor2_name")}),
        },
        "disagreements": disagreements,
        "members": [m.id for m in members],
    }
