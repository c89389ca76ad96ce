"""The speech lexicon (lang/ar/speech.py) and its word lists (lang/ar/words/speech_*.txt)."""

from __future__ import annotations

import pytest

from hadath.lang import load_lines, read_text
from hadath.lang.ar import Arabic, arabic
from hadath.lang.ar.orthography import norm_str
from hadath.lang.ar.speech import SpeechLexicon, speech_lexicon

LEX = arabic().speech
SPEECH_WORD_FILES = [
    "also",
    "bi_that",
    "clause_openers",
    "content_openers",
    "credit_noise",
    "cue_preps",
    "day_words",
    "frame_lead_ins",
    "frame_pronouns",
    "fused_frames",
    "inner_preps",
    "kana",
    "location_preps",
    "medium_time",
    "name_preps",
    "negators",
    "nisba_endings",
    "no_speaker_preps",
    "pointing_preps",
    "qad",
    "relay_preps",
    "relay_pronouns",
    "silent_preps",
    "time_adjectives",
    "time_links",
    "time_openers",
    "title_preps",
    "topic",
    "unless",
    "warning_preps",
    "weak_boundaries",
    "what",
]


def test_one_lexicon_per_process() -> None:
    assert isinstance(LEX, SpeechLexicon)
    assert LEX is speech_lexicon() is Arabic().speech


@pytest.mark.parametrize("name", SPEECH_WORD_FILES)
def test_word_file_header_and_entries(name: str) -> None:
    text = read_text(f"words/speech_{name}.txt")
    header = [ln for ln in text.splitlines() if ln.startswith("#")]
    assert any("Provenance" in ln for ln in header) and any("Read by" in ln for ln in header)
    assert load_lines(f"words/speech_{name}.txt"), name


def test_readme_lists_every_word_file() -> None:
    readme = read_text("README.md")
    for name in SPEECH_WORD_FILES:
        assert f"`words/speech_{name}.txt`" in readme, name


def test_lexicon_inflections() -> None:
    cues = LEX.cues
    for form in (
        "قالت",
        "قالوا",
        "يقولون",
        "تقول",
        "نفت",
        "ينفون",
        "تنفي",
        "قائلة",
        "مشيرين",
        "أفيد",
        "قولها",
        "تعتبرها",
    ):
        assert norm_str(form) in cues, form
    assert cues[norm_str("نفت")].stance == "deny"


@pytest.mark.parametrize("form", ["قائلا", "قائلة", "قوله", "قولها", "القول"])
def test_say_flag(form: str) -> None:
    cue = LEX.cues[norm_str(form)]
    assert cue.lemma == norm_str("قال") and "say" in cue.flags


def test_word_lists_are_folded() -> None:
    assert LEX.cue_preps == {norm_str(w) for w in ("إلى", "من", "عن", "على")}
    assert norm_str("متأخر") in LEX.time_adjectives
    assert LEX.bi_that == (norm_str("بأن"),)
    # the detached بـ and لـ are written with tatweel; the normalised view (and so every token) has none
    assert norm_str("بـ") in LEX.name_preps and norm_str("لـ") in LEX.name_preps
    assert norm_str("لـ") not in LEX.no_speaker_preps


def test_negators_and_derived_sets() -> None:
    assert LEX.past_negators == {"لم", "ولم", "فلم"}
    assert LEX.conj_past_negators == {"ولم", "فلم"}
    assert LEX.past_negators < LEX.negators
    assert LEX.topic_conj == {"اما", "واما"} and LEX.also_wa == {"وكذلك"}
    assert LEX.weak_boundaries == LEX.inside_boundaries | LEX.comma_boundaries
    assert LEX.medium_time == {("في", "وقت")}


def test_nisba_endings_keep_ta_marbuta() -> None:
    assert "ية" in LEX.nisba_endings and "يه" not in LEX.nisba_endings


@pytest.mark.parametrize(
    ("norm", "text", "other"),
    [("علي", "على", False), ("علي", "علي", True), ("الي", "إلى", False), ("الي", "آلي", True)],
)
def test_homographs(norm: str, text: str, other: bool) -> None:
    tests = dict(LEX.homographs)
    assert tests[norm](text) is other


@pytest.mark.parametrize(
    ("word", "plural", "accusative"),
    [("يعدون", True, False), ("تقولان", True, False), ("تقريرا", False, True), ("سوريا", False, False)],
)
def test_morphology(word: str, plural: bool, accusative: bool) -> None:
    assert LEX.imperfect_plural(word) is plural
    assert LEX.indefinite_accusative(word) is accusative


def test_credit_patterns() -> None:
    assert LEX.credit_noise_re.pattern == r"فرانس\s*24|المصدر|الصوره|[\W\d_]|\b\w\b"
    assert LEX.agency_re.search(norm_str("(أ ف ب، رويترز)"))
    m = LEX.dateline_paren_re.search(norm_str("بيروت (رويترز) - قال"))
    assert m is not None
    assert LEX.agency_words <= set(LEX.agencies)
