"""Tests of event deduplication (eventwatch.dedup and the cluster store)."""
