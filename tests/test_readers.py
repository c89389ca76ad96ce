from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hadath.errors import InputError
from hadath.io.readers import BadRecord, Record, decode_bytes, read_path, read_paths


def test_txt(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("قال المرصد", encoding="utf-8")
    [rec] = list(read_path(p))
    assert isinstance(rec, Record) and rec.text == "قال المرصد" and rec.id == "a"


def test_cp1256_fallback(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_bytes("قال المرصد".encode("cp1256"))
    [rec] = list(read_path(p))
    assert isinstance(rec, Record) and rec.text == "قال المرصد"
    assert "Windows-1256" in rec.warnings[0]


def test_binary_is_rejected() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 10, "x.bin")


def test_jsonl_with_bad_lines(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps({"id": "1", "text": "نص", "published": "2018-02-09T10:00:00"}),
                "{not json",
                json.dumps({"id": "3"}),
                json.dumps(["list"]),
                json.dumps({"text": "بلا معرف"}),
            ]
        ),
        encoding="utf-8",
    )
    recs = list(read_path(p))
    assert isinstance(recs[0], Record) and recs[0].published == "2018-02-09"
    assert isinstance(recs[1], BadRecord) and recs[1].source.endswith(":2") and "invalid JSON" in recs[1].reason
    assert isinstance(recs[2], BadRecord) and "missing text" in recs[2].reason
    assert isinstance(recs[3], BadRecord)
    assert isinstance(recs[4], Record) and recs[4].id == "b-5"


def test_jsonl_gz(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z", "text": "نص"}) + "\n")
    [rec] = list(read_path(p))
    assert isinstance(rec, Record) and rec.id == "z"


def test_html(tmp_path: Path) -> None:
    body = "<p>" + "قال المرصد السوري لحقوق الإنسان إن القصف استمر على ريف إدلب الجنوبي طوال الليل. " * 5 + "</p>"
    p = tmp_path / "d.html"
    p.write_text(
        f"<html><head><title>عنوان</title></head><body><article>{body}</article></body></html>", encoding="utf-8"
    )
    [rec] = list(read_path(p))
    assert isinstance(rec, Record) and rec.from_html and "المرصد السوري" in rec.text


def test_missing_path_is_a_bad_record_in_batches(tmp_path: Path) -> None:
    recs = list(read_paths([tmp_path / "nope.txt"]))
    assert isinstance(recs[0], BadRecord) and "no such file" in recs[0].reason
    with pytest.raises(InputError):
        list(read_path(tmp_path / "nope.txt"))
