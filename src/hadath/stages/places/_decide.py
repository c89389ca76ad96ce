"""Step 2, decide: what is around each match (a cue, a preposition, a coordinated list, a word that continues
the name), the countries the document names, and which matches are places.

Names with a high prior (countries, admin units, curated places, cities of 100k+) stand alone; smaller places
need a cue, a preposition or coordination with an accepted place, and to lie in a country the document is
about; names that are also common words (``place_stoplist.txt``) need a cue (mode ``never``) or a preposition
(mode ``prep``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from itertools import pairwise

from hadath.gazetteer.base import CONFLICT_COVERAGE, FULL_COVERAGE
from hadath.gazetteer.index import HIGH, LOW, MID, TRANSLIT
from hadath.gazetteer.translit import MIN_KEY
from hadath.lang.ar.clitics import AL
from hadath.lang.ar.places import latin_key, vowelless_key
from hadath.stages.places._context import EXPLICIT, NAMING, Ctx, Match, adjective_country, token_cue
from hadath.stages.places._match import translit_word

_HASHTAG = "#"


def mark_context(ctx: Ctx, matches: list[Match]) -> None:
    """The cue, preposition, coordination and name-end marks of each match."""
    toks, lex = ctx.toks, ctx.lex
    prev_end = -10
    prev: Match | None = None
    for m in matches:
        tok = toks[m.i]
        front = False
        if m.i > 0:
            p_i = m.i - 1
            if p_i > 0 and toks[p_i].norm == _HASHTAG:
                p_i -= 1  # "محافظة #الحديدة": a hashtag sign between the cue and the name
            pt = toks[p_i]
            governed = not tok.prefix or m.surface  # مخيم للنازحين is no camp name; قرية لويبدة is
            cue = token_cue(lex, pt) if pt.is_word and pt.sent == tok.sent and governed else None
            if cue is not None:
                m.cue, m.cue_level = cue[0], cue[1] or None
                m.cue_i = p_i
                if cue[0] in ("org", "front"):
                    m.org = True
                    m.cue = None
                if cue[0] == "near":
                    m.prep = True
                front = cue[0] == "front"  # جبهة نهم: see below
            pforms = {f for f, _ in lex.readings(pt)}
            if pforms & lex.prep_or_dir:
                m.prep = True
            if (m.i > 1 and pt.norm in lex.dir_nouns) or pt.norm in lex.dir_adjs:
                pp = toks[m.i - 2]
                if {f for f, _ in lex.readings(pp)} & lex.prep_or_dir:
                    m.prep = True
        if m.cue is None and m.j - m.i > 1:
            own = token_cue(lex, tok)
            if own is not None and own[0] in NAMING:  # ضاحية الأسد، جزيرة كمران: the cue opens the name
                m.cue, m.cue_level = own[0], own[1] or None
        if not m.surface and (tok.has_bi or tok.has_li):
            m.prep = True
        if m.j < len(toks) and toks[m.j].sent == tok.sent and toks[m.j].is_word:
            nt = toks[m.j]
            nforms = {f for f, _ in lex.readings(nt)}
            continues = not nt.prefix and not (nforms & lex.ends_name)
            m.ends_name = not continues
        if front and m.ends_name and m.key is not None:
            # a front line named after a place (جبهة نهم، جبهة حرض) is that place, read like a preposition
            # context; not a longer name (جبهة تحرير سوريا) nor a name the gazetteer lacks (جبهة جديدة); a known
            # organisation named جبهة + a name (جبهة النصرة) is masked by the entities stage
            m.org = False
            m.prep = True
            m.front = True
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
        if m.key is None or m.stop is not None or m.prior < HIGH or m.org or _descriptive(ctx, m.key):
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


def accept(ctx: Ctx, matches: list[Match], countries: Counter[str], focus: str | None) -> None:
    """Which matches are places (``Match.accepted``)."""

    def in_doc(m: Match) -> bool:
        return any(r.country is not None and (r.country == focus or countries.get(r.country)) for r in m.refs)

    explicit = EXPLICIT
    for m in matches:
        if m.org and m.cue is None:
            continue
        if m.front:
            # a front line is one of the country's own war (جبهة العقبة بمحافظة الجوف is no front in Jordan)
            m.refs = [r for r in m.refs if r.country is not None and r.country == focus]
            if not m.refs:
                continue
        if not m.translit and m.key is not None and m.cue not in explicit:
            _sound_alike(ctx, m, in_doc)
        if m.translit:
            _accept_translit(m, countries, focus, m.cue in explicit or m.prep)
            continue
        if m.key is None:
            m.accepted = m.cue in NAMING
            if m.accepted:
                _spelling_variant(ctx, m, in_doc)
            continue
        if m.stop == "generic":
            m.accepted = False
        elif m.stop == "never":
            m.accepted = m.cue in explicit and m.ends_name
        elif m.stop == "prep":
            m.accepted = m.cue in explicit or m.prep
        elif m.stop == "indoc":
            # the countries the text names, not the focus: the focus may have been drawn from this very word
            m.accepted = m.cue in explicit or (m.prep and any(countries.get(r.country or "") for r in m.refs))
        elif m.prior >= HIGH and _descriptive(ctx, m.key):
            # المحافظة الجنوبية: Bahrain's Southern Governorate only in an article about Bahrain
            m.accepted = any(r.country is not None and r.country == focus for r in m.refs)
        elif m.prior >= HIGH:
            m.accepted = True
        elif m.prior == MID and not any(r.country in FULL_COVERAGE for r in m.refs):
            # a foreign town (إبادة Abadeh, بار Bar): a cue, or a preposition in an article about its country
            m.accepted = m.cue in explicit or (m.prep and in_doc(m))
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
                if not x.accepted or y.accepted or y.key is None or y.translit:
                    continue
                if y.stop == "never":
                    # "صعدة والبيضاء وحجة": a common word in a list of units of one country is a unit too
                    y.accepted = _same_kind_unit(x, y)
                else:
                    y.accepted = in_doc(y) or _same_kind_unit(x, y)
    # "تدمر في وسط سوريا"، "تدمر السورية": a name that is also a word, placed right after in its country
    for n, m in enumerate(matches):
        if not m.accepted and m.stop == "prep" and m.key is not None and not m.org:
            m.accepted = _located_after(ctx, m, matches[n + 1 : n + 3])


def _same_kind_unit(x: Match, y: Match) -> bool:
    """y has an admin unit of the same level and country as the unit x stands for."""
    if not x.refs or x.refs[0].level not in ("admin1", "admin2"):
        return False
    top = x.refs[0]
    return any(r.level == top.level and r.country == top.country for r in y.refs)


def _located_after(ctx: Ctx, m: Match, following: list[Match]) -> bool:
    """Right after the name, up to three locator words and an accepted place of its country (تدمر في وسط سوريا،
    تدمر بمحافظة حمص).  A nationality adjective is no such proof: ريال مدريد الإسباني is a club."""
    toks, lex = ctx.toks, ctx.lex
    ccs = {r.country for r in m.refs if r.country}
    sent = toks[m.i].sent
    k = m.j
    located = lex.locators | frozenset(lex.dir_nouns)
    while (
        k < len(toks) and k - m.j < 3 and toks[k].sent == sent and any(f in located for f, _ in lex.readings(toks[k]))
    ):
        k += 1
    if k == m.j:
        return False
    other = next((o for o in following if o.i == k), None)
    return other is not None and other.accepted and any(r.country in ccs for r in other.refs)


def _descriptive(ctx: Ctx, key: str) -> bool:
    """A name made only of cue words and direction adjectives (المحافظة الجنوبية، المنطقة الشرقية): also a
    description of some unit of whatever country the text is about."""
    lex = ctx.lex
    words = key.split(" ")
    return len(words) > 1 and all(
        w in lex.dir_adjs or w in lex.cues or (w.startswith(AL) and w[len(AL) :] in lex.cues) for w in words
    )


def _spelling_variant(ctx: Ctx, m: Match, in_doc: Callable[[Match], bool]) -> None:
    """A name after a place cue that the gazetteers hold only in another spelling of its long vowels (قرية
    الشيفونية, OCHA الشفونية): taken when exactly one place of a country the document is about has it."""
    toks = ctx.toks
    text = " ".join([toks[m.i].norm[m.k :], *(t.norm for t in toks[m.i + 1 : m.j])])
    skeleton = vowelless_key(text)
    if len(skeleton.replace(" ", "")) < 4:
        return
    keys = [k for k in ctx.index.spelling_variants(skeleton, vowelless_key) if k != text]
    found = [(k, r) for k in keys for r in ctx.index.referents(k)]
    trial = Match(i=m.i, j=m.j, k=m.k, key=None)
    near = []
    for k, r in found:
        trial.refs = [r]
        if in_doc(trial) and r.level not in ("country", "admin1"):
            near.append((k, r))
    if len(near) == 1:
        m.key, m.refs = near[0][0], [near[0][1]]
        m.prior = ctx.index.prior(m.key)


def _sound_alike(ctx: Ctx, m: Match, in_doc: Callable[[Match], bool]) -> None:
    """A name whose gazetteer readings all lie in countries the document is not about (كابول: a village in
    Israel, in an article on Afghanistan) is tried as a transliteration in those countries (Kabul)."""
    if m.key is None or m.prior >= HIGH or m.stop is not None or in_doc(m) or not ctx.index.translit:
        return
    first = ctx.toks[m.i]
    if first.article or first.suffix or m.key.startswith(AL):
        return  # السجن، البلاد: Arabic words, not foreign names
    key = latin_key(m.key)
    if len(key) < MIN_KEY or key not in ctx.index.translit:
        return
    refs = ctx.index.referents(TRANSLIT + key)
    trial = Match(i=m.i, j=m.j, k=m.k, key=None, refs=[r for r in refs if r.population >= 100_000])
    if not in_doc(trial) and not all(translit_word(ctx.toks[t], ctx.lex, ctx.adj) for t in range(m.i, m.j)):
        return  # البلاد، وقف: common words are no foreign towns (unless a city of the country sounds so: كابول)
    if refs:
        m.key, m.refs, m.translit, m.prior = TRANSLIT + key, refs, True, LOW


def _accept_translit(m: Match, countries: Counter[str], focus: str | None, placed: bool) -> None:
    """A transliteration match is a place only in a place context and in a country the document is about (after
    a bare preposition, also one whose towns the base covers: ``FULL_COVERAGE``, ``CONFLICT_COVERAGE``); its
    candidates are narrowed to those countries.  A key of two classes (بانو) needs an explicit cue and a
    city of 100,000 people.  Not taken, a name after a place cue stays an unresolved place."""
    near = [r for r in m.refs if r.country is not None and (r.country == focus or countries.get(r.country))]
    if m.cue not in NAMING:  # after a bare preposition: only the towns of the countries analysts meet town by town
        near = [r for r in near if r.country in FULL_COVERAGE or r.country in CONFLICT_COVERAGE]
    if m.key is not None and len(m.key) - len(TRANSLIT) < MIN_KEY:
        near = [r for r in near if r.population >= 100_000] if m.cue in NAMING else []
    if near and placed:
        m.refs, m.accepted = near, True
    elif m.cue in NAMING:
        m.key, m.refs, m.translit, m.accepted = None, [], False, True
