"""Time expressions and the article's own date, with the document date fixed.

Every sentence here is written for the tests, in the genre of the articles. The tagger is
compiled from a copy of the project's rules/dates.toml alone, so that the tests follow the
date rules and nothing else.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import attrs
import pytest

from timeline import dates
from timeline.dates.periods import easter_sunday
from timeline.errors import RuleError
from timeline.model import DateValue, Precision
from timeline.rules import Origin, RuleSet, load_rules

RULES = Path(__file__).resolve().parent.parent / "rules" / "dates.toml"
DCT = DateValue.day(dt.date(2024, 11, 14))  # a Thursday


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> RuleSet:
    folder = tmp_path_factory.mktemp("rules")
    shutil.copy(RULES, folder / "dates.toml")
    return load_rules(folder)


@pytest.fixture(scope="module")
def tagger(rules: RuleSet) -> dates.DateTagger:
    return dates.compile(rules)


def values(tagger: dates.DateTagger, text: str, dct: DateValue | None = DCT) -> list[
        tuple[str, str]]:
    return [(e.text, e.value) for e in tagger.tag(text, dct)]


def only(tagger: dates.DateTagger, text: str, dct: DateValue | None = DCT) -> dates.TimeExpr:
    found = tagger.tag(text, dct)
    assert len(found) == 1, found
    return found[0]


# -- explicit dates ---------------------------------------------------------------------

def test_full_dates_in_every_common_order(tagger: dates.DateTagger) -> None:
    """Day-month-year, month-day-year, ISO and numeric dates all give the same day."""
    text = ("Talks were held on 14 November 2024, on November 14, 2024, on Nov. 14 2024, "
            "on 2024-11-14, on 14.11.2024 and on the 14th of November 2024.")
    expected = [("14 November 2024", "2024-11-14"), ("November 14, 2024", "2024-11-14"),
                ("Nov. 14 2024", "2024-11-14"), ("2024-11-14", "2024-11-14"),
                ("14.11.2024", "2024-11-14"), ("the 14th of November 2024", "2024-11-14")]
    assert expected == values(tagger, text)


def test_partial_dates_keep_their_precision(tagger: dates.DateTagger) -> None:
    """A month and a year is month-precise; a year alone is year-precise."""
    found = tagger.tag("The treaty of March 1996 was ratified in 1997.", DCT)
    expected = [("1996-03", Precision.MONTH), ("1997", Precision.YEAR)]
    assert [(e.value, e.date.precision) for e in found if e.date is not None] == expected


def test_a_date_without_a_year_takes_the_dct_year_by_tense(tagger: dates.DateTagger) -> None:
    """"20 December" in a past-tense sentence is last December; in a future one, this one."""
    assert only(tagger, "The minister visited Minsk on 20 December.").value == "2023-12-20"
    assert only(tagger, "The minister will visit Minsk on 20 December.").value == "2024-12-20"
    assert only(tagger, "The forum will open on 3 February.").value == "2025-02-03"


# -- relative dates ---------------------------------------------------------------------

def test_weekdays_by_tense(tagger: dates.DateTagger) -> None:
    """"on Monday" in a past-tense sentence is the previous Monday; "next Monday" the next."""
    assert only(tagger, "The ministers met on Monday.").value == "2024-11-11"
    assert only(tagger, "The ministers will meet on Monday.").value == "2024-11-18"
    assert only(tagger, "They said talks resume next Monday.").value == "2024-11-18"
    assert only(tagger, "The talks began last Friday.").value == "2024-11-08"


def test_yesterday_today_tomorrow(tagger: dates.DateTagger) -> None:
    """The days around the DCT."""
    text = "He arrived yesterday, meets the President today and leaves tomorrow."
    assert values(tagger, text) == [("yesterday", "2024-11-13"), ("today", "2024-11-14"),
            ("tomorrow", "2024-11-15")]


def test_last_this_next_week_month_year(tagger: dates.DateTagger) -> None:
    """Calendar periods shifted from the DCT's own."""
    text = ("It was agreed last week, last month and last year; talks continue this week, "
            "this month and this year, and end next week, next month or next year.")
    expected = ["2024-W45", "2024-10", "2023", "2024-W46", "2024-11", "2024", "2024-W47",
                "2024-12", "2025"]
    assert [value for _, value in values(tagger, text)] == expected


