"""Pictures: functions that take frames and return matplotlib Figures.

One colour-blind-safe palette (Okabe and Ito's eight colours), defined here once. Colour only
repeats what a label, a marker or a hatch already says, so every figure also reads in greyscale;
every figure has a title and axis labels a student can read aloud, and a ``describe_*`` function
gives the sentence a notebook prints after it as a text alternative.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers import vocab
from helpers.data import day_label

#: Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: Hatches to pair with colours so that categories differ without colour.
HATCHES = ["", "//", "..", "xx", "\\\\", "++", "oo", "--"]

#: One colour and one hatch per channel, in the vocabulary's order.
CHANNEL_STYLE = {
    channel: {"color": colour, "hatch": hatch}
    for channel, colour, hatch in zip(
        vocab.CHANNELS,
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#F0E442"],
        HATCHES,
    )
}

#: Marker shapes per side, for scatter-like plots.
SIDE_MARKERS = {"US": "o", "USSR": "s", "Cuba": "^", "UN": "D"}


# SVG patterns matching HATCHES, so the live timeline reads without colour too.
_SVG_PATTERNS = [
    "",
    '<path d="M0,6 L6,0" stroke="#fff" stroke-width="1.2"/>',
    '<circle cx="3" cy="3" r="1.1" fill="#fff"/>',
    '<path d="M0,0 L6,6 M0,6 L6,0" stroke="#fff" stroke-width="1"/>',
    '<path d="M0,0 L6,6" stroke="#fff" stroke-width="1.2"/>',
    '<path d="M3,0 L3,6 M0,3 L6,3" stroke="#fff" stroke-width="1"/>',
    '<circle cx="3" cy="3" r="2" fill="none" stroke="#fff" stroke-width="0.8"/>',
    '<path d="M0,3 L6,3" stroke="#fff" stroke-width="1.2"/>',
]



def timeline_counts(docs: pd.DataFrame, start=None, end=None, max_bins: int = 90) -> pd.DataFrame:
    """Documents per period (rows) and channel (columns), the numbers behind every timeline.

    A document counts on the first day it covers (``day_min``). Periods are days; when the range
    has more than ``max_bins`` days they become weeks, then months, so the picture stays readable.
    ``start``/``end`` (dates) fix the range, so a filtered timeline keeps the full crisis on its axis.
    """
    days = docs["day_min"]
    first = pd.Timestamp(start) if start is not None else (days.min() if len(docs) else pd.Timestamp("1962-10-22"))
    last = pd.Timestamp(end) if end is not None else (days.max() if len(docs) else first)
    span = (last - first).days + 1
    freq = "D" if span <= max_bins else ("W-MON" if span <= max_bins * 7 else "MS")
    if freq == "D":
        index = pd.date_range(first, last, freq="D")
        bins = days
    elif freq == "W-MON":
        index = pd.date_range(first - pd.Timedelta(days=first.weekday()), last, freq="7D")
        bins = days - pd.to_timedelta(days.dt.weekday, unit="D")
    else:
        index = pd.date_range(first.replace(day=1), last, freq="MS")
        bins = days.dt.to_period("M").dt.to_timestamp()
    channels = list(CHANNEL_STYLE)
    grid = np.zeros((len(index), len(channels)), dtype=np.int64)
    if len(docs):
        rows = index.get_indexer(bins)
        cols = pd.Categorical(docs["channel"].astype(str), categories=channels).codes
        keep = (rows >= 0) & (cols >= 0)
        np.add.at(grid, (rows[keep], cols[keep]), 1)
    counts = pd.DataFrame(grid, index=index, columns=channels)
    counts.index.name = {"D": "day", "W-MON": "week", "MS": "month"}[freq]
    return counts


def describe_timeline(counts: pd.DataFrame) -> str:
    """One or two plain sentences that say what a timeline shows (its text alternative)."""
    total = int(counts.to_numpy().sum())
    unit = counts.index.name or "day"
    if total == 0:
        return "The timeline is empty: no documents match."
    per_period = counts.sum(axis=1)
    busiest = per_period.idxmax()
    by_channel = counts.sum().sort_values(ascending=False)
    channels = ", ".join(f"{name} {int(n)}" for name, n in by_channel.items() if n)
    when = day_label(busiest) if unit == "day" else f"the {unit} of {day_label(busiest)}"
    return (
        f"{total} document{'s' if total != 1 else ''}, counted by {unit}, from {day_label(counts.index[0])} "
        f"to {day_label(counts.index[-1])}. The busiest {unit} is {when}, with {int(per_period.max())}. "
        f"By channel: {channels}."
    )


def timeline(docs: pd.DataFrame, start=None, end=None, title: str = "Documents per day, by channel") -> Figure:
    """A stacked bar chart of documents per period and channel (colour and hatch per channel)."""
    counts = timeline_counts(docs, start, end)
    fig = Figure(figsize=(9, 3.2), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    x = np.arange(len(counts))
    bottom = np.zeros(len(counts))
    for channel in counts.columns:
        heights = counts[channel].to_numpy()
        if heights.any():
            style = CHANNEL_STYLE[channel]
            ax.bar(x, heights, bottom=bottom, width=0.85, color=style["color"], hatch=style["hatch"],
                   edgecolor="white", linewidth=0.5, label=channel)
            bottom += heights
    step = max(1, len(counts) // 10)
    ax.set_xticks(x[::step], [day_label(d) for d in counts.index[::step]], rotation=30, ha="right", fontsize=8)
    ax.set_xlim(-0.6, len(counts) - 0.4)
    ax.set_ylabel("Number of documents")
    ax.set_xlabel(f"{(counts.index.name or 'day').capitalize()} (as dated by the writer)")
    ax.set_title(title if counts.index.name == "day" else title.replace("per day", f"per {counts.index.name}"))
    if bottom.any():
        ax.legend(title="Channel", fontsize=8, title_fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    else:
        ax.text(0.5, 0.5, "No documents match", transform=ax.transAxes, ha="center", va="center")
    ax.spines[["top", "right"]].set_visible(False)
    fig.text_alternative = describe_timeline(counts)
    return fig


def timeline_svg(counts: pd.DataFrame, width: int = 760, height: int = 170) -> str:
    """The same timeline as a small inline SVG string, fast enough to redraw on every filter change.

    It carries ``role="img"``, a ``<title>`` and an aria-label with :func:`describe_timeline`, and
    a pattern per channel so that channels differ without colour.
    """
    description = describe_timeline(counts)
    left, right, top, bottom_margin = 28, 8, 8, 44
    plot_w, plot_h = width - left - right, height - top - bottom_margin
    values = counts.to_numpy()
    totals = values.sum(axis=1)
    peak = max(int(totals.max()) if len(totals) else 0, 1)
    n = max(len(counts), 1)
    bar_w = plot_w / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-label="{html.escape(description)}"><title>{html.escape(description)}</title><defs>'
    ]
    for i, channel in enumerate(counts.columns):
        pattern = _SVG_PATTERNS[i % len(_SVG_PATTERNS)]
        parts.append(
            f'<pattern id="p{i}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{CHANNEL_STYLE[channel]["color"]}"/>{pattern}</pattern>'
        )
    parts.append("</defs>")
    scale = plot_h / peak
    for col_index in range(values.shape[1]):
        column = values[:, col_index]
        below = values[:, :col_index].sum(axis=1)
        for row in np.flatnonzero(column):
            h = column[row] * scale
            y = top + plot_h - (below[row] + column[row]) * scale
            parts.append(
                f'<rect x="{left + row * bar_w + 0.5:.1f}" y="{y:.1f}" width="{max(bar_w - 1, 1):.1f}" '
                f'height="{h:.1f}" fill="url(#p{col_index})"/>'
            )
    axis_y = top + plot_h
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{width - right}" y2="{axis_y}" stroke="#333"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 8}" font-size="10" text-anchor="end">{peak}</text>')
    parts.append(f'<text x="{left - 4}" y="{axis_y}" font-size="10" text-anchor="end">0</text>')
    step = max(1, n // 7)
    for row in range(0, len(counts), step):
        parts.append(
            f'<text x="{left + row * bar_w:.1f}" y="{axis_y + 13}" font-size="10">'
            f"{html.escape(day_label(counts.index[row]))}</text>"
        )
    x = left
    for i, channel in enumerate(counts.columns):
        if counts[channel].any():
            parts.append(f'<rect x="{x}" y="{height - 16}" width="12" height="12" fill="url(#p{i})" stroke="#333" stroke-width="0.5"/>')
            parts.append(f'<text x="{x + 15}" y="{height - 6}" font-size="10">{html.escape(channel)}</text>')
            x += 22 + 6.2 * len(channel)
    parts.append("</svg>")
    return "".join(parts)


def who_wrote_to_whom_counts(docs: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Sender (rows) by recipient (columns) counts for the ``top`` most frequent actors of each kind."""
    pairs = [(s, r) for senders, recipients in zip(docs["sender"], docs["recipients"]) for s in senders for r in recipients]
    frame = pd.DataFrame(pairs, columns=["sender", "recipient"])
    if frame.empty:
        return pd.DataFrame()
    senders = frame["sender"].value_counts().head(top).index
    recipients = frame["recipient"].value_counts().head(top).index
    table = pd.crosstab(frame["sender"], frame["recipient"]).reindex(index=senders, columns=recipients, fill_value=0)
    table.index.name, table.columns.name = "sender", "recipient"
    return table


