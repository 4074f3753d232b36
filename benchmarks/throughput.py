"""Extraction throughput against the bare spaCy pass, over N copies of the bundled sample corpus.

    python benchmarks/throughput.py --copies 20

Prints documents/s and words/s for the full eventwatch pipeline and, in the same run over the
same texts, for the spaCy pipeline alone (the limit the whole pipeline is measured against),
with their ratio and the peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from importlib import resources

from eventwatch import nlp, pipeline
from eventwatch.document import Document


def _texts() -> list[str]:
    samples = resources.files("eventwatch.data") / "samples"
    texts = [
        json.loads(line)["text"] for line in (samples / "articles.jsonl").read_text("utf-8").splitlines()
    ]
    return [text for text in texts if text.strip()]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run both passes and print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--copies", type=int, default=20, help="copies of the sample corpus (default 20)")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    texts = _texts() * args.copies
    # Copies differ by a suffix so no cache can make a repeated text free.
    texts = [f"{text} (copy {i})" for i, text in enumerate(texts)]
    words = sum(len(text.split()) for text in texts)

    full = pipeline.build()
    spacy_nlp = nlp.load()
    # Warm up both (model loading, lazy tables such as the gazetteer) outside the timings.
    list(full.pipe(Document(id=f"w{i}", text=t) for i, t in enumerate(texts[:8])))
    list(spacy_nlp.pipe(texts[:8]))

    start = time.perf_counter()
    for _ in spacy_nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    events = 0
    docs = (Document(id=str(i), text=t, published="2024-06-01") for i, t in enumerate(texts))
    for doc in full.pipe(docs, batch_size=args.batch_size):
        events += len(doc.events)
    total = time.perf_counter() - start

    print(f"corpus: {len(texts)} documents, {words} words ({args.copies} copies of the samples)")
    print(
        f"bare spaCy pass ({nlp.DEFAULT_MODEL}): {len(texts) / bare:8.1f} docs/s {words / bare:9.0f} words/s"
    )
    print(f"eventwatch pipeline:               {len(texts) / total:8.1f} docs/s {words / total:9.0f} words/s")
    print(f"ratio pipeline / bare spaCy: {bare / total:.2f}   events found: {events}")
    print(f"peak RSS: {_peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
