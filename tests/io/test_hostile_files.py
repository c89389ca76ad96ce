"""Issue 19: every reader, fed random and damaged bytes, finishes and reports each bad record (file:line, reason).

Hypothesis writes files of every kind hadath reads — text, HTML, JSONL (plain and gzip), RSS/Atom, WARC, standard
input — from random bytes, from valid files with bytes flipped, cut or inserted, and (for JSONL) from lines of known
kinds, good and bad.  The reader must never raise: each record is a Record holding Unicode text or a BadRecord
naming its source.  The example count is bounded to keep the suite fast; bench/fuzz.py runs the long campaign.
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.errors import InputError
from hadath.ingest import ingest_records, iter_sources
from hadath.io.readers import BadRecord, Record, read_path
from hadath.store import open_store

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ARTICLE = "قال المرصد السوري لحقوق الإنسان إن عشرة مدنيين قتلوا أمس في غارات على مدينة دوما."
HTML = f"<html><head><title>دوما</title></head><body><article><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"
RSS = f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>وكالة</title>
<item><title>غارات</title><guid>g1</guid><description>{ARTICLE}</description></item>
<item><title>قصف</title><guid>g2</guid><description>{ARTICLE}</description></item></channel></rss>"""


def _warc(gz: bool) -> bytes:
    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    w = WARCWriter(out, gzip=gz)
    body = HTML.encode()
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    record = w.create_warc_record(
        "http://x.example/a", "response", payload=io.BytesIO(body), length=len(body), http_headers=http
    )
    w.write_record(record)
    return out.getvalue()


def _jsonl() -> bytes:
    return "".join(json.dumps({"id": str(i), "text": ARTICLE}, ensure_ascii=False) + "\n" for i in range(3)).encode()


VALID = {
    "a.txt": lambda: ARTICLE.encode(),
    "a.md": lambda: ARTICLE.encode("utf-16"),
    "a.html": lambda: HTML.encode(),
    "a.jsonl": _jsonl,
    "a.ndjson.gz": lambda: gzip.compress(_jsonl()),
    "a.rss": lambda: RSS.encode(),
    "a.xml": lambda: RSS.encode("utf-16"),
    "a.warc": lambda: _warc(False),
    "a.warc.gz": lambda: _warc(True),
}


@functools.cache
def _valid(name: str) -> bytes:
    """One valid file of each kind, made once (WARC and gzip carry the time they were written)."""
    return VALID[name]()


@st.composite
def damaged(draw: st.DrawFn, valid: bytes) -> bytes:
    """``valid`` with a few bytes flipped, cut out or inserted, or cut short."""
    data = bytearray(valid)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "cut", "insert", "truncate"]))
        if op == "flip":
            data[i] ^= draw(st.integers(1, 255))
        elif op == "cut":
            del data[i : i + draw(st.integers(1, 16))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=16))
        else:
            del data[i:]
    return bytes(data)


def check_records(records: list[Record | BadRecord], path: Path) -> None:
    """Every item is a Record of Unicode text or a BadRecord that names its source and a reason."""
    for r in records:
        if isinstance(r, BadRecord):
            assert r.source.startswith(str(path)), r
            assert r.reason.strip()
        else:
            assert isinstance(r, Record)
            assert isinstance(r.text, str)  # an empty text is refused by the caller ("empty text")
            r.text.encode("utf-8")  # no lone surrogates
            for value in (r.id, r.title, r.published, r.outlet, r.url):
                assert value is None or isinstance(value, str)
                if value is not None:
                    value.encode("utf-8")


@pytest.mark.parametrize("name", sorted(VALID))
@SETTINGS
@given(data=st.data())
def test_every_reader_survives_random_and_damaged_bytes(name: str, data: st.DataObject) -> None:
    valid = _valid(name)
    payload = data.draw(st.one_of(st.binary(max_size=3000), damaged(valid)), label="bytes")
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(payload)
        records = list(iter_sources([path], fetch=None))
        check_records(records, path)
        if name == "a.jsonl":  # one record or bad record for every line that is not blank
            assert len(records) == len(_nonblank_lines(payload))
        elif not name.endswith((".gz", ".warc")):
            assert records, "a file always yields a record or a bad record"


