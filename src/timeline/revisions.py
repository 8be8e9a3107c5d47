"""Reconciling: the revisions that bring the published entries in line with what the
current articles say (new, changed, cancelled, reinstated), keeping each entry's UID for
its life. Observations of one event are clustered into groups, and each group is matched
to the entry that published it, by shared members first, then by content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

import attrs

from timeline.eventlog import EntryContent, EntryRevised
from timeline.model import HELD, Citation, DateValue, Observation
from timeline.projections import Bucket, LogState, Published, bucket_of, observations_of
from timeline.scope import Scope


def observation_key(obs: Observation) -> str:
    """Names one observation; one span may state several events (a list of senders)."""
    s = obs.source
    return f"{obs.type}|{s.document}|{s.start}|{s.end}|{s.rule}|{';'.join(obs.names)}"


def _precision_order(obs: Observation) -> tuple[int, str, str]:
    rank = obs.date.precision.rank if obs.date else 99
    day = obs.date.earliest.isoformat() if obs.date else ""
    return rank, day, observation_key(obs)




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


def reconcile(state: LogState, scope: Scope | None = None) -> tuple[EntryRevised, ...]:
    """The revisions that bring the published entries in line with the current articles.

    With `scope` (from `scope.scope`), just its observations are clustered and its
    entries matched: they are the only ones that can revise one another. A new UID is
    still checked against every entry.
    """
    observations: Iterable[Observation]
    entries = state.entries
    if scope is None:
        observations = (o for name in state.documents for o in observations_of(state, name))
    else:
        observations = (o for name in scope.documents for o in observations_of(state, name)
                        if scope.holds(o))
        entries = scope.entries
    owner = {key: uid for uid, p in entries.items() for key in p.revision.members}
    claimed: dict[str, tuple[Observation, ...]] = {}
    unmatched = []
    for group in sorted(cluster(observations), key=lambda g: observation_key(_anchor(g))):
        uid = _match_by_members(group, owner, entries, claimed)
        if uid is None:
            unmatched.append(group)
        else:
            claimed[uid] = group
    stating = _by_statement(entries) if unmatched else {}
    for group in unmatched:
        uid = _match_by_content(group, entries, stating, claimed) or _mint(group, state, claimed)
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


Statement = tuple[str, frozenset[str]]  # an entry's type and participants


def _by_statement(entries: dict[str, Published]) -> dict[Statement, list[str]]:
    """The entries' UIDs, in order, by type and participants: sorted and grouped once a
    reconcile, not once a group (a renamed rule leaves thousands unmatched by members,
    and a sort of 20,000 UIDs costs 2.5 ms)."""
    stating: dict[Statement, list[str]] = {}
    for uid in sorted(entries):
        old = entries[uid].revision.content
        stating.setdefault((old.type, frozenset(old.participants)), []).append(uid)
    return stating


def _match_by_content(group: Sequence[Observation], entries: dict[str, Published],
                      stating: dict[Statement, list[str]],
                      claimed: dict[str, tuple[Observation, ...]]) -> str | None:
    """The first unclaimed entry, by UID, that states the same event (its article was
    edited, or the rule that read it renamed)."""
    content = entry_content(group)
    for uid in stating.get((content.type, frozenset(content.participants)), ()):
        if uid not in claimed and _dates_meet(entries[uid].revision.content.date,
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


