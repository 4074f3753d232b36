"""Actors: who did what to whom, coded by country and sector."""