def test_earlier_this_month_and_named_months(tagger: dates.DateTagger) -> None:
    """"earlier this month", "in April this year", "last September"."""
    text = ("Earlier this month the sides met, as they did in April this year and "
            "last September.")
    expected = [("Earlier this month", "2024-11"), ("April this year", "2024-04"),
                ("last September", "2024-09")]
    assert values(tagger, text) == expected


def test_ago_and_durations(tagger: dates.DateTagger) -> None:
    """"three years ago" is a date; "three years" and "the past two months" durations."""
    text = ("Three years ago the embassy opened; it has worked for three years, and more "
            "in the past two months.")
    found = tagger.tag(text, DCT)
    expected = [("2021", "DATE"), ("P3Y", "DURATION"), ("P2M", "DURATION")]
    assert [(e.value, e.type) for e in found] == expected


def test_present_past_and_future_references(tagger: dates.DateTagger) -> None:
    """"now", "currently", "recently" and "the future" have no calendar date."""
    text = ("Relations are now strong, trade is currently growing, it recently grew, and in "
            "the future too.")
    found = tagger.tag(text, DCT)
    expected = [("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF"),
                ("the future", "FUTURE_REF")]
    assert [(e.text, e.value) for e in found] == expected
    assert all(e.date is None for e in found)


# -- ranges, seasons, decades, quarters, halves, times ----------------------------------

def test_ranges_take_the_first_day_and_span_the_whole(tagger: dates.DateTagger) -> None:
    """"September 16-17" has the value of the 16th and a date spanning both days."""
    found = only(tagger, "The forum was held on September 16-17.")
    assert (found.text, found.value) == ("September 16-17", "2024-09-16")
    assert DateValue(dt.date(2024, 9, 16), dt.date(2024, 9, 17), Precision.DAY) == found.date
    pair = only(tagger, "The talks were held on 8 and 9 May.")
    assert (dt.date(2024, 5, 8), dt.date(2024, 5, 9)) == (pair.date.earliest, pair.date.latest)


def test_seasons_decades_quarters_halves(tagger: dates.DateTagger) -> None:
    """Periods coarser than a month, each with its precision."""
    text = "Since the 1990s, in summer 2023, in the third quarter of 2024 and in H2 2019."
    found = tagger.tag(text, DCT)
    expected = [("199", Precision.DECADE), ("2023-SU", Precision.SEASON),
                ("2024-Q3", Precision.QUARTER), ("2019-H2", Precision.HALF)]
    assert [(e.value, e.date.precision) for e in found if e.date is not None] == expected


def test_times_of_day(tagger: dates.DateTagger) -> None:
    """A clock time on a day, and parts of the day."""
    assert only(tagger, "8 May. 16:40").value == "2024-05-08T16:40"
    assert only(tagger, "The delegation landed this morning.").value == "2024-11-14TMO"


def test_modifiers_mark_the_date_approximate(tagger: dates.DateTagger) -> None:
    """"early December" is approximate, within December, and still month-precise."""
    found = only(tagger, "The visit is planned for early December.")
    assert found.date is not None
    assert (found.date.precision, found.date.approximate) == (Precision.MONTH, True)
    assert dt.date(2024, 12, 1) == found.date.earliest
    assert found.date.latest < dt.date(2024, 12, 15)


# -- false friends and metadata -----------------------------------------------------------

def test_false_friends_are_refused(tagger: dates.DateTagger) -> None:
    """"may" the verb, "We", "$27", "march" the verb, bare numbers, ages and "a second"
    (the ordinal) are no dates."""
    text = ("We may march together, the minister said. It costs $27 and 1500 people came; "
            "45 delegates and 3 ministers attended. A second group of 52-year-old envoys "
            "left.")
    assert values(tagger, text) == []


def test_the_date_line_is_metadata(tagger: dates.DateTagger) -> None:
    """The leading ` date YYYY-MM-DD` line is not reported as an expression."""
    text = " date 2021-05-09 ASTANA. The talks were held on 7 May."
    assert values(tagger, text, DateValue.day(dt.date(2021, 5, 9))) == [("7 May", "2021-05-07")]


def test_relative_dates_without_a_dct_have_no_date(tagger: dates.DateTagger) -> None:
    """With no document date, "yesterday" is found but never dated from the clock."""
    found = only(tagger, "The talks ended yesterday.", None)
    assert (found.text, found.date) == ("yesterday", None)


