"""The offensive-weapons list as data: facts that must hold (each checked by us in the source the row
names), diff_versions and status_on against values worked out by hand from the sources, the chart,
the loaders against broken fixture files, and the tracker driven from Python."""

import shutil
from datetime import date, datetime, timezone
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from helpers import data, filters, lists, tracker, vocab
from helpers.data import DataError, load_list_entries, load_list_versions

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal"
BROKEN = FIXTURES / "broken_lists"

ISSUE_VERSIONS = [
    "address-1962-10-22",
    "proclamation-3504",
    "letters-1962-10-27-28",
    "us-list-1962-11-02",
    "soviet-position-1962-11-05",
    "minimum-list-1962-11-07",
    "settlement-1962-11-20",
    "us-draft-1962-12-12",
    "joint-letter-1963-01-07",
]


@pytest.fixture(scope="module")
def frames():
    return lists.load_frames()


@pytest.fixture(scope="module")
def entry(frames):
    indexed = frames.entries.set_index(["version_id", "item_id"])
    return lambda version, item: indexed.loc[(version, item)]


@pytest.fixture(scope="module")
def docs():
    return data.load_documents()


# --------------------------------------------------------------------------- the tables


def test_the_versions_the_issue_names_exist_in_date_order(frames):
    ids = list(frames.versions["version_id"])
    assert set(ISSUE_VERSIONS) <= set(ids)
    assert [v for v in ids if v in ISSUE_VERSIONS] == ISSUE_VERSIONS
    assert frames.versions["date"].is_monotonic_increasing


def test_every_version_and_entry_cites_a_document_of_the_table(frames, docs):
    known = set(docs["doc_id"])
    assert set(frames.versions["doc_id"]) <= known
    assert set(frames.entries["source"]) <= known
    assert frames.versions["source_url"].str.startswith("http").all()
    assert frames.entries["source_url"].str.startswith("http").all()


def test_vocabularies_are_the_ones_in_helpers_vocab(frames):
    assert list(frames.entries["status"].cat.categories) == list(vocab.LIST_STATUSES)
    assert list(frames.entries["evidence"].cat.categories) == list(vocab.EVIDENCE)
    assert list(frames.versions["side"].cat.categories) == list(vocab.LIST_SIDES)


def test_guesses_say_why_and_wording_stays_a_short_name(frames):
    guesses = frames.entries[frames.entries["evidence"] != "verified"]
    assert guesses["note"].notna().all()
    assert frames.entries["wording"].dropna().str.len().max() <= data.MAX_WORDING


def test_minimum_list_wording_is_read_in_the_shipped_telegram(frames):
    """Every verified wording of the 7 Nov list occurs in telegram 1223 as the kit ships it."""
    text = data.load_text("frus1961-63v11-d159")
    rows = frames.entries[(frames.entries["version_id"] == "minimum-list-1962-11-07")
                          & (frames.entries["evidence"] == "verified") & frames.entries["wording"].notna()]
    assert len(rows) >= 6
    for wording in rows["wording"]:
        for part in wording.split(" ... "):
            assert part in text, part


# --------------------------------------------------------------------------- facts from the sources


def test_minimum_list_of_7_november(entry):
    """Telegram 1223: missiles limited to MRBMs and IRBMs; sea-based missiles and propellants dropped;
    any nuclear weapon demanded; the Komar boats reduced to an inquiry."""
    v = "minimum-list-1962-11-07"
    assert entry(v, "mrbm")["status"] == "narrowed" and entry(v, "irbm")["status"] == "narrowed"
    assert "MRBM's and IRBM's" in entry(v, "mrbm")["wording"]
    assert entry(v, "ssm_other")["status"] == "dropped"
    assert entry(v, "ssm_sea")["status"] == "dropped"
    assert entry(v, "propellants")["status"] == "dropped"
    nuclear = entry(v, "nuclear_weapons")
    assert nuclear["status"] == "demanded" and "any other type nuclear weapon" in nuclear["wording"]
    komar = entry(v, "komar")
    assert komar["status"] == "narrowed" and "inquiry" in komar["note"]
    assert entry(v, "bombers")["status"] == "demanded"


