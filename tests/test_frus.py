"""helpers.frus: the reader against a TEI fixture written from the structure note
(tests/fixtures/frus/frus1961-63v98.xml, a made-up volume "XCVIII" in the real volumes' encoding),
refusal of malicious and broken files, downloads from a local HTTP server (never the network),
attach_texts, and the command line."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import frus
from helpers.data import load_documents
from helpers.filters import filter_documents
from helpers.frus import FrusDownloadError, FrusError, attach_texts, fetch_volume, read_volume

HERE = Path(__file__).parent
REPO = HERE.parent
FIXTURE = HERE / "fixtures" / "frus" / "frus1961-63v98.xml"
MINIMAL = HERE / "fixtures" / "minimal"
VOL = "frus1961-63v98"
FIXTURE_BYTES = FIXTURE.read_bytes()


@pytest.fixture(scope="module")
def volume() -> pd.DataFrame:
    return read_volume(FIXTURE).set_index("doc_id", drop=False)


def utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text).tz_convert("UTC")


# --------------------------------------------------------------------------- the table


def test_one_row_per_document_with_the_kit_columns_and_types(volume):
    kit = load_documents(MINIMAL)
    assert list(volume["doc_id"]) == [f"{VOL}-d{n}" for n in range(1, 6)]  # not the preface, not the index
    assert list(volume.columns[: len(kit.columns)]) == list(kit.columns)
    for column in kit.columns:
        assert volume[column].dtype == kit[column].dtype, column
    assert list(volume.columns[len(kit.columns):]) == [
        "source_note", "frus_sender", "frus_recipients", "frus_subtype", "undated"]
    assert list(volume["doc_type"].cat.categories) == list(kit["doc_type"].cat.categories)
    assert volume["has_full_text"].all()
    assert volume["side"].isna().all() and volume["channel"].isna().all()
    assert volume["summary"].isna().all()
    for column in ("also_printed", "mentioned", "alt_urls", "weapons", "issues", "refs_external"):
        assert all(cell == [] for cell in volume[column]), column
    assert volume.attrs["volume_id"] == VOL
    assert volume.attrs["volume_title"].startswith("Foreign Relations of the United States, 1961–1963, Volume XCVIII")


def test_telegram_with_gloss_from_and_to(volume):
    row = volume.loc[f"{VOL}-d1"]
    assert row["title"] == "Telegram From the Embassy in the Soviet Union to the Department of State"
    assert row["doc_type"] == "telegram"
    assert row["date_min"] == row["date_max"] == utc("1962-10-23T09:00:00-05:00")  # min = max: a timed telegram
    assert row["date_precision"] == "minute"
    assert row["day_min"] == row["day_max"] == pd.Timestamp("1962-10-23")
    assert row["date_label"] == "23 Oct 1962, 09:00"
    assert row["place"] == "Moscow"
    assert row["sender"] == ["us-embassy-moscow", "kohler"]  # the office, then the signer
    assert row["recipients"] == ["state-department"]
    assert row["frus_sender"] == ["Embassy in the Soviet Union", "p_KFD1"]
    assert row["frus_recipients"] == ["Department of State"]
    assert row["telegram_number"] == "1042"
    assert row["classification"] == "Secret; Eyes Only; Niact; Elite"
    assert row["archive_citation"] == (
        "Kennedy Library, National Security Files, Countries Series, USSR, Khrushchev Correspondence")
    assert row["source_note"] == (
        "Source:Kennedy Library, National Security Files, Countries Series, USSR, Khrushchev Correspondence. "
        "Secret; Eyes Only; Niact; Elite. Passed to the White House at 11:05 a.m. October 23. "
        "Also printed in Fixture Bulletin, p. 1.")
    assert row["refs"] == [f"{VOL}-d2", "frus1961-63v11-d59"]  # same volume; another volume's footnote
    assert row["cited_by"] == [f"{VOL}-d2"]
    assert row["source_citation"] == "FRUS 1961-1963, vol. XCVIII, doc. 1"
    assert row["source_collection"] == "FRUS 1961-1963 vol. XCVIII"
    assert row["source_url"] == f"https://history.state.gov/historicaldocuments/{VOL}/d1"
    assert row["frus_subtype"] == "historical-document"
    assert not row["undated"]
    assert row["notes"] is None
    assert row["full_text"] == (
        "Moscow, October 23, 1962, 5 p.m.\n\n"
        "1042. Policy. Embtel 1041. Following is the fixture message, which runs across a page break in "
        "the middle of a sentence.\n\n"
        "Second paragraph with a USSR abbreviation, a word broken by a page, international, and a comma, "
        "then text.\n\n"
        "Kohler"
    )


def test_letter_with_persname_from_to_and_an_untyped_co_sender(volume):
    row = volume.loc[f"{VOL}-d2"]
    assert row["title"] == "Letter From Chairmen Khrushchev and Brezhnev to President Kennedy"
    assert row["doc_type"] == "letter"
    assert row["date_min"] == utc("1962-10-26T00:00:00-05:00")
    assert row["date_max"] == utc("1962-10-26T23:59:59-05:00")
    assert row["date_precision"] == "day"
    assert row["day_min"] == row["day_max"] == pd.Timestamp("1962-10-26")
    assert row["date_label"] == "26 Oct 1962"
    assert row["place"] == "Moscow"
    assert row["sender"] == ["khrushchev", "brezhnev"]
    assert row["recipients"] == ["john-kennedy"]
    assert row["frus_sender"] == ["p_KNS2", "p_BLI1"]
    assert row["frus_recipients"] == ["p_KJF2"]
    assert row["telegram_number"] is None
    # the marking sentence is "No classification marking, but ... classified ... Top Secret": the
    # document itself bore none
    assert row["classification"] == "No classification marking"
    assert row["archive_citation"] == "Department of State, Presidential Correspondence: Lot 66 D 204"
    assert row["source_note"].startswith("Source: Department of State, Presidential Correspondence: Lot 66 D 204.")
    assert row["source_note"].endswith("See also footnote 1 to Document 1 and volume V.")
    assert row["refs"] == [f"{VOL}-d1"]  # '#d1fn1' and '#d1' are one document; a whole volume is no document
    assert row["cited_by"] == [f"{VOL}-d1"]
    # notes, the page break between paragraphs and the source note are not in the text; lists and
    # quotes become paragraphs, a label stays with its item, lb is a space
    assert row["full_text"] == (
        "Moscow, October 26, 1962.\n\n"
        "Dear Mr. President, I have received your message. This fixture letter makes two points:\n\n"
        "1. the first point;\n\n"
        "2. the second point, quoting\n\n"
        "“a quoted line”\n\n"
        "Sincerely, yours\n\n"
        "N. Khrushchev\n\n"
        "L. Brezhnev"
    )
    assert "Printed from" not in row["full_text"] and "Source" not in row["full_text"]


def test_undated_document_with_an_inferred_date(volume):
    row = volume.loc[f"{VOL}-d3"]
    assert row["title"] == "Message From Chairman Khrushchev to President Kennedy"
    assert row["doc_type"] == "message"
    assert row["date_min"] == utc("1962-11-11T00:00:00-05:00")
    assert row["date_max"] == utc("1962-11-11T23:59:59-05:00")
    assert row["date_precision"] == "inferred"  # @ana="#date_undated-inferred-from-document-content"
    assert row["date_label"] == "11 Nov 1962 (date inferred)"
    assert row["day_min"] == row["day_max"] == pd.Timestamp("1962-11-11")
    assert row["place"] is None  # a dateline without placeName
    assert row["sender"] == ["khrushchev"] and row["recipients"] == ["john-kennedy"]
    assert row["classification"] == "Top Secret"
    assert row["archive_citation"] == "Department of State, Presidential Correspondence: Lot 77 D 163"
    assert row["refs"] == ["frus1961-63v11-d96"]
    assert row["cited_by"] == [f"{VOL}-d4"]
    assert not row["undated"]
    assert row["full_text"] == "undated.\n\nAn undated fixture message.\n\nSincerely,"


def test_editorial_note(volume):
    row = volume.loc[f"{VOL}-d4"]
    assert row["title"] == "Editorial Note"
    assert row["doc_type"] == "editorial note"
    assert row["frus_subtype"] == "editorial-note"
    # FRUS gives an editorial note the whole volume's span: kept, and flagged as undated
    assert row["date_min"] == utc("1960-11-09T00:00:00-05:00")
    assert row["date_max"] == utc("1963-12-01T23:59:59-05:00")
    assert row["undated"]
    assert row["date_precision"] == "day"
    assert row["date_label"] == "undated (FRUS gives the volume's span, 9 Nov 1960 to 1 Dec 1963)"
    assert row["place"] is None
    assert row["sender"] == [] and row["recipients"] == []
    assert row["frus_sender"] == [] and row["frus_recipients"] == []
    assert row["source_note"] is None and row["classification"] is None and row["archive_citation"] is None
    assert row["refs"] == [f"{VOL}-d3", "frus1961-63v11-d183"]  # a ref in the text and one in a note; not #pg_12
    assert row["cited_by"] == []
    assert row["full_text"] == (
        "At 8:30 p.m., on November 12, 1962, Robert F. Kennedy gave Ambassador Dobrynin an oral message "
        "(see Document 3):\n\n"
        "\"a quoted oral message\"\n\n"
        "The editors cite a file. (Fixture Library, Fixture Files)"
    )


def test_memorandum_in_a_chapter_with_a_timed_span_and_a_self_reference(volume):
    row = volume.loc[f"{VOL}-d5"]
    assert row["title"] == "Memorandum of Conversation"
    assert row["doc_type"] == "memorandum of conversation"
    assert row["date_min"] == utc("1962-11-20T10:00:00-05:00")
    assert row["date_max"] == utc("1962-11-20T11:30:00-05:00")
    assert row["date_precision"] == "minute"
    assert row["place"] == "Washington"
    assert row["sender"] == [] and row["recipients"] == []
    assert row["telegram_number"] is None  # "1." opens a numbered point, and this is no telegram
    assert row["classification"] == "Confidential; Limit Distribution"
    assert row["archive_citation"] == "Department of State, Central Files, 737.56361/11-2062"
    assert row["refs"] == []  # '#d5fn1' is its own footnote
    assert row["full_text"] == ("Washington, November 20, 1962, 10-11:30 a.m.\n\n"
                                "1. The Secretary opened the fixture meeting.")


def test_people_are_mapped_through_the_volume_persons_list(volume):
    people = volume.attrs["person_actors"]
    assert people["p_KJF2"] == "john-kennedy" and people["p_KRF1"] == "robert-kennedy"  # same family name
    assert people["p_KNS2"] == "khrushchev"
    assert people["p_BGN1"] == "bolshakov"  # printed without a comma: "Bolshakov Georgi N."
    assert people["p_SAEII1"] == "stevenson"  # ", III" outside the persName
    assert people["p_DAF1"] == "dobrynin"  # Anatoly (FRUS) and Anatoliy (kit)
    assert "p_FII1" not in people  # a person the kit does not know stays unmapped
    assert volume.attrs["frus_persons"]["p_FII1"] == "Fixturov, Ivan I."


def test_person_map_adds_and_corrects_ids():
    table = read_volume(FIXTURE, person_map={"p_KNS2": "zorin", "p_KJF2": "lyndon-johnson"})
    assert table.loc[1, "sender"] == ["zorin", "brezhnev"]
    assert table.loc[1, "recipients"] == ["lyndon-johnson"]


def test_person_map_with_an_unknown_actor_id_is_refused():
    with pytest.raises(FrusError, match="did you mean 'khrushchev'"):
        read_volume(FIXTURE, person_map={"p_KNS2": "krushchev"})


def test_without_actors_nothing_is_mapped_but_frus_ids_stay():
    no_actors = pd.DataFrame({"actor_id": [], "name": [], "full_name": [], "kind": []})
    table = read_volume(FIXTURE, actors=no_actors)
    assert table.loc[1, "sender"] == [] and table.loc[1, "frus_sender"] == ["p_KNS2", "p_BLI1"]


def test_the_filters_work_on_a_volume_table(volume):
    volume = volume.reset_index(drop=True)
    on_the_day = filter_documents(volume, start="1962-10-23", end="1962-10-23")
    assert list(on_the_day["doc_id"]) == [f"{VOL}-d4", f"{VOL}-d1"]  # the undated note overlaps every day
    assert list(filter_documents(volume, actors="khrushchev", role="sender")["doc_id"]) == [f"{VOL}-d2", f"{VOL}-d3"]
    assert list(filter_documents(volume, text="page break")["doc_id"]) == [f"{VOL}-d1"]


@pytest.mark.parametrize(
    "title, subtype, expected",
    [
        ("Telegram From the Embassy in the Soviet Union to the Department of State", None, "telegram"),
        ("Circular Telegram From the Department of State to Certain Posts", None, "telegram"),
        ("Letter From Chairman Khrushchev to President Kennedy", None, "letter"),
        ("Message From President Kennedy to Chairman Khrushchev", None, "message"),
        ("Oral Statement by Chairman Khrushchev to President Kennedy", None, "message"),
        ("Memorandum of Conversation", None, "memorandum of conversation"),
        ("Memorandum of Telephone Conversation Between the Under Secretary of State (Ball) and Bundy", None,
         "memorandum of telephone conversation"),
        ("Record of Telephone Conversation Between President Kennedy and Prime Minister Macmillan", None,
         "memorandum of telephone conversation"),
        ("Memorandum for the Files", None, "memorandum for the record"),
        ("Memorandum From Director of Central Intelligence McCone to Bundy", None, "memorandum"),
        ("Summary Record of the Tenth Meeting of the Executive Committee of the National Security Council", None,
         "record of meeting"),
        ("Record of Action of the 12th Meeting", None, "record of action"),
        ("Editorial Note", None, "editorial note"),
        ("Anything at all", "editorial-note", "editorial note"),
        ("Paper Prepared in the Department of State", None, "paper"),
        ("Special National Intelligence Estimate", None, "report"),
        ("A heading no rule knows", None, None),
    ],
)
def test_guess_doc_type(title, subtype, expected):
    assert frus.guess_doc_type(title, subtype) == expected
    assert expected is None or expected in frus.vocab.DOC_TYPES


@pytest.mark.parametrize(
    "note, classification, archive",
    [
        ("Source: Department of State, Presidential Correspondence: Lot 66 D 204. Eyes Only. At 7:41 p.m. the "
         "Department had sent a draft.", "Eyes Only", "Department of State, Presidential Correspondence: Lot 66 D 204"),
        ("Source: Department of State, Presidential Correspondence: Lot 66 D 204. Secret; Niact; Limit "
         "Distribution. Another copy is in the Kennedy Library.", "Secret; Niact; Limit Distribution", None),
        ("Source:American Foreign Policy: Current Documents, 1960, p. 476. No classification marking.",
         "No classification marking", "American Foreign Policy: Current Documents, 1960, p. 476"),
        ("Source: Department of State, Central Files, 711.11-KE/1-2161. Unclassified; Niact. Drafted by a "
         "desk officer.", "Unclassified; Niact", "Department of State, Central Files, 711.11-KE/1-2161"),
        ("Source: Kennedy Library, President's Office Files. Top Secret; Eyes Only for the Secretary. Drafted.",
         "Top Secret; Eyes Only for the Secretary", "Kennedy Library, President's Office Files"),
        ("Source: Department of State, Central Files, 737.56361/11-762. Top Secret; Priority. Drafted by "
         "Thompson and U. Alexis Johnson.", "Top Secret; Priority", "Department of State, Central Files, 737.56361/11-762"),
        ("Source: A file. Marked Confidential by hand, and later Secret.", "Confidential; Secret", "A file"),
        (None, None, None),
    ],
)
def test_classification_and_archive_from_source_notes(note, classification, archive):
    assert frus.classification_of(note) == classification
    if archive is not None:
        assert frus.archive_citation_of(note) == archive


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz,.", min_size=1, max_size=8), min_size=2, max_size=12),
    data=st.data(),
)
def test_a_page_break_between_words_changes_nothing(tmp_path_factory, words, data):
    """A pb where the print had a space (either side) never joins or splits words."""
    at = data.draw(st.integers(min_value=1, max_value=len(words) - 1))
    side = data.draw(st.sampled_from(["before", "after", "both"]))
    pb = '<pb n="9" xml:id="pg_9" facs="0009"/>'
    left, right = " ".join(words[:at]), " ".join(words[at:])
    glue = {"before": f" {pb}", "after": f"{pb} ", "both": f" {pb} "}[side]
    folder = tmp_path_factory.mktemp("pb")
    path = write_tei(folder / "v.xml", document(f"<p>{left}{glue}{right}</p>"))
    assert read_volume(path, actors=NO_ACTORS).loc[0, "full_text"] == " ".join(words)


# --------------------------------------------------------------------------- refusals

NO_ACTORS = pd.DataFrame({"actor_id": [], "name": [], "full_name": [], "kind": []})
TEI_OPEN = ('<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0" '
            'xml:id="frus-test"><teiHeader/><text><body>')
TEI_CLOSE = "</body></text></TEI>"


def document(inner: str, head: str = "1. Letter From A to B") -> str:
    return (f'<div type="document" xml:id="d1" n="1" subtype="historical-document" '
            f'frus:doc-dateTime-min="1962-11-01T00:00:00-05:00" frus:doc-dateTime-max="1962-11-01T23:59:59-05:00">'
            f"<head>{head}</head>{inner}</div>")


def write_tei(path: Path, body: str, prolog: str = '<?xml version="1.0" encoding="UTF-8"?>\n') -> Path:
    path.write_text(prolog + TEI_OPEN + body + TEI_CLOSE, encoding="utf-8")
    return path


def test_a_minimal_handmade_volume_reads(tmp_path):
    table = read_volume(write_tei(tmp_path / "frus-test.xml", document("<p>Text.</p>")), actors=NO_ACTORS)
    assert list(table["doc_id"]) == ["frus-test-d1"] and table.loc[0, "full_text"] == "Text."


def test_billion_laughs_is_refused(tmp_path):
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
           + "]>\n")
    path = write_tei(tmp_path / "lol.xml", document("<p>&lol9;</p>"), prolog=lol)
    with pytest.raises(FrusError, match="DTD") as caught:
        read_volume(path, actors=NO_ACTORS)
    assert "entities" in str(caught.value)


def test_an_external_entity_is_refused_and_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT", encoding="utf-8")
    prolog = f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
    path = write_tei(tmp_path / "xxe.xml", document("<p>&xxe;</p>"), prolog=prolog)
    with pytest.raises(FrusError) as caught:
        read_volume(path, actors=NO_ACTORS)
    assert "SECRET-CONTENT" not in str(caught.value)
    assert "refused" in str(caught.value)


def test_an_external_dtd_is_refused(tmp_path):
    prolog = '<?xml version="1.0"?>\n<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/tei.dtd">\n'
    with pytest.raises(FrusError, match="DTD"):
        read_volume(write_tei(tmp_path / "dtd.xml", document("<p>x</p>"), prolog=prolog), actors=NO_ACTORS)


@pytest.mark.parametrize("cut", [0.05, 0.5, 0.9, -8])
def test_a_truncated_file_is_refused(tmp_path, cut):
    at = int(len(FIXTURE_BYTES) * cut) if cut > 0 else len(FIXTURE_BYTES) + cut
    path = tmp_path / f"{VOL}.xml"
    path.write_bytes(FIXTURE_BYTES[:at])
    with pytest.raises(FrusError, match="truncated"):
        read_volume(path, actors=NO_ACTORS)


def test_a_file_that_is_not_tei_is_refused(tmp_path):
    html = tmp_path / "page.xml"
    html.write_text("<html><body><p>Rate limit exceeded</p></body></html>", encoding="utf-8")
    with pytest.raises(FrusError, match=r"not a TEI file: its root element is <html>"):
        read_volume(html, actors=NO_ACTORS)
    text = tmp_path / "text.xml"
    text.write_text("404: Not Found", encoding="utf-8")
    with pytest.raises(FrusError, match="not well-formed"):
        read_volume(text, actors=NO_ACTORS)
    other_ns = tmp_path / "other.xml"
    other_ns.write_text('<TEI xmlns="http://example.org/not-tei"/>', encoding="utf-8")
    with pytest.raises(FrusError, match="not a TEI file"):
        read_volume(other_ns, actors=NO_ACTORS)


def test_tei_without_documents_empty_and_missing_files_are_refused(tmp_path):
    with pytest.raises(FrusError, match="no FRUS documents"):
        read_volume(write_tei(tmp_path / "empty-tei.xml", "<p>No documents here.</p>"), actors=NO_ACTORS)
    (tmp_path / "zero.xml").write_bytes(b"")
    with pytest.raises(FrusError, match="empty"):
        read_volume(tmp_path / "zero.xml", actors=NO_ACTORS)
    with pytest.raises(FrusError, match="no such file"):
        read_volume(tmp_path / "absent.xml", actors=NO_ACTORS)


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    with pytest.raises(FrusError, match="over the limit"):
        read_volume(FIXTURE, max_bytes=1000, actors=NO_ACTORS)
    monkeypatch.setenv(frus.MAX_BYTES_ENV, "1000")
    with pytest.raises(FrusError, match="over the limit"):
        read_volume(FIXTURE, actors=NO_ACTORS)
    monkeypatch.setenv(frus.MAX_BYTES_ENV, "lots")
    with pytest.raises(FrusError, match="whole number"):
        read_volume(FIXTURE, actors=NO_ACTORS)


def test_a_missing_date_is_reported_not_guessed(tmp_path):
    div = document("<p>x</p>").replace('frus:doc-dateTime-min="1962-11-01T00:00:00-05:00"', "")
    table = read_volume(write_tei(tmp_path / "nodate.xml", div), actors=NO_ACTORS)
    assert pd.isna(table.loc[0, "date_min"]) and pd.isna(table.loc[0, "date_precision"])
    assert table.loc[0, "date_label"] == "date unknown"
    assert "frus:doc-dateTime-min/max" in table.loc[0, "notes"]


def test_an_unknown_heading_leaves_doc_type_empty_and_says_so(tmp_path):
    table = read_volume(write_tei(tmp_path / "odd.xml", document("<p>x</p>", head="1. Something Else")),
                        actors=NO_ACTORS)
    assert pd.isna(table.loc[0, "doc_type"])
    assert "doc_type could not be guessed" in table.loc[0, "notes"]


# --------------------------------------------------------------------------- downloads


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):  # noqa: N802
        type(self).hits.append(self.path)
        kind, _, name = self.path.strip("/").partition("/")
        body = FIXTURE_BYTES
        if kind == "missing":
            self.send_error(404, "Not Found")
            return
        if kind == "html":
            body = b"<html><body>Rate limit exceeded</body></html>"
        if kind == "broken":
            body = FIXTURE_BYTES[: len(FIXTURE_BYTES) // 2]  # complete transfer of a truncated file
        if kind == "other":
            body = FIXTURE_BYTES.replace(b'xml:id="frus1961-63v98"', b'xml:id="frus1961-63v97"')
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if kind == "short":  # the server announces the whole file, sends half and hangs up
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_fetch_downloads_into_the_cache_with_a_progress_bar(server, tmp_path, capsys):
    path = fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/good/")
    assert path == tmp_path / f"{VOL}.xml"
    assert path.read_bytes() == FIXTURE_BYTES
    assert leftovers(tmp_path) == []
    err = capsys.readouterr().err
    assert VOL in err and "100%" in err
    hits = len(_Handler.hits)
    assert fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/good/") == path  # cached: no request
    assert len(_Handler.hits) == hits
    assert read_volume(path, actors=NO_ACTORS).shape[0] == 5


def test_an_interrupted_download_keeps_the_cached_copy(server, tmp_path):
    good = fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/good/", progress=False)
    before = good.read_bytes()
    with pytest.raises(FrusDownloadError) as caught:
        fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/short/", progress=False, force=True)
    message = str(caught.value)
    assert f"{server}/short/{VOL}.xml" in message
    assert "stopped early" in message or "connection failed" in message
    assert "left as it was" in message and "To place the file by hand" in message and str(good) in message
    assert good.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_an_interrupted_first_download_leaves_nothing(server, tmp_path):
    with pytest.raises(FrusDownloadError, match="Nothing was written"):
        fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/short/", progress=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "kind, words",
    [
        ("broken", "not a usable FRUS volume"),  # all bytes arrived, but the file itself is truncated
        ("html", "not a TEI file"),
        ("other", "'frus1961-63v97', not 'frus1961-63v98'"),
        ("missing", "HTTP 404"),
    ],
)
def test_a_bad_download_is_refused_and_the_cache_kept(server, tmp_path, kind, words):
    good = fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/good/", progress=False)
    with pytest.raises(FrusDownloadError, match=words):
        fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/{kind}/", progress=False, force=True)
    assert good.read_bytes() == FIXTURE_BYTES
    assert leftovers(tmp_path) == []


def test_offline_says_what_failed_and_how_to_place_the_file(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FrusDownloadError) as caught:
        fetch_volume(VOL, cache_dir=tmp_path, base_url=f"http://127.0.0.1:{port}/", progress=False, timeout=5)
    message = str(caught.value)
    assert "could not connect" in message and "offline" in message
    assert str(tmp_path / f"{VOL}.xml") in message and "github.com/HistoryAtState/frus" in message


def test_the_size_limit_applies_to_downloads(server, tmp_path):
    with pytest.raises(FrusDownloadError, match="over the limit"):
        fetch_volume(VOL, cache_dir=tmp_path, base_url=f"{server}/good/", progress=False, max_bytes=1000)
    assert list(tmp_path.iterdir()) == []


def test_bad_volume_ids_are_refused_before_any_request(tmp_path):
    for bad in ("../etc/passwd", "frus 1961", "", "a/b"):
        with pytest.raises(FrusError, match="not a FRUS volume id"):
            fetch_volume(bad, cache_dir=tmp_path, base_url="http://127.0.0.1:9/", progress=False)


def test_environment_variables_set_the_url_and_the_cache(server, tmp_path, monkeypatch):
    monkeypatch.setenv(frus.BASE_URL_ENV, f"{server}/good/{{volume_id}}.xml")
    monkeypatch.setenv(frus.CACHE_ENV, str(tmp_path / "cache"))
    assert frus.volume_url(VOL) == f"{server}/good/{VOL}.xml"
    path = fetch_volume(VOL, progress=False)
    assert path == tmp_path / "cache" / f"{VOL}.xml" and path.is_file()
    assert frus.cached_path(VOL) == path


def test_the_default_cache_is_a_user_folder_outside_the_repository(tmp_path, monkeypatch):
    monkeypatch.delenv(frus.CACHE_ENV, raising=False)
    monkeypatch.delenv(frus.BASE_URL_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    folder = frus.cache_folder()
    assert REPO not in folder.parents
    if sys.platform.startswith("linux"):
        assert folder == tmp_path / ".cache" / "nov1962-kit" / "frus"
    assert frus.volume_url(VOL) == f"https://raw.githubusercontent.com/HistoryAtState/frus/master/volumes/{VOL}.xml"


# --------------------------------------------------------------------------- attach_texts


def test_attach_texts_fills_the_kit_rows_by_doc_id_or_also_printed():
    docs = load_documents(MINIMAL)
    table = read_volume(FIXTURE, actors=NO_ACTORS)
    table.loc[0, "doc_id"] = "fixture-d1"  # a doc_id of the kit
    table.loc[1, "doc_id"] = "fixture-alias-d2"  # the also_printed id of fixture-d2, which ships a text
    result = attach_texts(docs, table)
    by_id = result.set_index("doc_id")
    assert by_id.loc["fixture-d1", "full_text"] == table.loc[0, "full_text"]
    assert by_id.loc["fixture-d1", "has_full_text"]
    assert by_id.loc["fixture-d2", "full_text"] == "Fixture full text.\n"  # the shipped text is kept
    assert by_id.loc["fixture-d3", "full_text"] is None and not by_id.loc["fixture-d3", "has_full_text"]
    others = [c for c in docs.columns if c not in ("full_text", "has_full_text")]
    pd.testing.assert_frame_equal(result[others], docs[others])
    assert result["has_full_text"].dtype == bool and result.attrs == docs.attrs
    assert docs.set_index("doc_id").loc["fixture-d1", "full_text"] is None  # the input is not changed

    replaced = attach_texts(docs, [table], overwrite=True).set_index("doc_id")
    assert replaced.loc["fixture-d2", "full_text"] == table.loc[1, "full_text"]


def test_attach_texts_reads_paths_and_cached_volume_ids(tmp_path):
    docs = load_documents(MINIMAL)
    assert attach_texts(docs, FIXTURE)["full_text"].tolist() == docs["full_text"].tolist()  # no shared ids
    (tmp_path / f"{VOL}.xml").write_bytes(FIXTURE_BYTES)
    assert attach_texts(docs, [VOL], cache_dir=tmp_path)["has_full_text"].tolist() == docs["has_full_text"].tolist()
    with pytest.raises(FrusError, match="python -m helpers.frus fetch frus1961-63v11"):
        attach_texts(docs, "frus1961-63v11", cache_dir=tmp_path)


def test_attach_texts_on_the_kit_table_changes_only_matching_rows():
    docs = load_documents()
    table = read_volume(FIXTURE, actors=NO_ACTORS)
    table.loc[0, "doc_id"] = "frus1961-63v06-d60"
    table.loc[1, "doc_id"] = "frus1961-63v11-d247"  # printed in vol. XI; the kit's row is vol. VI d84
    result = attach_texts(docs, table).set_index("doc_id")
    assert result.loc["frus1961-63v06-d60", "full_text"] == table.loc[0, "full_text"]
    assert result.loc["frus1961-63v06-d84", "full_text"] == table.loc[1, "full_text"]
    assert int(result["has_full_text"].sum()) == int(docs["has_full_text"].sum()) + 2


# --------------------------------------------------------------------------- command line


def test_cli_fetch(server, tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "helpers.frus", "fetch", VOL, "--cache-dir", str(tmp_path),
         "--base-url", f"{server}/good/"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(tmp_path / f"{VOL}.xml")
    assert "100%" in done.stderr
    failed = subprocess.run(
        [sys.executable, "-m", "helpers.frus", "fetch", VOL, "frus1961-63v97", "--cache-dir", str(tmp_path),
         "--base-url", f"{server}/missing/", "--quiet"],
        cwd=REPO, capture_output=True, text=True, timeout=60,
    )
    assert failed.returncode == 1
    assert failed.stdout.strip() == str(tmp_path / f"{VOL}.xml")  # already cached
    assert "frus1961-63v97" in failed.stderr and "HTTP 404" in failed.stderr and "by hand" in failed.stderr


def test_cli_read_and_where(tmp_path, capsys):
    assert frus.main(["read", str(FIXTURE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{VOL}: 5 documents") and "Editorial Note" in out
    assert frus.main(["where", "--cache-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path)
    assert frus.main(["read", str(tmp_path / "absent.xml")]) == 1
    assert "no such file" in capsys.readouterr().err
