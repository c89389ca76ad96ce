"""The learned name tagger (hadath.lang.ar.ner): features, CoNLL alignment, the CRF decoder, the packaged model,
determinism of training and the ``hadath train`` commands.  Sentences are written for these tests."""

from __future__ import annotations

import itertools
import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.cli import main
from hadath.doc import Token
from hadath.errors import InputError
from hadath.lang.ar.ner import Name, NameTagger
from hadath.lang.ar.ner.conll import ConllDoc, align, bio_spans, conll_docs, read_conll, score, to_whitespace
from hadath.lang.ar.ner.features import FEATURE_GROUPS, Featurizer, lexicons
from hadath.lang.ar.ner.model import CRFModel
from hadath.lang.ar.ner.scorer import Scorer
from hadath.lang.ar.ner.tagger import MODEL_NAME, propagate
from hadath.lang.ar.ner.train import evaluate, examples, train
from hadath.pipeline import Pipeline

_SEG = Pipeline(["normalize", "segment"])


def tokens(text: str) -> list[Token]:
    return _SEG.extract(text).tokens


def names_of(text: str, tagger: NameTagger | None = None) -> list[tuple[str, str]]:
    toks = tokens(text)
    tg = tagger or NameTagger.load()
    return [(n.label, text[toks[n.start].start : toks[n.end - 1].end]) for n in tg.names(toks)]


# -- a small annotated corpus written for these tests -------------------------------------------------------------
_SENTENCES = [
    "قال/O الرئيس/O سامر/B-PERS الخطيب/I-PERS في/O دمشق/B-LOC إن/O الوضع/O هادئ/O ./O",
    "وصل/O الوزير/O كريم/B-PERS النجار/I-PERS إلى/O القاهرة/B-LOC أمس/O ./O",
    "أعلنت/O منظمة/B-ORG الصحة/I-ORG العالمية/I-ORG عن/O حملة/O في/O عمان/B-LOC ./O",
    "التقى/O الخطيب/B-PERS بوفد/O من/O الأمم/B-ORG المتحدة/I-ORG في/O بيروت/B-LOC ./O",
    "وأكد/O المتحدث/O رامي/B-PERS سليمان/I-PERS أن/O الاتفاق/O صامد/O ./O",
    "زار/O النجار/B-PERS مدينة/O حلب/B-LOC برفقة/O وفد/O من/O الصليب/B-ORG الأحمر/I-ORG ./O",
    "وقالت/O وكالة/O رويترز/B-ORG إن/O المحادثات/O في/O جنيف/B-LOC انتهت/O ./O",
    "شارك/O فريق/O من/O الهلال/B-ORG الأحمر/I-ORG في/O توزيع/O المساعدات/O في/O إدلب/B-LOC ./O",
]


def _write_conll(path: Path, sentences: list[str] = _SENTENCES) -> Path:
    lines = []
    for s in sentences:
        for pair in s.split():
            tok, tag = pair.rsplit("/", 1)
            lines.append(f"{tok} {tag}")
        lines.append("")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def conll_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _write_conll(tmp_path_factory.mktemp("ner") / "tiny.conll")


@pytest.fixture(scope="module")
def tiny(conll_file: Path) -> NameTagger:
    return train([conll_file], params={"max_iterations": 50}).tagger


# -- features -----------------------------------------------------------------------------------------------------
def test_features_read_forms_clitics_shape_and_lexicons() -> None:
    fz = Featurizer(lexicons())
    toks = tokens("قال الرئيس جورج بوش وبغداد 2007")
    feats = fz.features(toks)
    by_text = {t.text: f for t, f in zip(toks, feats, strict=True)}
    wb = by_text["وبغداد"]
    assert {"w=وبغداد", "s=بغداد", "pf=و", "p1=ب", "x2=اد"} <= set(wb)
    assert "gn=name" in by_text["جورج"]  # given_names.txt
    assert "tiB=title" in by_text["الرئيس"]  # person_titles.tsv
    assert "tiB=speech" in by_text["قال"]
    assert "-1:gn=name" in by_text["بوش"]  # the window sees the given name before
    assert "-2:tiB=title" in by_text["بوش"]
    assert "sh=num4" in by_text["2007"]
    assert "BOS" in by_text["قال"] and "EOS" in by_text["2007"]


