"""The log's projection cached beside the store, and how far the log was reconciled.

A build starts from the LogState folded up to the last snapshot (`store.db.state`) and
decodes only the records after it. Writing the snapshot costs a second at 20,000
articles, growing with the log, while decoding a record costs 60 microseconds: a night
that adds a few articles does better to leave the snapshot as it is and let the next
build decode those few records again. So the snapshot is rewritten only once the records
after it are many (`_due`), and a small marker (`store.db.reconciled`) says which
position the last build reconciled up to, so that what it reconciled is not reconciled
again. Both are bound to the log as `snapshot` binds them: a stale or foreign one is
ignored, at worst costing the build a longer replay.
"""

from __future__ import annotations

from pathlib import Path

from timeline import projections
from timeline.eventlog import EventLog
from timeline.publish import cached, keep

# Records decoded at 60 us each and the snapshot written at about 50 us an article: up to
# this many records, or a tenth of the articles, replaying costs a tenth of writing.
REPLAYED_AT_MOST = 1000


def snapshot_path(store: Path) -> Path:
    return store.with_name(store.name + ".state")


def marker_path(store: Path) -> Path:
    return store.with_name(store.name + ".reconciled")


def paths(store: Path) -> tuple[Path, Path]:
    """The files this module keeps beside `store`."""
    return snapshot_path(store), marker_path(store)


def snapshot(store: Path, log: EventLog) -> projections.LogState:
    """The snapshot of this log's projection, or the empty state before its first record."""
    return cached(snapshot_path(store), log, projections.LogState) or projections.replay(())


def reconciled(store: Path, log: EventLog, start: projections.LogState) -> projections.LogState:
    """The state up to the position the last build reconciled, folded on from `start`
    (the snapshot, itself reconciled: it is written after a build's revisions)."""
    upto = cached(marker_path(store), log, int)
    if upto is None or upto <= start.position:
        return start
    return projections.replay(log.records(upto=upto, after=start.position), start)


def _due(state: projections.LogState, snapshot_position: int) -> bool:
    """Whether the records after the snapshot are many enough to write it again: more
    than REPLAYED_AT_MOST and than a tenth of the articles (a large log's snapshot is
    dearer to write)."""
    after = state.position - snapshot_position
    return after > max(REPLAYED_AT_MOST, len(state.documents) // 10)


def save(store: Path, state: projections.LogState, digest: str,
         snapshot_position: int) -> None:
    """Record that the log is reconciled up to `state`, after its revisions are appended;
    first write the snapshot of `state` (packed, as it keeps) if the one at
    `snapshot_position` is due (`_due`)."""
    if _due(state, snapshot_position):
        keep(snapshot_path(store), state, state.position, digest)
    keep(marker_path(store), state.position, state.position, digest)
