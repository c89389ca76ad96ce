"""Step 7, merging: all mentions of one referent become one :class:`~hadath.doc.Entity` (ids continue the
numbering of ``doc.entities`` in order of first mention); a state's forces outside the focus country are
``external``.

Each mention says whether it names its referent or describes it (``reference``): a generic reference resolved in
context (الجيش، السلطات; not an institution's title: وزارة المالية, ``words/name_institution_heads.txt``), a title
standing for a person (رئيس الوزراء الإسرائيلي) and a knowledge-base alias made only
of descriptive words and nationalities (القوات الأمنية، الجيش السوري: ``words/name_descriptive.txt``) are
descriptions; the entity is a ``name`` when one of its mentions is.
"""

from __future__ import annotations

from hadath.doc import Entity, Mention
from hadath.lang.ar.clitics import AL
from hadath.lang.ar.kb import KB, strip_article
from hadath.lang.ar.orthography import TASHKEEL_RE, norm_str
from hadath.lang.ar.translit import romanize_name_sourced, romanize_words_sourced
from hadath.stages.entities._context import CUE_KINDS, QUOTE, Cand, Ctx, word_core

NAME = "name"
DESCRIPTION = "description"


def _describes(st: Ctx, m: Cand, descriptive: frozenset[str]) -> bool:
    """The knowledge-base alias under ``m`` is made only of descriptive words (قوات، الأمنية, a nationality or a
    country after them): القوات الأمنية، الجيش السوري، مسلحين موالين لدمشق — not قوات سوريا الديمقراطية."""
    trie = st.kb.trie
    words = [st.toks[k] for k in range(m.start, m.end) if st.toks[k].is_word]
    if not words or strip_article(word_core(words[0])) not in descriptive:
        return False
    for t in words[1:]:
        core = word_core(t)
        if strip_article(core) in descriptive:
            continue
        if not any(kind in CUE_KINDS for kind, _ in trie.get((core,))):
            return False
    return True


def _reference(st: Ctx, m: Cand, descriptive: frozenset[str], institutions: frozenset[str]) -> str:
    if m.kind == "generic":
        # an institution's title (وزارة المالية، المحكمة العليا) names it; الجيش، السلطات describe
        words = [st.toks[k] for k in range(m.start, m.end) if st.toks[k].is_word]
        title = len(words) >= 2 and strip_article(word_core(words[0])) in institutions
        return NAME if title else DESCRIPTION
    if m.source == "context" or m.kind == "synth":
        return DESCRIPTION
    if m.kind == "actor" and _describes(st, m, descriptive):
        return DESCRIPTION
    return NAME


def name_only_spans(st: Ctx, designators: frozenset[str], members: frozenset[str] = frozenset()) -> None:
    """A designator before a bare name stands outside the organisation's name (``words/name_span_designators.txt``):
    صحيفة [هآرتس]، وكالة [فرانس برس]، شركة [فورد]، حركة [حماس].  The words after the designator are the name when
    the first is written without the article and they are the knowledge base's alias of the same actor or do not
    begin with a frequent word (وكالة أنباء الشرق الأوسط and وكالة الأنباء المصرية keep their designator).  The
    designator stays the mention's head.  So does a noun of members before the knowledge base's name of the same
    group (``words/name_member_nouns.txt``: مقاتلي [طالبان]، أعضاء [مجلس الأمن])."""
    if not designators and not members:
        return
    toks, lex, trie = st.toks, st.lex, st.kb.trie
    for m in st.mentions:
        if m.kind not in ("actor", "org") or m.quoted or m.end - m.start < 2 or m.cut is not None:
            continue
        t0, t1 = toks[m.start], toks[m.start + 1]
        if not t0.is_word or t0.article or t0.suffix or not t1.is_word or t1.prefix:
            continue
        rest = tuple(toks[k].norm for k in range(m.start + 1, m.end))
        alias = m.resolved is not None and m.resolved[0] == "actor" and m.resolved in trie.get(rest)
        if word_core(t0) in members:
            if not alias:
                continue  # مقاتلي [طالبان]، أعضاء [مجلس الأمن]: the members are described, the name is the group's
        elif word_core(t0) not in designators or t1.article:
            continue
        elif not alias and (t1.norm in lex.stop or t1.norm in lex.soft_stop):
            continue
        m.head = m.head or strip_article(word_core(t0))
        m.start += 1
        m.strip_first = True


def _span(st: Ctx, m: Cand) -> Mention:
    doc, toks = st.doc, st.toks
    t0 = toks[m.start]
    last = toks[m.end - 1]
    if m.quoted and m.kind == "actor" and last.norm == QUOTE:
        last = toks[m.end - 1]
    k = len(t0.prefix) if (m.strip_first and t0.prefix) else 0
    if k and t0.article and not t0.norm[k:].startswith(AL):
        k -= 1  # للمعارضة: the ل of the article stays
    if m.cut is not None:
        k = m.cut
    if k:
        s, _ = doc.norm.to_original(t0.nstart + k, t0.nend)
    else:
        s = t0.start
    e = last.end
    text = doc.text
    while e < len(text) and TASHKEEL_RE.match(text, e):
        e += 1  # the tashkeel of the last letter belongs to the mention
    # a closing quote that belongs to an alias spelled with quotes inside ('تنظيم "داعش"')
    inner = [toks[x].norm for x in range(m.start, m.end)]
    if inner.count(QUOTE) == 1 and m.end < len(toks) and toks[m.end].norm == QUOTE:
        e = toks[m.end].end
    return Mention(s, e, doc.text[s:e])


