"""Named stages over one Doc, checked when the pipeline is built.

A stage is a callable ``doc -> doc`` with a ``name`` and the sets of layers it ``requires``, ``provides`` and
``extends`` (a layer an earlier stage provided and this one adds to: ``places`` and ``events`` add entities).
Stages are made by factories ``make_stage(lang, **config) -> Stage`` registered by name: the built-in ones in
:data:`STAGE_FACTORIES` below, others with :func:`register_stage`.  Every factory receives the language object
(:class:`hadath.lang.ar.Arabic`) and its own section of the pipeline's ``config``::

    Pipeline(config={"places": {"gazetteer": "~/.hadath/gazetteer.sqlite"}})

Nothing here reads the environment: the CLI and the HTTP API turn their settings into ``config``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, Protocol, runtime_checkable

from hadath._gc import fewer_collections
from hadath.doc import ArticleMeta, Doc
from hadath.errors import InputError, StageError
from hadath.isodate import iso_date, iso_date_or_none
from hadath.lang.ar import Arabic, arabic
from hadath.stages import attribution, dates, entities, events, normalize, numbers, places, segment

__all__ = [
    "DEFAULT_STAGES",
    "STAGE_FACTORIES",
    "Pipeline",
    "Stage",
    "StageFactory",
    "default_pipeline",
    "extract",
    "make_stage",
    "register_stage",
    "unregister_stage",
]

#: ``Doc.user_data`` key of a publication date guessed from a web page (see :meth:`Pipeline.make_doc`)
PUBLISHED_GUESS = "published_guess"

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
    """A stage: ``doc -> doc``, with the layers it requires and provides (an optional ``extends`` names the
    layers made by earlier stages that it adds to)."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> frozenset[str]: ...

    @property
    def provides(self) -> frozenset[str]: ...

    def __call__(self, doc: Doc) -> Doc: ...


StageFactory = Callable[..., Stage]

#: The registry: stage name → factory ``(lang, **config) -> Stage``.  The built-in stages, in pipeline order.
STAGE_FACTORIES: dict[str, StageFactory] = {
    "normalize": normalize.make_stage,
    "segment": segment.make_stage,
    "dates": dates.make_stage,
    "numbers": numbers.make_stage,
    "entities": entities.make_stage,
    "places": places.make_stage,
    "attribution": attribution.make_stage,
    "events": events.make_stage,
}


def register_stage(name: str, factory: StageFactory, *, replace: bool = False) -> StageFactory:
    """Register ``factory`` under ``name`` so that pipelines can list it; returns the factory.

    A name already registered is refused unless ``replace=True`` (stages built from the old factory are
    forgotten).
    """
    if not name.isidentifier():
        raise StageError(f"a stage name must be an identifier, got {name!r}")
    if name in STAGE_FACTORIES and not replace:
        raise StageError(f"stage {name!r} is already registered (give replace=True to replace it)")
    STAGE_FACTORIES[name] = factory
    for key in [k for k in _BUILT if k[0] == name]:
        del _BUILT[key]
    return factory


def unregister_stage(name: str) -> None:
    """Remove a stage registered with :func:`register_stage` (built-in stages cannot be removed)."""
    if name in DEFAULT_STAGES:
        raise StageError(f"stage {name!r} is built in")
    STAGE_FACTORIES.pop(name, None)
    for key in [k for k in _BUILT if k[0] == name]:
        del _BUILT[key]


# Stages are built once per (name, language, config): building one reads its lexicons.
_BUILT: dict[tuple[str, int, Hashable], Stage] = {}


def _config_key(config: Mapping[str, Any]) -> Hashable | None:
    try:
        key = tuple(sorted(config.items()))
        hash(key)
    except TypeError:
        return None  # unhashable settings (a resolver object): built afresh, not cached
    return key


