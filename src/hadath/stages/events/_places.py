"""Where: the place of a mention, chosen among the place mentions of its sentence by scored features.

Each place mention of the sentence is a candidate.  Its score adds up explicit features (weights below):

* **relation to the trigger** (:func:`place_relation`): في/بـ X and على X best, the subject of تعرض ("تعرضت
  مدن A وB لغارات"), إلى X for movements, قرب/شمال X (geo precision 2), من X for territory lost, otherwise
  only when adjacent;
* **distance** in words, a place after the trigger, the same clause (comma-free stretch) as the trigger;
* **level**: a town beats a region, a province, a country; an unresolved place (the gazetteer lacks it) and a
  place without a country score lower;
* **excluded**: a place in the speaker phrase of an attribution or the seat of a source ("مصادر في العاصمة
  صنعاء"، "مراسلنا في حلب"، "المرصد، ومقره بريطانيا"، "الذي يتخذ من لندن مقرا"), and a place between the cue and
  the content of the statement that reports the trigger;
* **penalties**: a place that only locates another ("غزنة الواقعة جنوب كابول"، "منطقة X قرب مدينة Y": Y locates
  X), a place that modifies an actor ("طائرات التحالف في اليمن"، "القوات الروسية في سوريا"), a place in another
  clause (behind a connective of time or cause, or inside a relative clause the trigger is not in).

The best candidate wins if it scores at least 1.0.  Then: a wide area gives way to a town named right after it
("في الغوطة هي مسرابا وجسرين"، "في ريف إدلب في بلدة سرمدا"); a coordinated list of places of one kind, wherever
it stands ("تعرضت مدن A وB لغارات"، "طال القصف مناطق A، B، C"، "شمل محاور A وB"، "حاجز A ووسط مدينة B وعند مدخل
C، إضافة إلى D") gives them all: one event per place; another town the trigger reaches in its clause
("طاولت مركزا في الحديدة وألحقت أضرارا بمرفق في زبيد") is one more place.  An unresolved place gets an
**anchor**: the resolved place the text locates it by ("قرية X جنوب مدينة Y"، "X في ريف Y"، "وفي محافظة Z المجاورة،
بلدة X"), which gives the event its coordinates with geo precision 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from hadath.doc import Entity
from hadath.lang.ar.clitics import BI, CONJUNCTIONS, WA
from hadath.stages.events._context import Ctx, Located
from hadath.stages.events._tokens import owner

_CONJ = "".join(CONJUNCTIONS)

LEVEL_RANK = {
    "country": 0,
    "admin1": 1,
    "region": 2,
    "admin2": 2,
    "admin3": 3,
    "city": 4,
    "town": 4,
    "village": 4,
    "neighbourhood": 5,
    "camp": 5,
    "other": 3,
}

#: the score of each relation to the trigger (movement and territory triggers read "to" and "from" higher)
_RELATION = {"in": 3.0, "on": 3.0, "object": 2.8, "subject": 2.5, "to": 2.0, "near": 2.2, "from": 0.8}
_MIN_SCORE = 1.0
#: how far (in words) another town of the trigger's clause may stand
_REACH = 25
#: how many words may stand between a trigger verb and its object place after a subject (VSO)
_VSO_GAP = 6
#: the cue kinds of prepositions: a place behind one is no object of the verb
_PREP_KINDS = ("in_prep", "to_prep", "near_prep", "from_prep", "target_prep", "agent_prep", "pair_prep", "clash_prep")
#: how many tokens may stand between two places of one list ("ووسط مدينة"، "وعند المدخل الجنوبي لـ")
_LIST_GAP = 4


@dataclass(slots=True)
class PlaceChoice:
    """The places of a mention (one, or a list: one event each), the near flag and the anchor of an
    unresolved place."""

    places: list[Located] = field(default_factory=list)
    near: bool = False
    anchor: Located | None = None
    locator: Located | None = None  # the known place a resolved one is located by ("X الواقعة شمالي Y": Y)


def _rank(m: Located) -> int:
    return LEVEL_RANK.get(m.ent.level or "other", 3)


def _rank_at(ctx: Ctx, m: Located) -> int:
    """The rank of place m as the text names it: "مدينة الخليل"، "بمدينة البصرة" is the city, whatever level
    the gazetteer gives the name its province shares."""
    r = _rank(m)
    if r > 2 or m.ti == 0 or m.prefix.lstrip(_CONJ):
        return r
    return LEVEL_RANK["city"] if ctx.has(m.ti - 1, "city_noun") else r


def find_place(ctx: Ctx, s: int, i: int, j: int, sub: str, a: int, b: int) -> PlaceChoice:
    """The place(s) of trigger [i, j) of sentence s [a, b)."""
    places = [m for m in ctx.places.get(s, []) if not source_place(ctx, m, a) and not party_not_place(ctx, m, a)]
    pos = ctx.toks[i].start
    for att in ctx.attributions_at(pos):
        c = att.content
        if c is not None and c.start <= pos < c.end and att.cue_start < c.start:
            # "وذكر المرصد من مقره في بريطانيا إن ... قتلوا": the speaker's whereabouts (between the cue and
            # the content) are not the event's
            places = [m for m in places if not att.cue_start <= m.span.start < c.start]
            break
    if not places:
        return PlaceChoice()
    movement = sub in ("Other", "Non-violent transfer of territory")
    territory = sub.startswith("@territory") or "territory" in sub
    best: tuple[float, Located, bool] | None = None
    scored: list[tuple[float, Located, bool]] = []
    for m in places:
        score, near = _score(ctx, places, m, i, j, a, movement, territory)
        scored.append((score, m, near))
        if best is None or score > best[0]:
            best = (score, m, near)
    assert best is not None
    if best[0] < _MIN_SCORE:
        return PlaceChoice()
    chosen = best[1]
    if chosen.tj <= i and 1 <= _rank(chosen) <= 2:
        # "وفي محافظة الحديدة، قصفت الطائرات معسكرا في منطقة الكدن": a province or district before the trigger
        # frames its clause; a place inside it that the clause names after the trigger is the event's
        inner = [
            x
            for x in scored
            if x[0] >= _MIN_SCORE
            and j <= x[1].ti <= j + _REACH
            and _rank(x[1]) > _rank(chosen)
            and _inside(x[1].ent, chosen.ent)
            and not _locates_another(ctx, places, x[1], a)
        ]
        if inner:
            best = max(inner, key=lambda x: x[0])
            chosen = best[1]
    if _rank(chosen) <= 2:
        # "في الغوطة هي مسرابا وجسرين ..."، "في ريف إدلب في بلدة سرمدا": the more specific places
        for m in places:
            if (
                chosen.tj <= m.ti <= chosen.tj + 6
                and ctx.chunk[m.ti] == ctx.chunk[chosen.ti]
                and _within_a_phrase(ctx, chosen.tj, m.ti)
                and _rank(m) >= 3
                and _same_admin1(m.ent, chosen.ent)
                and not _locates_another(ctx, places, m, a)
            ):
                chosen = m
                break
    group = _coordinated(ctx, places, chosen)
    if (
        len(group) > 1
        and len({min(_rank_at(ctx, m), 3) for m in group}) == 1
        and not _one_area(ctx, group)
        and place_relation(ctx, group[0], a, (i, j))[0] not in ("from", "to")  # "طرد التنظيم من حماة وحلب": one
    ):
        out = group
    else:
        out = [chosen, *_more_towns(ctx, places, chosen, i, j, a, b)]
    anchor = _anchor(ctx, places, out[0], a) if not resolved(out[0].ent) else None
    locator = _locator(ctx, places, out[0]) if len(out) == 1 and anchor is None else None
    return PlaceChoice(out, best[2], anchor, locator)


def _score(
    ctx: Ctx, places: Sequence[Located], m: Located, i: int, j: int, a: int, movement: bool, territory: bool
) -> tuple[float, bool]:
    rel, near = place_relation(ctx, m, a, (i, j))
    dist = (m.ti - j) if m.ti >= j else (i - m.tj) + 1
    cue = _elaborating(ctx, m, j)
    if cue is not None:
        dist = cue - j  # "مسيرات باتجاه الحواجز، من بينها حاجز A ووسط مدينة B": as far as the list's head
    if rel == "none":
        # adjacent to the trigger ("قصف حلب"), unless a preposition and its noun stand between: the place is
        # then that noun's genitive ("الاحتجاج على أحداث غزة": what the protest is about, not where it is)
        score = 1.4 if dist <= 2 and not _in_a_phrase_after(ctx, m, j) else 0.3
    elif rel == "to" and movement:
        score = 3.2
    elif rel == "from" and territory:
        score = 2.0
    else:
        score = _RELATION[rel]
    score -= 0.12 * dist
    if m.ti >= j:
        score += 0.4
    if ctx.chunk[m.ti] != ctx.chunk[i]:
        score -= 0.6
    rank = _rank_at(ctx, m)
    score += 0.15 * rank
    if rank == 0:
        score -= 0.6
    if not resolved(m.ent):
        score -= 0.5
    elif m.ent.geo is not None and not m.ent.geo.country:
        score -= 1.0
    if _locates_another(ctx, places, m, a):
        score -= 1.5  # "غزنة الواقعة جنوب كابول": Kabul only locates Ghazni
    if _modifies_actor(ctx, m, a):
        score -= 1.5  # "طائرات التحالف في اليمن": where the actor is, not the event
    if _other_clause(ctx, m, i, j):
        score -= 1.0
    if _at_a_meeting(ctx, m, a) and not (i <= m.ti - 1 <= j + 4):
        score -= 3.0  # "محادثات السلام في جنيف": the talks' place, not the clash's
    return score, near


def _within_a_phrase(ctx: Ctx, lo: int, hi: int) -> bool:
    """Tokens [lo, hi) between a wide area and a town hold at most one word that is no preposition or place noun:
    "في ريف إدلب في بلدة سرمدا"، "في الغوطة هي مسرابا" name one place, "في الحديدة وألحقت أضرارا بمرفق في زبيد"
    two (the second is another town the trigger reaches: :func:`_more_towns`)."""
    other = 0
    for k in range(lo, hi):
        if ctx.word(k) and not (ctx.has(k, "in_prep") or ctx.has(k, "place_noun") or ctx.has(k, "near_prep")):
            other += 1
    return other <= 1


def _elaborating(ctx: Ctx, m: Located, j: int) -> int | None:
    """The token opening the list that place m (after the trigger ending at j) belongs to, when it elaborates a
    plural noun before it ("الحواجز، من بينها حاجز A ووسط مدينة B"، "عدة بلدات، منها A وB"); None otherwise.
    Between the opening word and m stand only list words (places, place nouns and the names after them,
    prepositions, و, commas).  At most 24 words are read back, and the list only when an opening word is found."""
    lo = max(j, m.ti - 24)
    cue = next((k for k in range(m.ti - 1, lo - 1, -1) if ctx.toks[k].stem in ctx.words.elaboration), None)
    if cue is None:
        return None
    places = {k for p in ctx.places.get(ctx.sent[m.ti], ()) if cue < p.ti < m.ti for k in range(p.ti, p.tj)}
    for k in range(cue + 1, m.ti):
        t = ctx.toks[k]
        if not (
            k in places
            or t.norm in (",", WA)
            or ctx.has(k, "place_noun")
            or ctx.has(k, "in_prep")
            or ctx.has(k, "near_prep")
            or ctx.has(k, "list_link")
            or ctx.has(k, "to_prep")
            or ctx.has(k, "from_prep")
            or any(q > j and ctx.has(q, "place_noun") for q in (k - 1, k - 2))  # a name the gazetteer lacks
        ):
            return None
    return cue


def _in_a_phrase_after(ctx: Ctx, m: Located, j: int) -> bool:
    """Place m, after the trigger ending at j, is the genitive of a noun governed by a preposition between them
    ("على أحداث غزة"، "ضد نقل السفارة"), not of a noun of an edge or a line along it ("على حدود غزة")."""
    if m.ti <= j or ctx.toks[m.ti - 1].stem in ctx.words.edges:
        return False
    return any(
        ctx.toks[k].prefix.lstrip(_CONJ) or any(ctx.has(k, kind) for kind in _PREP_KINDS) for k in range(j, m.ti - 1)
    )


def source_place(ctx: Ctx, m: Located, a: int) -> bool:
    """Place m is where a source is: in a speaker phrase, or the seat of an organisation ("ومقره بريطانيا"،
    "الذي يتخذ من لندن مقرا له")."""
    if m.ti in ctx.speaker_toks:
        return True
    w = ctx.words
    for k in range(max(a, m.ti - 3), m.ti - 1):
        if ctx.toks[k].norm in w.take and ctx.toks[k + 1].norm == w.from_:
            return True  # "يتخذ من لندن مقرا"
    k = m.ti - 1
    while k >= a and k >= m.ti - 3 and (ctx.has(k, "in_prep") or ctx.has(k, "place_noun") or not ctx.word(k)):
        k -= 1
    if k >= a and ctx.toks[k].stem in w.seat:
        return True  # "ومقره بريطانيا"، "ومقرها في لندن"
    return m.tj < len(ctx.toks) and ctx.toks[m.tj].stem in w.seat and ctx.sent[m.tj] == ctx.sent[m.ti]


def party_not_place(ctx: Ctx, m: Located, a: int) -> bool:
    """Place m names a party, not where the event was: the backer of an actor ("قوات تدعمها الولايات المتحدة"،
    "المدعومة من إيران"), the accused ("اتهموا روسيا بالقصف")."""
    w = ctx.words
    for k in range(max(a, m.ti - 2), m.ti):
        t = ctx.toks[k]
        if {t.stem, t.norm} & w.backing:
            return True
        if ctx.has(k, "accuse") and _rank(m) == 0:
            return True
    return False


def not_an_event_place(ctx: Ctx, m: Located, a: int) -> bool:
    """Place m is a source's, a party's or a meeting's place (what the headline fallback must not take)."""
    return source_place(ctx, m, a) or party_not_place(ctx, m, a) or _at_a_meeting(ctx, m, a)


