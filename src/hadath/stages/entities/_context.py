"""Per-document working state of the ``entities`` stage and the small tests every reader shares.

:class:`Cand` is a mention candidate over tokens; :class:`Ctx` holds the tokens, which candidate covers each
token, the country cues the dictionary found (``cue_at``), the title phrases without a name, and the focus
votes; its methods add a candidate and ask whether tokens are still free.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hadath.doc import Doc, Token
from hadath.lang.ar.kb import KB
from hadath.lang.ar.names import NameLexicon

#: trie entries that are country cues, not entities: country names, nationality adjectives, places of a country
CUE_KINDS = ("country", "adj", "cue")
QUOTE = '"'
#: opening marks of a quoted or bracketed name and their closing marks
OPEN = {'"': '"', "(": ")", "'": "'", "[": "]"}
COMMA = ","


@dataclass(slots=True)
class Cand:
    """A mention candidate over tokens ``[start, end)``."""

    start: int
    end: int
    kind: str  # actor | person | generic | org | pname
    key: str
    strip_first: bool = True
    head: str | None = None  # normalised head word (without ال) right before or at the start
    actor_type: str | None = None
    name_en: str | None = None
    name_en_source: str | None = None  # known | romanizer | rules (hadath.lang.ar.translit)
    role: str | None = None
    aff: Cand | None = None
    country: str | None = None
    quoted: bool = False
    resolved: tuple[str, str] | None = None  # entity key after resolution
    cut: int | None = None  # characters of the first token to leave out (when not its proclitics)
    source: str = "kb"
    club: bool = False  # a sports club the tagger's names gave (stages/entities/_model.py: sports_teams)


@dataclass(slots=True)
class Ctx:
    """One document while the stage reads it (``covered[i]``: the candidate over token i)."""

    doc: Doc
    kb: KB
    lex: NameLexicon
    toks: list[Token]
    covered: list[Cand | None]
    cue_cov: list[bool]
    mentions: list[Cand] = field(default_factory=list)
    votes: dict[str, float] = field(default_factory=dict)
    cue_at: dict[int, tuple[int, str, str]] = field(default_factory=dict)  # start -> (end, kind, iso)
    title_spans: list[tuple[int, int, str, Cand | None, str | None]] = field(default_factory=list)
    #: the learned tagger's name type over each token (PERS, ORG, LOC, MISC or None); None without the tagger
    tagged: list[str | None] | None = None
    #: actor aliases that are also common nouns (القاعدة: a base; الشباب: the young), words/name_common_aliases.txt
    common_aliases: frozenset[str] = frozenset()
    #: the text never writes the final ى, so علي may be the preposition على (see :meth:`ala`)
    plain_ya: bool = False

    def add(self, m: Cand) -> None:
        """Keep the candidate ``m``: its tokens are covered."""
        self.mentions.append(m)
        for k in range(m.start, m.end):
            self.covered[k] = m

    def free(self, i: int, j: int) -> bool:
        """No candidate covers tokens ``[i, j)``."""
        return all(self.covered[k] is None for k in range(i, j))

    def ala(self, i: int) -> bool:
        """Token ``i`` is the preposition على, not the name علي: written with ى; or, in a text that writes ى as
        ي everywhere, spelled علي where the name tagger sees no person (علي الأقل، ركز علي ...); or, in any text,
        spelled علي where the tagger sees no person before a frequent word that is no name (علي ضعف، علي قيمة)."""
        t = self.toks[i]
        lex = self.lex
        if lex.is_ala(t):
            return True
        if self.tagged is None or not lex.maybe_ala(t) or self.tagged[i] == "PERS":
            return False
        if self.plain_ya:
            return True
        # a text that mixes both spellings: علي between a common word and a common word, a number or a mark is still
        # the preposition (ركز مستثمرون علي ضعف المؤشر، بالموافقة علي قيمة العملة); after a name, a title or a mark,
        # or before a name word, it is the name (عمران علي، الخبير، علي الذهب، علي كرتي)
        prev = self.toks[i - 1] if i > 0 else None
        if prev is None or not prev.is_word or self.tagged[i - 1] is not None:
            return False
        p = prev.core
        if (
            p in lex.given
            or p in lex.particles
            or p in lex.title_words
            or (p not in lex.stop and p not in lex.soft_stop)
        ):
            return False
        nxt = self.toks[i + 1] if i + 1 < len(self.toks) else None
        if nxt is None or not nxt.is_word:
            return True
        w = nxt.core
        return (w in lex.stop or w in lex.soft_stop) and w not in lex.given and w not in lex.particles

    def name_form(self, t: Token) -> str:
        """The reading of a token as a name word: the surface when it is a known name (كريم is not ك + ريم)."""
        if t.norm in self.lex.given or t.norm in self.lex.particles or not t.prefix:
            return t.norm
        return t.core


def word_core(t: Token) -> str:
    """A word without its proclitics (والجيش → الجيش); a symbol as it is."""
    return t.core if t.is_word else t.norm
