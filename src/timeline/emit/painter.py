"""A helper process that draws the chart beside the build, on a machine of several cores.

Importing matplotlib takes half a second and drawing a chart of counts a quarter more:
as much as all the rest of a build that adds one article to 20,000. Both are work the
other core can do meanwhile. A build forks the painter as it starts (`running`); the
painter imports the drawing code while the build reads, extracts and reconciles, and
then waits. Once the build knows the chart's plan and finds it drawn by no earlier build,
it hands the plan over (`ask`) and renders the other outputs; it takes the PNG (`take`)
when it writes the chart. A build whose chart is unchanged asks nothing, and the painter
is stopped at the end.

Drawing is a pure function of the plan, in the same code, so the bytes are those the
build would draw itself. A painter that fails in any way (killed, out of memory, a bug)
is taken for absent: the build draws the chart in its own process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Iterator
from typing import NoReturn

from timeline.emit.chartplan import Plan


class Painter:
    """A forked process that draws one plan: asked once, taken once."""

    def __init__(self, pid: int, requests: int, results: int) -> None:
        self.pid = pid
        self._requests: int | None = requests  # the build writes the plan here
        self._results = results  # and reads the PNG from here
        self.asked: Plan | None = None

    @classmethod
    def start(cls) -> Painter:
        plan_read, plan_write = os.pipe()
        png_read, png_write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the painter
            _serve(plan_read, png_write)
        os.close(plan_read)
        os.close(png_write)
        return cls(pid, plan_write, png_read)

    def ask(self, chart: Plan) -> None:
        """Hand the painter the plan to draw (a painter draws one plan)."""
        assert self._requests is not None and self.asked is None, "a painter draws once"
        self.asked = chart
        try:
            with os.fdopen(self._requests, "wb") as requests:
                pickle.dump(chart, requests)
        except OSError:
            pass  # it is gone: `take` finds no PNG
        self._requests = None

    def take(self, chart: Plan) -> bytes | None:
        """The PNG of `chart`, if it is the plan asked for and the painter drew it."""
        if self.asked is None or self.asked != chart:
            return None
        with os.fdopen(self._results, "rb") as results:
            self._results = -1
            data = results.read()
        ended = self._reap(signal.SIGKILL if not data else None)
        return data if data and ended == 0 else None

    def stop(self) -> None:
        """End the painter, whatever it is doing, and free what it held."""
        for fd in (self._requests, self._results):
            if fd is not None and fd >= 0:
                os.close(fd)
        self._requests, self._results = None, -1
        self._reap(signal.SIGKILL)

    def _reap(self, kill: signal.Signals | None) -> int | None:
        """Wait for the painter to end (killing it first if `kill`); its exit status."""
        if self.pid < 0:
            return None
        if kill is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, kill)
        _, status = os.waitpid(self.pid, 0)
        self.pid = -1
        return os.waitstatus_to_exitcode(status)


def _serve(requests: int, results: int) -> NoReturn:
    """The painter's life: import, wait for one plan, draw it, write its PNG, end."""
    status = 1
    try:
        # Only the two pipes are kept: not the store's lock, nor a database the parent
        # has open, nor the parent's standard input (the painter writes nothing else).
        keep = sorted((requests, results))
        os.closerange(3, keep[0])
        os.closerange(keep[0] + 1, keep[1])
        os.closerange(keep[1] + 1, os.sysconf("SC_OPEN_MAX"))
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from timeline.emit import chartdraw  # the half second this process is for

        with os.fdopen(requests, "rb") as incoming:
            data = incoming.read()  # until the build hands a plan over, or ends
        if data:
            png = chartdraw.png(pickle.loads(data))
            with os.fdopen(results, "wb") as outgoing:
                outgoing.write(png)
        status = 0
    finally:
        os._exit(status)


_current: Painter | None = None


@contextlib.contextmanager
def running(wanted: bool) -> Iterator[None]:
    """A painter for the build in this block, when `wanted` and the machine has a core
    to spare; stopped when the block ends."""
    global _current
    if not wanted or len(os.sched_getaffinity(0)) < 2 or _current is not None:
        yield
        return
    _current = Painter.start()
    try:
        yield
    finally:
        painter, _current = _current, None
        painter.stop()


def ask(chart: Plan) -> None:
    """Have the running painter, if any, draw `chart`."""
    if _current is not None and _current.asked is None:
        _current.ask(chart)


def take(chart: Plan) -> bytes | None:
    """The PNG the running painter drew of `chart`, or None (the caller draws it)."""
    return None if _current is None else _current.take(chart)