def _at_a_meeting(ctx: Ctx, m: Located, a: int) -> bool:
    """Place m is where talks are held: "محادثات السلام في جنيف"، "اجتماع في أستانة"."""
    for k in range(max(a, m.ti - 4), m.ti):
        if ctx.toks[k].stem in ctx.words.meetings:
            return True
    return False


def _modifies_actor(ctx: Ctx, m: Located, a: int) -> bool:
    """Place m, a country or a province, follows an actor mention as its modifier: "طائرات التحالف في اليمن"،
    "القوات الروسية في سوريا" (a town there is where the actor acted: "مواقع التنظيم في الرقة")."""
    if _rank(m) > 1:
        return False
    k = m.ti - 1
    while k >= a and not ctx.word(k):
        k -= 1  # "في #اليمن"
    if m.prefix.lstrip(_CONJ).startswith(BI):
        k = m.ti  # "بإدلب": the preposition is on the place's own token
    elif k >= a and ctx.has(k, "in_prep") and not ctx.toks[k].prefix:
        k -= 1
    else:
        return False
    return any(x.tj == k + 1 or x.tj == k for x in ctx.actors.get(ctx.sent[m.ti], ()) if x.ent.kind != "place")


def _other_clause(ctx: Ctx, m: Located, i: int, j: int) -> bool:
    """Place m stands in another clause than the trigger: behind a connective of time or cause (بعد، إثر،
    جراء) or inside a relative clause after the trigger ("... التي شهدت")."""
    w = ctx.words
    lo, hi = (m.tj, i) if m.tj <= i else (j, m.ti)
    for q in range(lo, hi):
        t = ctx.toks[q]
        if m.ti > i and t.norm in w.relatives and any(q - 2 <= x.tj <= q for x in ctx.actors.get(ctx.sent[q], ())):
            return True  # a relative clause on an actor; not "التفجيرات التي هزت مدينة X": the trigger's own
        if t.norm in w.after or t.stem in w.after:
            return True
    return False


