"""The event log contract: append-only, ordered, typed, and refusing what is not ours."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from timeline.errors import StoreError
from timeline.eventlog import (
    DocumentExtracted,
    DocumentWithdrawn,
    EntryContent,
    EntryRevised,
    EventLog,
)
from timeline.model import Citation, DateValue, Observation, Participant, Source

T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)


def an_observation() -> Observation:
    return Observation(
        type="meeting", source=Source("a.txt", 10, 40, "meeting.met"),
        title="Meeting: A and B",
        participants=(Participant("A", "party"), Participant("B", "party")),
        date=DateValue.day(dt.date(2021, 3, 3)), date_basis="pubdate", sentence="A met B.")


def extracted(name: str = "a.txt") -> DocumentExtracted:
    return DocumentExtracted(name, "ab" * 32, 100, 1, "rules1", DateValue.day(dt.date(2021, 3, 3)),
                             "date-line", (an_observation(),), ("a note",))


def test_records_round_trip_in_order(tmp_path: Path) -> None:
    """Every record comes back equal to what was appended, in order, with its stamp."""
    revision = EntryRevised("u1@timeline", 0, ("k",), EntryContent(
        "meeting", "Meeting: A and B", None, ("A", "B"), None, "held",
        (Citation("a.txt", 1, 2, "r", "s"),)))
    with EventLog(tmp_path / "s.db") as log:
        assert len(log.append([extracted(), DocumentWithdrawn("b.txt")], T0)) == 2
        log.append([revision], T0 + dt.timedelta(hours=1))
        records = list(log.records())
    assert [r.payload for r in records] == [extracted(), DocumentWithdrawn("b.txt"), revision]
    assert [r.position for r in records] == [1, 2, 3]
    assert records[2].recorded == T0 + dt.timedelta(hours=1)
    assert records[0].kind == "document-extracted"


def test_database_refuses_updates_and_deletes(tmp_path: Path) -> None:
    """Append-only is enforced by SQLite itself, not only by our code."""
    path = tmp_path / "s.db"
    with EventLog(path) as log:
        log.append([DocumentWithdrawn("a.txt")], T0)
    db = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE records SET kind = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM records")
    db.close()


def test_replay_up_to_a_position_and_a_moment(tmp_path: Path) -> None:
    """The log can be read as it stood at any earlier position or moment."""
    with EventLog(tmp_path / "s.db") as log:
        log.append([DocumentWithdrawn("a.txt")], T0)
        log.append([DocumentWithdrawn("b.txt")], T0 + dt.timedelta(days=1))
        assert [r.payload.document for r in log.records(upto=1)] == ["a.txt"]
        assert log.position_at(T0 + dt.timedelta(hours=12)) == 1
        assert log.position_at(T0 - dt.timedelta(days=1)) == 0


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    """A SQLite database that is not a timeline log is named and left untouched."""
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a timeline event log"):
        EventLog(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    """Garbage where the store should be gives a StoreError with the rebuild command."""
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="timeline rebuild"):
        EventLog(path)


def test_a_store_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    """A log written by a newer timeline is not read with older code."""
    path = tmp_path / "s.db"
    EventLog(path).__exit__()
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.raises(StoreError, match="newer timeline"):
        EventLog(path)


def test_a_page_damaged_inside_the_log_is_named_as_the_stores_error(tmp_path: Path) -> None:
    """Opening reads the log's last page, not every page: one damaged further in is met
    when the records are read, and told as the store's one-line error, not sqlite's."""
    store = tmp_path / "s.db"
    with EventLog(store) as log:
        log.append([extracted(f"{n:04d}.txt") for n in range(600)], T0)
    data = bytearray(store.read_bytes())
    pages = len(data) // 4096
    for page in range(pages // 3, pages // 2):
        data[page * 4096:(page + 1) * 4096] = bytes((7 * i + 3) % 256 for i in range(4096))
    store.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="not a readable timeline log"), EventLog(store) as log:
        list(log.records())
