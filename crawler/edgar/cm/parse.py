"""Entry point of the CM parser: one exhibit document's text in, its kind, tables and tranches out."""

from __future__ import annotations

from crawler.edgar.cm.detect import kind_of_exhibit
from crawler.edgar.cm.layout import Layout
from crawler.edgar.cm.markup import looks_like_html
from crawler.edgar.cm.model import COLLATERAL_TERM_SHEET, COMPUTATIONAL_MATERIALS, OTHER, TERM_SHEET, ExhibitParse
from crawler.edgar.cm.roles import analyse
from crawler.edgar.cm.segment import exhibit_lines

TABLE_KINDS_OF_EXHIBIT = (COMPUTATIONAL_MATERIALS, TERM_SHEET, COLLATERAL_TERM_SHEET)


def parse_exhibit(text: str, *, doc_type: str | None = None, description: str | None = None,
                  filename: str | None = None) -> ExhibitParse:
    """Read one exhibit document's text (plain text or HTML markup, as in ``<TEXT>``). Never raises.

    Only Computational Materials and term sheets are read for tables; other kinds come back without any.
    ``doc_type`` (``EX-99.1``) and ``description`` help tell the kind; whether the text is HTML is read from the
    text itself (``filename`` is accepted for callers that have it, and not needed).
    """
    kind = OTHER
    try:
        kind = kind_of_exhibit(text, doc_type=doc_type, description=description)
        if kind not in TABLE_KINDS_OF_EXHIBIT:
            return ExhibitParse(kind_of_exhibit=kind)
        tables, tranches = Layout(analyse(exhibit_lines(text, html=looks_like_html(text)))).run()
        return ExhibitParse(kind_of_exhibit=kind, tables=tables, tranches=tranches)
    except Exception as exc:  # noqa: BLE001 - the never-raise contract; the bug stays visible as a warning
        return ExhibitParse(kind_of_exhibit=kind, warnings=[f"internal parser error: {type(exc).__name__}: {exc}"])
