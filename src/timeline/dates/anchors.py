"""Anchored expressions: resolved against a date the text named before them.

"the next day" moves the latest day named; "a year earlier" is the quarter, half or month
named last a year before; a clock time ("at 10:35 a.m.") goes on the day its sentence
names; "that year" (a `narrative` rule) counts from the date named last. See
DateRule for what `anchored` means in a rule.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from timeline.dates.items import DateRule, TimeExpr
from timeline.dates.resolve import same_period
from timeline.dates.sentences import Sentences
from timeline.model import DateValue, Precision

NARRATIVE_REACH = 600  # characters: how far back "that year" looks for the year it means
ANCHORS = frozenset({Precision.QUARTER, Precision.HALF, Precision.MONTH})
# A report about a quarter or half compares it with the same period a year before ("from
# a year earlier") for this many characters after it names the period.
PERIOD_REACH = 1500
PERIODS = frozenset({Precision.QUARTER, Precision.HALF})


def on_its_day(found: list[TimeExpr], index: int, text: str,
               sentences: Sentences) -> TimeExpr:
    """A clock time ("at 10:35 a.m.") on the day its sentence names, before it or else after
    it ("at 10:35 a.m. on Friday"); on the DCT's day when the sentence names none."""
    expr = found[index]
    before = found[max(index - 3, 0):index][::-1]
    for other in (*before, *found[index + 1:index + 4]):
        gap = (other.end, expr.start) if other.end <= expr.start else (expr.end, other.start)
        if sentences.between(text, *gap) or other.date is None or other.type != "DATE":
            continue
        if other.date.precision is Precision.DAY:
            day = other.date.earliest
            return attrs.evolve(expr, value=day.isoformat() + expr.value[10:],
                                date=DateValue.day(day))
    return expr


def anchored(expr: TimeExpr, rule: DateRule, previous: TimeExpr, period: TimeExpr | None,
             text: str, sentences: Sentences) -> TimeExpr | None:
    """An anchored expression resolved against a date named before it.

    A day offset ("the next day", `value = "+1D"`) moves the latest day named before it
    in the text. "a year earlier" is the period a year before the quarter, half or month
    named last in its own sentence, or else before the quarter or half the text is about
    (`period`, named in an earlier sentence: "Profit rose in the third quarter. Sales
    fell from a year earlier"); "the 1988 period" is that period in the year it names.
    None when there is no such anchor.
    """
    assert previous.date is not None
    if rule.kind == "offset" and rule.value.endswith("D"):
        if previous.date.precision is not Precision.DAY or previous.start < expr.start - 1000:
            return None
        day = previous.date.earliest + dt.timedelta(days=int(rule.value[:-1] or "0"))
        return attrs.evolve(expr, value=day.isoformat(), date=DateValue.day(day))
    if previous.date.precision not in ANCHORS or sentences.between(text, previous.end,
                                                                   expr.start):
        if period is None or period.end < expr.start - PERIOD_REACH:
            return None
        previous = period
    year = int(expr.value[:4]) if rule.kind == "calendar" else int(previous.value[:4]) - 1
    moved = same_period(previous.value, year)
    return None if moved is None else attrs.evolve(expr, value=moved.value, date=moved.date)


def reported_period(expr: TimeExpr, rule: DateRule, dct: dt.date | None) -> bool:
    """Whether `expr` names outright a quarter or half that has begun by the DCT: a period
    a report can be about, and compare with the same period a year before."""
    return (expr.date is not None and expr.date.precision in PERIODS and not rule.anchored
            and (dct is None or expr.date.earliest <= dct))


def narrative_base(match: re.Match[str], dated: TimeExpr | None) -> dt.date | None:
    """The day a "narrative" expression ("that year", "the following month") counts from:
    the date the text named last, when it is near (else the DCT)."""
    if dated is None or dated.date is None or dated.end < match.start() - NARRATIVE_REACH:
        return None
    return dated.date.earliest
