"""Actors the stage names itself: a state's military forces, and generic collectives.

A country or government named as the perpetrator of violence acts through its armed forces
(:func:`as_forces`: "إسرائيل شنت غارات" -> Military Forces of Israel); a nationality adjective names them
(:func:`forces`: "قصف روسي"); unnamed civilians, unidentified gunmen, protesters and rioters become generic
actors (:func:`generic`: "Civilians (Syria)", "Unidentified Armed Group (Iraq)").  An entity of the document
is reused when there is one; new ones go to ``Ctx.new_entities`` with fresh ids (``e<n>``), and the stage adds
them to ``doc.entities`` at the end.
"""

from __future__ import annotations

from hadath.doc import Entity, Span
from hadath.stages.events._context import VIOLENT, Ctx

#: generic collective actors: kind -> (ACLED name, actor type)
_GENERIC = {
    "civilians": ("Civilians", "civilians"),
    "unknown": ("Unidentified Armed Group", "political_militia"),
    "protesters": ("Protesters", "protesters"),
    "rioters": ("Rioters", "rioters"),
}


def _country_name(ctx: Ctx, iso: str | None) -> str:
    if not iso:
        return "Unknown"
    return ctx.lex.country_name.get(iso, iso)


def forces(ctx: Ctx, iso: str, span: Span) -> Entity:
    """The entity of a state's military forces (found in the document, else created)."""
    cid = f"mil_{iso}"
    for e in list(ctx.doc.entities) + ctx.new_entities:
        if e.canonical_id == cid:
            if all((mm.start, mm.end) != (span.start, span.end) for mm in e.mentions) and e.source == "event":
                e.mentions.append(span)
            return e
    focus = ctx.doc.focus_country
    ent = Entity(
        id=_next_id(ctx),
        kind="organization",
        name_ar=span.text,
        name_en=f"Military Forces of {_country_name(ctx, iso)}",
        canonical_id=cid,
        actor_type="external" if focus and focus != iso else "state_forces",
        mentions=[span],
        country=iso,
        source="event",
    )
    ctx.new_entities.append(ent)
    return ent


def as_forces(ctx: Ctx, x: Entity, etype: str, sub: str) -> Entity:
    """A country or government named as the perpetrator of violence acts through its armed forces
    ("إسرائيل شنت غارات", "غارات النظام السوري")."""
    if etype not in VIOLENT and sub not in ("Disrupted weapons use", "Government regains territory"):
        return x
    iso = None
    if x.kind == "place" and x.level == "country":
        iso = (x.geo.country if x.geo else None) or x.country
    elif x.actor_type == "government" and x.canonical_id and x.canonical_id.startswith("gov_"):
        iso = x.canonical_id[4:]
    if not iso:
        return x
    for e in list(ctx.doc.entities) + ctx.new_entities:
        if e.canonical_id == f"mil_{iso}":
            return e
    if x.kind == "place":
        return forces(ctx, iso, x.mentions[0] if x.mentions else Span(0, 0, ""))
    return x


def _next_id(ctx: Ctx) -> str:
    return next(ctx.ids)


def generic(ctx: Ctx, kind: str, iso: str | None, spans: list[Span]) -> Entity:
    """The generic collective actor of ``kind`` in country ``iso`` ("Civilians (Syria)"), found or created."""
    label, actor_type = _GENERIC[kind]
    name = f"{label} ({_country_name(ctx, iso)})"
    for e in list(ctx.doc.entities) + ctx.new_entities:
        if e.name_en == name:
            for sp in spans:
                if (
                    sp.end > sp.start
                    and all((x.start, x.end) != (sp.start, sp.end) for x in e.mentions)
                    and e.source == "event"
                ):
                    e.mentions.append(sp)
            return e
    uniq: dict[tuple[int, int], Span] = {}
    for sp in spans:
        uniq.setdefault((sp.start, sp.end), sp)
    spans = sorted(uniq.values(), key=lambda x: x.start)
    ent = Entity(
        id=_next_id(ctx),
        kind="actor",
        name_ar=spans[0].text if spans else "",
        name_en=name,
        canonical_id=None,
        actor_type=actor_type,
        mentions=[sp for sp in spans if sp.end > sp.start],
        country=iso,
        source="event",
    )
    ctx.new_entities.append(ent)
    return ent
