"""The error catalogue: every code raised in the source exists and renders."""

from __future__ import annotations

import re
from pathlib import Path

import eventwatch
from eventwatch.errors import CATALOGUE, EventwatchError, message

SRC = Path(eventwatch.__file__).parent


def test_every_code_used_in_the_source_is_in_the_catalogue() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used.update(re.findall(r'EventwatchError\(\s*"(E\d+)"', path.read_text("utf-8")))
        used.update(re.findall(r'message\(\s*"(E\d+)"', path.read_text("utf-8")))
    assert used, "no codes found: the scan is broken"
    assert used <= set(CATALOGUE), sorted(used - set(CATALOGUE))


def test_messages_carry_their_code_and_fields() -> None:
    error = EventwatchError("E108", source="missing.txt")
    assert str(error).startswith("[E108]")
    assert "missing.txt" in str(error)
    assert error.code == "E108"
    assert message("E102", source="x").startswith("[E102] 'x' is empty")


def test_public_names_are_what_all_says() -> None:
    for name in eventwatch.__all__:
        assert hasattr(eventwatch, name), name
    public = {n for n in dir(eventwatch) if not n.startswith("_") and n[0].isupper()}
    assert public <= set(eventwatch.__all__)
