"""The watcher: poll the sources that are due, take up new articles, fire alerts.

Each article is stored in its own transaction (``Store.add``) and then remembered in
``articles``; a stop request is honoured between articles, so a stopped watcher leaves no
half-written article. Validators (ETag, Last-Modified) are kept only when every item of a
feed was taken up, so items left over by a stop or a limit are found again next time.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from pathlib import Path

from .. import pipeline as pipeline_mod
from ..errors import EventwatchError
from ..store import Store
from . import alerts as alerts_mod
from . import outbox
from .clock import Clock, system_clock
from .discover import FeedItem, find_feeds, parse_feed, parse_sitemap, sniff_kind
from .fetch import Fetcher, FetchSettings, Response, StoppedError
from .intake import Intake, PollReport
from .sources import Source, claim, due_sources, record_failure, record_success

__all__ = ["PollReport", "Watcher"]

log = logging.getLogger(__name__)

_MAX_CHILD_SITEMAPS = 5


class Watcher:
    """Polls due sources into ``store``; ``stop`` (an Event) ends the work between articles."""

    def __init__(
        self,
        store: Store,
        *,
        nlp: pipeline_mod.Pipeline | None = None,
        config: str | Path | None = None,
        fetch: FetchSettings | None = None,
        delivery: outbox.DeliverySettings | None = None,
        clock: Clock = system_clock,
        stop: threading.Event | None = None,
        max_items: int = 50,
    ) -> None:
        self.store = store
        self.stop = stop or threading.Event()
        self.fetcher = Fetcher(fetch or FetchSettings(), stop=self.stop)
        self.delivery = delivery or outbox.DeliverySettings()
        self.clock = clock
        self.max_items = max_items
        self._nlp = nlp
        self._config = config
        self.intake = Intake(store, fetcher=self.fetcher, nlp=lambda: self.nlp, clock=clock)

    @property
    def nlp(self) -> pipeline_mod.Pipeline:
        """The extraction pipeline, built on first use (loading spaCy only when an article comes)."""
        if self._nlp is None:
            self._nlp = pipeline_mod.build(self._config)
        return self._nlp

    def close(self) -> None:
        """Release the HTTP connections."""
        self.fetcher.close()

    def run_once(self) -> PollReport:
        """Poll every due source, then fire alerts and deliver what waits in the outbox."""
        report = PollReport()
        for source in due_sources(self.store, now=self.clock()):
            if self.stop.is_set():
                break
            if claim(self.store, source, now=self.clock()):
                self.poll(source, report)
        if not self.stop.is_set():
            report.alerts_fired = alerts_mod.scan(self.store, now=self.clock())
            report.delivered, report.undelivered = outbox.deliver_due(
                self.store, now=self.clock(), settings=self.delivery
            )
        return report

    def run(self, *, tick: float = 30.0, on_round: Callable[[PollReport], None] | None = None) -> None:
        """Poll until ``stop`` is set, sleeping until the next source or notification is due
        (at most ``tick`` seconds); ``on_round`` hears what each round did.
        """
        while not self.stop.is_set():
            try:
                report = self.run_once()
            except Exception:
                # A long-running watcher outlives a bad round (a database restarting, a bug met
                # on one page); the next round starts from what the database says.
                log.exception("watch round failed; trying again in %s seconds", tick)
                self.stop.wait(tick)
                continue
            log.info("watch round: %s", report)
            if on_round is not None:
                on_round(report)
            self.stop.wait(self._seconds_to_next(tick))

    def _seconds_to_next(self, tick: float) -> float:
        from sqlalchemy import func, select

        from .schema import sources

        with self.store.engine.connect() as connection:
            due = connection.execute(select(func.min(sources.c.next_poll_at))).scalar()
        candidates = [str(due)] if due else []
        if (attempt := outbox.next_attempt(self.store)) is not None:
            candidates.append(attempt)
        if not candidates:
            return tick
        wait = (dt.datetime.fromisoformat(min(candidates)) - self.clock()).total_seconds()
        return max(1.0, min(tick, wait))

    # one source ----------------------------------------------------------------------------

    def poll(self, source: Source, report: PollReport) -> None:
        """Poll one source: find its items and take up the new ones; a failure is recorded and backed off."""
        report.polled += 1
        stored_before, failed_before = report.stored, report.failed_articles
        try:
            items, validators, feed_url = self._discover(source)
            complete = True
            taken = 0
            for item in items:
                if self.stop.is_set() or taken >= self.max_items:
                    complete = False
                    break
                taken += self.intake.take(source, item, report)
        except StoppedError:
            return
        except EventwatchError as exc:
            report.failed_sources += 1
            report.errors.append(str(exc))
            due = record_failure(self.store, source, now=self.clock(), error=str(exc))
            log.warning("source %s failed (next try %s): %s", source.url, due, exc)
            return
        record_success(
            self.store,
            source,
            now=self.clock(),
            # A failed article is retried only if the feed is read again rather than answered 304.
            validators=validators if complete and report.failed_articles == failed_before else None,
            feed_url=feed_url,
            new_articles=report.stored - stored_before,
        )

    def _discover(self, source: Source) -> tuple[list[FeedItem], tuple[str | None, str | None], str | None]:
        """The source's items, the validators of what was read, and the feed found on a page."""
        url = source.feed_url or source.url
        response = self.fetcher.get(
            url, allow_private=source.allow_private, etag=source.etag, last_modified=source.last_modified
        )
        validators = (response.etag, response.last_modified)
        if response.not_modified:
            return [], (source.etag, source.last_modified), source.feed_url
        kind = source.kind if source.kind != "auto" and not source.feed_url else sniff_kind(response.content)
        if kind is None:
            raise EventwatchError(
                "E1109", url=url, kind="feed, sitemap or page", reason="unrecognised content"
            )
        if kind == "page":
            feeds = find_feeds(response.text(), url=response.url)
            if not feeds:
                raise EventwatchError("E1110", url=url)
            response = self.fetcher.get(feeds[0], allow_private=source.allow_private)
            return (
                parse_feed(response.content, url=response.url),
                (response.etag, response.last_modified),
                feeds[0],
            )
        if kind == "sitemap":
            return self._sitemap_items(source, response), validators, source.feed_url
        return parse_feed(response.content, url=response.url), validators, source.feed_url

    def _sitemap_items(self, source: Source, response: Response) -> list[FeedItem]:
        sitemap = parse_sitemap(response.content, url=response.url)
        items = list(sitemap.items)
        for child in sitemap.sitemaps[:_MAX_CHILD_SITEMAPS]:
            fetched = self.fetcher.get(child, allow_private=source.allow_private)
            items.extend(parse_sitemap(fetched.content, url=fetched.url).items)
        return items
