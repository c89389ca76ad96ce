"""What hadath knows about Arabic place names.

* :class:`PlaceLexicon` (``Arabic.places``) — the ``places`` stage's words: place cues (``place_cues.tsv``:
  قرية، بلدة، مدينة ... and the prepositions, function words and name heads read with them), compass nouns and
  adjectives (``directions.tsv``), place names that are also common words (``place_stoplist.txt``), and the
  word lists ``place_coordinators``, ``place_locators``, ``place_governing`` and ``place_region_words``
  under ``words/``; with the morphology the stage asks about: the readings of a clitic-segmented token
  (بإدلب → إدلب), nationality adjectives derived from country names (سوريا → سوري، سورية، سوريين ...),
  adjective endings, the article after a proclitic.
* For the gazetteer builders (``hadath.gazetteer.base``, ``hadath.gazetteer.ocha``): the administrative
  prefixes stripped from unit names (محافظة إدلب → إدلب), the words that mark another language's names
  (Pashto/Dari ولايت), the separators of name variants in OCHA tables.

Every set holds normalised forms (the normalised view's folding); the stoplist is keyed like the gazetteer's
name keys (which equal the folding for Arabic words).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from hadath.lang import load_lines, load_tsv
from hadath.lang.ar.clitics import AL, BI, FA, KA, LI, LIL, WA, given_names
from hadath.lang.ar.orthography import TANWEEN_FATH, norm_str
from hadath.lang.ar.words import tagged_words, word_list, words

if TYPE_CHECKING:
    from hadath.doc import Token

__all__ = [
    "NAME_VARIANT_SEP_RE",
    "PlaceLexicon",
    "Reading",
    "foreign_admin_name",
    "latin_key",
    "load_places",
    "non_arabic_letters",
    "readings_of",
    "strip_admin_prefix",
    "strip_ocha_admin_prefix",
    "vowelless_key",
]

#: a normalised reading of a token and the number of leading proclitic characters it drops
Reading = tuple[str, int]
Cue = tuple[str, str, int]  # (kind, level, proclitic characters dropped)

_COUNTRY_ENDINGS = ("يه", "يا", "ا", "ه")  # سوريه، سوريا، تركيا، اوكرانيا ... (tried in this order)
_NISBA = "ي"
_NISBA_INFLECTIONS = ("", "ه", "ين", "ون", "تين", "تان")  # سوري، سوريه، سوريين، سوريون، سوريتين، سوريتان
_ADJECTIVE_ENDINGS = ("ي", "يه", "يين", "يون", "ين", "ون", "ات")
_ITS = ("ها", "ه")  # the enclitic pronouns "its" (ريفها، ريفه)
_ARTICLE_AFTER_PROCLITIC = (LIL, BI + AL, WA + AL, FA + AL, KA + AL, WA + LIL, WA + BI + AL)
_ARABIC_WORD_RE = re.compile("[\u0621-\u064a]+")
_TA = "ه"  # ة in the normalised view: a final ة makes an Arabic noun
_ALIF = "ا"  # the alif of the indefinite accusative (رئيسياً)
_INFLECTIONS = ("ين", "ون", "ات", "ان", "يه", "ي", _TA)

#: the separators of name variants in a cell of an OCHA table ("حلب / حلب الجديدة، ...")
NAME_VARIANT_SEP_RE = re.compile(r"[/،,;|]")


@lru_cache(maxsize=262144)
def readings_of(w: str, prefix: str, article: bool, stem: str, suffix: str) -> tuple[Reading, ...]:
    """The readings of a segmented word (``norm, prefix, article, stem, suffix`` of a token): the surface, then
    the surface without each proclitic, then the article reading (بالرقة → الرقة; للسعودية → السعودية, which
    keeps the whole word in the mention: no proclitic-free substring exists)."""
    out = [(w, 0)]
    p = len(prefix)
    for k in range(1, p + 1):
        out.append((w[k:], k))
    if p and article:
        core = AL + stem + suffix
        if prefix.endswith(LI) and w[p - 1 : p + 1] == LIL:
            out.append((core, 0))
            out.append((AL + w[p:], 0))  # للاذقية → اللاذقية
        else:
            out.append((core, p))
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, eq=False)
class PlaceLexicon:
    """The language data of the ``places`` stage (all forms normalised)."""

    cues: dict[str, tuple[str, str]]  # normalised cue -> (kind, level), kinds place|admin|plural|region|near|org|front
    preps: frozenset[str]
    function: frozenset[str]
    heads: frozenset[str]
    dir_nouns: dict[str, str]
    dir_adjs: dict[str, str]
    stop: dict[str, str]  # name key -> never | prep | indoc | notadj | generic
    coordinators: frozenset[str]  # و، او، ثم and the comma: a list of places
    locators: frozenset[str]  # في، ريف، قرب ... between a name and the place that locates it
    governing: frozenset[str]  # في، جنوب ...: the place after a name is its country
    countryside: frozenset[str]  # ريف، ارياف
    countryside_def: frozenset[str]  # الريف، الارياف
    countryside_name_prefix: str  # "ريف ": names of admin units that are a countryside (ريف دمشق)
    badia: str  # باديه
    of: str  # من, in "الريف الجنوبي من حلب"
    frequent: frozenset[str] = frozenset()  # frequent words, organisation heads, given names: no transliterated name
    translit_preps: frozenset[str] = frozenset()  # في، قرب ...: a word after them may be a transliterated town
    led_by: frozenset[str] = frozenset()  # بقيادة، تقوده: the country after them in an organisation name is a place
    prep_or_dir: frozenset[str] = field(init=False)  # preps | dir_nouns
    ends_name: frozenset[str] = field(init=False)  # words after a name that do not continue it
    cue_of: Callable[[tuple[Reading, ...]], Cue | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        prep_or_dir = self.preps | frozenset(self.dir_nouns)
        object.__setattr__(self, "prep_or_dir", prep_or_dir)
        ends = prep_or_dir | self.function | frozenset(self.dir_adjs) | frozenset(self.cues)
        object.__setattr__(self, "ends_name", ends)
        # cue_of(readings): the first reading that is a cue -> (kind, level, proclitic characters dropped)
        object.__setattr__(self, "cue_of", lru_cache(maxsize=262144)(self._cue_of))

    def _cue_of(self, rd: tuple[Reading, ...]) -> Cue | None:
        cues = self.cues
        for form, k in rd:
            hit = cues.get(form)
            if hit is not None:
                return hit[0], hit[1], k
        return None

    # -- morphology -------------------------------------------------------------------------------------------
    @staticmethod
    def readings(tok: Token) -> tuple[Reading, ...]:
        """Normalised readings of a token with the number of leading proclitic characters each one drops."""
        return readings_of(tok.norm, tok.prefix, tok.article, tok.stem, tok.suffix)

    def nationality_adjectives(self, country_key: str) -> tuple[str, ...]:
        """The inflected nationality adjectives of a one-word country name key (سوريا → سوري، سوريه، سوريين ...),
        or () when its stem is too short or the stoplist says the adjective is no adjective (مالي)."""
        base = country_key[len(AL) :] if country_key.startswith(AL) else country_key
        for suf in _COUNTRY_ENDINGS:
            if base.endswith(suf) and len(base) - len(suf) >= 3:
                base = base[: -len(suf)]
                break
        adj = base + _NISBA
        if len(base) < 3 or self.stop.get(adj) == "notadj":
            return ()
        return tuple(adj + ending for ending in _NISBA_INFLECTIONS)

    @staticmethod
    def adjective_like(w: str) -> bool:
        """A normalised word that ends like an adjective or a plural (الشرقي، الشرقيه، المسلحين، المدنيون)."""
        return w.endswith(_ADJECTIVE_ENDINGS)

    @staticmethod
    def article_after_proclitic(w: str) -> bool:
        """A normalised word that begins with a proclitic and the article (للمدينة، بالقرب، والريف ...)."""
        return w.startswith(_ARTICLE_AFTER_PROCLITIC)

    @staticmethod
    def is_arabic_word(w: str) -> bool:
        """Only Arabic letters (hamza to ya)."""
        return _ARABIC_WORD_RE.fullmatch(w) is not None

    def inflected_common(self, w: str) -> bool:
        """A frequent word, or one with an Arabic ending added (قتيلين، هراوات، شرفة): no foreign town's name."""
        if w in self.frequent:
            return True
        for end in _INFLECTIONS:
            if w.endswith(end) and len(w) - len(end) >= 2 and (w[: -len(end)] in self.frequent or end == _TA):
                return True
        return False

    def accusative_common(self, w: str) -> bool:
        """A frequent word with the alif of the indefinite accusative (عسكريا، رسميا), tanween or not; asked of names
        no gazetteer holds (سوريا, a name, also looks so)."""
        return w.endswith(_ALIF) and len(w) > 3 and w[:-1] in self.frequent

    @staticmethod
    def indefinite(original: str) -> bool:
        """The word as written carries tanween (رئيسياً، عسكرياً): an indefinite common word, not a name."""
        return TANWEEN_FATH in original

    @staticmethod
    def its(t: Token) -> bool:
        """The token carries the enclitic "its" (ريفها، ريفه)."""
        return t.suffix in _ITS


