"""Names and typing rules shared by the CM parser, the ``cm_*`` datasets and the mirror's truth.

These are conventions, not code that reads text: the parser (``crawler.edgar.cm``) applies them to what it
reads, and ``mirror synth`` applies them to the numbers it generates, each on its own.

Measures (``cm_values.measure``): the canonical name of what a cell holds. A printed column or row header
maps to one of :data:`MEASURES` by :data:`MEASURE_WORDS` (case-insensitive, spaces collapsed, a trailing colon
and footnote mark dropped, a trailing ``(%)``/``(yrs)``/``(years)`` unit dropped); a header outside the list
becomes its lower-case snake form (``"Mod Convexity"`` -> ``"mod_convexity"``, ``"#Pools"`` -> ``"pools"``).

Typing rules (verbatim text always kept beside the typed value):

- price: a decimal (``"104.125000"`` -> 104.125), or 32nds: ``"96-04"`` -> 96 + 4/32, ``"99-24+"`` -> 99 + 24.5/32,
  ``"100-15.50"`` -> 100 + 15.5/32, ``"99-24.000"`` -> 99 + 24/32, ``"99-242"`` -> 99 + 24.25/32 (a third digit
  counts eighths of a 32nd: ``"99-244"`` is ``"99-24+"``), ``"99 24/32"`` -> 99.75, ``"99-24 1/4"`` and ``"99-24¼"``
  -> 99 + 24.25/32 (ticks of 32 or more, or a third digit 8 or 9, are not typed). ``cm_values.price`` is set on rows
  of a price/yield or discount-margin grid whose label is a price; null on footer rows (WAL, ...).
- number: ``"5.497"``, ``"-4.51"``, ``"330,000,000.00"``, ``"$20,000,000.00"`` -> float; ``"(4.51)"`` is -4.51;
  ``"N/A"``, ``"NA"``, ``"NM"``, ``"*"``, ``"-"``, ``""`` -> null. An approximate or bracketed preliminary figure is
  its number (``"$100,000,000 (approx.)"``, ``"[$25,000,000]"``); a ``"[ ]"`` placeholder is null. A percentage is a
  number of percent (``"14.62%"`` -> value 14.62). A cell printing an amount and a percentage, ``"109,634,656.87
  (14.62%)"``: value 109634656.87, percent 14.62; ``cm_values.percent`` is null for every other cell.
- date: ``"7/1/2005"``, ``"06/01/2005"``, ``"08/30/04"``, ``"28-Oct-2004"``, ``"01-Oct-04"``, ``"October 25,
  2005"``, ``"Oct. 25, 2005"`` -> a date; two-digit years 00-49 are 20yy, 50-99 are 19yy. A month-year such as
  ``"11/04"`` is not a date (kept as text).
- scenario: ``"100 PPC"``, ``"65PPC"``, ``"100% PPC"``, ``"15 CPR"``, ``"200 PSA"``, ``"6 CPB"``, ``"CPR 15"`` ->
  speed (float) and unit (one of :data:`UNITS`, upper case). Bare speeds beside or under a label printing their unit
  are read with it: ``Prepay (PSA)  100  200`` gives ``"Prepay (PSA) 100"``, ``PSA  100`` gives ``"PSA 100"``,
  ``Prepayment Speed (PPC)`` over ``Price  50`` gives ``"Prepayment Speed (PPC) 50"`` (speed 50, unit PPC); anything
  else (``"Forward LIBOR + 150"``, a bare column number ``"1"``) has null speed and unit.
- row label: ``cm_values.row_date`` when it is a date (decrement tables), ``row_value`` when it is a plain
  number or percentage that is not a price (``"35% Severity"`` -> 35.0, the yield labelling a row of a
  yields-to-price grid), else null.

What is one table (``table_no`` counts them from 1 in the order they appear in the document):

- one logical table as a reader sees it: its title, its header block of facts, its grid and its footer rows
  make one table even when the markup splits them (a header ``<TABLE>`` followed by a grid ``<TABLE>``, a
  header printed outside the table, a grid continued after ``<PAGE>`` under the same title or with no new
  title and the same columns). A new title, or a new class block, starts a new table.
- a class block: a ``Class 2A1:`` line, or a line holding only a class name (``M3`` over a break-CDR grid).
  It keeps the title and deal in force and sets the class. Facts printed after a title and before its first
  class block (the ``Assumptions`` of a break-CDR page) belong to every class block under that title; a class
  block printed after other tables of the same title has only the facts printed in it.
- ``title``: the title line as printed (``"CWALT0534CB_1A - Price/Yield - 1A3"``); ``deal``: its part
  before the separator, verbatim (``"CWALT0534CB_1A"``, ``"DEAL_CWALT0528CB_GRP2"``, ``"CWALT-04-26T1"``,
  ``"CWABS 2004-14"``); ``class``: the class it describes (``"1A3"``, ``"2A3"``, ``"A1"`` of ``"... - Dec -
  A1"``, ``"M3"`` of a break-CDR block, ``"2A1"`` of ``"Class 2A1:"``), else null. ``Class 2A1:`` is not a
  title (a class block under no title has null title and deal). A line naming only a deal (``CWABS 2004-14``)
  is the title (and deal), unless it follows a title that has no table yet. A table of another kind than its
  title names (a deal summary after a ``Price/Yield`` title, with no title of its own) has null title, deal
  and class; a deal summary never has a class.
- a title with facts and no grid is a table of its own (a ``<deal> - Collateral Summary`` page of label/value
  lines: kind ``collateral``; ``<deal> - Summary`` with no tranche table: ``deal_summary``; else ``other``);
  facts under no title make a table only when there are three or more.

Facts (``cm_tables.facts``, in printed order; the ``parse-exhibit`` JSON ``facts`` keeps the first text of a
label, ``fact_list`` every pair):

- a label is the printed text without its trailing colon; a footnote mark stays (``WAC(1)``); a heading printed
  over a run of labels (``Collateral`` over ``Balance WAC WAM Age WAL``) is not part of them.
- label/value pairs on a line (``Balance  $20,000,000.00  Delay  24``; ``Index  LIBOR_1MO | 2``); a
  parenthesised note after a value (``100 PPC  (Ramp from 6 to 20CPR in 12 months)``) is not a fact.
- a run of labels with their values on the next line (``Balance  WAC  WAM  Age  WAL`` over
  ``$351,063,829.80  6.45  359  1  4.49``): one fact per label; facts are in the order their labels are printed
  (``Settlement``, ``Prepay``, ``Balance`` ... ``WAL``, then ``1st Pay Date`` of the next line).
- a heading ending with a colon, or underlined, over lines of one text each (``Assumptions`` / ``-----`` /
  ``12-mo Recovery Lag.`` ... ``100% PPC``; ``Payrule:`` / ``1) Pay A1 to zero``): one fact per line, labelled
  by the heading.
- text printed after a table's rows (``Payrule:`` under a tranche table) is not read for facts.
- a deal summary's collateral block printed as a one-row grid under its tranche table (``Name  Oterm  WAM``
  over ``W.Loan  360  358``): one fact per column, the first labelled by the header over the row labels.

Rows per kind (``cm_values`` holds one row per cell with a value printed; empty cells give no row; ``row_no``
counts the table's rows from 1 in printed order, header-like rows included, ``scenario_no`` its columns):

- price_yield / discount_margin grid: columns are scenarios (``scenarios``) with the measure printed over
  them (``measures``: ``"Yield"``, ``"Disc Margin"``; the grid's measure when none is printed: ``yield``, or
  ``discount_margin`` for a grid whose header block gives a floater's terms, ``Index`` or ``Mult / Margin``).
  A row whose label is a price gives cells with ``price`` set and the column's measure. Footer rows
  (``WAL``, ``Mod Durn``, ``Principal Window``, ``First Prin Pay`` ...) give cells measured by their row
  label, with ``price`` null (a window or a date stays text: ``value`` null, ``value_text`` verbatim). A
  labelled line printed between the column headers (``Optional Redemption  Call (N)  Call (N)``) is a row
  too, before the price rows. A grid printing a row per price and measure (``99-16  Yield  5.23`` then ``DM  45``
  under it, or ``99-16  DM  45``, or under a ``Measure`` column header) has no column for the measure words: each
  row's cells are measured by the word printed in it (``parse-exhibit`` row ``measure``, verbatim) and carry its
  price, the one printed above it when its own line prints only the measure (its label is then ``""``); a cell of
  that column that is not a measure word is left out with a warning, and a price row printing no measure has a
  warning (its cells take the grid's measure). In a yields-to-price grid (the row header is ``Yield`` or ``Disc
  Margin``, or ``Price`` is printed over the columns) the row label is a yield or margin (``row_value``) and the
  cells are prices (measure ``price``, value typed as a price). In a transposed block (rows are measures: ``Price:``,
  ``CBE Yield (%):``, ``Average Life (years):``, under scenarios printed over the columns), each cell is measured
  by its row label and carries the typed price of its column's ``Price`` row. In a block with the prices across
  the columns (``Price:  99-16  99-24`` over ``Yield @ 100 PPC  5.231  5.196``, or a ``Prepay`` column of speeds
  under a ``Yield``/``DM`` heading; ``parse-exhibit`` ``price_columns``, its ``scenarios`` the printed prices; also
  a block of one scenario, ``Price:`` over ``Yield:`` or ``Yield @ 100 PPC:`` and footer lines, each labelled by
  a measure word; the price line may name the prices' notation, ``Price (32nds)``, ``Price (32s)``, ``Price
  (Decimal)``, ``Price ($)``, as may a ``Price`` row or the header over the price rows) each cell's ``price`` is
  its column's, its ``scenario``, ``speed`` and ``unit`` the row's (row ``scenario``; null for a row naming none,
  ``WAL``), its measure the row's (row ``measure``), else the heading's, else the grid's; ``scenario_no`` is the
  column's number. Rows printed on the next page under no price line join the block when they print in exactly its
  columns.
- deal_summary: the assumptions and collateral block as ``facts``, the tranche table as ``tranches``
  (``cm_tranches``, with this table's ``table_no``); no grid rows, no scenarios.
- decrement: rows are dates (``row_date``), columns scenarios, measure ``balance_pct``; footer rows
  (``Average Life``) measured by their label.
- break_cdr: one table per class block; each column has a scenario (``"Forward LIBOR"``, repeated over the
  columns it spans) and a measure (``break_cdr``, ``cum_loss``); rows are severities (``row_value``).
- collateral: pool statistics as ``facts`` (label/value pairs), or stratification rows whose columns are
  measured by their headers.
- other: every cell kept; columns without a printed header are named ``"1"``, ``"2"``, ... (their measure is
  ``value``; a named column's measure is its header's).
- ``cm_tables.measures`` lists each column's canonical measure as used in ``cm_values`` (printed, else the
  grid's, else the header's); ``cm_tables.warnings`` holds the table's warnings and its rows' (``row N: ...``).

Tranches (``cm_tranches``, one per class row of a tranche table; the columns are found by their printed
headers: ``Tranche Name``/``Class``, ``Description``, ``Rating``, ``Balance``/``Class Size``, ``Coupon``,
``Principal Window``, ``Avg Life``/``WAL (yrs)``, ``Dated Date``, ``Notes``): every field verbatim in ``texts``
(header -> text, printed cells only), typed ``balance``, ``coupon``, ``avg_life`` (numbers) and ``dated_date``;
``notes`` is the text from the first cell under ``Notes`` to the end of the line.

cm_tables typed header facts come from the header block by label: balance (Balance), coupon (Coupon),
delay_days (Delay), dated_date (Dated), settle_date (Settle, Settlement), first_payment_date (First Payment,
1st Pay Date), wac (WAC), wam (WAM), net_wac (NET, Net WAC), wala (WALA),
index (Index: its first word, ``"LIBOR_1MO | 2"`` -> ``"LIBOR_1MO"``), margin (the second number of
``Mult / Margin``), cap and floor (the two numbers of ``Cap / Floor``); the first fact with such a label wins.
A footnote mark on a label (``WAC(1)``) does not change its meaning; other labels (``Settlement Date``,
``Deal Size``, ``Age``) fill no typed column.
"""

