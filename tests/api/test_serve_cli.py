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


def test_a_read_only_server_refuses_a_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(tmp_path / "missing.db")]) == 5
    assert "missing.db" in capsys.readouterr().err
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
    assert _db_path(None) == str(tmp_path / "other.db")
    assert _db_path("given.db") == "given.db"


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
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        assert proc.stderr is not None
        err = proc.stderr.read().decode()
        proc.stderr.close()
        if proc.stdout is not None:
            proc.stdout.close()
    assert "read-write" in err
