pytest_plugins = [
    "tests.fixtures.samples",
    "tests.fixtures.mirror",
    "tests.fixtures.crawled",
    "tests.fixtures.server",
    "tests.fixtures.s3",
    "tests.fixtures.redis",
    "tests.fixtures.dask",
]