def test_soviet_position_of_5_november_disputes_the_bombers(entry):
    assert entry("soviet-position-1962-11-05", "bombers")["status"] == "disputed"
    assert entry("soviet-position-1962-11-05", "bombers")["evidence"] == "verified"
    assert entry("soviet-position-1962-11-05", "mrbm")["status"] == "accepted"
    assert entry("soviet-position-1962-11-08", "bombers")["status"] == "disputed"


def test_bombers_are_agreed_to_go_on_20_november(entry):
    bombers = entry("settlement-1962-11-20", "bombers")
    assert bombers["status"] == "accepted" and bombers["evidence"] == "verified"
    assert "month" in bombers["note"]
    assert lists.status_on("1962-11-19").loc["bombers", "soviet_position"] == "disputed"
    assert lists.status_on("1962-11-20").loc["bombers", "soviet_position"] == "accepted"


def test_the_letters_of_27_28_october_name_no_list(frames, entry):
    letters = frames.entries[frames.entries["version_id"] == "letters-1962-10-27-28"]
    covered = set(letters.loc[letters["status"] != "not-covered", "item_id"])
    assert covered == {"mrbm", "irbm", "support_equipment"}
    assert entry("letters-1962-10-27-28", "bombers")["status"] == "not-covered"


def test_the_open_items_of_the_2_november_list_are_marked_uncertain(entry):
    for item in ("bombs_rockets", "nuclear_weapons", "komar"):
        row = entry("us-list-1962-11-02", item)
        assert row["evidence"] == "uncertain" and row["note"]
    assert entry("us-list-1962-11-02", "bombers")["evidence"] == "verified"  # Kennedy, 6 Nov (VI doc. 74)


def test_tactical_weapons_no_us_list_named_are_recorded_with_both_dates(frames, entry):
    version = frames.versions.set_index("version_id").loc["tactical-warheads-1962-12-01"]
    assert version["side"] == "research"
    assert "Arkhangelsk" in version["notes"] and "25 Dec 1962" in version["notes"]
    for item in ("ssm_other", "nuclear_weapons"):
        assert entry("tactical-warheads-1962-12-01", item)["status"] == "not-covered"
    note = entry("tactical-warheads-1962-12-01", "nuclear_weapons")["note"]
    assert "1 Dec 1962" in note and "25 Dec 1962" in note
    assert entry("tactical-warheads-1962-12-01", "nuclear_weapons")["evidence"] == "uncertain"


# --------------------------------------------------------------------------- diff and status_on, by hand


def test_diff_proclamation_to_minimum_list():
    diff = lists.diff_versions("proclamation-3504", "minimum-list-1962-11-07").set_index("item_id")
    expected = {
        "mrbm": "narrowed",
        "irbm": "narrowed",
        "ssm_other": "dropped",
        "ssm_sea": "dropped",
        "propellants": "not-listed",  # not in the proclamation; dropped from the 2 Nov list
        "bombers": "kept",
        "bombs_rockets": "narrowed",
        "nuclear_weapons": "kept",  # still demanded, in new (nuclear-only) words
        "support_equipment": "narrowed",
        "komar": "added",  # not in the proclamation; kept on 7 Nov only as an inquiry
        "submarine_base": "not-listed",
        "catch_all": "dropped",
    }
    assert diff["change"].to_dict() == expected
    assert diff.loc["bombers", "wording_a"] == "bomber aircraft"
    assert diff.loc["bombers", "wording_b"] == "Bomber aircraft"
    assert diff.loc["nuclear_weapons", "wording_a"] == "warheads for any of the above"
    assert diff.loc["support_equipment", "wording_b"] == "immediate supporting equipment"
    assert diff.attrs == {"a": "proclamation-3504", "b": "minimum-list-1962-11-07"}


def test_diff_with_an_unknown_version_says_what_would_be_right():
    with pytest.raises(ValueError, match="did you mean 'minimum-list-1962-11-07'"):
        lists.diff_versions("proclamation-3504", "minimum-list-1962-11-7")


