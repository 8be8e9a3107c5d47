"""`timeline build`: articles and rules in, event log appended, outputs refreshed.

The only module that drives the stages. The order is what makes a nightly cron run safe:
rules are checked before anything is written; one build at a time holds the lock; new
observations are appended in transactions; entry revisions are appended last, in one
transaction; outputs are written atomically and only when their bytes change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs

from timeline import emit, extract, projections, readers
from timeline.errors import ArticleError, LockedError
from timeline.eventlog import (
    DocumentExtracted,
    DocumentTouched,
    DocumentWithdrawn,
    EventLog,
    Payload,
)
from timeline.model import Timeline
from timeline.rules import load_rules

BATCH = 200  # articles per log transaction: large enough to be cheap, small to lose little


@attrs.frozen
class BuildReport:
    """What a build did, for `-v` and for cron's mail."""

    articles: int
    read: int
    skipped: tuple[ArticleError, ...]
    observations: int
    withdrawn: int
    revisions: int
    written: tuple[str, ...]
    notes: tuple[str, ...]

    def summary(self) -> str:
        return (f"{self.articles} articles, {self.read} read, {len(self.skipped)} skipped, "
                f"{self.observations} new observations, {self.withdrawn} withdrawn, "
                f"{self.revisions} entries changed, {len(self.written)} outputs written")


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


def build(seeds: Path, rules_dir: Path, out: Path, store: Path, now: dt.datetime,
          wait: bool = False) -> BuildReport:
    """One build. `now` stamps the records appended; it is never read from the clock here."""
    rules = load_rules(rules_dir)
    extractor = extract.compile(rules)
    with locked(store, wait), EventLog(store) as log:
        state = projections.replay(log.records())
        files, skipped = readers.list_articles(seeds)
        payloads, problems, read = _ingest(files, state, extractor, rules.fingerprint)
        observations = 0
        for start in range(0, len(payloads), BATCH):
            batch = payloads[start:start + BATCH]
            log.append(batch, now)
            observations += sum(len(p.observations) for p in batch
                                if isinstance(p, DocumentExtracted))
        # An article that is there but cannot be read now keeps what it said before.
        present = {f.name for f in files} | {Path(p.where).name for p in skipped + problems}
        gone = [DocumentWithdrawn(n) for n in sorted(state.documents) if n not in present]
        log.append(gone, now)
        state = projections.replay(log.records())
        revisions = projections.reconcile(state)
        log.append(revisions, now)
        if revisions:
            state = projections.replay(log.records())
        written = write_outputs(projections.timeline(state), out)
    notes = tuple(n for p in payloads if isinstance(p, DocumentExtracted) for n in p.notes)
    return BuildReport(len(files), read, skipped + problems, observations, len(gone),
                       len(revisions), written, notes)


def _ingest(files: tuple[readers.ArticleFile, ...], state: projections.LogState,
            extractor: extract.Extractor, fingerprint: str
            ) -> tuple[list[Payload], tuple[ArticleError, ...], int]:
    """Read what is new or changed and extract it; unchanged articles are not opened."""
    payloads: list[Payload] = []
    problems = []
    read = 0
    for file in files:
        known = state.documents.get(file.name)
        if known and known.rules == fingerprint and readers.same_stat(file, known.size,
                                                                      known.mtime_ns):
            continue
        try:
            document = readers.read_article(file)
        except ArticleError as problem:
            problems.append(problem)
            continue
        read += 1
        if known and known.rules == fingerprint and known.sha256 == document.sha256:
            payloads.append(DocumentTouched(file.name, file.size, file.mtime_ns))
            continue
        result = extractor.extract(document)
        payloads.append(DocumentExtracted(
            document=file.name, sha256=document.sha256, size=file.size,
            mtime_ns=file.mtime_ns, rules=fingerprint,
            article_date=result.article_date.date, date_basis=result.article_date.basis,
            observations=result.observations, notes=result.notes))
    return payloads, tuple(problems), read


def render_as_of(store: Path, out: Path, position: int | None = None,
                 moment: dt.datetime | None = None) -> tuple[str, ...]:
    """Write the outputs as they were at a log position or moment; appends nothing."""
    with EventLog(store, create=False) as log:
        upto = log.position_at(moment) if moment is not None else position
        state = projections.replay(log.records(upto))
    return write_outputs(projections.timeline(state), out)


def write_outputs(timeline: Timeline, out: Path) -> tuple[str, ...]:
    """Render every output; write those whose bytes changed. Returns the names written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in emit.OUTPUTS:
        data = render(timeline)
        target = out / name
        if target.exists() and target.read_bytes() == data:
            continue
        write_atomically(target, data)
        written.append(name)
    return tuple(written)


def write_atomically(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, flush it to disk, then rename it in place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
