"""Per-document working state: token indices, entity mentions on tokens, the cue tests every reader shares.

:class:`Ctx` holds the tokens with their lexicon readings (computed on first use), clause chunks (split at
commas and other boundaries), sentence token ranges, which sentences are the title and headings, which tokens
are dates and counts, the actor and place mentions of each sentence (:class:`Located`), and the state the
readers share while one document is read: trigger positions per sentence, the entities the stage creates,
the attributions over each sentence.  Its methods answer small questions about one token (``has``,
``multi_at``, ``word``); ``ctx.words`` holds the closed word classes the readers compare tokens with
(prepositions, causal connectives ...: :class:`~hadath.lang.ar.triggers.EventWords`).  :class:`Mention` is one
trigger with its arguments.  The punctuation classes and the armed and violent types several modules read are
here too.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from hadath.doc import Attribution, DateSpan, Doc, Entity, Quantity, Span, Token
from hadath.lang.ar.orthography import norm_str
from hadath.lang.ar.triggers import SENTENCE_END_RE, Trigger, TriggerLexicon
from hadath.stages.segment import MAX_SENTENCE_TOKENS

ARMED_TYPES = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia", "external"})
ACTOR_TYPES = ARMED_TYPES | {"government", "protesters", "rioters", "civilians"}
VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
BOUNDARY = frozenset({",", ";", ":", "-", "?", "!"})
QUOTES = frozenset({'"', "'", "(", ")"})


@dataclass(slots=True)
class Located:
    """An entity mention located on tokens."""

    ti: int  # first token
    tj: int  # token after the last
    ent: Entity
    span: Span
    prefix: str  # normalised proclitics inside the first token, before the mention (و، ب، وب ...)


class LazyKeys:
    """``keys[i]``: the lexicon readings of token i, computed on first use."""

    __slots__ = ("_cache", "_lex", "_toks")

    def __init__(self, toks: list[Token], lex: TriggerLexicon) -> None:
        self._toks = toks
        self._lex = lex
        self._cache: dict[int, tuple[str, ...]] = {}

    def __getitem__(self, i: int) -> tuple[str, ...]:
        k = self._cache.get(i)
        if k is None:
            k = self._cache[i] = self._lex.token_info(self._toks[i])[0]
        return k


class Ctx:
    """Indices over one Doc, computed once per document, and the state its readers share."""

    def __init__(self, doc: Doc, lex: TriggerLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.words = lex.words
        self.toks = doc.tokens
        self.keys = LazyKeys(self.toks, lex)
        self._kinds: list[frozenset[str] | None] = [None] * len(self.toks)
        self._starts: dict[int, frozenset[str]] = {}
        self._marked: dict[tuple[int, int, frozenset[str]], list[int]] = {}
        self._memo: dict[tuple[object, ...], list[int]] = {}
        self._multi: dict[tuple[int, str, int], int] = {}
        #: per-token answers of pure token tests (nationality adjective, finite verb), read many times per trigger
        self.nat_cache: dict[int, str | None] = {}
        self.verbish_cache: dict[int, bool] = {}
        #: the words before the trigger last asked about (``_filters._window_before``)
        self.window_before_of: tuple[int, int] = (-1, -1)
        self.window_before: list[int] = []
        self._first_kinds: dict[str, set[str]] | None = None  # first word of a multiword cue -> its kinds
        self.tstarts = [t.start for t in self.toks]
        c = 0
        self.chunk = [0] * len(self.toks)
        for i, t in enumerate(self.toks):
            if not t.is_word and t.norm in BOUNDARY:
                c += 1
            self.chunk[i] = c
        self.sent, self.sent_range, self.unit_doc = _units(doc, self.chunk)
        self.pub = iso_end(doc.meta.published)
        self._entities_indexed = False
        self.named: set[int] = set()
        self.actors: dict[int, list[Located]] = {}
        self.places: dict[int, list[Located]] = {}
        self._title_sents: set[int] | None = None
        self._heading_sents: set[int] = set()
        self._count_toks: set[int] | None = None
        self._date_toks: set[int] | None = None
        # shared by the readers while the document is read
        self.trig_pos: dict[int, list[int]] = {}  # sentence -> trigger token indices
        # nationality forces named as the target by the latest find_target (kept when a pair returns early)
        self.target_nats: list[tuple[str, Span]] = []
        self.trig_count: dict[int, int] = {}  # sentence -> number of triggers
        self.new_entities: list[Entity] = []  # generic actors and state forces the stage creates
        self.ids = _id_seq({e.id for e in doc.entities})  # not a method: a generator frame holding self is a cycle
        self._dates_cache: dict[int, list[tuple[DateSpan, int]]] | None = None
        self.off_register: bool | None = None  # a story of another register (sport, arts ...): _register.py
        self.feature_log: list[tuple[float, ...]] | None = None  # confidence features of each event (_calibrate)
        self._att_index: dict[int, list[Attribution]] | None = None
        self._speaker_toks: set[int] | None = None
        self._quant_starts: list[int] | None = None

    @property
    def title_sents(self) -> set[int]:
        if self._title_sents is None:
            self._title_sents = set()
            self._lines()
            self._title_sents = self._units_of(self._title_sents)
            self._heading_sents = self._units_of(self._heading_sents)
        return self._title_sents

    @property
    def heading_sents(self) -> set[int]:
        _ = self.title_sents
        return self._heading_sents

    def _units_of(self, sents: set[int]) -> set[int]:
        """The reading units of the document's sentences ``sents``."""
        return {u for u, si in enumerate(self.unit_doc) if si in sents}

    # -- lines: title and headings ---------------------------------------------------------------
    def _lines(self) -> None:
        doc = self.doc
        title = norm_str(doc.meta.title or "").strip()
        pos = 0
        first = True
        sstarts = [s.start for s in doc.sentences]
        lines = doc.text.split("\n")
        if sum(1 for line in lines if line.strip()) <= 1:
            return  # a one-line input is a report, not a headline: its counts and places are the event's
        for line in lines:
            start, end = pos, pos + len(line)
            pos = end + 1
            stripped = line.strip()
            if not stripped:
                continue
            if not first and len(stripped) > 160:
                continue  # a paragraph, not a heading
            lo, hi = bisect.bisect_left(sstarts, start), bisect.bisect_right(sstarts, end)
            sents = [i for i in range(lo, hi) if doc.sentences[i].end <= end + 1]
            nline = norm_str(stripped)
            if first and title and (nline == title or (nline.startswith(title) and len(nline) - len(title) < 3)):
                self._title_sents.update(sents)  # type: ignore[union-attr]
            elif first and not title and len(nline.split()) <= 16 and not nline.endswith("."):
                self._title_sents.update(sents)  # type: ignore[union-attr]
            elif (len(nline.split()) <= 12 and not SENTENCE_END_RE.search(stripped)) or nline.startswith(
                self.lex.heading_openers
            ):
                self._heading_sents.update(sents)
            first = False

    @property
    def date_toks(self) -> set[int]:
        """Tokens inside a date expression of the ``dates`` layer ("فجر اليوم الجمعة")."""
        if self._date_toks is None:
            self._date_toks = self._tokens_in((d.start, d.end) for d in self.doc.dates)
        return self._date_toks

    @property
    def count_toks(self) -> set[int]:
        """Tokens that are a number (digits or number words: "١٣"، "عشرة"، "ثلاثة عشر"), from the
        ``numbers`` layer; digit tokens count even without it."""
        if self._count_toks is None:
            out = self._tokens_in((q.start, q.end) for q in self.doc.quantities)
            out.update(k for k, t in enumerate(self.toks) if not t.is_word and t.stem.isdigit())
            self._count_toks = out
        return self._count_toks

    def _tokens_in(self, spans: Iterable[tuple[int, int]]) -> set[int]:
        """Indices of the tokens that overlap any of the character spans."""
        out: set[int] = set()
        token_range = self.doc.token_range
        for start, end in spans:
            out.update(range(*token_range(start, end)))
        return out

    # -- entities on tokens ------------------------------------------------------------------------
    def tok_at(self, char: int) -> int:
        i = bisect.bisect_right(self.tstarts, char) - 1
        return max(i, 0)

    def index_entities(self) -> None:
        if self._entities_indexed:
            return
        self._entities_indexed = True
        orgs: list[tuple[int, int]] = []
        for e in self.doc.entities:
            for m in e.mentions:
                if m.end > m.start and self.toks:
                    for k in range(self.tok_at(m.start), self.tok_at(m.end - 1) + 1):
                        self.named.add(k)
        raw_places: list[Located] = []
        for e in self.doc.entities:
            for m in e.mentions:
                if m.end <= m.start or not self.toks:
                    continue
                ti = self.tok_at(m.start)
                tj = self.tok_at(m.end - 1) + 1
                tok = self.toks[ti]
                prefix = norm_str(self.doc.text[tok.start : m.start]) if m.start > tok.start else ""
                mm = Located(ti, tj, e, m, prefix)
                if e.kind == "place":
                    raw_places.append(mm)
                    if e.level == "country":
                        self.actors.setdefault(self.sent[ti], []).append(mm)
                elif e.kind in ("organization", "actor") and (e.actor_type in ACTOR_TYPES):
                    self.actors.setdefault(self.sent[ti], []).append(mm)
                    orgs.append((m.start, m.end))
                elif e.kind in ("organization", "actor", "person"):
                    orgs.append((m.start, m.end))
        org_chars = sorted(orgs)
        org_starts = [a for a, _ in org_chars]
        org_reach = list(itertools.accumulate((b for _, b in org_chars), max))
        for mm in raw_places:
            k = bisect.bisect_left(org_starts, mm.span.end) - 1
            if k >= 0 and org_reach[k] > mm.span.start:
                continue  # "إدلب" inside "جيش إدلب الحر"
            self.places.setdefault(self.sent[mm.ti], []).append(mm)
        for d in (self.actors, self.places):
            for lst in d.values():
                lst.sort(key=lambda m: (m.ti, -m.tj))

    # -- cue helpers -------------------------------------------------------------------------------
    def kinds(self, i: int) -> frozenset[str]:
        """The cue kinds token i belongs to (cached)."""
        k = self._kinds[i]
        if k is None:
            k = self._kinds[i] = self.lex.token_info(self.toks[i])[1]
        return k

    def has(self, i: int, kind: str) -> bool:
        # the hottest call of the stage (hundreds per trigger): the cached kinds are read inline
        k = self._kinds[i]
        if k is None:
            k = self._kinds[i] = self.lex.token_info(self.toks[i])[1]
        return kind in k

    def positions(self, a: int, b: int, kind: str) -> list[int]:
        """The tokens of [a, b) that are a (one-token) cue of ``kind``, ascending; computed once per range, so
        a test "is there one between a and the trigger" costs a bisection, not a scan, for each trigger."""
        key = ("positions", a, b, kind)
        out = self._memo.get(key)
        if out is None:
            out = self._memo[key] = [k for k in range(a, b) if self.has(k, kind)]
        return out

    def multi_at(self, i: int, kind: str, limit: int) -> int:
        """Length of a (multiword) cue of ``kind`` starting at token i, 0 if none."""
        if i >= limit:
            return 0
        if kind not in self.starts(i):
            return 1 if self.has(i, kind) else 0
        # a possible multiword cue: matched once per (token, kind, limit), for each trigger that asks
        memo = (i, kind, limit)
        got = self._multi.get(memo)
        if got is None:
            by_first = self.lex.multi_by_first[kind]
            best = 0
            for key in self.keys[i]:  # each reading of the token: its multiwords, longest first
                for ws in by_first.get(key, ()):
                    n = len(ws)
                    if n > best and i + n <= limit and all(ws[k] in self.keys[i + k] for k in range(1, n)):
                        best = n
                        break
            got = self._multi[memo] = best or (1 if self.has(i, kind) else 0)
        return got

    def starts(self, i: int) -> frozenset[str]:
        """The kinds of multiword cue token i may start (its readings include a first word of one; cached)."""
        k = self._starts.get(i)
        if k is None:
            if self._first_kinds is None:
                self._first_kinds = {}
                for kind, firsts in self.lex.multi_first.items():
                    for w in firsts:
                        self._first_kinds.setdefault(w, set()).add(kind)
            first = self._first_kinds
            k = self._starts[i] = frozenset(kind for key in self.keys[i] for kind in first.get(key, ()))
        return k

    def marked(self, a: int, b: int, kinds: frozenset[str]) -> list[int]:
        """The tokens of [a, b) that are a cue of one of ``kinds`` or may start a multiword one, ascending
        (cached by range: a reader that asks it for each trigger of a sentence reads the sentence once)."""
        key = (a, b, kinds)
        out = self._marked.get(key)
        if out is None:
            firsts = frozenset(w for kind in kinds for w in self.lex.multi_first.get(kind, ()))
            out = self._marked[key] = [
                k for k in range(a, b) if kinds & self.kinds(k) or (firsts and not firsts.isdisjoint(self.keys[k]))
            ]
        return out

    def marked_in(self, a: int, b: int, kinds: frozenset[str], lo: int, hi: int) -> list[int]:
        """:meth:`marked` of the sentence [a, b), cut to the window [lo, hi) by bisection: a reader scanning a
        window around each trigger visits only the tokens that can be one of its cues."""
        marked = self.marked(a, b, kinds)
        return marked[bisect.bisect_left(marked, lo) : bisect.bisect_left(marked, hi)]

    def memo(self, key: tuple[object, ...], make: Callable[[], list[int]]) -> list[int]:
        """A list of token positions a reader computes once per document for ``key`` (a range and its test)."""
        out = self._memo.get(key)
        if out is None:
            out = self._memo[key] = make()
        return out

    def word(self, i: int) -> bool:
        return self.toks[i].is_word

    # -- dates and attributions by sentence ----------------------------------------------------------
    def dates_by_sent(self) -> dict[int, list[tuple[DateSpan, int]]]:
        """The date expressions of each sentence with their first token (metadata dates left out)."""
        if self._dates_cache is None:
            out: dict[int, list[tuple[DateSpan, int]]] = {}
            for d in self.doc.dates:
                if d.kind in ("metadata",) or not d.value or not self.toks:
                    continue
                k = self.tok_at(d.start)
                out.setdefault(self.sent[k], []).append((d, k))
            self._dates_cache = out
        return self._dates_cache

    @property
    def quant_starts(self) -> list[int]:
        """The start offsets of ``doc.quantities`` (in text order), to find a sentence's by bisection."""
        if self._quant_starts is None:
            self._quant_starts = [q.start for q in self.doc.quantities]
        return self._quant_starts

    @property
    def speaker_toks(self) -> set[int]:
        """Tokens inside the phrase of an unnamed speaker ("مصادر في العاصمة صنعاء"، "مراسلنا في حلب"): a place
        there is where the source is, not where an event is (a named institution's place is its own: "أعلن
        مطار دوموديدوفو بالعاصمة موسكو أن السلطات احتجزت رجلا")."""
        if self._speaker_toks is None:
            self._speaker_toks = self._tokens_in(
                (a.speaker_start, a.speaker_end)
                for a in self.doc.attributions
                if a.speaker_start is not None and a.speaker_end is not None and a.anonymous and not a.article_level
            )
        return self._speaker_toks

    def attributions_at(self, pos: int) -> list[Attribution]:
        """Attributions whose content contains ``pos``, in document order (indexed by sentence)."""
        if self._att_index is None:
            index: dict[int, list[Attribution]] = {}
            for att in self.doc.attributions:
                c = att.content
                if c is None or c.end <= c.start:
                    continue
                for k in range(self.doc.sentence_of(c.start), self.doc.sentence_of(c.end - 1) + 1):
                    index.setdefault(k, []).append(att)
            self._att_index = index
        return [
            a
            for a in self._att_index.get(self.doc.sentence_of(pos), ())
            if a.content is not None and a.content.start <= pos < a.content.end
        ]


