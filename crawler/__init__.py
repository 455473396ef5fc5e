"""EDGAR depositor 8-K crawler and archiver.

Packages:
- ``crawler.edgar``: EDGAR knowledge as pure code (index and SGML parsing, form/item rules, URL layout).
- ``crawler.store``: Parquet datasets, manifest commits, raw archive, crawl state.
- ``crawler.politeness``: the one rate limiter and SEC HTTP rules shared by Scrapy and helper code.
- ``crawler.spiders`` / ``crawler.middlewares`` / ``pipelines``: thin Scrapy parts.
- ``crawler.mirror``: the offline stand-in for EDGAR (``mirror synth`` / ``mirror serve``).
"""

__version__ = "0.4.0"
