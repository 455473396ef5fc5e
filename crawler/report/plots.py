"""The report's figures as SVG bytes (matplotlib's object API: no pyplot, no global backend, no display).

Colour-blind-safe throughout: ``cividis`` for quantities (readable in grey and by every common form of
colour blindness) and the Okabe-Ito palette for categories. Text is drawn as paths, so the page needs
no font; the SVG is made reproducible (fixed id salt, no date).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.colors import LogNorm, Normalize
from matplotlib.figure import Figure

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEQUENTIAL = "cividis"
STYLE = {
    "svg.hashsalt": "edgar-archive-report", "svg.fonttype": "path", "font.size": 9, "axes.titlesize": 11,
    "axes.titleweight": "bold", "axes.spines.top": False, "axes.spines.right": False, "axes.grid": False,
    "figure.dpi": 96, "image.interpolation": "nearest",
}
MAX_BARS = 40  # more categories are drawn as one filled outline per series
MAX_LABELS = 30  # tick labels along an axis at most: more are unreadable (and each costs a text layout)
WIDTH = 9.5  # inches: ~900 px at 96 dpi, the page's text width


def svg(figure: Figure) -> bytes:
    with matplotlib.rc_context(STYLE):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight", pad_inches=0.08)
    return buffer.getvalue()


def new_figure(height: float, rows: int = 1, sharex: bool = False) -> tuple[Figure, list]:
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(WIDTH, height))  # laid out by savefig's tight box: a layout engine costs 2 draws
        axes = figure.subplots(rows, 1, sharex=sharex, squeeze=False)[:, 0]
    return figure, list(axes)


def heatmap(matrix: pd.DataFrame, *, title: str, colorbar: str, xlabel: str) -> bytes:
    """Rows × columns of counts; empty cells left blank. Columns are labels (e.g. months), thinned to at most
    ``MAX_LABELS``; a wide range of counts uses a logarithmic colour scale."""
    values = matrix.to_numpy(dtype=float)
    peak = float(values.max()) if values.size else 0.0
    norm = LogNorm(vmin=1, vmax=peak) if peak >= 50 else Normalize(vmin=0, vmax=max(peak, 1))
    with matplotlib.rc_context(STYLE):
        figure, (axes,) = new_figure(max(2.4, 0.28 * len(matrix) + 1.4))
        image = axes.imshow(np.ma.masked_equal(values, 0), aspect="auto", cmap=SEQUENTIAL, norm=norm)
        axes.set_facecolor("#f2f2f2")
        axes.set_yticks(range(len(matrix)), [_short(str(label), 38) for label in matrix.index])
        _label_x(axes, matrix.columns, rotate=True)
        axes.set_xlabel(xlabel)
        axes.set_title(title, loc="left")
        figure.colorbar(image, ax=axes, label=colorbar, shrink=0.9)
    return svg(figure)


def bars(frame: pd.DataFrame, *, title: str, ylabel: str, xlabel: str, colors: Sequence[str] = OKABE_ITO,
         annotate: bool = False) -> bytes:
    """Stacked vertical bars: one bar per index value, one colour per column (legend when several)."""
    with matplotlib.rc_context(STYLE):
        figure, (axes,) = new_figure(3.2)
        positions = np.arange(len(frame))
        bottom = np.zeros(len(frame))
        for n, column in enumerate(frame.columns):
            values = frame[column].to_numpy(dtype=float)
            drawn = _columns(axes, positions, values, bottom, colors[n % len(colors)], str(column))
            bottom += values
        if annotate and drawn is not None:
            axes.bar_label(drawn, labels=[f"{v:,.0f}" for v in bottom], fontsize=8, padding=2)
        _label_x(axes, frame.index, rotate=len(frame) > 12)
        axes.set_ylabel(ylabel)
        axes.set_xlabel(xlabel)
        axes.set_title(title, loc="left")
        axes.grid(axis="y", color="#dddddd", linewidth=0.6)
        axes.set_axisbelow(True)
        if len(frame.columns) > 1:
            axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return svg(figure)


def panels(frame: pd.DataFrame, *, title: str, xlabel: str) -> bytes:
    """One bar panel per column (each its own unit) over a shared index, e.g. months."""
    with matplotlib.rc_context(STYLE):
        figure, axes = new_figure(1.0 + 1.5 * len(frame.columns), rows=len(frame.columns), sharex=True)
        positions = np.arange(len(frame))
        for n, (panel, column) in enumerate(zip(axes, frame.columns, strict=True)):
            _columns(panel, positions, frame[column].to_numpy(dtype=float), np.zeros(len(frame)),
                     OKABE_ITO[n % len(OKABE_ITO)], str(column))
            panel.set_ylabel(str(column))
            panel.grid(axis="y", color="#dddddd", linewidth=0.6)
            panel.set_axisbelow(True)
        _label_x(axes[-1], frame.index, rotate=len(frame) > 12)
        axes[-1].set_xlabel(xlabel)
        axes[0].set_title(title, loc="left")
    return svg(figure)


def runs_timeline(runs: pd.DataFrame) -> bytes:
    """One column of panels over the runs' start times: duration, requests, new filings, peak rate vs cap.
    ``runs``: started_at (datetime), duration_min, requests, new_filings, peak, cap, exit_code."""
    panels = (("duration_min", "duration (min)"), ("requests", "requests"), ("new_filings", "new filings"),
              ("peak", "busiest second\n(requests/s)"))
    codes = sorted(int(code) for code in runs["exit_code"].dropna().unique())
    with matplotlib.rc_context(STYLE):
        figure, axes = new_figure(7.2, rows=len(panels), sharex=True)
        when = pd.to_datetime(runs["started_at"]).dt.tz_localize(None)
        for panel, (column, label) in zip(axes, panels, strict=True):
            values = pd.to_numeric(runs[column], errors="coerce")
            panel.plot(when, values, color="#999999", linewidth=0.8, zorder=1)
            for n, code in enumerate(codes):
                chosen = runs["exit_code"] == code
                panel.scatter(when[chosen], values[chosen], s=18, color=OKABE_ITO[n % len(OKABE_ITO)],
                              marker="os^Dv<>P"[n % 8], label=f"exit {code}", zorder=2)
            panel.set_ylabel(label)
            panel.grid(axis="y", color="#dddddd", linewidth=0.6)
            panel.set_ylim(bottom=0)
        cap = pd.to_numeric(runs["cap"], errors="coerce")
        if cap.notna().any():
            axes[-1].scatter(when, cap, marker="_", s=160, linewidths=2, color=OKABE_ITO[5], label="cap (--rate)",
                             zorder=3)
        pad = max(pd.Timedelta(days=1), (when.max() - when.min()) * 0.03)
        axes[-1].set_xlim(when.min() - pad, when.max() + pad)
        axes[0].set_title("Runs: duration, requests, new filings and the busiest second against the cap", loc="left")
        axes[-1].set_xlabel("run start (UTC)")
        handles, labels = axes[-1].get_legend_handles_labels()
        if handles:
            axes[0].legend(handles, labels, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        figure.autofmt_xdate()
    return svg(figure)


def _columns(axes: Any, positions: np.ndarray, values: np.ndarray, bottom: np.ndarray, color: str,
             label: str) -> Any:
    """Bars from ``bottom`` up by ``values``: separate bars (returned, for labels) when there are few, else one
    filled step outline per series (each bar is a patch, and adding one costs about 2 ms)."""
    if len(positions) <= MAX_BARS:
        return axes.bar(positions, values, bottom=bottom, color=color, label=label, width=0.8)
    axes.stairs(bottom + values, np.append(positions, positions[-1] + 1) - 0.5, baseline=bottom, fill=True,
                color=color, label=label)
    return None


def _label_x(axes: Any, labels: Sequence[Any], *, rotate: bool) -> None:
    """Categorical x labels, every n-th so that at most MAX_LABELS show."""
    every = max(1, math.ceil(len(labels) / MAX_LABELS))
    ticks = list(range(0, len(labels), every))
    axes.set_xticks(ticks, [str(labels[i]) for i in ticks], rotation=90 if rotate else 0)
    axes.set_xlim(-0.5, len(labels) - 0.5)


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
