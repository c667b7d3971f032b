"""The shipped data: every rule over every file, and facts that must hold, each checked by us in
the source named in the row (see data/README.md)."""

import re

import pandas as pd
import pytest

from helpers import vocab
from helpers.data import find_data_dir, load_actors, load_documents, load_events, load_glossary, load_weapon_items


@pytest.fixture(scope="module")
def docs():
    return load_documents()


@pytest.fixture(scope="module")
def doc(docs):
    indexed = docs.set_index("doc_id")
    return lambda doc_id: indexed.loc[doc_id]


def ts(text):
    return pd.Timestamp(text)


# --------------------------------------------------------------------------- coverage


def test_at_least_150_documents_in_the_period(docs):
    in_period = docs[(docs["day_max"] >= "1962-10-22") & (docs["day_min"] <= "1963-01-07")]
    assert len(in_period) >= 150
    assert docs["day_min"].min() >= ts("1962-10-01") and docs["day_max"].max() <= ts("1963-01-31")


def test_at_least_30_soviet_or_cuban_records(docs):
    assert docs["side"].isin(["USSR", "Cuba"]).sum() >= 30
    soviet_archives = docs[~docs["doc_id"].str.startswith("frus") & docs["side"].isin(["USSR", "Cuba"])]
    assert len(soviet_archives) >= 25  # records from Soviet and Cuban files, not only letters printed in FRUS


def test_every_channel_of_the_negotiation_is_covered(docs):
    counts = docs["channel"].value_counts()
    for channel in ["leaders", "new-york", "washington", "havana", "un", "public", "us-internal"]:
        assert counts[channel] >= 4, channel
    assert counts["leaders"] >= 25 and counts["new-york"] >= 30


def test_all_kennedy_khrushchev_letters_are_one_row_each(docs):
    leaders = docs[docs["channel"] == "leaders"]
    vol6 = set(leaders["doc_id"][leaders["doc_id"].str.startswith("frus1961-63v06-")])
    expected = {f"frus1961-63v06-d{n}" for n in range(60, 93)}
    assert expected <= vol6
    all_ids = list(docs["doc_id"]) + [i for ids in docs["also_printed"] for i in ids]
    assert len(all_ids) == len(set(all_ids)), "a document appears twice (as a row and as also_printed)"


# --------------------------------------------------------------------------- rules over all rows


def test_every_row_names_its_source_and_a_url(docs):
    assert docs["source_url"].str.match(r"^https?://").all()
    assert docs["source_citation"].str.len().gt(5).all()
    frus = docs[docs["doc_id"].str.startswith("frus")]
    for doc_id, url, citation in zip(frus["doc_id"], frus["source_url"], frus["source_citation"]):
        volume, number = re.match(r"(frus[\w-]+?)-d(\d+)$", doc_id).groups()
        assert url == f"https://history.state.gov/historicaldocuments/{volume}/d{number}", doc_id
        assert citation.startswith("FRUS") and number in citation, doc_id


def test_dates_are_tz_aware_intervals_in_order(docs):
    assert str(docs["date_min"].dt.tz) == "UTC"
    assert (docs["date_min"] <= docs["date_max"]).all()
    assert docs["date_min"].is_monotonic_increasing
    day = docs[docs["date_precision"] == "day"]
    assert (day["day_min"] <= day["day_max"]).all()


def test_vocabularies_hold(docs):
    assert set(docs["side"].cat.categories) == set(vocab.SIDES)
    assert set(docs["channel"].cat.categories) == set(vocab.CHANNELS)
    weapons = set(load_weapon_items()["item_id"])
    assert {w for ws in docs["weapons"] for w in ws} <= weapons
    assert {i for its in docs["issues"] for i in its} <= set(vocab.ISSUES)


def test_rows_without_a_title_say_why(docs):
    untitled = docs[docs["title"].isna()]
    assert len(untitled) <= 3
    assert untitled["notes"].str.contains("heading", case=False).all()


def test_summaries_are_ours_and_short(docs):
    words = docs["summary"].str.split().str.len()
    assert words.between(15, 160).all(), docs.loc[~words.between(15, 160), "doc_id"].tolist()
    # no long quoted passages: a quotation in a summary stays under ten words
    for doc_id, summary in zip(docs["doc_id"], docs["summary"]):
        for quoted in re.findall(r"[\"\u201c]([^\"\u201d]+)[\"\u201d]", summary):
            assert len(quoted.split()) < 10, (doc_id, quoted)


def test_refs_and_cited_by_agree(docs):
    ids = set(docs["doc_id"])
    for doc_id, refs in zip(docs["doc_id"], docs["refs"]):
        assert set(refs) <= ids and doc_id not in refs
    cited = docs.set_index("doc_id")["cited_by"]
    for doc_id, refs in zip(docs["doc_id"], docs["refs"]):
        for ref in refs:
            assert doc_id in cited[ref]


