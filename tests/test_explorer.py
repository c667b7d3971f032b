"""The explorer driven from Python: set widget values, then check the count, the rows, the card,
the timeline, the exported file, and that data text is shown inert."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import load_actors, load_documents, load_weapon_items
from helpers.explorer import DocumentExplorer, document_card_html, documents_table_html, export_csv
from helpers.filters import filter_documents

DOCS = load_documents()
ACTORS = load_actors()
ITEMS = load_weapon_items()


@pytest.fixture
def explorer(tmp_path):
    return DocumentExplorer(DOCS, ACTORS, ITEMS, export_dir=tmp_path / "exports")


def test_starts_with_every_document(explorer):
    assert len(explorer.filtered) == len(DOCS)
    assert f"<strong>{len(DOCS)}</strong> of {len(DOCS)} documents" in explorer.count.value
    assert explorer.date_range.value == (date(1962, 10, 22), date(1963, 1, 9))
    assert "<svg" in explorer.timeline_view.value and 'role="img"' in explorer.timeline_view.value


def test_actor_and_dates_narrow_the_table(explorer):
    explorer.actor_input.value = ["kuznetsov"]
    explorer.date_range.value = (date(1962, 11, 5), date(1962, 11, 8))
    assert (explorer.start_picker.value, explorer.end_picker.value) == (date(1962, 11, 5), date(1962, 11, 8))
    expected = filter_documents(DOCS, "1962-11-05", "1962-11-08", actors="kuznetsov")
    assert list(explorer.filtered["doc_id"]) == list(expected["doc_id"])
    assert "<strong>12</strong> of 174 documents" in explorer.count.value
    assert "Telegram From the Department of State to the Mission to the United Nations" in explorer.table_view.value
    assert explorer.filters["actors"] == ["kuznetsov"] and explorer.filters["start"] == date(1962, 11, 5)
    explorer.role.value = "sender"
    assert list(explorer.filtered["doc_id"]) == ["wilson-110440"]
    assert [v for _, v in explorer.document_picker.options] == ["wilson-110440"]


def test_date_pickers_move_the_slider(explorer):
    explorer.start_picker.value = date(1962, 11, 20)
    explorer.end_picker.value = date(1962, 11, 21)
    assert explorer.date_range.value == (date(1962, 11, 20), date(1962, 11, 21))
    assert set(explorer.filtered["day_min"].dt.date) <= {date(1962, 11, 19), date(1962, 11, 20), date(1962, 11, 21)}
    explorer.end_picker.value = date(1962, 11, 1)  # before the start: refused with a message, nothing changes
    assert "start date is after the end date" in explorer.count.value
    assert explorer.date_range.value == (date(1962, 11, 20), date(1962, 11, 21))


def test_selectors_keyword_and_reset(explorer):
    explorer.channels.value = ("leaders",)
    explorer.weapons.value = ("bombers",)
    explorer.keyword.value = "month"
    expected = filter_documents(DOCS, channels="leaders", weapons="bombers", text="month")
    assert list(explorer.filtered["doc_id"]) == list(expected["doc_id"]) and len(expected) >= 1
    explorer.reset()
    assert len(explorer.filtered) == len(DOCS) and explorer.keyword.value == "" and explorer.channels.value == ()


def test_choosing_a_row_opens_its_card_and_its_links(explorer):
    explorer.keyword.value = "minimum list"
    explorer.document_picker.value = "frus1961-63v11-d159"
    assert explorer.current_doc_id == "frus1961-63v11-d159"
    card = explorer.card_html
    assert "https://history.state.gov/historicaldocuments/frus1961-63v11/d159" in card
    assert "FRUS 1961-1963, vol. XI, doc. 159" in card and "Full text" in card
    assert "1223. Eyes only Stevenson and McCloy." in card
    links = [b.description for b in explorer.card_links.children]
    assert links == ["cites: frus1961-63v11-d157", "cites: frus1961-63v11-d133", "cites: frus1961-63v11-d125"]
    explorer.card_links.children[2].click()  # open a cited document in turn
    assert explorer.current_doc_id == "frus1961-63v11-d125"
    assert "cited by: frus1961-63v11-d159" in [b.description for b in explorer.card_links.children]


def test_export_writes_a_new_file_each_time(explorer, tmp_path):
    explorer.channels.value = ("havana",)
    first = explorer.export()
    second = explorer.export()
    assert first.parent == tmp_path / "exports" and first.name == "my_documents.csv"
    assert second.name == "my_documents-1.csv"
    saved = pd.read_csv(first)
    assert list(saved["doc_id"]) == list(explorer.filtered["doc_id"])
    assert saved["sender"].iloc[0] == ";".join(explorer.filtered["sender"].iloc[0])
    assert "Saved" in explorer.export_status.value and "my_documents-1.csv" in explorer.export_status.value


def test_export_name_is_made_safe(tmp_path):
    path = export_csv(DOCS.head(2), tmp_path, "../../etc/pass wd?.csv")
    assert path.parent == tmp_path and path.name == "pass_wd.csv"


def test_script_in_the_data_renders_inert():
    row = DOCS.iloc[0].copy()
    row["summary"] = "<script>alert('x')</script>"
    row["title"] = "<b onmouseover=alert(1)>x</b>"
    names = dict(zip(ACTORS["actor_id"], ACTORS["name"]))
    card = document_card_html(row, names, {})
    table = documents_table_html(pd.DataFrame([row]), names, {})
    assert "<script>" not in card and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in card
    for rendered in (card, table):
        assert "<b onmouseover" not in rendered and "&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;" in rendered


def test_every_control_has_a_readable_label(explorer):
    for control in (explorer.date_range, explorer.start_picker, explorer.end_picker, explorer.actor_input,
                    explorer.role, explorer.sides, explorer.channels, explorer.doc_types, explorer.weapons,
                    explorer.keyword, explorer.document_picker, explorer.export_name):
        assert control.description, control
    for button in (explorer.reset_button, explorer.export_button):
        assert button.description and button.tooltip
    assert explorer.keyword.continuous_update is False and explorer.date_range.continuous_update is False


def test_no_file_is_read_in_a_callback(explorer, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("a callback read a file")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr("builtins.open", refuse)
    explorer.channels.value = ("new-york",)
    explorer.actor_input.value = ["mccloy"]
    explorer.document_picker.value = explorer.document_picker.options[0][1]
    assert len(explorer.filtered) > 0
