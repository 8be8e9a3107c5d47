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
build would draw itself. A painter that fails in any way (killed, out of memory, a bug),
that cannot take the plan at once, or that has not drawn it within PATIENCE, is killed
and taken for absent: the build draws the chart in its own process, and never waits on
the painter longer than that.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import time
from collections.abc import Iterator
from typing import NoReturn

from timeline.emit.chartplan import Plan


class Painter:
    """A forked process that draws one plan: asked once, taken once."""

    def __init__(self, pid: int, requests: int, results: int) -> None:
        self.pid = pid
        # The build writes the plan to one pipe and reads the PNG from the other (None
        # once it closed its end).
        self._requests: int | None = requests
        self._results: int | None = results
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
        """Hand the painter the plan to draw (a painter draws one plan: asked again, or
        given up, it does nothing)."""
        if self._requests is None:
            return
        data = pickle.dumps(chart, protocol=pickle.HIGHEST_PROTOCOL)
        # Written without waiting (a plan is a few KB, a pipe holds 64): a painter that
        # does not read is given up at once rather than waited on.
        os.set_blocking(self._requests, False)
        try:
            written = os.write(self._requests, data)
        except OSError:  # it is gone, or its pipe is full
            written = 0
        os.close(self._requests)
        self._requests = None
        if written == len(data):
            self.asked = chart
        else:
            self._reap(signal.SIGKILL)  # `take` then finds no plan asked for

    def take(self, chart: Plan) -> bytes | None:
        """The PNG of `chart`, if it is the plan asked for and the painter drew it."""
        if self.asked is None or self.asked != chart or self._results is None:
            return None
        data, whole = _read_until_closed(self._results, PATIENCE)
        os.close(self._results)
        self._results = None
        # A painter that has not finished within PATIENCE is killed, and the build
        # draws: a nightly build never waits on it forever.
        ended = self._reap(None if whole and data else signal.SIGKILL)
        return data if whole and data and ended == 0 else None

    def stop(self) -> None:
        """End the painter, whatever it is doing, and free what it held."""
        for fd in (self._requests, self._results):
            if fd is not None:
                os.close(fd)
        self._requests = self._results = None
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


PATIENCE = 60.0  # seconds a build waits for a chart the painter draws in under one


def _read_until_closed(fd: int, seconds: float) -> tuple[bytes, bool]:
    """What the other end writes until it closes the pipe, and whether it did so
    before `seconds` ran out."""
    deadline = time.monotonic() + seconds
    chunks: list[bytes] = []
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
    return b"".join(chunks), False


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
    if _current is not None:
        _current.ask(chart)


def take(chart: Plan) -> bytes | None:
    """The PNG the running painter drew of `chart`, or None (the caller draws it)."""
    return None if _current is None else _current.take(chart)