def build_entities(
    st: Ctx, descriptive: frozenset[str] = frozenset(), institutions: frozenset[str] = frozenset()
) -> None:
    kb, doc = st.kb, st.doc
    focus = doc.focus_country
    groups: dict[tuple[str, str], list[Cand]] = {}
    for m in sorted(st.mentions, key=lambda x: x.start):
        if m.resolved is None:
            continue
        groups.setdefault(m.resolved, []).append(m)
    ordered = sorted(groups.items(), key=lambda kv: kv[1][0].start)
    base = len(doc.entities)
    ids: dict[tuple[str, str], str] = {key: f"e{base + n + 1}" for n, (key, _) in enumerate(ordered)}
    out: list[Entity] = []
    for key, ms in ordered:
        spans: list[Mention] = []
        seen: dict[tuple[int, int], Mention] = {}
        for m in ms:
            sp = _span(st, m)
            sp.reference = _reference(st, m, descriptive, institutions)
            same = seen.get((sp.start, sp.end))
            if same is None:
                seen[(sp.start, sp.end)] = sp
                spans.append(sp)
            elif sp.reference == NAME:
                same.reference = NAME
        name_ar = max((s.text for s in spans), key=len)
        sources = {m.source for m in ms}
        source = next((s for s in ("kb", "pattern", "model") if s in sources), "context")
        kind, ref = key
        ent = Entity(
            id=ids[key],
            kind="organization",
            name_ar=name_ar,
            name_en=None,
            canonical_id=None,
            actor_type=None,
            mentions=list(spans),
            source=source,
            reference=NAME if any(sp.reference == NAME for sp in spans) else DESCRIPTION,
        )
        if kind == "actor":
            a = kb.actors[ref]
            ent.name_en, ent.canonical_id, ent.country = a.name_en, a.id, a.country
            ent.name_en_source = "kb"
            ent.actor_type = a.actor_type
            if a.actor_type == "state_forces" and a.country and focus and a.country != focus:
                ent.actor_type = "external"
        elif kind == "synth":
            m0 = ms[0]
            ent.name_en, ent.actor_type, ent.country = ref, m0.actor_type, m0.country
            ent.name_en_source = "kb"
            if ent.actor_type == "state_forces" and ent.country and focus and ent.country != focus:
                ent.actor_type = "external"
        elif kind == "org":
            m0 = next((m for m in ms if m.name_en), ms[0])
            if m0.name_en:
                ent.name_en, ent.name_en_source = m0.name_en, m0.name_en_source
            else:
                ent.name_en, ent.name_en_source = romanize_words_sourced(_without_designator(st, name_ar), focus)
            ent.actor_type = m0.actor_type or "rebel_group"
            ent.country = focus
        elif kind == "person":
            p = kb.persons[ref]
            ent.kind, ent.name_en, ent.canonical_id, ent.country = "person", p.name_en, p.id, p.country
            ent.name_en_source = "kb"
            ent.role = next((m.role for m in ms if m.role), p.role)
            ent.affiliation = _aff_id(ms, ids, kb, p.affiliation, st)
        else:  # pname
            ent.kind = "person"
            ent.name_en, ent.name_en_source = romanize_name_sourced(name_ar, focus)
            ent.role = next((m.role for m in ms if m.role), None)
            ent.country = next((m.country for m in ms if m.country), None)
            ent.affiliation = _aff_id(ms, ids, kb, None, st)
        if ent.kind == "person":
            ent.actor_type = None
        out.append(ent)
    doc.entities.extend(out)


def _without_designator(st: Ctx, name_ar: str) -> list[str]:
    """The words of an organisation's name without a leading designator (منظمة، وكالة، صحيفة: ``org_heads.tsv``
    kind outlet_head) before a foreign name, whose English name is the name's (منظمة فريدوم هاوس -> Freedom House,
    not "Manzma ..."); before Arabic words with the article the designator is part of the name (منظمة التجارة
    العالمية)."""
    words = name_ar.split()
    rest = [norm_str(w) for w in words[1:]]
    if rest and strip_article(norm_str(words[0])) in st.lex.outlet_heads and all(strip_article(w) == w for w in rest):
        return words[1:]
    return words


def _aff_id(ms: list[Cand], ids: dict[tuple[str, str], str], kb: KB, kb_aff: str | None, st: Ctx) -> str | None:
    for m in ms:
        if m.aff is not None and m.aff.resolved is not None and m.aff.resolved in ids:
            return ids[m.aff.resolved]
    if kb_aff:
        key = ("actor", kb_aff)
        if key in ids:
            return ids[key]
    return None
