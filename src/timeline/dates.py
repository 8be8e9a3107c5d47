"""Dates: the article's own date (DCT) and every time expression of a text, as TIMEX3 values.

The patterns live in the rule files (rules/dates.toml), in three sections:

- `date_vocabulary`: named word lists ("month", "weekday", "unit"...) mapping each word or
  phrase to its normal form; a pattern writes `{month}` to mean any word of the list, and
  a named group `(?P<month>{month})` hands the matched word's normal form to the resolver.
- `date`: the expressions, in priority order. Each names a `kind` (KINDS: how its groups
  become a value, in timexresolve) and may carry a `value` argument and `examples`.
- `dateline`: where an article states its own date (` date 2021-05-09`, "MINSK, 20
  December", a header "20 September 2021, 21:16").

The text is read as if every `date` rule were tried at every position: the leftmost match
wins, and at one position the first rule in file order, so specific rules ("14 November
2024") go before general ones ("November"); the scan resumes after each match.
`timeline.datescan` finds exactly those matches many times faster.

This module finds the expressions, tells the tense of their sentence, resolves anchored
ones ("the next day") and infers the year of a dateline that has none from the article's
own evidence. Nothing falls back to today's date.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from timeline import timexresolve as tr
from timeline.datescan import Leads, Scanner, first_words
from timeline.errors import RuleError
from timeline.model import DateValue, Precision

if TYPE_CHECKING:
    from timeline.ruleset import RuleSet

PLACEHOLDER = re.compile(r"\{([a-z][a-z_]*)\}")
GROUP = re.compile(r"\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
# Groups whose text is a number however it is written ("14th", "'98"): digits only.
DIGIT_GROUPS = frozenset({"day", "day_end", "year", "hour", "minute", "ordinal", "century"})
SPOKEN_GROUPS = frozenset({"year"})  # groups that may hold a year said in words
CUE_WORD = re.compile(r"[A-Za-z]+")  # the words of a sentence, as tense cues
LEFT_WORDS, RIGHT_WORDS = 10, 6
NOT_DIGIT = re.compile(r"[^0-9]")
HEAD = 400  # datelines and header lines are looked for in the article's first characters
# How a rule's groups become a value: see RESOLVERS and timexresolve ("calendar" is
# calendar_date...); "narrative" is "relative" counted from the date the text named last
# ("that year"); "reject" marks words that are no time expression.
KINDS = ("calendar", "relative", "narrative", "offset", "ago", "duration", "ref", "set",
         "weekday", "monthday", "time", "anniversary", "reject")


def _check_pattern(_: object, attribute: attrs.Attribute[str], pattern: str) -> None:
    """Refuse a pattern that is not a regular expression even with its placeholders filled."""
    try:
        re.compile(PLACEHOLDER.sub("(?:x)", pattern))
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

EXAMPLE_DCT = dt.date(2024, 11, 14)


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
    """The article's own date and how it was found (`basis`)."""

    date: DateValue | None
    basis: str


# -- compiling the rules --------------------------------------------------------------------

def _alternation(vocabulary: Vocabulary) -> str:
    """A vocabulary as one non-capturing group, longest phrases first."""
    phrases = sorted(vocabulary.words, key=lambda p: (-len(p), p))
    if vocabulary.regex:
        parts = phrases
    else:
        parts = [r"\s+".join(_word(word) for word in p.split()) for p in phrases]
    body = "|".join(parts)
    return f"(?-i:{body})" if vocabulary.case_sensitive else f"(?:{body})"


def _word(word: str) -> str:
    """One word of a phrase; an abbreviation's full stop may stand apart ("Dec ." in text
    rebuilt from tokens)."""
    if len(word) > 1 and word.endswith("."):
        return re.escape(word[:-1]) + r"\s?\."
    return re.escape(word)


def _expand(pattern: str, vocabularies: Mapping[str, Vocabulary], where: str) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in vocabularies:
            raise RuleError(where, f"pattern: unknown vocabulary {{{name}}}",
                            "define it as a [[date_vocabulary]] or correct the name")
        return _alternation(vocabularies[name])
    return PLACEHOLDER.sub(fill, pattern)


@attrs.frozen
class _Compiled:
    """A date rule ready to run: its tag in the alternations, its group names, and the
    words its matches can begin with (None: any)."""

    rule: DateRule
    tag: str
    groups: tuple[str, ...]
    branch: str
    first: Leads | None
    group_keys: tuple[str, ...]  # the groups' names in the alternations


