"""Final assembly: the records of a document become its :class:`~hadath.doc.Attribution` list.

Duplicates (same cue, speaker and content) go; a confirming أكد whose object is a report of an earlier speaker
("أكد X تقرير المرصد") gets stance ``confirm`` and ``confirms`` = that speaker's latest act; spans are extended
over the diacritics of their last letter; ids are given in text order.
"""

from __future__ import annotations

from hadath.doc import Attribution, Span
from hadath.lang.ar.orthography import TASHKEEL_RE
from hadath.stages.attribution._context import Ctx, Rec


def assemble(c: Ctx) -> list[Attribution]:
    doc = c.doc
    recs = sorted(c.recs, key=lambda r: (r.cue_start, r.order))
    # dedupe: the same cue, speaker and content
    uniq: list[Rec] = []
    keys: set[tuple[int, int, str | None, str | None, tuple[int, int] | None]] = set()
    for r in recs:
        key = (r.cue_start, r.cue_end, r.who.entity if r.who else None, r.who.text if r.who else None, r.content)
        if key in keys:
            continue
        keys.add(key)
        uniq.append(r)
    _confirmations(c, uniq)
    ids = {id(r): f"a{n + 1}" for n, r in enumerate(uniq)}
    out: list[Attribution] = []
    text = doc.text

    def ext(e: int) -> int:
        """Extend an end offset over the diacritics of its last letter (قَالَ)."""
        while e < len(text) and TASHKEEL_RE.match(text, e):
            e += 1
        return e

    for r in uniq:
        w = r.who
        if w is not None and w.end is not None:
            w.end = ext(w.end)
            w.text = text[w.start : w.end] if w.start is not None else w.text
        r.cue_end = ext(r.cue_end)
        content = None
        if r.content:
            ce = ext(r.content[1])
            content = Span(r.content[0], ce, text[r.content[0] : ce])
        out.append(
            Attribution(
                id=ids[id(r)],
                speaker=w.entity if w else None,
                speaker_text=w.text if w else None,
                speaker_start=w.start if w else None,
                speaker_end=w.end if w else None,
                cue=doc.text[r.cue_start : r.cue_end],
                cue_start=r.cue_start,
                cue_end=r.cue_end,
                content=content,
                direct_quote=r.direct,
                anonymous=bool(w and w.anonymous) or (w is None and not r.article_level),
                stance=r.stance,
                confirms=ids.get(id(r.confirms)) if r.confirms is not None else None,
                implicit=r.implicit,
                article_level=r.article_level,
                addressee=r.addressee,
            )
        )
    return out


def _confirmations(c: Ctx, recs: list[Rec]) -> None:
    """أكد + a report noun ("أكد ... تقرير المرصد") confirms that speaker's latest attribution."""
    confirm_lemmas = c.lex.confirm_lemmas
    for n, r in enumerate(recs):
        if r.lemma not in confirm_lemmas or r.stance != "assert" or r.content_tokens is None or r.intro != "noun":
            continue  # only a bare object confirms: "أكد تقرير المرصد", not "أكد أن ما حدث ..."
        a, b = r.content_tokens
        if b <= a:
            continue
        head = c.full(a)
        if head not in c.w_report and c.norms[a] not in c.w_report and c.toks[a].stem not in c.w_report:
            continue
        if c.norms[a] in c.lex.what and not (a + 1 < b and c.cue_at(a + 1) is not None):
            continue  # "أكد ما ذكره المرصد", not any "ما"
        r.stance = "confirm"
        target: Rec | None = None
        ents = {c.cover[m][0].id for m in range(a + 1, min(b, a + 6)) if c.cover[m] is not None}  # type: ignore[index]
        words = {c.full(m) for m in range(a + 1, min(b, a + 4))}
        for prev in reversed(recs[:n]):
            if prev.who is None or prev.article_level or prev is r:
                continue
            if prev.who.entity is not None and prev.who.entity in ents:
                target = prev
                break
            if prev.who.head and prev.who.head in words:
                target = prev
                break
        if target is None:
            for prev in reversed(recs[:n]):
                if prev.who is None or prev.article_level:
                    continue
                if r.who is not None and prev.who.text == r.who.text and prev.who.entity == r.who.entity:
                    continue
                target = prev
                break
        r.confirms = target
