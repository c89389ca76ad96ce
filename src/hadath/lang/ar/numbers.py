"""Arabic number words, counted nouns and the grammar that composes them.

:class:`NumberLexicon` holds what the ``numbers`` stage (and the ``dates`` stage, for "منذ سبعة أيام") needs to
read a quantity: the number words of ``number_words.tsv`` with their values and types, the approximators
(نحو، أكثر من …), the counted nouns, duals, cue words and the other context words of ``units.tsv``, the year
cues of ``time_expressions.tsv`` and the ordinal heads of ``ordinals.tsv``.  All entries are folded like the
normalised view.  :func:`compose` is the grammar of number phrases: units, teens (ثلاثة عشر), tens joined by و
(ثلاثة وثلاثين), hundreds (ثلاث مئة، ثلاثمائة), scales (ثلاثة آلاف، مئة وخمسون ألفا), duals of scales (ألفين),
vague amounts (عشرات الآلاف) and fractions (نصف مليون).  :meth:`NumberLexicon.word_value` reads a whole phrase.

The stages reach all of it as ``lang.numbers`` (:class:`hadath.lang.ar.Arabic`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from hadath.lang import load_tsv
from hadath.lang.ar.clitics import AL, BI, FA, KA, LIL, WA, segment_word
from hadath.lang.ar.orthography import TASHKEEL_RE, norm_str

__all__ = [
    "DUAL_SCALES",
    "NumberItem",
    "NumberLexicon",
    "NumberWord",
    "Unit",
    "compose",
    "load_numbers",
    "unit_surface",
]

#: values of the scale words that are duals (ألفين، مليونين، مليارين): they count alone, never multiply
DUAL_SCALES = (2e3, 2e6, 2e9)

#: a token that is only the article, with or without a proclitic (وال، بال، لل): the rest was split off
_BARE_ARTICLES = frozenset({AL, LIL, *(p + AL for p in (WA, BI, FA, KA))})
_ALIF = "ا"
_FATHATAN = "\u064b"
#: final letters after which the accusative singular takes no added alif (ضحية، عصا، مستشفى، أعداء)
_NO_ALIF_AFTER = "ةاىء"


@dataclass(frozen=True, slots=True)
class NumberWord:
    """A number word's value and its type in ``number_words.tsv``."""

    value: float
    type: str  # unit | teen_only | tens | hundred | scale | scale_plural | vague | fraction | few


@dataclass(frozen=True, slots=True)
class Unit:
    """What a counted noun or a cue word stands for: the unit reported (a lemma) and its category."""

    lemma: str
    category: str | None


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one per process
class NumberLexicon:
    """The number words and the words around numbers (see the module docstring); all entries folded."""

    words: dict[str, NumberWord]
    approx_before: tuple[tuple[str, ...], ...]
    approx_after: tuple[tuple[str, ...], ...]
    units: dict[str, Unit]
    multi_units: dict[str, tuple[tuple[tuple[str, ...], Unit], ...]]
    duals: dict[str, Unit]
    cues: dict[str, Unit]
    cues_after: dict[str, Unit]
    anaphors: frozenset[str]
    designators: frozenset[str]
    models: frozenset[str]
    stops: frozenset[str]
    year_cues: frozenset[str]
    percent: frozenset[str]
    zero: frozenset[str]
    #: words between the two numbers of a range (إلى، أو، حتى, the dash)
    range_words: frozenset[str]
    #: words before a number that count a subset of the group counted before (بينهم، منهم)
    subset_words: frozenset[str]
    #: the preposition between a number and its counted noun (18 من عناصر)
    partitive: frozenset[str]
    #: the preposition before the per-cent word (في المئة)
    percent_of: frozenset[str]
    #: token stems that may start a number word or a dual (a quick test before the full lookup)
    hot: frozenset[str]
    #: first words of ordinals (الخامس عشر): a number word after them is not a count
    ordinal_heads: frozenset[str]
    #: approximators by their last word
    approx_by_last: dict[str, tuple[tuple[str, ...], ...]]
    #: tokens that are only an article with its proclitics (وال، لل)
    bare_articles: frozenset[str]

    def word_forms(self, types: Sequence[str] = ("unit", "tens", "hundred", "scale")) -> tuple[str, ...]:
        """The normalised number words of the given types (for building patterns elsewhere)."""
        return tuple(w for w, nw in self.words.items() if nw.type in types)

    def word_value(self, phrase: str) -> float | None:
        """The value of a phrase of number words ("خمسة وعشرين" → 25), or None."""
        words = self.words
        items: list[NumberItem] = []
        for k, raw in enumerate(norm_str(phrase).split()):
            w = words.get(raw)
            wa = False
            if w is None and raw.startswith(WA) and len(raw) > 2:
                w = words.get(raw[1:])
                wa = k > 0
            items.append((w, wa, False))
        res = compose(items)
        if res is None or res[1] != len(items):
            return None
        return res[0]


