"""Stage ``attribution``: who says what — one :class:`~hadath.doc.Attribution` per speech act.

Cues come from data: ``lang/ar/speech_cues.tsv`` (verbs, participles and masdars; the stage inflects
them), ``lang/ar/source_frames.tsv`` (framings such as بحسب X / وفقا لـ X / نقلا عن X, and the small
words around a source: addressees, channels, time words, complementisers) and
``lang/ar/anonymous_sources.tsv`` (heads of unnamed sources: مصدر، مصادر، ناشطون، شهود ...).

For every sentence the stage finds

* speech verbs (قال، أكد، نفت، يقول ...): the speaker is the noun phrase after the verb (VSO), before
  it (SVO: "لكن وحدات حماية الشعب تنفي"), or — with no subject — the previous speaker
  (``implicit``: وأضاف، وتابع، قال إن ...); the content is the complement after إن/أن, a quotation,
  a colon, the verb's preposition (أشار إلى، حذر من، أعلن عن) or a noun object (نفى أي مفاوضات);
* adverbial participles (مضيفا، مشيرا إلى، قائلا): a continuation of the clause's speaker;
* masdars (نقلت X عن Y قوله إن، اكتفى المرصد بذكر أن، وجهت X تحذيرا لـ Y من ...);
* framings (بحسب X، وفق ما أفاد X، نقلا عن X): the content is the clause the frame modifies —
  before it when the frame ends the sentence, after it when it starts it, the whole clause otherwise;
* colon headlines ("الخوذ البيضاء: 4 قتلى ...", cue ``:``) with a source-like head;
* silent acts ("لكنها لم تذكر شيئا عن السماح لهم بالمغادرة": stance ``silent``);
* article credits ("(أ ف ب، رويترز)", "فرانس 24/ أ ف ب", "المصدر: رويترز", "(رويترز) -"):
  ``article_level`` attributions with no content.

A confirming أكد whose object is a report of an earlier speaker ("أكد X تقرير المرصد") gets stance
``confirm`` and ``confirms`` = that speaker's latest attribution.  Speakers link to the entity whose
mention covers the head of the speaker phrase (a place only when it is the whole phrase: "قالت
إسرائيل"); anonymous sources keep ``speaker`` None and their words in ``speaker_text``.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass
from functools import lru_cache

from hadath.doc import Attribution, Doc, Entity, Span, Token
from hadath.lang import given_names, load_tsv
from hadath.text import TASHKEEL_RE, norm_str

__all__ = ["AttributionStage", "CueForm", "Lexicon", "find_attributions", "lexicon", "make_stage"]

# --------------------------------------------------------------------------------------------------
# lexicon
# --------------------------------------------------------------------------------------------------

_ENCLITICS = ("ه", "ها", "هم", "هما")


@dataclass(frozen=True, slots=True)
class CueForm:
    """One inflected cue form."""

    lemma: str
    stance: str
    kind: str  # verb | present | passive | participle | noun
    objects: frozenset[str]
    required: tuple[str, ...]
    flags: frozenset[str]
    enclitic: bool = False  # the form carries an object pronoun (تعتبرها، قوله)


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, CueForm]
    frames: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> ((words...), kind)
    words: dict[str, frozenset[str]]  # kind -> normalised single words
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # kind -> multi-word phrases
    anonymous: dict[str, str]  # head -> kind
    agencies: tuple[str, ...]  # normalised agency names, longest first
    months: frozenset[str]
    triggers: frozenset[str]  # every word that may start a cue or a frame (with و/ف)
    triggers_marks: frozenset[str]  # the triggers, ":" (headlines "X: ...") and quotation marks
    boundary_first: frozenset[str]  # first words of boundary words and phrases (with و/ف)
    confirm_lemmas: frozenset[str]
    time_words: frozenset[str]  # time words and month names


def _inflect(kind: str, base: str) -> list[tuple[str, bool]]:
    """Normalised inflections of a base form; ``(form, has_enclitic)``."""
    out: list[str] = [base]
    if kind == "verb":
        if base.endswith("ي"):  # نفى → نفت نفوا نفيا نفتا
            stem = base[:-1]
            out += [stem + "ت", stem + "وا", base + "ا", stem + "تا"]
        elif base.endswith("ا") and len(base) > 2:  # دعا → دعت دعوا دعتا
            stem = base[:-1]
            out += [stem + "ت", stem + "وا", stem + "تا"]
        else:
            out += [base + "ت", base + "وا", base + "ا", base + "تا"]
    elif kind == "present":
        ta = "ت" + base[1:]
        if base.endswith(("ي", "و")):  # ينفي يدعو يري
            pl = base[:-1] + "ون"
            jus = base[:-1]
            out += [ta, pl, base + "ان", ta + "ان", base[:-1] + "وا", jus, "ت" + jus[1:]]
        else:
            out += [ta, base + "ون", base + "ان", ta + "ان", base + "وا"]
    elif kind == "participle":
        stem = base[:-1] if base.endswith("ا") else base
        out += [stem + "ا", stem + "ه", stem + "ين", stem + "تين", stem + "ان", stem + "ون"]
        if stem.endswith("ي"):  # نافيا → نافين
            out += [stem[:-1] + "ين", stem[:-1] + "ون"]
    forms: list[tuple[str, bool]] = [(f, False) for f in dict.fromkeys(out)]
    if kind in ("verb", "present"):
        for f in list(dict.fromkeys(out)):
            if f.endswith("وا"):
                continue
            forms += [(f + e, True) for e in _ENCLITICS]
    elif kind == "noun" and not base.startswith(("ال", "ب")) and not base.endswith("ا"):
        forms += [(base + e, True) for e in _ENCLITICS]
        if base.endswith("ه"):  # a masdar in ة: تغطيته
            forms += [(base[:-1] + "ت" + e, True) for e in _ENCLITICS]
    return forms


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The cue lexicon, built once from the TSV files."""
    cues: dict[str, CueForm] = {}
    for row in load_tsv("speech_cues.tsv"):
        kind = row["kind"]
        base = norm_str(row["form"])
        objs = row["object"].split()
        required = tuple(norm_str(o[1:]) for o in objs if o.startswith("="))
        objects = frozenset(norm_str(o) for o in objs if not o.startswith("="))
        flags = frozenset(row["flags"].split())
        for form, encl in _inflect(kind, base):
            if form not in cues:
                cues[form] = CueForm(norm_str(row["lemma"]), row["stance"], kind, objects, required, flags, encl)
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    frames: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    agencies: list[str] = []
    for row in load_tsv("source_frames.tsv"):
        kind = row["kind"]
        form = norm_str(row["form"])
        parts = tuple(form.split())
        if kind == "agency":
            agencies.append(form)
            continue
        if kind in ("frame", "relayframe"):
            frames.setdefault(parts[0], []).append((parts, kind))
            continue
        if len(parts) == 1:
            words.setdefault(kind, set()).add(form)
        else:
            phrases.setdefault(kind, []).append(parts)
    anonymous = {norm_str(r["form"]): r["kind"] for r in load_tsv("anonymous_sources.tsv")}
    months: set[str] = set()
    try:
        for r in load_tsv("months.tsv"):
            if r.get("ambiguous", "0") == "0":
                months.add(norm_str(r["name"]).split()[0])
    except (FileNotFoundError, KeyError):  # pragma: no cover - months.tsv belongs to the dates stage
        pass
    starts = set(cues) | set(frames)
    triggers = starts | {p + w for w in starts for p in ("و", "ف")}
    bfirst = set(words.get("boundary", set())) | {p[0] for p in phrases.get("boundary", [])}
    bfirst |= {p + w for w in bfirst for p in ("و", "ف")}
    return Lexicon(
        cues=cues,
        frames={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in frames.items()},
        words={k: frozenset(v) for k, v in words.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        anonymous=anonymous,
        agencies=tuple(sorted(set(agencies), key=len, reverse=True)),
        months=frozenset(months),
        triggers=frozenset(triggers),
        triggers_marks=frozenset(triggers | {":", '"'}),
        boundary_first=frozenset(bfirst),
        confirm_lemmas=frozenset(f.lemma for f in cues.values() if "confirm" in f.flags),
        time_words=frozenset(words.get("time", set()) | months),
    )


# --------------------------------------------------------------------------------------------------
# the stage
# --------------------------------------------------------------------------------------------------

_KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "كانوا", "وكانوا", "يكون", "تكون"})
_QAD = frozenset({"قد", "وقد", "لقد", "فقد", "ولقد"})
_NEG = frozenset({"لم", "ولم", "فلم", "لا", "ولا"})
_PRONOUN_OBJ = frozenset({"عنه", "عنها", "عنهم", "عنهما"})
_SPLIT_AFTER_WA = frozenset({"كذلك"})
_START = operator.attrgetter("start")
_NORM = operator.attrgetter("norm")
_PREPS = frozenset({"الي", "من", "عن", "علي"})
_QALA = "قال"
_NP_INNER = frozenset({"في", "من", "باسم"})  # prepositions inside a speaker's description
_NISBA_END = ("ي", "ية", "يون", "يين", "يان", "يتين", "يتان")


@dataclass(slots=True)
class _Who:
    """A resolved speaker."""

    entity: str | None
    text: str | None
    start: int | None
    end: int | None
    anonymous: bool = False
    head: str = ""  # normalised head word (for matching "تقرير المرصد")


@dataclass(slots=True)
class _Rec:
    who: _Who | None
    cue_start: int
    cue_end: int
    content: tuple[int, int] | None  # original offsets
    direct: bool = False
    stance: str = "assert"
    implicit: bool = False
    article_level: bool = False
    addressee: str | None = None
    lemma: str = ""
    confirms: _Rec | None = None
    content_tokens: tuple[int, int] | None = None
    order: int = 0
    intro: str = ""  # how the content was introduced: that | quote | colon | prep | noun | frame ...


