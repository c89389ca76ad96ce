"""Step 6, role phrases and generic references: a title without a name names the one person of the article in
that office; النظام، الجيش، التنظيم ... resolve to an earlier antecedent or to the focus country's actor.
"""

from __future__ import annotations

from hadath.lang.ar.kb import strip_article
from hadath.stages.entities._context import Cand, Ctx, word_core

#: how many earlier mentions a generic reference looks back at (keeps very long texts linear)
_LOOKBACK = 400


def role_coreference(st: Ctx) -> None:
    """A title phrase without a name (رئيس الوزراء الإسرائيلي) names the one person of the article in that office."""
    if not st.title_spans:
        return
    kb = st.kb
    people: list[tuple[Cand, str | None, str | None, str | None]] = []
    for m in st.mentions:
        if m.kind == "person":
            p = kb.person(m.key)
            if p is not None:
                people.append((m, p.role, p.country, p.affiliation))
        elif m.kind == "pname" and m.role:
            maff = m.aff.key if m.aff is not None and m.aff.kind == "actor" else None
            people.append((m, m.role, m.country, maff))
    by_role: dict[str | None, list[tuple[Cand, str | None, str | None, str | None]]] = {}
    for person in people:  # indexed by role: a title is compared with the people in its office only
        by_role.setdefault(person[1], []).append(person)
    for i, j, role, aff, country in st.title_spans:
        if not st.free(i, j):
            continue
        aff_id = aff.key if aff is not None and aff.kind == "actor" else None
        cands = {
            (pm.kind, pm.key)
            for pm, _prole, pcountry, paff in by_role.get(role, ())
            if (country is not None and pcountry == country) or (aff_id is not None and paff == aff_id)
        }
        if len(cands) == 1:
            kind, key = next(iter(cands))
            st.add(Cand(i, j, kind, key, source="context"))


def resolve_generics(st: Ctx) -> None:
    kb = st.kb
    focus = st.doc.focus_country
    date = st.doc.meta.published
    st.mentions.sort(key=lambda m: m.start)
    for m in st.mentions:
        if m.kind == "actor":
            m.resolved = ("actor", kb.current(m.key, date))
        elif m.kind == "person":
            m.resolved = ("person", m.key)
        elif m.kind == "pname":
            m.resolved = ("pname", m.key)
        elif m.kind == "org":
            m.resolved = ("org", m.key)
    cores: dict[int, tuple[str, ...]] = {}  # mention index → its first words' cores, read once per mention
    for idx, m in enumerate(st.mentions):
        if m.kind != "generic":
            continue
        g = kb.generic.get(tuple(m.key.split()))
        if g is None:
            continue
        res: tuple[str, str] | None = None
        if m.country is not None and "{cc}" in g.target:
            # the text names the country (وزارة التجارة الصينية): no antecedent, no focus
            target = g.target_for(m.country)
            if target is not None:
                res = _target(st, m, g.name_en, g.actor_type, target, date)
            m.resolved = res
            m.source = "context"
            continue
        if g.antecedent:
            res = _antecedent(st, idx, g.antecedent, g.window, cores)
        if res is None and g.recent_ids:
            ids = set(g.recent_ids)
            for k in range(idx - 1, max(-1, idx - 1 - _LOOKBACK), -1):
                prev = st.mentions[k]
                if prev.resolved and prev.resolved[0] == "actor" and prev.resolved[1] in ids:
                    res = prev.resolved
                    break
        if res is None and not g.named_only:
            target = g.target_for(focus)
            if target is None and g.countries and focus not in g.countries:
                # the focus is elsewhere but the article is about one of the listed countries too
                for cc in sorted(g.countries, key=lambda c: -st.votes.get(c, 0)):
                    if st.votes.get(cc, 0) >= 2:
                        target = g.target_for(cc)
                        break
            if target is not None:
                res = _target(st, m, g.name_en, g.actor_type, target, date)
        m.resolved = res
        m.source = "context"


def _target(
    st: Ctx, m: Cand, name_en: str | None, actor_type: str | None, target: str, date: str | None
) -> tuple[str, str] | None:
    """The entity key of a generic reference's target: a knowledge-base actor, or an actor named by the
    reference's English template ({country} filled from the target's country)."""
    kb = st.kb
    if target in kb.actors:
        return ("actor", kb.current(target, date))
    if not name_en:
        return None
    tcc = target.rsplit("_", 1)[-1] if "_" in target else st.doc.focus_country
    cname = kb.country_name(tcc) or tcc or ""
    name = name_en.replace("{country}", cname)
    m.name_en, m.actor_type = name, actor_type
    m.country = tcc if tcc in kb.countries else None
    return ("synth", name)


def _antecedent(
    st: Ctx, idx: int, heads: tuple[tuple[str, ...], ...], window: int | None, cache: dict[int, tuple[str, ...]]
) -> tuple[str, str] | None:
    toks = st.toks
    m = st.mentions[idx]
    sent = toks[m.start].sent
    for k in range(idx - 1, max(-1, idx - 1 - _LOOKBACK), -1):
        prev = st.mentions[k]
        if prev.resolved is None or prev.kind in ("person", "pname") or prev.resolved[0] in ("person", "pname"):
            continue
        if window is not None and sent - toks[prev.start].sent > window:
            break
        cores = cache.get(k)
        if cores is None:
            cores = cache[k] = tuple(
                strip_article(word_core(toks[q])) for q in range(prev.start, min(prev.end, prev.start + 3))
            )
        for h in heads:
            if cores[: len(h)] == h or (prev.head is not None and (prev.head,) == h[:1] and len(h) == 1):
                return prev.resolved
    return None
