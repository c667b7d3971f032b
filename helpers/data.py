"""Find the kit's data/ folder, load its CSV files, validate them, and return typed DataFrames.

Why this module is strict: teachers and learners trust the table without anyone to ask, so a
bad row must stop the kit with a message that says exactly where it is (file, line, row id and
column) and what would be right, rather than quietly showing a wrong date or a missing actor.

Public face:

- ``load_documents()``  the document table (one row per document)
- ``load_actors()``, ``load_events()``, ``load_glossary()``, ``load_weapon_items()``
- ``load_list_versions()``, ``load_list_entries()``  the versions of the "offensive weapons" list
- ``find_data_dir()``   where data/ is, from any working directory
- ``DataError``         raised with every problem found, each naming file, line, row and column

All loaders take an optional ``data_dir`` so tests (and curious users) can point them at another
folder.  Loaded frames have real types: tz-aware datetimes (UTC), categoricals for the fixed
vocabularies, Python lists for the ``;``-separated columns, booleans for flags.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from helpers import vocab

__all__ = [
    "DataError",
    "Problem",
    "find_data_dir",
    "load_documents",
    "load_actors",
    "load_events",
    "load_glossary",
    "load_weapon_items",
    "load_list_versions",
    "load_list_entries",
    "load_text",
    "day_label",
]

#: Environment variable that points the loaders at another data folder.
DATA_DIR_ENV = "NOV1962_DATA_DIR"

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_URL_RE = re.compile(r"^https?://[^\s]+$")
_YMD_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_WITH_OFFSET_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one cell (or one file) of the data."""

    file: str
    line: int | None
    row_id: str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.row_id:
            where.append(f"row {self.row_id!r}")
        if self.column:
            where.append(f"column {self.column!r}")
        return ", ".join(where) + f": {self.message}"


