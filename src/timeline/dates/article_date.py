"""The article's own date (DCT): from its date line, dateline or header, never the clock.

The `dateline` rules say where an article states its date (` date 2021-05-09`, "MINSK,
20 December", a header "20 September 2021, 21:16"). A story filed a day to three before
the ` date` line's day takes its own day; a dateline without a year takes the year the
article's own evidence votes for: its explicit dates, by the tense of their sentences,
and the anniversaries of events the lexicon dates, strongest first (see `_year_votes`),
never before what the article reports as past.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Protocol

import attrs

from timeline import memo
from timeline.dates.items import ArticleDate, DatelineRule, TimeExpr
from timeline.dates.resolve import FUTURE, PAST
from timeline.model import DateValue

HEAD = 400  # datelines and header lines are looked for in the article's first characters
# An anniversary votes for a dateline's year without being near its day: as far as can be.
ANNIVERSARY_DISTANCE = 366

# What may stand before a story's day and month at its head: nothing, a time
# ("16:15, 30 November") or a place ("ASTANA, August 9", "Astana, 9 August"); a day
# after more words is the lead sentence's own ("The election held on December 4 ...").
FILED_PREFIX = re.compile(r"(?:\d{1,2}:\d{2},?\s*|[A-Z][\w’'.-]*(?:[ -][A-Z][\w’'.-]*){0,2},\s*)?")


class Tagger(Protocol):
    """What the article's date reads with the tagger: the expressions and their tense."""

    def tag(self, text: str, dct: DateValue | None,
            years_told: bool = True) -> tuple[TimeExpr, ...]: ...

    def tense(self, text: str, start: int, end: int) -> int: ...


def _strongest_then_closest(item: tuple[int, tuple[int, int]]) -> tuple[int, int, int]:
    """How a dateline's year is chosen among the voted ones: most votes; on a tie, the year
    whose evidence lies closest to the dateline's day (an explicit date on the very day and
    month of the dateline decides), then the later year."""
    year, (weight, days) = item
    return weight, -days, year


