"""Writing the outputs: each file atomically, only when its bytes change, and rendered
from the pieces an earlier build kept (`emit.Pieces`) beside the store.

A build killed at any moment leaves every output either as it was or as it is now, and
at worst a temporary copy that the next build removes. The pieces file is bound to the
log like the snapshot (`snapshot`): pieces of another store, or of another version of
timeline, are never used.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import BinaryIO

from timeline import emit, snapshot
from timeline.eventlog import EventLog
from timeline.model import Timeline

Renderers = tuple[tuple[str, emit.Render], ...]
REMADE_AT_MOST = 1000  # pieces a build may make again rather than write them all


def pieces_path(store: Path) -> Path:
    return store.with_name(store.name + ".pieces")


def write_from_pieces(timeline: Timeline, out: Path, renderers: Renderers,
                      manifest: tuple[Path, str], log: EventLog, digest: str,
                      store: Path) -> tuple[str, ...]:
    """`write_outputs`, from the pieces kept beside `store` for this log (whose digest at
    `timeline.position` is `digest`); keeps the pieces this render used for the next
    build once it had to make many (`_worth_keeping`)."""
    path = pieces_path(store)
    known = cached(path, log, dict)
    pieces = emit.Pieces(known)
    written = write_outputs(timeline, out, renderers, manifest, pieces)
    if _worth_keeping(pieces.made, known):
        keep(path, pieces.used(), timeline.position, digest)
    return written


def _worth_keeping(made: int, known: dict[object, object] | None) -> bool:
    """Whether to write the pieces again: writing those of 20,000 entries costs 0.3 s, and
    making a piece again some 60 us, so the few pieces a night makes are made again by
    the next build (until they are many: they are counted again each time) rather than
    kept at the price of all the others. At most REMADE_AT_MOST are made again, 0.06 s:
    a larger bound would cost more in making again than it saves in writing."""
    return known is None or made > REMADE_AT_MOST


def keep(path: Path, value: object, position: int, digest: str) -> None:
    """Cache `value`, made from the log up to `position`, in `path`, as `cached` reads it."""
    remove_temporaries(path.parent, path.name)
    with atomic_file(path) as handle:
        snapshot.dump(value, position, digest, handle)


def cached(path: Path, log: EventLog, kind: type[snapshot.T]) -> snapshot.T | None:
    """The `kind` value cached in `path` for this log (see `snapshot`), or None."""
    try:
        handle = path.open("rb")
    except OSError:
        return None
    with handle:
        return snapshot.load(handle, log.digest, kind)


def write_outputs(timeline: Timeline, out: Path, renderers: Renderers,
                  manifest: tuple[Path, str] | None = None,
                  pieces: emit.Pieces | None = None) -> tuple[str, ...]:
    """Render every output; write those whose bytes changed. Returns the names written.

    `manifest` (a file and the key of what is rendered) is removed first and written
    last, so a build killed half-way renders everything again next time.
    """
    out.mkdir(parents=True, exist_ok=True)
    if manifest is not None:
        manifest[0].unlink(missing_ok=True)
    for _, render in renderers:
        prepare = getattr(render, "prepare", None)
        if prepare is not None:
            prepare(timeline, pieces)
    # Each output is written while the next is rendered: the disk's part of a write
    # (a page cache of 15 MB filled, fsync) frees the interpreter, 0.15 s of a build
    # that adds one article to 20,000. One write at a time, and the next output is
    # rendered meanwhile, so no more outputs are held at once than one after another.
    with ThreadPoolExecutor(1, thread_name_prefix="timeline-write") as writer:
        writes: list[tuple[str, Future[bool]]] = []
        for name, render in renderers:
            remove_temporaries(out, name)
            data = render(timeline, pieces)
            if writes:
                writes[-1][1].result()  # a failed write stops here, before the next
            writes.append((name, writer.submit(_write_if_changed, out / name, data)))
            del data
        written = tuple(name for name, write in writes if write.result())
    if manifest is not None:
        write_atomically(manifest[0], manifest[1].encode())
    return written


def _write_if_changed(target: Path, data: bytes) -> bool:
    """Write `data` to `target` unless it holds them already; whether it wrote."""
    if _holds(target, data):
        return False
    write_atomically(target, data)
    return True


def remove_temporaries(out: Path, name: str) -> None:
    """The temporary copies of file `name` (an output, the snapshot) a killed build left.

    Only a build writes here, and it holds the lock, so none of them is being written.
    The names are compared as strings: `Path.glob` compiles a pattern each call, 10 ms.
    """
    prefix = f".{name}."
    with os.scandir(out) as entries:
        stale = [entry.path for entry in entries if entry.name.startswith(prefix)]
    for path in stale:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)


def _holds(target: Path, data: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the file `target` holds exactly `data`, read a chunk at a time: an output
    of 20,000 entries is tens of MB, not worth holding twice to compare."""
    try:
        if target.stat().st_size != len(data):
            return False
        with target.open("rb") as handle:
            view = memoryview(data)
            return all(handle.read(chunk) == view[at:at + chunk]
                       for at in range(0, len(data), chunk))
    except OSError:
        return False


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` as `atomic_file` does."""
    with atomic_file(target) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(target: Path) -> Iterator[BinaryIO]:
    """A temporary file beside `target`, to write; flushed to disk, then renamed in place
    once the block ends, and removed if it fails."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp's 0600 would hide the feed from a web server
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
