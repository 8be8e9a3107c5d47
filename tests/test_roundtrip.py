"""Hypothesis: log records survive the round trip, and readers never crash on bytes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline import serial
from timeline.errors import ArticleError
from timeline.eventlog import DocumentExtracted
from timeline.model import DateValue, Observation, Participant, Precision, Source
from timeline.readers import ArticleFile, decode, read_article

texts = st.text(max_size=40)
days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


@st.composite
def date_values(draw: st.DrawFn) -> DateValue:
    first = draw(days)
    last = first + dt.timedelta(days=draw(st.integers(0, 4000)))
    return DateValue(first, last, draw(st.sampled_from(Precision)), draw(st.booleans()),
                     draw(st.booleans()))


observations = st.builds(
    Observation, type=texts, source=st.builds(Source, texts, st.integers(0, 10**6),
                                              st.integers(0, 10**6), texts),
    title=texts, participants=st.lists(st.builds(Participant, texts, texts, st.booleans()),
                                       max_size=4).map(tuple),
    date=st.none() | date_values(), date_basis=texts, place=st.none() | texts,
    status=st.sampled_from(["held", "planned"]), sentence=texts, commemorates=st.none() | texts)


@given(st.lists(observations, max_size=5), st.none() | date_values())
def test_document_records_round_trip(obs: list[Observation], date: DateValue | None) -> None:
    """What the log stores is exactly what it gives back."""
    record = DocumentExtracted("a.txt", "0" * 64, 1, 2, "f", date, "b", tuple(obs), ("n",))
    assert serial.loads(serial.dumps(record), DocumentExtracted) == record


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_decode_gives_text_or_a_clear_error(data: bytes) -> None:
    """Any bytes decode to text or raise ArticleError; nothing else escapes."""
    try:
        text = decode(data, "fuzz.txt")
    except ArticleError as error:
        assert "fuzz.txt" in str(error)
    else:
        assert "\r" not in text


@settings(max_examples=100)
@given(st.binary(max_size=500))
def test_read_article_on_random_files(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    """A random file is read into a Document or refused with an ArticleError."""
    path: Path = tmp_path_factory.mktemp("fuzz") / "a.txt"
    path.write_bytes(data)
    try:
        document = read_article(ArticleFile("a.txt", path, len(data), 0))
    except ArticleError:
        return
    assert document.text.strip()
