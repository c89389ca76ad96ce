"""What the views share: the settings, the store, the pipeline and the extraction runner."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from hadath.api._errors import NoStore
from hadath.api._middleware import LOOPBACK_HOSTS, host_name
from hadath.api._runner import ExtractRunner
from hadath.doc import Doc
from hadath.lang.ar.examples import SENTENCES
from hadath.store import Store

__all__ = ["DEFAULT_TILE_ATTRIBUTION", "DEFAULT_TILE_URL", "Extractor", "Service", "Settings"]

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILE_ATTRIBUTION = "© OpenStreetMap contributors"

#: Extracted once by the default pipeline before the extraction processes are forked (they inherit its lexicons).
_WARMUP_TEXT = SENTENCES[0]


class Extractor(Protocol):
    """What the service needs of a pipeline (``hadath.Pipeline`` is one)."""

    @property
    def names(self) -> list[str]: ...

    def extract(self, text: str, **meta: str | None) -> Doc: ...


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of the HTTP service (docs/api.md lists them all)."""

    db_path: str | None = None
    max_body: int = 2_000_000
    extract_timeout: float = 10.0
    extract_workers: int = 2
    token: str | None = field(default=None, repr=False)
    tile_url: str = DEFAULT_TILE_URL
    tile_attribution: str = DEFAULT_TILE_ATTRIBUTION
    #: Host names and addresses the server answers to (the Host check); always the loopback ones.
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS

    @classmethod
    def resolve(
        cls,
        db_path: str | os.PathLike[str] | None,
        *,
        max_body: int,
        extract_timeout: float,
        extract_workers: int,
        token: str | None,
        tile_url: str | None,
        tile_attribution: str | None,
        allowed_hosts: Sequence[str] | None = None,
    ) -> Settings:
        """Settings from arguments, falling back to ``HADATH_TILE_URL``/``HADATH_TILE_ATTRIBUTION`` and
        ``HADATH_ALLOWED_HOSTS`` (comma-separated)."""
        if max_body < 1:
            raise ValueError("max_body must be at least 1 byte")
        if extract_timeout <= 0:
            raise ValueError("extract_timeout must be > 0 seconds")
        if extract_workers < 1:
            raise ValueError("extract_workers must be at least 1")
        if token is not None and not token.strip():
            raise ValueError("token must not be empty")
        if tile_url is None:
            tile_url = os.environ.get("HADATH_TILE_URL", DEFAULT_TILE_URL)
        if tile_attribution is None:
            tile_attribution = os.environ.get("HADATH_TILE_ATTRIBUTION", DEFAULT_TILE_ATTRIBUTION)
        if tile_url.strip().lower() in ("", "none", "off"):
            tile_url = ""
        if allowed_hosts is None:
            allowed_hosts = [h for h in os.environ.get("HADATH_ALLOWED_HOSTS", "").split(",") if h.strip()]
        hosts = dict.fromkeys([*LOOPBACK_HOSTS, *(host_name(h) for h in allowed_hosts if h.strip())])
        return cls(
            db_path=os.fspath(db_path) if db_path is not None else None,
            max_body=max_body,
            extract_timeout=extract_timeout,
            extract_workers=extract_workers,
            token=token,
            tile_url=tile_url.strip(),
            tile_attribution=tile_attribution,
            allowed_hosts=tuple(hosts),
        )


class Service:
    """The app's shared state (``app.state.hadath``)."""

    def __init__(self, settings: Settings, store: Store | None, pipeline: Extractor | None) -> None:
        self.settings = settings
        self._store = store
        self._pipeline = pipeline
        self.runner = ExtractRunner(
            lambda: self.pipeline,
            timeout=settings.extract_timeout,
            workers=settings.extract_workers,
            warmup=_WARMUP_TEXT if pipeline is None else None,  # an injected pipeline comes ready
        )

    @property
    def has_store(self) -> bool:
        return self._store is not None

    @property
    def store(self) -> Store:
        if self._store is None:
            raise NoStore(
                "no corpus store: fill one with hadath ingest --db PATH, then start the server with --db PATH to "
                "serve articles and events"
            )
        return self._store

    @property
    def pipeline(self) -> Extractor:
        if self._pipeline is None:
            from hadath._env import pipeline_config
            from hadath.pipeline import Pipeline

            self._pipeline = Pipeline(config=pipeline_config())
        return self._pipeline

    def close(self) -> None:
        self.runner.shutdown()
        if self._store is not None:
            self._store.close()
