"""Publication-date precedence (issue 18): a dateline in the text, or a date the caller gives, beats the date
trafilatura/htmldate guesses from an HTML page; a guessed date is marked ``published_source: "guessed"``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hadath.io.readers import read_path
from hadath.pipeline import default_pipeline

pytest.importorskip("trafilatura")

DATELINE = "٥ آذار ٢٠١٨ - قال المرصد السوري لحقوق الإنسان إن طائرات حربية شنت غارات على بلدة معرة النعمان أمس."
NO_DATELINE = "قال المرصد السوري لحقوق الإنسان إن طائرات حربية شنت غارات على بلدة معرة النعمان أمس."
FILLER = "وأضاف المرصد أن فرق الدفاع المدني انتشلت جثث الضحايا من تحت الأنقاض بعد ساعات من الغارات على البلدة."


def page(first: str) -> str:
    """A page whose only date hint is a bare year in its header and footer (htmldate guesses 2018-01-01)."""
    body = "".join(f"<p>{p}</p>" for p in (first, FILLER, FILLER.replace("الغارات", "القصف")))
    return (
        "<html><head><title>غارات</title></head><body><header>2018</header>"
        f"<article>{body}</article><footer>© 2018</footer></body></html>"
    )


def _extract(path: Path, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "hadath", "extract", str(path), *args], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_the_page_guess_is_a_guess(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(page(NO_DATELINE), encoding="utf-8")
    (rec,) = read_path(f)
    assert rec.published is None and rec.published_guess == "2018-01-01"
    doc = default_pipeline().extract(rec.text, **rec.meta())
    assert (doc.meta.published, doc.meta.published_source) == ("2018-01-01", "guessed")


def test_a_dateline_beats_the_page_guess(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(page(DATELINE), encoding="utf-8")
    d = _extract(f)
    assert d["article"]["published"] == "2018-03-05"
    assert d["article"]["published_source"] == "dateline"
    assert {x["value"] for x in d["dates"]} >= {"2018-03-04"}  # "أمس" counted from the dateline


def test_a_given_date_beats_the_page_guess(tmp_path: Path) -> None:
    f = tmp_path / "a.html"
    f.write_text(page(NO_DATELINE), encoding="utf-8")
    d = _extract(f, "--published", "2018-03-06")
    assert (d["article"]["published"], d["article"]["published_source"]) == ("2018-03-06", "metadata")


def test_make_doc_keeps_a_guess_apart() -> None:
    pipe = default_pipeline()
    doc = pipe.extract(DATELINE, published_guess="2018-01-01")
    assert (doc.meta.published, doc.meta.published_source) == ("2018-03-05", "dateline")
    doc = pipe.extract(NO_DATELINE, published_guess="2018-01-01")
    assert (doc.meta.published, doc.meta.published_source) == ("2018-01-01", "guessed")
    assert {d.value for d in doc.dates} == {"2017-12-31"}
    doc = pipe.extract(NO_DATELINE, published="2018-03-06", published_guess="2018-01-01")
    assert (doc.meta.published, doc.meta.published_source) == ("2018-03-06", "metadata")
