"""out/timeline.png: the timeline at a glance, one lane per event type on a date axis.

Drawn on a matplotlib `Figure` with the Agg canvas (no pyplot, so it runs headless under
cron). A small timeline shows every event: a point for a day, a bar for a week, month or
year, and a label placed only where its measured box touches no other label. A large one
would be a smear of points, so it shows instead how many events each lane holds in each
period. The PNG carries no software version or time, so the same timeline gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

import attrs
import matplotlib
from matplotlib import dates as mdates
from matplotlib import font_manager, ft2font
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter
from matplotlib.transforms import Bbox

from timeline.emit.pieces import Pieces
from timeline.emit.text import MONTHS, bare_title, month_label, one_line, plural, type_label
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
DETAIL_LIMIT = 60  # marker groups beyond which a picture of single events is unreadable
MAX_BINS = 40  # periods across the axis when counting, so each count has room
DPI = 100
WIDTH = 12.0  # inches
LANE_HEIGHT = 1.2  # inches
TOP, BOTTOM, LEFT, RIGHT = 0.9, 1.1, 1.5, 0.3  # margins in inches
LABEL_SIZE = 7.5
TIERS = (0.2, 0.43, 0.66)  # label heights above a lane's baseline, in lane units
LABEL_CHARS = 48
LABEL_GID = "event-label"  # marks the labels the overlap test measures


@attrs.frozen
class Group:
    """Events of one type drawn as one mark: the same type and the same date."""

    type: str
    date: DateValue
    entries: tuple[Entry, ...]


def render(timeline: Timeline, *, title: str = TITLE, pieces: Pieces | None = None) -> bytes:
    """The PNG of the active, dated entries; kept in `pieces` under what it draws, so it
    is drawn again only when that changes."""
    if pieces is None:
        return png(timeline, title)
    return pieces.get("chart", drawn(timeline, title), lambda: png(timeline, title))


def drawn(timeline: Timeline, title: str) -> str:
    """A digest of everything the chart shows: the type, date and title of every active
    dated entry, the number of undated ones, the title, and the drawing library."""
    shown = [(e.type, e.title, *attrs.astuple(e.date, recurse=False)) if e.date
             else None for e in timeline.active]
    return hashlib.sha256(repr((shown, title, matplotlib.__version__)).encode()).hexdigest()


def png(timeline: Timeline, title: str) -> bytes:
    """The chart drawn and encoded."""
    figure = draw(timeline, title=title)
    buffer = io.BytesIO()
    # Without "Software" the PNG holds no matplotlib version; Agg writes no time stamp.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def draw(timeline: Timeline, *, title: str = TITLE) -> Figure:
    """The figure, laid out and with its labels placed (exposed for the overlap test)."""
    entries = [e for e in timeline.active if e.date is not None]
    undated = len(timeline.active) - len(entries)
    lanes = lane_order(e.type for e in entries) or ("visit",)
    figure = Figure(figsize=(WIDTH, TOP + BOTTOM + LANE_HEIGHT * len(lanes)), dpi=DPI)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    height = figure.get_figheight()
    figure.subplots_adjust(
        left=LEFT / WIDTH, right=1 - RIGHT / WIDTH, top=1 - TOP / height, bottom=BOTTOM / height
    )
    axes = figure.add_subplot()
    lane_y = {kind: len(lanes) - 1 - index for index, kind in enumerate(lanes)}
    groups = group_entries(entries)
    detailed = len(groups) <= DETAIL_LIMIT
    set_axes(axes, lanes, entries)
    if detailed:
        hidden = draw_events(axes, groups, lane_y, renderer)
        note = plural(len(entries), "dated event") + (f", {hidden} labels hidden" if hidden else "")
    else:
        period = draw_counts(axes, entries, lanes, lane_y, renderer)
        note = f"{len(entries):,} dated events, counted per {period}"
    if undated:
        note += f"; {undated} undated not shown"
    figure.suptitle(safe_text(title), x=LEFT / WIDTH, y=1 - 0.12 / height, ha="left", va="top",
                    fontsize=14, fontweight="bold")  # fmt: skip
    figure.text(LEFT / WIDTH, 1 - 0.42 / height, note + span_note(entries),
                fontsize=9, color="#444444", va="top", parse_math=False)  # fmt: skip
    add_legend(figure, lanes, detailed)
    return figure


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


def group_entries(entries: Sequence[Entry]) -> list[Group]:
    """One group per (type, date), in date order."""
    groups: dict[tuple[str, DateValue], list[Entry]] = {}
    for entry in entries:
        assert entry.date is not None
        groups.setdefault((entry.type, entry.date), []).append(entry)
    ordered = sorted(groups.items(), key=lambda item: (item[0][1].earliest, item[0][1].latest))
    return [Group(kind, date, tuple(members)) for (kind, date), members in ordered]


def set_axes(axes: Axes, lanes: Sequence[str], entries: Sequence[Entry]) -> None:
    """Lanes on the y axis, a concise date axis on x, limits fixed before labels are placed."""
    first = min((e.date.earliest for e in entries if e.date), default=dt.date(2000, 1, 1))
    last = max((e.date.latest for e in entries if e.date), default=dt.date(2000, 12, 31))
    pad = max(dt.timedelta(days=15), (last - first) * 0.03)
    axes.set_xlim(day_number(first - pad), day_number(last + pad))
    axes.set_ylim(-0.55, len(lanes) - 0.15)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10, tz=dt.UTC)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(TickLabels())
    axes.set_yticks(range(len(lanes)), [type_label(t) for t in reversed(lanes)])
    axes.tick_params(axis="y", length=0, labelsize=10)
    for y in range(len(lanes)):
        axes.axhline(y, color="#dddddd", linewidth=0.8, zorder=0)
    axes.grid(axis="x", color="#eeeeee", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)


class TickLabels(Formatter):
    """Concise date ticks spelled out here, because strftime's month names follow the
    locale: '2021' on New Year's Day and 'Mar' on other firsts of a month when every tick
    falls on one, else '8 Mar'."""

    def __call__(self, value: float, position: int | None = None) -> str:
        return self.format_ticks([value])[0]

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        days = [mdates.num2date(v, tz=dt.UTC).date() for v in values]  # type: ignore[no-untyped-call]
        by_month = all(day.day == 1 for day in days)
        return [
            str(day.year) if by_month and day.month == 1
            else MONTHS[day.month - 1][:3] if by_month
            else f"{day.day} {MONTHS[day.month - 1][:3]}"
            for day in days
        ]  # fmt: skip


def draw_events(axes: Axes, groups: Sequence[Group], lane_y: dict[str, int],
                renderer: RendererBase) -> int:  # fmt: skip
    """A mark per group and a label where one fits; returns how many labels did not fit."""
    lanes = tuple(lane_y)
    placed: list[Bbox] = []
    hidden = 0
    for group in groups:
        y, shade = lane_y[group.type], colour(group.type, lanes)
        start = day_number(group.date.earliest)
        if group.date.earliest == group.date.latest:
            size = 40 + 12 * min(len(group.entries), 10)
            axes.scatter([start], [y], s=size, color=shade, zorder=3, edgecolors="white")
        else:
            # The wider the span, the fainter and thinner its bar, so that a year-long
            # bar does not bury the days and months drawn over it.
            days = (group.date.latest - group.date.earliest).days + 1
            wide = days > 31
            axes.barh(y, days, left=start, height=0.12 if wide else 0.24, color=shade,
                      alpha=0.3 if wide else 0.5, edgecolor=shade, linewidth=0.8,
                      zorder=1.5 if wide else 2)  # fmt: skip
        if not place_label(axes, start, y, group_label(group), placed, renderer):
            hidden += 1
    return hidden


def group_label(group: Group) -> str:
    """The event's title, or how many events share the mark."""
    if len(group.entries) > 1:
        return f"{len(group.entries)} {type_label(group.type).lower()}s"
    return shorten(bare_title(group.type, group.entries[0].title), LABEL_CHARS)


