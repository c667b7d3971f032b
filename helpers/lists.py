"""The "offensive weapons" list as data: pure functions over the list tables, no widgets, no printing.

Why this module exists: the story of November 1962 is a list that changed. What the United States
said had to leave Cuba, what the Soviet Union agreed to, and what actually left are three different
things, and they moved on different days. These functions let a student line the versions up
(``list_matrix``), compare two of them (``diff_versions``) and stop the clock on one day
(``status_on``). ``plot_list_matrix`` draws the matrix and ``describe_list_matrix`` says the same in
words for readers who cannot see the chart.

Every function takes the frames it works on as optional arguments (``items``, ``versions``,
``entries``, as loaded by ``helpers.data``), so tests can pass small fixtures; without them the
kit's own tables are loaded once and cached.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from helpers import data, vocab
from helpers.data import day_label

__all__ = [
    "ListFrames",
    "COVERING",
    "load_frames",
    "item_label",
    "list_matrix",
    "evidence_matrix",
    "diff_versions",
    "status_on",
    "describe_list_matrix",
    "plot_list_matrix",
]

#: Statuses under which an item is still on the table: asked for, agreed to, or gone.
COVERING = ("demanded", "narrowed", "accepted", "removed")

#: Which versions speak for which column of ``status_on``.
US_SIDES = ("US",)
SOVIET_SIDES = ("USSR", "both")

#: The clock a time-zone-aware date-time is read in when it is turned into a day.
REFERENCE_TZ = "America/New_York"


class ListFrames(NamedTuple):
    """The three tables the list functions read: weapon items, list versions, list entries."""

    items: pd.DataFrame
    versions: pd.DataFrame
    entries: pd.DataFrame


@lru_cache(maxsize=1)
def _kit_frames() -> ListFrames:
    """The kit's own tables, read from disk once per session (widget callbacks never read disk)."""
    return ListFrames(data.load_weapon_items(), data.load_list_versions(), data.load_list_entries())


def load_frames(items=None, versions=None, entries=None) -> ListFrames:
    """The frames to work on: those given, the kit's cached tables for the rest."""
    if items is None or versions is None or entries is None:
        kit = _kit_frames()
        items = kit.items if items is None else items
        versions = kit.versions if versions is None else versions
        entries = kit.entries if entries is None else entries
    return ListFrames(items, versions, entries)


def item_label(name: str) -> str:
    """A short label for an item: its name without the bracketed detail ("Bomber aircraft (IL-28)")."""
    return name.split(" (")[0]


# --------------------------------------------------------------------------- the matrix


def _pivot(frames: ListFrames, column: str) -> pd.DataFrame:
    """Items x versions of one entry column; an item a version does not mention is None."""
    cells = {(v, i): str(value) for v, i, value in
             zip(frames.entries["version_id"], frames.entries["item_id"], frames.entries[column])}
    item_ids, version_ids = list(frames.items["item_id"]), list(frames.versions["version_id"])
    table = pd.DataFrame({v: [cells.get((v, i)) for i in item_ids] for v in version_ids}, index=item_ids,
                         dtype=object)
    table.index.name = "item_id"
    table.columns.name = "version_id"
    return table


def list_matrix(items=None, versions=None, entries=None) -> pd.DataFrame:
    """Items (rows, in the order of weapon_items.csv) x versions (columns, in date order) of statuses.

    A cell is None where the version does not mention the item at all; "not-covered" is kept for a
    version that should have spoken of it and did not (the letters of 27/28 Oct).
    """
    return _pivot(load_frames(items, versions, entries), "status")


def evidence_matrix(items=None, versions=None, entries=None) -> pd.DataFrame:
    """Same shape as ``list_matrix``: how firmly each cell rests on its source."""
    return _pivot(load_frames(items, versions, entries), "evidence")


# --------------------------------------------------------------------------- diff


