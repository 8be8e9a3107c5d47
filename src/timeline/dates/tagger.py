"""The tagger: every time expression of a text, each resolved to its TIMEX3 value.

The scanner (`timeline.dates.scan`) finds the rules' matches; each match's groups are
read into their vocabularies' normal forms, its sentence's tense is told when its kind
needs it (`timeline.dates.tense`), and its value resolved (`timeline.dates.resolve`,
`timeline.dates.durations`); anchored ones are then resolved against the dates named
before them (`timeline.dates.anchors`). The article's own date is
`timeline.dates.article_date`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Mapping

import attrs

from timeline.dates.anchors import anchored, narrative_base, on_its_day, reported_period
from timeline.dates.article_date import ArticleDating
from timeline.dates.durations import duration, fixed, recurring
from timeline.dates.items import ArticleDate, Commemorated, CompiledRule, DatelineRule, TimeExpr
from timeline.dates.periods import narrow
from timeline.dates.resolve import (
    NEUTRAL,
    Context,
    Resolved,
    ago_date,
    anniversary,
    calendar_date,
    day_of_month,
    offset_date,
    relative_date,
    spoken_year,
    weekday_date,
    with_time,
)
from timeline.dates.scan import Scanner
from timeline.dates.sentences import Sentences
from timeline.dates.tense import TenseCues
from timeline.model import DateValue, Precision

# Groups whose text is a number however it is written ("14th", "'98"): digits only.
DIGIT_GROUPS = frozenset({"day", "day_end", "year", "hour", "minute", "ordinal", "century"})
SPOKEN_GROUPS = frozenset({"year"})  # groups that may hold a year said in words
NOT_DIGIT = re.compile(r"[^0-9]")


Resolver = Callable[[Mapping[str, str], Context], "Resolved | None"]
RESOLVERS: dict[str, Resolver] = {
    "calendar": calendar_date, "relative": relative_date,
    "narrative": relative_date, "offset": offset_date,
    "ago": ago_date, "duration": duration, "ref": fixed, "set": recurring,
    "weekday": weekday_date, "monthday": day_of_month,
}
# Kinds whose value depends on the tense of the sentence (only computed for them).
TENSED = frozenset({"calendar", "weekday", "monthday", "time"})
YEAR_GIVEN = frozenset({"year", "yshift", "decade", "century"})  # no tense needed then


class DateTagger:
    """Finds time expressions and the article's own date with one compiled rule set."""

    def __init__(self, scanner: Scanner, rules: dict[str, CompiledRule],
                 datelines: tuple[tuple[DatelineRule, re.Pattern[str]], ...],
                 vocabulary: dict[str, dict[str, str]],
                 commemorations: tuple[Commemorated, ...]) -> None:
        self._scanner = scanner
        self._rules = rules
        self._vocabulary = vocabulary
        self._numbers = vocabulary.get("number", {})
        self._sentences = Sentences(frozenset(vocabulary.get("abbreviation", {})))
        self._tense = TenseCues(vocabulary, self._sentences)
        self._commemorations = commemorations
        self._dating = ArticleDating(datelines, vocabulary, frozenset(
            c.rule.id for c in rules.values() if c.rule.kind == "anniversary"))
        self._ordinals = vocabulary.get("ordinal", {})
        self._readers = {c.tag: tuple(self._reader(name) for name in c.groups)
                         for c in rules.values()}
        self._scanned: tuple[str, tuple[re.Match[str], ...]] | None = None

    def tag(self, text: str, dct: DateValue | None,
            years_told: bool = True) -> tuple[TimeExpr, ...]:
        """Every time expression of `text`, sorted by start and non-overlapping. Without a
        DCT, a day and month take their year from the day told last (`years_told`;
        not when the expressions are themselves the evidence for the DCT's year)."""
        anchor = dct.earliest if dct is not None else None
        found: list[TimeExpr] = []
        clock_times: list[int] = []  # indices of the clock times to put on their day
        dated: TimeExpr | None = None  # the latest expression with a calendar date
        day: TimeExpr | None = None  # the latest of a day ("the same day" counts from it)
        period: TimeExpr | None = None  # the latest quarter or half named outright
        for match in self._matches(text):
            rule = self._rules[match.lastgroup or ""].rule
            base = narrative_base(match, dated) if rule.kind == "narrative" else None
            # With no article date, "On 6 August" after "on 5 August 2022" is near the day
            # told last (the nearer of its days, whatever the tense).
            told = narrative_base(match, day) if (
                years_told and anchor is None and rule.kind == "calendar") else None
            expr = self._resolve(match, text, base or told or anchor, told is not None)
            if expr is None:
                continue
            previous = day if rule.kind == "offset" and rule.value.endswith("D") else dated
            if rule.anchored and rule.kind == "time":
                clock_times.append(len(found))
            elif rule.anchored and previous is not None:
                with contextlib.suppress(OverflowError, ValueError):  # the calendar's ends
                    expr = anchored(expr, rule, previous, period, text,
                                    self._sentences) or expr
            found.append(expr)
            if expr.date is not None:
                dated = expr
                day = expr if expr.date.precision is Precision.DAY else day
                if reported_period(expr, rule, anchor):
                    period = expr
        for index in clock_times:
            found[index] = on_its_day(found, index, text, self._sentences)
        return tuple(found)

    def fired(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """Every match of the rules in `text` as (rule id, start, end), refusals included:
        what `tag` reads before it resolves (or, for a `reject` rule, drops) each one."""
        return tuple((self._rules[m.lastgroup or ""].rule.id, m.start(), m.end())
                     for m in self._matches(text))

    def _matches(self, text: str) -> tuple[re.Match[str], ...]:
        """The scanner's matches in `text`, kept for the text scanned last: an article
        whose dateline gives no year is tagged twice, to find the year and then with
        it, and what the rules match does not depend on the year."""
        if self._scanned is None or self._scanned[0] != text:
            found = tuple(self._scanner.matches(text, self._dating.metadata_end(text)))
            self._scanned = (text, found)
        return self._scanned[1]

    def tense(self, text: str, start: int, end: int) -> int:
        """PAST, FUTURE or NEUTRAL, from the cue words of the expression's clause (see
        TenseCues.tense)."""
        return self._tense.tense(text, start, end)

    def article_date(self, text: str) -> ArticleDate:
        """The DCT from the date line, dateline or header; a dateline without a year takes
        the year the article's own evidence supports. Never today's date."""
        return self._dating.article_date(text, self)

    def _groups(self, match: re.Match[str], compiled: CompiledRule) -> dict[str, str]:
        """The matched groups by plain name, each word put in its vocabulary's normal form."""
        groups: dict[str, str] = {}
        if not compiled.groups:
            return groups
        found = match.group(*compiled.group_keys) if len(compiled.groups) > 1 else \
            (match.group(compiled.group_keys[0]),)
        for (name, words, numeric), text in zip(self._readers[compiled.tag], found,
                                                strict=True):
            if text is None:
                continue
            key = " ".join(text.lower().split())
            if numeric:
                digits = text if text.isdigit() else NOT_DIGIT.sub("", text)
                if not digits and name in SPOKEN_GROUPS:  # "nineteen ninety-six"
                    digits = str(spoken_year(key, self._numbers) or "")
                if digits:
                    groups[name] = digits
                    continue
            groups[name] = words.get(key) or self._ordinals.get(key, text)
        return groups

    def _reader(self, name: str) -> tuple[str, dict[str, str], bool]:
        """How a group is read: its plain name (a trailing underscore lets one rule name a
        group in two alternative branches), its vocabulary, whether it is a number."""
        plain = name.rstrip("_")
        words = self._vocabulary.get(plain) or self._vocabulary.get(plain.split("_")[0], {})
        return plain, words, plain in DIGIT_GROUPS

    def _resolve(self, match: re.Match[str], text: str, dct: dt.date | None,
                 untensed: bool = False) -> TimeExpr | None:
        compiled = self._rules[match.lastgroup or ""]
        rule = compiled.rule
        if rule.kind == "reject":
            return None
        groups = self._groups(match, compiled)
        needs_tense = rule.kind in TENSED and not untensed and not (
            rule.kind == "calendar" and YEAR_GIVEN.intersection(groups))
        tense = self.tense(text, match.start(), match.end()) if needs_tense else NEUTRAL
        context = Context(dct, tense, self._numbers, rule.value)
        try:
            found = self._value(rule.kind, groups, context)
        except (OverflowError, ValueError):  # beyond the years 1 to 9999 of the calendar
            return None
        if found is None:
            return None
        date = found.date
        if date is not None and "mod" in groups:
            date = narrow(date, groups["mod"])
        return TimeExpr(match.start(), match.end(), match.group(), found.value,
                        rule.type or found.type, date, rule.id)

    def _value(self, kind: str, groups: dict[str, str], context: Context) -> Resolved | None:
        if kind == "anniversary":
            return anniversary(groups, context, self._commemorated(groups.get("event", "")))
        if kind == "time":
            day = calendar_date(groups, context) if "month" in groups else None
            if day is None and "weekday" in groups:
                day = weekday_date(groups, context)
            if day is None and context.argument:
                day = offset_date(groups, context)
            if day is None:
                day = offset_date(groups, attrs.evolve(context, argument="0D"))
            return None if day is None else with_time(day, groups)
        found = RESOLVERS[kind](groups, context)
        return found if found is None else with_time(found, groups)

    def _commemorated(self, event: str) -> tuple[dt.date, ...]:
        """The base dates of the commemorated event a phrase names: by the longest alias it
        contains, else by kind and country ("diplomatic relations between Russia and
        Kazakhstan", "the independence of Kyrgyzstan and Kazakhstan": one date each)."""
        low = " ".join(event.lower().split())
        by_kind = {c.date for c in self._commemorations if c.kind and c.kind in low
                   and all(country.lower() in low for country in c.countries)}
        best = max(((len(a), c.date) for c in self._commemorations for a in c.aliases
                    if a in low), default=None)
        if best is not None and len(by_kind) < 2:
            return (best[1],)
        return tuple(sorted(by_kind))
