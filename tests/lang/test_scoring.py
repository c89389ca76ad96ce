"""The evaluation's folding (``lang/ar/scoring.py``) gives what the reference scorer gives."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.lang.ar.scoring import (
    fold_for_scoring,
    mention_form,
    same_cue,
    strip_attached_proclitics,
    strip_proclitic,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("إدلب", "ادلب"),
        ("مُسْتَشْفَى", "مستشفي"),
        ("«المرصد السوري»،", "المرصد السوري"),
        ("مؤسسة  الرئاسة", "موسسه الرياسه"),
        ("ٱلـلّه", "الله"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_for_scoring(text: str | None, folded: str) -> None:
    assert fold_for_scoring(text) == folded


@pytest.mark.parametrize(
    ("text", "form"),
    [("بالجيش", "الجيش"), ("والجيش", "الجيش"), ("وزير", "وزير"), ("بال", "بال"), ("لبنان", "لبنان")],
)
def test_mention_form(text: str, form: str) -> None:
    assert mention_form(text) == form


@pytest.mark.parametrize(
    ("mention", "gold"),
    [
        ("والجيش السوري", "الجيش السوري"),
        ("بالمدينة", "المدينة"),
        ("وبالمدينة", "المدينة"),  # two proclitic letters
        ("وللجيش", "للجيش"),  # the ل of لل stands for ل + ال: the mention stays verbatim
        ("بريطانيا", "بريطانيا"),  # no article: the first letter is the name's own
        ("وزارة الدفاع", "وزارة الدفاع"),
        ("والي", "والي"),  # too short to be و + ال + a stem
        ("الجيش", "الجيش"),
    ],
)
def test_strip_attached_proclitics_keeps_the_mention_verbatim(mention: str, gold: str) -> None:
    assert strip_attached_proclitics(mention) == gold
    assert mention.endswith(gold)


@pytest.mark.parametrize(
    ("cue", "gold", "ok"),
    [
        ("قال", "قال", True),
        ("وقال", "قال", True),  # a leading و/ف is tolerated
        ("فقال", "قال", True),
        ("قال", "وقال", False),
        ("قال", "أضاف", False),
        ("وأضاف قائلا", "قائلا", True),  # containment
        ("", "", True),
    ],
)
def test_same_cue(cue: str, gold: str, ok: bool) -> None:
    assert same_cue(fold_for_scoring(cue), fold_for_scoring(gold)) is ok


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> ModuleType:
    path = shared_dir / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("reference scorer not present")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_TEXT = st.text(
    alphabet=st.sampled_from(
        list("اأإآٱبتةثجحخدذرزسشصضطظعغفقكلمنهويىؤئء") + list("\u064b\u064e\u0651\u0640 «»،؟.-\"'()x1")
    ),
    max_size=24,
)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_agrees_with_the_reference_scorer(reference: ModuleType, text: str) -> None:
    assert fold_for_scoring(text) == reference.norm(text)
    assert strip_proclitic(fold_for_scoring(text)) == reference.strip_proclitic(reference.norm(text))
