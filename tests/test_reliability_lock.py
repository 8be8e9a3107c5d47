"""Issue 6, item 1: one build at a time. Real `timeline build` processes run at once: those
without --wait exit at once with 75 and one line; those with --wait wait their turn and
succeed; the log ends as if one build had run.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bench_fixtures import generate
from cron_fixtures import only_warnings
from timeline.eventlog import EventLog

ROOT = Path(__file__).resolve().parent.parent
REFUSED, WAITING = 4, 2  # concurrent builds started while the first one holds the lock
# Enough articles that the first build still holds the lock when the others have started:
# with the five seeds alone it could finish first, and a "refused" build would then run.
BUSY = 800


def timeline_command() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "timeline.cli"]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


def build_command(ws: Path, *extra: str) -> list[str]:
    return [*timeline_command(), "build", "--seeds", str(ws / "seeds"), "--rules",
            str(ws / "rules"), "--out", str(ws / "out"), "--store", str(ws / "store.db"),
            *extra]


def records(ws: Path) -> Counter[str]:
    with EventLog(ws / "store.db", create=False) as log:
        return Counter(record.kind for record in log.records())


def test_concurrent_builds_exit_75_at_once_or_wait_their_turn(workspace: Path) -> None:
    """While one build runs, four more exit with 75 and one line each, at once; two more
    with --wait finish after it with 0; the log holds what one build appends."""
    generate.write(workspace / "seeds", BUSY, seed=5)
    first = subprocess.Popen(build_command(workspace), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    _wait_for(lambda: (workspace / "store.db").exists())  # created under the lock
    started = time.monotonic()
    refused = [subprocess.Popen(build_command(workspace), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(REFUSED)]
    waiting = [subprocess.Popen(build_command(workspace, "--wait"), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(WAITING)]
    refusals = [(p.wait(timeout=60), *p.communicate()) for p in refused]  # all at once
    refused_after = time.monotonic() - started
    assert first.poll() is None, "the first build ended before the others were refused"
    assert first.wait(timeout=300) == 0
    first_ended = time.monotonic() - started
    stdout, stderr = first.communicate()
    assert stdout == "" and only_warnings(stderr)
    waits = [(p.wait(timeout=300), *p.communicate()) for p in waiting]
    waited = time.monotonic() - started

    lock = workspace / "store.db.lock"
    for code, stdout, stderr in refusals:
        assert (code, stdout, len(stderr.splitlines())) == (75, "", 1)
        assert f"{lock}: another build holds the lock" in stderr and "--wait" in stderr
    assert waits == [(0, "", "")] * WAITING
    assert refused_after < first_ended <= waited
    with_one_build = records(workspace)
    alone = workspace / "alone"
    shutil.copytree(workspace / "seeds", alone / "seeds")
    shutil.copytree(workspace / "rules", alone / "rules")
    subprocess.run(build_command(alone), check=True, timeout=300)
    assert records(alone) == with_one_build


def test_a_build_exits_75_while_another_process_holds_the_lock(workspace: Path) -> None:
    """The lock is an flock on the file beside the store: any holder keeps builds out,
    and nothing is written meanwhile."""
    lock = workspace / "store.db.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        started = time.monotonic()
        refused = subprocess.run(build_command(workspace), capture_output=True, text=True,
                                 timeout=120)
        elapsed = time.monotonic() - started
    assert (refused.returncode, len(refused.stderr.splitlines())) == (75, 1)
    assert not (workspace / "store.db").exists() and not (workspace / "out").exists()
    assert elapsed < 30  # no waiting: only start-up and reading the rules


def test_wait_takes_the_lock_when_its_holder_releases_it(workspace: Path) -> None:
    """--wait blocks while the lock is held, then builds."""
    lock = workspace / "store.db.lock"
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        waiting = subprocess.Popen(build_command(workspace, "--wait"),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(8)  # longer than the start-up: it is waiting for the lock by now
        assert waiting.poll() is None
        assert not (workspace / "store.db").exists()
    assert waiting.wait(timeout=300) == 0
    assert waiting.communicate() == ("", "")
    assert (workspace / "out" / "timeline.json").exists()


def _wait_for(condition: object, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.01)