class _Ctx:
    """Per-document working state."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.toks: list[Token] = doc.tokens
        n = len(self.toks)
        self.norms: list[str] = list(map(_NORM, self.toks))
        # after normalisation the name علي and the preposition على (إلى / آلي) look alike
        for word in ("علي", "الي"):
            k = -1
            while True:
                try:
                    k = self.norms.index(word, k + 1)
                except ValueError:
                    break
                t = self.toks[k]
                if word == "علي" and not t.text.endswith("ى"):
                    self.norms[k] = "علي·"
                elif word == "الي" and t.text.startswith("آ"):
                    self.norms[k] = "الي·"
        self.cover: list[tuple[Entity, int, int] | None] = [None] * n
        self.starts = list(map(_START, self.toks)) if (doc.entities or doc.dates) else []
        self.date_end: dict[int, int] = {}
        self.consumed: set[int] = set()
        self._index_entities()
        self._index_dates()
        self.recs: list[_Rec] = []
        self._surface: dict[str, list[tuple[tuple[str, ...], Entity]]] | None = None
        self.last: _Who | None = None
        w = lex.words
        self.w_that = w.get("that", frozenset())
        self.w_time = lex.time_words
        self.w_adverb = w.get("adverb", frozenset())
        self.w_boundary = w.get("boundary", frozenset())
        self.w_relative = w.get("relative", frozenset())
        self.w_medium = w.get("medium", frozenset())
        self.w_mprep = w.get("mediumprep", frozenset())
        self.w_addr = w.get("addressee", frozenset())
        self.w_report = w.get("report", frozenset())
        self.w_notsource = w.get("notsource", frozenset())
        self.w_framerel = w.get("framerel", frozenset())
        self.w_narrator = w.get("narrator", frozenset())
        self.w_adj = w.get("adjective", frozenset())
        self.w_nonspeaker = w.get("nonspeaker", frozenset())
        self.w_quant = w.get("quantifier", frozenset())
        self.w_nametype = w.get("nametype", frozenset())
        self.w_det = w.get("determiner", frozenset())
        self.w_reportof = w.get("reportof", frozenset())
        self.w_circ = w.get("circumstance", frozenset())
        self.qpair: dict[int, int] = {}
        self.inq: dict[int, int] = {}
        self.p_boundary = lex.phrases.get("boundary", ())

    # -- indexes -----------------------------------------------------------------------------------

    def _tok_at(self, pos: int) -> int:
        """Index of the token containing original offset ``pos`` (or the next one)."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return 0
        if self.toks[i].end <= pos:
            return i + 1
        return i

    def _index_entities(self) -> None:
        n = len(self.toks)
        if not n:
            return
        best: list[int] = [0] * n
        for ent in self.doc.entities:
            for m in ent.mentions:
                if m.end <= m.start:
                    continue
                a = self._tok_at(m.start)
                b = self._tok_at(m.end - 1) + 1
                if a >= n:
                    continue
                b = min(b, n)
                length = m.end - m.start
                for k in range(a, b):
                    if length > best[k]:
                        best[k] = length
                        self.cover[k] = (ent, a, b)

    def surface_cover(self, a: int) -> tuple[Entity, int, int] | None:
        """The entity mention at token ``a``, by offsets or else by its clitic-free surface form.

        "للمرصد" holds no verbatim mention "المرصد", but names the entity whose mention "المرصد" is
        found elsewhere in the article.
        """
        cov = self.cover[a]
        if cov is not None or not self.doc.entities:
            return cov
        if self._surface is None:
            index: dict[str, list[tuple[tuple[str, ...], Entity]]] = {}
            for ent in self.doc.entities:
                for m in ent.mentions:
                    words = tuple(norm_str(m.text).split())
                    if words:
                        index.setdefault(words[0], []).append((words, ent))
            for v in index.values():
                v.sort(key=lambda x: -len(x[0]))
            self._surface = index
        cands = self._surface.get(self.full(a)) or self._surface.get(self.bare(a))
        if not cands:
            return None
        n = len(self.toks)
        for words, ent in cands:
            end = a + len(words)
            if end <= n and all(self.norms[a + k] == words[k] for k in range(1, len(words))):
                return (ent, a, end)
        return None

    def _index_dates(self) -> None:
        n = len(self.toks)
        for d in self.doc.dates:
            a = self._tok_at(d.start)
            b = min(self._tok_at(d.end - 1) + 1, n) if d.end > d.start else a
            if a < n:
                self.date_end[a] = max(b, self.date_end.get(a, a + 1))

    # -- token predicates --------------------------------------------------------------------------
    def bare(self, i: int) -> str:
        """The normalised word without a leading و/ف conjunction (when the segmenter split one)."""
        t = self.toks[i]
        w = t.norm
        if t.prefix[:1] in ("و", "ف") and len(w) > 1:
            return w[1:]
        return w

    def full(self, i: int) -> str:
        """The word without any proclitic (و ف ب ل ك), article kept: بالجيش → الجيش."""
        t = self.toks[i]
        return ("ال" if t.article else "") + t.stem + t.suffix

    def is_punct(self, i: int) -> bool:
        return not self.toks[i].is_word and self.norms[i] != '"'

    def is_that(self, i: int) -> bool:
        return self.norms[i] in self.w_that

    def definite(self, i: int) -> bool:
        t = self.toks[i]
        return t.article or bool(t.suffix)

    def nisba(self, i: int) -> bool:
        """A relational adjective (السوري، طبية، عراقيون), read on the original letters (هيئة is none)."""
        t = self.toks[i]
        if len(t.stem) < 3 or t.suffix:
            return False
        text = t.text
        if not text.isalpha():
            text = TASHKEEL_RE.sub("", text)
        return text.endswith(_NISBA_END)

    def is_time(self, i: int) -> bool:
        if i in self.date_end:
            return True
        w = self.norms[i]
        return w in self.w_time or self.full(i) in self.w_time

    def time_end(self, i: int, limit: int) -> int:
        """End of a time expression starting at ``i`` (اليوم الجمعة، مساء الأحد، في وقت سابق)."""
        j = i
        while j < limit:
            if j in self.date_end:
                j = self.date_end[j]
                continue
            w = self.norms[j]
            if w in self.w_time or self.full(j) in self.w_time:
                j += 1
                continue
            if w == "(" and j > i:  # "اليوم الجمعة (التاسع من شباط/فبراير 2018)"
                k = self.close_paren(j, limit)
                if k is not None:
                    j = k + 1
                    continue
            if w in ("من", "في") and j > i and j + 1 < limit and self.is_time(j + 1):
                j += 1
                continue
            if w.isdigit() and j > i:
                j += 1
                continue
            if w in ("سابق", "متاخر", "مبكر") and j > i:
                j += 1
                continue
            break
        return j

    def close_paren(self, i: int, limit: int) -> int | None:
        for k in range(i + 1, min(limit, i + 25)):
            if self.norms[k] == ")":
                return k
            if self.norms[k] == "(":
                return None
        return None

    def cue_at(self, i: int) -> CueForm | None:
        c = self._cue_at(i)
        if c is not None:
            text = self.toks[i].text
            if c.enclitic and text.endswith("ة"):
                return None  # تابعة، إضافة: a feminine noun, not a verb with an object pronoun
            if "exactya" in c.flags and text.endswith("ى"):
                return None
        return c

    def _cue_at(self, i: int) -> CueForm | None:
        w = self.norms[i]
        c = self.lex.cues.get(w)
        if c is None and len(w) >= 3 and w[0] in "وف":
            c = self.lex.cues.get(w[1:])
            if c is not None and self.toks[i].prefix[:1] != w[0]:
                # only when the segmenter agrees there is a conjunction (وصف is a word, not و+صف)
                if w[1:] in self.lex.cues and w not in self.lex.cues:
                    return c
        return c

    def has_conj(self, i: int) -> bool:
        w = self.norms[i]
        return w[:1] in ("و", "ف") and w not in self.lex.cues and w[1:] in self.lex.cues

    def frame_at(self, i: int, limit: int) -> tuple[int, str] | None:
        """(end token, kind) of a framing starting at token ``i``."""
        w = self.norms[i]
        cands = self.lex.frames.get(w)
        if cands is None and len(w) > 3 and w[0] in "وف":
            cands = self.lex.frames.get(w[1:])
        if cands is None:
            return None
        for parts, kind in cands:
            end = i + len(parts)
            if end > limit:
                continue
            if all(self.norms[i + k] == parts[k] or self.bare(i + k) == parts[k] for k in range(1, len(parts))):
                return end, kind
        return None

    def boundary_at(self, i: int, limit: int) -> int:
        """Length in tokens of a boundary word/phrase at ``i`` (0 if none)."""
        w = self.norms[i]
        if w not in self.lex.boundary_first:
            return 0
        if w in self.w_boundary:
            return 1
        for parts in self.p_boundary:
            n = len(parts)
            if i + n <= limit and (w == parts[0] or self.bare(i) == parts[0]):
                if all(self.norms[i + k] == parts[k] for k in range(1, n)):
                    return n
        return 0

    def addressee_at(self, i: int, limit: int) -> int:
        """End token of an addressee phrase "لـ X" at ``i`` (``i`` if none)."""
        t = self.toks[i]
        w = self.norms[i]
        j = i
        if w in ("لـ", "ل") and i + 1 < limit:
            j = i + 1
            head = self.norms[j]
            if head == '"':
                q = self.quote_close(j, limit)
                return q + 1 if q is not None else i
        elif t.prefix.endswith("ل") or (w.startswith("لل") and t.article):
            head = self.full(i)
        else:
            return i
        if head not in self.w_addr and self.toks[j].stem not in self.w_addr:
            cov = self.cover[j]
            if cov is None or cov[0].kind == "place" or cov[0].actor_type not in (None, "noncombatant"):
                return i
            if head.startswith("ال") and cov[1] == j and not self._media_like(cov[0]):
                return i
        k = j + 1
        while k < limit and k - j < 5:
            if self.norms[k] == '"' and k == j + 1:
                q = self.quote_close(k, limit)
                if q is not None and q - k <= 5:  # لقناة "ايه آر دي" التلفزيونية
                    k = q + 1
                    while k < limit and (self.nisba(k) or self.full(k) in self.w_adj):
                        k += 1
                break
            if self.is_that(k) or self.is_punct(k) or self.norms[k] == '"' or self.is_time(k):
                break
            if self.norms[k] in self.w_mprep or self.norms[k] in self.w_adverb:
                break
            if self.cue_at(k) is not None:
                break
            k += 1
        return k

    def _media_like(self, ent: Entity) -> bool:
        name = (ent.name_en or "").lower()
        return any(x in name for x in ("news", "agence", "press", "reuters", "bbc", "cnn", "tv", "agency", "jazeera"))

    def medium_at(self, i: int, limit: int) -> int:
        """End of "في بيان ..." / "عبر حسابه على تويتر" / "خلال مؤتمر صحفي" at ``i`` (``i`` if none)."""
        w = self.norms[i]
        if w not in self.w_mprep or i + 1 >= limit:
            return i
        nxt = self.full(i + 1)
        if nxt not in self.w_medium and self.norms[i + 1] not in self.w_medium:
            if self.is_time(i + 1) or (w == "في" and self.norms[i + 1] in ("وقت", "وقت")):
                return self.time_end(i + 1, limit)
            return i
        k = i + 2
        while k < limit and k - i < 8:
            if self.is_that(k) or self.is_punct(k) or self.norms[k] == '"' or self.is_time(k):
                break
            if self.cue_at(k) is not None or self.norms[k] in self.w_relative:
                break
            if (
                self.norms[k] in self.w_mprep
                and k + 1 < limit
                and (self.full(k + 1) in self.w_medium or self.norms[k + 1] in self.w_medium)
            ):
                k += 2
                continue
            if self.addressee_at(k, limit) > k:
                break
            k += 1
        return k

    def quote_close(self, i: int, limit: int) -> int | None:
        return self.qpair.get(i) if self.norms[i] == '"' else None

    # -- sentence-level quote pairing ----------------------------------------------------------------
    def pair_quotes(self, quotes: list[int]) -> None:
        """Pair the quotation marks of one sentence in order (every mark is '"' in the view)."""
        self.qpair = {}
        self.inq = {}
        for o, k in zip(quotes[::2], quotes[1::2], strict=False):
            self.qpair[o] = k
            for m in range(o + 1, k):
                self.inq[m] = o

    # -- entity linking ----------------------------------------------------------------------------
    def who(self, a: int, b: int, *, conj: bool = False) -> _Who | None:
        """The speaker phrase of tokens ``[a, b)`` linked to an entity when one covers its head."""
        toks = self.toks
        while a < b and self.is_punct(a):
            a += 1
        while b > a and self.is_punct(b - 1):
            b -= 1
        # quotation marks at the edges go unless they enclose a name inside the phrase: صحيفة "الوطن"
        if b > a and self.norms[a] == '"' and self.qpair.get(a, b) >= b - 1:
            a += 1
            if b > a and self.norms[b - 1] == '"':
                b -= 1
        elif b > a and self.norms[b - 1] == '"' and (b - 1) not in self.qpair.values():
            b -= 1
        if b <= a:
            return None
        # "البيان الصادر عن X": the issuer speaks
        if (
            self.full(a) in self.w_report
            and a + 3 < b
            and self.full(a + 1) in self.w_reportof
            and self.norms[a + 2] == "عن"
        ):
            a += 3
        t0 = toks[a]
        s = t0.start
        cov = self.surface_cover(a)
        head = self.full(a)
        anon_kind = self.anon_kind(a)
        if anon_kind is None:
            # a named source keeps its name, not its location: "الإدارة الصحية في منطقة خاضعة لسيطرة ..."
            for k in range(max(a + 1, cov[2] if cov is not None else a + 1), b):
                if self.norms[k] == "في" and self.cover[k] is None:
                    b = k
                    break
        if conj and t0.prefix[:1] in ("و", "ف"):
            # a phrase before its verb or a second conjunct may start with و/ف; one after the verb never does
            inner = [m.start for m in cov[0].mentions if t0.start < m.start < t0.end] if cov is not None else []
            if inner:
                s = inner[0]
            elif t0.article or cov is not None:
                s = self._skip_prefix(a, 1)
        e = toks[b - 1].end
        text = self.doc.text[s:e]
        ent: Entity | None = None
        if cov is not None:
            e0 = cov[0]
            if e0.kind != "place":
                ent = e0
            elif cov[2] >= b - 1 or (cov[2] >= b - 2 and not anon_kind):
                ent = e0  # a country acting as a speaker: "قالت إسرائيل"
        person: Entity | None = None
        for k in range(a, b):
            ck = self.cover[k]
            if ck is not None and ck[0].kind == "person":
                person = ck[0]
                break
        if person is not None and (ent is None or ent.kind != "person") and (anon_kind == "role" or ent is None):
            ent = person  # "مدير المرصد رامي عبد الرحمن"
        if ent is not None and ent is not person and anon_kind is not None and (cov is None or cov[1] > a):
            ent = None  # "مصدر في جماعة أحرار الشام": the group is the affiliation, not the speaker
        if ent is not None and anon_kind is not None and cov is not None and cov[1] == a and anon_kind != "role":
            pass  # the description IS the entity ("وسائل الإعلام السورية الرسمية")
        anonymous = ent is None and anon_kind is not None and not t0.suffix
        if anonymous and anon_kind == "role" and not t0.article and a + 1 < b and toks[a + 1].article:
            anonymous = False  # "وزير الخارجية الأميركي": a title in construct names one person
        if anonymous and anon_kind == "role" and any(self.norms[k] == "," for k in range(a, b)):
            anonymous = False  # "أمين عام وزارة النقل، أنمار الخصاونة": a title and a name
        return _Who(ent.id if ent else None, text, s, e, anonymous, head or self.norms[a])

    def anon_kind(self, a: int) -> str | None:
        """The anonymous-source kind of the head word ``a`` (definite forms only when listed: المصدر)."""
        lex_anon = self.lex.anonymous
        t = self.toks[a]
        if t.article:
            return lex_anon.get(self.full(a))
        return lex_anon.get(self.full(a)) or lex_anon.get(t.stem) or lex_anon.get(self.bare(a))

    def _skip_prefix(self, i: int, n: int) -> int:
        """Original offset after the first ``n`` normalised characters of token ``i``."""
        t = self.toks[i]
        s, _ = self.doc.norm.to_original(t.nstart + n, t.nend)
        return s

    # -- noun phrases ------------------------------------------------------------------------------
    def np_after(
        self, j: int, limit: int, *, relay: bool = False, stops: frozenset[str] = frozenset(), pp_head: bool = False
    ) -> int:
        """End token of a speaker phrase starting at ``j`` (``j`` when there is none).

        ``stops`` are the cue's own prepositions (حذر X من، أشار X إلى): they end the phrase.
        """
        if j >= limit:
            return j
        w = self.norms[j]
        if (
            self.is_punct(j)
            or self.is_that(j)
            or w in self.w_nonspeaker
            or w in self.w_boundary
            or self.is_time(j)
            or w in self.w_adverb
            or self.cue_at(j) is not None
            or self.addressee_at(j, limit) > j
            or self.medium_at(j, limit) > j
            or self.frame_at(j, limit) is not None
            or w in ("عن", "الي", "علي", "من", "ب", "بـ", "لـ")
            or w in self.w_quant
            or w in self.w_circ
            or (not pp_head and self._pp_head(j, stops))
            or self.accusative(j)
        ):
            return j
        if w == '"':
            q = self.quote_close(j, limit)
            # a quoted name right after a frame or verb: وفق "الوطن"، نقلا عن "الخليج" الإماراتية
            if q is None or q - j > 5 or q == j + 1:
                return j
            k = q + 1
            while k < limit and (self.nisba(k) or self.full(k) in self.w_adj):
                k += 1
            if not pp_head and not (
                q - j <= 4
                and k < limit
                and (
                    self.is_that(k)
                    or self.addressee_at(k, limit) > k
                    or self.is_time(k)
                    or self.medium_at(k, limit) > k
                )
            ):
                return j  # after a verb a quotation is the content: وأضاف "تكمن الأهمية ..."
            return k
        if not self.toks[j].is_word:
            return j
        k = j + 1
        cov = self.cover[j]
        if cov is not None:
            k = max(k, cov[2])
        n = 0
        while k < limit and n < 14:
            n += 1
            w = self.norms[k]
            if w == '"':
                q = self.quote_close(k, limit)
                prev = self.full(k - 1)
                if (
                    q is not None
                    and q - k <= 5
                    and (
                        prev in self.w_nametype
                        or prev in self.w_addr
                        or self.norms[k - 1] in ("في", "ب", "بـ", "ل", "لـ", "باسم", "من")
                        or self.toks[k - 1].stem in self.w_nametype
                    )
                ):
                    k = q + 1
                    continue
                break
            if self.is_punct(k) or self.is_that(k) or w in self.w_relative or w in self.w_adverb:
                break
            if w == "عن":
                if relay or self.full(k - 1) not in self.w_reportof:
                    break
                k += 1
                continue
            if w == "لدي" and (self.lex.anonymous.get(self.full(j)) == "role" or self._titled(j)):
                k += 1  # "سفيرة أمريكا لدى الأمم المتحدة": part of the title
                continue
            if w in stops or w in self.w_circ or (w in self.w_nonspeaker and w not in _NP_INNER):
                break
            if w in self.w_det and not self.toks[k].text.startswith("آ"):  # أي, not the letter آي
                break
            if "ب" in stops and self.toks[k].prefix.endswith("ب") and self.cover[k] is None:
                break
            if w in self.w_boundary or self.boundary_at(k, limit):
                break
            if self.is_time(k) or (w in ("يوم", "في") and k + 1 < limit and self.is_time(k + 1)):
                break
            if self.addressee_at(k, limit) > k or self.medium_at(k, limit) > k:
                break
            if self.cue_at(k) is not None or self.frame_at(k, limit) is not None:
                break
            if w in _NEG or w in _QAD:
                break
            cov = self.cover[k]
            if cov is not None and cov[2] > k + 1:
                k = cov[2]
                continue
            k += 1
        return k

    def verb_like(self, k: int) -> bool:
        """An imperfect plural/dual verb (يعدون، تقولان) or an indefinite accusative (تقريرا) outside any name."""
        if self.cover[k] is not None:
            return False
        w = self.bare(k)
        t = self.toks[k]
        if len(w) >= 5 and w[0] in "يت" and w.endswith(("ون", "ان", "ين")) and not t.article:
            return True
        return len(w) >= 4 and w.endswith("ا") and not t.article and not t.suffix and not w.endswith("يا")

    def accusative(self, j: int) -> bool:
        """The word carries tanween fath (إعلامياً، مخاطباً): an adverb or object, never a subject."""
        t = self.toks[j]
        text = self.doc.text
        return "\u064b" in t.text or text[t.end : t.end + 1] == "\u064b" or text[t.end + 1 : t.end + 2] == "\u064b"

    def _titled(self, a: int) -> bool:
        """A phrase headed by a title or a definite noun, which a name may follow in apposition."""
        return (
            self.lex.anonymous.get(self.full(a)) == "role"
            or self.lex.anonymous.get(self.toks[a].stem) == "role"
            or (self.toks[a].article and self.cover[a] is None)
        )

    def _pp_head(self, j: int, stops: frozenset[str]) -> bool:
        """A prepositional phrase where a subject would be: "اعترف بوجود ..."، "للجيش"."""
        t = self.toks[j]
        p = t.prefix[-1:]
        if p == "ب":
            return t.article or "ب" in stops
        if p == "ل":
            return t.article
        return False

    def np_split(self, j: int, end: int) -> int:
        """Subject/object split of ``[j, end)`` for a verb with a bare noun object (no إن/أن)."""
        k = j + 1
        cov = self.cover[j]
        if cov is not None:
            k = max(k, min(cov[2], end))
        head = self.full(j)
        anon = self.lex.anonymous.get(head) or self.lex.anonymous.get(self.toks[j].stem)
        indef_noun = not self.definite(j) and not self.nisba(j)
        name_run = cov is None and not anon and not self.definite(j)
        while k < end:
            t = self.toks[k]
            w = self.norms[k]
            cov = self.cover[k]
            if cov is not None and cov[1] == k:
                if indef_noun or self.norms[k - 1] in ("في", "من", "باسم") or t.prefix:
                    k = cov[2]
                    indef_noun = False
                    continue
                if cov[0].kind == "person" and anon == "role":
                    k = cov[2]
                    continue
                break
            if (self.nisba(k) and t.article == self.toks[k - 1].article) or self.full(k) in self.w_adj:
                k += 1  # an adjective agrees in definiteness: "مصدر طبي"، "الحكومة السورية" (not "الوزراء أهمية")
                indef_noun = False
                continue
            if indef_noun and (t.article or (not t.suffix and not t.prefix)):
                k += 1
                indef_noun = not t.article
                continue
            if name_run and not t.article and not t.suffix and not t.prefix and k - j < 4:
                k += 1
                continue
            if anon and (w in ("في", "من", "باسم") or t.prefix[-1:] in ("ب", "ل")) and k + 1 < end:
                k += 1
                indef_noun = w in ("في", "من", "باسم")
                continue
            if t.prefix[-1:] == "ل" and t.article is False and k + 1 < end and self.toks[k + 1].article:
                k += 2  # المرصد السوري لحقوق الإنسان
                continue
            break
        return k

    def np_before(self, i: int, s0: int) -> tuple[int, int] | None:
        """A pre-verbal subject ending right before token ``i``: "لكن مديره قال"."""
        b = i - 1
        while b >= s0 and self.norms[b] in _QAD:
            b -= 1
        end = b + 1
        k = b
        n = 0
        while k >= s0:
            w = self.norms[k]
            if self.is_punct(k) or w in self.w_boundary or w in _KANA or self.is_that(k):
                break
            if w == '"':
                o = self.inq.get(k - 1)
                if o is not None and k - o <= 5:
                    k = o - 1
                    n += 2
                    continue
                break
            if w in self.w_nonspeaker or w in self.w_relative or self.cue_at(k) is not None:
                return None
            if self.verb_like(k):
                return None  # "أن السعوديين يعدون تقريرا يفيد": a clause, not a subject
            if self.frame_at(k, i) is not None:
                return None
            n += 1
            if n > 6:
                return None
            t = self.toks[k]
            if t.prefix[:1] in ("و", "ف"):
                # "ووحدات حماية الشعب تنفي": a conjunction starts the phrase only on a definite or known name
                before = self.norms[k - 1] if k > s0 else ""
                if not (t.article or self.cover[k] is not None or before in self.w_boundary):
                    return None
                if before in self.w_boundary:
                    break
                k -= 1
                break
            k -= 1
        a = k + 1
        if a >= end:
            return None
        if self.norms[a] == "اما":
            a += 1
        if a >= end or not self.toks[a].is_word or self._pp_head(a, frozenset({"ب"})):
            return None
        # a verb-like word right before the cue ("أظهرت الصور") is not a subject: require a noun-ish head
        if self.norms[a] in self.w_nonspeaker or self.is_time(a):
            return None
        return a, end

    # -- content -----------------------------------------------------------------------------------
    def clause_end(self, k: int, limit: int) -> int:
        """End token (exclusive) of the reported clause starting at ``k``."""
        j = k
        trig = self.lex.triggers
        bfirst = self.lex.boundary_first
        while j < limit:
            w = self.norms[j]
            if w == '"':
                q = self.qpair.get(j)
                if q is not None:
                    j = q + 1
                    continue
                j += 1
                continue
            if j > k and (w in trig or w in bfirst):
                if (
                    self.boundary_at(j, limit)
                    and w not in ("حيث", "ثم", "اذ")
                    and (w not in ("فيما", "كما") or self.is_punct(j - 1))
                ):
                    break
                c = self.cue_at(j)
                if c is not None and (
                    self.has_conj(j)
                    or (
                        c.kind == "participle"
                        and (
                            self.is_punct(j - 1)
                            or (j + 1 < limit and (self.is_that(j + 1) or self.norms[j + 1] == "الي"))
                        )
                    )
                ):
                    if j + 1 < limit:
                        break
                fr = self.frame_at(j, limit)
                if fr is not None and (self.is_punct(j - 1) or self.norms[j][:1] in "وف"):
                    break
            j += 1
        while j > k and self.is_punct(j - 1) and self.norms[j - 1] != ")":
            j -= 1
        return j

    def offsets(self, a: int, b: int) -> tuple[int, int] | None:
        if b <= a:
            return None
        return self.toks[a].start, self.toks[b - 1].end

    def content_from(self, k: int, limit: int) -> tuple[int, int, bool] | None:
        """Content tokens ``[a, b)`` starting at ``k`` and whether it is a direct quotation."""
        if k >= limit:
            return None
        if self.norms[k] == '"':
            q = self.qpair.get(k)
            if q is not None:
                after = q + 1
                if (
                    after >= limit
                    or self.is_punct(after)
                    or self.boundary_at(after, limit)
                    or self.cue_at(after) is not None
                    or self.frame_at(after, limit) is not None
                ):
                    if q > k + 1:
                        return k + 1, q, True
        end = self.clause_end(k, limit)
        if end <= k:
            return None
        quoted = 0
        total = 0
        j = k
        while j < end:
            total += 1
            if j in self.inq:
                quoted += 1
            j += 1
        return k, end, quoted * 2 >= total and quoted > 0


# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttributionStage:
    """The ``attribution`` stage (requires tokens and entities; provides attributions)."""

    name: str = "attribution"
    requires: frozenset[str] = frozenset({"tokens", "entities"})
    provides: frozenset[str] = frozenset({"attributions"})

    def __call__(self, doc: Doc) -> Doc:
        doc.attributions = find_attributions(doc)
        return doc


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.lex = lexicon()
        self.c = _Ctx(doc, self.lex)
        self.order = 0

    # -- emit ------------------------------------------------------------------------------------
    def emit(
        self,
        who: _Who | None,
        cue: tuple[int, int],
        content: tuple[int, int, bool] | None,
        *,
        stance: str = "assert",
        implicit: bool = False,
        addressee: str | None = None,
        lemma: str = "",
        update_last: bool = True,
        intro: str = "",
    ) -> _Rec:
        c = self.c
        off = c.offsets(content[0], content[1]) if content else None
        rec = _Rec(
            who=who,
            cue_start=cue[0],
            cue_end=cue[1],
            content=off,
            direct=bool(content and content[2]),
            stance=stance,
            implicit=implicit,
            addressee=addressee,
            lemma=lemma,
            content_tokens=(content[0], content[1]) if content else None,
            order=self.order,
            intro=intro,
        )
        self.order += 1
        c.recs.append(rec)
        if update_last and who is not None and not implicit:
            c.last = who
        return rec

    def speakers(self, a: int, b: int, *, conj: bool = False) -> list[_Who]:
        """One or more speakers for the phrase ``[a, b)`` (split at و before a second source)."""
        c = self.c
        cuts = [a]
        for k in range(a + 1, b):
            t = c.toks[k]
            if t.prefix[:1] != "و" and c.norms[k] not in _SPLIT_AFTER_WA and c.bare(k) not in _SPLIT_AFTER_WA:
                continue
            if c.norms[k] in ("وكذلك",) or c.bare(k) in _SPLIT_AFTER_WA:
                if k + 1 < b:
                    cuts.append(k + 1)
                continue
            cov = c.cover[k]
            prev = c.cover[cuts[-1]]
            head = c.full(k)
            second_source = (cov is not None and cov[0].kind != "place" and cov[1] == k) or (
                head in c.lex.anonymous and c.lex.anonymous[head] != "role"
            )
            first_ok = prev is None or prev[0].kind != "place"
            if not second_source and cov is None and t.article and c.toks[cuts[-1]].article and not c.nisba(k):
                second_source = prev is not None or c.full(cuts[-1]) in c.lex.anonymous or True
                if k - cuts[-1] > 3:
                    second_source = False
            if second_source and first_ok:
                cuts.append(k)
        out: list[_Who] = []
        for x, y in itertools.pairwise([*cuts, b]):
            w = c.who(x, y, conj=conj or x > a)
            if w is not None:
                out.append(w)
        return out

    # -- main loop --------------------------------------------------------------------------------
    def run(self) -> list[Attribution]:
        c = self.c
        toks = c.toks
        n = len(toks)
        if n == 0:
            return self.finish()
        trig = c.lex.triggers_marks
        norms = c.norms
        # one pass finds the cue/frame words, colons and quotation marks; only their sentences are read
        marks = list(itertools.compress(range(n), map(trig.__contains__, norms)))
        m = 0
        nm = len(marks)
        while m < nm:
            k = marks[m]
            s0, s1 = self.sentence_range(k)
            e = m
            while e < nm and marks[e] < s1:
                e += 1
            here = marks[m:e]
            m = e
            if all(norms[x] == '"' for x in here):
                continue
            self.sentence(s0, s1, here)
        self.credits()
        return self.finish()

    def inside_content(self, i: int, s0: int) -> bool:
        """Whether token ``i`` lies inside the content of an attribution found earlier in its sentence."""
        for r in reversed(self.c.recs):
            ct = r.content_tokens
            if ct is None or r.article_level:
                continue
            if ct[0] < s0:
                return False
            if ct[0] <= i < ct[1]:
                return True
        return False

    def sentence_range(self, k: int) -> tuple[int, int]:
        """Token range of the sentence holding token ``k``."""
        toks = self.c.toks
        si = toks[k].sent
        sents = self.doc.sentences
        if si < len(sents):
            s0 = bisect.bisect_left(toks, sents[si].start, hi=k, key=_START)
            s1 = bisect.bisect_left(toks, sents[si].end, lo=k + 1, key=_START)
            if toks[s0].sent == si and toks[s1 - 1].sent == si and (s1 == len(toks) or toks[s1].sent != si):
                return s0, s1
        s0 = k
        while s0 > 0 and toks[s0 - 1].sent == si:
            s0 -= 1
        s1 = k + 1
        while s1 < len(toks) and toks[s1].sent == si:
            s1 += 1
        return s0, s1

    def sentence(self, s0: int, s1: int, marks: list[int]) -> None:
        c = self.c
        norms = c.norms
        c.pair_quotes([x for x in marks if norms[x] == '"'])
        if ":" in [norms[x] for x in marks]:
            self.headline(s0, s1)
        lex_cues = c.lex.cues
        frames = c.lex.frames
        nxt = s0
        for i in marks:
            w = norms[i]
            if i < nxt or w == '"' or w == ":" or i in c.consumed or i in c.inq:
                continue
            if self.inside_content(i, s0):
                continue  # "قال إن زيارته، ... تؤكد الإرادة": a verb of the reported clause
            if w in frames or w[1:] in frames:
                fr = c.frame_at(i, s1)
                if fr is not None:
                    nxt = self.frame(i, fr[0], fr[1], s0, s1)
                    continue
            if w in lex_cues or (len(w) >= 3 and w[1:] in lex_cues and w[0] in "وف"):
                cue = c.cue_at(i)
                if cue is not None:
                    nxt = self.cue(i, cue, s0, s1)

    # -- verbs and participles --------------------------------------------------------------------------
    def cue_span(self, i: int) -> tuple[int, int]:
        c = self.c
        t = c.toks[i]
        w = c.norms[i]
        if w not in c.lex.cues and w[:1] in ("و", "ف"):
            return c._skip_prefix(i, 1), t.end
        return t.start, t.end

    def clause_initial(self, i: int, s0: int) -> bool:
        c = self.c
        if c.has_conj(i) or i == s0 or c.norms[i] in ("ولم", "فلم"):
            return True
        p = i - 1
        while p >= s0 and c.norms[p] in _QAD:
            p -= 1
        if p < s0:
            return True
        w = c.norms[p]
        return c.is_punct(p) or w in c.w_boundary or w in _KANA or w in ("ثم", "كما", "وكما", '"') or c.is_that(p)

    def cue(self, i: int, cue: CueForm, s0: int, s1: int) -> int:
        c = self.c
        norms = c.norms
        kind = cue.kind
        prev = norms[i - 1] if i > s0 else ""
        negated = prev in _NEG
        if "onlyneg" in cue.flags and not negated:
            return i + 1
        if negated and not ("silent" in cue.flags and prev in ("لم", "ولم", "فلم")):
            return i + 1
        if negated and i >= s0 + 2 and norms[i - 2] in ("ما", "طالما"):
            return i + 1  # "ما لم يحدد القانون": unless
        if kind == "participle":
            return self.participle(i, cue, s0, s1)
        if kind == "noun":
            return self.masdar(i, cue, s0, s1)
        # narrator asides: يذكر أن، يشار إلى أن
        if norms[i] in c.w_narrator and i + 1 < s1 and (c.is_that(i + 1) or norms[i + 1] == "الي"):
            return i + 1
        vi = i - 1 if negated else i  # the verb group starts at لم
        initial = self.clause_initial(vi, s0)
        if vi > s0 and norms[vi - 1] in c.w_relative:
            return i + 1  # "الذي قال إن ...": the speaker is the antecedent; left to the narrator
        if "strict" in cue.flags and not (initial or negated or (cue.enclitic and "noun" in cue.objects)):
            return i + 1
        cue_span = self.cue_span(i)
        if negated:
            lam = i - 1
            cue_span = (c.toks[lam].start if norms[lam] == "لم" else c._skip_prefix(lam, 1), cue_span[1])
        stops = frozenset(o for o in cue.objects if o in _PREPS or o == "ب")
        j = i + 1
        relay = "relay" in cue.flags
        np_end = j if kind == "passive" else c.np_after(j, s1, relay=relay, stops=stops)
        if negated and np_end > j and not c.has_conj(vi) and c.np_before(vi, s0) is not None:
            np_end = j  # "ومع أن المتحدث لم يحدد طبيعة تلك الإجراءات": the subject came first
        subj: tuple[int, int] | None = (j, np_end) if np_end > j else None
        if subj is not None and kind in ("verb", "present") and norms[i].endswith(("وا", "ون")):
            subj = None  # a plural verb does not precede its subject: "وأكدوا وجود الكلور" has an object
        if subj is not None and "tell" in cue.flags and (c.full(j) in c.w_addr or c.norms[j] in c.w_addr):
            subj = None  # "أبلغ الصحافيين أن": the addressee, not the speaker
        if (
            subj is not None
            and kind == "verb"
            and "noun" in cue.objects
            and c.has_conj(vi)
            and not c.toks[subj[0]].article
            and c.toks[subj[0]].norm not in given_names()
            and c.surface_cover(subj[0]) is None
            and not self.plausible_source(subj[0], subj[1])
            and self.antecedent(vi, s0) is not None
        ):
            # "ونفى استهداف المدنيين": a continuation whose bare object is no speaker — the object is the content
            np_end = j
            subj = None
        pre = None
        if subj is None and kind != "passive" and (not c.has_conj(vi) or c.norms[vi][:1] == "ف"):
            pre = self._pre_subject(vi, s0)
            if pre is None and not initial:
                return i + 1
        # skip what stands between the speaker and the content
        k, addressee, appo_end = self.post_skip(np_end, s1, subj, cue.objects)
        if subj is not None and appo_end > subj[1]:
            subj = (subj[0], appo_end)
        if relay:
            return self.relay(i, cue, cue_span, subj, pre, k, s0, s1, addressee)
        intro = self.introducer(k, cue, s1)
        if intro is None and subj is not None and "that" in cue.objects:
            intro = self.far_introducer(k, s1)
        if intro is None and negated and subj is not None and k == np_end:
            split = c.np_split(subj[0], subj[1])  # "لم توضح إدارة ترمب المواصفات"
            if split < subj[1]:
                intro = (split, "noun")
                subj = (subj[0], split)
        if intro is None and negated and k < s1 and c.toks[k].is_word:
            intro = (k, "noun")  # لم تذكر شيئا عن ...
        if intro is None and subj is not None and ("noun" in cue.objects or cue.enclitic):
            # VSO with a bare noun object: split subject / object
            # (تعتبرها الأمم المتحدة من بين الأسوأ: the object pronoun makes the rest a predicate)
            split = c.np_split(subj[0], subj[1])
            if split < subj[1]:
                intro = (split, "noun")
                subj = (subj[0], split)
        if intro is None:
            # a quotation before the cue: «...»، قال المصدر.
            intro = self.quote_before(i, s0, k, s1)
            if intro is None:
                return i + 1
        if intro[1] == "prep" and subj is not None and intro[0] >= subj[1] and c.surface_cover(subj[0]) is not None:
            # "طالبت وزارة الخارجية البريطانية طهران بوقف ...": the object stands between speaker and preposition
            split = c.np_split(subj[0], subj[1])
            if split < subj[1]:
                intro = (split, "noun")
                subj = (subj[0], split)
        content = self.content(intro, s1, silent=negated)
        if content is None:
            return i + 1
        if cue.required and not self.has_required(cue, content, s1):
            return i + 1
        stance = "silent" if negated else cue.stance
        whos: list[_Who]
        implicit = False
        if subj is not None:
            whos = self.speakers(subj[0], subj[1])
        elif pre is not None:
            whos = self.speakers(pre[0], pre[1], conj=True)
        else:
            if vi > s0 and c.is_that(vi - 1):
                return i + 1  # "وقال إنه يعتبر ذلك ...": the inner verb is part of the content
            last = self.antecedent(vi, s0) if kind != "passive" else None
            if last is None and kind != "passive":
                return i + 1
            whos = [last] if last is not None else []
            implicit = kind != "passive"
        if kind == "present" and intro[1] == "noun" and not implicit and "strict" in cue.flags and not cue.enclitic:
            # "ويعتبر الهجوم الأعنف ...": a present verb with a bare object needs a source-like subject
            if not any(w.entity or w.anonymous for w in whos):
                return i + 1
        if kind == "passive" or not whos:
            self.emit(None, cue_span, content, stance=stance, lemma=cue.lemma, addressee=addressee)
        else:
            for w in whos:
                self.emit(
                    w,
                    cue_span,
                    content,
                    stance=stance,
                    implicit=implicit,
                    addressee=addressee,
                    lemma=cue.lemma,
                    intro=intro[1],
                )
        return i + 1

    def antecedent(self, i: int, s0: int) -> _Who | None:
        """The speaker that a subjectless cue at token ``i`` continues.

        Inside a sentence that already reported speech, that act's speaker; inside a narrated VSO
        sentence ("دشن الرئيس المصري ...، مشددا على ..."), the subject of its first verb; otherwise the
        previous speaker.
        """
        c = self.c
        for r in reversed(c.recs):
            if r.who is None or r.article_level:
                continue
            if r.content_tokens is not None and r.content_tokens[0] >= s0 and r.content_tokens[0] < i:
                return r.who
            break
        if i > s0 + 2:
            subj = self.sentence_subject(s0, i)
            if subj is not None:
                return subj
        return c.last

    def sentence_subject(self, s0: int, i: int) -> _Who | None:
        """The subject of a sentence that opens with a verb: "دشن الرئيس المصري عبد الفتاح السيسي، ..."."""
        c = self.c
        v = s0
        t = c.toks[v]
        w = c.norms[v]
        if not t.is_word or t.article or w in c.w_nonspeaker or w in c.w_boundary or c.is_time(v):
            return None
        if c.cover[v] is not None or c.frame_at(v, i) is not None or w in c.lex.cues or c.bare(v) in c.lex.cues:
            return None
        end = c.np_after(v + 1, i)
        if end <= v + 1 or end - (v + 1) > 8:
            return None
        a = v + 1
        cov = c.cover[a]
        if cov is not None and cov[0].kind == "place" and cov[2] >= end:
            return None
        if cov is None and c.anon_kind(a) is None:
            return None  # only a named actor or a source-like head ("زاد اختفاء الصحفي" is no speaker)
        return c.who(a, end)

    def _titled(self, a: int) -> bool:
        return self.c._titled(a)

    def _pre_subject(self, i: int, s0: int) -> tuple[int, int] | None:
        c = self.c
        # أما X ف+cue
        w = c.norms[i]
        if w[:1] == "ف" and w not in c.lex.cues:
            for k in range(i - 1, max(s0 - 1, i - 16), -1):
                if c.norms[k] in ("اما", "واما"):
                    end = c.np_after(k + 1, i)
                    return (k + 1, end) if end > k + 1 else None
            return None
        return c.np_before(i, s0)

    def post_skip(
        self,
        k: int,
        s1: int,
        subj: tuple[int, int] | None,
        objects: frozenset[str] = frozenset(),
        *,
        commas: bool = True,
    ) -> tuple[int, str | None, int]:
        """Skip appositions, parentheticals, time, addressee and channel between speaker and content.

        Returns the next token, the addressee entity id and the end of an apposition that belongs to the
        speaker (a name after a title: "رئيس الوزراء الإسرائيلي، بنيامين نتنياهو، إن").
        """
        c = self.c
        norms = c.norms
        addressee: str | None = None
        appo_end = subj[1] if subj else k
        guard = 0
        while k < s1 and guard < 16:
            guard += 1
            w = norms[k]
            if w == ",":
                nk = k + 1
                if not commas:
                    if nk < s1 and norms[nk] in c.w_relative:
                        e = nk + 1
                        while e < s1 and e - nk <= 16 and norms[e] != ",":
                            e += 1
                        if e < s1 and norms[e] == ",":
                            k = e  # "ووفقا للمرصد، الذي يتخذ من بريطانيا مقرا له، فإن ..."
                            continue
                    break
                if nk >= s1:
                    break
                if c.is_that(nk) or norms[nk] in ('"', ":"):
                    k = nk
                    continue
                cov = c.cover[nk]
                if subj is not None and cov is not None and cov[0].kind == "person" and cov[1] == nk:
                    appo_end = cov[2]
                    k = cov[2]
                    continue
                if c.cue_at(nk) is not None or c.frame_at(nk, s1) is not None or c.boundary_at(nk, s1):
                    break
                if norms[nk] in objects or ("ب" in objects and c.toks[nk].prefix.endswith("ب")):
                    k = nk
                    break
                seg_end = nk
                bad = False
                while seg_end < s1 and seg_end - nk <= 16:
                    x = norms[seg_end]
                    if x in (",", ":", ".", '"', ";") or c.is_that(seg_end):
                        break
                    if c.cue_at(seg_end) is not None or c.boundary_at(seg_end, s1):
                        bad = True
                    seg_end += 1
                length = seg_end - nk
                end_tok = norms[seg_end] if seg_end < s1 else ""
                if not bad and seg_end < s1:
                    ends_content = c.is_that(seg_end) or end_tok in ('"', ":")
                    after = seg_end + 1
                    then_content = end_tok == "," and after < s1 and self._content_next(after, s1, objects)
                    if norms[nk] in c.w_relative and (ends_content or end_tok == ","):
                        k = seg_end
                        continue
                    if length <= 8 and (ends_content or then_content):
                        # a short name after a title belongs to the speaker: "رئيس الوزراء، بنيامين نتنياهو،"
                        if (
                            subj is not None
                            and k == appo_end
                            and self._titled(subj[0])
                            and length <= 3
                            and not c.toks[nk].article
                            and c.lex.anonymous.get(c.full(nk)) is None
                            and c.medium_at(nk, s1) == nk
                            and c.addressee_at(nk, s1) == nk
                            and not c.is_time(nk)
                        ):
                            appo_end = seg_end
                        k = seg_end
                        continue
                if (
                    subj is not None
                    and k == appo_end
                    and self._titled(subj[0])
                    and length <= 3
                    and end_tok == ","
                    and not c.toks[nk].article
                    and c.lex.anonymous.get(c.full(nk)) is None
                    and not c.is_time(nk)
                    and c.addressee_at(nk, s1) == nk
                    and c.medium_at(nk, s1) == nk
                ):
                    appo_end = seg_end  # "وقال مدير المنظمة، فلان الفلاني، لوكالة فرانس برس"
                    k = seg_end
                    continue
                k = nk
                continue
            if w == "(":
                q = c.close_paren(k, s1)
                if q is None:
                    break
                k = q + 1
                continue
            if c.is_time(k) or (w == "يوم" and k + 1 < s1 and c.is_time(k + 1)):
                k = max(k + 1, c.time_end(k, s1))
                continue
            if w in c.w_adverb or c.bare(k) in c.w_adverb:
                k += 1
                continue
            a_end = c.addressee_at(k, s1)
            if a_end > k:
                if addressee is None:
                    for m in range(k, a_end):
                        cov = c.cover[m]
                        if cov is not None and cov[0].kind != "place":
                            addressee = cov[0].id
                            break
                k = a_end
                continue
            m_end = c.medium_at(k, s1)
            if m_end > k:
                k = m_end
                continue
            if w in c.w_circ:
                # "أثناء برنامج مشترك ..."، "لدى افتتاح ملتقى": skip up to the content
                e = k + 1
                while e < s1 and e - k <= 10 and not (norms[e] in (",", '"', ":") or c.is_that(e)):
                    e += 1
                if e >= s1 or e - k > 10:
                    break
                k = e
                continue
            if w in c.w_relative:
                e = k + 1
                while e < s1 and not (norms[e] == "," or c.is_that(e) or norms[e] in objects):
                    e += 1
                if e >= s1 or e - k > 16:
                    break
                k = e
                continue
            cue2 = c.cue_at(k)
            if cue2 is not None and cue2.kind == "participle" and cue2.lemma == _QALA:
                c.consumed.add(k)  # "وتابع قائلا إن": the participle belongs to the verb
                k += 1
                continue
            break
        return k, addressee, appo_end

    def _content_next(self, k: int, s1: int, objects: frozenset[str]) -> bool:
        """Whether token ``k`` (after an aside) leads to the content: إن، a quote, a name, لـ X, في بيان ..."""
        c = self.c
        w = c.norms[k]
        cov = c.cover[k]
        return (
            c.is_that(k)
            or w in ('"', ":")
            or (cov is not None and cov[0].kind == "person" and cov[1] == k)
            or w in objects
            or ("ب" in objects and c.toks[k].prefix.endswith("ب"))
            or c.addressee_at(k, s1) > k
            or c.medium_at(k, s1) > k
            or c.is_time(k)
        )

    def introducer(self, k: int, cue: CueForm, s1: int) -> tuple[int, str] | None:
        """Where the content starts at ``k``: (first content token, kind) or None."""
        c = self.c
        if k >= s1:
            return None
        w = c.norms[k]
        objs = cue.objects
        if c.is_that(k):
            return (k + 1, "that") if "that" in objs or objs & _PREPS else None
        if w == '"':
            return (k, "quote") if c.qpair.get(k) is not None else None
        if w == ":" and "that" in objs:
            return (k + 1, "colon") if k + 1 < s1 else None
        if w in _PREPS and w in objs:
            nxt = k + 1
            if nxt < s1 and c.is_that(nxt):
                return (nxt + 1, "that") if nxt + 1 < s1 else None
            return (k, "prep") if nxt < s1 else None
        t = c.toks[k]
        if "ب" in objs and t.is_word and (t.prefix.endswith("ب") or w in ("ب", "بـ")):
            if w == "بان" or (w.startswith("بان") and c.is_that(k)):
                return (k + 1, "that")
            return (k, "prep") if (w not in ("ب", "بـ") or k + 1 < s1) else None
        if "noun" in objs and t.is_word and w not in c.w_nonspeaker | c.w_relative and c.cue_at(k) is None:
            if not c.boundary_at(k, s1):
                return (k, "noun")
        if "noun" in objs and w in c.w_det:
            return (k, "noun")
        if cue.required and t.is_word:
            return (k, "noun")
        return None

    def far_introducer(self, k: int, s1: int) -> tuple[int, str] | None:
        """إن/أن or a quotation further on, past a long aside: "قال X، المدير العام ...، خلال مؤتمر "..."."""
        c = self.c
        norms = c.norms
        m = k
        while m < s1 and m - k <= 25:
            w = norms[m]
            if c.is_that(m):
                return (m + 1, "that") if m + 1 < s1 else None
            if w == '"':
                ok = m in c.qpair and m > k and (c.is_punct(m - 1) or c.is_time(m - 1) or m - k <= 12)
                return (m, "quote") if ok else None
            if w == ":":
                return (m + 1, "colon") if m + 1 < s1 else None
            if w in (".", ";") or w in c.w_relative or c.boundary_at(m, s1):
                return None
            if w in c.lex.triggers and (c.cue_at(m) is not None or c.frame_at(m, s1) is not None):
                return None
            m += 1
        return None

    def quote_before(self, i: int, s0: int, k: int, s1: int) -> tuple[int, str] | None:
        """A quotation that precedes the cue and is not followed by content: «...»، قال X."""
        c = self.c
        if k < s1 and not c.is_punct(k):
            return None
        p = i - 1
        while p >= s0 and c.is_punct(p):
            p -= 1
        if p < s0 or c.norms[p] != '"':
            return None
        o = c.inq.get(p - 1)
        if o is None:
            return None
        return (o, "before")

    def content(self, intro: tuple[int, str], s1: int, *, silent: bool = False) -> tuple[int, int, bool] | None:
        c = self.c
        k, kind = intro
        if kind == "before":
            q = c.qpair.get(k)
            if q is None or q <= k + 1:
                return None
            return (k + 1, q, True)
        if silent:
            # لم تذكر شيئا عن ...: the object after the quantifier and its preposition
            while k < s1 and c.norms[k] in c.w_quant:
                k += 1
            if k < s1 and c.norms[k] in _PREPS | {"حول"}:
                k += 1
        while k < s1 and c.norms[k] in ("فان", "فانه"):
            k += 1
        return c.content_from(k, s1)

    def has_required(self, cue: CueForm, content: tuple[int, int, bool], s1: int) -> bool:
        c = self.c
        for k in range(content[0], min(content[1] + 1, s1)):
            if c.full(k) in cue.required or c.norms[k] in cue.required:
                return True
        return False

    def participle(self, i: int, cue: CueForm, s0: int, s1: int) -> int:
        c = self.c
        # a participle continues the clause's speaker: after a comma or a quotation, or right before إن/أن
        if i == s0:
            return i + 1
        k = i + 1
        nxt = c.norms[k] if k < s1 else ""
        if not (
            c.is_punct(i - 1)
            or c.norms[i - 1] == '"'
            or (k < s1 and c.is_that(k))
            or nxt in ('"', ":")
            or (nxt in _PREPS and (nxt in cue.objects or (k + 1 < s1 and c.is_that(k + 1))))
        ):
            return i + 1
        if "relay" in cue.flags:
            return i + 1
        while k < s1 and c.norms[k] in c.w_adverb:
            k += 1
        intro = self.introducer(k, cue, s1)
        if intro is None:
            return i + 1
        content = self.content(intro, s1)
        if content is None:
            return i + 1
        who = self.antecedent(i, s0)
        if who is None:
            return i + 1
        self.emit(who, (c.toks[i].start, c.toks[i].end), content, stance=cue.stance, implicit=True, lemma=cue.lemma)
        return i + 1

    def masdar(self, i: int, cue: CueForm, s0: int, s1: int) -> int:
        c = self.c
        k = i + 1
        # تحذيرا لدمشق من التدخل: skip an addressee
        a_end = c.addressee_at(k, s1) if k < s1 else k
        if a_end == k and k < s1 and c.toks[k].prefix.endswith("ل") and cue.objects & {"من"}:
            a_end = k + 1
        k = a_end
        intro = self.introducer(k, cue, s1)
        if intro is None or intro[1] == "noun":
            return i + 1
        content = self.content(intro, s1)
        if content is None:
            return i + 1
        who: _Who | None = None
        t = c.toks[i]
        # the subject of the governing verb right before: "اكتفى المرصد بذكر", "وجهت الحكومة التركية تحذيرا"
        b = i - 1
        a = b
        while a >= s0 and c.toks[a].is_word and (c.definite(a) or c.nisba(a) or c.cover[a] is not None) and b - a < 5:
            if c.toks[a].prefix[:1] in ("و", "ف") and not c.toks[a].article:
                break  # "واكتفى": the verb, not its subject
            a -= 1
        if a < b and c.cue_at(i - 1) is None:
            who = c.who(a + 1, b + 1)
        elif cue.enclitic or t.suffix:
            who = c.last
        if who is None:
            return i + 1
        self.emit(
            who,
            (t.start if t.prefix != "ب" else c._skip_prefix(i, 0), t.end),
            content,
            stance=cue.stance,
            implicit=who is c.last,
            lemma=cue.lemma,
        )
        return i + 1

    # -- نقل X عن Y --------------------------------------------------------------------------------
    def relay(
        self,
        i: int,
        cue: CueForm,
        cue_span: tuple[int, int],
        subj: tuple[int, int] | None,
        pre: tuple[int, int] | None,
        k: int,
        s0: int,
        s1: int,
        addressee: str | None,
    ) -> int:
        """The relay "نقلت X عن Y (قوله) إن ...": ": one act for the reporter X, one for the original speaker Y."""
        c = self.c
        if k >= s1:
            return i + 1
        w = c.norms[k]
        y_who: _Who | None = None
        if w in _PRONOUN_OBJ:
            y_who = c.last
            k += 1
        elif w == "عن":
            y_end = c.np_after(k + 1, s1)
            if y_end <= k + 1:
                return i + 1
            y_who = c.who(k + 1, y_end)
            k = y_end
        else:
            return i + 1
        # up to the content: skip asides ("، لم تكشف عن اسمه،"), time, channel, until قوله / إن / a quote
        cue2 = cue_span
        intro: tuple[int, str] | None = None
        m = k
        while m < s1 and m - k <= 14:
            x = c.norms[m]
            q = c.cue_at(m)
            if q is not None and q.kind == "noun" and q.lemma == _QALA:
                cue2 = (c.toks[m].start, c.toks[m].end)
                c.consumed.add(m)
                intro = self.introducer(m + 1, _THAT, s1)
                break
            if c.is_that(m) or x == '"' or x == ":":
                intro = self.introducer(m, _THAT, s1)
                break
            if (q is not None and m > k and (c.has_conj(m) or q.kind == "participle")) or c.boundary_at(m, s1):
                break
            if x == ".":
                break
            m += 1
        if intro is None:
            return i + 1
        content = self.content(intro, s1)
        if content is None:
            return i + 1
        x_whos: list[_Who] = []
        if subj is not None:
            x_whos = self.speakers(subj[0], subj[1])
        elif pre is not None:
            x_whos = self.speakers(pre[0], pre[1], conj=True)
        for xw in x_whos:
            self.emit(xw, cue_span, content, lemma=cue.lemma, addressee=addressee, update_last=False)
        if y_who is not None:
            self.emit(y_who, cue2, content, lemma=cue.lemma, implicit=w in _PRONOUN_OBJ)
        return i + 1

    # -- frames --------------------------------------------------------------------------------------
    def frame(self, i: int, fe: int, kind: str, s0: int, s1: int) -> int:
        c = self.c
        t = c.toks[i]
        w = c.norms[i]
        cue_start = c._skip_prefix(i, 1) if (w not in c.lex.frames and w[:1] in "وف") else t.start
        cue_end = c.toks[fe - 1].end
        k = fe
        if kind == "relayframe":
            if k < s1 and c.norms[k] == "عن":
                k += 1
            else:
                return i + 1
        spk_end = k
        whos: list[_Who] = []
        # "وفق ما أفاد X" / "حسبما ذكرت X" / "وفقا لما ذكرته X"
        verb_at = None
        if k < s1 and (c.norms[k] in c.w_framerel) and k + 1 < s1 and c.cue_at(k + 1) is not None:
            verb_at = k + 1
        elif c.norms[i] in ("حسبما", "وحسبما") and k < s1 and c.cue_at(k) is not None:
            verb_at = k
        if verb_at is not None:
            cue_end = c.toks[verb_at].end
            c.consumed.add(verb_at)
            k = verb_at + 1
            if k < s1 and c.norms[k] in ("به", "بها"):
                k += 1
            spk_end = c.np_after(k, s1, pp_head=True)
            if spk_end > k:
                whos = self.speakers(k, spk_end)
            else:
                pre = c.last
                if pre is None:
                    return i + 1
                whos = [pre]
        else:
            if k < s1 and c.norms[k] in ("لـ", "ل"):
                k += 1
            if k >= s1:
                return i + 1
            head = c.full(k)
            if head in c.w_notsource or c.norms[k] in c.w_notsource:
                return i + 1
            t2 = c.toks[k]
            if (head in c.w_report or t2.stem in c.w_report or c.norms[k] in c.w_report) and t2.is_word:
                # بحسب بيان للجيش / حسب تعبيره / وفق حصيلة للمرصد
                if t2.suffix:
                    if c.last is None:
                        return i + 1
                    whos = [c.last]
                    spk_end = k + 1
                else:
                    g = k + 1
                    if g < s1 and c.norms[g] in ("لـ", "ل"):
                        g += 1
                    if (
                        g < s1
                        and (c.toks[g].prefix.endswith("ل") or c.toks[g].article or c.cover[g] is not None)
                        and (c.toks[g].is_word or c.norms[g] == '"')
                        and not c.nisba(g)
                    ):
                        spk_end = c.np_after(g, s1, pp_head=True)
                        whos = self.speakers(g, spk_end) if spk_end > g else []
                    if not whos:
                        spk_end = c.np_after(k, s1, pp_head=True)
                        whos = self.speakers(k, spk_end) if spk_end > k else []
            else:
                spk_end = c.np_after(k, s1, pp_head=True)
                if spk_end <= k:
                    return i + 1
                if not self.plausible_source(k, spk_end):
                    return i + 1
                whos = self.speakers(k, spk_end)
        if not whos:
            return i + 1
        # the content: the clause the frame modifies
        self._earlier_content: tuple[int, int] | None = None
        before_a = self.clause_start(i, s0)
        before_b = i
        if self._earlier_content is not None:
            before_b = min(i, self._earlier_content[1])
        while before_b > before_a and (c.is_punct(before_b - 1) or c.norms[before_b - 1] in ("و", "وذلك", "ذلك")):
            before_b -= 1
        after, _, _ = self.post_skip(spk_end, s1, None, commas=False)
        while after < s1 and c.norms[after] in (",",):
            after += 1
        after_end = c.clause_end(after, s1) if after < s1 else after
        if after < s1 and c.norms[after] in c.lex.triggers:
            q = c.cue_at(after)
            if (q is not None and q.kind != "noun" and c.has_conj(after)) or c.frame_at(after, s1) is not None:
                after_end = after  # "..., بحسب فرانس برس. وقال ...": a new act starts right after the frame
        words_before = sum(1 for m in range(before_a, before_b) if c.toks[m].is_word)
        words_after = sum(1 for m in range(after, after_end) if c.toks[m].is_word)
        content: tuple[int, int, bool] | None
        if words_before == 0 and words_after > 0:
            content = c.content_from(after, s1)
            if content is not None and content[1] > after_end:
                content = (content[0], after_end, content[2])
        elif words_after <= 1 and words_before > 0:
            content = (before_a, before_b, self.quoted(before_a, before_b))
        elif words_before > 0 and words_after > 0:
            content = (before_a, after_end, self.quoted(before_a, after_end))
        else:
            return i + 1
        if content is None:
            return i + 1
        for wh in whos:
            self.emit(wh, (cue_start, cue_end), content, lemma=c.norms[i])
        return max(i + 1, spk_end)

    def quoted(self, a: int, b: int) -> bool:
        c = self.c
        total = b - a
        q = sum(1 for m in range(a, b) if m in c.inq)
        return total > 0 and q * 2 >= total

    def clause_start(self, i: int, s0: int) -> int:
        """Start of the clause that ends at token ``i`` (a frame at its end)."""
        c = self.c
        # a frame after reported speech ("وأوضح راموس أن ...، وذلك وفقا لما صرح به") sources that content
        for r in reversed(c.recs):
            if r.content_tokens is not None and s0 <= r.content_tokens[0] < i:
                self._earlier_content = r.content_tokens
                return r.content_tokens[0]
            if r.content_tokens is not None and r.content_tokens[0] < s0:
                break
        # otherwise the sentence start, or after a preceding boundary word
        k = i - 1
        while k >= s0:
            if c.norms[k] == '"':
                o = c.inq.get(k - 1)
                if o is not None:
                    k = o - 1
                    continue
            bl = c.boundary_at(k, i)
            if bl and c.norms[k] not in ("كما", "حيث", "ثم", "اذ", "فيما") and k > s0:
                return k + bl
            k -= 1
        return s0

    def plausible_source(self, a: int, b: int) -> bool:
        c = self.c
        head = c.full(a)
        cov = c.surface_cover(a)
        if cov is not None:
            return cov[0].kind != "place" or (cov[2] >= b - 1 and cov[0].level in (None, "country"))
        if c.norms[a] == '"':
            return True
        if head in c.lex.anonymous or c.toks[a].stem in c.lex.anonymous:
            return True
        if head in c.w_addr or c.toks[a].stem in c.w_addr or head in c.w_report:
            return True
        if c.norms[a] in _agency_words():
            return True
        if c.toks[a].suffix and head not in c.w_notsource:
            return True  # "وفق تعبيره"، "بحسب مصادرها"
        if "entities" in c.doc.provided and c.doc.entities:
            return False  # with named entities known, an unknown head is no source ("وفقا للإصلاح الضريبي")
        return c.definite(a) and not c.nisba(a) and head not in c.w_notsource

    # -- headlines "X: ..." --------------------------------------------------------------------------
    def headline(self, s0: int, s1: int) -> None:
        c = self.c
        for k in range(s0 + 1, min(s1 - 2, s0 + 40)):
            if c.norms[k] != ":" or k in c.inq:
                continue
            a = k - 1
            while a >= s0 and c.toks[a].is_word and k - a <= 6:
                a -= 1
            if a >= s0 and c.norms[a] not in (".", "-", "..", "!", "?", "|"):
                if not (c.norms[a] == "." or (a > s0 and c.norms[a - 1] == ".")):
                    continue
            a += 1
            if a >= k or k - a > 5:
                continue
            if any(c.cue_at(m) is not None for m in range(a, k)):
                continue
            cov = c.cover[a]
            head = c.full(a)
            anon = c.lex.anonymous.get(head)
            ok = False
            if cov is not None and cov[0].kind in ("organization", "person") and cov[2] >= k - 1:
                ok = True
            elif anon in ("source", "media", "collective") and k - a <= 3:
                ok = True
            if not ok:
                continue
            end = c.clause_end(k + 1, s1)
            if sum(1 for m in range(k + 1, end) if c.toks[m].is_word) < 2:
                continue
            who = c.who(a, k)
            if who is None:
                continue
            content = c.content_from(k + 1, s1)
            if content is None:
                continue
            self.emit(who, (c.toks[k].start, c.toks[k].end), content, lemma=":", update_last=False)
            return

    # -- article credits -----------------------------------------------------------------------------
    def credits(self) -> None:
        doc = self.doc
        rx, dl_paren, dl_dash = _agency_re()
        ntext = doc.norm.text
        lines: list[tuple[int, int]] = []
        pos = 0
        for ln in ntext.split("\n"):
            if ln.strip():
                lines.append((pos, pos + len(ln)))
            pos += len(ln) + 1
        if not lines:
            return
        cands: list[tuple[int, int]] = []
        # the last line(s): "ز.أ.ب/ح.ع.ح (أ ف ب، رويترز)", "فرانس 24/ أ ف ب", "المصدر: رويترز"
        for a, b in lines[-2:]:
            seg = ntext[a:b]
            if len(seg.strip()) > 90:
                continue
            ms = list(rx.finditer(seg))
            if not ms:
                continue
            rest = rx.sub("", seg)
            rest = _CREDIT_NOISE.sub(" ", rest)
            if len(rest.split()) > 2:
                continue
            paren = _PAREN.search(seg)
            if paren and any(paren.start() <= m.start() < paren.end() for m in ms):
                cands.append((a + paren.start(), a + paren.end()))
            else:
                cands.append((a + ms[0].start(), a + ms[-1].end()))
        # a dateline at the start: "بيروت (رويترز) -", "(أ ف ب) -", "دمشق - رويترز"
        for a, b in lines[:3]:
            seg = ntext[a : min(b, a + 80)]
            m = dl_paren.search(seg)
            if m is None:
                m2 = dl_dash.match(seg)
                if m2 is not None:
                    cands.append((a + m2.start(1), a + m2.end(1)))
                continue
            cands.append((a + m.start(), a + m.end() - 1))
        seen: set[tuple[int, int]] = set()
        for na, nb in cands:
            if (na, nb) in seen:
                continue
            seen.add((na, nb))
            cs, ce = doc.norm.to_original(na, nb)
            while ce > cs and doc.text[ce - 1].isspace():
                ce -= 1
            seg = ntext[na:nb]
            for m in rx.finditer(seg):
                ss, se = doc.norm.to_original(na + m.start(), na + m.end())
                ent = self._entity_over(ss, se)
                who = _Who(ent, doc.text[ss:se], ss, se, False, m.group())
                rec = self.emit(who, (cs, ce), None, lemma="credit", update_last=False)
                rec.article_level = True

    def _entity_over(self, s: int, e: int) -> str | None:
        for ent in self.doc.entities:
            if ent.kind == "place":
                continue
            for m in ent.mentions:
                if m.start < e and s < m.end:
                    return ent.id
        return None

    # -- final assembly ------------------------------------------------------------------------------
    def finish(self) -> list[Attribution]:
        c = self.c
        doc = self.doc
        recs = sorted(c.recs, key=lambda r: (r.cue_start, r.order))
        # dedupe: the same cue, speaker and content
        uniq: list[_Rec] = []
        keys: set[tuple[int, int, str | None, str | None, tuple[int, int] | None]] = set()
        for r in recs:
            key = (r.cue_start, r.cue_end, r.who.entity if r.who else None, r.who.text if r.who else None, r.content)
            if key in keys:
                continue
            keys.add(key)
            uniq.append(r)
        self.confirmations(uniq)
        ids = {id(r): f"a{n + 1}" for n, r in enumerate(uniq)}
        out: list[Attribution] = []
        text = doc.text

        def ext(e: int) -> int:
            """Extend an end offset over the diacritics of its last letter (قَالَ)."""
            while e < len(text) and TASHKEEL_RE.match(text, e):
                e += 1
            return e

        for r in uniq:
            w = r.who
            if w is not None and w.end is not None:
                w.end = ext(w.end)
                w.text = text[w.start : w.end] if w.start is not None else w.text
            r.cue_end = ext(r.cue_end)
            content = None
            if r.content:
                ce = ext(r.content[1])
                content = Span(r.content[0], ce, text[r.content[0] : ce])
            out.append(
                Attribution(
                    id=ids[id(r)],
                    speaker=w.entity if w else None,
                    speaker_text=w.text if w else None,
                    speaker_start=w.start if w else None,
                    speaker_end=w.end if w else None,
                    cue=doc.text[r.cue_start : r.cue_end],
                    cue_start=r.cue_start,
                    cue_end=r.cue_end,
                    content=content,
                    direct_quote=r.direct,
                    anonymous=bool(w and w.anonymous) or (w is None and not r.article_level),
                    stance=r.stance,
                    confirms=ids.get(id(r.confirms)) if r.confirms is not None else None,
                    implicit=r.implicit,
                    article_level=r.article_level,
                    addressee=r.addressee,
                )
            )
        return out

    def confirmations(self, recs: list[_Rec]) -> None:
        """أكد + a report noun ("أكد ... تقرير المرصد") confirms that speaker's latest attribution."""
        c = self.c
        confirm_lemmas = c.lex.confirm_lemmas
        for n, r in enumerate(recs):
            if r.lemma not in confirm_lemmas or r.stance != "assert" or r.content_tokens is None or r.intro != "noun":
                continue  # only a bare object confirms: "أكد تقرير المرصد", not "أكد أن ما حدث ..."
            a, b = r.content_tokens
            if b <= a:
                continue
            head = c.full(a)
            if head not in c.w_report and c.norms[a] not in c.w_report and c.toks[a].stem not in c.w_report:
                continue
            if c.norms[a] == "ما" and not (a + 1 < b and c.cue_at(a + 1) is not None):
                continue  # "أكد ما ذكره المرصد", not any "ما"
            r.stance = "confirm"
            target: _Rec | None = None
            ents = {c.cover[m][0].id for m in range(a + 1, min(b, a + 6)) if c.cover[m] is not None}  # type: ignore[index]
            words = {c.full(m) for m in range(a + 1, min(b, a + 4))}
            for prev in reversed(recs[:n]):
                if prev.who is None or prev.article_level or prev is r:
                    continue
                if prev.who.entity is not None and prev.who.entity in ents:
                    target = prev
                    break
                if prev.who.head and prev.who.head in words:
                    target = prev
                    break
            if target is None:
                for prev in reversed(recs[:n]):
                    if prev.who is None or prev.article_level:
                        continue
                    if r.who is not None and prev.who.text == r.who.text and prev.who.entity == r.who.entity:
                        continue
                    target = prev
                    break
            r.confirms = target


