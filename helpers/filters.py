"""Select documents: pure functions on the document table, no widgets and no printing.

Why pure functions: the explorer, the list tracker, the notebooks and the tests all ask the same
questions of the table ("what did Kuznetsov say between 5 and 8 November?"), and they must get
the same answer. Each function takes a DataFrame from ``helpers.data.load_documents()`` and returns
a DataFrame with the same columns; nothing is read from disk.

Dates are intervals: a document matches a date range when its [date_min, date_max] interval
overlaps the range. A bare date (``"1962-11-07"``, ``datetime.date``) means the whole of that day
as the document's writer dated it (so a Moscow letter of 7 November is a 7 November document);
a time-zone-aware datetime compares instants; a naive datetime is read as Washington time.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime
from typing import Iterable

import numpy as np
import pandas as pd

from helpers import vocab

__all__ = ["filter_documents", "prepare_index", "DocumentIndex", "ROLES", "known_values", "as_day_bounds"]

ROLES = {
    "any": ("sender", "recipients", "mentioned"),
    "sender": ("sender",),
    "recipient": ("recipients",),
    "mentioned": ("mentioned",),
}

#: The clock a naive datetime is read in.
REFERENCE_TZ = "America/New_York"


def known_values(docs: pd.DataFrame, what: str) -> list[str]:
    """The vocabulary a filter value is checked against.

    The loader records the full lists (every actor in actors.csv, every weapon item) in
    ``docs.attrs``; a frame without them (a test's hand-made frame) falls back to the values
    that occur in it.
    """
    key = {"actors": "actor_ids", "weapons": "weapon_ids"}[what]
    if docs.attrs.get(key):
        return list(docs.attrs[key])
    columns = ROLES["any"] if what == "actors" else ("weapons",)
    return sorted({value for column in columns for values in docs[column] for value in values})


def _as_list(value, name: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise ValueError(f"{name} must be a string or a list of strings, not {value!r}") from None
    if not all(isinstance(v, str) for v in items):
        raise ValueError(f"{name} must contain strings only, got {items!r}")
    return items


def _check_vocabulary(values: list[str], allowed: Iterable[str], name: str) -> None:
    allowed = list(allowed)
    unknown = [v for v in values if v not in allowed]
    if unknown:
        hints = []
        for value in unknown:
            close = difflib.get_close_matches(value, allowed, n=3, cutoff=0.5)
            hints.append(f"{value!r}" + (f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""))
        raise ValueError(f"unknown {name}: {', '.join(hints)}. Known {name}: {', '.join(allowed)}")


def _bound(value, name: str):
    """Turn a start or end value into ("day", naive Timestamp) or ("instant", UTC Timestamp)."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                return "day", pd.Timestamp(date.fromisoformat(text))
            value = pd.Timestamp(text)
        except ValueError:
            raise ValueError(
                f"{name} {value!r} is not a date like 1962-11-07 or a date-time like 1962-11-07T21:32-05:00"
            ) from None
    if isinstance(value, datetime):  # also pd.Timestamp
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is None:
            stamp = stamp.tz_localize(REFERENCE_TZ)
        return "instant", stamp.tz_convert("UTC")
    if isinstance(value, date):
        return "day", pd.Timestamp(value)
    raise ValueError(f"{name} must be a date, a datetime or an ISO string, not {value!r}")


def _as_instant(bound, end: bool) -> pd.Timestamp:
    kind, stamp = bound
    if kind == "instant":
        return stamp
    edge = stamp + pd.Timedelta(days=1) - pd.Timedelta(seconds=1) if end else stamp
    return edge.tz_localize(REFERENCE_TZ).tz_convert("UTC")


def as_day_bounds(start, end):
    """Parse and check a (start, end) pair; each comes back None or (kind, Timestamp)."""
    lo = _bound(start, "start")
    hi = _bound(end, "end")
    if lo and hi:
        after = lo[1] > hi[1] if lo[0] == hi[0] == "day" else _as_instant(lo, False) > _as_instant(hi, True)
        if after:
            raise ValueError(f"start ({start}) is after end ({end}): swap them or widen the range")
    return lo, hi


class DocumentIndex:
    """Lookups prepared once for a frame, so that repeated filtering of a large table stays fast.

    Why: the explorer filters the same frame on every click. Searching 100,000 summaries or
    scanning 100,000 lists of actors each time is slow; looking up row positions is not. The
    index is plain derived data, passed explicitly to ``filter_documents(..., index=...)``.
    """

    def __init__(self, docs: pd.DataFrame):
        self.length = len(docs)
        self.first_last = (docs["doc_id"].iloc[0], docs["doc_id"].iloc[-1]) if len(docs) else None
        self.positions: dict[str, dict[str, np.ndarray]] = {}
        for column in ("sender", "recipients", "mentioned", "weapons"):
            lookup: dict[str, list[int]] = {}
            for position, values in enumerate(docs[column]):
                for value in values:
                    lookup.setdefault(value, []).append(position)
            self.positions[column] = {k: np.asarray(v, dtype=np.int64) for k, v in lookup.items()}
        parts = [docs[c].astype("object").fillna("") for c in ("title", "summary", "full_text") if c in docs]
        joined = parts[0].str.cat(parts[1:], sep="\n") if len(parts) > 1 else parts[0]
        self.text = [t.casefold() for t in joined]

    def matches(self, docs: pd.DataFrame) -> bool:
        first_last = (docs["doc_id"].iloc[0], docs["doc_id"].iloc[-1]) if len(docs) else None
        return self.length == len(docs) and self.first_last == first_last

    def membership(self, column: str, wanted: set[str]) -> np.ndarray:
        found = np.zeros(self.length, dtype=bool)
        for value in wanted:
            hits = self.positions[column].get(value)
            if hits is not None:
                found[hits] = True
        return found

    def contains(self, needle: str) -> np.ndarray:
        needle = needle.casefold()
        return np.fromiter((needle in text for text in self.text), dtype=bool, count=self.length)


def prepare_index(docs: pd.DataFrame) -> DocumentIndex:
    """Build the :class:`DocumentIndex` of ``docs`` (do it once, then filter many times)."""
    return DocumentIndex(docs)


def _membership(column: pd.Series, wanted: set[str]) -> np.ndarray:
    """Rows whose list cell shares at least one value with ``wanted``."""
    return np.fromiter((not wanted.isdisjoint(cell) for cell in column), dtype=bool, count=len(column))


def filter_documents(
    docs: pd.DataFrame,
    start=None,
    end=None,
    actors=None,
    role: str = "any",
    sides=None,
    channels=None,
    doc_types=None,
    weapons=None,
    text: str | None = None,
    index: DocumentIndex | None = None,
) -> pd.DataFrame:
    """The rows of ``docs`` that match every given condition, in date order, same columns.

    - ``start``/``end``: the document's interval overlaps [start, end] (see the module docstring).
    - ``actors`` (one id or several) with ``role`` "sender", "recipient", "mentioned" or "any":
      the document involves any of them in that role.
    - ``sides``, ``channels``, ``doc_types``, ``weapons``: any-of membership.
    - ``text``: case-insensitive search in title, summary and full text.

    Bad values raise ``ValueError`` saying what would be right; no match gives an empty frame.
    ``index`` (from :func:`prepare_index` on the same frame) only makes repeated calls faster.
    """
    if index is not None and not index.matches(docs):
        raise ValueError("the index was prepared for another frame; call prepare_index(docs) again")
    mask = np.ones(len(docs), dtype=bool)

    lo, hi = as_day_bounds(start, end)
    if lo:
        kind, stamp = lo
        mask &= (docs["day_max"] >= stamp).to_numpy() if kind == "day" else (docs["date_max"] >= stamp).to_numpy()
    if hi:
        kind, stamp = hi
        mask &= (docs["day_min"] <= stamp).to_numpy() if kind == "day" else (docs["date_min"] <= stamp).to_numpy()

    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(repr(r) for r in ROLES)}, not {role!r}")
    actor_list = _as_list(actors, "actors")
    if actor_list:
        _check_vocabulary(actor_list, known_values(docs, "actors"), "actor ids")
        wanted = set(actor_list)
        involved = np.zeros(len(docs), dtype=bool)
        for column in ROLES[role]:
            involved |= index.membership(column, wanted) if index else _membership(docs[column], wanted)
        mask &= involved

    for values, column, allowed, name in (
        (sides, "side", vocab.SIDES, "sides"),
        (channels, "channel", vocab.CHANNELS, "channels"),
        (doc_types, "doc_type", vocab.DOC_TYPES, "document types"),
    ):
        items = _as_list(values, name)
        if items:
            _check_vocabulary(items, allowed, name)
            mask &= docs[column].isin(items).to_numpy()

    weapon_list = _as_list(weapons, "weapons")
    if weapon_list:
        _check_vocabulary(weapon_list, known_values(docs, "weapons"), "weapon items")
        wanted = set(weapon_list)
        mask &= index.membership("weapons", wanted) if index else _membership(docs["weapons"], wanted)

    if text is not None and not isinstance(text, str):
        raise ValueError(f"text must be a string, not {text!r}")
    if text and text.strip():
        needle = text.strip()
        if index is not None:
            mask &= index.contains(needle)
            found = None
        else:
            found = np.zeros(len(docs), dtype=bool)
        if found is not None:
            for column in ("title", "summary", "full_text"):
                if column in docs:
                    found |= docs[column].astype("object").fillna("").str.contains(needle, case=False, regex=False).to_numpy()
            mask &= found

    result = docs[mask]
    if not result["date_min"].is_monotonic_increasing:
        result = result.sort_values(["date_min", "date_max", "doc_id"], kind="stable")
    return result
