"""Projections of the event log: pure folds over its records.

`replay` folds the records into a LogState: what each current article says, and the
latest published revision of every timeline entry. `reconcile` compares the entries the
current observations call for with the published ones and returns the revisions to
append (new, changed, cancelled, reinstated), keeping each entry's UID for its life.
`timeline` turns a LogState into the ordered Timeline the emitters render.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle  # `pack`: the snapshot's own packing of observations, trusted as it is
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import attrs

from timeline.eventlog import (
    DocumentExtracted,
    DocumentTouched,
    DocumentWithdrawn,
    EntryContent,
    EntryRevised,
    Record,
)
from timeline.model import HELD, Citation, DateValue, Entry, Observation, Timeline

# A cancelled entry stays in the feed this long after its cancellation, measured against
# the newest record of the log (never the clock), so calendars that re-import the feed
# see the cancellation before the entry disappears.
CANCELLED_RETENTION = dt.timedelta(days=30)


@attrs.frozen
class Published:
    """The latest revision of an entry, with the moments of its first and latest revisions."""

    revision: EntryRevised
    created: dt.datetime
    modified: dt.datetime


# Observations of one type and one set of participants; only these can merge, so an
# entry's members, and the entry itself, lie in one bucket.
Bucket = tuple[str, frozenset[str]]


@attrs.frozen
class LogState:
    """What each current article says (`documents`), the latest published revision of
    each entry, and the log position and time they were folded up to.

    The observations of an article the snapshot kept packed (`pack`) are in `packed`,
    pickled, and its DocumentExtracted holds none: a build decodes only the articles
    whose buckets it reconciles, found by `buckets` (each article's buckets)."""

    documents: dict[str, DocumentExtracted]
    entries: dict[str, Published]
    position: int
    newest: dt.datetime | None
    packed: dict[str, bytes] = attrs.Factory(dict)
    buckets: dict[str, frozenset[Bucket]] = attrs.Factory(dict)


def replay(records: Iterable[Record], start: LogState | None = None) -> LogState:
    """Fold the log, oldest record first, into the state it describes.

    With `start`, fold only the records that follow it: a build that appended a few
    records need not decode the whole log again.
    """
    start = start or LogState({}, {}, 0, None)
    documents, entries = dict(start.documents), dict(start.entries)
    packed, buckets = dict(start.packed), dict(start.buckets)
    position, newest = start.position, start.newest
    shared: dict[Bucket, Bucket] = {}  # one object per bucket: a smaller, faster snapshot
    for record in records:
        payload = record.payload
        if isinstance(payload, DocumentExtracted):
            documents[payload.document] = payload
            packed.pop(payload.document, None)
            buckets[payload.document] = frozenset(
                shared.setdefault(b, b) for b in map(bucket_of, payload.observations))
        elif isinstance(payload, DocumentTouched) and payload.document in documents:
            documents[payload.document] = attrs.evolve(
                documents[payload.document], size=payload.size, mtime_ns=payload.mtime_ns)
        elif isinstance(payload, DocumentWithdrawn):
            for table in (documents, packed, buckets):
                table.pop(payload.document, None)
        elif isinstance(payload, EntryRevised):
            before = entries.get(payload.uid)
            created = before.created if before else record.recorded
            entries[payload.uid] = Published(payload, created, record.recorded)
        position, newest = record.position, record.recorded
    return LogState(documents, entries, position, newest, packed, buckets)


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


def observation_key(obs: Observation) -> str:
    """Names one observation; one span may state several events (a list of senders)."""
    s = obs.source
    return f"{obs.type}|{s.document}|{s.start}|{s.end}|{s.rule}|{';'.join(obs.names)}"


def _precision_order(obs: Observation) -> tuple[int, str, str]:
    rank = obs.date.precision.rank if obs.date else 99
    day = obs.date.earliest.isoformat() if obs.date else ""
    return rank, day, observation_key(obs)


def bucket_of(obs: Observation) -> Bucket:
    return obs.type, frozenset(obs.names)


def _entry_bucket(published: Published) -> Bucket:
    content = published.revision.content  # its participants: the names of its members
    return content.type, frozenset(content.participants)


def touched(before: LogState, after: LogState) -> set[Bucket]:
    """The buckets where `after` may call for revisions, `before` being reconciled: those
    of the observations of every article that changed, and of every entry revised."""
    changed: set[Bucket] = set()
    for name in before.documents.keys() | after.documents.keys():
        if not _same_observations(before, after, name):
            changed.update(before.buckets.get(name, ()), after.buckets.get(name, ()))
    changed.update(_entry_bucket(p) for uid, p in after.entries.items()
                   if before.entries.get(uid) != p)
    return changed


def _same_observations(before: LogState, after: LogState, document: str) -> bool:
    old, new = before.documents.get(document), after.documents.get(document)
    if old is None or new is None:
        return old is new
    if old is new:
        return True
    old_blob, new_blob = before.packed.get(document), after.packed.get(document)
    if old_blob is not None and new_blob is not None:
        return old_blob == new_blob
    return observations_of(before, document) == observations_of(after, document)


def cluster(observations: Iterable[Observation]) -> list[tuple[Observation, ...]]:
    """Group observations of one event; the most precisely dated observation leads.

    Greedy, most precise first, and an observation joins a group only when it is
    compatible with every member, so a month-precision report cannot chain two distinct
    days of the same month into one entry. Only observations of one type and one set of
    participants can be compatible, so each such bucket is grouped on its own: it joins
    the first group of its bucket (in the order groups were made) that admits it.
    """
    buckets: dict[Bucket, _Bucket] = {}
    for obs in sorted(observations, key=_precision_order):
        buckets.setdefault(bucket_of(obs), _Bucket()).place(obs)
    return [tuple(group.members) for bucket in buckets.values() for group in bucket.groups]


class _Bucket:
    """The groups of one type and one set of participants, indexed so that finding the
    first that admits an observation does not try every group: a group led by a day
    keeps that day as its span whatever joins it, so such groups are found by day."""

    def __init__(self) -> None:
        self.groups: list[_Group] = []
        self.by_day: dict[dt.date, list[int]] = {}  # day -> indices of groups of that day
        self.others: list[int] = []  # groups whose span is not one day, or undated

    def place(self, obs: Observation) -> None:
        found = min((i for i in self._candidates(obs) if self.groups[i].admits(obs)),
                    default=None)
        if found is not None:
            self.groups[found].add(obs)
            return
        group = _Group(obs)
        self.groups.append(group)
        if group.span is not None and group.span[0] == group.span[1]:
            self.by_day.setdefault(group.span[0], []).append(len(self.groups) - 1)
        else:
            self.others.append(len(self.groups) - 1)

    def _candidates(self, obs: Observation) -> Iterator[int]:
        yield from self.others
        if obs.date is None:
            return
        days = (obs.date.latest - obs.date.earliest).days + 1
        if days > len(self.by_day):  # a long span over few days: look at those days
            yield from (i for day, found in self.by_day.items()
                        if obs.date.earliest <= day <= obs.date.latest for i in found)
            return
        for offset in range(days):
            yield from self.by_day.get(obs.date.earliest + dt.timedelta(days=offset), ())


class _Group:
    """A group being clustered, with what every member shares: compatible with all its
    members is compatible with these (intervals that meet pairwise share a common span,
    and members' places agree), so a candidate is checked once, not once a member."""

    def __init__(self, first: Observation) -> None:
        self.members = [first]
        self.place = first.place
        self.span = (first.date.earliest, first.date.latest) if first.date else None

    def admits(self, obs: Observation) -> bool:
        if obs.place and self.place and obs.place != self.place:
            return False
        if obs.date is None or self.span is None:
            return obs.date is None and self.span is None
        return obs.date.earliest <= self.span[1] and self.span[0] <= obs.date.latest

    def add(self, obs: Observation) -> None:
        self.members.append(obs)
        self.place = self.place or obs.place
        if obs.date is not None and self.span is not None:
            self.span = (max(self.span[0], obs.date.earliest), min(self.span[1], obs.date.latest))


def entry_content(group: Sequence[Observation]) -> EntryContent:
    """What one group of observations says, led by its most precisely dated member."""
    lead = group[0]
    names = list(lead.names)
    for obs in group[1:]:
        names += [n for n in obs.names if n not in names]
    sources = sorted({Citation(o.source.document, o.source.start, o.source.end, o.source.rule,
                               o.sentence) for o in group},
                     key=lambda c: (c.document, c.start, c.end, c.rule))
    return EntryContent(
        type=lead.type,
        title=lead.title,
        date=lead.date,
        participants=tuple(names),
        place=lead.place or next((o.place for o in group if o.place), None),
        status=HELD if any(o.status == HELD for o in group) else lead.status,
        sources=tuple(sources),
    )


def reconcile(state: LogState, only: set[Bucket] | None = None) -> tuple[EntryRevised, ...]:
    """The revisions that bring the published entries in line with the current articles.

    With `only` (from `touched`), just those buckets are clustered and matched: an entry
    matches only groups of its own bucket, so the others, already reconciled, would give
    no revision. A new UID is still checked against every entry.
    """
    documents: Iterable[str] = state.documents
    observations: Iterable[Observation]
    entries = state.entries
    if only is None:
        observations = (o for name in documents for o in observations_of(state, name))
    else:
        documents = [name for name, kinds in state.buckets.items() if not kinds.isdisjoint(only)]
        observations = (o for name in documents for o in observations_of(state, name)
                        if bucket_of(o) in only)
        entries = {uid: p for uid, p in entries.items() if _entry_bucket(p) in only}
    owner = {key: uid for uid, p in entries.items() for key in p.revision.members}
    claimed: dict[str, tuple[Observation, ...]] = {}
    unmatched = []
    for group in sorted(cluster(observations), key=lambda g: observation_key(_anchor(g))):
        uid = _match_by_members(group, owner, entries, claimed)
        if uid is None:
            unmatched.append(group)
        else:
            claimed[uid] = group
    for group in unmatched:
        uid = _match_by_content(group, entries, claimed) or _mint(group, state, claimed)
        claimed[uid] = group

    revisions = [_revise(uid, group, entries.get(uid)) for uid, group in claimed.items()]
    for uid, published in entries.items():
        if uid not in claimed and not published.revision.cancelled:
            old = published.revision
            revisions.append(attrs.evolve(old, sequence=old.sequence + 1, cancelled=True))
    return tuple(sorted((r for r in revisions if r is not None), key=lambda r: r.uid))


def _anchor(group: Sequence[Observation]) -> Observation:
    """The member that names a new entry: the first source in document order."""
    return min(group, key=lambda o: (o.source.document, o.source.start, observation_key(o)))


def _match_by_members(group: Sequence[Observation], owner: dict[str, str],
                      entries: dict[str, Published],
                      claimed: dict[str, tuple[Observation, ...]]) -> str | None:
    """The unclaimed entry sharing most observations with the group.

    Ties go to a live entry before a cancelled one, then to the smaller UID.
    """
    shared = Counter(owner[k] for o in group if (k := observation_key(o)) in owner)
    candidates = [(-n, entries[uid].revision.cancelled, uid)
                  for uid, n in shared.items() if uid not in claimed]
    return min(candidates)[2] if candidates else None


def _match_by_content(group: Sequence[Observation], entries: dict[str, Published],
                      claimed: dict[str, tuple[Observation, ...]]) -> str | None:
    """An unclaimed entry that states the same event (its article was edited, say)."""
    content = entry_content(group)
    for uid in sorted(entries):
        old = entries[uid].revision.content
        if uid in claimed or old.type != content.type:
            continue
        if set(old.participants) == set(content.participants) and _dates_meet(old.date,
                                                                             content.date):
            return uid
    return None


def _dates_meet(a: DateValue | None, b: DateValue | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.overlaps(b)


def _mint(group: Sequence[Observation], state: LogState,
          claimed: dict[str, tuple[Observation, ...]]) -> str:
    """A new UID, derived from the group's anchor so that a fresh store mints the same one."""
    seed = observation_key(_anchor(group))
    for attempt in range(1000):
        text = seed if attempt == 0 else f"{seed}#{attempt}"
        uid = hashlib.sha256(text.encode()).hexdigest()[:20] + "@timeline"
        if uid not in state.entries and uid not in claimed:
            return uid
    raise AssertionError("no free UID after 1000 attempts")


def _revise(uid: str, group: Sequence[Observation], published: Published | None
            ) -> EntryRevised | None:
    """The revision publishing `group` under `uid`, or None when nothing changed."""
    members = tuple(sorted(observation_key(o) for o in group))
    content = entry_content(group)
    if published is None:
        return EntryRevised(uid, 0, members, content)
    old = published.revision
    if not old.cancelled and old.content == content and old.members == members:
        return None
    return EntryRevised(uid, old.sequence + 1, members, content)


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


def order_key(entry: Entry) -> tuple[int, str, int, str, str]:
    """Earliest possible day first; in a tie the vaguer date first; undated entries last."""
    if entry.date is None:
        return 1, "", 0, entry.title, entry.uid
    return 0, entry.date.earliest.isoformat(), -entry.date.precision.rank, entry.title, entry.uid
