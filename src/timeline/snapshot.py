"""A cached projection of the event log, so that a nightly build folds only what is new.

The log stays the one source of truth: a snapshot is the LogState `projections.replay`
folded up to some position, named by the log's digest at that position, and it is used
only when the log still has that digest there (same store, not a rebuilt one) and this
same version of timeline wrote it. Anything else (a missing, truncated, foreign or stale
file) reads as no snapshot, and the build replays the log from its start.

It is written at the end of a build, after the entry revisions, so a snapshot always
holds a reconciled state. It is a pickle: trusted as the store beside it is.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

import attrs

from timeline import __version__
from timeline.projections import LogState

FORMAT = 1


@attrs.frozen
class Snapshot:
    state: LogState
    digest: str  # the log's digest at state.position
    version: str = __version__
    format: int = FORMAT


def dumps(state: LogState, digest: str) -> bytes:
    return pickle.dumps(Snapshot(state, digest), protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes, digest_at: Callable[[int], str]) -> LogState | None:
    """The state a snapshot holds, if it is of this log (`digest_at(position)` names the
    log at a position) and by this version; else None."""
    try:
        snapshot = pickle.loads(data)  # our own file, beside our own store
        current = (isinstance(snapshot, Snapshot) and snapshot.format == FORMAT
                   and snapshot.version == __version__ and isinstance(snapshot.state, LogState))
    except Exception:  # a truncated, foreign or older file fails in any way pickle can
        return None
    if not current or digest_at(snapshot.state.position) != snapshot.digest:
        return None
    state: LogState = snapshot.state
    return state
