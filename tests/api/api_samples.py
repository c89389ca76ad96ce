"""Hand-built hadath/1 documents for the API and browser tests.

The documents are built with the library's own layer classes, so they follow the contract, and by
hand, so the tests do not move when the extraction stages improve.  Offsets come from finding the
substrings in the text.  ``extracted_docs`` adds documents produced by ``hadath.extract``.
"""

from __future__ import annotations

from typing import Any

from hadath.doc import ArticleMeta, Attribution, DateSpan, Doc, Entity, Event, Geo, Quantity, Sentence, Span

__all__ = [
    "MALICIOUS_ID",
    "STRIKE_ID",
    "TOKEN",
    "build_docs",
    "extracted_docs",
    "make_client",
    "malicious_doc",
    "populate",
]

TOKEN = "s3cret-token"
STRIKE_ID = "sohr-2018-03-05-maarat"
MALICIOUS_ID = "malicious-1"

MAARAT = Geo("Maarat al-Numan", 35.6478, 36.6728, "Syria", "Idlib", "Maarat al-Numan", "PPL", "gn:169387", 1)
IDLIB = Geo("Idlib", 35.9306, 36.6339, "Syria", "Idlib", None, "ADM1", "gn:169388", 3)
AFRIN = Geo("Afrin", 36.5119, 36.8697, "Syria", "Aleppo", "Afrin", "PPL", "gn:174186", 1)
DARAA = Geo("Daraa", 32.6189, 36.1021, "Syria", "Daraa", "Daraa", "PPLA", "gn:170903", 1)


def _span(text: str, sub: str, nth: int = 0, after: int = 0) -> Span:
    i = after - 1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return Span(i, i + len(sub), sub)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".\n":
            if text[start : i + 1].strip():
                out.append(Sentence(start, i + 1))
            start = i + 1
    if text[start:].strip():
        out.append(Sentence(start, len(text)))
    return out


def _date(text: str, sub: str, value: str) -> DateSpan:
    s = _span(text, sub)
    return DateSpan(s.start, s.end, s.text, value, None, "day", "absolute")


def _qty(text: str, sub: str, value: int, unit: str, category: str) -> Quantity:
    s = _span(text, sub)
    return Quantity(s.start, s.end, s.text, value, unit=unit, category=category)


def _attribution(
    aid: str, text: str, speaker: str | None, speaker_sub: str, cue: str, content: str, **kw: Any
) -> Attribution:
    sp = _span(text, speaker_sub)
    c = _span(text, cue)
    body = _span(text, content, after=max(c.end, sp.end))
    return Attribution(aid, speaker, sp.text, sp.start, sp.end, cue, c.start, c.end, body, **kw)


def _sentence_of(doc: Doc, span: Span) -> Sentence:
    return next(s for s in doc.sentences if s.start <= span.start < s.end)


def strike_doc() -> Doc:
    text = (
        "٥ آذار ٢٠١٨ - قال المرصد السوري لحقوق الإنسان إن طائرات حربية تابعة لقوات النظام شنت غارات على بلدة "
        "معرة النعمان في ريف إدلب، ما أسفر عن مقتل 12 مدنيا.\n"
        "ونفى مصدر عسكري في الجيش السوري استهداف المدنيين."
    )
    doc = Doc(
        text,
        ArticleMeta(STRIKE_ID, "غارات على معرة النعمان", "2018-03-05", "metadata", "SOHR", "https://example.org/a/1"),
    )
    doc.sentences = _sentences(text)
    doc.dates = [_date(text, "٥ آذار ٢٠١٨", "2018-03-05")]
    doc.quantities = [_qty(text, "12 مدنيا", 12, "مدني", "killed")]
    doc.entities = [
        Entity(
            "e1",
            "organization",
            "المرصد السوري لحقوق الإنسان",
            "Syrian Observatory for Human Rights",
            "org:sohr",
            None,
            [_span(text, "المرصد السوري لحقوق الإنسان")],
        ),
        Entity(
            "e2",
            "organization",
            "قوات النظام",
            "Military Forces of Syria (2000-)",
            "actor:syria-military",
            "state_forces",
            [_span(text, "قوات النظام"), _span(text, "الجيش السوري")],
            country="Syria",
        ),
        Entity("e3", "actor", "مدنيين", "Civilians (Syria)", None, "civilians", [_span(text, "مدنيا")], source="event"),
        Entity(
            "e4",
            "place",
            "معرة النعمان",
            "Maarat al-Numan",
            "gn:169387",
            None,
            [_span(text, "معرة النعمان")],
            geo=MAARAT,
            level="town",
        ),
        Entity("e5", "place", "إدلب", "Idlib", "gn:169388", None, [_span(text, "إدلب")], geo=IDLIB, level="admin1"),
    ]
    doc.attributions = [
        _attribution("a1", text, "e1", "المرصد السوري لحقوق الإنسان", "قال", "طائرات حربية"),
        _attribution(
            "a2", text, None, "مصدر عسكري في الجيش السوري", "نفى", "استهداف المدنيين", anonymous=True, stance="deny"
        ),
    ]
    # a1's content runs to the end of the first sentence
    a1 = doc.attributions[0]
    assert a1.content is not None
    end = text.index("مدنيا.") + len("مدنيا")
    a1.content = Span(a1.content.start, end, text[a1.content.start : end])
    trig = _span(text, "غارات")
    doc.events = [
        Event(
            "ev1",
            "Explosions/Remote violence",
            "Air/drone strike",
            trig,
            "2018-03-05",
            1,
            "e2",
            "e3",
            location="e4",
            geo=MAARAT,
            fatalities=12,
            quantities=[doc.quantities[0]],
            sources=["a1", "a2"],
            sentence=_sentence_of(doc, trig),
            confidence=0.9,
            evidence=[_span(text, "مقتل 12 مدنيا")],
            plover="ATTACK",
        ),
    ]
    return doc


