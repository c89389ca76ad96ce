"""Step 4, in-article aliases: the surnames of the persons found (علوش، نتنياهو), the short names of
organisations (صحيفة "الوطن" ... "الوطن") and the clubs of a sports report (دينامو كييف) are matched
again in the rest of the article.
"""

from __future__ import annotations

from hadath.lang.ar.kb import AliasTrie, alias_key, strip_article
from hadath.stages.entities._context import QUOTE, Cand, Ctx, word_core


def in_article_aliases(st: Ctx) -> None:
    toks, lex, kb = st.toks, st.lex, st.kb
    local = AliasTrie()
    targets: dict[str, Cand] = {}
    quoted_only: set[str] = set()
    for m in st.mentions:
        if m.kind == "pname":
            words = tuple(m.key.split())
            last = words[-1]
            if (
                len(words) >= 2
                and words[-2] not in lex.particles
                and last not in lex.given
                and last not in lex.particles
                and last not in lex.compounds
                and last not in lex.stop
                and last not in lex.soft_stop
                and lex.article_surname_ok(last)
            ):
                local.add((last,), ("pname", m.key))
            if len(words) >= 2 or (words[0] not in lex.common and words[0] not in lex.soft_stop):
                local.add(words, ("pname", m.key))
        elif m.kind == "person":
            p = kb.person(m.key)
            if p is not None:
                words = alias_key(p.names_ar[0])
                last = words[-1]
                if (
                    len(words) >= 2
                    and words[-2] not in lex.particles
                    and last not in lex.given
                    and last not in lex.particles
                    and last not in lex.compounds
                ):
                    local.add((last,), ("person", m.key))
        elif m.kind == "org" and m.quoted:
            local.add(tuple(m.key.split()), ("org", m.key))
        elif m.kind == "org" and m.club and not _country(st, m.key):
            # a club the tagger's names gave is the same club where its words stand again (دينامو كييف ... دينامو
            # كييف); the tagger's other organisations are not spread (one wrong reading would be repeated)
            local.add(tuple(m.key.split()), ("org", m.key))
        elif m.kind == "actor" and m.end - m.start >= 2:
            head = strip_article(word_core(toks[m.start]))
            if head in lex.outlet_heads:
                rest = tuple(toks[k].norm for k in range(m.start + 1, m.end) if toks[k].is_word)
                if rest:
                    key = " ".join(rest)
                    local.add(rest, ("actor", m.key))
                    if len(rest) == 1:
                        quoted_only.add(key)
    if not local.root:
        return
    for key_m in st.mentions:
        targets[key_m.key] = key_m
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if not t.is_word or st.covered[i] is not None:
            i += 1
            continue
        if t.norm not in local.root and (not t.prefix or t.core not in local.root):
            i += 1
            continue
        hit = local.longest(toks, i) if not st.ala(i) else None
        if hit is None:
            i += 1
            continue
        end, entries, _fi = hit
        if not st.free(i, end):
            i += 1
            continue
        kind, key = entries[0]
        if kind == "pname" and _fi > 0 and _other_name(st, i, end):
            i += 1  # كيم يونغ ... بيونغ يانغ: read without its ب, the tagger reads a place there, not the surname
            continue
        text = " ".join((toks[k].forms[_fi] if k == i else toks[k].norm) for k in range(i, end))
        if text in quoted_only and not (i > 0 and toks[i - 1].norm == QUOTE):
            i += 1
            continue
        if i > 0 and toks[i - 1].is_word and toks[i - 1].core in lex.block:
            i += 1
            continue
        mk = {"pname": "pname", "person": "person", "org": "org", "actor": "actor"}[kind]
        m = Cand(i, end, mk, key, strip_first=_fi > 0, source="pattern" if mk in ("pname", "org") else "kb")
        src = targets.get(key)
        if src is not None:
            m.actor_type, m.name_en, m.name_en_source = src.actor_type, src.name_en, src.name_en_source
        st.add(m)
        i = end


def _other_name(st: Ctx, i: int, end: int) -> bool:
    """The tagger reads tokens ``[i, end)`` as part of a place or an organisation (a surname found only by
    reading a word without its first letter is then a coincidence)."""
    tagged = st.tagged
    return tagged is not None and any(tagged[k] in ("LOC", "ORG") for k in range(i, end))


def _country(st: Ctx, key: str) -> bool:
    """The words are a country's name (a national team, المغرب: elsewhere the country itself)."""
    return any(kind == "country" for kind, _ in st.kb.trie.get(tuple(key.split())))
