"""EventFilter: the one list of event filters, checked when it is made."""

from __future__ import annotations

from typing import Any

import pytest

from hadath.errors import InputError
from hadath.store import EventFilter
from hadath.taxonomy import EVENT_TYPES, sub_event_types


def test_the_filters() -> None:
    assert EventFilter.names() == (
        "since", "until", "country", "admin1", "event_type", "sub_event_type", "actor", "bbox", "cluster_id",
        "article_id", "updated_since",
    )  # fmt: skip
    assert EventFilter().active() == {}


def test_values_are_normalised() -> None:
    f = EventFilter.parse(
        since="2018-02-19T00:00:00Z",
        event_type=" explosions/remote VIOLENCE ",
        sub_event_type="air/drone strike",
        bbox="36.3, 33.5,36.5,33.6",
        country="",
        actor="  ",
    )
    assert f.active() == {
        "since": "2018-02-19",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "bbox": (36.3, 33.5, 36.5, 33.6),
    }
    assert EventFilter(bbox=(1, 2, 3, 4)).bbox == (1.0, 2.0, 3.0, 4.0)


@pytest.mark.parametrize(
    ("values", "parameter", "valid"),
    [
        ({"event_type": "Nonsense"}, "event_type", list(EVENT_TYPES)),
        ({"sub_event_type": "air strike"}, "sub_event_type", list(sub_event_types())),
        (
            {"event_type": "Battles", "sub_event_type": "Air/drone strike"},
            "sub_event_type",
            list(sub_event_types("Battles")),
        ),
        ({"since": "2018-02-30"}, "since", None),
        ({"until": "yesterday"}, "until", None),
        ({"bbox": "1,2,3"}, "bbox", None),
        ({"bbox": "a,b,c,d"}, "bbox", None),
        ({"bbox": "40,30,35,36"}, "bbox", None),
        ({"bbox": "0,0,0,nan"}, "bbox", None),
        ({"colour": "red"}, "colour", list(EventFilter.names())),
    ],
)
def test_a_bad_value_is_an_input_error_naming_the_valid_ones(
    values: dict[str, str], parameter: str, valid: list[str] | None
) -> None:
    with pytest.raises(InputError) as info:
        EventFilter.parse(**values)
    detail: dict[str, Any] = info.value.detail
    assert detail["parameter"] == parameter and detail["valid"] == valid
    assert (values[parameter] if parameter in EventFilter.names() else parameter) in info.value.message
    for v in valid or []:
        assert v in info.value.message


def test_made_directly_it_is_checked_too() -> None:
    with pytest.raises(InputError, match="unknown event type"):
        EventFilter(event_type="Battle")
    with pytest.raises(InputError, match="bbox"):
        EventFilter(bbox=(1.0, 2.0, 3.0))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="must be text"):
        EventFilter(country=7)  # type: ignore[arg-type]


def test_it_is_a_value() -> None:
    a = EventFilter(event_type="battles", country="SY")
    assert a == EventFilter(event_type="Battles", country="SY") and hash(a) == hash(
        EventFilter.parse(event_type="BATTLES", country="SY")
    )
    with pytest.raises(AttributeError):
        a.country = "IQ"  # type: ignore[misc]
