from __future__ import annotations

from datetime import date

import pytest

from hadath.errors import InputError, StoreError
from hadath.isodate import iso_date, iso_date_or_none


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2018-02-09", "2018-02-09"), ("2018-02-09T10:30:00Z", "2018-02-09"), (date(2018, 2, 9), "2018-02-09")],
)
def test_iso_date(value: str | date, expected: str) -> None:
    assert iso_date(value) == expected
    assert iso_date_or_none(value) == expected


@pytest.mark.parametrize("value", ["9 Feb", "2018-02-30", "2018/02/09", "yesterday"])
def test_a_bad_date_names_its_parameter(value: str) -> None:
    with pytest.raises(InputError, match="since must be a date YYYY-MM-DD") as info:
        iso_date(value, "since")
    assert info.value.detail == {"parameter": "since", "value": value}
    assert iso_date_or_none(value) is None


def test_the_error_type_is_the_caller_s() -> None:
    with pytest.raises(StoreError):
        iso_date("nope", "until", error=StoreError)


@pytest.mark.parametrize("value", [None, ""])
def test_empty_is_none(value: str | None) -> None:
    assert iso_date_or_none(value) is None