def _nonblank_lines(data: bytes) -> list[bytes]:
    data = data.removeprefix(b"\xef\xbb\xbf")
    parts = [p for line in data.split(b"\n") for p in line.removesuffix(b"\r").split(b"\r")]
    if data.endswith(b"\n"):
        parts.pop()
    out = []
    for part in parts:
        try:
            if not part.decode("utf-8").strip():
                continue
        except UnicodeDecodeError:
            pass
        out.append(part)
    return out


@SETTINGS
@given(payload=st.binary(max_size=3000))
def test_standard_input_survives_random_bytes(payload: bytes) -> None:
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(payload))
    try:
        records = list(read_path("-"))
    except InputError:  # the documented refusal of the whole input (binary data)
        return
    finally:
        sys.stdin.detach()
        sys.stdin = stdin
    check_records(records, Path("<stdin>"))


# JSONL lines of known kinds: a good article, and bad lines of every kind the reader refuses.
# Raw lone surrogates cannot be written to a UTF-8 file at all (the escaped form is the first BAD case below),
# so generated text leaves out the surrogate block.
ENCODABLE = st.characters(blacklist_categories=("Cs",))
GOOD = st.builds(lambda t: json.dumps({"text": "نص " + t}, ensure_ascii=False), st.text(ENCODABLE, max_size=40))
BAD = st.one_of(
    st.just('{"text": "قال \\ud800"}'),  # lone surrogate
    st.just('{"text": "نص", "k": ' + "[" * 1000 + "]" * 1000 + "}"),  # 1,000 levels deep
    st.just('{"text": "نص", "k": ' + "{" * 90 + "}" * 90 + "}").map(lambda s: s.replace("{}", '{"a":1}')),
    st.just('{"text": "نص", "title": 5}'),  # metadata of the wrong type
    st.just('{"text": ""}'),  # no text
    st.just("[1, 2]"),  # not an object
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), min_size=1, max_size=40
    ).filter(
        lambda s: s.strip() and not s.strip().startswith(("{", "[", '"')) and not s.strip()[0].isdigit()
    ),  # not JSON
)
RANDOM = st.binary(max_size=80).map(lambda b: b.replace(b"\n", b"").replace(b"\r", b""))


@SETTINGS
@given(
    lines=st.lists(
        st.one_of(GOOD.map(lambda s: ("good", s)), BAD.map(lambda s: ("bad", s)), RANDOM.map(lambda b: ("random", b))),
        max_size=25,
    )
)
def test_jsonl_reports_each_bad_line_with_its_number(lines: list[tuple[str, str | bytes]]) -> None:
    raw = b"".join((x if isinstance(x, bytes) else x.encode("utf-8")) + b"\n" for _, x in lines)
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "mixed.jsonl"
        path.write_bytes(raw)
        records = list(read_path(path))
    check_records(records, path)
    expected = [
        (n, kind)
        for n, (kind, x) in enumerate(lines, 1)
        if (x.strip() if isinstance(x, str) else x.decode("utf-8", "replace").strip())
    ]
    got = {int(r.source.rsplit(":", 1)[1]): r for r in records}
    assert len(records) == len(got), "one record per line"
    assert sorted(got) == [n for n, _ in expected]
    for n, kind in expected:
        if kind == "good":
            assert isinstance(got[n], Record), got[n]
        elif kind == "bad":
            assert isinstance(got[n], BadRecord), got[n]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(st.one_of(GOOD, BAD, RANDOM.map(lambda b: b.decode("utf-8", "replace"))), min_size=1, max_size=12)
)
def test_ingest_runs_to_the_end_and_logs_every_bad_line(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "mixed.jsonl"
        path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
        bad = [r for r in read_path(path) if isinstance(r, BadRecord)]
        with open_store(Path(d) / "s.db") as store:
            report = ingest_records(store, iter_sources([path], fetch=None), stages=["normalize", "segment"])
            logged = {e["source"] for e in store.errors(limit=1000)}
        assert report.failed >= len(bad)
        assert {b.source for b in bad} <= logged