def _check_version(version_id, known: list[str], name: str) -> None:
    if not isinstance(version_id, str) or version_id not in known:
        close = difflib.get_close_matches(str(version_id), known, n=3, cutoff=0.4)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        raise ValueError(f"{name} {version_id!r} is not a version id{hint}. Known versions: {', '.join(known)}")


def _change(status_a, status_b) -> str:
    """How an item moved between two versions, in the words of the issue: added, dropped, narrowed, kept."""
    on_a, on_b = status_a in COVERING, status_b in COVERING
    if not on_a and not on_b:
        return "not-listed"
    if not on_a:
        return "added"
    if not on_b:
        return "dropped"
    if status_a == status_b:
        return "kept"
    if status_b == "narrowed":
        return "narrowed"
    return "changed"


def diff_versions(a: str, b: str, items=None, versions=None, entries=None) -> pd.DataFrame:
    """What changed for each item from version ``a`` to version ``b``, with the wording on each side.

    One row per item that either version mentions, in item order. ``change`` is one of
    added, dropped, narrowed, kept, changed (still on the table in another form, e.g. accepted then
    removed) or not-listed (mentioned, but on the table in neither, e.g. dropped in both).
    """
    frames = load_frames(items, versions, entries)
    known = list(frames.versions["version_id"])
    _check_version(a, known, "a")
    _check_version(b, known, "b")
    by_version = {v: group.set_index("item_id") for v, group in frames.entries.groupby("version_id", observed=True)}
    side_a = by_version.get(a, pd.DataFrame(columns=["status", "wording"]))
    side_b = by_version.get(b, pd.DataFrame(columns=["status", "wording"]))
    rows = []
    for item_id, name in zip(frames.items["item_id"], frames.items["name"]):
        if item_id not in side_a.index and item_id not in side_b.index:
            continue
        status_a = str(side_a.loc[item_id, "status"]) if item_id in side_a.index else None
        status_b = str(side_b.loc[item_id, "status"]) if item_id in side_b.index else None
        rows.append({
            "item_id": item_id,
            "name": name,
            "change": _change(status_a, status_b),
            "status_a": status_a,
            "status_b": status_b,
            "wording_a": side_a.loc[item_id, "wording"] if item_id in side_a.index else None,
            "wording_b": side_b.loc[item_id, "wording"] if item_id in side_b.index else None,
        })
    result = pd.DataFrame(rows, columns=["item_id", "name", "change", "status_a", "status_b", "wording_a", "wording_b"],
                          dtype=object)
    result.attrs.update(a=a, b=b)
    return result


# --------------------------------------------------------------------------- a day


def _as_day(day) -> pd.Timestamp:
    """A calendar day from '1962-11-07', a date, or a datetime (an aware one read in Washington time)."""
    if isinstance(day, str):
        try:
            return pd.Timestamp(date.fromisoformat(day.strip()[:10]))
        except ValueError:
            raise ValueError(f"day {day!r} is not a date like 1962-11-07") from None
    if isinstance(day, datetime):  # also pd.Timestamp
        stamp = pd.Timestamp(day)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(REFERENCE_TZ).tz_localize(None)
        return stamp.normalize()
    if isinstance(day, date):
        return pd.Timestamp(day)
    raise ValueError(f"day must be a date, a datetime or an ISO string like 1962-11-07, not {day!r}")


def _latest(entries: pd.DataFrame, item_id: str) -> pd.Series | None:
    """The last entry for an item among entries already in date order (None if there is none)."""
    rows = entries[entries["item_id"] == item_id]
    return None if rows.empty else rows.iloc[-1]


