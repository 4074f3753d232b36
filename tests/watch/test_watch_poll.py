"""The watcher against a real HTTP server on 127.0.0.1, with the fake pipeline."""

from __future__ import annotations

from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from sqlalchemy import select
from watchsite import Clock, Site, article_html, rss, slow

from eventwatch.store import Store
from eventwatch.watch import FetchSettings, Watcher, add_source, get_source
from eventwatch.watch.schema import articles

DATE = "Mon, 02 Mar 2026 09:00:00 GMT"
RSS = "application/rss+xml"
Make = Callable[..., Watcher]


def _add(store: Store, site: Site, clock: Clock, path: str = "/feed.xml", **options: object) -> int:
    source = add_source(store, site.url(path), now=clock(), allow_private=True, **options)  # type: ignore[arg-type]
    return source.id


def _article(site: Site, path: str, sentence: str, *, title: str | None = None, **options: object) -> str:
    site.page(path, article_html(title or path.strip("/"), [sentence], **options))  # type: ignore[arg-type]
    return site.url(path)


def _statuses(store: Store) -> dict[str, str]:
    with store.engine.connect() as connection:
        return {row.url: row.status for row in connection.execute(select(articles.c.url, articles.c.status))}


def test_new_items_between_polls_are_taken_once(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    first = _article(site, "/a1", "A soldier deserted from his unit on Monday.")
    second = _article(site, "/a2", "The ministry announced a tender for boots.")
    site.page("/feed.xml", rss([(first, "One", DATE), (second, "Two", None)]), content_type=RSS)
    source_id = _add(store, site, clock)
    watcher = make_watcher()

    report = watcher.run_once()
    assert (report.polled, report.stored) == (1, 2)
    assert store.counts() == {"documents": 2, "mentions": 1}

    third = _article(site, "/a3", "Two more soldiers deserted near the border.")
    site.page("/feed.xml", rss([(third, "Three", DATE), (first, "One", DATE), (second, "Two", None)]))
    assert watcher.run_once().polled == 0  # not due yet
    clock.advance(minutes=16)
    report = watcher.run_once()
    assert (report.polled, report.stored) == (1, 1)
    assert [site.hits(p) for p in ("/a1", "/a2", "/a3")] == [1, 1, 1]
    source = get_source(store, source_id)
    assert source.articles == 3 and source.failures == 0 and source.last_error is None


def test_feed_date_is_used_when_the_page_has_none(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    undated = _article(site, "/undated", "A soldier deserted.")
    dated = _article(site, "/dated", "An officer deserted.", published="2026-02-20")
    site.page("/feed.xml", rss([(undated, "U", DATE), (dated, "D", DATE)]), content_type=RSS)
    _add(store, site, clock)
    make_watcher().run_once()
    docs = {doc.url: doc for _, doc in store.iter_documents()}
    assert (docs[undated].published, docs[undated].published_source) == ("2026-03-02", "feed")
    assert (docs[dated].published, docs[dated].published_source) == ("2026-02-20", "html metadata")


def test_not_modified_feed_is_not_read_again(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    link = _article(site, "/a1", "A soldier deserted.")
    site.page("/feed.xml", rss([(link, "One", None)]), content_type=RSS, etag='"v1"')
    source_id = _add(store, site, clock)
    watcher = make_watcher()
    watcher.run_once()
    clock.advance(hours=1)
    report = watcher.run_once()
    assert (report.polled, report.stored, report.failed_sources) == (1, 0, 0)
    conditional = [headers for method, path, headers in site.requests if path == "/feed.xml"][-1]
    assert conditional.get("If-None-Match") == '"v1"'
    assert get_source(store, source_id).etag == '"v1"'
    assert site.hits("/a1") == 1


def test_redirects_are_followed_and_the_final_address_kept(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    target = _article(site, "/news/2026/story", "A soldier deserted.")
    site.page("/old-feed", b"", status=301, headers={"Location": "/feed.xml"})
    site.page("/go/1", b"", status=302, headers={"Location": "/news/2026/story?utm_source=rss"})
    site.page("/feed.xml", rss([(site.url("/go/1"), "One", None)]), content_type=RSS)
    _add(store, site, clock, "/old-feed")
    report = make_watcher().run_once()
    assert report.stored == 1
    ((_, doc),) = store.iter_documents()
    assert doc.url == target
    assert _statuses(store) == {site.url("/go/1"): "stored"}


def test_failing_source_backs_off_and_shows_its_error(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    site.page("/feed.xml", b"oops", status=500, content_type="text/plain")
    source_id = _add(store, site, clock, every_seconds=600)
    watcher = make_watcher()
    watcher.run_once()
    source = get_source(store, source_id)
    assert (
        source.failures == 1
        and "HTTP 500" in (source.last_error or "")
        and "E1102" in (source.last_error or "")
    )
    assert source.next_poll_at == "2026-03-01T12:20:00+00:00"  # 600 s doubled
    clock.advance(minutes=20)
    watcher.run_once()
    source = get_source(store, source_id)
    assert source.failures == 2 and source.next_poll_at == "2026-03-01T13:00:00+00:00"  # then 40 minutes
    link = _article(site, "/a1", "A soldier deserted.")
    site.page("/feed.xml", rss([(link, "One", None), (site.url("/gone"), "Gone", None)]))
    clock.advance(minutes=40)
    report = watcher.run_once()
    source = get_source(store, source_id)
    assert (source.failures, source.last_error, report.stored, report.failed_articles) == (0, None, 1, 1)
    assert _statuses(store)[site.url("/gone")] == "failed"


def test_slow_server_times_out(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    site.routes["/feed.xml"] = slow(3.0)
    source_id = _add(store, site, clock)
    # robots.txt is not read here: on a busy machine its own fetch could time out first.
    settings = FetchSettings(host_delay=0.0, timeout=0.5, total_timeout=2.0, respect_robots=False)
    make_watcher(fetch=settings).run_once()
    error = get_source(store, source_id).last_error or ""
    assert "E1101" in error and "0.5 seconds" in error


def _endless(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.end_headers()
    chunk = b"<rss>" + b"x" * 65_536
    try:
        for _ in range(2000):  # about 130 MB if nobody hangs up
            handler.wfile.write(chunk)
    except OSError:
        pass


def test_endless_body_is_cut_at_the_size_limit(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    site.routes["/feed.xml"] = _endless
    source_id = _add(store, site, clock)
    make_watcher().run_once()
    error = get_source(store, source_id).last_error or ""
    assert "E1103" in error and "200000 bytes" in error


def test_malformed_feed_fails_the_source(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    site.page("/feed.xml", b"\x00\x01 this is {not} <<a feed", content_type=RSS)
    source_id = _add(store, site, clock, kind="rss")
    make_watcher().run_once()
    assert "E1109" in (get_source(store, source_id).last_error or "")


def test_damaged_feed_with_items_still_gives_them(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    link = _article(site, "/a1", "A soldier deserted.")
    broken = f"<rss version='2.0'><channel><item><title>One &nbsp; two</title><link>{link}</link></item>"
    site.page("/feed.xml", broken, content_type=RSS)
    source_id = _add(store, site, clock)
    assert make_watcher().run_once().stored == 1
    assert get_source(store, source_id).failures == 0


def test_links_that_are_not_html_are_skipped(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    site.page("/report.pdf", b"%PDF-1.4", content_type="application/pdf")
    site.page("/data", b'{"a": 1}', content_type="application/json")
    site.page("/photo", b"\x89PNG\r\n", content_type="image/png")
    items = [(site.url(p), p, None) for p in ("/report.pdf", "/data", "/photo")]
    site.page("/feed.xml", rss(items), content_type=RSS)
    _add(store, site, clock)
    watcher = make_watcher()
    report = watcher.run_once()
    assert (report.stored, report.skipped, report.failed_sources) == (0, 3, 0)
    assert site.hits("/report.pdf") == 0  # known not to be an article from its name
    assert set(_statuses(store).values()) == {"skipped"}
    clock.advance(hours=1)
    watcher.run_once()
    assert (site.hits("/data"), site.hits("/photo")) == (1, 1)


def test_duplicates_across_feeds_are_fetched_and_stored_once(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    story = site.url("/story")
    _article(site, "/story", "A soldier deserted from the garrison.", title="Garrison")
    # The same story under a print URL that declares the original as canonical.
    _article(
        site, "/print/story", "A soldier deserted from the garrison.", title="Garrison", canonical="/story"
    )
    # The same text republished at another address with no canonical link.
    _article(site, "/mirror", "A soldier deserted from the garrison.", title="Garrison")
    site.page("/one.xml", rss([(story + "?utm_source=rss&utm_medium=feed", "S", None)]))
    site.page("/two.xml", rss([(story + "#comments", "S", None), (site.url("/print/story"), "P", None)]))
    site.page("/three.xml", rss([(site.url("/mirror"), "M", None)]))
    for path in ("/one.xml", "/two.xml", "/three.xml"):
        _add(store, site, clock, path)
    report = make_watcher().run_once()
    assert (report.stored, report.duplicates) == (1, 2)
    assert store.counts()["documents"] == 1
    assert site.hits("/story") == 1
    statuses = _statuses(store)
    assert statuses[story] == "stored"
    assert statuses[site.url("/print/story")] == "duplicate"
    assert statuses[site.url("/mirror")] == "duplicate"


def test_robots_disallow_is_respected(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    site.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    open_link = _article(site, "/open", "A soldier deserted.")
    closed_link = _article(site, "/private/story", "An officer deserted.")
    site.page("/feed.xml", rss([(open_link, "O", None), (closed_link, "C", None)]))
    _add(store, site, clock)
    report = make_watcher().run_once()
    assert (report.stored, report.skipped) == (1, 1)
    assert site.hits("/private/story") == 0
    assert site.hits("/robots.txt") == 1


def test_robots_disallowing_the_feed_fails_the_source(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    site.page("/robots.txt", "User-agent: eventwatch\nDisallow: /\n", content_type="text/plain")
    site.page("/feed.xml", rss([]))
    source_id = _add(store, site, clock)
    make_watcher().run_once()
    assert "E1104" in (get_source(store, source_id).last_error or "")
    assert site.hits("/feed.xml") == 0


def test_user_agent_is_sent(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    site.page("/feed.xml", rss([]))
    _add(store, site, clock)
    settings = FetchSettings(user_agent="test-agent/9", host_delay=0.0, timeout=3.0)
    make_watcher(fetch=settings).run_once()
    assert {headers.get("User-Agent") for _, _, headers in site.requests} == {"test-agent/9"}


def test_private_address_is_refused_without_permission(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    site.page("/feed.xml", rss([]))
    source = add_source(store, site.url("/feed.xml"), now=clock())
    make_watcher().run_once()
    assert "E111]" in (get_source(store, source.id).last_error or "")
    assert site.requests == []


def test_page_names_its_feed(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    link = _article(site, "/a1", "A soldier deserted.")
    site.page("/feed.xml", rss([(link, "One", None)]), content_type=RSS)
    page = '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>'
    site.page("/", page)
    source_id = _add(store, site, clock, "/", kind="page")
    assert make_watcher().run_once().stored == 1
    assert get_source(store, source_id).feed_url == site.url("/feed.xml")


def test_page_without_feed_fails(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    site.page("/", "<html><head><title>x</title></head><body>hello</body></html>")
    source_id = _add(store, site, clock, "/")
    make_watcher().run_once()
    assert "E1110" in (get_source(store, source_id).last_error or "")


def test_sitemap_index_and_urlset(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    links = [_article(site, f"/s{i}", f"Soldier number {i} deserted.") for i in range(3)]
    urls = "".join(f"<url><loc>{link}</loc></url>" for link in links)
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    site.page("/sitemap-news.xml", f"<urlset {ns}>{urls}</urlset>", content_type="application/xml")
    index = f"<sitemapindex {ns}><sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>"
    site.page("/sitemap.xml", index, content_type="application/xml")
    _add(store, site, clock, "/sitemap.xml", kind="sitemap")
    assert make_watcher().run_once().stored == 3


def test_item_limit_leaves_the_rest_for_the_next_poll(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    links = [_article(site, f"/a{i}", f"Story {i} about the weather in the hills.") for i in range(3)]
    site.page("/feed.xml", rss([(link, "x", None) for link in links]), etag='"same"')
    source_id = _add(store, site, clock)
    watcher = make_watcher(max_items=2)
    assert watcher.run_once().stored == 2
    assert get_source(store, source_id).etag is None  # so the next poll reads the feed again
    clock.advance(hours=1)
    assert watcher.run_once().stored == 1


def test_a_source_claimed_by_another_watcher_is_left_alone(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    from eventwatch.watch.sources import claim

    site.page("/feed.xml", rss([]))
    source_id = _add(store, site, clock)
    source = get_source(store, source_id)
    assert claim(store, source, now=clock())
    assert not claim(store, source, now=clock())  # the stale copy no longer matches
    clock.advance(minutes=1)
    assert make_watcher().run_once().polled == 0
    assert site.requests == []
    clock.advance(minutes=15)  # the lease ran out: due again
    assert make_watcher().run_once().polled == 1


def test_requests_to_one_host_are_spaced(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    links = [_article(site, f"/p{i}", f"Story {i} about the harvest.") for i in range(3)]
    site.page("/feed.xml", rss([(link, "x", None) for link in links]))
    _add(store, site, clock)
    make_watcher(fetch=FetchSettings(host_delay=0.25, timeout=3.0)).run_once()
    assert len(site.times) == 5  # robots.txt, the feed, three articles
    gaps = [later - earlier for earlier, later in zip(site.times, site.times[1:], strict=False)]
    assert min(gaps) >= 0.2


def test_last_modified_is_sent_back(site: Site, store: Store, clock: Clock, make_watcher: Make) -> None:
    stamp = "Mon, 02 Mar 2026 09:00:00 GMT"
    site.page("/feed.xml", rss([]), headers={"Last-Modified": stamp})
    source_id = _add(store, site, clock)
    watcher = make_watcher()
    watcher.run_once()
    assert get_source(store, source_id).last_modified == stamp
    clock.advance(hours=1)
    watcher.run_once()
    assert site.requests[-1][2].get("If-Modified-Since") == stamp


def test_failed_article_is_retried_three_times_in_all(
    site: Site, store: Store, clock: Clock, make_watcher: Make
) -> None:
    site.page("/feed.xml", rss([(site.url("/flaky"), "F", None)]), etag='"v1"')
    site.page("/flaky", b"busy", status=503, content_type="text/plain")
    source_id = _add(store, site, clock)
    watcher = make_watcher()
    for _ in range(4):
        watcher.run_once()
        assert get_source(store, source_id).etag in (None, '"v1"')
        clock.advance(hours=1)
    assert site.hits("/flaky") == 3
    assert get_source(store, source_id).etag == '"v1"'  # given up on: the feed may answer 304 again


def test_an_article_that_breaks_extraction_does_not_stop_the_source(
    site: Site, store: Store, clock: Clock, make_watcher: Make, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwatch.watch import intake as poll

    real = poll.document_from_html

    def brittle(html: str, **options: Any) -> Any:
        if "poison" in html:
            raise RuntimeError("parser exploded")
        return real(html, **options)

    monkeypatch.setattr(poll, "document_from_html", brittle)
    good = _article(site, "/good", "A soldier deserted.")
    bad = _article(site, "/bad", "This page is poison for the parser.")
    site.page("/feed.xml", rss([(bad, "B", None), (good, "G", None)]))
    source_id = _add(store, site, clock)
    report = make_watcher().run_once()
    assert (report.stored, report.failed_articles, report.failed_sources) == (1, 1, 0)
    assert "RuntimeError: parser exploded" in str(_errors(store)[bad])
    assert get_source(store, source_id).failures == 0


def _errors(store: Store) -> dict[str, str | None]:
    with store.engine.connect() as connection:
        return {row.url: row.error for row in connection.execute(select(articles.c.url, articles.c.error))}