def make_stage(name: str, lang: Arabic | None = None, **config: Any) -> Stage:
    """The stage registered under ``name``, built for ``lang`` with ``config`` (cached)."""
    factory = STAGE_FACTORIES.get(name)
    if factory is None:
        raise StageError(f"unknown stage {name!r}; registered: {', '.join(STAGE_FACTORIES)}")
    lang = lang if lang is not None else arabic()
    key = _config_key(config)
    if key is not None:
        hit = _BUILT.get((name, id(lang), key))
        if hit is not None:
            return hit
    try:
        stage = factory(lang, **config)
    except TypeError as exc:
        raise StageError(f"stage {name!r}: bad configuration {sorted(config)}: {exc}") from exc
    if key is not None:
        _BUILT[(name, id(lang), key)] = stage
    return stage


class Pipeline:
    """An ordered list of stages whose requires/provides/extends were checked at build time.

    ``config`` maps a stage name to the keyword arguments of its factory; ``lang`` is the language object
    (the shared :func:`hadath.lang.ar.arabic` by default).
    """

    def __init__(
        self,
        names: Iterable[str] = DEFAULT_STAGES,
        *,
        config: Mapping[str, Mapping[str, Any]] | None = None,
        lang: Arabic | None = None,
    ) -> None:
        names = list(names)
        config = dict(config or {})
        unknown = sorted(set(config) - set(names))
        if unknown:
            raise StageError(f"configuration for stages not in the pipeline: {', '.join(unknown)}")
        self.lang = lang if lang is not None else arabic()
        self.config = config
        self.stages: list[Stage] = [make_stage(n, self.lang, **dict(config.get(n, {}))) for n in names]
        available = {"text"}
        for stage in self.stages:
            missing = (set(stage.requires) | set(getattr(stage, "extends", ()))) - available
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
        with fewer_collections():
            for stage in self.stages:
                doc = self._run(stage, doc)
                if "published" in stage.provides:
                    doc = self._fall_back_to_guess(stage, doc)
        if doc.meta.published is None and doc.user_data.get(PUBLISHED_GUESS):
            self._take_guess(doc)
        return doc

    @staticmethod
    def _run(stage: Stage, doc: Doc) -> Doc:
        try:
            doc = stage(doc)
        except Exception as exc:
            raise StageError(f"stage {stage.name!r} failed: {exc}", detail={"stage": stage.name}) from exc
        doc.provided |= stage.provides
        return doc

    @staticmethod
    def _take_guess(doc: Doc) -> None:
        doc.meta.published = str(doc.user_data.pop(PUBLISHED_GUESS))
        doc.meta.published_source = "guessed"

    def _fall_back_to_guess(self, stage: Stage, doc: Doc) -> Doc:
        """A date the text states (its dateline) beats one guessed from the page (HTML metadata): the stage
        that reads the publication date first runs without the guess; only when it finds none does it run
        again with the guess, marked ``published_source: "guessed"``."""
        if doc.meta.published is not None or not doc.user_data.get(PUBLISHED_GUESS):
            doc.user_data.pop(PUBLISHED_GUESS, None)
            return doc
        self._take_guess(doc)
        return self._run(stage, doc)

    def make_doc(
        self,
        text: str,
        *,
        id: str | None = None,
        title: str | None = None,
        published: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        published_guess: str | None = None,
    ) -> Doc:
        """A Doc to run the pipeline over.  ``published`` is a date the caller knows (``published_source:
        "metadata"``); ``published_guess`` one guessed from a web page (trafilatura/htmldate), used only when
        the text states no dateline (then ``published_source: "guessed"``)."""
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        if published is not None:
            published = iso_date(published, "published")
        meta = ArticleMeta(
            id=id,
            title=title,
            published=published,
            published_source="metadata" if published else None,
            outlet=outlet,
            url=url,
        )
        doc = Doc(text, meta)
        if published_guess and not published:
            guess = iso_date_or_none(published_guess)
            if guess is not None:
                doc.user_data[PUBLISHED_GUESS] = guess
        return doc

    def extract(self, text: str, **meta: str | None) -> Doc:
        return self(self.make_doc(text, **meta))

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The shared default pipeline (built once): every built-in stage, the built-in gazetteer only."""
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
