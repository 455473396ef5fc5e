"""Scrapy settings for the ``depositor_8k`` crawl (``scrapy crawl depositor_8k`` and ``edgar-archive crawl``).

Project-specific settings are named ``EDGAR_*``/``SEC_*``; the CLI overrides them from its options.
"""

import os

BOT_NAME = "edgar_depositor_archive"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# --- identity and targets: the CLI sets these from its options; `scrapy crawl` reads the same environment ---
USER_AGENT = os.environ.get("EDGAR_USER_AGENT")  # refused at start for SEC hosts when unset (crawler.config)
EDGAR_BASE_URL = os.environ.get("EDGAR_BASE_URL", "https://www.sec.gov")
EDGAR_DATA_URL = os.environ.get("EDGAR_DATA_URL", "https://data.sec.gov")
EDGAR_OUTPUT = os.environ.get("EDGAR_OUTPUT", "./output")
EDGAR_RATE = float(os.environ.get("EDGAR_RATE", "5"))

# --- politeness: one global budget for every host, enforced by RateLimitMiddleware ---
ROBOTSTXT_OBEY = False  # EDGAR's /Archives is meant for programmatic access; the mirror serves no robots.txt
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Scrapy starts CONCURRENT_ITEMS asyncio tasks for every callback's output, however little it yields; our callbacks
# yield one item, or requests that are only scheduled (default 100: ~0.5 ms of task churn per response)
CONCURRENT_ITEMS = 1
# Scrapy re-reads and re-parses a generator callback's source (inspect + ast) whenever its weak cache has lost the
# bound method, about one response in four here (~0.3 ms each); our callbacks never `return` a value
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_DELAY = 0  # the rate limiter, not slot delays, spaces requests (slots are per host)
AUTOTHROTTLE_ENABLED = False
DOWNLOAD_TIMEOUT = 60
DOWNLOAD_WARNSIZE = 64 * 1024 * 1024
DOWNLOAD_MAXSIZE = 512 * 1024 * 1024
DEFAULT_REQUEST_HEADERS = {"Accept-Encoding": "gzip, deflate", "Accept": "*/*"}

# Where the budget lives (crawler.politeness.rate_store): redis://host:port/db (every host), a SQLite file (the
# processes of one machine), or None: $EDGAR_RATE_DB, else this process only. EDGAR_RATE_DB is the 0.3.0 name.
EDGAR_RATE_STORE = os.environ.get("EDGAR_RATE_STORE") or None
EDGAR_RATE_DB = None
EDGAR_RATE_STORE_WAIT = float(os.environ.get("EDGAR_RATE_STORE_WAIT", "300"))  # seconds of an unreachable store
# with a Redis rate store: seconds the archive's lease lasts unless renewed (a killed host's archive is free after it)
EDGAR_LEASE_SECONDS = float(os.environ.get("EDGAR_LEASE_SECONDS", "30"))
EDGAR_RATE_MARGIN = None  # seconds added to each second of sends for jitter; None: $EDGAR_RATE_MARGIN, else 0.025
EDGAR_JOB_CLASS = os.environ.get("EDGAR_JOB_CLASS", "nightly")
EDGAR_CLASS_RATES = None  # {"class": rate}: the most a job class may send; None: $EDGAR_CLASS_RATES, else backfill 6

SEC_BLOCK_COOLDOWN = 600.0  # seconds no request is sent after a block page (SEC: 10 minutes, extended by requests)
SEC_MAX_BLOCKS = 3  # blocks (pauses) in one run; the last one closes the spider with reason "sec_blocked"

RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408]  # 429 and block pages belong to SecBlockMiddleware
RETRY_BACKOFF_BASE = 1.0  # seconds; retry n waits uniform(0, min(MAX, BASE * 2**(n-1))) (full jitter)
RETRY_BACKOFF_MAX = 60.0
RETRY_BUDGET_RATIO = 0.1  # run-wide: at most RETRY_BUDGET_MIN + RATIO * answers seen retries
RETRY_BUDGET_MIN = 20
DOWNLOAD_FAIL_ON_DATALOSS = True  # a short body is an error (retried), never a partial response

DOWNLOADER_MIDDLEWARES = {  # request path: low to high; response path: high to low
    "crawler.middlewares.rate.RateLimitMiddleware": 950,  # last before the network: counts real sends only
    "crawler.middlewares.verify.IntactTransferMiddleware": 595,  # before decompression (590)
    "crawler.middlewares.verify.CompleteBodyMiddleware": 585,  # after decompression
    "crawler.middlewares.block.SecBlockMiddleware": 560,  # before retry: block pages pause, never retried as 4xx
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,  # the spider has no allowed_domains
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.redirect.RedirectMiddleware": 600,  # Scrapy's place; no Referer on redirects
}
METAREFRESH_ENABLED = False  # EDGAR's files carry no <meta refresh>; following one would be an unplanned request
# Built-in spider middlewares with nothing to do here, each one more async-generator layer around every callback
# output: EDGAR needs no Referer, our URLs are short, the crawl has no depth limit
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
    "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}

ITEM_PIPELINES = {  # data flows one way: parse -> archive raw -> ABS filter -> Form SE inputs -> Parquet
    "pipelines.parse.ParsePipeline": 100,
    "pipelines.archive.RawArchivePipeline": 200,
    "pipelines.abs_filter.AbsFilterPipeline": 300,
    "pipelines.se_link.SeLinkPipeline": 400,
    "pipelines.parquet.ParquetPipeline": 500,
}
EDGAR_FLUSH_ROWS = 5000  # rows buffered before a Parquet commit
EDGAR_FLUSH_SECONDS = 60.0
EDGAR_STATE_DIR = None  # default: <output>/_state for local output (crawler.store.state.default_state_dir)
EDGAR_AS_OF = None  # "today" for planning (YYYY-MM-DD); default: today in New York
# A submission answering 404 (or a 403 that is no block page) is fetched again by later runs until it has answered so
# in this many runs or over this many days (--as-of dates), whichever comes first; then it is recorded as gone
EDGAR_GONE_AFTER_RUNS = 5
EDGAR_GONE_AFTER_DAYS = 30
EDGAR_RETRY_GONE = False  # crawl --retry-gone: fetch gone submissions once more in this run

EXTENSIONS = {"crawler.progress.ProgressExtension": 500, "crawler.peak_rate.PeakRateExtension": 500}
EDGAR_PROGRESS = "auto"  # "tty" | "log" | "off"; auto = tty when stderr is a terminal
EDGAR_PROGRESS_INTERVAL = float(os.environ.get("EDGAR_PROGRESS_INTERVAL", "0"))  # seconds; 0: 1 on a tty, 30 in logs

HTTPCACHE_ENABLED = False
LOG_LEVEL = "INFO"
LOG_FORMATTER = "scrapy.logformatter.LogFormatter"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
