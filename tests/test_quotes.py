"""Quoted speech: spans, speakers, addressees, and "I"/"you" as mentions of them."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from timeline import extract
from timeline.extract.quotes import quotations
from timeline.lexicon import PERSON
from timeline.model import Document
from timeline.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extractor() -> extract.Extractor:
    return extract.compile(load_rules(ROOT / "rules"))


def read(extractor: extract.Extractor, text: str, day: dt.date = dt.date(2023, 5, 4)):
    digest = hashlib.sha256(text.encode()).hexdigest()
    return extractor.reader.read(Document("t.txt", text, digest), day)


def people_in(extractor: extract.Extractor, text: str) -> list[tuple[str, str, bool]]:
    article = read(extractor, text)
    return [(text[m.start:m.end], m.name, m.possessive)
            for ms in article.mentions for m in ms if m.kind == PERSON]


def quotes_of(extractor: extract.Extractor, text: str) -> list[tuple[str, str | None, str | None]]:
    article = read(extractor, text)
    people = [m for ms in article.mentions for m in ms if m.kind == PERSON and m.end - m.start > 4]
    return [(text[q.start:q.end], q.speaker and q.speaker.name, q.addressee and q.addressee.name)
            for q in quotations(text, people)]


def test_the_speaker_named_after_the_quotation_and_the_person_before_it_addressed(extractor):
    text = ("Sadyr Japarov welcomed Ilham Aliyev in Bishkek. “I am glad you came, and I value "
            "your friendship,” Japarov said.")
    assert [p for p in people_in(extractor, text) if len(p[0]) <= 4] == [
        ("I", "Sadyr Japarov", False), ("you", "Ilham Aliyev", False),
        ("I", "Sadyr Japarov", False), ("your", "Ilham Aliyev", True)]


def test_a_letter_over_several_paragraphs_is_one_quotation_to_the_person_written_to(extractor):
    text = ("In his message to Kassym-Jomart Tokayev, Xi Jinping writes:\n\n"
            "\"Dear Mr. President,\n\nI thank you for your greetings.\n\n"
            "I wish you good health.\"\n\nThe ceremony ended at noon.")
    [(quoted, speaker, addressee)] = quotes_of(extractor, text)
    assert quoted.startswith('"Dear') and quoted.endswith('health."')
    assert (speaker, addressee) == ("Xi Jinping", "Kassym-Jomart Tokayev")


def test_a_quotation_resumed_after_its_attribution_keeps_its_speaker(extractor):
    text = ("Emomali Rahmon thanked Shavkat Mirziyoyev. “The talks went well,” Rahmon said. "
            "“I believe my visit will help.”")
    assert ("my", "Emomali Rahmon", True) in people_in(extractor, text)


def test_he_said_is_the_person_who_spoke_in_the_sentence_before(extractor):
    text = ("During his talks with Vladimir Putin, the Kazakh president noted the date. "
            "“My first visit is to Russia,” he said.")
    assert ("My", "Kassym-Jomart Tokayev", True) in people_in(extractor, text)


def test_told_names_the_addressee(extractor):
    text = "“You and I met in Baku,” Ilham Aliyev told Sadyr Japarov."
    assert people_in(extractor, text)[:2] == [("You", "Sadyr Japarov", False),
                                              ("I", "Ilham Aliyev", False)]


def test_pronouns_outside_quotations_and_with_no_speaker_stay_words(extractor):
    assert [p for p in people_in(extractor, "I think you know Tokayev.") if len(p[0]) <= 4] == []
    assert people_in(extractor, "“I am here,” someone said.") == []


def test_a_quoted_meeting_in_the_first_person_is_the_speakers_and_the_addressees(extractor):
    text = ("Xi Jinping sent a letter to Emomali Rahmon. In it Xi Jinping writes:\n\n"
            "“In Beijing you and I had a fruitful meeting.”")
    found = extractor.extract(Document("t.txt", text, "x")).observations
    assert [(o.type, sorted(o.names)) for o in found if o.type == "meeting"] == [
        ("meeting", ["Emomali Rahmon", "Xi Jinping"])]
