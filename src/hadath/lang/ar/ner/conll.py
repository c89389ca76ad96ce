"""CoNLL name annotations (ANERcorp style) read onto hadath's tokens, and exact-span scoring.

A CoNLL file holds one ``token TAG`` a line (BIO over ``PERS``, ``LOC``, ``ORG``, ``MISC``) and a blank line
between sentences; its tokens are whitespace tokens with clitics attached.  :func:`conll_docs` rebuilds running
text from them the way ``score_ner.py`` of the shared evaluation does (tokens joined by spaces, a line break after
each sentence, 8 sentences a document), so that the tagger is trained and scored on the tokens the pipeline sees.
:func:`align` projects the whitespace tags onto the segmenter's tokens (a whitespace token may hold several:
``(د`` is ``(`` + ``د``); :func:`to_whitespace` maps predicted token spans back, and :func:`score` counts exact
spans per type like the shared scorer.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hadath.doc import Token
from hadath.errors import InputError

__all__ = [
    "SCORED_TYPES",
    "ConllDoc",
    "Scores",
    "align",
    "bio_spans",
    "conll_docs",
    "read_conll",
    "score",
    "to_whitespace",
]

#: the types the shared scorer counts (MISC is tagged but not scored)
SCORED_TYPES = ("PERS", "LOC", "ORG")
SENTENCES_PER_DOC = 8

Sentence = list[tuple[str, str]]
SpanKey = tuple[str, int, int]  # (type, first token, end token)


def read_conll(path: str | Path) -> list[Sentence]:
    """The sentences of a CoNLL file: lists of ``(token, tag)``; a line without a tag is tagged ``O``."""
    sents: list[Sentence] = []
    cur: Sentence = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", detail={"path": str(path)}) from exc
    with fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, sep, tag = line.rpartition(" ")
            if not sep:
                tok, tag = line, "O"
            cur.append((tok, tag.strip() or "O"))
    if cur:
        sents.append(cur)
    return sents


def bio_spans(tags: Sequence[str], offset: int = 0, strict: bool = False) -> list[SpanKey]:
    """Spans ``(type, start + offset, end + offset)`` of a BIO sequence.  An ``I-`` that continues no span of its
    type opens one, unless ``strict`` (the shared scorer's reading of gold tags: only ``B-`` opens a span)."""
    out: list[SpanKey] = []
    k = 0
    n = len(tags)
    opens = ("B-",) if strict else ("B-", "I-")
    while k < n:
        tag = tags[k]
        if tag[:2] in opens:
            typ = tag[2:]
            e = k + 1
            while e < n and tags[e] == "I-" + typ:
                e += 1
            out.append((typ, k + offset, e + offset))
            k = e
        else:
            k += 1
    return out


@dataclass(slots=True)
class ConllDoc:
    """A document rebuilt from CoNLL sentences: its text, the whitespace tokens' offsets and tags, and the index
    of the first token of each sentence."""

    text: str
    offsets: list[tuple[int, int]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    def gold(self, types: Iterable[str] = SCORED_TYPES) -> set[SpanKey]:
        """The gold spans over whitespace tokens, sentence by sentence, read like the shared scorer reads them."""
        keep = set(types)
        bounds = [*self.sentence_starts, len(self.tags)]
        out: set[SpanKey] = set()
        for a, b in itertools.pairwise(bounds):
            out.update(s for s in bio_spans(self.tags[a:b], a, strict=True) if s[0] in keep)
        return out


def conll_docs(sentences: Sequence[Sentence], per_doc: int = SENTENCES_PER_DOC) -> list[ConllDoc]:
    """Documents of ``per_doc`` sentences, their text built like the shared scorer builds it."""
    docs: list[ConllDoc] = []
    for i in range(0, len(sentences), per_doc):
        doc = ConllDoc("")
        parts: list[str] = []
        pos = 0
        for sent in sentences[i : i + per_doc]:
            doc.sentence_starts.append(len(doc.tags))
            for tok, tag in sent:
                if pos:
                    parts.append(" ")
                    pos += 1
                doc.offsets.append((pos, pos + len(tok)))
                doc.tags.append(tag)
                parts.append(tok)
                pos += len(tok)
            if not parts or parts[-1] != "\n":
                parts.append("\n")
                pos += 1
        doc.text = "".join(parts)
        docs.append(doc)
    return docs


def _owner(tokens: Sequence[Token], doc: ConllDoc) -> list[int]:
    """For each hadath token, the index of the whitespace token that holds it."""
    out: list[int] = []
    j = 0
    offs = doc.offsets
    n = len(offs)
    for t in tokens:
        while j < n - 1 and offs[j][1] <= t.start:
            j += 1
        out.append(j)
    return out


def align(tokens: Sequence[Token], doc: ConllDoc) -> list[str]:
    """BIO tags for hadath ``tokens`` of ``doc``'s text.

    The pieces of one whitespace token share its tag: the first word piece keeps ``B-``, later pieces are ``I-``;
    punctuation before the first word piece is ``O`` (``–صنعاء``), punctuation after the last one stays inside
    only when the name goes on in the next whitespace token (``جورج و. بوش``).
    """
    owner = _owner(tokens, doc)
    labels = ["O"] * len(tokens)
    i = 0
    n = len(tokens)
    while i < n:
        j = i
        while j < n and owner[j] == owner[i]:
            j += 1
        tag = doc.tags[owner[i]]
        if tag != "O":
            typ = tag[2:]
            words = [k for k in range(i, j) if tokens[k].is_word or tokens[k].norm.isalnum()]
            first = words[0] if words else i
            last = words[-1] if words else j - 1
            nxt = owner[i] + 1
            goes_on = nxt < len(doc.tags) and doc.tags[nxt] == "I-" + typ
            for k in range(i, j):
                if k < first:
                    labels[k] = "O" if tag.startswith("B-") else tag
                elif k == first:
                    labels[k] = tag
                elif k <= last or goes_on:
                    labels[k] = "I-" + typ
        i = j
    # a B- dropped on leading punctuation: the first labelled piece opens the span
    prev = "O"
    for k, lab in enumerate(labels):
        if lab.startswith("I-") and prev[2:] != lab[2:]:
            labels[k] = "B-" + lab[2:]
        prev = labels[k]
    return labels


def to_whitespace(spans: Iterable[SpanKey], tokens: Sequence[Token], doc: ConllDoc) -> set[SpanKey]:
    """Token spans ``(type, start, end)`` as spans of the whitespace tokens they overlap (the scorer's mapping)."""
    owner = _owner(tokens, doc)
    out: set[SpanKey] = set()
    for typ, a, b in spans:
        out.add((typ, owner[a], owner[b - 1] + 1))
    return out


@dataclass(slots=True)
class Scores:
    """Exact-span counts per type: true positives, predicted, gold."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0, 0] for t in SCORED_TYPES})

    def add(self, gold: set[SpanKey], pred: set[SpanKey]) -> None:
        for typ, c in self.counts.items():
            g = {s for s in gold if s[0] == typ}
            p = {s for s in pred if s[0] == typ}
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)

    def prf(self, typ: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 of one type, or micro-averaged over all (``typ=None``)."""
        if typ is None:
            tp, np_, ng = (sum(c[i] for c in self.counts.values()) for i in range(3))
        else:
            tp, np_, ng = self.counts[typ]
        p = tp / np_ if np_ else 0.0
        r = tp / ng if ng else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def to_dict(self) -> dict[str, dict[str, float | int]]:
        out: dict[str, dict[str, float | int]] = {}
        for typ in (*self.counts, None):
            p, r, f = self.prf(typ)
            gold = sum(c[2] for c in self.counts.values()) if typ is None else self.counts[typ][2]
            out[typ or "micro"] = {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "gold": gold}
        return out


def score(pairs: Iterable[tuple[set[SpanKey], set[SpanKey]]]) -> Scores:
    """Exact-span scores over ``(gold, predicted)`` pairs of span sets, one pair a document."""
    s = Scores()
    for gold, pred in pairs:
        s.add(gold, pred)
    return s
