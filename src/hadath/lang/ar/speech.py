"""The speech lexicon: what the ``attribution`` stage knows about how Arabic news reports speech.

:class:`SpeechLexicon` is read once per process (:func:`speech_lexicon`, or ``Arabic.speech``) from

* ``speech_cues.tsv`` — one row per base form (verbs, present forms, participles, masdars); the one verb
  inflector (:func:`hadath.lang.ar.inflect.inflect`, third person) generates the inflections;
* ``source_frames.tsv`` — the framings (بحسب X، وفقا لـ X، نقلا عن X), the agency names and the small words
  around a source (addressees, channels, time words, complementisers, boundaries);
* ``anonymous_sources.tsv`` — the heads of unnamed sources;
* ``months.tsv`` (the dates stage's) — the month names that count as time words;
* the function words the readers test around a cue, one list a file: ``words/speech_*.txt`` (كان، قد، لم,
  the prepositions a cue takes, the words that end or open a clause ...; ``lang/ar/README.md`` lists them).

It also answers the few spelling questions the stage asks of a token's original letters (a ى or a آ the
normalised view folds away, tanween, nisba endings) and builds the patterns that find article credits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from hadath.lang import load_tsv
from hadath.lang.ar.clitics import CONJUNCTIONS, WA
from hadath.lang.ar.inflect import inflect
from hadath.lang.ar.orthography import ALEF_MADDA, ALEF_MAQSURA, norm_str
from hadath.lang.ar.words import tagged_words, word_list, words

__all__ = ["CueForm", "SpeechLexicon", "speech_lexicon"]

# ALEF_MAQSURA, ALEF_MADDA (orthography): يدعي "claims" / يدعى "is called"; على / the name علي; آي / أي; آلي / إلى.

# word shapes the readers test (normalised letters)
_PLURAL_VERB_ENDINGS = ("وا", "ون")  # قالوا، يقولون
_IMPERFECT_PREFIXES = "يت"
_IMPERFECT_PLURAL_ENDINGS = ("ون", "ان", "ين")  # يعدون، تقولان
_ACCUSATIVE_ALIF = "ا"  # تقريرا
_YA_ALIF = "يا"  # سوريا: no accusative


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
    """Speech cues with all their inflections, framings, source words and the function words around them.

    Every word is normalised (folded like the normalised view) unless said otherwise.
    """

    # -- speech_cues.tsv, source_frames.tsv, anonymous_sources.tsv, months.tsv
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
    # -- words/speech_*.txt: verb groups and negation
    kana: frozenset[str]  # كان and its forms (with و/ف)
    qad: frozenset[str]  # قد، لقد (with و/ف)
    negators: frozenset[str]  # لم، لا (with و/ف)
    past_negators: frozenset[str]  # لم، ولم، فلم: a cue after them may be a silent act
    conj_past_negators: frozenset[str]  # ولم، فلم: a negated verb group that starts a clause
    unless: frozenset[str]  # ما، طالما before لم: "ما لم يحدد" (unless)
    # -- prepositions
    cue_preps: frozenset[str]  # إلى، من، عن، على: the prepositions a cue takes as its object
    silent_preps: frozenset[str]  # the prepositions a silent act skips before its object (+ حول)
    no_speaker_preps: frozenset[str]  # a preposition right after the verb: no speaker phrase there
    inner_preps: frozenset[str]  # في، من، باسم inside a speaker's description
    name_preps: frozenset[str]  # the words after which a quoted name belongs to the speaker phrase
    relay_preps: frozenset[str]  # عن before the original speaker (نقلا عن X، البيان الصادر عن X)
    relay_pronouns: frozenset[str]  # عنه، عنها ...: the original speaker is the previous one
    title_preps: frozenset[str]  # لدى inside a title ("سفيرة أمريكا لدى الأمم المتحدة")
    location_preps: frozenset[str]  # في before the place a named source is in
    pointing_preps: frozenset[str]  # إلى after a participle or an impersonal verb (مشيرا إلى أن)
    warning_preps: frozenset[str]  # من: a masdar's addressee لـ X comes before it (تحذيرا لدمشق من)
    # -- time
    time_links: frozenset[str]  # من، في inside a time expression (التاسع من شباط)
    time_adjectives: frozenset[str]  # سابق، متأخر، مبكر (في وقت سابق)
    time_openers: frozenset[str]  # يوم، في before a time word: the end of a speaker phrase
    day_words: frozenset[str]  # يوم before a time word, skipped after a speaker
    medium_time: frozenset[tuple[str, str]]  # (في, وقت): a channel preposition that opens a time expression
    # -- clauses
    inside_boundaries: frozenset[str]  # حيث، ثم، إذ: boundaries that do not end reported content
    comma_boundaries: frozenset[str]  # فيما، كما: boundaries that end it only after punctuation
    weak_boundaries: frozenset[str]  # both: none of them starts the clause a closing frame sources
    clause_openers: frozenset[str]  # ثم، كما، وكما: a cue after them is clause-initial
    content_openers: frozenset[str]  # فإن، فإنه at the start of reported content, skipped
    bi_that: tuple[str, ...]  # بأن: ب + the complementiser, after a cue that takes ب
    topic: frozenset[str]  # أما: the topic particle before a pre-verbal subject
    topic_conj: frozenset[str]  # أما، وأما: "أما X ف+cue"
    also: frozenset[str]  # كذلك: a second speaker follows ("X وكذلك Y")
    also_wa: frozenset[str]  # وكذلك
    what: frozenset[str]  # ما: "أكد ما ذكره المرصد" confirms only when a cue follows
    # -- framings
    fused_frames: frozenset[str]  # حسبما: a frame fused with ما, the speech verb follows directly
    frame_pronouns: frozenset[str]  # به، بها after a frame's speech verb ("وفقا لما صرح به")
    frame_lead_ins: frozenset[str]  # و، وذلك، ذلك: left out of the content before a closing frame
    # -- spelling and morphology
    homographs: tuple[tuple[str, Callable[[str], bool]], ...]  # (folded word, "is the original text another word?")
    nisba_endings: tuple[str, ...]  # endings of relational adjectives, in original letters
    plural_verb_endings: tuple[str, ...]  # وا، ون: a plural verb does not precede its subject
    # -- article credits
    credit_noise_re: re.Pattern[str]  # what may stand next to agency names on a credit line
    agency_re: re.Pattern[str]  # an agency name
    dateline_paren_re: re.Pattern[str]  # a dateline credit "(رويترز) -"
    dateline_dash_re: re.Pattern[str]  # a dateline "بيروت - رويترز"

    def imperfect_plural(self, word: str) -> bool:
        """An imperfect plural or dual verb form (يعدون، تقولان), by its letters alone."""
        return len(word) >= 5 and word[0] in _IMPERFECT_PREFIXES and word.endswith(_IMPERFECT_PLURAL_ENDINGS)

    def indefinite_accusative(self, word: str) -> bool:
        """A word ending in the alif of an indefinite accusative (تقريرا), not in يا (سوريا)."""
        return len(word) >= 4 and word.endswith(_ACCUSATIVE_ALIF) and not word.endswith(_YA_ALIF)


def _is_name_ali(text: str) -> bool:
    """A token folded to علي is the name علي unless written على (the preposition)."""
    return not text.endswith(ALEF_MAQSURA)


def _is_aali(text: str) -> bool:
    """A token folded to الي is آلي ("automatic") when written with آ, else the preposition إلى."""
    return text.startswith(ALEF_MADDA)


def _credit_patterns(agencies: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Agency names, a dateline credit "(رويترز) -" and a dateline "بيروت - رويترز"."""
    alts = []
    for a in agencies:
        alts.append(
            r"\s*".join(re.escape(p) for p in a.replace(".", " ").split()) if " " in a or "." in a else re.escape(a)
        )
    pat = r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)"
    return (
        re.compile(pat),
        re.compile(r"\((" + pat + r")(?:\s*[,/]\s*(?:" + pat + r"))*\)\s*-"),
        re.compile(r"^\s*[\w ]{2,25}?\s+-\s+(" + pat + r")\b"),
    )


