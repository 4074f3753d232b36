"""Time: find time expressions, normalise them against the publication date, date events.

- ``finder.find(text, anchor=...)`` / ``finder.resolve(expr, anchor)``: every time expression
  with its span, TIMEX3-style value (``2022-05-26``, ``2022-W21``, ``1998-Q3``, ``P3Y``,
  ``PRESENT_REF`` ...), kind, window of days (``first``/``last``), precision and reason.
  The grammar is the project's own (``absolute``, ``relative``, ``durations``, built from
  ``data/dates.toml``); rules only scan the text around their key words, so the stage costs a
  few milliseconds a document.
- ``governing.date_event``: the date of one event, from the expression that governs its trigger.
- ``published.parse_published`` / ``published.date_from_url``: publication dates from metadata.
- ``stage``: the registered stages ``eventwatch.dates.v1`` and ``eventwatch.event_dates.v1``.
"""
