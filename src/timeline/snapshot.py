"""What the build caches beside the log, so that a nightly build redoes only what is new.

The log stays the one source of truth. Two things are cached from it: the LogState
`projections.replay` folded up to some position, so only later records are decoded, and
the pieces of the outputs rendered from it (`emit.Pieces`). Each is kept with the log's
digest at the position it was made from, and used only when the log still has that
digest there (same store, not a rebuilt one) and this same version of timeline wrote it.
Anything else (a missing, truncated, foreign or stale file) reads as nothing cached, and
the build replays the log from its start, or renders every piece again.

The state is written at the end of a build, after the entry revisions, so a snapshot
always holds a reconciled state. Both are pickles: trusted as the store beside them is.
"""

from __future__ import annotations

import contextlib
import gc
import pickle
from collections.abc import Callable, Iterator
from typing import BinaryIO, TypeVar

import attrs

from timeline import __version__

FORMAT = 4  # 4: the state's `spots` (buckets and spans), not its buckets
T = TypeVar("T")


@attrs.frozen
class Snapshot:
    value: object
    position: int
    digest: str  # the log's digest at `position`
    version: str = __version__
    format: int = FORMAT


def dump(value: object, position: int, digest: str, handle: BinaryIO) -> None:
    """Write `value`, made from the log up to `position`, whose digest there is `digest`.

    Streamed to the file, as `load` reads it: a snapshot of 20,000 articles is 60 MB,
    which a build would otherwise hold twice, as objects and as bytes."""
    with _without_gc():
        pickle.dump(Snapshot(value, position, digest), handle, protocol=pickle.HIGHEST_PROTOCOL)


def load(handle: BinaryIO, digest_at: Callable[[int], str], kind: type[T]) -> T | None:
    """The `kind` value the snapshot in `handle` holds, if it is of this log
    (`digest_at(position)` names the log at a position) and by this version; else None."""
    try:
        with _without_gc():
            snapshot = pickle.load(handle)  # our own file, beside our own store
            # What a snapshot holds lives as long as the build that reads it: the cyclic
            # collector would walk its millions of objects again and again, a fifth of
            # a one-article build. Refcounting still frees them once they go.
            gc.freeze()
        current = (isinstance(snapshot, Snapshot) and snapshot.format == FORMAT
                   and snapshot.version == __version__ and isinstance(snapshot.value, kind))
    except Exception:  # a truncated, foreign or older file fails in any way pickle can
        return None
    if not current or digest_at(snapshot.position) != snapshot.digest:
        return None
    value: T = snapshot.value
    return value


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """Pickling makes or walks hundreds of thousands of objects, none of them garbage;
    meanwhile the cyclic collector would walk the growing heap again and again (a third
    of the time of loading a snapshot of 20,000 articles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
