"""English names for entities that are not in the knowledge base: a consistent, documented romanisation.

* Persons: :func:`romanize_name` asks the optional ``arabic-name-romanizer`` package (offline: a dictionary of
  attested Latin spellings of Arabic names with a per-country preference) unit by unit — a unit is a word or a
  particle with its name (عبد الرحمن، أبو بكر) — so بشار الأسد -> "Bashar al-Assad", and falls back to
  :func:`rule_romanize` when the package is missing or has no answer.  Its neural model is not loaded
  (dictionary and rules only: fast, cached per unit and deterministic).
* Organisations: :func:`romanize_words` romanises word by word — the article ال becomes ``al-`` (sun letters are
  not assimilated: al-Sham, al-Hurr), each word is capitalised except ``al-`` inside a name — so
  جيش إدلب الحر -> "Jaish Idlib al-Hurr" when the caller supplies the head word's conventional spelling.
* Known English forms come first (``words/name_en_known.txt``: the spellings analysts use for foreign names and
  name words the package does not know — ترامب Trump, هربرت Herbert, ستاندرد آند بورز Standard & Poor's), then the
  package's dictionary; a unit it only guesses by its own rules (هربرت -> "Harabarat") is written by
  :func:`rule_romanize` instead, so foreign names are never assembled from per-word vowel guesses.  The ``*_sourced``
  functions also say where the name came from (:data:`NAME_EN_SOURCES`): ``known``, ``romanizer`` or ``rules``
  (at least one unit by the plain rules).
* :func:`rule_romanize` is a simplified, ACLED-like scheme (no diacritics): ث th, ج j, ح h, خ kh, ذ dh, ش sh,
  ص s, ض d, ط t, ظ z, ع ', غ gh, ق q, ة a, long vowels ا a / و u or w / ي i or y, a short "a" after a word-initial
  consonant cluster.  It is used when nothing better is known; the results are readable, not scholarly.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from hadath.lang.ar.orthography import norm_str

__all__ = [
    "NAME_EN_SOURCES",
    "romanize_name",
    "romanize_name_sourced",
    "romanize_words",
    "romanize_words_sourced",
    "romanizer_available",
    "rule_romanize",
]

#: where an English name came from, best first: the knowledge base, a known English form, the romanizer's
#: dictionary, the plain rules (``entities[].name_en_source``)
NAME_EN_SOURCES = ("kb", "known", "romanizer", "rules")
KNOWN, ROMANIZER, RULES = "known", "romanizer", "rules"

_CONS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh", "ف": "f", "ق": "q",
    "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ء": "'", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g",
    "ڤ": "v",
}  # fmt: skip
_VOWELISH = {"ا": "a", "ى": "a", "ة": "a", "آ": "a", "أ": "a", "إ": "i", "ؤ": "u", "ئ": "i"}


def _rule_word(word: str) -> str:
    """Romanise one Arabic word (original spelling, with hamza and ة if present)."""
    if not word:
        return ""
    if word.startswith("ال") and len(word) >= 4:
        return "al-" + _rule_word(word[2:])
    out: list[str] = []
    n = len(word)
    prev_cons = False
    for i, ch in enumerate(word):
        nxt = word[i + 1] if i + 1 < n else ""
        if ch in "وي":
            after_vowel = not prev_cons
            if i == 0 or after_vowel or nxt in ("ا", "ى", "ة"):
                out.append("w" if ch == "و" else "y")
                prev_cons = True
            else:
                out.append("u" if ch == "و" else "i")
                prev_cons = False
            continue
        if ch in _VOWELISH:
            if i == 0 and ch in "اأ":
                out.append("a")
            elif ch == "ة" and i < n - 1:
                out.append("at")
            else:
                out.append(_VOWELISH[ch])
            prev_cons = False
            continue
        cons = _CONS.get(ch)
        if cons is None:
            continue
        if ch == "ع" and i == 0:
            out.append("a" if nxt not in "اوي" else "")
            prev_cons = False
            continue
        if prev_cons and len(out) == 1:
            out.append("a")  # word-initial cluster: Kbr -> Kabr
        out.append(cons)
        prev_cons = True
    s = "".join(out).replace("''", "'").strip("'")
    return s[:1].upper() + s[1:] if s else s


def rule_romanize(text: str) -> str:
    """A rule-based romanisation of an Arabic name or phrase (see the module docstring)."""
    words = [w for w in text.replace("ـ", "").split() if w]
    parts: list[str] = []
    for k, w in enumerate(words):
        r = _rule_word(w)
        if r.startswith("al-") and k == 0:
            r = "Al-" + r[3:4].upper() + r[4:]
        elif r.startswith("al-"):
            r = "al-" + r[3:4].upper() + r[4:]
        parts.append(r)
    return " ".join(p for p in parts if p)


@lru_cache(maxsize=1)
def _transliterator() -> Any:
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    try:
        return Transliterator(auto_load_model=False)
    except Exception:  # a broken optional package must not break extraction
        return None


def romanizer_available() -> bool:
    """True when the arabic-name-romanizer package can be used."""
    return _transliterator() is not None


@lru_cache(maxsize=1)
def _splitter() -> Any:
    try:
        from arabic_name_romanizer.normalize import normalize_arabic, split_units
    except ImportError:  # pragma: no cover - depends on the environment
        return None
    return lambda s: split_units(normalize_arabic(s))


@lru_cache(maxsize=1)
def _known() -> dict[str, str]:
    from hadath.lang.ar.words import tagged_words

    return {k: v for k, v in tagged_words("name_en_known").items() if v}


def _worst(sources: list[str]) -> str:
    return max(sources, key=NAME_EN_SOURCES.index) if sources else RULES


@lru_cache(maxsize=1 << 17)  # a corpus holds tens of thousands of distinct (unit, country) pairs
def _unit(unit: str, country: str | None) -> tuple[str, str]:
    """One name unit (a word, or a particle with its name: عبد الرحمن، أبو بكر), cached: units recur a lot."""
    known = _known().get(norm_str(unit))
    if known:
        return known, KNOWN
    tr = _transliterator()
    if tr is not None:
        try:
            cands = tr.transliterate(unit, top_k=2, country=country)
        except Exception:  # fall back to the rules on any failure of the optional package
            cands = []
        best = cands[0] if isinstance(cands, list) and cands else None
        text = getattr(best, "text", "")
        if isinstance(text, str) and text.strip() and getattr(best, "source", "rules") != "rules":
            return text.strip(), ROMANIZER
    if " " in unit.strip():  # a particle with its name (بن رشيق): each word on its own (بن -> bin)
        got = [_unit(w, country) for w in unit.split()]
        words = [got[0][0]] + [("al-" + p[3:]) if p.lower().startswith("al-") else p for p, _ in got[1:]]
        return " ".join(p for p in words if p), _worst([src for _, src in got])
    return rule_romanize(unit), RULES


@lru_cache(maxsize=1 << 16)
def romanize_name_sourced(name_ar: str, country: str | None = None) -> tuple[str, str]:
    """English spelling of a person's name and where it came from (``known``, ``romanizer``, ``rules``): the
    whole name's known English form, else unit by unit a known form, the romanizer's dictionary answer or the
    plain rules.

    Units are romanised separately (and cached) so that a batch of articles pays for each distinct name word
    once; the package's whole-name dictionary is not consulted.
    """
    whole = _known().get(norm_str(name_ar))
    if whole:
        return whole, KNOWN
    split = _splitter()
    units = split(name_ar) if split is not None else name_ar.split()
    if not units:
        return rule_romanize(name_ar), RULES
    got = [_unit(u, country) for u in units]
    parts = [p for p, _ in got]
    for k in range(1, len(parts)):
        if parts[k].lower().startswith(("al-", "el-")):
            parts[k] = "al-" + parts[k][3:4].upper() + parts[k][4:]
    out = " ".join(p for p in parts if p)
    return out[:1].upper() + out[1:], _worst([src for _, src in got])


def romanize_name(name_ar: str, country: str | None = None) -> str:
    """English spelling of a person's name (:func:`romanize_name_sourced` without the source)."""
    return romanize_name_sourced(name_ar, country)[0]