def test_offsets_are_string_indices(tagger: dates.DateTagger) -> None:
    """start/end index the text as Python reads it, non-ASCII letters included."""
    text = "Переговоры — the talks — ended on 3 July 2023."
    found = only(tagger, text)
    assert text[found.start:found.end] == "3 July 2023"


# -- the article's own date -------------------------------------------------------------

def test_article_date_from_the_date_line(tagger: dates.DateTagger) -> None:
    """The ` date YYYY-MM-DD` first line gives the DCT."""
    found = tagger.article_date(" date 2021-05-09 NUR-SULTAN. KAZINFORM - The talks ended.")
    assert ArticleDateView("2021-05-09", "date-line") == ArticleDateView.of(found)


@pytest.mark.parametrize(("text", "expected"), [
    (" date 2024-08-10 ASTANA, August 9 (Kazinform) – The leaders met.",
     ("2024-08-09", "dateline+date-line-year")),
    (" date 2025-01-01 MINSK, 31 December (BelTA) – The presidents spoke.",
     ("2024-12-31", "dateline+date-line-year")),
    (" date 2017-12-01 16:15, 30 November 2017 | GMT +6\nASTANA. KAZINFORM – The talks ended.",
     ("2017-11-30", "dateline+date-line-year")),
    (" date 2024-08-10 Astana, 9 August – The leaders met.",
     ("2024-08-09", "dateline+date-line-year")),
    (" date 2024-08-10 ASTANA, August 2 (Kazinform) – An older story, republished.",
     ("2024-08-10", "date-line")),
    (" date 2024-08-10 ASTANA, August 12 (Kazinform) – A dateline after publication.",
     ("2024-08-10", "date-line")),
    # A day the lead sentence names is the day of what it tells, not the story's day.
    (" date 2016-12-05 The parliamentary vote held on December 4 returned a new speaker.",
     ("2016-12-05", "date-line")),
    (" date 2024-08-10 On August 9, the two presidents met in Astana.",
     ("2024-08-10", "date-line")),
])
def test_a_dateline_just_before_the_date_line_is_the_storys_day(
        tagger: dates.DateTagger, text: str, expected: tuple[str, str]) -> None:
    """Wire copy is filed on its dateline's day and often published, or collected, a day
    later: a dateline up to three days before the ` date` line dates the story."""
    assert ArticleDateView(*expected) == ArticleDateView.of(tagger.article_date(text))


def test_article_date_from_a_header_line(tagger: dates.DateTagger) -> None:
    """A header "20 September 2021, 21:16" gives the DCT."""
    found = tagger.article_date("20 September 2021, 21:16\nThe ministers met in Baku.")
    assert ArticleDateView("2021-09-20", "header") == ArticleDateView.of(found)


def test_dateline_year_inferred_from_explicit_dates(tagger: dates.DateTagger) -> None:
    """A dateline without a year takes the year that puts the article just after its own
    reported past events."""
    text = ("BAKU, 20 December (AzerTAg) – The ambassador said the agreement signed on "
            "14 November 2024 had entered into force.")
    assert ArticleDateView("2024-12-20", "dateline+year-inferred") == ArticleDateView.of(
        tagger.article_date(text))


def test_dateline_without_any_year_evidence(tagger: dates.DateTagger) -> None:
    """No evidence at all: no date, and the basis says so. Never today's year."""
    text = "ASTANA, September 26. /TASS/. The ministers discussed trade and transit."
    assert ArticleDateView(None, "dateline+year-unknown") == ArticleDateView.of(
        tagger.article_date(text))


def test_dateline_with_weak_evidence_is_year_uncertain(tagger: dates.DateTagger) -> None:
    """Only a month-precise past date: the year is kept but marked uncertain."""
    text = "MINSK, 20 December (BelTA) – The plan adopted in October 2024 is being carried out."
    found = tagger.article_date(text)
    assert ArticleDateView("2024-12-20", "dateline+year-uncertain") == ArticleDateView.of(found)
    assert found.date is not None and found.date.year_uncertain


def test_no_date_at_all(tagger: dates.DateTagger) -> None:
    """An article without any date has none."""
    assert dates.ArticleDate(None, "none") == tagger.article_date("The ministers met.")


@attrs.frozen
class FakeCommemoration:
    """Stands in for the lexicon's commemoration item (name, aliases, date)."""

    name: str
    aliases: tuple[str, ...]
    date: dt.date


