"""The Doc and its layers; ``Doc.to_dict()`` is the hadath/1 JSON contract (docs/contract.md).

Every span stores offsets into the ORIGINAL text: ``doc.text[s.start:s.end] == s.text``.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any

from hadath.lang.ar.clitics import AL, BI, CONJUNCTIONS, FA, KA, LI, WA
from hadath.lang.ar.orthography import NormText, normalize
from hadath.taxonomy import ACTOR_TYPES

__all__ = [
    "ACTOR_TYPES",
    "SCHEMA",
    "ArticleMeta",
    "Attribution",
    "DateSpan",
    "Doc",
    "Entity",
    "Event",
    "Focus",
    "Geo",
    "Mention",
    "Quantity",
    "Sentence",
    "Span",
    "Token",
]

SCHEMA = "hadath/1"


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention(Span):
    """A mention of an entity: a span that also says whether it is a ``name`` (حركة أنصار الدين، جاك سترو) or a
    ``description`` of a specific referent (القوات الأمنية، رئيس الوزراء الإسرائيلي); ``None`` for places."""

    reference: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"text": self.text, "start": self.start, "end": self.end}
        if self.reference is not None:
            d["reference"] = self.reference
        return d


@dataclass(slots=True)
class Sentence:
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Token:
    """One word or symbol.

    ``norm`` is the normalised surface; ``stem`` the normalised form without
    clitics (and without the article); ``prefix`` the proclitics in normalised
    form (e.g. ``"و"``, ``"وب"``), ``article`` whether ال/لل was present,
    ``suffix`` the enclitic.  ``forms`` are the normalised readings a
    dictionary may match (surface first, then clitic-stripped readings with
    the article kept: بالجيش → (بالجيش, الجيش)).  ``nstart``/``nend`` index the
    normalised view.
    """

    start: int
    end: int
    text: str
    norm: str
    nstart: int
    nend: int
    stem: str
    prefix: str = ""
    article: bool = False
    suffix: str = ""
    forms: tuple[str, ...] = ()
    is_word: bool = True
    sent: int = 0

    @property
    def core(self) -> str:
        """The normalised form without proclitics but with the article (والجيش → الجيش)."""
        return (AL if self.article else "") + self.stem

    # The proclitics are و or ف (a conjunction), then ب, ل or ك (a preposition): ask these instead of the letters.
    @property
    def has_wa(self) -> bool:
        """The word carries the conjunction و (والجيش)."""
        return self.prefix[:1] == WA

    @property
    def has_fa(self) -> bool:
        """The word carries the conjunction ف (فقال)."""
        return self.prefix[:1] == FA

    @property
    def has_conj(self) -> bool:
        """The word carries و or ف."""
        return self.prefix[:1] in CONJUNCTIONS

    @property
    def prep(self) -> str:
        """The prepositional proclitic (ب, ل or ك, in normalised form) or ""."""
        last = self.prefix[-1:]
        return last if last in (BI, LI, KA) else ""

    @property
    def has_bi(self) -> bool:
        """The word carries the preposition ب (بالجيش، وبحسب)."""
        return self.prefix[-1:] == BI

    @property
    def has_li(self) -> bool:
        """The word carries the preposition ل (للجيش، ولقوات)."""
        return self.prefix[-1:] == LI


@dataclass(slots=True)
class DateSpan:
    start: int
    end: int
    text: str
    value: str
    end_value: str | None
    precision: str  # day | week | month | year
    kind: str = "absolute"  # dateline | absolute | relative | metadata

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "end_value": self.end_value,
            "precision": self.precision,
        }


@dataclass(slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float | int
    approx: bool = False
    unit: str | None = None
    unit_start: int | None = None
    unit_end: int | None = None
    category: str | None = None  # killed | injured | fighters | villages | vehicles | people | ...

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "approx": self.approx,
            "unit": self.unit,
        }
        if self.category is not None:
            d["category"] = self.category
        return d


@dataclass(slots=True)
class Geo:
    name_en: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin2: str | None
    feature: str | None
    gazetteer_id: str | None
    geo_precision: int | None
    confidence: float | None = None
    candidates: int | None = None
    direction: str | None = None
    #: "place" (the place's own point), "centroid" (a country's or unit's area: drawn at its centroid, flagged),
    #: "area" (a place the gazetteer lacks, drawn at the unit the text puts it in)
    point: str | None = None
    #: False for a place the text names that no gazetteer holds (``hadath gazetteer lookup`` says which import adds it)
    in_gazetteer: bool | None = None
    score: float | None = None  # the chosen candidate's score (hadath.gazetteer.resolve)
    runner_up: dict[str, Any] | None = None  # the best other candidate: gazetteer_id, name_en, country, admin1, score

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "name_en": self.name_en,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "feature": self.feature,
            "gazetteer_id": self.gazetteer_id,
            "geo_precision": self.geo_precision,
        }
        if self.confidence is not None:
            d["confidence"] = round(self.confidence, 3)
        if self.candidates is not None:
            d["candidates"] = self.candidates
        if self.direction is not None:
            d["direction"] = self.direction
        if self.point is not None:
            d["point"] = self.point
        if self.in_gazetteer is not None:
            d["in_gazetteer"] = self.in_gazetteer
        if self.score is not None:
            d["score"] = round(self.score, 2)
        if self.runner_up is not None:
            d["runner_up"] = self.runner_up
        return d


@dataclass(slots=True)
class Entity:
    id: str
    kind: str  # person | organization | place
    name_ar: str
    name_en: str | None
    canonical_id: str | None
    actor_type: str | None
    mentions: list[Span] = field(default_factory=list)
    geo: Geo | None = None
    country: str | None = None
    role: str | None = None
    affiliation: str | None = None  # entity id
    source: str = "kb"  # kb | pattern | model | context | event
    level: str | None = None  # for places: country | admin1 | admin2 | city | town | village | region | ...
    #: persons, organisations, actors: ``name`` when one mention names the referent, else ``description``
    reference: str | None = None
    #: persons and organisations: where ``name_en`` came from — kb | known | romanizer | rules
    name_en_source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "canonical_id": self.canonical_id,
            "actor_type": self.actor_type,
            "mentions": [m.to_dict() for m in self.mentions],
            "geo": self.geo.to_dict() if self.geo else None,
        }
        for key in ("country", "role", "affiliation", "level", "reference", "name_en_source"):
            val = getattr(self, key)
            if val is not None:
                d[key] = val
        d["source"] = self.source
        return d


@dataclass(slots=True)
class Attribution:
    id: str
    speaker: str | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    content: Span | None
    direct_quote: bool = False
    anonymous: bool = False
    stance: str = "assert"  # assert | deny | accuse | condemn | claim | confirm | silent
    confirms: str | None = None
    implicit: bool = False
    article_level: bool = False
    addressee: str | None = None  # entity id
    relays: str | None = None  # id of the act this act reports second-hand (نقلت X عن Y قوله، قال X إن Y حذر)
    speaker_rule: str | None = None  # the rule that chose the speaker (docs/attribution.md)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "cue": self.cue,
            "cue_start": self.cue_start,
            "cue_end": self.cue_end,
            "content": self.content.to_dict() if self.content else None,
            "direct_quote": self.direct_quote,
            "anonymous": self.anonymous,
            "stance": self.stance,
            "confirms": self.confirms,
            "implicit": self.implicit,
            "article_level": self.article_level,
            "addressee": self.addressee,
            "relays": self.relays,
            "speaker_rule": self.speaker_rule,
        }


@dataclass(slots=True)
class Event:
    id: str
    event_type: str
    sub_event_type: str
    trigger: Span
    date: str | None
    time_precision: int | None
    actor1: str | None
    actor2: str | None
    assoc_actors: list[str] = field(default_factory=list)
    location: str | None = None
    geo: Geo | None = None
    fatalities: int | None = None
    quantities: list[Quantity] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    sentence: Sentence | None = None
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)
    plover: str | None = None
    denied: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "trigger": self.trigger.to_dict(),
            "date": self.date,
            "time_precision": self.time_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc_actors": list(self.assoc_actors),
            "location": self.location,
            "geo": self.geo.to_dict() if self.geo else None,
            "fatalities": self.fatalities,
            "quantities": [q.to_dict() for q in self.quantities],
            "sources": list(self.sources),
            "sentence": self.sentence.to_dict() if self.sentence else None,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
            "plover": self.plover,
            "denied": self.denied,
        }


@dataclass(slots=True)
class Focus:
    """The country an article is about, and why: the ``focus`` layer.

    ``source`` says which evidence decided: ``names`` (country names, nationality adjectives, capitals and
    the countries of named actors and persons, weighed by the ``entities`` stage) or ``places`` (the
    countries of the places the ``places`` stage found, used when the names decide nothing).  ``votes`` are
    the weights of that evidence per country.
    """

    country: str | None = None
    source: str | None = None  # names | places | None
    votes: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        top = sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
        return {"country": self.country, "source": self.source, "votes": {k: round(v, 2) for k, v in top}}


@dataclass(slots=True)
class ArticleMeta:
    id: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None  # metadata | dateline | None
    outlet: str | None = None
    url: str | None = None
    language: str = "ar"


class Doc:
    """One article flowing through the pipeline.

    ``text`` is the original text, never modified.  ``norm`` is the
    normalised view with its offset map.  Stages add layers and record their
    name in ``provided``.
    """

    __slots__ = (
        "_entity_index",
        "_norm",
        "_tok_ends",
        "attributions",
        "dates",
        "entities",
        "events",
        "focus",
        "meta",
        "provided",
        "quantities",
        "sentences",
        "text",
        "tokens",
        "user_data",
        "warnings",
    )

    def __init__(self, text: str, meta: ArticleMeta | None = None) -> None:
        self.text: str = text
        self.meta: ArticleMeta = meta or ArticleMeta()
        self._norm: NormText | None = None
        self.sentences: list[Sentence] = []
        self.tokens: list[Token] = []
        self.dates: list[DateSpan] = []
        self.quantities: list[Quantity] = []
        self.entities: list[Entity] = []
        self.attributions: list[Attribution] = []
        self.events: list[Event] = []
        self.provided: set[str] = {"text"}
        self.focus: Focus = Focus()
        self._tok_ends: tuple[int, list[int]] | None = None
        self._entity_index: tuple[list[Entity], int, dict[str, Entity]] | None = None
        self.user_data: dict[str, Any] = {}
        self.warnings: list[str] = []

    @property
    def norm(self) -> NormText:
        """The normalised view (built by the ``normalize`` stage, or on first use)."""
        if self._norm is None:
            self._norm = normalize(self.text)
        return self._norm

    @norm.setter
    def norm(self, value: NormText) -> None:
        self._norm = value

    @property
    def focus_country(self) -> str | None:
        """The ISO-2 code of the country the article is about (``focus.country``)."""
        return self.focus.country

    # -- helpers shared by stages -------------------------------------------------
    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """The tokens that overlap the original-text span ``[start, end)``: ``tokens[i:j]``.

        An empty span (or one between tokens) gives ``(i, i)`` where ``i`` is the first token that ends after
        ``start``.
        """
        toks = self.tokens
        cached = self._tok_ends
        if cached is None or cached[0] != len(toks):
            cached = self._tok_ends = (len(toks), [t.end for t in toks])
        ends = cached[1]
        i = bisect.bisect_right(ends, start)
        j = i
        n = len(toks)
        while j < n and toks[j].start < end:
            j += 1
        return i, j

    def span(self, start: int, end: int) -> Span:
        """A Span of the original text."""
        return Span(start, end, self.text[start:end])

    def span_from_norm(self, nstart: int, nend: int) -> Span:
        """A Span of the original text from offsets in the normalised view."""
        s, e = self.norm.to_original(nstart, nend)
        return Span(s, e, self.text[s:e])

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing original offset ``pos`` (or the nearest before it)."""
        lo, hi = 0, len(self.sentences) - 1
        best = 0
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= pos:
                best = mid
                lo = mid + 1
            else:
                hi = mid - 1
        return best

    def entity(self, entity_id: str | None) -> Entity | None:
        """The (first) entity with id ``entity_id``, from an index that follows ``entities`` as it grows (a scan
        per call made the readers that ask for each speaker's or actor's entity quadratic).  Stages only append to
        ``entities`` or replace the list; an in-place edit of its items would need the index rebuilt."""
        if entity_id is None:
            return None
        ents = self.entities
        cached = self._entity_index
        if cached is None or cached[0] is not ents or cached[1] > len(ents):
            cached = (ents, 0, {})
        index = cached[2]
        if cached[1] < len(ents):
            for e in ents[cached[1] :]:
                index.setdefault(e.id, e)
            cached = (ents, len(ents), index)
        self._entity_index = cached
        return index.get(entity_id)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The hadath/1 document; ``include_text`` adds the text the offsets refer to."""
        m = self.meta
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "article": {
                "id": m.id,
                "title": m.title,
                "published": m.published,
                "published_source": m.published_source,
                "outlet": m.outlet,
                "url": m.url,
                "language": m.language,
                "sha256": self.sha256,
            },
            "sentences": [s.to_dict() for s in self.sentences],
            "dates": [d.to_dict() for d in self.dates],
            "quantities": [q.to_dict() for q in self.quantities],
            "entities": [e.to_dict() for e in self.entities],
            "attributions": [a.to_dict() for a in self.attributions],
            "events": [v.to_dict() for v in self.events],
        }
        if out["events"]:
            from hadath.notes import doc_notes  # reads the entities and attributions just written

            for ev, note in zip(out["events"], doc_notes(out), strict=True):
                ev["notes_en"] = note
        if "focus" in self.provided:
            out["focus"] = self.focus.to_dict()
        if include_text:
            out["text"] = self.text
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out
