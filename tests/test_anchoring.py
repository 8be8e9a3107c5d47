"""Narrative anchoring (issue 13): an event with no date of its own takes the date of the
event it is part of, or of the moment the passage set, never the article's day by
default; a recalled past stays undated. Every text is ours, the article date fixed."""

from __future__ import annotations

import datetime as dt

import pytest

from test_extract import document, events
from timeline import extract


def bases(extractor: extract.Extractor, text: str, day: dt.date) -> list[tuple[str, str]]:
    """(type, date basis) of each observation, in text order."""
    trace = extractor.trace(document(text), day)
    return [(o.type, o.date_basis) for o in trace.extraction.observations]


def test_on_the_sidelines_takes_the_date_of_the_event_told_before(
        extractor: extract.Extractor) -> None:
    text = ("Kassym-Jomart Tokayev attended the meeting of the Eurasian Intergovernmental "
            "Council in Yerevan on 9 October.\n\nOn the sidelines, Tokayev met the Armenian "
            "prime minister.")
    assert events(extractor, text, dt.date(2024, 10, 11)) == [
        "meeting: Eurasian Intergovernmental Council | held | 2024-10-09",
        "meeting: Kassym-Jomart Tokayev + Nikol Pashinyan | held | 2024-10-09"]
    assert bases(extractor, text, dt.date(2024, 10, 11))[1] == ("meeting", "anchored")


@pytest.mark.parametrize("opening", [
    "During the visit,", "As part of the visit,", "Within the framework of the visit,",
    "In the course of his visit,"])
def test_an_event_inside_the_visit_told_before_takes_its_date(
        extractor: extract.Extractor, opening: str) -> None:
    text = (f"Shavkat Mirziyoyev arrived in Baku on 3 March.\n\n{opening} the Uzbek "
            "President met Ilham Aliyev.")
    assert events(extractor, text, dt.date(2024, 3, 5)) == [
        "meeting: Ilham Aliyev + Shavkat Mirziyoyev | held | 2024-03-03",
        "visit: Azerbaijan + Shavkat Mirziyoyev | held | 2024-03-03"]


def test_the_sentence_a_meeting_continues_gives_its_day(extractor: extract.Extractor) -> None:
    text = ("Kazakh Foreign Minister Murat Nurtleu visited Riga on 3 March. He held talks "
            "with Latvian Prime Minister Evika Silina.")
    assert events(extractor, text, dt.date(2024, 3, 5)) == [
        "meeting: Evika Silina + Murat Nurtleu | held | 2024-03-03",
        "visit: Latvia + Murat Nurtleu | held | 2024-03-03"]


def test_a_planned_event_takes_the_future_moment_the_sentence_before_names(
        extractor: extract.Extractor) -> None:
    text = ("In 2021 Tajikistan will chair the Collective Security Treaty Organization. "
            "A session of the CSTO Collective Security Council will be held in Dushanbe.")
    assert events(extractor, text, dt.date(2020, 7, 27)) == [
        "meeting: CSTO Collective Security Council | planned | 2021"]


@pytest.mark.parametrize("year_named", [
    "Tajikistan takes over the chairmanship of the CSTO in 2021.",
    "Next year Tajikistan will chair the CSTO.",
])
def test_an_undated_plan_is_set_in_the_one_year_ahead_the_article_names(
        extractor: extract.Extractor, year_named: str) -> None:
    text = ("Emomali Rahmon received the CSTO Secretary General. " + year_named + "\n\n"
            "The sides discussed preparations for the session of the Collective Security "
            "Council of the CSTO, which will be held in Dushanbe.")
    assert events(extractor, text, dt.date(2020, 7, 27)) == [
        "meeting: CSTO Collective Security Council | planned | 2021"]
    assert bases(extractor, text, dt.date(2020, 7, 27)) == [("meeting", "ahead")]


@pytest.mark.parametrize("also_ahead", [
    "Trade is to reach one billion dollars by 2025.",  # another year ahead
    "The commission will meet in September.",  # a moment ahead in the article's own year
])
def test_an_undated_plan_stays_on_the_articles_day_when_the_years_ahead_differ(
        extractor: extract.Extractor, also_ahead: str) -> None:
    text = ("Tajikistan takes over the chairmanship of the CSTO in 2021. " + also_ahead
            + "\n\nThe sides discussed preparations for the session of the Collective "
            "Security Council of the CSTO, which will be held in Dushanbe.")
    assert events(extractor, text, dt.date(2020, 7, 27)) == [
        "meeting: CSTO Collective Security Council | planned | 2020-07-27"]


