"""Parquet datasets, manifest commits, the raw archive and the crawl state."""
