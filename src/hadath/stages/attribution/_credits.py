"""Article credits: agency names on the last lines ("(أ ف ب، رويترز)", "فرانس 24/ أ ف ب", "المصدر: رويترز")
or in the dateline ("بيروت (رويترز) -", "دمشق - رويترز"), recorded as ``article_level`` acts with no content.
"""

from __future__ import annotations

import re

from hadath.stages.attribution._context import Ctx, Who

_PAREN = re.compile(r"\([^()]*\)")


def read_credits(c: Ctx) -> None:
    doc = c.doc
    lex = c.lex
    rx, dl_paren, dl_dash = lex.agency_re, lex.dateline_paren_re, lex.dateline_dash_re
    ntext = doc.norm.text
    lines: list[tuple[int, int]] = []
    pos = 0
    for ln in ntext.split("\n"):
        if ln.strip():
            lines.append((pos, pos + len(ln)))
        pos += len(ln) + 1
    if not lines:
        return
    cands: list[tuple[int, int]] = []
    # the last line(s): "ز.أ.ب/ح.ع.ح (أ ف ب، رويترز)", "فرانس 24/ أ ف ب", "المصدر: رويترز"
    for a, b in lines[-2:]:
        seg = ntext[a:b]
        if len(seg.strip()) > 90:
            continue
        ms = list(rx.finditer(seg))
        if not ms:
            continue
        rest = rx.sub("", seg)
        rest = lex.credit_noise_re.sub(" ", rest)
        if len(rest.split()) > 2:
            continue
        paren = _PAREN.search(seg)
        if paren and any(paren.start() <= m.start() < paren.end() for m in ms):
            cands.append((a + paren.start(), a + paren.end()))
        else:
            cands.append((a + ms[0].start(), a + ms[-1].end()))
    # a dateline at the start: "بيروت (رويترز) -", "(أ ف ب) -", "دمشق - رويترز"
    for a, b in lines[:3]:
        seg = ntext[a : min(b, a + 80)]
        m = dl_paren.search(seg)
        if m is None:
            m2 = dl_dash.match(seg)
            if m2 is not None:
                cands.append((a + m2.start(1), a + m2.end(1)))
            continue
        cands.append((a + m.start(), a + m.end() - 1))
    seen: set[tuple[int, int]] = set()
    for na, nb in cands:
        if (na, nb) in seen:
            continue
        seen.add((na, nb))
        cs, ce = doc.norm.to_original(na, nb)
        while ce > cs and doc.text[ce - 1].isspace():
            ce -= 1
        seg = ntext[na:nb]
        for m in rx.finditer(seg):
            ss, se = doc.norm.to_original(na + m.start(), na + m.end())
            ent = _entity_over(c, ss, se)
            who = Who(ent, doc.text[ss:se], ss, se, False, m.group())
            rec = c.emit(who, (cs, ce), None, lemma="credit", update_last=False)
            rec.article_level = True


def _entity_over(c: Ctx, s: int, e: int) -> str | None:
    for ent in c.doc.entities:
        if ent.kind == "place":
            continue
        for m in ent.mentions:
            if m.start < e and s < m.end:
                return ent.id
    return None