class DataError(ValueError):
    """The data files are missing, malformed or inconsistent.

    ``problems`` holds every :class:`Problem` found (not only the first), so one run of the
    loader tells an editor everything that needs fixing.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        shown = self.problems[:20]
        text = "\n".join(f"  - {p}" for p in shown)
        more = len(self.problems) - len(shown)
        if more > 0:
            text += f"\n  ... and {more} more"
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the kit's data:\n{text}")


class Vocabulary(tuple):
    """An immutable list of allowed values, kept in ``DataFrame.attrs``.

    pandas deep-copies ``attrs`` on every operation; being immutable, this returns itself, so
    carrying the vocabularies along costs nothing.
    """

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self


# --------------------------------------------------------------------------- finding data/


def find_data_dir(data_dir: str | os.PathLike | None = None) -> Path:
    """Return the data/ folder, wherever the caller's working directory is.

    Order: an explicit ``data_dir``; the ``NOV1962_DATA_DIR`` environment variable; the data/
    folder beside this package (the normal case: notebooks run from notebooks/, tests from the
    repository root); finally data/ in the working directory or any folder above it.
    """
    candidates: list[Path] = []
    if data_dir is not None:
        candidates.append(Path(data_dir))
    elif os.environ.get(DATA_DIR_ENV):
        candidates.append(Path(os.environ[DATA_DIR_ENV]))
    else:
        candidates.append(Path(__file__).resolve().parent.parent / "data")
        here = Path.cwd().resolve()
        candidates.extend(p / "data" for p in (here, *here.parents))
    for candidate in candidates:
        if (candidate / "documents.csv").is_file():
            return candidate.resolve()
    tried = ", ".join(str(c) for c in candidates[:3])
    raise DataError(
        [Problem("data/", None, None, None, f"no data folder with documents.csv found (tried {tried})")]
    )


# --------------------------------------------------------------------------- column specs


@dataclass(frozen=True)
class Column:
    """What one column may hold.

    kind: id | text | enum | list | datetime | ymd | url | bool
    vocab: for enum and list columns, the name of the vocabulary the values come from.
    """

    name: str
    kind: str = "text"
    required: bool = False
    vocab: str | None = None


DOCUMENT_COLUMNS = [
    Column("doc_id", "id", True),
    Column("also_printed", "list", vocab="id"),
    Column("title", "text"),
    Column("doc_type", "enum", True, "doc_types"),
    Column("date_min", "datetime", True),
    Column("date_max", "datetime", True),
    Column("date_precision", "enum", True, "date_precisions"),
    Column("place"),
    Column("sender", "list", vocab="actors"),
    Column("recipients", "list", vocab="actors"),
    Column("mentioned", "list", vocab="actors"),
    Column("side", "enum", True, "sides"),
    Column("channel", "enum", True, "channels"),
    Column("telegram_number"),
    Column("classification"),
    Column("archive_citation"),
    Column("source_citation", "text", True),
    Column("source_collection", "text", True),
    Column("source_url", "url", True),
    Column("alt_urls", "list", vocab="url"),
    Column("translation"),
    Column("weapons", "list", vocab="weapons"),
    Column("issues", "list", vocab="issues"),
    Column("refs", "list", vocab="documents"),
    Column("refs_external", "list", vocab="id"),
    Column("summary", "text", True),
    Column("has_full_text", "bool", True),
    Column("notes"),
]

ACTOR_COLUMNS = [
    Column("actor_id", "id", True),
    Column("name", "text", True),
    Column("full_name", "text", True),
    Column("kind", "enum", True, "actor_kinds"),
    Column("role_1962", "text", True),
    Column("side", "enum", True, "actor_sides"),
    Column("bio", "text", True),
    Column("source", "text", True),
    Column("source_url", "url", True),
]

EVENT_COLUMNS = [
    Column("event_id", "id", True),
    Column("date", "ymd", True),
    Column("date_end", "ymd"),
    Column("time"),
    Column("date_precision", "enum", True, "date_precisions"),
    Column("event", "text", True),
    Column("actors", "list", vocab="actors"),
    Column("doc_ids", "list", vocab="documents"),
    Column("turning_point", "bool", True),
    Column("source", "text", True),
    Column("source_url", "url", True),
    Column("notes"),
]

GLOSSARY_COLUMNS = [
    Column("term", "text", True),
    Column("category", "enum", True, "glossary_categories"),
    Column("explanation", "text", True),
    Column("source", "text", True),
    Column("source_url", "url", True),
]

WEAPON_COLUMNS = [
    Column("item_id", "id", True),
    Column("name", "text", True),
    Column("category", "text", True),
    Column("description", "text", True),
    Column("source", "text", True),
    Column("source_url", "url", True),
]

LIST_VERSION_COLUMNS = [
    Column("version_id", "id", True),
    Column("date", "ymd", True),
    Column("issuer", "text", True),
    Column("side", "enum", True, "list_sides"),
    Column("doc_id", "enum", True, "documents"),
    Column("description", "text", True),
    Column("source_url", "url", True),
    Column("notes"),
]

LIST_ENTRY_COLUMNS = [
    Column("version_id", "enum", True, "list_versions"),
    Column("item_id", "enum", True, "weapons"),
    Column("status", "enum", True, "list_statuses"),
    Column("wording"),
    Column("note"),
    Column("source", "enum", True, "documents"),
    Column("source_url", "url", True),
    Column("evidence", "enum", True, "evidence"),
]

#: Longest wording cell accepted: the column holds short item names as the source words them, never passages.
MAX_WORDING = 110

ACTOR_KINDS = {"person": "A person.", "institution": "An office, ministry, mission or government."}
GLOSSARY_CATEGORIES = {
    "weapon": "A weapon or military term.",
    "abbreviation": "An abbreviation found in the documents.",
    "telegram": "A word of cable jargon.",
    "institution": "An office or body.",
    "term": "A term of the negotiation.",
}


# --------------------------------------------------------------------------- reading


class _Table:
    """The raw rows of one CSV file, with their line numbers, plus the problems found so far."""

    def __init__(
        self,
        path: Path,
        data_dir: Path,
        columns: list[Column],
        row_key: Callable[[dict], str] | None = None,
        key_column: str | None = None,
    ):
        self.path = path
        self.label = _display_path(path)
        self.columns = columns
        # A table whose rows have no id column of their own (list_entries.csv) names its rows by a key
        # built from several cells, so that messages and the duplicate check still point at one row;
        # key_column is the column a duplicate is reported in.
        self.row_key = row_key or (lambda row: row.get(columns[0].name, ""))
        self.key_column = key_column or columns[0].name
        self.rows: list[dict[str, str]] = []
        self.lines: list[int] = []
        self.problems: list[Problem] = []
        self._read()

    def problem(self, index: int | None, column: str | None, message: str) -> None:
        line = self.lines[index] if index is not None else None
        row_id = None
        if index is not None:
            row_id = self.row_key(self.rows[index]) or None
        self.problems.append(Problem(self.label, line, row_id, column, message))

    def _read(self) -> None:
        if not self.path.is_file():
            self.problems.append(Problem(self.label, None, None, None, "file not found"))
            return
        try:
            handle = self.path.open(newline="", encoding="utf-8")
            with handle:
                reader = csv.reader(handle)
                header = next(reader, None)
                if header is None:
                    self.problems.append(Problem(self.label, 1, None, None, "the file is empty (no header row)"))
                    return
                header = [h.strip() for h in header]
                self._check_header(header)
                while True:
                    start = reader.line_num + 1
                    try:
                        cells = next(reader)
                    except StopIteration:
                        break
                    if not any(c.strip() for c in cells):
                        continue
                    if len(cells) != len(header):
                        self.problems.append(
                            Problem(
                                self.label,
                                start,
                                cells[0] if cells else None,
                                None,
                                f"has {len(cells)} cells but the header has {len(header)} columns "
                                "(a missing or extra comma, or an unclosed quote?)",
                            )
                        )
                        continue
                    self.rows.append({h: c.strip() for h, c in zip(header, cells)})
                    self.lines.append(start)
        except UnicodeDecodeError as exc:
            self.problems.append(Problem(self.label, None, None, None, f"is not UTF-8 text ({exc})"))
        except csv.Error as exc:
            self.problems.append(Problem(self.label, None, None, None, f"is not valid CSV ({exc})"))

    def _check_header(self, header: list[str]) -> None:
        expected = [c.name for c in self.columns]
        missing = [c for c in expected if c not in header]
        unknown = [h for h in header if h not in expected]
        duplicated = sorted({h for h in header if header.count(h) > 1})
        for name in missing:
            self.problems.append(Problem(self.label, 1, None, name, "required column is missing from the header"))
        for name in unknown:
            self.problems.append(
                Problem(self.label, 1, None, name, f"unknown column (expected columns: {', '.join(expected)})")
            )
        for name in duplicated:
            self.problems.append(Problem(self.label, 1, None, name, "column appears more than once in the header"))


def _display_path(path: Path) -> str:
    """The file's path as a user would type it from the working directory (data/documents.csv)."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive on Windows
        return str(path)


