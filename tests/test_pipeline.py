from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

import hadath
from hadath.doc import Doc
from hadath.errors import InputError, StageError
from hadath.pipeline import DEFAULT_STAGES, Pipeline, register_stage, unregister_stage


def test_public_api_is_pinned() -> None:
    assert sorted(hadath.__all__) == sorted(
        [
            "DEFAULT_STAGES",
            "Doc",
            "GazetteerError",
            "HadathError",
            "InputError",
            "Pipeline",
            "StageError",
            "StoreError",
            "__version__",
            "extract",
        ]
    )


def test_default_pipeline_order_is_valid() -> None:
    p = Pipeline()
    assert p.names == list(DEFAULT_STAGES)
    assert p.names[:2] == ["normalize", "segment"]


def test_requires_checked_at_build_time() -> None:
    with pytest.raises(StageError, match="requires"):
        Pipeline(["segment"])


def test_unknown_stage() -> None:
    with pytest.raises(StageError, match="unknown stage"):
        Pipeline(["normalize", "no_such_stage"])


@dataclass(frozen=True)
class _Boom:
    name: str = "boom"
    requires: frozenset[str] = frozenset({"tokens"})
    provides: frozenset[str] = frozenset({"boom"})

    def __call__(self, doc: Doc) -> Doc:
        raise ValueError("kaput")


def test_stage_failure_names_the_stage() -> None:
    register_stage("boom", lambda lang: _Boom())
    try:
        with pytest.raises(StageError, match="'boom' failed: kaput"):
            Pipeline(["normalize", "segment", "boom"]).extract("نص")
    finally:
        unregister_stage("boom")


def test_register_stage_refuses_a_taken_name_and_builtins_stay() -> None:
    with pytest.raises(StageError, match="already registered"):
        register_stage("segment", lambda lang: _Boom())
    with pytest.raises(StageError, match="built in"):
        unregister_stage("segment")
    with pytest.raises(StageError, match="identifier"):
        register_stage("not a name", lambda lang: _Boom())


def test_config_reaches_the_stage_factory() -> None:
    seen: dict[str, object] = {}

    def factory(lang: object, *, level: int = 0) -> _Boom:
        seen["lang"], seen["level"] = lang, level
        return _Boom()

    register_stage("configured", factory)
    try:
        p = Pipeline(["normalize", "segment", "configured"], config={"configured": {"level": 3}})
        assert seen["level"] == 3 and seen["lang"] is p.lang
        with pytest.raises(StageError, match="bad configuration"):
            Pipeline(["normalize", "segment", "configured"], config={"configured": {"nope": 1}})
        with pytest.raises(StageError, match="not in the pipeline"):
            Pipeline(["normalize", "segment"], config={"configured": {"level": 1}})
    finally:
        unregister_stage("configured")


def test_places_takes_a_gazetteer_path_from_config(tmp_path: Path) -> None:
    from hadath.errors import GazetteerError

    with pytest.raises((StageError, GazetteerError), match="not found"):
        Pipeline(config={"places": {"gazetteer": str(tmp_path / "missing.sqlite")}})


def test_bad_published_date() -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        hadath.extract("نص", published="9 Feb")


def test_original_text_untouched_and_layers_present() -> None:
    text = "قَالَ المرصد إن ١٢ مدنيا قتلوا."
    doc = hadath.extract(text, id="x", published="2018-02-09")
    assert doc.text == text
    d = doc.to_dict()
    assert d["schema"] == "hadath/1"
    assert d["article"]["id"] == "x"
    assert d["article"]["published"] == "2018-02-09"
    assert d["article"]["published_source"] == "metadata"
    assert len(d["article"]["sha256"]) == 64
    for key in ("sentences", "dates", "quantities", "entities", "attributions", "events"):
        assert isinstance(d[key], list)


def test_empty_and_garbage_do_not_crash() -> None:
    for text in ["", " ", "\x00\x01\x02", "ـــــ", "«««", "\n\n\n", "a" * 10000]:
        hadath.extract(text)


def test_the_pipeline_leaves_no_reference_cycles() -> None:
    """A document and its layers are freed by reference counting alone.  A cycle (a generator method
    holding ``self``, a closure stored on an object) keeps a whole document alive until the cyclic
    collector runs, and the collector then walks every token: ingestion slows by a tenth."""
    import gc

    text = (
        "إدلب (أ ف ب) - قال المرصد السوري لحقوق الإنسان إن قوات النظام سيطرت على ثلاث قرى في ريف إدلب "
        "الجنوبي، فيما قتل خمسة مدنيين في غارات جوية على مدينة سراقب. ونفى الجيش استهداف المدنيين."
    )
    pipe = Pipeline(DEFAULT_STAGES)
    pipe(pipe.make_doc(text, published="2018-02-09"))  # load everything first
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        doc = pipe(pipe.make_doc(text, published="2018-02-09"))
        assert doc.events and doc.attributions, "the example must exercise every stage"
        doc.to_dict()
        del doc
        # nothing was collected since the document was made: whatever is still tracked is alive
        assert not [o for o in gc.get_objects() if type(o) is Doc]
    finally:
        if was:
            gc.enable()
