"""Step 5, regions: ريف إدلب الجنوبي، جنوب إدلب، الريف الشرقي لدير الزور، ريفها الجنوبي الشرقي (the last named
unit)، بادية الميادين: the match becomes a region of its unit (``Match.region``: kind, direction, span).
"""

from __future__ import annotations

from hadath.doc import Token
from hadath.gazetteer.index import Referent
from hadath.lang.ar.clitics import LI
from hadath.stages.places._context import Ctx, Match, token_cue

_SOUTH_NORTH = {"n", "s"}
_EAST_WEST = {"e", "w"}


def _dirs_after(ctx: Ctx, j: int) -> tuple[str | None, int]:
    """Direction adjectives starting at token ``j`` (الجنوبي الشرقي): the combined direction and the end."""
    toks, masked, lex = ctx.toks, ctx.masked, ctx.lex
    dirs: list[str] = []
    while j < len(toks) and len(dirs) < 2 and j not in masked and toks[j].is_word:
        d = lex.dir_adjs.get(toks[j].norm)
        if d is None:
            break
        dirs.append(d)
        j += 1
    return _combine(dirs), j


def regions(ctx: Ctx, matches: list[Match]) -> None:
    """``Match.region`` for the accepted, resolved matches a region phrase is made of."""
    toks, masked, lex = ctx.toks, ctx.masked, ctx.lex
    for m in matches:
        if not m.accepted or m.scored is None:
            continue
        ref = m.scored.referent
        if m.i > 0:
            pt = toks[m.i - 1]
            cue = token_cue(lex, pt) if pt.sent == toks[m.i].sent else None
            if cue is not None and cue[0] == "region":
                d, end = _dirs_after(ctx, m.j)
                kind = "badia" if cue[2] >= 0 and _strip(pt, cue[2]) == lex.badia else "countryside"
                m.region = (kind, d, m.i - 1, cue[2], end)
                continue
        # "ريف دمشق الغربي": a name that starts with ريف, then direction adjectives
        if m.key is not None and m.key.startswith(lex.countryside_name_prefix) and ref.level == "admin1":
            d, end = _dirs_after(ctx, m.j)
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


def pronoun_regions(ctx: Ctx, matches: list[Match]) -> list[tuple[Match, Referent]]:
    """ "ريفها الجنوبي الشرقي": the countryside of the last admin unit or town named before."""
    toks, masked, lex = ctx.toks, ctx.masked, ctx.lex
    out: list[tuple[Match, Referent]] = []
    acc = [m for m in matches if m.accepted and m.scored is not None]
    ante: Match | None = None
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
        d, end = _dirs_after(ctx, t_i + 1)
        pm = Match(i=t_i, j=end, k=len(t.prefix), key=None, accepted=True, scored=ante.scored)
        pm.region = ("countryside", d, t_i, len(t.prefix), end)
        out.append((pm, ante.scored.referent))
    return out


def _strip(tok: Token, k: int) -> str:
    return tok.norm[k:]


def _combine(dirs: list[str]) -> str | None:
    if not dirs:
        return None
    if len(dirs) == 2 and dirs[0] in _SOUTH_NORTH and dirs[1] in _EAST_WEST:
        return dirs[0] + dirs[1]
    return dirs[0]
