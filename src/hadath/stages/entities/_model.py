"""Step 3b, names no lexicon knows: the learned name tagger (:mod:`hadath.lang.ar.ner`) runs over the
document's tokens, and its persons and organisations on tokens that the knowledge base and the patterns left
free become candidates (``source == "model"``).  The knowledge base and the patterns come first: a name the
tagger found that overlaps one of their mentions is dropped.
"""

from __future__ import annotations

from collections import Counter

from hadath.doc import Token
from hadath.lang.ar.kb import strip_article
from hadath.lang.ar.ner import Name, NameTagger
from hadath.stages.entities._context import CUE_KINDS, OPEN, Cand, Ctx

#: the tagger's types this stage takes (places belong to the places stage)
_KINDS = {"PERS": "pname", "ORG": "org"}
#: the source of a club :func:`sports_teams` read from the tagger's names (a city's name may be a country cue)
SPORTS = "sports"
#: sentences with a sports cue, and distinct cue words, that make the whole document a sports report (هدف alone
#: is also an aim)
_SPORTS_REPORT = 3
#: the actor type of an organisation whose words give no hint
_DEFAULT_ORG_TYPE = "noncombatant"


def _lead(st: Ctx, t: Token, counts: Counter[str], kind: str) -> str:
    """The first word of a name as it is written without a proclitic.  A foreign name may begin with a proclitic
    letter (كلوغه is no ك + لوغه): the reading that stands alone elsewhere in the article wins; without such
    evidence a person's name is read as the name patterns read it, an organisation's without the proclitic."""
    if not t.prefix:
        return t.norm
    if counts[t.norm] > 1 and counts[t.core] == 0:
        return t.norm
    if counts[t.core] > 0:
        return t.core
    return st.name_form(t) if kind == "pname" else t.core


def _plausible(
    st: Ctx,
    kind: str,
    words: list[str],
    a: int,
    groups: frozenset[str],
    places: frozenset[str],
    works: frozenset[str] = frozenset(),
) -> bool:
    """A name the tagger found is kept unless it reads as a description or a place.  A person: not after or
    starting with a place or work head (مدينة، شركة: ``org_heads.tsv`` kind block), not only the most frequent
    words.  An organisation: not after or starting with a place cue (بلدة بني قيس: ``places``), not a people or
    sect (الأكراد، الشيعة: ``words/name_groups.txt``), not an adjective alone (هجوم كيمياوي، السلاح الكيمياوي),
    not indefinite frequent words, heads and adjectives (منظمة إرهابية), not the name of a work or an event
    (برنامج "ذا فويس": ``words/name_work_heads.txt``)."""
    lex = st.lex
    toks = st.toks
    bare = [strip_article(w) for w in words]
    before = strip_article(toks[a - 1].core) if a > 0 and toks[a - 1].is_word else ""
    q = a - 1 if a > 0 and toks[a - 1].norm in OPEN else a
    before_q = strip_article(toks[q - 1].core) if q > 0 and toks[q - 1].is_word else ""
    if kind == "pname":
        if bare[0] in lex.block or before in lex.block:
            return False
        if not all(w in lex.stop or b in lex.stop for w, b in zip(words, bare, strict=True)):
            return True
        # frequent words only: a famous foreign name (ليونيل ميسي، بان كي مون) when there are two words or more,
        # none with the article, none a function word and none a verb (not مريم تدرس)
        return len(words) >= 2 and all(
            w == b and w not in lex.function_words and (w in lex.given or not lex.verb_like(w))
            for w, b in zip(words, bare, strict=True)
        )
    if bare[0] in places or before in places or words[0] in groups or before_q in works or bare[0] in works:
        return False
    if len(words) == 1:
        if not lex.nisba_like(bare[0]):
            return True
        # an adjective: without the article, or after a definite noun it agrees with (السلاح الكيمياوي)
        return words[0] != bare[0] and not (a > 0 and toks[a - 1].is_word and toks[a - 1].article)
    definite = any(w != b for w, b in zip(words, bare, strict=True))
    if definite:
        return True
    # indefinite frequent words are a description when a head or an adjective says so (منظمة إرهابية، جماعات
    # مسلحة), a phrase when a particle stands among them (يذكر أن ...) and the name is not quoted; frequent
    # words alone are also the names of famous teams and firms (ريال مدريد، بايرن ميونيخ)
    quoted = q < a
    described = (
        bare[0] in lex.heads
        or bare[0] in lex.block
        or any(lex.nisba_like(b) for b in bare[1:])
        or (not quoted and any(w in lex.function_words for w in words))
    )
    return not described or not all(
        w in lex.stop
        or w in lex.soft_stop
        or b in lex.stop
        or b in lex.soft_stop
        or b in lex.heads
        or lex.nisba_like(b)
        for w, b in zip(words, bare, strict=True)
    )