def test_knowledge_base_and_class_features() -> None:
    fz = Featurizer(lexicons())
    toks = tokens("اجتمعت الأمم المتحدة في بغداد")
    feats = dict(zip((t.text for t in toks), fz.features(toks), strict=True))
    assert "kbB=actor" in feats["الأمم"] and "kbI=actor" in feats["المتحدة"] and "kbE" in feats["المتحدة"]
    assert "-1:kbB=actor" in feats["المتحدة"] and "1:kbI=actor" in feats["الأمم"]
    assert any(f.startswith("c64=") for f in feats["بغداد"])  # word_clusters.tsv


def test_feature_groups_can_be_left_out() -> None:
    toks = tokens("قال الرئيس جورج بوش")
    fz = Featurizer(lexicons(), drop={"kb", "titles", "window"})
    flat = {f for fs in fz.features(toks) for f in fs}
    assert not any(f.startswith(("ti", "kb", "-1:", "1:")) for f in flat)
    with pytest.raises(ValueError):
        Featurizer(lexicons(), drop={"nonsense"})
    assert "word" in FEATURE_GROUPS


# -- CoNLL ---------------------------------------------------------------------------------------------------------
def test_documents_are_rebuilt_like_the_shared_scorer(conll_file: Path) -> None:
    sents = read_conll(conll_file)
    docs = conll_docs(sents, per_doc=3)
    assert len(docs) == 3
    first = docs[0]
    # tokens joined by spaces, a line break after each sentence, the next sentence after a space
    assert first.text.startswith("قال الرئيس سامر الخطيب في دمشق")
    assert "\n وصل" in first.text
    for (a, b), (tok, _) in zip(first.offsets, [p for s in sents[:3] for p in s], strict=True):
        assert first.text[a:b] == tok
    assert ("PERS", 2, 4) in first.gold()


def test_align_splits_punctuation_off_names() -> None:
    doc = ConllDoc("(د ب أ) –صنعاء الجديدة.", [], [])
    offs, pos = [], 0
    for w in doc.text.split(" "):
        offs.append((pos, pos + len(w)))
        pos += len(w) + 1
    doc.offsets = offs
    doc.tags = ["O", "O", "O", "B-LOC", "I-LOC"]
    doc.sentence_starts = [0]
    toks = tokens(doc.text)
    labels = dict(zip((t.text for t in toks), align(toks, doc), strict=True))
    assert labels["("] == "O" and labels["د"] == "O" and labels[")"] == "O"
    assert labels["–"] == "O" and labels["صنعاء"] == "B-LOC" and labels["الجديدة"] == "I-LOC"
    assert labels["."] == "O"


def test_model_spans_read_a_label_path() -> None:
    model = CRFModel(["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"], [], [], np.zeros((5, 5)))
    path = np.array([1, 2, 0, 4, 3, 4, 2, 0, 1, 1])
    assert model.spans(path) == [
        ("PERS", 0, 2),
        ("LOC", 3, 4),
        ("LOC", 4, 6),
        ("PERS", 6, 7),
        ("PERS", 8, 9),
        ("PERS", 9, 10),
    ]


def test_bio_spans_and_scores() -> None:
    assert bio_spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG"]) == [("PERS", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5)]
    assert bio_spans(["O", "I-LOC", "I-LOC"], strict=True) == []
    s = score([({("PERS", 0, 2), ("LOC", 3, 4)}, {("PERS", 0, 2), ("LOC", 3, 5)})])
    assert s.prf("PERS") == (1.0, 1.0, 1.0)
    assert s.prf(None)[2] == pytest.approx(0.5)


def test_names_map_back_to_whitespace_tokens() -> None:
    doc = conll_docs([[("وقال", "O"), ("(بوش)", "B-PERS")]])[0]
    toks = tokens(doc.text)
    i = next(k for k, t in enumerate(toks) if t.text == "بوش")
    assert to_whitespace([("PERS", i, i + 1)], toks, doc) == {("PERS", 1, 2)}


