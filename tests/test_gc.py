from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

import hadath
from hadath._gc import YOUNG_THRESHOLD, fewer_collections


@pytest.fixture
def thresholds() -> Iterator[tuple[int, ...]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_the_threshold_is_raised_inside_and_put_back_after(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(700, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
        with fewer_collections():  # re-entrant
            assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD  # the outer block still runs
    assert gc.get_threshold() == (700, 10, 10)


def test_put_back_when_the_work_raises(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(ZeroDivisionError), fewer_collections():
        _ = 1 / 0
    assert gc.get_threshold() == (700, 10, 10)


def test_a_higher_threshold_or_a_disabled_collector_is_left_alone(thresholds: tuple[int, ...]) -> None:
    for setting in ((0, 10, 10), (100_000, 5, 5)):
        gc.set_threshold(*setting)
        with fewer_collections():
            assert gc.get_threshold() == setting
        assert gc.get_threshold() == setting


def test_overlapping_extractions_in_threads_restore_the_first_setting(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(700, 10, 10)
    inside = threading.Barrier(2)
    seen: list[int] = []

    def work() -> None:
        with fewer_collections():
            seen.append(gc.get_threshold()[0])
            inside.wait(timeout=10)  # both blocks are open at once

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert seen == [YOUNG_THRESHOLD, YOUNG_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)


def test_an_extraction_leaves_the_thresholds_as_it_found_them(thresholds: tuple[int, ...]) -> None:
    gc.set_threshold(700, 10, 10)
    hadath.extract("قتل ثلاثة مدنيين في غارة جوية على بلدة في ريف حلب.")
    assert gc.get_threshold() == (700, 10, 10)
