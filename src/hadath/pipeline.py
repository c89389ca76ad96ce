"""Named stages over one Doc, checked when the pipeline is built.

A stage is a callable ``doc -> doc`` with a ``name`` and the sets of layers it
``requires`` and ``provides``.  Stage modules live in ``hadath.stages.<name>``
and expose ``make_stage() -> Stage``; :func:`get_stage` imports them by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Protocol, runtime_checkable

from hadath.doc import ArticleMeta, Doc
from hadath.errors import InputError, StageError

__all__ = ["DEFAULT_STAGES", "Pipeline", "Stage", "default_pipeline", "extract", "get_stage"]

#: The full pipeline, in order.
DEFAULT_STAGES: tuple[str, ...] = (
    "normalize",
    "segment",
    "dates",
    "numbers",
    "entities",
    "places",
    "attribution",
    "events",
)


@runtime_checkable
class Stage(Protocol):
    name: str
    requires: frozenset[str]
    provides: frozenset[str]

    def __call__(self, doc: Doc) -> Doc: ...


_CACHE: dict[str, Stage] = {}


def get_stage(name: str) -> Stage:
    """The stage registered under ``name`` (module ``hadath.stages.<name>``), built once."""
    if name in _CACHE:
        return _CACHE[name]
    if not name.isidentifier():
        raise StageError(f"unknown stage {name!r}")
    try:
        module = importlib.import_module(f"hadath.stages.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"hadath.stages.{name}":
            raise StageError(f"unknown stage {name!r}") from exc
        raise
    factory = getattr(module, "make_stage", None)
    if factory is None:
        raise StageError(f"stage module {name!r} has no make_stage()")
    stage: Stage = factory()
    _CACHE[name] = stage
    return stage


class Pipeline:
    """An ordered list of stages whose requires/provides were checked at build time."""

    def __init__(self, names: Iterable[str] = DEFAULT_STAGES) -> None:
        self.stages: list[Stage] = [get_stage(n) for n in names]
        available = {"text"}
        for stage in self.stages:
            missing = set(stage.requires) - available
            if missing:
                raise StageError(
                    f"stage {stage.name!r} requires {sorted(missing)} which no earlier stage provides",
                    detail={"stage": stage.name, "missing": sorted(missing)},
                )
            available |= set(stage.provides)
        self.provides = frozenset(available)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Doc) -> Doc:
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:
                raise StageError(f"stage {stage.name!r} failed: {exc}", detail={"stage": stage.name}) from exc
            doc.provided |= stage.provides
        return doc

    def make_doc(
        self,
        text: str,
        *,
        id: str | None = None,
        title: str | None = None,
        published: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
    ) -> Doc:
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        if published is not None:
            published = _check_date(published)
        meta = ArticleMeta(
            id=id,
            title=title,
            published=published,
            published_source="metadata" if published else None,
            outlet=outlet,
            url=url,
        )
        return Doc(text, meta)

    def extract(self, text: str, **meta: str | None) -> Doc:
        return self(self.make_doc(text, **meta))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _check_date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError as exc:
        raise InputError(f"published must be YYYY-MM-DD, got {value!r}") from exc


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared default pipeline (built once)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline(DEFAULT_STAGES)
    return _DEFAULT


def extract(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Doc:
    """Run the default pipeline over one article and return its Doc."""
    return default_pipeline().extract(text, id=id, title=title, published=published, outlet=outlet, url=url)
