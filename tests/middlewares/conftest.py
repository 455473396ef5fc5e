from __future__ import annotations

from collections.abc import Iterator

import pytest

from crawler.politeness.rate_store import reset_shared_limiters


@pytest.fixture(autouse=True)
def fresh_limiters() -> Iterator[None]:
    """Each crawl starts with an empty in-process budget and no block left by an earlier test."""
    reset_shared_limiters()
    yield
    reset_shared_limiters()
