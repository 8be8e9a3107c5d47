"""out/timelinejs.json: the timeline for TimelineJS, to embed an interactive view in a page.

TimelineJS renders `headline` and `text` as HTML, so everything from an article is
HTML-escaped here. A partial date (year, or year and month) is how TimelineJS shows an
imprecise event; undated and cancelled entries are left out, as it needs a year.
"""

from __future__ import annotations

import html
from typing import Any

from timeline.emit.pieces import Pieces, json_document, json_item, pieces_of
from timeline.emit.text import date_label, headline, one_line, qualifiers
from timeline.model import PLANNED, DateValue, Entry, Precision, Timeline

TITLE = "Diplomatic timeline"


def render(timeline: Timeline, *, title: str = TITLE, pieces: Pieces | None = None) -> bytes:
    """{"title": ..., "events": [...]} in TimelineJS's JSON format, UTF-8, one newline."""
    events = pieces_of(pieces, "timelinejs", [e for e in timeline.active if e.date is not None],
                       _item)
    head = {"title": {"text": {"headline": escape(title), "text": ""}}}
    return json_document(head, "events", events)


def _item(entry: Entry) -> bytes:
    return json_item(slide(entry))


def slide(entry: Entry) -> dict[str, Any]:
    """One event slide: our UID, the type as its group, a partial date for a vague one."""
    assert entry.date is not None
    event: dict[str, Any] = {
        "unique_id": entry.uid,
        "group": entry.type,
        "start_date": partial_date(entry.date),
        "text": {"headline": escape(headline(entry.type, entry.title)), "text": body(entry)},
    }
    if entry.date.precision is Precision.DAY and entry.date.earliest != entry.date.latest:
        event["end_date"] = partial_date(DateValue.day(entry.date.latest))
    return event


def partial_date(date: DateValue) -> dict[str, str]:
    """Year always; month and day only as far as the date is known."""
    iso = date.iso or str(date.earliest.year)
    parts = dict(zip(("year", "month", "day"), iso.split("-"), strict=False))
    known = {key: str(int(value)) for key, value in parts.items()}
    notes = "".join(f" ({note})" for note in qualifiers(date))
    return {**known, "display_date": escape(date_label(date) + notes)}


def body(entry: Entry) -> str:
    """Participants, place, status and the quoted sources, as escaped HTML paragraphs."""
    lines = []
    if entry.participants:
        lines.append("Participants: " + ", ".join(one_line(p) for p in entry.participants))
    if entry.place:
        lines.append(f"Place: {one_line(entry.place)}")
    if entry.status == PLANNED:
        lines.append("Status: planned")
    lines.extend(f"{one_line(c.document)}: “{one_line(c.sentence)}”" for c in entry.sources)
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def escape(text: str) -> str:
    return html.escape(one_line(text), quote=True)
