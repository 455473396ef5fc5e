"""The report page: one self-contained HTML file (inline CSS, figures as ``data:`` URIs, no script, no font).

A Content-Security-Policy in the page forbids every network load, so a figure or style that would need the
network fails visibly in any browser instead of silently depending on it. The numbers behind the page sit
in a ``<script type="application/json" id="report-numbers">`` block: data, never run.
"""

from __future__ import annotations

import base64
import html
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

NUMBERS_ID = "report-numbers"
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       max-width: 980px; margin: 0 auto; padding: 0 1.2em 4em; }
h1 { font-size: 1.7em; margin: 1.2em 0 0.2em; }
h2 { font-size: 1.3em; margin: 0; padding-top: 1.4em; border-top: 1px solid #ccc; }
h3 { font-size: 1.05em; margin: 1.4em 0 0.4em; }
p.meta { color: #555; margin-top: 0; }
nav ol { columns: 2; padding-left: 1.4em; }
section { margin-top: 2em; }
figure { margin: 1em 0; }
figure img { display: block; max-width: 100%; height: auto; }
figcaption { color: #555; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.88em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.long { max-width: 34em; font-size: 0.92em; }
.empty { color: #555; font-style: italic; }
.warn { background: #fff4e0; border-left: 4px solid #E69F00; padding: 0.4em 0.8em; }
"""


@dataclass
class Section:
    """One part of the page: its anchor, heading, HTML blocks in order, and its numbers (for the JSON)."""

    anchor: str
    title: str
    numbers: dict[str, Any]
    blocks: list[str] = field(default_factory=list)

    def add(self, *blocks: str) -> Section:
        self.blocks.extend(blocks)
        return self


def paragraph(text: str, css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return f"<p{attribute}>{html.escape(text)}</p>"


def empty(text: str) -> str:
    return paragraph(text, "empty")


def heading(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def figure(svg: bytes, *, alt: str, caption: str = "") -> str:
    source = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    text = f"<figcaption>{html.escape(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="{source}" alt="{html.escape(alt)}">{text}</figure>'


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, numeric: Sequence[int] = (),
          long: Sequence[int] = (), limit: int | None = None, total: int | None = None) -> str:
    """An HTML table; ``numeric``/``long``: column positions right-aligned / set narrow; ``limit`` rows at most,
    with a line saying how many of ``total`` are shown."""
    rows = list(rows)
    shown = rows[:limit] if limit is not None else rows
    head = "".join(f'<th{_cls(i, numeric, long)}>{html.escape(h)}</th>' for i, h in enumerate(headers))
    body = "".join("<tr>" + "".join(f"<td{_cls(i, numeric, long)}>{_cell(v)}</td>" for i, v in enumerate(row))
                   + "</tr>" for row in shown)
    count = total if total is not None else len(rows)
    more = paragraph(f"Showing {len(shown):,} of {count:,}.", "empty") if len(shown) < count else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _cls(position: int, numeric: Sequence[int], long: Sequence[int]) -> str:
    if position in numeric:
        return ' class="num"'
    return ' class="long"' if position in long else ""


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "–"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return html.escape(str(value))


def render(sections: Sequence[Section], *, title: str, meta: str, numbers: dict[str, Any]) -> str:
    toc = "".join(f'<li><a href="#{s.anchor}">{html.escape(s.title)}</a></li>' for s in sections)
    body = "".join(f'<section id="{s.anchor}"><h2>{html.escape(s.title)}</h2>{"".join(s.blocks)}</section>'
                   for s in sections)
    data = json.dumps(numbers, sort_keys=True, default=str).replace("</", "<\\/")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1><p class=\"meta\">{html.escape(meta)}</p>"
        f'<nav aria-label="Contents"><ol>{toc}</ol></nav>{body}'
        f'<script type="application/json" id="{NUMBERS_ID}">{data}</script>'
        "</body></html>\n"
    )


def numbers_of(page: str) -> dict[str, Any]:
    """The numbers block of a page written by :func:`render`."""
    start = page.index(f'id="{NUMBERS_ID}">') + len(f'id="{NUMBERS_ID}">')
    return json.loads(page[start:page.index("</script>", start)])