def _split_forms(cell: str) -> list[str]:
    return [norm_str(f.strip()) for f in cell.split(",") if f.strip()]


@cache
def load_numbers() -> NumberLexicon:
    """The number lexicon, read once per process (``lang.numbers``)."""
    words: dict[str, NumberWord] = {}
    before: list[tuple[str, ...]] = []
    after: list[tuple[str, ...]] = []
    for row in load_tsv("number_words.tsv"):
        form = norm_str(row["form"])
        kind = row["type"]
        if kind == "approx_before":
            before.append(tuple(form.split()))
        elif kind == "approx_after":
            after.append(tuple(form.split()))
        else:
            words[form] = NumberWord(float(row["value"]), kind)
    units: dict[str, Unit] = {}
    multi: dict[str, list[tuple[tuple[str, ...], Unit]]] = {}
    duals: dict[str, Unit] = {}
    cues: dict[str, Unit] = {}
    cues_after: dict[str, Unit] = {}
    sets: dict[str, set[str]] = {
        role: set() for role in ("anaphor", "designator", "model", "stop", "range", "subset", "partitive", "percent_of")
    }
    for row in load_tsv("units.tsv"):
        role = row["role"]
        forms = _split_forms(row["forms"])
        unit = Unit(row["lemma"], row["category"] or None)
        if role == "noun":
            lemma = norm_str(row["lemma"])
            all_forms = [lemma, *forms]
            if row["lemma"][-1] not in _NO_ALIF_AFTER and " " not in lemma:
                all_forms.append(lemma + _ALIF)  # accusative singular after 11–99: شخصاً
            for f in all_forms:
                if " " in f:
                    parts = tuple(f.split())
                    multi.setdefault(parts[0], []).append((parts, unit))
                else:
                    units.setdefault(f, unit)
            for f in _split_forms(row["duals"]):
                duals[f] = unit
        elif role in ("cue", "cue_after"):
            target = cues if role == "cue" else cues_after
            for f in forms:
                target.setdefault(f, unit)
        elif role in sets:
            sets[role].update(forms)
    year_cues = frozenset(norm_str(r["phrase"]) for r in load_tsv("time_expressions.tsv") if r["type"] == "year_cue")
    return NumberLexicon(
        words=words,
        approx_before=tuple(sorted(before, key=len, reverse=True)),
        approx_after=tuple(sorted(after, key=len, reverse=True)),
        units=units,
        multi_units={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in multi.items()},
        duals=duals,
        cues=cues,
        cues_after=cues_after,
        anaphors=frozenset(sets["anaphor"]),
        designators=frozenset(sets["designator"]),
        models=frozenset(sets["model"]),
        stops=frozenset(sets["stop"]),
        year_cues=year_cues,
        percent=frozenset(f for r in load_tsv("units.tsv") if r["role"] == "percent" for f in _split_forms(r["forms"])),
        zero=frozenset(norm_str(r["form"]) for r in load_tsv("number_words.tsv") if r["type"] == "zero"),
        range_words=frozenset(sets["range"]),
        subset_words=frozenset(sets["subset"]),
        partitive=frozenset(sets["partitive"]),
        percent_of=frozenset(sets["percent_of"]),
        hot=_hot_stems([*words, *duals]),
        approx_by_last=_by_last(before),
        ordinal_heads=frozenset(norm_str(r["ordinal"]).split()[0] for r in load_tsv("ordinals.tsv")),
        bare_articles=_BARE_ARTICLES,
    )


