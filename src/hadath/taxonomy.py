"""The ACLED taxonomy, in one place: event types, sub-event types, disorder types, inter codes, PLOVER codes.

Everything else that names these values is this module or is generated from it and checked by a test:
the JSON Schema's enums (``schema/hadath-1.schema.json``) and the web UI's ``web/taxonomy.js`` are
written by ``scripts/gen_taxonomy.py``; the events stage's rule table ``lang/ar/plover.tsv`` must agree
with :data:`SUB_EVENT_TYPES` row for row; ``hadath.doc.ACTOR_TYPES`` must equal :data:`ACTOR_TYPES`.

Sources: ACLED Codebook (2019–2023 editions) for the event types, sub-event types (exact spelling, in the
codebook's order), disorder types and inter codes.  The PLOVER code of each sub-event type is hadath's default
(a trigger may give a more specific one); it follows the CAMEO-to-PLOVER table of the PLOVER project (see the
header of ``lang/ar/plover.tsv``).  hadath's actor types are its own, each coded with ACLED's inter code.

>>> event_type_of("Air/drone strike")
'Explosions/Remote violence'
>>> canonical_event_type("battles")
'Battles'
>>> interaction(inter_code("external"), inter_code("civilians"))
78
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ACTOR_TYPES",
    "ACTOR_TYPE_INTER",
    "EVENT_TYPES",
    "INTER_LABELS",
    "SUB_EVENT_TYPES",
    "SubEventType",
    "canonical_event_type",
    "canonical_sub_event_type",
    "disorder_type",
    "event_type_of",
    "inter_code",
    "interaction",
    "plover",
    "sub_event_types",
]

_PV = "Political violence"
_DEM = "Demonstrations"
_SD = "Strategic developments"


@dataclass(frozen=True, slots=True)
class SubEventType:
    """One ACLED sub-event type: its event type, its disorder type and hadath's default PLOVER code."""

    name: str
    event_type: str
    disorder_type: str
    plover: str


#: ACLED's event types in the codebook's order, each with the disorder type of its sub-event types
#: (a sub-event type may say otherwise: Mob violence, Excessive force against protesters).
_EVENT_TYPES: tuple[tuple[str, str], ...] = (
    ("Battles", _PV),
    ("Explosions/Remote violence", _PV),
    ("Violence against civilians", _PV),
    ("Protests", _DEM),
    ("Riots", _DEM),
    ("Strategic developments", _SD),
)

#: The 25 sub-event types in the codebook's order.
SUB_EVENT_TYPES: tuple[SubEventType, ...] = (
    SubEventType("Armed clash", "Battles", _PV, "ASSAULT/firearms"),
    SubEventType("Government regains territory", "Battles", _PV, "COERCE/confiscate"),
    SubEventType("Non-state actor overtakes territory", "Battles", _PV, "COERCE/confiscate"),
    SubEventType("Chemical weapon", "Explosions/Remote violence", _PV, "ASSAULT/cbrn"),
    SubEventType("Air/drone strike", "Explosions/Remote violence", _PV, "ASSAULT/aerial"),
    SubEventType("Suicide bomb", "Explosions/Remote violence", _PV, "ASSAULT/suicide-attack"),
    SubEventType("Shelling/artillery/missile attack", "Explosions/Remote violence", _PV, "ASSAULT/heavy-weapons"),
    SubEventType("Remote explosive/landmine/IED", "Explosions/Remote violence", _PV, "ASSAULT/explosives"),
    SubEventType("Grenade", "Explosions/Remote violence", _PV, "ASSAULT/explosives"),
    SubEventType("Sexual violence", "Violence against civilians", _PV, "ASSAULT/sexual"),
    SubEventType("Attack", "Violence against civilians", _PV, "ASSAULT"),
    SubEventType("Abduction/forced disappearance", "Violence against civilians", _PV, "ASSAULT/abduct"),
    SubEventType("Peaceful protest", "Protests", _DEM, "PROTEST/demo"),
    SubEventType("Protest with intervention", "Protests", _DEM, "PROTEST/demo"),
    SubEventType("Excessive force against protesters", "Protests", f"{_PV}; {_DEM}", "ASSAULT/repression"),
    SubEventType("Violent demonstration", "Riots", _DEM, "PROTEST/riot"),
    SubEventType("Mob violence", "Riots", _PV, "ASSAULT/beat"),
    SubEventType("Agreement", "Strategic developments", _SD, "AGREE"),
    SubEventType("Arrests", "Strategic developments", _SD, "COERCE/arrest"),
    SubEventType("Change to group/activity", "Strategic developments", _SD, "MOBILIZE"),
    SubEventType("Disrupted weapons use", "Strategic developments", _SD, "RETREAT/disarm"),
    SubEventType("Headquarters or base established", "Strategic developments", _SD, "MOBILIZE/troops"),
    SubEventType("Looting/property destruction", "Strategic developments", _SD, "COERCE/confiscate"),
    SubEventType("Non-violent transfer of territory", "Strategic developments", _SD, "RETREAT/withdraw"),
    SubEventType("Other", "Strategic developments", _SD, "MOBILIZE/troops"),
)

