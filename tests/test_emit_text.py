"""Shared emitter text: one safe line, English date labels, headlines led by the type."""

from __future__ import annotations

import datetime as dt

from timeline.emit.text import bare_title, date_label, headline, one_line, qualifiers
from timeline.model import DateValue, Precision


def test_one_line_removes_every_line_break_and_control_character() -> None:
    """CR, LF, tabs, NUL, escape, NEL and the Unicode line separators become single spaces."""
    assert one_line(" a\r\nb\tc\x00d\x1be\x85f\u2028g\u2029h ") == "a b c d e f g h"


def test_headline_adds_the_type_unless_the_title_names_it() -> None:
    """Titles from the rules keep their own lead; a bare title gets the type."""
    assert [
        headline("visit", "Visit: Japarov to Kazakhstan"),
        headline("anniversary", "80th anniversary: Victory in the Great Patriotic War"),
        headline("telegram", "Tokayev to Putin"),
        headline("meeting", "Talks: Tokayev and Mirziyoyev"),
    ] == [
        "Visit: Japarov to Kazakhstan",
        "80th anniversary: Victory in the Great Patriotic War",
        "Telegram: Tokayev to Putin",
        "Meeting: Talks: Tokayev and Mirziyoyev",
    ]  # fmt: skip


def test_bare_title_drops_the_type_lead() -> None:
    """The chart's lane already says 'Visit', so its label does not."""
    assert bare_title("visit", "Visit: Japarov to Kazakhstan") == "Japarov to Kazakhstan"
    assert bare_title("visit", "Japarov to Kazakhstan") == "Japarov to Kazakhstan"


def test_date_labels_follow_precision_in_english_whatever_the_locale() -> None:
    """Day, week, month, year and decade spans read as a person writes them."""
    week = DateValue(dt.date(2021, 5, 3), dt.date(2021, 5, 9), Precision.WEEK)
    decade = DateValue(dt.date(2020, 1, 1), dt.date(2029, 12, 31), Precision.DECADE)
    quarter = DateValue(dt.date(2021, 4, 1), dt.date(2021, 6, 30), Precision.QUARTER)
    assert [
        date_label(DateValue.day(dt.date(2021, 5, 9))),
        date_label(week),
        date_label(DateValue.month(2021, 5)),
        date_label(quarter),
        date_label(DateValue.year(2021)),
        date_label(decade),
    ] == ["9 May 2021", "3–9 May 2021", "May 2021", "1 April – 30 June 2021", "2021", "2020–2029"]


def test_qualifiers_say_what_is_unknown_or_uncertain() -> None:
    """A month lacks its day, a year its month; flags add 'approximate', 'year uncertain'."""
    assert [
        qualifiers(DateValue.day(dt.date(2021, 5, 9))),
        qualifiers(DateValue.month(2021, 5, approximate=True)),
        qualifiers(DateValue.year(2021, year_uncertain=True)),
        qualifiers(None),
    ] == [(), ("day unknown", "approximate"), ("month unknown", "year uncertain"), ()]