# -- the CRF ---------------------------------------------------------------------------------------------------
def test_decoder_agrees_with_crfsuite(conll_file: Path, tiny: NameTagger) -> None:
    import pycrfsuite

    model = tiny.model
    fz = tiny.featurizer
    crf = pycrfsuite.Trainer(verbose=False)
    exs = examples(conll_file)

    def sentences(toks: list[Token]) -> list[slice]:
        cuts = [0] + [i for i in range(1, len(toks)) if toks[i].sent != toks[i - 1].sent] + [len(toks)]
        return [slice(a, b) for a, b in itertools.pairwise(cuts)]

    for ex in exs:
        feats = fz.features(ex.tokens)
        for sl in sentences(ex.tokens):
            crf.append(feats[sl], ex.labels[sl])
    crf.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    path = conll_file.with_suffix(".crfsuite")
    crf.train(str(path))
    reader = pycrfsuite.Tagger()
    reader.open(str(path))
    for ex in exs:
        feats = fz.features(ex.tokens)
        em, sents = Scorer(fz, model).scores(ex.tokens)
        # the cached word scores add up to the weights of the feature strings
        assert np.allclose(em, [model.score_of(f) for f in feats], atol=1e-5)
        ours = [model.labels[k] for k in model.decode(em, sents).tolist()]
        assert ours == [lab for sl in sentences(ex.tokens) for lab in reader.tag(feats[sl])]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=6),
    st.integers(min_value=0, max_value=2**31),
)
def test_pruned_viterbi_is_exact(lengths: list[int], seed: int) -> None:
    rng = np.random.default_rng(seed)
    labels = ["O", "B-PERS", "I-PERS", "B-LOC", "I-LOC"]
    trans = rng.normal(0, 2, (5, 5))
    model = CRFModel(labels, [], [], trans)
    n = sum(lengths)
    em = rng.normal(0, 3, (n, 5))
    em[:, 0] += rng.choice([0.0, 8.0], n)  # mostly clear O, as in text
    sents = np.repeat(np.arange(len(lengths)), lengths)
    assert model.decode(em, sents).tolist() == model.decode_exact(em, sents).tolist()
    best = model.decode_exact(em, sents).tolist()

    def path_score(path: list[int]) -> float:
        s = sum(em[i, y] for i, y in enumerate(path))
        return float(s + sum(trans[path[i - 1], path[i]] for i in range(1, n) if sents[i] == sents[i - 1]))

    for _ in range(20):  # no random path beats it
        other = rng.integers(0, 5, n).tolist()
        assert path_score(other) <= path_score(best) + 1e-9


def test_model_file_round_trip(tiny: NameTagger, tmp_path: Path) -> None:
    path = tmp_path / "m.model"
    tiny.save(path)
    again = NameTagger.load(path)
    assert again.to_bytes() == path.read_bytes()
    assert again.meta["train"] == ["tiny.conll"]
    toks = tokens("وصل الوزير سامر النجار إلى حلب.")
    assert again.tag(toks) == tiny.tag(toks)
    with pytest.raises(InputError):
        NameTagger.load(tmp_path / "missing.model")
    (tmp_path / "bad.model").write_bytes(b"not a model")
    with pytest.raises(InputError):
        NameTagger.load(tmp_path / "bad.model")


def test_training_is_deterministic(conll_file: Path) -> None:
    a = train([conll_file], params={"max_iterations": 30}).tagger.to_bytes()
    b = train([conll_file], params={"max_iterations": 30}).tagger.to_bytes()
    assert a == b


def test_tiny_model_learns_its_data(conll_file: Path, tiny: NameTagger) -> None:
    scores = evaluate(tiny, conll_file).to_dict()
    assert scores["micro"]["f1"] > 0.8


# -- propagation -------------------------------------------------------------------------------------------------
def test_propagation_repeats_names_and_surnames() -> None:
    toks = tokens("قال سامر الخطيب إن الخطيب سيزور دمشق ثم يعود من دمشق")
    idx = {t.text: i for i, t in enumerate(toks)}
    first = [Name(1, 3, "PERS"), Name(idx["دمشق"], idx["دمشق"] + 1, "LOC")]
    out = propagate(toks, first, lexicons().heads)
    found = {(toks[n.start].text, n.label, n.source) for n in out}
    assert ("الخطيب", "PERS", "propagated") in found  # the surname alone
    assert sum(1 for n in out if n.label == "LOC") == 2  # the second دمشق
    assert out == sorted(out, key=lambda n: n.start)