#: the most tokens a reading unit holds: a longer sentence (a run-on text without full stops, a list of hundreds
#: of names) is read as several units cut at clause boundaries, so that what one trigger reads of its sentence is
#: bounded and the stage's time stays linear in the text.  The segmenter already caps its sentences at this length
#: (no sentence of 3,000 news articles reaches it: 228), so units matter for documents segmented otherwise.
MAX_UNIT = MAX_SENTENCE_TOKENS


def _units(doc: Doc, chunk: list[int]) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """The reading units of ``doc``: its sentences, a sentence of more than :data:`MAX_UNIT` tokens cut after
    the last clause boundary (a comma ...) of each stretch of that length, or at the length where it has none.
    Returns the unit of each token, the token range of each unit and the sentence of each unit (units of the
    same sentence are consecutive; a sentence without tokens is a unit of no tokens)."""
    toks = doc.tokens
    nsent = len(doc.sentences)
    bounds = [0] * (nsent + 1)
    for i, t in enumerate(toks):
        if t.sent + 1 < len(bounds):
            bounds[t.sent + 1] = i + 1
    for si in range(1, len(bounds)):
        bounds[si] = max(bounds[si], bounds[si - 1])
    if all(bounds[si + 1] - bounds[si] <= MAX_UNIT for si in range(nsent)):  # news: a unit is a sentence
        return [t.sent for t in toks], [(bounds[si], bounds[si + 1]) for si in range(nsent)], list(range(nsent))
    ranges: list[tuple[int, int]] = []
    unit_doc: list[int] = []
    for si in range(nsent):
        lo, hi = bounds[si], bounds[si + 1]
        while hi - lo > MAX_UNIT:
            cut = lo + MAX_UNIT
            for k in range(lo + MAX_UNIT - 1, lo + MAX_UNIT // 2, -1):
                if chunk[k] != chunk[k - 1]:
                    cut = k + 1  # after the boundary token
                    break
            ranges.append((lo, cut))
            unit_doc.append(si)
            lo = cut
        ranges.append((lo, hi))
        unit_doc.append(si)
    unit = [0] * len(toks)
    for u, (lo, hi) in enumerate(ranges):
        for k in range(lo, hi):
            unit[k] = u
    for k, t in enumerate(toks):  # tokens past the last sentence (none in a well-formed Doc) stay outside
        if t.sent >= nsent:
            unit[k] = len(ranges) + t.sent - nsent
    return unit, ranges, unit_doc


def _id_seq(used: set[str]) -> Iterator[str]:
    """Entity ids e1, e2 ... that are not in ``used``."""
    nums = [int(x[1:]) for x in used if re.fullmatch(r"e\d+", x)]
    k = max(nums, default=0)
    while True:
        k += 1
        if f"e{k}" not in used:
            yield f"e{k}"


def iso_end(value: str | None) -> date | None:
    if not value:
        return None
    try:
        v = value[:10]
        if len(v) == 4:
            return date(int(v), 12, 31)
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            nxt = date(y + (m == 12), m % 12 + 1, 1)
            return nxt - timedelta(days=1)
        return date.fromisoformat(v)
    except ValueError:
        return None


def iso_start(value: str | None) -> date | None:
    if not value:
        return None
    try:
        v = value[:10]
        if len(v) == 4:
            return date(int(v), 1, 1)
        if len(v) == 7:
            return date(int(v[:4]), int(v[5:7]), 1)
        return date.fromisoformat(v)
    except ValueError:
        return None


@dataclass(slots=True)
class Mention:
    """One trigger with its arguments (before merging)."""

    trig: Trigger
    tense: str
    sent: int
    ti: int
    tj: int
    sub: str
    etype: str
    specific: bool
    weak: bool
    title: bool
    weight: float
    actor1: list[Entity] = field(default_factory=list)
    actor2: list[Entity] = field(default_factory=list)
    civilians: list[Span] = field(default_factory=list)
    civ_flag: bool = False
    unknown: list[Span] = field(default_factory=list)
    places: list[Located] = field(default_factory=list)
    place_near: bool = False
    place_fallback: bool = False
    listed: bool = False  # one of a list of places the text gives the trigger: one event per place
    anchor: Located | None = None  # the resolved place the text locates an unresolved one by
    locator: Located | None = None  # the resolved place the text measures a resolved one from (_places._locator)
    date: dt.date | None = None
    date_lo: dt.date | None = None  # the first day of the date's period (None: a day, or unknown)
    onset: bool = False  # the date is the outbreak of something that goes on (اندلعت الاشتباكات الإثنين)
    cumulative: bool = False  # told over more than about a week: its death toll is no event's fatalities
    claimed: bool = False  # the perpetrator comes from a claim of responsibility (تبنى تنظيم داعش الهجوم)
    precision: int = 1
    date_default: bool = True
    killed: list[tuple[float, bool, bool]] = field(default_factory=list)  # (count, added to others, approximate)
    quantities: list[Quantity] = field(default_factory=list)
    sources: list[Attribution] = field(default_factory=list)
    denied: bool = False
    how: int = 0  # how the perpetrator was found: 3 explicit, 2 adjacent subject, 1 guessed, 0 none