def _locates_another(ctx: Ctx, places: Sequence[Located], m: Located, a: int) -> bool:
    """Place m stands in a locating phrase of another place: "X الواقعة في جنوب m"، "X التابعة لـm"،
    "منطقة X قرب مدينة m"، "قرية X جنوب m"."""
    for k in range(max(a, m.ti - 4), m.ti):
        if ctx.has(k, "locator"):
            return any(p is not m and k - 3 <= p.tj <= k for p in places)
    if m.prefix.lstrip(_CONJ).startswith(BI) and not m.prefix.startswith(WA):
        # "في بادية الميادين، بريف دير الزور": a wider place in ب right after another locates it
        q = m.ti - 1
        while q >= a and not ctx.word(q):
            q -= 1
        if any(p is not m and p.tj == q + 1 and _rank(p) > _rank(m) for p in places):
            return True
    k = m.ti - 1
    while k >= a and k >= m.ti - 3 and (ctx.has(k, "place_noun") or not ctx.word(k)):
        k -= 1
    if k >= a and (ctx.has(k, "near_prep") or ctx.has(k, "in_prep")):
        q = k - 1
        while q >= a and not ctx.word(q):
            q -= 1
        # "منطقة X قرب مدينة m"; "دوما، سقبا في m" when m is wider than the place before it
        return any(p is not m and p.tj == q + 1 and (ctx.has(k, "near_prep") or _rank(p) > _rank(m)) for p in places)
    return False


