"""Gold annotations (hadath-gold/1) from review files a team corrected in Label Studio or Prodigy.

``hadath export --format label-studio|prodigy`` writes hadath's output for review (:mod:`hadath.interchange`);
this module reads the reviewed export back as gold, so ``hadath eval`` scores hadath against the corrections.
Every rule is in docs/eval.md ("Scoring a team's corrections"); in short:

* **Entities** come from the PERSON / ORG / PLACE regions (also spelled PERS, PER, LOC, GPE).  A region made
  from a mention of entity ``e3`` (region id ``e3-m0``, or the same offsets as one of its mentions) belongs to
  ``e3``; a region the reviewer added joins the entity of the same kind that has a mention of the same folded
  text, else starts an entity of its own.  A relabelled region moves its mention to an entity of the new kind.
  Mentions are the verbatim text without the one-letter proclitics attached before the article.  ACTOR regions
  (generic actors such as civilians) are not gold entities, as in the gold convention: they name event actors.
* **Events** come from EVENT regions.  A region made from hadath's trigger (region id ``v1-t``, or overlapping
  the trigger's offsets) keeps the event's fields from the export's brief (``events``); a deleted trigger
  deletes the event.  The per-region choice ``sub_event_type`` (Label Studio) overrides the sub-event type, and
  the event type follows from :mod:`hadath.taxonomy`.  Relations labelled ``actor1``, ``actor2``, ``location``
  from a trigger (in Label Studio, or Prodigy's ``relations``) re-point those roles; where a file carries
  relations, a role without one is empty.  A re-pointed location takes country / admin1 from the place
  hadath resolved for that entity; when it resolved none, they stay empty and a note says so.
* Dates, quantities, attributions and place coordinates are not reviewed in these files: a kept event keeps
  its date, fatalities and time precision; the gold files have no ``attributions`` (``hadath eval`` then
  skips the attribution metrics) and their places no coordinates (``place_resolution`` is not scored).

:func:`read_review` returns the gold documents and the notes (what could not be derived, what was skipped);
:func:`write_gold` writes one ``<article id>.json`` per article.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.errors import InputError
from hadath.lang.ar.scoring import mention_form, strip_attached_proclitics
from hadath.taxonomy import canonical_event_type, canonical_sub_event_type, event_type_of

__all__ = ["TOOLS", "Review", "read_review", "write_gold"]

#: The annotation tools whose reviewed exports :func:`read_review` reads.
TOOLS = ("label-studio", "prodigy")

_KINDS = {
    "PERSON": "person",
    "PERS": "person",
    "PER": "person",
    "ORG": "organization",
    "PLACE": "place",
    "LOC": "place",
    "GPE": "place",
    "ACTOR": "actor",
}
_ROLES = ("actor1", "actor2", "location")


@dataclass
class Review:
    """The gold documents read from a reviewed export, and notes on what could not be derived or was skipped."""

    gold: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Region:
    rid: str
    start: int
    end: int
    label: str
    choices: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Task:
    """One reviewed article in a tool-neutral form."""

    where: str  # file and task/line, for messages
    text: str
    article_id: str
    published: str | None
    entities: list[dict[str, Any]]
    events: list[dict[str, Any]]
    regions: list[_Region]
    relations: list[tuple[str, str, str]]  # (from region, to region, label)
    has_relations: bool
    tool: str
    review: dict[str, Any] = field(default_factory=dict)


# -- reading the two formats -------------------------------------------------------------------------------------


def read_review(path: str | Path, tool: str) -> Review:
    """The hadath-gold/1 documents of a reviewed ``label-studio`` JSON export or ``prodigy`` JSONL file."""
    p = Path(path)
    if tool not in TOOLS:
        raise InputError(f"unknown review format {tool!r} (one of: {', '.join(TOOLS)})")
    if not p.is_file():
        raise InputError(f"{p}: review export not found")
    try:
        raw = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read the review export ({exc})") from exc
    out = Review()
    tasks = _label_studio_tasks(p, raw, out.notes) if tool == "label-studio" else _prodigy_tasks(p, raw, out.notes)
    seen: dict[str, str] = {}
    for task in tasks:
        if task.article_id in seen:
            first = seen[task.article_id]
            out.notes.append(f"{task.where}: article {task.article_id} again (also in {first}): the later one is kept")
            out.gold = [g for g in out.gold if g["id"] != task.article_id]
        seen[task.article_id] = task.where
        out.gold.append(_to_gold(task, out.notes))
    if not out.gold:
        raise InputError(f"{p}: no reviewed article in this {tool} export")
    return out


def _load_json(p: Path, raw: str, what: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{p}: invalid JSON ({exc.msg} at line {exc.lineno}); expected {what}") from exc


def _offsets(where: str, value: Mapping[str, Any], text: str) -> tuple[int, int]:
    s, e = value.get("start"), value.get("end")
    if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or isinstance(e, bool):
        raise InputError(f"{where}: a region without integer start/end offsets")
    if not 0 <= s < e <= len(text):
        raise InputError(f"{where}: offsets [{s}, {e}) outside the text (length {len(text)})")
    said = value.get("text")
    if isinstance(said, str) and said.strip() and said.strip() != text[s:e].strip():
        raise InputError(f"{where}: the region's text does not match the task text at [{s}, {e})")
    return s, e


def _brief(where: str, data: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(x, dict) for x in items):
        raise InputError(f"{where}: {key!r} must be a list of objects (the brief hadath exported)")
    return items


def _label_studio_tasks(p: Path, raw: str, notes: list[str]) -> list[_Task]:
    doc = _load_json(p, raw, "Label Studio's JSON export (a list of tasks)")
    if not isinstance(doc, list):
        raise InputError(f"{p}: not a Label Studio JSON export: expected a list of tasks, got {type(doc).__name__}")
    out = []
    for n, task in enumerate(doc, 1):
        where = f"{p}: task {task.get('id', n) if isinstance(task, dict) else n}"
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InputError(f"{where}: a task must be an object with a 'data' object")
        data = task["data"]
        text = data.get("text")
        if not isinstance(text, str):
            raise InputError(f"{where}: data.text missing (not a hadath label-studio export?)")
        if not data.get("article_id"):
            raise InputError(f"{where}: data.article_id missing (not a hadath label-studio export?)")
        anns = task.get("annotations")
        if anns is None:
            raise InputError(f"{where}: no 'annotations' (export the project with Label Studio's JSON export)")
        if not isinstance(anns, list) or not all(isinstance(a, dict) for a in anns):
            raise InputError(f"{where}: 'annotations' must be a list of objects")
        done = [a for a in anns if not a.get("was_cancelled")]
        if not done:
            notes.append(f"{where}: article {data['article_id']} has no annotation (or only cancelled ones): skipped")
            continue
        ann = _latest(done)
        result = ann.get("result")
        if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
            raise InputError(f"{where}: annotation result must be a list of objects")
        regions: dict[str, _Region] = {}
        choices: list[dict[str, Any]] = []
        relations: list[tuple[str, str, str]] = []
        for i, r in enumerate(result, 1):
            kind = r.get("type")
            at = f"{where}, result {i}"
            if kind == "relation":
                a, b = r.get("from_id"), r.get("to_id")
                if not isinstance(a, str) or not isinstance(b, str):
                    raise InputError(f"{at}: a relation needs from_id and to_id")
                labels = r.get("labels") or []
                relations.append((a, b, str(labels[0]) if isinstance(labels, list) and labels else ""))
            elif kind in ("labels", "choices"):
                value = r.get("value")
                if not isinstance(value, dict) or not isinstance(r.get("id"), str):
                    raise InputError(f"{at}: a {kind} result needs an id and a value object")
                if kind == "choices":
                    choices.append(r)
                    continue
                labels = value.get("labels")
                if not isinstance(labels, list) or not labels or not isinstance(labels[0], str):
                    raise InputError(f"{at}: a labels result needs value.labels, a list of label names")
                s, e = _offsets(at, value, text)
                regions[r["id"]] = _Region(r["id"], s, e, labels[0])
        for r in choices:
            region = regions.get(r["id"])
            values = r["value"].get("choices")
            if region is None:
                if "start" in r["value"]:  # document-level choices are not ours; per-region ones need a region
                    raise InputError(f"{where}: choices for region {r['id']!r}, which has no label")
                continue
            if not isinstance(values, list):
                raise InputError(f"{where}: choices of region {r['id']!r} must be a list")
            region.choices[str(r.get("from_name"))] = [str(v) for v in values]
        for a, b, _ in relations:
            for rid in (a, b):
                if rid not in regions:
                    raise InputError(f"{where}: a relation points at region {rid!r}, which is not in the result")
        out.append(
            _Task(
                where=where,
                text=text,
                article_id=str(data["article_id"]),
                published=data.get("published"),
                entities=_brief(where, data, "entities"),
                events=_brief(where, data, "events"),
                regions=list(regions.values()),
                relations=relations,
                has_relations=True,
                tool="label-studio",
                review={k: ann.get(k) for k in ("id", "completed_by", "updated_at") if ann.get(k) is not None},
            )
        )
    return out


def _latest(annotations: list[dict[str, Any]]) -> dict[str, Any]:
    """The most recently updated annotation (the last one listed among equals)."""
    stamps = [str(a.get("updated_at") or a.get("created_at") or "") for a in annotations]
    return annotations[max(range(len(annotations)), key=lambda i: (stamps[i], i))]


def _prodigy_tasks(p: Path, raw: str, notes: list[str]) -> list[_Task]:
    out = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{p}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}: invalid JSON ({exc.msg}); expected one Prodigy task a line") from exc
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
            raise InputError(f"{where}: a Prodigy task must be an object with a 'text'")
        text = rec["text"]
        brief: dict[str, Any] = rec["hadath"] if isinstance(rec.get("hadath"), dict) else {}
        meta: dict[str, Any] = rec["meta"] if isinstance(rec.get("meta"), dict) else {}
        aid = brief.get("article_id") or meta.get("article_id")
        if not aid:
            raise InputError(f"{where}: no article id (hadath.article_id or meta.article_id)")
        answer = rec.get("answer")
        if answer not in ("accept", "reject", "ignore"):
            raise InputError(
                f"{where}: 'answer' must be accept, reject or ignore (got {answer!r}): "
                "convert the reviewed dataset written by `prodigy db-out`"
            )
        if answer != "accept":
            notes.append(f"{where}: article {aid} answered {answer}: not gold, skipped")
            continue
        spans = rec.get("spans") or []
        if not isinstance(spans, list) or not all(isinstance(s, dict) for s in spans):
            raise InputError(f"{where}: 'spans' must be a list of objects")
        regions: list[_Region] = []
        by_offsets: dict[tuple[int, int], str] = {}
        for i, sp in enumerate(spans, 1):
            if not isinstance(sp.get("label"), str) or not sp["label"]:
                raise InputError(f"{where}, span {i}: a span needs a label")
            s, e = _offsets(f"{where}, span {i}", sp, text)
            rid = f"s{i}"
            regions.append(_Region(rid, s, e, sp["label"]))
            by_offsets.setdefault((s, e), rid)
        relations: list[tuple[str, str, str]] = []
        rels = rec.get("relations")
        if rels is not None and not isinstance(rels, list):
            raise InputError(f"{where}: 'relations' must be a list")
        for i, rel in enumerate(rels or [], 1):
            ends = []
            for key in ("head_span", "child_span"):
                sp = rel.get(key) if isinstance(rel, dict) else None
                if not isinstance(sp, dict):
                    raise InputError(f"{where}, relation {i}: needs head_span and child_span objects")
                ends.append(by_offsets.get(_offsets(f"{where}, relation {i}", sp, text)))
            if ends[0] is None or ends[1] is None:
                raise InputError(f"{where}, relation {i}: joins a span that is not among the task's spans")
            relations.append((ends[0], ends[1], str(rel.get("label") or "")))
        out.append(
            _Task(
                where=where,
                text=text,
                article_id=str(aid),
                published=brief.get("published") or meta.get("published"),
                entities=_brief(where, brief, "entities"),
                events=_brief(where, brief, "events"),
                regions=regions,
                relations=relations,
                has_relations=rels is not None,
                tool="prodigy",
            )
        )
    return out


# -- from a task to a gold document ------------------------------------------------------------------------------


@dataclass
class _Group:
    """A gold entity being built: the exported entity it comes from (if any), its kind and its mentions."""

    source: dict[str, Any] | None
    kind: str
    mentions: list[tuple[int, str]] = field(default_factory=list)
    name: str = ""


def _to_gold(task: _Task, notes: list[str]) -> dict[str, Any]:
    text = task.text
    ents = {str(e.get("id")): e for e in task.entities}
    mention_owner = {tuple(m): str(e.get("id")) for e in task.entities for m in e.get("mentions") or [] if len(m) == 2}

    # entities: exported regions first (their entity is known), then the reviewer's own
    groups: dict[tuple[str, str], _Group] = {}
    region_group: dict[str, tuple[str, str]] = {}
    linked: list[tuple[_Region, str, str | None]] = []
    unlinked: list[tuple[_Region, str, str | None]] = []
    for r in task.regions:
        kind = _KINDS.get(r.label.upper())
        if kind is None:
            continue
        m = re.fullmatch(r"(.+)-m\d+", r.rid)
        owner = m.group(1) if m and m.group(1) in ents else mention_owner.get((r.start, r.end))
        (linked if owner else unlinked).append((r, kind, owner))
    for r, kind, owner in linked + unlinked:
        mention = strip_attached_proclitics(text[r.start : r.end].strip())
        key: tuple[str, str] | None = (str(owner), kind) if owner else None
        if key is None:
            form = mention_form(mention)
            key = next(
                (k for k, g in groups.items() if g.kind == kind and form in {mention_form(t) for _, t in g.mentions}),
                (f"new:{form}", kind),
            )
        g = groups.setdefault(key, _Group(ents.get(key[0]), kind))
        g.mentions.append((r.start, mention))
        region_group[r.rid] = key

    used: set[str] = set()
    for g in sorted(groups.values(), key=lambda g: min(s for s, _ in g.mentions)):
        base = str((g.source or {}).get("name_en") or "") or min(g.mentions)[1]
        name, n = base, 2
        while name in used:
            name, n = f"{base} ({n})", n + 1
        g.name = name
        used.add(name)

    entities = []
    for g in sorted(groups.values(), key=lambda g: min(s for s, _ in g.mentions)):
        if g.kind == "actor":
            continue
        item: dict[str, Any] = {"kind": g.kind, "name_en": g.name, "aliases_en": []}
        if g.kind != "place":
            item["actor_type"] = (g.source or {}).get("actor_type")
        item["mentions"] = list(dict.fromkeys(t for _, t in sorted(g.mentions)))
        entities.append(item)

    events = _events(task, groups, region_group, ents, notes)
    out: dict[str, Any] = {
        "format": "hadath-gold/1",
        "id": task.article_id,
        "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "published": task.published,
        "entities": entities,
        "events": events,
        "review": {"tool": task.tool, **task.review},
    }
    return out


def _events(
    task: _Task,
    groups: dict[tuple[str, str], _Group],
    region_group: dict[str, tuple[str, str]],
    ents: dict[str, dict[str, Any]],
    notes: list[str],
) -> list[dict[str, Any]]:
    text = task.text
    by_trigger = {str(v.get("trigger")): v for v in task.events if v.get("trigger")}
    regions = {r.rid: r for r in task.regions}

    def group_of_entity(eid: Any) -> _Group | None:
        cands = [g for k, g in groups.items() if k[0] == str(eid)]
        src_kind = (ents.get(str(eid)) or {}).get("kind")
        return next((g for g in cands if g.kind == src_kind), cands[0] if cands else None)

    out: list[dict[str, Any]] = []
    taken: set[str] = set()
    for r in sorted((r for r in task.regions if r.label.upper() == "EVENT"), key=lambda r: r.start):
        brief = by_trigger.get(r.rid)
        if brief is None:
            for v in task.events:
                t = v.get("trigger_offsets")
                if isinstance(t, list) and len(t) == 2 and t[0] < r.end and r.start < t[1]:
                    brief = v
                    break
        if brief is not None and str(brief.get("id")) in taken:
            brief = None
        label = f"{task.where}: event «{text[r.start : r.end]}» at {r.start}"
        ev_type, sub = _event_type(label, r, brief)
        if ev_type is None:
            if task.tool == "label-studio":
                raise InputError(f"{label}: an added EVENT region needs a sub_event_type choice")
            notes.append(f"{label}: an added EVENT span has no event type in a Prodigy file: skipped")
            continue
        if brief is not None:
            taken.add(str(brief.get("id")))
        b = brief or {}
        ev: dict[str, Any] = {
            "event_type": ev_type,
            "sub_event_type": sub,
            "date": b.get("date"),
            "time_precision": b.get("time_precision"),
            "country": b.get("country"),
            "admin1": b.get("admin1"),
            "location_en": b.get("location_en"),
            "geo_precision": b.get("geo_precision"),
            "actor1": None,
            "actor2": None,
            "fatalities": b.get("fatalities"),
            "source_speakers": [],
            "evidence": text[r.start : r.end],
        }
        if brief is None:
            notes.append(f"{label}: added by the reviewer: date, fatalities and precisions unknown (left empty)")
        rel: dict[str, str] = {}
        for a, z, role in task.relations:
            if r.rid not in (a, z):
                continue
            other = z if a == r.rid else a
            target = regions[other]
            if not role and _KINDS.get(target.label.upper()) == "place":
                role = "location"
            if role not in _ROLES:
                notes.append(f"{label}: a relation without an actor1/actor2/location label: ignored")
                continue
            if role in rel:
                notes.append(f"{label}: a second {role} relation: the first is kept")
                continue
            rel[role] = other
        for role in _ROLES:
            old = b.get(role)
            old_region = bool((ents.get(str(old)) or {}).get("mentions")) if old else False
            if role in rel:
                key = region_group.get(rel[role])
                target_group = groups.get(key) if key else None
                if target_group is None:
                    notes.append(f"{label}: {role} points at a region that is not an entity: ignored")
                    continue
                if role == "location":
                    _locate(ev, target_group, str(old) if old else None, label, notes)
                else:
                    ev[role] = target_group.name
            elif old and (task.has_relations and old_region):
                if role == "location":
                    ev.update(country=None, admin1=None, location_en=None, geo_precision=None)
                    notes.append(f"{label}: its location relation was removed: country/admin1 left empty")
            elif old:
                g = group_of_entity(old)
                if role == "location":
                    continue  # the brief's place stays
                if g is not None:
                    ev[role] = g.name
                elif not old_region:
                    ev[role] = (ents.get(str(old)) or {}).get("name_en")  # an actor with no span to review
                else:
                    notes.append(f"{label}: its {role}'s spans were all deleted: {role} left empty")
        out.append(ev)
    return out


def _event_type(label: str, r: _Region, brief: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """The (event type, sub-event type) of a trigger region: its choices, else the exported event's."""
    b = brief or {}
    sub_pick = r.choices.get("sub_event_type") or []
    type_pick = r.choices.get("event_type") or []
    if sub_pick:
        sub = canonical_sub_event_type(sub_pick[0])
        if sub is None:
            raise InputError(f"{label}: {sub_pick[0]!r} is not an ACLED sub-event type")
        ev_type = event_type_of(sub)
        if type_pick and canonical_event_type(type_pick[0]) != ev_type:
            raise InputError(f"{label}: sub-event type {sub!r} is not of event type {type_pick[0]!r}")
        return ev_type, sub
    if type_pick:
        ev_type = canonical_event_type(type_pick[0])
        if ev_type is None:
            raise InputError(f"{label}: {type_pick[0]!r} is not an ACLED event type")
        same = ev_type == b.get("event_type")
        return ev_type, b.get("sub_event_type") if same else None
    return b.get("event_type"), b.get("sub_event_type")


