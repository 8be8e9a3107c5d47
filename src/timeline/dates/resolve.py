"""Resolving time expressions: matched words in, TIMEX3 value and period out.

The rule files say which words were matched and what kind of expression they form; this
module turns them into a TIMEX3 value string and the calendar period (DateValue) it names,
against the article's own date (DCT). Pure functions of their arguments: nothing here reads
the clock, and a relative expression with no DCT gets no date. The calendar arithmetic
they rest on is `timeline.dates.periods`; durations and sets, which name no period, are
resolved in `timeline.dates.durations`.

Conventions (TempEval-3/TimeBank newswire), measured on TempEval-3 train and documented in
benchmarks/README-timex.md: a range ("16-17 September") takes the value of its first day
and a DateValue spanning the whole range; a month or day without a year takes the DCT's
year unless that puts it far from the DCT or the tense says otherwise (pick_year); a
quarter or half without a year is the latest that has begun (latest_started); "N years
ago" is a year, "N weeks ago" a week (AGO_GRANULARITY).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import attrs

from timeline.dates.periods import (
    century_period,
    decade_period,
    half_period,
    holiday_date,
    month_add,
    quarter_period,
    season_period,
    shift_day,
    unit_period,
    week_period,
)
from timeline.model import DateValue, Precision

PAST, NEUTRAL, FUTURE = -1, 0, 1
PART_OF_DAY = ("MO", "AF", "EV", "NI", "DT")

@attrs.frozen
class Resolved:
    """What an expression means: its TIMEX3 value and type, and the period when it has one."""

    value: str
    type: str
    date: DateValue | None


Groups = Mapping[str, str]


def number(text: str, words: Mapping[str, str]) -> int | None:
    """An integer written in digits or words ("12", "twenty-five", "a"); None when vague."""
    text = text.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    total = 0
    for part in text.replace("-", " ").split():
        value = words.get(part)
        if value is None or not value.isdigit():
            return None
        total += int(value)
    return total if text else None


def spoken_year(text: str, words: Mapping[str, str]) -> int | None:
    """A year said in words: "nineteen ninety-six" is 1996, "two thousand and one" 2001."""
    parts = [p for p in text.lower().replace("-", " ").split() if p != "and"]
    if parts[:2] == ["two", "thousand"]:
        rest = number(" ".join(parts[2:]), words) if parts[2:] else 0
        return None if rest is None else 2000 + rest
    hundreds = number(parts[0], words) if parts else None
    rest = number(" ".join(parts[1:]), words) if parts[1:] else None
    if hundreds is None or rest is None or not 10 <= hundreds <= 20 or rest >= 100:
        return None
    return hundreds * 100 + rest


def year_of(text: str, dct: dt.date | None) -> int:
    """A year written with four digits, or two ("'98", "98") read in the DCT's century."""
    digits = text.strip("'’ ")
    if len(digits) >= 3:
        return int(digits)
    century = (dct.year // 100) * 100 if dct else 1900
    year = century + int(digits)
    if dct and year > dct.year + 20:
        year -= 100
    return year


# -- choosing a year for a date written without one -----------------------------------------

TENSE_MARGIN = dt.timedelta(days=30)
# Without a clear tense, news speaks of the recent past more than of the far future: a
# date up to NEAR_BEHIND before the DCT stays in its year, one up to NEAR_AHEAD after it too.
NEAR_AHEAD, NEAR_BEHIND = dt.timedelta(days=120), dt.timedelta(days=240)


def pick_year(dct: dt.date, tense: int, period: Callable[[int], DateValue]) -> int:
    """The year of a month or day written without one: the DCT's year unless the date would
    then lie far from the DCT, or the tense of the sentence says otherwise.

    `period(year)` gives the DateValue the expression names in that year. A past-tense
    sentence speaks of a period more than TENSE_MARGIN after the DCT only as the year before;
    a future-tense one of a period more than TENSE_MARGIN before it only as the year after.
    (Measured on TempEval-3 train: nearest-first beats tense-first, as news reports past
    events with future verbs, "said it would sign on Jan. 14", and vice versa.)
    """
    here = period(dct.year)
    if tense == PAST and here.earliest > dct + TENSE_MARGIN:
        return dct.year - 1
    if tense == FUTURE and here.latest < dct - TENSE_MARGIN:
        return dct.year + 1
    if here.earliest > dct + NEAR_AHEAD and tense != FUTURE:
        return dct.year - 1
    if here.latest < dct - NEAR_BEHIND and tense != PAST:
        return dct.year + 1
    return dct.year


def latest_started(dct: dt.date, period: Callable[[int], DateValue]) -> int:
    """The year of a quarter or half written without one: the latest that has begun by the
    DCT (news reports quarters when they are over)."""
    return dct.year - 1 if period(dct.year).earliest > dct else dct.year


# -- the kinds of expression ----------------------------------------------------------------

@attrs.frozen
class Context:
    """Everything a resolver may consult besides the matched words."""

    dct: dt.date | None
    tense: int
    numbers: Mapping[str, str]
    argument: str = ""      # the rule's `value` key: a fixed value or a default shift


def _day(year: int, month: int, day: int) -> DateValue | None:
    try:
        return DateValue.day(dt.date(year, month, day))
    except ValueError:
        return None

def _calendar_period(g: Groups, year: int) -> tuple[str, DateValue] | None:
    """The period a calendar expression names once its year is known."""
    if "holiday" in g:
        try:
            day = holiday_date(g["holiday"], year)
        except ValueError:
            return None
        return day.isoformat(), DateValue.day(day)
    if "month" in g:
        month = int(g["month"])
        if "day" not in g:
            return f"{year:04d}-{month:02d}", DateValue.month(year, month)
        first = _day(year, month, int(g["day"]))
        if first is None:
            return None
        value = f"{year:04d}-{month:02d}-{int(g['day']):02d}"
        last = _day(year, month, int(g["day_end"])) if "day_end" in g else None
        if last is not None and last.earliest > first.earliest:
            return value, attrs.evolve(first, latest=last.earliest)
        return value, first
    if "season" in g:
        return f"{year:04d}-{g['season']}", season_period(year, g["season"])
    if "quarter" in g:
        return f"{year:04d}-Q{g['quarter']}", quarter_period(year, int(g["quarter"]))
    if "half" in g:
        return f"{year:04d}-H{g['half']}", half_period(year, int(g["half"]))
    return f"{year:04d}", DateValue.year(year)


def calendar_date(g: Groups, c: Context) -> Resolved | None:
    """Dates named by calendar words: "14 November 2024", "May", "H2 2019", "the 1990s"."""
    if "decade" in g:
        return _decade(g["decade"], c)
    if "century" in g:
        index = number(g["century"], c.numbers)
        return None if index is None else Resolved(f"{index - 1:02d}", "DATE",
                                                    century_period(index - 1))
    if "year" in g:
        year = year_of(g["year"], c.dct)
    elif c.dct is None:
        return Resolved(_unknown_year_value(g), "DATE", None)
    elif "yshift" in g:
        year = c.dct.year + int(g["yshift"])
    else:
        def period(year: int) -> DateValue:
            return _period_or_year(g, year)
        if "quarter" in g or "half" in g:
            year = latest_started(c.dct, period)
        else:
            year = pick_year(c.dct, c.tense, period)
    found = _calendar_period(g, year)
    if found is None:
        return None
    if g.get("unit") == "W" and found[1].precision is Precision.DAY:  # "the week of March 6"
        found = week_period(found[1].earliest)
    if "year_end" in g:  # "2025-2026", "2012-13": the first year, the date spans both
        last = int(g["year_end"])
        if last < 100:
            last += year // 100 * 100
        if year < last <= year + 100:
            return Resolved(found[0], "DATE", attrs.evolve(
                found[1], latest=dt.date(last, 12, 31)))
    return Resolved(found[0], "DATE", found[1])


def _period_or_year(g: Groups, year: int) -> DateValue:
    found = _calendar_period(g, year)
    return found[1] if found else DateValue.year(year)


def _unknown_year_value(g: Groups) -> str:
    found = _calendar_period(g, 2000)  # a leap year, so that 29 February is accepted
    assert found is not None
    return "XXXX" + found[0][4:]


def _decade(text: str, c: Context) -> Resolved | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        digits = c.numbers.get(text.lower().strip(), "")
    if len(digits) == 2:
        digits = str(year_of(digits, c.dct))
    if len(digits) not in (3, 4):
        return None
    first = int(digits[:3]) * 10
    return Resolved(digits[:3], "DATE", decade_period(first))


def relative_date(g: Groups, c: Context) -> Resolved | None:
    """Named relative to the DCT: "last week", "next month", "this year", "last September"."""
    shift = int(g.get("shift", c.argument or "0"))
    if "month" in g or "season" in g or "weekday" in g or "holiday" in g:
        return _named_relative(g, shift, c)
    if c.dct is None:
        return Resolved(_vague_unit_value(g.get("unit", "Y")), "DATE", None)
    found = unit_period(shift_day(c.dct, g.get("unit", "Y"), shift), g.get("unit", "Y"))
    return None if found is None else Resolved(found[0], "DATE", found[1])


def _vague_unit_value(unit: str) -> str:
    return {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "M": "XXXX-XX",
            "Q": "XXXX-QX"}.get(unit, "XXXX")


def _named_relative(g: Groups, shift: int, c: Context) -> Resolved | None:
    """"last September" is the latest September before the DCT's month; "next" the first after."""
    if "weekday" in g:
        return weekday_date(g, attrs.evolve(c, tense=PAST if shift < 0 else FUTURE),
                            strict=shift != 0)
    if c.dct is None:
        return calendar_date(g, c)
    dct = c.dct
    year = dct.year
    here = _period_or_year(g, year)
    if shift < 0 and here.latest >= dct:
        year -= 1
    elif shift > 0 and here.earliest <= dct:
        year += 1
    return calendar_date({**g, "year": str(year)}, c)


def weekday_date(g: Groups, c: Context, strict: bool = False) -> Resolved | None:
    """A weekday by tense: in a past-tense sentence the latest such day up to the DCT,
    in a future-tense one the next; "last"/"next" (`strict`) never mean the DCT itself.
    "the weekend" (unit WE) is the weekend of the Saturday so chosen."""
    if g.get("unit") == "WE":
        if c.dct is None:
            return Resolved("XXXX-WXX-WE", "DATE", None)
        saturday = weekday_date({"weekday": "5"}, c, strict)
        found = None if saturday is None or saturday.date is None else \
            unit_period(saturday.date.earliest, "WE")
        return None if found is None else Resolved(found[0], "DATE", found[1])
    if c.dct is None:
        return Resolved(f"XXXX-WXX-{int(g['weekday']) + 1}", "DATE", None)
    gap = (c.dct.weekday() - int(g["weekday"])) % 7
    if c.tense == FUTURE:
        ahead = (7 - gap) % 7 or (7 if strict else 0)
        day = c.dct + dt.timedelta(days=ahead)
    else:
        day = c.dct - dt.timedelta(days=gap or (7 if strict else 0))
    return Resolved(day.isoformat(), "DATE", DateValue.day(day))


def day_of_month(g: Groups, c: Context) -> Resolved | None:
    """A day of the month without its month ("on the 15th"): that day of the DCT's month,
    or of the month before in a past-tense sentence naming a day after the DCT's, or of
    the month after in a future-tense one naming a day before it."""
    day = int(g["day"])
    if c.dct is None:
        return Resolved(f"XXXX-XX-{day:02d}", "DATE", None)
    year, month = c.dct.year, c.dct.month
    if c.tense == PAST and day > c.dct.day:
        year, month = month_add(year, month, -1)
    elif c.tense == FUTURE and day < c.dct.day:
        year, month = month_add(year, month, 1)
    found = _day(year, month, day)
    return None if found is None else Resolved(found.earliest.isoformat(), "DATE", found)


def offset_date(g: Groups, c: Context) -> Resolved | None:
    """A fixed distance from the DCT written in the rule: "yesterday" is `value = "-1D"`."""
    count, unit = int(c.argument[:-1] or "0"), c.argument[-1]
    if c.dct is None:
        return Resolved(_vague_unit_value(unit), "DATE", None)
    found = unit_period(shift_day(c.dct, unit, count), unit)
    return None if found is None else Resolved(found[0], "DATE", found[1])


# "two weeks ago" is a day, "six weeks ago" a week, "five months ago" a month, "41 years
# ago" a year: the granularity TimeBank annotators chose for each unit.
AGO_GRANULARITY = {"D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "Y", "Q": "Q", "H": "D"}


def ago_date(g: Groups, c: Context) -> Resolved | None:
    """"three years ago", "two days later", "a week earlier"."""
    unit = g.get("unit", "Y")
    count = number(g.get("number", "1"), c.numbers)
    if count is None:
        return Resolved("PAST_REF" if int(g.get("direction", "-1")) < 0 else "FUTURE_REF",
                        "DATE", None)
    if c.dct is None:
        return Resolved(_vague_unit_value(AGO_GRANULARITY.get(unit, "D")), "DATE", None)
    if unit == "DE":
        unit, count = "Y", count * 10
    day = shift_day(c.dct, unit, count * int(g.get("direction", "-1")))
    granularity = AGO_GRANULARITY.get(unit, "D")
    if unit == "W" and count <= 2:
        granularity = "D"
    found = unit_period(day, granularity)
    return None if found is None else Resolved(found[0], "DATE", found[1])

def anniversary(g: Groups, c: Context, bases: tuple[dt.date, ...]) -> Resolved | None:
    """"the 76th anniversary of the Victory": the commemorated date (1945-05-09) plus 76
    years; several dates in one year ("the independence of Kyrgyzstan and Kazakhstan"):
    that year plus 76. An event the lexicon does not know falls in the DCT's year."""
    count = number(g.get("ordinal", ""), c.numbers)
    if count is None:
        return None
    if len(bases) == 1:
        base = bases[0]
        try:
            day = base.replace(year=base.year + count)
        except ValueError:  # 29 February in a common year
            day = base.replace(year=base.year + count, day=28)
        return Resolved(day.isoformat(), "DATE", DateValue.day(day))
    if bases and len({b.year for b in bases}) == 1:
        year = bases[0].year + count
        return Resolved(f"{year:04d}", "DATE", DateValue.year(year))
    if c.dct is None:
        return Resolved("XXXX", "DATE", None)
    return Resolved(f"{c.dct.year:04d}", "DATE", DateValue.year(c.dct.year))


def with_time(found: Resolved, g: Groups) -> Resolved:
    """Adds the time of day ("16:40", "8 p.m.", "morning") to a day's value."""
    if (len(found.value) != 10 and not found.value.startswith("XXXX-")) or "T" in found.value:
        return found
    if "hour" in g:
        hour = int(g["hour"]) % 12 if "ampm" in g else int(g["hour"])
        if g.get("ampm") == "PM":
            hour += 12
        if hour > 23 or int(g.get("minute", "0")) > 59:
            return found
        return Resolved(f"{found.value}T{hour:02d}:{int(g.get('minute', '0')):02d}",
                        "TIME", found.date)
    if "daypart" in g:
        return Resolved(f"{found.value}T{g['daypart']}", "TIME", found.date)
    return found


def same_period(value: str, year: int) -> Resolved | None:
    """The same quarter, half or month in another year: "1989-Q3" in 1988 is "1988-Q3"."""
    if len(value) < 6 or not value[:4].isdigit() or not 1 <= year <= 9999:
        return None
    rest = value[4:]
    if rest[:2] == "-Q" and rest[2:].isdigit():
        return Resolved(f"{year:04d}{rest}", "DATE", quarter_period(year, int(rest[2:])))
    if rest[:2] == "-H" and rest[2:].isdigit():
        return Resolved(f"{year:04d}{rest}", "DATE", half_period(year, int(rest[2:])))
    if len(rest) == 3 and rest[1:].isdigit():
        return Resolved(f"{year:04d}{rest}", "DATE", DateValue.month(year, int(rest[1:])))
    return None