@lru_cache(maxsize=8192)
def _romanize_word(word: str, country: str | None) -> tuple[str, str]:
    core = word[2:] if norm_str(word).startswith("ال") and len(word) >= 4 else word
    art = core is not word
    r, src = romanize_name_sourced(core, country)
    if " " in r:  # the dictionary split a word (rare): keep it as one name part
        r = r.replace(" ", "-")
    r = r[:1].upper() + r[1:]
    if r.lower().startswith(("al-", "el-")):
        r = r[3:4].upper() + r[4:]
        art = True
    return (("al-" + r) if art else r), src


def romanize_words_sourced(
    words: list[str], country: str | None = None, known: dict[str, str] | None = None
) -> tuple[str, str]:
    """Romanise an organisation name word by word (``known`` maps normalised words to fixed spellings), with
    where it came from: the whole name's known English form (``known``), else the worst of its words' sources."""
    whole = _known().get(norm_str(" ".join(words)))
    if whole:
        return whole, KNOWN
    parts: list[str] = []
    sources: list[str] = []
    for w in words:
        k = norm_str(w)
        if known and k in known:
            parts.append(known[k])
            sources.append(KNOWN)
            continue
        r, src = _romanize_word(w, country)
        parts.append(r)
        sources.append(src)
    if parts and parts[0].startswith("al-"):
        parts[0] = "Al-" + parts[0][3:]
    return " ".join(p for p in parts if p), _worst(sources)


def romanize_words(words: list[str], country: str | None = None, known: dict[str, str] | None = None) -> str:
    """Romanise an organisation name word by word; ``known`` maps normalised words to fixed spellings."""
    return romanize_words_sourced(words, country, known)[0]