def split_list(cell: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty, stripped items."""
    return [item.strip() for item in cell.split(vocab.LIST_SEPARATOR) if item.strip()]


def _closest(value: str, known: Iterable[str], n: int = 3) -> str:
    import difflib

    matches = difflib.get_close_matches(value, list(known), n=n, cutoff=0.5)
    return f" (did you mean {', '.join(repr(m) for m in matches)}?)" if matches else ""


def _check_cells(table: _Table, vocabularies: dict[str, Callable[[str], str | None] | dict]) -> None:
    """Check every cell of every row against its column's kind and vocabulary."""
    id_column = table.key_column
    seen_ids: dict[str, int] = {}
    for index, row in enumerate(table.rows):
        for column in table.columns:
            if column.name not in row:
                continue  # already reported as a missing column
            value = row[column.name]
            if column.required and not value:
                table.problem(index, column.name, "is empty but required")
                continue
            if not value:
                continue
            if column.kind == "id" and not _ID_RE.match(value):
                table.problem(index, column.name, f"{value!r} is not a valid id (letters, digits, '.', '-', '_'; no spaces)")
            elif column.kind == "url" and not _URL_RE.match(value):
                table.problem(index, column.name, f"{value!r} is not an http(s) URL")
            elif column.kind == "bool" and value.lower() not in {"true", "false"}:
                table.problem(index, column.name, f"{value!r} is not true or false")
            elif column.kind == "ymd":
                _check_ymd(table, index, column.name, value)
            elif column.kind == "datetime":
                _check_datetime(table, index, column.name, value)
            elif column.kind in {"enum", "list"} and column.vocab:
                items = [value] if column.kind == "enum" else split_list(value)
                checker = vocabularies.get(column.vocab)
                for item in items:
                    message = _check_item(item, checker)
                    if message:
                        table.problem(index, column.name, message)
        row_id = table.row_key(row)
        if row_id:
            if row_id in seen_ids:
                table.problem(index, id_column, f"duplicate id {row_id!r} (first used on line {seen_ids[row_id]})")
            else:
                seen_ids[row_id] = table.lines[index]


def _check_item(item: str, checker) -> str | None:
    if checker is None:
        return None
    if callable(checker):
        return checker(item)
    if item not in checker:
        allowed = ", ".join(sorted(checker))
        return f"{item!r} is not in the vocabulary{_closest(item, checker)}; allowed: {allowed}"
    return None


def _check_ymd(table: _Table, index: int, column: str, value: str) -> None:
    if not _YMD_RE.match(value):
        table.problem(index, column, f"{value!r} is not a date in the form YYYY-MM-DD")
        return
    try:
        date.fromisoformat(value)
    except ValueError as exc:
        table.problem(index, column, f"{value!r} is not a real date ({exc})")


def _check_datetime(table: _Table, index: int, column: str, value: str) -> None:
    if not _ISO_WITH_OFFSET_RE.match(value):
        table.problem(
            index, column, f"{value!r} is not an ISO 8601 date-time with UTC offset, e.g. 1962-11-07T21:32:00-05:00"
        )
        return
    try:
        datetime.fromisoformat(value)
    except ValueError as exc:
        table.problem(index, column, f"{value!r} is not a real date-time ({exc})")


def _id_checker(value: str) -> str | None:
    return None if _ID_RE.match(value) else f"{value!r} is not a valid id"


def _url_checker(value: str) -> str | None:
    return None if _URL_RE.match(value) else f"{value!r} is not an http(s) URL"


def _base_vocabularies() -> dict:
    return {
        "doc_types": vocab.DOC_TYPES,
        "date_precisions": vocab.DATE_PRECISIONS,
        "sides": vocab.SIDES,
        "actor_sides": vocab.ACTOR_SIDES,
        "channels": vocab.CHANNELS,
        "issues": vocab.ISSUES,
        "list_statuses": vocab.LIST_STATUSES,
        "evidence": vocab.EVIDENCE,
        "list_sides": vocab.LIST_SIDES,
        "actor_kinds": ACTOR_KINDS,
        "glossary_categories": GLOSSARY_CATEGORIES,
        "id": _id_checker,
        "url": _url_checker,
    }


def _known(ids: Iterable[str], what: str) -> Callable[[str], str | None]:
    known = set(ids)

    def check(value: str) -> str | None:
        if value in known:
            return None
        return f"unknown {what} {value!r}{_closest(value, known)}"

    return check


# --------------------------------------------------------------------------- typing


def _categorical(values: list[str], categories: Iterable[str]) -> pd.Categorical:
    return pd.Categorical(values, categories=list(categories))


def _frame(table: _Table) -> pd.DataFrame:
    """Build a DataFrame of typed columns from a table already known to be valid."""
    data: dict[str, object] = {}
    vocabularies = _base_vocabularies()
    for column in table.columns:
        raw = [row[column.name] for row in table.rows]
        if column.kind == "list":
            data[column.name] = pd.Series([split_list(v) for v in raw], dtype=object)
        elif column.kind == "bool":
            data[column.name] = pd.Series([v.lower() == "true" for v in raw], dtype=bool)
        elif column.kind == "enum" and isinstance(vocabularies.get(column.vocab), dict):
            data[column.name] = _categorical(raw, vocabularies[column.vocab])
        elif column.kind == "ymd":
            data[column.name] = pd.to_datetime(pd.Series([v or None for v in raw], dtype=object))
        elif column.kind == "datetime":
            data[column.name] = pd.to_datetime(pd.Series([datetime.fromisoformat(v) for v in raw], dtype=object), utc=True)
        else:
            data[column.name] = pd.Series([v if v else None for v in raw], dtype=object)
    frame = pd.DataFrame(data)
    frame.index = pd.RangeIndex(len(frame))
    return frame


# --------------------------------------------------------------------------- loaders


def _load_table(
    name: str, columns: list[Column], data_dir, extra_vocabularies: dict | None = None, **table_options
) -> _Table:
    folder = find_data_dir(data_dir)
    table = _Table(folder / name, folder, columns, **table_options)
    if not table.problems or all(p.line != 1 for p in table.problems):
        vocabularies = _base_vocabularies()
        vocabularies.update(extra_vocabularies or {})
        _check_cells(table, vocabularies)
    return table


def load_weapon_items(data_dir=None) -> pd.DataFrame:
    """The weapon items (mrbm, irbm, bombers, ...) that documents and list versions refer to."""
    table = _load_table("weapon_items.csv", WEAPON_COLUMNS, data_dir)
    if table.problems:
        raise DataError(table.problems)
    return _frame(table)


def load_actors(data_dir=None) -> pd.DataFrame:
    """The people and offices of the negotiation, one row per actor_id."""
    table = _load_table("actors.csv", ACTOR_COLUMNS, data_dir)
    if table.problems:
        raise DataError(table.problems)
    return _frame(table)


def load_glossary(data_dir=None) -> pd.DataFrame:
    """Terms and abbreviations a student meets in the documents, explained in our words."""
    table = _load_table("glossary.csv", GLOSSARY_COLUMNS, data_dir)
    table.problems.extend(_duplicates(table, "term", lambda v: v.lower()))
    if table.problems:
        raise DataError(table.problems)
    frame = _frame(table)
    return frame.sort_values("term", key=lambda s: s.str.lower(), ignore_index=True)


def _duplicates(table: _Table, column: str, key=lambda v: v) -> list[Problem]:
    seen: dict[str, int] = {}
    found = []
    for index, row in enumerate(table.rows):
        value = key(row.get(column, ""))
        if not value:
            continue
        if value in seen:
            found.append(
                Problem(table.label, table.lines[index], row.get(table.columns[0].name), column,
                        f"duplicate value {row[column]!r} (first on line {seen[value]})")
            )
        else:
            seen[value] = table.lines[index]
    return found


def _document_aliases(table: _Table) -> dict[str, str]:
    """Map every id a document is known by (its doc_id and also_printed ids) to its doc_id."""
    aliases: dict[str, str] = {}
    for index, row in enumerate(table.rows):
        doc_id = row.get("doc_id", "")
        if doc_id:
            aliases.setdefault(doc_id, doc_id)
        for other in split_list(row.get("also_printed", "")):
            if other in aliases and aliases[other] != doc_id:
                table.problem(index, "also_printed", f"{other!r} is already the id of another row ({aliases[other]!r})")
            else:
                aliases[other] = doc_id
    return aliases


def load_documents(data_dir=None) -> pd.DataFrame:
    """The document table: one row per document, validated and typed, in date order.

    Besides the CSV columns the frame has derived columns: ``day_min``/``day_max`` (the local
    calendar days the document spans, as its writer dated it, tz-naive), ``date_label`` (a
    readable date), ``cited_by`` (doc_ids of rows whose refs cite this one) and ``full_text``
    (the text from data/texts/ where has_full_text is true, else None).  ``refs`` are
    normalised to doc_ids, so a citation of a vol. XI id printed in vol. VI finds its row.
    """
    folder = find_data_dir(data_dir)
    actors = load_actors(folder)
    weapons = load_weapon_items(folder)
    raw = _Table(folder / "documents.csv", folder, DOCUMENT_COLUMNS)
    aliases = _document_aliases(raw) if not any(p.line == 1 for p in raw.problems) else {}
    vocabularies = _base_vocabularies()
    vocabularies.update(
        actors=_known(actors["actor_id"], "actor id (not in data/actors.csv)"),
        weapons=_known(weapons["item_id"], "weapon item id (not in data/weapon_items.csv)"),
        documents=_known(aliases, "document id (not a doc_id or also_printed id in the table; "
                                  "put citations of documents outside the table in refs_external)"),
    )
    if not any(p.line == 1 for p in raw.problems):
        _check_cells(raw, vocabularies)
        _check_document_rows(raw, folder)
    if raw.problems:
        raise DataError(raw.problems)

    docs = _frame(raw)
    docs["refs"] = docs["refs"].map(lambda refs: [aliases[r] for r in refs])
    local_min = [datetime.fromisoformat(row["date_min"]) for row in raw.rows]
    local_max = [datetime.fromisoformat(row["date_max"]) for row in raw.rows]
    docs["day_min"] = pd.to_datetime([d.date() for d in local_min])
    docs["day_max"] = pd.to_datetime([d.date() for d in local_max])
    docs["date_label"] = [
        _date_label(lo, hi, precision) for lo, hi, precision in zip(local_min, local_max, docs["date_precision"])
    ]
    cited_by: dict[str, list[str]] = {doc_id: [] for doc_id in docs["doc_id"]}
    for doc_id, refs in zip(docs["doc_id"], docs["refs"]):
        for ref in refs:
            cited_by[ref].append(doc_id)
    docs["cited_by"] = docs["doc_id"].map(cited_by)
    docs["full_text"] = pd.Series(
        [load_text(doc_id, folder) if has_text else None for doc_id, has_text in zip(docs["doc_id"], docs["has_full_text"])],
        dtype=object,
    )
    docs = docs.sort_values(["date_min", "date_max", "doc_id"], kind="stable", ignore_index=True)
    # the full vocabularies, so filters can tell an unknown id from one that is simply unused
    docs.attrs["actor_ids"] = Vocabulary(sorted(actors["actor_id"]))
    docs.attrs["weapon_ids"] = Vocabulary(weapons["item_id"])
    return docs


def _check_document_rows(table: _Table, folder: Path) -> None:
    """Rules that look at more than one cell of a row."""
    for index, row in enumerate(table.rows):
        try:
            lo = datetime.fromisoformat(row["date_min"])
            hi = datetime.fromisoformat(row["date_max"])
        except (KeyError, ValueError):
            continue  # already reported
        if lo.tzinfo is None or hi.tzinfo is None:
            continue  # already reported: no UTC offset
        if lo > hi:
            table.problem(index, "date_min", f"date_min {row['date_min']} is after date_max {row['date_max']}")
        if row.get("date_precision") == "day" and (lo.time().isoformat() != "00:00:00" or hi.time().isoformat() != "23:59:59"):
            table.problem(index, "date_min", "precision is 'day' but the interval does not run 00:00:00 to 23:59:59")
        doc_id = row.get("doc_id", "")
        text_file = folder / "texts" / f"{doc_id}.txt"
        flag = row.get("has_full_text", "").lower()
        if flag == "true" and not text_file.is_file():
            table.problem(index, "has_full_text", f"is true but data/texts/{doc_id}.txt does not exist")
        if flag == "false" and doc_id and text_file.is_file():
            table.problem(index, "has_full_text", f"is false but data/texts/{doc_id}.txt exists")
        if doc_id in split_list(row.get("refs", "")):
            table.problem(index, "refs", "a document cannot cite itself")
        if doc_id.startswith("frus") and "history.state.gov" not in row.get("source_url", ""):
            table.problem(index, "source_url", "a FRUS document's source_url must be its history.state.gov page")


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def day_label(day) -> str:
    """A day as the kit writes it everywhere: "7 Nov 1962" (date, datetime or Timestamp)."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _date_label(lo: datetime, hi: datetime, precision: str) -> str:
    day = day_label

    if precision == "month":
        return f"{_MONTHS[lo.month - 1]} {lo.year}"
    if precision == "minute":
        return f"{day(lo)}, {lo:%H:%M}"
    label = day(lo) if lo.date() == hi.date() else f"{day(lo)} to {day(hi)}"
    return label + (" (date inferred)" if precision == "inferred" else "")


def load_text(doc_id: str, data_dir=None) -> str:
    """The full text the kit ships for ``doc_id`` (data/texts/<doc_id>.txt)."""
    folder = find_data_dir(data_dir)
    path = folder / "texts" / f"{doc_id}.txt"
    if not path.is_file():
        raise DataError([Problem(_display_path(path), None, doc_id, None, "no full text is shipped for this document")])
    return path.read_text(encoding="utf-8")


def load_events(data_dir=None) -> pd.DataFrame:
    """The chronology: dated events with the actors and documents behind them, in date order."""
    folder = find_data_dir(data_dir)
    actors = load_actors(folder)
    docs = _Table(folder / "documents.csv", folder, DOCUMENT_COLUMNS)
    aliases = _document_aliases(docs)
    table = _load_table(
        "events.csv",
        EVENT_COLUMNS,
        folder,
        {
            "actors": _known(actors["actor_id"], "actor id (not in data/actors.csv)"),
            "documents": _known(aliases, "document id (not in data/documents.csv)"),
        },
    )
    for index, row in enumerate(table.rows):
        if row.get("date_end") and row.get("date") and _YMD_RE.match(row["date_end"]) and row["date_end"] < row["date"]:
            table.problem(index, "date_end", f"date_end {row['date_end']} is before date {row['date']}")
    if table.problems:
        raise DataError(table.problems)
    events = _frame(table)
    events["doc_ids"] = events["doc_ids"].map(lambda ids: [aliases[i] for i in ids])
    return events.sort_values(["date", "event_id"], kind="stable", ignore_index=True)


# --------------------------------------------------------------------------- the lists


def _entry_key(row: dict) -> str:
    """An entry is one item in one version, so 'version:item' names its row in messages."""
    return f"{row.get('version_id', '')}:{row.get('item_id', '')}"


def _document_vocabulary(folder: Path) -> tuple[dict[str, str], Callable[[str], str | None]]:
    """Every id a document is known by, mapped to its doc_id, and a checker for cells that cite one."""
    aliases = _document_aliases(_Table(folder / "documents.csv", folder, DOCUMENT_COLUMNS))
    return aliases, _known(aliases, "document id (not a doc_id or also_printed id in data/documents.csv)")


def load_list_versions(data_dir=None) -> pd.DataFrame:
    """The versions of the "offensive weapons" list (one row each), in date order.

    ``doc_id`` is the row of documents.csv the version rests on (an also_printed id is turned into
    its doc_id); ``source_url`` is where the version's own text is published, which differs from the
    document's page when the text itself is not a row of the table (the 2 Nov list).
    """
    folder = find_data_dir(data_dir)
    aliases, documents = _document_vocabulary(folder)
    table = _load_table("list_versions.csv", LIST_VERSION_COLUMNS, folder, {"documents": documents})
    if table.problems:
        raise DataError(table.problems)
    versions = _frame(table)
    versions["doc_id"] = versions["doc_id"].map(aliases)
    versions["order"] = range(len(versions))  # ties on a date keep the file's order
    versions = versions.sort_values(["date", "order"], kind="stable", ignore_index=True)
    return versions.drop(columns="order")


def load_list_entries(data_dir=None) -> pd.DataFrame:
    """What each version says about each weapon item: status, wording, note, source, evidence.

    One row per (version_id, item_id); an item a version does not mention has no row. Rows come back
    in the versions' date order and, within a version, in the order of data/weapon_items.csv.
    """
    folder = find_data_dir(data_dir)
    versions = load_list_versions(folder)
    weapons = load_weapon_items(folder)
    aliases, documents = _document_vocabulary(folder)
    table = _load_table(
        "list_entries.csv",
        LIST_ENTRY_COLUMNS,
        folder,
        {
            "list_versions": _known(versions["version_id"], "version id (not in data/list_versions.csv)"),
            "weapons": _known(weapons["item_id"], "weapon item id (not in data/weapon_items.csv)"),
            "documents": documents,
        },
        row_key=_entry_key,
        key_column="item_id",
    )
    _check_entry_rows(table)
    if table.problems:
        raise DataError(table.problems)
    entries = _frame(table)
    entries["source"] = entries["source"].map(aliases)
    version_rank = {v: i for i, v in enumerate(versions["version_id"])}
    item_rank = {w: i for i, w in enumerate(weapons["item_id"])}
    order = [(version_rank[v], item_rank[i]) for v, i in zip(entries["version_id"], entries["item_id"])]
    entries = entries.iloc[sorted(range(len(entries)), key=order.__getitem__)].reset_index(drop=True)
    return entries


def _check_entry_rows(table: _Table) -> None:
    """Rules across the cells of one entry: a guess must say why; wording stays a short name."""
    for index, row in enumerate(table.rows):
        if row.get("evidence") in {"inferred", "uncertain"} and not row.get("note"):
            table.problem(index, "note", f"evidence is {row['evidence']!r}, so the note must say how or what is missing")
        wording = row.get("wording", "")
        if len(wording) > MAX_WORDING:
            table.problem(
                index, "wording", f"is {len(wording)} characters long; keep it to a short item name "
                f"(at most {MAX_WORDING}) and put explanations, in our own words, in the note"
            )