# (US demand, Soviet position, removal) per item, worked out from the versions in force that day.
STATUS_1_NOV = {  # address, proclamation, letters of 27/28 Oct
    "mrbm": ("demanded", "accepted", None),
    "irbm": ("demanded", "accepted", None),
    "ssm_other": ("demanded", "not-covered", None),
    "ssm_sea": ("demanded", "not-covered", None),
    "propellants": (None, "not-covered", None),
    "bombers": ("demanded", "not-covered", None),
    "bombs_rockets": ("demanded", "not-covered", None),
    "nuclear_weapons": ("demanded", "not-covered", None),
    "support_equipment": ("demanded", "accepted", None),
    "komar": (None, "not-covered", None),
    "submarine_base": (None, "not-covered", None),
    "mig_fighters": (None, "not-covered", None),
    "sam": (None, "not-covered", None),
    "ground_forces": (None, "not-covered", None),
    "catch_all": ("demanded", "not-covered", None),
}
STATUS_6_NOV = {  # + the 2 Nov US list and the 5 Nov Soviet position
    **STATUS_1_NOV,
    "ssm_other": ("demanded", "disputed", None),
    "ssm_sea": ("demanded", "disputed", None),
    "propellants": ("demanded", "disputed", None),
    "bombers": ("demanded", "disputed", None),
    "bombs_rockets": ("demanded", "disputed", None),
    "komar": ("demanded", "disputed", None),
    "catch_all": ("demanded", "disputed", None),
}
STATUS_8_NOV = {  # + the 7 Nov minimum list and the 8 Nov Soviet position (42 missiles at sea)
    **STATUS_6_NOV,
    "mrbm": ("narrowed", "accepted", "removed"),
    "irbm": ("narrowed", "accepted", None),
    "ssm_other": ("dropped", "disputed", None),
    "ssm_sea": ("dropped", "disputed", None),
    "propellants": ("dropped", "disputed", None),
    "bombs_rockets": ("narrowed", "disputed", None),
    "nuclear_weapons": ("demanded", "narrowed", None),
    "support_equipment": ("narrowed", "accepted", None),
    "komar": ("narrowed", "disputed", None),
    "submarine_base": ("not-covered", "not-covered", None),
    "catch_all": ("dropped", "disputed", None),
}
STATUS_21_NOV = {  # + the settlement of 20 Nov
    **STATUS_8_NOV,
    "bombers": ("demanded", "accepted", None),
    "nuclear_weapons": ("demanded", "narrowed", "removed"),  # Khrushchev's claim, marked uncertain
}


@pytest.mark.parametrize(
    "day, expected",
    [("1962-11-01", STATUS_1_NOV), ("1962-11-06", STATUS_6_NOV), ("1962-11-08", STATUS_8_NOV),
     ("1962-11-21", STATUS_21_NOV)],
)
def test_status_on_a_day_matches_the_hand_worked_table(day, expected):
    status = lists.status_on(day)
    columns = status[["us_demand", "soviet_position", "removal"]]
    got = {item: tuple(cells) for item, *cells in columns.itertuples()}
    assert got == expected


def test_status_on_names_the_version_behind_each_cell():
    status = lists.status_on(date(1962, 11, 21))
    assert status.loc["bombers", "soviet_version"] == "settlement-1962-11-20"
    assert status.loc["nuclear_weapons", "removal_evidence"] == "uncertain"
    assert status.loc["komar", "us_version"] == "minimum-list-1962-11-07"
    assert list(status.index) == list(lists.load_frames().items["item_id"])


def test_status_on_reads_an_aware_datetime_in_washington_time():
    # 02:00 UTC on 8 Nov is 21:00 on 7 Nov in Washington: the 8 Nov Soviet position is not yet in force
    night = datetime(1962, 11, 8, 2, 0, tzinfo=timezone.utc)
    assert lists.status_on(night).loc["bombers", "soviet_version"] == "soviet-position-1962-11-05"


