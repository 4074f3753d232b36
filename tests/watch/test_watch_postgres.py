"""The watcher's tables and queries on PostgreSQL: sources, dedup, alerts, the outbox, claims.

PostgreSQL comes from ``EVENTWATCH_TEST_PG_URL`` (``.ci/setup.d/20-postgres.sh``); each test gets
a fresh schema, dropped after. Without a server these skip, except under ``CI=true``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from watchsite import FAST_FETCH, Clock, Site, article_html, rss

from eventwatch.store import Store
from eventwatch.watch import AlertQuery, Watcher, add_alert, add_source, get_source, pending
from eventwatch.watch.sources import claim

from fakestage import fake_pipeline  # isort: skip

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = Store(pg_url)
    try:
        yield store
    finally:
        store.close()


def test_watch_round_on_postgresql(site: Site, pg_store: Store, clock: Clock) -> None:
    story = "A Belarusian soldier deserted from the garrison at dawn."
    site.page("/story", article_html("Garrison", [story]))
    site.page("/mirror", article_html("Garrison", [story]))
    site.page(
        "/feed.xml", rss([(site.url("/story?utm_source=x"), "S", None), (site.url("/mirror"), "M", None)])
    )
    source = add_source(pg_store, site.url("/feed.xml"), now=clock(), allow_private=True)
    site.post_status = 503
    add_alert(
        pg_store,
        AlertQuery.build(type="desertion", actor="Belarusian army"),
        now=clock(),
        webhook=site.url("/hook"),
        allow_private=True,
    )
    watcher = Watcher(pg_store, nlp=fake_pipeline(), fetch=FAST_FETCH, clock=clock)
    report = watcher.run_once()
    assert (report.stored, report.duplicates, report.alerts_fired, report.undelivered) == (1, 1, 1, 1)
    assert pending(pg_store) == 1
    site.post_status = 200
    clock.advance(minutes=20)
    report = watcher.run_once()
    assert (report.polled, report.delivered) == (1, 1)
    assert len(site.posts) == 1 and site.posts[0]["event_key"].startswith("cluster:")
    assert get_source(pg_store, source.id).articles == 1
    fresh = get_source(pg_store, source.id)
    assert not claim(pg_store, fresh, now=clock())  # not due
    clock.advance(minutes=15)
    assert claim(pg_store, fresh, now=clock()) and not claim(pg_store, fresh, now=clock())
    watcher.close()
