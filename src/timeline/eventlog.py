"""The event log: an append-only SQLite table of records, the single source of truth.

The database itself refuses updates and deletes (triggers), so no code path, ours or a
user's `sqlite3` session, can rewrite history. Each record is a frozen attrs value from
`records`, stored as JSON with its kind and the version of its shape, so old records can
be upcast when a shape changes. Appends happen in transactions: a crash leaves either
all of a batch or none of it.

Beside the records, the `documents` table says what the log records of each article now
(text hash, size, mtime, rules): an index derived from the document records, kept in
the transaction that appends them, so that a build that has nothing to do reads one
small table and decodes no record. A store of layout 1 gets it built on opening.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from timeline import serial
from timeline.errors import StoreError
from timeline.model import Citation, DateValue, Observation, pickled_by_fields

APPLICATION_ID = 0x544C4E45  # "TLNE": marks a SQLite file as a timeline log
SCHEMA_VERSION = 1
REBUILD_HINT = "move it aside and run `timeline rebuild` to re-create it from the articles"


@pickled_by_fields
@attrs.frozen
class DocumentExtracted:
    """An article (new, changed, or re-read under new rules) and everything read from it."""

    document: str
    sha256: str
    size: int
    mtime_ns: int
    rules: str
    article_date: DateValue | None
    date_basis: str
    observations: tuple[Observation, ...]
    notes: tuple[str, ...] = ()


@pickled_by_fields
@attrs.frozen
class DocumentTouched:
    """An article whose file changed on disk but whose text did not: only its stat is new."""

    document: str
    size: int
    mtime_ns: int


@pickled_by_fields
@attrs.frozen
class DocumentWithdrawn:
    """An article no longer in the folder: what it alone supported is retracted."""

    document: str


@pickled_by_fields
@attrs.frozen
class EntryContent:
    """What a timeline entry says, as published in one revision."""

    type: str
    title: str
    date: DateValue | None
    participants: tuple[str, ...]
    place: str | None
    status: str
    sources: tuple[Citation, ...]


@pickled_by_fields
@attrs.frozen
class EntryRevised:
    """A timeline entry published (sequence 0), changed, cancelled or reinstated.

    `members` are the keys of the observations it merges; they carry its identity from
    one build to the next.
    """

    uid: str
    sequence: int
    members: tuple[str, ...]
    content: EntryContent
    cancelled: bool = False


Payload = DocumentExtracted | DocumentTouched | DocumentWithdrawn | EntryRevised
KINDS: dict[str, type[Payload]] = {
    "document-extracted": DocumentExtracted,
    "document-touched": DocumentTouched,
    "document-withdrawn": DocumentWithdrawn,
    "entry-revised": EntryRevised,
}
KIND_OF = {cls: kind for kind, cls in KINDS.items()}


@attrs.frozen
class Record:
    position: int
    recorded: dt.datetime
    payload: Payload

    @property
    def kind(self) -> str:
        return KIND_OF[type(self.payload)]


# The layout of the file (PRAGMA user_version); 2 added the document table. The shape of
# each record is SCHEMA_VERSION, stored with it.
STORE_VERSION = 2

_DOCUMENTS = """
CREATE TABLE documents (
    name TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    rules TEXT NOT NULL
) WITHOUT ROWID;
"""

_SCHEMA = f"""
CREATE TABLE records (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded TEXT NOT NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    document TEXT,
    payload TEXT NOT NULL
);
CREATE TRIGGER records_append_only_update BEFORE UPDATE ON records
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER records_append_only_delete BEFORE DELETE ON records
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
{_DOCUMENTS}
PRAGMA application_id = {APPLICATION_ID};
PRAGMA user_version = {STORE_VERSION};
"""


class EventLog:
    """One open store. Use as a context manager; `append` is one transaction."""

    def __init__(self, path: Path, *, create: bool = True) -> None:
        self.path = path
        if not path.exists() and not create:
            raise StoreError(str(path), "no such store", "run `timeline build` first")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, isolation_level=None)
        except sqlite3.Error as exc:  # a folder, or a file we may not write
            raise StoreError(str(path), f"cannot be opened ({exc})", REBUILD_HINT) from None
        try:
            self._check_or_create()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(str(path), f"not a readable timeline log ({exc})",
                             REBUILD_HINT) from None
        except StoreError:
            self._db.close()  # at once: an open connection leaves -wal and -shm files
            raise

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *_: object) -> None:
        self._db.close()

    def _check_or_create(self) -> None:
        app_id = self._db.execute("PRAGMA application_id").fetchone()[0]
        tables = self._db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id == 0 and tables == 0:
            # One transaction: a build killed half-way leaves an empty file, not a store
            # with tables but no application id, which would be refused as foreign.
            self._db.executescript(f"BEGIN;{_SCHEMA}COMMIT;")
        elif app_id != APPLICATION_ID:
            raise StoreError(str(self.path), "is not a timeline event log", REBUILD_HINT)
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > STORE_VERSION:
            raise StoreError(str(self.path), f"was written by a newer timeline (schema {version})",
                             "upgrade timeline, or " + REBUILD_HINT)
        # The table's last page is read (a truncated file has none), not all of them: a
        # count walks 20,000 articles' records, 30 ms of every build. A page damaged
        # further in is found, and named, by whatever reads it (`records`).
        self._db.execute("SELECT max(position) FROM records").fetchone()
        # Only once the file is known to be ours: these pragmas rewrite its header.
        self._db.execute("PRAGMA journal_mode = WAL")
        self._db.execute("PRAGMA synchronous = FULL")
        if version < STORE_VERSION:
            self._add_documents_table()

    def _add_documents_table(self) -> None:
        """Layout 1 to 2: the document table, from the document records, in one transaction."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(_DOCUMENTS)
            self._index(r.payload for r in self.records()
                        if not isinstance(r.payload, EntryRevised))
            self._db.execute(f"PRAGMA user_version = {STORE_VERSION}")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _index(self, payloads: Iterable[Payload]) -> None:
        """Bring the document table up to date with these payloads, in order."""
        for p in payloads:
            if isinstance(p, DocumentExtracted):
                self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?)",
                                 (p.document, p.sha256, p.size, p.mtime_ns, p.rules))
            elif isinstance(p, DocumentTouched):
                self._db.execute("UPDATE documents SET size = ?, mtime_ns = ? WHERE name = ?",
                                 (p.size, p.mtime_ns, p.document))
            elif isinstance(p, DocumentWithdrawn):
                self._db.execute("DELETE FROM documents WHERE name = ?", (p.document,))

    def documents(self) -> dict[str, tuple[int, int, str]]:
        """What the log records of each article now: (size, mtime_ns, rules fingerprint)."""
        return {name: (size, mtime, rules) for name, size, mtime, rules in self._rows(
            "SELECT name, size, mtime_ns, rules FROM documents")}

    def last_position(self) -> int:
        """The position of the last record (0 for an empty log)."""
        return int(self._db.execute("SELECT max(position) FROM records").fetchone()[0] or 0)

    def append(self, payloads: Iterable[Payload], recorded: dt.datetime) -> list[Record]:
        """Append every payload in one transaction; returns the records as appended, so
        the caller can fold them without decoding them again."""
        payloads = list(payloads)
        stamp = recorded.astimezone(dt.UTC).isoformat()
        rows = [(stamp, KIND_OF[type(p)], SCHEMA_VERSION, getattr(p, "document", None),
                 serial.dumps(p)) for p in payloads]
        if not rows:
            return []
        self._db.execute("BEGIN IMMEDIATE")
        try:
            last = self._db.execute("SELECT max(position) FROM records").fetchone()[0] or 0
            self._db.executemany(
                "INSERT INTO records (recorded, kind, version, document, payload)"
                " VALUES (?, ?, ?, ?, ?)", rows)
            self._index(payloads)
            positions = [row[0] for row in self._db.execute(
                "SELECT position FROM records WHERE position > ? ORDER BY position", (last,))]
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        moment = dt.datetime.fromisoformat(stamp)  # as `records` will read it back
        return [Record(position, moment, payload)
                for position, payload in zip(positions, payloads, strict=True)]

    def records(self, upto: int | None = None, after: int = 0) -> Iterator[Record]:
        """The records after position `after`, in order, up to and including `upto`."""
        query = "SELECT position, recorded, kind, version, payload FROM records WHERE position > ?"
        args: tuple[int, ...] = (after,)
        if upto is not None:
            query += " AND position <= ?"
            args = (after, upto)
        for position, recorded, kind, version, payload in self._rows(
                query + " ORDER BY position", args):
            yield Record(position, dt.datetime.fromisoformat(recorded),
                         _upcast(kind, version, payload, self.path, position))

    def _rows(self, query: str, args: tuple[object, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query; a damaged page met on the way is the store's error."""
        try:
            yield from self._db.execute(query, args)
        except sqlite3.DatabaseError as exc:
            raise StoreError(str(self.path), f"not a readable timeline log ({exc})",
                             REBUILD_HINT) from None

    def digest(self, position: int) -> str:
        """A name for the log up to `position`, to tell whether something derived from it
        (a cached projection, rendered outputs) is still current.

        The log is append-only, so its record at `position` stands for every record
        before it; the moment it was recorded tells a rebuilt store at the same position
        apart from the first.
        """
        row = self._db.execute("SELECT recorded, kind, payload FROM records WHERE position = ?",
                               (position,)).fetchone()
        if row is None:
            return f"{position}:none"
        return f"{position}:" + hashlib.sha256("\n".join(row).encode()).hexdigest()

    def position_at(self, moment: dt.datetime) -> int:
        """The last position recorded at or before `moment` (0 when none)."""
        stamp = moment.astimezone(dt.UTC).isoformat()
        row = self._db.execute("SELECT max(position) FROM records WHERE recorded <= ?",
                               (stamp,)).fetchone()
        return int(row[0] or 0)


def _upcast(kind: str, version: int, payload: str, path: Path, position: int) -> Payload:
    """Decode a stored record, bringing older shapes up to the current one.

    There is one shape so far; an upgrade adds a step here per version, oldest first.
    """
    if kind not in KINDS or version > SCHEMA_VERSION:
        raise StoreError(f"{path} record {position}", f"unknown record kind {kind!r} v{version}",
                         "upgrade timeline, or " + REBUILD_HINT)
    return serial.loads(payload, KINDS[kind])
