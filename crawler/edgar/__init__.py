"""EDGAR knowledge as pure code: no Scrapy, no network, no file I/O beyond bytes handed in."""
