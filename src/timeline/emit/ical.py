"""out/timeline.ics: the timeline as an RFC 5545 / RFC 7986 calendar feed.

Calendars re-import the feed every night, so each entry carries the revision history the
event log gives it (UID, SEQUENCE, CREATED, LAST-MODIFIED and DTSTAMP) and nothing from
the time of rendering. Only dates a calendar can show honestly are published: a day, or
a week or month as a transparent span marked "(day unknown)"; coarser and undated
entries stay in the chronicle. icalendar does the escaping, folding and CRLF; every text
from an article is first made one line, so no quoted sentence can open a property or a
component.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

import icalendar

from timeline.emit.text import date_label, headline, one_line, qualifiers, type_label
from timeline.model import HELD, PLANNED, DateValue, Entry, Precision, Timeline

CALENDAR_NAME = "Diplomatic timeline"
CALENDAR_COLOUR = "steelblue"  # RFC 7986 COLOR takes a CSS3 colour name
PRODID = "-//timeline//Diplomatic timeline feed//EN"
REFRESH = dt.timedelta(days=1)
STATUS = {HELD: "CONFIRMED", PLANNED: "TENTATIVE"}
# A season, a year or a decade would cover months of a subscriber's calendar.
SPAN_PRECISIONS = (Precision.DAY, Precision.WEEK, Precision.MONTH)
Commemorations = Mapping[str, dt.date] | Iterable[tuple[str, dt.date]]


def render(
    timeline: Timeline, *, name: str = CALENDAR_NAME, recurring: Commemorations = ()
) -> bytes:
    """The feed: every entry with a day, week or month date, cancelled ones as CANCELLED.

    `recurring` (name -> commemorated date, e.g. {"Victory Day": date(1945, 5, 9)}) adds
    one yearly all-day event per commemorated date.
    """
    calendar = feed_header(name)
    for entry in timeline.entries:
        event = vevent(entry)
        if event is not None:
            calendar.add_component(event)
    pairs = recurring.items() if isinstance(recurring, Mapping) else recurring
    for title, day in sorted(pairs, key=lambda pair: (pair[1], pair[0])):
        calendar.add_component(commemoration(title, day))
    return bytes(calendar.to_ical())


def feed_header(name: str) -> icalendar.Calendar:
    """The VCALENDAR properties that tell a client what the feed is and how often to poll."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: a feed is not an iTIP scheduling message (PUBLISH would require ORGANIZER).
    calendar.add("name", one_line(name))
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("color", CALENDAR_COLOUR)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "P1D")
    return calendar


def calendar_span(date: DateValue | None) -> tuple[dt.date, dt.date] | None:
    """(DTSTART, exclusive DTEND) of an all-day event, or None for a date a calendar
    should not show."""
    if date is None or date.precision not in SPAN_PRECISIONS:
        return None
    return date.earliest, date.latest + dt.timedelta(days=1)


def vevent(entry: Entry) -> icalendar.Event | None:
    """One VEVENT, or None when the entry's date is too coarse (or absent) for a calendar."""
    span = calendar_span(entry.date)
    if span is None:
        return None
    event = icalendar.Event()
    event.add("uid", checked_uid(entry.uid))
    event.add("sequence", entry.sequence)
    event.add("dtstamp", utc(entry.modified, entry.uid))
    event.add("created", utc(entry.created, entry.uid))
    event.add("last-modified", utc(entry.modified, entry.uid))
    event.add("dtstart", span[0])
    event.add("dtend", span[1])
    event.add("summary", summary(entry))
    event.add("description", description(entry))
    if entry.place:
        event.add("location", one_line(entry.place))
    event.add("categories", [type_label(entry.type)])
    event.add("status", "CANCELLED" if entry.cancelled else STATUS.get(entry.status, "CONFIRMED"))
    # News of other people's diplomacy never makes the subscriber busy.
    event.add("transp", "TRANSPARENT")
    event.add("class", "PUBLIC")
    return event


def summary(entry: Entry) -> str:
    """'Visit: Sadyr Japarov to Kazakhstan (day unknown) (planned)'."""
    notes = [*qualifiers(entry.date)]
    if entry.status == PLANNED:
        notes.append("planned")
    return " ".join([headline(entry.type, entry.title), *(f"({note})" for note in notes)])


def description(entry: Entry) -> str:
    """Participants, place, status and every source with the sentence it quotes."""
    lines = [headline(entry.type, entry.title)]
    if entry.date is not None:
        notes = "".join(f" ({note})" for note in qualifiers(entry.date))
        lines.append(f"Date: {date_label(entry.date)}{notes}")
    lines.append(f"Status: {entry.status}")
    if entry.participants:
        lines.append("Participants: " + ", ".join(one_line(p) for p in entry.participants))
    if entry.place:
        lines.append(f"Place: {one_line(entry.place)}")
    lines.append("Sources:")
    lines.extend(
        f"- {one_line(c.document)}: “{one_line(c.sentence)}”" for c in entry.sources
    )
    return "\n".join(lines)


def commemoration(title: str, day: dt.date) -> icalendar.Event:
    """A yearly all-day event on a commemorated date (Victory Day on 9 May)."""
    event = icalendar.Event()
    slug = re.sub(r"[^a-z0-9]+", "-", one_line(title).casefold()).strip("-")
    event.add("uid", f"commemoration-{day.isoformat()}-{slug}@timeline")
    # A fixed stamp: the event never changes unless its name or date does.
    event.add("dtstamp", dt.datetime.combine(day, dt.time(), dt.UTC))
    event.add("sequence", 0)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("rrule", {"freq": "yearly"})
    event.add("summary", one_line(title))
    event.add("categories", ["Commemoration"])
    event.add("transp", "TRANSPARENT")
    event.add("class", "PUBLIC")
    return event


def checked_uid(uid: str) -> str:
    """The UID as the log minted it; one that could break a content line is a bug upstream."""
    if not uid or one_line(uid) != uid:
        raise ValueError(f"entry UID {uid!r} is empty or holds spaces or control characters")
    return uid


def utc(moment: dt.datetime, uid: str) -> dt.datetime:
    """A log time in UTC; a naive one would be read in the machine's zone, so it is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"entry {uid}: revision time {moment.isoformat()} has no time zone")
    return moment.astimezone(dt.UTC)
