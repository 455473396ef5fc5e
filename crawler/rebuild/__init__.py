"""``edgar-archive rebuild``: every derivable dataset re-derived from ``raw/``, with no network request.

- :mod:`crawler.rebuild.sources`: what is re-derived (the submissions the committed ``filings``/``se_filings``
  rows name, with the provenance each row kept), cut into shards;
- :mod:`crawler.rebuild.shard`: the pure task that turns one shard into staged Parquet parts (runs in any
  ``concurrent.futures.Executor``: a local process pool, or a Dask client's executor);
- :mod:`crawler.rebuild.journal`: the plan and the shards done, kept in the crawl state so a rebuild resumes;
- :mod:`crawler.rebuild.run`: the job (lock, plan, shards, Form SE decisions, one commit of everything).
"""