def place_relation(ctx: Ctx, m: Located, a: int, trig: tuple[int, int] | None = None) -> tuple[str, bool]:
    """How place m relates to the trigger [i, j) (or to any trigger): in, on, object (of the trigger verb or a
    verb of reaching: "قصفت قوات النظام منطقة X"، "طال القصف مناطق A، B"), to, near, subject (of تعرض), from,
    none; and whether it is only near."""
    if m.prefix.lstrip(_CONJ).startswith(BI):
        return "in", False
    k = m.ti - 1
    hops = 0
    w = ctx.words
    actors = ctx.actors.get(ctx.sent[m.ti], ())
    while k >= a and hops < 4:
        t = ctx.toks[k]
        if not t.is_word:
            k -= 1
            continue
        if ctx.has(k, "in_prep") or (t.has_bi and ctx.has(k, "place_noun")) or t.stem in w.elaboration:
            return "in", False  # "من بينها حاجز A": one of the places the trigger's plural noun names
        if t.norm == w.on or t.norm == w.against:
            return "on", False
        if ctx.has(k, "to_prep"):
            return "to", False
        if ctx.has(k, "near_prep"):
            return "near", True
        if ctx.has(k, "l_ok"):
            return "subject", False
        partitive = t.norm == w.from_ and k > a and ctx.has(k - 1, "place_noun")  # "في عدد من مدن X"
        if ctx.has(k, "from_prep") and t.norm == w.from_ and not partitive:
            return "from", False
        if (trig is not None and trig[0] <= k < trig[1]) or (t.norm in w.reach or t.stem in w.reach):
            return "object", False  # "قصفت منطقة X"، "طال القصف مناطق A"
        if trig is not None and trig[1] <= k:
            subj = next((x for x in actors if x.tj == k + 1 and x.ti >= trig[1]), None)
            if subj is not None and subj.ti <= trig[1] + 1:
                return "object", False  # VSO: "قصفت قوات النظام منطقة X"
        if ctx.has(k, "place_noun") or ctx.has(k, "skip") or partitive:
            k -= 1
            hops += 1
            continue
        break
    if trig is not None and _object_after_subject(ctx, m, trig):
        return "object", False  # "واقتحم متظاهرون غاضبون مساء الجمعة مطار النجف"
    # the subject of تعرض before the verb: "الغوطة الشرقية تعرضت لقصف"
    if m.tj < len(ctx.toks) and ctx.has(m.tj, "l_ok"):
        return "subject", False
    # the subject of تعرض: "تعرضت محافظة إدلب لقصف"
    if m.tj < len(ctx.toks) and ctx.sent[m.ti] == ctx.sent[min(m.tj, len(ctx.toks) - 1)]:
        q = m.ti - 1
        while q >= a and ctx.has(q, "place_noun"):
            q -= 1
        if q >= a and ctx.has(q, "l_ok"):
            return "subject", False
    return "none", False


