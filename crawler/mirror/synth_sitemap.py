"""``sitemap.YYYYMMDD.xml`` (daily) and ``sitemap.quarterlyindex.xml`` / ``sitemap.quarterlyindexN.xml``
(quarterly), the sitemaps SEC lists beside its indexes (EDGAR.md section 1: the real ``daily-index/2018/QTR4/``
and ``full-index/1993/QTR4/`` listings name them).

unconfirmed: their content. No real sitemap is in the samples; these follow the sitemaps.org protocol (a
``urlset`` of at most 50,000 URLs; the quarterly ``sitemap.quarterlyindex.xml`` is the ``sitemapindex`` naming
the numbered ones), one ``<url>`` per index row pointing at the filing's ``-index.htm`` page on www.sec.gov.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Protocol

ARCHIVES_URL = "https://www.sec.gov/Archives/"
MAX_URLS = 50_000
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NAMESPACE = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


class SitemapRow(Protocol):
    cik: str
    filename: str  # edgar/data/CIK/ACCESSION.txt


def filing_page_url(cik: str, accession: str) -> str:
    """``https://www.sec.gov/Archives/edgar/data/1269518/000090514804002078/0000905148-04-002078-index.htm``."""
    return f"{ARCHIVES_URL}edgar/data/{cik}/{accession.replace('-', '')}/{accession}-index.htm"


def urlset(rows: Sequence[SitemapRow], lastmod: date) -> bytes:
    stamp = lastmod.isoformat()
    lines = [f"<url><loc>{filing_page_url(row.cik, row.filename[-24:-4])}</loc><lastmod>{stamp}</lastmod></url>"
             for row in rows]
    return (_HEAD + f"<urlset {_NAMESPACE}>\n" + "".join(line + "\n" for line in lines) + "</urlset>\n").encode()


def quarterly_sitemaps(folder: str, rows: Sequence[SitemapRow], lastmod: date) -> Iterator[tuple[str, bytes]]:
    """``(path, bytes)``: ``sitemap.quarterlyindex1.xml`` ... (one even for an empty quarter), then the
    ``sitemap.quarterlyindex.xml`` index naming them."""
    parts = [rows[start : start + MAX_URLS] for start in range(0, len(rows), MAX_URLS)] or [rows[:0]]
    names = [f"sitemap.quarterlyindex{number}.xml" for number in range(1, len(parts) + 1)]
    for name, part in zip(names, parts, strict=True):
        yield f"{folder}/{name}", urlset(part, lastmod)
    relative = folder.removeprefix("Archives/")
    entries = "".join(f"<sitemap><loc>{ARCHIVES_URL}{relative}/{name}</loc><lastmod>{lastmod.isoformat()}</lastmod>"
                      "</sitemap>\n" for name in names)
    yield f"{folder}/sitemap.quarterlyindex.xml", (_HEAD + f"<sitemapindex {_NAMESPACE}>\n" + entries
                                                   + "</sitemapindex>\n").encode()
