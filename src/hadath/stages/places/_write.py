"""Step 6, write: one place :class:`~hadath.doc.Entity` per referent (a gazetteer place, a region of one, or an
unresolved name), its mentions in original offsets without one-letter proclitics; ids continue the numbering
of ``doc.entities`` in order of first mention.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.doc import Doc, Entity, Geo, Span, Token
from hadath.gazetteer.index import Referent
from hadath.gazetteer.resolve import geo_for
from hadath.lang.ar.orthography import norm_str
from hadath.stages.places._context import Ctx, Match

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


def write(ctx: Ctx, matches: list[Match], pron: list[tuple[Match, Referent]]) -> None:
    """Add the place entities of the accepted matches and pronoun regions to ``doc.entities``."""
    doc, toks = ctx.doc, ctx.toks
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

    items: list[tuple[Match, Referent | None]] = [(m, m.scored.referent if m.scored else None) for m in matches]
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


def _span(doc: Doc, toks: Sequence[Token], i: int, k: int, j: int) -> Span:
    return doc.span_from_norm(toks[i].nstart + k, toks[j - 1].nend)


def _unit_en(ref: Referent) -> str:
    p = ref.place
    if p.level == "admin1":
        return p.admin1 or p.name_en or ""
    return p.name_en or p.admin1 or ""


def _entity_fields(ref: Referent, m: Match, span: Span) -> dict[str, object]:
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
