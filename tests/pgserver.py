"""A throwaway PostgreSQL server for the tests: ``initdb`` in a temporary folder, ``pg_ctl start`` on a free
loopback port, stopped and removed at the end of the session.

The server binaries are looked for on PATH, then in ``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql``
package; ``.ci/run`` installs it).  Without them the PostgreSQL tests skip.  As root, the server runs as the
``postgres`` user (PostgreSQL refuses to run as root).  No mocks: every PostgreSQL test talks to this server.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["find_bin", "fresh_schema_url", "server"]


def find_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    found = [shutil.which(n) for n in ("initdb", "pg_ctl", "postgres")]
    if all(found):
        return Path(os.path.realpath(str(found[0]))).parent
    for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: p.parent.name, reverse=True):
        if all((d / n).is_file() for n in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(bindir: Path) -> Iterator[str]:
    """A running server; yields the URL of its ``hadath`` database."""
    user = None
    if os.geteuid() == 0:
        for name in ("postgres", "nobody"):
            try:
                user = pwd.getpwnam(name)
                break
            except KeyError:
                continue
    root = Path(tempfile.mkdtemp(prefix="hadath-pg-"))
    if user is not None:
        os.chown(root, user.pw_uid, user.pw_gid)
    data = root / "data"
    port = _free_port()
    run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user is not None else {}
    try:
        subprocess.run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "hadath", "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"],
            check=True, capture_output=True, cwd=root, **run_as,
        )  # fmt: skip
        opts = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            [str(bindir / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(root / "log"), "-w", "-t", "60", "start"],
            check=True, capture_output=True, cwd=root, **run_as,
        )  # fmt: skip
        import psycopg

        with psycopg.connect(f"postgresql://hadath@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE hadath")
        yield f"postgresql://hadath@127.0.0.1:{port}/hadath"
    finally:
        if data.exists():
            subprocess.run(
                [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"],
                capture_output=True, cwd=root, check=False, **run_as,
            )  # fmt: skip
        shutil.rmtree(root, ignore_errors=True)


_COUNTER = itertools.count(1)


def fresh_schema_url(base: str) -> str:
    """A URL of a new, empty schema of the server's database (each test its own store)."""
    import psycopg

    name = f"t{os.getpid()}_{next(_COUNTER)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    return f"{base}?options=-csearch_path%3D{name}"
