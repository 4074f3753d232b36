"""Time: find time expressions, normalise them against the publication date, date events."""
