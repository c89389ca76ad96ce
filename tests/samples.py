"""Hand-built hadath/1 documents for the tests of the store, corroboration, exports, CLI, API and web UI.

:func:`build_doc` is the one builder: it writes a document with the library's own layer classes (so it
follows the contract) and by hand (so the tests do not move when the extraction stages improve).  Mentions,
cues, contents, triggers and evidence are given as substrings of the text; their offsets are found there.

Two sets are built with it:

* :func:`sample_documents` — five short reports of 19–20 February 2018: three outlets on one air strike on
  Douma in Eastern Ghouta (different fatality figures, different accused air forces, one denial), a strike
  in Idlib the same day and a battle in Afrin — one corroboration cluster;
* :func:`api_documents` — five reports of March 2018 with every layer (dates, quantities, anonymous and
  denying sources), one of them an article whose text, title and url try to run script in the reader.

Importable as ``samples`` (tests/conftest.py loads it, the tests run with ``--import-mode=importlib``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from hadath.doc import ArticleMeta, Attribution, DateSpan, Doc, Entity, Event, Geo, Quantity, Sentence, Span

__all__ = [
    "MALICIOUS_ID",
    "STRIKE_ID",
    "TOKEN",
    "api_documents",
    "build_doc",
    "extracted_docs",
    "geo",
    "make_client",
    "populate",
    "sample_documents",
]

TOKEN = "s3cret-token"
STRIKE_ID = "sohr-2018-03-05-maarat"
MALICIOUS_ID = "malicious-1"


# -- the builder ----------------------------------------------------------------------------------------


def geo(
    name: str,
    lat: float,
    lon: float,
    admin1: str,
    admin2: str | None,
    *,
    precision: int = 1,
    feature: str = "town",
    gazetteer_id: str | None = None,
    country: str = "SY",
) -> Geo:
    return Geo(name, lat, lon, country, admin1, admin2, feature, gazetteer_id, precision)


def _spans(text: str, needle: str) -> list[Span]:
    out = []
    i = text.find(needle)
    while needle and i >= 0:
        out.append(Span(i, i + len(needle), needle))
        i = text.find(needle, i + len(needle))
    return out


def _span(text: str, needle: str) -> Span:
    spans = _spans(text, needle)
    if not spans:
        raise ValueError(f"{needle!r} is not in the text")
    return spans[0]


def _sentences(text: str) -> list[Sentence]:
    """Sentences end at a full stop or a line break; leading white space is not theirs."""
    out, start = [], 0
    for i, ch in enumerate(text + "\n"):
        if ch in ".\n":
            while start < i and text[start].isspace():
                start += 1
            if start < i:
                out.append(Sentence(start, min(i + 1, len(text))))
            start = i + 1
    return out


def _geo(value: Geo | Mapping[str, Any] | None) -> Geo | None:
    return Geo(**value) if isinstance(value, Mapping) else value


def build_doc(
    article_id: str,
    text: str,
    *,
    published: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    dates: Iterable[Mapping[str, Any]] = (),
    quantities: Iterable[Mapping[str, Any]] = (),
    entities: Iterable[Mapping[str, Any]] = (),
    attributions: Iterable[Mapping[str, Any]] = (),
    events: Iterable[Mapping[str, Any]] = (),
) -> Doc:
    """A hadath/1 document by hand; ``doc.to_dict()`` is the contract's JSON.

    * dates: ``{text, value}`` (day precision);
    * quantities: ``{text, value, unit?, category?, approx?}``;
    * entities: ``{id, kind="organization", name_ar, name_en?, canonical_id?, actor_type?, mentions?, geo?,
      country?, level?, source="kb"}`` — ``mentions`` are substrings (default ``[name_ar]``), each found
      wherever it occurs; ``geo`` a :class:`Geo` or its fields as a dict;
    * attributions: ``{id, speaker?, speaker_text?, cue, content?, stance="assert", anonymous?, ...}`` —
      ``speaker_text`` defaults to the speaker entity's ``name_ar``;
    * events: ``{id, event_type, sub_event_type, trigger, date?, actor1?, actor2?, assoc_actors?, location?,
      geo?, fatalities?, quantities?, sources?, confidence=0.8, evidence?, plover?, denied?}`` — ``geo``
      defaults to the location entity's, ``evidence`` (substrings) to the trigger, ``quantities`` are the
      texts of quantities above.
    """
    doc = Doc(
        text,
        ArticleMeta(article_id, title, published, "metadata" if published else None, outlet, url),
    )
    doc.sentences = _sentences(text)
    for d in dates:
        s = _span(text, d["text"])
        doc.dates.append(DateSpan(s.start, s.end, s.text, d["value"], None, "day", "absolute"))
    for q in quantities:
        s = _span(text, q["text"])
        doc.quantities.append(
            Quantity(
                s.start,
                s.end,
                s.text,
                q["value"],
                approx=q.get("approx", False),
                unit=q.get("unit"),
                category=q.get("category"),
            )
        )
    for e in entities:
        doc.entities.append(
            Entity(
                e["id"],
                e.get("kind", "organization"),
                e["name_ar"],
                e.get("name_en"),
                e.get("canonical_id"),
                e.get("actor_type"),
                [s for m in e.get("mentions", [e["name_ar"]]) for s in _spans(text, m)],
                geo=_geo(e.get("geo")),
                country=e.get("country"),
                source=e.get("source", "kb"),
                level=e.get("level"),
            )
        )
    for a in attributions:
        speaker = doc.entity(a.get("speaker"))
        said = a.get("speaker_text", speaker.name_ar if speaker else None)
        sp = _span(text, said) if said else None
        cue = _span(text, a["cue"])
        extra = {k: a[k] for k in ("stance", "anonymous", "direct_quote", "implicit", "article_level") if k in a}
        doc.attributions.append(
            Attribution(
                a["id"],
                a.get("speaker"),
                sp.text if sp else None,
                sp.start if sp else None,
                sp.end if sp else None,
                cue.text,
                cue.start,
                cue.end,
                _span(text, a["content"]) if a.get("content") else None,
                **extra,
            )
        )
    for ev in events:
        trig = _span(text, ev["trigger"])
        loc = doc.entity(ev.get("location"))
        doc.events.append(
            Event(
                ev["id"],
                ev["event_type"],
                ev["sub_event_type"],
                trig,
                ev.get("date"),
                1 if ev.get("date") else None,
                ev.get("actor1"),
                ev.get("actor2"),
                assoc_actors=list(ev.get("assoc_actors", [])),
                location=ev.get("location"),
                geo=_geo(ev["geo"]) if "geo" in ev else (loc.geo if loc else None),
                fatalities=ev.get("fatalities"),
                quantities=[q for q in doc.quantities if q.text in ev.get("quantities", ())],
                sources=list(ev.get("sources", [])),
                sentence=doc.sentences[doc.sentence_of(trig.start)],
                confidence=ev.get("confidence", 0.8),
                evidence=[_span(text, x) for x in ev.get("evidence", [ev["trigger"]])],
                plover=ev.get("plover"),
                denied=bool(ev.get("denied", False)),
            )
        )
    return doc


# -- the store set: one happening reported by three outlets, and two other events ------------------------

DOUMA = geo("Douma", 33.5711, 36.4022, "Rif Dimashq", "Duma")
HAMOURIYEH = geo("Hamouriyeh", 33.5353, 36.3931, "Rif Dimashq", "Duma")
IDLIB_CITY = geo("Idlib", 35.9306, 36.6339, "Idlib", "Idlib")
AFRIN_TOWN = geo("Afrin", 36.5117, 36.8692, "Aleppo", "Afrin")

_RUSSIA = {
    "id": "e1",
    "name_ar": "طائرات حربية روسية",
    "name_en": "Military Forces of Russia",
    "actor_type": "external",
}
_CIVILIANS = {"id": "e3", "name_ar": "مدنيا", "name_en": "Civilians (Syria)", "actor_type": "civilians"}
_STRIKE = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}


def _store_docs() -> list[Doc]:
    douma = "قصفت طائرات حربية روسية مدينة دوما في الغوطة الشرقية يوم الاثنين، ما أسفر عن مقتل 12 مدنيا. "
    douma += "وقال المرصد السوري لحقوق الإنسان إن القصف استهدف الأحياء السكنية."
    sky = "قال الدفاع المدني إن غارات شنتها طائرات النظام السوري على بلدة حمورية قرب دوما أدت إلى مقتل 18 شخصا "
    sky += "يوم الثلاثاء."
    denial = "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مدينة دوما في الغوطة الشرقية."
    idlib = "قتل 5 أشخاص في غارة جوية على مدينة إدلب يوم الاثنين بحسب ناشطين."
    afrin = "اشتبكت القوات التركية مع وحدات حماية الشعب الكردية في عفرين يوم الثلاثاء."
    return [
        build_doc(
            "bbc-2018-02-19-douma",
            douma,
            published="2018-02-19",
            outlet="BBC Arabic",
            title="غارات على دوما",
            url="http://example.org/bbc/douma",
            entities=[
                _RUSSIA,
                {"id": "e2", "kind": "place", "name_ar": "دوما", "name_en": "Douma", "geo": DOUMA},
                _CIVILIANS,
                {"id": "e4", "name_ar": "المرصد السوري لحقوق الإنسان", "name_en": "SOHR", "actor_type": "noncombatant"},
            ],
            attributions=[{"id": "a1", "speaker": "e4", "cue": "وقال", "content": "القصف استهدف الأحياء السكنية"}],
            events=[
                {
                    **_STRIKE,
                    "id": "v1",
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
        build_doc(
            "sky-2018-02-20-hamouriyeh",
            sky,
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
                    **_STRIKE,
                    "id": "v1",
                    "trigger": "غارات",
                    "date": "2018-02-20",
                    "actor1": "e1",
                    "location": "e2",
                    "fatalities": 18,
                    "sources": ["a1"],
                },
            ],
        ),
        build_doc(
            "f24-2018-02-20-denial",
            denial,
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
            attributions=[{"id": "a1", "speaker": "e1", "cue": "نفت", "content": "قصفت مدينة دوما", "stance": "deny"}],
            events=[
                {
                    **_STRIKE,
                    "id": "v1",
                    "trigger": "قصفت",
                    "date": "2018-02-19",
                    "actor1": "e1",
                    "location": "e2",
                    "sources": ["a1"],
                    "denied": True,
                },
            ],
        ),
        build_doc(
            "cnn-2018-02-19-idlib",
            idlib,
            published="2018-02-19",
            outlet="CNN Arabic",
            title="غارة على إدلب",
            url="http://example.org/cnn/idlib",
            entities=[{"id": "e1", "kind": "place", "name_ar": "إدلب", "name_en": "Idlib", "geo": IDLIB_CITY}],
            events=[
                {**_STRIKE, "id": "v1", "trigger": "غارة جوية", "date": "2018-02-19", "location": "e1", "fatalities": 5}
            ],
        ),
        build_doc(
            "bbc-2018-02-20-afrin",
            afrin,
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
                {"id": "e3", "kind": "place", "name_ar": "عفرين", "name_en": "Afrin", "geo": AFRIN_TOWN},
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
    ]


def sample_documents() -> list[tuple[dict[str, Any], str]]:
    """Five (document, text) pairs: one happening reported by three outlets, and two other events."""
    return [(d.to_dict(), d.text) for d in _store_docs()]


# -- the API and web UI set: every layer, and an article that tries to run script -----------------------

MAARAT = geo("Maarat al-Numan", 35.6478, 36.6728, "Idlib", "Maarat al-Numan", feature="PPL", gazetteer_id="gn:169387")
IDLIB_ADM1 = geo("Idlib", 35.9306, 36.6339, "Idlib", None, precision=3, feature="ADM1", gazetteer_id="gn:169388")
AFRIN = geo("Afrin", 36.5119, 36.8697, "Aleppo", "Afrin", feature="PPL", gazetteer_id="gn:174186")
DARAA = geo("Daraa", 32.6189, 36.1021, "Daraa", "Daraa", feature="PPLA", gazetteer_id="gn:170903")

_PWN = "window.__pwned=1"


def _api_docs() -> list[Doc]:
    strike = (
        "٥ آذار ٢٠١٨ - قال المرصد السوري لحقوق الإنسان إن طائرات حربية تابعة لقوات النظام شنت غارات على بلدة "
        "معرة النعمان في ريف إدلب، ما أسفر عن مقتل 12 مدنيا.\n"
        "ونفى مصدر عسكري في الجيش السوري استهداف المدنيين."
    )
    enab = "قتل 11 مدنيا في غارة جوية على معرة النعمان بريف إدلب يوم الاثنين، بحسب ناشطين."
    clash = "اندلعت اشتباكات عنيفة بين وحدات حماية الشعب والجيش التركي قرب عفرين يوم السبت العاشر من آذار."
    protest = "تظاهر مئات من أهالي درعا يوم الجمعة للمطالبة بالإفراج عن المعتقلين."
    malicious = (
        f'قال ناشطون إن <script>{_PWN}</script> قصفا استهدف <img src=x onerror="{_PWN}"> '
        f'بلدة معرة النعمان <b onmouseover="{_PWN}">اليوم</b>.'
    )
    civilians = {
        "kind": "actor",
        "name_ar": "مدنيين",
        "name_en": "Civilians (Syria)",
        "actor_type": "civilians",
        "mentions": ["مدنيا"],
        "source": "event",
    }
    maarat = {
        "kind": "place",
        "name_ar": "معرة النعمان",
        "name_en": "Maarat al-Numan",
        "canonical_id": "gn:169387",
        "geo": MAARAT,
    }
    air_strike = {"id": "ev1", **_STRIKE, "trigger": "غارة جوية", "date": "2018-03-05"}
    return [
        build_doc(
            STRIKE_ID,
            strike,
            published="2018-03-05",
            outlet="SOHR",
            title="غارات على معرة النعمان",
            url="https://example.org/a/1",
            dates=[{"text": "٥ آذار ٢٠١٨", "value": "2018-03-05"}],
            quantities=[{"text": "12 مدنيا", "value": 12, "unit": "مدني", "category": "killed"}],
            entities=[
                {
                    "id": "e1",
                    "name_ar": "المرصد السوري لحقوق الإنسان",
                    "name_en": "Syrian Observatory for Human Rights",
                    "canonical_id": "org:sohr",
                },
                {
                    "id": "e2",
                    "name_ar": "قوات النظام",
                    "name_en": "Military Forces of Syria (2000-)",
                    "canonical_id": "actor:syria-military",
                    "actor_type": "state_forces",
                    "mentions": ["قوات النظام", "الجيش السوري"],
                    "country": "Syria",
                },
                {"id": "e3", **civilians},
                {"id": "e4", **maarat, "level": "town"},
                {
                    "id": "e5",
                    "kind": "place",
                    "name_ar": "إدلب",
                    "name_en": "Idlib",
                    "canonical_id": "gn:169388",
                    "geo": IDLIB_ADM1,
                    "level": "admin1",
                },
            ],
            attributions=[
                {
                    "id": "a1",
                    "speaker": "e1",
                    "cue": "قال",
                    "content": "طائرات حربية تابعة لقوات النظام شنت غارات على بلدة معرة النعمان في ريف إدلب، ما أسفر عن مقتل 12 مدنيا",
                },
                {
                    "id": "a2",
                    "speaker_text": "مصدر عسكري في الجيش السوري",
                    "cue": "نفى",
                    "content": "استهداف المدنيين",
                    "anonymous": True,
                    "stance": "deny",
                },
            ],
            events=[
                {
                    **_STRIKE,
                    "id": "ev1",
                    "trigger": "غارات",
                    "date": "2018-03-05",
                    "actor1": "e2",
                    "actor2": "e3",
                    "location": "e4",
                    "fatalities": 12,
                    "quantities": ["12 مدنيا"],
                    "sources": ["a1", "a2"],
                    "confidence": 0.9,
                    "evidence": ["مقتل 12 مدنيا"],
                    "plover": "ATTACK",
                },
            ],
        ),
        build_doc(
            "enab-2018-03-05-maarat",
            enab,
            published="2018-03-05",
            outlet="Enab Baladi",
            title="مقتل مدنيين في معرة النعمان",
            url="https://example.org/b/7",
            quantities=[{"text": "11 مدنيا", "value": 11, "unit": "مدني", "category": "killed"}],
            entities=[
                {"id": "e1", **maarat},
                {"id": "e2", **civilians},
                {"id": "e3", "kind": "actor", "name_ar": "ناشطين", "name_en": "Activists", "source": "pattern"},
            ],
            attributions=[
                {
                    "id": "a1",
                    "speaker": "e3",
                    "cue": "بحسب",
                    "content": "قتل 11 مدنيا في غارة جوية على معرة النعمان بريف إدلب يوم الاثنين",
                },
            ],
            events=[{**air_strike, "actor2": "e2", "location": "e1", "fatalities": 11, "sources": ["a1"]}],
        ),
        build_doc(
            "afrin-2018-03-10",
            clash,
            published="2018-03-10",
            outlet="Enab Baladi",
            title="اشتباكات قرب عفرين",
            dates=[{"text": "العاشر من آذار", "value": "2018-03-10"}],
            entities=[
                {
                    "id": "e1",
                    "name_ar": "وحدات حماية الشعب",
                    "name_en": "YPG: People's Protection Units",
                    "canonical_id": "actor:ypg",
                    "actor_type": "identity_militia",
                },
                {
                    "id": "e2",
                    "name_ar": "الجيش التركي",
                    "name_en": "Military Forces of Turkey (2016-)",
                    "canonical_id": "actor:turkey-military",
                    "actor_type": "external",
                },
                {
                    "id": "e3",
                    "kind": "place",
                    "name_ar": "عفرين",
                    "name_en": "Afrin",
                    "canonical_id": "gn:174186",
                    "geo": AFRIN,
                },
            ],
            events=[
                {
                    "id": "ev1",
                    "event_type": "Battles",
                    "sub_event_type": "Armed clash",
                    "trigger": "اشتباكات",
                    "date": "2018-03-10",
                    "actor1": "e1",
                    "actor2": "e2",
                    "location": "e3",
                    "confidence": 0.85,
                },
            ],
        ),
        build_doc(
            "daraa-2018-03-16",
            protest,
            published="2018-03-16",
            outlet="SOHR",
            title="مظاهرة في درعا",
            quantities=[{"text": "مئات", "value": 100, "approx": True, "unit": "متظاهر", "category": "people"}],
            entities=[
                {
                    "id": "e1",
                    "kind": "actor",
                    "name_ar": "متظاهرين",
                    "name_en": "Protesters (Syria)",
                    "actor_type": "protesters",
                    "mentions": ["أهالي درعا"],
                    "source": "event",
                },
                {
                    "id": "e2",
                    "kind": "place",
                    "name_ar": "درعا",
                    "name_en": "Daraa",
                    "canonical_id": "gn:170903",
                    "geo": DARAA,
                },
            ],
            events=[
                {
                    "id": "ev1",
                    "event_type": "Protests",
                    "sub_event_type": "Peaceful protest",
                    "trigger": "تظاهر",
                    "date": "2018-03-16",
                    "actor1": "e1",
                    "location": "e2",
                    "confidence": 0.7,
                },
            ],
        ),
        build_doc(
            MALICIOUS_ID,
            malicious,
            published="2018-03-06",
            outlet=f"<script>{_PWN}</script>",
            title=f'<img src=x onerror="{_PWN}">',
            url=f"javascript:{_PWN}",
            entities=[
                {
                    "id": "e1",
                    "kind": "place",
                    "name_ar": "<script>",
                    "name_en": f'x" onerror="{_PWN}',
                    "mentions": [f"<script>{_PWN}</script>"],
                    "geo": MAARAT,
                },
                {
                    "id": "e2",
                    "kind": "actor",
                    "name_ar": "ناشطون",
                    "name_en": f"<img src=x onerror={_PWN}>",
                    "source": "pattern",
                },
            ],
            attributions=[{"id": "a1", "speaker": "e2", "cue": "قال", "content": f'<img src=x onerror="{_PWN}">'}],
            events=[
                {
                    "id": "ev1",
                    **_STRIKE,
                    "sub_event_type": "Shelling/artillery/missile attack",
                    "trigger": "قصفا",
                    "date": "2018-03-06",
                    "location": "e1",
                    "sources": ["a1"],
                    "evidence": [f'<b onmouseover="{_PWN}">'],
                },
            ],
        ),
    ]


def api_documents() -> list[dict[str, Any]]:
    """The API and web UI set, as hadath/1 dicts with their text."""
    return [d.to_dict(include_text=True) for d in _api_docs()]


EXTRACT_TEXTS = [
    (
        "extracted-1",
        "2018-02-09",
        "قال المرصد السوري لحقوق الإنسان إن ثلاثة مدنيين قتلوا اليوم الجمعة في قصف مدفعي على بلدة سراقب في ريف إدلب.",
    ),
    ("extracted-2", "2018-02-10", "أعلن الجيش السوري أنه سيطر على قرية أبو الظهور بعد اشتباكات مع فصائل المعارضة."),
]


def extracted_docs() -> list[dict[str, Any]]:
    """Documents produced by the default pipeline on small hand-written texts."""
    import hadath

    return [
        hadath.extract(text, id=aid, published=pub, outlet="hand-written").to_dict(include_text=True)
        for aid, pub, text in EXTRACT_TEXTS
    ]


def populate(store: Any, *, with_extracted: bool = True) -> None:
    """Add every document of the API set (and the extracted ones) to ``store`` and compute the clusters."""
    docs = api_documents() + (extracted_docs() if with_extracted else [])
    for d in docs:
        text = d.pop("text")
        store.add(d, text=text, source="tests")
    store.recluster()


def make_client(app: Any, *, raise_errors: bool = True) -> Any:
    """An httpx client calling the ASGI app in-process."""
    import httpx

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_errors)
    return httpx.AsyncClient(transport=transport, base_url="http://hadath.test")
