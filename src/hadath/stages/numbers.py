"""Stage ``numbers``: quantities (digits and Arabic number words) with their counted nouns.

A quantity is a number in digits (any script: the normalised view maps Arabic-Indic and Persian digits to
ASCII, ٫ to "." and ٬ to ","), a number phrase in words (ثلاثة وثلاثين، ثلاثة آلاف، مئتين), a vague amount
(عشرات = 10, مئات = 100, آلاف = 1000, approximate) or the dual of a counted noun (قتيلين = 2).  Each is
attached to the counted noun that follows it (``unit``: the lemma from ``lang/ar/units.tsv``, or the noun
as written) and given a ``category`` (killed, injured, fighters, civilians, places, vehicles, time …), also
from a cue before it (مقتل 16 شخصاً → killed) or after it (16 شخصاً لقوا مصرعهم → killed).

Not quantities: numbers inside date spans (unless they count time units: "منذ سبعة أيام" is also the
quantity 7 days), model numbers (أف 16، سو-24), numbered things (القرار 2401، الدقيقة 90), clock times,
scores and phone numbers.  Number words, approximators, counted nouns, the words around a number and the
grammar that composes number words are the language's: ``lang.numbers``
(:class:`hadath.lang.ar.numbers.NumberLexicon`, from ``lang/ar/number_words.tsv`` and ``lang/ar/units.tsv``).
This module finds the quantities of a Doc with them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from hadath.doc import Doc, Quantity, Token
from hadath.lang.ar import Arabic
from hadath.lang.ar.clitics import AL, ARABIC_LETTER_RE, BI, CONJUNCTIONS, WA
from hadath.lang.ar.numbers import DUAL_SCALES, NumberItem, NumberLexicon, NumberWord, Unit, compose, unit_surface
from hadath.lang.ar.orthography import TASHKEEL_RE, norm_str

__all__ = ["Numbers", "make_stage"]

_THOUSANDS_RE = re.compile(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3}){2,}")
_DECIMAL_RE = re.compile(r"\d+(?:\.\d+)?")
_LATIN_RE = re.compile(r"[a-z]")
_URL_CHARS = frozenset("/._#@+")
#: categories a cue word (مقتل، إصابة …) may refine: the counted noun names people, not what befell them
_PERSON_CATEGORIES = frozenset({"people", "civilians", "fighters", "protesters", "detained", "displaced"})
_MAX_WORDS = 8
_COMMA_DECIMAL_RE = re.compile(r"\d+,\d{1,2}")
_CUE_WINDOW = 5
_AFTER_WINDOW = 3


# -- the stage ----------------------------------------------------------------------------------------------


def _num(value: float) -> float | int:
    r = round(value)
    if abs(value - r) <= 1e-9 * max(1.0, abs(value)) and abs(value) < 1e18:
        return int(r)  # 16,6 مليار is 16600000000, not 16600000000.000002
    return round(value, 6)


def _digit_value(s: str) -> float | None:
    if _THOUSANDS_RE.fullmatch(s):
        return float(s.replace(",", "").replace(".", ""))
    if _DECIMAL_RE.fullmatch(s):
        return float(s)
    return None  # "14,15": a list, not one number


class _Run:
    """One pass over one Doc's tokens (keeps the per-doc state out of the frozen stage)."""

    def __init__(self, doc: Doc, lex: NumberLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.toks = doc.tokens
        self.n = len(doc.tokens)
        self.out: list[Quantity] = []
        self.used: set[int] = set()
        self.date_spans = sorted((d.start, d.end) for d in doc.dates)
        self.date_starts = [a for a, _ in self.date_spans]

    # token helpers --------------------------------------------------------------------------------------
    def tok(self, k: int, sent: int) -> Token | None:
        if 0 <= k < self.n and self.toks[k].sent == sent:
            return self.toks[k]
        return None

    def word(self, t: Token) -> tuple[NumberWord, bool, bool] | None:
        words = self.lex.words
        for k, f in enumerate(t.forms):
            w = words.get(f)
            if w is not None:
                return w, k > 0 and t.has_wa, False
        if t.article:
            w = words.get(t.stem)
            if w is not None:
                return w, t.has_wa, True
        return None

    def stem_start(self, t: Token) -> int:
        """Original offset where the token's proclitics end."""
        if not t.prefix:
            return t.start
        return self.doc.norm.to_original(t.nstart + len(t.prefix), t.nend)[0]

    def adjacent(self, a: Token, b: Token) -> bool:
        return a.end == b.start

    def in_date(self, start: int, end: int) -> bool:
        # date spans do not overlap: only the last one starting before `end` can overlap [start, end)
        i = bisect.bisect_left(self.date_starts, end) - 1
        return i >= 0 and self.date_spans[i][1] > start

    def lookup(self, t: Token, table: dict[str, Unit], article: bool = True) -> Unit | None:
        for f in t.forms:
            u = table.get(f)
            if u is not None:
                return u
        if article or not t.article:
            return table.get(t.stem)
        return None

    # unit and context -----------------------------------------------------------------------------------
    def unit_after(self, k: int, sent: int, value: float, vague: bool) -> tuple[str, str | None, int, int, int] | None:
        """(unit, category, unit start, unit end, index after the unit) for the noun at token ``k``."""
        t = self.tok(k, sent)
        if t is None:
            return None
        lex = self.lex
        if t.norm == "%":
            return "%", "percent", t.start, t.end, k + 1
        if t.is_word and t.core in lex.percent and t.prefix == BI:
            return "%", "percent", t.start, t.end, k + 1
        if t.norm in lex.percent_of and not t.prefix:
            t2 = self.tok(k + 1, sent)
            if t2 is not None and t2.norm in lex.percent and t2.article:
                return "%", "percent", t.start, t2.end, k + 2
        if not t.is_word:
            return None
        if t.norm in lex.partitive and not vague:  # partitive: 18 من عناصر …
            t2 = self.tok(k + 1, sent)
            if t2 is not None and t2.is_word:
                u = self.lookup(t2, lex.units)
                if u is not None:
                    return u.lemma, u.category, self.stem_start(t2), t2.end, k + 2
            return None
        multi = lex.multi_units.get(t.stem) or lex.multi_units.get(t.norm)
        if multi:
            for parts, u in multi:
                ok = True
                for j, p in enumerate(parts[1:], 1):
                    tj = self.tok(k + j, sent)
                    if tj is None or tj.norm != p:
                        ok = False
                        break
                if ok:
                    last = self.toks[k + len(parts) - 1]
                    return u.lemma, u.category, self.stem_start(t), last.end, k + len(parts)
        u = self.lookup(t, lex.units, article=vague)
        if u is not None:
            if t.prefix and not t.article and t.has_wa:
                return None  # "3 وأيام": a new phrase
            return u.lemma, u.category, self.stem_start(t), t.end, k + 1
        if t.norm in lex.anaphors or t.core in lex.anaphors:
            prev = self.previous_person(sent)
            if prev is None or not prev.unit:
                return None
            base = lex.units.get(norm_str(prev.unit))  # the noun's own category, not the cue's
            return prev.unit, base.category if base else None, t.start, t.end, k + 1
        # an unknown counted noun: a plain Arabic word right after the number
        if t.prefix or (t.article and not vague) or t.norm in lex.stops or t.core in lex.stops:
            return None
        if t.norm[0] in CONJUNCTIONS and t.norm[1:] in lex.stops:
            return None  # وهو: a conjunction the segmenter left on a short word
        if self.word(t) is not None or self.lookup(t, lex.cues) is not None:
            return None
        if not ARABIC_LETTER_RE.match(t.norm) or len(t.norm) < 3 or t.norm in lex.bare_articles:
            return None
        if any(seq[0] == t.norm for seq in lex.approx_before) or any(seq[0] == t.norm for seq in lex.approx_after):
            return None
        return unit_surface(t.text, self.doc.text[t.end : t.end + 1], value), None, t.start, t.end, k + 1

    def previous_person(self, sent: int) -> Quantity | None:
        for q in reversed(self.out):
            if self.doc.sentence_of(q.start) != sent:
                return None
            if q.unit and (q.category in _PERSON_CATEGORIES or q.category in ("killed", "injured")):
                before = norm_str(self.doc.text[max(0, q.start - 14) : q.start]).split()
                if before and before[-1] in self.lex.subset_words:
                    continue  # "12 مدنيا بينهم ثلاثة أطفال وإصابة 20 آخرين": the others are civilians, not children
                return q
        return None

    def after_article(self, i: int, sent: int) -> bool:
        p = self.tok(i - 1, sent)
        return p is not None and p.norm == AL and not self.toks[i].is_word

    def approx_before(self, i: int, sent: int) -> tuple[bool, int]:
        """Whether an approximator ends right before token ``i``; returns (found, index of its first token)."""
        last = self.tok(i - 1, sent)
        if last is None:
            return False, i
        table = self.lex.approx_by_last
        seqs = table.get(last.norm) or next((table[f] for f in last.forms if f in table), ())
        for seq in seqs:
            m = len(seq)
            ok = True
            for j, w in enumerate(seq):
                t = self.tok(i - m + j, sent)
                if t is None or (w != t.norm and w not in t.forms):
                    ok = False
                    break
            if ok:
                return True, i - m
        return False, i

    def approx_after(self, k: int, sent: int) -> bool:
        t = self.tok(k, sent)
        if t is not None and t.norm == ",":
            k += 1
        for seq in self.lex.approx_after:
            ok = True
            for j, w in enumerate(seq):
                tj = self.tok(k + j, sent)
                if tj is None or (w != tj.norm and w not in tj.forms):
                    ok = False
                    break
            if ok:
                return True
        return False

    def cue_before(self, i: int, sent: int) -> Unit | None:
        for k in range(i - 1, max(-1, i - 1 - _CUE_WINDOW), -1):
            t = self.tok(k, sent)
            if t is None:
                return None
            if not t.is_word:
                if t.norm in ".;:?!":
                    return None
                if t.norm[0].isdigit():
                    nxt = self.tok(k + 1, sent)
                    if nxt is None or nxt.norm not in self.lex.range_words:
                        return None  # another number: its own cue
                continue
            u = self.lookup(t, self.lex.cues)
            if u is not None:
                return u
            if k in self.used:
                return None
        return None

    def cue_after(self, k: int, sent: int) -> Unit | None:
        for j in range(k, k + _AFTER_WINDOW):
            t = self.tok(j, sent)
            if t is None:
                return None
            if t.is_word:
                u = self.lookup(t, self.lex.cues_after)
                if u is not None:
                    return u
        return None

    # skipping ---------------------------------------------------------------------------------------------
    def skip_digits(self, i: int) -> bool:
        t = self.toks[i]
        text = self.doc.text
        s = t.norm
        before = text[t.start - 1] if t.start > 0 else " "
        after = text[t.end] if t.end < len(text) else " "
        if before in _URL_CHARS or after in "/" or (before.isascii() and before.isalpha()):
            return True
        if after.isascii() and after.isalpha():
            return True
        if len(s.replace(",", "").replace(".", "")) >= 7 and "," not in s and "." not in s:
            return True  # phone numbers and identifiers
        if (before == ":" and t.start >= 2 and text[t.start - 2].isdigit()) or (
            after == ":" and t.end + 1 < len(text) and text[t.end + 1].isdigit()
        ):
            return True  # 10:30 is a clock time ("الحصيلة: 39" is not)
        k = i - 1
        while k >= 0 and i - k <= 2 and self.toks[k].norm in "-\"'(":
            k -= 1  # المادة "49"، سو-24
        prev = self.toks[k] if k >= 0 and self.toks[k].sent == t.sent else None
        if prev is not None and prev.is_word:
            bare = prev.norm[1:] if prev.norm[0] in CONJUNCTIONS and len(prev.norm) > 2 else prev.norm
            if prev.norm in self.lex.models or bare in self.lex.models or _LATIN_RE.match(prev.norm):
                return True
            if prev.norm in self.lex.designators or prev.core in self.lex.designators:
                return True
            if (
                len(s) == 4
                and s.isdigit()
                and 1900 <= int(s) <= 2100
                and (prev.norm in self.lex.year_cues or prev.core in self.lex.year_cues)
            ):
                return True
        return False

    # emit -------------------------------------------------------------------------------------------------
    def emit(self, i: int, j: int, value: float, vague: bool, article: bool) -> int:
        """Quantity for tokens ``i..j-1``; returns the index to continue from."""
        toks = self.toks
        first, last = toks[i], toks[j - 1]
        sent = first.sent
        start = first.start if first.forms and self.lex.words.get(first.forms[0]) else self.stem_start(first)
        end = last.end
        approx, _ = self.approx_before(i, sent)
        approx = approx or vague
        unit: str | None = None
        cat: str | None = None
        ustart: int | None = None
        uend: int | None = None
        nxt = j
        found = None if article else self.unit_after(j, sent, value, vague)
        if found is None and not article and not vague:
            ranged = self.range_unit(j, sent, value)
            if ranged is not None:
                found, approx = ranged[0], approx or ranged[1]
        if found is None and i > 0 and toks[i - 1].norm == "%" and toks[i - 1].sent == sent:
            found = ("%", "percent", toks[i - 1].start, toks[i - 1].end, j)  # %90
        if found is not None:
            unit, cat, ustart, uend, nxt = found
        else:
            # adjectival order: الجنود الثلاثة، شخص واحد، الساعات الـ24
            p = self.tok(i - 1, sent)
            if p is not None and p.norm == AL and not p.prefix:
                p = self.tok(i - 2, sent)
            if p is not None and p.is_word and (article or value <= 2 or toks[i - 1].norm == AL):
                u = self.lookup(p, self.lex.units) or self.lookup(p, self.lex.duals)
                if u is not None:
                    unit, cat, ustart, uend = u.lemma, u.category, self.stem_start(p), p.end
        if unit is None and value <= 2 and not vague and not first.norm[0].isdigit():
            return j  # واحد / اثنين with no counted noun: a pronoun ("كل واحد"), not a count
        if unit is None and (article or self.after_article(i, sent)):
            return j  # الثمانية، الـ21: an ordinal or a name, not a count
        if unit is None and i > 0 and toks[i - 1].norm in self.lex.ordinal_heads:
            return j  # المركز الخامس عشر: the tail of an ordinal
        if cat is None and len(first.norm) == 4 and first.norm.isdigit() and 1900 <= value <= 2100 and j == i + 1:
            return j  # كأس العالم 2018، موسم 2003: a year
        if cat in _PERSON_CATEGORIES or unit is None:
            cue = self.cue_before(i if not approx else self.approx_before(i, sent)[1], sent)
            if cue is None and unit is not None:
                cue = self.cue_after(nxt, sent)
            if cue is not None:
                cat = cue.category
                if unit is None:
                    prev = self.previous_person(sent)
                    unit = prev.unit if prev is not None and prev.unit else (cue.lemma or None)
        if not approx and self.approx_after(nxt, sent):
            approx = True
        text = self.doc.text
        while uend is not None and uend < len(text) and TASHKEEL_RE.match(text, uend):
            uend += 1  # شخصاً: the tanween after the alif belongs to the noun
        if self.in_date(start, end) and (cat != "time" or article):
            return j  # a date's day or year; يوم الاثنين is Monday, not two days
        self.out.append(
            Quantity(
                start=start,
                end=end,
                text=self.doc.text[start:end],
                value=_num(value),
                approx=approx,
                unit=unit,
                unit_start=ustart,
                unit_end=uend,
                category=cat,
            )
        )
        self.used.update(range(i, j))
        return max(j, nxt) if unit is not None and ustart is not None and ustart >= end else j

    def digits(self, i: int) -> int:
        toks = self.toks
        t = toks[i]
        value = _digit_value(t.norm)
        j = i + 1
        sent = t.sent
        nt = self.tok(j, sent)
        scale = self.scale_word(nt)
        if value is None and scale is not None and _COMMA_DECIMAL_RE.fullmatch(t.norm):
            value = float(t.norm.replace(",", "."))  # 1,6 مليار
        if value is None or self.skip_digits(i):
            return i + 2 if scale is not None else i + 1
        # N-M: a range or a score
        dash = self.tok(j, sent)
        if dash is not None and dash.norm == "-":
            other = self.tok(j + 1, sent)
            if other is not None and (other.norm[0].isdigit() or other.norm in self.lex.zero):
                found = self.unit_after(j + 2, sent, value, False)
                if found is None or found[1] is None:
                    return j + 2  # a score (3 - صفر) or a range without a counted noun
                return self.emit_range(i, j + 2, value)
        prev = self.tok(i - 1, sent)
        if prev is not None and prev.norm == "-" and i > 1 and toks[i - 2].norm[0].isdigit():
            return j  # the second number of a score
        if scale is not None:
            value *= scale
            j += 1
        return self.emit(i, j, value, False, False)

    def scale_word(self, t: Token | None) -> float | None:
        """The multiplier of a scale word after digits (200 ألف، 3 آلاف، 610 مليارات), if ``t`` is one."""
        if t is None or not t.is_word or t.prefix:
            return None
        w = self.word(t)
        if w is None or w[1] or w[0].type not in ("scale", "scale_plural") or w[0].value in DUAL_SCALES:
            return None
        return w[0].value

    def number_end(self, k: int, sent: int) -> int | None:
        """The index after the number expression starting at token ``k``, if one starts there."""
        t = self.tok(k, sent)
        if t is None:
            return None
        if not t.is_word:
            if not t.norm[0].isdigit():
                return None
            return k + 2 if self.scale_word(self.tok(k + 1, sent)) is not None else k + 1
        items: list[NumberItem] = []
        for j in range(k, min(self.n, k + _MAX_WORDS)):
            tj = self.toks[j]
            w = self.word(tj) if tj.sent == sent and tj.is_word else None
            if w is None:
                break
            items.append(w if j > k else (w[0], False, w[2]))
        res = compose(items)
        return k + res[1] if res is not None else None

    def range_unit(self, j: int, sent: int, value: float) -> tuple[tuple[str, str | None, int, int, int], bool] | None:
        """The counted noun after a second number: "3 إلى 5 قتلى", "بين 51 و52 مليار دولار"."""
        t = self.tok(j, sent)
        if t is None:
            return None
        if t.norm in self.lex.range_words:
            k, ranged = j + 1, True
        elif t.norm == WA:
            k, ranged = j + 1, False
        elif t.is_word and t.has_wa and self.word(t) is not None:
            k, ranged = j, False
        else:
            return None
        end = self.number_end(k, sent)
        if end is None:
            return None
        found = self.unit_after(end, sent, value, False)
        if found is None:
            return None
        return (found[0], found[1], found[2], found[3], j), ranged

    def emit_range(self, i: int, j: int, value: float) -> int:
        before = len(self.out)
        k = self.emit(i, j, value, False, False)
        if len(self.out) > before:
            self.out[-1].approx = True
        return k

    def words(self, i: int) -> int:
        toks = self.toks
        sent = toks[i].sent
        items: list[NumberItem] = []
        for k in range(i, min(self.n, i + _MAX_WORDS)):
            t = toks[k]
            if t.sent != sent or not t.is_word:
                break
            w = self.word(t)
            if w is None:
                break
            items.append(w)
        res = compose(items)
        if res is None:
            return i + 1
        value, used, vague = res
        article = items[0][2] and not vague
        return self.emit(i, i + used, value, vague, article)

    def dual(self, i: int) -> int:
        t = self.toks[i]
        u = self.lookup(t, self.lex.duals)
        if u is None:
            return i + 1
        nt = self.tok(i + 1, t.sent)
        if nt is not None and nt.is_word:
            w = self.word(nt)
            if w is not None and w[0].type == "unit" and w[0].value == 2:
                return i + 1  # قتيلين اثنين: the number word takes it
        start = self.stem_start(t)
        if self.in_date(start, t.end) and u.category != "time":
            return i + 1
        cat = u.category
        if cat in _PERSON_CATEGORIES:
            cue = self.cue_before(i, t.sent) or self.cue_after(i + 1, t.sent)
            if cue is not None:
                cat = cue.category
        self.out.append(Quantity(start, t.end, self.doc.text[start : t.end], 2, False, u.lemma, start, t.end, cat))
        self.used.add(i)
        return i + 1

    def run(self) -> list[Quantity]:
        toks = self.toks
        hot = self.lex.hot
        # the few tokens that can start a quantity, found in one pass
        starts = [k for k, t in enumerate(toks) if (t.stem in hot if t.is_word else t.norm[0].isdigit())]
        i = 0
        for k in starts:
            if k < i:
                continue  # inside a quantity already read
            t = toks[k]
            if not t.is_word:
                i = self.digits(k)
            elif self.word(t) is not None:
                i = self.words(k)
            else:
                i = self.dual(k)
        return self.out


@dataclass(frozen=True)
class Numbers:
    lex: NumberLexicon = field(repr=False)
    name: str = "numbers"
    requires: frozenset[str] = frozenset({"tokens"})
    provides: frozenset[str] = frozenset({"quantities"})

    def __call__(self, doc: Doc) -> Doc:
        doc.quantities = _Run(doc, self.lex).run()
        return doc


def make_stage(lang: Arabic) -> Numbers:
    return Numbers(lang.numbers)
