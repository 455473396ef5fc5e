"""Thin Scrapy downloader middlewares enforcing SEC politeness (see crawler.politeness for the logic)."""