def test_status_before_the_first_version_is_empty_and_bad_days_are_refused():
    assert lists.status_on("1962-10-01")[["us_demand", "soviet_position", "removal"]].isna().all().all()
    with pytest.raises(ValueError, match="not a date like 1962-11-07"):
        lists.status_on("7 November")


def test_functions_take_fixture_frames(tmp_path):
    fixture = lists.load_frames(data.load_weapon_items(MINIMAL), load_list_versions(MINIMAL), load_list_entries(MINIMAL))
    matrix = lists.list_matrix(*fixture)
    assert list(matrix.columns) == ["fixture-list-a", "fixture-soviet-b", "fixture-list-c"]
    assert matrix.loc["mrbm"].tolist() == ["demanded", None, "narrowed"]
    status = lists.status_on("1962-11-06", *fixture)
    assert status.loc["bombers", "soviet_position"] == "disputed"
    assert lists.diff_versions("fixture-list-a", "fixture-list-c", *fixture).set_index("item_id")["change"].to_dict() == {
        "mrbm": "narrowed", "bombers": "kept"}


# --------------------------------------------------------------------------- the chart


def test_plot_carries_every_item_and_version_label(frames):
    fig = lists.plot_list_matrix()
    ax = fig.axes[0]
    assert isinstance(fig, matplotlib.figure.Figure)
    assert [t.get_text() for t in ax.get_yticklabels()] == [lists.item_label(n) for n in frames.items["name"]]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(frames.versions["version_id"])
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    cell_texts = [t.get_text() for t in ax.texts]
    assert len(cell_texts) == len(frames.entries)  # every entry writes its status in its cell
    assert "disputed" in cell_texts and "demanded?" in cell_texts  # ? marks an uncertain entry


def test_describe_list_matrix_names_every_version(frames):
    text = lists.describe_list_matrix()
    for version_id in frames.versions["version_id"]:
        assert version_id in text
    assert "minimum-list-1962-11-07 (US): demanded: Bomber aircraft, Nuclear weapons;" in text


# --------------------------------------------------------------------------- loaders


def folder_with(tmp_path: Path, **swaps: str) -> Path:
    """A copy of the minimal fixture data with list files swapped for broken variants."""
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    for target, broken in swaps.items():
        shutil.copy(BROKEN / f"{broken}.csv", folder / f"{target}.csv")
    return folder


