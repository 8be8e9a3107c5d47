"""out/timeline.png: the timeline at a glance, one lane per event type on a date axis.

What it shows is planned first (`chartplan`) and drawn (`chartdraw`, matplotlib) only
when no earlier render drew that same plan: a build that leaves the plan as it was
neither draws nor imports matplotlib. A build that must draw hands the plan, before it
renders the other outputs, to the process that drew it meanwhile if one runs (`painter`).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import weakref

from timeline.emit import painter
from timeline.emit.chartplan import TITLE, Plan, plan
from timeline.emit.pieces import Pieces
from timeline.model import Timeline

KIND = "chart"  # the kind of the chart's piece


def prepare(timeline: Timeline, *, title: str = TITLE, pieces: Pieces | None = None) -> None:
    """Before the outputs are rendered: a plan no earlier render drew goes to the painter."""
    if pieces is not None:
        chart = planned(timeline, title)
        if not pieces.known(KIND, drawn(chart)):
            painter.ask(chart)


def render(timeline: Timeline, *, title: str = TITLE, pieces: Pieces | None = None) -> bytes:
    """The PNG of the active, dated entries; kept in `pieces` under what it draws, so it
    is drawn again only when that changes."""
    chart = planned(timeline, title)
    if pieces is None:
        return png(chart)
    return pieces.get(KIND, drawn(chart), lambda: png(chart))


_last: tuple[weakref.ref[Timeline], str, Plan] | None = None


def planned(timeline: Timeline, title: str) -> Plan:
    """The plan of the timeline, worked out once for `prepare` and `render` both (the
    timeline is not kept alive for it)."""
    global _last
    if _last is None or _last[0]() is not timeline or _last[1] != title:
        _last = (weakref.ref(timeline), title, plan(timeline, title))
    return _last[2]


def drawn(chart: Plan) -> str:
    """A digest of everything the chart shows, and of the library that draws it (another
    version of matplotlib may draw other bytes)."""
    version = importlib.metadata.version("matplotlib")
    return hashlib.sha256(repr((chart, version)).encode()).hexdigest()


def png(chart: Plan) -> bytes:
    """The chart drawn and encoded: by the painter if it drew it, else here."""
    elsewhere = painter.take(chart)
    if elsewhere is not None:
        return elsewhere
    from timeline.emit import chartdraw  # matplotlib: imported only to draw

    return chartdraw.png(chart)
