"""Issue 6, item 2: a build killed at any instant loses nothing, and the next one converges.

Real `timeline build` subprocesses (their whole process group) are SIGKILLed at seeded
random instants spread over the phases of an uninterrupted build (measured first: reading
and extracting, appending and reconciling, writing the outputs), on two kinds of night:

- the first night: a fresh store, ~250 articles read by worker processes, appended in
  two transactions of 200 and the rest;
- a later night: a store holding 200 articles gets 55 new ones, 2 edited and 2 deleted
  (one serial batch, withdrawals, revisions that change and cancel entries).

After every kill the store passes `PRAGMA integrity_check`, replays, and holds whole
transactions only; then a build runs to the end, and its outputs must equal those of an
uninterrupted build from the same starting point (the first night: a fresh store):
the same .json and .md, the same .ics but for the fields that record the feed's own
history (CREATED too: it is the moment of an entry's first revision in this store).
The articles are synthetic (benchmarks/generate.py), never corpus text.

Other crash windows have their own tests below: a stale temporary output, workers
outliving a killed build, and a death at each statement of the store's creation.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from bench_fixtures import generate
from cron_fixtures import only_warnings
from timeline import build, projections
from timeline.emit import OUTPUTS
from timeline.errors import StoreError
from timeline.eventlog import DocumentExtracted, EventLog

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)
SEED = 20261122
KILLS = {"first-night": 5, "later-night": 15}  # 20 instants in all
OUTPUT_NAMES = frozenset(name for name, _ in OUTPUTS)
# Fields that record the feed's own history: they differ between two stores by design.
# CREATED is one of them (the moment the entry's first revision was appended).
HISTORY_FIELDS = ("DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "CREATED")


def timeline_command() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "timeline.cli"]


@attrs.frozen
class Night:
    """A starting point (store and out/ copied from `start`, or nothing) and its articles."""

    name: str
    seeds: Path
    rules: Path
    start: Path | None

    def prepare(self, work: Path) -> Path:
        if work.exists():
            shutil.rmtree(work)
        if self.start is None:
            work.mkdir(parents=True)
        else:
            shutil.copytree(self.start, work)
        return work

    def command(self, work: Path) -> list[str]:
        return [*timeline_command(), "build", "--seeds", str(self.seeds), "--rules",
                str(self.rules), "--out", str(work / "out"), "--store", str(work / "store.db")]


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Night]:
    """The two nights, with the later night's starting store built uninterrupted."""
    base = tmp_path_factory.mktemp("crash")
    rules = base / "rules"
    shutil.copytree(ROOT / "rules", rules)
    articles = list(generate.generate(262, seed=SEED))
    yesterday, tonight = base / "yesterday", base / "tonight"
    yesterday.mkdir()
    for article in articles[:200]:
        (yesterday / article.name).write_text(article.text, encoding="utf-8")
    start = base / "start"
    start.mkdir()
    night = Night("yesterday", yesterday, rules, None)
    subprocess.run(night.command(start), check=True, timeout=300)
    shutil.copytree(yesterday, tonight)  # copytree keeps modification times: unchanged
    for article in articles[200:255]:
        (tonight / article.name).write_text(article.text, encoding="utf-8")
    for old, new in zip(articles[10:12], articles[255:257], strict=True):
        (tonight / old.name).write_text(new.text, encoding="utf-8")  # edited
    for gone in articles[20:22]:
        (tonight / gone.name).unlink()
    return {"first-night": Night("first-night", tonight, rules, None),
            "later-night": Night("later-night", tonight, rules, start)}


@attrs.frozen
class Reference:
    """An uninterrupted build: what it left, and when each of its phases began.

    Seconds from its start: `appending` when the log first grew, `writing` when out/
    first changed; `duration` when it ended.
    """

    duration: float
    appending: float
    writing: float
    outputs: dict[str, bytes]
    extracted: int  # records it appended
    revised: int
    documents: dict[str, DocumentExtracted]


@attrs.frozen
class Instant:
    """A kill `delay` seconds after the build reached a phase ("start", "appending",
    "writing"), so that kills fall in every phase however fast the machine is today."""

    phase: str
    delay: float


def uninterrupted(night: Night, work: Path) -> Reference:
    store, out = work / "store.db", work / "out"
    before = log_counts(store)
    started = time.monotonic()
    process = subprocess.Popen(night.command(work), stdout=subprocess.DEVNULL)
    progress = Progress(store, out)
    seen: dict[str, float] = {}
    while process.poll() is None:
        for phase in ("appending", "writing"):
            if phase not in seen and progress.reached(phase):
                seen[phase] = time.monotonic() - started
        time.sleep(0.002)
    duration = time.monotonic() - started
    assert process.returncode == 0
    after = log_counts(store)
    return Reference(duration, seen["appending"], seen["writing"], comparable_outputs(out),
                     after["document-extracted"] - before["document-extracted"],
                     after["entry-revised"] - before["entry-revised"], documents(work))