def test_propagation_leaves_frequent_words_alone() -> None:
    toks = tokens("قال محمد اليوم في بيان نشر اليوم")
    out = propagate(toks, [Name(1, 3, "PERS")], lexicons().heads)  # a wrong first-pass span "محمد اليوم"
    assert [n.source for n in out] == ["model"]  # اليوم is no surname


# -- the packaged model ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قال الرئيس الأمريكي جورج بوش في مؤتمر صحفي إن القوات ستبقى.", ("PERS", "جورج بوش")),
        ("وصل وزير الخارجية إلى العاصمة العراقية بغداد صباح اليوم.", ("LOC", "بغداد")),
        ("وقالت الأمم المتحدة في بيان إن الوضع الإنساني يزداد سوءا.", ("ORG", "الأمم المتحدة")),
    ],
)
def test_packaged_model_tags_obvious_names(text: str, expected: tuple[str, str]) -> None:
    assert expected in names_of(text)


def test_packaged_model_is_small_and_says_how_it_was_made() -> None:
    from importlib import resources

    models = resources.files("hadath.lang.ar").joinpath("models")
    data = models.joinpath("ner.model").read_bytes()
    assert len(data) <= 10 * 1024 * 1024
    assert "CC BY-SA 4.0" in models.joinpath("LICENSE-ner.md").read_text(encoding="utf-8")
    meta = NameTagger.load().meta
    assert meta["train"] == ["aner_train.conll"]


def test_empty_input() -> None:
    assert NameTagger.load().names([]) == []
    assert NameTagger.load().tag(tokens("")) == []


# -- the shared ANERcorp files (skipped without ../shared) --------------------------------------------------------
def test_standalone_scores_on_aner_dev(shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "ner" / "aner_dev.conll"
    if not dev.is_file():
        pytest.skip("aner_dev.conll not present")
    scores = evaluate(NameTagger.load(), dev).to_dict()
    assert scores["micro"]["f1"] >= 0.70
    assert scores["PERS"]["f1"] >= 0.65


def test_retraining_on_a_slice_of_aner_train_is_deterministic(shared_dir: Path) -> None:
    path = shared_dir / "eval" / "ner" / "aner_train.conll"
    if not path.is_file():
        pytest.skip("aner_train.conll not present")
    a = train([path], limit=6, params={"max_iterations": 20}).tagger
    b = train([path], limit=6, params={"max_iterations": 20}).tagger
    assert a.to_bytes() == b.to_bytes()


# -- the commands --------------------------------------------------------------------------------------------------
def test_train_and_score_commands(conll_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.model"
    code = main(["train", "ner", "--train", str(conll_file), "-o", str(out), "--dev", str(conll_file), "--json"])
    assert code == 0 and out.is_file()
    first = json.loads(capsys.readouterr().out)
    assert set(first) == {"PERS", "LOC", "ORG", "micro"}
    assert main(["train", "ner-score", str(conll_file), "--model", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert main(["train", "ner", "--train", str(conll_file), "-o", str(out), "--drop", "nonsense"]) == 2
    assert main(["train", "ner", "--train", str(tmp_path / "missing.conll"), "-o", str(out)]) == 2


def test_a_document_is_tagged_the_same_whatever_came_before() -> None:
    """The tagger's caches hold what a word contributes; nothing in them may depend on the first document that
    brought the word (a Latin stem stands with and without an Arabic proclitic, whose shapes differ)."""
    first = "وقالت شركة وACME للاتصالات إن أرباحها تراجعت."
    second = "أعلنت شركة ACME العالمية أنها ستفتح فرعا في القاهرة. وقال مدير ACME إن العمل يبدأ غدا."
    model = resources.files("hadath.lang.ar").joinpath("models", MODEL_NAME).read_bytes()
    alone = NameTagger.from_bytes(model)._scorer.scores(tokens(second))[0]
    after = NameTagger.from_bytes(model)
    after._scorer.scores(tokens(first))
    assert np.array_equal(after._scorer.scores(tokens(second))[0], alone)
    fz = Featurizer(lexicons())
    plain, clitic = tokens("ACME")[0], tokens("وACME")[0]
    assert fz.stem_features(clitic) == Featurizer(lexicons()).stem_features(clitic)
    assert fz.stem_features(plain) == Featurizer(lexicons()).stem_features(plain)