def test_anniversary_from_the_commemorated_date(rules: RuleSet) -> None:
    """"the 79th anniversary of the Great Victory" is 1945-05-09 plus 79 years."""
    tagger = dates.compile(with_commemoration(rules))
    found = only(tagger, "They marked the 79th anniversary of the Great Victory.")
    assert (found.value, found.date.precision) == ("2024-05-09", Precision.DAY)


def test_dateline_year_inferred_from_next_year_anniversary(rules: RuleSet) -> None:
    """"Next year ... the 80th anniversary of the Great Victory" (1945): the article is of 2024."""
    tagger = dates.compile(with_commemoration(rules))
    text = ("MINSK, 20 December (BelTA) – Relations are strong. Next year our countries "
            "will celebrate the 80th anniversary of the Great Victory.")
    assert ArticleDateView("2024-12-20", "dateline+year-inferred") == ArticleDateView.of(
        tagger.article_date(text))


def with_commemoration(rules: RuleSet) -> RuleSet:
    victory = FakeCommemoration("Victory in the Great Patriotic War", ("Great Victory",),
                                dt.date(1945, 5, 9))
    sections = {**rules.sections, "commemoration": (victory,)}
    origins = {**rules.origins, "commemoration": (Origin("lexicon.toml", 1),)}
    return attrs.evolve(rules, sections=sections, origins=origins)


@attrs.frozen
class ArticleDateView:
    iso: str | None
    basis: str

    @classmethod
    def of(cls, found: dates.ArticleDate) -> ArticleDateView:
        return cls(found.date.iso if found.date else None, found.basis)


# -- the rule files ---------------------------------------------------------------------

def test_a_bad_pattern_names_the_file_and_the_key(tmp_path: Path) -> None:
    """A pattern that is no regular expression stops loading with file and key path."""
    (tmp_path / "dates.toml").write_text(
        '[[date]]\nid = "broken"\nkind = "calendar"\npattern = "(?P<year>\\\\d{4}"\n')
    with pytest.raises(RuleError) as caught:
        load_rules(tmp_path)
    assert "dates.toml at $.date[0]" in str(caught.value)


def test_an_unknown_vocabulary_names_the_rule(tmp_path: Path) -> None:
    """A `{placeholder}` with no vocabulary is refused at compile time, with file:line."""
    (tmp_path / "dates.toml").write_text(
        '# a rule with a typo\n[[date]]\nid = "typo"\nkind = "calendar"\npattern = "{monht}"\n')
    with pytest.raises(RuleError) as caught:
        dates.compile(load_rules(tmp_path))
    assert "dates.toml:2 (typo)" in str(caught.value)
    assert "unknown vocabulary {monht}" in str(caught.value)


# -- anchors, sets, holidays ------------------------------------------------------------

def test_a_clock_time_takes_the_day_of_its_sentence(tagger: dates.DateTagger) -> None:
    """"at 10:35" on the day its sentence names, before or after it; else the DCT's day."""
    text = ("The delegation landed at 10:35 a.m. on 12 November 2024. "
            "The talks began at 16:00.")
    assert [e.value for e in tagger.tag(text, DCT)] == [
        "2024-11-12T10:35", "2024-11-12", "2024-11-14T16:00"]


def test_the_next_day_follows_the_day_named_before(tagger: dates.DateTagger) -> None:
    """"the next day" is the day after the latest day the text named, not after the DCT."""
    text = "The forum opened on 3 May 2024. The ministers met the next day."
    assert [e.value for e in tagger.tag(text, DCT)] == ["2024-05-03", "2024-05-04"]


def test_the_same_day_counts_from_the_last_day_named_not_a_coarser_period(
        tagger: dates.DateTagger) -> None:
    text = ("The ministers met on 9 November 2019 and agreed to convene the commission in "
            "the first half of 2020. The same day, the minister was received by the speaker.")
    assert [e.value for e in tagger.tag(text, DCT)] == ["2019-11-09", "2020-H1", "2019-11-09"]


@pytest.mark.parametrize(("text", "expected"), [
    ("The commission sat in Cholpon-Ata on 5 August 2022. In 2019 it had met in Minsk. "
     "On 6 August the guests were received by the premier.",
     ["2022-08-05", "2019", "2022-08-06"]),
    ("The talks began on 30 December 2019 and ended on 2 January.",
     ["2019-12-30", "2020-01-02"]),
])
def test_without_a_dct_a_day_and_month_are_near_the_day_told_last(
        tagger: dates.DateTagger, text: str, expected: list[str]) -> None:
    assert [e.value for e in tagger.tag(text, None)] == expected