class ArticleDating:
    """The article's own date with one rule set's dateline rules and vocabularies."""

    def __init__(self, datelines: tuple[tuple[DatelineRule, re.Pattern[str]], ...],
                 vocabulary: dict[str, dict[str, str]],
                 anniversary_rules: frozenset[str]) -> None:
        self._datelines = datelines
        self._vocabulary = vocabulary
        names = "|".join(re.escape(m) for m in sorted(vocabulary.get("month", {}), key=len,
                                                       reverse=True))
        # A day and month at the head of a story (see `_filed`), compiled once.
        self._day_month = memo.regex(rf"(?<![\w.])(?:(\d{{1,2}})\s+({names})|({names})\s+"
                                     rf"(\d{{1,2}}))(?![\w:])", re.IGNORECASE) if names else None
        self._anniversary_rules = anniversary_rules

    def metadata_end(self, text: str) -> int:
        """Where the text starts once the metadata line (` date YYYY-MM-DD`, matched by a
        `report = false` dateline rule) is skipped."""
        head = text[:HEAD]
        for rule, pattern in self._datelines:
            match = None if rule.report else pattern.search(head)
            if match is not None:
                return match.end()
        return 0

    def article_date(self, text: str, tagger: Tagger) -> ArticleDate:
        """The DCT from the date line, dateline or header; a dateline without a year takes
        the year the article's own evidence supports. Never today's date."""
        head = text[:HEAD]
        for rule, pattern in self._datelines:
            match = pattern.search(head)
            if match is None:
                continue
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            month = int(self._vocabulary.get("month", {}).get(groups["month"].lower(),
                                                                groups["month"]))
            day = int("".join(ch for ch in groups["day"] if ch.isdigit()))
            if "year" in groups:
                try:
                    found = dt.date(int(groups["year"]), month, day)
                except ValueError:
                    continue
                if rule.basis == "date-line":
                    return self._filed(head, match.end(), found) or ArticleDate(
                        DateValue.day(found), rule.basis, match.end())
                return ArticleDate(DateValue.day(found), rule.basis, match.end())
            return attrs.evolve(self._infer_year(text, month, day, rule.basis, tagger,
                                                 _lead_end(text, match.end())), end=match.end())
        return ArticleDate(None, "none")

    def _filed(self, head: str, start: int, published: dt.date) -> ArticleDate | None:
        """The day and month at the head of the story after the ` date` line (ending at
        `start`: "ASTANA, August 9 (Kazinform) –", "16:15, 09 August 2024", "Astana, 9
        August"), when it puts the story a day to three before the day it was published:
        the story's day. On the very day, the date line's, stated by those words too."""
        months = self._vocabulary.get("month", {})
        start += len(head[start:]) - len(head[start:].lstrip(" \t"))
        line = head[start:].split("\n", 1)[0][:100]
        found = self._day_month.search(line) if self._day_month else None
        if found is None or not FILED_PREFIX.fullmatch(line, 0, found.start()):
            return None
        word = found.group(2) or found.group(3)
        if not word[0].isupper():  # "may" the verb
            return None
        month = int(months[word.lower()])
        day = int(found.group(1) or found.group(4))
        for year in (published.year, published.year - 1):
            try:
                filed = dt.date(year, month, day)
            except ValueError:
                continue
            if filed == published:  # the same day: its words state the article's date too
                return ArticleDate(DateValue.day(filed), "date-line", start + found.end())
            if 0 < (published - filed).days <= 3:
                return ArticleDate(DateValue.day(filed), "dateline+date-line-year",
                                   start + found.end())
        return None

    def _infer_year(self, text: str, month: int, day: int, basis: str,
                    tagger: Tagger, lead_end: int) -> ArticleDate:
        """The year of a dateline without one, from the article's own dates and anniversaries."""
        votes = self._year_votes(text, month, day, tagger, lead_end)
        if not votes:
            return ArticleDate(None, f"{basis}+year-unknown")
        year, (weight, _) = max(votes.items(), key=_strongest_then_closest)
        try:
            date = dt.date(year, month, day)
        except ValueError:
            return ArticleDate(None, f"{basis}+year-unknown")
        if weight >= 2:
            return ArticleDate(DateValue.day(date), f"{basis}+year-inferred")
        return ArticleDate(DateValue.day(date, year_uncertain=True), f"{basis}+year-uncertain")

    def _year_votes(self, text: str, month: int, day: int, tagger: Tagger,
                    lead_end: int) -> dict[int, tuple[int, int]]:
        """Each piece of evidence votes for a DCT year: {year: (votes, days)}, `days` the
        smallest distance between the dateline's day in that year and a date voting for it.

        Strongest first. A full date in the article's lead (a caption or header before
        the dateline, or the dateline's own paragraph, up to `lead_end`) is the story's
        own: 10 votes. Elsewhere an explicit date (the article is written within a year
        after a reported one, or before a planned one, by the tense of its sentence): 2
        votes for a day, 1 for a month; background far down the article ("relations were
        established on 8 January 1992") cannot outvote the lead. An anniversary of an
        event the lexicon dates: 2 votes for its year, or 3 for the year a "next
        year"/"this year"/"last year" of its sentence points to ("Next year ... the 80th
        anniversary of the Victory": 2024). Vague phrases ("for the first time in a
        decade") give no vote.
        """
        votes: dict[int, tuple[int, int]] = {}

        def vote(year: int, weight: int, days: int) -> None:
            before, closest = votes.get(year, (0, days))
            votes[year] = (before + weight, min(closest, days))

        expressions = tagger.tag(text, None, years_told=False)
        # The dates the article tells (anniversaries vote apart), with their tense.
        told = [(expr, tagger.tense(text, expr.start, expr.end)) for expr in expressions
                if expr.date is not None and expr.rule not in self._anniversary_rules
                and (expr.date.precision.rank <= 2 or expr.date.precision.name == "YEAR")]
        for expr, tense in told:
            assert expr.date is not None
            if expr.date.precision.rank > 2:
                continue
            # A past event is reported on or after its day, a planned one before it.
            ahead = tense == FUTURE
            year = expr.date.earliest.year
            for candidate_year in (year - 1, year) if ahead else (year, year + 1):
                try:
                    candidate = dt.date(candidate_year, month, day)
                except ValueError:
                    continue
                gap = (expr.date.earliest - candidate if ahead
                       else candidate - expr.date.latest).days
                if 0 <= gap <= 366:
                    vote(candidate_year, _weight(expr, lead_end), gap)
        for year, weight in self._anniversary_votes(text, expressions):
            vote(year, weight, ANNIVERSARY_DISTANCE)
        return _after_the_reported_past(votes, _reported_past(told), month, day)

    def _anniversary_votes(self, text: str,
                           expressions: tuple[TimeExpr, ...]) -> Iterator[tuple[int, int]]:
        shifts = {"next year": -1, "this year": 0, "last year": 1}
        for expr in expressions:
            if expr.rule not in self._anniversary_rules or expr.date is None:
                continue
            start = max(text.rfind(". ", 0, expr.start), text.rfind("\n", 0, expr.start)) + 1
            ends = [i for i in (text.find(". ", expr.end), text.find("\n", expr.end)) if i >= 0]
            sentence = text[start:min(ends, default=len(text))].lower()
            year = expr.date.earliest.year
            shifted = [year + shift for phrase, shift in shifts.items() if phrase in sentence]
            yield (shifted[0], 3) if shifted else (year, 2)


LEAD_VOTES = 10  # a full date in the article's lead outweighs any number of later ones


def _lead_end(text: str, dateline_end: int) -> int:
    """The end of the dateline's paragraph: what comes before it is header or caption."""
    end = text.find("\n\n", dateline_end)
    return len(text) if end < 0 else end


def _weight(expr: TimeExpr, lead_end: int) -> int:
    assert expr.date is not None
    if expr.date.precision.rank == 0:
        return LEAD_VOTES if expr.end <= lead_end else 2
    return 1


def _reported_past(told: list[tuple[TimeExpr, int]]) -> dt.date | None:
    """The latest day the article's reported past says it is not older than: the start
    of a day or month in a sentence that is not future ("signed on 8 January 1992"), the
    end of a year told in the past tense ("trade reached $2 billion in 2024", "was
    celebrated in 2022": a year reported as done)."""
    starts = []
    for expr, tense in told:
        if expr.date is None or expr.type != "DATE":
            continue
        if expr.date.precision.rank <= 2 and tense != FUTURE:
            starts.append(expr.date.earliest)
        elif expr.date.precision.name == "YEAR" and tense == PAST:
            starts.append(expr.date.latest)
    return max(starts, default=None)


def _after_the_reported_past(votes: dict[int, tuple[int, int]], floor: dt.date | None,
                             month: int, day: int) -> dict[int, tuple[int, int]]:
    """The votes for years that put the dateline's day on or after `floor`; when none is
    left, one vote (an uncertain year) for the first year that does."""
    if floor is None:
        return votes
    def after(year: int) -> bool:
        try:
            return dt.date(year, month, day) >= floor
        except ValueError:
            return False
    kept = {year: v for year, v in votes.items() if after(year)}
    if kept or not votes:
        return kept
    first = next((y for y in (floor.year, floor.year + 1) if after(y)), None)
    return {first: (1, ANNIVERSARY_DISTANCE)} if first is not None else {}
