"""The explorer: filter the document table with widgets that answer at once.

A thin layer over ``helpers.filters`` and ``helpers.plots``: every control calls one ``update``
that recomputes from frames already in memory (nothing is read from disk in a callback), and
each result area has one Output (or HTML) widget. Everything taken from the data is HTML-escaped
before it is shown. The students' selection stays readable from Python: ``explorer.filtered``
(a DataFrame) and ``explorer.filters`` (the values of the controls).

    from helpers.explorer import explore
    explorer = explore()          # shows the app in a notebook or in Voila
    explorer.filtered             # the rows the student has chosen
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, display

from helpers import vocab
from helpers.data import DOCUMENT_COLUMNS, load_actors, load_documents, load_weapon_items
from helpers.filters import filter_documents, prepare_index
from helpers.plots import timeline_counts, timeline_svg

__all__ = ["DocumentExplorer", "explore", "documents_table_html", "document_card_html", "export_csv",
           "name_lookups", "new_file_path", "compare", "compare_html"]

#: Where Export writes unless told otherwise: a folder in the user's home, never the kit itself.
DEFAULT_EXPORT_DIR = Path.home() / "nov1962-kit-exports"

_ROLE_OPTIONS = [("any role", "any"), ("sender", "sender"), ("recipient", "recipient"), ("mentioned", "mentioned")]
_WIDE = widgets.Layout(width="95%")
_LABEL_STYLE = {"description_width": "90px"}


def _e(value) -> str:
    """HTML-escape anything that came from the data."""
    return html.escape("" if value is None else str(value), quote=True)


def name_lookups(actors: pd.DataFrame | None = None, weapon_items: pd.DataFrame | None = None) -> tuple[dict, dict]:
    """(actor id -> name, weapon item id -> name), the lookups every card and table uses."""
    actors = load_actors() if actors is None else actors
    weapon_items = load_weapon_items() if weapon_items is None else weapon_items
    return dict(zip(actors["actor_id"], actors["name"])), dict(zip(weapon_items["item_id"], weapon_items["name"]))


def _names(ids, names: dict) -> str:
    return ", ".join(names.get(i, i) for i in ids) if len(ids) else "-"


# --------------------------------------------------------------------------- pure renderers


def _table_row_html(row, names: dict, weapon_names: dict) -> str:
    title = row.title if isinstance(row.title, str) else "(heading not checked)"
    return (
        "<tr>"
        f'<td style="padding:2px 6px;white-space:nowrap">{_e(row.date_label)}</td>'
        f'<td style="padding:2px 6px">{_e(_names(row.sender, names))} &rarr; {_e(_names(row.recipients, names))}</td>'
        f'<td style="padding:2px 6px">{_e(title)} <small>({_e(row.doc_id)})</small></td>'
        f'<td style="padding:2px 6px">{_e(row.channel)}</td>'
        f'<td style="padding:2px 6px">{_e(_names(row.weapons, weapon_names))}</td>'
        "</tr>"
    )


def table_rows_html(docs: pd.DataFrame, names: dict, weapon_names: dict) -> dict:
    """Each document's table row, rendered once so that redrawing the table is only a join."""
    return {row.doc_id: _table_row_html(row, names, weapon_names) for row in docs.itertuples(index=False)}


_TABLE_HEAD = (
    '<table class="nov1962-table" style="border-collapse:collapse;font-size:0.9em">'
    "<caption style='text-align:left'>Matching documents, in date order</caption><thead><tr>"
    + "".join(
        f'<th scope="col" style="text-align:left;border-bottom:1px solid #888;padding:2px 6px">{h}</th>'
        for h in ("Date", "From &rarr; to", "Title", "Channel", "Weapons")
    )
    + "</tr></thead><tbody>"
)


