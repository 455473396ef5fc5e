"""Computational Materials exhibits as data: detection, table parsing and typed values (pure; no I/O).

Entry point: :func:`crawler.edgar.cm.parse.parse_exhibit`. The result types are in :mod:`crawler.edgar.cm.model`.
"""
