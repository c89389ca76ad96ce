"""Stage ``places``: place mentions, regions and their geocoding (ACLED geo-precision).

It runs after ``entities`` and skips tokens its person/organisation mentions cover ("جيش إدلب الحر" is no place).
Its words come from ``lang.places`` (:class:`~hadath.lang.ar.places.PlaceLexicon`).

1. **Match** gazetteer names on the clitic-segmented tokens (بإدلب → إدلب), longest match first, from an
   in-memory index of the gazetteers (the user gazetteer over the built-in base, see hadath.gazetteer).
   A place cue (قرية، بلدة، مدينة ... ``lang/ar/place_cues.tsv``) keeps a name the gazetteer lacks as an
   unresolved place.
2. **Decide** which matches are places: names with a high prior (countries, admin units, curated places,
   cities of 100k+) stand alone; smaller places need a cue, a preposition (في، قرب، ب-) or coordination with
   an accepted place, and to lie in a country the document is about; names that are also common words
   (``lang/ar/place_stoplist.txt``) need a cue (mode ``never``) or a preposition (mode ``prep``).
3. **Focus**: when the names decided nothing (``doc.focus.country`` is None after ``entities``), the focus
   layer is filled from the countries, admin units and nationality adjectives the document names
   (:func:`~hadath.stages.entities._focus.focus_from_places`, next to the rule of the names).
4. **Resolve** each accepted name among its candidates (hadath.gazetteer.resolve).
5. **Regions**: ريف إدلب الجنوبي، جنوب إدلب، الريف الشرقي لدير الزور، ريفها الجنوبي الشرقي (the last named
   unit)، بادية الميادين → level "region", ``Geo.direction``, geo_precision 2, coordinates offset from the
   unit's point towards the direction.
6. **Write** one place Entity per referent, its mentions in original offsets without one-letter proclitics.

The stage is a package, one job a module:

* ``_context`` — per-document state (:class:`Ctx`), the candidate (:class:`Match`), masked tokens,
  nationality adjectives;
* ``_match`` — step 1; ``_decide`` — step 2 (context marks, the countries named, acceptance);
* ``_resolve`` — step 4; ``_regions`` — step 5; ``_write`` — step 6, the :class:`~hadath.doc.Entity` objects.
"""

from __future__ import annotations

from pathlib import Path

from hadath.doc import Doc
from hadath.gazetteer.index import NameIndex
from hadath.gazetteer.resolve import Resolver, resolver_for
from hadath.lang.ar import Arabic
from hadath.stages.entities._focus import focus_from_places
from hadath.stages.places._context import Ctx, adjective_stems, masked_tokens
from hadath.stages.places._decide import accept, mark_context, named_countries
from hadath.stages.places._match import Probes, find
from hadath.stages.places._regions import pronoun_regions, regions
from hadath.stages.places._resolve import resolve
from hadath.stages.places._write import write

__all__ = ["Places", "make_stage"]


class Places:
    """The ``places`` stage (requires tokens, entities and the focus; provides places)."""

    name = "places"
    requires: frozenset[str] = frozenset({"tokens", "entities", "focus"})
    provides: frozenset[str] = frozenset({"places"})
    #: layers of earlier stages this one adds to: place entities, and the focus when the names decided nothing
    extends: frozenset[str] = frozenset({"entities", "focus"})

    def __init__(self, lang: Arabic, resolver: Resolver | None = None, gazetteer: str | Path | None = None) -> None:
        if resolver is not None and gazetteer is not None:
            raise ValueError("give a gazetteer path or a resolver, not both")
        self.lex = lang.places
        self._resolver = resolver
        self._gazetteer = Path(gazetteer).expanduser() if gazetteer is not None else None
        self._adj: dict[str, str] | None = None
        self._adj_for: int | None = None
        # suffix → norm of a token → (may a place name start here, its cue); valid for one index
        self._probe: Probes = {}
        self._probe_for: int | None = None

    @property
    def resolver(self) -> Resolver:
        """The given resolver, or the shared one over the gazetteer (re-read when its file changes)."""
        return self._resolver if self._resolver is not None else resolver_for(self._gazetteer)

    def adjectives(self, resolver: Resolver) -> dict[str, str]:
        """Nationality adjectives -> their country, derived from the country names of the resolver's index."""
        if self._adj is None or self._adj_for != id(resolver.index):
            self._adj = adjective_stems(resolver.index, self.lex)
            self._adj_for = id(resolver.index)
        return self._adj

    def probes(self, index: NameIndex) -> Probes:
        """The token probes of ``index`` (a cache over documents, emptied when it grows large)."""
        if self._probe_for != id(index) or sum(map(len, self._probe.values())) > 500_000:
            self._probe = {}
            self._probe_for = id(index)
        return self._probe

    def __call__(self, doc: Doc) -> Doc:
        toks = doc.tokens
        if not toks:
            return doc
        resolver = self.resolver
        index = resolver.index
        masked = masked_tokens(doc)
        ctx = Ctx(doc, toks, masked, self.lex, index, self.adjectives(resolver))
        matches = find(ctx, self.probes(index))
        if not matches:
            if doc.focus.country is None:
                doc.focus = focus_from_places(named_countries(ctx, []))
            return doc
        mark_context(ctx, matches)
        named = named_countries(ctx, matches)
        if doc.focus.country is None:
            doc.focus = focus_from_places(named)
        focus = doc.focus.country
        accept(matches, named, focus)
        resolve(ctx, matches, named, focus, resolver)
        regions(ctx, matches)
        pron = pronoun_regions(ctx, matches)
        write(ctx, matches, pron)
        return doc


def make_stage(lang: Arabic, *, gazetteer: str | Path | None = None, resolver: Resolver | None = None) -> Places:
    """The places stage.  ``gazetteer``: a user gazetteer (``hadath gazetteer import``) looked up before the
    built-in one; ``resolver``: a resolver of your own (tests, other gazetteers).  Default: the built-in
    gazetteer alone."""
    stage = Places(lang, resolver, gazetteer)
    stage.resolver  # noqa: B018 - a missing gazetteer file is reported when the pipeline is built
    return stage
