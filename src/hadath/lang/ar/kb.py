"""The actor and person knowledge base, loaded once from ``lang/ar`` (actors.tsv, persons.tsv, countries.tsv,
country_cues.tsv, generic_refs.tsv).

A small API shared by the stages::

    kb = load_kb()
    kb.actors["sohr"].name_en          # "Syrian Observatory for Human Rights"
    kb.persons["assad"].names_ar[0]    # "بشار الأسد"
    kb.countries["SY"].name_en         # "Syria"
    kb.trie.longest(doc.tokens, i)     # the longest alias starting at token i -> (end, entries) or None

Alias keys are token sequences in the normalised view (:func:`hadath.lang.ar.orthography.norm_str`, the segmenter's
tokenisation).  Each trie entry says what the alias names: ``("actor", id)``, ``("person", id)``,
``("generic", phrase)``, ``("country", iso2)``, ``("adj", iso2)`` (a nationality adjective) or ``("cue", iso2)``
(a place that points to a country).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from hadath.doc import Token
from hadath.lang import load_tsv
from hadath.lang.ar.clitics import strip_article
from hadath.lang.ar.orthography import norm_str

__all__ = [
    "KB",
    "Actor",
    "AliasTrie",
    "Country",
    "Entry",
    "GenericRef",
    "Person",
    "alias_key",
    "load_kb",
    "strip_article",
]

Entry = tuple[str, str]  # (kind, key)

_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|\S")
_QUOTES = frozenset({'"', "'"})
_END = ""  # trie key that holds the entries of a complete alias


def alias_key(text: str) -> tuple[str, ...]:
    """The token sequence under which an alias is indexed (normalised like the view, tokenised like ``segment``)."""
    return tuple(_TOKEN_RE.findall(norm_str(text)))


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name_en: str
    actor_type: str
    country: str | None
    parent: str | None
    valid_from: str | None
    valid_to: str | None
    successor: str | None
    aliases_ar: tuple[str, ...]
    aliases_en: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name_en: str
    names_ar: tuple[str, ...]
    role: str | None
    affiliation: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    name_en: str
    names_ar: tuple[str, ...]
    adj_m: tuple[str, ...]
    adj_f: tuple[str, ...]
    adj_pl: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GenericRef:
    phrase: str
    antecedent: tuple[tuple[str, ...], ...]
    target: str
    name_en: str | None
    actor_type: str | None
    countries: frozenset[str]
    window: int | None

    def target_for(self, cc: str | None) -> str | None:
        """The fallback target id for focus country ``cc`` (templates filled), or None."""
        t = self.target.removeprefix("!")
        if not t or t.startswith("@"):
            return None
        if self.countries and cc not in self.countries:
            return None
        if "=" in t:
            pairs = dict(p.split("=", 1) for p in t.split(";") if "=" in p)
            t = pairs.get(cc or "", pairs.get("*", ""))
            if not t:
                return None
        if "{cc}" in t:
            if not cc:
                return None
            t = t.replace("{cc}", cc)
        return t

    @property
    def named_only(self) -> bool:
        """A target written ``!id_{cc}``: the country must be named right after the phrase (السفارة البريطانية)
        or come from an antecedent, never from the article's focus (an embassy is a foreign state's)."""
        return self.target.startswith("!")

    @property
    def recent_ids(self) -> tuple[str, ...]:
        """Actor ids for targets written ``@recent:id|id``."""
        if self.target.startswith("@recent:"):
            return tuple(self.target[len("@recent:") :].split("|"))
        return ()


class AliasTrie:
    """A token-sequence trie: dict of dicts keyed by normalised tokens; ``""`` holds the entries."""

    def __init__(self) -> None:
        self.root: dict[str, Any] = {}

    def add(self, key: Sequence[str], entry: Entry) -> None:
        if not key:
            return
        node = self.root
        for tok in key:
            node = node.setdefault(tok, {})
        entries: list[Entry] = node.setdefault(_END, [])
        if entry not in entries:
            entries.append(entry)

    def get(self, key: Sequence[str]) -> list[Entry]:
        node = self.root
        for tok in key:
            nxt = node.get(tok)
            if nxt is None:
                return []
            node = nxt
        return list(node.get(_END, []))

    def longest(
        self, tokens: Sequence[Token], i: int, first_forms: Iterable[str] | None = None
    ) -> tuple[int, list[Entry], int] | None:
        """The longest alias starting at token ``i``: ``(end, entries, form_index)``.

        The first token is tried in each of its ``forms`` (surface first, then clitic-stripped readings);
        the following tokens by their surface ``norm``.  A quote mark after the first alias token is skipped
        ('تنظيم "داعش"'), and so is the underscore of a hashtag (#رجب_طيب_أردوغان).  ``end`` is exclusive;
        ``form_index`` tells which form of the first token matched.
        """
        best: tuple[int, list[Entry], int] | None = None
        n = len(tokens)
        forms = tuple(first_forms) if first_forms is not None else tokens[i].forms or (tokens[i].norm,)
        for fi, form in enumerate(forms):
            node = self.root.get(form)
            if node is None:
                continue
            j = i + 1
            end = j if _END in node else -1
            entries = node.get(_END)
            while j < n:
                w = tokens[j].norm
                nxt = node.get(w)
                if nxt is None and (w == "_" or (w in _QUOTES and j == i + 1)) and j + 1 < n:
                    nxt2 = node.get(tokens[j + 1].norm)
                    if nxt2 is not None:
                        j += 1
                        nxt = nxt2
                if nxt is None:
                    break
                node = nxt
                j += 1
                if _END in node:
                    end = j
                    entries = node[_END]
            if end > 0 and entries and (best is None or end > best[0]):
                best = (end, list(entries), fi)
        return best


def _split(cell: str, sep: str = "|") -> tuple[str, ...]:
    return tuple(x.strip() for x in cell.split(sep) if x.strip())


def _with_article(adj: str) -> str:
    return " ".join("ال" + w for w in adj.split())


class KB:
    """Actors, persons, countries and generic references with one alias trie over all of them."""

    def __init__(
        self,
        actors: Iterable[Actor],
        persons: Iterable[Person],
        countries: Iterable[Country],
        cues: Iterable[tuple[str, str]] = (),
        generic: Iterable[GenericRef] = (),
        institutions: Iterable[GenericRef] = (),
    ) -> None:
        self.actors: dict[str, Actor] = {a.id: a for a in actors}
        self.persons: dict[str, Person] = {p.id: p for p in persons}
        self.countries: dict[str, Country] = {c.iso2: c for c in countries}
        self.generic: dict[tuple[str, ...], GenericRef] = {}
        self.trie = AliasTrie()
        self.person_tokens: frozenset[str] = frozenset()
        for a in self.actors.values():
            for al in a.aliases_ar:
                self.trie.add(alias_key(al), ("actor", a.id))
        ptoks: set[str] = set()
        for p in self.persons.values():
            for n in p.names_ar:
                key = alias_key(n)
                self.trie.add(key, ("person", p.id))
                ptoks.update(key)
        self.person_tokens = frozenset(ptoks)
        for g in generic:
            key = alias_key(g.phrase)
            self.generic[key] = g
            self.trie.add(key, ("generic", " ".join(key)))
        #: institutions named by their title (institution_refs.tsv): resolved like generic references, matched
        #: with their own trie, which the name tagger's features do not read
        self.institution_trie = AliasTrie()
        for g in institutions:
            key = alias_key(g.phrase)
            self.generic[key] = g
            self.institution_trie.add(key, ("generic", " ".join(key)))
        for c in self.countries.values():
            for n in c.names_ar:
                self.trie.add(alias_key(n), ("country", c.iso2))
            for adj in c.adj_m + c.adj_f + c.adj_pl:
                self.trie.add(alias_key(adj), ("adj", c.iso2))
                self.trie.add(alias_key(_with_article(adj)), ("adj", c.iso2))
        for iso, cue in cues:
            self.trie.add(alias_key(cue), ("cue", iso))

    def actor(self, actor_id: str | None) -> Actor | None:
        return self.actors.get(actor_id) if actor_id else None

    def person(self, person_id: str | None) -> Person | None:
        return self.persons.get(person_id) if person_id else None

    def current(self, actor_id: str, date: str | None) -> str:
        """Follow renamings: the successor chain of ``actor_id`` at ``date`` (today's name when date is None)."""
        seen = {actor_id}
        a = self.actors.get(actor_id)
        while a is not None and a.successor and a.valid_to and (date is None or date[:10] >= a.valid_to):
            nxt = self.actors.get(a.successor)
            if nxt is None or nxt.id in seen:
                break
            seen.add(nxt.id)
            a = nxt
        return a.id if a is not None else actor_id

    def country_name(self, iso2: str | None) -> str | None:
        c = self.countries.get(iso2 or "")
        return c.name_en if c else None


def _none(s: str) -> str | None:
    return s or None


@lru_cache(maxsize=1)
def load_kb() -> KB:
    """The knowledge base from the packaged data files (built once per process)."""
    actors = [
        Actor(
            id=r["id"],
            name_en=r["name_en"],
            actor_type=r["actor_type"],
            country=_none(r["country"]),
            parent=_none(r["parent"]),
            valid_from=_none(r["valid_from"]),
            valid_to=_none(r["valid_to"]),
            successor=_none(r["successor"]),
            aliases_ar=_split(r["aliases_ar"]),
            aliases_en=_split(r["aliases_en"]),
        )
        for r in load_tsv("actors.tsv")
    ]
    persons = [
        Person(
            id=r["id"],
            name_en=r["name_en"],
            names_ar=_split(r["names_ar"]),
            role=_none(r["role"]),
            affiliation=_none(r["affiliation"]),
            country=_none(r["country"]),
        )
        for r in load_tsv("persons.tsv")
    ]
    countries = [
        Country(
            iso2=r["iso2"],
            name_en=r["name_en"],
            names_ar=_split(r["names_ar"]),
            adj_m=_split(r["adj_m"]),
            adj_f=_split(r["adj_f"]),
            adj_pl=_split(r["adj_pl"]),
        )
        for r in load_tsv("countries.tsv")
    ]
    cues = [(r["iso2"], cue) for r in load_tsv("country_cues.tsv") for cue in _split(r["cues_ar"])]
    generic = [_generic_row(r) for r in load_tsv("generic_refs.tsv")]
    institutions = [_generic_row(r) for r in load_tsv("institution_refs.tsv")]
    return KB(actors, persons, countries, cues, generic, institutions)


def _generic_row(r: dict[str, str]) -> GenericRef:
    return GenericRef(
        phrase=r["phrase"],
        antecedent=tuple(alias_key(a) for a in _split(r["antecedent"])),
        target=r["target"],
        name_en=_none(r["name_en"]),
        actor_type=_none(r["actor_type"]),
        countries=frozenset(_split(r["countries"])),
        window=int(r["window"]) if r["window"] else None,
    )
