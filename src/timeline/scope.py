"""Which observations and entries a reconcile must look at after a change.

Only observations of one bucket (type and participants) whose days meet can merge, so
the observations of a bucket fall apart into components: their spans merged where they
overlap, one after another (the undated ones are one more). Clustering a component on
its own gives the groups that clustering its whole bucket gives there. A build that adds
one article to a bucket of ten thousand reconciles the components that article and
the entries concerned touch, not the bucket.

The entries matched must be those the groups of the components chosen could claim, and
those groups the only ones that could claim them: an entry is chosen with the
components its date meets (where a group could state the same event) and those holding
observations of the articles it cites (where its members are, or were); a component,
with the entries whose date meets it or that cite its articles; and so on until
nothing is added. Choosing more than needed is safe; choosing less is not. The rules
overlap (an entry's members mostly meet its date), and both are kept: where two entries
hold one member, which owns it depends on the state's order, not on dates.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

import attrs

from timeline.model import Observation
from timeline.projections import (
    Bucket,
    LogState,
    Published,
    Span,
    entry_bucket,
    observations_of,
    span_of,
    spot_of,
)

_T = TypeVar("_T")
UNDATED = -1  # the component of a bucket's undated observations


@attrs.frozen
class Change:
    """What changed since a reconciled state: the articles whose observations differ,
    the entries revised since, and the buckets of either."""

    documents: frozenset[str]
    entries: frozenset[str]
    buckets: frozenset[Bucket]


def touched(before: LogState, after: LogState) -> Change:
    """What changed from `before`, a reconciled state, to `after`."""
    documents: set[str] = set()
    buckets: set[Bucket] = set()
    for name in before.documents.keys() | after.documents.keys():
        if not _same_observations(before, after, name):
            documents.add(name)
            for state in (before, after):
                buckets.update(bucket for bucket, _ in state.spots.get(name, ()))
    # An entry not revised since is the very object it was: compared by identity first
    # (a deep comparison of 20,000 entries costs a one-article build 50 ms).
    entries = {uid for uid, p in after.entries.items()
               if (old := before.entries.get(uid)) is not p and old != p}
    buckets.update(entry_bucket(after.entries[uid]) for uid in entries)
    return Change(frozenset(documents), frozenset(entries), frozenset(buckets))


def _same_observations(before: LogState, after: LogState, document: str) -> bool:
    old, new = before.documents.get(document), after.documents.get(document)
    if old is new:  # the very record, as most are
        return True
    if old is None or new is None:
        return False
    old_blob, new_blob = before.packed.get(document), after.packed.get(document)
    if old_blob is not None and new_blob is not None:
        return old_blob == new_blob
    return observations_of(before, document) == observations_of(after, document)


class Components:
    """The components of one bucket's observations, numbered in date order."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.starts: list[dt.date] = []
        self.ends: list[dt.date] = []
        for first, last in sorted(s for s in spans if s is not None):
            if self.ends and first <= self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], last)
            else:
                self.starts.append(first)
                self.ends.append(last)

    def holding(self, span: Span) -> int:
        """The component of an observation of this bucket."""
        return UNDATED if span is None else bisect.bisect_right(self.starts, span[0]) - 1

    def meeting(self, span: Span) -> range:
        """The components with an observation whose days meet `span` (an entry's date)."""
        if span is None:
            return range(UNDATED, UNDATED + 1)
        return range(bisect.bisect_left(self.ends, span[0]),
                     bisect.bisect_right(self.starts, span[1]))


@attrs.frozen
class Scope:
    """The articles to decode, the components of their observations to reconcile, and
    the entries to match."""

    documents: tuple[str, ...]
    parts: dict[Bucket, tuple[Components, frozenset[int]]]
    entries: dict[str, Published]

    def holds(self, obs: Observation) -> bool:
        bucket, span = spot_of(obs)
        part = self.parts.get(bucket)
        return part is not None and part[0].holding(span) in part[1]


