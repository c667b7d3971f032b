"""The loader against small fixture files: one broken file per rule, each message naming
file, line, row and column (tests/fixtures/minimal is valid; tests/fixtures/broken/*.csv each
break one rule of documents.csv)."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import DataError, find_data_dir, load_actors, load_documents, load_events, load_glossary

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"


def data_folder_with(tmp_path: Path, broken: str | None = None, **replace: str) -> Path:
    """A copy of the minimal fixture data, with documents.csv swapped for a broken variant."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    if broken:
        shutil.copy(FIXTURES / "broken" / f"{broken}.csv", folder / "documents.csv")
    for name, text in replace.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def only_problem(folder: Path, loader=load_documents):
    with pytest.raises(DataError) as caught:
        loader(folder)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0], str(caught.value)


def test_minimal_fixture_loads_with_real_types():
    docs = load_documents(MINIMAL)
    assert list(docs["doc_id"]) == ["fixture-d1", "fixture-d2", "fixture-d3"]
    assert str(docs["date_min"].dt.tz) == "UTC"
    assert docs.loc[1, "date_min"] == pd.Timestamp("1962-11-08T02:32:00Z")  # 21:32 EST on 7 Nov
    assert docs.loc[1, "day_min"] == pd.Timestamp("1962-11-07")  # the day as the writer dated it
    assert docs.loc[1, "date_label"] == "7 Nov 1962, 21:32"
    assert docs.loc[2, "date_label"] == "8 Nov 1962"
    assert isinstance(docs["channel"].dtype, pd.CategoricalDtype)
    assert "leaders" in docs["channel"].cat.categories  # the whole vocabulary, even if unused
    assert docs.loc[1, "weapons"] == ["mrbm", "bombers"]
    assert docs["has_full_text"].dtype == bool
    assert docs.loc[1, "full_text"] == "Fixture full text.\n"
    assert docs.loc[0, "full_text"] is None


def test_refs_through_also_printed_resolve_to_doc_ids():
    docs = load_documents(MINIMAL).set_index("doc_id")
    assert docs.loc["fixture-d3", "refs"] == ["fixture-d2"]  # cited as fixture-alias-d2
    assert docs.loc["fixture-d3", "refs_external"] == ["frus1961-63v11-d999"]
    assert docs.loc["fixture-d2", "cited_by"] == ["fixture-d3"]
    assert load_events(MINIMAL).loc[0, "doc_ids"] == ["fixture-d2"]


def test_other_tables_load():
    assert list(load_actors(MINIMAL)["actor_id"]) == ["state-department", "usun", "kuznetsov"]
    assert load_glossary(MINIMAL).loc[0, "term"] == "USUN"


@pytest.mark.parametrize(
    "broken, line, row, column, words",
    [
        ("bad_date", 3, "fixture-d2", "date_min", "not an ISO 8601 date-time"),
        ("no_offset", 2, "fixture-d1", "date_min", "with UTC offset"),
        ("date_order", 4, "fixture-d3", "date_min", "is after date_max"),
        ("unknown_actor", 2, "fixture-d1", "sender", "did you mean 'kuznetsov'"),
        ("unknown_weapon", 3, "fixture-d2", "weapons", "unknown weapon item id"),
        ("duplicate_id", 4, "fixture-d1", "doc_id", "duplicate id 'fixture-d1' (first used on line 2)"),
        ("dangling_ref", 4, "fixture-d3", "refs", "unknown document id"),
        ("missing_url", 2, "fixture-d1", "source_url", "is empty but required"),
        ("bad_channel", 3, "fixture-d2", "channel", "'backchannel' is not in the vocabulary"),
        ("bad_bool", 2, "fixture-d1", "has_full_text", "not true or false"),
    ],
)
def test_each_broken_row_is_named_by_file_line_row_and_column(tmp_path, broken, line, row, column, words):
    folder = data_folder_with(tmp_path, broken)
    problem, message = only_problem(folder)
    assert (problem.line, problem.row_id, problem.column) == (line, row, column)
    assert problem.file.endswith("data/documents.csv")
    assert words in problem.message
    assert f"line {line}" in message and f"row '{row}'" in message and f"column '{column}'" in message
    assert "documents.csv" in message


@pytest.mark.parametrize(
    "broken, column, words",
    [("missing_column", "channel", "missing from the header"), ("unknown_column", "colour", "unknown column")],
)
def test_header_problems_name_the_column(tmp_path, broken, column, words):
    problem, message = only_problem(data_folder_with(tmp_path, broken))
    assert (problem.line, problem.column) == (1, column)
    assert words in problem.message
    assert "documents.csv" in message


def test_full_text_flag_must_match_the_texts_folder(tmp_path):
    folder = data_folder_with(tmp_path)
    (folder / "texts" / "fixture-d2.txt").unlink()
    problem, _ = only_problem(folder)
    assert (problem.line, problem.column) == (3, "has_full_text")


def test_a_bad_actor_side_is_named(tmp_path):
    text = (MINIMAL / "actors.csv").read_text(encoding="utf-8").replace(",USSR,", ",Soviet,")
    folder = data_folder_with(tmp_path, **{"actors.csv": text})
    problem, _ = only_problem(folder, load_actors)
    assert (problem.file.endswith("actors.csv"), problem.line, problem.row_id, problem.column) == (
        True, 4, "kuznetsov", "side")


def test_event_citing_an_unknown_document_is_named(tmp_path):
    text = (MINIMAL / "events.csv").read_text(encoding="utf-8").replace("fixture-alias-d2", "fixture-d7")
    problem, _ = only_problem(data_folder_with(tmp_path, **{"events.csv": text}), load_events)
    assert (problem.line, problem.row_id, problem.column) == (2, "1962-11-07-fixture", "doc_ids")


def test_a_row_with_a_missing_cell_is_refused(tmp_path):
    lines = (MINIMAL / "glossary.csv").read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rsplit(",", 1)[0]  # drop the last cell
    problem, _ = only_problem(data_folder_with(tmp_path, **{"glossary.csv": "\n".join(lines) + "\n"}), load_glossary)
    assert problem.line == 2 and "cells but the header has" in problem.message


def test_no_data_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DataError, match="no data folder with documents.csv"):
        find_data_dir(tmp_path)


def test_the_kit_data_is_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_data_dir().name == "data"
    assert (find_data_dir() / "documents.csv").is_file()
