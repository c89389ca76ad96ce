"""Stage ``attribution``: who says what — one :class:`~hadath.doc.Attribution` per speech act.

Cues come from data, read by the language object into its speech lexicon ``lang.speech``
(:class:`hadath.lang.ar.speech.SpeechLexicon`): ``lang/ar/speech_cues.tsv`` (verbs, participles and masdars with their
stance; the lexicon inflects them), ``lang/ar/source_frames.tsv`` (framings such as بحسب X / وفقا لـ X / نقلا عن X,
and the small words around a source), ``lang/ar/anonymous_sources.tsv`` (heads of unnamed sources) and the closed
word lists ``lang/ar/words/speech_*.txt``.

An act is a small grammar over the segmenter's tokens (docs/attribution.md): a **cue** — a speech verb (قال، نفت،
رفضت، دانت، تبنى ...), an adverbial participle (مضيفا، قائلا), a masdar (قوله، إعلان الجيش، وجه فلان اتهامات), a
nominal cue ("وجاء في بيان لـ X أن"، "أصدر X بيانا أكد فيه"), a frame (بحسب X، "كما أفاد X"), a relative clause ("X
الذي قال إن"، "وهو ما حذرت منه X"), a colon headline or an article credit; a **speaker slot** — the subject after or
before the verb, the antecedent of a relative, the owner or issuer of a statement, the genitive of a masdar, the
source of a frame, or the speaker the act continues; a **content slot** — إن/أن, a quotation, a colon, the cue's
preposition or a noun object; and a **relay** link — "نقلت X عن Y قوله إن" and a cue inside reported content with
a speaker of its own ("قال X إن Y نفى") give two acts, the reporter's ``relays`` the original's.  Joint speakers
give one act each.  Every act records ``speaker_rule``, the rule that chose its speaker (explicit subject first;
anaphors bound to the named source; continuation only without a competing subject and with gender agreement).

The stage is a package, one job a module:

* ``_context`` — per-document state and the token-level tests the readers share;
* ``_scan`` — the sentence scan that hands each cue word, frame, colon, nominal verb and فيه to its reader;
* ``_verbs`` — verbs, participles, masdars and relays; ``_relative`` — cues in relative clauses; ``_nominal`` —
  statement nouns (جاء في بيان، بيانا أكد فيه); ``_frames`` — framings and colon headlines; ``_credits`` — credits;
* ``_phrases`` — noun-phrase boundaries; ``_speakers`` — who speaks (entity linking, subject reading, anaphors,
  continuation rules, gender agreement);
* ``_asides`` — what stands between a speaker and the content; ``_content`` — where the content starts and ends;
* ``_stance`` — the stance of an act and the objects that make a cue no act;
* ``_assemble`` — dedupe, confirmations, relay ids and the :class:`~hadath.doc.Attribution` objects.
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
