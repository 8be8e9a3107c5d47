"""The values that flow between the stages.

Every stage boundary carries frozen attrs values built from tuples, so a value handed on can
never be changed behind the receiver's back. This module imports nothing of ours.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import operator
from typing import TypeVar

import attrs

HELD = "held"
PLANNED = "planned"


T = TypeVar("T")


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle the frozen attrs class `cls` as a call of the class with its fields.

    attrs pickles a slotted class through a `__setstate__` of its own, a loop in Python
    for each value; the snapshot of 20,000 articles holds 200,000 values, which a call
    of the class rebuilds in under half the time. Only for a class whose every field is
    an argument of `__init__` that only stores it (no converter, no validator)."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]
    if not all(f.init and f.converter is None and f.validator is None for f in fields):
        raise TypeError(f"{cls.__name__}: its __init__ does more than store its fields")
    values = operator.attrgetter(*(f.name for f in fields))
    if len(fields) == 1:
        cls.__reduce__ = lambda self: (cls, (values(self),))  # type: ignore[method-assign]
    else:
        cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[method-assign]
    return cls


class Precision(enum.Enum):
    """How much of a date the text settles, finest first."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"

    @property
    def rank(self) -> int:
        """0 for a day, growing with the width of the period."""
        return _RANKS[self]


_RANKS = {precision: rank for rank, precision in enumerate(Precision)}  # read per entry


@pickled_by_fields
@attrs.frozen(order=False)
class DateValue:
    """A date as the text states it: the days it may be, and how finely it is known."""

    earliest: dt.date
    latest: dt.date
    precision: Precision
    approximate: bool = False
    year_uncertain: bool = False

    @classmethod
    def day(cls, day: dt.date, **flags: bool) -> DateValue:
        return cls(day, day, Precision.DAY, **flags)

    @classmethod
    def month(cls, year: int, month: int, **flags: bool) -> DateValue:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), Precision.MONTH, **flags)

    @classmethod
    def year(cls, year: int, **flags: bool) -> DateValue:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, **flags)

    @property
    def iso(self) -> str | None:
        """The finest ISO 8601 calendar form that holds the whole period, or None for a decade."""
        first, last = self.earliest, self.latest
        if first == last or self.precision is Precision.DAY:  # a range of days: its first
            return first.isoformat()
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}"
        if first.year == last.year:
            return f"{first.year:04d}"
        return None

    def overlaps(self, other: DateValue) -> bool:
        return self.earliest <= other.latest and other.earliest <= self.latest


@attrs.frozen
class Document:
    """One article as read from disk: its name (the file name) and its text."""

    name: str
    text: str
    sha256: str


@pickled_by_fields
@attrs.frozen
class Participant:
    """A party to an event, in the role the event type gives it (visitor, sender, party...).

    `known` is False for a name found beside a trigger but missing from the lexicon: it is
    kept as written and reported as a candidate for the lexicon.
    """

    name: str
    role: str
    known: bool = True


@pickled_by_fields
@attrs.frozen
class Source:
    """Where an observation was read: a character span of one document, and the rule."""

    document: str
    start: int
    end: int
    rule: str


@pickled_by_fields
@attrs.frozen
class Observation:
    """One report of an event, as one rule read it from one span of one article."""

    type: str
    source: Source
    title: str
    participants: tuple[Participant, ...]
    date: DateValue | None
    date_basis: str
    place: str | None = None
    status: str = HELD
    sentence: str = ""
    commemorates: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)


@pickled_by_fields
@attrs.frozen
class Citation:
    """A source of a timeline entry, with the sentence it quotes."""

    document: str
    start: int
    end: int
    rule: str
    sentence: str


@pickled_by_fields
@attrs.frozen
class Entry:
    """One real-world event of the timeline, merged from every observation of it.

    `sequence`, `created` and `modified` come from the event log: the entry's revision
    history, never the time of rendering.
    """

    uid: str
    type: str
    title: str
    date: DateValue | None
    participants: tuple[str, ...]
    place: str | None
    status: str
    sources: tuple[Citation, ...]
    sequence: int
    created: dt.datetime
    modified: dt.datetime
    cancelled: bool = False


@attrs.frozen
class Timeline:
    """The ordered entries (cancelled ones included) and what they were built from."""

    entries: tuple[Entry, ...]
    documents: int
    position: int

    @property
    def active(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not e.cancelled)
