"""Computational Materials exhibits as data: detection, table parsing and typed values (pure; no I/O).

Entry point: :func:`crawler.edgar.cm.parse.parse_exhibit`. The result types are in :mod:`crawler.edgar.cm.model`.
The modules run compiled when a build of exactly these sources is present (:mod:`crawler.native`); ``COMPILED``
says whether they do.
"""

from crawler.native import native_dir

_native = native_dir()
if _native is not None:
    __path__.insert(0, str(_native))
COMPILED = _native is not None