def describe_who_wrote_to_whom(counts: pd.DataFrame, names: dict | None = None) -> str:
    """The text alternative of :func:`who_wrote_to_whom`."""
    if counts.empty:
        return "No documents with both a sender and a recipient."
    names = names or {}
    stacked = counts.stack().sort_values(ascending=False)
    top = [f"{names.get(s, s)} to {names.get(r, r)} ({n})" for (s, r), n in stacked.head(4).items() if n]
    return (f"A grid of {counts.shape[0]} senders by {counts.shape[1]} recipients; each cell gives the number of "
            f"documents. The busiest lines are: {'; '.join(top)}.")


def who_wrote_to_whom(docs: pd.DataFrame, names: dict | None = None, top: int = 12,
                      title: str = "Who wrote to whom") -> Figure:
    """A grid of senders by recipients with the count written in every cell (reads without colour)."""
    counts = who_wrote_to_whom_counts(docs, top)
    names = names or {}
    fig = Figure(figsize=(9, 6.5), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    if counts.empty:
        ax.text(0.5, 0.5, "No documents with both a sender and a recipient", ha="center", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        values = counts.to_numpy()
        image = ax.imshow(values, cmap="cividis", aspect="auto")
        peak = values.max() or 1
        for (i, j), n in np.ndenumerate(values):
            ax.text(j, i, str(n) if n else "·", ha="center", va="center", fontsize=9,
                    color="black" if n > peak * 0.6 else "white")
        ax.set_xticks(range(counts.shape[1]), [names.get(r, r) for r in counts.columns], rotation=40, ha="right", fontsize=8)
        ax.set_yticks(range(counts.shape[0]), [names.get(s, s) for s in counts.index], fontsize=8)
        ax.set_xlabel("Recipient")
        ax.set_ylabel("Sender")
        fig.colorbar(image, ax=ax, label="Number of documents", shrink=0.7)
    ax.set_title(title)
    fig.text_alternative = describe_who_wrote_to_whom(counts, names)
    return fig


#: One colour, one hatch and one short label per list status (helpers.vocab.LIST_STATUSES). The label is
#: written in every cell, so the chart reads without colour; the hatch tells statuses apart in greyscale.
STATUS_STYLE = {
    "demanded": {"color": OKABE_ITO["vermillion"], "hatch": "", "label": "demanded"},
    "narrowed": {"color": OKABE_ITO["orange"], "hatch": "//", "label": "narrowed"},
    "dropped": {"color": OKABE_ITO["sky blue"], "hatch": "..", "label": "dropped"},
    "disputed": {"color": OKABE_ITO["reddish purple"], "hatch": "xx", "label": "disputed"},
    "accepted": {"color": OKABE_ITO["bluish green"], "hatch": "\\\\", "label": "accepted"},
    "removed": {"color": OKABE_ITO["blue"], "hatch": "++", "label": "removed"},
    "not-covered": {"color": OKABE_ITO["yellow"], "hatch": "--", "label": "not covered"},
}
assert set(STATUS_STYLE) == set(vocab.LIST_STATUSES), "every list status needs a style"

#: Marks appended to a cell's label for entries that are not read in so many words in the source.
EVIDENCE_MARKS = {"verified": "", "inferred": "*", "uncertain": "?"}


def status_matrix_figure(statuses, evidence, row_labels, column_labels, title, xlabel, ylabel, ax=None):
    """Draw a rows x columns frame of status names as labelled, hatched cells; return the Figure.

    ``statuses`` and ``evidence`` are DataFrames of the same shape (None = no entry, drawn blank).
    Each cell's text sits on a white box so it stays legible over any colour or hatch.
    """
    from matplotlib.patches import Patch, Rectangle

    n_rows, n_cols = statuses.shape
    if ax is None:
        fig = Figure(figsize=(1.05 * n_cols + 3.5, 0.42 * n_rows + 2.6))
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    for r in range(n_rows):
        for c in range(n_cols):
            status = statuses.iat[r, c]
            if not isinstance(status, str):  # no entry: None (or NaN from a hand-made frame)
                ax.add_patch(Rectangle((c, r), 1, 1, facecolor="white", edgecolor="0.85", linewidth=0.5))
                continue
            style = STATUS_STYLE[status]
            ax.add_patch(Rectangle((c, r), 1, 1, facecolor=style["color"], edgecolor="0.3",
                                   hatch=style["hatch"], linewidth=0.5))
            grade = evidence.iat[r, c]
            mark = EVIDENCE_MARKS.get(grade, "") if isinstance(grade, str) else ""
            ax.text(c + 0.5, r + 0.5, style["label"] + mark, ha="center", va="center", fontsize=6.5,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.8})
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([c + 0.5 for c in range(n_cols)], labels=column_labels, rotation=40, ha="right", fontsize=8)
    ax.set_yticks([r + 0.5 for r in range(n_rows)], labels=row_labels, fontsize=8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.tick_params(length=0)
    handles = [Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="0.3", label=s["label"])
               for s in STATUS_STYLE.values()]
    handles.append(Patch(facecolor="white", edgecolor="0.85", label="not mentioned"))
    ax.legend(handles=handles, title="Status (* inferred, ? uncertain)", loc="upper left",
              bbox_to_anchor=(1.01, 1.0), fontsize=7, title_fontsize=7, frameon=False)
    fig.tight_layout()
    return fig
