"""The HTTP/1.1 protocol ``hadath serve`` runs: uvicorn's h11 protocol, answering malformed requests in the JSON
error shape.

uvicorn answers a request it cannot parse (a bad request line or header, a bad ``Content-Length``, headers over
its size limit) with a plain-text 400 before any application code runs.  :class:`JsonErrorsH11Protocol` sends the
same 400 as ``{"error": {"type": "BadRequest", "message": ..., "detail": null}}`` instead.  It is h11's protocol
whether or not httptools is installed, so that every such answer has that shape.  What no protocol can answer is
a connection that is not HTTP at all once the client has gone (a TLS handshake to the plain port is answered
with the same 400, which the TLS client cannot read).
"""

from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol

from hadath.api._formats import dumps
from hadath.errors import error_body

__all__ = ["JsonErrorsH11Protocol", "bad_request_response"]


def bad_request_response() -> bytes:
    """The whole HTTP response to a request that cannot be parsed."""
    body = dumps(error_body("BadRequest", "invalid HTTP request: it could not be parsed"))
    head = (
        "HTTP/1.1 400 Bad Request\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        "x-content-type-options: nosniff\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class JsonErrorsH11Protocol(H11Protocol):
    """uvicorn's h11 protocol whose 400 for an unparseable request is in the JSON error shape."""

    def send_400_response(self, msg: str) -> None:
        self.transport.write(bad_request_response())
        self.transport.close()
