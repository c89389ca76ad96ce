"""``hadath serve``: options, refusals, and a real server process answering on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from hadath.cli import main
from hadath.cli.serve import _db_path
from hadath.store import open_store


def test_help_lists_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["serve", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for opt in ("--db", "--host", "--port", "--token", "--tile-url", "--max-body", "--extract-timeout"):
        assert opt in out


def test_issue18_a_missing_store_serves_extraction_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fresh install opens the UI to paste an article: a --db that does not exist yet is said, not fatal."""
    assert _db_path(str(tmp_path / "missing.db")) is None
    err = capsys.readouterr().err
    assert "no store at" in err and "missing.db" in err and "serving extraction only" in err
    assert not (tmp_path / "missing.db").exists()


def test_bad_limits_are_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--extract-timeout", "0"]) == 2
    assert "extract_timeout" in capsys.readouterr().err


def test_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HADATH_DB", raising=False)
    assert _db_path(None) is None  # no ./hadath.db: extraction only
    open_store(tmp_path / "hadath.db").close()
    assert _db_path(None) == "hadath.db"
    monkeypatch.setenv("HADATH_DB", str(tmp_path / "other.db"))
    assert _db_path(None) is None  # $HADATH_DB names no store yet: extraction only
    open_store(tmp_path / "other.db").close()
    assert _db_path(None) == str(tmp_path / "other.db")
    assert _db_path("hadath.db") == "hadath.db"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def _raw(port: int, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are; the status and body of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def _cmdline(pid: int) -> bytes:
    return Path(f"/proc/{pid}/cmdline").read_bytes()


def _descendants(pid: int) -> list[int]:
    """Every process started by ``pid``, directly or not (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


@pytest.mark.parametrize("workers", [1, 2])
def test_the_server_process_answers(tmp_path: Path, workers: int) -> None:
    pytest.importorskip("uvicorn")
    db = tmp_path / "corpus.db"
    open_store(db).close()
    port = _free_port()
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "hadath", "serve", "--db", str(db), "--port", str(port)),
            *("--log-level", "warning", "--workers", str(workers)),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"HADATH_API_TOKEN": "tok", "PATH": "/usr/bin:/bin"},
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                status, body = _get(f"{base}/v1/health")
                break
            except (ConnectionError, urllib.error.URLError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"server did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
                time.sleep(0.2)
        assert status == 200
        health = json.loads(body)
        assert health["ingest"] is True and health["store"]["articles"] == 0
        status, body = _get(f"{base}/")
        assert status == 200 and b'id="main"' in body
        status, body = _get(f"{base}/v1/nope")
        assert status == 404 and json.loads(body)["error"]["type"] == "NotFound"
        # issue 19: malformed HTTP gets the JSON error shape; a foreign Host is refused (DNS rebinding)
        for raw in (b"GARBAGE\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"):
            status, body = _raw(port, raw)
            assert status == 400 and json.loads(body)["error"]["type"] == "BadRequest"
        status, body = _get(f"{base}/v1/health", headers={"Host": "attacker.example"})
        assert status == 400 and json.loads(body)["error"]["type"] == "InvalidHost"
        status, _ = _get(f"{base}/v1/health", headers={"Host": f"localhost:{port}"})
        assert status == 200
        # issue 19: the token travels in no environment variable of the programs the server starts (server workers
        # and their helpers; the forked extraction processes are copies of their parent, not programs of their own)
        started = [p for p in _descendants(proc.pid) if _cmdline(p) != _cmdline(proc.pid)]
        assert len(started) >= (workers if workers > 1 else 0)
        for pid in started:
            environ = Path(f"/proc/{pid}/environ").read_bytes()
            assert b"tok" not in environ.split(b"\0") and b"HADATH_API_TOKEN" not in environ, pid
            assert b"HADATH_SERVE_SETTINGS" not in environ
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
        proc.stderr.close()
        if proc.stdout is not None:
            proc.stdout.close()
    assert "read-write" in err
