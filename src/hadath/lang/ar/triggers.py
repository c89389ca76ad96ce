"""The trigger lexicon of the ``events`` stage: trigger forms in every person, the cue words around them,
nationality adjectives and the closed-class words its readers compare tokens with.

``triggers.tsv`` holds one row per trigger (a verb as its perfect 3rd person masculine singular — or its perfect
forms, ``|``-separated, for a verb the generator would get wrong — and its imperfect stem; a noun or a multiword
expression as written); :mod:`hadath.lang.ar.inflect` generates the verb forms: the perfect and the imperfect in
every person, and the future with سـ.  ``event_cues.tsv`` holds the small words read around a trigger
(one-word cues, multiword cues, words that block a trigger before or after it, heading openers);
``countries.tsv`` the nationality adjectives and the country names; ``words/event_*.txt`` the closed classes
(:class:`EventWords`).  ``plover.tsv`` gives the rules of each ACLED sub-event type (read by :func:`_rules`, the
one place to switch to :mod:`hadath.taxonomy` for the event type and the PLOVER code).

The stage reaches all of it as ``lang.triggers`` (:class:`hadath.lang.ar.Arabic`).
:meth:`TriggerLexicon.token_info` memoises what a token surface reads as, across documents; :func:`may_trigger`
is the cheap first test of a token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from hadath.doc import Token
from hadath.lang import load_tsv
from hadath.lang.ar import inflect
from hadath.lang.ar.clitics import AL, CONJUNCTIONS, strip_article
from hadath.lang.ar.orthography import TA_MARBUTA, norm_str
from hadath.lang.ar.words import tagged_words, word_list, words

__all__ = [
    "SENTENCE_END_RE",
    "Entry",
    "EventWords",
    "Sense",
    "Trigger",
    "TriggerLexicon",
    "ends_in_ha",
    "form_words",
    "load_triggers",
    "may_trigger",
]

#: a line that ends like a sentence (a full stop, a question or exclamation mark, a closing quote) is no heading
SENTENCE_END_RE = re.compile(r"[.!؟?\"”»]$")

_EMPTY: frozenset[str] = frozenset()
_HA = "ه"  # ة in the normalised view (and a final ه of the original text)
_TA = "ت"  # ة before an enclitic (حملته)
_MEMO_MAX = 200_000
_CONJ_LETTERS = "".join(CONJUNCTIONS)
#: cue kinds of the two-letter particles a conjunction may be written on (ولم، فهل، ولو، وقد، وفي)
_PARTICLE_KINDS = frozenset({"neg", "question", "cond", "may", "in_prep"})


def form_words(form: str) -> tuple[str, ...]:
    """Normalised words of a data form, a leading article dropped from each word (as the segmenter does)."""
    return tuple(strip_article(w) for w in norm_str(form).split())


def ends_in_ha(text: str) -> bool:
    """An original-text word written with a final ه, not ة (حمله "carried it", not حملة "campaign")."""
    return text[-1:] == _HA


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of triggers.tsv."""

    sub: str
    etype: str
    plover: str
    pos: str
    form: str
    rest: tuple[str, ...]  # the words after the first one
    gen: str
    flags: frozenset[str]
    support: str
    weight: float
    ta_marbuta: bool = False  # the (first) word is written with ة
    key: str = ""  # the lexicon key of the first word (its first form when several are given)
    name: str = ""  # the row's form, normalised (its first alternative): how event_senses.tsv names it


@dataclass(frozen=True, slots=True)
class Sense:
    """One row of event_senses.tsv: collocates that give a trigger another sense (تفجير الإبداع)."""

    where: str  # next | after | before | clause | sentence | headline
    words: frozenset[str]  # one-word collocates
    phrases: tuple[tuple[str, ...], ...]  # several-word collocates, matched on consecutive tokens
    label: str


@dataclass(frozen=True, slots=True)
class Entry:
    trig: Trigger
    tense: str  # past | present | future | noun


