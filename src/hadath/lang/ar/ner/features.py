"""Features of the name tagger, computed over the segmenter's tokens.

For each token: its normalised form and stem, proclitics, article and enclitic, a shape (digits, Latin, symbol,
stem length), the first and last letters of the stem, its distributional class (``word_clusters.tsv``) and what
the language's lexicons say about it: a given name (``given_names.txt``), an organisation head, name word, place
head or frequent common word (``org_heads.tsv``), a person title, rank or speech verb (``person_titles.tsv``,
phrases of several words included), an alias of the knowledge base (actor, person, country, nationality, place
cue: the trie of ``kb.py``, longest match).  The two tokens on either side
(within the sentence) are seen through the same classes, prefixed with their offset (``-1:hd=stop``); the first
and last token of a sentence say so (``BOS``, ``EOS``).

Features are strings, grouped (:data:`FEATURE_GROUPS`) so that any group can be left out.  :meth:`Featurizer.word`
builds a word's features once (cached); :meth:`Featurizer.marks` finds the phrase matches of a document;
:meth:`Featurizer.features` gives every token's strings (what the trainer sees; ``scorer.py`` sums the same
weights faster).  :func:`lexicons` builds the shared lookups from the packaged data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from hadath.doc import Token
from hadath.lang import load_tsv
from hadath.lang.ar.clitics import given_names
from hadath.lang.ar.kb import AliasTrie, alias_key, load_kb
from hadath.lang.ar.orthography import norm_str

__all__ = ["FEATURE_GROUPS", "WINDOW", "Featurizer", "Lexicons", "Signature", "Word", "WordKey", "lexicons"]

#: the feature groups, each of which can be left out (for ablations): ``Featurizer(lex, drop={"kb"})``
FEATURE_GROUPS = (
    "word",
    "affix",
    "shape",
    "given",
    "heads",
    "titles",
    "kb",
    "clusters",
    "window",
)

WINDOW = (-2, -1, 1, 2)
_CACHE_MAX = 100_000
WordKey = tuple[str, str]
#: (is a word, proclitics, article, enclitic, given-name tag, head-word kind): see Featurizer.signature
Signature = tuple[bool, str, bool, str, str | None, str | None]
_NO_SIGNATURE: Signature = (False, "", False, "", None, None)
_MAX_AFFIX = 3
_LATIN = frozenset("abcdefghijklmnopqrstuvwxyz")
_SKIP = frozenset({'"', "'", "_"})  # the knowledge base's trie reads past these after an alias's first word
# the knowledge base's entry kinds, as feature values
_KB_KINDS = {"actor": "actor", "person": "person", "country": "country", "adj": "adj", "cue": "cue", "generic": "gen"}


class Lexicons:
    """The lookups the features read: given names, head words, title phrases, the knowledge base trie and word
    classes, all keyed by normalised text."""

    def __init__(
        self,
        given: Mapping[str, str],
        heads: Mapping[str, str],
        titles: Mapping[tuple[str, ...], str],
        kb: AliasTrie | None,
        clusters: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.given = given
        self.heads = heads
        self.titles = AliasTrie()
        for key, kind in titles.items():
            self.titles.add(key, ("title", kind))
        self.kb = kb
        self.clusters = clusters or {}


@cache
def lexicons() -> Lexicons:
    """The shared lexicons from the packaged data."""
    heads: dict[str, str] = {}
    for r in load_tsv("org_heads.tsv"):
        w = norm_str(r["word"])
        heads.setdefault(w, r["kind"])
    titles: dict[tuple[str, ...], str] = {}
    for r in load_tsv("person_titles.tsv"):
        titles.setdefault(alias_key(r["phrase"]), r["kind"])
    rows = load_tsv("word_clusters.tsv")
    cols = [c for c in (rows[0] if rows else {}) if c != "stem"]
    clusters = {r["stem"]: tuple(f"{c}={r[c]}" for c in cols) for r in rows}
    return Lexicons(given_names(), heads, titles, load_kb().trie, clusters)


def _shape(t: Token) -> str:
    w = t.norm
    if not t.is_word:
        if w[:1].isdigit():
            return "num" if len(w) != 4 else "num4"
        return "sym" + w[:1]
    if w[0] in _LATIN:
        return "lat"
    n = len(t.stem)
    return "len" + (str(n) if n < 7 else "7+")


class Word:
    """What a word contributes wherever it stands.  Its features come in two parts: those of its stem (``stem``:
    the stem itself, its first and last letters, shape and class, shared by all clitic forms of the stem) and
    those of its surface form (``own``: form, clitics, given name and head-word classes), each with the features
    its neighbours see without the window prefix (``stem_ctx``, ``ctx``).  ``starts`` tells which phrase
    lexicons may start at the word (bits ``TITLES``, ``KB``) and ``phrase``, per lexicon, the marks
    of a one-word match and the lexicon's nodes under the word that longer matches go on from (their keys are
    the words that may come next)."""

    __slots__ = ("ctx", "key", "own", "phrase", "starts", "stem", "stem_ctx", "stem_own")

    def __init__(
        self,
        key: WordKey,
        own: list[str],
        ctx: list[str],
        stem: str = "",
        stem_own: Sequence[str] = (),
        stem_ctx: Sequence[str] = (),
        starts: int = 0,
        phrase: dict[int, tuple[tuple[str, ...], tuple[Mapping[str, Any], ...]]] | None = None,
    ) -> None:
        self.key = key
        self.own = own
        self.ctx = ctx
        self.stem = stem
        self.stem_own = stem_own
        self.stem_ctx = stem_ctx
        self.starts = starts
        self.phrase = phrase or {}

    @property
    def features(self) -> list[str]:
        """All the word's own features."""
        return [*self.stem_own, *self.own]

    @property
    def context(self) -> list[str]:
        """All the features its neighbours see (without the window prefix)."""
        return [*self.stem_ctx, *self.ctx]


