"""The speech lexicon: what the ``attribution`` stage knows about how Arabic news reports speech.

:class:`SpeechLexicon` is read once per process (:func:`speech_lexicon`, or ``Arabic.speech``) from

* ``speech_cues.tsv`` — one row per base form (verbs, present forms, participles, masdars); :func:`_inflect`
  generates the inflections;
* ``source_frames.tsv`` — the framings (بحسب X، وفقا لـ X، نقلا عن X), the agency names and the small words
  around a source (addressees, channels, time words, complementisers, boundaries);
* ``anonymous_sources.tsv`` — the heads of unnamed sources;
* ``months.tsv`` (the dates stage's) — the month names that count as time words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from hadath.lang import load_tsv
from hadath.lang.ar.orthography import norm_str

__all__ = ["CueForm", "SpeechLexicon", "speech_lexicon"]

_ENCLITICS = ("ه", "ها", "هم", "هما")


@dataclass(frozen=True, slots=True)
class CueForm:
    """One inflected cue form."""

    lemma: str
    stance: str
    kind: str  # verb | present | passive | participle | noun
    objects: frozenset[str]
    required: tuple[str, ...]
    flags: frozenset[str]
    enclitic: bool = False  # the form carries an object pronoun (تعتبرها، قوله)


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """Speech cues with all their inflections, framings and source words (every word normalised)."""

    cues: dict[str, CueForm]
    frames: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> ((words...), kind)
    words: dict[str, frozenset[str]]  # kind -> normalised single words
    phrases: dict[str, tuple[tuple[str, ...], ...]]  # kind -> multi-word phrases
    anonymous: dict[str, str]  # head -> kind
    agencies: tuple[str, ...]  # normalised agency names, longest first
    agency_words: frozenset[str]  # the agency names of one word
    months: frozenset[str]
    triggers: frozenset[str]  # every word that may start a cue or a frame (with و/ف)
    triggers_marks: frozenset[str]  # the triggers, ":" (headlines "X: ...") and quotation marks
    boundary_first: frozenset[str]  # first words of boundary words and phrases (with و/ف)
    confirm_lemmas: frozenset[str]
    time_words: frozenset[str]  # time words and month names


def _inflect(kind: str, base: str) -> list[tuple[str, bool]]:
    """Normalised inflections of a base form; ``(form, has_enclitic)``."""
    out: list[str] = [base]
    if kind == "verb":
        if base.endswith("ي"):  # نفى → نفت نفوا نفيا نفتا
            stem = base[:-1]
            out += [stem + "ت", stem + "وا", base + "ا", stem + "تا"]
        elif base.endswith("ا") and len(base) > 2:  # دعا → دعت دعوا دعتا
            stem = base[:-1]
            out += [stem + "ت", stem + "وا", stem + "تا"]
        else:
            out += [base + "ت", base + "وا", base + "ا", base + "تا"]
    elif kind == "present":
        ta = "ت" + base[1:]
        if base.endswith(("ي", "و")):  # ينفي يدعو يري
            pl = base[:-1] + "ون"
            jus = base[:-1]
            out += [ta, pl, base + "ان", ta + "ان", base[:-1] + "وا", jus, "ت" + jus[1:]]
        else:
            out += [ta, base + "ون", base + "ان", ta + "ان", base + "وا"]
    elif kind == "participle":
        stem = base[:-1] if base.endswith("ا") else base
        out += [stem + "ا", stem + "ه", stem + "ين", stem + "تين", stem + "ان", stem + "ون"]
        if stem.endswith("ي"):  # نافيا → نافين
            out += [stem[:-1] + "ين", stem[:-1] + "ون"]
    forms: list[tuple[str, bool]] = [(f, False) for f in dict.fromkeys(out)]
    if kind in ("verb", "present"):
        for f in list(dict.fromkeys(out)):
            if f.endswith("وا"):
                continue
            forms += [(f + e, True) for e in _ENCLITICS]
    elif kind == "noun" and not base.startswith(("ال", "ب")) and not base.endswith("ا"):
        forms += [(base + e, True) for e in _ENCLITICS]
        if base.endswith("ه"):  # a masdar in ة: تغطيته
            forms += [(base[:-1] + "ت" + e, True) for e in _ENCLITICS]
    return forms


@cache
def speech_lexicon() -> SpeechLexicon:
    """The speech lexicon, built once from the data files."""
    cues: dict[str, CueForm] = {}
    for row in load_tsv("speech_cues.tsv"):
        kind = row["kind"]
        base = norm_str(row["form"])
        objs = row["object"].split()
        required = tuple(norm_str(o[1:]) for o in objs if o.startswith("="))
        objects = frozenset(norm_str(o) for o in objs if not o.startswith("="))
        flags = frozenset(row["flags"].split())
        for form, encl in _inflect(kind, base):
            if form not in cues:
                cues[form] = CueForm(norm_str(row["lemma"]), row["stance"], kind, objects, required, flags, encl)
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    frames: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    agencies: list[str] = []
    for row in load_tsv("source_frames.tsv"):
        kind = row["kind"]
        form = norm_str(row["form"])
        parts = tuple(form.split())
        if kind == "agency":
            agencies.append(form)
            continue
        if kind in ("frame", "relayframe"):
            frames.setdefault(parts[0], []).append((parts, kind))
            continue
        if len(parts) == 1:
            words.setdefault(kind, set()).add(form)
        else:
            phrases.setdefault(kind, []).append(parts)
    anonymous = {norm_str(r["form"]): r["kind"] for r in load_tsv("anonymous_sources.tsv")}
    months: set[str] = set()
    try:
        for r in load_tsv("months.tsv"):
            if r.get("ambiguous", "0") == "0":
                months.add(norm_str(r["name"]).split()[0])
    except (FileNotFoundError, KeyError):  # pragma: no cover - months.tsv belongs to the dates stage
        pass
    starts = set(cues) | set(frames)
    triggers = starts | {p + w for w in starts for p in ("و", "ف")}
    bfirst = set(words.get("boundary", set())) | {p[0] for p in phrases.get("boundary", [])}
    bfirst |= {p + w for w in bfirst for p in ("و", "ف")}
    agency_names = tuple(sorted(set(agencies), key=len, reverse=True))
    return SpeechLexicon(
        cues=cues,
        frames={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in frames.items()},
        words={k: frozenset(v) for k, v in words.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        anonymous=anonymous,
        agencies=agency_names,
        agency_words=frozenset(a for a in agency_names if " " not in a),
        months=frozenset(months),
        triggers=frozenset(triggers),
        triggers_marks=frozenset(triggers | {":", '"'}),
        boundary_first=frozenset(bfirst),
        confirm_lemmas=frozenset(f.lemma for f in cues.values() if "confirm" in f.flags),
        time_words=frozenset(words.get("time", set()) | months),
    )