def tag_names(st: Ctx, tagger: NameTagger) -> list[Name]:
    """Run the tagger over the document before the other steps: its names, and each token's name type in
    ``st.tagged`` (the patterns ask it whether علي is a name in a text that writes ى as ي)."""
    toks = st.toks
    names = tagger.names(toks)
    tagged: list[str | None] = [None] * len(toks)
    for nm in names:
        for k in range(nm.start, nm.end):
            tagged[k] = nm.label
    st.tagged = tagged
    st.plain_ya = not st.lex.writes_maqsura(st.doc.text)
    return names


def _word_bounds(toks: list[Token], a: int, b: int) -> tuple[int, int]:
    while a < b and not toks[a].is_word:
        a += 1
    while b > a and not toks[b - 1].is_word:
        b -= 1
    return a, b


def _name_word(st: Ctx, k: int) -> bool:
    """Token ``k`` may join a person's name: free, no country cue, no enclitic pronoun (كلماتها، ببطولته; a
    foreign surname's first letter may read as a proclitic: بوسرت)."""
    t = st.toks[k]
    return st.covered[k] is None and not st.cue_cov[k] and st.lex.name_suffix_ok(t)


def refine_pattern_persons(st: Ctx, names: list[Name]) -> None:
    """Where a name found by a title or a speech verb ends is the tagger's call when it found that person too:
    the patterns stop at the first word no lexicon knows (النقيب [فرانك] باسكوال) or run on into the next word
    (الدكتور [مسلم شلتوت استاذ] الفلك); the tagger reads the words around.  A pattern's person overlapped by
    exactly one of the tagger's persons takes its span when the words it adds are free; the role and the
    affiliation stay; a given name the pattern took is not dropped."""
    toks = st.toks
    owner: dict[int, int] = {}
    for idx, nm in enumerate(names):
        if nm.label == "PERS":
            for k in range(nm.start, nm.end):
                owner[k] = idx
    if not owner:
        return
    for m in st.mentions:
        if m.kind != "pname" or m.source != "pattern":
            continue
        hits = {owner[k] for k in range(m.start, m.end) if k in owner}
        if len(hits) != 1:
            continue
        nm = names[hits.pop()]
        a, b = _word_bounds(toks, nm.start, nm.end)
        if (a, b) == (m.start, m.end) or a >= b:
            continue
        if any(not (m.start <= k < m.end) and not _name_word(st, k) for k in range(a, b)):
            continue
        dropped = [k for k in range(m.start, m.end) if not (a <= k < b)]
        if any(st.name_form(toks[k]) in st.lex.given for k in dropped):
            continue  # وسام رضا إسماعيل: a given name the pattern read stays in the name
        lead = st.name_form(toks[a])
        if a != m.start and lead != toks[a].norm:
            continue  # a proclitic before the name's new first word: leave the pattern's reading
        if a != m.start:
            m.strip_first = False
        for k in range(m.start, m.end):
            st.covered[k] = None
        m.start, m.end = a, b
        first = toks[a].core if m.strip_first else toks[a].norm
        m.key = " ".join([first, *(toks[k].norm for k in range(a + 1, b))])
        for k in range(a, b):
            st.covered[k] = m


def _bare(t: Token) -> tuple[str, str]:
    """A word without proclitics and article, with and without its enclitic (ضيفه: ضيفه, ضيف)."""
    return strip_article(t.norm[len(t.prefix) :]), strip_article(t.core)


def _country_after(st: Ctx, j: int, starts: dict[int, Name]) -> int | None:
    """The end of a country named in brackets at token ``j`` (a club in a results table: ليون ( فرنسا )): a
    country of the knowledge base, or one place of the tagger alone in the brackets (not an acronym: الاتحاد الدولي
    لكرة القدم ( فيفا ))."""
    toks = st.toks
    if j + 2 >= len(toks) or toks[j].norm != "(":
        return None
    inner = starts.get(j + 1)
    if inner is not None and inner.label == "LOC" and inner.end < len(toks) and toks[inner.end].norm == ")":
        return inner.end + 1
    hit = st.kb.trie.longest(toks, j + 1)
    if hit is None:
        return None
    end, entries, _fi = hit
    if end < len(toks) and toks[end].norm == ")" and any(kind == "country" for kind, _ in entries):
        return end + 1
    return None