# --------------------------------------------------------------------------- facts from the sources


def test_telegram_1223(doc):
    row = doc("frus1961-63v11-d159")
    assert row["title"] == "Telegram From the Department of State to the Mission to the United Nations"
    assert row["telegram_number"] == "1223"
    assert row["date_min"] == row["date_max"] == ts("1962-11-07T21:32:00-05:00")
    assert row["date_precision"] == "minute" and row["place"] == "Washington"
    assert row["sender"] == ["state-department"]
    assert {"usun", "stevenson", "mccloy"} <= set(row["recipients"])
    assert row["refs"] == ["frus1961-63v11-d157", "frus1961-63v11-d133", "frus1961-63v11-d125"]
    assert row["classification"] == "Top Secret; Priority"
    assert row["archive_citation"] == "Department of State, Central Files, 737.56361/11-762"
    assert {"mrbm", "irbm", "bombers", "nuclear_weapons", "komar"} <= set(row["weapons"])
    assert row["has_full_text"] and "1223. Eyes only Stevenson and McCloy." in row["full_text"]


def test_deptel_1147_is_the_deptel_1034_that_1223_modifies(doc):
    row = doc("frus1961-63v11-d125")
    assert row["telegram_number"] == "1147"
    assert row["date_min"] == ts("1962-10-31T12:46:00-05:00")
    assert "frus1961-63v11-d159" in row["cited_by"]


def test_kennedy_letter_of_3_november(doc):
    row = doc("frus1961-63v06-d72")
    assert row["title"] == "Letter From President Kennedy to Chairman Khrushchev"
    assert row["day_min"] == row["day_max"] == ts("1962-11-03")
    assert row["sender"] == ["john-kennedy"] and row["recipients"] == ["khrushchev"]
    assert row["channel"] == "leaders"


def test_castro_letter_to_u_thant_of_19_november(docs):
    row = docs[(docs["day_min"] == "1962-11-19") & docs["sender"].map(lambda s: "fidel-castro" in s)].iloc[0]
    assert row["recipients"] == ["u-thant"]
    assert row["side"] == "Cuba" and row["channel"] == "un"
    assert "bombers" in row["weapons"]


def test_castro_letter_to_u_thant_of_15_november(docs):
    rows = docs[(docs["day_min"] == "1962-11-15") & docs["sender"].map(lambda s: "fidel-castro" in s)]
    assert list(rows["recipients"]) == [["u-thant"]]


def test_il28_settlement_of_20_november(doc):
    letter = doc("frus1961-63v06-d79")  # Khrushchev agrees the IL-28s will go within a month
    assert letter["also_printed"] == ["frus1961-63v11-d196"]
    assert letter["sender"] == ["khrushchev"] and "bombers" in letter["weapons"]
    assert letter["day_min"] == ts("1962-11-20")
    reply = doc("frus1961-63v06-d81")
    assert reply["also_printed"] == ["frus1961-63v11-d202"]
    assert reply["day_min"] == ts("1962-11-21") and "frus1961-63v06-d79" in reply["refs"]
    press = doc("jfk-press-conference-1962-11-20")
    assert press["channel"] == "public" and press["date_min"] == ts("1962-11-20T18:00:00-05:00")


def test_the_public_acts(doc):
    address = doc("jfk-address-1962-10-22")
    assert address["date_min"] == ts("1962-10-22T19:00:00-04:00")  # EDT until 28 Oct 1962
    proclamation = doc("proclamation-3504")
    assert proclamation["date_min"] == ts("1962-10-23T19:06:00-04:00")
    assert proclamation["doc_type"] == "proclamation" and proclamation["sender"] == ["john-kennedy"]
    broadcast = doc("frus1961-63v06-d68")  # Khrushchev's message of 28 Oct, broadcast on Moscow radio
    assert broadcast["day_min"] == ts("1962-10-28") and broadcast["place"] == "Moscow"
    assert "broadcast" in broadcast["notes"].lower()
    joint = doc("frus1961-63v05-d276")  # the joint letter to U Thant of 7 Jan 1963
    assert joint["day_min"] == ts("1963-01-07") and joint["recipients"] == ["u-thant"]
    assert {"stevenson", "kuznetsov"} <= set(joint["sender"])


def test_khrushchev_tells_mikoyan_the_il28s_will_go(doc):
    row = doc("wilson-115098")
    assert row["day_min"] == ts("1962-11-11")
    assert row["sender"] == ["khrushchev"] and row["recipients"] == ["mikoyan"]
    assert row["side"] == "USSR" and row["channel"] == "havana"
    assert "41" in row["summary"] + row["notes"]