def test_without_a_dct_a_day_and_month_alone_stay_without_a_year(
        tagger: dates.DateTagger) -> None:
    assert values(tagger, "The guests were received on 6 August.", None) == [
        ("6 August", "XXXX-08-06")]


def test_a_year_earlier_compares_with_the_period_of_its_sentence(
        tagger: dates.DateTagger) -> None:
    """Trade grew in the third quarter from a year earlier: the third quarter of last year."""
    found = tagger.tag("Trade grew 5% in the third quarter from a year earlier.", DCT)
    assert [(e.text, e.value) for e in found] == [("the third quarter", "2024-Q3"),
                                                  ("a year earlier", "2023-Q3")]


def test_recurring_times_are_sets(tagger: dates.DateTagger) -> None:
    """"daily", "every Thursday", "on Sundays" have SET values and no calendar date."""
    found = tagger.tag("Flights run daily, the market meets every Thursday and shuts on "
                       "Sundays.", DCT)
    assert [(e.value, e.type, e.date) for e in found] == [
        ("P1D", "SET", None), ("XXXX-WXX-4", "SET", None), ("XXXX-WXX-7", "SET", None)]


def test_fixed_holidays(tagger: dates.DateTagger) -> None:
    """Victory Day is 9 May; Nauryz 22 March."""
    text = "The leaders met on Victory Day and again at Nauryz."
    assert [e.value for e in tagger.tag(text, DCT)] == ["2024-05-09", "2024-03-22"]


def test_moveable_holidays_are_computed_for_their_year(tagger: dates.DateTagger) -> None:
    """Easter and the feasts around it move with the computus; Black Friday is the day
    after Thanksgiving, whatever weekday 1 November falls on."""
    text = ("Shops closed on Good Friday 2019 and reopened on Easter Monday 2019. "
            "Queues formed on Black Friday 2019.")
    assert [e.value for e in tagger.tag(text, DCT)] == [
        "2019-04-19", "2019-04-22", "2019-11-29"]


@pytest.mark.parametrize(("year", "easter"), [
    (2008, dt.date(2008, 3, 23)), (2011, dt.date(2011, 4, 24)), (2024, dt.date(2024, 3, 31)),
    (2038, dt.date(2038, 4, 25))])
def test_easter_sunday(year: int, easter: dt.date) -> None:
    assert easter_sunday(year) == easter


def test_a_holiday_with_last_or_next(tagger: dates.DateTagger) -> None:
    """"last Thanksgiving" is the latest one before the DCT, "next Easter" the first after."""
    text = "The boat sank last Thanksgiving; the bridge opens next Easter."
    assert values(tagger, text) == [("last Thanksgiving", "2023-11-23"),
                                    ("next Easter", "2025-04-20")]


def test_a_range_of_counts_is_one_duration(tagger: dates.DateTagger) -> None:
    """"two to three weeks" is one duration valued by its first count; an age is none."""
    assert values(tagger, "Repairs will take two to three weeks.") == [
        ("two to three weeks", "P2W")]
    assert values(tagger, "Pupils aged 10 to 12 years old took part.") == []


def test_days_of_a_month_joined_by_and(tagger: dates.DateTagger) -> None:
    """"the 15th and 16th of March" is one range of days in March, not "the 15th" alone."""
    assert values(tagger, "The forum met on the 15th and 16th of March.") == [
        ("the 15th and 16th of March", "2024-03-15")]


def test_the_week_of_a_day_and_the_week_a_report_sums_up(tagger: dates.DateTagger) -> None:
    """"the week of 4 March" is that day's week; "for the week" the week of the day named
    last."""
    assert values(tagger, "The hearing is set for the week of 4 March 2024.") == [
        ("the week of 4 March 2024", "2024-W10")]
    text = "The index rose 1% on 8 November 2024. For the week, it fell 3%."
    assert values(tagger, text) == [("8 November 2024", "2024-11-08"),
                                    ("the week", "2024-W45")]


def test_the_latter_half_of_a_year(tagger: dates.DateTagger) -> None:
    assert values(tagger, "Output rose in the latter half of 2023.") == [
        ("the latter half of 2023", "2023-H2")]


