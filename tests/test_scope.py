"""Issue 14: a build reconciles the components of a bucket that a change touches, and the
revisions are those of reconciling everything."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from test_projections import Log, extracted, visit
from timeline import projections, revisions, scope
from timeline.eventlog import DocumentWithdrawn
from timeline.model import DateValue, Precision
from timeline.projections import replay
from timeline.revisions import reconcile

START = dt.date(2024, 3, 1)


def some_date(pick: random.Random) -> DateValue | None:
    """Days, weeks, months and a year of one spring, or none: spans that meet in chains
    and spans that stand apart."""
    day = START + dt.timedelta(days=pick.randrange(90))
    return pick.choice([
        DateValue.day(day), DateValue.day(day), DateValue.day(day),
        DateValue(day, day + dt.timedelta(days=6), Precision.WEEK),
        DateValue.month(day.year, day.month), DateValue.year(2024), None])


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_reconciling_the_scope_of_a_change_revises_as_reconciling_all(seed: int) -> None:
    """Random nights: articles added, edited (the same spans with other dates) and
    withdrawn, in two buckets; after each, the scope of what changed since the last
    reconciled state (or since nothing) gives exactly the revisions of the whole state."""
    pick = random.Random(seed)
    log, before = Log(), replay(())
    for step in range(120):
        name = f"a{pick.randrange(25)}.txt"
        if pick.random() < 0.15:
            log.append(DocumentWithdrawn(name), days=step)
        else:
            reports = [visit(name, 40 * i, some_date(pick), visitor=pick.choice("AB"))
                       for i in range(pick.randrange(4))]
            log.append(extracted(name, *reports), days=step)
        state = replay(log.records)
        region = scope.scope(state, scope.touched(before, state))
        revised = reconcile(state, region)
        assert revised == reconcile(state), step
        log.append(*revised, days=step)
        before = replay(log.records) if pick.random() < 0.8 else replay(())


def test_a_new_report_decodes_only_the_articles_its_days_meet(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """One bucket, visits on days a week apart, each reported by three articles: a new
    report of one day decodes that day's articles alone; a report of the whole month
    meets every day and decodes them all."""
    log = Log()
    for week in range(4):
        day = DateValue.day(START + dt.timedelta(days=7 * week))
        for copy in range(3):
            log.append(extracted(f"w{week}-{copy}.txt", visit(f"w{week}-{copy}.txt", 0, day)))
    log.publish()
    before = projections.pack(replay(log.records))
    decoded: list[str] = []
    unpack = projections.observations_of
    monkeypatch.setattr(revisions, "observations_of", lambda state, name: (
        decoded.append(name), unpack(state, name))[1])

    def decoded_after(date: DateValue) -> set[str]:
        extra = Log()
        extra.records = [*log.records]
        extra.append(extracted("new.txt", visit("new.txt", 0, date)))
        state = replay(extra.records[len(log.records):], before)
        decoded.clear()
        revised = reconcile(state, scope.scope(state, scope.touched(before, state)))
        seen = set(decoded) - {"new.txt"}
        assert revised == reconcile(replay(extra.records))
        return seen

    assert decoded_after(DateValue.day(START + dt.timedelta(days=7))) == {
        "w1-0.txt", "w1-1.txt", "w1-2.txt"}
    assert len(decoded_after(DateValue.month(2024, 3))) == 12


def test_an_entry_citing_articles_in_two_components_brings_both() -> None:
    """A report of March joined the visit of 2 March; its article, edited, now dates it
    in May, apart from March. The entry cites both articles, so both components are
    reconciled: the 2 March report keeps the entry, the May report gets its own."""
    log = Log()
    log.append(extracted("month.txt", visit("month.txt", 0, DateValue.month(2024, 3))),
               extracted("d2.txt", visit("d2.txt", 0, DateValue.day(dt.date(2024, 3, 2)))))
    log.publish()
    before = replay(log.records)
    log.append(extracted("month.txt", visit("month.txt", 0, DateValue.month(2024, 5))), days=1)
    state = replay(log.records)
    region = scope.scope(state, scope.touched(before, state))
    assert {"d2.txt", "month.txt"} <= set(region.documents)
    assert reconcile(state, region) == reconcile(state)


def test_spans_that_share_only_their_last_day_are_one_component() -> None:
    """A week of 3-9 March meets a visit of the 9th on that one day, so a new report of
    the 3rd is reconciled with both."""
    log = Log()
    week = DateValue(dt.date(2024, 3, 3), dt.date(2024, 3, 9), Precision.WEEK)
    log.append(extracted("week.txt", visit("week.txt", 0, week)),
               extracted("d9.txt", visit("d9.txt", 0, DateValue.day(dt.date(2024, 3, 9)))))
    log.publish()
    before = replay(log.records)
    log.append(extracted("d3.txt", visit("d3.txt", 0, DateValue.day(dt.date(2024, 3, 3)))),
               days=1)
    state = replay(log.records)
    region = scope.scope(state, scope.touched(before, state))
    assert set(region.documents) == {"d3.txt", "d9.txt", "week.txt"}
    assert reconcile(state, region) == reconcile(state)


def test_a_cancelled_entry_is_reinstated_by_a_new_article_of_its_day() -> None:
    """An entry cancelled when its only article went is reinstated, under its UID, when
    another article reports the same visit: the scope holds the entries whose date
    meets the new report, not only those citing its article."""
    day = DateValue.day(dt.date(2024, 3, 9))
    log = Log()
    log.append(extracted("first.txt", visit("first.txt", 0, day)))
    log.publish()
    uid = log.entries()[0].uid
    log.append(DocumentWithdrawn("first.txt"), days=1)
    log.publish(days=1)
    before = replay(log.records)
    log.append(extracted("second.txt", visit("second.txt", 0, day)), days=2)
    state = replay(log.records)
    revised = reconcile(state, scope.scope(state, scope.touched(before, state)))
    assert [(r.uid, r.cancelled) for r in revised] == [(uid, False)]
    assert revised == reconcile(state)


def test_components_merge_spans_that_share_a_day_and_only_those() -> None:
    """3-9 March meets the 9th; the 10th stands apart; undated reports are one more."""
    march = [(dt.date(2024, 3, d), dt.date(2024, 3, d)) for d in (3, 9, 10)]
    components = scope.Components([march[0], (dt.date(2024, 3, 3), dt.date(2024, 3, 9)),
                                   march[1], march[2], None])
    assert [components.holding(s) for s in (*march, None)] == [0, 0, 1, scope.UNDATED]
    assert list(components.meeting((dt.date(2024, 3, 9), dt.date(2024, 3, 31)))) == [0, 1]
    assert list(components.meeting(None)) == [scope.UNDATED]
