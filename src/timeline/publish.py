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


def pieces_paths(store: Path) -> list[Path]:
    """The pieces files beside `store`: one an output's (`pieces_path`), and the file of
    all outputs' pieces that earlier versions kept, if it is still there."""
    prefix = _legacy_pieces_path(store).name
    with os.scandir(store.parent) as entries:
        return [store.with_name(e.name) for e in entries
                if e.name == prefix or e.name.startswith(prefix + ".")]


def pieces_path(store: Path, output: str) -> Path:
    return store.with_name(f"{store.name}.pieces.{output}")


class OutputPieces:
    """The pieces of each output, in a file of its own beside the store: read when the
    output's render first asks for one, and once the output is written, kept again if
    worth it (`_worth_keeping`) and let go. A build so holds the pieces of the output
    it renders and of the one being written, not all of them (tens of MB at 20,000
    entries, the cold build's peak of memory)."""

    def __init__(self, store: Path, log: EventLog, position: int, digest: str) -> None:
        self.store, self.log, self.position, self.digest = store, log, position, digest
        self._of: dict[str, emit.Pieces] = {}

    def of(self, output: str) -> emit.Pieces:
        if output not in self._of:
            path = pieces_path(self.store, output)
            self._of[output] = emit.Pieces(lambda: cached(path, self.log, dict))
        return self._of[output]

    def done(self, output: str) -> None:
        """The output is rendered: keep its pieces for the next build if worth it."""
        pieces = self._of.pop(output, None)
        if pieces is None or not pieces.read:
            return
        used = pieces.used()
        if _worth_keeping(pieces.made, len(used), pieces.found):
            keep(pieces_path(self.store, output), used, self.position, self.digest)
            _legacy_pieces_path(self.store).unlink(missing_ok=True)


def _legacy_pieces_path(store: Path) -> Path:
    """All outputs' pieces in one file, as earlier versions kept them."""
    return store.with_name(store.name + ".pieces")


def write_from_pieces(timeline: Timeline, out: Path, renderers: Renderers,
                      manifest: tuple[Path, str], log: EventLog, digest: str,
                      store: Path) -> tuple[str, ...]:
    """`write_outputs`, from the pieces kept beside `store` for this log (whose digest at
    `timeline.position` is `digest`), each output's kept again once its render had to
    make many (`OutputPieces`)."""
    pieces = OutputPieces(store, log, timeline.position, digest)
    return write_outputs(timeline, out, renderers, manifest, pieces)


def _worth_keeping(made: int, used: int, found: bool) -> bool:
    """Whether to write an output's pieces again (`used` of them, `made` of those new):
    pickling one output's pieces of 20,000 entries costs 0.01-0.07 s before the disk's
    part, and making a piece again 40-55 us, so the few pieces a night makes are made
    again by the next build (until they are many: they are counted again each time)
    rather than kept at the price of all the others, up to REMADE_AT_MOST (0.05 s an
    output). Pieces all new are kept (none of those known was used): the chart's one,
    dear to make, each time it is drawn."""
    return not found or made > REMADE_AT_MOST or made == used


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
                  pieces: OutputPieces | None = None) -> tuple[str, ...]:
    """Render every output; write those whose bytes changed. Returns the names written.

    `manifest` (a file and the key of what is rendered) is removed first and written
    last, so a build killed half-way renders everything again next time.
    """
    out.mkdir(parents=True, exist_ok=True)
    if manifest is not None:
        manifest[0].unlink(missing_ok=True)
    for name, render in renderers:
        prepare = getattr(render, "prepare", None)
        if prepare is not None:
            prepare(timeline, None if pieces is None else pieces.of(name))
    # Each output is written while the next is rendered: the disk's part of a write
    # (a page cache of 15 MB filled, fsync) frees the interpreter, 0.15 s of a build
    # that adds one article to 20,000. One write at a time, and the next output is
    # rendered meanwhile, so no more outputs are held at once than one after another.
    with ThreadPoolExecutor(1, thread_name_prefix="timeline-write") as writer:
        writes: list[tuple[str, Future[bool]]] = []
        for name, render in renderers:
            remove_temporaries(out, name)
            data = render(timeline, None if pieces is None else pieces.of(name))
            if writes:
                writes[-1][1].result()  # a failed write stops here, before the next
            writes.append((name, writer.submit(_publish, out, name, data, pieces)))
            del data
        written = tuple(name for name, write in writes if write.result())
    if manifest is not None:
        write_atomically(manifest[0], manifest[1].encode())
    return written


def _publish(out: Path, name: str, data: bytes, pieces: OutputPieces | None) -> bool:
    """Write the output `data` if it changed (whether it did), then keep its pieces if
    worth it, and let them go: no more outputs' pieces are held than two."""
    changed = _write_if_changed(out / name, data)
    if pieces is not None:
        pieces.done(name)
    return changed


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