def test_one_day_after_a_modal_is_the_future(tagger: dates.DateTagger) -> None:
    """"will one day" names no duration but an unspecified future day."""
    assert values(tagger, "The old bridge will one day be rebuilt.") == [
        ("one day", "FUTURE_REF")]
    assert values(tagger, "The vote was delayed by one day.") == [("one day", "P1D")]


def test_a_passive_infinitive_points_to_the_future(tagger: dates.DateTagger) -> None:
    """"expects the deal to be completed by 15 December" is December to come, although
    "completed" looks like a past verb."""
    text = "The bank expects the deal to be completed by 15 December."
    assert values(tagger, text) == [("15 December", "2024-12-15")]


def test_the_morning_of_a_date_is_the_date_alone(tagger: dates.DateTagger) -> None:
    """TimeBank marks "the morning of 5 March" as the date; no separate "the morning"."""
    assert values(tagger, "The results came on the morning of 5 March.") == [
        ("5 March", "2024-03-05")]


def test_halves_of_units_in_durations(tagger: dates.DateTagger) -> None:
    """"two and a half years" is P2Y6M, as TIMEX3 writes it."""
    assert only(tagger, "The project took two and a half years.").value == "P2Y6M"


def test_year_ranges_span_both_years(tagger: dates.DateTagger) -> None:
    """"2025-2026" has the value of its first year and a date spanning both."""
    found = only(tagger, "The action plan for 2025-2026 was adopted.")
    assert found.date is not None
    assert (found.value, found.date.earliest, found.date.latest) == (
        "2025", dt.date(2025, 1, 1), dt.date(2026, 12, 31))


@attrs.frozen
class FakeJointCommemoration:
    """A lexicon commemoration with a kind and the countries it concerns."""

    name: str
    aliases: tuple[str, ...]
    date: dt.date
    kind: str
    countries: tuple[str, ...]


def test_anniversary_found_by_kind_and_countries(rules: RuleSet) -> None:
    """"diplomatic relations between Russia and Kazakhstan" finds the entry of that kind
    naming both countries; the article's year follows from it."""
    relations = FakeJointCommemoration("Relations of Kazakhstan and Russia", (),
                                       dt.date(1992, 10, 22), "diplomatic relations",
                                       ("Kazakhstan", "Russia"))
    sections = {**rules.sections, "commemoration": (relations,)}
    origins = {**rules.origins, "commemoration": (Origin("lexicon.toml", 1),)}
    tagger = dates.compile(attrs.evolve(rules, sections=sections, origins=origins))
    text = ("MOSCOW, November 28. /TASS/. The leaders marked the 30th anniversary of "
            "diplomatic relations between Russia and Kazakhstan.")
    found = [e for e in tagger.tag(text, None) if e.rule == "anniversary"]
    assert [e.value for e in found] == ["2022-10-22"]
    assert ArticleDateView.of(tagger.article_date(text)) == ArticleDateView(
        "2022-11-28", "dateline+year-inferred")


def test_dateline_year_from_a_planned_event(tagger: dates.DateTagger) -> None:
    """A planned event's date lies after the article: "will be held on 5 January 2025" in
    an article of 20 December makes it December 2024."""
    text = ("ASTANA, 20 December (Kazinform) – The next summit will be held on "
            "5 January 2025 in Tashkent.")
    assert ArticleDateView.of(tagger.article_date(text)) == ArticleDateView(
        "2024-12-20", "dateline+year-inferred")


# -- comparisons in reports, narrative distances, recurring periods ----------------------

def test_a_year_earlier_compares_with_the_quarter_of_the_report(
        tagger: dates.DateTagger) -> None:
    """A report on the third quarter: "a year earlier" in a later sentence, and "the 2023
    period", are the third quarter of last year."""
    text = ("The exporter's third-quarter profit rose 12%. Sales grew to $4 million from "
            "$3 million a year earlier. In the 2023 period, costs were higher.")
    expected = [("third-quarter", "2024-Q3"), ("a year earlier", "2023-Q3"),
                ("the 2023 period", "2023-Q3")]
    assert expected == values(tagger, text)


def test_a_planned_quarter_is_not_the_quarter_of_the_report(
        tagger: dates.DateTagger) -> None:
    """A quarter still to come is no period a report compares with a year before."""
    text = ("Deliveries resume in the first quarter of 2025. Exports fell 3% from a year "
            "earlier.")
    expected = [("the first quarter of 2025", "2025-Q1"), ("a year earlier", "2023")]
    assert expected == values(tagger, text)


