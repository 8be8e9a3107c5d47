"""What out/timeline.png shows, worked out without matplotlib: the lanes, the marks or
the counts, and the notes. The chart is drawn from this plan alone (`chartdraw`), so a
build whose plan did not change (a new report of a known event, on a chart of counts)
keeps the PNG it has and never imports matplotlib, half a second of a nightly build.

A small timeline shows every event: a mark per type and date, labelled with its title.
A large one would be a smear of marks, so it shows instead how many events each lane
holds in each period.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

import attrs

from timeline.emit.text import bare_title, month_label, type_label
from timeline.model import DateValue, Entry, Timeline

TITLE = "Diplomatic timeline"
TYPE_COLOURS = {
    "visit": "#1f77b4",
    "meeting": "#2ca02c",
    "telegram": "#ff7f0e",
    "anniversary": "#9467bd",
}
# Types the rules may add later take these, in alphabetical order of type.
EXTRA_COLOURS = ("#d62728", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
DETAIL_LIMIT = 60  # marks beyond which a picture of single events is unreadable
MAX_BINS = 40  # periods across the axis when counting, so each count has room
LABEL_CHARS = 48
EMPTY_SPAN = (dt.date(2000, 1, 1), dt.date(2000, 12, 31))  # the axis of an empty chart


@attrs.frozen
class Mark:
    """Events of one type on one date, drawn as one point (a day) or bar (a longer span)."""

    type: str
    earliest: dt.date
    latest: dt.date
    events: int
    label: str


@attrs.frozen
class Counts:
    """Events per lane per period: the period's name, the periods' boundaries (one more
    than the periods), the count of each (type, period index) and each type's total."""

    period: str
    starts: tuple[dt.date, ...]
    counts: tuple[tuple[tuple[str, int], int], ...]
    totals: tuple[tuple[str, int], ...]


@attrs.frozen
class Plan:
    """Everything the chart draws: `marks` on a detailed chart, `counts` on another."""

    title: str
    lanes: tuple[str, ...]
    span: tuple[dt.date, dt.date]  # the first and last day of the dated events
    dated: int
    undated: int
    marks: tuple[Mark, ...] | None
    counts: Counts | None


def plan(timeline: Timeline, title: str = TITLE) -> Plan:
    """The chart of the active, dated entries."""
    active = timeline.active
    entries = [e for e in active if e.date is not None]
    lanes = lane_order(e.type for e in entries) or ("visit",)
    first = min((e.date.earliest for e in entries if e.date), default=EMPTY_SPAN[0])
    last = max((e.date.latest for e in entries if e.date), default=EMPTY_SPAN[1])
    undated = len(active) - len(entries)
    if _more_than(DETAIL_LIMIT, ((e.type, e.date) for e in entries)):  # a mark per pair
        return Plan(title, lanes, (first, last), len(entries), undated, None, count(entries))
    marks = tuple(_mark(kind, date, members) for kind, date, members in group_entries(entries))
    return Plan(title, lanes, (first, last), len(entries), undated, marks, None)


def _more_than(limit: int, items: Iterable[Hashable]) -> bool:
    """Whether `items` holds more than `limit` distinct ones (read only until it does:
    a large timeline tells at its 61st pair, not after its 20,000th)."""
    seen: set[Hashable] = set()
    for item in items:
        seen.add(item)
        if len(seen) > limit:
            return True
    return False


def lane_order(types: Iterable[str]) -> tuple[str, ...]:
    """The known types in their fixed order, then any other type alphabetically."""
    present = set(types)
    known = tuple(t for t in TYPE_COLOURS if t in present)
    return known + tuple(sorted(present - set(TYPE_COLOURS)))


def colour(event_type: str, lanes: Sequence[str]) -> str:
    """The type's fixed colour; an extra type's colour follows its rank among extras."""
    if event_type in TYPE_COLOURS:
        return TYPE_COLOURS[event_type]
    extras = [t for t in lanes if t not in TYPE_COLOURS]
    return EXTRA_COLOURS[extras.index(event_type) % len(EXTRA_COLOURS)]


Group = tuple[str, DateValue, tuple[Entry, ...]]  # a type, a date, the entries of both


def group_entries(entries: Sequence[Entry]) -> list[Group]:
    """One group per (type, date), in date order."""
    groups: dict[tuple[str, DateValue], list[Entry]] = {}
    for entry in entries:
        assert entry.date is not None
        groups.setdefault((entry.type, entry.date), []).append(entry)
    ordered = sorted(groups.items(), key=lambda item: (item[0][1].earliest, item[0][1].latest))
    return [(kind, date, tuple(members)) for (kind, date), members in ordered]


def _mark(kind: str, date: DateValue, members: tuple[Entry, ...]) -> Mark:
    """The group's mark, labelled with the event's title or how many events share it."""
    label = (f"{len(members)} {type_label(kind).lower()}s" if len(members) > 1
             else shorten(bare_title(kind, members[0].title), LABEL_CHARS))
    return Mark(kind, date.earliest, date.latest, len(members), label)


def count(entries: Sequence[Entry]) -> Counts:
    """Events per lane per period; an entry counts in the period of the middle of its
    possible days."""
    period, starts = choose_bins(entries)
    # In day numbers: the chart is planned at every build, 20,000 entries and more.
    bounds = [start.toordinal() for start in starts]
    counts: Counter[tuple[str, int]] = Counter()
    for entry in entries:
        assert entry.date is not None
        first, last = entry.date.earliest.toordinal(), entry.date.latest.toordinal()
        middle = first + (last - first) // 2
        counts[entry.type, bisect.bisect_right(bounds, middle, hi=len(bounds) - 1) - 1] += 1
    totals = Counter(entry.type for entry in entries)
    return Counts(period, tuple(starts), tuple(sorted(counts.items())),
                  tuple(sorted(totals.items())))


def choose_bins(entries: Sequence[Entry]) -> tuple[str, list[dt.date]]:
    """The finest of month, quarter, year, decade giving at most MAX_BINS periods, and the
    period boundaries (one more than the periods)."""
    first = min(e.date.earliest for e in entries if e.date)
    last = max(e.date.latest for e in entries if e.date)
    for name, months in (("month", 1), ("quarter", 3), ("year", 12), ("decade", 120)):
        index = (first.year * 12 + first.month - 1) // months * months
        starts = []
        while True:
            starts.append(dt.date(index // 12, index % 12 + 1, 1))
            if starts[-1] > last:
                break
            index += months
        if len(starts) - 1 <= MAX_BINS:
            return name, starts
    return name, starts


def span_note(chart: Plan) -> str:
    """', May 2021 – November 2024' (or nothing for an empty chart)."""
    if not chart.dated:
        return ""
    first, last = month_label(chart.span[0]), month_label(chart.span[1])
    return f", {first}" if first == last else f", {first} – {last}"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
