from __future__ import annotations

import logging
from pathlib import Path

import pytest

pytest.importorskip("feedparser")

from hadath.io.feeds import html_fragment_text, is_feed_source, read_feed, url_id
from hadath.io.readers import BadRecord, Record

BODY = "قصفت طائرات حربية مدينة دوما في الغوطة الشرقية وقتل عشرة مدنيين على الأقل في الغارات. "

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>وكالة الاختبار</title>
  <link>http://news.example.org/</link>
  <description>اختبار</description>
  <item>
    <title>غارات على الغوطة</title>
    <link>http://news.example.org/a/1</link>
    <guid>http://news.example.org/a/1</guid>
    <pubDate>Mon, 19 Feb 2018 10:00:00 GMT</pubDate>
    <description>ملخص قصير</description>
    <content:encoded><![CDATA[<p>{BODY}</p><p>وقال المرصد إن القصف مستمر.</p>]]></content:encoded>
  </item>
  <item>
    <title>اشتباكات في عفرين</title>
    <link>http://news.example.org/a/2</link>
    <pubDate>Tue, 20 Feb 2018 08:30:00 GMT</pubDate>
    <description>&lt;p&gt;اشتباكات عنيفة في عفرين بين القوات التركية والوحدات الكردية.&lt;/p&gt;</description>
  </item>
  <item>
    <title>فارغ</title>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom الاختبار</title>
  <id>urn:test</id>
  <updated>2018-02-21T00:00:00Z</updated>
  <entry>
    <title>خبر أتوم</title>
    <id>urn:entry:1</id>
    <link href="http://atom.example.org/e/1"/>
    <updated>2018-02-21T09:00:00Z</updated>
    <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content>
  </entry>
