"""English notes for events, ACLED-style, written from the event's own fields — never translated from the text.

>>> print(event_note({"event_date": "2018-03-05", "time_precision": 1, "sub_event_type": "Air/drone strike",
...     "actor1_name": "Military Forces of Syria", "actor2_name": "Civilians (Syria)",
...     "location_name": "Maarat al-Numan", "admin1": "Idlib", "country": "Syria", "geo_precision": 1,
...     "fatalities": 12, "sources": [{"speaker_name": "Syrian Observatory for Human Rights",
...     "stance": "assert"}, {"speaker_name": "Military Forces of Syria", "stance": "deny"}]}))
... # doctest: +NORMALIZE_WHITESPACE
On 5 March 2018, the Military Forces of Syria carried out air or drone strikes on Civilians (Syria) in
Maarat al-Numan (Idlib, Syria), according to the Syrian Observatory for Human Rights; the Military Forces of
Syria denied it. 12 people were killed.

A note is built from a *flat event row* — the row :meth:`hadath.store.Store.events` returns (``event_date``,
``time_precision``, ``date_from_event``, ``sub_event_type``, ``actor1_name``, ``actor2_name``,
``location_name``, ``admin1``, ``country``, ``geo_precision``, ``fatalities``, ``denied``, ``outlet`` and
``sources``: ``[{"speaker_name", "stance"}]``); :func:`doc_notes` derives the same rows from a hadath/1 document,
so a stored event and a freshly extracted one get the same note.  Every word of a note is either a value of those
fields or a word of the templates, which are data: ``data/notes_en.tsv`` (the clause of each ACLED sub-event type,
in four forms by which actors are known) and ``data/notes_en_phrases.tsv`` (date, place, sources, fatalities).
A value in Arabic script (an unnamed source's words, a name without an English form) is never written: a source
becomes "an unnamed source", an actor or place is left out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import Any

from hadath.lang.ar.orthography import has_arabic_script

__all__ = ["doc_event_rows", "doc_notes", "event_note", "phrases", "templates"]

_MONTHS = ("January February March April May June July August September October November December").split()
_FORMS = ("both", "actor1", "actor2", "none")
#: stances whose speakers report the event ("according to")
_REPORTING = ("assert", "accuse", "confirm")
#: stances that get a clause of their own, in this order
_REACTIONS = ("deny", "condemn", "claim", "silent")
_SINGULAR_S = ("ss", "us")
_HEAD_STOP = re.compile(r"\s(?:of|for|in|from|and|on|to)\s|\s\(|:|,")


def _rows(name: str) -> list[list[str]]:
    text = resources.files("hadath").joinpath("data", name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]  # the first line names the columns


@lru_cache(maxsize=1)
def templates() -> dict[str, dict[str, str]]:
    """``{sub_event_type: {"both"|"actor1"|"actor2"|"none": clause}}`` from ``data/notes_en.tsv``."""
    return {r[0]: dict(zip(_FORMS, r[1:], strict=True)) for r in _rows("notes_en.tsv")}


@lru_cache(maxsize=1)
def phrases() -> dict[str, str]:
    """``{key: phrase}`` from ``data/notes_en_phrases.tsv``."""
    return {r[0]: r[1] for r in _rows("notes_en_phrases.tsv")}


def _english(value: Any) -> str | None:
    """A value a note may show: a non-empty string without Arabic script."""
    if not isinstance(value, str):
        return None
    v = " ".join(value.split())
    return v if v and not has_arabic_script(v) else None


def _plural(name: str) -> bool:
    """Whether a name's head noun is plural: the last word before "of", "for", "(" ... ends in -s
    (Military Forces of Syria, Civilians (Syria), People's Protection Units; not Islamic State, Hezbollah)."""
    w = _head(name)
    if w in _words("plural.heads"):
        return True
    if w in _words("singular.heads"):
        return False
    return len(w) > 2 and w.endswith("s") and not w.lower().endswith(_SINGULAR_S) and not w.endswith("'s")


_MAX_NAMES = 6


def _join(names: list[str]) -> str:
    if len(names) > _MAX_NAMES:  # a hostile or huge article: a note stays a sentence
        names = [*names[: _MAX_NAMES - 1], phrases()["more"].format(n=len(names) - _MAX_NAMES + 1)]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {phrases()['and']} {names[-1]}"


def _date(day: Any, precision: Any) -> str:
    p = phrases()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", day) if isinstance(day, str) else None
    if m is None or not 1 <= int(m[2]) <= 12:
        return p["date.none"]
    month = f"{_MONTHS[int(m[2]) - 1]} {m[1]}"
    if precision == 3:
        return p["date.3"].format(month=month)
    key = "date.2" if precision == 2 else "date.1"
    return p[key].format(day=f"{int(m[3])} {month}")


def _place(row: Mapping[str, Any]) -> str:
    p = phrases()
    name = _english(row.get("location_name"))
    country = _english(row.get("country"))
    prec = row.get("geo_precision")
    if name is None:
        if not country:
            return ""
        name, prec = country, 3
    detail = [d for d in dict.fromkeys((_english(row.get("admin1")), country)) if d and d != name]
    name = _article(name, "the.places")
    key = "at.3" if prec == 3 else "at.2" if prec == 2 else "at.1"
    if prec == 3:
        detail = [", ".join(detail)] if detail else []
        detail.append(p["unknown_place"])
        return p[key].format(place=f"{name} ({'; '.join(detail)})")
    return p[key].format(place=f"{name} ({', '.join(detail)})" if detail else name)


def _head(name: str) -> str:
    head = _HEAD_STOP.split(name, maxsplit=1)[0].split()
    return head[-1] if head else ""


@lru_cache(maxsize=8)
def _words(key: str) -> frozenset[str]:
    """The space-separated words of a phrase (the lists of head nouns)."""
    return frozenset(phrases()[key].split())


def _article(name: str, heads: str = "the.heads") -> str:
    """A name as it reads in a sentence: "the Syrian Observatory for Human Rights", "Islamic State"."""
    if _head(name) in _words(heads) and not name.lower().startswith(phrases()["the"] + " "):
        return f"{phrases()['the']} {name}"
    return name


def _sources(row: Mapping[str, Any]) -> dict[str, list[str]]:
    """Speaker names by stance (reporting stances merged under "assert"), unnamed ones counted last."""
    p = phrases()
    named: dict[str, dict[str, None]] = {}  # ordered sets: an event may have thousands of sources
    unnamed: dict[str, int] = {}
    for s in row.get("sources") or []:
        if not isinstance(s, Mapping):
            continue
        stance = str(s.get("stance") or "assert")
        stance = "assert" if stance in _REPORTING or stance not in _REACTIONS else stance
        name = _english(s.get("speaker_name"))
        if name is None:
            unnamed[stance] = unnamed.get(stance, 0) + 1
        else:
            named.setdefault(stance, {})[_article(name)] = None
    for stance, n in unnamed.items():
        named.setdefault(stance, {})[p["unnamed.1"] if n == 1 else p["unnamed.n"]] = None
    return {stance: list(names) for stance, names in named.items()}


def event_note(row: Mapping[str, Any]) -> str:
    """The English note of one flat event row (see the module docstring)."""
    p = phrases()
    forms = templates().get(str(row.get("sub_event_type") or ""), templates()["Other"])
    a1 = _english(row.get("actor1_name"))
    a2 = _english(row.get("actor2_name"))
    a1, a2 = (_article(a) if a else None for a in (a1, a2))
    form = "both" if a1 and a2 else "actor1" if a1 else "actor2" if a2 else "none"
    clause = forms[form].format(
        a1=a1 or "",
        a2=a2 or "",
        at=_place(row),
        were1=p["were.pl" if a1 and _plural(a1) else "were.sg"],
        were2=p["were.pl" if a2 and _plural(a2) else "were.sg"],
        its1=p["its.pl" if a1 and _plural(a1) else "its.sg"],
    )
    clause = " ".join(clause.split())
    by = _sources(row)
    if row.get("denied"):
        clause = p["denied"].format(clause=clause)
    tp = row.get("time_precision") or (1 if row.get("date_from_event", True) else 2)
    parts = [f"{_date(row.get('event_date'), tp)}, {clause}"]
    if by.get("assert"):
        parts[0] += ", " + p["according"].format(names=_join(by["assert"]))
    elif not any(by.get(s) for s in _REACTIONS):
        outlet = _english(row.get("outlet"))
        parts[0] += ", " + (p["reported_by"].format(names=outlet) if outlet else p["unsourced"])
    parts += [p[s].format(names=_join(by[s])) for s in _REACTIONS if by.get(s)]
    note = "; ".join(parts) + "."
    fat = row.get("fatalities")
    if isinstance(fat, int) and not isinstance(fat, bool) and fat >= 0:
        note += " " + p["fatal.0" if fat == 0 else "fatal.1" if fat == 1 else "fatal.n"].format(n=fat)
    return note[:1].upper() + note[1:]


def _name(ent: Mapping[str, Any] | None) -> str | None:
    if not ent:
        return None
    for key in ("name_en", "name_ar"):
        v = ent.get(key)
        if isinstance(v, str) and v.strip():
            return v
    return None


def _country_name(code: Any) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    from hadath.store._countries import resolve_country  # the store's table of ACLED country names

    c = resolve_country(code)
    return c.name if c else code


def doc_event_rows(doc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The fields :func:`event_note` reads, for each event of a hadath/1 document (as the store flattens them)."""
    ents = {str(e.get("id")): e for e in doc.get("entities") or [] if isinstance(e, Mapping)}
    attrs = {str(a.get("id")): a for a in doc.get("attributions") or [] if isinstance(a, Mapping)}
    art = doc.get("article") or {}
    out = []
    for ev in doc.get("events") or []:
        loc = ents.get(str(ev.get("location")))
        geo = ev.get("geo") or (loc or {}).get("geo") or {}
        sources = []
        for sid in ev.get("sources") or []:
            a = attrs.get(str(sid)) or {}
            sources.append(
                {"speaker_name": _name(ents.get(str(a.get("speaker")))) or a.get("speaker_text"),
                 "stance": a.get("stance") or "assert"}
            )  # fmt: skip
        out.append(
            {
                "event_date": ev.get("date") or art.get("published"),
                "date_from_event": bool(ev.get("date")),
                "time_precision": ev.get("time_precision"),
                "sub_event_type": ev.get("sub_event_type"),
                "actor1_name": _name(ents.get(str(ev.get("actor1")))),
                "actor2_name": _name(ents.get(str(ev.get("actor2")))),
                "location_name": geo.get("name_en") or _name(loc),
                "admin1": geo.get("admin1"),
                "country": _country_name(geo.get("country") or (loc or {}).get("country")),
                "geo_precision": geo.get("geo_precision"),
                "fatalities": ev.get("fatalities"),
                "denied": bool(ev.get("denied")),
                "outlet": art.get("outlet"),
                "sources": sources,
            }
        )
    return out


def doc_notes(doc: Mapping[str, Any]) -> list[str]:
    """The English note of each event of a hadath/1 document, in order."""
    return [event_note(r) for r in doc_event_rows(doc)]