def _compile_rule(index: int, rule: DateRule, origin: object,
                  vocabularies: Mapping[str, Vocabulary]) -> _Compiled:
    where = f"{origin} ({rule.id})"
    body = _expand(rule.pattern, vocabularies, where)
    try:
        re.compile(body, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(where, f"pattern: bad regular expression: {exc}",
                        "correct the pattern") from None
    tag = f"r{index}"
    names = tuple(GROUP.findall(body))
    renamed = GROUP.sub(lambda m: f"(?P<{tag}_{m.group(1)}>", body)
    # The empty group closes last, so `match.lastgroup` names the rule that matched; an
    # expression never ends inside a word.
    branch = f"(?:{renamed})(?![^\\W_])(?P<{tag}>)"
    return _Compiled(rule, tag, names, branch, first_words(body),
                     tuple(f"{tag}_{name}" for name in names))



def compile(rules: RuleSet) -> DateTagger:
    """The tagger for a rule set; raises RuleError naming file:line for a bad pattern."""
    vocabularies = {v.name: v for v in rules.section("date_vocabulary")}
    compiled = [_compile_rule(i, rule, origin, vocabularies) for i, (rule, origin)
                in enumerate(zip(rules.section("date"), rules.origins.get("date", ()),
                                 strict=True))]
    triggers = frozenset(word for v in vocabularies.values() if v.trigger and not v.regex
                         for phrase in v.words for word in _trigger_words(phrase))
    datelines = tuple(
        (rule, re.compile(_expand(rule.pattern, vocabularies, f"{origin} ({rule.id})"),
                          re.IGNORECASE | re.MULTILINE))
        for rule, origin in zip(rules.section("dateline"), rules.origins.get("dateline", ()),
                                strict=True))
    lookup = {name: {k.lower(): value for k, value in v.words.items()}
              for name, v in vocabularies.items() if not v.regex}
    return DateTagger(Scanner(compiled, triggers), {c.tag: c for c in compiled}, datelines,
                      lookup, _commemorations(rules.section("commemoration")))


def _trigger_words(phrase: str) -> list[str]:
    """The word of a trigger phrase that makes a scan look around it: its last long word
    ("day" of "new year's day"; every match of the phrase holds it, and a common first
    word such as "new" would make the scan stop at every "new")."""
    words = re.findall("[a-z]+", phrase.lower())
    long_words = [w for w in words if len(w) > 2] or words
    return long_words[-1:]


@attrs.frozen
class _Commemorated:
    """What the tagger needs of a lexicon commemoration: how it is named, and its date."""

    aliases: tuple[str, ...]   # lower case
    kind: str                  # lower case, "" for none
    countries: tuple[str, ...]
    date: dt.date


def _commemorations(items: tuple[Any, ...]) -> tuple[_Commemorated, ...]:
    """The lexicon's [[commemoration]] items (name, aliases, date; kind and countries when
    it gives them), read by duck typing: this stage does not import the lexicon."""
    return tuple(_Commemorated(
        tuple(sorted({a.lower() for a in (item.name, *item.aliases)}, key=len, reverse=True)),
        (getattr(item, "kind", None) or "").lower(), tuple(getattr(item, "countries", ())),
        item.date) for item in items)


@attrs.frozen
class Sentences:
    """Where a sentence ends: at a newline, or at a full stop before a space unless the full
    stop closes an abbreviation ("p.m.", "U.S.", "Jan.", "Mr."): a word of the
    `abbreviation` vocabulary, a word with a full stop inside, or a single letter."""

    abbreviations: frozenset[str]

    def ends_at(self, text: str, dot: int) -> bool:
        """Whether the full stop at `dot` ends a sentence."""
        word = text[max(text.rfind(" ", max(dot - 12, 0), dot) + 1, dot - 12, 0):dot]
        word = word.lstrip("(\"'‘“").lower()
        return not ("." in word or len(word) == 1 or word in self.abbreviations)

    def start(self, text: str, position: int, reach: int) -> int:
        """Where the sentence holding `position` starts, at most `reach` characters back."""
        floor = max(position - reach, 0)
        newline = text.rfind("\n", floor, position)
        dot = text.rfind(". ", floor, position)
        while dot > newline and not self.ends_at(text, dot):
            dot = text.rfind(". ", floor, dot)
        return max(dot, newline, floor)

    def end(self, text: str, position: int, reach: int) -> int:
        """Where the sentence holding `position` ends, at most `reach` characters on."""
        ceiling = min(position + reach, len(text))
        newline = text.find("\n", position, ceiling)
        ceiling = ceiling if newline < 0 else newline
        dot = text.find(". ", position, ceiling)
        while dot >= 0 and not self.ends_at(text, dot):
            dot = text.find(". ", dot + 1, ceiling)
        return ceiling if dot < 0 else dot

    def between(self, text: str, start: int, end: int) -> bool:
        """Whether a sentence ends between `start` and `end`."""
        return self.end(text, start, end - start) < end


def _on_its_day(found: list[TimeExpr], index: int, text: str,
                sentences: Sentences) -> TimeExpr:
    """A clock time ("at 10:35 a.m.") on the day its sentence names, before it or else after
    it ("at 10:35 a.m. on Friday"); on the DCT's day when the sentence names none."""
    expr = found[index]
    before = found[max(index - 3, 0):index][::-1]
    for other in (*before, *found[index + 1:index + 4]):
        gap = (other.end, expr.start) if other.end <= expr.start else (expr.end, other.start)
        if sentences.between(text, *gap) or other.date is None or other.type != "DATE":
            continue
        if other.date.precision is Precision.DAY:
            day = other.date.earliest
            return attrs.evolve(expr, value=day.isoformat() + expr.value[10:],
                                date=DateValue.day(day))
    return expr


def _anchored(expr: TimeExpr, rule: DateRule, previous: TimeExpr, period: TimeExpr | None,
              text: str, sentences: Sentences) -> TimeExpr | None:
    """An anchored expression resolved against a date named before it.

    A day offset ("the next day", `value = "+1D"`) moves the latest day named before it
    in the text. "a year earlier" is the period a year before the quarter, half or month
    named last in its own sentence, or else before the quarter or half the text is about
    (`period`, named in an earlier sentence: "Profit rose in the third quarter. Sales
    fell from a year earlier"); "the 1988 period" is that period in the year it names.
    None when there is no such anchor.
    """
    assert previous.date is not None
    if rule.kind == "offset" and rule.value.endswith("D"):
        if previous.date.precision is not Precision.DAY or previous.start < expr.start - 1000:
            return None
        day = previous.date.earliest + dt.timedelta(days=int(rule.value[:-1] or "0"))
        return attrs.evolve(expr, value=day.isoformat(), date=DateValue.day(day))
    if previous.date.precision not in ANCHORS or sentences.between(text, previous.end,
                                                                   expr.start):
        if period is None or period.end < expr.start - PERIOD_REACH:
            return None
        previous = period
    year = int(expr.value[:4]) if rule.kind == "calendar" else int(previous.value[:4]) - 1
    moved = tr.same_period(previous.value, year)
    return None if moved is None else attrs.evolve(expr, value=moved.value, date=moved.date)


def _reported_period(expr: TimeExpr, rule: DateRule, dct: dt.date | None) -> bool:
    """Whether `expr` names outright a quarter or half that has begun by the DCT: a period
    a report can be about, and compare with the same period a year before."""
    return (expr.date is not None and expr.date.precision in PERIODS and not rule.anchored
            and (dct is None or expr.date.earliest <= dct))


def _narrative_base(match: re.Match[str], dated: TimeExpr | None) -> dt.date | None:
    """The day a "narrative" expression ("that year", "the following month") counts from:
    the date the text named last, when it is near (else the DCT)."""
    if dated is None or dated.date is None or dated.end < match.start() - NARRATIVE_REACH:
        return None
    return dated.date.earliest


def _strongest_then_closest(item: tuple[int, tuple[int, int]]) -> tuple[int, int, int]:
    """How a dateline's year is chosen among the voted ones: most votes; on a tie, the year
    whose evidence lies closest to the dateline's day (an explicit date on the very day and
    month of the dateline decides), then the later year."""
    year, (weight, days) = item
    return weight, -days, year


# -- tagging --------------------------------------------------------------------------------

Resolver = Callable[[Mapping[str, str], tr.Context], "tr.Resolved | None"]
RESOLVERS: dict[str, Resolver] = {
    "calendar": tr.calendar_date, "relative": tr.relative_date,
    "narrative": tr.relative_date, "offset": tr.offset_date,
    "ago": tr.ago_date, "duration": tr.duration, "ref": tr.fixed, "set": tr.recurring,
    "weekday": tr.weekday_date, "monthday": tr.day_of_month,
}
# Kinds whose value depends on the tense of the sentence (only computed for them).
TENSED = frozenset({"calendar", "weekday", "monthday", "time"})
NARRATIVE_REACH = 600  # characters: how far back "that year" looks for the year it means
YEAR_GIVEN = frozenset({"year", "yshift", "decade", "century"})  # no tense needed then
ANCHORS = frozenset({Precision.QUARTER, Precision.HALF, Precision.MONTH})
# A report about a quarter or half compares it with the same period a year before ("from
# a year earlier") for this many characters after it names the period.
PERIOD_REACH = 1500
PERIODS = frozenset({Precision.QUARTER, Precision.HALF})
# An anniversary votes for a dateline's year without being near its day: as far as can be.
ANNIVERSARY_DISTANCE = 366


class DateTagger:
    """Finds time expressions and the article's own date with one compiled rule set."""

    def __init__(self, scanner: Scanner, rules: dict[str, _Compiled],
                 datelines: tuple[tuple[DatelineRule, re.Pattern[str]], ...],
                 vocabulary: dict[str, dict[str, str]],
                 commemorations: tuple[_Commemorated, ...]) -> None:
        self._scanner = scanner
        self._rules = rules
        self._datelines = datelines
        self._vocabulary = vocabulary
        names = "|".join(re.escape(m) for m in sorted(vocabulary.get("month", {}), key=len,
                                                       reverse=True))
        # A day and month at the head of a story (see `_filed`), compiled once.
        self._day_month = re.compile(rf"(?<![\w.])(?:(\d{{1,2}})\s+({names})|({names})\s+"
                                     rf"(\d{{1,2}}))(?![\w:])", re.IGNORECASE) if names else None
        self._numbers = vocabulary.get("number", {})
        self._future_cues = frozenset(vocabulary.get("future_cue", {}))
        self._past_cues = frozenset(vocabulary.get("past_cue", {}))
        self._past_suffixes = tuple(vocabulary.get("past_suffix", {}))
        self._report_cues = frozenset(vocabulary.get("report_cue", {}))
        self._near_future_cues = frozenset(vocabulary.get("near_future_cue", {}))
        self._future_auxiliaries = frozenset(vocabulary.get("future_auxiliary", {}))
        self._sentences = Sentences(frozenset(vocabulary.get("abbreviation", {})))
        self._future_verbs = frozenset(vocabulary.get("future_verb", {}))
        self._verb_markers = frozenset(vocabulary.get("verb_marker", {}))
        self._false_cues = frozenset(vocabulary.get("false_cue", {}))
        self._commemorations = commemorations
        self._anniversary_rules = frozenset(c.rule.id for c in rules.values()
                                            if c.rule.kind == "anniversary")
        self._ordinals = vocabulary.get("ordinal", {})
        self._readers = {c.tag: tuple(self._reader(name) for name in c.groups)
                         for c in rules.values()}

    def tag(self, text: str, dct: DateValue | None) -> tuple[TimeExpr, ...]:
        """Every time expression of `text`, sorted by start and non-overlapping."""
        anchor = dct.earliest if dct is not None else None
        found: list[TimeExpr] = []
        clock_times: list[int] = []  # indices of the clock times to put on their day
        dated: TimeExpr | None = None  # the latest expression with a calendar date
        period: TimeExpr | None = None  # the latest quarter or half named outright
        for match in self._scanner.matches(text, self._metadata_end(text)):
            rule = self._rules[match.lastgroup or ""].rule
            base = _narrative_base(match, dated) if rule.kind == "narrative" else None
            expr = self._resolve(match, text, base or anchor)
            if expr is None:
                continue
            if rule.anchored and rule.kind == "time":
                clock_times.append(len(found))
            elif rule.anchored and dated is not None:
                with contextlib.suppress(OverflowError, ValueError):  # the calendar's ends
                    expr = _anchored(expr, rule, dated, period, text, self._sentences) or expr
            found.append(expr)
            if expr.date is not None:
                dated = expr
                if _reported_period(expr, rule, anchor):
                    period = expr
        for index in clock_times:
            found[index] = _on_its_day(found, index, text, self._sentences)
        return tuple(found)

    def fired(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """Every match of the rules in `text` as (rule id, start, end), refusals included:
        what `tag` reads before it resolves (or, for a `reject` rule, drops) each one."""
        return tuple((self._rules[m.lastgroup or ""].rule.id, m.start(), m.end())
                     for m in self._scanner.matches(text, self._metadata_end(text)))

    def _metadata_end(self, text: str) -> int:
        """Where the text starts once the metadata line (` date YYYY-MM-DD`, matched by a
        `report = false` dateline rule) is skipped."""
        head = text[:HEAD]
        for rule, pattern in self._datelines:
            match = None if rule.report else pattern.search(head)
            if match is not None:
                return match.end()
        return 0

    def _groups(self, match: re.Match[str], compiled: _Compiled) -> dict[str, str]:
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
                    digits = str(tr.spoken_year(key, self._numbers) or "")
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

    def _resolve(self, match: re.Match[str], text: str,
                 dct: dt.date | None) -> TimeExpr | None:
        compiled = self._rules[match.lastgroup or ""]
        rule = compiled.rule
        if rule.kind == "reject":
            return None
        groups = self._groups(match, compiled)
        needs_tense = rule.kind in TENSED and not (rule.kind == "calendar"
                                                   and YEAR_GIVEN.intersection(groups))
        tense = self.tense(text, match.start(), match.end()) if needs_tense else tr.NEUTRAL
        context = tr.Context(dct, tense, self._numbers, rule.value)
        try:
            found = self._value(rule.kind, groups, context)
        except (OverflowError, ValueError):  # beyond the years 1 to 9999 of the calendar
            return None
        if found is None:
            return None
        date = found.date
        if date is not None and "mod" in groups:
            date = tr.narrow(date, groups["mod"])
        return TimeExpr(match.start(), match.end(), match.group(), found.value,
                        rule.type or found.type, date, rule.id)

    def _value(self, kind: str, groups: dict[str, str], context: tr.Context) -> tr.Resolved | None:
        if kind == "anniversary":
            return tr.anniversary(groups, context, self._commemorated(groups.get("event", "")))
        if kind == "time":
            day = tr.calendar_date(groups, context) if "month" in groups else None
            if day is None and "weekday" in groups:
                day = tr.weekday_date(groups, context)
            if day is None and context.argument:
                day = tr.offset_date(groups, context)
            if day is None:
                day = tr.offset_date(groups, attrs.evolve(context, argument="0D"))
            return None if day is None else tr.with_time(day, groups)
        found = RESOLVERS[kind](groups, context)
        return found if found is None else tr.with_time(found, groups)

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

    def tense(self, text: str, start: int, end: int) -> int:
        """PAST, FUTURE or NEUTRAL, from the cue words of the expression's clause.

        The verb usually comes before the expression ("met on Monday", "will visit on 20
        December"), so the nearest cue among the LEFT_WORDS before it decides, and only if
        there is none, the nearest among the RIGHT_WORDS after it. A reporting verb ("said")
        is a cue only right before the expression ("said on Monday"): elsewhere news uses it
        for past and future events alike; so is "early" of "as early as Monday" (a
        `near_future_cue`). A past participle after a future auxiliary ("will be held") is
        future.
        """
        left = self._sentences.start(text, start, 120)
        right = self._sentences.end(text, end, 80)
        before = CUE_WORD.findall(text, left, start)[::-1][:LEFT_WORDS]
        own_word = CUE_WORD.search(text, start, end)  # what follows the nearest word before
        followers = [own_word.group() if own_word else "", *before][:len(before)]
        for distance, (word, following) in enumerate(zip(before, followers, strict=True)):
            previous = before[distance + 1] if distance + 1 < len(before) else ""
            cue = self._cue(word, adjacent=distance < 2, previous=previous, following=following)
            if cue == tr.PAST and self._participle_ahead(
                    [w.lower() for w in before[distance + 1:distance + 4]]):
                return tr.FUTURE
            if cue != tr.NEUTRAL:
                return cue
        after = CUE_WORD.findall(text, end, right)[:RIGHT_WORDS]
        for previous, word, following in zip(["", *after], after, [*after[1:], ""],
                                             strict=False):
            cue = self._cue(word, adjacent=False, previous=previous, following=following)
            if cue != tr.NEUTRAL:
                return cue
        return tr.NEUTRAL

    def _participle_ahead(self, words_before: list[str]) -> bool:
        """Whether a past participle, given the (up to three) words before it nearest first,
        speaks of the future: after a future auxiliary ("will be held", "is expected to have
        signed") or as a passive infinitive ("expects the deal to be completed by 15
        December"; measured on train: "could be located" stays past)."""
        return (words_before[:2] == ["be", "to"]
                or any(w in self._future_auxiliaries for w in words_before))

    def _cue(self, word: str, adjacent: bool, previous: str, following: str) -> int:
        """The tense `word` points to; `previous` and `following` are the words around it in
        the text (a `future_verb` such as "visit" is a cue only after a `verb_marker`: "to
        visit", not "a state visit"; a `false_cue` pair is no cue: "next to", "than
        expected"). Only a word in lower case is past by its suffix: "United", "Ahmed" are
        names."""
        low, previous, following = word.lower(), previous.lower(), following.lower()
        if {f"{previous} {low}", f"{low} {following}"} & self._false_cues:
            return tr.NEUTRAL
        if low in self._future_cues or (adjacent and low in self._near_future_cues):
            return tr.FUTURE
        if low in self._future_verbs and previous in self._verb_markers:
            return tr.FUTURE
        if low in self._past_cues or (adjacent and low in self._report_cues):
            return tr.PAST
        if len(word) > 4 and word.islower() and word.endswith(self._past_suffixes):
            return tr.PAST
        return tr.NEUTRAL

    # -- the article's own date -----------------------------------------------------------

    def article_date(self, text: str) -> ArticleDate:
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
                    return self._filed(head[match.end():], found) or ArticleDate(
                        DateValue.day(found), rule.basis)
                return ArticleDate(DateValue.day(found), rule.basis)
            return self._infer_year(text, month, day, rule.basis)
        return ArticleDate(None, "none")

    def _filed(self, rest: str, published: dt.date) -> ArticleDate | None:
        """The day and month at the head of the story after the ` date` line ("ASTANA,
        August 9 (Kazinform) –", "16:15, 09 August 2024", "Astana, 9 August"), when it
        puts the story a day to three before the day it was published: the story's day."""
        months = self._vocabulary.get("month", {})
        head = rest.lstrip(" \t").split("\n", 1)[0][:100]
        found = self._day_month.search(head) if self._day_month else None
        if found is None:
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
            if 0 < (published - filed).days <= 3:
                return ArticleDate(DateValue.day(filed), "dateline+date-line-year")
        return None

    def _infer_year(self, text: str, month: int, day: int, basis: str) -> ArticleDate:
        """The year of a dateline without one, from the article's own dates and anniversaries."""
        votes = self._year_votes(text, month, day)
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

    def _year_votes(self, text: str, month: int, day: int) -> dict[int, tuple[int, int]]:
        """Each piece of evidence votes for a DCT year: {year: (votes, days)}, `days` the
        smallest distance between the dateline's day in that year and a date voting for it.

        An explicit date (the article is written within a year after a reported one, or
        before a planned one, by the tense of its sentence): 2 votes for a day, 1 for a
        month. An anniversary of an event the lexicon dates: 2
        votes for its year, or 3 for the year a "next year"/"this year"/"last year" of its
        sentence points to ("Next year ... the 80th anniversary of the Victory": 2024).
        """
        votes: dict[int, tuple[int, int]] = {}

        def vote(year: int, weight: int, days: int) -> None:
            before, closest = votes.get(year, (0, days))
            votes[year] = (before + weight, min(closest, days))

        expressions = self.tag(text, None)
        for expr in expressions:
            if expr.date is None or expr.rule in self._anniversary_rules:
                continue
            if expr.date.precision.rank > 2:
                continue
            # A past event is reported on or after its day, a planned one before it.
            ahead = self.tense(text, expr.start, expr.end) == tr.FUTURE
            year = expr.date.earliest.year
            for candidate_year in (year - 1, year) if ahead else (year, year + 1):
                try:
                    candidate = dt.date(candidate_year, month, day)
                except ValueError:
                    continue
                gap = (expr.date.earliest - candidate if ahead
                       else candidate - expr.date.latest).days
                if 0 <= gap <= 366:
                    vote(candidate_year, 2 if expr.date.precision.rank == 0 else 1, gap)
        for year, weight in self._anniversary_votes(text, expressions):
            vote(year, weight, ANNIVERSARY_DISTANCE)
        return votes

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


# -- the rules' own examples ----------------------------------------------------------------

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
