"""HTTP errors and the one JSON error shape.

Every error the service returns — a library :class:`~hadath.errors.HadathError`,
an HTTP-level error (unknown route, wrong method, body too large, missing
token), a request that fails validation, or an unexpected crash — leaves as::

    {"error": {"type": "<Name>", "message": "<one line for humans>", "detail": <JSON or null>}}

The HTTP errors below subclass :class:`HadathError`, so ``to_json()`` and
``http_status`` work the same for all of them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hadath.errors import HadathError, error_body

__all__ = [
    "ApiError",
    "BadRequest",
    "Busy",
    "ExtractTimeout",
    "Forbidden",
    "NoStore",
    "NotFound",
    "PayloadTooLarge",
    "Unauthorized",
    "install_error_handlers",
]

log = logging.getLogger("hadath.api")


class ApiError(HadathError):
    """An HTTP-level error; subclasses fix the status, the class name is the error ``type``."""

    headers: ClassVar[Mapping[str, str] | None] = None


class BadRequest(ApiError):
    http_status = 400


class Unauthorized(ApiError):
    http_status = 401
    headers: ClassVar[Mapping[str, str] | None] = {"WWW-Authenticate": 'Bearer realm="hadath"'}


class Forbidden(ApiError):
    http_status = 403


class NotFound(ApiError):
    http_status = 404


class PayloadTooLarge(ApiError):
    http_status = 413


class Busy(ApiError):
    """Every extraction worker is busy (including with extractions that overran their time)."""

    http_status = 503
    headers: ClassVar[Mapping[str, str] | None] = {"Retry-After": "5"}


class NoStore(ApiError):
    """The endpoint needs a corpus store and the server was started without one."""

    http_status = 503


class ExtractTimeout(ApiError):
    http_status = 504


#: Names for HTTP errors raised by the framework itself (routing, static files).
_STATUS_TYPES = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    422: "ValidationError",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
}


def _status_type(status: int) -> str:
    if status in _STATUS_TYPES:
        return _STATUS_TYPES[status]
    try:
        return HTTPStatus(status).phrase.replace(" ", "").replace("-", "")
    except ValueError:
        return "HTTPError"


def _validation_detail(errors: Any) -> list[dict[str, Any]]:
    """Pydantic's errors without the offending input (which may be a whole article); an error of ours
    about a parameter with a list of values also lists them (``valid``)."""
    out: list[dict[str, Any]] = []
    for err in jsonable_encoder(errors):
        entry = {"loc": err.get("loc"), "msg": err.get("msg"), "type": err.get("type")}
        if err.get("valid") is not None:  # an unknown value of a parameter with a list of values
            entry["valid"] = err["valid"]
        out.append(entry)
    return out


def install_error_handlers(app: FastAPI, security_headers: Mapping[str, str]) -> None:
    """Route every exception to the one JSON error shape."""

    async def hadath_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HadathError)
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.http_status >= 500 and not isinstance(exc, ApiError):
            log.error("%s %s: %s: %s", request.method, request.url.path, type(exc).__name__, exc.message)
        return JSONResponse(jsonable_encoder(exc.to_json()), status_code=exc.http_status, headers=headers)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        message = exc.detail if isinstance(exc.detail, str) and exc.detail else HTTPStatus(status).phrase
        if status == 404 and message == "Not Found":
            message = f"no such resource: {request.url.path}"
        elif status == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return JSONResponse(error_body(_status_type(status), message), status_code=status, headers=exc.headers)

    async def validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        detail = _validation_detail(exc.errors())
        first = detail[0] if detail else {}
        where = ".".join(str(p) for p in first.get("loc") or ())
        message = f"invalid request: {where}: {first.get('msg')}" if first else "invalid request"
        return JSONResponse(error_body("ValidationError", message, detail), status_code=422)

    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        # Registered for ``Exception``: Starlette runs it in the outermost middleware,
        # outside the security-headers middleware, so the headers are set here too.
        log.exception("%s %s: unhandled error", request.method, request.url.path, exc_info=exc)
        return JSONResponse(
            error_body("InternalError", "internal server error"), status_code=500, headers=dict(security_headers)
        )

    app.add_exception_handler(HadathError, hadath_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, internal_error)