def place_label(axes: Axes, x: float, y: float, text: str, placed: list[Bbox],
                renderer: RendererBase, tiers: Sequence[float] = TIERS,
                aligns: Sequence[str] = ("left", "right")) -> bool:  # fmt: skip
    """Put `text` above (x, y) at the first tier where its box, measured by the renderer,
    stays inside the axes and meets no label already placed. False if none fits."""
    frame = axes.get_window_extent(renderer)
    for offset in tiers:
        for align in aligns:
            # The white ground hides the faint leader lines of raised labels behind it.
            label = axes.text(x, y + offset, safe_text(text), ha=align, va="bottom",
                              fontsize=LABEL_SIZE, parse_math=False, gid=LABEL_GID, zorder=4,
                              bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5,
                                    "alpha": 0.85})  # fmt: skip
            box = label.get_window_extent(renderer).padded(2)
            inside = frame.x0 <= box.x0 and box.x1 <= frame.x1 and box.y1 <= frame.y1
            if inside and not any(box.overlaps(other) for other in placed):
                placed.append(box)
                if offset > tiers[0]:  # a raised label keeps a faint line to its mark
                    axes.plot([x, x], [y + 0.1, y + offset], color="#bbbbbb", linewidth=0.6,
                              zorder=1)  # fmt: skip
                return True
            label.remove()
    return False