def test_an_undated_event_elsewhere_than_the_lead_is_on_the_articles_day(
        extractor: extract.Extractor) -> None:
    text = ("Kassym-Jomart Tokayev attended the meeting of the Eurasian Intergovernmental "
            "Council in Yerevan on 9 October.\n\nTokayev met the Armenian prime minister "
            "in Astana.")
    assert events(extractor, text, dt.date(2024, 10, 11))[1] == (
        "meeting: Kassym-Jomart Tokayev + Nikol Pashinyan | held | 2024-10-11")


def test_earlier_is_the_month_of_the_article(extractor: extract.Extractor) -> None:
    assert events(extractor, "Earlier, Kassym-Jomart Tokayev met Nikol Pashinyan.",
                  dt.date(2024, 10, 11)) == [
        "meeting: Kassym-Jomart Tokayev + Nikol Pashinyan | held | 2024-10"]


@pytest.mark.parametrize("text", [
    "\u201cI remember your visit to Astana,\u201d Tokayev told Pashinyan.",
    "Tokayev recalled Pashinyan's visit to Astana.",
    "Tokayev warmly remembered Pashinyan's visit to Astana."])
def test_a_recalled_past_with_no_date_stays_undated(extractor: extract.Extractor,
                                                    text: str) -> None:
    assert events(extractor, text, dt.date(2024, 10, 11)) == [
        "visit: Kazakhstan + Nikol Pashinyan | held"]
    assert bases(extractor, text, dt.date(2024, 10, 11)) == [("visit", "recalled")]


def test_what_is_said_after_a_recollection_keeps_its_own_date(
        extractor: extract.Extractor) -> None:
    text = ("Kassym-Jomart Tokayev congratulated Emomali Rahmon on his birthday in a "
            "telegram.\n\n\u201cI remember with warmth your visit to Astana,\u201d Tokayev "
            "writes in his message.")
    found = events(extractor, text, dt.date(2024, 10, 5))
    assert "telegram: Emomali Rahmon + Kassym-Jomart Tokayev | held | 2024-10-05" in found


def test_an_earlier_event_dated_exactly_elsewhere_takes_that_day(
        extractor: extract.Extractor) -> None:
    """"Earlier," gives the article's month only when the article does not date the same
    event exactly before its own day."""
    text = ("Kazakh Foreign Minister Murat Nurtleu spoke at the Senate.\n\nOn 14 March, "
            "Nurtleu received Chinese ambassador Zhang Xiao.\n\nEarlier, at his meeting with "
            "Chinese ambassador Zhang Xiao, the minister discussed trade.")
    assert events(extractor, text, dt.date(2023, 5, 12)) == [
        "meeting: Murat Nurtleu + Zhang Xiao | held | 2023-03-14"] * 2
    assert bases(extractor, text, dt.date(2023, 5, 12)) == [
        ("meeting", "explicit"), ("meeting", "coreference")]


def test_held_events_left_undated_are_on_the_day_of_the_lead(
        extractor: extract.Extractor) -> None:
    """The lead dates the story a few days before the article: "was in Riga on 3 March,
    holding talks ..." in an article of 5 March; a later paragraph's talks are of 3 March."""
    text = ("Kazakh Foreign Minister Murat Nurtleu was in Riga on 3 March, holding talks "
            "with Latvian Prime Minister Evika Silina.\n\nThe sides discussed transit.\n\n"
            "In his talks with Latvian Foreign Minister Baiba Braze, Nurtleu discussed the "
            "visa regime.")
    found = events(extractor, text, dt.date(2024, 3, 5))
    assert "meeting: Evika Silina + Murat Nurtleu | held | 2024-03-03" in found
    assert "meeting: Baiba Braze + Murat Nurtleu | held | 2024-03-03" in found
    assert ("meeting", "story") in bases(extractor, text, dt.date(2024, 3, 5))


def test_a_lead_on_the_articles_own_day_changes_nothing(extractor: extract.Extractor) -> None:
    text = ("Kazakh Foreign Minister Murat Nurtleu held talks with Latvian Prime Minister "
            "Evika Silina in Riga on 5 March.\n\nNurtleu also met with Latvian Foreign "
            "Minister Baiba Braze.")
    assert ("meeting", "story") not in bases(extractor, text, dt.date(2024, 3, 5))


def test_a_day_named_after_the_lead_ends_the_story_day(extractor: extract.Extractor) -> None:
    """The forum of 5 May is not the visit of 3 May: a meeting on its sidelines is not
    given the lead's day (the forum is no event the rules extract, so it has none)."""
    text = ("Shavkat Mirziyoyev arrived in Baku on 3 May.\n\nOn 5 May he addressed the "
            "energy forum.\n\nOn the sidelines of the forum, Mirziyoyev met Recep Tayyip "
            "Erdogan.")
    found = events(extractor, text, dt.date(2024, 5, 7))
    assert "visit: Azerbaijan + Shavkat Mirziyoyev | held | 2024-05-03" in found
    assert not any(f.startswith("meeting") and f.endswith("2024-05-03") for f in found)