@cache
def load_places() -> PlaceLexicon:
    """The place lexicon (read once per process)."""
    rows = load_tsv("place_cues.tsv")
    kinds = {
        kind: frozenset(norm_str(r["cue"]) for r in rows if r["kind"] == kind) for kind in ("prep", "function", "head")
    }
    cues = {norm_str(r["cue"]): (r["kind"], r.get("level", "")) for r in rows if r["kind"] not in kinds}
    nouns: dict[str, str] = {}
    adjs: dict[str, str] = {}
    for r in load_tsv("directions.tsv"):
        (nouns if r["kind"] == "noun" else adjs)[norm_str(r["form"])] = r["direction"]
    stop: dict[str, str] = {}
    for line in load_lines("place_stoplist.txt"):
        name, _, mode = line.partition("\t")
        stop.setdefault(" ".join(norm_str(name).split()), mode.strip() or "never")
    # every word of the name-boundary lexicon (frequent words, organisation heads, name words) and every given
    # name: a word an Arabic reader knows is no transliterated foreign town
    frequent = frozenset(norm_str(r["word"]) for r in load_tsv("org_heads.tsv")) | frozenset(
        norm_str(w) for w in given_names()
    )
    region = tagged_words("place_region_words")
    countryside = frozenset(w for w, tag in region.items() if tag in ("countryside", "countrysides"))
    return PlaceLexicon(
        cues=cues,
        preps=kinds["prep"],
        function=kinds["function"],
        heads=kinds["head"],
        dir_nouns=nouns,
        dir_adjs=adjs,
        stop=stop,
        coordinators=words("place_coordinators"),
        locators=words("place_locators"),
        governing=words("place_governing"),
        countryside=countryside,
        countryside_def=frozenset(AL + w for w in countryside),
        countryside_name_prefix=_tagged_one(region, "countryside") + " ",
        badia=_tagged_one(region, "badia"),
        of=_tagged_one(region, "of"),
        frequent=frequent,
        translit_preps=words("place_translit_preps") | frozenset(nouns),
        led_by=words("place_led_by"),
    )


