"""Every example and counterexample written beside a date rule in rules/dates.toml holds.

The checks are the library's own (timeline.dates.example_failures, which `timeline rules
test` runs too): against timeline.dates.EXAMPLE_DCT a rule must itself give each example's
value (not a rule before it), so a rule shadowed by an earlier one, or whose words contain
no trigger, fails here; no counterexample may be matched by the rule.
"""

from __future__ import annotations

import pytest

from date_fixtures import RULESET, TAGGER
from timeline import dates

DATE_RULES = RULESET.section("date")
DATELINE_RULES = RULESET.section("dateline")


@pytest.mark.parametrize("rule", DATE_RULES, ids=[r.id for r in DATE_RULES])
def test_date_rule_examples(rule: dates.DateRule) -> None:
    """The rule gives the value written beside each example, and matches no counterexample."""
    assert dates.example_failures(TAGGER, rule) == ([], [])


@pytest.mark.parametrize("rule", DATELINE_RULES, ids=[r.id for r in DATELINE_RULES])
def test_dateline_rule_examples(rule: dates.DatelineRule) -> None:
    """The dateline rule reads the article's own date from each example."""
    assert dates.example_failures(TAGGER, rule) == ([], [])


def test_every_rule_has_an_example() -> None:
    """No date rule goes untested, refusals included."""
    assert [rule.id for rule in DATE_RULES if not rule.examples] == []


def test_a_failing_example_and_a_matched_counterexample_are_reported() -> None:
    """A wrong value is missing, a counterexample the rule matches is noisy."""
    weekday = next(rule for rule in DATE_RULES if rule.id == "weekday")
    broken = dates.DateRule(weekday.id, weekday.pattern, weekday.kind,
                            examples=(("The ministers met on Monday.", "2024-11-18"),),
                            counterexamples=("The ministers met on Monday.",))
    missing, noisy = dates.example_failures(TAGGER, broken)
    assert missing == ["gave ['2024-11-11'] instead of 2024-11-18 in: The ministers met "
                       "on Monday."]
    assert noisy == ["matched 'Monday' in: The ministers met on Monday."]
