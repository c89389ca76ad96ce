"""Per-document working state of the ``places`` stage and the token tests its steps share.

:class:`Match` is a candidate place name over tokens with everything the steps learn about it; :class:`Ctx`
holds the document, its tokens, the tokens the entities stage's person and organisation mentions cover
(``masked``), the place lexicon, the gazetteer's name index and the nationality adjectives derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hadath.doc import Doc, Token
from hadath.gazetteer.index import NameIndex, Referent
from hadath.gazetteer.resolve import Scored
from hadath.lang.ar.places import Cue, PlaceLexicon

#: cue kinds after which a name the gazetteer lacks is kept as an unresolved place (place_cues.tsv)
NAMING = ("place", "admin", "landmark")
#: cue kinds that make the name after them a place whatever its prior
EXPLICIT = (*NAMING, "region", "capital")


@dataclass(slots=True)
class Match:
    """A candidate place name over tokens ``[i, j)``."""

    i: int
    j: int
    k: int  # characters of token i's normalised form that are proclitics, left out of the mention
    key: str | None  # gazetteer name key, None for a name known only from its cue
    prior: int = 0
    surface: bool = True  # matched on the token as written (not on a proclitic-free reading)
    stop: str | None = None
    cue: str | None = None  # kind of the cue right before
    cue_level: str | None = None
    cue_i: int | None = None
    prep: bool = False
    coord: bool = False
    org: bool = False
    front: bool = False  # the name of a front line (جبهة نهم): a place of the document's own country
    ends_name: bool = True  # the name is not followed by a word that would continue it (مدينة الملك عبد الله)
    accepted: bool = False
    scored: Scored | None = None
    region: tuple[str, str | None, int, int, int] | None = None  # (kind, direction, start tok, start k, end tok)
    foreign: bool = False  # the text places it in a country none of its gazetteer readings is in
    foreign_country: str | None = None
    translit: bool = False  # found through the transliteration key (a town without an Arabic name)
    placed_in: Match | None = None  # for a name no gazetteer holds: the resolved place the text puts it in
    refs: list[Referent] = field(default_factory=list)


@dataclass(slots=True)
class Ctx:
    """One document while the stage reads it."""

    doc: Doc
    toks: list[Token]
    masked: set[int]  # tokens of person, organisation and place mentions of earlier stages
    lex: PlaceLexicon
    index: NameIndex
    adj: dict[str, str]  # nationality adjective -> its country (see adjective_stems)


def token_cue(lex: PlaceLexicon, tok: Token) -> Cue | None:
    """The place cue a token is (with or without its proclitics): ``(kind, level, proclitic characters)``."""
    return lex.cue_of(lex.readings(tok))


def masked_tokens(doc: Doc, lex: PlaceLexicon) -> set[int]:
    """The tokens the person, organisation and place mentions of ``doc.entities`` overlap, except what follows a
    "led by" word inside an organisation's name (التحالف بقيادة السعودية: Saudi Arabia is a place of its own)."""
    spans = sorted(
        (s.start, s.end, e.kind)
        for e in doc.entities
        if e.kind in ("person", "organization", "place")
        for s in e.mentions
    )
    out: set[int] = set()
    toks = doc.tokens
    for s, e, kind in spans:
        i, j = doc.token_range(s, e)
        if kind == "organization":
            lead = next((k for k in range(i, j - 1) if toks[k].norm in lex.led_by), None)
            if lead is not None:
                out.update(range(i, lead + 1))
                continue
        out.update(range(i, j))
    return out


def adjective_stems(index: NameIndex, lex: PlaceLexicon) -> dict[str, str]:
    """Nationality adjectives (سوري، عراقية ...) derived from single-word country names -> their country."""
    out: dict[str, str] = {}
    for pid, p in index.places.items():
        if p.level != "country" or not pid.startswith("country:") or p.country is None:
            continue
        for key in index.keys_of(pid):
            if " " in key:
                continue
            for form in lex.nationality_adjectives(key):
                out.setdefault(form, p.country)
    return out


def adjective_country(tok: Token, adjectives: dict[str, str]) -> str | None:
    """The country of a nationality adjective (السوري، الإيرانية، العراقيين), or None; ``adjectives`` holds
    the inflected forms (see :func:`adjective_stems`)."""
    return adjectives.get(tok.stem)
