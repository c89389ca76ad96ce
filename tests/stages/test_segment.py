from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.lang.ar.clitics import segment_word
from hadath.pipeline import Pipeline
from hadath.stages.segment import MAX_SENTENCE_TOKENS, split_sentences

SEG = Pipeline(["normalize", "segment"])


@pytest.mark.parametrize(
    ("word", "prefix", "article", "stem", "suffix"),
    [
        ("بالجيش", "ب", True, "جيش", ""),
        ("وداعش", "و", False, "داعش", ""),
        ("للمرصد", "ل", True, "مرصد", ""),
        ("بادلب", "ب", False, "ادلب", ""),
        ("وبالقرب", "وب", True, "قرب", ""),
        ("مقاتليه", "", False, "مقاتلي", "ه"),
        ("قواتهم", "", False, "قوات", "هم"),
        # guarded words are not split
        ("بشار", "", False, "بشار", ""),
        ("لبنان", "", False, "لبنان", ""),
        ("فرنسا", "", False, "فرنسا", ""),
        ("وزير", "", False, "وزير", ""),
        # given names that begin with a proclitic letter
        ("وايل", "", False, "وايل", ""),
        ("فيصل", "", False, "فيصل", ""),
    ],
)
def test_segment_word(word: str, prefix: str, article: bool, stem: str, suffix: str) -> None:
    p, a, s, x, forms = segment_word(word)
    assert (p, a, s, x) == (prefix, article, stem, suffix)
    assert forms[0] == word


def test_forms_keep_the_article() -> None:
    assert "الجيش" in segment_word("بالجيش")[4]
    assert "المرصد" in segment_word("للمرصد")[4]
    assert "ادلب" in segment_word("بادلب")[4]


def test_final_ta_is_not_an_enclitic() -> None:
    assert segment_word("جبهه", final_ta=True)[3] == ""


@pytest.mark.parametrize(
    ("text", "n"),
    [
        ("قال المرصد إن القصف استمر. وأضاف أن الاشتباكات تدور في القرية.", 2),
        ("هل انتهى القصف؟ لا أحد يعرف! الوضع صعب؛ والناس خائفون.", 4),
        ('وقال: "المعركة انتهت. فتحوا الطريق... وسكروه" في إشارة إلى الحاجز.', 1),
        ("وقال «انتهت المعركة. لقد انتصرنا» ثم غادر.", 1),
        ("قال د. أحمد إن الوضع سيئ.", 1),
        ("بلغت نسبة الدمار 3.5 في المئة.", 1),
        ("بلغت الخسائر 2 و3.5 مليون دولار.", 1),
        ("٩ فبراير ٢٠١٨قال المرصد إن القصف استمر.", 2),
        ("السطر الأول\nالسطر الثاني", 2),
        ("ز.أ.ب/ح.ع.ح (أ ف ب، رويترز)", 1),
    ],
)
def test_sentences(text: str, n: int) -> None:
    doc = SEG.extract(text)
    assert len(doc.sentences) == n, [text[s.start : s.end] for s in doc.sentences]


def test_sentences_of_the_seed(seed_text: str) -> None:
    doc = SEG.extract(seed_text)
    texts = [seed_text[s.start : s.end] for s in doc.sentences]
    assert texts[1] == "٩ فبراير ٢٠١٨"
    assert texts[2].startswith("قال المرصد السوري")
    assert any(t.startswith("وقال قيادي") and "واتسكر" in t for t in texts)
    assert 13 <= len(texts) <= 20


def test_tokens_map_to_original_with_tashkeel() -> None:
    text = "وَقَالَ الجيشُ السوريُّ بإدلبَ ١٢ قتيلاً"
    doc = SEG.extract(text)
    for t in doc.tokens:
        assert text[t.start : t.end] == t.text
    words = [t for t in doc.tokens if t.is_word]
    assert [t.core for t in words][:4] == ["قال", "الجيش", "السوري", "ادلب"]
    assert any(t.norm == "12" for t in doc.tokens)


def test_digits_glued_to_words_are_split() -> None:
    doc = SEG.extract("٢٠١٨قال")
    assert [t.text for t in doc.tokens] == ["٢٠١٨", "قال"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list('ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئ ًٌٍَُِّْـ\n.،؟!«»"0123456789٠١٢')), max_size=300)
)
def test_spans_always_map_back(text: str) -> None:
    doc = SEG.extract(text)
    for t in doc.tokens:
        assert text[t.start : t.end] == t.text
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
    starts = [s.start for s in doc.sentences]
    assert starts == sorted(starts)


def test_split_sentences_empty() -> None:
    assert split_sentences("") == []
    assert SEG.extract("").tokens == []


# -- runaway sentences (issue 19): cut at token boundaries, so that no stage reads an unbounded sentence ------


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in SEG.extract(text).sentences]


def test_a_sentence_under_the_cap_is_not_cut() -> None:
    text = "شنت طائرات حربية غارات على بلدة في ريف إدلب " * 25  # 225 tokens, no punctuation
    assert len(SEG.extract(text).tokens) < MAX_SENTENCE_TOKENS
    assert _sentences(text) == [text.strip()]


def test_issue19_a_runaway_sentence_is_cut_into_capped_sentences() -> None:
    text = "غارات على " * 1000  # 2,000 tokens, one "sentence"
    doc = SEG.extract(text)
    sizes = [sum(1 for t in doc.tokens if t.sent == i) for i in range(len(doc.sentences))]
    assert sum(sizes) == len(doc.tokens) == 2000
    assert max(sizes) == MAX_SENTENCE_TOKENS
    assert len(doc.sentences) == -(-2000 // MAX_SENTENCE_TOKENS)
    for s in doc.sentences:  # at token boundaries: every sentence starts with a word and ends with one
        assert text[s.start : s.end].startswith("غارات") and text[s.start : s.end].endswith(("غارات", "على"))
    for t in doc.tokens:  # every token lies inside its sentence
        s = doc.sentences[t.sent]
        assert s.start <= t.start < t.end <= s.end


def test_a_runaway_sentence_is_cut_after_a_comma_of_its_second_half() -> None:
    unit = "قصفت الطائرات المدينة، "  # 4 tokens with the comma
    text = unit * 100
    parts = _sentences(text)
    assert len(parts) > 1
    assert all(p.endswith("،") for p in parts[:-1])
    assert len(SEG.extract(parts[0]).tokens) == MAX_SENTENCE_TOKENS  # 64 units: the comma closes the window


def test_split_sentences_caps_any_span() -> None:
    norm = "a b, c d e f g h"
    assert [norm[a:b] for a, b in split_sentences(norm, max_tokens=4)] == ["a b,", "c d e f", "g h"]
    assert split_sentences(norm, max_tokens=0) == [(0, len(norm))]  # 0: no cap


def test_issue19_quote_marks_without_a_line_break_are_linear() -> None:
    """Each quote mark looked for the end of its line: quadratic on one long line of quote marks (1 MB took
    about 100 times as long as 100 KB; linear, about 10 times)."""
    import time

    def cpu(n: int) -> float:
        text = '"' * n
        t0 = time.process_time()
        split_sentences(text)
        return time.process_time() - t0

    cpu(10_000)
    assert cpu(1_000_000) < 30 * max(cpu(100_000), 0.02)