def _hot_stems(forms: list[str]) -> frozenset[str]:
    """The stems a segmented token may have when it is one of ``forms`` with clitics (و، ب، ال)."""
    out = set(forms)
    for f in forms:
        for final_ta in (False, True):
            _, _, stem, _, readings = segment_word(f, final_ta)
            out.add(stem)
            out.update(readings)
            out.add(segment_word(WA + f, final_ta)[2])
            out.add(segment_word(BI + f, final_ta)[2])
            if not f.startswith(AL):
                out.add(segment_word(AL + f, final_ta)[2])
    return frozenset(out)


def _by_last(seqs: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in sorted(seqs, key=len, reverse=True):
        out.setdefault(seq[-1], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}


def unit_surface(text: str, next_char: str, value: float) -> str:
    """An unknown counted noun as written (``text``, the token's original text) in its base form.

    Tashkeel is dropped, and so is the alif of the accusative singular (شخصاً → شخص) after 11–99 (the tamyiz
    of those numbers is accusative) or when the word carries tanween fath (``next_char`` is the original
    character after the token: the mark may follow the alif's token).
    """
    surface = TASHKEEL_RE.sub("", text)
    tanween = next_char == _FATHATAN or text.endswith(_FATHATAN + _ALIF)
    if len(surface) > 3 and surface.endswith(_ALIF) and (11 <= value <= 99 or tanween):
        surface = surface[:-1]
    return surface


# -- composing number words -------------------------------------------------------------------------------

#: a number word of a phrase: (the word or None, joined by و, with the article)
NumberItem = tuple[NumberWord | None, bool, bool]


def compose(items: Sequence[NumberItem]) -> tuple[float, int, bool] | None:
    """The value of the number phrase at the start of ``items``: ``(value, items used, vague)``."""
    if not items or items[0][0] is None:
        return None
    first = items[0][0]
    nxt = items[1][0] if len(items) > 1 and not items[1][1] else None
    if first.type == "few":
        return None
    if first.type == "vague":
        if nxt is not None and nxt.type == "scale_plural":
            return first.value * nxt.value, 2, True  # عشرات الآلاف
        return first.value, 1, True
    if first.type == "scale_plural":
        return first.value, 1, True  # آلاف alone: thousands
    if first.type == "fraction":
        if nxt is not None and nxt.type == "scale" and nxt.value not in DUAL_SCALES:
            return first.value * nxt.value, 2, False  # نصف مليون
        return None
    total = 0.0
    group = 0.0
    has: set[str] = set()
    last_scale = math.inf
    prev: NumberWord | None = None
    i = 0
    while i < len(items):
        w, wa, _art = items[i]
        if w is None:
            break
        joined = i == 0 or wa
        t, v = w.type, w.value
        if t == "teen_only":
            after = items[i + 1][0] if i + 1 < len(items) and not items[i + 1][1] else None
            if not joined or has & {"u", "t"} or after is None or after.type != "unit" or after.value != 10:
                break
            group += v + 10
            has |= {"u", "t"}
            prev = after
            i += 2
            continue
        if t == "unit":
            if (
                v == 10
                and not wa
                and i > 0
                and prev is not None
                and prev.type == "unit"
                and 1 <= prev.value <= 9
                and "t" not in has
            ):
                group += 10  # ثلاثة عشر
                has.add("t")
            elif joined and not has & {"u", "t"}:
                group += v
                has.add("u")
            else:
                break
        elif t == "tens":
            if "t" in has or not joined:
                break
            group += v
            has.add("t")
        elif t == "hundred":
            if v == 100 and not wa and i > 0 and has == {"u"} and 2 <= group <= 9:
                group *= 100  # ثلاث مئة
                has = {"h"}
            elif joined and not has:
                group += v
                has.add("h")
            else:
                break
        elif t == "scale":
            dual = v in DUAL_SCALES
            base = v / 2 if dual else v
            if base >= last_scale or (i > 0 and wa):
                break
            if dual:
                if has:
                    break
                total += v
            else:
                total += (group or 1.0) * base
            group = 0.0
            has = set()
            last_scale = base
        elif t == "scale_plural":
            if wa or i == 0 or has != {"u"} or not 3 <= group <= 10 or v >= last_scale:
                break
            total += group * v  # ثلاثة آلاف
            group = 0.0
            has = set()
            last_scale = v
        else:
            break
        prev = w
        i += 1
    if i == 0:
        return None
    return total + group, i, False