def test_units_later_or_earlier_are_durations(tagger: dates.DateTagger) -> None:
    """"three days later", "a day earlier": TimeML marks the distance, a duration; "ago"
    counts back from the document date."""
    text = ("The envoy arrived on 2 May 2024. Three days later the talks began; a day "
            "earlier the agenda was agreed, and two years ago the line was opened.")
    expected = [("2 May 2024", "2024-05-02"), ("Three days", "P3D"), ("a day", "P1D"),
                ("two years ago", "2022")]
    assert expected == values(tagger, text)


def test_recurring_months_and_units(tagger: dates.DateTagger) -> None:
    """"each July" is XXXX-07; "every quarter" P1Q; "every four years" P4Y; "twice a
    year" P1Y."""
    text = ("The forum meets each July, reports every quarter, elects its board every "
            "four years and holds talks twice a year.")
    expected = [("each July", "XXXX-07"), ("every quarter", "P1Q"),
                ("every four years", "P4Y"), ("twice a year", "P1Y")]
    assert expected == values(tagger, text)
    assert {"SET"} == {e.type for e in tagger.tag(text, DCT)}


def test_next_years_quarter(tagger: dates.DateTagger) -> None:
    """"next year's first quarter" is one expression: the first quarter of next year."""
    expected = [("next year's first quarter", "2025-Q1")]
    assert expected == values(tagger, "The plant could open as early as next year's first "
                                      "quarter.")


def test_infinitives_of_plans_point_to_the_future(tagger: dates.DateTagger) -> None:
    """"set to resume Monday", "planning to march on Monday", "as early as Monday": the
    coming Monday, whatever past verb comes before."""
    assert only(tagger, "The talks, which stalled after a walkout, are set to resume "
                        "Monday.").value == "2024-11-18"
    assert only(tagger, "Protesters gathered and were planning to march to the embassy "
                        "on Monday.").value == "2024-11-18"
    assert only(tagger, "The envoy, who left in a hurry, could be back as early as "
                        "Monday.").value == "2024-11-18"


def test_years_said_in_words(tagger: dates.DateTagger) -> None:
    """Transcripts write years in words: "nineteen ninety-six", "the year two thousand"."""
    text = ("The plant closed in nineteen ninety-six, reopened in January nineteen "
            "ninety-seven and was to double its output by the year two thousand.")
    expected = [("nineteen ninety-six", "1996"), ("January nineteen ninety-seven", "1997-01"),
                ("the year two thousand", "2000")]
    assert expected == values(tagger, text)


def test_the_weekend_by_tense(tagger: dates.DateTagger) -> None:
    """"the weekend" in a past-tense sentence is the last one; in a future one the next."""
    assert only(tagger, "The talks went on over the weekend.").value == "2024-W45-WE"
    assert only(tagger, "The talks will go on over the weekend.").value == "2024-W46-WE"


def test_years_joined_by_words_are_two_expressions(tagger: dates.DateTagger) -> None:
    """"from 1991 to 1997" names two years (TimeML marks each); "2025-2026" is one range."""
    expected = [("1991", "1991"), ("1997", "1997"), ("2025-2026", "2025")]
    assert expected == values(tagger, "The envoy served from 1991 to 1997; the plan for "
                                      "2025-2026 was adopted.")


def test_a_noun_that_names_a_plan_is_no_tense_cue(tagger: dates.DateTagger) -> None:
    """"on a state visit", "a trip", "the talks": nouns, so the past tense of the main verb
    decides ("arrived ... on Wednesday": the Wednesday before); "to visit" is a verb."""
    assert only(tagger, "The president arrived in Vilnius on a state visit on "
                        "Wednesday.").value == "2024-11-13"
    assert only(tagger, "The minister returned from a short trip on Monday after the "
                        "talks.").value == "2024-11-11"
    assert only(tagger, "The foreign minister is set to visit Vilnius on "
                        "Wednesday.").value == "2024-11-20"


def test_a_cue_word_in_a_fixed_phrase_is_no_tense_cue(tagger: dates.DateTagger) -> None:
    """"next to the embassy" is a place and "than expected" a comparison: the past tense
    around them decides."""
    assert only(tagger, "A bomb ripped through a building next to the embassy in Nairobi, "
                        "Kenya Wednesday morning.").value == "2024-11-13TMO"
    assert only(tagger, "Shares rose more than expected on Tuesday.").value == "2024-11-12"