@dataclass(frozen=True, slots=True)
class EventWords:
    """The closed-class words the events readers compare tokens with (``words/event_*.txt``), folded."""

    prepositions: frozenset[str]
    after: frozenset[str]
    cause: frozenset[str]
    still: frozenset[str]
    enable: frozenset[str]
    additive: frozenset[str]
    count_fillers: frozenset[str]
    undergo: tuple[str, ...]
    among: frozenset[str]
    relative_on: frozenset[str]
    clause_openers: frozenset[str]
    speaker_pronouns: frozenset[str]
    speaker_enclitics: frozenset[str]
    object_enclitics: frozenset[str]
    neg_links: frozenset[str]
    # single words (event_keywords.txt)
    from_: str
    to: str
    on: str
    in_: str
    against: str
    gas: str
    toxic: str
    # the argument readers' word classes (event_relatives.txt, event_other_incident.txt ...)
    relatives: frozenset[str] = frozenset()
    other_incident: tuple[tuple[str, ...], ...] = ()
    seat: frozenset[str] = frozenset()
    area_heads: frozenset[str] = frozenset()
    edges: frozenset[str] = frozenset()
    elaboration: frozenset[str] = frozenset()
    onset: frozenset[str] = frozenset()
    reach: frozenset[str] = frozenset()
    duration_words: frozenset[str] = frozenset()
    time_units: dict[str, int] = field(default_factory=dict)  # unit lemma -> days
    campaign_start: frozenset[str] = frozenset()
    since: frozenset[str] = frozenset()
    claim_verbs: frozenset[str] = frozenset()
    claim_nouns: frozenset[str] = frozenset()
    claim_about: frozenset[str] = frozenset()
    control: frozenset[str] = frozenset()
    backing: frozenset[str] = frozenset()
    meetings: frozenset[str] = frozenset()
    subject_openers: frozenset[str] = frozenset()
    state_adjectives: frozenset[str] = frozenset()
    death_nouns: frozenset[str] = frozenset()
    death_verbs: frozenset[str] = frozenset()
    with_: frozenset[str] = frozenset()
    companions: frozenset[str] = frozenset()
    take: frozenset[str] = frozenset()


