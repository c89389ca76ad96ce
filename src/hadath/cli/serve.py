"""``hadath serve``: the HTTP API and the web UI (FastAPI + uvicorn; the ``serve`` extra)."""

from __future__ import annotations

import argparse
import inspect
import os
import sys
from pathlib import Path
from typing import Any, cast

from hadath.errors import InputError

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the HTTP API and the web UI",
        description=(
            "Serve the HTTP API (/v1/..., described at /openapi.json and in docs/api.md) and the analysts' web UI "
            "(/) over a corpus store. Read-only unless a token is set: then POST /v1/ingest stores articles for "
            "clients that send 'Authorization: Bearer <token>'. Without a store only /v1/extract and /v1/health "
            "work. Needs the serve extra: pip install 'hadath[serve]'."
        ),
    )
    p.add_argument(
        "--db",
        default=None,
        help="store file or postgresql:// URL (default: $HADATH_DB or ./hadath.db); when the file does not exist, "
        "the server says so and serves extraction only (the UI's Extract view; store routes answer 503 NoStore)",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument(
        "--allowed-host",
        action="append",
        default=None,
        metavar="NAME",
        help="a host name clients use for this server, besides --host, localhost, 127.0.0.1 and ::1 (repeatable; "
        "default: $HADATH_ALLOWED_HOSTS, comma-separated; '*' = any); requests naming another host in their Host "
        "header are refused, which defeats DNS rebinding",
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--token",
        default=None,
        help="enable POST /v1/ingest for this bearer token (default: $HADATH_API_TOKEN; unset = read-only)",
    )
    p.add_argument(
        "--tile-url",
        default=None,
        help="map tile URL template (default: $HADATH_TILE_URL or OpenStreetMap; 'none' for a plain background)",
    )
    p.add_argument(
        "--max-body", type=int, default=2_000_000, metavar="BYTES", help="request body cap (default 2000000)"
    )
    p.add_argument(
        "--extract-timeout", type=float, default=10.0, metavar="SECONDS", help="extraction time cap (default 10)"
    )
    p.add_argument(
        "--extract-workers",
        type=int,
        default=2,
        metavar="N",
        help="extraction processes at normal priority (default 2; as many again may run in the background)",
    )
    p.add_argument(
        "--workers", type=int, default=1, metavar="N", help="server processes (default 1; each opens the store)"
    )
    p.add_argument(
        "--log-level",
        default="info",
        choices=("critical", "error", "warning", "info", "debug"),
        help="uvicorn log level",
    )
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.set_defaults(func=run)


def _db_path(arg: str | None) -> str | None:
    """The store to serve: --db, $HADATH_DB or ./hadath.db; None (extraction only) when that file does not exist,
    so that a fresh install can open the UI and paste an article (the store routes then answer 503 NoStore)."""
    from hadath.store import default_db

    candidate = arg or default_db()
    if "://" in candidate or Path(candidate).is_file():
        return candidate
    if arg or os.environ.get("HADATH_DB"):
        print(
            f"hadath: no store at {candidate} (create one with: hadath ingest --db {candidate} …); "
            "serving extraction only",
            file=sys.stderr,
        )
    return None


def _allowed_hosts(args: argparse.Namespace) -> list[str]:
    """--allowed-host (or $HADATH_ALLOWED_HOSTS) and the address the server listens on, unless it is a wildcard."""
    names: list[str] = list(args.allowed_host or [])
    if args.allowed_host is None:
        names = [h.strip() for h in os.environ.get("HADATH_ALLOWED_HOSTS", "").split(",") if h.strip()]
    if args.host not in ("0.0.0.0", "::", ""):
        names = [*names, args.host]
    return names


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from hadath.api import create_app
        from hadath.api._app import AppFactory
        from hadath.api._http import JsonErrorsH11Protocol
    except ModuleNotFoundError as exc:
        raise InputError(
            f"hadath serve needs FastAPI and uvicorn ({exc.name} is missing): pip install 'hadath[serve]'"
        ) from None
    token = args.token if args.token is not None else os.environ.get("HADATH_API_TOKEN") or None
    # No process this one starts (server workers, extraction workers) inherits the token in its environment.
    os.environ.pop("HADATH_API_TOKEN", None)
    db = _db_path(args.db)
    if args.workers < 1:
        raise InputError("--workers must be at least 1")
    settings = {
        "db_path": db,
        "max_body": args.max_body,
        "extract_timeout": args.extract_timeout,
        "extract_workers": args.extract_workers,
        "token": token,
        "tile_url": args.tile_url,
        "allowed_hosts": _allowed_hosts(args),
    }
    try:
        # Built here even with --workers, so that bad settings or a missing store fail before forking.
        app = create_app(**settings)
    except ValueError as exc:
        raise InputError(str(exc)) from exc
    mode = "read-write (POST /v1/ingest with the token)" if token else "read-only"
    where = f"store {db}, {mode}" if db else "no store: extraction only"
    print(f"hadath: serving http://{args.host}:{args.port}/ ({where}, {args.workers} process(es))", file=sys.stderr)
    hosts = app.state.hadath.settings.allowed_hosts
    if "*" not in hosts:
        print(
            f"hadath: answering requests for the hosts {', '.join(hosts)} (add more with --allowed-host)",
            file=sys.stderr,
        )
    common = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "server_header": False,
        "access_log": args.access_log,
        "http": JsonErrorsH11Protocol,
    }
    if args.workers == 1:
        uvicorn.Server(uvicorn.Config(app, **common)).run()
        return 0
    app.state.hadath.close()
    # uvicorn.run() wants an import string for several workers; the settings would then have to reach the workers
    # through the environment.  A picklable factory reaches them through the pipe that starts them instead.
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(AppFactory(settings), factory=True, workers=args.workers, **common)
    sockets = [config.bind_socket()]
    if "target" in inspect.signature(Multiprocess).parameters:  # older uvicorn versions also take Server.run
        supervisor = cast(Any, Multiprocess)(config, target=uvicorn.Server(config).run, sockets=sockets)
    else:
        supervisor = Multiprocess(config, sockets=sockets)
    supervisor.run()
    return 0
