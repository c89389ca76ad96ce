"""The web UI in a real browser (Debian's chromium via Playwright) against a live server.

Screenshots go to test-artifacts/web-*.png.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

STRIKE_ID = "sohr-2018-03-05-maarat"  # tests/samples.py
MALICIOUS_ID = "malicious-1"

Page = tuple[Any, Any]  # (playwright Page, conftest.PageWatch)
Shot = Any


def open_view(pg: Any, base: str, fragment: str, ready: str) -> None:
    pg.goto(f"{base}/#/{fragment}")
    pg.wait_for_selector(ready)


def texts(pg: Any, selector: str) -> list[str]:
    return [t for t in pg.locator(selector).all_text_contents()]


def assert_clean(watch: Any) -> None:
    assert watch.real_errors() == []
    assert watch.csp_violations() == []
    assert all(u.startswith("http://127.0.0.1:9/") for u in watch.external), watch.external


def test_reader_colours_entities_dates_and_quantities(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, f"article/{STRIKE_ID}", "#doc-text")
    text = pg.locator("#doc-text")
    assert text.get_attribute("dir") == "rtl" and text.get_attribute("lang") == "ar"
    assert "المرصد السوري لحقوق الإنسان" in texts(pg, ".seg.k-organization")
    assert "معرة النعمان" in texts(pg, ".seg.k-place")
    assert "مدنيا" in texts(pg, ".seg.k-actor")
    assert "٥ آذار ٢٠١٨" in texts(pg, ".seg.k-date")
    assert "12 " in texts(pg, ".seg.k-quantity")
    colours = {
        kind: pg.locator(f".seg.k-{kind}").first.evaluate("e => getComputedStyle(e).borderBottomColor")
        for kind in ("organization", "place", "actor", "date", "quantity")
    }
    assert len(set(colours.values())) == 5, colours

    pg.locator(".seg.k-place", has_text="معرة النعمان").hover()
    tip = pg.locator("#tooltip")
    tip.wait_for(state="visible")
    card = tip.inner_text()
    assert "Maarat al-Numan" in card and "35.6478, 36.6728" in card and "the town or village itself" in card
    shot(pg, "reader-hover-place")

    pg.locator(".seg.k-date").first.hover()
    assert "2018-03-05" in tip.inner_text() and "day" in tip.inner_text()
    pg.locator(".seg.k-quantity").first.hover()
    assert "killed" in tip.inner_text() and "12" in tip.inner_text()
    pg.locator(".seg.k-organization").first.hover()
    assert "state_forces" in tip.inner_text() or "Syrian Observatory" in tip.inner_text()
    assert_clean(watch)


def test_selecting_an_event_highlights_its_evidence(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, f"article/{STRIKE_ID}", "#event-list")
    pg.locator("#event-list button").first.click()
    assert pg.locator("#event-list button").first.get_attribute("aria-pressed") == "true"
    assert texts(pg, ".seg.hl-trigger") == ["غارات"]
    actors = "".join(texts(pg, ".seg.hl-actor"))
    assert "قوات النظام" in actors and "الجيش السوري" in actors and "مدنيا" in actors
    assert texts(pg, ".seg.hl-place") == ["معرة النعمان"]
    assert texts(pg, ".seg.hl-date") == ["٥ آذار ٢٠١٨"]
    assert "12 " in texts(pg, ".seg.hl-qty")
    reported = "".join(texts(pg, ".seg.hl-attr"))
    assert "المرصد السوري لحقوق الإنسان" in reported and "استهداف المدنيين" in reported
    # the side panel: who claims what, with the reports of this event marked
    claims = pg.locator("#claims .claim")
    assert claims.count() == 2
    assert pg.locator("#claims .claim.reports").count() == 2
    assert "denies" in claims.nth(1).inner_text() and "asserts" in claims.nth(0).inner_text()
    detail = pg.locator("#event-detail").inner_text()
    assert "Air/drone strike" in detail and "Military Forces of Syria" in detail and "12" in detail
    assert re.search(r"#/article/.+\?event=ev1$", pg.url)
    shot(pg, "reader-event-selected")

    # a statement can be selected on its own
    claims.nth(1).click()
    assert "".join(texts(pg, ".seg.hl-attr")).count("مصدر عسكري في الجيش السوري") == 1
    assert pg.locator(".seg.hl-trigger").count() == 0
    assert_clean(watch)


def test_events_table_filters_sorts_and_downloads(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, "events", "#events-table")
    rows = pg.locator("#events-table tbody tr")
    total = rows.count()
    assert total >= 5
    assert re.search(rf"of {total} events", pg.locator("#events-status").inner_text())

    pg.select_option("#f-event_type", "Explosions/Remote violence")
    pg.fill("#f-admin1", "Idlib")
    pg.click("#apply-filters")
    api = pg.request.get(f"{live_server}/v1/events?event_type=Explosions%2FRemote%20violence&admin1=Idlib&limit=500")
    expected = api.json()["total"]
    assert expected >= 3  # the hand-built strikes, plus what the pipeline found in the example article
    expect(pg.locator("#events-table tbody tr")).to_have_count(expected)
    assert "event_type=Explosions%2FRemote+violence" in pg.url and "admin1=Idlib" in pg.url

    # sort by fatalities, descending on the second click
    pg.locator("th button.sort", has_text="Fatalities").click()
    pg.locator("th button.sort", has_text="Fatalities").click()
    fat_col = [c.strip() for c in pg.locator("#events-table tbody tr td:nth-child(9)").all_text_contents()]
    numbers = [int(c) for c in fat_col if c.isdigit()]
    assert numbers == sorted(numbers, reverse=True) and numbers[:1] == [12]

    csv_href = pg.locator("#dl-csv").get_attribute("href")
    geo_href = pg.locator("#dl-geojson").get_attribute("href")
    assert "format=csv" in csv_href and "admin1=Idlib" in csv_href
    assert "format=geojson" in geo_href
    csv = pg.request.get(f"{live_server}/{csv_href}")
    assert csv.ok and csv.text().splitlines()[0].startswith("event_id_cnty,event_date,year")
    assert len(csv.text().strip().splitlines()) == expected + 1
    fc = pg.request.get(f"{live_server}/{geo_href}").json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == expected
    shot(pg, "events-table-filtered")

    # the table links an event to its article (shown by its title, issue 18), with the event selected
    link = pg.locator(f'#events-table a[title="{STRIKE_ID}"]').first
    assert link.inner_text() != STRIKE_ID and link.inner_text().strip()
    notes = texts(pg, "#events-table td.note")
    assert notes and all(n.startswith(("On ", "In ")) for n in notes)
    link.click()
    pg.wait_for_selector(".seg.hl-trigger")
    assert texts(pg, ".seg.hl-trigger") == ["غارات"]
    assert_clean(watch)


def test_map_shows_markers_without_tiles(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, "map", "path.event-marker")
    expect(pg.locator("#map-status")).to_contain_text("events on the map")
    status = pg.locator("#map-status").inner_text()
    located = int(status.split(" of ")[0])
    assert pg.locator("path.event-marker").count() == located >= 5
    colours = {pg.locator("path.event-marker").nth(i).get_attribute("fill") for i in range(located)}
    assert {"#c0392b", "#e67e22", "#2471a3"} <= colours  # battles, explosions, protests
    # the corroborated strike: a ring and a count badge
    assert pg.locator("path.cluster-ring").count() >= 1
    assert any(t.isdigit() and int(t) >= 3 for t in texts(pg, ".cluster-badge span"))  # a corroborated strike
    # a marker's popup is built from text
    pg.locator("path.event-marker").first.click(force=True)
    pg.wait_for_selector(".map-popup")
    assert "Open the article" in pg.locator(".map-popup").inner_text()
    pg.wait_for_timeout(400)  # the popup fades in
    shot(pg, "map")
    assert_clean(watch)


def test_issue18_map_orients_offline_and_its_popup_says_who_what(page: Page, live_server: str, shot: Shot) -> None:
    """Land, coastlines, borders and country names from the vendored Natural Earth base map under the markers (the
    tile server is dead); markers styled by geo precision; a popup with actors, fatalities, sources and the note."""
    pg, watch = page
    open_view(pg, live_server, "map", "path.event-marker")
    pg.wait_for_selector(".leaflet-basemap-pane canvas")
    pg.wait_for_selector(".country-label")
    labels = texts(pg, ".country-label span")
    assert "Syria" in labels and ({"Turkey", "Lebanon", "Iraq", "Jordan"} & set(labels)), labels
    # the canvas holds land (not only the sea-blue background)
    land = pg.evaluate(
        """() => { const c = document.querySelector('.leaflet-basemap-pane canvas');
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                   for (let i = 0; i < d.length; i += 4 * 97) if (d[i] > 235 && d[i + 1] > 230 && d[i + 3] > 0) n++;
                   return n; }"""
    )
    assert land > 100
    legend = pg.locator(".map-legend").inner_text()
    assert "the town itself" in legend and "province or country only" in legend
    pg.locator("path.event-marker").first.click(force=True)
    pg.wait_for_selector(".map-popup")
    popup = pg.locator(".map-popup").inner_text()
    for word in ("Actors:", "Fatalities:", "Sources:", "Location:", "Open the article"):
        assert word in popup, popup
    note = pg.locator(".map-popup .note").inner_text()
    assert note.startswith(("On ", "In ")), note
    pg.wait_for_timeout(400)  # the popup fades in
    shot(pg, "map-basemap")
    assert_clean(watch)


def test_timeline_counts_events_per_day(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, "timeline", "#timeline")
    days = pg.locator("#timeline g.day")
    assert days.count() >= 12  # 2018-03-05 .. 2018-03-16, empty days included
    bars = pg.locator('#timeline g.day[data-day="2018-03-05"] rect')
    assert bars.count() >= 1
    shot(pg, "timeline")
    pg.locator('#timeline g.day[data-day="2018-03-10"] rect').first.click()
    pg.wait_for_selector("#events-table")
    assert "since=2018-03-10" in pg.url and "until=2018-03-10" in pg.url
    assert pg.locator("#events-table tbody tr").count() == 1
    assert_clean(watch)


def test_article_list_and_search(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, "articles", ".article-list")
    assert pg.locator(".article-list li").count() >= 5
    pg.fill("#q", "عفرين")
    pg.press("#q", "Enter")
    expect(pg.locator(".article-list li")).to_have_count(1)
    assert pg.locator(".article-list mark").first.inner_text() == "عفرين"
    shot(pg, "articles-search")
    assert_clean(watch)


MALICIOUS = 'قال شاهد <script>window.__pwned=1</script> إن <img src=x onerror="window.__pwned=1"> قصفا وقع أمس.'


def test_malicious_article_runs_nothing(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, f"article/{MALICIOUS_ID}", "#doc-text")
    pg.locator("#event-list button").first.click()
    for seg in pg.locator("#doc-text .seg").all():
        seg.hover()
    pg.locator("#claims .claim").first.click()
    body = pg.locator("#doc-text").inner_text()
    assert "<script>window.__pwned=1</script>" in body and 'onerror="window.__pwned=1"' in body
    assert pg.locator("#doc-title").inner_text() == '<img src=x onerror="window.__pwned=1">'
    assert pg.locator("main img, main script, main b").count() == 0
    assert pg.locator("a[href^='javascript']").count() == 0
    shot(pg, "malicious-article")

    # the events table, the map popups and the extraction form show the same strings as text
    open_view(pg, live_server, "events", "#events-table")
    open_view(pg, live_server, "map", "path.event-marker")
    for marker in pg.locator("path.event-marker").all():
        marker.click(force=True)
    open_view(pg, live_server, "extract", "#extract-form")
    pg.fill("#extract-text", MALICIOUS)
    pg.click("#extract-form button[type=submit]")
    pg.wait_for_selector("#extract-result #doc-text")
    assert "<script>window.__pwned=1</script>" in pg.locator("#extract-result #doc-text").inner_text()

    assert pg.evaluate("typeof window.__pwned") == "undefined"
    assert pg.locator("script").count() == 2  # leaflet.js and app.js, nothing injected
    assert_clean(watch)


def test_extract_view_reads_a_pasted_article(page: Page, live_server: str, shot: Shot) -> None:
    pg, watch = page
    open_view(pg, live_server, "extract", "#extract-form")
    pg.fill("#extract-text", "قتل 12 مدنيا في قصف على إدلب يوم ٥ آذار ٢٠١٨.")
    pg.fill("input[name=published]", "2018-03-06")
    pg.click("#extract-form button[type=submit]")
    pg.wait_for_selector("#extract-result #doc-text")
    assert pg.locator("#extract-result .seg.k-date").count() >= 1
    assert pg.locator("#extract-result .seg.k-quantity").count() >= 1
    shot(pg, "extract")
    assert_clean(watch)


def test_example_article_extracted_by_the_pipeline(page: Page, live_server: str, shot: Shot) -> None:
    """examples/idlib-2018-03-05.txt, extracted by hadath.extract and ingested: whatever layers the
    pipeline fills are drawn, and their spans cover exactly the text they name."""
    pg, watch = page
    status = pg.request.get(f"{live_server}/v1/articles/idlib-2018-03-05").status
    if status == 404:
        pytest.skip("examples/idlib-2018-03-05.txt is not in the repository")
    doc = pg.request.get(f"{live_server}/v1/articles/idlib-2018-03-05").json()
    open_view(pg, live_server, "article/idlib-2018-03-05", "#doc-text")
    assert pg.locator("#doc-text").inner_text().strip() == doc["text"].strip()
    assert pg.locator(".seg.k-date").count() >= min(1, len(doc["dates"]))
    assert pg.locator(".seg.k-quantity").count() >= min(1, len(doc["quantities"]))
    if doc["events"]:
        pg.locator("#event-list button").first.click()
        assert pg.locator(".seg.hl-trigger").count() >= 1
    shot(pg, "example-article")
    assert_clean(watch)


def test_issue18_a_fresh_install_extracts_in_the_browser(browser: Any, bare_server: str, shot: Shot) -> None:
    """No store: the views that need one say so; the Extract view works and shows each event's English note."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(f"{bare_server}/#/events")
    expect(pg.locator("main")).to_contain_text("No corpus store")
    expect(pg.locator("main")).to_contain_text("hadath ingest --db")
    pg.goto(f"{bare_server}/#/extract")
    pg.locator("textarea").first.fill(
        "٥ آذار ٢٠١٨ - قال المرصد السوري لحقوق الإنسان إن طائرات حربية تابعة لقوات النظام شنت غارات على بلدة "
        "معرة النعمان في ريف إدلب الجنوبي، ما أسفر عن مقتل 12 مدنيا."
    )
    pg.locator("form button").first.click()
    pg.wait_for_selector("#event-list button")
    pg.locator("#event-list button").first.click()
    expect(pg.locator("main")).to_contain_text("5 March 2018, Civilians (Syria) were hit by air or drone strikes")
    shot(pg, "extract-no-store")
    assert errors == []
    context.close()
