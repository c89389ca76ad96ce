"""Stage ``places``: place mentions, regions and their geocoding (ACLED geo-precision).

It runs after ``entities`` and skips tokens its person/organisation mentions cover ("جيش إدلب الحر" is no place).

1. **Match** gazetteer names on the clitic-segmented tokens (بإدلب → إدلب), longest match first, from an
   in-memory index of the gazetteers (the user gazetteer over the built-in base, see hadath.gazetteer).
   A place cue (قرية، بلدة، مدينة ... ``lang/ar/place_cues.tsv``) keeps a name the gazetteer lacks as an
   unresolved place.
2. **Decide** which matches are places: names with a high prior (countries, admin units, curated places,
   cities of 100k+) stand alone; smaller places need a cue, a preposition (في، قرب، ب-) or coordination with
   an accepted place, and to lie in a country the document is about; names that are also common words
   (``lang/ar/place_stoplist.txt``) need a cue (mode ``never``) or a preposition (mode ``prep``).
3. **Focus**: the document's country focus from the countries, admin units and nationality adjectives it
   names (``doc.focus_country`` is kept when an earlier stage set it, and set otherwise).
4. **Resolve** each accepted name among its candidates (hadath.gazetteer.resolve).
5. **Regions**: ريف إدلب الجنوبي، جنوب إدلب، الريف الشرقي لدير الزور، ريفها الجنوبي الشرقي (the last named
   unit)، بادية الميادين → level "region", ``Geo.direction``, geo_precision 2, coordinates offset from the
   unit's point towards the direction.
6. **Write** one place Entity per referent, its mentions in original offsets without one-letter proclitics.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from hadath.doc import Doc, Entity, Focus, Geo, Span, Token
from hadath.gazetteer.index import HIGH, MID, NameIndex, Referent
from hadath.gazetteer.resolve import ResolveContext, Resolver, Scored, geo_for, resolver_for
from hadath.lang.ar import Arabic
from hadath.lang.ar.clitics import AL, LI
from hadath.lang.ar.orthography import norm_str
from hadath.lang.ar.places import PlaceLexicon, Reading

__all__ = ["Places", "make_stage"]

_DIR_EN = {
    "n": "northern",
    "s": "southern",
    "e": "eastern",
    "w": "western",
    "c": "central",
    "ne": "northeastern",
    "nw": "northwestern",
    "se": "southeastern",
    "sw": "southwestern",
}
_SOUTH_NORTH = {"n", "s"}
_EAST_WEST = {"e", "w"}


@dataclass(slots=True)
class _Match:
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
    ends_name: bool = True  # the name is not followed by a word that would continue it (مدينة الملك عبد الله)
    accepted: bool = False
    scored: Scored | None = None
    region: tuple[str, str | None, int, int, int] | None = None  # (kind, direction, start tok, start k, end tok)
    foreign: bool = False  # the text places it in a country none of its gazetteer readings is in
    foreign_country: str | None = None
    refs: list[Referent] = field(default_factory=list)


def _may_start(rd: tuple[Reading, ...], starts: frozenset[str], heads: frozenset[str]) -> bool:
    for f, _ in rd:
        if f in starts or f in heads:
            return True
    return False


def _adjective_stems(index: NameIndex, lex: PlaceLexicon) -> dict[str, str]:
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


class Places:
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
        self._probe: dict[str, dict[str, tuple[bool, tuple[str, str, int] | None]]] = {}
        self._probe_for: int | None = None

    @property
    def resolver(self) -> Resolver:
        """The given resolver, or the shared one over the gazetteer (re-read when its file changes)."""
        return self._resolver if self._resolver is not None else resolver_for(self._gazetteer)

    def adjectives(self, resolver: Resolver) -> dict[str, str]:
        if self._adj is None or self._adj_for != id(resolver.index):
            self._adj = _adjective_stems(resolver.index, self.lex)
            self._adj_for = id(resolver.index)
        return self._adj

    # -- matching ----------------------------------------------------------------------------------------
    def _match_at(self, toks: Sequence[Token], i: int, masked: set[int], index: NameIndex) -> _Match | None:
        best: tuple[int, int, int, str, bool] | None = None  # (length, prior, -k, key, surface)
        lex = self.lex
        heads = lex.heads
        tok = toks[i]
        n = len(toks)
        nxt = toks[i + 1] if i + 1 < n else None
        nxt_ok = nxt is not None and nxt.is_word and (i + 1) not in masked and nxt.sent == tok.sent
        for form, k in lex.readings(tok):
            if k and form == tok.norm:
                continue
            by_second = index.first.get(form)
            if by_second:
                options = (by_second.get(nxt.norm, []) if nxt_ok and nxt is not None else []) + by_second.get("", [])
                for rest, key in options:
                    L = len(rest)
                    if i + L >= n:
                        continue
                    if all(
                        toks[i + 1 + t].norm == rest[t]
                        and (i + 1 + t) not in masked
                        and toks[i + 1 + t].sent == tok.sent
                        for t in range(L)
                    ):
                        cand = (L + 1, index.prior(key), -k, key, form == tok.norm)
                        if best is None or cand[:3] > best[:3]:
                            best = cand
                        break
            if form in index.joined:
                key = index.joined[form]
                cand = (1, index.prior(key), -k, key, form == tok.norm)
                if best is None or cand[:3] > best[:3]:
                    best = cand
            if nxt_ok and nxt is not None and form in heads and len(nxt.norm) >= 3:
                glued = form + nxt.norm
                key2 = glued if glued in index else index.joined.get(glued)
                if key2 is not None:
                    cand = (2, index.prior(key2), -k, key2, form == tok.norm)
                    if best is None or cand[:3] > best[:3]:
                        best = cand
        if best is None:
            return None
        length, prior, negk, key, surface = best
        return _Match(i=i, j=i + length, k=-negk, key=key, prior=prior, surface=surface)

    def _cue_of(self, tok: Token) -> tuple[str, str, int] | None:
        return self.lex.cue_of(self.lex.readings(tok))

    # -- the stage -------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        toks = doc.tokens
        if not toks:
            return doc
        resolver = self.resolver
        index = resolver.index
        lex = self.lex
        masked = _masked_tokens(doc)
        self.adjectives(resolver)
        matches = self._find(toks, masked, index, lex)
        if not matches:
            if doc.focus.country is None:
                doc.focus = _focus_from_places(self._countries(doc, toks, masked, [], resolver))
            return doc
        self._context(toks, matches, lex)
        countries = self._countries(doc, toks, masked, matches, resolver)
        if doc.focus.country is None:
            doc.focus = _focus_from_places(countries)
        focus = doc.focus.country
        self._accept(matches, countries, focus, index)
        self._resolve(toks, matches, countries, focus, resolver)
        self._regions(toks, matches, masked, lex)
        pron = self._pronoun_regions(toks, matches, masked, lex)
        self._write(doc, toks, matches, pron)
        return doc

    def _probes(self, index: NameIndex) -> dict[str, dict[str, tuple[bool, tuple[str, str, int] | None]]]:
        if self._probe_for != id(index) or sum(map(len, self._probe.values())) > 500_000:
            self._probe = {}
            self._probe_for = id(index)
        return self._probe

    def _find(self, toks: Sequence[Token], masked: set[int], index: NameIndex, lex: PlaceLexicon) -> list[_Match]:
        out: list[_Match] = []
        n = len(toks)
        i = 0
        probes = self._probes(index)
        while i < n:
            tok = toks[i]
            if i in masked or not tok.is_word:
                i += 1
                continue
            # the token's readings depend only on its surface and enclitic (see segment_word)
            by_norm = probes.get(tok.suffix)
            if by_norm is None:
                by_norm = probes[tok.suffix] = {}
            probe = by_norm.get(tok.norm)
            if probe is None:
                rd = lex.readings(tok)
                probe = by_norm[tok.norm] = (_may_start(rd, index.starts, lex.heads), lex.cue_of(rd))
            may, cue = probe
            m = self._match_at(toks, i, masked, index) if may else None
            if m is not None and cue is not None and m.j - m.i == 1:
                m = None  # a cue word (مدينة، بلدة) is no place by itself
            if m is not None:
                assert m.key is not None
                m.refs = index.referents(m.key)
                mode = lex.stop.get(m.key)
                m.stop = None if mode in (None, "notadj") else mode
                out.append(m)
                i = m.j
                continue
            if cue is not None and cue[0] in ("place", "admin") and i + 1 < n:
                um = self._unknown_after(toks, i, masked, index, lex)
                if um is not None:
                    out.append(um)
                    i = um.j
                    continue
            i += 1
        return out

    def _unknown_after(
        self, toks: Sequence[Token], ci: int, masked: set[int], index: NameIndex, lex: PlaceLexicon
    ) -> _Match | None:
        """A name the gazetteer lacks right after a place cue (قرية لويبدة، حي عش الورور)."""
        n = len(toks)
        i = ci + 1
        t1 = toks[i]
        if i in masked or not t1.is_word or t1.sent != toks[ci].sent or not lex.is_arabic_word(t1.norm):
            return None
        adj = self._adj
        if not _name_like(t1, lex, adj) or lex.article_after_proclitic(t1.norm):
            return None
        gm = self._match_at(toks, i, masked, index)
        if gm is not None:
            # a lone name head (بني، كفر، دير) matched as a place: the cue's name is longer (بلدة بني قيس)
            if not (gm.j - gm.i == 1 and gm.k == 0 and t1.norm in lex.heads):
                return None
        j = i + 1
        if (
            j < n
            and (j not in masked)
            and toks[j].is_word
            and toks[j].sent == t1.sent
            and _name_like(toks[j], lex, adj)
        ):
            t2 = toks[j]
            if t1.norm in lex.heads or (
                t2.norm.startswith(AL) and not t1.norm.startswith(AL) and not lex.adjective_like(t2.norm)
            ):
                j += 1
        if j == i + 1 and t1.norm in lex.heads:
            return None  # a name head alone (راس، الشيخ، كفر) is no name
        return _Match(i=i, j=j, k=0, key=None, prior=0)

    def _context(self, toks: Sequence[Token], matches: list[_Match], lex: PlaceLexicon) -> None:
        prev_end = -10
        prev: _Match | None = None
        for m in matches:
            tok = toks[m.i]
            if m.i > 0:
                pt = toks[m.i - 1]
                governed = not tok.prefix or m.surface  # مخيم للنازحين is no camp name; قرية لويبدة is
                cue = self._cue_of(pt) if pt.is_word and pt.sent == tok.sent and governed else None
                if cue is not None:
                    m.cue, m.cue_level = cue[0], cue[1] or None
                    m.cue_i = m.i - 1
                    if cue[0] == "org":
                        m.org = True
                        m.cue = None
                    if cue[0] == "near":
                        m.prep = True
                pforms = {f for f, _ in lex.readings(pt)}
                if pforms & lex.prep_or_dir:
                    m.prep = True
                if (m.i > 1 and pt.norm in lex.dir_nouns) or pt.norm in lex.dir_adjs:
                    pp = toks[m.i - 2]
                    if {f for f, _ in lex.readings(pp)} & lex.prep_or_dir:
                        m.prep = True
            if not m.surface and (tok.has_bi or tok.has_li):
                m.prep = True
            if m.j < len(toks) and toks[m.j].sent == tok.sent and toks[m.j].is_word:
                nt = toks[m.j]
                nforms = {f for f, _ in lex.readings(nt)}
                continues = not nt.prefix and not (nforms & lex.ends_name)
                m.ends_name = not continues
            # coordination: و-prefix or a separating token right after the previous match
            if prev is not None and prev.j >= m.i - 1:
                gap = toks[prev.j : m.i]
                if (m.k and tok.has_wa) or any(g.norm in lex.coordinators for g in gap):
                    m.coord = True
            if prev is not None and prev_end == m.i and m.k and tok.has_wa:
                m.coord = True
            prev_end = m.j
            prev = m
        # plural cues: "قرى X وY"، "محافظتي حماة وحلب" make the first of the list explicit
        for m in matches:
            if m.cue == "plural":
                m.cue = "place"

    def _countries(
        self, doc: Doc, toks: Sequence[Token], masked: set[int], matches: list[_Match], resolver: Resolver
    ) -> Counter[str]:
        c: Counter[str] = Counter()
        for m in matches:
            if m.key is None or m.stop is not None or m.prior < HIGH or m.org:
                continue
            top = [r for r in m.refs if r.prior == HIGH]
            ccs = {r.country for r in top}
            if len(ccs) == 1:
                cc = next(iter(ccs))
                if cc is not None:
                    c[cc] += 1
        adj = self.adjectives(resolver)
        for t_i, t in enumerate(toks):
            if t_i in masked or not t.is_word:
                continue
            cc = _adjective_country(t, adj)
            if cc is not None:
                c[cc] += 0.5  # type: ignore[assignment]
        return c

    def _accept(self, matches: list[_Match], countries: Counter[str], focus: str | None, index: NameIndex) -> None:
        def in_doc(m: _Match) -> bool:
            return any(r.country is not None and (r.country == focus or countries.get(r.country)) for r in m.refs)

        explicit = ("place", "admin", "region")
        for m in matches:
            if m.org and m.cue is None:
                continue
            if m.key is None:
                m.accepted = m.cue in ("place", "admin")
                continue
            if m.stop == "generic":
                m.accepted = False
            elif m.stop == "never":
                m.accepted = m.cue in explicit and m.ends_name
            elif m.stop == "prep":
                m.accepted = m.cue in explicit or m.prep
            elif m.prior >= HIGH:
                m.accepted = True
            elif m.prior == MID:
                m.accepted = m.cue in explicit or m.prep or in_doc(m)
            else:
                m.accepted = m.cue in explicit or (m.prep and in_doc(m))
        # coordination spreads acceptance along a list (مسرابا وجسرين وكفربطنا ...), both ways
        for _ in range(2):
            for a, b in pairwise(matches):
                if not b.coord or a.org or b.org:
                    continue
                for x, y in ((a, b), (b, a)):
                    if x.accepted and not y.accepted and y.stop != "never" and y.key is not None and in_doc(y):
                        y.accepted = True

    def _resolve(
        self,
        toks: Sequence[Token],
        matches: list[_Match],
        countries: Counter[str],
        focus: str | None,
        resolver: Resolver,
    ) -> None:
        acc = [m for m in matches if m.accepted and m.refs]
        ctx = ResolveContext(focus_country=focus, countries=countries)
        by_sent: dict[int, set[tuple[str | None, str]]] = defaultdict(set)
        anchors: set[tuple[float, float]] = set()
        # unambiguous names first: they anchor the rest
        for m in acc:
            if len(m.refs) == 1:
                m.scored = resolver.rank(m.refs, ctx)
                r = m.refs[0]
                a1 = r.place.admin1 or (r.place.name_en if r.level == "admin1" else None)
                if a1 and r.level != "country":
                    ctx.admin1s[(r.country, a1)] += 1
                    by_sent[toks[m.i].sent].add((r.country, a1))
                if r.place.lat is not None and r.place.lon is not None and r.level not in ("country", "region"):
                    anchors.add((r.place.lat, r.place.lon))
        ctx.anchors = sorted(anchors)
        position = {id(m): n for n, m in enumerate(matches)}
        foreign: dict[str, str] = {}
        for m in acc:
            # "مدينة جولو في جنوب الفلبين": the text places the town in a country none of its gazetteer
            # readings (Gulu, Uganda) is in; the name stays a place, unresolved, in that country
            cc = self._governing_country(toks, m, matches, position[id(m)])
            if cc is not None and m.key and all(_small_town_outside(r, cc) for r in m.refs):
                foreign[m.key] = cc
        for m in acc:
            if m.key in foreign:  # every mention of the name in the article
                m.foreign, m.foreign_country = True, foreign[m.key]
                m.key, m.scored = None, None
        for m in acc:
            if m.scored is not None or m.foreign:
                continue
            ctx.sentence_admin1s = by_sent.get(toks[m.i].sent, set())
            ctx.governor = self._governor(toks, m, matches, position[id(m)])
            m.scored = resolver.rank(m.refs, ctx)
            ctx.governor = None
            if m.scored is not None:
                r = m.scored.referent
                a1 = r.place.admin1 or (r.place.name_en if r.level == "admin1" else None)
                if a1 and r.level != "country" and m.scored.confidence >= 0.6:
                    ctx.admin1s[(r.country, a1)] += 1
                    by_sent[toks[m.i].sent].add((r.country, a1))

    def _placing(self, toks: Sequence[Token], m: _Match, matches: list[_Match], pos: int) -> _Match | None:
        """The accepted place a phrase right after m places it in ("لويبدة في ريف إدلب"، "جولو في جنوب الفلبين")."""
        lex = self.lex
        for other in matches[pos + 1 : pos + 4]:
            if other.i > m.j + 3:
                break
            if not other.accepted:
                continue
            for t in toks[m.j : other.i]:
                forms = {f for f, _ in lex.readings(t)}
                if not (forms & lex.locators) and not (forms & set(lex.dir_nouns)):
                    return None
            return other
        return None

    def _governing_country(self, toks: Sequence[Token], m: _Match, matches: list[_Match], pos: int) -> str | None:
        """The country a phrase right after m names as its place: "جولو في جنوب الفلبين" → PH."""
        other = self._placing(toks, m, matches, pos)
        if other is None:
            return None
        lex = self.lex
        words = {f for t in toks[m.j : other.i] for f, _ in lex.readings(t)}
        if not (words & lex.governing or words & set(lex.dir_nouns)):
            return None  # "دمشق، تركيا": a list, not a location
        ccs = {r.country for r in other.refs if r.level == "country" and r.country}
        return next(iter(ccs)) if len(ccs) == 1 else None

    def _governor(
        self, toks: Sequence[Token], m: _Match, matches: list[_Match], pos: int
    ) -> tuple[str | None, str] | None:
        """The admin unit a phrase right after the name places it in: "لويبدة في ريف إدلب الجنوبي"."""
        other = self._placing(toks, m, matches, pos)
        if other is not None:
            a1s = {
                (r.country, r.place.admin1 or r.place.name_en) for r in other.refs if r.level in ("admin1", "region")
            }
            a1s = {a for a in a1s if a[1]}
            if len(a1s) == 1:
                cc, a1 = next(iter(a1s))
                return (cc, a1) if a1 is not None else None
        return None

    # -- regions -----------------------------------------------------------------------------------------------
    def _dirs_after(self, toks: Sequence[Token], j: int, masked: set[int], lex: PlaceLexicon) -> tuple[str | None, int]:
        """Direction adjectives starting at token ``j`` (الجنوبي الشرقي): the combined direction and the end."""
        dirs: list[str] = []
        while j < len(toks) and len(dirs) < 2 and j not in masked and toks[j].is_word:
            d = lex.dir_adjs.get(toks[j].norm)
            if d is None:
                break
            dirs.append(d)
            j += 1
        return _combine(dirs), j

    def _regions(self, toks: Sequence[Token], matches: list[_Match], masked: set[int], lex: PlaceLexicon) -> None:
        for m in matches:
            if not m.accepted or m.scored is None:
                continue
            ref = m.scored.referent
            if m.i > 0:
                pt = toks[m.i - 1]
                cue = self._cue_of(pt) if pt.sent == toks[m.i].sent else None
                if cue is not None and cue[0] == "region":
                    d, end = self._dirs_after(toks, m.j, masked, lex)
                    kind = "badia" if cue[2] >= 0 and _strip(pt, cue[2]) == lex.badia else "countryside"
                    m.region = (kind, d, m.i - 1, cue[2], end)
                    continue
            # "ريف دمشق الغربي": a name that starts with ريف, then direction adjectives
            if m.key is not None and m.key.startswith(lex.countryside_name_prefix) and ref.level == "admin1":
                d, end = self._dirs_after(toks, m.j, masked, lex)
                if d is not None:
                    m.region = ("countryside", d, m.i, m.k, end)
                    continue
            # "الريف الشرقي لدير الزور" / "الريف الجنوبي من حلب"
            if m.i >= 2 and ((m.k and LI in toks[m.i].prefix[: m.k]) or toks[m.i - 1].norm == lex.of):
                start = m.i - 1 if toks[m.i - 1].norm == lex.of else m.i
                dirs: list[str] = []
                s = start - 1
                while s >= 0 and len(dirs) < 2 and toks[s].norm in lex.dir_adjs:
                    dirs.insert(0, lex.dir_adjs[toks[s].norm])
                    s -= 1
                if dirs and s >= 0 and {f for f, _ in lex.readings(toks[s])} & lex.countryside_def:
                    m.region = ("countryside", _combine(dirs), s, len(toks[s].prefix), m.j)
                    continue
            # "جنوب إدلب"، "شمال شرق حلب"، "في شمالي حماة"
            if ref.level in ("admin1", "admin2", "region") and m.i > 0 and m.k == 0:
                dirs = []
                s = m.i - 1
                while s >= 0 and len(dirs) < 2 and s not in masked:
                    forms = lex.readings(toks[s])
                    d = next((lex.dir_nouns[f] for f, _ in forms if f in lex.dir_nouns), None)
                    if d is None:
                        break
                    dirs.insert(0, d)
                    s -= 1
                if dirs:
                    first = toks[s + 1]
                    k0 = next((k for f, k in lex.readings(first) if f in lex.dir_nouns), 0)
                    m.region = ("direction", _combine(dirs), s + 1, k0, m.j)

    def _pronoun_regions(
        self, toks: Sequence[Token], matches: list[_Match], masked: set[int], lex: PlaceLexicon
    ) -> list[tuple[_Match, Referent]]:
        """ "ريفها الجنوبي الشرقي": the countryside of the last admin unit or town named before."""
        out: list[tuple[_Match, Referent]] = []
        acc = [m for m in matches if m.accepted and m.scored is not None]
        ante: _Match | None = None
        nxt = 0
        for t_i, t in enumerate(toks):
            if t_i in masked or not t.is_word or not lex.its(t) or t.stem not in lex.countryside:
                continue
            while nxt < len(acc) and acc[nxt].j <= t_i:
                sc = acc[nxt].scored
                if sc is not None and sc.referent.level in ("admin1", "admin2", "city", "town", "region"):
                    ante = acc[nxt]
                nxt += 1
            if ante is None or ante.scored is None:
                continue
            d, end = self._dirs_after(toks, t_i + 1, masked, lex)
            pm = _Match(i=t_i, j=end, k=len(t.prefix), key=None, accepted=True, scored=ante.scored)
            pm.region = ("countryside", d, t_i, len(t.prefix), end)
            out.append((pm, ante.scored.referent))
        return out

    # -- output ------------------------------------------------------------------------------------------------
    def _write(
        self, doc: Doc, toks: Sequence[Token], matches: list[_Match], pron: list[tuple[_Match, Referent]]
    ) -> None:
        groups: dict[str, dict[str, object]] = {}
        order: list[str] = []
        seen: set[tuple[str, int, int]] = set()

        def add(key: str, span: Span, make: dict[str, object]) -> None:
            g = groups.get(key)
            if g is None:
                g = dict(make, mentions=[])
                groups[key] = g
                order.append(key)
            if (key, span.start, span.end) in seen:
                return
            seen.add((key, span.start, span.end))
            ms = g["mentions"]
            assert isinstance(ms, list)
            ms.append(span)

        items: list[tuple[_Match, Referent | None]] = [(m, m.scored.referent if m.scored else None) for m in matches]
        items += [(pm, ref) for pm, ref in pron]
        for m, ref in items:
            if not m.accepted:
                continue
            if m.region is not None and ref is not None and m.scored is not None:
                kind, d, s_tok, s_k, end = m.region
                span = _span(doc, toks, s_tok, s_k, end)
                if not span.text:
                    continue
                base_en = _unit_en(ref)
                dir_en = _DIR_EN.get(d or "", "")
                if kind == "badia":
                    name_en = f"{base_en} desert (Badia)"
                elif kind == "direction":
                    name_en = f"{dir_en} {base_en}".strip()
                else:
                    name_en = f"{dir_en} {base_en} countryside".strip()
                geo = geo_for(
                    ref,
                    confidence=m.scored.confidence,
                    candidates=m.scored.candidates,
                    level="region",
                    direction=d,
                    name_en=name_en,
                )
                geo.gazetteer_id = None
                add(
                    f"region:{ref.id}:{kind}:{d}",
                    span,
                    {
                        "name_ar": span.text,
                        "name_en": name_en,
                        "canonical_id": None,
                        "geo": geo,
                        "country": ref.country,
                        "level": "region",
                        "source": "pattern",
                    },
                )
                continue
            span = _span(doc, toks, m.i, m.k, m.j)
            if not span.text:
                continue
            if m.cue == "admin" and m.cue_i is not None:
                cue_tok = toks[m.cue_i]
                cue_span = _span(doc, toks, m.cue_i, len(cue_tok.prefix), m.j)
                if ref is not None:
                    add(ref.id, cue_span, _entity_fields(ref, m, cue_span))
            if ref is not None and m.scored is not None:
                add(ref.id, span, _entity_fields(ref, m, span))
            elif m.key is None:
                level = m.cue_level or "other"
                country = m.foreign_country if m.foreign else doc.focus_country
                geo = Geo(None, None, None, country, None, None, level, None, None, None, 0, None)
                add(
                    f"name:{norm_str(span.text)}",
                    span,
                    {
                        "name_ar": span.text,
                        "name_en": None,
                        "canonical_id": None,
                        "geo": geo,
                        "country": country,
                        "level": level,
                        "source": "pattern",
                    },
                )
        start = len(doc.entities)
        ents: list[Entity] = []
        for key in sorted(order, key=lambda k: min(s.start for s in groups[k]["mentions"])):  # type: ignore[attr-defined]
            g = groups[key]
            mentions = sorted(g["mentions"], key=lambda s: s.start)  # type: ignore[call-overload]
            ents.append(
                Entity(
                    id=f"e{start + len(ents) + 1}",
                    kind="place",
                    name_ar=str(g["name_ar"]),
                    name_en=g["name_en"] if isinstance(g["name_en"], str) else None,
                    canonical_id=g["canonical_id"] if isinstance(g["canonical_id"], str) else None,
                    actor_type=None,
                    mentions=mentions,
                    geo=g["geo"] if isinstance(g["geo"], Geo) else None,
                    country=g["country"] if isinstance(g["country"], str) else None,
                    source=str(g["source"]),
                    level=g["level"] if isinstance(g["level"], str) else None,
                )
            )
        doc.entities.extend(ents)


# -- helpers ---------------------------------------------------------------------------------------------------
def _focus_from_places(countries: Counter[str]) -> Focus:
    """The focus layer when the names decided nothing: the country most places (and adjectives) belong to."""
    best = _most_common(countries)
    return Focus(best, "places" if best else None, dict(countries))


def _most_common(c: Counter[str]) -> str | None:
    """The most frequent key, the first named on a tie."""
    if not c:
        return None
    best = max(c.values())
    return next(cc for cc, v in c.items() if v == best)


def _masked_tokens(doc: Doc) -> set[int]:
    spans = sorted(
        (s.start, s.end) for e in doc.entities if e.kind in ("person", "organization", "place") for s in e.mentions
    )
    if not spans:
        return set()
    toks = doc.tokens
    ends = [t.end for t in toks]
    out: set[int] = set()
    n = len(toks)
    for s, e in spans:
        # the tokens that overlap [s, e): from the first ending after s while they start before e
        i = bisect.bisect_right(ends, s)
        while i < n and toks[i].start < e:
            out.add(i)
            i += 1
    return out


#: cities from this size up are named for their governments or as landmarks ("دور طهران في سوريا")
_METONYM_POPULATION = 500_000


def _small_town_outside(r: Referent, cc: str) -> bool:
    """A town or small city outside country ``cc`` (large cities stand for governments: not judged)."""
    return r.country != cc and r.level in ("city", "town") and r.place.population < _METONYM_POPULATION


def _span(doc: Doc, toks: Sequence[Token], i: int, k: int, j: int) -> Span:
    return doc.span_from_norm(toks[i].nstart + k, toks[j - 1].nend)


def _strip(tok: Token, k: int) -> str:
    return tok.norm[k:]


def _combine(dirs: list[str]) -> str | None:
    if not dirs:
        return None
    if len(dirs) == 2 and dirs[0] in _SOUTH_NORTH and dirs[1] in _EAST_WEST:
        return dirs[0] + dirs[1]
    return dirs[0]


def _unit_en(ref: Referent) -> str:
    p = ref.place
    if p.level == "admin1":
        return p.admin1 or p.name_en or ""
    return p.name_en or p.admin1 or ""


def _entity_fields(ref: Referent, m: _Match, span: Span) -> dict[str, object]:
    assert m.scored is not None
    geo = geo_for(ref, confidence=m.scored.confidence, candidates=m.scored.candidates)
    return {
        "name_ar": span.text,
        "name_en": ref.place.name_en,
        "canonical_id": ref.id,
        "geo": geo,
        "country": ref.country,
        "level": ref.level,
        "source": "kb",
    }


def _adjective_country(tok: Token, adjectives: dict[str, str]) -> str | None:
    """The country of a nationality adjective (السوري، الإيرانية، العراقيين), or None; ``adjectives`` holds
    the inflected stems (see ``_adjective_stems``)."""
    return adjectives.get(tok.stem)


def _name_like(tok: Token, lex: PlaceLexicon, adjectives: dict[str, str] | None = None) -> bool:
    """Could this token be (part of) a proper name after a cue?"""
    w = tok.norm
    if adjectives and _adjective_country(tok, adjectives) is not None:
        return False
    if len(w) < 3 or not lex.is_arabic_word(w):
        return False
    core = w[len(tok.prefix) :]
    for x in (w, core):
        if x in lex.preps or x in lex.dir_nouns or x in lex.dir_adjs or x in lex.cues or x in lex.function:
            return False
        if lex.stop.get(x) in ("never", "generic"):
            return False
    return True


def make_stage(lang: Arabic, *, gazetteer: str | Path | None = None, resolver: Resolver | None = None) -> Places:
    """The places stage.  ``gazetteer``: a user gazetteer (``hadath gazetteer import``) looked up before the
    built-in one; ``resolver``: a resolver of your own (tests, other gazetteers).  Default: the built-in
    gazetteer alone."""
    stage = Places(lang, resolver, gazetteer)
    stage.resolver  # noqa: B018 - a missing gazetteer file is reported when the pipeline is built
    return stage