class Progress:
    """How far a running build has gone, seen from outside: the log's write-ahead file
    grows with its first append; out/ changes when its first output is written."""

    def __init__(self, store: Path, out: Path) -> None:
        self.store, self.out = store, out
        self.wal, self.folder = self._wal(), self._folder()

    def reached(self, phase: str) -> bool:
        if phase == "appending":
            return self._wal() > self.wal
        if phase == "writing":
            return self._folder() != self.folder
        return True

    def _wal(self) -> int:
        try:
            return self.store.with_name(self.store.name + "-wal").stat().st_size
        except FileNotFoundError:
            return 0

    def _folder(self) -> int | None:
        try:
            return self.out.stat().st_mtime_ns
        except FileNotFoundError:
            return None


def log_counts(store: Path) -> Counter[str]:
    if not store.exists():
        return Counter()
    with EventLog(store, create=False) as log:
        return Counter(record.kind for record in log.records())


def documents(work: Path) -> dict[str, DocumentExtracted]:
    """What the log says each current article holds (stat fields left out)."""
    with EventLog(work / "store.db", create=False) as log:
        state = projections.replay(log.records())
    return {name: attrs.evolve(doc, mtime_ns=0) for name, doc in state.documents.items()}


def comparable_outputs(out: Path) -> dict[str, bytes]:
    """Every output but the PNG, the .ics without the fields that record its history."""
    result = {}
    for name in sorted(OUTPUT_NAMES - {"timeline.png"}):
        data = (out / name).read_bytes()
        if name.endswith(".ics"):
            data = b"".join(line for line in data.splitlines(keepends=True)
                            if not line.startswith(tuple(f.encode() for f in HISTORY_FIELDS)))
        result[name] = data
    return result


def integrity(store: Path) -> str:
    db = sqlite3.connect(store)
    try:
        return str(db.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        db.close()


def instants(reference: Reference, rng: random.Random) -> Iterator[Instant]:
    """Random instants in each phase of the build in turn: reading and extracting (no
    commit yet), appending and reconciling (commits), writing the outputs."""
    lengths = {"start": reference.appending,
               "appending": reference.writing - reference.appending,
               "writing": 0.6 * (reference.duration - reference.writing)}
    for phase in itertools.cycle(lengths):
        yield Instant(phase, lengths[phase] * rng.random())


def kill_at(command: list[str], work: Path, instant: Instant, stderr: Path) -> bool:
    """Start a build and SIGKILL its whole process group at `instant`.

    Returns whether it was still running (a kill) rather than already finished.
    """
    progress = Progress(work / "store.db", work / "out")
    with stderr.open("wb") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err,
                                   start_new_session=True)
        while process.poll() is None and not progress.reached(instant.phase):
            time.sleep(0.002)
        time.sleep(instant.delay)
        running = process.poll() is None
        if running:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    return running


@pytest.mark.parametrize("night_name", list(KILLS))
def test_killed_builds_converge_to_the_uninterrupted_outputs(
        nights: dict[str, Night], tmp_path: Path, night_name: str) -> None:
    """After a SIGKILL at any instant the store is sound and the next build converges."""
    night = nights[night_name]
    reference = uninterrupted(night, night.prepare(tmp_path / "reference"))
    rng = random.Random(f"{SEED}-{night_name}")
    killed, phases = 0, Counter[str]()
    for instant in itertools.islice(instants(reference, rng), 2 * KILLS[night_name]):
        if killed == KILLS[night_name]:
            break
        work = night.prepare(tmp_path / "trial")
        before = log_counts(work / "store.db")
        if not kill_at(night.command(work), work, instant, tmp_path / "killed.err"):
            phases["finished before the kill"] += 1
            continue
        killed += 1
        assert integrity(work / "store.db") == "ok"
        after = log_counts(work / "store.db")  # the log replays, and holds whole transactions
        extracted = after["document-extracted"] - before["document-extracted"]
        revised = after["entry-revised"] - before["entry-revised"]
        assert extracted in _whole_batches(reference.extracted)
        assert revised in {0, reference.revised}
        phases[_phase(extracted, revised, reference, work / "out")] += 1

        finished = subprocess.run(night.command(work), capture_output=True, timeout=300)
        assert finished.returncode == 0 and only_warnings(finished.stderr.decode())
        assert reference.outputs == comparable_outputs(work / "out")
        assert reference.documents == documents(work)  # nothing lost, nothing extra
        leftovers = {p.name for p in (work / "out").iterdir()} - OUTPUT_NAMES
        assert all(_is_temporary(name) for name in leftovers), leftovers
    print(f"\n{night_name}: build {reference.duration:.1f}s (appending from "
          f"{reference.appending:.1f}s, writing from {reference.writing:.1f}s); "
          f"{killed} killed: {dict(phases)}")
    assert killed == KILLS[night_name]


