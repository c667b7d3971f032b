"""filter_documents against the real table (expected ids worked out by hand from the rows'
sources), every error case, and properties that must hold for any filter."""

from datetime import date, datetime, timezone

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import vocab
from helpers.data import load_documents
from helpers.filters import filter_documents, prepare_index

DOCS = load_documents()


def ids(frame):
    return list(frame["doc_id"])


def test_kuznetsov_as_sender_or_recipient_5_to_8_november():
    sent = filter_documents(DOCS, "1962-11-05", "1962-11-08", actors="kuznetsov", role="sender")
    received = filter_documents(DOCS, "1962-11-05", "1962-11-08", actors="kuznetsov", role="recipient")
    # his own report to Moscow of 7 Nov; the US telegrams of those days come from USUN and name him only
    assert ids(sent) == ["wilson-110440"]
    assert ids(received) == []
    anywhere = filter_documents(DOCS, "1962-11-05", "1962-11-08", actors=["kuznetsov"])
    assert ids(anywhere) == [
        "frus1961-63v11-d146", "frus1961-63v11-d149", "frus1961-63v11-d143", "frus1961-63v11-d147",
        "frus1961-63v06-d74", "frus1961-63v11-d151", "frus1961-63v11-d152", "wilson-110440",
        "frus1961-63v11-d156", "frus1961-63v11-d157", "frus1961-63v11-d159", "frus1961-63v11-d163",
    ]


def test_leaders_channel_after_4_november():
    found = filter_documents(DOCS, start="1962-11-05", channels="leaders")
    assert ids(found) == [f"frus1961-63v06-d{n}" for n in range(74, 93)]


def test_bombers_on_6_and_7_november():
    found = filter_documents(DOCS, "1962-11-06", "1962-11-07", weapons="bombers")
    # Kennedy's letter of 6 Nov, USUN 1642, Deptel 1210 and the minimum list of Deptel 1223
    assert ids(found) == ["frus1961-63v06-d74", "frus1961-63v11-d151", "frus1961-63v11-d157", "frus1961-63v11-d159"]


def test_text_search_is_case_insensitive_in_title_summary_and_full_text():
    assert ids(filter_documents(DOCS, text="komar")) == ["frus1961-63v11-d159", "frus1961-63v11-d216"]
    # words only in the full text of telegram 1223 ("Urtel 1606")
    assert ids(filter_documents(DOCS, text="URTEL 1606")) == ["frus1961-63v11-d159"]


def test_a_bare_date_is_the_writers_whole_day():
    moscow = filter_documents(DOCS, "1962-11-20", "1962-11-20", actors="khrushchev", role="sender", channels="leaders")
    assert ids(moscow) == ["frus1961-63v06-d79"]  # dated 20 Nov in Moscow, which began on 19 Nov in Washington


def test_instants_compare_times():
    before = filter_documents(DOCS, end=datetime(1962, 11, 7, 21, 0), start=date(1962, 11, 7), channels="new-york")
    after = filter_documents(DOCS, start=pd.Timestamp("1962-11-07T21:30:00-05:00"), end="1962-11-07", channels="new-york")
    assert "frus1961-63v11-d159" not in ids(before)  # 21:32 Washington time
    assert "frus1961-63v11-d159" in ids(after)
    utc = filter_documents(DOCS, start=datetime(1962, 11, 8, 2, 32, tzinfo=timezone.utc),
                           end=datetime(1962, 11, 8, 2, 32, tzinfo=timezone.utc))
    assert "frus1961-63v11-d159" in ids(utc)


def test_nothing_matches_gives_an_empty_frame_with_the_same_columns():
    empty = filter_documents(DOCS, "1962-12-25", "1962-12-25", channels="havana")
    assert empty.empty and list(empty.columns) == list(DOCS.columns)