def strike_doc_other_outlet() -> Doc:
    text = "قتل 11 مدنيا في غارة جوية على معرة النعمان بريف إدلب يوم الاثنين، بحسب ناشطين."
    doc = Doc(
        text,
        ArticleMeta(
            "enab-2018-03-05-maarat",
            "مقتل مدنيين في معرة النعمان",
            "2018-03-05",
            "metadata",
            "Enab Baladi",
            "https://example.org/b/7",
        ),
    )
    doc.sentences = _sentences(text)
    doc.quantities = [_qty(text, "11 مدنيا", 11, "مدني", "killed")]
    doc.entities = [
        Entity(
            "e1",
            "place",
            "معرة النعمان",
            "Maarat al-Numan",
            "gn:169387",
            None,
            [_span(text, "معرة النعمان")],
            geo=MAARAT,
        ),
        Entity("e2", "actor", "مدنيين", "Civilians (Syria)", None, "civilians", [_span(text, "مدنيا")], source="event"),
        Entity("e3", "actor", "ناشطين", "Activists", None, None, [_span(text, "ناشطين")], source="pattern"),
    ]
    doc.attributions = [
        Attribution(
            "a1",
            "e3",
            "ناشطين",
            *(_span(text, "ناشطين").start, _span(text, "ناشطين").end),
            "بحسب",
            _span(text, "بحسب").start,
            _span(text, "بحسب").end,
            Span(0, text.index("،"), text[: text.index("،")]),
        ),
    ]
    trig = _span(text, "غارة جوية")
    doc.events = [
        Event(
            "ev1",
            "Explosions/Remote violence",
            "Air/drone strike",
            trig,
            "2018-03-05",
            1,
            None,
            "e2",
            location="e1",
            geo=MAARAT,
            fatalities=11,
            sources=["a1"],
            sentence=_sentence_of(doc, trig),
            confidence=0.8,
        ),
    ]
    return doc


def clash_doc() -> Doc:
    text = "اندلعت اشتباكات عنيفة بين وحدات حماية الشعب والجيش التركي قرب عفرين يوم السبت العاشر من آذار."
    doc = Doc(text, ArticleMeta("afrin-2018-03-10", "اشتباكات قرب عفرين", "2018-03-10", "metadata", "Enab Baladi"))
    doc.sentences = _sentences(text)
    doc.dates = [_date(text, "العاشر من آذار", "2018-03-10")]
    doc.entities = [
        Entity(
            "e1",
            "organization",
            "وحدات حماية الشعب",
            "YPG: People's Protection Units",
            "actor:ypg",
            "identity_militia",
            [_span(text, "وحدات حماية الشعب")],
        ),
        Entity(
            "e2",
            "organization",
            "الجيش التركي",
            "Military Forces of Turkey (2016-)",
            "actor:turkey-military",
            "external",
            [_span(text, "الجيش التركي")],
        ),
        Entity("e3", "place", "عفرين", "Afrin", "gn:174186", None, [_span(text, "عفرين")], geo=AFRIN),
    ]
    trig = _span(text, "اشتباكات")
    doc.events = [
        Event(
            "ev1",
            "Battles",
            "Armed clash",
            trig,
            "2018-03-10",
            1,
            "e1",
            "e2",
            location="e3",
            geo=AFRIN,
            sentence=_sentence_of(doc, trig),
            confidence=0.85,
        ),
    ]
    return doc


