"""Issue 14, item 4: the chart a build must draw again is drawn by a second process
meanwhile (`emit.painter`), to the same bytes; a painter that fails leaves the drawing to
the build, and one that is not needed is stopped and reaped."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

import pytest

from emit_fixtures import synthetic_timeline
from timeline import build, readers
from timeline.emit import chart, chartdraw, painter
from timeline.emit.pieces import Pieces
from timeline.unchanged import survey

T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)
TWO_CORES = pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="one core: no painter")


def _unreaped(pid: int) -> bool:
    try:
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return False


@TWO_CORES
def test_the_painter_draws_what_the_build_would_draw(monkeypatch: pytest.MonkeyPatch) -> None:
    timeline = synthetic_timeline(400)
    expected = chart.render(timeline)
    with painter.running(True):
        # Only the painter, forked before this, can draw now.
        monkeypatch.setattr(chartdraw, "png", lambda _: pytest.fail("drawn by the build"))
        pieces = Pieces()
        chart.prepare(timeline, pieces=pieces)
        assert chart.render(timeline, pieces=pieces) == expected


@TWO_CORES
def test_a_painter_that_dies_leaves_the_drawing_to_the_build() -> None:
    timeline = synthetic_timeline(400)
    expected = chart.render(timeline)
    with painter.running(True):
        assert painter._current is not None
        os.kill(painter._current.pid, signal.SIGKILL)
        pieces = Pieces()
        chart.prepare(timeline, pieces=pieces)
        assert chart.render(timeline, pieces=pieces) == expected


@TWO_CORES
def test_a_painter_that_hangs_is_killed_and_the_build_draws(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A painter stopped dead (as if it hung) is waited on for PATIENCE only: then it is
    killed and reaped, and the build draws the chart itself."""
    timeline = synthetic_timeline(400)
    expected = chart.render(timeline)
    monkeypatch.setattr(painter, "PATIENCE", 0.5)
    with painter.running(True):
        assert painter._current is not None
        pid = painter._current.pid
        os.kill(pid, signal.SIGSTOP)
        pieces = Pieces()
        chart.prepare(timeline, pieces=pieces)
        assert chart.render(timeline, pieces=pieces) == expected
        assert not _unreaped(pid)


@TWO_CORES
def test_a_plan_the_painter_cannot_take_at_once_is_drawn_by_the_build(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan larger than the pipe holds, to a painter that reads nothing (stopped):
    the build gives the painter up at once instead of waiting to hand it over."""
    timeline = synthetic_timeline(30)
    title = "A title the size of a book " * 2500  # 67 KB: more than a pipe holds
    with painter.running(True):
        assert painter._current is not None
        pid = painter._current.pid
        os.kill(pid, signal.SIGSTOP)
        monkeypatch.setattr(chartdraw, "png", lambda _: b"drawn by the build")
        pieces = Pieces()
        started = time.monotonic()
        chart.prepare(timeline, title=title, pieces=pieces)
        assert chart.render(timeline, title=title, pieces=pieces) == b"drawn by the build"
        assert time.monotonic() - started < painter.PATIENCE / 2
        assert painter._current.asked is None and not _unreaped(pid)


@TWO_CORES
def test_a_painter_not_asked_is_stopped_and_reaped() -> None:
    with painter.running(True):
        assert painter._current is not None
        pid = painter._current.pid
        assert _unreaped(pid)
    assert painter._current is None and not _unreaped(pid)


@TWO_CORES
def test_a_chart_kept_from_an_earlier_render_asks_the_painter_nothing() -> None:
    timeline = synthetic_timeline(400)
    pieces = Pieces()
    chart.render(timeline, pieces=pieces)
    with painter.running(True):
        assert painter._current is not None
        chart.prepare(timeline, pieces=Pieces(pieces.used()))
        assert painter._current.asked is None


def test_no_painter_when_not_wanted() -> None:
    with painter.running(False):
        assert painter._current is None


def _run(ws: Path, days: int = 0, jobs: int | None = None) -> build.BuildReport:
    return build.build(ws / "seeds", ws / "rules", ws / "out", ws / "store.db",
                       T0 + dt.timedelta(days=days), jobs=jobs)


@TWO_CORES
def test_only_a_build_that_reads_few_articles_on_several_cores_starts_one(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[bool] = []
    real = painter.Painter.start
    monkeypatch.setattr(painter.Painter, "start",
                        classmethod(lambda cls: started.append(True) or real()))
    _run(workspace)  # no store yet: every article to read
    assert started == []
    (workspace / "seeds" / "zz-new.txt").write_text(
        " date 2024-03-05 Kassym-Jomart Tokayev arrived in Minsk on a state visit.\n",
        encoding="utf-8")
    _run(workspace, 1, jobs=1)
    assert started == []
    (workspace / "seeds" / "zz-new.txt").unlink()
    _run(workspace, 2)
    assert started == [True]


def test_a_survey_counts_the_articles_added_changed_and_gone(workspace: Path) -> None:
    _run(workspace)
    seeds = sorted((workspace / "seeds").iterdir())
    seeds[0].unlink()
    stat = seeds[1].stat()
    os.utime(seeds[1], ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    (workspace / "seeds" / "zz-new.txt").write_text("A new article.\n", encoding="utf-8")
    files, problems = readers.list_articles(workspace / "seeds")
    found = survey(files, problems, workspace / "rules", workspace / "out",
                   workspace / "store.db", build.OutputOptions().names())
    assert (found.current, found.changed) == (False, 3)
