"""Projections of the event log: pure folds over its records.

`replay` folds the records into a LogState: what each current article says, and the
latest published revision of every timeline entry. `timeline` turns a LogState into the
ordered Timeline the emitters render. Bringing the entries in line with the articles is
`revisions.reconcile`'s part.
"""

from __future__ import annotations

import datetime as dt
import pickle  # `pack`: the snapshot's own packing of observations, trusted as it is
from collections.abc import Iterable

import attrs

from timeline.eventlog import (
    DocumentExtracted,
    DocumentTouched,
    DocumentWithdrawn,
    EntryRevised,
    Record,
)
from timeline.model import DateValue, Entry, Observation, Timeline, pickled_by_fields

# A cancelled entry stays in the feed this long after its cancellation, measured against
# the newest record of the log (never the clock), so calendars that re-import the feed
# see the cancellation before the entry disappears.
CANCELLED_RETENTION = dt.timedelta(days=30)


@pickled_by_fields
@attrs.frozen
class Published:
    """The latest revision of an entry, with the moments of its first and latest revisions."""

    revision: EntryRevised
    created: dt.datetime
    modified: dt.datetime


# Observations of one type and one set of participants; only these can merge, so an
# entry's members, and the entry itself, lie in one bucket.
Bucket = tuple[str, frozenset[str]]
# The days an observation's date may fall on, first and last (None: undated): only
# observations whose days meet can merge.
Span = tuple[dt.date, dt.date] | None
Spot = tuple[Bucket, Span]  # where an observation lies among the others


@attrs.frozen
class LogState:
    """What each current article says (`documents`), the latest published revision of
    each entry, and the log position and time they were folded up to.

    The observations of an article the snapshot kept packed (`pack`) are in `packed`,
    pickled, and its DocumentExtracted holds none: a build decodes only the articles
    whose observations it reconciles, found by `spots` (each article's observations'
    buckets and spans, which `scope` reads)."""

    documents: dict[str, DocumentExtracted]
    entries: dict[str, Published]
    position: int
    newest: dt.datetime | None
    packed: dict[str, bytes] = attrs.Factory(dict)
    spots: dict[str, frozenset[Spot]] = attrs.Factory(dict)


def replay(records: Iterable[Record], start: LogState | None = None) -> LogState:
    """Fold the log, oldest record first, into the state it describes.

    With `start`, fold only the records that follow it: a build that appended a few
    records need not decode the whole log again.
    """
    start = start or LogState({}, {}, 0, None)
    documents, entries = dict(start.documents), dict(start.entries)
    packed, spots = dict(start.packed), dict(start.spots)
    position, newest = start.position, start.newest
    shared: dict[Spot, Spot] = {}  # one object per spot: a smaller, faster snapshot
    moments: dict[dt.datetime, dt.datetime] = {}
    for record in records:
        payload = record.payload
        if isinstance(payload, DocumentExtracted):
            documents[payload.document] = payload
            packed.pop(payload.document, None)
            spots[payload.document] = frozenset(
                shared.setdefault(s, s) for s in map(spot_of, payload.observations))
        elif isinstance(payload, DocumentTouched) and payload.document in documents:
            documents[payload.document] = attrs.evolve(
                documents[payload.document], size=payload.size, mtime_ns=payload.mtime_ns)
        elif isinstance(payload, DocumentWithdrawn):
            for table in (documents, packed, spots):
                table.pop(payload.document, None)
        elif isinstance(payload, EntryRevised):
            before = entries.get(payload.uid)
            # One object per moment (a build records its revisions at one): a snapshot
            # of 20,000 entries then holds a few datetimes, not 40,000.
            recorded = moments.setdefault(record.recorded, record.recorded)
            created = before.created if before else recorded
            entries[payload.uid] = Published(payload, created, recorded)
        position, newest = record.position, record.recorded
    return LogState(documents, entries, position, newest, packed, spots)


def observations_of(state: LogState, document: str) -> tuple[Observation, ...]:
    """What the article says, decoded from `packed` if the snapshot kept it so."""
    blob = state.packed.get(document)
    if blob is not None:
        observations: tuple[Observation, ...] = pickle.loads(blob)  # packed by `pack`
        return observations
    known = state.documents.get(document)
    return known.observations if known is not None else ()


def pack(state: LogState) -> LogState:
    """The state with every article's observations packed, as the snapshot keeps it:
    decoding tens of thousands of observations costs seconds, and a nightly build needs
    those of a few buckets."""
    documents, packed = dict(state.documents), dict(state.packed)
    for name, known in state.documents.items():
        if name not in packed:
            packed[name] = pickle.dumps(known.observations, protocol=pickle.HIGHEST_PROTOCOL)
            documents[name] = attrs.evolve(known, observations=())
    return attrs.evolve(state, documents=documents, packed=packed)


def bucket_of(obs: Observation) -> Bucket:
    return obs.type, frozenset(obs.names)


def span_of(date: DateValue | None) -> Span:
    return (date.earliest, date.latest) if date else None


def spot_of(obs: Observation) -> Spot:
    return bucket_of(obs), span_of(obs.date)


def entry_bucket(published: Published) -> Bucket:
    content = published.revision.content  # its participants: the names of its members
    return content.type, frozenset(content.participants)


def timeline(state: LogState) -> Timeline:
    """The ordered timeline the published revisions describe."""
    entries = []
    for uid, published in state.entries.items():
        revision = published.revision
        if revision.cancelled and not _retained(published, state.newest):
            continue
        c = revision.content
        entries.append(Entry(uid=uid, type=c.type, title=c.title, date=c.date,
                             participants=c.participants, place=c.place, status=c.status,
                             sources=c.sources, sequence=revision.sequence,
                             created=published.created, modified=published.modified,
                             cancelled=revision.cancelled))
    entries.sort(key=order_key)
    return Timeline(tuple(entries), documents=len(state.documents), position=state.position)


def _retained(published: Published, newest: dt.datetime | None) -> bool:
    return newest is not None and newest - published.modified <= CANCELLED_RETENTION


def order_key(entry: Entry) -> tuple[int, dt.date, int, str, str]:
    """Earliest possible day first; in a tie the vaguer date first; undated entries last."""
    if entry.date is None:
        return 1, dt.date.min, 0, entry.title, entry.uid
    return 0, entry.date.earliest, -entry.date.precision.rank, entry.title, entry.uid
