"""Fixtures for watcher tests: a local HTTP site in a thread, a store, a settable clock."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fakestage import fake_pipeline
from watchsite import FAST_FETCH, Clock, Site, serve

from eventwatch.store import Store
from eventwatch.watch import Watcher
from eventwatch.watch.outbox import DeliverySettings


@pytest.fixture
def site() -> Iterator[Site]:
    """A site on 127.0.0.1 with no routes yet (everything 404, robots.txt too)."""
    server = serve()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.site
    server.shutdown()
    server.server_close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    db = Store(f"sqlite:///{tmp_path / 'watch.db'}")
    yield db
    db.close()


@pytest.fixture
def make_watcher(store: Store, clock: Clock) -> Iterator[Callable[..., Watcher]]:
    """Watchers over the test store with fast fetch settings and the fake pipeline."""
    made: list[Watcher] = []

    def make(**options: Any) -> Watcher:
        options.setdefault("nlp", fake_pipeline())
        options.setdefault("fetch", FAST_FETCH)
        options.setdefault("delivery", DeliverySettings(timeout=3.0, base_delay=30.0))
        watcher = Watcher(store, clock=clock, **options)
        made.append(watcher)
        return watcher

    yield make
    for watcher in made:
        watcher.close()
