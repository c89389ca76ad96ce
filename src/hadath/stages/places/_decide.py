"""Step 2, decide: what is around each match (a cue, a preposition, a coordinated list, a word that continues
the name), the countries the document names, and which matches are places.

Names with a high prior (countries, admin units, curated places, cities of 100k+) stand alone; smaller places
need a cue, a preposition or coordination with an accepted place, and to lie in a country the document is
about; names that are also common words (``place_stoplist.txt``) need a cue (mode ``never``) or a preposition
(mode ``prep``).
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

from hadath.gazetteer.index import HIGH, MID
from hadath.stages.places._context import Ctx, Match, adjective_country, token_cue


def mark_context(ctx: Ctx, matches: list[Match]) -> None:
    """The cue, preposition, coordination and name-end marks of each match."""
    toks, lex = ctx.toks, ctx.lex
    prev_end = -10
    prev: Match | None = None
    for m in matches:
        tok = toks[m.i]
        if m.i > 0:
            pt = toks[m.i - 1]
            governed = not tok.prefix or m.surface  # مخيم للنازحين is no camp name; قرية لويبدة is
            cue = token_cue(lex, pt) if pt.is_word and pt.sent == tok.sent and governed else None
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


def named_countries(ctx: Ctx, matches: list[Match]) -> Counter[str]:
    """The countries the document names: one vote per well-known unambiguous place, half a vote per nationality
    adjective."""
    toks, masked = ctx.toks, ctx.masked
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
    adj = ctx.adj
    for t_i, t in enumerate(toks):
        if t_i in masked or not t.is_word:
            continue
        cc = adjective_country(t, adj)
        if cc is not None:
            c[cc] += 0.5  # type: ignore[assignment]
    return c


def accept(matches: list[Match], countries: Counter[str], focus: str | None) -> None:
    """Which matches are places (``Match.accepted``)."""

    def in_doc(m: Match) -> bool:
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
