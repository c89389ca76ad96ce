"""Calendar dates as hadath reads and writes them: ``YYYY-MM-DD``.

One check for every date a caller gives (publication dates, filter bounds, store windows):

>>> iso_date("2018-02-09T10:30:00Z", "published")
'2018-02-09'
>>> iso_date("9 Feb", "since")
Traceback (most recent call last):
...
hadath.errors.InputError: since must be a date YYYY-MM-DD, got '9 Feb'
>>> iso_date_or_none("9 Feb") is None
True
"""

from __future__ import annotations

from datetime import date

from hadath.errors import HadathError, InputError

__all__ = ["iso_date", "iso_date_or_none"]


def iso_date(value: str | date, name: str = "date", *, error: type[HadathError] = InputError) -> str:
    """The ``YYYY-MM-DD`` day that ``value`` starts with (a date, or text such as ``2018-02-09`` or
    ``2018-02-09T10:30:00Z``); otherwise raises ``error`` naming the parameter ``name``."""
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as exc:
        raise error(
            f"{name} must be a date YYYY-MM-DD, got {value!r}", detail={"parameter": name, "value": str(value)}
        ) from exc


def iso_date_or_none(value: object) -> str | None:
    """The ``YYYY-MM-DD`` day that ``value`` starts with, or None when it is empty or not a date."""
    if value is None or value == "":
        return None
    try:
        return iso_date(str(value))
    except InputError:
        return None