def _with_adjective(st: Ctx, nm: Name, sports: set[int]) -> Name:
    """In a sports report, the tagger's place or organisation followed by a definite nisba adjective that names
    no country (the adjective of a city: المغرب الفاسي، الرجاء البيضاوي، المولودية الوجدية; not ليون الفرنسي,
    not a place's own adjective: أميركا اللاتينية) is a club with it."""
    toks = st.toks
    k = nm.end
    if nm.label not in ("LOC", "ORG") or k >= len(toks) or toks[nm.start].sent not in sports:
        return nm
    t = toks[k]
    if not t.is_word or t.prefix or not t.article or not st.lex.nisba_like(t.norm) or st.cue_cov[k]:
        return nm
    if st.covered[k] is not None or t.norm in st.lex.stop or t.stem in st.lex.stop or st.kb.trie.get((t.norm,)):
        return nm
    if st.lex.feminine(t.norm) and not st.lex.feminine(toks[nm.start].norm):
        return nm  # a feminine adjective agrees with a feminine noun (المولودية الوجدية), not a place (روسيا الاتحادية)
    return Name(nm.start, k + 1, "ORG", SPORTS)


def _city(st: Ctx, nm: Name) -> bool:
    """The tagger's name is a city the knowledge base knows as a country's place (برشلونة، ليون), not a country
    or a nationality: read as an organisation in a sports report, it is the club."""
    entries = st.kb.trie.get(tuple(st.toks[k].norm for k in range(nm.start, nm.end)))
    return bool(entries) and all(kind == "cue" for kind, _ in entries)


def sports_teams(st: Ctx, names: list[Name], cues: frozenset[str], team_heads: frozenset[str]) -> list[Name]:
    """In a sentence with a sports cue (مباراة، الدوري ...), or anywhere in a sports report (three such
    sentences, three distinct cue words), a club named by its city is the tagger's place right after a team word
    (فريق [برشلونة]، مضيفه [ليون]; so is a person it reads there: مضيفه [ستيوا بوخارست]) or its organisation on a
    city's name (وسيفتقد [برشلونة]); a club named by a name and a city is the tagger's organisation with the place
    that follows it (دينامو كييف، أولمبيك آسفي); a name or two adjacent names before a country in brackets are a
    club of a results table (ليون ( فرنسا )، دينامو كييف ( أوكرانيا )); a place or organisation with a city's
    adjective is a club (المغرب الفاسي): all become organisations."""
    if not cues or not names:
        return names
    toks = st.toks
    hits = [t for t in toks if t.is_word and (t.stem in cues or (t.suffix and _bare(t)[0] in cues))]
    if not hits:
        return names
    sports = {t.sent for t in hits}
    if len(sports) >= _SPORTS_REPORT and len({t.stem for t in hits}) >= _SPORTS_REPORT:
        sports = {t.sent for t in toks}  # a sports report: its other sentences name clubs too
    starts = {nm.start: nm for nm in names}
    country_at: set[int] = set()  # the country in brackets after a club is a place
    out: list[Name] = []
    k = 0
    while k < len(names):
        nm = _with_adjective(st, names[k], sports)
        if nm.start in country_at:
            out.append(Name(nm.start, nm.end, "LOC", nm.source))
            k += 1
            continue
        if toks[nm.start].sent in sports:
            nxt = names[k + 1] if k + 1 < len(names) else None
            pair = (
                nxt is not None and nxt.start == nm.end and nm.label in ("LOC", "ORG") and nxt.label in ("LOC", "ORG")
            )
            club = nxt if pair and nxt is not None and _country_after(st, nxt.end, starts) is not None else None
            if club is None and nm.label in ("LOC", "ORG") and _country_after(st, nm.end, starts) is not None:
                club = nm
            if club is not None:
                out.append(Name(nm.start, club.end, "ORG", SPORTS))  # ليون ( فرنسا )، دينامو كييف ( أوكرانيا )
                country_at.add(club.end + 1)
                k += 2 if club is nxt else 1
                continue
            if nm.label == "ORG" and nxt is not None and nxt.label == "LOC" and nxt.start == nm.end:
                out.append(Name(nm.start, nxt.end, "ORG", SPORTS))  # دينامو كييف
                k += 2
                continue
            after_head = nm.start > 0 and any(w in team_heads for w in _bare(toks[nm.start - 1]))
            if (nm.label in ("LOC", "ORG", "PERS") and after_head) or (nm.label == "ORG" and _city(st, nm)):
                out.append(Name(nm.start, nm.end, "ORG", SPORTS))
                k += 1
                continue
        out.append(nm)
        k += 1
    return out