def protest_doc() -> Doc:
    text = "تظاهر مئات من أهالي درعا يوم الجمعة للمطالبة بالإفراج عن المعتقلين."
    doc = Doc(text, ArticleMeta("daraa-2018-03-16", "مظاهرة في درعا", "2018-03-16", "metadata", "SOHR"))
    doc.sentences = _sentences(text)
    doc.quantities = [
        Quantity(
            *(_span(text, "مئات").start, _span(text, "مئات").end),
            "مئات",
            100,
            approx=True,
            unit="متظاهر",
            category="people",
        )
    ]
    doc.entities = [
        Entity(
            "e1",
            "actor",
            "متظاهرين",
            "Protesters (Syria)",
            None,
            "protesters",
            [_span(text, "أهالي درعا")],
            source="event",
        ),
        Entity("e2", "place", "درعا", "Daraa", "gn:170903", None, [_span(text, "درعا")], geo=DARAA),
    ]
    trig = _span(text, "تظاهر")
    doc.events = [
        Event(
            "ev1",
            "Protests",
            "Peaceful protest",
            trig,
            "2018-03-16",
            1,
            "e1",
            None,
            location="e2",
            geo=DARAA,
            sentence=_sentence_of(doc, trig),
            confidence=0.7,
        ),
    ]
    return doc


def malicious_doc() -> Doc:
    """An article whose text, title and url try to run script in the reader."""
    text = (
        'قال ناشطون إن <script>window.__pwned=1</script> قصفا استهدف <img src=x onerror="window.__pwned=1"> '
        'بلدة معرة النعمان <b onmouseover="window.__pwned=1">اليوم</b>.'
    )
    doc = Doc(
        text,
        ArticleMeta(
            MALICIOUS_ID,
            '<img src=x onerror="window.__pwned=1">',
            "2018-03-06",
            "metadata",
            "<script>window.__pwned=1</script>",
            "javascript:window.__pwned=1",
        ),
    )
    doc.sentences = _sentences(text)
    doc.entities = [
        Entity(
            "e1",
            "place",
            "<script>",
            'x" onerror="window.__pwned=1',
            None,
            None,
            [_span(text, "<script>window.__pwned=1</script>")],
            geo=MAARAT,
        ),
        Entity(
            "e2",
            "actor",
            "ناشطون",
            "<img src=x onerror=window.__pwned=1>",
            None,
            None,
            [_span(text, "ناشطون")],
            source="pattern",
        ),
    ]
    doc.attributions = [
        Attribution(
            "a1",
            "e2",
            "ناشطون",
            _span(text, "ناشطون").start,
            _span(text, "ناشطون").end,
            "قال",
            _span(text, "قال").start,
            _span(text, "قال").end,
            _span(text, '<img src=x onerror="window.__pwned=1">'),
        ),
    ]
    trig = _span(text, "قصفا")
    doc.events = [
        Event(
            "ev1",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            trig,
            "2018-03-06",
            1,
            None,
            None,
            location="e1",
            geo=MAARAT,
            sources=["a1"],
            sentence=_sentence_of(doc, trig),
            evidence=[_span(text, '<b onmouseover="window.__pwned=1">')],
        ),
    ]
    return doc


def build_docs() -> list[dict[str, Any]]:
    """The hand-built documents, as hadath/1 dicts with their text."""
    docs = [strike_doc(), strike_doc_other_outlet(), clash_doc(), protest_doc(), malicious_doc()]
    return [d.to_dict(include_text=True) for d in docs]


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
    """Add every sample document to ``store`` and compute the clusters."""
    docs = build_docs() + (extracted_docs() if with_extracted else [])
    for d in docs:
        text = d.pop("text")
        store.add(d, text=text, source="tests")
    store.recluster()


def make_client(app: Any, *, raise_errors: bool = True) -> Any:
    """An httpx client calling the ASGI app in-process."""
    import httpx

    transport = httpx.ASGITransport(app=app, raise_app_exceptions=raise_errors)
    return httpx.AsyncClient(transport=transport, base_url="http://hadath.test")
