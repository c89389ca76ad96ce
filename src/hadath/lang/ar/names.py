"""What the ``entities`` stage knows about Arabic names: :class:`NameLexicon` (``Arabic.names``).

Read from ``person_titles.tsv`` (titles, ranks, speech verbs and fillers around a person's name),
``given_names.txt`` (given names, name particles, halves of compound names), ``org_heads.tsv`` (the heads,
name words and stop words that bound an organisation's name) and the word lists ``focus_locatives``,
``name_age_words``, ``name_kunya`` and ``generic_ref_adjectives`` under ``words/``; and the small
morphology the name patterns ask about (the preposition على, nisba adjectives, enclitic pronouns, tanween,
feminine and plural endings, the imperfect prefix ي).

Every set holds normalised forms (the normalised view's folding), so the stage compares tokens' ``norm`` /
``core`` with them directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from hadath.lang import load_tsv
from hadath.lang.ar.clitics import AL, given_names, segment_word
from hadath.lang.ar.kb import AliasTrie, alias_key
from hadath.lang.ar.orthography import ALEF_MAQSURA, TA_MARBUTA
from hadath.lang.ar.words import words

if TYPE_CHECKING:
    from hadath.doc import Token

__all__ = ["NameLexicon", "load_names"]

_ALA = "علي"  # على in the normalised view (the name علي is spelled the same there)
_IMPERFECT = "ي"  # imperfect verbs (يقول، يعمل) begin with ي; so do a few given names, which are listed
_VERB_START = ("ي", "ت")  # imperfect verbs of the third person: يدير، تتعامل
_NISBA = "ي"
_NISBA_ENDINGS = ("ي", "يه")  # السوري، السوريه (ة is ه in the view)
_FEMININE_ENDINGS = ("ه", "ات")
_FOREIGN_NAME_HA = "ه"  # the final ه of foreign names (ماكدوناه، هونيريه), not a pronoun
_BEFORE_FOREIGN_HA = ("ا", "ي")
_PLURAL_ENDINGS = ("ات", "ون", "ين")
_TANWEEN = "\u064b\u064c\u064d"  # fathatan, dammatan, kasratan


@dataclass(frozen=True, eq=False)
class NameLexicon:
    """Word lists for the name patterns of the ``entities`` stage (all forms normalised; hashed by identity)."""

    titles: AliasTrie  # entries ("title"|"rank"|"speech"|"filler", role_en)
    given: frozenset[str]
    common: frozenset[str]
    particles: frozenset[str]
    compounds: frozenset[str]
    heads: dict[str, tuple[str, str]]  # normalised head -> (actor_type, en)
    strong_heads: frozenset[str]
    outlet_heads: frozenset[str]
    name_words: dict[str, str]  # normalised word -> actor_type hint ("" if none)
    block: frozenset[str]
    stop: frozenset[str]
    soft_stop: frozenset[str]
    fillers: frozenset[str]
    title_words: frozenset[str]
    locatives: frozenset[str]  # في، شمال، محافظات ... before a country cue (focus votes)
    age_words: frozenset[str]  # عاما، سنوات ... in "كريم (29 عاما)"
    kunya: frozenset[str]  # ابو، ام
    nasab: frozenset[str]  # بن، بنت ...: "son/daughter of" inside a name
    function_words: frozenset[str]  # ان، في، من ...: no part of a name written in common words
    generic_adjectives: frozenset[str]  # الدولي ...: after a generic reference, another phrase
    not_titles: frozenset[str] = frozenset()  # أمام (before), written with its hamza: no إمام (imam)

    # -- morphology -------------------------------------------------------------------------------------------
    @staticmethod
    def is_ala(t: Token) -> bool:
        """The token is the preposition على (normalised to علي like the name)."""
        return t.core == _ALA and t.text.endswith(ALEF_MAQSURA)

    @staticmethod
    def maybe_ala(t: Token) -> bool:
        """The token is spelled like the name علي and not written with ى: in a text that writes the final ى as
        ي everywhere (older and Egyptian print) it may still be the preposition على."""
        return t.core == _ALA and not t.text.endswith(ALEF_MAQSURA)

    @staticmethod
    def writes_maqsura(text: str) -> bool:
        """The text writes the final ى at all (when it never does, علي may be the preposition)."""
        return ALEF_MAQSURA in text

    @staticmethod
    def nisba_like(w: str) -> bool:
        """A normalised word ending like a nisba adjective (الانتخابي، الدوليه)."""
        return w.endswith(_NISBA_ENDINGS)

    @staticmethod
    def feminine(w: str) -> bool:
        """A normalised noun or adjective that agrees in the feminine: ending in ة (normalised ه) or a plural in ات
        (وزارة، القوات، الصينيه); the adjective after it agrees with it (وزارة التجارة الصينية)."""
        return w.endswith(_FEMININE_ENDINGS)

    @staticmethod
    def article_surname_ok(w: str) -> bool:
        """A surname with the article is a nisba (الحلبي), not a noun (الرئيس)."""
        return not w.startswith(AL) or w.endswith(_NISBA)

    @staticmethod
    def imperfect_like(w: str) -> bool:
        """The word begins like an imperfect verb (يقول، يعمل)."""
        return w.startswith(_IMPERFECT)

    def spelled_as_title(self, t: Token) -> bool:
        """The token as written may be the title its normalised form matches: أمام (before) with its hamza is no
        إمام (imam), though both normalise alike (``words/name_title_homographs.txt``)."""
        surface = t.text[len(t.prefix) :] if t.prefix and len(t.text) > len(t.prefix) else t.text
        return surface not in self.not_titles

    @staticmethod
    def verb_like(w: str) -> bool:
        """The word begins like an imperfect verb of the third person (يدير، تتعامل; also تويوتا)."""
        return w.startswith(_VERB_START)

    @staticmethod
    def name_suffix_ok(t: Token) -> bool:
        """No enclitic pronoun (حديثها، رسالته), except the ه that ends foreign names (ماكدوناه، هونيريه)."""
        return not t.suffix or (t.suffix == _FOREIGN_NAME_HA and t.stem.endswith(_BEFORE_FOREIGN_HA))

    @staticmethod
    def has_tanween(text: str, t: Token) -> bool:
        """Tanween on the word (it may follow the final alif, outside the token's span: مؤتمراً)."""
        return any(c in _TANWEEN for c in text[t.start : t.end + 1])

    @classmethod
    def foreign_ok(cls, text: str, t: Token) -> bool:
        """Could this unlisted word be part of a foreign name?  Not with an enclitic pronoun (ارتياحه، نجوميتها),
        a feminine or plural noun ending (لاحقة، عصور is kept out by the list of words), or an accusative -ًا."""
        w = t.norm
        return (
            cls.name_suffix_ok(t)
            and t.text[-1:] != TA_MARBUTA
            and not cls.has_tanween(text, t)  # an indefinite noun (هاتفاً، جسماً) is no name
            and not w.endswith(_PLURAL_ENDINGS)
            and len(w) >= 3
        )

    @staticmethod
    def forms_of(word: str) -> tuple[str, ...]:
        """The readings of a normalised word a dictionary may match (:func:`~hadath.lang.ar.clitics.segment_word`)."""
        return segment_word(word)[4]


@cache
def load_names() -> NameLexicon:
    """The name lexicon (read once per process)."""
    titles = AliasTrie()
    fillers: set[str] = set()
    title_words: set[str] = set()
    for r in load_tsv("person_titles.tsv"):
        key = alias_key(r["phrase"])
        titles.add(key, (r["kind"], r["role_en"]))
        if r["kind"] == "filler" and len(key) == 1:
            fillers.add(key[0])
        if r["kind"] in ("title", "rank"):
            title_words.add(key[0])
    given: set[str] = set()
    common: set[str] = set()
    particles: set[str] = set()
    compounds: set[str] = set()
    for w, tag in given_names().items():
        if tag == "particle":
            particles.add(w)
        elif tag == "compound":
            compounds.add(w)
        else:
            given.add(w)
            if tag == "common":
                common.add(w)
    heads: dict[str, tuple[str, str]] = {}
    strong: set[str] = set()
    outlets: set[str] = set()
    name_words: dict[str, str] = {}
    block: set[str] = set()
    stop: set[str] = set()
    soft: set[str] = set()
    for r in load_tsv("org_heads.tsv"):
        key = alias_key(r["word"])
        w = " ".join(key)
        kind = r["kind"]
        if kind in ("head", "strong_head", "outlet_head"):
            heads[w] = (r["actor_type"], r["en"])
            if kind == "strong_head":
                strong.add(w)
            elif kind == "outlet_head":
                outlets.add(w)
        elif kind == "name":
            name_words[w] = r["actor_type"]
        elif kind == "block":
            block.add(w)
        elif kind == "stop":
            stop.add(w)
        elif kind == "soft_stop":
            soft.add(w)
    return NameLexicon(
        titles=titles,
        given=frozenset(given),
        common=frozenset(common),
        particles=frozenset(particles),
        compounds=frozenset(compounds),
        heads=heads,
        strong_heads=frozenset(strong),
        outlet_heads=frozenset(outlets),
        name_words=name_words,
        block=frozenset(block),
        stop=frozenset(stop - given),
        soft_stop=frozenset(soft - given),
        fillers=frozenset(fillers),
        title_words=frozenset(title_words),
        locatives=words("focus_locatives"),
        age_words=words("name_age_words"),
        kunya=words("name_kunya"),
        nasab=words("name_nasab"),
        function_words=words("name_function_words"),
        generic_adjectives=words("generic_ref_adjectives"),
        not_titles=words("name_title_homographs", fold=False),
    )
