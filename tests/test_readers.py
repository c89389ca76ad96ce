from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from hadath.errors import InputError
from hadath.io.readers import BadRecord, Record, check_published, decode_bytes, parse_json, read_path, read_paths


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


# -- issue 19: hostile input is a logged, skipped record ------------------------------------------------------------


def test_issue19_lone_surrogate_line_is_a_bad_record(tmp_path: Path) -> None:
    p = tmp_path / "s.jsonl"
    p.write_text(
        '{"id": "1", "text": "قال \\ud800"}\n{"id": "2", "text": "نص", "title": "\\udfff"}\n'
        '{"id": "3", "\\ud83d": "مفتاح"}\n{"id": "4", "text": "نص \\ud83d\\ude00 سليم"}\n',
        encoding="utf-8",
    )
    recs = list(read_path(p))
    assert [type(r) for r in recs] == [BadRecord, BadRecord, BadRecord, Record]
    assert [r.source for r in recs[:3]] == [f"{p}:1", f"{p}:2", f"{p}:3"]
    assert all("lone surrogate" in r.reason for r in recs[:3] if isinstance(r, BadRecord))
    assert isinstance(recs[3], Record) and recs[3].text == "نص \U0001f600 سليم"  # a surrogate pair is one character


def test_issue19_deep_json_line_is_a_bad_record(tmp_path: Path) -> None:
    p = tmp_path / "d.jsonl"
    deep = '{"text": "نص", "x": ' + "[" * 1000 + "]" * 1000 + "}"
    moderate = '{"text": "نص", "x": ' + "[" * 100 + "]" * 100 + "}"
    p.write_text("\n".join([deep, moderate, json.dumps({"text": "نص سليم"})]) + "\n", encoding="utf-8")
    recs = list(read_path(p))
    assert [type(r) for r in recs] == [BadRecord, BadRecord, Record]
    assert recs[0].source == f"{p}:1" and "nested deeper than 64" in recs[0].reason  # type: ignore[union-attr]
    assert recs[1].source == f"{p}:2" and "nested deeper than 64" in recs[1].reason  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        ({"text": "نص", "title": 5}, "'title' must be a string, not a number"),
        ({"text": "نص", "outlet": ["a"]}, "'outlet' must be a string, not an array"),
        ({"text": "نص", "url": {"a": 1}}, "'url' must be a string, not an object"),
        ({"text": 5}, "'text' must be a string, not a number"),
        ({"text": "نص", "id": True}, "'id' must be a string or an integer, not a boolean"),
    ],
)
def test_issue19_metadata_of_the_wrong_type_is_a_bad_record(
    tmp_path: Path, obj: dict[str, object], reason: str
) -> None:
    p = tmp_path / "t.jsonl"
    p.write_text(json.dumps(obj, ensure_ascii=False) + "\n", encoding="utf-8")
    [rec] = list(read_path(p))
    assert isinstance(rec, BadRecord) and rec.reason == reason and rec.source == f"{p}:1"


def test_issue19_integer_ids_are_kept_as_strings(tmp_path: Path) -> None:
    p = tmp_path / "i.jsonl"
    p.write_text(json.dumps({"id": 7, "text": "نص"}) + "\n", encoding="utf-8")
    [rec] = list(read_path(p))
    assert isinstance(rec, Record) and rec.id == "7"


def test_issue19_one_line_that_is_not_utf8_is_one_bad_record(tmp_path: Path) -> None:
    p = tmp_path / "u.jsonl"
    good = json.dumps({"text": "نص"}, ensure_ascii=False).encode()
    p.write_bytes(
        good + b"\n" + json.dumps({"text": "قال"}, ensure_ascii=False).encode("cp1256") + b"\n" + good + b"\n"
    )
    recs = list(read_path(p))
    assert [type(r) for r in recs] == [Record, BadRecord, Record]
    assert recs[1].source == f"{p}:2" and "not UTF-8" in recs[1].reason  # type: ignore[union-attr]


def test_issue19_jsonl_with_a_utf8_bom_and_cr_line_ends(tmp_path: Path) -> None:
    p = tmp_path / "b.jsonl"
    p.write_bytes(b"\xef\xbb\xbf" + b'{"text": "a"}\r\n{"text": "b"}\r{"text": "c"}')
    recs = list(read_path(p))
    assert [r.text for r in recs if isinstance(r, Record)] == ["a", "b", "c"]
    assert [r.id for r in recs if isinstance(r, Record)] == ["b-1", "b-2", "b-3"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_issue19_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, encoding: str) -> None:
    text = "قال المرصد السوري إن عشرة مدنيين قتلوا."
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    p = tmp_path / "w.txt"
    p.write_bytes(bom + text.encode(encoding))
    [rec] = list(read_path(p))
    assert isinstance(rec, Record) and rec.text == text and rec.warnings == []
    j = tmp_path / "w.jsonl"
    j.write_bytes(bom + (json.dumps({"text": text}, ensure_ascii=False) + "\n" + "{bad\n").encode(encoding))
    good, bad = list(read_path(j))
    assert isinstance(good, Record) and good.text == text
    assert isinstance(bad, BadRecord) and bad.source == f"{j}:2"


def test_issue19_a_bom_that_lies_is_refused() -> None:
    with pytest.raises(InputError, match="UTF-16"):
        decode_bytes(b"\xff\xfe" + "نص".encode() + b"x", "odd.txt")  # odd length after the mark


def test_issue19_truncated_gzip_ends_the_file_with_a_bad_record(tmp_path: Path) -> None:
    p = tmp_path / "t.jsonl.gz"
    data = gzip.compress("".join(json.dumps({"text": f"نص {i}"}) + "\n" for i in range(500)).encode())
    p.write_bytes(data[: len(data) // 2])
    recs = list(read_path(p))
    assert all(isinstance(r, Record) for r in recs[:-1])
    assert isinstance(recs[-1], BadRecord) and "unreadable after line" in recs[-1].reason


def test_issue19_bad_sidecar_is_ignored_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": "\\ud800", "x": ' + "[" * 1000 + "]" * 1000 + "}")
    [rec] = list(read_path(tmp_path / "a.txt"))
    assert isinstance(rec, Record) and rec.title is None
    assert "ignored" in rec.warnings[0]


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2018-02-09", True), ("1900-01-01", True), ("2100-12-31", True), ("0001-01-01", False), ("9999-12-31", False)],
)
def test_issue19_published_dates_are_refused_outside_the_range(value: str, ok: bool) -> None:
    if ok:
        assert check_published(value) == value
    else:
        with pytest.raises(InputError, match="outside the dates hadath reads"):
            check_published(value)


def test_parse_json_names_the_place() -> None:
    with pytest.raises(InputError, match=r"\$\.a\[1\]\.b"):
        parse_json('{"a": [1, {"b": "\\udc00"}]}')
    with pytest.raises(InputError, match="invalid JSON"):
        parse_json("{")
    assert parse_json('{"a": [1, {"b": "ok"}]}') == {"a": [1, {"b": "ok"}]}
