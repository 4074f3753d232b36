"""Finding article links: RSS/Atom feeds, XML sitemaps, and feeds named by an HTML page.

Pure functions over bytes already fetched, so they are tested without a network.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

from ..errors import EventwatchError

__all__ = ["FeedItem", "Sitemap", "canonical_link", "find_feeds", "parse_feed", "parse_sitemap", "sniff_kind"]

KINDS = ("rss", "atom", "sitemap", "page")
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_SNIFF = (
    (re.compile(rb"<sitemapindex\b|<urlset\b"), "sitemap"),
    (re.compile(rb"<rss\b|<rdf:rdf\b"), "rss"),
    (re.compile(rb"<feed\b"), "atom"),
    (re.compile(rb"<!doctype html|<html\b|<head\b|<body\b"), "page"),
)
_MAX_SITEMAP_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One article link found in a feed or sitemap, with the date the feed gives it (YYYY-MM-DD)."""

    url: str
    title: str | None = None
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Sitemap:
    """A parsed sitemap: article links, or (for a sitemap index) further sitemaps to read."""

    items: list[FeedItem]
    sitemaps: list[str]


def sniff_kind(content: bytes) -> str | None:
    """``rss``, ``atom``, ``sitemap`` or ``page`` from the first bytes of ``content``, if recognisable."""
    head = content[:4096].lower()
    for pattern, kind in _SNIFF:
        if pattern.search(head):
            return kind
    return None


def _struct_date(value: Any) -> str | None:
    if not value:
        return None
    try:
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except (AttributeError, ValueError):
        return None


def parse_feed(content: bytes, *, url: str) -> list[FeedItem]:
    """The entries of an RSS or Atom feed, links made absolute against ``url``; E1109 if it is not one.

    feedparser forgives a lot (unclosed tags, bad entities), so a damaged feed that still has
    entries gives them; only a document with no recognisable feed at all is refused.
    """
    import feedparser

    if not content.strip():
        raise EventwatchError("E1109", url=url, kind="feed", reason="the response is empty")
    parsed = feedparser.parse(content, response_headers={"content-location": url})
    if parsed.get("bozo") and not parsed.entries and not parsed.get("version"):
        reason = str(parsed.get("bozo_exception") or "no feed elements")
        raise EventwatchError("E1109", url=url, kind="feed", reason=reason)
    items: list[FeedItem] = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            link = next((li.get("href") for li in entry.get("links", []) if li.get("href")), None)
        if not link:
            continue
        published = _struct_date(entry.get("published_parsed")) or _struct_date(entry.get("updated_parsed"))
        title = entry.get("title")
        items.append(FeedItem(urljoin(url, link.strip()), str(title) if title else None, published))
    return items


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child_text(element: ET.Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(content: bytes, *, url: str) -> Sitemap:
    """Links of an XML sitemap (optionally gzipped), newest first when dated; E1109 if malformed.

    The date of an item is its Google News ``publication_date`` when given (``lastmod`` says when
    the page changed, not when it was published, so it only orders the items).
    """
    if content[:2] == b"\x1f\x8b":
        # Read at most the limit, so a small gzip bomb cannot fill memory.
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(content)) as handle:
                content = handle.read(_MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise EventwatchError("E1109", url=url, kind="sitemap", reason=str(exc)) from None
        if len(content) > _MAX_SITEMAP_BYTES:
            reason = f"over {_MAX_SITEMAP_BYTES} bytes unpacked"
            raise EventwatchError("E1109", url=url, kind="sitemap", reason=reason)
    try:
        root = ET.fromstring(content)
    except ET.ParseError as exc:
        raise EventwatchError("E1109", url=url, kind="sitemap", reason=str(exc)) from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = [_child_text(node, "loc") for node in root if _local(node.tag) == "sitemap"]
        return Sitemap(items=[], sitemaps=[urljoin(url, loc) for loc in children if loc])
    if kind != "urlset":
        raise EventwatchError("E1109", url=url, kind="sitemap", reason=f"the root element is <{kind}>")
    dated: list[tuple[str, FeedItem]] = []
    for node in root:
        if _local(node.tag) != "url" or not (loc := _child_text(node, "loc")):
            continue
        published = _child_text(node, "publication_date")
        title = _child_text(node, "title")
        item = FeedItem(urljoin(url, loc), title, published[:10] if published else None)
        dated.append((published or _child_text(node, "lastmod") or "", item))
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return Sitemap(items=[item for _, item in dated], sitemaps=[])


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":
            self.links.append({key.lower(): value or "" for key, value in attrs})


def _links(html: str) -> list[dict[str, str]]:
    parser = _LinkParser()
    parser.feed(html)
    parser.close()
    return parser.links


def find_feeds(html: str, *, url: str) -> list[str]:
    """Feed URLs an HTML page names with ``<link rel="alternate" type="application/rss+xml">``."""
    found: list[str] = []
    for link in _links(html):
        rels = link.get("rel", "").lower().split()
        media = link.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and media in _FEED_TYPES and link.get("href"):
            absolute = urljoin(url, link["href"].strip())
            if absolute not in found:
                found.append(absolute)
    return found


def canonical_link(html: str, *, url: str) -> str | None:
    """The absolute ``<link rel="canonical">`` of an HTML page, if it has an http(s) one."""
    for link in _links(html):
        if "canonical" in link.get("rel", "").lower().split() and link.get("href"):
            absolute = urljoin(url, link["href"].strip())
            if absolute.startswith(("http://", "https://")):
                return absolute
    return None
