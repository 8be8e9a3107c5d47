"""Which time expression of its sentence dates an event (issue 13): not one that dates
another noun, not the day a plan was spoken of, not the dateline's; an anniversary of an
event with no known day takes the commemorated day its sentence names. Every text is
ours."""

from __future__ import annotations

import datetime as dt

import pytest

from test_extract import document, events
from timeline import extract


@pytest.mark.parametrize("why", [
    "on his convincing win in the December 4 presidential election",
    "on his victory in Sunday's election",
    "on being elected President of the Republic of Uzbekistan on 4 December",
    "on his convincing victory at the polls on 4 December",
])
def test_a_date_that_modifies_another_event_noun_does_not_date_the_message(
        extractor: extract.Extractor, why: str) -> None:
    text = (f"In a telegram addressed to Shavkat Mirziyoyev, Vladimir Putin congratulated "
            f"him {why}.")
    assert events(extractor, text, dt.date(2016, 12, 5)) == [
        "telegram: Shavkat Mirziyoyev + Vladimir Putin | held | 2016-12-05"]


def test_a_date_that_modifies_the_events_own_noun_dates_it(
        extractor: extract.Extractor) -> None:
    text = "Vladimir Putin sent a telegram to Shavkat Mirziyoyev on December 4 congratulating him."
    assert events(extractor, text, dt.date(2016, 12, 5)) == [
        "telegram: Shavkat Mirziyoyev + Vladimir Putin | held | 2016-12-04"]


@pytest.mark.parametrize(("sentence", "date"), [
    ("On Monday, the minister discussed with the ambassador the session of the CSTO "
     "Collective Security Council to be held in Dushanbe next year.", "2021"),
    ("On 27 July, the minister said that the session of the CSTO Collective Security "
     "Council will be held in Dushanbe on 15 September.", "2020-09-15"),
    # the nearer date, not a finer one told before it
    ("Emomali Rahmon said on 27.07.2020 that next year the session of the CSTO "
     "Collective Security Council will be held in Dushanbe.", "2021"),
])
def test_the_day_a_plan_was_spoken_of_is_not_its_date(
        extractor: extract.Extractor, sentence: str, date: str) -> None:
    assert events(extractor, sentence, dt.date(2020, 7, 27)) == [
        f"meeting: CSTO Collective Security Council | planned | {date}"]


def test_a_plan_told_after_a_day_of_its_own_keeps_that_day(
        extractor: extract.Extractor) -> None:
    """The day names the moment of the plan itself, not of a verb that reports it (an
    article of the next day telling the programme)."""
    text = ("After the welcoming ceremony on 12 October, Recep Tayyip Erdogan and "
            "Kassym-Jomart Tokayev will hold talks in Astana.")
    assert events(extractor, text, dt.date(2022, 10, 13)) == [
        "meeting: Kassym-Jomart Tokayev + Recep Tayyip Erdogan | planned | 2022-10-12"]


@pytest.mark.parametrize("head", [
    "ASTANA, 8 April (Kazinform) – ",
    " date 2024-04-08 ASTANA, 8 April (Kazinform) – ",
])
def test_the_datelines_day_does_not_date_a_plan(
        extractor: extract.Extractor, head: str) -> None:
    text = (f"{head}Kazakh Prime Minister Olzhas Bektenov and Tajik President Emomali "
            "Rahmon will hold talks in Astana next month, the government said.\n\n"
            "The talks were announced on 4 April 2024.")
    assert events(extractor, text) == [
        "meeting: Emomali Rahmon + Olzhas Bektenov | planned | 2024-05"]


def test_a_named_event_of_the_same_type_takes_the_date_after_it(
        extractor: extract.Extractor) -> None:
    text = ("At his meeting with Chinese Ambassador Zhang Xiao, Kassym-Jomart Tokayev said "
            "that the Central Asia + China Summit would be held in May 2023.")
    assert events(extractor, text, dt.date(2023, 3, 14)) == [
        "meeting: Central Asia + China Summit | planned | 2023-05",
        "meeting: Kassym-Jomart Tokayev + Zhang Xiao | held | 2023-03-14"]


@pytest.mark.parametrize(("sentence", "date"), [
    ("On Independence Day, Kazakhstan marked the 25th anniversary of its sovereignty "
     "declaration.", "2015-12-16"),  # Kazakhstan's Independence Day, from the lexicon
    ("Kazakhstan marked the 25th anniversary of its sovereignty declaration.", "2015"),
])
def test_an_anniversary_marked_on_a_commemorated_day_takes_that_day(
        extractor: extract.Extractor, sentence: str, date: str) -> None:
    trace = extractor.trace(document(sentence), dt.date(2015, 12, 18))
    assert [o.date.iso for o in trace.extraction.observations if o.date] == [date]
