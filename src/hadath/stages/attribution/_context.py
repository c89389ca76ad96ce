"""Per-document working state and the token-level tests every reader of the stage shares.

:class:`Ctx` holds the tokens with their normalised forms, which entity mention and which date covers each
token, the quotation pairs of the current sentence and the records found so far (:class:`Rec`, each with its
speaker :class:`Who`).  Its methods answer small questions about one token: a time word, a cue, a frame, a
boundary, an addressee (لـ X), a channel (في بيان) — and :meth:`Ctx.emit` records an act.  The words it tests
come from the speech lexicon it carries (``Ctx.lex``, :class:`hadath.lang.ar.speech.SpeechLexicon`).
"""

from __future__ import annotations

import bisect
import operator
from dataclasses import dataclass

from hadath.doc import Doc, Entity, Token
from hadath.lang.ar.clitics import AL, CONJUNCTIONS, LI, LIL
from hadath.lang.ar.orthography import ALEF_MAQSURA, TA_MARBUTA, TASHKEEL_RE, norm_str
from hadath.lang.ar.speech import CueForm, SpeechLexicon

START = operator.attrgetter("start")
_NORM = operator.attrgetter("norm")
#: appended to a normalised word that folds together with a preposition but is another word (the name علي)
HOMOGRAPH_MARK = "·"


@dataclass(slots=True)
class Who:
    """A resolved speaker."""

    entity: str | None
    text: str | None
    start: int | None
    end: int | None
    anonymous: bool = False
    head: str = ""  # normalised head word (for matching "تقرير المرصد")


@dataclass(slots=True)
class Rec:
    """One act found, before assembly (token and offset ranges, how its content was introduced)."""

    who: Who | None
    cue_start: int
    cue_end: int
    content: tuple[int, int] | None  # original offsets
    direct: bool = False
    stance: str = "assert"
    implicit: bool = False
    article_level: bool = False
    addressee: str | None = None
    lemma: str = ""
    confirms: Rec | None = None
    content_tokens: tuple[int, int] | None = None
    order: int = 0
    intro: str = ""  # how the content was introduced: that | quote | colon | prep | noun | frame ...


class Ctx:
    """Per-document working state."""

    def __init__(self, doc: Doc, lex: SpeechLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.toks: list[Token] = doc.tokens
        n = len(self.toks)
        self.norms: list[str] = list(map(_NORM, self.toks))
        # after normalisation the name علي and the preposition على (إلى / آلي) look alike
        for word, is_other in lex.homographs:
            k = -1
            while True:
                try:
                    k = self.norms.index(word, k + 1)
                except ValueError:
                    break
                if is_other(self.toks[k].text):
                    self.norms[k] = word + HOMOGRAPH_MARK
        self.cover: list[tuple[Entity, int, int] | None] = [None] * n
        self.starts = list(map(START, self.toks)) if (doc.entities or doc.dates) else []
        self.date_end: dict[int, int] = {}
        self.consumed: set[int] = set()
        self._index_entities()
        self._index_dates()
        self.recs: list[Rec] = []
        self.order = 0
        self._surface: dict[str, list[tuple[tuple[str, ...], Entity]]] | None = None
        self.last: Who | None = None
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
        if t.has_conj and len(w) > 1:
            return w[1:]
        return w

    def full(self, i: int) -> str:
        """The word without any proclitic (و ف ب ل ك), article kept: بالجيش → الجيش."""
        t = self.toks[i]
        return (AL if t.article else "") + t.stem + t.suffix

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
        return text.endswith(self.lex.nisba_endings)

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
            if w in self.lex.time_links and j > i and j + 1 < limit and self.is_time(j + 1):
                j += 1
                continue
            if w.isdigit() and j > i:
                j += 1
                continue
            if w in self.lex.time_adjectives and j > i:
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
            if c.enclitic and text.endswith(TA_MARBUTA):
                return None  # تابعة، إضافة: a feminine noun, not a verb with an object pronoun
            if "exactya" in c.flags and text.endswith(ALEF_MAQSURA):
                return None
        return c

    def _cue_at(self, i: int) -> CueForm | None:
        w = self.norms[i]
        c = self.lex.cues.get(w)
        if c is None and len(w) >= 3 and w[0] in CONJUNCTIONS:
            c = self.lex.cues.get(w[1:])
            if c is not None and self.toks[i].prefix[:1] != w[0]:
                # only when the segmenter agrees there is a conjunction (وصف is a word, not و+صف)
                if w[1:] in self.lex.cues and w not in self.lex.cues:
                    return c
        return c

    def has_conj(self, i: int) -> bool:
        w = self.norms[i]
        return w[:1] in CONJUNCTIONS and w not in self.lex.cues and w[1:] in self.lex.cues

    def frame_at(self, i: int, limit: int) -> tuple[int, str] | None:
        """(end token, kind) of a framing starting at token ``i``."""
        w = self.norms[i]
        cands = self.lex.frames.get(w)
        if cands is None and len(w) > 3 and w[0] in CONJUNCTIONS:
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
        if w == LI and i + 1 < limit:
            j = i + 1
            head = self.norms[j]
            if head == '"':
                q = self.quote_close(j, limit)
                return q + 1 if q is not None else i
        elif t.has_li or (w.startswith(LIL) and t.article):
            head = self.full(i)
        else:
            return i
        if head not in self.w_addr and self.toks[j].stem not in self.w_addr:
            cov = self.cover[j]
            if cov is None or cov[0].kind == "place" or cov[0].actor_type not in (None, "noncombatant"):
                return i
            if head.startswith(AL) and cov[1] == j and not self._media_like(cov[0]):
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
            if self.is_time(i + 1) or (w, self.norms[i + 1]) in self.lex.medium_time:
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

    # -- offsets and records -----------------------------------------------------------------------
    def skip_prefix(self, i: int, n: int) -> int:
        """Original offset after the first ``n`` normalised characters of token ``i``."""
        t = self.toks[i]
        s, _ = self.doc.norm.to_original(t.nstart + n, t.nend)
        return s

    def offsets(self, a: int, b: int) -> tuple[int, int] | None:
        if b <= a:
            return None
        return self.toks[a].start, self.toks[b - 1].end

    def emit(
        self,
        who: Who | None,
        cue: tuple[int, int],
        content: tuple[int, int, bool] | None,
        *,
        stance: str = "assert",
        implicit: bool = False,
        addressee: str | None = None,
        lemma: str = "",
        update_last: bool = True,
        intro: str = "",
    ) -> Rec:
        off = self.offsets(content[0], content[1]) if content else None
        rec = Rec(
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
        self.recs.append(rec)
        if update_last and who is not None and not implicit:
            self.last = who
        return rec
