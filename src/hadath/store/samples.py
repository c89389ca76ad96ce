"""Hand-made hadath/1 documents for demos and tests of the store, corroboration and exports.

:func:`build_doc` writes a hadath/1 document by hand: mentions, attribution contents and event
triggers are given as substrings of the text and their offsets are found there.
:func:`sample_documents` returns five short reports of 19–20 February 2018: three outlets on one air
strike on Douma in Eastern Ghouta (different fatality figures, different accused air forces, one
denial), a strike in Idlib the same day and a battle in Afrin — one corroboration cluster.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

__all__ = ["build_doc", "sample_documents"]


def _spans(text: str, needle: str) -> list[dict[str, Any]]:
    out = []
    i = text.find(needle)
    while needle and i >= 0:
        out.append({"text": needle, "start": i, "end": i + len(needle)})
        i = text.find(needle, i + len(needle))
    return out


def _span(text: str, needle: str) -> dict[str, Any]:
    spans = _spans(text, needle)
    if not spans:
        raise ValueError(f"{needle!r} is not in the text")
    return spans[0]


def build_doc(
    article_id: str,
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    entities: Iterable[dict[str, Any]] = (),
    attributions: Iterable[dict[str, Any]] = (),
    events: Iterable[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A hadath/1 document.  Entities: ``{id, kind, name_ar, name_en, actor_type?, geo?}`` (mentions
    are the occurrences of ``name_ar``); attributions: ``{id, speaker, cue, content, stance?}``;
    events: ``{id, event_type, sub_event_type, trigger, date, actor1?, actor2?, location?,
    fatalities?, sources?, denied?, confidence?}`` (``geo`` defaults to the location entity's)."""
    ents = []
    by_id: dict[str, dict[str, Any]] = {}
    for e in entities:
        ent = {
            "id": e["id"],
            "kind": e.get("kind", "organization"),
            "name_ar": e["name_ar"],
            "name_en": e.get("name_en"),
            "canonical_id": e.get("canonical_id"),
            "actor_type": e.get("actor_type"),
            "mentions": _spans(text, e["name_ar"]),
            "geo": e.get("geo"),
            "source": "kb",
        }
        ents.append(ent)
        by_id[ent["id"]] = ent
    attrs = []
    for a in attributions:
        speaker = by_id.get(a.get("speaker") or "")
        cue = _span(text, a["cue"])
        sp = _span(text, speaker["name_ar"]) if speaker else None
        attrs.append(
            {
                "id": a["id"],
                "speaker": a.get("speaker"),
                "speaker_text": sp["text"] if sp else a.get("speaker_text"),
                "speaker_start": sp["start"] if sp else None,
                "speaker_end": sp["end"] if sp else None,
                "cue": cue["text"],
                "cue_start": cue["start"],
                "cue_end": cue["end"],
                "content": _span(text, a["content"]) if a.get("content") else None,
                "direct_quote": False,
                "anonymous": False,
                "stance": a.get("stance", "assert"),
                "confirms": None,
                "implicit": False,
                "article_level": False,
                "addressee": None,
            }
        )
    evs = []
    for ev in events:
        trig = _span(text, ev["trigger"])
        loc = by_id.get(ev.get("location") or "")
        end = text.find(".", trig["end"])
        start = text.rfind(".", 0, trig["start"]) + 1
        while start < len(text) and text[start].isspace():
            start += 1
        sentence = {"start": start, "end": end + 1 if end >= 0 else len(text)}
        evs.append(
            {
                "id": ev["id"],
                "event_type": ev["event_type"],
                "sub_event_type": ev["sub_event_type"],
                "trigger": trig,
                "date": ev.get("date"),
                "time_precision": 1 if ev.get("date") else None,
                "actor1": ev.get("actor1"),
                "actor2": ev.get("actor2"),
                "assoc_actors": list(ev.get("assoc_actors", [])),
                "location": ev.get("location"),
                "geo": ev.get("geo", loc["geo"] if loc else None),
                "fatalities": ev.get("fatalities"),
                "quantities": [],
                "sources": list(ev.get("sources", [])),
                "sentence": sentence,
                "confidence": ev.get("confidence", 0.8),
                "evidence": [{**trig}],
                "plover": None,
                "denied": bool(ev.get("denied", False)),
            }
        )
    return {
        "schema": "hadath/1",
        "article": {
            "id": article_id,
            "title": title,
            "published": published,
            "published_source": "metadata" if published else None,
            "outlet": outlet,
            "url": url,
            "language": "ar",
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "sentences": [],
        "dates": [],
        "quantities": [],
        "entities": ents,
        "attributions": attrs,
        "events": evs,
    }


def _geo(name: str, lat: float, lon: float, admin1: str, admin2: str | None, precision: int = 1) -> dict[str, Any]:
    return {
        "name_en": name,
        "lat": lat,
        "lon": lon,
        "country": "SY",
        "admin1": admin1,
        "admin2": admin2,
        "feature": "town",
        "gazetteer_id": None,
        "geo_precision": precision,
    }


DOUMA = _geo("Douma", 33.5711, 36.4022, "Rif Dimashq", "Duma")
HAMOURIYEH = _geo("Hamouriyeh", 33.5353, 36.3931, "Rif Dimashq", "Duma")
IDLIB = _geo("Idlib", 35.9306, 36.6339, "Idlib", "Idlib")
AFRIN = _geo("Afrin", 36.5117, 36.8692, "Aleppo", "Afrin")

_RUSSIA = {
    "id": "e1",
    "name_ar": "طائرات حربية روسية",
    "name_en": "Military Forces of Russia",
    "actor_type": "external",
}
_CIVILIANS = {"id": "e3", "name_ar": "مدنيا", "name_en": "Civilians (Syria)", "actor_type": "civilians"}


def sample_documents() -> list[tuple[dict[str, Any], str]]:
    """Five (document, text) pairs: one happening reported by three outlets, and two other events."""
    out: list[tuple[dict[str, Any], str]] = []

    t = (
        "قصفت طائرات حربية روسية مدينة دوما في الغوطة الشرقية يوم الاثنين، ما أسفر عن مقتل 12 مدنيا. "
        "وقال المرصد السوري لحقوق الإنسان إن القصف استهدف الأحياء السكنية."
    )
    out.append(
        (
            build_doc(
                "bbc-2018-02-19-douma",
                t,
                published="2018-02-19",
                outlet="BBC Arabic",
                title="غارات على دوما",
                url="http://example.org/bbc/douma",
                entities=[
                    _RUSSIA,
                    {"id": "e2", "kind": "place", "name_ar": "دوما", "name_en": "Douma", "geo": DOUMA},
                    _CIVILIANS,
                    {
                        "id": "e4",
                        "name_ar": "المرصد السوري لحقوق الإنسان",
                        "name_en": "SOHR",
                        "actor_type": "noncombatant",
                    },
                ],
                attributions=[{"id": "a1", "speaker": "e4", "cue": "وقال", "content": "القصف استهدف الأحياء السكنية"}],
                events=[
                    {
                        "id": "v1",
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Air/drone strike",
                        "trigger": "قصفت",
                        "date": "2018-02-19",
                        "actor1": "e1",
                        "actor2": "e3",
                        "location": "e2",
                        "fatalities": 12,
                        "sources": ["a1"],
                    },
                ],
            ),
            t,
        )
    )
    t = (
        "قال الدفاع المدني إن غارات شنتها طائرات النظام السوري على بلدة حمورية قرب دوما أدت إلى مقتل 18 شخصا "
        "يوم الثلاثاء."
    )
    out.append(
        (
            build_doc(
                "sky-2018-02-20-hamouriyeh",
                t,
                published="2018-02-20",
                outlet="Sky News Arabia",
                title="18 قتيلا في الغوطة",
                url="http://example.org/sky/hamouriyeh",
                entities=[
                    {
                        "id": "e1",
                        "name_ar": "طائرات النظام السوري",
                        "name_en": "Military Forces of Syria",
                        "actor_type": "state_forces",
                    },
                    {"id": "e2", "kind": "place", "name_ar": "حمورية", "name_en": "Hamouriyeh", "geo": HAMOURIYEH},
                    {
                        "id": "e3",
                        "name_ar": "الدفاع المدني",
                        "name_en": "Syria Civil Defence",
                        "actor_type": "noncombatant",
                    },
                ],
                attributions=[{"id": "a1", "speaker": "e3", "cue": "قال", "content": "غارات شنتها طائرات النظام"}],
                events=[
                    {
                        "id": "v1",
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Air/drone strike",
                        "trigger": "غارات",
                        "date": "2018-02-20",
                        "actor1": "e1",
                        "location": "e2",
                        "fatalities": 18,
                        "sources": ["a1"],
                    },
                ],
            ),
            t,
        )
    )
    t = "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مدينة دوما في الغوطة الشرقية."
    out.append(
        (
            build_doc(
                "f24-2018-02-20-denial",
                t,
                published="2018-02-20",
                outlet="France 24",
                title="موسكو تنفي قصف دوما",
                url="http://example.org/f24/denial",
                entities=[
                    {
                        "id": "e1",
                        "name_ar": "وزارة الدفاع الروسية",
                        "name_en": "Military Forces of Russia",
                        "actor_type": "external",
                    },
                    {"id": "e2", "kind": "place", "name_ar": "دوما", "name_en": "Douma", "geo": DOUMA},
                ],
                attributions=[
                    {"id": "a1", "speaker": "e1", "cue": "نفت", "content": "قصفت مدينة دوما", "stance": "deny"}
                ],
                events=[
                    {
                        "id": "v1",
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Air/drone strike",
                        "trigger": "قصفت",
                        "date": "2018-02-19",
                        "actor1": "e1",
                        "location": "e2",
                        "sources": ["a1"],
                        "denied": True,
                    },
                ],
            ),
            t,
        )
    )
    t = "قتل 5 أشخاص في غارة جوية على مدينة إدلب يوم الاثنين بحسب ناشطين."
    out.append(
        (
            build_doc(
                "cnn-2018-02-19-idlib",
                t,
                published="2018-02-19",
                outlet="CNN Arabic",
                title="غارة على إدلب",
                url="http://example.org/cnn/idlib",
                entities=[{"id": "e1", "kind": "place", "name_ar": "إدلب", "name_en": "Idlib", "geo": IDLIB}],
                events=[
                    {
                        "id": "v1",
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Air/drone strike",
                        "trigger": "غارة جوية",
                        "date": "2018-02-19",
                        "location": "e1",
                        "fatalities": 5,
                    },
                ],
            ),
            t,
        )
    )
    t = "اشتبكت القوات التركية مع وحدات حماية الشعب الكردية في عفرين يوم الثلاثاء."
    out.append(
        (
            build_doc(
                "bbc-2018-02-20-afrin",
                t,
                published="2018-02-20",
                outlet="BBC Arabic",
                title="اشتباكات في عفرين",
                url="http://example.org/bbc/afrin",
                entities=[
                    {
                        "id": "e1",
                        "name_ar": "القوات التركية",
                        "name_en": "Military Forces of Turkey",
                        "actor_type": "external",
                    },
                    {"id": "e2", "name_ar": "وحدات حماية الشعب", "name_en": "YPG", "actor_type": "rebel_group"},
                    {"id": "e3", "kind": "place", "name_ar": "عفرين", "name_en": "Afrin", "geo": AFRIN},
                ],
                events=[
                    {
                        "id": "v1",
                        "event_type": "Battles",
                        "sub_event_type": "Armed clash",
                        "trigger": "اشتبكت",
                        "date": "2018-02-20",
                        "actor1": "e1",
                        "actor2": "e2",
                        "location": "e3",
                    },
                ],
            ),
            t,
        )
    )
    return out
