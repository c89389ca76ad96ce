"""What produced a stored event: the hadath version and the codebook version.

The *codebook* is what decides which events an article yields and how they are coded: ACLED's taxonomy
(:mod:`hadath.taxonomy`) and the Arabic lexicons and rule tables under ``lang/ar/`` (triggers, event cues,
actors, PLOVER rules …).  Its version is ``acled-<hash>``: the first 10 hex digits of a SHA-1 over the
taxonomy's tables and those data files, so that it changes exactly when the codebook does — two stores
whose events carry the same codebook version were coded by the same rules.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["codebook_version", "hadath_version"]

_DATA_SUFFIXES = (".tsv", ".txt", ".json", ".yaml", ".yml")


def hadath_version() -> str:
    from hadath import __version__

    return __version__


@lru_cache(maxsize=1)
def codebook_version() -> str:
    """``acled-<10 hex>``: a digest of the taxonomy and the Arabic rule and lexicon files."""
    from hadath import taxonomy

    h = hashlib.sha1()
    h.update(repr((taxonomy.EVENT_TYPES, taxonomy.SUB_EVENT_TYPES, taxonomy.ACTOR_TYPE_INTER)).encode("utf-8"))
    root = Path(taxonomy.__file__).resolve().parent / "lang" / "ar"
    for f in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in _DATA_SUFFIXES):
        h.update(f.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(f.read_bytes())
    return "acled-" + h.hexdigest()[:10]
