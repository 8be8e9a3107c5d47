"""The benchmark's article generator: deterministic, the requested mix, articles that build."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bench_fixtures import generate
from timeline import build

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)




@pytest.fixture(scope="module")
def articles() -> list[Any]:
    return list(generate.generate(600, seed=11))


def test_same_seed_same_articles() -> None:
    """Two runs with one seed give the same names, texts and statements."""
    expected = list(generate.generate(40, seed=3))
    actual = list(generate.generate(40, seed=3))
    assert expected == actual


def test_another_seed_other_articles() -> None:
    """A different seed gives different articles."""
    first = [a.text for a in generate.generate(20, seed=3)]
    second = [a.text for a in generate.generate(20, seed=4)]
    assert first != second


def test_counts_split_exactly_by_the_mix() -> None:
    """Largest remainders: the counts add up to n and follow the shares."""
    expected = {"meeting": 320, "visit": 220, "telegram": 200, "anniversary": 100,
                "lookalike": 160}
    assert expected == generate.counts(1000)
    total = sum(generate.counts(7).values())
    assert total == 7


def test_articles_follow_the_requested_mix() -> None:
    """The stories' kinds are exactly those `counts` gives, for any mix."""
    mix = {"meeting": 1, "telegram": 1, "lookalike": 2}
    expected = {"meeting": 25, "telegram": 25, "lookalike": 50}
    actual = Counter(a.kind for a in generate.generate(100, seed=5, mix=mix))
    assert expected == dict(actual)


def test_every_event_type_is_stated(articles: list[Any]) -> None:
    """Each of the four types appears among the events the articles state."""
    expected = {"meeting", "visit", "telegram", "anniversary"}
    assert expected == {e.type for a in articles for e in a.events}


def test_lookalike_stories_state_no_event(articles: list[Any]) -> None:
    """A look-alike story (phone call, forum...) states no event of its own."""
    lookalikes = [a for a in articles if a.kind == "lookalike"]
    assert lookalikes and all(a.lookalikes for a in lookalikes)
    own = [e for a in lookalikes for e in a.events]
    earlier = [e for a in lookalikes for e in a.events if e.type in ("meeting", "visit")]
    assert own == earlier  # only recalled earlier meetings and visits


def test_all_four_lookalike_kinds_occur(articles: list[Any]) -> None:
    """Phone calls, spoken congratulations, forums and press conferences all occur."""
    expected = {"phone_call", "spoken_congratulation", "forum", "press_conference"}
    assert expected == {kind for a in articles for kind in a.lookalikes}


def test_the_same_event_is_reported_by_several_articles(
        articles: list[Any]) -> None:
    """Some stories report again an event an earlier article reported."""
    again = [a for a in articles if a.reports_again]
    assert 0.15 < len(again) / len(articles) < 0.4
    told = Counter(e for a in articles for e in a.events)
    assert max(told.values()) >= 2


def test_every_dateline_style_occurs(articles: list[Any]) -> None:
    """Date line, BelTA and TASS datelines, and no date at all each occur, as written."""
    styles = {a.dateline: a.text for a in reversed(articles)}
    assert {"meta", "belta", "tass", "none"} == set(styles)
    assert re.match(r" date \d{4}-\d\d-\d\d ", styles["meta"])
    assert re.search(r"^[A-Z' -]+, \d{1,2} [A-Z][a-z]+ \([^)]+\) – ", styles["belta"], re.M)
    assert re.search(r"^[A-Z' -]+, [A-Z][a-z]+ \d{1,2}\. /[^/]+/\. ", styles["tass"], re.M)


def test_names_come_in_several_spellings(articles: list[Any]) -> None:
    """Japarov and Zhaparov, Tokayev and Tokaev are all written."""
    text = "\n".join(a.text for a in articles)
    for spelling in ("Sadyr Japarov", "Sadyr Zhaparov", "Tokayev", "Tokaev"):
        assert spelling in text


def test_some_articles_hold_their_text_twice(articles: list[Any]) -> None:
    """A doubled article is its first half repeated."""
    doubled = [a for a in articles if a.doubled]
    assert doubled
    text = doubled[0].text
    half = text[: (len(text) - 1) // 2]
    assert text == half + "\n" + half


def test_file_names_are_index_and_hash(articles: list[Any]) -> None:
    """Names sort in generation order and differ for every article."""
    names = [a.name for a in articles]
    assert names == sorted(names) and len(set(names)) == len(names)
    assert all(re.fullmatch(r"\d{6}_[0-9a-f]{16}\.txt", n) for n in names)


def test_write_puts_articles_and_manifest_on_disk(tmp_path: Path) -> None:
    """`write` stores each text under its name and one manifest line per article."""
    size = generate.write(tmp_path / "a", 12, seed=2, manifest=tmp_path / "m.jsonl")
    expected = {a.name: a.text for a in generate.generate(12, seed=2)}
    actual = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "a").iterdir()}
    assert expected == actual
    assert size == sum(len(t.encode()) for t in expected.values())
    lines = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert sorted(expected) == [line["name"] for line in lines]


def test_generated_articles_build(tmp_path: Path) -> None:
    """Thirty generated articles go through `timeline build`: every one is read, none is
    skipped, and the timeline holds events."""
    generate.write(tmp_path / "articles", 30, seed=1)
    report = build.build(tmp_path / "articles", ROOT / "rules", tmp_path / "out",
                         tmp_path / "store.db", T0)
    expected = (30, 30, ())
    assert expected == (report.articles, report.read, report.skipped)
    events = json.loads((tmp_path / "out" / "timeline.json").read_text())["events"]
    assert events
    assert {"meeting", "visit", "telegram"} <= {e["type"] for e in events}
