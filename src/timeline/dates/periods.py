"""Calendar arithmetic: months, weekdays, the periods of the calendar and holidays.

Pure functions of their arguments, serving `timeline.dates.resolve`: a month added to a
month, the nth weekday of a month, the season, quarter, half, week, decade or century as a
DateValue, a period narrowed by "early"/"mid-"/"late", Easter and the holidays of the
`holiday` vocabulary, a day moved by a count of units and the period of a unit that holds
a day. Nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt

import attrs

from timeline.model import DateValue, Precision

# Meteorological seasons: first month and the year offset of the first month of winter.
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

# -- periods -------------------------------------------------------------------------------

def month_add(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> int:
    """The day of the month of its `nth` given weekday (Monday 0); -1 for the last one."""
    if nth < 0:
        last = calendar.monthrange(year, month)[1]
        return last - (dt.date(year, month, last).weekday() - weekday) % 7
    return 1 + (weekday - dt.date(year, month, 1).weekday()) % 7 + 7 * (nth - 1)


def season_period(year: int, season: str) -> DateValue:
    first = SEASON_START[season]
    start = dt.date(year, first, 1)
    end_year, end_month = month_add(year, first, 2)
    end = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return DateValue(start, end, Precision.SEASON)


def quarter_period(year: int, quarter: int) -> DateValue:
    first = 3 * quarter - 2
    last = first + 2
    return DateValue(dt.date(year, first, 1),
                     dt.date(year, last, calendar.monthrange(year, last)[1]), Precision.QUARTER)


def half_period(year: int, half: int) -> DateValue:
    if half == 1:
        return DateValue(dt.date(year, 1, 1), dt.date(year, 6, 30), Precision.HALF)
    return DateValue(dt.date(year, 7, 1), dt.date(year, 12, 31), Precision.HALF)


def week_period(day: dt.date) -> tuple[str, DateValue]:
    iso = day.isocalendar()
    monday = day - dt.timedelta(days=iso.weekday - 1)
    return (f"{iso.year:04d}-W{iso.week:02d}",
            DateValue(monday, monday + dt.timedelta(days=6), Precision.WEEK))


def decade_period(first_year: int) -> DateValue:
    return DateValue(dt.date(first_year, 1, 1), dt.date(first_year + 9, 12, 31), Precision.DECADE)


def century_period(index: int) -> DateValue:
    return DateValue(dt.date(max(index * 100, 1), 1, 1), dt.date(index * 100 + 99, 12, 31),
                     Precision.CENTURY)


def narrow(date: DateValue, mod: str) -> DateValue:
    """"early"/"mid-"/"late" keep a third of the period; every modifier marks it approximate."""
    span = (date.latest - date.earliest).days + 1
    third = dt.timedelta(days=max(span // 3, 1) - 1)
    if mod == "START":
        return attrs.evolve(date, latest=date.earliest + third, approximate=True)
    if mod == "END":
        return attrs.evolve(date, earliest=date.latest - third, approximate=True)
    if mod == "MID" and span >= 3:
        start = date.earliest + dt.timedelta(days=span // 3)
        return attrs.evolve(date, earliest=start, latest=start + third, approximate=True)
    return attrs.evolve(date, approximate=True)


# -- holidays -------------------------------------------------------------------------------

def easter_sunday(year: int) -> dt.date:
    """Western Easter Sunday of `year` (the anonymous Gregorian computus)."""
    golden, century, rest = year % 19, year // 100, year % 100
    leap_days, century_rest = century // 4, century % 4
    moon_correction = (8 * century + 13) // 25
    epact = (19 * golden + century - leap_days - moon_correction + 15) % 30
    rest_leaps, rest_rest = rest // 4, rest % 4
    to_sunday = (32 + 2 * century_rest + 2 * rest_leaps - epact - rest_rest) % 7
    late = (golden + 11 * epact + 22 * to_sunday) // 451
    month, day = divmod(epact + to_sunday - 7 * late + 114, 31)
    return dt.date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> dt.date:
    """The day of a holiday in `year`, from its rule in the `holiday` vocabulary: "12-25" a
    fixed day; "11-3#4" the 4th Thursday of November (weekday 0 is Monday, -1 the last);
    "11-3#4+1" the day after it (Black Friday); "easter-2" two days before Easter Sunday."""
    base, _, after = rule.partition("+") if "+" in rule else (rule, "", "0")
    if base.startswith("easter"):
        return easter_sunday(year) + dt.timedelta(days=int(base[6:] or "0") + int(after))
    month, day = base.split("-", 1)
    if "#" in day:
        weekday, nth = (int(part) for part in day.split("#"))
        day = str(nth_weekday(year, int(month), weekday, nth))
    return dt.date(year, int(month), int(day)) + dt.timedelta(days=int(after))


# -- units ----------------------------------------------------------------------------------

def unit_period(day: dt.date, unit: str) -> tuple[str, DateValue] | None:
    """The period of the given unit that holds `day`."""
    if unit == "D":
        return day.isoformat(), DateValue.day(day)
    if unit == "W":
        return week_period(day)
    if unit == "WE":
        week, _ = week_period(day)
        saturday = day + dt.timedelta(days=5 - day.weekday())
        return f"{week}-WE", DateValue(saturday, saturday + dt.timedelta(days=1), Precision.WEEK)
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}", DateValue.month(day.year, day.month)
    if unit == "Q":
        quarter = (day.month - 1) // 3 + 1
        return f"{day.year:04d}-Q{quarter}", quarter_period(day.year, quarter)
    if unit == "H2":
        half = 1 if day.month <= 6 else 2
        return f"{day.year:04d}-H{half}", half_period(day.year, half)
    if unit == "Y":
        return f"{day.year:04d}", DateValue.year(day.year)
    if unit == "DE":
        return f"{day.year // 10:03d}", decade_period(day.year // 10 * 10)
    if unit == "CE":
        return f"{day.year // 100:02d}", century_period(day.year // 100)
    return None


def shift_day(day: dt.date, unit: str, count: int) -> dt.date:
    """`day` moved by `count` units (a month from 31 January is the end of February)."""
    if unit in ("D",):
        return day + dt.timedelta(days=count)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=count)
    months = {"M": 1, "Q": 3, "H2": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return day
    year, month = month_add(day.year, day.month, months * count)
    if not 1 <= year <= 9999:
        return day
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
