"""The hadath error tree.

::

    HadathError
    ├── InputError        bad or unreadable input (file, JSON line, encoding)
    ├── StageError        a pipeline stage failed or the pipeline is mis-built
    ├── GazetteerError    gazetteer missing, corrupt or an import failed
    └── StoreError        the corpus store failed

Each maps to a CLI exit code (``exit_code``) and a fixed JSON error shape
(``to_json``, built by :func:`error_body` — the HTTP service builds every error it answers with it):
``{"error": {"type": ..., "message": ..., "detail": ...}}``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["GazetteerError", "HadathError", "InputError", "StageError", "StoreError", "error_body"]


def error_body(type_: str, message: str, detail: Any = None) -> dict[str, Any]:
    """The one JSON error shape."""
    return {"error": {"type": type_, "message": message, "detail": detail}}


class HadathError(Exception):
    exit_code = 1
    http_status = 500

    def __init__(self, message: str, *, detail: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def to_json(self) -> dict[str, Any]:
        return error_body(type(self).__name__, self.message, self.detail)


class InputError(HadathError):
    exit_code = 2
    http_status = 400


class StageError(HadathError):
    exit_code = 3


class GazetteerError(HadathError):
    exit_code = 4


class StoreError(HadathError):
    exit_code = 5
