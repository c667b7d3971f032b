"""The list tracker: a date slider that shows where the list stood on a day, beside that day's documents.

Why a widget: the list's story is about timing (the Soviets reject the US list on 5 Nov, Washington
retreats on 7 Nov, the bombers are conceded on 20 Nov), and a slider lets a student feel that
sequence. The widget is a thin layer: every number it shows comes from ``helpers.lists.status_on``
and ``helpers.filters.filter_documents``, computed from frames loaded once when the widget is built;
a callback never reads a file. All text that comes from the data is HTML-escaped before display.

Drive it from Python (tests, notebooks)::

    tracker = list_tracker(docs)
    tracker.slider.value = date(1962, 11, 7)
    tracker.current        # the status_on frame for that day
    tracker.documents      # that day's documents
"""

from __future__ import annotations

import html
from datetime import date

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display

from helpers import filters, lists
from helpers.data import day_label

__all__ = ["ListTracker", "list_tracker"]

COLUMNS = (("us_demand", "us", "US demand"), ("soviet_position", "soviet", "Soviet position"),
           ("removal", "removal", "Removal"))




def _days(versions: pd.DataFrame) -> list[date]:
    """Every calendar day from the first version of the list to the last."""
    span = pd.date_range(versions["date"].min(), versions["date"].max(), freq="D")
    return [stamp.date() for stamp in span]


def _cell(status, version_id, evidence, version_dates: dict) -> str:
    """One status cell: the status, and in small print which version said it and how firmly."""
    if not isinstance(status, str):
        return '<td style="color:#666">nothing on record</td>'
    since = version_dates.get(version_id)
    detail = f"{version_id}" + (f", {day_label(since)}" if since else "")
    if evidence and evidence != "verified":
        detail += f"; {evidence}"
    return (f"<td><strong>{html.escape(status)}</strong><br>"
            f'<span style="font-size:smaller;color:#444">{html.escape(detail)}</span></td>')


def status_table_html(current: pd.DataFrame, version_dates: dict) -> str:
    """The status_on frame as an accessible HTML table (caption, header cells with scope)."""
    day = current.attrs.get("day")
    caption = f"Where the list stood at the end of {day_label(day.date())}" if day is not None else "Status"
    head = "".join(f'<th scope="col">{label}</th>' for _, _, label in COLUMNS)
    rows = []
    for _, row in current.iterrows():
        cells = "".join(_cell(row[status], row[f"{key}_version"], row[f"{key}_evidence"], version_dates)
                        for status, key, _ in COLUMNS)
        rows.append(f'<tr><th scope="row" style="text-align:left">{html.escape(str(row["name"]))}</th>{cells}</tr>')
    return (f'<table style="border-collapse:collapse"><caption style="text-align:left"><strong>'
            f"{html.escape(caption)}</strong></caption>"
            f'<thead><tr><th scope="col">Weapon item</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def documents_html(documents: pd.DataFrame, day: date) -> str:
    """That day's documents as an HTML list: date, title and id, all escaped."""
    heading = f"Documents of {day_label(day)} ({len(documents)})"
    if documents.empty:
        return f"<h4>{html.escape(heading)}</h4><p>No document in the kit is dated to this day.</p>"
    items = []
    for _, doc in documents.iterrows():
        title = doc["title"] if isinstance(doc["title"], str) and doc["title"] else str(doc["doc_type"]).capitalize()
        items.append(f"<li><strong>{html.escape(title)}</strong><br>"
                     f'<span style="font-size:smaller">{html.escape(str(doc["date_label"]))} &middot; '
                     f"{html.escape(str(doc['doc_id']))} &middot; {html.escape(str(doc['side']))}</span></li>")
    return f"<h4>{html.escape(heading)}</h4><ul>{''.join(items)}</ul>"


class ListTracker(widgets.VBox):
    """A labelled date slider over 22 Oct 1962 - 7 Jan 1963 and one output area.

    ``slider`` (the SelectionSlider), ``output`` (the Output widget), ``current`` (the status_on
    frame for the day shown), ``documents`` (that day's documents) and ``html`` (what was last
    displayed) are public so tests and notebooks can drive and read it.
    """

    def __init__(self, docs: pd.DataFrame, start=None, items=None, versions=None, entries=None):
        self.frames = lists.load_frames(items, versions, entries)  # read once; callbacks never touch disk
        self.docs = docs
        self._version_dates = {v: d.date() for v, d in zip(self.frames.versions["version_id"],
                                                           self.frames.versions["date"])}
        days = _days(self.frames.versions)
        first = days[0] if start is None else pd.Timestamp(start).date()
        if first not in days:
            raise ValueError(f"start {start!r} is outside the tracker's range {days[0]} to {days[-1]}")
        self.slider = widgets.SelectionSlider(
            options=[(day_label(d), d) for d in days],
            value=first,
            description="Day shown:",
            tooltip="Choose a day to see the US demand, the Soviet position and the removals on that day",
            continuous_update=False,
            readout=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="95%"),
        )
        self.output = widgets.Output(layout=widgets.Layout(border="1px solid #ccc", padding="4px"))
        self.current: pd.DataFrame | None = None
        self.documents: pd.DataFrame | None = None
        self.html = ""
        intro = widgets.HTML(
            "<p>Move the slider to a day: the table shows, for each weapon item, the latest US demand, "
            "the latest Soviet (or jointly held) position and whether it had left Cuba; the documents "
            "of that day are listed beside it.</p>"
        )
        super().__init__([intro, self.slider, self.output])
        self.slider.observe(self._on_day, names="value")
        self.show(first)

    def _on_day(self, change) -> None:
        self.show(change["new"])

    def show(self, day: date) -> None:
        """Recompute from the frames in memory and redraw the output area for ``day``."""
        self.current = lists.status_on(day, *self.frames)
        self.documents = filters.filter_documents(self.docs, start=day, end=day)
        self.html = (
            '<div style="display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start">'
            f'<div style="flex:2 1 28em">{status_table_html(self.current, self._version_dates)}</div>'
            f'<div style="flex:1 1 18em">{documents_html(self.documents, day)}</div></div>'
        )
        with self.output:
            self.output.clear_output(wait=True)
            display(HTML(self.html))


def list_tracker(docs: pd.DataFrame, start=None, items=None, versions=None, entries=None) -> ListTracker:
    """Build the tracker over ``docs`` (from ``helpers.data.load_documents()``)."""
    return ListTracker(docs, start=start, items=items, versions=versions, entries=entries)
