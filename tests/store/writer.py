"""A stand-alone ingest process for the concurrency and kill tests: ``python writer.py URL N [DELAY]``.

It stores N generated documents (two events each) one by one, printing each new id, so a test can
kill it mid-run and start it again.
"""

from __future__ import annotations

import sys
import time

from eventwatch.document import Document, Event, EventDate, Span
from eventwatch.store import Store


def generated(index: int) -> Document:
    """Document ``index``: same text every time, so reruns meet the stored content hash."""
    first = f"Report {index}: a soldier left unit {index} near the border."
    second = f"Border guards searched for the deserter number {index}."
    text = f"{first} {second}"
    doc = Document(id=f"gen-{index}", text=text, published="2024-03-14", language="en")
    doc.events = [
        Event(type="desertion", evidence=[Span.of(text, 0, len(first))], date=EventDate(start="2024-03-13")),
        Event(type="search", evidence=[Span.of(text, len(first) + 1, len(text))]),
    ]
    return doc


def main(url: str, count: int, delay: float) -> None:
    """Store documents 0..count-1, sleeping ``delay`` seconds after each."""
    store = Store(url)
    for index in range(count):
        _, new = store.add(generated(index))
        print(f"{index} {'new' if new else 'old'}", flush=True)
        time.sleep(delay)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 0.0)
