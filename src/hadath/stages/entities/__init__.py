"""Stage ``entities``: actors (organisations) and persons, resolved and merged inside the article; and the focus.

How it works (all knowledge is data under ``lang/ar``, read through the language object: ``lang.kb``, the
actor and person knowledge base, and ``lang.names``, the :class:`~hadath.lang.ar.names.NameLexicon`):

1. **Dictionary.**  At each token the alias trie of :mod:`hadath.lang.ar.kb` (actors, persons, generic references,
   country names, nationality adjectives, place cues) is tried with the token's ``forms`` (surface first, then
   the clitic-stripped readings: بالجيش -> الجيش) and the following tokens' surface forms; the longest alias
   wins and is never matched inside a word.
2. **Unseen organisations** by pattern (``org_heads.tsv``): an organisation head followed by a quoted or
   bracketed name (جماعة "جيش إدلب الحر"), or a strong head (جيش، لواء، حركة ...) followed by name words.
3. **Unseen persons** by context (``person_titles.tsv``, ``given_names.txt``): a title or rank before a name
   (المتحدث باسم فصيل "فيلق الرحمن"، ...، وائل علوان), a speech verb before a name (قال X إن), a name whose first
   word is a given name (محمد علوش), a kunya (أم أحمد), a name with an age (كريم (29 عاما)).  Roles and
   affiliations come from the title (before or after the name).
3b. **Names no lexicon knows** (``_model``): the learned name tagger (:mod:`hadath.lang.ar.ner`, a CRF trained
   on ANERcorp) tags persons and organisations; those on tokens still free become mentions (``source ==
   "model"``).  ``Pipeline(config={"entities": {"tagger": False}})`` leaves it out.  The tagger runs before step 1
   (``tag_names``) and informs the others: a person found by a pattern takes the span of the one tagger person
   over it (the patterns stop at an unknown surname or run on into the next word); علي written with ي in a
   text that never writes ى is a name only where the tagger sees a person; a known person's alias after بن/بنت
   is the father inside a longer name.
4. **In-article aliases.**  Surnames of the persons found (علوش، نتنياهو) and short names of organisations
   (صحيفة "الوطن" ... "الوطن") are matched again in the rest of the article.
5. **Focus** (the ``focus`` layer, ``doc.focus``): votes of country names, nationality adjectives and place
   cues (locative uses and the title weigh more) and of the countries of the actors and persons found; the
   ``places`` stage fills it from the places when the names decide nothing (both rules in ``_focus``).
6. **Generic references** (``generic_refs.tsv``): النظام، الجيش، التنظيم، المعارضة ... resolve to the last
   matching antecedent in the article or to the focus country's actor (Military Forces of X, ...); a reference to
   a country's institution followed by a nationality adjective (وزارة التجارة الصينية) is that country's, and one
   with no country in view (no focus) is no entity.
7. **Merging.**  All mentions of one referent become one :class:`~hadath.doc.Entity` (ids e1, e2, ... in order of
   first mention); a state's forces outside the focus country are reported as ``external``; each mention says
   whether it names or describes its referent (``reference``) and the entity where its English name came from
   (``name_en_source``).

Mentions are spans of the original text without one-letter proclitics (بالجيش -> الجيش; لل keeps its ل).
Bare country names (قالت إسرائيل) and nationality adjectives are not entities here: the places stage owns them.

The stage is a package, one job a module:

* ``_context`` — per-document state (:class:`Ctx`), the mention candidate (:class:`Cand`), shared marks;
* ``_dictionary`` — step 1; ``_orgs`` — step 2;
* ``_names`` — where a person's name ends; ``_persons`` — step 3, the patterns around names;
* ``_model`` — step 3b, the learned tagger's names;
* ``_aliases`` — step 4;
* ``_focus`` — step 5: the votes of the names and both focus rules (``focus_from_names`` here,
  ``focus_from_places`` in the places stage);
* ``_generics`` — step 6, role phrases and generic references;
* ``_build`` — step 7, the :class:`~hadath.doc.Entity` objects.
"""

from __future__ import annotations

from hadath.doc import Doc
from hadath.lang.ar import Arabic
from hadath.lang.ar.kb import strip_article
from hadath.stages.entities._aliases import in_article_aliases
from hadath.stages.entities._build import build_entities, name_only_spans
from hadath.stages.entities._context import Ctx
from hadath.stages.entities._dictionary import dictionary
from hadath.stages.entities._focus import focus_from_names, name_votes
from hadath.stages.entities._generics import resolve_generics, role_coreference
from hadath.stages.entities._model import model_names, sports_teams, tag_names
from hadath.stages.entities._orgs import org_patterns
from hadath.stages.entities._persons import person_patterns

__all__ = ["Entities", "make_stage"]


class Entities:
    """The ``entities`` stage (requires tokens; provides entities and the focus)."""

    name: str = "entities"
    requires: frozenset[str] = frozenset({"tokens"})
    provides: frozenset[str] = frozenset({"entities", "focus"})

    def __init__(self, lang: Arabic, tagger: bool = True) -> None:
        self.kb = lang.kb
        self.lex = lang.names
        self.tagger = lang.name_tagger if tagger else None
        self.groups = lang.words("name_groups")
        self.works = lang.words("name_work_heads")
        self.fronts = (lang.words("name_front_heads"), lang.words("name_front_org_words"))
        self.sports = frozenset(strip_article(w) for w in lang.words("name_sports_cues"))
        self.team_heads = frozenset(strip_article(w) for w in lang.words("name_team_heads"))
        self.descriptive = frozenset(strip_article(w) for w in lang.words("name_descriptive"))
        self.institutions = frozenset(strip_article(w) for w in lang.words("name_institution_heads"))
        self.designators = frozenset(lang.words("name_designators"))
        self.construct_only = frozenset(lang.words("name_designators_construct"))
        self.common_aliases = frozenset(strip_article(w) for w in lang.words("name_common_aliases"))
        self.span_designators = frozenset(lang.words("name_span_designators"))
        self.members = frozenset(lang.words("name_member_nouns"))
        #: designators before a bare foreign name found without quotes (not حركة: حركة نزوح is no name)
        self.name_heads = self.span_designators & (
            self.lex.outlet_heads | {strip_article(w) for w in lang.words("name_company_heads")}
        )
        self.place_cues = frozenset(
            strip_article(w) for w, (kind, _level) in lang.places.cues.items() if kind in ("place", "admin", "plural")
        )

    def __call__(self, doc: Doc) -> Doc:
        toks = doc.tokens
        st = Ctx(doc, self.kb, self.lex, toks, [None] * len(toks), [False] * len(toks))
        st.common_aliases = self.common_aliases
        names = tag_names(st, self.tagger) if self.tagger is not None else []
        dictionary(st)
        org_patterns(st, self.designators, self.construct_only, self.name_heads)
        person_patterns(st)
        if self.tagger is not None:
            names = sports_teams(st, names, self.sports, self.team_heads)
            model_names(st, names, self.groups, self.place_cues, self.works, self.fronts)
        in_article_aliases(st)
        st.votes = name_votes(st)
        doc.focus = focus_from_names(st.votes)
        role_coreference(st)
        resolve_generics(st)
        name_only_spans(st, self.span_designators, self.members)
        build_entities(st, self.descriptive, self.institutions)
        return doc


def make_stage(lang: Arabic, tagger: bool = True) -> Entities:
    """The stage; ``tagger=False`` leaves the learned name tagger out (step 3b)."""
    return Entities(lang, tagger=tagger)