def status_on(day, items=None, versions=None, entries=None) -> pd.DataFrame:
    """For each item, where things stood at the end of ``day``: US demand, Soviet position, removal.

    - ``us_demand``: the latest US list's status for the item (removal records aside);
    - ``soviet_position``: the latest Soviet or jointly held text's status (the letters of 27/28 Oct,
      the Soviet positions, the settlement of 20 Nov, the joint letter);
    - ``removal``: "removed" once any version records the item as gone, else None.

    Each has a ``*_version`` column (which version said so) and an ``*_evidence`` column. A version
    counts from its own date on; later research (side "research") is hindsight and feeds no column.
    """
    frames = load_frames(items, versions, entries)
    cutoff = _as_day(day)
    in_force = frames.versions[frames.versions["date"] <= cutoff]
    dated = frames.entries.merge(in_force[["version_id", "date", "side"]], on="version_id")
    rank = {v: i for i, v in enumerate(frames.versions["version_id"])}
    dated = dated.assign(rank=dated["version_id"].map(rank)).sort_values("rank", kind="stable")
    positions = dated[dated["status"] != "removed"]
    columns = {
        "us": positions[positions["side"].isin(US_SIDES)],
        "soviet": positions[positions["side"].isin(SOVIET_SIDES)],
        "removal": dated[dated["status"] == "removed"],
    }
    rows = []
    for item_id, name in zip(frames.items["item_id"], frames.items["name"]):
        row = {"item_id": item_id, "name": name}
        for key, status_column in (("us", "us_demand"), ("soviet", "soviet_position"), ("removal", "removal")):
            entry = _latest(columns[key], item_id)
            row[status_column] = None if entry is None else str(entry["status"])
            row[f"{key}_version"] = None if entry is None else entry["version_id"]
            row[f"{key}_evidence"] = None if entry is None else str(entry["evidence"])
        rows.append(row)
    result = pd.DataFrame(rows, dtype=object).set_index("item_id")
    result.attrs["day"] = cutoff
    return result[["name", "us_demand", "us_version", "us_evidence", "soviet_position", "soviet_version",
                   "soviet_evidence", "removal", "removal_version", "removal_evidence"]]


# --------------------------------------------------------------------------- words and picture




def describe_list_matrix(items=None, versions=None, entries=None) -> str:
    """The chart in words: one sentence per version listing the items under each status."""
    frames = load_frames(items, versions, entries)
    matrix = list_matrix(*frames)
    labels = dict(zip(frames.items["item_id"], frames.items["name"].map(item_label)))
    first, last = frames.versions["date"].min(), frames.versions["date"].max()
    lines = [
        f"The chart has one row for each of {len(matrix.index)} weapon items and one column for each of "
        f"{len(matrix.columns)} versions of the list, from {day_label(first)} to {day_label(last)}. "
        "Each cell names the version's status for the item; an empty cell means the version does not "
        "mention it; * marks an inferred entry and ? an uncertain one."
    ]
    for _, version in frames.versions.iterrows():
        column = matrix[version["version_id"]].dropna()
        parts = []
        for status in vocab.LIST_STATUSES:
            names = [labels[i] for i, s in column.items() if s == status]
            if names:
                parts.append(f"{status}: {', '.join(names)}")
        said = "; ".join(parts) if parts else "no items"
        lines.append(f"{day_label(version['date'])}, {version['version_id']} ({version['side']}): {said}.")
    return "\n".join(lines)


def plot_list_matrix(items=None, versions=None, entries=None, ax=None):
    """A heatmap of ``list_matrix`` that reads in greyscale: each cell carries its status in words
    and a hatch, colour only repeats them. Returns the matplotlib Figure.

    The drawing lives in ``helpers.plots`` (the one place that knows colours and matplotlib); this
    function only assembles the data, so importing helpers.lists never pulls in matplotlib.
    """
    from helpers import plots

    frames = load_frames(items, versions, entries)
    item_labels = list(frames.items["name"].map(item_label))
    version_labels = list(frames.versions["version_id"])
    return plots.status_matrix_figure(
        list_matrix(*frames),
        evidence_matrix(*frames),
        row_labels=item_labels,
        column_labels=version_labels,
        title="The 'offensive weapons' list, version by version (Oct 1962 - Jan 1963)",
        xlabel="Version of the list, in date order",
        ylabel="Weapon item",
        ax=ax,
    )
