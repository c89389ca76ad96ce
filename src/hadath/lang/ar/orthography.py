"""Offset-preserving Arabic normalisation.

The original text is never modified.  :func:`normalize` builds a *view* of it in
which matching is easy (no tashkeel or tatweel, one alef, ى→ي, ة→ه, ؤ→و, ئ→ي,
Arabic-Indic and Persian digits → ASCII, one kind of quote and dash, Latin
lower-cased, presentation forms decomposed) together with a map from every
character of the view back to the original text.  A span ``[a, b)`` of the view
maps to ``[starts[a], ends[b - 1])`` of the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "ALEF_MADDA",
    "ALEF_MAQSURA",
    "TANWEEN_FATH",
    "TASHKEEL_RE",
    "TA_MARBUTA",
    "NormText",
    "has_arabic_script",
    "norm_str",
    "normalize",
]

# Letters the normalised view folds away, for the few tests that must look at the original spelling.
#: ة, which the normalised view writes ه (the segmenter asks the original text for it)
TA_MARBUTA = "ة"
#: ى, which the view writes ي (على vs the name علي)
ALEF_MAQSURA = "ى"
#: آ, which the view writes ا (أي vs the letter name آي)
ALEF_MADDA = "آ"
#: the tanween of the accusative (ـً), which the view drops
TANWEEN_FATH = "\u064b"

# Characters dropped from the view: tashkeel (harakat, Quranic marks), tatweel,
# zero-width and bidi controls, soft hyphen.
_DROP = (
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
    "\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad\ufeff"
)
TASHKEEL_RE = re.compile(f"[{_DROP}]")

_MAP: dict[int, str] = {}
for _c in "أإآٱٲٳ":
    _MAP[ord(_c)] = "ا"
_MAP.update(
    {
        ord("ى"): "ي",
        ord("ة"): "ه",
        ord("ؤ"): "و",
        ord("ئ"): "ي",
        ord("ی"): "ي",
        ord("ک"): "ك",
        ord("ۀ"): "ه",
        ord("ە"): "ه",
        ord("ھ"): "ه",
        ord("ۃ"): "ه",
    }
)
for _i in range(10):
    _MAP[0x0660 + _i] = str(_i)  # Arabic-Indic
    _MAP[0x06F0 + _i] = str(_i)  # Persian / Urdu
for _c in "«»“”„‟″〝〞＂":
    _MAP[ord(_c)] = '"'
for _c in "‘’‚‛′`´":
    _MAP[ord(_c)] = "'"
for _c in "‐‑‒–—―−﹘﹣－":
    _MAP[ord(_c)] = "-"
_MAP.update(
    {
        ord("٫"): ".",
        ord("٬"): ",",
        ord("،"): ",",
        ord("؛"): ";",
        ord("؟"): "?",
        ord("٪"): "%",
        ord("\u00a0"): " ",
        ord("\u2007"): " ",
        ord("\u202f"): " ",
        ord("\t"): " ",
    }
)
for _code in range(ord("A"), ord("Z") + 1):
    _MAP[_code] = chr(_code + 32)

_TABLE = str.maketrans(_MAP)
# Folding by regex touches only the characters that change (a tenth of Arabic text); str.translate looks
# every character up in the table and is two to three times slower on article-length strings.
_FOLD_CHARS: dict[str, str] = {chr(k): v for k, v in _MAP.items()}
_FOLD_RE = re.compile("[" + re.escape("".join(sorted(_FOLD_CHARS))) + "]")
if any(len(v) != 1 for v in _FOLD_CHARS.values()):  # pragma: no cover - a guard on the table above
    raise RuntimeError("the folding table must map one character to one: the offset map relies on it")


def _fold_char(m: re.Match[str]) -> str:
    return _FOLD_CHARS[m.group()]


def _fold(s: str) -> str:
    return _FOLD_RE.sub(_fold_char, s)


_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e]")


@dataclass(frozen=True, slots=True)
class NormText:
    """A normalised view of ``original`` with an offset map back to it.

    ``starts[i]`` is the original offset of view character ``i`` and
    ``ends[i]`` the end of the original character(s) it came from.  Both are
    ``None`` when the view is aligned 1:1 with the original (only character
    substitutions happened); ``ends`` alone is ``None`` when every view
    character comes from exactly one original character (``ends[i] ==
    starts[i] + 1``).
    """

    original: str
    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def start_of(self, i: int) -> int:
        """Original offset where view character ``i`` starts."""
        return i if self.starts is None else self.starts[i]

    def end_of(self, i: int) -> int:
        """Original offset where view character ``i`` ends."""
        if self.starts is None:
            return i + 1
        return self.starts[i] + 1 if self.ends is None else self.ends[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span ``[start, end)`` to a span of the original text."""
        if self.starts is None:
            return start, end
        n = len(self.text)
        if n == 0:
            return 0, 0
        if end <= start:
            pos = self.starts[start] if start < n else len(self.original)
            return pos, pos
        start = max(0, min(start, n - 1))
        end = max(start + 1, min(end, n))
        return self.starts[start], self.end_of(end - 1)

    def from_original(self, pos: int) -> int:
        """The first view index whose original offset is at or after ``pos``."""
        if self.starts is None:
            return pos
        return bisect.bisect_left(self.starts, pos)


_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def has_arabic_script(s: str) -> bool:
    """Whether ``s`` holds a letter or sign of the Arabic script (e.g. an untranslated name in English output)."""
    return _ARABIC_SCRIPT.search(s) is not None


def norm_str(s: str) -> str:
    """Normalise a string for matching (no offset map): the same folding as the view."""
    if _PRESENTATION.search(s):
        s = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), s)
    return _fold(TASHKEEL_RE.sub("", s))


def normalize(original: str) -> NormText:
    """Build the normalised view of ``original`` with its offset map."""
    if _PRESENTATION.search(original) is None:
        dropped = [m.start() for m in TASHKEEL_RE.finditer(original)]
        if not dropped:
            return NormText(original, _fold(original))
        starts: list[int] = []
        prev = 0
        for d in dropped:
            starts.extend(range(prev, d))
            prev = d + 1
        starts.extend(range(prev, len(original)))
        return NormText(original, _fold(TASHKEEL_RE.sub("", original)), tuple(starts), None)
    # presentation forms (ligatures) may expand to several view characters: the general, slower path
    out: list[str] = []
    starts = []
    ends: list[int] = []
    for i, ch in enumerate(original):
        if TASHKEEL_RE.match(ch):
            continue
        if _PRESENTATION.match(ch):
            decomposed = TASHKEEL_RE.sub("", unicodedata.normalize("NFKC", ch)).translate(_TABLE)
            for piece in decomposed:
                out.append(piece)
                starts.append(i)
                ends.append(i + 1)
            continue
        out.append(ch.translate(_TABLE))
        starts.append(i)
        ends.append(i + 1)
    return NormText(original, "".join(out), tuple(starts), tuple(ends))
