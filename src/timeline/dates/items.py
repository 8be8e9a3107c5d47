"""The date rules' items, the forms the compiler gives them, and what the tagger finds.

The rule files (rules/dates.toml) hold three sections: `date_vocabulary` (Vocabulary),
`date` (DateRule) and `dateline` (DatelineRule), each item checked when it is read.
`timeline.dates.compiler` turns each date rule into a CompiledRule and each lexicon
commemoration into a Commemorated; the tagger finds TimeExpr and ArticleDate values.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from timeline import memo
from timeline.dates.scan import Leads
from timeline.model import DateValue

PLACEHOLDER = re.compile(r"\{([a-z][a-z_]*)\}")
# How a rule's groups become a value: see RESOLVERS (timeline.dates.tagger) and
# timeline.dates.resolve ("calendar" is calendar_date...); "narrative" is "relative"
# counted from the date the text named last ("that year"); "reject" marks words that are
# no time expression.
KINDS = ("calendar", "relative", "narrative", "offset", "ago", "duration", "ref", "set",
         "weekday", "monthday", "time", "anniversary", "reject")


def _check_pattern(_: object, attribute: attrs.Attribute[str], pattern: str) -> None:
    """Refuse a pattern that is not a regular expression even with its placeholders filled."""
    try:
        memo.regex(PLACEHOLDER.sub("(?:x)", pattern))  # loaded before the rules are read
    except re.error as exc:
        raise ValueError(f"{attribute.name}: bad regular expression: {exc}") from None


@attrs.frozen
class Vocabulary:
    """A named word list: each phrase (matched case-insensitively unless `case_sensitive`)
    and its normal form. With `regex`, the phrases are regular-expression fragments. The
    phrases of a `trigger` vocabulary are what every time expression must contain (besides
    a number): only the text near them (near the last long word of each) is searched."""

    name: str
    words: dict[str, str]
    case_sensitive: bool = False
    regex: bool = False
    trigger: bool = False


@attrs.frozen
class DateRule:
    """One kind of time expression. `examples` pairs a text with the value expected
    against the example DCT (EXAMPLE_DCT, a Thursday).

    `counterexamples` are texts in which the rule must not match at all (for a `reject`
    rule: must not refuse the words); a `reject` rule's examples pair a text it refuses
    with "" (see example_failures).

    An `anchored` rule is resolved against a date named before it when there is one, else
    as its kind says: "the next day" (an offset in days) after the latest day named, "a
    year earlier" the period a year before the quarter, half or month named last in its
    sentence ("profit rose in the third quarter from a year earlier"), or else before the
    quarter or half the text reports on; an anchored `calendar` rule ("the 1988 period")
    names that reported period in the year it gives."""

    id: str
    pattern: str = attrs.field(validator=_check_pattern)
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    value: str = ""
    type: str = ""
    anchored: bool = False
    examples: tuple[tuple[str, str], ...] = ()
    counterexamples: tuple[str, ...] = ()


@attrs.frozen
class DatelineRule:
    """Where an article states its own date, with groups year (optional), month, day.
    `report = false` marks metadata (the ` date YYYY-MM-DD` line) that `tag` skips."""

    id: str
    pattern: str = attrs.field(validator=_check_pattern)
    basis: str
    report: bool = True
    examples: tuple[tuple[str, str], ...] = ()


SECTIONS: dict[str, type] = {
    "date_vocabulary": Vocabulary,
    "date": DateRule,
    "dateline": DatelineRule,
}


@attrs.frozen
class TimeExpr:
    """One time expression found in a text; offsets are Python string indices."""

    start: int
    end: int
    text: str
    value: str
    type: str
    date: DateValue | None
    rule: str


@attrs.frozen
class ArticleDate:
    """The article's own date, how it was found (`basis`) and where the words stating it
    end in the text (0: none do): a date among them dates the article, not an event."""

    date: DateValue | None
    basis: str
    end: int = 0


# -- the rules compiled ---------------------------------------------------------------------

@attrs.frozen
class CompiledRule:
    """A date rule ready to run: its tag in the alternations, its group names, and the
    words its matches can begin with (None: any)."""

    rule: DateRule
    tag: str
    groups: tuple[str, ...]
    branch: str
    first: Leads | None
    group_keys: tuple[str, ...]  # the groups' names in the alternations


@attrs.frozen
class Commemorated:
    """What the tagger needs of a lexicon commemoration: how it is named, and its date."""

    aliases: tuple[str, ...]   # lower case
    kind: str                  # lower case, "" for none
    countries: tuple[str, ...]
    date: dt.date