def draw_counts(axes: Axes, entries: Sequence[Entry], lanes: Sequence[str],
                lane_y: dict[str, int], renderer: RendererBase) -> str:  # fmt: skip
    """Bars of events per lane per period, with the count over each bar where it fits.
    An entry counts in the period of the middle of its possible days. Returns the period."""
    period, starts = choose_bins(entries)
    counts: Counter[tuple[str, int]] = Counter()
    for entry in entries:
        assert entry.date is not None
        middle = entry.date.earliest + (entry.date.latest - entry.date.earliest) / 2
        counts[entry.type, bin_index(starts, middle)] += 1
    totals = Counter(entry.type for entry in entries)
    lane_labels = [f"{type_label(t)}\n({totals[t]:,})" for t in reversed(lanes)]
    axes.set_yticks(range(len(lanes)), lane_labels)
    tallest = max(counts.values())
    placed: list[Bbox] = []
    for (kind, index), count in sorted(counts.items()):
        left, right = day_number(starts[index]), day_number(starts[index + 1])
        height = 0.62 * count / tallest
        bottom = lane_y[kind] - 0.3
        axes.bar(left + (right - left) * 0.06, height, width=(right - left) * 0.88,
                 bottom=bottom, align="edge", color=colour(kind, lanes), zorder=2)  # fmt: skip
        place_label(axes, (left + right) / 2, bottom + height - 0.18, f"{count:,}", placed,
                    renderer, tiers=(0.2,), aligns=("center",))  # fmt: skip
    return period


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


def bin_index(starts: Sequence[dt.date], day: dt.date) -> int:
    """The period holding `day`."""
    return max(i for i, start in enumerate(starts[:-1]) if start <= day)


def add_legend(figure: Figure, lanes: Sequence[str], detailed: bool) -> None:
    """Colours per type, and what the marks mean, in one row under the axis."""
    handles: list[Patch | Line2D] = [
        Patch(color=colour(t, lanes), label=type_label(t)) for t in lanes
    ]
    if detailed:
        handles += [
            Line2D([], [], marker="o", linestyle="", color="#555555", label="a day"),
            Patch(facecolor="#55555573", edgecolor="#555555", label="a week, month or year"),
        ]
    else:
        handles.append(Patch(color="#555555", label="bar height: events per period"))
    figure.legend(handles=handles, loc="lower left", ncol=len(handles), frameon=False,
                  fontsize=9, bbox_to_anchor=(LEFT / WIDTH, 0.0))  # fmt: skip


def span_note(entries: Sequence[Entry]) -> str:
    """', May 2021 – November 2024' (or nothing for an empty chart)."""
    days = [d for e in entries if e.date for d in (e.date.earliest, e.date.latest)]
    if not days:
        return ""
    first, last = month_label(min(days)), month_label(max(days))
    return f", {first}" if first == last else f", {first} – {last}"


def day_number(day: dt.date) -> float:
    """matplotlib's number for a day (its date functions carry no type hints)."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def safe_text(text: str) -> str:
    """Text the bundled font can draw: a character it lacks becomes '?' rather than a
    warning and an empty box."""
    drawable = font_characters()
    return "".join(c if ord(c) in drawable or c == " " else "?" for c in one_line(text))


@cache
def font_characters() -> frozenset[int]:
    """The code points of the font matplotlib draws text with."""
    path = font_manager.findfont(font_manager.FontProperties())
    return frozenset(ft2font.FT2Font(path).get_charmap())