def _front_line(st: Ctx, words: list[str], a: int, fronts: frozenset[str], front_orgs: frozenset[str]) -> bool:
    """The tagger's organisation is a front line named after a place (جبهة نهم، بجبهة الجراحي، جبهات صرواح):
    an indefinite front noun (``fronts``) first, the name unquoted, and no organisation word after it
    (``front_orgs``: جبهة تحرير ...، جبهة اليسار). The places stage reads the place after the front noun."""
    toks = st.toks
    if not fronts or words[0] not in fronts or (a > 0 and toks[a - 1].norm in OPEN):
        return False
    return not any(w in front_orgs or strip_article(w) in front_orgs for w in words[1:])


def model_names(
    st: Ctx,
    names: list[Name],
    groups: frozenset[str] = frozenset(),
    places: frozenset[str] = frozenset(),
    works: frozenset[str] = frozenset(),
    fronts: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
) -> None:
    """Add the tagger's persons and organisations (``names``, from :func:`tag_names`) on free tokens (see the
    module docstring); ``groups`` are the peoples and sects that are no organisation, ``places`` the words that
    announce a place, ``fronts`` the front nouns and the words that make a front an organisation (see
    :func:`_front_line`)."""
    toks, lex = st.toks, st.lex
    refine_pattern_persons(st, names)
    added: list[Cand] = []
    counts = Counter(t.norm for t in toks) if names else Counter()
    orgs = {m.key: m for m in st.mentions if m.kind == "org"}
    for name in names:
        kind = _KINDS.get(name.label)
        if kind is None:
            continue
        a, b = name.start, name.end
        while a < b and not toks[a].is_word:
            a += 1
        while b > a and not toks[b - 1].is_word:
            b -= 1
        if a >= b or not st.free(a, b):
            continue
        cues = sum(st.cue_cov[a:b])
        if cues and (b - a < 2 or cues == b - a) and name.source != SPORTS:
            continue  # a country, capital or nationality alone; inside a longer name (دينامو كييف) it is the name's
        first = toks[a]
        lead = _lead(st, first, counts, kind)
        if name.source == SPORTS and first.prefix and any(k in CUE_KINDS for k, _ in st.kb.trie.get((first.norm,))):
            lead = first.norm  # مضيفه ليون: the city as written, not ل + يون
        words = [lead, *(toks[k].norm for k in range(a + 1, b))]
        if not _plausible(st, kind, words, a, groups, places, works):
            continue
        if kind == "org" and _front_line(st, words, a, *fronts):
            continue
        key = " ".join(words)
        same = orgs.get(key)
        if same is not None and kind == "pname":
            kind = "org"  # one name, one referent: the company the article named (شركة كرونفيلد ... قالت كرونفيلد)
        m = Cand(a, b, kind, key, strip_first=lead != first.norm, source="model", club=name.source == SPORTS)
        if same is not None:
            m.head, m.actor_type, m.name_en, m.name_en_source = (
                same.head,
                same.actor_type,
                same.name_en,
                same.name_en_source,
            )
            st.add(m)
            added.append(m)
            continue
        if kind == "org":
            head = strip_article(lead)
            m.head = head
            m.actor_type = lex.heads[head][0] if head in lex.heads else None
            for w in words:
                hint = lex.name_words.get(w)
                if hint:
                    m.actor_type = hint
                    break
            m.actor_type = m.actor_type or _DEFAULT_ORG_TYPE
        st.add(m)
        added.append(m)
    # a surname alone is the person named in full elsewhere in the article ([جاك سترو] ... [سترو])
    full: dict[str, str] = {}
    for m in st.mentions:
        words = m.key.split()
        if m.kind == "pname" and len(words) >= 2:
            full.setdefault(words[-1], m.key)
    for m in added:
        if m.kind == "pname" and " " not in m.key and m.key in full:
            m.key = full[m.key]