def _credit_noise(names: tuple[str, ...]) -> re.Pattern[str]:
    """The words of ``speech_credit_noise.txt`` (a space matches any run of spaces), punctuation, digits and
    single letters: what a credit line may hold besides agency names."""
    alts = [r"\s*".join(re.escape(p) for p in name.split()) for name in names]
    return re.compile("|".join([*alts, r"[\W\d_]", r"\b\w\b"]))


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
        for form, encl in inflect(kind, base, persons="third", weak_final=True, enclitics=True):
            if form not in cues:
                cues[form] = CueForm(norm_str(row["lemma"]), row["stance"], kind, objects, required, flags, encl)
    kinds: dict[str, set[str]] = {}
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
            kinds.setdefault(kind, set()).add(form)
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
    triggers = starts | {p + w for w in starts for p in CONJUNCTIONS}
    bfirst = set(kinds.get("boundary", set())) | {p[0] for p in phrases.get("boundary", [])}
    bfirst |= {p + w for w in bfirst for p in CONJUNCTIONS}
    agency_names = tuple(sorted(set(agencies), key=len, reverse=True))
    agency_re, dateline_paren_re, dateline_dash_re = _credit_patterns(agency_names)
    negators = tagged_words("speech_negators")
    past_negators = frozenset(w for w, tag in negators.items() if tag == "past")
    boundaries = tagged_words("speech_weak_boundaries")
    topic = words("speech_topic")
    also = words("speech_also")
    return SpeechLexicon(
        cues=cues,
        frames={k: tuple(sorted(v, key=lambda x: -len(x[0]))) for k, v in frames.items()},
        words={k: frozenset(v) for k, v in kinds.items()},
        phrases={k: tuple(v) for k, v in phrases.items()},
        anonymous=anonymous,
        agencies=agency_names,
        agency_words=frozenset(a for a in agency_names if " " not in a),
        months=frozenset(months),
        triggers=frozenset(triggers),
        triggers_marks=frozenset(triggers | {":", '"'}),
        boundary_first=frozenset(bfirst),
        confirm_lemmas=frozenset(f.lemma for f in cues.values() if "confirm" in f.flags),
        time_words=frozenset(kinds.get("time", set()) | months),
        kana=words("speech_kana"),
        qad=words("speech_qad"),
        negators=frozenset(negators),
        past_negators=past_negators,
        conj_past_negators=frozenset(w for w in past_negators if w[:1] in CONJUNCTIONS),
        unless=words("speech_unless"),
        cue_preps=words("speech_cue_preps"),
        silent_preps=words("speech_silent_preps"),
        no_speaker_preps=words("speech_no_speaker_preps"),
        inner_preps=words("speech_inner_preps"),
        name_preps=words("speech_name_preps"),
        relay_preps=words("speech_relay_preps"),
        relay_pronouns=words("speech_relay_pronouns"),
        title_preps=words("speech_title_preps"),
        location_preps=words("speech_location_preps"),
        pointing_preps=words("speech_pointing_preps"),
        warning_preps=words("speech_warning_preps"),
        time_links=words("speech_time_links"),
        time_adjectives=words("speech_time_adjectives"),
        time_openers=words("speech_time_openers"),
        day_words=words("speech_day_words"),
        medium_time=frozenset(_pair(p) for p in words("speech_medium_time")),
        inside_boundaries=frozenset(w for w, tag in boundaries.items() if tag == "inside"),
        comma_boundaries=frozenset(w for w, tag in boundaries.items() if tag == "comma"),
        weak_boundaries=frozenset(boundaries),
        clause_openers=words("speech_clause_openers"),
        content_openers=words("speech_content_openers"),
        bi_that=word_list("speech_bi_that"),
        topic=topic,
        topic_conj=topic | {WA + w for w in topic},
        also=also,
        also_wa=frozenset(WA + w for w in also),
        what=words("speech_what"),
        fused_frames=words("speech_fused_frames"),
        frame_pronouns=words("speech_frame_pronouns"),
        frame_lead_ins=words("speech_frame_lead_ins"),
        homographs=((norm_str("على"), _is_name_ali), (norm_str("إلى"), _is_aali)),
        nisba_endings=word_list("speech_nisba_endings", fold=False),
        plural_verb_endings=_PLURAL_VERB_ENDINGS,
        credit_noise_re=_credit_noise(word_list("speech_credit_noise")),
        agency_re=agency_re,
        dateline_paren_re=dateline_paren_re,
        dateline_dash_re=dateline_dash_re,
    )


def _pair(phrase: str) -> tuple[str, str]:
    first, second = phrase.split()
    return first, second
