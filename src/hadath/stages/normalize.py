"""Stage ``normalize``: build the normalised view of the text with its offset map."""

from __future__ import annotations

from dataclasses import dataclass

from hadath.doc import Doc
from hadath.lang.ar import Arabic
from hadath.lang.ar.orthography import normalize


@dataclass(frozen=True)
class Normalize:
    name: str = "normalize"
    requires: frozenset[str] = frozenset({"text"})
    provides: frozenset[str] = frozenset({"norm"})

    def __call__(self, doc: Doc) -> Doc:
        doc.norm = normalize(doc.text)
        return doc


def make_stage(lang: Arabic) -> Normalize:
    return Normalize()
