"""Projections: merging observations into entries, stable identity, and ordering."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from timeline import projections, revisions, scope
from timeline.eventlog import DocumentExtracted, DocumentWithdrawn, Record
from timeline.model import DateValue, Observation, Participant, Precision, Source
from timeline.projections import replay, timeline
from timeline.revisions import cluster, reconcile

T0 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def visit(document: str, start: int, date: DateValue | None, status: str = "held",
          visitor: str = "Sadyr Japarov", rule: str = "visit.arrived") -> Observation:
    return Observation(
        type="visit", source=Source(document, start, start + 20, rule),
        title=f"Visit: {visitor} to Kazakhstan",
        participants=(Participant(visitor, "visitor"), Participant("Kazakhstan", "host")),
        date=date, date_basis="explicit", place="Astana", status=status, sentence="...")


def extracted(document: str, *observations: Observation) -> DocumentExtracted:
    return DocumentExtracted(document, document * 4, 1, 1, "r", None, "none", observations)


class Log:
    """A list of records standing in for the store: the projections only fold records."""

    def __init__(self) -> None:
        self.records: list[Record] = []

    def append(self, *payloads: object, days: int = 0) -> None:
        for payload in payloads:
            self.records.append(Record(len(self.records) + 1, T0 + dt.timedelta(days=days),
                                       payload))  # type: ignore[arg-type]

    def publish(self, days: int = 0) -> None:
        self.append(*reconcile(replay(self.records)), days=days)

    def entries(self):  # type: ignore[no-untyped-def]
        return timeline(replay(self.records)).entries


APRIL = DateValue.month(2024, 4)
APRIL_19 = DateValue.day(dt.date(2024, 4, 19))


def test_reports_of_one_event_merge_and_cite_every_source() -> None:
    """The same visit in two articles (and twice in one) is one entry citing all spans."""
    groups = cluster([visit("a.txt", 0, APRIL_19), visit("a.txt", 900, APRIL_19),
                      visit("b.txt", 50, APRIL)])
    assert [len(g) for g in groups] == [3]
    assert groups[0][0].date == APRIL_19  # the most precise report leads


def test_a_month_report_does_not_chain_two_days() -> None:
    """'In April' may be either of two April visits, but cannot join them into one."""
    groups = cluster([visit("a.txt", 0, APRIL_19),
                      visit("b.txt", 0, DateValue.day(dt.date(2024, 4, 2))),
                      visit("c.txt", 0, APRIL)])
    assert sorted(len(g) for g in groups) == [1, 2]


def test_different_events_stay_apart() -> None:
    """Other participants or disjoint dates make other entries."""
    groups = cluster([visit("a.txt", 0, APRIL_19), visit("a.txt", 50, APRIL_19, visitor="X"),
                      visit("b.txt", 0, DateValue.day(dt.date(2024, 5, 19)))])
    assert len(groups) == 3


def test_uid_survives_refinement_then_cancellation() -> None:
    """Announced (month, planned) -> held on a day -> withdrawn: one UID, rising SEQUENCE."""
    log = Log()
    log.append(extracted("announce.txt", visit("announce.txt", 5, APRIL, status="planned")))
    log.publish()
    (first,) = log.entries()
    log.append(extracted("report.txt", visit("report.txt", 7, APRIL_19)), days=20)
    log.publish(days=20)
    (second,) = log.entries()
    log.append(DocumentWithdrawn("announce.txt"), DocumentWithdrawn("report.txt"), days=30)
    log.publish(days=30)
    (third,) = log.entries()
    assert first.uid == second.uid == third.uid
    assert first.sequence < second.sequence < third.sequence
    assert (first.status, first.date, first.cancelled) == ("planned", APRIL, False)
    assert (second.status, second.date, second.cancelled) == ("held", APRIL_19, False)
    assert third.cancelled
    assert second.created == first.created == T0
    assert second.modified == T0 + dt.timedelta(days=20)


def test_a_renamed_rule_keeps_each_entry_by_what_it_states() -> None:
    """Observations of a renamed rule share no member with the entries they stated
    before: each group takes the entry of its type, participants and date, the two
    visits of one visitor each their own, the other visitor's untouched."""
    may = DateValue.day(dt.date(2024, 5, 20))
    log = Log()
    log.append(extracted("a.txt", visit("a.txt", 0, APRIL_19)),
               extracted("b.txt", visit("b.txt", 0, may)),
               extracted("c.txt", visit("c.txt", 0, may, visitor="Shavkat Mirziyoyev")))
    log.publish()
    before = {(e.participants, e.date): e for e in log.entries()}
    log.append(extracted("a.txt", visit("a.txt", 0, APRIL_19, rule="visit.arrival")),
               extracted("b.txt", visit("b.txt", 0, may, rule="visit.arrival")), days=1)
    log.publish(days=1)
    after = {(e.participants, e.date): e for e in log.entries()}
    assert after.keys() == before.keys() and len(after) == 3
    for key, entry in after.items():
        renamed = "Shavkat Mirziyoyev" not in key[0]
        assert entry.uid == before[key].uid and not entry.cancelled
        assert entry.sequence == before[key].sequence + renamed
        assert [s.rule for s in entry.sources] == ["visit.arrival" if renamed else "visit.arrived"]


def test_nothing_changed_means_no_revision() -> None:
    """Reconciling twice over the same articles appends nothing the second time."""
    log = Log()
    log.append(extracted("a.txt", visit("a.txt", 0, APRIL_19)))
    log.publish()
    assert reconcile(replay(log.records)) == ()