def test_results_are_in_date_order_and_keep_columns():
    found = filter_documents(DOCS, sides=["USSR", "Cuba"])
    assert found["date_min"].is_monotonic_increasing
    assert list(found.columns) == list(DOCS.columns)
    assert set(found["side"]) == {"USSR", "Cuba"}


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start": "1962-11-09", "end": "1962-11-08"}, "is after end"),
        ({"start": "9 Nov 1962"}, "is not a date like 1962-11-07"),
        ({"start": 19621109}, "must be a date"),
        ({"actors": "kuznetzov"}, "did you mean 'kuznetsov'"),
        ({"actors": "kennedy"}, "did you mean"),
        ({"role": "author"}, "role must be one of"),
        ({"sides": "Soviet"}, "unknown sides: 'Soviet'"),
        ({"channels": ["backchannel"]}, "unknown channels"),
        ({"doc_types": ["cable"]}, "unknown document types"),
        ({"weapons": ["il28"]}, "unknown weapon items"),
        ({"actors": [1, 2]}, "must contain strings"),
        ({"text": 5}, "text must be a string"),
    ],
)
def test_bad_filter_values_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        filter_documents(DOCS, **kwargs)


def test_unknown_actor_lists_the_closest_known_ids():
    with pytest.raises(ValueError) as caught:
        filter_documents(DOCS, actors="kennedy")
    assert "'john-kennedy'" in str(caught.value) and "'robert-kennedy'" in str(caught.value)


def test_an_actor_who_is_known_but_absent_is_not_an_error():
    frame = DOCS[DOCS["channel"] == "leaders"]
    assert filter_documents(frame, actors="mikoyan", role="sender").empty


# --------------------------------------------------------------------------- properties

DAYS = pd.date_range("1962-10-15", "1963-01-15").date.tolist()
ACTORS = sorted({a for c in ("sender", "recipients", "mentioned") for v in DOCS[c] for a in v})
WEAPONS = list(DOCS.attrs["weapon_ids"])

filters = st.fixed_dictionaries(
    {},
    optional={
        "start": st.sampled_from(DAYS),
        "end": st.sampled_from(DAYS),
        "actors": st.lists(st.sampled_from(ACTORS), min_size=1, max_size=3),
        "role": st.sampled_from(["any", "sender", "recipient", "mentioned"]),
        "sides": st.lists(st.sampled_from(list(vocab.SIDES)), min_size=1, max_size=2),
        "channels": st.lists(st.sampled_from(list(vocab.CHANNELS)), min_size=1, max_size=3),
        "doc_types": st.lists(st.sampled_from(list(vocab.DOC_TYPES)), min_size=1, max_size=3),
        "weapons": st.lists(st.sampled_from(WEAPONS), min_size=1, max_size=3),
        "text": st.sampled_from(["IL-28", "missile", "Castro", "verification", "zzz"]),
    },
)


def _valid(kwargs):
    return not ("start" in kwargs and "end" in kwargs and kwargs["start"] > kwargs["end"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filters)
def test_valid_filters_never_raise_and_return_a_subset(kwargs):
    if not _valid(kwargs):
        return
    found = filter_documents(DOCS, **kwargs)
    assert set(found["doc_id"]) <= set(DOCS["doc_id"])
    assert list(found.columns) == list(DOCS.columns)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filters, filters)
def test_adding_a_constraint_never_adds_rows(base, extra):
    combined = {**base, **{k: v for k, v in extra.items() if k not in base}}
    if not (_valid(base) and _valid(combined)):
        return
    assert set(filter_documents(DOCS, **combined)["doc_id"]) <= set(filter_documents(DOCS, **base)["doc_id"])


INDEX = prepare_index(DOCS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(filters)
def test_the_prepared_index_gives_the_same_answer(kwargs):
    if not _valid(kwargs):
        return
    assert list(filter_documents(DOCS, **kwargs, index=INDEX)["doc_id"]) == list(filter_documents(DOCS, **kwargs)["doc_id"])


def test_an_index_of_another_frame_is_refused():
    with pytest.raises(ValueError, match="prepared for another frame"):
        filter_documents(DOCS.head(10), index=INDEX)
