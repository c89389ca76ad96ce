"""Stage ``events``: ACLED-style conflict events from triggers, clause patterns and the earlier layers.

1. **Triggers** (``lang/ar/triggers.tsv``) are matched on clitic-segmented tokens through an index built
   once: verbs in every person of the perfect and imperfect (with the future سـ recognised), verbal nouns,
   plurals and multiword expressions.  A trigger is dropped when its clause is negated, future, threatened,
   hypothetical, conditional or a question, when it names a state (تحت سيطرة، مناطق تسيطر عليها), a purpose
   (لاستعادة), a past reference (منذ سيطرة) or an accident (انفجار قارورة غاز); the small words are data
   (``lang/ar/event_cues.tsv``).  Weak triggers (هجوم، اتفاق، قذائف، انفجار ...) need a support word in their
   clause, else they only merge into another event of the article.
2. **Arguments** come from clause patterns over the entity, place and date layers: the perpetrator
   (من قبل X، على يد X، بنيران X، شنتها X، غارات النظام، قصف روسي، the subject of the verb, the speaker of
   "قالت إسرائيل إنها شنت ..."), the target (ضد X، على X، بين X و Y، victims "13 من عناصر التنظيم",
   تعرضت X لـ), civilians and unknown perpetrators as generic actors ("Civilians (Syria)", "Unidentified
   Armed Group (Iraq)", created in ``doc.entities`` when missing), the place (في X، على X، قرب X; a list of
   towns gives one event per town; else the headline's place), the date (the clause's date expression,
   a period's latest day with week/month precision, the reporting sentence's date, else publication; more
   than ~30 days before publication = history, dropped), fatalities (the most conservative count) and the
   attributions that report the event.
3. **Merging**: mentions of the same event (same type, compatible actors, place and date) become one event
   with all triggers as evidence; headline mentions only add evidence.  Ids v1, v2, ... in text order.

The stage computes everything first and then writes ``doc.events`` (and the generic actors it needed).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from hadath.doc import Attribution, DateSpan, Doc, Entity, Event, Geo, Quantity, Sentence, Span, Token
from hadath.lang import load_tsv
from hadath.text import norm_str

__all__ = ["Events", "Lexicon", "Trigger", "lexicon", "make_stage"]

ARMED_TYPES = frozenset({"state_forces", "rebel_group", "political_militia", "identity_militia", "external"})
_ACTOR_TYPES = ARMED_TYPES | {"government", "protesters", "rioters", "civilians"}
_STATE_TYPES = frozenset({"state_forces", "government"})
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_LEVEL_RANK = {
    "country": 0,
    "admin1": 1,
    "region": 2,
    "admin2": 2,
    "admin3": 3,
    "city": 4,
    "town": 4,
    "village": 4,
    "neighbourhood": 5,
    "camp": 5,
    "other": 3,
}
_PREPOSITIONS = frozenset(
    norm_str(w) for w in ("من", "على", "ضد", "مع", "في", "إلى", "عن", "بين", "لدى", "عند", "حول", "قرب", "نحو")
)
_BOUNDARY = frozenset({",", ";", ":", "-", "?", "!"})
_EMPTY: frozenset[str] = frozenset()
_TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory"})
_QUOTES = frozenset({'"', "'", "(", ")"})
_AFTER = frozenset({"بعد", "اثر", "عقب", "غداه", "بعيد", "جراء"})
_SHELLING = "Shelling/artillery/missile attack"
#: generic collective actors: kind -> (ACLED name, actor type)
_GENERIC = {
    "civilians": ("Civilians", "civilians"),
    "unknown": ("Unidentified Armed Group", "political_militia"),
    "protesters": ("Protesters", "protesters"),
    "rioters": ("Rioters", "rioters"),
}
_ENABLE = frozenset({"مكن", "اتاح", "سمح", "ساعد"})
_CAUSE = frozenset({"جراء", "اثر", "بسبب", "نتيجه", "عقب"})
_HISTORY_DAYS = 30
_BACKGROUND_DAYS = 25
_NEG_WINDOW = 6
_FUT_WINDOW = 4
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تما")
_PRES_PREFIXES = ("ي", "ت", "ن", "ا")
_PRES_SUFFIXES = ("", "ون", "ان", "ين", "ن", "وا", "ا")
_STILL = frozenset({"يزال", "تزال", "زال", "زالت", "يزالون"})
_ADDITIVE = frozenset({norm_str(w) for w in ("آخرين", "آخرون", "أخرين", "اخرين", "أيضا")})


def _words(form: str) -> tuple[str, ...]:
    """Normalised words of a data form, a leading article dropped from each word (as the segmenter does)."""
    out = []
    for w in norm_str(form).split():
        if w.startswith("ال") and len(w) >= 4:
            w = w[2:]
        out.append(w)
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# lexicon (data, built once)
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of triggers.tsv."""

    sub: str
    etype: str
    plover: str
    pos: str
    form: str
    rest: tuple[str, ...]  # the words after the first one
    gen: str
    flags: frozenset[str]
    support: str
    weight: float
    ta_marbuta: bool = False  # the (first) word is written with ة


@dataclass(frozen=True, slots=True)
class _Entry:
    trig: Trigger
    tense: str  # past | present | future | noun


