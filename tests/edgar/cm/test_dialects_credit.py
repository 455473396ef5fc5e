"""Break-CDR grids as other desks print them: the row header (``Loss Severity``) on the measure line, severities
as bare percentages, cumulative loss as a percentage. Expected values read off the text by hand."""

from __future__ import annotations

from crawler.edgar.cm.parse import parse_exhibit
from crawler.edgar.cm.rows import exhibit_rows

ROW_HEADER_ON_THE_MEASURE_LINE = """\
Computational Materials

CWABS 2004-14 - Break CDR - M3

                      Forward LIBOR             Forward LIBOR + 200
Loss Severity      Break CDR   Cum Loss      Break CDR   Cum Loss
35%                    17.18     14.62%          13.84     12.50%
45%                    12.81     15.16%          10.33     12.83%
"""


def test_break_cdr_with_the_row_header_on_the_measure_line() -> None:
    parsed = parse_exhibit(ROW_HEADER_ON_THE_MEASURE_LINE)
    assert parsed.warnings == [] and len(parsed.tables) == 1
    table = parsed.tables[0]
    assert (table.kind, table.class_, table.row_header) == ("break_cdr", "M3", "Loss Severity")
    assert table.scenarios == ["Forward LIBOR", "Forward LIBOR", "Forward LIBOR + 200", "Forward LIBOR + 200"]
    assert table.measures == ["Break CDR", "Cum Loss", "Break CDR", "Cum Loss"]
    assert [(r.label, r.values) for r in table.rows] == [
        ("35%", ["17.18", "14.62%", "13.84", "12.50%"]), ("45%", ["12.81", "15.16%", "10.33", "12.83%"])]
    cells = [(r["row_value"], r["measure"], r["value"]) for r in exhibit_rows(parsed).values if r["row_no"] == 1]
    assert cells == [(35.0, "break_cdr", 17.18), (35.0, "cum_loss", 14.62), (35.0, "break_cdr", 13.84),
                     (35.0, "cum_loss", 12.5)]