def _locate(ev: dict[str, Any], g: _Group, old: str | None, label: str, notes: list[str]) -> None:
    """Point the event at place ``g``: country/admin1 from the place hadath resolved for that entity."""
    src = g.source or {}
    if old is not None and str(src.get("id")) == old:
        return  # the same place: the event's own geo stays
    place = src.get("place") if isinstance(src.get("place"), dict) else None
    if place:
        ev.update(
            country=place.get("country"),
            admin1=place.get("admin1"),
            location_en=place.get("name_en") or g.name,
            geo_precision=place.get("geo_precision"),
        )
        return
    ev.update(country=None, admin1=None, location_en=g.name, geo_precision=None)
    notes.append(
        f"{label}: location re-pointed to «{g.mentions[0][1]}», a place hadath did not resolve: "
        "country/admin1 left empty (fill them in the gold file)"
    )


# -- writing -----------------------------------------------------------------------------------------------------


def _file_name(article_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]", "_", article_id).lstrip(".") or "article"


def write_gold(gold: list[dict[str, Any]], out_dir: str | Path) -> list[Path]:
    """Write one ``<article id>.json`` hadath-gold/1 file per document (unsafe file-name characters as ``_``)."""
    d = Path(out_dir)
    try:
        d.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{d}: cannot create the gold folder ({exc.strerror})") from exc
    paths = []
    for g in gold:
        f = d / f"{_file_name(str(g['id']))}.json"
        f.write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(f)
    return paths
