"""Confidence: how likely an event is one an analyst would record, from explicit features of its evidence.

Each event gets a vector of features that say how it was found (:data:`FEATURES`): the strength of its
trigger word and whether it needed a support word, how many mentions tell it, whether the text names its
perpetrator, its target, its own place and its date, how much conflict the document holds and whether it is
a story of another register (sport, arts, economy: :mod:`._register`), and its event type.  A logistic model
maps the vector to a probability: ``confidence = 1 / (1 + exp(-(bias + Σ weight·feature + shift)))``, where
the shift is a fixed prior for a denied or a headline-only event (the fitting data holds too few of them).  The weights
are data (``hadath/models/event_confidence.json``), fitted by :mod:`._calibrate` on events matched and not
matched to gold annotations, with cross-validation by article; docs/events.md shows the reliability curve.
So an analyst can filter: among events of confidence 0.8 or more, about 8 in 10 are right on data like the
fitting data.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

from hadath.doc import Entity
from hadath.stages.events._context import ARMED_TYPES, Ctx
from hadath.stages.events._merge import Ev
from hadath.stages.events._register import off_register

#: the features, in the order of the model's weights
FEATURES: tuple[str, ...] = (
    "weight",  # the trigger's weight in triggers.tsv (how sure the word alone makes an event), the best mention's
    "mentions",  # more mentions tell it: min(3, body mentions - 1) / 2
    "needs_support",  # its best trigger is a weak word that needed a support word (هجوم، احتجاجات، انفجار)
    "perpetrator_named",  # an explicit or adjacent perpetrator (من قبل X، شنت X، غارات النظام)
    "actor2",  # a target or opponent
    "place_fallback",  # no place in its clause: the headline's or the lead's, or none
    "date",  # the text dates it (not the publication date by default)
    "off_register",  # the story is of another register (sport, arts, economy, technology)
    "conflict_words",  # armed actors and trigger words in the document: min(1, log(1 + n) / log(30))
    "explosions",  # its event type is Explosions/Remote violence
    "protests",  # Protests or Riots
)

#: fixed shifts of the log-odds for what the fitting data hardly holds (priors, not fitted): the content of a
#: denial (نفى الجيش قصف ...) and an event only the headline tells
DENIED_SHIFT = -1.5
HEADLINE_ONLY_SHIFT = -1.0


@cache
def _model() -> tuple[float, tuple[float, ...]]:
    data = json.loads(resources.files("hadath.models").joinpath("event_confidence.json").read_text("utf-8"))
    weights = data["weights"]
    if list(weights) != list(FEATURES):
        raise ValueError("event_confidence.json: its features differ from hadath.stages.events._confidence.FEATURES")
    return float(data["bias"]), tuple(float(weights[f]) for f in FEATURES)


def score(x: tuple[float, ...], shift: float = 0.0) -> float:
    """The model's probability for a feature vector (``shift`` is added to the log-odds)."""
    bias, w = _model()
    z = bias + shift + sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def shift(ev: Ev) -> float:
    """The prior shifts of an event: denied, headline only."""
    body = [m for m in ev.mentions if not m.title] or ev.mentions
    out = DENIED_SHIFT if all(m.denied for m in body) else 0.0
    return out + (HEADLINE_ONLY_SHIFT if ev.title_only else 0.0)


def features(ctx: Ctx, ev: Ev, actor2: list[Entity]) -> tuple[float, ...]:
    """The feature vector of one event (see :data:`FEATURES`)."""
    body = [m for m in ev.mentions if not m.title] or ev.mentions
    best = max(body, key=lambda m: (not m.weak, m.weight))
    etype = ev.etype
    return (
        best.weight,
        min(3, len(body) - 1) / 2 if len(body) > 1 else 0.0,
        float("weak" in best.trig.flags),
        float(any(m.how >= 2 for m in ev.mentions)),
        float(bool(actor2)),
        float(ev.place_fallback or ev.place is None),
        float(not ev.date_default),
        float(off_register(ctx)),
        min(1.0, math.log1p(_conflict_words(ctx)) / math.log(30)),
        float(etype == "Explosions/Remote violence"),
        float(etype in ("Protests", "Riots")),
    )


def _conflict_words(ctx: Ctx) -> int:
    n = sum(1 for lst in ctx.actors.values() for x in lst if x.ent.actor_type in ARMED_TYPES)
    n += sum(1 for pos in ctx.trig_pos.values() for _ in pos)
    return n
