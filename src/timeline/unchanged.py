"""Whether a build has nothing to do, answered at the cost of a listing and one table.

Most nights most builds change nothing: the articles are those the log records (same
size, mtime and rule fingerprint, by the log's document table), and the outputs were
rendered from the log as it stands (the manifest beside the store). This module tells
so without importing extraction, the projection or the emitters, without parsing the
rules (their fingerprint is a hash of their bytes) and without decoding a record. When
anything differs, or cannot be told, the answer is "no", and the full build decides.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from timeline import __version__, readers
from timeline.errors import ArticleError, LockedError, TimelineError
from timeline.eventlog import EventLog
from timeline.ruleset import fingerprint


@contextlib.contextmanager
def locked(store: Path, wait: bool = False) -> Iterator[None]:
    """Hold the build lock beside the store for the duration of the block."""
    store.parent.mkdir(parents=True, exist_ok=True)
    lock_path = store.with_name(store.name + ".lock")
    with lock_path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            raise LockedError(str(lock_path), "another build holds the lock",
                              "wait for it to finish, or pass --wait") from None
        yield


def outputs_key(out: Path, digest: str, names: Sequence[str]) -> str:
    """What the outputs are rendered from: the log with this digest, by this version."""
    return f"timeline {__version__}\n{out.resolve()}\n{digest}\n{','.join(names)}\n"


def manifest_path(store: Path) -> Path:
    return store.with_name(store.name + ".outputs")


def outputs_current(store: Path, key: str, out: Path, names: Sequence[str]) -> bool:
    """Whether the outputs were rendered from the same log (digest) and still exist.

    Saves a build that appended nothing from rendering (the chart alone costs seconds).
    """
    try:
        recorded = manifest_path(store).read_text()
    except OSError:
        return False
    return recorded == key and all((out / name).is_file() for name in names)


@attrs.frozen
class Survey:
    """What the listing and the log's document table tell before a build starts."""

    current: bool  # nothing to read, append or write
    # Listed articles to read, and recorded ones gone, if it can be told from here.
    changed: int | None


def survey(files: Sequence[readers.ArticleFile], problems: Sequence[ArticleError],
           rules: Path, out: Path, store: Path, names: Sequence[str]) -> Survey:
    """Whether a build over this listing would read no article, append nothing and write
    no output (`current`), and if not, how many articles it reads or withdraws. Not
    current also when that cannot be told from here (a store or rules folder that is
    missing or bad, an entry of the folder that is no article): the full build reports
    those."""
    if not store.is_file():
        return Survey(False, None)
    try:
        rule_fingerprint = fingerprint(rules)
        with EventLog(store, create=False) as log:
            recorded = log.documents()
            listed = {f.name for f in files}
            changed = (sum(recorded.get(f.name) != (f.size, f.mtime_ns, rule_fingerprint)
                           for f in files) + sum(name not in listed for name in recorded))
            if problems or changed:
                return Survey(False, changed)
            key = outputs_key(out, log.digest(log.last_position()), names)
    except TimelineError:
        return Survey(False, None)
    return Survey(outputs_current(store, key, out, names), 0)
