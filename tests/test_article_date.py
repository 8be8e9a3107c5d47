"""The year of a dateline that has none (issue 13, item 2): the article's own dated
evidence, strongest first. Every text is ours."""

from __future__ import annotations

import datetime as dt

import pytest

from test_extract import events
from timeline import dates, extract
from timeline.rules import RuleSet


@pytest.fixture(scope="module")
def tagger(rules: RuleSet) -> dates.DateTagger:
    return dates.compile(rules)


def article_date(tagger: dates.DateTagger, text: str) -> tuple[str | None, str, bool]:
    found = tagger.article_date(text)
    return (found.date.iso if found.date else None, found.basis,
            bool(found.date and found.date.year_uncertain))


def test_a_full_date_in_the_lead_outweighs_later_ones(tagger: dates.DateTagger) -> None:
    """The dateline's own paragraph tells the story; two background dates further down,
    each within a year of the dateline's day in another year, do not outvote it."""
    text = ("BISHKEK, Oct. 2 (Xinhua) -- The ministers signed the transit agreement on "
            "Oct. 1, 2024, the foreign ministry said.\n\n"
            "The two countries signed a memorandum on 5 March 2023 and a protocol on "
            "14 June 2023.")
    assert article_date(tagger, text) == ("2024-10-02", "dateline+year-inferred", False)


def test_a_caption_before_the_dateline_is_the_lead(tagger: dates.DateTagger) -> None:
    text = ("Photo taken on 30 September 2023 shows the new terminal.\n"
            "ASHGABAT, Oct. 2 (Xinhua) -- The terminal opened to traffic.\n\n"
            "Construction began after the agreement of 12 November 2021.")
    assert article_date(tagger, text) == ("2023-10-02", "dateline+year-inferred", False)


def test_the_reported_past_bounds_the_year_from_below(tagger: dates.DateTagger) -> None:
    """Relations established in January 1992 would put a 2 October dateline in 1992, but
    the article also reports a celebration held in 2022: it is no older than that year's
    end, and with nothing closer the year stays uncertain."""
    text = ("BISHKEK, Oct. 2 (Xinhua) -- Relations were established on 8 January 1992, "
            "and their 30th anniversary was celebrated in 2022.")
    assert article_date(tagger, text) == ("2023-10-02", "dateline+year-uncertain", True)


def test_a_vague_phrase_gives_no_year(tagger: dates.DateTagger) -> None:
    text = ("BISHKEK, Oct. 2 (Xinhua) -- A parade was held for the first time in a decade, "
            "the city said.")
    assert article_date(tagger, text) == (None, "dateline+year-unknown", False)


def test_a_weekday_resolves_against_the_inferred_date(extractor: extract.Extractor) -> None:
    """"landed here Friday" in a story of Wednesday 2 October 2024 is 27 September."""
    text = ("BISHKEK, Oct. 2 (Xinhua) -- Chinese Foreign Minister Wang Yi arrived here "
            "Friday for talks, the ministry said on Oct. 2, 2024.")
    assert events(extractor, text) == ["visit: Kyrgyzstan + Wang Yi | held | 2024-09-27"]
    assert dt.date(2024, 9, 27).weekday() == 4  # a Friday


def test_days_without_a_year_give_no_vote(tagger: dates.DateTagger) -> None:
    """A day and month with no year take one from the day told before them only once the
    article's date is known: as evidence for that date they would vote for themselves."""
    text = ("MINSK, March 3 (BelTA) -- Belarus will mark the 80th anniversary of the "
            "liberation of Minsk on 3 July.\n\n"
            "The two leaders last met in Sochi on 20 September 2023. The sides agreed on "
            "5 March to open a new consulate, and on 9 March on a visa-free regime.")
    assert article_date(tagger, text)[0] == "2024-03-03"


def test_an_article_without_a_year_is_scanned_once(rules: RuleSet,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Its dates are tagged twice (to find the year, then with it) from one scan: what
    the rules match does not depend on the year. Another text is scanned afresh."""
    from timeline.dates.scan import Scanner

    scans: list[str] = []
    matches = Scanner.matches
    monkeypatch.setattr(Scanner, "matches", lambda self, text, start: (
        scans.append(text), matches(self, text, start))[1])
    tagger = dates.compile(rules)
    text = ("BISHKEK, Oct. 2 (Xinhua) -- The ministers met on Oct. 1, 2024, and will meet "
            "again on Friday.")
    found = tagger.article_date(text)
    expressions = tagger.tag(text, found.date)
    assert found.basis == "dateline+year-inferred" and len(expressions) >= 2
    assert scans == [text]
    tagger.tag(text.replace("Friday", "Monday"), found.date)
    assert len(scans) == 2
