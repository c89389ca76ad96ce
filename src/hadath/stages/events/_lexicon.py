"""The trigger lexicon, read once from ``lang/ar``: trigger forms in every person, the cue words, the taxonomy.

``triggers.tsv`` holds one row per trigger (verbs as the perfect 3rd person masculine singular and an imperfect
stem; :func:`_conjugate` generates the other persons, the imperfect and the future with سـ); ``plover.tsv`` the
ACLED taxonomy (event type, PLOVER code, priority, civilian and unknown-perpetrator rules); ``event_cues.tsv``
the small words read around a trigger (one-word cues, multiword cues, words that block a trigger before or
after it, heading openers); ``countries.tsv`` nationality adjectives and country names.  :meth:`Lexicon.token_info`
memoises what a token surface reads as, across documents; :func:`maybe_trigger` is the cheap first test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from hadath.doc import Token
from hadath.lang import load_tsv
from hadath.lang.ar.orthography import norm_str

_EMPTY: frozenset[str] = frozenset()
_PAST_SUFFIXES = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تما")
_PRES_PREFIXES = ("ي", "ت", "ن", "ا")
_PRES_SUFFIXES = ("", "ون", "ان", "ين", "ن", "وا", "ا")


def form_words(form: str) -> tuple[str, ...]:
    """Normalised words of a data form, a leading article dropped from each word (as the segmenter does)."""
    out = []
    for w in norm_str(form).split():
        if w.startswith("ال") and len(w) >= 4:
            w = w[2:]
        out.append(w)
    return tuple(out)


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


@dataclass(frozen=True, slots=True)
class Entry:
    trig: Trigger
    tense: str  # past | present | future | noun


@dataclass(frozen=True)
class Lexicon:
    index: dict[str, tuple[Entry, ...]]
    cues: dict[str, frozenset[str]]
    multi: dict[str, tuple[tuple[str, ...], ...]]
    block: dict[str, frozenset[str]]
    block_after: dict[str, frozenset[str]]
    taxonomy: dict[str, tuple[str, str, int, str]]  # sub -> (event_type, plover, priority, civilians)
    nat: dict[str, str]  # nationality adjective (normalised, no article) -> ISO2
    country_name: dict[str, str]
    first_keys: frozenset[str] = frozenset()
    cue_kinds: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word -> its kinds
    multi_first: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> first words of its multiwords
    # normalised openers of link lines and headings (``heading`` cues: اقرأ أيضا، قد يهمك، شاهد)
    heading_openers: tuple[str, ...] = ()
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
            found: set[str] = set()
            for key in keys:
                ks = self.cue_kinds.get(key)
                if ks:
                    found |= ks
            kinds = frozenset(found) if found else _EMPTY
            if len(by_norm) >= _MEMO_MAX:
                by_norm.clear()
            info = by_norm[t.norm] = (keys, kinds, maybe_trigger(t, self.first_keys))
        return info


_MEMO_MAX = 200_000


def _conjugate(first: str, present: str) -> list[tuple[str, str]]:
    forms: list[tuple[str, str]] = []
    if "|" in first:
        forms += [(w, "past") for w in (form_words(x)[0] for x in first.split("|"))]
    else:
        stem = form_words(first)[0]
        forms += [(stem + s, "past") for s in _PAST_SUFFIXES]
    if present and present != "-":
        p = norm_str(present)
        for pre in _PRES_PREFIXES:
            for suf in _PRES_SUFFIXES:
                forms.append((pre + p + suf, "present"))
                forms.append(("س" + pre + p + suf, "future"))
    return forms


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The trigger index and cue sets (read once per process)."""
    taxonomy: dict[str, tuple[str, str, int, str]] = {}
    for row in load_tsv("plover.tsv"):
        taxonomy[row["sub_event_type"]] = (row["event_type"], row["plover"], int(row["priority"]), row["civilians"])
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
            first.split("|")[0].endswith("ة"),
        )
        if row["pos"] == "verb":
            forms = _conjugate(first, row["present"])
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
    return Lexicon(
        index={k: tuple(v) for k, v in index.items()},
        cues={k: frozenset(v) for k, v in cues.items()},
        multi={k: tuple(sorted(v, key=len, reverse=True)) for k, v in multi.items()},
        block={k: frozenset(v) for k, v in block.items()},
        block_after={k: frozenset(v) for k, v in block_after.items()},
        taxonomy=taxonomy,
        nat=nat,
        country_name=names,
        first_keys=frozenset(index),
        cue_kinds={w: frozenset(k for k, ws in cues.items() if w in ws) for w in set().union(*cues.values())},
        multi_first={k: frozenset(ws[0] for ws in v) for k, v in multi.items()},
        heading_openers=tuple(sorted(headings)),
    )


@lru_cache(maxsize=1 << 17)
def _keys_of(n: str, stem: str, suffix: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    ks = [stem]
    if suffix:
        ks.append(stem + suffix)
    if n.startswith("ال") and len(n) >= 4:
        ks.append(n[2:])
    ks.append(n)
    if len(n) > 3 and n[0] in "وف":
        ks.append(n[1:])
        if n[1:].startswith("ال") and len(n) >= 5:
            ks.append(n[3:])
    for f in forms[1:]:
        ks.append(f[2:] if f.startswith("ال") and len(f) >= 4 else f)
    return tuple(dict.fromkeys(ks))


def maybe_trigger(t: Token, first_keys: frozenset[str]) -> bool:
    """A cheap test: could token t start a trigger? (most tokens cannot)."""
    if not t.is_word:
        return False
    n = t.norm
    if t.stem in first_keys or n in first_keys:
        return True
    if n[0] in "وف" and (n[1:] in first_keys or n[3:] in first_keys):
        return True
    if t.suffix:
        st = t.stem
        return st + t.suffix in first_keys or (st.endswith("ت") and st[:-1] + "ه" in first_keys)
    return False
