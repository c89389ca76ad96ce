from __future__ import annotations

import pytest

from hadath.errors import GazetteerError, HadathError, InputError, StageError, StoreError, error_body


def test_error_body_is_the_one_shape() -> None:
    assert error_body("NotFound", "no such thing") == {
        "error": {"type": "NotFound", "message": "no such thing", "detail": None}
    }


@pytest.mark.parametrize(
    ("cls", "exit_code", "status"),
    [(HadathError, 1, 500), (InputError, 2, 400), (StageError, 3, 500), (GazetteerError, 4, 500), (StoreError, 5, 500)],
)
def test_each_error_has_its_exit_code_status_and_shape(cls: type[HadathError], exit_code: int, status: int) -> None:
    exc = cls("it broke", detail={"x": 1})
    assert (exc.exit_code, exc.http_status) == (exit_code, status)
    assert exc.to_json() == error_body(cls.__name__, "it broke", {"x": 1})
