"""Every example written beside a date rule in rules/dates.toml holds.

A rule's examples are [text, value] pairs resolved against timeline.dates.EXAMPLE_DCT; the
rule itself must produce the value (not a rule before it), so a rule shadowed by an
earlier one, or whose words contain no trigger, fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest

from date_fixtures import RULESET, TAGGER
from timeline import dates
from timeline.model import DateValue

DATE_EXAMPLES = [(rule.id, text, value) for rule in RULESET.section("date")
                 for text, value in rule.examples]
DATELINE_EXAMPLES = [(rule.id, text, value) for rule in RULESET.section("dateline")
                     for text, value in rule.examples]


@pytest.mark.parametrize(("rule", "text", "value"), DATE_EXAMPLES)
def test_date_rule_example(rule: str, text: str, value: str) -> None:
    """The rule finds its example and gives the value written beside it."""
    found = TAGGER.tag(text, DateValue.day(dates.EXAMPLE_DCT))
    assert (rule, value) in [(e.rule, e.value) for e in found]


@pytest.mark.parametrize(("rule", "text", "value"), DATELINE_EXAMPLES)
def test_dateline_rule_example(rule: str, text: str, value: str) -> None:
    """The dateline rule reads the article's own date from its example."""
    found = TAGGER.article_date(text)
    assert found.date is not None
    assert dt.date.fromisoformat(value) == found.date.earliest


def test_every_rule_has_an_example() -> None:
    """No rule goes untested (refusals excepted: the false-friend tests cover them)."""
    untested = [rule.id for rule in RULESET.section("date")
                if not rule.examples and rule.kind != "reject"]
    assert untested == []
