"""out/timeline.ics: the timeline as an RFC 5545 / RFC 7986 calendar feed.

Calendars re-import the feed every night, so each entry carries the revision history the
event log gives it (UID, SEQUENCE, CREATED, LAST-MODIFIED and DTSTAMP) and nothing from
the time of rendering. Only dates a calendar can show honestly are published: a day, or
a week or month as a transparent span marked "(day unknown)"; coarser and undated
entries stay in the chronicle. Every text from an article is first made one line, so no
quoted sentence can open a property or a component.

icalendar writes the calendar's own properties and the yearly commemorations (kept as
pieces, so a render that makes none does not import it). The
entries, thousands of them, are written here in exactly the lines icalendar would write
(same property order, escaping and folding; tests/test_emit_ical.py compares the two):
icalendar's serialiser takes 0.8 ms an event, a third of a nightly build's rendering.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from timeline.emit.pieces import Pieces, piece, pieces_of
from timeline.emit.text import date_label, headline, one_line, qualifiers, type_label
from timeline.model import HELD, PLANNED, DateValue, Entry, Precision, Timeline

if TYPE_CHECKING:
    import icalendar

CALENDAR_NAME = "Diplomatic timeline"
CALENDAR_COLOUR = "steelblue"  # RFC 7986 COLOR takes a CSS3 colour name
PRODID = "-//timeline//Diplomatic timeline feed//EN"
REFRESH = dt.timedelta(days=1)
STATUS = {HELD: "CONFIRMED", PLANNED: "TENTATIVE"}
# A season, a year or a decade would cover months of a subscriber's calendar.
SPAN_PRECISIONS = (Precision.DAY, Precision.WEEK, Precision.MONTH)
Commemorations = Mapping[str, dt.date] | Iterable[tuple[str, dt.date]]


def render(
    timeline: Timeline, *, name: str = CALENDAR_NAME, recurring: Commemorations = (),
    pieces: Pieces | None = None,
) -> bytes:
    """The feed: every entry with a day, week or month date, cancelled ones as CANCELLED.

    `recurring` (name -> commemorated date, e.g. {"Victory Day": date(1945, 5, 9)}) adds
    one yearly all-day event per commemorated date.
    """
    end = b"END:VCALENDAR\r\n"
    header = piece(pieces, "ical-head", name, lambda: bytes(feed_header(name).to_ical()))
    assert header.endswith(end), "icalendar ends a calendar with its END line"
    pairs = recurring.items() if isinstance(recurring, Mapping) else recurring
    yearly = [piece(pieces, "ical-yearly", pair, functools.partial(_yearly, *pair))
              for pair in sorted(pairs, key=lambda pair: (pair[1], pair[0]))]
    events = pieces_of(pieces, "ical", timeline.entries, _vevent_or_none)
    return b"".join([header[: -len(end)], *events, *yearly, end])


def feed_header(name: str) -> icalendar.Calendar:
    """The VCALENDAR properties that tell a client what the feed is and how often to poll."""
    import icalendar  # only for what no earlier render made (a twentieth of a second)

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


def vevent(entry: Entry) -> bytes | None:
    """One VEVENT's lines, or None when the entry's date is too coarse (or absent) for a
    calendar. Properties in icalendar's order: its leading ones, then alphabetical."""
    span = calendar_span(entry.date)
    if span is None:
        return None
    uid = checked_uid(entry.uid)
    status = "CANCELLED" if entry.cancelled else STATUS.get(entry.status, "CONFIRMED")
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + escape(summary(entry)),
        f"DTSTART;VALUE=DATE:{span[0]:%Y%m%d}",
        f"DTEND;VALUE=DATE:{span[1]:%Y%m%d}",
        "DTSTAMP:" + stamp(entry.modified, uid),
        "UID:" + escape(uid),
        f"SEQUENCE:{entry.sequence}",
        "CATEGORIES:" + escape(type_label(entry.type)),
        "CLASS:PUBLIC",
        "CREATED:" + stamp(entry.created, uid),
        "DESCRIPTION:" + escape(description(entry)),
        "LAST-MODIFIED:" + stamp(entry.modified, uid),
        *(["LOCATION:" + escape(one_line(entry.place))] if entry.place else []),
        "STATUS:" + status,
        # News of other people's diplomacy never makes the subscriber busy.
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return "".join(fold(line) + "\r\n" for line in lines).encode()


def _vevent_or_none(entry: Entry) -> bytes:
    return vevent(entry) or b""


def escape(text: str) -> str:
    """An RFC 5545 TEXT value (section 3.3.11): backslash, ";", "," and line breaks escaped."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


FOLD_AT = 74  # octets a line may hold before it is folded, as icalendar folds


def fold(line: str) -> str:
    """A content line folded as icalendar folds it (RFC 5545 section 3.1): at most 74
    octets a line, never inside a UTF-8 sequence, never just after an escaping "\\" or "^"."""
    data = line.encode()
    if len(data) <= FOLD_AT:
        return line
    parts, start = [], 0
    while len(data) - start > FOLD_AT:
        cut = start + FOLD_AT
        while data[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its lead
            cut -= 1
        if data[cut - 1:cut] in (b"\\", b"^") and cut - 1 > start:
            cut -= 1  # keep an escape ("\\," or RFC 6868's "^'") with what it escapes
        parts.append(data[start:cut])
        start = cut
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


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


def _yearly(title: str, day: dt.date) -> bytes:
    return bytes(commemoration(title, day).to_ical())


def commemoration(title: str, day: dt.date) -> icalendar.Event:
    """A yearly all-day event on a commemorated date (Victory Day on 9 May)."""
    import icalendar  # see `feed_header`

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


def stamp(moment: dt.datetime, uid: str) -> str:
    """A log time as an RFC 5545 UTC date-time; a naive one would be read in the machine's
    zone, so it is refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"entry {uid}: revision time {moment.isoformat()} has no time zone")
    return f"{moment.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"