def test_a_capitalised_name_ending_in_ed_is_no_past_cue(tagger: dates.DateTagger) -> None:
    """"United" (States), "Ahmed" end like past verbs but are names: the future tense
    before them decides."""
    assert only(tagger, "The device will go on sale in the United States in late "
                        "March.").value == "2025-03"
    assert only(tagger, "The talks will be chaired by Ahmed on Monday.").value == "2024-11-18"


def test_a_present_tense_schedule_is_future(tagger: dates.DateTagger) -> None:
    """News writes a scheduled event in the present: "the season begins", "she succeeds
    him"; past forms of the same verbs stay past."""
    assert only(tagger, "The new season begins on Monday.").value == "2024-11-18"
    assert only(tagger, "Ms Barra succeeds Mr Akerson on January 15.").value == "2025-01-15"
    assert only(tagger, "Ms Barra became chief executive on Monday.").value == "2024-11-11"


def test_an_irregular_past_verb_is_a_past_cue(tagger: dates.DateTagger) -> None:
    """Irregular past forms mark the past as "-ed" ones do."""
    assert only(tagger, "The minister flew to Astana on Friday.").value == "2024-11-08"
    assert only(tagger, "The delegation withdrew from the talks on Friday.").value \
        == "2024-11-08"


def test_dateline_year_tie_goes_to_the_date_on_the_datelines_day(
        tagger: dates.DateTagger) -> None:
    """Explicit dates vote equally for two or three years: the one written on the very day
    and month of the dateline decides, not the earliest year."""
    text = ("MINSK, 14 November (BelTA) – The agreement signed on 14 November 2024 builds "
            "on the memorandum of 20 December 2022, the ministry said.")
    assert ArticleDateView("2024-11-14", "dateline+year-inferred") == ArticleDateView.of(
        tagger.article_date(text))


def test_dateline_year_tie_without_a_close_date_goes_to_the_later_year(
        tagger: dates.DateTagger) -> None:
    """A month-precise date a year apart from another, each as far before the dateline's
    day in its own year (June 2023 before 15 June 2024, June 2024 before 15 June 2025):
    the later year wins."""
    text = ("MINSK, 15 June (BelTA) – The plant built in June 2023 and the line opened in "
            "June 2024 were shown to the delegation.")
    found = tagger.article_date(text)
    assert found.date is not None and found.date.earliest.year == 2025


def test_an_abbreviation_does_not_end_the_sentence(tagger: dates.DateTagger) -> None:
    """"p.m.", "U.S.", "Jan.": the full stop closes a word, not the sentence, so the tense
    cue before it still counts ("will close at 8 p.m. EST on Sunday": the next Sunday)."""
    assert values(tagger, "The polls will close at 8 p.m. EST (0100 UTC) on Sunday.") == [
        ("8 p.m. EST", "2024-11-17T20:00"), ("0100 UTC", "2024-11-17T01:00"),
        ("Sunday", "2024-11-17")]
    assert only(tagger, "The U.S. envoy will arrive in the Gulf on Sunday.").value == \
        "2024-11-17"


def test_an_obligation_points_to_the_future(tagger: dates.DateTagger) -> None:
    """"must submit ... by Tuesday": the coming Tuesday."""
    assert only(tagger, "The carmaker must submit its restructuring plan by "
                        "Tuesday.").value == "2024-11-19"


def test_a_day_of_the_month_alone(tagger: dates.DateTagger) -> None:
    """"on the 5th": a day of the DCT's month, the month before when the sentence is past
    and the day still to come, the month after when it is future and the day gone."""
    assert only(tagger, "The vote took place on the 5th.").value == "2024-11-05"
    assert only(tagger, "The vote took place on the 20th.").value == "2024-10-20"
    assert only(tagger, "The results will be announced on the 2nd.").value == "2024-12-02"
    assert values(tagger, "Firefighters reached the 15th floor.") == []


def test_a_season_in_a_name_is_no_season(tagger: dates.DateTagger) -> None:
    """"the 2008 Summer Olympics": a year, and the name of the games."""
    assert values(tagger, "She won gold at the 2008 Summer Olympics and the Winter "
                          "Games.") == [("2008", "2008")]
