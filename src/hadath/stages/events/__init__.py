"""Stage ``events``: ACLED-style conflict events from triggers, clause patterns and the earlier layers.

1. **Triggers** (``lang/ar/triggers.tsv``, read with the cue words into ``lang.triggers``:
   :mod:`hadath.lang.ar.triggers`) are matched on clitic-segmented tokens through an index built
   once: verbs in every person of the perfect and imperfect (with the future سـ recognised), verbal nouns,
   plurals and multiword expressions.  A trigger is dropped when its clause is negated, future, threatened,
   hypothetical, conditional or a question, when it names a state (تحت سيطرة، مناطق تسيطر عليها), a purpose
   (لاستعادة), a past reference (منذ سيطرة) or an accident (انفجار قارورة غاز); the small words are data
   (``lang/ar/event_cues.tsv``).  Weak triggers (هجوم، اتفاق، قذائف، انفجار ...) need a support word in their
   clause, else they only merge into another event of the article.
2. **Arguments** come from clause patterns over the entity, place and date layers: the perpetrator
   (من قبل X، على يد X، بنيران X، شنتها X، غارات النظام، قصف روسي، the subject of the verb, the speaker of
   "قالت إسرائيل إنها شنت ..."), the target (ضد X، على X، بين X و Y، victims "13 من عناصر التنظيم",
   تعرضت X لـ), civilians and unknown perpetrators as generic actors ("Civilians (Syria)", "Unidentified
   Armed Group (Iraq)", created in ``doc.entities`` when missing), the place (في X، على X، قرب X; a list of
   towns gives one event per town; else the headline's place), the date (the clause's date expression,
   a period's latest day with week/month precision, the reporting sentence's date, else publication; more
   than ~30 days before publication = history, dropped), fatalities (the most conservative count) and the
   attributions that report the event.
3. **Incidents**: mentions of one happening (one place, day and actor pair; the sub-type is not identity: air
   strikes and shelling of one place and day are one event) become one event with all triggers as evidence,
   its most precise place and date; a list of places gives one event per place; headline mentions only add
   evidence.  Fatalities follow ACLED's rules (the most conservative specific count, sums of parts, no
   cumulative tolls).  Ids v1, v2, ... in text order.

The stage computes everything first and then writes ``doc.events`` (and the generic actors it needed).

The stage is a package, one job a module:

* ``_context`` — per-document state: token indices, entity mentions on tokens, cue tests, :class:`Mention`;
* ``_tokens`` — token look-ups the readers share (nationalities, the mention at a token, a word's trigger);
* ``_triggers`` — trigger matching; ``_filters`` — other senses, negation, future, hypothesis, questions,
  references and the other filters; ``_register`` — stories of another register (sport, arts, economy);
* ``_agents`` — the perpetrator; ``_targets`` — targets, victims, civilians, unknown perpetrators;
  ``_places`` — the place; ``_dates`` — the date and the history cut-off;
* ``_subtypes`` — sub-event types resolved from the arguments (@territory, @protest, @attack, weapons);
* ``_actors`` — state forces and generic actors the stage creates;
* ``_mentions`` — one trigger with its arguments, checked and dated; ``_tolls`` — which counts are death tolls
  and an incident's fatalities;
* ``_merge`` — mentions of one happening become one incident; ``_finalize`` — the :class:`~hadath.doc.Event`
  objects.
* ``_confidence`` — the calibrated confidence of an event; ``_calibrate`` — the command that fits it.
"""

from __future__ import annotations

from hadath.doc import Doc
from hadath.lang.ar import Arabic
from hadath.lang.ar.triggers import TriggerLexicon, may_trigger
from hadath.stages.events._context import ARMED_TYPES, Ctx
from hadath.stages.events._finalize import finalize
from hadath.stages.events._mentions import find_mentions
from hadath.stages.events._merge import merge

__all__ = ["ARMED_TYPES", "Events", "make_stage"]

#: a killed count from this size up is a cumulative toll (of a war, a year), not one event's
_CUMULATIVE_KILLED = 10_000


class Events:
    """The ``events`` stage, reading the trigger lexicon ``lex`` (``lang.triggers``)."""

    name: str = "events"
    requires: frozenset[str] = frozenset(
        {"tokens", "dates", "quantities", "entities", "focus", "places", "attributions"}
    )
    provides: frozenset[str] = frozenset({"events"})
    #: the collective actors events name (Civilians (Syria), Unidentified Armed Group (Iraq)) are entities
    extends: frozenset[str] = frozenset({"entities"})

    def __init__(self, lex: TriggerLexicon) -> None:
        self.lex = lex
        #: when a list, the confidence features of every event are appended to it (``_calibrate``)
        self.feature_log: list[tuple[float, ...]] | None = None

    def __call__(self, doc: Doc) -> Doc:
        first = self.lex.first_keys
        cands = [i for i, t in enumerate(doc.tokens) if may_trigger(t, first)]
        if not cands:
            doc.events = []
            return doc
        ctx = Ctx(doc, self.lex)
        ctx.feature_log = self.feature_log
        # "تسبب في مقتل نحو مليون سوري": a death toll this large sums up a war, it reports no event
        mentions = [m for m in find_mentions(ctx, cands) if not any(k[0] >= _CUMULATIVE_KILLED for k in m.killed)]
        events = merge(ctx, mentions)
        out = finalize(ctx, events)
        doc.entities.extend(ctx.new_entities)
        doc.events = out
        return doc


def make_stage(lang: Arabic) -> Events:
    return Events(lang.triggers)
