"""The PNG of a chart plan (`chartplan`): one lane per event type on a date axis.

Drawn on a matplotlib `Figure` with the Agg canvas (no pyplot, so it runs headless under
cron): a point for a day, a bar for a week, month or year, and a label placed only where
its measured box touches no other label; or, on a chart of counts, a bar per lane and
period. The PNG carries no software version or time, so the same plan gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import cache

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

from timeline.emit.chartplan import Mark, Plan, colour, span_note
from timeline.emit.text import MONTHS, one_line, plural, type_label

DPI = 100
WIDTH = 12.0  # inches
LANE_HEIGHT = 1.2  # inches
TOP, BOTTOM, LEFT, RIGHT = 0.9, 1.1, 1.5, 0.3  # margins in inches
LABEL_SIZE = 7.5
TIERS = (0.2, 0.43, 0.66)  # label heights above a lane's baseline, in lane units
LABEL_GID = "event-label"  # marks the labels the overlap test measures


def png(chart: Plan) -> bytes:
    """The chart drawn and encoded."""
    figure = draw(chart)
    buffer = io.BytesIO()
    # Without "Software" the PNG holds no matplotlib version; Agg writes no time stamp.
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def draw(chart: Plan) -> Figure:
    """The figure, laid out and with its labels placed (exposed for the overlap test)."""
    lanes = chart.lanes
    figure = Figure(figsize=(WIDTH, TOP + BOTTOM + LANE_HEIGHT * len(lanes)), dpi=DPI)
    renderer = FigureCanvasAgg(figure).get_renderer()  # type: ignore[no-untyped-call]
    height = figure.get_figheight()
    figure.subplots_adjust(
        left=LEFT / WIDTH, right=1 - RIGHT / WIDTH, top=1 - TOP / height, bottom=BOTTOM / height
    )
    axes = figure.add_subplot()
    lane_y = {kind: len(lanes) - 1 - index for index, kind in enumerate(lanes)}
    set_axes(axes, chart)
    if chart.marks is not None:
        hidden = draw_marks(axes, chart.marks, lane_y, renderer)
        note = plural(chart.dated, "dated event") + (f", {hidden} labels hidden" if hidden else "")
    else:
        assert chart.counts is not None
        draw_counts(axes, chart, lane_y, renderer)
        note = f"{chart.dated:,} dated events, counted per {chart.counts.period}"
    if chart.undated:
        note += f"; {chart.undated} undated not shown"
    figure.suptitle(safe_text(chart.title), x=LEFT / WIDTH, y=1 - 0.12 / height, ha="left",
                    va="top", fontsize=14, fontweight="bold")  # fmt: skip
    figure.text(LEFT / WIDTH, 1 - 0.42 / height, note + span_note(chart),
                fontsize=9, color="#444444", va="top", parse_math=False)  # fmt: skip
    add_legend(figure, lanes, chart.marks is not None)
    return figure


def set_axes(axes: Axes, chart: Plan) -> None:
    """Lanes on the y axis, a concise date axis on x, limits fixed before labels are placed."""
    lanes = chart.lanes
    first, last = chart.span
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


def draw_marks(axes: Axes, marks: Sequence[Mark], lane_y: dict[str, int],
               renderer: RendererBase) -> int:  # fmt: skip
    """Each mark and a label where one fits; returns how many labels did not fit."""
    lanes = tuple(lane_y)
    placed: list[Bbox] = []
    hidden = 0
    for mark in marks:
        y, shade = lane_y[mark.type], colour(mark.type, lanes)
        start = day_number(mark.earliest)
        if mark.earliest == mark.latest:
            size = 40 + 12 * min(mark.events, 10)
            axes.scatter([start], [y], s=size, color=shade, zorder=3, edgecolors="white")
        else:
            # The wider the span, the fainter and thinner its bar, so that a year-long
            # bar does not bury the days and months drawn over it.
            days = (mark.latest - mark.earliest).days + 1
            wide = days > 31
            axes.barh(y, days, left=start, height=0.12 if wide else 0.24, color=shade,
                      alpha=0.3 if wide else 0.5, edgecolor=shade, linewidth=0.8,
                      zorder=1.5 if wide else 2)  # fmt: skip
        if not place_label(axes, start, y, mark.label, placed, renderer):
            hidden += 1
    return hidden


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


def draw_counts(axes: Axes, chart: Plan, lane_y: dict[str, int],
                renderer: RendererBase) -> None:
    """Bars of events per lane per period, with the count over each bar where it fits."""
    assert chart.counts is not None
    starts, counts, totals = chart.counts.starts, chart.counts.counts, dict(chart.counts.totals)
    lane_labels = [f"{type_label(t)}\n({totals[t]:,})" for t in reversed(chart.lanes)]
    axes.set_yticks(range(len(chart.lanes)), lane_labels)
    tallest = max(n for _, n in counts)
    bars = [(day_number(starts[index]), day_number(starts[index + 1]), 0.62 * n / tallest,
             lane_y[kind] - 0.3, colour(kind, chart.lanes)) for (kind, index), n in counts]
    # One call for all the bars: a call each costs a container and a limits update.
    axes.bar([left + (right - left) * 0.06 for left, right, *_ in bars],
             [height for _, _, height, _, _ in bars],
             width=[(right - left) * 0.88 for left, right, *_ in bars],
             bottom=[bottom for *_, bottom, _ in bars], align="edge",
             color=[shade for *_, shade in bars], zorder=2)  # fmt: skip
    placed: list[Bbox] = []
    for (left, right, height, bottom, _), (_, n) in zip(bars, counts, strict=True):
        place_label(axes, (left + right) / 2, bottom + height - 0.18, f"{n:,}", placed,
                    renderer, tiers=(0.2,), aligns=("center",))  # fmt: skip


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


def day_number(day: dt.date) -> float:
    """matplotlib's number for a day (its date functions carry no type hints)."""
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


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
