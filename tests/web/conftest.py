"""A live server (uvicorn on a free loopback port, in a thread) over a temp store, and a browser.

The browser is Debian's chromium driven by Playwright; nothing is downloaded.  Without Playwright or
chromium the browser tests are skipped.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HADATH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Tiles from a loopback port nobody listens on: the map must work without a tile server.
DEAD_TILES = "http://127.0.0.1:9/{z}/{x}/{y}.png"


def load_samples() -> Any:
    """tests/samples.py (tests/conftest.py makes it importable)."""
    import samples

    return samples


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running server whose store holds the sample articles and examples/idlib-2018-03-05.txt."""
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    import hadath
    from hadath.api import create_app
    from hadath.store import open_store

    samples = load_samples()
    db = tmp_path_factory.mktemp("web") / "corpus.db"
    store = open_store(db)
    samples.populate(store, with_extracted=False)
    example = ROOT / "examples" / "idlib-2018-03-05.txt"
    if example.is_file():
        doc = hadath.extract(example.read_text(encoding="utf-8"), id="idlib-2018-03-05", published="2018-03-05")
        d = doc.to_dict()
        store.add(d, text=doc.text, source=str(example))
        store.recluster()
    store.close()

    app = create_app(db, tile_url=DEAD_TILES)
    yield from _serve(app, uvicorn)


@pytest.fixture(scope="session")
def bare_server() -> Iterator[str]:
    """The base URL of a running server without a store: a fresh install (issue 18)."""
    pytest.importorskip("fastapi")
    uvicorn = pytest.importorskip("uvicorn")
    from hadath.api import create_app

    yield from _serve(create_app(None, tile_url=DEAD_TILES), uvicorn)


def _serve(app: Any, uvicorn: Any) -> Iterator[str]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    # a browser may keep a connection open: shutdown waits for it at most a second, then the app shuts down
    config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageWatch:
    """What a page did besides rendering: errors, CSP violations, requests leaving the server."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        self.external: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("request", self._request)

    def _request(self, req: Any) -> None:
        if not req.url.startswith((self.base, "data:")):
            self.external.append(req.url)

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("window.__csp || []"))

    def real_errors(self) -> list[str]:
        """Errors other than the expected failure to load tiles from the dead tile server."""
        return [e for e in self.errors if "ERR_CONNECTION_REFUSED" not in e and "Failed to load resource" not in e]


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[tuple[Any, PageWatch]]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    context.add_init_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    watch = PageWatch(pg, live_server)
    yield pg, watch
    context.close()


@pytest.fixture(scope="session")
def samples() -> Any:
    return load_samples()


@pytest.fixture(scope="session")
def shot() -> Any:
    """``shot(page, name)`` saves test-artifacts/web-<name>.png."""

    def save(page: Any, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"web-{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return save
