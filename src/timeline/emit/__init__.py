"""Emitters: pure functions that turn a Timeline into the bytes of one output file.

Each emitter module is imported only when its output is rendered, so a build that writes
the JSON does not pay for importing matplotlib or icalendar.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Mapping
from typing import Any, Protocol

from timeline.emit.pieces import Pieces
from timeline.model import Timeline


class Render(Protocol):
    """Renders one output; with `pieces`, reuses and keeps the parts of an earlier render."""

    def __call__(self, timeline: Timeline, pieces: Pieces | None = None) -> bytes: ...


class _Lazy:
    """A render function that imports `timeline.emit.<module>` on first use."""

    def __init__(self, module: str, **options: Any) -> None:
        self.module, self.options = module, options
        self.__name__ = self.__qualname__ = f"render_{module}"

    def __call__(self, timeline: Timeline, pieces: Pieces | None = None) -> bytes:
        output: bytes = self._emitter().render(timeline, pieces=pieces, **self.options)
        return output

    def prepare(self, timeline: Timeline, pieces: Pieces | None = None) -> None:
        """Let the emitter start, before any output is rendered, work it can have done
        elsewhere meanwhile (the chart's drawing, `painter`)."""
        start = getattr(self._emitter(), "prepare", None)
        if start is not None:
            start(timeline, pieces=pieces, **self.options)

    def _emitter(self) -> Any:
        return importlib.import_module(f"{__name__}.{self.module}")


def outputs(
    *, commemorations: Mapping[str, dt.date] | None = None
) -> tuple[tuple[str, Render], ...]:
    """The files a build writes, in order, with their render functions.

    `commemorations` (name -> commemorated date, from the rules) adds one yearly
    recurring event per commemorated date to the calendar feed.
    """
    feed_options = {"recurring": dict(commemorations)} if commemorations else {}
    return (
        ("timeline.json", _Lazy("jsonfeed")),
        ("timeline.ics", _Lazy("ical", **feed_options)),
        ("chronicle.md", _Lazy("markdown")),
        ("timeline.png", _Lazy("chart")),
        ("timelinejs.json", _Lazy("timelinejs")),
    )


def chronicle_of(*, type: str | None = None, participant: str | None = None) -> Render:
    """A chronicle of one event type or of one participant's events."""
    subject = type or participant
    return _Lazy("markdown", types=(type,) if type else None, participant=participant,
                 title=f"Diplomatic chronicle: {subject}")


OUTPUTS: tuple[tuple[str, Render], ...] = outputs()

__all__ = ["OUTPUTS", "Pieces", "Render", "chronicle_of", "outputs"]