@dataclass(frozen=True)
class Lexicon:
    index: dict[str, tuple[_Entry, ...]]
    cues: dict[str, frozenset[str]]
    multi: dict[str, tuple[tuple[str, ...], ...]]
    block: dict[str, frozenset[str]]
    block_after: dict[str, frozenset[str]]
    taxonomy: dict[str, tuple[str, str, int, str]]  # sub -> (event_type, plover, priority, civilians)
    nat: dict[str, str]  # nationality adjective (normalised, no article) -> ISO2
    country_name: dict[str, str]
    first_keys: frozenset[str] = frozenset()
    cue_kinds: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word -> its kinds
    multi_first: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> first words of its multiwords
    # per token surface, across documents: enclitic → norm → (lexicon keys, cue kinds, may start a trigger)
    memo: dict[str, dict[str, tuple[tuple[str, ...], frozenset[str], bool]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def token_info(self, t: Token) -> tuple[tuple[str, ...], frozenset[str], bool]:
        """Lexicon keys, cue kinds and trigger test of a token: all depend only on its norm and enclitic
        (see ``segment_word``), so they are computed once per distinct surface."""
        by_norm = self.memo.get(t.suffix)
        if by_norm is None:
            if sum(map(len, self.memo.values())) >= _MEMO_MAX:
                self.memo.clear()
            by_norm = self.memo[t.suffix] = {}
        info = by_norm.get(t.norm)
        if info is None:
            keys = _keys_of(t.norm, t.stem, t.suffix, t.forms)
            found: set[str] = set()
            for key in keys:
                ks = self.cue_kinds.get(key)
                if ks:
                    found |= ks
            kinds = frozenset(found) if found else _EMPTY
            if len(by_norm) >= _MEMO_MAX:
                by_norm.clear()
            info = by_norm[t.norm] = (keys, kinds, maybe_trigger(t, self.first_keys))
        return info


_MEMO_MAX = 200_000


def _conjugate(first: str, present: str) -> list[tuple[str, str]]:
    forms: list[tuple[str, str]] = []
    if "|" in first:
        forms += [(w, "past") for w in (_words(x)[0] for x in first.split("|"))]
    else:
        stem = _words(first)[0]
        forms += [(stem + s, "past") for s in _PAST_SUFFIXES]
    if present and present != "-":
        p = norm_str(present)
        for pre in _PRES_PREFIXES:
            for suf in _PRES_SUFFIXES:
                forms.append((pre + p + suf, "present"))
                forms.append(("س" + pre + p + suf, "future"))
    return forms


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger index and cue sets (read once per process)."""
    taxonomy: dict[str, tuple[str, str, int, str]] = {}
    for row in load_tsv("plover.tsv"):
        taxonomy[row["sub_event_type"]] = (row["event_type"], row["plover"], int(row["priority"]), row["civilians"])
    index: dict[str, list[_Entry]] = {}
    for row in load_tsv("triggers.tsv"):
        flags = frozenset(f.strip() for f in row["flags"].split(",") if f.strip() and "=" not in f)
        support = "support"
        for f in row["flags"].split(","):
            if f.strip().startswith("support="):
                support = f.strip().split("=", 1)[1]
        sub = row["sub_event_type"]
        etype = row["event_type"]
        if not sub.startswith("@"):
            if sub not in taxonomy:
                raise ValueError(f"triggers.tsv: unknown sub-event type {sub!r}")
            etype = taxonomy[sub][0]
        plover = row["plover"] if row["plover"] != "-" else (taxonomy[sub][1] if sub in taxonomy else "")
        raw = row["form"].split()
        first, rest = raw[0], tuple(w for x in raw[1:] for w in _words(x))
        trig = Trigger(
            sub,
            etype,
            plover,
            row["pos"],
            row["form"],
            rest,
            row["gen"],
            flags,
            support,
            float(row["weight"] or 0.5),
            first.split("|")[0].endswith("ة"),
        )
        if row["pos"] == "verb":
            forms = _conjugate(first, row["present"])
        else:
            forms = [(_words(first)[0], "noun")]
        for f, tense in forms:
            lst = index.setdefault(f, [])
            if all(e.trig is not trig or e.tense != tense for e in lst):
                lst.append(_Entry(trig, tense))
    cues: dict[str, set[str]] = {}
    multi: dict[str, list[tuple[str, ...]]] = {}
    block: dict[str, set[str]] = {}
    block_after: dict[str, set[str]] = {}
    for row in load_tsv("event_cues.tsv"):
        kind, ws = row["kind"], _words(row["cue"])
        if not ws:
            continue
        if kind == "block_before":
            for v in _words(row["value"]):
                block.setdefault(v, set()).add(ws[-1])
            continue
        if kind == "block_after":
            for v in _words(row["value"]):
                block_after.setdefault(v, set()).add(ws[0])
            continue
        if len(ws) == 1:
            cues.setdefault(kind, set()).add(ws[0])
        else:
            multi.setdefault(kind, []).append(ws)
    nat: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in load_tsv("countries.tsv"):
        iso = row.get("iso2", "")
        if not iso:
            continue
        names[iso] = row.get("name_en", iso)
        for col in ("adj_m", "adj_f", "adj_pl"):
            for a in (row.get(col) or "").split("|"):
                if a.strip():
                    nat[_words(a)[0]] = iso
    return Lexicon(
        index={k: tuple(v) for k, v in index.items()},
        cues={k: frozenset(v) for k, v in cues.items()},
        multi={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        block={k: frozenset(v) for k, v in block.items()},
        block_after={k: frozenset(v) for k, v in block_after.items()},
        taxonomy=taxonomy,
        nat=nat,
        country_name=names,
        first_keys=frozenset(index),
        cue_kinds={w: frozenset(k for k, ws in cues.items() if w in ws) for w in set().union(*cues.values())},
        multi_first={k: frozenset(ws[0] for ws in v) for k, v in multi.items()},
    )


# --------------------------------------------------------------------------------------------------
# the document seen by the stage
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _M:
    """An entity mention located on tokens."""

    ti: int  # first token
    tj: int  # token after the last
    ent: Entity
    span: Span
    prefix: str  # normalised proclitics inside the first token, before the mention (و، ب، وب ...)


def _keys(t: Token) -> tuple[str, ...]:
    """The normalised readings of a token that the lexicons are matched against (cached by surface)."""
    return _keys_of(t.norm, t.stem, t.suffix, t.forms)


@lru_cache(maxsize=1 << 17)
def _keys_of(n: str, stem: str, suffix: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    ks = [stem]
    if suffix:
        ks.append(stem + suffix)
    if n.startswith("ال") and len(n) >= 4:
        ks.append(n[2:])
    ks.append(n)
    if len(n) > 3 and n[0] in "وف":
        ks.append(n[1:])
        if n[1:].startswith("ال") and len(n) >= 5:
            ks.append(n[3:])
    for f in forms[1:]:
        ks.append(f[2:] if f.startswith("ال") and len(f) >= 4 else f)
    return tuple(dict.fromkeys(ks))


class _LazyKeys:
    """``keys[i]``: the lexicon readings of token i, computed on first use."""

    __slots__ = ("_cache", "_lex", "_toks")

    def __init__(self, toks: list[Token], lex: Lexicon) -> None:
        self._toks = toks
        self._lex = lex
        self._cache: dict[int, tuple[str, ...]] = {}

    def __getitem__(self, i: int) -> tuple[str, ...]:
        k = self._cache.get(i)
        if k is None:
            k = self._cache[i] = self._lex.token_info(self._toks[i])[0]
        return k


def maybe_trigger(t: Token, first_keys: frozenset[str]) -> bool:
    """A cheap test: could token t start a trigger? (most tokens cannot)."""
    if not t.is_word:
        return False
    n = t.norm
    if t.stem in first_keys or n in first_keys:
        return True
    if n[0] in "وف" and (n[1:] in first_keys or n[3:] in first_keys):
        return True
    if t.suffix:
        st = t.stem
        return st + t.suffix in first_keys or (st.endswith("ت") and st[:-1] + "ه" in first_keys)
    return False


@lru_cache(maxsize=1)
def _heading_openers() -> tuple[str, ...]:
    """Normalised openers of link lines and headings (``heading`` cues: اقرأ أيضا، قد يهمك، شاهد)."""
    return tuple(sorted({norm_str(r["cue"]) for r in load_tsv("event_cues.tsv") if r["kind"] == "heading"}))


class _Ctx:
    """Indices over one Doc, computed once per document."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.toks = doc.tokens
        self.keys = _LazyKeys(self.toks, lex)
        self._kinds: dict[int, frozenset[str]] = {}
        self.tstarts = [t.start for t in self.toks]
        n = len(self.toks)
        bounds = [0] * (len(doc.sentences) + 1)
        self.chunk = [0] * n
        c = 0
        for i, t in enumerate(self.toks):
            if not t.is_word and t.norm in _BOUNDARY:
                c += 1
            self.chunk[i] = c
            if t.sent + 1 < len(bounds):
                bounds[t.sent + 1] = i + 1
        for si in range(1, len(bounds)):
            bounds[si] = max(bounds[si], bounds[si - 1])
        self.sent_range: list[tuple[int, int]] = [(bounds[si], bounds[si + 1]) for si in range(len(doc.sentences))]
        self.pub = _iso(doc.meta.published)
        self._entities_indexed = False
        self.named: set[int] = set()
        self.actors: dict[int, list[_M]] = {}
        self.places: dict[int, list[_M]] = {}
        self._title_sents: set[int] | None = None
        self._heading_sents: set[int] = set()
        self._count_toks: set[int] | None = None
        self._date_toks: set[int] | None = None

    @property
    def title_sents(self) -> set[int]:
        if self._title_sents is None:
            self._title_sents = set()
            self._lines()
        return self._title_sents

    @property
    def heading_sents(self) -> set[int]:
        _ = self.title_sents
        return self._heading_sents

    # -- lines: title and headings ---------------------------------------------------------------
    def _lines(self) -> None:
        doc = self.doc
        title = norm_str(doc.meta.title or "").strip()
        pos = 0
        first = True
        sstarts = [s.start for s in doc.sentences]
        for line in doc.text.split("\n"):
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
            elif (len(nline.split()) <= 12 and not re.search(r"[.!؟?\"”»]$", stripped)) or nline.startswith(
                _heading_openers()
            ):
                self._heading_sents.update(sents)
            first = False

    @property
    def date_toks(self) -> set[int]:
        """Tokens inside a date expression of the ``dates`` layer ("فجر اليوم الجمعة")."""
        if self._date_toks is None:
            out: set[int] = set()
            for d in self.doc.dates:
                k = self.tok_at(d.start)
                while k < len(self.toks) and self.toks[k].start < d.end:
                    if self.toks[k].end > d.start:
                        out.add(k)
                    k += 1
            self._date_toks = out
        return self._date_toks

    @property
    def count_toks(self) -> set[int]:
        """Tokens that are a number (digits or number words: "١٣"، "عشرة"، "ثلاثة عشر"), from the
        ``numbers`` layer; digit tokens count even without it."""
        if self._count_toks is None:
            out = {k for k, t in enumerate(self.toks) if not t.is_word and t.stem.isdigit()}
            for q in self.doc.quantities:
                k = self.tok_at(q.start)
                while k < len(self.toks) and self.toks[k].start < q.end:
                    if self.toks[k].end > q.start:
                        out.add(k)
                    k += 1
            self._count_toks = out
        return self._count_toks

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
        raw_places: list[_M] = []
        for e in self.doc.entities:
            for m in e.mentions:
                if m.end <= m.start or not self.toks:
                    continue
                ti = self.tok_at(m.start)
                tj = self.tok_at(m.end - 1) + 1
                tok = self.toks[ti]
                prefix = norm_str(self.doc.text[tok.start : m.start]) if m.start > tok.start else ""
                mm = _M(ti, tj, e, m, prefix)
                if e.kind == "place":
                    raw_places.append(mm)
                    if e.level == "country":
                        self.actors.setdefault(self.toks[ti].sent, []).append(mm)
                elif e.kind in ("organization", "actor") and (e.actor_type in _ACTOR_TYPES):
                    self.actors.setdefault(self.toks[ti].sent, []).append(mm)
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
            self.places.setdefault(self.toks[mm.ti].sent, []).append(mm)
        for d in (self.actors, self.places):
            for lst in d.values():
                lst.sort(key=lambda m: (m.ti, -m.tj))

    # -- cue helpers -------------------------------------------------------------------------------
    def kinds(self, i: int) -> frozenset[str]:
        """The cue kinds token i belongs to (cached)."""
        k = self._kinds.get(i)
        if k is None:
            k = self._kinds[i] = self.lex.token_info(self.toks[i])[1]
        return k

    def has(self, i: int, kind: str) -> bool:
        return kind in self.kinds(i)

    def multi_at(self, i: int, kind: str, limit: int) -> int:
        """Length of a (multiword) cue of ``kind`` starting at token i, 0 if none."""
        if i >= limit:
            return 0
        if kind in self.lex.multi_first and any(key in self.lex.multi_first[kind] for key in self.keys[i]):
            for ws in self.lex.multi.get(kind, ()):
                if i + len(ws) <= limit and all(ws[k] in self.keys[i + k] for k in range(len(ws))):
                    return len(ws)
        return 1 if self.has(i, kind) else 0

    def word(self, i: int) -> bool:
        return self.toks[i].is_word


def _iso(value: str | None) -> date | None:
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


def _iso_start(value: str | None) -> date | None:
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


# --------------------------------------------------------------------------------------------------
# mentions: one trigger with its arguments
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mention:
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
    places: list[_M] = field(default_factory=list)
    place_near: bool = False
    place_fallback: bool = False
    date: date | None = None
    precision: int = 1
    date_default: bool = True
    killed: list[tuple[float, bool]] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    sources: list[Attribution] = field(default_factory=list)
    denied: bool = False
    how: int = 0  # how the perpetrator was found: 3 explicit, 2 adjacent subject, 1 guessed, 0 none


class _Finder:
    def __init__(self, ctx: _Ctx) -> None:
        self.ctx = ctx
        self.lex = ctx.lex
        self.target_nats: list[tuple[str, Span]] = []
        self.trig_pos: dict[int, list[int]] = {}

    # -- 1. triggers -------------------------------------------------------------------------------
    def triggers(self, cands: Sequence[int] | None = None) -> list[tuple[int, int, _Entry]]:
        ctx, index = self.ctx, self.lex.index
        out: list[tuple[int, int, _Entry]] = []
        if cands is None:
            info = self.lex.token_info
            cands = [i for i, t in enumerate(ctx.toks) if t.is_word and info(t)[2]]
        covered = -1
        for i in cands:
            t = ctx.toks[i]
            if i < covered or i in ctx.named:
                continue
            final_ha = t.text[-1:] == "ه"
            best: tuple[int, int, _Entry] | None = None
            for k in ctx.keys[i]:
                for e in index.get(k, ()):
                    if final_ha and e.trig.ta_marbuta and e.tense == "noun" and t.norm.endswith(k):
                        continue  # حمله "carried it" is not حملة "campaign"
                    j = self._match_rest(i, e.trig.rest, t.sent) if e.trig.rest else i + 1
                    if j < 0:
                        continue
                    if best is None or j > best[0] or (j == best[0] and e.tense != best[2].tense):
                        score = self._reading_score(i, e)
                        if best is None or (j, score) > (best[0], best[1]):
                            best = (j, score, e)
            if best is not None:
                out.append((i, best[0], best[2]))
                covered = best[0]
        return out

    def _reading_score(self, i: int, e: _Entry) -> int:
        """Prefer the noun reading after the article, a preposition or a governing verb; else the verb."""
        ctx = self.ctx
        t = ctx.toks[i]
        nounish = t.article or any(c in t.prefix for c in "بل") or (i > 0 and ctx.toks[i - 1].norm in _PREPOSITIONS)
        if not nounish:
            k = i - 1
            while k >= 0 and k >= i - 6 and ctx.toks[k].sent == t.sent and ctx.chunk[k] == ctx.chunk[i]:
                if ctx.has(k, "masdar_gov"):
                    nounish = True
                    break
                if ctx.word(k) and not ctx.has(k, "skip") and k < i - 1 and self._verbish(k):
                    break
                k -= 1
        if e.tense == "noun":
            return 2 if nounish else 0
        return 0 if nounish else 1

    def _match_rest(self, i: int, rest: tuple[str, ...], sent: int) -> int:
        ctx = self.ctx
        j = i + 1
        n = len(ctx.toks)
        for w in rest:
            skipped = 0
            while j < n and ctx.toks[j].sent == sent and w not in ctx.keys[j] and skipped < 2 and ctx.has(j, "skip"):
                j += 1
                skipped += 1
            if j >= n or ctx.toks[j].sent != sent or w not in ctx.keys[j]:
                return -1
            j += 1
        return j

    # -- 2. filters --------------------------------------------------------------------------------
    def _window_before(self, i: int, size: int, a: int) -> Iterable[int]:
        ctx = self.ctx
        k = i - 1
        seen = 0
        while k >= a and seen < size:
            t = ctx.toks[k]
            if not t.is_word:
                if t.norm in _BOUNDARY:
                    return
                k -= 1
                continue
            yield k
            seen += 1
            k -= 1

    def _factual(self, i: int, j: int, e: _Entry, a: int, b: int, in_title: bool) -> tuple[bool, bool]:
        """(keep, denied) for the trigger tokens [i, j) in the sentence [a, b)."""
        ctx = self.ctx
        trig = e.trig
        t = ctx.toks[i]
        if e.tense == "future":
            return False, False
        if e.tense == "present" and "nopresent" in trig.flags and not in_title:
            return False, False
        first_key = _words(trig.form.split()[0].split("|")[0])[0] if e.tense == "noun" else ""
        if i > a:
            blockers = self.lex.block.get(first_key, frozenset()) | self.lex.block.get(t.stem, frozenset())
            if blockers and any(k in blockers for k in ctx.keys[i - 1]):
                return False, False
        if j < b:
            blockers = self.lex.block_after.get(first_key, frozenset()) | self.lex.block_after.get(t.stem, frozenset())
            if blockers and any(k in blockers for k in ctx.keys[j]):
                return False, False
            if blockers and e.tense != "noun":
                # a verb's object comes after its subject: "استعادت قوات النظام كميات من الأسلحة"
                ctx.index_entities()
                k = j
                while k < b and k - j < 6 and (k in ctx.named or ctx.has(k, "skip")):
                    k += 1
                if k > j and k < b and any(w in blockers for w in ctx.keys[k]):
                    return False, False
        if e.tense == "noun":
            # "دعا إلى طرد الإيرانيين"، "سعى إلى السيطرة": an appeal or an aim
            k = i - 1
            while k > a and ctx.toks[k].norm in _QUOTES:
                k -= 1
            if k >= a and ctx.toks[k].norm == "الي" and not (k > a and ctx.has(k - 1, "l_ok")):
                return False, False
        if e.tense == "noun" and "ل" in t.prefix and not any(ctx.has(k, "l_ok") for k in self._window_before(i, 4, a)):
            return False, False  # purpose: لاستعادة، لمواجهة
        denied = False
        for k in self._window_before(i, _NEG_WINDOW, a):
            if ctx.has(k, "deny"):
                denied = True
            elif ctx.has(k, "neg") and not (k + 1 < b and ctx.toks[k + 1].stem in _STILL):
                return False, False
        for n_, k in enumerate(self._window_before(i, _FUT_WINDOW, a)):
            if ctx.toks[k].norm in _AFTER:
                break  # "تحذر إيران بعد غارات": the strikes happened
            if ctx.has(k, "future") or ctx.has(k, "hypo") or ctx.multi_at(k, "future", b) > 1:
                return False, False
            if n_ == 0 and ctx.has(k, "may") and e.tense == "present":
                return False, False
            if n_ <= 1 and e.tense == "noun" and ctx.has(k, "history"):
                return False, False
            if n_ <= 1 and ctx.has(k, "stative") and trig.sub == "@territory":
                return False, False
        for k in range(a, i):
            if ctx.has(k, "cond") or ctx.multi_at(k, "cond", i) > 1 or ctx.has(k, "doubt"):
                return False, False
            if trig.sub == "@territory" and i - k <= 3 and ctx.multi_at(k, "stative", i) > 1:
                return False, False
        if a < b and (ctx.has(a, "question") or ctx.toks[b - 1].norm == "?"):
            return False, False
        if i > a and j < b and ctx.toks[i - 1].norm == '"' and ctx.toks[j].norm == '"' and j - i == 1:
            return False, False  # a word in scare quotes: مواجهة و"اشتباكا" تركيا عربيا
        for k in self._window_before(i, 8, a):
            if ctx.has(k, "court"):
                return False, False
        for n2, k in enumerate(self._window_before(i, 4, a)):
            if ctx.has(k, "generic") and n2 <= 2:
                return False, False
            if ctx.has(k, "found") and trig.etype == "Explosions/Remote violence":
                return False, False
            if ctx.has(k, "was") and e.tense == "present":
                return False, False  # كان + imperfect: background
        for k in range(j, min(j + 3, b)):
            if not ctx.word(k):
                break
            if ctx.has(k, "future_after"):
                return False, False
        if trig.sub == "@territory" and e.tense != "noun" and j < b:
            # relative clause: "مواقع سيطر عليها المتشددون" describes the positions
            nxt = ctx.toks[j].norm
            if nxt in ("عليها", "عليه", "عليهم") and not t.prefix and i > a and ctx.word(i - 1):
                prev = ctx.toks[i - 1]
                if not prev.prefix and prev.norm not in ("ثم", "قد", "لقد", "ان", "انه", "انها", "بعدما", "حين"):
                    return False, False
        return True, denied

    def _flags_ok(self, i: int, j: int, trig: Trigger, a: int, b: int) -> bool:
        ctx = self.ctx
        fl = trig.flags
        if "armed" in fl and not self._armed_context(a, b):
            return False
        if "place" in fl and not any(
            i <= m.ti <= j + 8 and ctx.chunk[m.ti] == ctx.chunk[i] for m in ctx.places.get(ctx.toks[i].sent, ())
        ):
            return False
        if "on" in fl and not any(
            ctx.toks[k].norm == "علي" and ctx.chunk[k] == ctx.chunk[i]
            for k in range(j, min(j + (2 if trig.pos == "noun" else 6), b))
        ):
            return False
        if trig.pos == "noun" and any(ctx.has(k, "instr_object") for k in range(max(a, i - 3), i)):
            return False  # a weapon made, stored or hit (منشآت إنتاج الأسلحة الكيميائية), not one used
        if "accident" in fl:
            for k in range(max(a, i - 2), min(b, j + 4)):
                if ctx.has(k, "accident") or ctx.multi_at(k, "accident", b) > 1:
                    if (
                        "غاز" in ctx.keys[k]
                        and k + 1 < b
                        and (ctx.has(k + 1, "instr_chem") or ctx.toks[k + 1].stem.startswith("سام"))
                    ):
                        continue
                    return False
        return True

    def _armed_context(self, a: int, b: int) -> bool:
        ctx = self.ctx
        for m in ctx.actors.get(ctx.toks[a].sent if a < len(ctx.toks) else -1, ()):
            if m.ent.actor_type in ARMED_TYPES:
                return True
        return any(ctx.has(k, "armed_word") for k in range(a, b))

    def _supported(self, i: int, j: int, trig: Trigger, a: int, b: int) -> bool:
        ctx = self.ctx
        kind = trig.support
        for k in range(a, b):
            if i <= k < j:
                continue
            if ctx.has(k, kind) or ctx.multi_at(k, kind, b) > 1:
                t = ctx.toks[k]
                if "ل" in t.prefix and not t.article and not (k > a and ctx.has(k - 1, "l_ok")):
                    continue  # للتوصل إلى تسوية: a purpose
                governed = k > a and ctx.has(k - 1, "l_ok")
                if t.prefix.endswith("لل") or (t.prefix.endswith("ل") and t.article and not governed):
                    continue
                return True
        return False

    # -- 3. arguments ------------------------------------------------------------------------------
    def _nat_forces(self, k: int) -> str | None:
        """ISO2 when token k is a nationality adjective."""
        for key in self.ctx.keys[k]:
            iso = self.lex.nat.get(key)
            if iso:
                return iso
        return None

    def _nat_after(self, k: int, b: int, limit: int) -> list[tuple[str, int]]:
        """Nationality adjectives after token k (alternatives "سورية أو روسية" included)."""
        ctx = self.ctx
        out: list[tuple[str, int]] = []
        c = ctx.chunk[k] if k < len(ctx.toks) else -1
        for q in range(k, min(b, k + limit)):
            if ctx.chunk[q] != c:
                break
            iso = self._nat_forces(q) if ctx.word(q) else None
            if iso and all(iso != o for o, _ in out):
                out.append((iso, q))
        return out

    def _mention_at(self, lst: Sequence[_M], k: int) -> _M | None:
        for m in lst:
            if m.ti == k:
                return m
        return None

    def _mention_from(self, lst: Sequence[_M], k: int, b: int, skip_heads: bool = True) -> _M | None:
        """The actor mention starting at k, or a few tokens later past numbers and heads (نحو 200 مسلح من)."""
        ctx = self.ctx
        q = k
        for _ in range(8):
            if q >= b:
                return None
            m = self._mention_at(lst, q)
            if m:
                return m
            t = ctx.toks[q]
            if not skip_heads:
                return None
            if t.is_word and not (
                ctx.has(q, "fighter")
                or ctx.has(q, "armed_word")
                or t.norm in ("نحو", "من", "حوالي", "قرابه", "ما", "لا", "يقل", "عن")
                or ctx.has(q, "skip")
            ):
                if not t.stem.isdigit():
                    return None
            q += 1
        return None

    def owner(self, s: int, k: int) -> int | None:
        """The trigger a word of sentence s belongs to: the trigger after a causal connective
        ("مقتل 62 عنصرا ... من جراء هجوم"), else the nearest one (a comma counts as 3 words)."""
        ctx = self.ctx
        trigs = self.trig_pos.get(s)
        if not trigs:
            return None
        after = [x for x in trigs if x > k]
        if after:
            nxt = after[0]
            if any(ctx.toks[q].norm in _CAUSE for q in range(k + 1, nxt)):
                return nxt
            t = ctx.toks[nxt]
            if nxt - k <= 5 and (ctx.toks[nxt - 1].norm == "في" or t.prefix.lstrip("و").startswith("ب")):
                return nxt  # "مقتل 9 مدنيين في غارة"، "4 قتلى بقصف"
        return min(trigs, key=lambda x: abs(x - k) + 3 * abs(ctx.chunk[x] - ctx.chunk[k]))

    def _coordinated_actors(self, m: _M, actors: Sequence[_M]) -> list[Entity]:
        """A subject with the actor coordinated before it: "قوات النظام والمقاومة الشعبية" -> both."""
        if m.prefix.startswith("و"):
            coord = [x for x in actors if x.tj == m.ti and x.ent.id != m.ent.id]
            if coord:
                return [coord[0].ent, m.ent]
        return [m.ent]

    def _partitive(self, m: _M, a: int) -> bool:
        """ "وحدات من الجيش"، "عناصر من التنظيم": the mention heads a unit or fighter noun."""
        ctx = self.ctx
        k = m.ti - 1
        return k - 1 >= a and ctx.toks[k].norm == "من" and (ctx.has(k - 1, "force_head") or ctx.has(k - 1, "fighter"))

    def _subject_of(self, v: int, a: int, b: int, actors: Sequence[_M]) -> _M | None:
        """The actor right after verb v (VSO, a partitive head allowed) or right before it (SVO)."""
        ctx = self.ctx
        q = v + 1
        while q < b and (ctx.has(q, "skip") or ctx.toks[q].norm in _QUOTES):
            q += 1
        m = self._mention_at(actors, q)
        if (
            m is None
            and q + 2 < b
            and (ctx.has(q, "force_head") or ctx.has(q, "fighter"))
            and ctx.toks[q + 1].norm == "من"
        ):
            m = self._mention_at(actors, q + 2)
        if m is not None and m.prefix in ("", "و"):
            return m
        k = v - 1
        while k >= a and (ctx.has(k, "skip") or ctx.toks[k].norm in _QUOTES):
            k -= 1
        before = [x for x in actors if x.tj - 1 == k and x.prefix in ("", "و")]
        return before[-1] if before else None

    def _verbish(self, k: int) -> bool:
        """Token k is (probably) a finite verb: a support or auxiliary verb, or a verb trigger form."""
        ctx = self.ctx
        t = ctx.toks[k]
        if not t.is_word or t.article or k in ctx.date_toks:  # "فجر اليوم" is dawn, not "he detonated"
            return False
        if ctx.has(k, "aux") or ctx.has(k, "support_verb"):
            return True
        return any(e.tense in ("past", "present") for key in ctx.keys[k] for e in self.lex.index.get(key, ()))

    def _speaker_of(self, pos: int) -> tuple[Attribution | None, Entity | None]:
        for att in self.ctx.doc.attributions:
            c = att.content
            if c and c.start <= pos < c.end:
                ent = self.ctx.doc.entity(att.speaker)
                return att, ent
        return None, None

    def _group_of(self, ent: Entity | None) -> Entity | None:
        """The actor a speaker stands for: an armed group itself, a person's organisation."""
        if ent is None:
            return None
        if ent.kind == "person":
            return self.ctx.doc.entity(ent.affiliation) if ent.affiliation else None
        if ent.actor_type in _ACTOR_TYPES or (ent.kind == "place" and ent.level == "country"):
            return ent
        return None

    def agent(
        self, s: int, i: int, j: int, e: _Entry, a: int, b: int
    ) -> tuple[list[Entity], list[tuple[str, Span]], int]:
        """(actor entities, nationality forces (iso, span), how found: 3 explicit .. 1 guessed)."""
        ctx = self.ctx
        actors = ctx.actors.get(s, [])
        trig = e.trig
        # explicit agent phrases after (or inside) the trigger: من قبل X، على يد X، بنيران X، نفذتها X
        for k in range(i, min(b, j + 8)):
            if k > j and ctx.chunk[k] != ctx.chunk[j - 1]:
                break
            L = ctx.multi_at(k, "agent_prep", b)
            if (
                not L
                and e.tense == "noun"
                and trig.gen == "agent"
                and j <= k <= j + 2
                and ctx.toks[k].norm == "من"
                and (trig.sub == "@attack" or trig.etype == "Explosions/Remote violence")
            ):
                L = 1  # هجوم من تنظيم داعش
            if L:
                m = self._mention_from(actors, k + L, b)
                if m and not (m.ent.kind == "place" and ctx.toks[k].norm == "من"):
                    return [m.ent], [], 3
                if k + L < b and ctx.has(k + L, "force_head"):
                    nats = self._nat_after(k + L + 1, b, 8)
                    if nats:
                        q0 = nats[0][1]
                        first = Span(
                            ctx.toks[k + L].start,
                            ctx.toks[q0].end,
                            ctx.doc.text[ctx.toks[k + L].start : ctx.toks[q0].end],
                        )
                        spans = [first] + [self._tok_span(q) for _, q in nats[1:]]
                        return [], [(iso, sp) for (iso, _), sp in zip(nats, spans, strict=True)], 3
                if k + L < b and self._nat_forces(k + L):
                    return [], [(self._nat_forces(k + L) or "", self._tok_span(k + L))], 3
        # accusations: "اتهم X Y بشن الغارة"، "نسب X الغارات إلى Y"
        for k in range(max(a, i - 14), i):
            if ctx.has(k, "accuse"):
                for q in range(j, min(b, j + 6)):
                    if ctx.toks[q].norm == "الي":
                        m = self._mention_from(actors, q + 1, b)
                        if m:
                            return [m.ent], [], 3
                between = [m for m in actors if k < m.ti and m.tj <= i]
                if len(between) >= 2 or (between and k > a and any(m.tj <= k for m in actors)):
                    return [between[-1].ent], [], 3
        # "استهداف ميليشيات الحوثي سيارة إسعاف": a genitive followed by a bare object noun is the agent
        if e.tense == "noun" and trig.gen == "patient":
            gm = self._mention_at(actors, j)
            if gm is not None and gm.prefix == "" and gm.ent.kind != "place" and gm.tj < b:
                o = ctx.toks[gm.tj]
                if (
                    o.is_word
                    and not o.prefix
                    and not o.article
                    and o.norm not in _PREPOSITIONS
                    and gm.tj not in ctx.date_toks
                    and gm.tj not in ctx.count_toks
                    and not ctx.has(gm.tj, "skip")
                    and self._mention_at(actors, gm.tj) is None
                ):
                    return [gm.ent], [], 3
        # "استهداف طيران التحالف مكتب الرئاسة": a force noun after a patient noun names the agent
        if e.tense == "noun" and trig.gen == "patient" and j < b and ctx.has(j, "force_head"):
            fm = self._mention_at(actors, j + 1) or self._mention_at(actors, j)
            if fm is not None:
                return [fm.ent], [], 3
            nats = self._nat_after(j + 1, b, 2)
            if nats:
                return [], [(nats[0][0], self._tok_span(nats[0][1]))], 3
        # genitive agent: غارات النظام، قصف مدفعي عنيف لقوات النظام، هجوم لتنظيم داعش
        if e.tense == "noun" and trig.gen == "agent":
            for k in range(j, min(b, j + 3)):
                if k > j and not (
                    ctx.has(k - 1, "adjective")
                    or ctx.has(k - 1, "instr_air")
                    or ctx.has(k - 1, "instr_shell")
                    or self._nat_forces(k - 1)
                ):
                    break  # "بغارة جوية تجمعا لميليشيات": a noun stands between
                m = self._mention_at(actors, k)
                if (
                    m
                    and ((k == j and m.prefix in ("", "ل")) or m.prefix == "ل")
                    and not (m.ent.kind == "place" and m.prefix == "")
                ):
                    return [m.ent], [], 3
                if not ctx.word(k) or ctx.toks[k].norm in _PREPOSITIONS or self._mention_at(ctx.places.get(s, []), k):
                    break
        # nationality adjective right after the trigger: قصف روسي، غارات جوية إسرائيلية
        for k in range(j, min(b, j + 2) if trig.sub != "Disrupted weapons use" else j):
            t = ctx.toks[k]
            if not t.is_word or t.norm in _PREPOSITIONS or t.prefix or k in ctx.named:
                break
            iso = self._nat_forces(k)
            if iso:
                return [], [(iso, self._tok_span(k))], 2
            if not (ctx.has(k, "instr_air") or ctx.has(k, "instr_shell") or ctx.has(k, "adjective")):
                break
        # the subject of a verb (SVO right before, VSO right after)
        verb_at = i if e.tense in ("past", "present") else -1
        if verb_at < 0:
            # a noun trigger governed by a verb: شن النظام غارات، أطلقت قوات النظام 260 صاروخا
            for k in range(i - 1, max(a, i - 14) - 1, -1):
                if self._verbish(k):
                    verb_at = k
                    break
                if (
                    i - k >= 8
                    and ctx.word(k)
                    and k not in ctx.named
                    and not (ctx.has(k, "skip") or ctx.has(k, "force_head") or k in ctx.date_toks)
                ):
                    break  # beyond 8 tokens only the subject and time words may stand between
        if verb_at >= 0:
            k = verb_at - 1
            while k >= a and (ctx.has(k, "skip") or ctx.toks[k].norm in _QUOTES):
                k -= 1
            before = [
                m
                for m in actors
                if m.tj - 1 == k
                and m.prefix in ("", "و")
                and not (m.ti > a and ctx.has(m.ti - 1, "in_prep"))  # "في سوريا": a place, not a subject
            ]
            q = verb_at + (j - i if verb_at == i else 1)
            while q < b and (ctx.has(q, "skip") or ctx.toks[q].norm in _QUOTES):
                q += 1
            after = self._mention_at(actors, q)
            if after is None and q + 1 < b and ctx.has(q, "force_head"):
                # "شن طيران التحالف غارات"، "استهدفت طائرات التحالف": the force of a named actor
                fm = self._mention_at(actors, q + 1)
                if fm is not None and fm.prefix == "" and fm.ent.kind != "place":
                    after = fm
            if (before and before[-1].ent.kind != "place") or (before and verb_at == i):
                return self._coordinated_actors(before[-1], actors), [], 2
            if after and after.prefix in ("", "و") and (after.tj <= i or verb_at == i):
                return [after.ent], [], 2
            if q < b and ctx.has(q, "force_head") and (q < i or verb_at == i):
                nats = self._nat_after(q + 1, b, 2)
                if nats:
                    return (
                        [],
                        [
                            (
                                nats[0][0],
                                Span(
                                    ctx.toks[q].start,
                                    ctx.toks[nats[0][1]].end,
                                    ctx.doc.text[ctx.toks[q].start : ctx.toks[nats[0][1]].end],
                                ),
                            )
                        ],
                        2,
                    )
        # the subject of a chain of verbs before the trigger: "قوات النظام بدأت ... وتمكنت من السيطرة"
        for m in reversed(actors):
            if m.tj > i or i - m.tj > 15 or any(c in m.prefix for c in "بلك"):
                continue
            if m.ti > a and ctx.toks[m.ti - 1].norm in _PREPOSITIONS and not self._partitive(m, a):
                continue
            q = m.tj
            while q < b and (ctx.has(q, "skip") or ctx.toks[q].norm in _QUOTES):
                q += 1
            if any(ctx.toks[x].norm in _AFTER or ctx.toks[x].norm in _CAUSE for x in range(m.tj, i)):
                break  # "... قامت باعتقال المئات عقب الغارات": another clause
            if q < b and self._verbish(q) and not ctx.has(q, "accuse") and ctx.chunk[m.ti] == ctx.chunk[i]:
                return self._coordinated_actors(m, actors), [], 2
            break
        # a coordinated verb (وحررت، وتمكنت) shares the subject of the verb before it
        if e.tense in ("past", "present") and ctx.toks[i].prefix.startswith("و"):
            for v in range(i - 1, max(a, i - 12) - 1, -1):
                if ctx.chunk[v] != ctx.chunk[i]:
                    break
                if self._verbish(v) and not ctx.has(v, "accuse"):
                    m = self._subject_of(v, a, b, actors)
                    if m is not None:
                        return [m.ent], [], 2
                    break
        # the speaker: "وقالت إسرائيل إنها ... شنت غارات"، "إن مقاتليه يشاركون في الاشتباكات"
        att, speaker = self._speaker_of(ctx.toks[i].start)
        if att is not None:
            group = self._group_of(speaker)
            for k in range(max(a, i - 8), min(b, j + 2)):
                t = ctx.toks[k]
                pron = t.norm in ("انها", "انه", "انهم", "بانها", "بانه", "بانهم")
                own = ctx.has(k, "self") and t.suffix in ("ه", "هم", "نا")
                if (pron and k < i) or own:
                    if group is None:
                        # the subject of the speech verb: "وقالت إسرائيل إنها"، "قيادي بجماعة X ... مقاتليه"
                        prev = [
                            m
                            for m in actors
                            if m.tj <= k
                            and not m.prefix.startswith("ب")
                            and (
                                m.ent.actor_type in ARMED_TYPES
                                or (pron and m.ent.kind == "place" and m.ent.level == "country")
                            )
                        ]
                        group = prev[-1].ent if prev else None
                    if group is not None:
                        return [group], [], 2
        return [], [], 0

    def _tok_span(self, k: int) -> Span:
        t = self.ctx.toks[k]
        start = t.start
        if t.prefix and t.text[:1] in "وفبلك" and len(t.text) > len(t.prefix) + 2:
            start = t.start + len(t.prefix)
            if t.article and self.ctx.doc.text[start : start + 2] != "ال" and self.ctx.doc.text[start - 1] == "ل":
                start -= 1
        return Span(start, t.end, self.ctx.doc.text[start : t.end])

    def victims_owner(self, i: int, j: int, a: int, b: int, exclude: set[str]) -> Entity | None:
        """The armed actor whose members a casualty count of trigger i names ("مقتل 13 من عناصر
        تنظيم داعش"، "قتل عشرة من مسلحي الحوثي"، "62 عنصرا من قوات النظام"), or None."""
        ctx = self.ctx
        actors = ctx.actors.get(ctx.toks[i].sent, [])
        counts = ctx.count_toks
        for k in range(max(a, i - 18), min(b, j + 18)):
            own = self.owner(ctx.toks[i].sent, k)
            if own is not None and own != i:
                continue  # the victims of another trigger of the sentence
            fighter = ctx.has(k, "fighter")
            count = k in counts and k + 1 < b and ctx.toks[k + 1].norm == "من"
            if not (fighter or count):
                continue
            if fighter and not any(q in counts or ctx.has(q, "kill") for q in range(max(a, k - 4), k)):
                continue
            vm = self._mention_from(actors, k + 1, b)
            if vm and vm.ent.id not in exclude and vm.ent.actor_type in ARMED_TYPES:
                return vm.ent
        return None

    def target(
        self, s: int, i: int, j: int, e: _Entry, a: int, b: int, agents: list[Entity]
    ) -> tuple[list[Entity], list[Entity]]:
        """(extra agents from a pair "بين X و Y", targets)."""
        ctx = self.ctx
        actors = ctx.actors.get(s, [])
        trig = e.trig
        agent_ids = {x.id for x in agents}
        # pairs: بين X و Y (battles)
        for k in range(j, min(b, j + 5) if trig.etype == "Battles" or trig.sub == "@attack" else j):
            if ctx.has(k, "pair_prep"):
                m1 = self._mention_from(actors, k + 1, b)
                if m1:
                    m2 = next(
                        (x for x in actors if x.ti >= m1.tj and x.ti - m1.tj <= 4 and x.ent.id != m1.ent.id), None
                    )
                    if m2:
                        return [m1.ent], [m2.ent]
                    if m1.tj < b and ctx.toks[m1.tj].prefix.startswith("و"):
                        return [m1.ent], []  # "بين رجال الأمن ومسلحين": the other side is unnamed
                    return [m1.ent], [m1.ent]  # "بين المليشيات المتصارعة": one collective, both sides
                break
        targets: list[Entity] = []
        self.target_nats = []
        # target prepositions: ضد X، على X، مع X (clashes)
        for k in range(j, min(b, j + 8)):
            if ctx.has(k, "target_prep") or (trig.etype == "Battles" and ctx.has(k, "clash_prep")):
                tm = self._mention_from(actors, k + 1, b)
                if tm and tm.ent.id not in agent_ids and tm.ent.kind != "place":
                    targets.append(tm.ent)
                    break
                if k + 1 < b and (ctx.has(k + 1, "area") or ctx.has(k + 1, "force_head")):
                    nats = self._nat_after(k + 2, b, 4)
                    if nats:
                        self.target_nats = [(iso, self._tok_span(q)) for iso, q in nats]
                        break
        # the owner of the sites hit: "على مواقع لحركة حماس"، "قصفت الطائرات مقرات تابعة لتنظيم داعش"،
        # "استهدفت آليات وتجمعات لميليشيات الحوثي"
        if not targets:
            for k in range(j, min(b - 1, j + 8)):
                area = ctx.has(k, "area")
                if not (area or ctx.has(k, "target_site")):
                    continue
                q = k + 1
                while (
                    q + 1 < b
                    and ctx.toks[q].prefix.startswith("و")
                    and (ctx.has(q, "area") or ctx.has(q, "target_site"))
                ):
                    q += 1  # coordinated sites
                owned = ctx.has(q, "belonging") and q + 1 < b
                if owned:
                    q += 1
                om = self._mention_at(actors, q)
                # a bare genitive (مواقع المعارضة) only after an area noun: "مقر الجيش" may be anyone's army
                if (
                    om
                    and om.ent.id not in agent_ids
                    and om.ent.kind != "place"
                    and (om.prefix == "ل" or (om.prefix == "" and (owned or area)))
                ):
                    targets.append(om.ent)
                break
        # the patient genitive: اعتقال X، طرد التنظيم
        if not targets and (trig.gen == "patient" or e.tense in ("past", "present")):
            q = j
            while q < b and ctx.has(q, "skip"):
                q += 1
            pm = self._mention_at(actors, q)
            if pm and pm.ent.id not in agent_ids and pm.prefix in ("", "و") and pm.ent.kind != "place":
                targets.append(pm.ent)
            elif pm and pm.ent.id in agent_ids and e.tense != "noun":
                om = self._mention_at(actors, pm.tj)
                if om and om.ent.id not in agent_ids:
                    targets.append(om.ent)
        # victims that belong to an armed actor: مقتل 13 من عناصر تنظيم داعش، 62 عنصرا من قوات النظام،
        # لقي 18 من قوات النظام مصرعهم
        if not targets and (trig.etype in _VIOLENT or trig.sub == "@attack"):
            victims = self.victims_owner(i, j, a, b, agent_ids)
            if victims is not None:
                targets.append(victims)
        # تعرض X لـ: the subject of تعرض is the target (تعرضهم: the pronoun refers back across commas)
        if not targets:
            for k in range(max(a, i - 3), i):
                if ctx.has(k, "l_ok") and ctx.toks[k].stem.startswith(("تعرض", "يتعرض", "تتعرض")):
                    pron = bool(ctx.toks[k].suffix)
                    cand = [
                        m
                        for m in actors
                        if m.tj <= k
                        and m.ent.id not in agent_ids
                        and not any(c in m.prefix for c in "بل")
                        and m.ent.kind != "place"
                        and (pron or ctx.chunk[m.ti] == ctx.chunk[k])
                    ]
                    if cand:
                        targets.append(cand[0].ent if pron else cand[-1].ent)
                    break
        return [], targets

    def civilians(self, s: int, i: int, j: int, a: int, b: int) -> list[Span]:
        """Spans of civilian victims or targets near the trigger ([] = none; a non-empty list of
        possibly zero-length spans means 'civilians, no word to cite')."""
        ctx = self.ctx
        out: list[Span] = []
        for k in range(max(a, i - 14), min(b, j + 16)):
            if not ctx.word(k):
                continue
            if ctx.has(k, "civ_victim") or ctx.multi_at(k, "civ_victim", b) > 1:
                near_count = any(
                    ctx.toks[q].stem.isdigit() or ctx.has(q, "support") or ctx.toks[q].norm in ("بينهم", "منهم")
                    for q in range(max(a, k - 4), min(b, k + 3))
                    if q != k
                )
                if near_count or (i <= k + 6 and k > i):
                    out.append(self._tok_span(k))
        for k in list(range(a, max(a, i - 14))) + list(range(min(b, j + 16), b)):
            if (
                ctx.word(k)
                and ctx.has(k, "civ_victim")
                and any(
                    ctx.toks[q].stem.isdigit() or ctx.has(q, "kill")
                    for q in range(max(a, k - 3), min(b, k + 2))
                    if q != k
                )
            ):
                out.append(self._tok_span(k))
            elif (ctx.has(k, "civ_site") or ctx.multi_at(k, "civ_site", b) > 1) and k >= j and k - j <= 8:
                out.append(self._tok_span(k))
        return out

    def unknown_spans(self, a: int, b: int) -> list[Span]:
        ctx = self.ctx
        out: list[Span] = []
        k = a
        while k < b:
            if not ctx.toks[k].is_word:
                k += 1
                continue
            L = ctx.multi_at(k, "unknown", b)
            if L > 1 or (L == 1 and not ctx.toks[k].article):
                if L == 1 and k + 1 < b and any(m.ti == k + 1 for m in ctx.actors.get(ctx.toks[k].sent, ())):
                    k += 1
                    continue  # "مسلحين من تنظيم X": a known group
                st = self._tok_span(k)
                en = ctx.toks[k + max(L, 1) - 1].end
                out.append(Span(st.start, en, ctx.doc.text[st.start : en]))
                k += max(L, 1)
            else:
                k += 1
        return out

    def place(self, s: int, i: int, j: int, sub: str, a: int, b: int) -> tuple[list[_M], bool]:
        """(places of the event: one, or a coordinated list of towns; near flag)."""
        ctx = self.ctx
        places = ctx.places.get(s, [])
        if not places:
            return [], False
        movement = sub in ("Other", "Non-violent transfer of territory")
        territory = sub.startswith("@territory") or "territory" in sub
        best: tuple[float, _M, bool] | None = None
        for m in places:
            rel, near = self._place_relation(m, a)
            dist = (m.ti - j) if m.ti >= j else (i - m.tj) + 1
            score = {
                "in": 3.0,
                "on": 3.0,
                "subject": 2.5,
                "to": 3.2 if movement else 2.0,
                "near": 2.2,
                "from": 2.0 if territory else 0.8,
                "none": 1.4 if dist <= 2 else 0.3,
            }[rel]
            score -= 0.12 * dist
            if m.ti >= j:
                score += 0.4
            if ctx.chunk[m.ti] != ctx.chunk[i]:
                score -= 0.6
            rank = _LEVEL_RANK.get(m.ent.level or "other", 3)
            score += 0.15 * rank
            if rank == 0:
                score -= 0.6
            if not _resolved(m.ent):
                score -= 0.5
            elif m.ent.geo is not None and not m.ent.geo.country:
                score -= 1.0
            if self._locates_another(places, m, a):
                score -= 1.5  # "غزنة الواقعة جنوب كابول": Kabul only locates Ghazni
            if best is None or score > best[0]:
                best = (score, m, near)
        assert best is not None
        if best[0] < 1.0:
            return [], False
        chosen = best[1]
        if _LEVEL_RANK.get(chosen.ent.level or "other", 3) <= 2:
            # "في الغوطة هي مسرابا وجسرين ..."، "في ريف إدلب في بلدة سرمدا": the more specific places
            for m in places:
                if (
                    chosen.tj <= m.ti <= chosen.tj + 6
                    and ctx.chunk[m.ti] == ctx.chunk[chosen.ti]
                    and _LEVEL_RANK.get(m.ent.level or "other", 3) >= 3
                    and _same_admin1(m.ent, chosen.ent)
                    and not self._locates_another(places, m, a)
                ):
                    chosen = m
                    break
        group = self._coordinated(places, chosen)
        if len(group) > 1 and all(_LEVEL_RANK.get(m.ent.level or "other", 3) >= 3 for m in group):
            return group, best[2]
        return [chosen], best[2]

    def _locates_another(self, places: Sequence[_M], m: _M, a: int) -> bool:
        """Place m stands in a locating phrase of another place: "X الواقعة في جنوب m"، "X التابعة لـm"."""
        ctx = self.ctx
        for k in range(max(a, m.ti - 4), m.ti):
            if ctx.has(k, "locator"):
                return any(p is not m and k - 3 <= p.tj <= k for p in places)
        return False

    def _place_relation(self, m: _M, a: int) -> tuple[str, bool]:
        ctx = self.ctx
        pre = m.prefix.lstrip("وف")
        if pre.startswith("ب"):
            return "in", False
        k = m.ti - 1
        hops = 0
        while k >= a and hops < 3:
            t = ctx.toks[k]
            if not t.is_word:
                k -= 1
                continue
            if ctx.has(k, "in_prep") or (t.prefix.lstrip("وف").startswith("ب") and ctx.has(k, "place_noun")):
                return "in", False
            if t.norm in ("علي", "ضد"):
                return "on", False
            if ctx.has(k, "to_prep"):
                return "to", False
            if ctx.has(k, "near_prep"):
                return "near", True
            if ctx.has(k, "l_ok"):
                return "subject", False
            if ctx.has(k, "from_prep") and t.norm == "من":
                return "from", False
            if ctx.has(k, "place_noun") or ctx.has(k, "skip"):
                k -= 1
                hops += 1
                continue
            break
        # the subject of تعرض before the verb: "الغوطة الشرقية تعرضت لقصف"
        if m.tj < len(ctx.toks) and ctx.has(m.tj, "l_ok"):
            return "subject", False
        # the subject of تعرض: "تعرضت محافظة إدلب لقصف"
        if m.tj < len(ctx.toks) and ctx.toks[m.ti].sent == ctx.toks[min(m.tj, len(ctx.toks) - 1)].sent:
            q = m.ti - 1
            while q >= a and ctx.has(q, "place_noun"):
                q -= 1
            if q >= a and ctx.has(q, "l_ok"):
                return "subject", False
        return "none", False

    def _coordinated(self, places: list[_M], chosen: _M) -> list[_M]:
        """The list of places coordinated with ``chosen`` ("مسرابا وجسرين وكفربطنا ...")."""
        ctx = self.ctx
        idx = places.index(chosen)

        def linked(x: _M, y: _M) -> bool:  # y follows x in the list
            if y.ti < x.tj:
                return False
            gap = [k for k in range(x.tj, y.ti) if ctx.toks[k].norm not in (",", "و")]
            return not gap and (
                y.prefix.startswith("و") or any(ctx.toks[k].norm in (",", "و") for k in range(x.tj, y.ti))
            )

        lo = idx
        while lo > 0 and linked(places[lo - 1], places[lo]):
            lo -= 1
        hi = idx
        while hi + 1 < len(places) and linked(places[hi], places[hi + 1]):
            hi += 1
        seen: set[str] = set()
        out = []
        for m in places[lo : hi + 1]:
            if m.ent.id not in seen:
                seen.add(m.ent.id)
                out.append(m)
        return out

    def when(self, s: int, i: int, a: int, b: int) -> tuple[DateSpan | None, int]:
        """The date expression governing the trigger (or None) and its token index."""
        ctx = self.ctx
        best: tuple[float, DateSpan, int] | None = None
        for d, k in self._dates_by_sent().get(s, ()):
            owner = self.owner(s, k)
            # a date that opens the sentence ("في 13 نوفمبر 2015، شهدت ...") frames all of it
            opens = all(not ctx.word(q) or ctx.toks[q].norm in ("في", "و") for q in range(a, k))
            if owner is not None and owner != i and ctx.chunk[k] != ctx.chunk[i] and not opens:
                continue  # the date of another trigger of the sentence
            dist = abs(k - i) - (0.5 if k > i else 0.0) + 3.0 * abs(ctx.chunk[k] - ctx.chunk[i])
            if d.end_value or d.precision != "day":
                dist += 4.0  # a day named near the trigger beats a period ("على مدى الأسبوعين الماضيين")
            if best is None or dist < best[0]:
                best = (dist, d, k)
        if best:
            return best[1], best[2]
        return None, -1

    _dates_cache: dict[int, list[tuple[DateSpan, int]]] | None = None

    def _dates_by_sent(self) -> dict[int, list[tuple[DateSpan, int]]]:
        if self._dates_cache is None:
            ctx = self.ctx
            out: dict[int, list[tuple[DateSpan, int]]] = {}
            for d in ctx.doc.dates:
                if d.kind in ("metadata",) or not d.value or not ctx.toks:
                    continue
                k = ctx.tok_at(d.start)
                out.setdefault(ctx.toks[k].sent, []).append((d, k))
            self._dates_cache = out
        return self._dates_cache


# --------------------------------------------------------------------------------------------------
# the stage
# --------------------------------------------------------------------------------------------------


#: a killed count from this size up is a cumulative toll (of a war, a year), not one event's
_CUMULATIVE_KILLED = 10_000

#: how many of the latest events a new mention may merge into (keeps very long texts linear)
_MERGE_WINDOW = 64


def _id_seq(used: set[str]) -> Iterator[str]:
    """Entity ids e1, e2 ... that are not in ``used``."""
    nums = [int(x[1:]) for x in used if re.fullmatch(r"e\d+", x)]
    k = max(nums, default=0)
    while True:
        k += 1
        if f"e{k}" not in used:
            yield f"e{k}"


class _Builder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.ctx = _Ctx(doc, self.lex)
        self.f = _Finder(self.ctx)
        self.new_entities: list[Entity] = []
        self._ids = _id_seq({e.id for e in doc.entities})  # not a method: a generator frame holding self is a cycle
        self.trig_count: dict[int, int] = {}
        self._att_index: dict[int, list[Attribution]] | None = None

    # -- mentions ----------------------------------------------------------------------------------
    def mentions(self, cands: Sequence[int] | None = None) -> list[_Mention]:
        ctx, f = self.ctx, self.f
        ctx.index_entities()
        trigs = f.triggers(cands)
        if not trigs:
            return []
        for i, _, _ in trigs:
            self.trig_count[ctx.toks[i].sent] = self.trig_count.get(ctx.toks[i].sent, 0) + 1
            f.trig_pos.setdefault(ctx.toks[i].sent, []).append(i)
        out: list[_Mention] = []
        for i, j, e in trigs:
            s = ctx.toks[i].sent
            if s >= len(ctx.sent_range):
                continue
            a, b = ctx.sent_range[s]
            m = self._mention(s, i, j, e, a, b)
            if m is not None:
                out.extend(self._split(m))
        self._assign_numbers(out)
        return out

    def _assign_numbers(self, mentions: list[_Mention]) -> None:
        """Each casualty count goes to the nearest trigger of its sentence (one incident per count)."""
        ctx = self.ctx
        by_sent: dict[int, list[_Mention]] = {}
        for m in mentions:
            by_sent.setdefault(m.sent, []).append(m)
        for q in self.doc.quantities:
            if not ctx.toks:
                break
            k = ctx.tok_at(q.start)
            s = ctx.toks[k].sent
            cands = by_sent.get(s)
            if not cands:
                continue
            own = self.f.owner(s, k)
            targets = [m for m in cands if m.ti == own]
            if not targets:
                best = min(
                    cands,
                    key=lambda m: min(abs(k - m.ti), abs(k - m.tj)) + (0 if ctx.chunk[k] == ctx.chunk[m.ti] else 3),
                )
                targets = [m for m in cands if m.ti == best.ti]
            b = ctx.sent_range[s][1]
            if q.category == "killed":
                ke = ctx.tok_at(max(q.start, q.end - 1))
                additive = any(
                    ctx.toks[x].stem in _ADDITIVE or ctx.toks[x].norm in _ADDITIVE for x in range(ke, min(b, ke + 4))
                )
                for m in targets:
                    m.killed.append((float(q.value), additive))
            else:
                for m in targets:
                    m.quantities.append(q)

    def _mention(self, s: int, i: int, j: int, e: _Entry, a: int, b: int) -> _Mention | None:
        ctx, f, trig = self.ctx, self.f, e.trig
        in_title = s in ctx.title_sents
        keep, denied = f._factual(i, j, e, a, b, in_title)
        if not keep or not f._flags_ok(i, j, trig, a, b):
            return None
        weak = "weak" in trig.flags and not f._supported(i, j, trig, a, b)
        if s in ctx.heading_sents or (i > a and ctx.has(i - 1, "demonstrative")):
            weak = True
        if any(ctx.has(k, "habitual") for k in range(a, i)):
            return None
        if "alone" in trig.flags and self.trig_count.get(s, 0) > 1:
            return None
        m = _Mention(
            trig,
            e.tense,
            s,
            i,
            j,
            trig.sub,
            trig.etype,
            not trig.sub.startswith("@") and "mod" not in trig.flags,
            weak,
            in_title,
            trig.weight,
        )
        m.denied = denied
        # arguments
        ents, nats, how = f.agent(s, i, j, e, a, b)
        extra, targets = f.target(s, i, j, e, a, b, ents)
        if extra:
            ents = extra
        agents = list(ents) + [self._forces(iso, sp) for iso, sp in nats]
        agents = self._dedupe(agents)
        targets = targets + [self._forces(iso, sp) for iso, sp in f.target_nats]
        if trig.sub == "Disrupted weapons use" and not targets:
            # "أسقطت طائرة بلا طيار إيرانية": the weapon's owner
            for iso, q in f._nat_after(j, b, 5)[:1]:
                targets = [self._forces(iso, f._tok_span(q))]
        targets = [t for t in self._dedupe(targets) if all(t.id != x.id for x in agents) or extra]
        if trig.etype == "Battles" and not agents and targets:
            # "قتل عشرة من ميليشيات الحوثي في معارك مع الجيش": the victims' side is the other party
            other = f.victims_owner(i, j, a, b, {x.id for x in targets})
            if other is not None:
                agents = [other]
        if trig.sub == "Non-violent transfer of territory" or trig.sub == "Other":
            agents, targets = self._transfer_roles(s, i, j, a, b, agents, targets)
        m.actor1, m.actor2 = agents, targets
        m.how = how
        if trig.sub == "@territory" and not agents:
            # "هجوم لتنظيم داعش مكنه من السيطرة": the pronoun's antecedent gains
            prev = [
                x
                for x in ctx.actors.get(s, ())
                if x.tj <= i and x.ent.actor_type in ARMED_TYPES and not x.prefix.startswith("ب")
            ]
            if prev and any(
                ctx.toks[k].suffix in ("ه", "ها", "هم") and ctx.toks[k].stem in _ENABLE for k in range(max(a, i - 3), i)
            ):
                m.actor1 = [prev[-1].ent]
                m.actor2 = [x for x in m.actor2 if x.id != prev[-1].ent.id]
                m.how = 1
        places, near = f.place(s, i, j, trig.sub, a, b)
        m.places, m.place_near = places, near
        # resolve rule sub-types
        if not self._resolve(m, a, b):
            return None
        if m.sub not in self.lex.taxonomy:
            return None
        if "agent" in trig.flags and (not m.actor1 or how < 2):
            return None
        if m.sub == "Other" and not any(x.actor_type in ARMED_TYPES for x in m.actor1):
            return None
        m.actor1 = self._dedupe([self.as_forces(x, m.etype, m.sub) for x in m.actor1])
        if not extra:
            m.actor2 = [x for x in m.actor2 if all(x.id != y.id for y in m.actor1)]
        civ_rule = self.lex.taxonomy[m.sub][3]
        if civ_rule in ("yes", "both") and not any(x.actor_type in ARMED_TYPES for x in m.actor2):
            m.civilians = f.civilians(s, i, j, a, b)
            m.civ_flag = bool(m.civilians)
        if civ_rule in ("unknown", "both") and not m.actor1:
            m.unknown = f.unknown_spans(a, b)
        self._date(m, s, i, a, b)
        if not self._recent(m):
            return None
        if not self._sources(m):
            return None
        return m

    def _resolve(self, m: _Mention, a: int, b: int) -> bool:
        ctx, trig = self.ctx, m.trig
        i, j = m.ti, m.tj
        if trig.sub == "@territory":
            states = [x for x in m.actor1 if x.actor_type in _STATE_TYPES]
            gainer = states[0] if states else (m.actor1[0] if m.actor1 else None)
            if gainer is None:
                m.weak = True
                m.sub = "Non-state actor overtakes territory"
                return True
            t = gainer.actor_type
            if t in _STATE_TYPES or (gainer.kind == "place" and gainer.level == "country"):
                m.sub = "Government regains territory"
            elif t in ARMED_TYPES:
                m.sub = "Non-state actor overtakes territory"
            else:
                return False
            m.etype = "Battles"
            m.specific = True
            return True
        protest_ctx = trig.sub == "Armed clash" and any(
            ctx.has(k, "protester")
            or any(e.trig.sub == "@protest" for key in ctx.keys[k] for e in self.lex.index.get(key, ()))
            for k in range(a, b)
            if ctx.word(k)
        )
        if trig.sub == "@protest" or protest_ctx:
            # clashes of protesters with the police are a protest event, not a battle
            sub = "Protest with intervention" if protest_ctx else "Peaceful protest"
            protesters = any(ctx.has(k, "protester") for k in range(a, b))
            for k in range(a, b):
                if ctx.has(k, "protest_lethal") and protesters:
                    sub = "Excessive force against protesters"
                    break
                if ctx.has(k, "protest_force") or ctx.multi_at(k, "protest_force", b) > 1:
                    sub = "Protest with intervention"
                elif ctx.has(k, "protest_violent") and sub == "Peaceful protest":
                    sub = "Violent demonstration"
            m.sub = sub
            m.etype = self.lex.taxonomy[sub][0]
            m.specific = True
            m.actor2 = [x for x in m.actor2 if x.actor_type in _STATE_TYPES and sub != "Peaceful protest"]
            return True
        if m.etype == "Explosions/Remote violence" and "mod" not in trig.flags:
            k = j
            while k < b and k < j + 3 and ctx.word(k) and ctx.toks[k].prefix.startswith("و"):
                for kind, sub in (("instr_air", "Air/drone strike"), ("instr_shell", _SHELLING)):
                    if ctx.has(k, kind) and self.lex.taxonomy[sub][2] > self.lex.taxonomy[m.sub][2]:
                        m.sub = sub
                k += 1
            return True
        if "mod" in trig.flags or trig.sub == "@attack":
            lo, hi = (max(a, i - 3), min(b, j + 5)) if trig.sub != "@attack" else (max(a, i - 8), min(b, j + 8))
            found: list[str] = []
            for k in range(lo, hi):
                if i <= k < j and trig.sub != "@attack":
                    continue
                for kind, sub in (
                    ("instr_chem", "Chemical weapon"),
                    ("instr_suicide", "Suicide bomb"),
                    ("instr_air", "Air/drone strike"),
                    ("instr_shell", _SHELLING),
                    ("instr_ied", "Remote explosive/landmine/IED"),
                ):
                    if (ctx.has(k, kind) or ctx.multi_at(k, kind, b) > 1) and not any(
                        ctx.has(q, "instr_object") for q in range(max(a, k - 3), k)
                    ):
                        found.append(sub)
            if found:
                m.sub = max(found, key=lambda x: self.lex.taxonomy[x][2])
                m.etype = self.lex.taxonomy[m.sub][0]
                m.specific = True
                return True
            if trig.sub != "@attack":
                return True  # generic قصف: the row's default
            # a generic attack: the target decides
            armed_target = any(x.actor_type in ARMED_TYPES for x in m.actor2)
            civ = self.f.civilians(m.sent, i, j, a, b)
            area = any(ctx.has(k, "area") for k in range(j, min(b, j + 4)))
            if armed_target:
                m.sub = "Armed clash"
                m.specific = True
            elif area and m.actor1:
                m.sub = "Shelling/artillery/missile attack"
                m.specific = True
            elif civ and m.actor1 and any(x.actor_type in ARMED_TYPES - {"state_forces", "external"} for x in m.actor1):
                m.sub = "Attack"
                m.specific = True
            else:
                m.sub = "Armed clash"
                m.weak = True
            m.etype = self.lex.taxonomy[m.sub][0]
            return True
        return True

    def _transfer_roles(
        self, s: int, i: int, j: int, a: int, b: int, agents: list[Entity], targets: list[Entity]
    ) -> tuple[list[Entity], list[Entity]]:
        """Who moves or leaves is actor1: "سمحت لمسلحي داعش بمغادرة", "ممرا لمقاتلي داعش"."""
        ctx = self.ctx
        for m in ctx.actors.get(s, ()):
            if "ل" in m.prefix and (abs(m.ti - i) <= 5 or abs(m.ti - j) <= 5) and m.ent.actor_type in ARMED_TYPES:
                others = [x for x in agents if x.id != m.ent.id]
                return [m.ent], others or [x for x in targets if x.id != m.ent.id]
            p = m.ti - 1
            while p > a and ctx.toks[p].norm in _QUOTES:
                p -= 1
            if (
                p >= a
                and ctx.has(p, "fighter")
                and "ل" in ctx.toks[p].prefix
                and (abs(m.ti - j) <= 5 or abs(p - i) <= 5)
            ):
                others = [x for x in agents if x.id != m.ent.id]
                return [m.ent], others or [x for x in targets if x.id != m.ent.id]
        return agents, targets

    def _dedupe(self, ents: list[Entity]) -> list[Entity]:
        seen: set[str] = set()
        out = []
        for e in ents:
            if e.id not in seen:
                seen.add(e.id)
                out.append(e)
        return out

    # -- generic actors ----------------------------------------------------------------------------
    def _country_name(self, iso: str | None) -> str:
        if not iso:
            return "Unknown"
        return self.lex.country_name.get(iso, iso)

    def _forces(self, iso: str, span: Span) -> Entity:
        """The entity of a state's military forces (found in the document, else created)."""
        cid = f"mil_{iso}"
        for e in list(self.doc.entities) + self.new_entities:
            if e.canonical_id == cid:
                if all((mm.start, mm.end) != (span.start, span.end) for mm in e.mentions) and e.source == "event":
                    e.mentions.append(span)
                return e
        focus = self.doc.focus_country
        ent = Entity(
            id=self._next_id(),
            kind="organization",
            name_ar=span.text,
            name_en=f"Military Forces of {self._country_name(iso)}",
            canonical_id=cid,
            actor_type="external" if focus and focus != iso else "state_forces",
            mentions=[span],
            country=iso,
            source="event",
        )
        self.new_entities.append(ent)
        return ent

    def as_forces(self, x: Entity, etype: str, sub: str) -> Entity:
        """A country or government named as the perpetrator of violence acts through its armed forces
        ("إسرائيل شنت غارات", "غارات النظام السوري")."""
        if etype not in _VIOLENT and sub not in ("Disrupted weapons use", "Government regains territory"):
            return x
        iso = None
        if x.kind == "place" and x.level == "country":
            iso = (x.geo.country if x.geo else None) or x.country
        elif x.actor_type == "government" and x.canonical_id and x.canonical_id.startswith("gov_"):
            iso = x.canonical_id[4:]
        if not iso:
            return x
        for e in list(self.doc.entities) + self.new_entities:
            if e.canonical_id == f"mil_{iso}":
                return e
        if x.kind == "place":
            return self._forces(iso, x.mentions[0] if x.mentions else Span(0, 0, ""))
        return x

    def _next_id(self) -> str:
        return next(self._ids)

    def _generic(self, kind: str, iso: str | None, spans: list[Span]) -> Entity:
        label, actor_type = _GENERIC[kind]
        name = f"{label} ({self._country_name(iso)})"
        for e in list(self.doc.entities) + self.new_entities:
            if e.name_en == name:
                for sp in spans:
                    if (
                        sp.end > sp.start
                        and all((x.start, x.end) != (sp.start, sp.end) for x in e.mentions)
                        and e.source == "event"
                    ):
                        e.mentions.append(sp)
                return e
        uniq: dict[tuple[int, int], Span] = {}
        for sp in spans:
            uniq.setdefault((sp.start, sp.end), sp)
        spans = sorted(uniq.values(), key=lambda x: x.start)
        ent = Entity(
            id=self._next_id(),
            kind="actor",
            name_ar=spans[0].text if spans else "",
            name_en=name,
            canonical_id=None,
            actor_type=actor_type,
            mentions=[sp for sp in spans if sp.end > sp.start],
            country=iso,
            source="event",
        )
        self.new_entities.append(ent)
        return ent

    # -- date, numbers, sources ----------------------------------------------------------------------
    def _attributions_at(self, pos: int) -> list[Attribution]:
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

    def _date(self, m: _Mention, s: int, i: int, a: int, b: int) -> None:
        ctx, f = self.ctx, self.f
        d, k = f.when(s, i, a, b)
        if d is None and s > 0 and s not in ctx.title_sents:
            first = a
            while first < b and not ctx.word(first):
                first += 1
            if first < b and (ctx.has(first, "continue") or ctx.multi_at(first, "continue", b) > 1):
                d, k = f.when(s - 1, i, *ctx.sent_range[s - 1])
        if d is None:
            for att in self._attributions_at(ctx.toks[i].start):
                c = att.content
                if c and c.start <= ctx.toks[i].start < c.end and att.cue_start < c.start:
                    cs = ctx.toks[ctx.tok_at(att.cue_start)].sent
                    if cs != s:
                        d, k = f.when(cs, ctx.tok_at(att.cue_start), *ctx.sent_range[cs])
                    break
        pub = ctx.pub
        if d is None:
            m.date, m.precision, m.date_default = pub, 1, True
        else:
            m.date_default = False
            end = _iso(d.end_value) if d.end_value else _iso(d.value)
            start = _iso_start(d.value)
            since = k > a and any(ctx.has(q, "history") for q in range(max(a, k - 1), k + 1))
            if since and pub and start and (not d.end_value or (end and end < pub)):
                end = pub
            if end and pub and end > pub and start and start <= pub:
                end = pub
            m.date = end
            span_days = (end - start).days if end and start else 0
            if d.precision == "day" and span_days <= 0:
                m.precision = 1
            elif d.precision in ("day", "week") and span_days <= 14:
                m.precision = 2
            else:
                m.precision = 3
            if pub and start and span_days > 0 and (pub - start).days > _BACKGROUND_DAYS:
                m.date = None
                m.date_default = False
                m.precision = -1
        if m.date is not None:
            for q in range(a, i):
                if ctx.has(q, "day_before"):
                    if m.date_default:
                        m.precision = 1
                    m.date = m.date - timedelta(days=1)
                    m.date_default = False
                    break

    def _recent(self, m: _Mention) -> bool:
        if m.precision == -1:
            return False
        pub = self.ctx.pub
        if pub is None or m.date is None:
            return True
        if m.date > pub + timedelta(days=1):
            return False
        return (pub - m.date).days <= _HISTORY_DAYS

    def _sources(self, m: _Mention) -> bool:
        pos = self.ctx.toks[m.ti].start
        for att in self._attributions_at(pos):
            c = att.content
            if c and c.start <= pos < c.end:
                if att.stance == "silent":
                    return False
                m.sources.append(att)
        if m.sources and all(a.stance == "deny" for a in m.sources):
            m.denied = True
        return True

    # -- one event per listed town -------------------------------------------------------------------
    def _split(self, m: _Mention) -> list[_Mention]:
        if len(m.places) <= 1:
            return [m]
        out = []
        for p in m.places:
            out.append(replace(m, places=[p]))
        return out


@dataclass(slots=True)
class _Ev:
    mentions: list[_Mention]
    sub: str
    etype: str
    specific: bool
    actor1: list[Entity]
    actor2: list[Entity]
    place: _M | None
    place_fallback: bool
    near: bool
    date: date | None
    precision: int
    date_default: bool
    weak: bool
    title_only: bool
    geo_place: _M | None = None  # a resolved place standing in when ``place`` has no coordinates


def _same_admin1(x: Entity, y: Entity) -> bool:
    """x is resolved and may lie in y's first-level unit."""
    if not _resolved(x) or x.geo is None or y.geo is None:
        return False
    return not x.geo.admin1 or not y.geo.admin1 or x.geo.admin1 == y.geo.admin1


def _resolved(e: Entity) -> bool:
    """A place the gazetteer resolved (an unresolved place may carry an empty Geo)."""
    g = e.geo
    if g is None:
        return False
    return g.admin1 is not None or g.lat is not None or (g.country is not None and e.level == "country")


def _actor_ids(ev: _Ev | _Mention) -> set[str]:
    return {x.id for x in ev.actor1} | {x.id for x in ev.actor2}


def _compatible_places(p: _M | None, q: _M | None) -> bool:
    if p is None or q is None or p.ent.id == q.ent.id:
        return True
    gp, gq = p.ent.geo, q.ent.geo
    rp, rq = _LEVEL_RANK.get(p.ent.level or "other", 3), _LEVEL_RANK.get(q.ent.level or "other", 3)
    if gp is None or gq is None or not _resolved(p.ent) or not _resolved(q.ent):
        # a place the gazetteer lacks: it may lie in a known wider area, nothing more is known
        if _resolved(p.ent):
            return rp <= 2
        if _resolved(q.ent):
            return rq <= 2
        return False
    if gp.country and gq.country and gp.country != gq.country:
        return False
    if rp == 0 or rq == 0:
        return True  # a country and a place in it
    if gp.admin1 and gq.admin1 and gp.admin1 != gq.admin1:
        return False
    if rp >= 3 and rq >= 3:
        if {rp, rq} == {4, 5} and gp.admin1 and gp.admin1 == gq.admin1:
            return True  # a neighbourhood and its city
        return False  # two different towns
    return True


class Events:
    """The ``events`` stage."""

    name: str = "events"
    requires: frozenset[str] = frozenset({"tokens", "dates", "quantities", "entities", "places", "attributions"})
    provides: frozenset[str] = frozenset({"events"})

    def __call__(self, doc: Doc) -> Doc:
        first = lexicon().first_keys
        cands = [i for i, t in enumerate(doc.tokens) if maybe_trigger(t, first)]
        if not cands:
            doc.events = []
            return doc
        b = _Builder(doc)
        # "تسبب في مقتل نحو مليون سوري": a death toll this large sums up a war, it reports no event
        mentions = [m for m in b.mentions(cands) if not any(v >= _CUMULATIVE_KILLED for v, _ in m.killed)]
        events = self._merge(b, mentions)
        out = self._finalize(b, events)
        doc.entities.extend(b.new_entities)
        doc.events = out
        return doc

    # -- merging -----------------------------------------------------------------------------------
    def _merge(self, b: _Builder, mentions: list[_Mention]) -> list[_Ev]:
        evs: list[_Ev] = []
        body = [m for m in mentions if not m.title]
        title = [m for m in mentions if m.title]
        for m in sorted(body, key=lambda x: (x.weak, x.ti)):
            target = self._find(b, evs, m)
            if target is None:
                if m.weak:
                    continue
                evs.append(self._new(b, m))
            else:
                self._absorb(target, m)
        for m in title:
            target = self._find(b, evs, m, title=True)
            if target is None:
                if m.weak:
                    continue
                ev = self._new(b, m)
                ev.title_only = True
                evs.append(ev)
            else:
                target.mentions.append(m)
                if not target.actor1 and m.actor1 and m.how >= 2:
                    target.actor1 = m.actor1
                if not target.actor2 and m.actor2 and m.how >= 2:
                    target.actor2 = m.actor2
        return evs

    def _new(self, b: _Builder, m: _Mention) -> _Ev:
        place = m.places[0] if m.places else None
        fallback = False
        if place is None:
            place = self._fallback_place(b, m)
            fallback = place is not None
        ev = _Ev(
            [m],
            m.sub,
            m.etype,
            m.specific,
            list(m.actor1),
            list(m.actor2),
            place,
            fallback,
            m.place_near,
            m.date,
            m.precision,
            m.date_default,
            m.weak,
            False,
        )
        if place is None or not _resolved(place.ent):
            ev.geo_place = self._fallback_place(b, m)
        return ev

    def _fallback_place(self, b: _Builder, m: _Mention) -> _M | None:
        """The place the headline (else the lead sentence) is about."""
        ctx = b.ctx
        rel_score = {"in": 2.0, "on": 2.0, "subject": 2.0, "to": 1.5, "near": 1.5, "from": 0.5, "none": 1.0}
        body = [s for s in range(len(ctx.sent_range)) if s not in ctx.title_sents and s not in ctx.heading_sents]
        for group in (sorted(ctx.title_sents), body[:1]):
            best: tuple[float, _M] | None = None
            for s in group:
                a = ctx.sent_range[s][0]
                for p in ctx.places.get(s, ()):
                    if not _resolved(p.ent):
                        continue
                    rel, _ = b.f._place_relation(p, a)
                    score = rel_score[rel] + 0.3 * _LEVEL_RANK.get(p.ent.level or "other", 3)
                    if best is None or score > best[0]:
                        best = (score, p)
            if best is not None:
                return best[1]
        return None

    def _find(self, b: _Builder, evs: list[_Ev], m: _Mention, title: bool = False) -> _Ev | None:
        mp = m.places[0] if m.places else None
        # only the latest events are merge candidates: keeps very long texts linear
        recent = evs[-_MERGE_WINDOW:]
        same = [ev for ev in recent if any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:])]
        for ev in same + [ev for ev in recent if ev not in same]:
            takeover = self._takeover_by_clash(b, m, ev)
            if m.etype != ev.etype:
                cross = (m.weak or not m.specific) and m.etype in _VIOLENT and ev.etype in _VIOLENT
                if not cross:
                    continue
            elif m.sub != ev.sub:
                related = {m.sub, ev.sub} <= {"Other", "Non-violent transfer of territory"}
                if (
                    m.specific
                    and ev.specific
                    and not related
                    and not takeover
                    and not (any(x.sent == m.sent for x in ev.mentions) and m.etype == "Explosions/Remote violence")
                ):
                    continue
            if not title:
                evp = None if ev.place_fallback else ev.place
                if not _compatible_places(mp, evp):
                    continue
            if not (
                m.date_default
                or ev.date_default
                or m.date is None
                or ev.date is None
                or abs((m.date - ev.date).days) <= (0 if m.precision == 1 and ev.precision == 1 else 7)
            ):
                continue
            ida, idb = _actor_ids(m), _actor_ids(ev)
            if ida and idb and not (ida & idb) and not self._same_names(m, ev) and not takeover:
                continue
            if m.etype == "Battles" and ev.etype == "Battles" and m.sub != ev.sub and (m.specific and ev.specific):
                if not takeover:
                    continue
            return ev
        return None

    def _takeover_by_clash(self, b: _Builder, m: _Mention, ev: _Ev) -> bool:
        """A change of territory that came by a clash told in the same sentence ("سيطرت X على Y بعد
        اشتباكات مع Z") is one happening: ACLED codes the territory change, with the clash's opponent as
        actor 2.  A clash told in its own right (with its own casualties) stays a separate event."""
        subs = {m.sub, ev.sub}
        if "Armed clash" not in subs or not subs & _TERRITORY_SUBS:
            return False
        ctx = b.ctx
        clashes = [m] if m.sub == "Armed clash" else [x for x in ev.mentions if x.sub == "Armed clash"]
        if not any(
            c.sent == m.sent
            and c.ti > 0
            and ctx.has(c.ti - 1, "by_clash")
            and not any(q.category in ("killed", "injured") for q in c.quantities)
            for c in clashes
        ):
            return False
        if not any(x.sent == m.sent for x in ev.mentions):
            return False
        clash_a1 = m.actor1 if m.sub == "Armed clash" else ev.actor1
        gain_a1 = ev.actor1 if m.sub == "Armed clash" else m.actor1
        return not clash_a1 or not gain_a1 or bool({x.id for x in clash_a1} & {x.id for x in gain_a1})

    def _same_names(self, m: _Mention, ev: _Ev) -> bool:
        na = {x.name_en for x in m.actor1 + m.actor2 if x.name_en}
        nb = {x.name_en for x in ev.actor1 + ev.actor2 if x.name_en}
        return bool(na & nb)

    def _absorb(self, ev: _Ev, m: _Mention) -> None:
        ev.mentions.append(m)
        if m.specific and not ev.specific and m.etype == ev.etype:
            ev.sub, ev.specific = m.sub, True
        elif ev.sub == "Armed clash" and m.sub in _TERRITORY_SUBS and m.specific:
            ev.sub = m.sub  # the clash won the territory (see _takeover_by_clash)
        elif (
            m.specific
            and ev.specific
            and m.etype == ev.etype == "Explosions/Remote violence"
            and m.sub != ev.sub
            and not m.weak
            and any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:-1])
        ):
            tax = lexicon().taxonomy
            if tax[m.sub][2] > tax[ev.sub][2]:
                ev.sub = m.sub
        donor = not m.weak or any(x.sent == m.sent for x in ev.mentions[-_MERGE_WINDOW:-1])
        if donor and not ev.actor1 and m.actor1:
            ev.actor1 = list(m.actor1)
        if donor and not ev.actor2 and m.actor2:
            ev.actor2 = list(m.actor2)
        mp = m.places[0] if m.places else None
        if mp is not None and donor:
            old = ev.place
            if ev.place is None or ev.place_fallback:
                ev.place, ev.place_fallback, ev.near = mp, False, m.place_near
            elif _LEVEL_RANK.get(mp.ent.level or "other", 3) > _LEVEL_RANK.get(ev.place.ent.level or "other", 3):
                ev.place, ev.near = mp, m.place_near
            if ev.place is mp and not _resolved(mp.ent) and old is not None and _resolved(old.ent):
                ev.geo_place = old
        if ev.date_default and not m.date_default and m.date is not None:
            ev.date, ev.precision, ev.date_default = m.date, m.precision, False
        if not m.weak:
            ev.weak = False

    # -- output ------------------------------------------------------------------------------------
    def _finalize(self, b: _Builder, evs: list[_Ev]) -> list[Event]:
        doc = b.doc
        # perpetrators of air strikes: the article's other air strike of the same country
        for ev in evs:
            if not ev.actor1 and ev.sub == "Air/drone strike":
                for other in evs:
                    if (
                        other is not ev
                        and other.sub == ev.sub
                        and other.actor1
                        and self._country(b, other) == self._country(b, ev)
                    ):
                        ev.actor1 = list(other.actor1)
                        break
        for ev in evs:
            if not ev.actor1:
                acc = self._accused(b, ev)
                if acc:
                    ev.actor1 = [acc]
        out: list[Event] = []
        evs.sort(key=lambda e: min((m.ti for m in e.mentions if not m.title), default=min(m.ti for m in e.mentions)))
        article_level = [a.id for a in doc.attributions if a.article_level]
        for ev in evs:
            if ev.weak:
                continue
            iso = self._country(b, ev)
            tax = b.lex.taxonomy[ev.sub]
            civ_spans = [sp for m in ev.mentions for sp in m.civilians]
            civ = any(m.civ_flag for m in ev.mentions)
            actor1, actor2 = list(ev.actor1), list(ev.actor2)
            if not actor1 and tax[3] in ("unknown", "both") and ev.etype in _VIOLENT:
                spans = [sp for m in ev.mentions for sp in m.unknown]
                if not spans:
                    spans = b.f.unknown_spans(0, len(b.ctx.toks))
                # bombs of unknown origin: an unidentified group; other violence only when the text says so
                if spans or ev.etype == "Explosions/Remote violence":
                    actor1 = [b._generic("unknown", iso, spans)]
            if ev.etype in ("Protests", "Riots") and not any(x.actor_type in ("protesters", "rioters") for x in actor1):
                kind = "protesters" if ev.etype == "Protests" else "rioters"
                spans = [
                    b.f._tok_span(k)
                    for m in ev.mentions
                    if not m.title
                    for k in range(*b.ctx.sent_range[m.sent])
                    if b.ctx.has(k, "protester")
                ]
                actor1 = [b._generic(kind, iso, spans), *actor1]
            if civ and not any(x.actor_type in ARMED_TYPES for x in actor2) and tax[3] in ("yes", "both"):
                actor2 = [b._generic("civilians", iso, civ_spans), *actor2]
            actor1 = [b.as_forces(x, ev.etype, ev.sub) for x in actor1]
            # one side cannot strike, shell or fight itself; only an unnamed collective may clash within
            # itself ("بين المليشيات المتصارعة")
            actor2 = [
                x for x in actor2 if (x.kind == "actor" and ev.etype == "Battles") or x.id not in {y.id for y in actor1}
            ]
            main = [m for m in ev.mentions if not m.title] or ev.mentions
            strong = [m for m in main if not m.weak and m.sub == ev.sub] or [m for m in main if not m.weak] or main
            first = min(strong, key=lambda m: m.ti)
            trig_span = self._span(b, first.ti, first.tj)
            evidence = sorted(
                {(x.start, x.end): x for x in (self._span(b, m.ti, m.tj) for m in ev.mentions)}.values(),
                key=lambda x: x.start,
            )
            sources = list(dict.fromkeys(a.id for m in ev.mentions for a in m.sources))
            if not sources:
                sources = list(article_level)
            denied = all(m.denied for m in main)
            killed_base = [v for m in ev.mentions if not m.title for v, add in m.killed if not add]
            killed_add = [v for m in ev.mentions if not m.title for v, add in m.killed if add]
            fatalities = int(min(killed_base) + sum(killed_add)) if killed_base else None
            qs: list[Quantity] = []
            seen: set[tuple[int, int]] = set()
            for m in ev.mentions:
                for q in m.quantities:
                    if (q.start, q.end) not in seen:
                        seen.add((q.start, q.end))
                        qs.append(q)
            geo = self._geo(ev)
            sent = doc.sentences[first.sent] if first.sent < len(doc.sentences) else None
            conf = self._confidence(ev, actor1, actor2, sources, geo)
            out.append(
                Event(
                    id=f"v{len(out) + 1}",
                    event_type=tax[0],
                    sub_event_type=ev.sub,
                    trigger=trig_span,
                    date=ev.date.isoformat() if ev.date else None,
                    time_precision=ev.precision if ev.date else None,
                    actor1=actor1[0].id if actor1 else None,
                    actor2=(actor2[0].id if actor2 else None),
                    assoc_actors=[x.id for x in actor1[1:] + actor2[1:]],
                    location=ev.place.ent.id if ev.place else None,
                    geo=geo,
                    fatalities=fatalities,
                    quantities=qs,
                    sources=sources,
                    sentence=Sentence(sent.start, sent.end) if sent else None,
                    confidence=conf,
                    evidence=evidence,
                    plover=first.trig.plover if first.sub == ev.sub and first.trig.plover else tax[1],
                    denied=denied,
                )
            )
        return out

    def _country(self, b: _Builder, ev: _Ev) -> str | None:
        if ev.place and ev.place.ent.geo and ev.place.ent.geo.country:
            return ev.place.ent.geo.country
        return b.doc.focus_country

    def _geo(self, ev: _Ev) -> Geo | None:
        near = ev.near
        if ev.place is not None and ev.place.ent.geo is not None and _resolved(ev.place.ent):
            g = ev.place.ent.geo
        elif ev.geo_place is not None and ev.geo_place.ent.geo is not None:
            g, near = ev.geo_place.ent.geo, True  # "a village near/in X" that the gazetteer lacks
        else:
            return None
        prec = g.geo_precision
        if near and (prec is None or prec < 2):
            prec = 2
        return Geo(
            g.name_en,
            g.lat,
            g.lon,
            g.country,
            g.admin1,
            g.admin2,
            g.feature,
            g.gazetteer_id,
            prec,
            g.confidence,
            g.candidates,
            g.direction,
        )

    def _accused(self, b: _Builder, ev: _Ev) -> Entity | None:
        """ "اتهم X Y بشن الغارة" / "نسب X الغارات إلى Y": Y is the perpetrator."""
        ctx = b.ctx
        for m in ev.mentions:
            a, bb = ctx.sent_range[m.sent]
            for s in {m.sent, min(m.sent + 1, len(ctx.sent_range) - 1)}:
                a, bb = ctx.sent_range[s]
                for k in range(a, bb):
                    if not ctx.has(k, "accuse"):
                        continue
                    actors = [
                        x
                        for x in ctx.actors.get(s, ())
                        if (x.ti > k and x.ent.actor_type in ARMED_TYPES | {"government"})
                        or (x.ti > k and x.ent.kind == "place" and x.ent.level == "country")
                    ]
                    if len(actors) >= 2:
                        return actors[1].ent
                    if actors and any(ctx.toks[q].norm in ("الي", "إلى") for q in range(k, actors[0].ti)):
                        return actors[0].ent
        return None

    def _span(self, b: _Builder, i: int, j: int) -> Span:
        t0, t1 = b.ctx.toks[i], b.ctx.toks[j - 1]
        return Span(t0.start, t1.end, b.doc.text[t0.start : t1.end])

    def _confidence(self, ev: _Ev, a1: list[Entity], a2: list[Entity], sources: list[str], geo: Geo | None) -> float:
        w = max(m.weight for m in ev.mentions)
        c = 0.35 + 0.35 * w
        c += 0.1 if a1 else 0.0
        c += 0.05 if geo is not None else 0.0
        c += 0.05 if not ev.date_default else 0.0
        c += 0.05 * min(2, len([m for m in ev.mentions if not m.title]) - 1)
        if sources:
            c += 0.03
        if ev.title_only:
            c -= 0.1
        if all(m.denied for m in ev.mentions):
            c -= 0.3
        return max(0.05, min(0.99, c))


def make_stage() -> Events:
    return Events()
