"""Price/yield sheets as Excel's "Save as HTML" prints them (``.htm``): the Office namespaces, an ``mso-`` style
block and the workbook's ``<xml>`` in the head, ``<col>`` widths, ``class=xl..`` cells with ``x:num``/``x:str``
attributes (a formula holding ``>`` now and then), an empty spacer column beside the labels, the title in a cell
spanning the sheet (or in a ``<caption>``), facts in label/value pairs, the accounting format's ``$`` padded away
from its amount, ``<font>`` runs inside cells, ``Price`` merged over the scenario and measure rows (``rowspan``),
``&nbsp;`` after numbers, several grids on one sheet separated by empty rows or one ``<table>`` each, and the
``supportMisalignedColumns`` row Excel appends. The numbers are those of :mod:`synth_cm_grid`.
"""

from __future__ import annotations

import random

from crawler.mirror.synth_cm_grid import Grid
from crawler.mirror.synth_cm_model import Cell, Fact, Table

HEAD = """<html xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 11">
<style>
<!--table
\t{mso-displayed-decimal-separator:"\\.";
\tmso-displayed-thousand-separator:"\\,";}
.xl65
\t{mso-style-parent:style0;
\tmso-number-format:"0\\.000";}
-->
</style>
<!--[if gte mso 9]><xml>
 <x:ExcelWorkbook>
  <x:ExcelWorksheets>
   <x:ExcelWorksheet>
    <x:Name>{sheet}</x:Name>
   </x:ExcelWorksheet>
  </x:ExcelWorksheets>
 </x:ExcelWorkbook>
</xml><![endif]-->
</head>

<body link=blue vlink=purple>
"""
ROW = " <tr height=17 style='height:12.75pt'>"


class Sheet:
    """The rows of one sheet as Excel writes them: ``width`` columns (labels, a spacer, the values)."""

    def __init__(self, rng: random.Random, width: int) -> None:
        self.rng, self.width = rng, width
        self.fonts = rng.random() < 0.3
        self.lines: list[str] = []

    def _shown(self, text: str) -> str:
        return f"<font face=Arial size=1>{text}</font>" if self.fonts and text else text

    def text(self, text: str, attrs: str = "") -> str:
        return f"  <td class=xl25{attrs}>{self._shown(text)}</td>"

    def number(self, cell: Cell | None) -> str:
        if cell is None:
            return "  <td class=xl65 align=right x:num></td>"
        if cell.value is None:
            return self.text(cell.text)
        exact = f'="{cell.text}{self.rng.randint(1, 999)}"' if "." in cell.text and self.rng.random() < 0.5 else ""
        formula = ' x:fmla="=IF(D6>0,WAL!D6,0)"' if self.rng.random() < 0.005 else ""
        after = "&nbsp;" if self.rng.random() < 0.2 else ""
        return f"  <td class=xl65 align=right x:num{exact}{formula}>{self._shown(cell.text)}{after}</td>"

    def row(self, cells: list[str]) -> None:
        """A row, filled to the sheet's width with empty cells."""
        self.lines += [ROW, *cells, *([self.text("")] * (self.width - len(cells))), " </tr>"]

    def spanning(self, text: str, style: str) -> None:
        """A row of one cell spanning the sheet (a heading, a title)."""
        self.lines += [ROW, f"  <td height=17 class={style} colspan={self.width} style='height:12.75pt;mso-ignore:colspan'>"
                            f"{text}</td>", " </tr>"]  # fmt: skip

    def empty(self) -> None:
        self.spanning("", "xl25")

    def table(self) -> list[str]:
        """The rows so far as one ``<table>`` (and a fresh start)."""
        head = (f"<table x:str border=0 cellpadding=0 cellspacing=0 width={110 + 80 * self.width} style='border-collapse:\n"
                " collapse;table-layout:fixed'>")
        cols = [" <col width=110 style='mso-width-source:userset;width:83pt'>", " <col width=10 style='width:8pt'>",
                f" <col width=80 span={self.width - 2} style='width:60pt'>"]  # fmt: skip
        lines, self.lines = self.lines, []
        return [head, *cols, *lines, "</table>", ""]


def _amount(text: str) -> str:
    """``$20,000,000.00`` in Excel's accounting format: the ``$`` at the left, the amount at the right."""
    if not text.startswith("$"):
        return text
    return f"<span style='mso-spacerun:yes'>&nbsp;</span>$<span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>{text[1:]} "


def _facts(sheet: Sheet, facts: list[Fact]) -> None:
    """Two label/value pairs a row: the label, the spacer, the value; the second label and value beside them."""
    for at in range(0, len(facts), 2):
        pair = facts[at : at + 2]
        cells = [sheet.text(pair[0].label), sheet.text(""), sheet.text(_amount(pair[0].text), " align=right")]
        if len(pair) > 1:
            cells += [sheet.text(pair[1].label), sheet.text(_amount(pair[1].text), " align=right")]
        sheet.row(cells)


def _grid(sheet: Sheet, grid: Grid, caption: bool) -> None:
    table = grid.table
    if caption:
        sheet.lines.append(f"<caption>{table.title}</caption>")
    else:
        title = (table.title or "").replace(" - ", "\n  - ", 1) if sheet.rng.random() < 0.4 else table.title or ""
        sheet.spanning(title, "xl24")
    _facts(sheet, table.facts)
    sheet.empty()
    merged = grid.measure_label is not None and sheet.rng.random() < 0.5
    span = " rowspan=2" if merged else ""
    sheet.row([sheet.text(grid.label_head, span), sheet.text("", span)] +
              [sheet.text(label, " align=right") for label in table.scenarios])
    if grid.measure_label:
        cells = [] if merged else [sheet.text(""), sheet.text("")]
        sheet.row(cells + [sheet.text(grid.measure_label, " align=right")] * len(table.scenarios))
    for n, row in enumerate(table.rows):
        label = sheet.text(row.label, f' x:str="{row.label}"' if n < grid.price_rows else "")
        sheet.row([label, sheet.text("")] + [sheet.number(cell) for cell in row.cells])


def excel_sheet(rng: random.Random, grids: list[Grid], heading: str, name: str) -> tuple[list[Table], str]:
    """The ``.htm`` text of one sheet holding ``grids`` under ``heading``, and their tables."""
    sheet = Sheet(rng, max(len(grid.table.scenarios) for grid in grids) + 2)
    caption = rng.random() < 0.25
    one_table = not caption and rng.random() < 0.5  # else a <table> per grid
    out = [HEAD.replace("{sheet}", name)]
    sheet.spanning(heading, "xl22")
    sheet.empty()
    for n, grid in enumerate(grids):
        if not one_table:
            out += sheet.table()
        elif n:
            sheet.empty()
            sheet.empty()
        _grid(sheet, grid, caption)
    sheet.lines += [" <![if supportMisalignedColumns]>", " <tr height=0 style='display:none'>",
                    *[" <td width=80 style='width:60pt'></td>"] * sheet.width, " </tr>", " <![endif]>"]
    out += sheet.table()
    return [grid.table for grid in grids], "\n".join(out) + "\n</body>\n\n</html>\n"