TITLES, KB = 1, 2


class Featurizer:
    """Turns a document's tokens into features (see the module docstring); ``drop`` leaves groups out."""

    def __init__(self, lex: Lexicons, drop: frozenset[str] | set[str] = frozenset()) -> None:
        unknown = set(drop) - set(FEATURE_GROUPS)
        if unknown:
            raise ValueError(f"unknown feature groups: {sorted(unknown)}")
        self.lex = lex
        self.use = {g: g not in drop for g in FEATURE_GROUPS}
        use = self.use
        self._use_word, self._use_affix, self._use_shape = use["word"], use["affix"], use["shape"]
        self._use_clusters, self._use_given, self._use_heads = use["clusters"], use["given"], use["heads"]
        self._use_window = use["window"]
        self._tries: list[tuple[int, str, AliasTrie]] = []
        if self.use["titles"]:
            self._tries.append((TITLES, "ti", lex.titles))
        if self.use["kb"] and lex.kb is not None:
            self._tries.append((KB, "kb", lex.kb))
        self._cache: dict[WordKey, Word] = {}
        self._stems: dict[tuple[str, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._signatures: dict[Signature, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    # -- word-level ---------------------------------------------------------------------------------------------
    def stem_key(self, t: Token) -> tuple[str, str]:
        """What :meth:`stem_features` reads of a token: its stem and its shape.  The shape reads the whole form
        (a Latin stem after an Arabic proclitic, "وZTE", is not shaped Latin), so it is part of the key: a cache
        keyed by the stem alone would give a word whatever shape the stem had where it was first seen."""
        return (t.stem if t.is_word else t.norm), _shape(t)

    def stem_features(self, t: Token) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The features of a word's stem: its own, and what its neighbours see (cached by :meth:`stem_key`)."""
        key = self.stem_key(t)
        hit = self._stems.get(key)
        if hit is not None:
            return hit
        stem, shape = key
        own: list[str] = []
        ctx: list[str] = []
        if t.is_word:
            if self._use_word:
                own.append("s=" + stem)
                ctx.append(own[-1])
            if self._use_affix:
                n = min(_MAX_AFFIX, len(stem))
                own.extend(["p1=" + stem[:1], "x1=" + stem[-1:]])
                if n > 1:
                    own.extend(["p2=" + stem[:2], "x2=" + stem[-2:]])
                if n > 2:
                    own.extend(["p3=" + stem[:3], "x3=" + stem[-3:]])
        if self._use_shape:
            own.append("sh=" + shape)
            ctx.append(own[-1])
        if self._use_clusters:
            cl = self.lex.clusters.get(stem if t.is_word else "0" if stem[:1].isdigit() else "")
            if cl is not None:
                own.extend(cl)
                ctx.extend(cl)
            elif t.is_word:
                own.append("c=rare")
                ctx.append("c=rare")
        if len(self._stems) >= _CACHE_MAX:
            self._stems.clear()
        hit = self._stems[key] = (tuple(own), tuple(ctx) if self._use_window else ())
        return hit

    def signature(self, t: Token) -> Signature:
        """What decides a word's features besides its form and its stem: proclitics, article, enclitic, given-name
        tag and head-word kind (``None`` where the group is left out or the token is no word)."""
        if not t.is_word:
            return _NO_SIGNATURE
        lex = self.lex
        gn = hd = None
        if self._use_given:
            gn = lex.given.get(t.norm)
            if gn is None:
                gn = lex.given.get(t.stem)
        if self._use_heads:
            hd = lex.heads.get(t.core if t.article else t.stem)
            if hd is None and t.article:
                hd = lex.heads.get(t.stem)
            hd = hd or "rare"
        return (True, t.prefix, t.article, t.suffix, gn, hd)

    def signature_features(self, sig: Signature) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The features of a :meth:`signature`: its own, and what the neighbours see (cached)."""
        hit = self._signatures.get(sig)
        if hit is not None:
            return hit
        is_word, prefix, article, suffix, gn, hd = sig
        own: list[str] = ["b"]
        ctx: list[str] = []
        if is_word:
            if self._use_word:
                if prefix:
                    own.append("pf=" + prefix)
                    ctx.append(own[-1])
                if article:
                    own.append("al")
                    ctx.append("al")
                if suffix:
                    own.append("en=" + suffix)
            if gn is not None:
                own.append("gn=" + (gn or "name"))
                ctx.append(own[-1])
            if hd is not None:
                own.append("hd=" + hd)
                ctx.append(own[-1])
        hit = self._signatures[sig] = (tuple(own), tuple(ctx) if self._use_window else ())
        return hit

    def form_feature(self, t: Token) -> str | None:
        """The feature of the word's form itself (own and seen by the neighbours), or None."""
        return "w=" + t.norm if self._use_word else None

    def starts(self, t: Token) -> int:
        """Which phrase lexicons may start at the token (bits ``TITLES``, ``KB``)."""
        if not t.is_word:
            return 0
        bits = 0
        forms = t.forms or (t.norm,)
        for bit, _name, trie in self._tries:
            root = trie.root
            for f in forms:
                if f in root:
                    bits |= bit
                    break
        return bits

    def word(self, t: Token) -> Word:
        """A word's features (cached by its form and segmentation): its form, :meth:`signature_features` and
        the features of its stem, with the phrase lexicons' nodes under it."""
        norm = t.norm
        key = (norm, t.stem)  # the segmentation of a word follows from its form and its stem
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        sig_own, sig_ctx = self.signature_features(self.signature(t))
        form = self.form_feature(t)
        own = [sig_own[0], form, *sig_own[1:]] if form is not None else list(sig_own)  # "b" first
        ctx = [form, *sig_ctx] if form is not None and self._use_window else list(sig_ctx)
        starts = 0
        phrase: dict[int, tuple[tuple[str, ...], tuple[Mapping[str, Any], ...]]] = {}
        if t.is_word:
            forms = t.forms or (norm,)
            for bit, name, trie in self._tries:
                root = trie.root
                nodes = [root[f] for f in forms if f in root]
                if nodes:
                    starts |= bit
                    single = next((node[""] for node in nodes if "" in node), None)
                    kinds = sorted({_KB_KINDS.get(k, k) if bit == KB else v for k, v in single or ()})
                    longer = tuple(node for node in nodes if len(node) > ("" in node))  # nodes with children
                    phrase[bit] = (tuple(f"{name}B={kind}" for kind in kinds), longer)
        stem_own, stem_ctx = self.stem_features(t)
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        stem = t.stem if t.is_word else norm
        hit = self._cache[key] = Word(key, own, ctx, stem, stem_own, stem_ctx, starts, phrase)
        return hit

    # -- phrase matches over the document -----------------------------------------------------------------------
    def marks(self, tokens: Sequence[Token], cand: Sequence[int], starts: Sequence[int]) -> dict[int, list[str]]:
        """Token index -> the phrase matches it belongs to (title phrases, knowledge-base aliases), for the
        tokens that have any.  ``cand`` are the tokens where a phrase may start, ``starts`` their
        lexicon bits (:attr:`Word.starts`, per token)."""
        marks: dict[int, list[str]] = {}
        n = len(tokens)
        get = self._cache.get
        words = [get((tokens[i].norm, tokens[i].stem)) or self.word(tokens[i]) for i in cand]
        nexts = [tokens[i + 1].norm if i + 1 < n else None for i in cand]
        for bit, name, trie in self._tries:
            nxt_free = 0
            for i, w, nxt in zip(cand, words, nexts, strict=True):
                if i < nxt_free or not starts[i] & bit:
                    continue
                single, nodes = w.phrase[bit]
                if not nodes or nxt is None or (nxt not in _SKIP and not any(nxt in node for node in nodes)):
                    if single:  # a one-word match, known from the word alone
                        marks.setdefault(i, []).extend(single)
                    continue
                hit = trie.longest(tokens, i)
                if hit is None:
                    continue
                end, entries, _ = hit
                kinds = sorted({_KB_KINDS.get(k, k) if bit == KB else v for k, v in entries})
                for kind in kinds:
                    marks.setdefault(i, []).append(f"{name}B={kind}")
                    for j in range(i + 1, end):
                        marks.setdefault(j, []).append(f"{name}I={kind}")
                if end - i > 1:
                    marks.setdefault(end - 1, []).append(f"{name}E")
                nxt_free = end
        return marks

    # -- the document -----------------------------------------------------------------------------------------
    def mark_features(self, tokens: Sequence[Token], marks: Mapping[int, Sequence[str]]) -> tuple[list[int], list[str]]:
        """The phrase matches as parallel lists (token index, feature), each seen by its token and by the window
        around it."""
        n = len(tokens)
        toks: list[int] = []
        feats: list[str] = []
        window = self.use["window"]
        for j, mj in marks.items():
            toks.extend([j] * len(mj))
            feats.extend(mj)
            if window:
                sent = tokens[j].sent
                for off in WINDOW:
                    i = j - off
                    if 0 <= i < n and tokens[i].sent == sent:
                        pre = f"{off}:"
                        toks.extend([i] * len(mj))
                        feats.extend([pre + m for m in mj])
        return toks, feats

    @staticmethod
    def _edges(sents: Sequence[int]) -> tuple[list[int], list[int]]:
        """The first and the last token of each sentence."""
        n = len(sents)
        cuts = [i for i in range(1, n) if sents[i] != sents[i - 1]]
        return [0, *cuts], [*(i - 1 for i in cuts), n - 1]

    def words(self, tokens: Sequence[Token]) -> list[Word]:
        """The :class:`Word` of each token."""
        get = self._cache.get
        out = [get((t.norm, t.stem)) for t in tokens]
        if None in out:
            return [w if w is not None else self.word(t) for w, t in zip(out, tokens, strict=True)]
        return out  # type: ignore[return-value]

    def features(self, tokens: Sequence[Token]) -> list[list[str]]:
        """All features of each token as strings: what the trainer sees (:class:`~hadath.lang.ar.ner.scorer.Scorer`
        sums the same weights without building them)."""
        n = len(tokens)
        words = self.words(tokens)
        out: list[list[str]] = []
        for i in range(n):
            sent = tokens[i].sent
            f = words[i].features
            for off in WINDOW:
                j = i + off
                if 0 <= j < n and tokens[j].sent == sent:
                    pre = f"{off}:"
                    f.extend([pre + x for x in words[j].context])
            out.append(f)
        starts = [w.starts for w in words]
        cand = [i for i in range(n) if starts[i]]
        toks, feats = self.mark_features(tokens, self.marks(tokens, cand, starts))
        for i, feat in zip(toks, feats, strict=True):
            out[i].append(feat)
        if n:
            firsts, lasts = self._edges([t.sent for t in tokens])
            for i in firsts:
                out[i].append("BOS")
            for i in lasts:
                out[i].append("EOS")
        return out
