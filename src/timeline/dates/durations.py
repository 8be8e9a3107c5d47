"""Durations, sets and fixed references: the values that name no calendar period.

"three years" is P3Y, "every Thursday" XXXX-WXX-4, "now" PRESENT_REF: what the matched
words say, written as TIMEX3 writes it (see `timeline.dates.resolve` for the dates).
"""

from __future__ import annotations

from timeline.dates.resolve import Context, Groups, Resolved, number

DURATION_UNITS = {"Y": "P{}Y", "M": "P{}M", "W": "P{}W", "D": "P{}D", "H": "PT{}H",
                  "MIN": "PT{}M", "S": "PT{}S", "Q": "P{}Q", "DE": "P{}DE", "CE": "P{}CE",
                  "WE": "P{}WE"}


def duration(g: Groups, c: Context) -> Resolved | None:
    """"three years" is P3Y; "several weeks" PXW; "a decade" P10Y (as TimeBank writes it)."""
    unit = g.get("unit", "Y")
    written = g.get("number", c.argument)
    count = number(written, c.numbers) if written else None
    amount = "X" if count is None else str(count)
    if unit == "DE" and count is not None:
        unit, amount = "Y", str(count * 10)
    if unit == "H2":
        unit, amount = "M", "X" if count is None else str(count * 6)
    template = DURATION_UNITS.get(unit)
    if template is None:
        return None
    value = template.format(amount)
    if "half" in g and count is not None and unit in HALF_OF:  # "2 1/2 years": P2Y6M
        value += HALF_OF[unit]
    return Resolved(value, "DURATION", None)


# Half a unit, in the next smaller unit, as TIMEX3 writes "2 1/2 years" (P2Y6M).
HALF_OF = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "H": "30M", "MIN": "30S"}


def fixed(g: Groups, c: Context) -> Resolved | None:
    """A value written in the rule itself: PRESENT_REF, PAST_REF, FUTURE_REF."""
    return Resolved(c.argument, "DATE", None)


def recurring(g: Groups, c: Context) -> Resolved | None:
    """A set: "daily" is P1D (the rule's value); "each Thursday" is XXXX-WXX-4; "each
    July" XXXX-07; "every two years" P2Y, "every other week" P2W."""
    if "weekday" in g:
        value = f"XXXX-WXX-{int(g['weekday']) + 1}"
        return Resolved(value + (f"T{g['daypart']}" if "daypart" in g else ""), "SET", None)
    if "month" in g:
        return Resolved(f"XXXX-{int(g['month']):02d}", "SET", None)
    if "unit" in g:
        written = g.get("number", "1")
        count = 2 if written == "other" else number(written, c.numbers)
        amount = "X" if count is None else str(count)
        return Resolved(DURATION_UNITS.get(g["unit"], "P{}D").format(amount), "SET", None)
    return Resolved(c.argument, "SET", None)
