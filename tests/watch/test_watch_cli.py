"""The sources, watch and alerts commands, and a watcher stopped by SIGTERM mid-run."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import fakestage
import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text
from watchsite import FAST_FETCH, Clock, Site, article_html, rss

import eventwatch
from eventwatch.cli import cli
from eventwatch.errors import EventwatchError
from eventwatch.store import Store
from eventwatch.store.schema import documents
from eventwatch.watch import Watcher
from eventwatch.watch.schema import articles


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "cli.db")


@pytest.fixture
def config(tmp_path: Path) -> str:
    path = tmp_path / "fake.toml"
    path.write_text(fakestage.CONFIG_TOML, encoding="utf-8")
    return str(path)


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_sources_add_list_remove(db: str) -> None:
    output = _run(
        "sources", "add", "https://example.org/rss.xml", "--name", "ex", "--every", "2h", "--db", db
    )
    assert "watching source 1" in output and "every 2h" in output
    (source,) = json.loads(_run("sources", "list", "--db", db, "--format", "json"))
    assert (source["name"], source["kind"], source["every_seconds"]) == ("ex", "auto", 7200)
    assert "https://example.org/rss.xml" in _run("sources", "list", "--db", db)
    with pytest.raises(EventwatchError) as caught:
        CliRunner().invoke(
            cli, ["sources", "add", "https://example.org/rss.xml", "--db", db], catch_exceptions=False
        )
    assert caught.value.code == "E1107"
    _run("sources", "remove", "ex", "--db", db)
    assert json.loads(_run("sources", "list", "--db", db, "--format", "json")) == []


def test_sources_add_refuses_a_bad_interval(db: str) -> None:
    with pytest.raises(EventwatchError) as caught:
        CliRunner().invoke(
            cli,
            ["sources", "add", "https://example.org/", "--every", "often", "--db", db],
            catch_exceptions=False,
        )
    assert caught.value.code == "E1108"


def test_watch_once_then_sources_list_shows_the_error(
    site: Site, db: str, config: str, tmp_path: Path
) -> None:
    site.page("/a1", article_html("One", ["A soldier deserted from his unit."]))
    site.page("/feed.xml", rss([(site.url("/a1"), "One", None)]))
    _run("sources", "add", site.url("/feed.xml"), "--allow-private", "--db", db)
    _run("sources", "add", site.url("/missing.xml"), "--allow-private", "--db", db)
    out = tmp_path / "hits.jsonl"
    _run("alerts", "add", "--type", "desertion", "--file", str(out), "--db", db)
    output = _run("--config", config, "watch", "--once", "--db", db, "--host-delay", "0")
    assert "polled 2 source(s) (1 failed); stored 1 new article(s)" in output
    assert "1 alert(s) fired, 1 delivered" in output
    assert len(out.read_text("utf-8").splitlines()) == 1
    listed = {s["url"]: s for s in json.loads(_run("sources", "list", "--db", db, "--format", "json"))}
    assert listed[site.url("/feed.xml")]["articles"] == 1
    assert "HTTP 404" in listed[site.url("/missing.xml")]["last_error"]
    assert "HTTP 404" in _run("sources", "list", "--db", db)


def test_alerts_add_list_remove(db: str) -> None:
    output = _run(
        "alerts",
        "add",
        "--type",
        "desertion",
        "--actor",
        "Belarusian army",
        "--country",
        "Belarus",
        "--webhook",
        "https://example.org/hook",
        "--db",
        db,
    )
    assert '"country": "BLR"' in output
    assert "https://example.org/hook" in _run("alerts", "list", "--db", db)
    _run("alerts", "remove", "1", "--db", db)
    assert "0 alert(s)" in _run("alerts", "list", "--db", db)


def _slow_article(number: int) -> object:
    body = article_html(f"Story {number}", [f"Soldier {number} deserted from the garrison."]).encode()

    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(0.2)
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return handle


def _count(store: Store, query: object) -> int:
    with store.engine.connect() as connection:
        return int(connection.execute(query).scalar() or 0)  # type: ignore[call-overload]


def test_sigterm_stops_cleanly_between_articles(site: Site, db: str, config: str, clock: Clock) -> None:
    total = 12
    for number in range(total):
        site.routes[f"/s{number}"] = _slow_article(number)  # type: ignore[assignment]
    site.page("/feed.xml", rss([(site.url(f"/s{n}"), f"S{n}", None) for n in range(total)]))
    _run("sources", "add", site.url("/feed.xml"), "--allow-private", "--db", db)
    program = "import sys, fakestage; from eventwatch.cli import main; main()"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(Path(__file__).parent), str(Path(eventwatch.__file__).parents[1]), env.get("PYTHONPATH", "")]
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            program,
            "--config",
            config,
            "watch",
            "--db",
            db,
            "--host-delay",
            "0",
            "--tick",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    store = Store(db)
    deadline = time.monotonic() + 60
    while _count(store, select(func.count()).select_from(documents)) < 2 and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 0, stderr
    assert "stopped cleanly" in stderr

    stored = _count(store, select(func.count()).select_from(articles).where(articles.c.status == "stored"))
    assert 2 <= stored < total
    assert _count(store, select(func.count()).select_from(documents)) == stored
    linked = (
        select(func.count())
        .select_from(articles)
        .where(articles.c.status == "stored", articles.c.document_id.in_(select(documents.c.id)))
    )
    assert _count(store, linked) == stored
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"

    # The next run takes up exactly the rest.
    clock.now = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    watcher = Watcher(store, nlp=fakestage.fake_pipeline(), fetch=FAST_FETCH, clock=clock)
    assert watcher.run_once().stored == total - stored
    watcher.close()
    assert _count(store, select(func.count()).select_from(documents)) == total