@dataclass(frozen=True)
class TriggerLexicon:
    """The events stage's Arabic: the trigger index, cue sets, nationality adjectives, closed-class words."""

    index: dict[str, tuple[Entry, ...]]
    cues: dict[str, frozenset[str]]
    multi: dict[str, tuple[tuple[str, ...], ...]]
    block: dict[str, frozenset[str]]
    block_after: dict[str, frozenset[str]]
    taxonomy: dict[str, tuple[str, str, int, str]]  # sub -> (event_type, plover, priority, civilians)
    nat: dict[str, str]  # nationality adjective (normalised, no article) -> ISO2
    country_name: dict[str, str]
    words: EventWords
    first_keys: frozenset[str] = frozenset()
    cue_kinds: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word -> its kinds
    multi_first: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> first words of its multiwords
    # kind -> first word -> its multiwords, longest first
    multi_by_first: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = field(default_factory=dict)
    # normalised openers of link lines and headings (``heading`` cues: اقرأ أيضا، قد يهمك، شاهد)
    heading_openers: tuple[str, ...] = ()
    # trigger name -> the senses its collocates may give it (``event_senses.tsv``)
    senses: dict[str, tuple[Sense, ...]] = field(default_factory=dict)
    # words of other registers than conflict news (``words/event_register.txt``): word -> register, and phrases
    register: dict[str, str] = field(default_factory=dict)
    register_phrases: tuple[tuple[str, ...], ...] = ()
    # per token surface, across documents: enclitic → norm → (lexicon keys, cue kinds, may start a trigger)
    memo: dict[str, dict[str, tuple[tuple[str, ...], frozenset[str], bool]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def token_info(self, t: Token) -> tuple[tuple[str, ...], frozenset[str], bool]:
        """Lexicon keys, cue kinds and trigger test of a token: all depend only on its norm and enclitic
        (see ``segment_word``), so they are computed once per distinct surface."""
        by_norm = self.memo.get(t.suffix)
        if by_norm is None:
            if sum(map(len, self.memo.values())) >= _MEMO_MAX:
                self.memo.clear()
            by_norm = self.memo[t.suffix] = {}
        info = by_norm.get(t.norm)
        if info is None:
            keys = _keys_of(t.norm, t.stem, t.suffix, t.forms)
            n = t.norm
            if len(n) == 3 and n[0] in CONJUNCTIONS and self.cue_kinds.get(n[1:], _EMPTY) & _PARTICLE_KINDS:
                keys = (*keys, n[1:])  # ولم، فهل، ولو: a conjunction on a two-letter particle
            found: set[str] = set()
            for key in keys:
                ks = self.cue_kinds.get(key)
                if ks:
                    found |= ks
            kinds = frozenset(found) if found else _EMPTY
            if len(by_norm) >= _MEMO_MAX:
                by_norm.clear()
            info = by_norm[t.norm] = (keys, kinds, may_trigger(t, self.first_keys))
        return info


def may_trigger(t: Token, first_keys: frozenset[str]) -> bool:
    """A cheap test: could token t start a trigger (``first_keys``: :attr:`TriggerLexicon.first_keys`)?  Most
    tokens cannot.  A function, not a method: the stage calls it on every token."""
    if not t.is_word:
        return False
    n = t.norm
    if t.stem in first_keys or n in first_keys:
        return True
    if n[0] in _CONJ_LETTERS and (n[1:] in first_keys or n[3:] in first_keys):
        return True
    if t.suffix:
        st = t.stem
        return st + t.suffix in first_keys or (st.endswith(_TA) and st[:-1] + _HA in first_keys)
    return False


@lru_cache(maxsize=1 << 17)
def _keys_of(n: str, stem: str, suffix: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    """The lexicon keys of a token: its stem (with its enclitic), its norm with and without the article and a
    conjunction, its clitic-stripped readings without the article."""
    ks = [stem]
    if suffix:
        ks.append(stem + suffix)
    if n.startswith(AL) and len(n) >= 4:
        ks.append(n[2:])
    ks.append(n)
    if len(n) > 3 and n[0] in CONJUNCTIONS:
        ks.append(n[1:])
        if n[1:].startswith(AL) and len(n) >= 5:
            ks.append(n[3:])
    for f in forms[1:]:
        ks.append(strip_article(f))
    return tuple(dict.fromkeys(ks))


def _verb_forms(first: str, present: str) -> list[tuple[str, str]]:
    """``(form, tense)`` of a verb row: the perfect in every person (or the forms the row lists), then each
    imperfect form followed by its future."""
    forms: list[tuple[str, str]] = []
    if "|" in first:
        forms += [(w, "past") for w in (form_words(x)[0] for x in first.split("|"))]
    else:
        stem = form_words(first)[0]
        forms += [(w, "past") for w in inflect.perfect(stem, persons="all", weak_final=False)]
    if present and present != "-":
        for f in inflect.imperfect(norm_str(present), persons="all", weak_final=False):
            forms.append((f, "present"))
            forms.append((inflect.future(f), "future"))
    return forms


def _rules() -> dict[str, tuple[str, str, int, str]]:
    """``plover.tsv``: sub-event type -> (event type, PLOVER code, priority, civilians rule)."""
    taxonomy: dict[str, tuple[str, str, int, str]] = {}
    for row in load_tsv("plover.tsv"):
        taxonomy[row["sub_event_type"]] = (row["event_type"], row["plover"], int(row["priority"]), row["civilians"])
    return taxonomy


def _tagged(name: str, tag: str) -> frozenset[str]:
    return frozenset(w for w, t in tagged_words(name).items() if t == tag)


def _event_words() -> EventWords:
    named = {name: word for word, name in tagged_words("event_keywords").items()}
    return EventWords(
        prepositions=words("event_prepositions"),
        after=words("event_after"),
        cause=words("event_cause"),
        still=words("event_still"),
        enable=words("event_enable_verbs"),
        additive=words("event_additive"),
        count_fillers=words("event_count_fillers"),
        undergo=word_list("event_undergo"),
        among=words("event_among"),
        relative_on=words("event_relative_on"),
        clause_openers=words("event_clause_openers"),
        speaker_pronouns=words("event_speaker_pronouns"),
        speaker_enclitics=words("event_speaker_enclitics"),
        object_enclitics=words("event_object_enclitics"),
        neg_links=words("event_neg_links"),
        from_=named["from"],
        to=named["to"],
        on=named["on"],
        in_=named["in"],
        against=named["against"],
        gas=named["gas"],
        toxic=named["toxic"],
        relatives=words("event_relatives"),
        other_incident=tuple(tuple(p.split()) for p in word_list("event_other_incident")),
        area_heads=words("event_area_heads"),
        edges=words("event_edges"),
        elaboration=words("event_elaboration"),
        onset=words("event_onset"),
        reach=words("event_reach_verbs"),
        duration_words=_tagged("event_durations", "over") | _tagged("event_durations", "since"),
        since=_tagged("event_durations", "since"),
        time_units={w: int(tag) for w, tag in tagged_words("event_durations").items() if tag.isdigit()},
        campaign_start=_tagged("event_durations", "start"),
        claim_verbs=_tagged("event_claims", "verb"),
        claim_nouns=_tagged("event_claims", "noun"),
        claim_about=_tagged("event_claims", "about"),
        control=words("event_control"),
        backing=words("event_backing"),
        meetings=words("event_meetings"),
        subject_openers=words("event_subject_openers"),
        state_adjectives=words("event_state_adjectives"),
        death_nouns=_tagged("event_death_words", "noun"),
        death_verbs=_tagged("event_death_words", "verb"),
        with_=_tagged("event_death_words", "with"),
        companions=_tagged("event_death_words", "companion"),
        seat=_tagged("event_seat", "seat"),
        take=_tagged("event_seat", "take"),
    )


@cache
def load_triggers() -> TriggerLexicon:
    """The trigger index and cue sets (read once per process)."""
    taxonomy = _rules()
    index: dict[str, list[Entry]] = {}
    for row in load_tsv("triggers.tsv"):
        flags = frozenset(f.strip() for f in row["flags"].split(",") if f.strip() and "=" not in f)
        support = "support"
        for f in row["flags"].split(","):
            if f.strip().startswith("support="):
                support = f.strip().split("=", 1)[1]
        sub = row["sub_event_type"]
        etype = row["event_type"]
        if not sub.startswith("@"):
            if sub not in taxonomy:
                raise ValueError(f"triggers.tsv: unknown sub-event type {sub!r}")
            etype = taxonomy[sub][0]
        plover = row["plover"] if row["plover"] != "-" else (taxonomy[sub][1] if sub in taxonomy else "")
        raw = row["form"].split()
        first, rest = raw[0], tuple(w for x in raw[1:] for w in form_words(x))
        trig = Trigger(
            sub,
            etype,
            plover,
            row["pos"],
            row["form"],
            rest,
            row["gen"],
            flags,
            support,
            float(row["weight"] or 0.5),
            first.split("|")[0].endswith(TA_MARBUTA),
            form_words(first.split("|")[0])[0],
            " ".join(form_words(" ".join([first.split("|")[0], *raw[1:]]))),
        )
        if row["pos"] == "verb":
            forms = _verb_forms(first, row["present"])
        else:
            forms = [(form_words(first)[0], "noun")]
        for f, tense in forms:
            lst = index.setdefault(f, [])
            if all(e.trig is not trig or e.tense != tense for e in lst):
                lst.append(Entry(trig, tense))
    cues: dict[str, set[str]] = {}
    multi: dict[str, list[tuple[str, ...]]] = {}
    block: dict[str, set[str]] = {}
    block_after: dict[str, set[str]] = {}
    headings: set[str] = set()
    for row in load_tsv("event_cues.tsv"):
        kind, ws = row["kind"], form_words(row["cue"])
        if kind == "heading":
            headings.add(norm_str(row["cue"]))  # matched on whole normalised lines, article kept
        if not ws:
            continue
        if kind == "block_before":
            for v in form_words(row["value"]):
                block.setdefault(v, set()).add(ws[-1])
            continue
        if kind == "block_after":
            for v in form_words(row["value"]):
                block_after.setdefault(v, set()).add(ws[0])
            continue
        if len(ws) == 1:
            cues.setdefault(kind, set()).add(ws[0])
        else:
            multi.setdefault(kind, []).append(ws)
    nat: dict[str, str] = {}
    names: dict[str, str] = {}
    for row in load_tsv("countries.tsv"):
        iso = row.get("iso2", "")
        if not iso:
            continue
        names[iso] = row.get("name_en", iso)
        for col in ("adj_m", "adj_f", "adj_pl"):
            for a in (row.get(col) or "").split("|"):
                if a.strip():
                    nat[form_words(a)[0]] = iso
    trig_names = {e.trig.name for lst in index.values() for e in lst}
    register = [(form_words(w), tag) for w, tag in tagged_words("event_register").items() if form_words(w)]
    return TriggerLexicon(
        index={k: tuple(v) for k, v in index.items()},
        cues={k: frozenset(v) for k, v in cues.items()},
        multi={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        block={k: frozenset(v) for k, v in block.items()},
        block_after={k: frozenset(v) for k, v in block_after.items()},
        taxonomy=taxonomy,
        nat=nat,
        country_name=names,
        words=_event_words(),
        first_keys=frozenset(index),
        cue_kinds={w: frozenset(k for k, ws in cues.items() if w in ws) for w in set().union(*cues.values())},
        multi_first={k: frozenset(ws[0] for ws in v) for k, v in multi.items()},
        multi_by_first={
            k: {f: tuple(sorted((ws for ws in v if ws[0] == f), key=len, reverse=True)) for f in {ws[0] for ws in v}}
            for k, v in multi.items()
        },
        heading_openers=tuple(sorted(headings)),
        senses=_senses(trig_names),
        register={ws[0]: tag for ws, tag in register if len(ws) == 1},
        register_phrases=tuple(ws for ws, _ in register if len(ws) > 1),
    )


_SENSE_PLACES = frozenset({"next", "after", "before", "clause", "sentence", "headline"})


def _senses(names: set[str]) -> dict[str, tuple[Sense, ...]]:
    """``event_senses.tsv``: trigger name -> its other senses (every name must be a row of triggers.tsv)."""
    out: dict[str, list[Sense]] = {}
    for row in load_tsv("event_senses.tsv"):
        where = row["where"]
        if where not in _SENSE_PLACES:
            raise ValueError(f"event_senses.tsv: unknown place {where!r}")
        colls = [form_words(c) for c in row["collocates"].split("|") if c.strip()]
        sense = Sense(
            where,
            frozenset(c[0] for c in colls if len(c) == 1),
            tuple(c for c in colls if len(c) > 1),
            row["sense"],
        )
        for t in row["triggers"].split("|"):
            name = " ".join(form_words(t))
            if name not in names:
                raise ValueError(f"event_senses.tsv: {t!r} is no trigger of triggers.tsv")
            if sense not in out.get(name, ()):
                out.setdefault(name, []).append(sense)
    return {k: tuple(v) for k, v in out.items()}
