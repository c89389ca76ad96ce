"""The actor knowledge base and the entity lexicons under lang/ar: every row valid and consistent."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from hadath.doc import ACTOR_TYPES
from hadath.lang import load_lines, load_tsv, read_text
from hadath.lang.ar.kb import alias_key, load_kb
from hadath.lang.ar.orthography import norm_str

FILES = (
    "actors.tsv",
    "persons.tsv",
    "countries.tsv",
    "country_cues.tsv",
    "generic_refs.tsv",
    "person_titles.tsv",
    "org_heads.tsv",
    "given_names.txt",
)
_ARABIC = re.compile(r"[\u0621-\u064a]")
_ACRONYM = re.compile(r"^[a-z0-9]+(?: [a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@pytest.mark.parametrize("name", FILES)
def test_files_have_a_provenance_header(name: str) -> None:
    head = read_text(name).splitlines()[:3]
    assert head and all(line.startswith("#") for line in head[:2])
    assert "Source" in read_text(name).split("\n#")[-1] or "Source" in read_text(name)[:3000]


@pytest.mark.parametrize("name", [f for f in FILES if f.endswith(".tsv")])
def test_tsv_rows_have_the_header_width(name: str) -> None:
    lines = [ln for ln in read_text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    width = len(lines[0].split("\t"))
    bad = [ln for ln in lines[1:] if len(ln.split("\t")) > width]
    assert not bad


def test_actor_rows_are_valid() -> None:
    rows = load_tsv("actors.tsv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate actor ids"
    known = set(ids)
    countries = {r["iso2"] for r in load_tsv("countries.tsv")}
    for r in rows:
        assert re.fullmatch(r"[a-z][a-z0-9_A-Z]*", r["id"]), r["id"]
        assert r["name_en"].strip() == r["name_en"] and r["name_en"], r["id"]
        assert r["actor_type"] in ACTOR_TYPES, (r["id"], r["actor_type"])
        assert not r["country"] or r["country"] in countries or re.fullmatch(r"[A-Z]{2}", r["country"]), r["id"]
        assert not r["parent"] or (r["parent"] in known and r["parent"] != r["id"]), r["id"]
        assert not r["successor"] or r["successor"] in known, r["id"]
        for d in (r["valid_from"], r["valid_to"]):
            assert not d or _DATE.match(d), r["id"]
        assert r["aliases_ar"], f"{r['id']} has no Arabic alias"


def test_parents_do_not_loop() -> None:
    kb = load_kb()
    for a in kb.actors.values():
        seen = {a.id}
        p = a.parent
        while p:
            assert p not in seen, f"parent loop at {a.id}"
            seen.add(p)
            parent = kb.actor(p)
            p = parent.parent if parent else None


def test_aliases_normalise_cleanly_and_are_unique_across_actors() -> None:
    owner: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r in load_tsv("actors.tsv"):
        for al in r["aliases_ar"].split("|"):
            assert al == al.strip() and "  " not in al and al, (r["id"], al)
            key = alias_key(al)
            assert key, (r["id"], al)
            assert _ARABIC.search(norm_str(al)) or _ACRONYM.match(norm_str(al)), (r["id"], al)
            owner[key].add(r["id"])
    dup = {" ".join(k): v for k, v in owner.items() if len(v) > 1}
    assert not dup
    generic = {alias_key(r["phrase"]) for r in load_tsv("generic_refs.tsv")}
    assert not (generic & set(owner)), "a generic phrase is also an actor alias"


def test_knowledge_base_size() -> None:
    kb = load_kb()
    assert len(kb.actors) >= 400
    assert sum(len(a.aliases_ar) for a in kb.actors.values()) >= 2000
    assert len(kb.persons) >= 150


def test_every_country_has_military_and_government_actors() -> None:
    kb = load_kb()
    for iso in kb.countries:
        assert f"mil_{iso}" in kb.actors and f"gov_{iso}" in kb.actors, iso
        assert kb.actors[f"mil_{iso}"].actor_type == "state_forces"
        assert kb.actors[f"gov_{iso}"].actor_type == "government"


@pytest.mark.parametrize(
    ("alias", "actor_id", "actor_type"),
    [
        ("داعش", "isis", "rebel_group"),
        ("هيئة تحرير الشام", "hts", "rebel_group"),
        ("حزب الله", "hezbollah", "political_militia"),
        ("المرصد السوري لحقوق الإنسان", "sohr", "noncombatant"),
        ("الجيش العربي السوري", "mil_SY", "state_forces"),
        ("أنصار الله", "houthis", "rebel_group"),
        ("الخوذ البيضاء", "white_helmets", "noncombatant"),
        ("أ ف ب", "afp", "noncombatant"),
        ("الإعلام الحربي", "hezbollah_media", "noncombatant"),
    ],
)
def test_well_known_actors(alias: str, actor_id: str, actor_type: str) -> None:
    kb = load_kb()
    assert ("actor", actor_id) in kb.trie.get(alias_key(alias))
    assert kb.actors[actor_id].actor_type == actor_type


def test_renaming_chain() -> None:
    kb = load_kb()
    assert kb.current("nusra", "2018-01-01") == "hts"
    assert kb.current("nusra", "2016-01-01") == "nusra"
    assert kb.current("jfs", "2016-10-01") == "jfs"


def test_person_rows_are_valid() -> None:
    kb = load_kb()
    rows = load_tsv("persons.tsv")
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    owner: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r in rows:
        assert r["name_en"] and r["names_ar"], r["id"]
        assert not r["affiliation"] or r["affiliation"] in kb.actors, r["id"]
        for n in r["names_ar"].split("|"):
            owner[alias_key(n)].add(r["id"])
    assert not {k: v for k, v in owner.items() if len(v) > 1}
    actor_keys = {alias_key(al) for a in kb.actors.values() for al in a.aliases_ar}
    assert not (set(owner) & actor_keys), "a person name is also an actor alias"


def test_generic_refs_targets_exist_or_have_a_name() -> None:
    kb = load_kb()
    for g in kb.generic.values():
        assert g.antecedent or g.target, g.phrase
        for cc in g.countries:
            assert cc in kb.countries, (g.phrase, cc)
        if g.target.startswith("@recent:"):
            assert all(i in kb.actors for i in g.recent_ids), g.phrase
            continue
        for part in g.target.split(";") if g.target else []:
            tid = part.split("=", 1)[-1]
            if "{cc}" in tid:
                assert g.name_en and g.actor_type in ACTOR_TYPES, g.phrase
            else:
                assert tid in kb.actors or (g.name_en and g.actor_type in ACTOR_TYPES), (g.phrase, tid)


def test_countries_and_cues() -> None:
    rows = load_tsv("countries.tsv")
    isos = [r["iso2"] for r in rows]
    assert len(isos) == len(set(isos)) and len(isos) >= 60
    assert all(re.fullmatch(r"[A-Z]{2}", i) for i in isos)
    for r in load_tsv("country_cues.tsv"):
        assert r["iso2"] in isos


def test_given_names_and_lexicons() -> None:
    names = [ln.split("\t") for ln in load_lines("given_names.txt")]
    assert len(names) >= 500
    for parts in names:
        assert parts[0] == norm_str(parts[0]), parts[0]
        assert len(parts) == 1 or parts[1] in ("common", "particle", "compound"), parts
    kinds = {r["kind"] for r in load_tsv("person_titles.tsv")}
    assert kinds <= {"title", "rank", "speech", "filler"}
    heads = {r["kind"] for r in load_tsv("org_heads.tsv")}
    assert heads <= {"head", "strong_head", "outlet_head", "name", "block", "stop", "soft_stop"}
    for r in load_tsv("org_heads.tsv"):
        if r["kind"] in ("head", "strong_head", "outlet_head", "name") and r["actor_type"]:
            assert r["actor_type"] in ACTOR_TYPES, r


def test_kb_loads_once_and_fast() -> None:
    import time

    load_kb.cache_clear()
    t = time.perf_counter()
    kb = load_kb()
    assert time.perf_counter() - t < 2.0  # generous for slow CI machines; ~0.3 s here
    assert load_kb() is kb