def scope(state: LogState, change: Change) -> Scope:
    """What reconciling `state` after `change` must look at (see the module's note)."""
    spots: dict[Bucket, list[tuple[str, Span]]] = defaultdict(list)
    for name, found in state.spots.items():
        for bucket, span in found:
            if bucket in change.buckets:
                spots[bucket].append((name, span))
    entries: dict[Bucket, list[str]] = defaultdict(list)
    types = {kind for kind, _ in change.buckets}
    names = {name for _, named in change.buckets for name in named}
    for uid, published in state.entries.items():
        # Most entries lie in no bucket of the change: their type or first name tells,
        # before their bucket (a set of names) is made.
        content = published.revision.content
        if content.type not in types or (content.participants
                                         and content.participants[0] not in names):
            continue
        if (bucket := entry_bucket(published)) in change.buckets:
            entries[bucket].append(uid)
    documents: set[str] = set()
    parts, chosen = {}, set()
    for bucket in change.buckets:
        graph = _Graph(state, spots[bucket], entries[bucket])
        seeds = set(_common(change.entries, graph.meets)) | {
            u for name in _common(change.documents, graph.citing) for u in graph.citing[name]}
        starts = {c for name in _common(change.documents, graph.holding)
                  for c in graph.holding[name]}
        components, uids = graph.closure(starts, seeds)
        parts[bucket] = (graph.components, frozenset(components))
        documents.update(name for c in components for name in graph.documents.get(c, ()))
        chosen |= uids
    # In the state's order: where two entries hold one member, the later owns it.
    return Scope(tuple(sorted(documents)), parts,
                 {uid: p for uid, p in state.entries.items() if uid in chosen})


def _common(keys: frozenset[str], found: dict[str, set[_T]]) -> Iterable[str]:
    """The keys of `found` among `keys`, looked up from the smaller side: a cold build
    changes every article, and each of its hundreds of buckets holds a few."""
    if len(keys) <= len(found):
        return (k for k in keys if k in found)
    return (k for k in found if k in keys)


class _Graph:
    """One bucket's components and entries, and which of them reach which."""

    def __init__(self, state: LogState, spots: list[tuple[str, Span]],
                 uids: list[str]) -> None:
        self.components = Components(span for _, span in spots)
        self.documents: dict[int, set[str]] = defaultdict(set)  # component -> articles
        self.holding: dict[str, set[int]] = defaultdict(set)  # article -> components
        for name, span in spots:
            component = self.components.holding(span)
            self.documents[component].add(name)
            self.holding[name].add(component)
        self.meets: dict[str, set[int]] = {}  # entry -> the components its date meets
        self.cites: dict[str, set[str]] = {}  # entry -> the articles it cites
        self.citing: dict[str, set[str]] = defaultdict(set)  # article -> entries citing it
        self.dated: dict[int, set[str]] = defaultdict(set)  # component -> entries meeting it
        for uid in uids:
            content = state.entries[uid].revision.content
            self.meets[uid] = set(self.components.meeting(span_of(content.date)))
            self.cites[uid] = {source.document for source in content.sources}
            for component in self.meets[uid]:
                self.dated[component].add(uid)
            for name in self.cites[uid]:
                self.citing[name].add(uid)

    def closure(self, components: set[int], uids: set[str]) -> tuple[set[int], set[str]]:
        """The components and entries reached from these, and from those reached."""
        seen_components: set[int] = set()
        seen_uids: set[str] = set()
        while components or uids:
            seen_components |= components
            seen_uids |= uids
            reached = {u for c in components for u in self._entries_of(c)}
            found = {c for u in uids for c in self._components_of(u)}
            components, uids = found - seen_components, reached - seen_uids
        return seen_components, seen_uids

    def _entries_of(self, component: int) -> set[str]:
        """The entries whose date meets the component or that cite one of its articles."""
        return self.dated.get(component, set()) | {
            u for name in self.documents.get(component, ()) for u in self.citing.get(name, ())}

    def _components_of(self, uid: str) -> set[int]:
        """The components the entry's date meets and those of the articles it cites."""
        return self.meets[uid] | {
            c for name in self.cites[uid] for c in self.holding.get(name, ())}
