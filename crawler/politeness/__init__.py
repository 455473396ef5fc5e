"""SEC politeness: the one global rate limiter, identity, block handling, shared by Scrapy and helper code."""