def _linked(ctx: Ctx, x: Located, y: Located) -> bool:
    """Place y follows place x in a list: a comma or و, place nouns, prepositions and list links between them
    ("A، B"، "حاجز A ووسط مدينة B وعند المدخل الجنوبي لـC، إضافة لحاجز D")."""
    if y.ti < x.tj or y.ti - x.tj > _LIST_GAP:
        return False
    gap = range(x.tj, y.ti)
    if not gap:
        return y.prefix.startswith(WA)
    first = ctx.toks[gap[0]]
    if not (first.norm in (",", WA) or (first.is_word and first.has_wa)):
        return False  # a list goes on with a comma or و
    if (
        y.prefix.lstrip(_CONJ).startswith(BI)
        and not y.prefix.startswith(WA)
        and not any(ctx.toks[k].has_wa or ctx.toks[k].norm == WA for k in gap)
    ):
        return False  # "في بادية الميادين، بريف دير الزور": the second locates the first
    return all(
        ctx.toks[k].norm in (",", WA)
        or ctx.has(k, "place_noun")
        or ctx.has(k, "in_prep")
        or (k > gap[0] and (ctx.has(k, "list_link") or ctx.has(k, "near_prep")))
        or (k > gap[0] and ctx.has(k - 1, "list_link") and ctx.has(k, "to_prep"))  # "، إضافة إلى"
        for k in gap
    )


