"""Pure parts of the watcher: URLs, intervals, backoff, feed/sitemap/page parsing, responses."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwatch.errors import EventwatchError
from eventwatch.watch import canonical_url, format_interval, parse_interval
from eventwatch.watch.discover import canonical_link, find_feeds, parse_feed, parse_sitemap, sniff_kind
from eventwatch.watch.fetch import Response
from eventwatch.watch.sources import backoff_seconds


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.ORG/a?utm_source=rss&utm_medium=x#top", "https://news.example.org/a"),
        ("http://example.org:80/a?id=5&fbclid=abc", "http://example.org/a?id=5"),
        ("https://example.org:8443/a?p=2&gclid=1&ref=tw", "https://example.org:8443/a?p=2"),
        ("https://user:pw@example.org", "https://example.org/"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?b=2&a=1"),
        ("https://example.org/story?cid=77", "https://example.org/story?cid=77"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@settings(deadline=None)  # a busy test machine must not turn slowness into failure
@given(
    path=st.text(alphabet="abc/-_.%0", max_size=12),
    params=st.lists(
        st.tuples(st.sampled_from(["id", "utm_source", "p", "fbclid", "q"]), st.text(max_size=5))
    ),
    fragment=st.text(alphabet="xyz", max_size=4),
)
def test_canonical_url_is_idempotent(path: str, params: list[tuple[str, str]], fragment: str) -> None:
    from urllib.parse import urlencode

    url = f"https://Example.org/{path}?{urlencode(params)}#{fragment}"
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once and "#" not in once


@pytest.mark.parametrize(
    ("text", "seconds"), [("15m", 900), ("2h", 7200), ("1d", 86400), ("90s", 90), ("5", 300)]
)
def test_parse_interval(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "fast", "10x", "30s", "-5m", "0m"])
def test_parse_interval_refuses(text: str) -> None:
    with pytest.raises(EventwatchError) as caught:
        parse_interval(text)
    assert caught.value.code == "E1108"


@pytest.mark.parametrize(("seconds", "text"), [(900, "15m"), (7200, "2h"), (86400, "1d"), (90, "90s")])
def test_format_interval(seconds: int, text: str) -> None:
    assert format_interval(seconds) == text


@pytest.mark.parametrize(("failures", "seconds"), [(1, 1800), (2, 3600), (3, 7200), (10, 86400), (60, 86400)])
def test_backoff_doubles_up_to_a_day(failures: int, seconds: int) -> None:
    assert backoff_seconds(900, failures) == seconds


RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>/news/1</link><pubDate>Tue, 03 Mar 2026 08:00:00 +0000</pubDate></item>
<item><title>No link</title></item>
<item><title>Two</title><link>https://other.example/2</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>A</title><link href="https://example.org/a" rel="alternate"/>
<updated>2026-02-01T10:00:00Z</updated><published>2026-01-31T22:00:00Z</published></entry></feed>"""


def test_parse_rss() -> None:
    items = parse_feed(RSS, url="https://example.org/feed")
    assert [(i.url, i.title, i.published) for i in items] == [
        ("https://example.org/news/1", "One", "2026-03-03"),
        ("https://other.example/2", "Two", None),
    ]


def test_parse_atom_prefers_published() -> None:
    (item,) = parse_feed(ATOM, url="https://example.org/atom")
    assert (item.url, item.published) == ("https://example.org/a", "2026-01-31")


@pytest.mark.parametrize("content", [b"", b"plain words, no markup", b'{"json": true}'])
def test_parse_feed_refuses_what_is_not_a_feed(content: bytes) -> None:
    with pytest.raises(EventwatchError) as caught:
        parse_feed(content, url="https://example.org/feed")
    assert caught.value.code == "E1109"