#: ACLED's event types, in the codebook's order.
EVENT_TYPES: tuple[str, ...] = tuple(name for name, _ in _EVENT_TYPES)

#: ACLED's inter codes and their names.
INTER_LABELS: MappingProxyType[int, str] = MappingProxyType(
    {
        1: "State forces",
        2: "Rebel groups",
        3: "Political militias",
        4: "Identity militias",
        5: "Rioters",
        6: "Protesters",
        7: "Civilians",
        8: "External/Other forces",
    }
)

#: hadath's actor types (``entities[].actor_type`` of the hadath/1 contract) and their ACLED inter codes.
ACTOR_TYPE_INTER: MappingProxyType[str, int] = MappingProxyType(
    {
        "state_forces": 1,
        "rebel_group": 2,
        "political_militia": 3,
        "identity_militia": 4,
        "external": 8,
        "government": 1,
        "noncombatant": 7,
        "civilians": 7,
        "protesters": 6,
        "rioters": 5,
    }
)

#: hadath's actor types, in the contract's order.
ACTOR_TYPES: tuple[str, ...] = tuple(ACTOR_TYPE_INTER)

_BY_SUB = {s.name: s for s in SUB_EVENT_TYPES}
_DISORDER = dict(_EVENT_TYPES)
_FOLDED_TYPES = {t.casefold(): t for t in EVENT_TYPES}
_FOLDED_SUBS = {s.name.casefold(): s.name for s in SUB_EVENT_TYPES}


def sub_event_types(event_type: str | None = None) -> tuple[str, ...]:
    """The sub-event types of ``event_type`` (exact spelling), or all of them."""
    return tuple(s.name for s in SUB_EVENT_TYPES if event_type is None or s.event_type == event_type)


def canonical_event_type(value: str | None) -> str | None:
    """ACLED's spelling of an event type given in any case, or None when it is not one."""
    return _FOLDED_TYPES.get(" ".join((value or "").split()).casefold())


def canonical_sub_event_type(value: str | None) -> str | None:
    """ACLED's spelling of a sub-event type given in any case, or None when it is not one."""
    return _FOLDED_SUBS.get(" ".join((value or "").split()).casefold())


def event_type_of(sub_event_type: str) -> str | None:
    """The event type a sub-event type (exact spelling) belongs to."""
    sub = _BY_SUB.get(sub_event_type)
    return sub.event_type if sub else None


def plover(sub_event_type: str) -> str | None:
    """hadath's default PLOVER code of a sub-event type (exact spelling)."""
    sub = _BY_SUB.get(sub_event_type)
    return sub.plover if sub else None


def disorder_type(event_type: str | None, sub_event_type: str | None = None) -> str:
    """ACLED's disorder type of an event (any case); "" for an unknown event type."""
    sub = canonical_sub_event_type(sub_event_type)
    if sub is not None:
        return _BY_SUB[sub].disorder_type
    et = canonical_event_type(event_type)
    return _DISORDER[et] if et is not None else ""


def inter_code(actor_type: str | None) -> int | None:
    """ACLED's inter code of a hadath actor type (any case), or None."""
    if not actor_type:
        return None
    return ACTOR_TYPE_INTER.get(actor_type.strip().casefold())


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes sorted and concatenated; ``inter1 * 10`` alone."""
    if inter1 is None:
        return None
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi
