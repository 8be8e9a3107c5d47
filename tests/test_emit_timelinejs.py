"""out/timelinejs.json: TimelineJS slides with our UIDs, type groups and partial dates."""

from __future__ import annotations

import json

from emit_fixtures import hostile_timeline, small_timeline
from timeline.emit import timelinejs


def slides() -> list[dict[str, object]]:
    events: list[dict[str, object]] = json.loads(timelinejs.render(small_timeline()))["events"]
    return events


def test_each_dated_active_entry_is_a_slide_with_our_uid_and_type_group() -> None:
    """unique_id is the UID and group the type; undated and cancelled entries are left out."""
    assert [(s["unique_id"], s["group"]) for s in slides()] == [
        ("a1@timeline", "anniversary"),
        ("v1@timeline", "visit"),
        ("t1@timeline", "telegram"),
        ("m2@timeline", "meeting"),
    ]


def test_imprecise_dates_are_partial() -> None:
    """A year gives only a year, a month a year and month, a day all three."""
    assert [s["start_date"] for s in slides()] == [
        {"year": "2021", "display_date": "2021 (month unknown)"},
        {"year": "2021", "month": "5", "display_date": "May 2021 (day unknown)"},
        {"year": "2021", "month": "5", "day": "9", "display_date": "9 May 2021"},
        {"year": "2024", "month": "11", "day": "14",
         "display_date": "14 November 2024 (year uncertain)"},
    ]  # fmt: skip


def test_text_is_html_escaped() -> None:
    """TimelineJS renders headline and text as HTML, so article text arrives escaped."""
    slide = json.loads(timelinejs.render(hostile_timeline()))["events"][0]
    rendered = slide["text"]["headline"] + slide["text"]["text"]
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert rendered.count("<") == 6, "only our three <p>...</p> paragraphs are markup"


def test_the_slide_text_quotes_participants_place_and_sources() -> None:
    """The telegram's slide lists its parties and both quoted sources."""
    text = slides()[2]["text"]
    assert text == {
        "headline": "Telegram: Kassym-Jomart Tokayev to Vladimir Putin",
        "text": "<p>Participants: Kassym-Jomart Tokayev, Vladimir Putin</p>"
        "<p>012-cable.txt: “The Head of State sent a telegram to Vladimir Putin.”</p>"
        "<p>013-wire.txt: “Tokayev congratulated Putin in a telegram on Victory Day.”</p>",
    }
