"""The events stage reads a sentence of more than MAX_UNIT tokens as several units (issue 19: linear time)."""

from __future__ import annotations

import time

import pytest

import hadath
from hadath.doc import ArticleMeta, Doc
from hadath.lang.ar import arabic
from hadath.pipeline import Pipeline
from hadath.stages import segment
from hadath.stages.events._context import MAX_UNIT, Ctx

CLAUSE = "وقصفت مدفعية الجيش أطراف القرية الشرقية صباحا، "  # 7 words and a comma


def _ctx(text: str, monkeypatch: pytest.MonkeyPatch | None = None) -> Ctx:
    if monkeypatch is not None:  # sentences as long as the text makes them: the segmenter's cap off
        split = segment.split_sentences
        monkeypatch.setattr(segment, "split_sentences", lambda norm: split(norm, max_tokens=0))
    doc = Pipeline(["normalize", "segment"])(Doc(text, ArticleMeta(id="t", title=None, published="2018-03-05")))
    return Ctx(doc, arabic().triggers)


def test_a_news_sentence_is_one_unit() -> None:
    ctx = _ctx("قتل خمسة مدنيين في قصف على بلدة في ريف حلب. وقال مسؤول إن القصف استمر ساعات.")
    assert len(ctx.sent_range) == len(ctx.doc.sentences) == 2
    assert ctx.unit_doc == [0, 1]
    assert all(ctx.sent[k] == t.sent for k, t in enumerate(ctx.toks))


def test_a_run_on_sentence_is_cut_after_a_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = _ctx(CLAUSE * 60 + "ثم توقف القصف.", monkeypatch)
    assert len(ctx.doc.sentences) == 1
    assert len(ctx.sent_range) > 1 and set(ctx.unit_doc) == {0}
    for u, (lo, hi) in enumerate(ctx.sent_range):
        assert 0 < hi - lo <= MAX_UNIT
        assert all(ctx.sent[k] == u for k in range(lo, hi))
        if u + 1 < len(ctx.sent_range):
            assert ctx.toks[hi - 1].norm == ","  # a clause boundary ends every unit but the last
    assert ctx.sent_range[-1][1] == len(ctx.toks)


def test_a_text_without_boundaries_is_cut_at_the_length(monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = _ctx("غارات على " * 300, monkeypatch)
    assert [hi - lo for lo, hi in ctx.sent_range] == [MAX_UNIT, MAX_UNIT, 600 - 2 * MAX_UNIT]


def test_triggers_far_into_a_run_on_sentence_still_make_events_in_linear_time() -> None:
    hadath.extract("تمهيد.")
    t0 = time.process_time()
    doc = hadath.extract(CLAUSE * 200 + "ثم توقف القصف.", published="2018-03-05")
    assert time.process_time() - t0 < 5.0
    assert doc.events  # the shelling is read in every unit
