"""out/timeline.json: the schema of DESIGN.md, stable and deterministic."""

from __future__ import annotations

import json

from emit_fixtures import hostile_timeline, small_timeline
from timeline.emit import jsonfeed


def test_events_follow_the_schema_in_timeline_order() -> None:
    """Each active entry becomes one event with the schema's keys in the schema's order."""
    events = json.loads(jsonfeed.render(small_timeline()))["events"]
    expected = ["id", "type", "date", "title", "participants", "place", "status", "sources"]
    assert [expected] * 5 == [list(event) for event in events]
    assert [
        event["id"] for event in events
    ] == ["a1@timeline", "v1@timeline", "t1@timeline", "m2@timeline", "m3@timeline"]


def test_a_cancelled_entry_is_left_out() -> None:
    """The cancelled meeting is published only in the calendar feed."""
    ids = [e["id"] for e in json.loads(jsonfeed.render(small_timeline()))["events"]]
    assert "m1@timeline" not in ids


def test_dates_keep_their_precision() -> None:
    """A year, a month, a day and no date are written as YYYY, YYYY-MM, YYYY-MM-DD, null."""
    events = json.loads(jsonfeed.render(small_timeline()))["events"]
    assert [e["date"] for e in events] == ["2021", "2021-05", "2021-05-09", "2024-11-14", None]


def test_an_event_holds_its_participants_place_status_and_sources() -> None:
    """The telegram cites both its articles with their spans and rules."""
    events = json.loads(jsonfeed.render(small_timeline()))["events"]
    expected = {
        "id": "t1@timeline",
        "type": "telegram",
        "date": "2021-05-09",
        "title": "Kassym-Jomart Tokayev to Vladimir Putin",
        "participants": ["Kassym-Jomart Tokayev", "Vladimir Putin"],
        "place": None,
        "status": "held",
        "sources": [
            {"document": "012-cable.txt", "start": 5, "end": 57, "rule": "test.rule"},
            {"document": "013-wire.txt", "start": 90, "end": 147, "rule": "test.rule"},
        ],
    }
    assert expected == events[2]


def test_the_file_is_utf8_with_one_trailing_newline() -> None:
    """Text stays readable UTF-8 (no \\u escapes) and the file ends with exactly one newline."""
    output = jsonfeed.render(hostile_timeline())
    assert output.endswith(b"}\n") and not output.endswith(b"\n\n")
    assert b"\\u" not in output
    assert hostile_timeline().entries[0].title == json.loads(output)["events"][0]["title"]


def test_rendering_twice_gives_the_same_bytes() -> None:
    """The same Timeline always gives the same bytes."""
    assert jsonfeed.render(small_timeline()) == jsonfeed.render(small_timeline())