</feed>
"""

PAGE = (
    "<html><head><title>اشتباكات في عفرين</title></head><body><nav>القائمة الرئيسية</nav><article><h1>اشتباكات</h1>"
    + "<p>اشتبكت القوات التركية مع وحدات حماية الشعب الكردية في محيط مدينة عفرين صباح اليوم وسط قصف مدفعي. </p>" * 4
    + "</article><footer>حقوق النشر</footer></body></html>"
)


@pytest.fixture
def rss(tmp_path: Path) -> Path:
    p = tmp_path / "news.rss"
    p.write_text(RSS, encoding="utf-8")
    return p


def test_full_content_summary_page_fetch(rss: Path) -> None:
    fetched: list[str] = []

    def fetch(url: str) -> str | None:
        fetched.append(url)
        return PAGE

    out = list(read_feed(str(rss), fetch=fetch))
    assert [type(r) for r in out] == [Record, Record, BadRecord]
    first, second, bad = out
    assert isinstance(first, Record) and isinstance(second, Record) and isinstance(bad, BadRecord)
    assert first.text.startswith("قصفت طائرات") and "المرصد" in first.text and "\n" in first.text
    assert first.title == "غارات على الغوطة" and first.published == "2018-02-19"
    assert first.outlet == "وكالة الاختبار" and first.url == "http://news.example.org/a/1"
    assert first.id == url_id("http://news.example.org/a/1") and first.source == f"{rss}#1"
    # only the summary-only entry needs its page
    assert fetched == ["http://news.example.org/a/2"]
    assert "وسط قصف مدفعي" in second.text and "القائمة الرئيسية" not in second.text
    assert second.published == "2018-02-20" and not second.warnings
    assert bad.source == f"{rss}#3" and "no content" in bad.reason


def test_summary_is_used_with_a_warning_when_pages_cannot_be_fetched(
    rss: Path, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[str] = []

    def offline(url: str) -> str | None:
        calls.append(url)
        return None

    with caplog.at_level(logging.WARNING, logger="hadath.feeds"):
        out = [r for r in read_feed(str(rss), fetch=offline) if isinstance(r, Record)]
    assert out[1].text == "اشتباكات عنيفة في عفرين بين القوات التركية والوحدات الكردية."
    assert out[1].warnings and "could not be fetched" in out[1].warnings[0]
    assert "could not be fetched" in caplog.text
    # no fetching disables page downloads but still yields summaries
    plain = [r for r in read_feed(str(rss), fetch=None) if isinstance(r, Record)]
    assert plain[1].text.startswith("اشتباكات عنيفة") and "not fetched" in plain[1].warnings[0]


def test_page_without_main_text_falls_back_to_the_summary(rss: Path) -> None:
    out = [r for r in read_feed(str(rss), fetch=lambda url: "<html><body></body></html>") if isinstance(r, Record)]
    assert out[1].text.startswith("اشتباكات عنيفة") and "no main text" in out[1].warnings[0]


def test_atom_feed(tmp_path: Path) -> None:
    p = tmp_path / "feed.atom"
    p.write_text(ATOM, encoding="utf-8")
    (rec,) = list(read_feed(str(p), fetch=None))
    assert isinstance(rec, Record)
    assert rec.id == "urn:entry:1" and rec.published == "2018-02-21" and rec.text.startswith("قصفت")
    assert rec.outlet == "Atom الاختبار" and rec.url == "http://atom.example.org/e/1"


def test_feed_urls_go_through_fetch() -> None:
    pages = {"http://feeds.example.org/rss": RSS, "http://news.example.org/a/2": PAGE}
    out = list(read_feed("http://feeds.example.org/rss", fetch=pages.get))
    assert sum(isinstance(r, Record) for r in out) == 2
    (bad,) = list(read_feed("http://feeds.example.org/none", fetch=pages.get))
    assert isinstance(bad, BadRecord) and "could not be downloaded" in bad.reason


def test_not_a_feed(tmp_path: Path) -> None:
    p = tmp_path / "x.xml"
    p.write_text("<html><body>hello</body></html>", encoding="utf-8")
    (bad,) = list(read_feed(str(p), fetch=None))
    assert isinstance(bad, BadRecord) and "not an RSS/Atom feed" in bad.reason
    (missing,) = list(read_feed(str(tmp_path / "nope.rss"), fetch=None))
    assert isinstance(missing, BadRecord) and missing.reason == "no such file"


def test_ingest_a_feed_into_a_store(rss: Path, tmp_path: Path) -> None:
    from hadath.ingest import ingest
    from hadath.store import open_store

    with open_store(tmp_path / "f.db") as store:
        r = ingest(store, [rss], fetch=lambda url: None, stages=["normalize", "segment"])
        assert (r.ingested, r.failed) == (2, 1)
        doc = store.article(url_id("http://news.example.org/a/2"))
        assert doc is not None and any("could not be fetched" in w for w in doc["warnings"])
        assert store.errors()[0]["source"] == f"{rss}#3"


def test_helpers() -> None:
    assert is_feed_source("https://x.org/feed") and is_feed_source("a/b.RSS") and not is_feed_source("a.jsonl")
    assert html_fragment_text("<p>سطر&nbsp;أول</p><p>سطر  ثان<br>ثالث</p>") == "سطر\xa0أول\nسطر ثان\nثالث"
    assert url_id("http://www.bbc.co.uk/arabic/x").startswith("bbc.co.uk-")


def test_read_url_takes_feeds_and_pages() -> None:
    from hadath.io.feeds import read_url

    pages = {
        "http://feeds.example.org/rss": RSS,
        "http://news.example.org/a/2": PAGE,
        "http://news.example.org/plain": "<html><body></body></html>",
    }
    feed = list(read_url("http://feeds.example.org/rss", fetch=pages.get))
    assert sum(isinstance(r, Record) for r in feed) == 2
    (page,) = list(read_url("http://news.example.org/a/2", fetch=pages.get))
    assert isinstance(page, Record) and "عفرين" in page.text and page.url == "http://news.example.org/a/2"
    assert page.id == url_id("http://news.example.org/a/2")
    (bad,) = list(read_url("http://news.example.org/plain", fetch=pages.get))
    assert isinstance(bad, BadRecord) and "neither" in bad.reason
    (gone,) = list(read_url("http://news.example.org/404", fetch=pages.get))
    assert isinstance(gone, BadRecord) and "could not be downloaded" in gone.reason
    (off,) = list(read_url("http://news.example.org/a/2", fetch=None))
    assert isinstance(off, BadRecord) and "fetching is disabled" in off.reason
