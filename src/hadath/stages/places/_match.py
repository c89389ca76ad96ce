"""Step 1, match: gazetteer names on the clitic-segmented tokens (بإدلب → إدلب), longest match first, and names
the gazetteer lacks right after a place cue (قرية لويبدة), kept as unresolved places.
"""

from __future__ import annotations

from hadath.doc import Token
from hadath.lang.ar.clitics import AL
from hadath.lang.ar.places import Cue, PlaceLexicon, Reading
from hadath.stages.places._context import Ctx, Match, adjective_country

#: per token suffix and normalised form: (may a place name start here, the token's cue); see Places.probes
Probes = dict[str, dict[str, tuple[bool, Cue | None]]]


def _may_start(rd: tuple[Reading, ...], starts: frozenset[str], heads: frozenset[str]) -> bool:
    for f, _ in rd:
        if f in starts or f in heads:
            return True
    return False


def find(ctx: Ctx, probes: Probes) -> list[Match]:
    """The candidate place names of the document, in text order."""
    toks, masked, index, lex = ctx.toks, ctx.masked, ctx.index, ctx.lex
    out: list[Match] = []
    n = len(toks)
    i = 0
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
        m = match_at(ctx, i) if may else None
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
            um = _unknown_after(ctx, i)
            if um is not None:
                out.append(um)
                i = um.j
                continue
        i += 1
    return out


def match_at(ctx: Ctx, i: int) -> Match | None:
    """The longest gazetteer name starting at token ``i`` (the highest prior, then the fewest proclitics left
    out, on a tie)."""
    toks, masked, index = ctx.toks, ctx.masked, ctx.index
    best: tuple[int, int, int, str, bool] | None = None  # (length, prior, -k, key, surface)
    heads = ctx.lex.heads
    tok = toks[i]
    n = len(toks)
    nxt = toks[i + 1] if i + 1 < n else None
    nxt_ok = nxt is not None and nxt.is_word and (i + 1) not in masked and nxt.sent == tok.sent
    for form, k in ctx.lex.readings(tok):
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
                    toks[i + 1 + t].norm == rest[t] and (i + 1 + t) not in masked and toks[i + 1 + t].sent == tok.sent
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
    return Match(i=i, j=i + length, k=-negk, key=key, prior=prior, surface=surface)


def _unknown_after(ctx: Ctx, ci: int) -> Match | None:
    """A name the gazetteer lacks right after a place cue (قرية لويبدة، حي عش الورور)."""
    toks, masked, lex = ctx.toks, ctx.masked, ctx.lex
    n = len(toks)
    i = ci + 1
    t1 = toks[i]
    if i in masked or not t1.is_word or t1.sent != toks[ci].sent or not lex.is_arabic_word(t1.norm):
        return None
    adj = ctx.adj
    if not _name_like(t1, lex, adj) or lex.article_after_proclitic(t1.norm):
        return None
    gm = match_at(ctx, i)
    if gm is not None:
        # a lone name head (بني، كفر، دير) matched as a place: the cue's name is longer (بلدة بني قيس)
        if not (gm.j - gm.i == 1 and gm.k == 0 and t1.norm in lex.heads):
            return None
    j = i + 1
    if j < n and (j not in masked) and toks[j].is_word and toks[j].sent == t1.sent and _name_like(toks[j], lex, adj):
        t2 = toks[j]
        if t1.norm in lex.heads or (
            t2.norm.startswith(AL) and not t1.norm.startswith(AL) and not lex.adjective_like(t2.norm)
        ):
            j += 1
    if j == i + 1 and t1.norm in lex.heads:
        return None  # a name head alone (راس، الشيخ، كفر) is no name
    return Match(i=i, j=j, k=0, key=None, prior=0)


def _name_like(tok: Token, lex: PlaceLexicon, adjectives: dict[str, str] | None = None) -> bool:
    """Could this token be (part of) a proper name after a cue?"""
    w = tok.norm
    if adjectives and adjective_country(tok, adjectives) is not None:
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