def _tagged_one(tagged: dict[str, str], tag: str) -> str:
    (word,) = (w for w, t in tagged.items() if t == tag)
    return word


# -- the gazetteer builders ---------------------------------------------------------------------------------------
@cache
def _prefix_re(list_name: str) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(re.escape(w) for w in word_list(list_name)) + ") ")


def strip_admin_prefix(key: str) -> str:
    """A unit's name key without the administrative word that opens it (محافظه ادلب → ادلب), for GeoNames/CLDR
    names (``words/gazetteer_admin_prefixes.txt``)."""
    return _prefix_re("gazetteer_admin_prefixes").sub("", key)


def strip_ocha_admin_prefix(key: str) -> str:
    """The same for the unit names of OCHA tables (``words/ocha_admin_prefixes.txt``: مركز، ناحيه ...)."""
    return _prefix_re("ocha_admin_prefixes").sub("", key)


def foreign_admin_name(key: str) -> bool:
    """A name key with a word of another language's unit names after its first word (Pashto/Dari "X ولايت")."""
    foreign = words("gazetteer_foreign_words")
    return any(w in foreign for w in key.split(" ")[1:])


# -- transliteration key and script ------------------------------------------------------------------------------
#: Arabic letters -> the consonant classes of hadath.gazetteer.translit (the Latin side of the same key)
_LATIN_CLASS = {
    "ب": "B", "پ": "B", "ف": "F", "ڤ": "F", "ت": "T", "ط": "T", "ث": "T", "د": "D", "ذ": "D", "ض": "D",
    "ظ": "D", "ك": "K", "ق": "K", "غ": "K", "ج": "K", "گ": "K", "خ": "K", "س": "S", "ص": "S", "ز": "S",
    "ش": "S", "ژ": "S", "ح": "H", "ه": "H", "ل": "L", "م": "M", "ن": "N", "ر": "R",
}  # fmt: skip
_GLIDES = {"و": "W", "ي": "Y"}
_TSH = "تش"  # تشاد، بنغلادش: t+sh is one sound (ch)
#: letters of Persian, Urdu, Pashto and Kurdish that Arabic does not use: a name written with them is not the
#: name Arabic news writes (ها تین is Persian for Hà Tĩnh; Arabic writes it otherwise)
_NON_ARABIC_LETTERS = re.compile("[پچژکگیۀہۃےٹڈڑںھۆێەڵڕۊۋېۍډړږښګڼ]")