def documents_table_html(rows: pd.DataFrame, names: dict, weapon_names: dict, limit: int = 200,
                         rendered: dict | None = None) -> str:
    """The matching rows as an accessible HTML table (date, sender -> recipients, title, channel, weapons).

    ``rendered`` (from :func:`table_rows_html`) lets the explorer reuse rows it rendered before.
    """
    if rows.empty:
        return "<p><em>No documents match these filters. Widen the dates or remove a filter.</em></p>"
    shown = rows.head(limit)
    if rendered is None:
        rendered = table_rows_html(shown, names, weapon_names)
    parts = [_TABLE_HEAD, *(rendered[doc_id] for doc_id in shown["doc_id"]), "</tbody></table>"]
    if len(rows) > limit:
        parts.append(f"<p><em>Showing the first {limit} of {len(rows)}. Narrow the filters to see the rest.</em></p>")
    return "".join(parts)


def document_card_html(row: pd.Series, names: dict, weapon_names: dict) -> str:
    """A document's card: metadata, source citation and link, summary, notes and any full text."""
    def field(label, value):
        return f"<tr><th scope='row' style='text-align:left;padding:1px 8px 1px 0;vertical-align:top'>{label}</th><td>{value}</td></tr>"

    title = row["title"] if isinstance(row["title"], str) else "(heading not checked; see notes)"
    url = _e(row["source_url"])
    parts = [
        f"<h3 style='margin:0.3em 0'>{_e(title)}</h3>",
        "<table style='font-size:0.92em'>",
        field("Id", _e(row["doc_id"]) + (f" (also printed as {_e(', '.join(row['also_printed']))})" if row["also_printed"] else "")),
        field("Date", _e(row["date_label"]) + (f", {_e(row['place'])}" if isinstance(row["place"], str) else "")),
        field("Type", _e(row["doc_type"])),
        field("From", _e(_names(row["sender"], names))),
        field("To", _e(_names(row["recipients"], names))),
        field("Mentions", _e(_names(row["mentioned"], names))),
        field("Side / channel", f"{_e(row['side'])} / {_e(row['channel'])}"),
    ]
    for label, column in (("Telegram no.", "telegram_number"), ("Classification", "classification"),
                          ("Archive", "archive_citation"), ("Translation", "translation")):
        if isinstance(row[column], str):
            parts.append(field(label, _e(row[column])))
    parts += [
        field("Source", f"{_e(row['source_citation'])}: <a href='{url}' target='_blank' rel='noopener noreferrer'>{url}</a>"),
        field("Weapons", _e(_names(row["weapons"], weapon_names))),
        field("Issues", _e(", ".join(row["issues"]) or "-")),
        "</table>",
        f"<p><strong>Summary (the kit's words):</strong> {_e(row['summary'])}</p>",
    ]
    if isinstance(row["notes"], str):
        parts.append(f"<p><strong>Notes:</strong> {_e(row['notes'])}</p>")
    if isinstance(row.get("full_text"), str):
        parts.append(
            "<details open><summary><strong>Full text</strong></summary>"
            f"<pre style='white-space:pre-wrap;font-size:0.9em'>{_e(row['full_text'])}</pre></details>"
        )
    else:
        parts.append(f"<p><em>The kit has no full text of this document; read it at the source link above.</em></p>")
    return "".join(parts)


