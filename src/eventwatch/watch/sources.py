"""Watched sources and the articles taken from them, in the store's database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import EventwatchError
from ..store import Store
from .clock import iso, later
from .discover import KINDS
from .schema import articles, sources
from .urls import check_watchable

__all__ = [
    "MAX_ARTICLE_ATTEMPTS",
    "MAX_BACKOFF_SECONDS",
    "Source",
    "add_source",
    "backoff_seconds",
    "claim",
    "due_sources",
    "get_source",
    "list_sources",
    "record_article",
    "record_failure",
    "record_success",
    "remove_source",
    "seen",
]

MAX_BACKOFF_SECONDS = 86_400
# An article that failed this many times is not tried again.
MAX_ARTICLE_ATTEMPTS = 3


@dataclass(slots=True, kw_only=True)
class Source:
    """One watched feed, sitemap or page and how polling it has gone."""

    id: int
    url: str
    name: str | None
    kind: str
    every_seconds: int
    allow_private: bool
    feed_url: str | None
    etag: str | None
    last_modified: str | None
    failures: int
    last_error: str | None
    last_polled_at: str | None
    last_ok_at: str | None
    next_poll_at: str
    articles: int
    created_at: str

    @classmethod
    def from_row(cls, row: Any) -> Source:
        """A source from a database row."""
        data = row._mapping
        return cls(**{f.name: data[f.name] for f in fields(cls)})


def add_source(
    store: Store,
    url: str,
    *,
    now: dt.datetime,
    name: str | None = None,
    kind: str = "auto",
    every_seconds: int = 900,
    allow_private: bool = False,
) -> Source:
    """Start watching ``url``; it is due at once. E1107 if it is already watched, E1113 for a bad kind."""
    url = check_watchable(url)
    if kind not in (*KINDS, "auto"):
        raise EventwatchError("E1113", kind=kind, known=", ".join((*KINDS, "auto")))
    stamp = iso(now)
    try:
        with store.engine.begin() as connection:
            key = connection.execute(
                insert(sources).values(
                    url=url,
                    name=name,
                    kind=kind,
                    every_seconds=every_seconds,
                    allow_private=allow_private,
                    failures=0,
                    articles=0,
                    next_poll_at=stamp,
                    created_at=stamp,
                )
            ).inserted_primary_key
        source_id = key[0] if key else 0
    except IntegrityError:
        existing = get_source(store, url)
        raise EventwatchError("E1107", url=url, source_id=existing.id) from None
    return get_source(store, int(source_id))


def list_sources(store: Store) -> list[Source]:
    """Every watched source, in the order they were added."""
    with store.engine.connect() as connection:
        return [Source.from_row(row) for row in connection.execute(select(sources).order_by(sources.c.id))]


def get_source(store: Store, key: int | str) -> Source:
    """The source with id ``key`` (or a string of digits), else with URL or name ``key``; E1106 if none."""
    if isinstance(key, int) or key.isdigit():
        condition = sources.c.id == int(key)
    else:
        condition = or_(sources.c.url == key.strip(), sources.c.name == key)
    with store.engine.connect() as connection:
        row = connection.execute(select(sources).where(condition).order_by(sources.c.id)).first()
    if row is None:
        raise EventwatchError("E1106", source=key)
    return Source.from_row(row)


def remove_source(store: Store, key: int | str) -> Source:
    """Stop watching a source; its stored documents stay. E1106 if there is none."""
    source = get_source(store, key)
    with store.engine.begin() as connection:
        connection.execute(delete(sources).where(sources.c.id == source.id))
    return source


def due_sources(store: Store, *, now: dt.datetime) -> list[Source]:
    """Sources whose next poll time has come, the longest-waiting first."""
    query = (
        select(sources)
        .where(sources.c.next_poll_at <= iso(now))
        .order_by(sources.c.next_poll_at, sources.c.id)
    )
    with store.engine.connect() as connection:
        return [Source.from_row(row) for row in connection.execute(query)]


def claim(store: Store, source: Source, *, now: dt.datetime, lease_seconds: int = 900) -> bool:
    """Take the due ``source`` for one poll, so a second watcher on the same database (a cron run next to
    a long-running one) leaves it alone; False if another watcher took it first.

    The claim pushes ``next_poll_at`` ahead by ``lease_seconds``; recording the poll's outcome
    replaces it, and a watcher killed mid-poll lets the source fall due again when the lease ends.
    A source that is not due cannot be claimed.
    """
    with store.engine.begin() as connection:
        taken = connection.execute(
            update(sources)
            .where(
                sources.c.id == source.id,
                sources.c.next_poll_at == source.next_poll_at,
                sources.c.next_poll_at <= iso(now),
            )
            .values(next_poll_at=later(now, lease_seconds))
        ).rowcount
    return bool(taken)


def backoff_seconds(every_seconds: int, failures: int) -> int:
    """The pause after ``failures`` failures in a row: the interval doubled each time, up to a day."""
    return int(min(every_seconds * 2 ** min(failures, 16), max(MAX_BACKOFF_SECONDS, every_seconds)))


def record_success(
    store: Store,
    source: Source,
    *,
    now: dt.datetime,
    validators: tuple[str | None, str | None] | None,
    feed_url: str | None,
    new_articles: int,
) -> None:
    """A poll went through: schedule the next one and keep the validators for a conditional GET.

    ``validators`` is ``None`` when not every item was taken up (a limit, or a stop), so the next
    poll must read the whole feed again rather than hear "not modified".
    """
    values: dict[str, Any] = {
        "failures": 0,
        "last_error": None,
        "last_polled_at": iso(now),
        "last_ok_at": iso(now),
        "next_poll_at": later(now, source.every_seconds),
        "feed_url": feed_url,
        "articles": sources.c.articles + new_articles,
    }
    values["etag"], values["last_modified"] = validators or (None, None)
    with store.engine.begin() as connection:
        connection.execute(update(sources).where(sources.c.id == source.id).values(**values))


def record_failure(store: Store, source: Source, *, now: dt.datetime, error: str) -> str:
    """A poll failed: keep the message and back off; returns when the source is due again."""
    failures = source.failures + 1
    due = later(now, backoff_seconds(source.every_seconds, failures))
    with store.engine.begin() as connection:
        connection.execute(
            update(sources)
            .where(sources.c.id == source.id)
            .values(
                failures=failures,
                last_error=error,
                last_polled_at=iso(now),
                next_poll_at=due,
            )
        )
    return due


def seen(store: Store, url: str) -> bool:
    """Whether an article at ``url`` (as link or canonical address) was already taken up for good.

    Failed fetches count as seen once they failed ``MAX_ARTICLE_ATTEMPTS`` times.
    """
    query = (
        select(func.count())
        .select_from(articles)
        .where(
            or_(articles.c.url == url, articles.c.canonical_url == url),
            or_(articles.c.status != "failed", articles.c.attempts >= MAX_ARTICLE_ATTEMPTS),
        )
    )
    with store.engine.connect() as connection:
        return bool(connection.execute(query).scalar())


def record_article(
    store: Store,
    url: str,
    *,
    now: dt.datetime,
    status: str,
    source_id: int | None,
    canonical: str | None = None,
    document_id: int | None = None,
    content_hash: str | None = None,
    error: str | None = None,
) -> None:
    """Remember what became of the article at ``url``: stored, duplicate, skipped or failed."""
    values = {
        "canonical_url": canonical,
        "source_id": source_id,
        "status": status,
        "document_id": document_id,
        "content_hash": content_hash,
        "error": error,
        "fetched_at": iso(now),
    }
    with store.engine.begin() as connection:
        found = connection.execute(select(articles.c.id).where(articles.c.url == url)).scalar()
        if found is None:
            connection.execute(insert(articles).values(url=url, attempts=1, **values))
        else:
            connection.execute(
                update(articles)
                .where(articles.c.id == found)
                .values(attempts=articles.c.attempts + 1, **values)
            )
