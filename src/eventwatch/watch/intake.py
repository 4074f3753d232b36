"""Taking up one article: fetch it once, extract it, store it once, remember what became of it.

An article is known by its canonical link, then by the canonical address the page declares (or
the redirects end at), then by the hash of its text; each outcome (stored, duplicate, skipped,
failed) is recorded in ``articles`` so it is not fetched again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .. import pipeline as pipeline_mod
from ..errors import EventwatchError
from ..readers import document_from_html
from ..store import Store
from .clock import Clock
from .discover import FeedItem, canonical_link
from .fetch import Fetcher
from .sources import Source, record_article, seen
from .urls import canonical_url

__all__ = ["Intake", "PollReport"]

log = logging.getLogger(__name__)

# Links that are plainly not articles: not worth a request.
_NOT_ARTICLES = frozenset(
    {
        ".pdf",
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".svg",
        ".mp3",
        ".mp4",
        ".m4a",
        ".ogg",
        ".wav",
        ".avi",
        ".mov",
        ".zip",
        ".gz",
        ".tar",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".exe",
        ".apk",
    }
)


@dataclass(slots=True)
class PollReport:
    """What one round did."""

    polled: int = 0
    failed_sources: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    failed_articles: int = 0
    alerts_fired: int = 0
    delivered: int = 0
    undelivered: int = 0
    errors: list[str] = field(default_factory=list)


class Intake:
    """Takes up the articles of feed items for one watcher (sharing its fetcher and pipeline)."""

    def __init__(
        self, store: Store, *, fetcher: Fetcher, nlp: Callable[[], pipeline_mod.Pipeline], clock: Clock
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.nlp = nlp
        self.clock = clock

    def take(self, source: Source, item: FeedItem, report: PollReport) -> bool:
        """Fetch, extract and store one article unless it was seen before (by URL, canonical URL or
        text); returns whether the item was new.
        """
        link = canonical_url(item.url)
        if seen(self.store, link):
            return False
        now = self.clock()
        suffix = Path(urlsplit(link).path).suffix.lower()
        if suffix in _NOT_ARTICLES:
            report.skipped += 1
            record_article(
                self.store,
                link,
                now=now,
                status="skipped",
                source_id=source.id,
                error=f"not an article ({suffix})",
            )
            return True
        try:
            response = self.fetcher.get(item.url, allow_private=source.allow_private)
            if not response.is_html:
                raise EventwatchError("E1116", url=item.url, content_type=response.content_type or "not HTML")
        except EventwatchError as exc:
            status = "skipped" if exc.code in ("E1116", "E1104") else "failed"
            report.skipped += status == "skipped"
            report.failed_articles += status == "failed"
            record_article(self.store, link, now=now, status=status, source_id=source.id, error=str(exc))
            return True
        html = response.text()
        declared = canonical_link(html, url=response.url)
        canonical = canonical_url(declared or response.url)
        if canonical != link and seen(self.store, canonical):
            report.duplicates += 1
            record_article(
                self.store, link, now=now, status="duplicate", source_id=source.id, canonical=canonical
            )
            return True
        try:
            self._extract_and_store(
                source, item, html, link=link, canonical=canonical, now=now, report=report
            )
        except EventwatchError:
            raise
        except Exception as exc:
            # One odd page must not stop a long-running watcher: it is recorded as failed (and
            # retried on later polls) with what went wrong.
            log.exception("article %s could not be extracted or stored", link)
            report.failed_articles += 1
            error = f"{type(exc).__name__}: {exc}"
            record_article(
                self.store,
                link,
                now=now,
                status="failed",
                source_id=source.id,
                canonical=canonical,
                error=error,
            )
        return True

    def _extract_and_store(
        self,
        source: Source,
        item: FeedItem,
        html: str,
        *,
        link: str,
        canonical: str,
        now: dt.datetime,
        report: PollReport,
    ) -> None:
        try:
            doc = document_from_html(html, source=source.name or source.url, url=canonical)
        except EventwatchError as exc:
            report.skipped += 1
            record_article(
                self.store,
                link,
                now=now,
                status="skipped",
                source_id=source.id,
                canonical=canonical,
                error=str(exc),
            )
            return
        if item.published and doc.published_source != "html metadata":
            doc.published, doc.published_source = item.published, "feed"
        if item.title and not doc.title:
            doc.title, doc.title_source = item.title, "feed"
        existing = self.store.document_id_by_hash(doc.content_hash)
        if existing is None:
            doc = self.nlp()(doc)
            existing, new = self.store.add(doc)
        else:
            new = False
        report.stored += new
        report.duplicates += not new
        record_article(
            self.store,
            link,
            now=now,
            status="stored" if new else "duplicate",
            source_id=source.id,
            canonical=canonical,
            document_id=existing,
            content_hash=doc.content_hash,
        )
