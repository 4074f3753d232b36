"""One watcher run through the real default pipeline: a feed item becomes stored events and an alert."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from watchsite import Clock, Site, article_html, rss

from eventwatch import pipeline
from eventwatch.store import EventFilter, Store
from eventwatch.watch import AlertQuery, Watcher, add_alert, add_source


@pytest.mark.slow
def test_feed_article_through_the_default_pipeline(
    site: Site,
    store: Store,
    clock: Clock,
    make_watcher: Callable[..., Watcher],
    default_pipeline: pipeline.Pipeline,
    tmp_path: Path,
) -> None:
    sentences = [
        "A Belarusian soldier deserted from his unit near Grodno on Tuesday and crossed into Lithuania.",
        "The Ministry of Defence said it was searching for him.",
    ]
    site.page("/story", article_html("Border news", sentences))
    site.page("/feed.xml", rss([(site.url("/story"), "Border news", "Wed, 13 Mar 2024 18:00:00 GMT")]))
    add_source(store, site.url("/feed.xml"), now=clock(), allow_private=True, name="local news")
    out = tmp_path / "alerts.jsonl"
    add_alert(store, AlertQuery.build(type="desertion"), now=clock(), file=str(out))

    report = make_watcher(nlp=default_pipeline).run_once()

    assert (report.stored, report.alerts_fired, report.delivered) == (1, 1, 1)
    ((_, doc),) = store.iter_documents()
    assert (doc.published, doc.published_source, doc.source) == ("2024-03-13", "feed", "local news")
    rows = store.mentions(EventFilter(types=["desertion"]))
    assert rows and rows[0]["url"] == site.url("/story")
    (line,) = [json.loads(raw) for raw in out.read_text("utf-8").splitlines()]
    assert line["event"]["type"] == "desertion" and "deserted" in line["event"]["evidence"][0]["text"]