def _object_after_subject(ctx: Ctx, m: Located, trig: tuple[int, int]) -> bool:
    """Place m is the object of the trigger verb after a subject that is no named actor (VSO: "اقتحم متظاهرون
    غاضبون مساء الجمعة مطار النجف"، "قصفت طائرات حربية بلدة X"): a few words of its clause, none a preposition,
    between them; a country there is rather the subject ("قصفت إسرائيل مواقع")."""
    i, j = trig
    t = ctx.toks[i]
    if t.article or not j < m.ti <= j + _VSO_GAP or _rank(m) == 0 or m.prefix.lstrip(_CONJ):
        return False
    if ctx.sent[m.ti] != ctx.sent[i] or ctx.chunk[m.ti] != ctx.chunk[i]:
        return False
    return all(
        ctx.toks[q].is_word and not ctx.toks[q].prefix.lstrip(_CONJ) and not any(ctx.has(q, k) for k in _PREP_KINDS)
        for q in range(j, m.ti)
    )


def _coordinated(ctx: Ctx, places: list[Located], chosen: Located) -> list[Located]:
    """The list of places coordinated with ``chosen`` ("مسرابا وجسرين وكفربطنا ..."، "A، B، C"، "حاجز A
    ووسط مدينة B وعند مدخل C")."""
    idx = places.index(chosen)
    lo = idx
    while lo > 0 and _linked(ctx, places[lo - 1], places[lo]):
        lo -= 1
    hi = idx
    while hi + 1 < len(places) and _linked(ctx, places[hi], places[hi + 1]):
        hi += 1
    seen: set[str] = set()
    out = []
    for m in places[lo : hi + 1]:
        if m.ent.id not in seen and not _locates_another(ctx, places, m, ctx.sent_range[ctx.sent[m.ti]][0]):
            seen.add(m.ent.id)
            out.append(m)
    return out or [chosen]


def _one_area(ctx: Ctx, group: Sequence[Located]) -> bool:
    """A list of provinces or regions under one area head: "في أرياف حماة وحلب وإدلب" is one area."""
    if _rank(group[0]) >= 3:
        return False
    k = group[0].ti - 1
    return k >= 0 and ctx.toks[k].stem in ctx.words.area_heads