_THAT = CueForm("", "assert", "verb", frozenset({"that"}), (), frozenset())


@lru_cache(maxsize=1)
def _agency_words() -> frozenset[str]:
    return frozenset(a for a in lexicon().agencies if " " not in a)


_CREDIT_NOISE = re.compile(r"فرانس\s*24|المصدر|الصوره|[\W\d_]|\b\w\b")
_PAREN = re.compile(r"\([^()]*\)")


@lru_cache(maxsize=1)
def _agency_re() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Agency names, a dateline credit "(رويترز) -" and a dateline "بيروت - رويترز"."""
    alts = []
    for a in lexicon().agencies:
        alts.append(
            r"\s*".join(re.escape(p) for p in a.replace(".", " ").split()) if " " in a or "." in a else re.escape(a)
        )
    pat = r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)"
    return (
        re.compile(pat),
        re.compile(r"\((" + pat + r")(?:\s*[,/]\s*(?:" + pat + r"))*\)\s*-"),
        re.compile(r"^\s*[\w ]{2,25}?\s+-\s+(" + pat + r")\b"),
    )


def find_attributions(doc: Doc) -> list[Attribution]:
    """All attributions of ``doc`` (tokens required; entities and dates used when present)."""
    return _Finder(doc).run()


def make_stage() -> AttributionStage:
    return AttributionStage()
