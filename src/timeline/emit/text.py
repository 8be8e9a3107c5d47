"""Text helpers shared by the emitters: article text made into one safe line, English labels.

Labels are spelled out here rather than taken from `strftime`, whose month names follow
the process locale: the outputs must be byte-identical on every machine.
"""

from __future__ import annotations

import datetime as dt
import re

from timeline.model import DateValue, Precision

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Unicode's control characters (category Cc) and line and paragraph separators (Zl, Zp).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

TYPE_LABELS = {
    "visit": "Visit",
    "meeting": "Meeting",
    "telegram": "Telegram",
    "anniversary": "Anniversary",
}


def one_line(text: str) -> str:
    """The text on one line: every run of whitespace (line breaks included) becomes one
    space and control characters are dropped, so nothing quoted from an article can start
    a new line, property or component in any output."""
    return " ".join(_UNPRINTABLE.sub(" ", text).split())


def type_label(event_type: str) -> str:
    """'visit' -> 'Visit'; a type the rules add later is capitalised the same way."""
    return TYPE_LABELS.get(event_type, event_type[:1].upper() + event_type[1:])


def day_label(day: dt.date) -> str:
    """'9 May 2021'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_label(day: dt.date) -> str:
    """'May 2021'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def date_label(date: DateValue) -> str:
    """A date as a reader says it, at the precision the text gave: '9 May 2021',
    'May 2021', '2021', '3–9 May 2021', '2020–2029'."""
    first, last = date.earliest, date.latest
    if first == last:
        return day_label(first)
    if date.iso is not None and len(date.iso) == 7 and date.precision is Precision.MONTH:
        return month_label(first)
    if date.iso is not None and len(date.iso) == 4 and date.precision is Precision.YEAR:
        return str(first.year)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {MONTHS[first.month - 1]} {first.year}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} – {day_label(last)}"
    return f"{first.year}–{last.year}"


def qualifiers(date: DateValue | None) -> tuple[str, ...]:
    """What a reader must know about a date beyond its label."""
    if date is None:
        return ()
    notes = []
    if date.earliest != date.latest and date.precision.rank < Precision.YEAR.rank:
        notes.append("day unknown")
    elif date.precision is Precision.YEAR:
        notes.append("month unknown")
    if date.approximate:
        notes.append("approximate")
    if date.year_uncertain:
        notes.append("year uncertain")
    return tuple(notes)


def headline(event_type: str, title: str) -> str:
    """'Visit: Sadyr Japarov to Kazakhstan': the title, led by its type unless the title
    already names it before a colon ("Visit: ...", "80th anniversary: Victory ...")."""
    title = one_line(title)
    lead, colon, _ = title.partition(":")
    label = type_label(event_type)
    if colon and label.casefold() in lead.casefold():
        return title
    return f"{label}: {title}"


def bare_title(event_type: str, title: str) -> str:
    """The title without a leading 'Visit: ', for places that already show the type."""
    title = one_line(title)
    prefix = type_label(event_type) + ":"
    return title[len(prefix) :].strip() if title.casefold().startswith(prefix.casefold()) else title


def plural(count: int, noun: str) -> str:
    """'1 event', '5 events'."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
