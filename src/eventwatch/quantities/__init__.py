"""Quantities: how many killed, injured, taking part; items and money."""
