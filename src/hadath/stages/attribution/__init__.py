"""Stage ``attribution``: who says what — one :class:`~hadath.doc.Attribution` per speech act.

Cues come from data, read by the language object into its speech lexicon ``lang.speech``
(:class:`hadath.lang.ar.speech.SpeechLexicon`): ``lang/ar/speech_cues.tsv`` (verbs, participles and masdars; the
lexicon inflects them), ``lang/ar/source_frames.tsv`` (framings such as بحسب X / وفقا لـ X / نقلا عن X, and the
small words around a source: addressees, channels, time words, complementisers) and
``lang/ar/anonymous_sources.tsv`` (heads of unnamed sources: مصدر، مصادر، ناشطون، شهود ...).

For every sentence the stage finds

* speech verbs (قال، أكد، نفت، يقول ...): the speaker is the noun phrase after the verb (VSO), before
  it (SVO: "لكن وحدات حماية الشعب تنفي"), or — with no subject — the previous speaker
  (``implicit``: وأضاف، وتابع، قال إن ...); the content is the complement after إن/أن, a quotation,
  a colon, the verb's preposition (أشار إلى، حذر من، أعلن عن) or a noun object (نفى أي مفاوضات);
* adverbial participles (مضيفا، مشيرا إلى، قائلا): a continuation of the clause's speaker;
* masdars (نقلت X عن Y قوله إن، اكتفى المرصد بذكر أن، وجهت X تحذيرا لـ Y من ...);
* framings (بحسب X، وفق ما أفاد X، نقلا عن X): the content is the clause the frame modifies —
  before it when the frame ends the sentence, after it when it starts it, the whole clause otherwise;
* colon headlines ("الخوذ البيضاء: 4 قتلى ...", cue ``:``) with a source-like head;
* silent acts ("لكنها لم تذكر شيئا عن السماح لهم بالمغادرة": stance ``silent``);
* article credits ("(أ ف ب، رويترز)", "فرانس 24/ أ ف ب", "المصدر: رويترز", "(رويترز) -"):
  ``article_level`` attributions with no content.

A confirming أكد whose object is a report of an earlier speaker ("أكد X تقرير المرصد") gets stance
``confirm`` and ``confirms`` = that speaker's latest attribution.  Speakers link to the entity whose
mention covers the head of the speaker phrase (a place only when it is the whole phrase: "قالت
إسرائيل"); anonymous sources keep ``speaker`` None and their words in ``speaker_text``.

The stage is a package, one job a module:

* ``_context`` — per-document state and the token-level tests the readers share;
* ``_scan`` — the sentence scan that hands each cue word, frame, colon and credit to its reader;
* ``_verbs`` — verbs, participles, masdars and relays; ``_frames`` — framings and colon headlines;
  ``_credits`` — article credits;
* ``_phrases`` — noun-phrase boundaries; ``_speakers`` — who speaks (entity linking, antecedents);
* ``_asides`` — what stands between a speaker and the content; ``_content`` — where the content starts and ends;
* ``_assemble`` — dedupe, confirmations and the :class:`~hadath.doc.Attribution` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hadath.doc import Attribution, Doc
from hadath.lang.ar import Arabic
from hadath.lang.ar.speech import SpeechLexicon
from hadath.stages.attribution._context import Ctx
from hadath.stages.attribution._scan import run

__all__ = ["AttributionStage", "find_attributions", "make_stage"]


@dataclass(frozen=True)
class AttributionStage:
    """The ``attribution`` stage (requires tokens and entities; provides attributions)."""

    lex: SpeechLexicon = field(compare=False, repr=False)
    name: str = "attribution"
    requires: frozenset[str] = frozenset({"tokens", "entities"})
    provides: frozenset[str] = frozenset({"attributions"})

    def __call__(self, doc: Doc) -> Doc:
        doc.attributions = find_attributions(doc, self.lex)
        return doc


def find_attributions(doc: Doc, lex: SpeechLexicon) -> list[Attribution]:
    """All attributions of ``doc`` (tokens required; entities and dates used when present)."""
    return run(Ctx(doc, lex))


def make_stage(lang: Arabic) -> AttributionStage:
    return AttributionStage(lang.speech)