def test_minimal_list_fixtures_load_typed_and_in_order():
    versions = load_list_versions(MINIMAL)
    assert list(versions["version_id"]) == ["fixture-list-a", "fixture-soviet-b", "fixture-list-c"]
    assert versions.loc[1, "doc_id"] == "fixture-d2"  # cited by its also_printed id
    assert versions["date"].dtype.kind == "M"
    entries = load_list_entries(MINIMAL)
    assert list(zip(entries["version_id"], entries["item_id"]))[:2] == [("fixture-list-a", "mrbm"),
                                                                        ("fixture-list-a", "bombers")]
    assert isinstance(entries["status"].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize(
    "broken, line, row, column, words",
    [
        ("entries_bad_status", 3, "fixture-list-a:mrbm", "status", "'insisted' is not in the vocabulary"),
        ("entries_unknown_item", 4, "fixture-list-a:il28", "item_id", "unknown weapon item id"),
        ("entries_unknown_version", 2, "fixture-list-z:mrbm", "version_id", "unknown version id"),
        ("entries_duplicate", 7, "fixture-list-a:mrbm", "item_id", "first used on line 3"),
        ("entries_unknown_source", 5, "fixture-soviet-b:bombers", "source", "unknown document id"),
        ("entries_bad_evidence", 2, "fixture-list-c:mrbm", "evidence", "'probable' is not in the vocabulary"),
        ("entries_note_missing", 5, "fixture-soviet-b:bombers", "note", "the note must say how"),
        ("entries_long_wording", 6, "fixture-list-c:bombers", "wording", "short item name"),
        ("entries_missing_url", 3, "fixture-list-a:mrbm", "source_url", "is empty but required"),
    ],
)
def test_each_broken_entry_is_named_by_file_line_row_and_column(tmp_path, broken, line, row, column, words):
    folder = folder_with(tmp_path, list_entries=broken)
    with pytest.raises(DataError) as caught:
        load_list_entries(folder)
    problems = caught.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    problem = problems[0]
    assert problem.file.endswith("data/list_entries.csv")
    assert (problem.line, problem.row_id, problem.column) == (line, row, column)
    assert words in problem.message
    message = str(caught.value)
    assert f"list_entries.csv, line {line}, row '{row}', column '{column}'" in message


@pytest.mark.parametrize(
    "broken, line, row, column, words",
    [
        ("versions_bad_side", 3, "fixture-soviet-b", "side", "'Soviet' is not in the vocabulary"),
        ("versions_unknown_doc", 2, "fixture-list-a", "doc_id", "unknown document id"),
        ("versions_bad_date", 4, "fixture-list-c", "date", "not a real date"),
    ],
)
def test_each_broken_version_is_named_by_file_line_row_and_column(tmp_path, broken, line, row, column, words):
    folder = folder_with(tmp_path, list_versions=broken)
    with pytest.raises(DataError) as caught:
        load_list_versions(folder)
    (problem,) = caught.value.problems
    assert problem.file.endswith("data/list_versions.csv")
    assert (problem.line, problem.row_id, problem.column) == (line, row, column)
    assert words in problem.message
    assert f"list_versions.csv, line {line}, row '{row}', column '{column}'" in str(caught.value)


def test_a_missing_entry_column_is_named_in_the_header(tmp_path):
    with pytest.raises(DataError) as caught:
        load_list_entries(folder_with(tmp_path, list_entries="entries_missing_column"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (1, "evidence") and "missing from the header" in problem.message


# --------------------------------------------------------------------------- the tracker


def test_tracker_shows_the_status_and_the_documents_of_the_chosen_day(docs):
    widget = tracker.list_tracker(docs)
    assert widget.slider.continuous_update is False
    assert widget.slider.description and widget.slider.tooltip
    days = [value for _, value in widget.slider.options]
    assert days[0] == date(1962, 10, 22) and days[-1] == date(1963, 1, 7) and len(days) == 78

    widget.slider.value = date(1962, 11, 7)
    pd.testing.assert_frame_equal(widget.current, lists.status_on("1962-11-07"))
    assert widget.current.loc["ssm_sea", "us_demand"] == "dropped"
    expected_docs = filters.filter_documents(docs, start=date(1962, 11, 7), end=date(1962, 11, 7))
    assert list(widget.documents["doc_id"]) == list(expected_docs["doc_id"])
    assert "Where the list stood at the end of 7 Nov 1962" in widget.html
    assert "minimum-list-1962-11-07" in widget.html
    assert widget.html.count('<th scope="row"') == 15  # one row per weapon item

    widget.slider.value = date(1962, 11, 20)
    assert widget.current.loc["bombers", "soviet_position"] == "accepted"
    assert "Press Conference, 20 November 1962" in widget.html


def test_tracker_escapes_data_text_and_never_reads_disk_in_callbacks(docs, monkeypatch):
    tricky = docs.copy()
    first_nov_7 = tricky.index[tricky["day_min"] == pd.Timestamp("1962-11-07")][0]
    tricky.loc[first_nov_7, "title"] = "<script>alert('x')</script>"
    widget = tracker.list_tracker(tricky)

    def no_disk(*args, **kwargs):
        raise AssertionError("a callback read the disk")

    for loader in ("load_documents", "load_weapon_items", "load_list_versions", "load_list_entries"):
        monkeypatch.setattr(data, loader, no_disk)
    lists._kit_frames.cache_clear()  # even with the cache emptied, the widget uses its own frames
    try:
        widget.slider.value = date(1962, 11, 7)
    finally:
        monkeypatch.undo()
        lists._kit_frames.cache_clear()
    assert "<script>" not in widget.html
    assert "&lt;script&gt;" in widget.html