from __future__ import annotations

MEASURES = (
    "yield", "discount_margin", "price", "wal", "mod_duration", "duration", "eff_duration", "principal_window",
    "first_principal", "last_principal", "spread", "balance_pct", "break_cdr", "cum_loss",
)

MEASURE_WORDS: dict[str, str] = {
    "yield": "yield", "cbe yield": "yield", "yld": "yield", "ytm": "yield",
    "disc margin": "discount_margin", "discount margin": "discount_margin", "dm": "discount_margin",
    "disc. margin": "discount_margin", "disc. mrgn": "discount_margin",
    "price": "price", "price (32nds)": "price", "price (32nd)": "price", "price (32s)": "price",
    "price (decimal)": "price", "price ($)": "price",
    "wal": "wal", "avg life": "wal", "average life": "wal", "wal (yrs)": "wal",
    "mod durn": "mod_duration", "mod dur": "mod_duration", "modified duration": "mod_duration",
    "mod duration": "mod_duration", "duration": "duration", "dur": "duration", "dur.": "duration",
    "mod dur.": "mod_duration", "mod. dur.": "mod_duration", "macaulay duration": "duration",
    "eff dur": "eff_duration", "eff. dur": "eff_duration", "eff dur.": "eff_duration", "eff. dur.": "eff_duration",
    "eff durn": "eff_duration", "eff duration": "eff_duration", "eff. duration": "eff_duration",
    "effective duration": "eff_duration", "effective dur": "eff_duration",
    "principal window": "principal_window", "prin window": "principal_window", "window": "principal_window",
    "first prin pay": "first_principal", "first principal": "first_principal", "first payment": "first_principal",
    "last prin pay": "last_principal", "last principal": "last_principal", "last payment": "last_principal",
    "spread": "spread", "spread to curve": "spread",
    "weighted average life": "wal", "weighted avg life": "wal", "wtd avg life": "wal", "wtd. avg. life": "wal",
    "avg. life": "wal", "mod. durn": "mod_duration", "mod. dur": "mod_duration", "mod. duration": "mod_duration",
    "prin. window": "principal_window", "payment window": "principal_window",
    "principal payment window": "principal_window", "first prin": "first_principal",
    "last prin": "last_principal", "first prin. pay": "first_principal", "last prin. pay": "last_principal",
    "break cdr": "break_cdr", "cdr": "break_cdr",
    "collat cum group loss": "cum_loss", "cum loss": "cum_loss", "cumulative loss": "cum_loss",
    "collat cum loss": "cum_loss",
}

UNITS = ("PPC", "PSA", "CPR", "CPB", "CDR", "ABS", "HEP", "MHP", "SMM")

HEADER_FACTS: dict[str, str] = {
    "balance": "balance", "coupon": "coupon", "delay": "delay_days", "dated": "dated_date",
    "settle": "settle_date", "settlement": "settle_date", "first payment": "first_payment_date",
    "1st pay date": "first_payment_date", "wac": "wac", "wam": "wam", "net": "net_wac", "net wac": "net_wac",
    "wala": "wala", "index": "index", "mult / margin": "margin", "cap / floor": "cap",
}