def test_cancelled_entries_leave_the_feed_after_retention() -> None:
    """A cancellation is published for 30 days of log time, then the entry is gone."""
    log = Log()
    log.append(extracted("a.txt", visit("a.txt", 0, APRIL_19)))
    log.publish()
    log.append(DocumentWithdrawn("a.txt"), days=1)
    log.publish(days=1)
    assert [e.cancelled for e in log.entries()] == [True]
    log.append(extracted("b.txt", visit("b.txt", 0, DateValue.day(dt.date(2025, 1, 1)))),
               days=40)
    log.publish(days=40)
    assert [e.cancelled for e in log.entries()] == [False]


def test_a_fresh_log_mints_the_same_uids() -> None:
    """UIDs derive from the entry's first source, so two fresh stores agree."""
    def build() -> list[str]:
        log = Log()
        log.append(extracted("a.txt", visit("a.txt", 0, APRIL_19), visit("a.txt", 40, APRIL,
                                                                          visitor="X")))
        log.publish()
        return [e.uid for e in log.entries()]
    assert build() == build()


def test_order_is_earliest_day_then_vaguer_first_then_undated() -> None:
    """April (day unknown) precedes 1 April; undated entries come last."""
    log = Log()
    log.append(extracted("a.txt", visit("a.txt", 0, None, visitor="U"),
                         visit("a.txt", 30, DateValue.day(dt.date(2024, 4, 1)), visitor="D"),
                         visit("a.txt", 60, APRIL, visitor="M"),
                         visit("a.txt", 90, DateValue.year(2023), visitor="Y")))
    log.publish()
    assert [e.participants[0] for e in log.entries()] == ["Y", "M", "D", "U"]


def test_one_span_stating_several_events_keeps_them_apart() -> None:
    """A list of six senders in one sentence is six entries, stable from build to build."""
    log = Log()
    log.append(extracted("a.txt", visit("a.txt", 0, APRIL_19, visitor="X"),
                         visit("a.txt", 0, APRIL_19, visitor="Y")))
    log.publish()
    assert len(log.entries()) == 2
    assert reconcile(replay(log.records)) == ()


def _compatible(a: Observation, b: Observation) -> bool:
    return (a.type == b.type and set(a.names) == set(b.names)
            and (not a.place or not b.place or a.place == b.place)
            and (a.date is None) == (b.date is None)
            and (a.date is None or b.date is None
                 or (a.date.earliest <= b.date.latest and b.date.earliest <= a.date.latest)))


def _first_admitting(observations: list[Observation]) -> list[tuple[Observation, ...]]:
    """Clustering as specified, group by group: each observation, most precise first,
    joins the first group of its type and participants compatible with every member."""
    groups: list[list[Observation]] = []
    for obs in sorted(observations, key=lambda o: (o.date.precision.rank if o.date else 99,
                                                   o.date.earliest.isoformat() if o.date else "",
                                                   f"{o.source.document}|{o.source.start}")):
        home = next((g for g in groups if all(_compatible(m, obs) for m in g)), None)
        if home is None:
            groups.append([obs])
        else:
            home.append(obs)
    return [tuple(g) for g in groups]


def test_indexed_clustering_groups_as_the_first_admitting_group_would() -> None:
    """Issue 14: groups are found by day, not by trying each; the groups are the same."""
    import random

    pick = random.Random(14)
    base = dt.date(2024, 4, 1)
    observations = []
    for i in range(600):
        day = base + dt.timedelta(days=pick.randrange(40))
        date = pick.choice([DateValue.day(day), DateValue.day(day), DateValue.month(
            day.year, day.month), DateValue.year(day.year), DateValue(
            day, day + dt.timedelta(days=6), Precision.WEEK), None])
        obs = visit(f"a{i % 50}.txt", i * 30, date, visitor=pick.choice(["A B", "C D"]))
        observations.append(attrs.evolve(obs, place=pick.choice(["Astana", None, "Almaty"])))
    expected = sorted(_first_admitting(observations), key=lambda g: g[0].source.start)
    assert sorted(cluster(observations), key=lambda g: g[0].source.start) == expected


def test_a_packed_state_folds_and_reconciles_as_the_unpacked_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 14: the snapshot's state, its observations packed, folds the records that
    follow it into a state whose revisions are those of the whole log replayed, and a
    build decodes only the articles of the scope it reconciles."""
    import random

    pick = random.Random(43)
    log, before = Log(), projections.pack(replay(()))
    decoded: list[str] = []
    unpack = projections.observations_of
    monkeypatch.setattr(revisions, "observations_of", lambda state, name: (
        decoded.append(name) if name in state.packed else None) or unpack(state, name))
    for step in range(60):
        name = f"a{pick.randrange(12)}.txt"
        if pick.random() < 0.2:
            log.append(DocumentWithdrawn(name), days=step)
        else:
            reports = [visit(name, 40 * i, APRIL if i else None, visitor=pick.choice("ABCDEF"))
                       for i in range(pick.randrange(3))]
            log.append(extracted(name, *reports), days=step)
        state = replay([r for r in log.records if r.position > before.position], before)
        region = scope.scope(state, scope.touched(before, state))
        decoded.clear()
        revised = reconcile(state, region)
        assert set(decoded) <= set(region.documents)
        assert revised == reconcile(replay(log.records))
        log.append(*revised, days=step)
        before = projections.pack(replay(log.records[len(log.records) - len(revised):],
                                          state))
    assert timeline(before) == timeline(replay(log.records))