def _whole_batches(total: int) -> set[int]:
    return {*range(0, total, build.BATCH), total}


def _phase(extracted: int, revised: int, reference: Reference, out: Path) -> str:
    """Where in the build the kill landed, from what it left behind."""
    if extracted == 0 and revised == 0:
        return "before any append"
    if revised == 0:
        return "after some appends"
    names = {p.name for p in out.iterdir()} if out.exists() else set()
    if names >= OUTPUT_NAMES and not any(_is_temporary(n) for n in names) \
            and comparable_outputs(out) == reference.outputs:
        return "after writing outputs"
    return "while writing outputs"


def _is_temporary(name: str) -> bool:
    """A temporary file of `build.write_atomically`: ".<output name>.<random>"."""
    return any(name.startswith(f".{output}.") for output in OUTPUT_NAMES)


def test_a_stale_temporary_output_is_cleaned_by_the_next_build(tmp_path: Path) -> None:
    """A temporary file a killed build left in out/ is removed by the next build."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".timeline.json.k1ll3d"
    stale.write_bytes(b'{"events": [')
    command = [*timeline_command(), "build", "--seeds", str(tmp_path / "seeds"), "--rules",
               str(ROOT / "rules"), "--out", str(out), "--store", str(tmp_path / "store.db")]
    subprocess.run(command, check=True, timeout=300)
    assert sorted(OUTPUT_NAMES) == sorted(p.name for p in out.iterdir())


def test_workers_do_not_outlive_a_killed_build(nights: dict[str, Night], tmp_path: Path
                                               ) -> None:
    """SIGKILL of the build process alone (as the OOM killer does) leaves no process behind.

    Orphaned workers would hold cron's output pipe open and pile up night after night.
    """
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one core: the build reads articles in its own process")
    night = nights["first-night"]
    work = night.prepare(tmp_path / "work")
    with (tmp_path / "err").open("wb") as err:
        process = subprocess.Popen(night.command(work), stdout=subprocess.DEVNULL, stderr=err,
                                   start_new_session=True)
        try:
            _wait_for_workers(process.pid)
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=60)
            survivors = _group_members(process.pid, grace=5.0)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)  # our own process group only
    assert survivors == []


def _wait_for_workers(pid: int, timeout: float = 60.0) -> None:
    """Until the build has started its pool (a fork server and workers in its group)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(_members(pid)) >= 4:
            time.sleep(1.0)  # the workers are forked once the fork server runs
            return
        time.sleep(0.1)
    raise AssertionError("the build never started worker processes")


def _group_members(group: int, grace: float) -> list[int]:
    deadline = time.monotonic() + grace
    while (members := _members(group)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return members


def _members(group: int) -> list[int]:
    """The live processes of a process group, from /proc."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members




class Crash(Exception):
    """The process died here."""


class CrashingConnection:
    """A sqlite3 connection whose process dies after `budget` more SQL statements.

    A script is run one statement at a time, so a death can fall between any two.
    """

    def __init__(self, real: sqlite3.Connection, budget: int) -> None:
        self.real, self.budget = real, budget

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self.budget == 0:
            raise Crash
        self.budget -= 1
        return self.real.execute(sql, *args)

    def executescript(self, script: str) -> None:
        for statement in statements(script):
            self.execute(statement)

    def __getattr__(self, name: str) -> object:
        return getattr(self.real, name)


def statements(script: str) -> Iterator[str]:
    start = 0
    for end in (i + 1 for i, ch in enumerate(script) if ch == ";"):
        if sqlite3.complete_statement(script[start:end]):
            yield script[start:end]
            start = end


def test_a_build_killed_while_creating_the_store_leaves_one_the_next_build_uses(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Death after any statement of the store's creation leaves no half-made store."""
    real_connect = sqlite3.connect
    opened: list[sqlite3.Connection] = []
    refused = []
    for budget in range(40):
        store = tmp_path / f"store{budget}.db"

        def connect(path: Path, *args: Any, **kwargs: Any) -> CrashingConnection:
            opened.append(real_connect(path, *args, **kwargs))
            return CrashingConnection(opened[-1], budget)  # noqa: B023  (used at once)

        with monkeypatch.context() as patch:
            patch.setattr(sqlite3, "connect", connect)
            try:
                EventLog(store).__exit__()
                break  # the whole creation fits in this budget: every death point was tried
            except Crash:
                opened[-1].close()  # what the kernel does to a killed process's files
        try:
            with EventLog(store) as log:
                assert len(log.append([DocumentExtracted("a.txt", "0" * 64, 1, 1, "r", None,
                                                         "", ())], T0)) == 1
        except StoreError as error:
            refused.append(f"after {budget} statements: {error}")
    assert budget > 5, "the creation was not interrupted"
    assert refused == []