def non_arabic_letters(raw: str) -> bool:
    """The raw (unnormalised) name holds a letter of Persian, Urdu, Pashto or Kurdish that Arabic lacks."""
    return _NON_ARABIC_LETTERS.search(raw) is not None


_LONG_VOWELS = frozenset("اوي")


def vowelless_key(key: str) -> str:
    """A name key without the article and without the long vowels inside its words (الشيفونية and الشفونية ->
    شفنه): spellings of one name that differ only in a written vowel share it."""
    words = []
    for w in key.split(" "):
        if w.startswith(AL) and len(w) > len(AL) + 1:
            w = w[len(AL) :]
        if len(w) > 2:  # the first and the last letter stay (حلب is not حلبا)
            w = w[0] + "".join(c for c in w[1:-1] if c not in _LONG_VOWELS) + w[-1]
        words.append(w)
    return " ".join(words)


@lru_cache(maxsize=65536)
def latin_key(norm: str) -> str:
    """The transliteration key of a normalised Arabic word or name (ماستونغ -> "MSTNK"): see
    :mod:`hadath.gazetteer.translit` for the classes.  The article ال is left out; و and ي count only at the
    start, a final ه (ة) not at all."""
    from hadath.gazetteer.translit import squeeze

    w = norm.replace(" ", "")
    if w.startswith(AL) and len(w) > len(AL) + 2:
        w = w[len(AL) :]
    w = w.replace(_TSH, "ش")
    if w.endswith("ه"):
        w = w[:-1]
    out: list[str] = []
    for i, ch in enumerate(w):
        if i == 0 and ch in _GLIDES:
            out.append(_GLIDES[ch])
            continue
        cls = _LATIN_CLASS.get(ch)
        if cls is not None:
            out.append(cls)
    return squeeze(out)
