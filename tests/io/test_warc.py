from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from hadath.io.feeds import url_id
from hadath.io.readers import BadRecord, Record
from hadath.io.warc import is_warc, read_warc


def page(title: str, body: str) -> str:
    return (
        f"<html><head><title>{title}</title><meta property='og:site_name' content='موقع الاختبار'>"
        "<meta name='date' content='2018-02-19'></head><body><nav>الرئيسية | أخبار</nav><article>"
        f"<h1>{title}</h1>"
        + "".join(f"<p>{body} وأضاف المصدر في الفقرة رقم {i} أن الوضع الإنساني يتدهور بسرعة.</p>" for i in range(4))
        + "</article></body></html>"
    )


DOUMA = page("غارات على دوما", "قصفت طائرات حربية مدينة دوما في الغوطة الشرقية وقتل عشرة مدنيين على الأقل في الغارات.")
AFRIN = page("اشتباكات في عفرين", "اشتبكت القوات التركية مع الوحدات الكردية في محيط عفرين وسط قصف مدفعي كثيف.")


def write_warc(path: Path, *, gz: bool) -> None:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)

        def response(url: str, status: str, ctype: str, body: bytes) -> None:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http)
            )

        w.write_record(w.create_warc_record("", "warcinfo", payload=io.BytesIO(b"software: test\r\n"), length=16))
        w.write_record(
            w.create_warc_record("http://a.example.org/douma", "request", payload=io.BytesIO(b"GET /"), length=5)
        )
        response("http://a.example.org/douma", "200 OK", "text/html; charset=utf-8", DOUMA.encode("utf-8"))
        response("http://a.example.org/old", "301 Moved Permanently", "text/html", b"<html>moved</html>")
        response("http://a.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
        response("http://a.example.org/empty", "200 OK", "text/html", b"<html><body></body></html>")
        response("http://b.example.org/afrin", "200 OK", "text/html; charset=windows-1256", AFRIN.encode("cp1256"))


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz=gz)
    assert is_warc(path)
    out = list(read_warc(path))
    assert [type(r) for r in out] == [Record, BadRecord, Record]
    douma, empty, afrin = out
    assert isinstance(douma, Record) and isinstance(afrin, Record) and isinstance(empty, BadRecord)
    assert "دوما" in douma.text and "الرئيسية" not in douma.text
    assert douma.url == "http://a.example.org/douma" and douma.id == url_id("http://a.example.org/douma")
    assert douma.title == "غارات على دوما" and douma.published_guess == "2018-02-19"  # behind a dateline
    assert douma.source.startswith(f"{path}@") and douma.extra["captured"]
    assert "عفرين" in afrin.text  # decoded from the declared windows-1256
    assert empty.source.startswith(f"{path}@") and "no main text" in empty.reason and "/empty" in empty.reason


def test_corrupt_and_missing_archives(tmp_path: Path) -> None:
    good = tmp_path / "crawl.warc.gz"
    write_warc(good, gz=True)
    data = good.read_bytes()
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(data[: len(data) // 2] + b"garbage" * 10)
    out = list(read_warc(broken))
    assert isinstance(out[-1], BadRecord) and "unreadable WARC" in out[-1].reason
    assert any(isinstance(r, Record) for r in out)  # what came before the damage is kept
    (missing,) = list(read_warc(tmp_path / "none.warc"))
    assert isinstance(missing, BadRecord) and missing.reason == "no such file"


def test_ingest_a_warc(tmp_path: Path) -> None:
    from hadath.ingest import ingest
    from hadath.store import open_store

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gz=True)
    with open_store(tmp_path / "w.db") as store:
        r = ingest(store, [tmp_path], stages=["normalize", "segment"])
        assert (r.ingested, r.failed) == (2, 1)
        rows, total = store.articles(q="عفرين")
        assert total == 1 and rows[0]["url"] == "http://b.example.org/afrin"
        r2 = ingest(store, [path], stages=["normalize", "segment"])
        assert (r2.ingested, r2.unchanged) == (0, 2)
