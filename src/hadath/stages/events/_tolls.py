"""Fatalities by ACLED's rules: which counts of a sentence are an incident's dead, and what the incident's
toll is.

:func:`assign_numbers` hands each count of the ``numbers`` layer to the trigger that owns it (the trigger after
a causal connective — "مقتل 62 عنصرا ... من جراء هجوم" —, a trigger right after "في"/"بـ", else the nearest one)
and decides whether it is a death toll:

* a count the numbers stage marks *killed*, or a count of people, fighters or civilians with a verb of dying
  after it ("وأن 7 من قوات الأمن على الأقل قتلوا");
* **a sum of parts**: a count coordinated with a toll ("أكثر من 40 من المسلحين **و**9 من الجنود" = 49) adds to
  it; a count marked *آخرين/أيضا* adds to the incident's toll;
* **a subset is no toll**: a count after بينهم/منهم ("قتل 15 بينهم 4 ضباط" = 15);
* **a toll over more than about a week** ("منذ 18 فبراير"، "خلال الأسابيع الماضية") is a quantity of the mention,
  not its fatalities (``Mention.cumulative``, set by :func:`~._dates.recent`);
* **a named victim**: without any count, a verbal noun of death with a pronoun or a person's name ("ما أدى إلى
  مقتله"، "مقتل القيادي يحيى") is one, and each companion after مع is one more ("مقتله مع مرافقه" = 2).

:func:`fatalities` gives the incident's toll: the most conservative *specific* number among its mentions'
reports (exact counts before approximate ones: "11" over "أكثر من عشرة"), plus the counts of "others".
"""

from __future__ import annotations

from hadath.doc import Quantity
from hadath.lang.ar.clitics import WA
from hadath.stages.events._context import Ctx, Mention
from hadath.stages.events._tokens import owner

#: categories of a count of people that a verb of dying after it makes a toll
_PEOPLE = frozenset({"people", "fighters", "civilians", "killed"})
#: how far (in words) a coordinated part may follow the toll it adds to
_PART_REACH = 8


def assign_numbers(ctx: Ctx, mentions: list[Mention]) -> None:
    """Each count goes to the trigger that owns it (one incident per count); tolls become ``Mention.killed``."""
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sent, []).append(m)
    last: dict[int, tuple[int, list[Mention]]] = {}  # sentence -> (last token of its latest toll, its mentions)
    for q in ctx.doc.quantities:
        if not ctx.toks:
            break
        k = ctx.tok_at(q.start)
        s = ctx.sent[k]
        cands = by_sent.get(s)
        if not cands:
            continue
        ke = ctx.tok_at(max(q.start, q.end - 1))
        prev = last.get(s)
        part = prev is not None and q.category in _PEOPLE and _part_of(ctx, prev[0], k)
        if part and prev is not None:
            targets = prev[1]
        else:
            own = owner(ctx, s, k)
            targets = [m for m in cands if m.ti == own]
            if not targets:
                best = min(
                    cands,
                    key=lambda m: min(abs(k - m.ti), abs(k - m.tj)) + (0 if ctx.chunk[k] == ctx.chunk[m.ti] else 3),
                )
                targets = [m for m in cands if m.ti == best.ti]
        if not _is_toll(ctx, q, k, ke, part):
            for m in targets:
                m.quantities.append(q)
            continue
        counted = [m for m in targets if not m.cumulative]
        for m in targets:
            if m.cumulative:
                m.quantities.append(q)  # a toll over weeks: a quantity, not the event's fatalities
        b = ctx.sent_range[s][1]
        more = ctx.words.additive
        additive = any(ctx.toks[x].stem in more or ctx.toks[x].norm in more for x in range(ke, min(b, ke + 4)))
        for m in counted:
            if part and m.killed:
                v, add, approx = m.killed[-1]
                m.killed[-1] = (v + float(q.value), add, approx or q.approx)  # 40 مسلحا و9 جنود = 49
            else:
                m.killed.append((float(q.value), additive, q.approx))
        last[s] = (ke, targets)
    for m in mentions:
        if not m.killed and not m.cumulative and not m.title:
            n = _named_victims(ctx, m)
            if n:
                m.killed.append((float(n), False, False))


def _is_toll(ctx: Ctx, q: Quantity, k: int, ke: int, part: bool) -> bool:
    """Count q (tokens k..ke) is a death toll, not a subset of one."""
    s = ctx.sent[k]
    a, b = ctx.sent_range[s]
    w = ctx.words
    if any(ctx.toks[x].norm in w.among or ctx.toks[x].stem in w.among for x in range(max(a, k - 2), k)):
        return False  # "قتل 15 بينهم 4 ضباط": four of the fifteen
    if q.category == "killed" or part:
        return True
    if q.category not in _PEOPLE:
        return False
    # "وأن 7 من قوات الأمن على الأقل قتلوا": a verb of dying after the count, in its clause
    for x in range(ke + 1, min(b, ke + 7)):
        if ctx.chunk[x] != ctx.chunk[k]:
            break
        t = ctx.toks[x]
        if t.stem in w.death_verbs or t.norm in w.death_verbs:
            return True
    return False


def _part_of(ctx: Ctx, prev_end: int, k: int) -> bool:
    """The count at k is coordinated with the toll ending at prev_end: "40 من المسلحين و9 من الجنود"."""
    if not 0 < k - prev_end <= _PART_REACH or ctx.chunk[k] != ctx.chunk[prev_end]:
        return False
    w = ctx.words
    if any(ctx.toks[x].norm in w.among or ctx.toks[x].stem in w.among for x in range(prev_end + 1, k)):
        return False
    return ctx.toks[k].has_wa or ctx.toks[k - 1].norm == WA


def _named_victims(ctx: Ctx, m: Mention) -> int:
    """Victims the clause names without a count: "ما أدى إلى مقتله" (1), "مقتله مع مرافقه" (2), "مقتل القيادي
    يحيى" (1); 0 when there is none."""
    a, b = ctx.sent_range[m.sent]
    w = ctx.words
    persons = [
        (ctx.tok_at(sp.start), ctx.tok_at(max(sp.start, sp.end - 1)))
        for e in ctx.doc.entities
        if e.kind == "person"
        for sp in e.mentions
        if ctx.toks and ctx.sent[ctx.tok_at(sp.start)] == m.sent
    ]
    for k in range(max(a, m.ti - 10), min(b, m.tj + 10)):
        t = ctx.toks[k]
        if not t.is_word or t.stem not in w.death_nouns:
            continue
        if ctx.chunk[k] != ctx.chunk[m.ti] and abs(k - m.ti) > 3:
            continue
        if t.suffix:
            n, end = 1, k  # مقتله
        else:
            hit = next((pe for ps, pe in persons if k < ps <= k + 3), None)
            if hit is None:
                continue
            n, end = 1, hit  # مقتل القيادي يحيى
        q = end + 1
        while q + 1 < b and ctx.toks[q].norm in w.with_:
            c = ctx.toks[q + 1]
            if c.stem in w.companions and c.suffix:
                n += 1  # "مع مرافقه"
                q += 2
                continue
            break
        return n
    return 0


def fatalities(mentions: list[Mention]) -> int | None:
    """The incident's toll: the most conservative specific report (exact counts first), plus "others"."""
    body = [m for m in mentions if not m.title]
    base = [(v, approx) for m in body for v, add, approx in m.killed if not add]
    extra = [v for m in body for v, add, _ in m.killed if add]
    if not base:
        return None
    exact = [v for v, approx in base if not approx]
    return int(min(exact or [v for v, _ in base]) + sum(extra))
