"""out/timeline.png: the timeline at a glance, one lane per event type on a date axis.

What it shows is planned first (`chartplan`) and drawn (`chartdraw`, matplotlib) only
when no earlier render drew that same plan: a build that leaves the plan as it was
neither draws nor imports matplotlib.
"""

from __future__ import annotations

import hashlib
import importlib.metadata

from timeline.emit.chartplan import TITLE, Plan, plan
from timeline.emit.pieces import Pieces
from timeline.model import Timeline


def render(timeline: Timeline, *, title: str = TITLE, pieces: Pieces | None = None) -> bytes:
    """The PNG of the active, dated entries; kept in `pieces` under what it draws, so it
    is drawn again only when that changes."""
    chart = plan(timeline, title)
    if pieces is None:
        return png(chart)
    return pieces.get("chart", drawn(chart), lambda: png(chart))


def drawn(chart: Plan) -> str:
    """A digest of everything the chart shows, and of the library that draws it (another
    version of matplotlib may draw other bytes)."""
    version = importlib.metadata.version("matplotlib")
    return hashlib.sha256(repr((chart, version)).encode()).hexdigest()


def png(chart: Plan) -> bytes:
    """The chart drawn and encoded."""
    from timeline.emit import chartdraw  # matplotlib: imported only to draw

    return chartdraw.png(chart)
