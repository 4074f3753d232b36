"""Readers: every kind of input, and a clear per-item error for every kind of bad input."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwatch.document import Document
from eventwatch.errors import EventwatchError
from eventwatch.readers import ReadError, check_public_url, read

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Guards stop crossing | Gazette</title>
<meta property="article:published_time" content="2024-04-09T08:30:00+02:00"></head>
<body><nav>Home | World | Sport</nav><article><h1>Guards stop crossing</h1>
<p>Border guards stopped eleven people who tried to cross the river near the old bridge on Monday night.</p>
<p>The group was taken to a reception centre, and most of them asked for protection, officials said.</p>
</article><footer>© 2019 Gazette</footer></body></html>"""


def _items(*inputs: str, **kwargs: object) -> list[Document | ReadError]:
    return list(read(inputs, **kwargs))  # type: ignore[arg-type]


def test_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("  A soldier left his unit.\r\nPolice are looking for him.  \n", "utf-8")
    [doc] = _items(str(path))
    assert isinstance(doc, Document)
    assert doc.text == "A soldier left his unit.\nPolice are looking for him."
    assert doc.id.startswith("report.txt#")


def test_html_file_takes_date_from_metadata_not_the_footer(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE_HTML, "utf-8")
    [doc] = _items(str(path))
    assert isinstance(doc, Document)
    assert "eleven people" in doc.text and "Sport" not in doc.text
    assert (doc.published, doc.published_source) == ("2024-04-09", "html metadata")
    assert doc.title and "Guards stop crossing" in doc.title and doc.title_source == "html metadata"


def test_jsonl_keeps_going_past_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First report.", "published": "2024-01-02", "gold": {"x": 1}}),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps(["a list"]),
        json.dumps({"id": "c", "text": "Third report.", "published": "someday"}),
        "",
        json.dumps({"id": "d", "text": "Fourth report.", "title": "T", "url": "https://x.example/1"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = _items(str(path))
    assert [type(i).__name__ for i in items] == [
        "Document",
        "ReadError",
        "ReadError",
        "ReadError",
        "ReadError",
        "Document",
    ]
    first, last = items[0], items[-1]
    assert (
        isinstance(first, Document) and first.published == "2024-01-02" and first.published_source == "jsonl"
    )
    assert isinstance(last, Document) and last.title == "T" and last.url == "https://x.example/1"
    errors = [i for i in items if isinstance(i, ReadError)]
    assert errors[0].source.endswith(":2") and "[E106]" in errors[0].message
    assert "[E107]" in errors[1].message
    assert "[E110]" in errors[3].message


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"   \n\n", "E102"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "E103"),
        ("latin1.txt", "Soldat quitté l'unité à Brest".encode("latin-1"), "E104"),
        ("big.txt", b"word " * 300, "E105"),
    ],
)
def test_bad_files_get_a_clear_error_and_the_run_goes_on(
    tmp_path: Path, name: str, data: bytes, code: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text("A clean report about a protest.", "utf-8")
    items = _items(str(bad), str(good), max_bytes=1000)
    assert isinstance(items[0], ReadError) and f"[{code}]" in items[0].message
    assert isinstance(items[1], Document)


def test_directory_is_read_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("First.", "utf-8")
    (tmp_path / "two.md").write_text("Second.", "utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    docs = _items(str(tmp_path))
    assert sorted(d.text for d in docs if isinstance(d, Document)) == ["First.", "Second."]


def test_missing_path_is_reported() -> None:
    [error] = _items("/nonexistent/file.txt")
    assert isinstance(error, ReadError) and "[E108]" in error.message


def test_stdin_text_and_jsonl() -> None:
    [doc] = list(read(["-"], stdin=io.BufferedReader(io.BytesIO(b"Plain text from a pipe."))))  # type: ignore[arg-type]
    assert isinstance(doc, Document) and doc.text == "Plain text from a pipe."
    raw = b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n'
    docs = list(read(["-"], stdin=io.BufferedReader(io.BytesIO(raw))))  # type: ignore[arg-type]
    assert [d.id for d in docs if isinstance(d, Document)] == ["s1", "s2"]


@pytest.fixture()
def http_server() -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = ARTICLE_HTML.encode() if self.path == "/2024/04/10/article" else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_url_is_fetched_when_private_addresses_are_allowed(http_server: str) -> None:
    [doc] = _items(f"{http_server}/2024/04/10/article", allow_private=True)
    assert isinstance(doc, Document)
    assert doc.url and doc.url.endswith("/article") and "eleven people" in doc.text
    [missing] = _items(f"{http_server}/gone", allow_private=True)
    assert isinstance(missing, ReadError) and "[E109]" in missing.message


def test_loopback_urls_are_refused_by_default(http_server: str) -> None:
    [refused] = _items(f"{http_server}/2024/04/10/article")
    assert isinstance(refused, ReadError) and "[E111]" in refused.message
    with pytest.raises(EventwatchError) as caught:
        check_public_url("http://10.1.2.3/x")
    assert caught.value.code == "E111"