def _more_towns(ctx: Ctx, places: Sequence[Located], chosen: Located, i: int, j: int, a: int, b: int) -> list[Located]:
    """Other towns the trigger reaches in its clause ("غارات طاولت مركزا طبيا في الحديدة وألحقت أضرارا بمرفق في
    زبيد"): resolved towns with an "in" or "on" relation after the trigger that no other trigger owns."""
    if _rank(chosen) < 1 or not resolved(chosen.ent):
        return []
    out: list[Located] = []
    s = ctx.sent[i]
    for m in places:
        if m is chosen or m.ti < j or m.ti - j > _REACH or _rank(m) < 3 or not resolved(m.ent):
            continue
        if m.ent.id == chosen.ent.id or any(m.ent.id == x.ent.id for x in out):
            continue
        if not _same_admin1(m.ent, chosen.ent) or owner(ctx, s, m.ti) != i:
            continue
        if place_relation(ctx, m, a, (i, j))[0] not in ("in", "on", "object"):
            continue
        if _locates_another(ctx, places, m, a) or _modifies_actor(ctx, m, a) or _other_clause(ctx, m, i, j):
            continue
        if any(p is not m and p.tj <= m.ti and m.ti - p.tj <= 3 for p in places):
            continue  # "في بلدة X في مدينة Y": Y holds X, or a list already read
        out.append(m)
    return out


def _anchor(ctx: Ctx, places: Sequence[Located], m: Located, a: int) -> Located | None:
    """The resolved place the text locates unresolved place m by: right after it ("قرية X جنوب مدينة Y"، "X في
    ريف Y"، "X الواقعة شمالي Y"), else a wider unit named before it in the sentence ("وفي محافظة Z المجاورة،
    بلدة X")."""
    for p in places:
        if p is m or not resolved(p.ent) or not m.tj <= p.ti <= m.tj + 8:
            continue
        gap = range(m.tj, p.ti)
        if any(ctx.toks[k].norm in (".", ";") for k in gap):
            continue
        if not gap or any(_locating(ctx, k) for k in gap):
            return p
    # "وفي محافظة Z المجاورة، بلدة X": a wider unit introduced as a place before it, in the article's country
    focus = ctx.doc.focus_country
    before = [
        p
        for p in places
        if p.tj <= m.ti
        and p is not m
        and resolved(p.ent)
        and _rank(p) <= 2
        and (not focus or p.ent.geo is None or p.ent.geo.country in (None, focus))
        and p.ti > a
        and (ctx.has(p.ti - 1, "place_noun") or ctx.has(p.ti - 1, "in_prep") or p.prefix.lstrip(_CONJ).startswith(BI))
    ]
    return before[-1] if before else None


def _locator(ctx: Ctx, places: Sequence[Located], m: Located) -> Located | None:
    """The resolved place right after place m that a locating word measures m from ("وانلاوين الواقعة على بعد 70
    كلم شمالي مقديشو"، "بلدة X قرب مدينة Y"): an incident told only as near Y may be the one told at m."""
    for p in places:
        if p is m or not resolved(p.ent) or not m.tj < p.ti <= m.tj + 8:
            continue
        gap = range(m.tj, p.ti)
        if any(ctx.toks[k].norm in (".", ";", ",") for k in gap):
            continue
        if any(ctx.has(k, "locator") or ctx.has(k, "near_prep") for k in gap):
            return p
    return None


def _locating(ctx: Ctx, k: int) -> bool:
    """Token k locates a place by another: الواقعة، قرب، جنوب، في، بمحافظة، بمديرية."""
    t = ctx.toks[k]
    return (
        ctx.has(k, "locator")
        or ctx.has(k, "near_prep")
        or ctx.has(k, "in_prep")
        or (t.has_bi and ctx.has(k, "place_noun"))
    )


def _same_admin1(x: Entity, y: Entity) -> bool:
    """x is resolved and may lie in y's first-level unit."""
    if not resolved(x) or x.geo is None or y.geo is None:
        return False
    return not x.geo.admin1 or not y.geo.admin1 or x.geo.admin1 == y.geo.admin1


def _inside(x: Entity, y: Entity) -> bool:
    """Place x may lie in y: resolved, in y's first-level unit and country; unresolved (a village the gazetteer
    lacks: y becomes its anchor), in no other country."""
    if y.geo is None:
        return False
    if not resolved(x):
        return x.geo is None or not x.geo.country or x.geo.country == y.geo.country
    return _same_admin1(x, y) and x.geo is not None and bool(x.geo.country) and x.geo.country == y.geo.country


def resolved(e: Entity) -> bool:
    """A place the gazetteer resolved (an unresolved place may carry an empty Geo)."""
    g = e.geo
    if g is None:
        return False
    return g.admin1 is not None or g.lat is not None or (g.country is not None and e.level == "country")
