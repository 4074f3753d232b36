"""Batch processing: the pipeline over JSONL, Parquet and WARC shards, locally or on Ray Data."""

from .run import BatchReport, run_batch

__all__ = ["BatchReport", "run_batch"]