SITEMAP = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://example.org/old</loc><lastmod>2025-01-01</lastmod></url>
<url><loc>https://example.org/new</loc><news:news><news:publication_date>2026-03-01T10:00:00Z</news:publication_date>
<news:title>New</news:title></news:news></url>
</urlset>"""


def test_parse_sitemap_newest_first_with_news_dates() -> None:
    sitemap = parse_sitemap(SITEMAP, url="https://example.org/sitemap.xml")
    assert [(i.url, i.published, i.title) for i in sitemap.items] == [
        ("https://example.org/new", "2026-03-01", "New"),
        ("https://example.org/old", None, None),
    ]


def test_parse_gzipped_sitemap_index() -> None:
    index = b"<sitemapindex><sitemap><loc>/s1.xml</loc></sitemap><sitemap><loc>/s2.xml</loc></sitemap>"
    index += b"</sitemapindex>"
    sitemap = parse_sitemap(gzip.compress(index), url="https://example.org/sitemap.xml.gz")
    assert sitemap.sitemaps == ["https://example.org/s1.xml", "https://example.org/s2.xml"]


@pytest.mark.parametrize("content", [b"<urlset><url>", b"<html><body>hi</body></html>", b"\x1f\x8bnot gzip"])
def test_parse_sitemap_refuses(content: bytes) -> None:
    with pytest.raises(EventwatchError) as caught:
        parse_sitemap(content, url="https://example.org/sitemap.xml")
    assert caught.value.code == "E1109"


PAGE = """<html><head>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="News" href="/rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://example.org/atom.xml">
<link rel="alternate" hreflang="de" href="/de/">
<link rel="canonical" href="/story/1">
</head><body></body></html>"""


def test_find_feeds_and_canonical_link() -> None:
    assert find_feeds(PAGE, url="https://example.org/story/1?x=1") == [
        "https://example.org/rss.xml",
        "https://example.org/atom.xml",
    ]
    assert canonical_link(PAGE, url="https://example.org/print/1") == "https://example.org/story/1"
    assert canonical_link("<html><head></head></html>", url="https://example.org/") is None


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (RSS, "rss"),
        (ATOM, "atom"),
        (SITEMAP, "sitemap"),
        (PAGE.encode(), "page"),
        (b"<!DOCTYPE html><p>x", "page"),
        (b"just text", None),
    ],
)
def test_sniff_kind(content: bytes, kind: str | None) -> None:
    assert sniff_kind(content) == kind


@pytest.mark.parametrize(
    ("content_type", "body", "text"),
    [
        ("text/html; charset=windows-1251", "Минск".encode("cp1251"), "Минск"),
        (
            "text/html",
            '<meta charset="iso-8859-1"><p>café'.encode("latin-1"),
            '<meta charset="iso-8859-1"><p>café',
        ),
        ("text/html; charset=nonsense", "ok ✓".encode(), "ok ✓"),
    ],
)
def test_response_text_uses_declared_charset(content_type: str, body: bytes, text: str) -> None:
    assert Response(url="u", status=200, content=body, content_type=content_type).text() == text


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/html; charset=utf-8", b"", True),
        ("application/xhtml+xml", b"", True),
        ("application/pdf", b"<html>", False),
        ("", b"  <!doctype html><p>", True),
        ("", b"%PDF-1.4", False),
    ],
)
def test_response_is_html(content_type: str, body: bytes, expected: bool) -> None:
    assert Response(url="u", status=200, content=body, content_type=content_type).is_html is expected


def test_public_names_are_what_all_says() -> None:
    import eventwatch.watch as watch

    for name in watch.__all__:
        assert hasattr(watch, name), name
    public = {name for name in vars(watch) if not name.startswith("_")} - {"annotations"}
    modules = {name for name, value in vars(watch).items() if type(value) is type(watch)}
    assert public - modules <= set(watch.__all__)


def test_migration_0004_matches_the_watch_tables(tmp_path: object) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from eventwatch.store import Store
    from eventwatch.store.schema import metadata
    from eventwatch.watch import schema

    mine = {
        table.name
        for table in (schema.sources, schema.articles, schema.alerts, schema.alert_hits, schema.outbox)
    }
    store = Store(f"sqlite:///{tmp_path}/m.db")
    with store.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), metadata)
    store.close()

    def table_of(diff: object) -> str | None:
        item = diff[0] if isinstance(diff, list) else diff
        for part in item[1:] if isinstance(item, tuple) else ():
            name = getattr(part, "name", None) if not isinstance(part, str) else None
            table = getattr(part, "table", None)
            if table is not None and getattr(table, "name", None):
                return str(table.name)
            if name in mine:
                return str(name)
            if isinstance(part, str) and part in mine:
                return part
        return None

    assert [diff for diff in diffs if table_of(diff) in mine] == []