def test_mikoyan_meets_kennedy_29_november(doc):
    row = doc("frus1961-63v11-d218")
    assert row["date_min"] == ts("1962-11-29T16:40:00-05:00")
    assert row["date_max"] == ts("1962-11-29T19:55:00-05:00")
    assert {"mikoyan", "dobrynin"} <= set(row["recipients"] + row["mentioned"] + row["sender"])


def test_telegram_times_shift_with_daylight_saving(doc):
    # New York telegrams before 28 Oct 1962 are EDT (-04:00), after it EST (-05:00)
    assert doc("frus1961-63v11-d86")["date_min"] == ts("1962-10-26T19:00:00-04:00")
    assert doc("frus1961-63v11-d128")["date_min"] == ts("1962-10-31T22:00:00-05:00")


def test_both_sides_record_the_27_october_rfk_dobrynin_meeting(doc):
    us = doc("frus1961-63v11-d96")
    soviet = doc("wilson-cable-ambassador-dobrynin-soviet-foreign-ministry-meeting")
    assert us["sender"] == ["robert-kennedy"] and us["day_min"] == ts("1962-10-27")
    assert soviet["side"] == "USSR" and soviet["day_min"] == ts("1962-10-27")
    assert "dobrynin" in soviet["sender"]


def test_documents_of_the_minimum_list_story(doc):
    assert doc("frus1961-63v11-d157")["telegram_number"] == "1210"
    assert doc("frus1961-63v11-d151")["telegram_number"] == "1642"
    assert "bombers" in doc("frus1961-63v11-d151")["weapons"]
    assert doc("frus1961-63v11-d147")["date_min"] == ts("1962-11-05T15:20:00-05:00")


# --------------------------------------------------------------------------- the other files


def test_actors_never_confuse_the_kennedys():
    actors = load_actors().set_index("actor_id")
    assert actors.loc["john-kennedy", "name"] == "John F. Kennedy"
    assert actors.loc["robert-kennedy", "name"] == "Robert F. Kennedy"
    assert actors.loc["robert-kennedy", "role_1962"] == "Attorney General of the United States"
    assert not actors["name"].eq("Kennedy").any()
    assert actors["name"].is_unique


def test_offices_are_actors_too():
    actors = load_actors().set_index("actor_id")
    for office in ["state-department", "usun", "soviet-foreign-ministry", "excomm"]:
        assert actors.loc[office, "kind"] == "institution"
    assert actors.loc["u-thant", "side"] == "UN"


def test_every_actor_used_is_defined_and_every_actor_is_used(docs):
    actors = set(load_actors()["actor_id"])
    used = {a for col in ["sender", "recipients", "mentioned"] for ids in docs[col] for a in ids}
    used |= {a for ids in load_events()["actors"] for a in ids}
    assert used <= actors
    assert len(actors - used) <= 5, sorted(actors - used)


def test_events_cover_the_turning_points():
    events = load_events()
    assert len(events) >= 40
    assert events["date"].min() == ts("1962-10-22") and events["date"].max() >= ts("1963-01-07")
    ids = set(events["event_id"])
    for turning_point in [
        "1962-11-02-us-list-to-kuznetsov",
        "1962-11-07-telegram-1223-minimum-list",
        "1962-11-05-kuznetsov-objects-il28",
        "1962-11-07-counting-missiles-at-sea",
        "1962-11-11-khrushchev-to-mikoyan-il28",
        "1962-11-12-rfk-dobrynin-il28",
        "1962-11-19-castro-letter-il28",
        "1962-11-20-kennedy-press-conference",
        "1962-12-01-arkhangelsk-warheads",
        "1963-01-07-joint-letter",
    ]:
        assert turning_point in ids
        assert events.set_index("event_id").loc[turning_point, "turning_point"]
    minimum = events.set_index("event_id").loc["1962-11-07-telegram-1223-minimum-list"]
    assert minimum["doc_ids"] == ["frus1961-63v11-d159"] and minimum["time"] == "21:32"


def test_glossary_explains_the_terms_students_meet():
    terms = set(load_glossary()["term"])
    for term in ["MRBM", "IRBM", "IL-28", "Komar", "quarantine", "USUN", "Deptel", "Urtel", "Niact", "ExComm", "ICRC"]:
        assert term in terms


def test_weapon_items_are_the_shared_ids():
    items = list(load_weapon_items()["item_id"])
    assert items[:14] == [
        "mrbm", "irbm", "ssm_other", "ssm_sea", "propellants", "bombers", "bombs_rockets",
        "nuclear_weapons", "support_equipment", "komar", "submarine_base", "mig_fighters", "sam", "ground_forces",
    ]
    assert "catch_all" in items


def test_the_one_full_text_is_telegram_1223():
    texts = sorted(p.name for p in (find_data_dir() / "texts").iterdir())
    assert texts == ["frus1961-63v11-d159.txt"]