def new_file_path(folder: Path, name: str, suffix: str) -> Path:
    """A new file path in ``folder``: a safe stem from ``name``, with -1, -2, ... if the name is taken."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(name or "documents").stem).strip("._") or "documents"
    folder = Path(folder).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}{suffix}"
    counter = 1
    while target.exists():
        target = folder / f"{stem}-{counter}{suffix}"
        counter += 1
    return target


def export_csv(rows: pd.DataFrame, folder: Path, name: str) -> Path:
    """Write ``rows`` as CSV in the documents.csv layout to ``folder``; never overwrite a file.

    The name is reduced to safe characters; if the file exists, ``-1``, ``-2``, ... is added.
    """
    target = new_file_path(folder, name, ".csv")
    table = pd.DataFrame(index=rows.index)
    for column in (c.name for c in DOCUMENT_COLUMNS):
        values = rows[column]
        if column in ("date_min", "date_max"):
            table[column] = values.map(lambda t: t.isoformat())
        elif values.map(lambda v: isinstance(v, list)).any():
            table[column] = values.map(lambda v: vocab.LIST_SEPARATOR.join(v))
        else:
            table[column] = values
    with open(target, "x", newline="", encoding="utf-8") as handle:  # "x": fail rather than overwrite
        table.to_csv(handle, index=False)
    return target


# --------------------------------------------------------------------------- the app


class DocumentExplorer:
    """An ipywidgets app over the document table: filters, a live count, a table, a timeline, cards."""

    def __init__(self, docs: pd.DataFrame | None = None, actors: pd.DataFrame | None = None,
                 weapon_items: pd.DataFrame | None = None, export_dir: str | Path | None = None,
                 max_rows: int = 200):
        self.docs = load_documents() if docs is None else docs
        self.names, self.weapon_names = name_lookups(actors, weapon_items)
        self.export_dir = Path(export_dir) if export_dir is not None else DEFAULT_EXPORT_DIR
        self.max_rows = max_rows
        self._by_id = self.docs.set_index("doc_id", drop=False)
        self._row_html = table_rows_html(self.docs, self.names, self.weapon_names)
        self._index = prepare_index(self.docs)
        self._updating = False
        self._shown_in_cell = None
        self.card_html = ""
        self.current_doc_id: str | None = None
        self.error: str | None = None

        self.first_day = self.docs["day_min"].min().date() if len(self.docs) else date(1962, 10, 22)
        self.last_day = self.docs["day_max"].max().date() if len(self.docs) else date(1963, 1, 7)
        self.days = [d.date() for d in pd.date_range(self.first_day, self.last_day, freq="D")]
        self._build_widgets()
        self.filtered = self.docs
        self.update()

    # ------------------------------------------------------------------ widgets

    def _build_widgets(self) -> None:
        day_options = [(f"{d.day} {d:%b %Y}", d) for d in self.days]
        self.date_range = widgets.SelectionRangeSlider(
            options=day_options, index=(0, len(day_options) - 1), description="Dates",
            continuous_update=False, layout=_WIDE, style=_LABEL_STYLE,
            tooltip="Choose the first and last day of documents to show")
        self.start_picker = widgets.DatePicker(value=self.first_day, description="From", style=_LABEL_STYLE)
        self.end_picker = widgets.DatePicker(value=self.last_day, description="To", style=_LABEL_STYLE)
        used = sorted({a for column in ("sender", "recipients", "mentioned") for ids in self.docs[column] for a in ids})
        self.actor_input = widgets.TagsInput(
            value=[], allowed_tags=used, allow_duplicates=False, description="Actors",
            placeholder="type a name, then Tab", tooltip="Actors: people or offices (type an id such as kuznetsov, then press Tab)", style=_LABEL_STYLE)
        self.role = widgets.ToggleButtons(options=_ROLE_OPTIONS, value="any", description="Role", style=_LABEL_STYLE,
                                          tooltip="How the chosen actors appear in the document")
        self.sides = widgets.SelectMultiple(options=list(vocab.SIDES), rows=4, description="Side", style=_LABEL_STYLE)
        self.channels = widgets.SelectMultiple(options=list(vocab.CHANNELS), rows=8, description="Channel", style=_LABEL_STYLE)
        present_types = [t for t in vocab.DOC_TYPES if (self.docs["doc_type"] == t).any()] or list(vocab.DOC_TYPES)
        self.doc_types = widgets.SelectMultiple(options=present_types, rows=8, description="Type", style=_LABEL_STYLE)
        self.weapons = widgets.SelectMultiple(options=[(name, item) for item, name in self.weapon_names.items()],
                                              rows=8, description="Weapons", style=_LABEL_STYLE,
                                              layout=widgets.Layout(width="420px"))
        self.keyword = widgets.Text(value="", description="Keyword", placeholder="e.g. IL-28 (press Enter)",
                                    continuous_update=False, style=_LABEL_STYLE)
        self.reset_button = widgets.Button(description="Reset filters", icon="undo", tooltip="Show every document again")
        self.count = widgets.HTML()
        self.table_view = widgets.HTML()
        self.timeline_view = widgets.HTML()
        self.document_picker = widgets.Select(options=[], rows=8, description="Open", layout=_WIDE,
                                              style=_LABEL_STYLE, tooltip="Choose a document to read its card")
        self.card_output = widgets.Output()
        self.card_links = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.export_name = widgets.Text(value="my_documents.csv", description="File name", style=_LABEL_STYLE)
        self.export_button = widgets.Button(description="Export CSV", icon="download",
                                            tooltip="Save the matching documents as a CSV file in your own folder")
        self.export_status = widgets.HTML()

        for control in (self.actor_input, self.role, self.sides, self.channels, self.doc_types, self.weapons, self.keyword):
            control.observe(self._on_filter_change, names="value")
        # stable CSS hooks for browser tests and for styling in Voila
        for name, control in (("dates", self.date_range), ("from", self.start_picker), ("to", self.end_picker),
                              ("actors", self.actor_input), ("role", self.role), ("sides", self.sides),
                              ("channels", self.channels), ("types", self.doc_types), ("weapons", self.weapons),
                              ("keyword", self.keyword), ("reset", self.reset_button), ("count", self.count),
                              ("table", self.table_view), ("timeline", self.timeline_view),
                              ("open", self.document_picker), ("card", self.card_output),
                              ("export-name", self.export_name), ("export", self.export_button)):
            control.add_class(f"nov1962-{name}")
        self.date_range.observe(self._on_slider_change, names="value")
        self.start_picker.observe(self._on_picker_change, names="value")
        self.end_picker.observe(self._on_picker_change, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.document_picker.observe(self._on_pick, names="value")
        self.export_button.on_click(lambda _: self.export())

        filters = widgets.VBox([
            self.date_range,
            widgets.HBox([self.start_picker, self.end_picker]),
            widgets.HBox([widgets.Label("Actors", layout=widgets.Layout(width="90px", justify_content="flex-end")),
                          self.actor_input, self.role]),
            widgets.HBox([self.sides, self.channels]),
            widgets.HBox([self.doc_types, self.weapons]),
            widgets.HBox([self.keyword, self.reset_button]),
        ])
        self.widget = widgets.VBox([
            widgets.HTML("<h3 style='margin:0.2em 0'>Document explorer</h3>"),
            filters,
            self.count,
            self.timeline_view,
            self.table_view,
            self.document_picker,
            self.card_output,
            self.card_links,
            widgets.HBox([self.export_name, self.export_button]),
            self.export_status,
        ])

    def _ipython_display_(self):
        # explore() has already shown the app in this cell; don't show it twice
        if self._shown_in_cell is not None and self._shown_in_cell == _execution_count():
            return
        display(self.widget)

    # ------------------------------------------------------------------ state

    @property
    def filters(self) -> dict:
        """The current filter values, as keyword arguments for ``filter_documents``."""
        start, end = self.date_range.value
        return {
            "start": start,
            "end": end,
            "actors": list(self.actor_input.value) or None,
            "role": self.role.value,
            "sides": list(self.sides.value) or None,
            "channels": list(self.channels.value) or None,
            "doc_types": list(self.doc_types.value) or None,
            "weapons": list(self.weapons.value) or None,
            "text": self.keyword.value.strip() or None,
        }

    # ------------------------------------------------------------------ callbacks

    def _on_filter_change(self, _change=None) -> None:
        if not self._updating:
            self.update()

    def _on_slider_change(self, change) -> None:
        start, end = change["new"]
        self._updating = True
        try:
            self.start_picker.value, self.end_picker.value = start, end
        finally:
            self._updating = False
        self.update()

    def _on_picker_change(self, _change) -> None:
        if self._updating:
            return
        start = self.start_picker.value or self.first_day
        end = self.end_picker.value or self.last_day
        start = min(max(start, self.first_day), self.last_day)
        end = min(max(end, self.first_day), self.last_day)
        if start > end:
            self.count.value = "<span role='alert'>The start date is after the end date: change one of them.</span>"
            return
        self.date_range.index = (self.days.index(start), self.days.index(end))  # fires _on_slider_change

    def _on_pick(self, change) -> None:
        if change["new"]:
            self.open_document(change["new"])

    # ------------------------------------------------------------------ actions

    def update(self) -> None:
        """Recompute the selection and redraw the count, table, timeline and document list."""
        try:
            rows = filter_documents(self.docs, **self.filters, index=self._index)
        except ValueError as exc:
            self.error = str(exc)
            self.count.value = f"<span role='alert'>{_e(exc)}</span>"
            return
        self.error = None
        self.filtered = rows
        total = len(self.docs)
        self.count.value = (f"<p aria-live='polite'><strong>{len(rows)}</strong> of {total} documents</p>")
        self.table_view.value = documents_table_html(rows, self.names, self.weapon_names, self.max_rows, self._row_html)
        counts = timeline_counts(rows, self.first_day, self.last_day)
        self.timeline_view.value = timeline_svg(counts)
        head = rows.head(self.max_rows)
        options = [(f"{label} | {title if isinstance(title, str) else '(no heading)'}"[:150], doc_id)
                   for label, title, doc_id in zip(head["date_label"], head["title"], head["doc_id"])]
        self._updating = True
        try:
            self.document_picker.options = options
            self.document_picker.value = None
        finally:
            self._updating = False

    def open_document(self, doc_id: str) -> None:
        """Show the card of ``doc_id`` (any row of the table, even one outside the current filter)."""
        if doc_id not in self._by_id.index:
            raise ValueError(f"no document {doc_id!r} in the table")
        row = self._by_id.loc[doc_id]
        self.current_doc_id = doc_id
        self.card_html = document_card_html(row, self.names, self.weapon_names)
        with self.card_output:
            self.card_output.clear_output(wait=True)
            display(HTML(self.card_html))
        buttons = []
        for label, ids in (("cites", row["refs"]), ("cited by", row["cited_by"])):
            for ref in ids:
                button = widgets.Button(description=f"{label}: {ref}", tooltip=f"Open {ref}",
                                        layout=widgets.Layout(width="auto"))
                button.on_click(lambda _b, target=ref: self.open_document(target))
                buttons.append(button)
        self.card_links.children = buttons

    def reset(self) -> None:
        """Every control back to its start value, then one update."""
        self._updating = True
        try:
            self.date_range.index = (0, len(self.days) - 1)
            self.start_picker.value, self.end_picker.value = self.first_day, self.last_day
            self.actor_input.value = []
            self.role.value = "any"
            for control in (self.sides, self.channels, self.doc_types, self.weapons):
                control.value = ()
            self.keyword.value = ""
        finally:
            self._updating = False
        self.update()

    def export(self) -> Path:
        """Write the current selection to a new CSV file in the export folder and say where."""
        path = export_csv(self.filtered, self.export_dir, self.export_name.value)
        self.export_status.value = f"Saved {len(self.filtered)} documents to <code>{_e(path)}</code>"
        return path


def explore(docs: pd.DataFrame | None = None, **options) -> DocumentExplorer:
    """Show the document explorer (one line in a notebook: ``explorer = explore()``)."""
    explorer = DocumentExplorer(docs, **options)
    display(explorer.widget)
    explorer._shown_in_cell = _execution_count()
    return explorer


def _execution_count():
    try:
        from IPython import get_ipython

        shell = get_ipython()
        return getattr(shell, "execution_count", None) if shell is not None else None
    except ImportError:  # pragma: no cover
        return None


def compare_html(docs: pd.DataFrame, first: str, second: str, names: dict | None = None,
                 weapon_names: dict | None = None) -> str:
    """Two document cards side by side, for corroboration (same event, two records)."""
    if names is None or weapon_names is None:
        names, weapon_names = name_lookups()
    rows = docs.set_index("doc_id", drop=False)
    cells = "".join(
        f"<div style='flex:1;min-width:300px;border:1px solid #aaa;padding:0.5em;margin:0.2em'>"
        f"<p><strong>Record made by the {_e(rows.loc[doc_id, 'side'])} side</strong></p>"
        f"{document_card_html(rows.loc[doc_id], names, weapon_names)}</div>"
        for doc_id in (first, second)
    )
    return f"<div style='display:flex;flex-wrap:wrap'>{cells}</div>"


def compare(first: str, second: str, docs: pd.DataFrame | None = None) -> None:
    """Show two documents side by side in a notebook."""
    display(HTML(compare_html(load_documents() if docs is None else docs, first, second)))
