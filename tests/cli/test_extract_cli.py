from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hadath.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "idlib-2018-03-05.txt"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_one_file_prints_one_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["extract", str(EXAMPLE)], capsys)
    assert code == 0
    d = json.loads(out)
    assert d["schema"] == "hadath/1"
    assert d["article"]["id"] == "idlib-2018-03-05"
    text = EXAMPLE.read_text(encoding="utf-8")
    for s in d["dates"] + d["quantities"]:
        assert text[s["start"] : s["end"]] == s["text"]


def test_extract_jsonl_in_order_with_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "in.jsonl"
    p.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "قال المرصد إن القصف استمر."}),
                "{bad",
                json.dumps({"id": "c", "text": "نص آخر."}),
            ]
        ),
        encoding="utf-8",
    )
    code, out, err = _run(["extract", str(p)], capsys)
    assert code == 0
    ids = [json.loads(line)["article"]["id"] for line in out.splitlines()]
    assert ids == ["a", "c"]
    assert f"{p}:2" in err and "invalid JSON" in err
    code, _, err = _run(["extract", "--strict", str(p)], capsys)
    assert code == 2


def test_extract_out_dir_and_gz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "in.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "x/1", "text": "نص.", "published": "2018-02-09"}) + "\n")
    code, out, _ = _run(["extract", str(p), "--out-dir", str(tmp_path / "out")], capsys)
    assert code == 0 and out == ""
    d = json.loads((tmp_path / "out" / "x_1.json").read_text(encoding="utf-8"))
    assert d["article"]["published"] == "2018-02-09"


def test_extract_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["extract", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "nope.txt" in err and "no such file" in err


def test_extract_binary_and_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b = tmp_path / "bin.txt"
    b.write_bytes(bytes(range(256)) * 10)
    code, _, err = _run(["extract", str(b)], capsys)
    assert code == 2 and "binary" in err
    e = tmp_path / "empty.txt"
    e.write_text("", encoding="utf-8")
    code, out, err = _run(["extract", str(e)], capsys)
    assert code == 2 and out == "" and "empty text" in err  # issue 18: an empty text is an input error


def test_extract_cp1256_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "w.txt"
    p.write_bytes("قال المرصد إن القصف استمر.".encode("cp1256"))
    code, out, err = _run(["extract", str(p)], capsys)
    assert code == 0 and "Windows-1256" in err
    assert json.loads(out)["article"]["sha256"]


def test_extract_sidecar_meta(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "art.txt").write_text("قال المرصد إن القصف استمر أمس.", encoding="utf-8")
    (tmp_path / "art.meta.json").write_text(
        json.dumps({"id": "A-1", "published": "2018-02-11", "outlet": "X"}), encoding="utf-8"
    )
    _code, out, _ = _run(["extract", str(tmp_path / "art.txt")], capsys)
    d = json.loads(out)
    assert d["article"]["id"] == "A-1" and d["article"]["published"] == "2018-02-11" and d["article"]["outlet"] == "X"


def test_extract_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["extract", str(EXAMPLE), "--format", "table"], capsys)
    assert code == 0 and out.startswith("article   idlib-2018-03-05")


def test_extract_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "hadath", "extract", "-", "--published", "2018-02-09"],
        input="قال المرصد إن القصف استمر أمس.".encode(),
        capture_output=True,
        check=True,
    )
    d = json.loads(proc.stdout)
    assert d["article"]["published"] == "2018-02-09"


def test_large_article_does_not_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1 MB of ordinary news prose through the CLI; the 10 MB case is timed by bench/large_article.py, and texts
    made of nothing but triggers, names or cues by bench/complexity.py (their small versions are in
    tests/stages/test_hostile_input.py)."""
    prose = (
        "قال المرصد السوري لحقوق الإنسان إن طائرات حربية شنت غارات على بلدة معرة النعمان في ريف إدلب أمس، "
        "ما أسفر عن مقتل 12 مدنيا بينهم ثلاثة أطفال. وأضاف أن فرق الدفاع المدني انتشلت الجثث من تحت الأنقاض، "
        "فيما تواصلت حركة النزوح نحو المخيمات القريبة من الحدود التركية وسط ظروف إنسانية صعبة. "
    )
    p = tmp_path / "big.txt"
    p.write_text((prose * (1_000_000 // len(prose) + 1))[:1_000_000], encoding="utf-8")
    code, out, _ = _run(["extract", str(p), "--format", "jsonl"], capsys)
    assert code == 0 and json.loads(out)["sentences"]


def test_every_command_is_documented() -> None:
    doc = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        assert f"hadath {name}" in doc, f"docs/cli.md does not document `hadath {name}`"
        for action in p._actions:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    assert opt in doc, f"docs/cli.md does not document `hadath {name} {opt}`"


def test_cli_docs_are_generated_from_code() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "scripts" / "gen_cli_docs.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == mod.render(), "run python scripts/gen_cli_docs.py"


def test_issue19_extract_timeout_skips_the_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "h.jsonl"
    rows = [{"id": "h", "text": "غارات على " * 16_000}, {"id": "ok", "text": "قصفت طائرات مدينة إدلب."}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    code, out, err = _run(["extract", str(p), "--timeout", "0.5"], capsys)
    assert code == 0
    assert [json.loads(line)["article"]["id"] for line in out.splitlines()] == ["ok"]
    assert f"skipped {p}:1: timed out" in err


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_issue19_extract_refuses_publication_dates_at_the_calendar_edges(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], published: str
) -> None:
    p = tmp_path / "e.txt"
    p.write_text("قتل ثلاثة مدنيين أمس في إدلب.", encoding="utf-8")
    code, _, err = _run(["extract", str(p), "--published", published], capsys)
    assert code == 2
    assert "outside the dates hadath reads" in err and "Traceback" not in err


def _many(tmp_path: Path, n: int) -> Path:
    """A JSONL file of ``n`` constructed articles with a bad line and an empty text in the middle."""
    towns = ["إدلب", "حلب", "حماة", "درعا", "الرقة"]
    lines = [
        json.dumps(
            {"id": f"a{i}", "published": "2018-03-05", "text": f"قتل {i + 2} مدنيين في قصف على {towns[i % 5]} أمس."},
            ensure_ascii=False,
        )
        for i in range(n)
    ]
    lines.insert(n // 2, "{bad")
    lines.insert(n // 3, json.dumps({"id": "empty", "text": ""}))
    p = tmp_path / "many.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return p


def test_workers_give_the_same_output_in_the_same_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _many(tmp_path, 45)  # more than two batches: the processes start
    one = _run(["extract", str(p), "--workers", "1"], capsys)
    two = _run(["extract", str(p), "--workers", "2"], capsys)
    assert one == two
    code, out, err = two
    assert code == 0
    assert [json.loads(x)["article"]["id"] for x in out.splitlines()] == [f"a{i}" for i in range(45)]
    assert err.count("hadath: skipped") == 2 and "45 extracted, 2 skipped" in err


def test_workers_stop_at_the_first_bad_record_with_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _many(tmp_path, 45)
    code, out, err = _run(["extract", str(p), "--workers", "2", "--strict"], capsys)
    assert code == 2
    assert len(out.splitlines()) == 45 // 3  # the articles before the first bad one, in order
    assert err.count("hadath: skipped") == 1


def test_workers_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["extract", str(_many(tmp_path, 3)), "--workers", "0"], capsys)
    assert code == 2 and "--workers must be at least 1" in err
