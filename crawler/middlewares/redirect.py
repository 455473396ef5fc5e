"""``RedirectMiddleware``: Scrapy's redirect handling for a crawl that never sends a ``Referer`` header.

Scrapy's own middleware hands the ``Referer`` of a redirected request to ``RefererMiddleware``; when that spider
middleware is off (as in this project: EDGAR needs no Referer) it warns at every engine start. Here the
redirected request simply carries no ``Referer``, which is what the project wants, and nothing is looked up.
"""

from __future__ import annotations

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware as ScrapyRedirectMiddleware
from scrapy.http import Request, Response


class RedirectMiddleware(ScrapyRedirectMiddleware):
    """Follows 301/302/303/307/308 like Scrapy's; the request it makes has no ``Referer``."""

    def handle_referer(self, request: Request, response: Response) -> None:
        request.headers.pop("Referer", None)

    def _engine_started(self) -> None:
        """Scrapy's version looks for ``RefererMiddleware`` to delegate to and warns when it is off."""
