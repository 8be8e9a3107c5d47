"""The rules' own examples: what `timeline rules test` and tests/test_dates_examples.py check.

Each date rule's `examples` pair a text with the value the rule itself must give against
EXAMPLE_DCT (a Thursday); its `counterexamples` are texts it must not match; a dateline
rule's examples pair a text with the article date it must read.
"""

from __future__ import annotations

import datetime as dt

from timeline.dates.items import DatelineRule, DateRule
from timeline.dates.tagger import DateTagger
from timeline.model import DateValue

EXAMPLE_DCT = dt.date(2024, 11, 14)


def example_failures(tagger: DateTagger,
                     rule: DateRule | DatelineRule) -> tuple[list[str], list[str]]:
    """What a rule's inline examples show, as (missing, noisy) messages, both empty when
    it passes (`timeline rules test` and tests/test_dates_examples.py).

    Against EXAMPLE_DCT, a date rule must itself give each example's value (not a rule
    before it: a shadowed rule, or one whose words hold no trigger, fails); a `reject`
    rule must refuse the words of each example written with the value "". No
    counterexample may be matched by the rule. A dateline rule must read the example's
    date as the article's own."""
    if isinstance(rule, DatelineRule):
        return [f"read {found} from: {_short(text)}" for text, value in rule.examples
                if (found := _dateline_value(tagger, text)) != value], []
    missing = [f"gave {got or 'nothing'} instead of {value} in: {_short(text)}"
               for text, value in rule.examples
               if value not in (got := _values_by(tagger, rule, text))]
    noisy = [f"matched {text[start:end]!r} in: {_short(text)}"
             for text in rule.counterexamples
             for rule_id, start, end in tagger.fired(text) if rule_id == rule.id]
    return missing, noisy


def _values_by(tagger: DateTagger, rule: DateRule, text: str) -> list[str]:
    """The values `rule` gives in `text`; "" for each of its refusals (a `reject` rule)."""
    if rule.kind == "reject":
        return ["" for rule_id, _, _ in tagger.fired(text) if rule_id == rule.id]
    return [e.value for e in tagger.tag(text, DateValue.day(EXAMPLE_DCT)) if e.rule == rule.id]


def _dateline_value(tagger: DateTagger, text: str) -> str:
    found = tagger.article_date(text).date
    return found.earliest.isoformat() if found is not None else "no date"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "..."
