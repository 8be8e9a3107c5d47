"""Extraction: observations read from articles with the repository's rule files.

The case files in tests/cases/extract/ hold an article written for these tests (in the
genre: Kazinform, BelTA, Akorda releases), the date it is read with, and every event it
must give; an event the case does not list is a failure too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from pathlib import Path

import pytest

from timeline import extract
from timeline.diagnose import Expected
from timeline.extract.anniversaries import ordinal_number
from timeline.model import Document

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases" / "extract").glob("*.toml"))


def document(text: str, name: str = "article.txt") -> Document:
    return Document(name, text, hashlib.sha256(text.encode()).hexdigest())


def events(extractor: extract.Extractor, text: str, day: dt.date | None = None) -> list[str]:
    """The observations of a text as "type: names | status | date", sorted."""
    trace = extractor.trace(document(text), day)
    return sorted(str(Expected(o.type, frozenset(o.names), o.status,
                               o.date.iso if o.date else None))
                  for o in trace.extraction.observations)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case_file(extractor: extract.Extractor, case: Path) -> None:
    """Each case article gives exactly the events its file lists, no more and no fewer."""
    spec = tomllib.loads(case.read_text(encoding="utf-8"))
    trace = extractor.trace(document(spec["text"]), spec.get("date"))
    observations = trace.extraction.observations
    expected = [Expected.parse(e) for e in spec["expect"]]
    missing = [str(e) for e in expected if not e.found_in(observations)]
    extra = [o.title for o in observations if not any(e.found_in([o]) for e in expected)]
    assert (missing, extra) == ([], [])


def test_extraction_is_pure(extractor: extract.Extractor) -> None:
    """The same document and rules give the same extraction, every time."""
    text = (ROOT / "seeds" / "000_99064460b5e2ef73.txt").read_text(encoding="utf-8")
    assert extractor.extract(document(text)) == extractor.extract(document(text))


def test_observations_are_sorted_and_cite_their_words(extractor: extract.Extractor) -> None:
    """Observations come in text order, each citing the document, its span and its rule."""
    text = (ROOT / "seeds" / "002_32111d484da002d5.txt").read_text(encoding="utf-8")
    result = extractor.extract(document(text, "002.txt"))
    keys = [(o.source.start, o.type, o.source.rule) for o in result.observations]
    assert sorted(keys) == keys
    first = result.observations[0]
    assert (first.source.document, first.source.rule) == ("002.txt", "meeting.met")
    assert text[first.source.start:first.source.end].startswith("President of Kyrgyzstan")


def test_transliterations_are_one_person(extractor: extract.Extractor) -> None:
    """Zhaparov and Japarov, Tokaev and Tokayev are one person each."""
    text = "Sadyr Zhaparov held talks with Kassym-Zhomart Tokaev in Bishkek."
    expected = ["meeting: Kassym-Jomart Tokayev + Sadyr Japarov | held | 2021-05-26"]
    assert events(extractor, text, dt.date(2021, 5, 26)) == expected


def test_bare_title_resolves_by_the_articles_date(extractor: extract.Extractor) -> None:
    """'the prime minister of Kazakhstan' is whoever held the office on the article's date."""
    text = "The prime minister of Kazakhstan paid an official visit to Minsk."
    in_2020 = ["visit: Askar Mamin + Belarus | held | 2020-02-14"]
    in_2024 = ["visit: Belarus + Olzhas Bektenov | held | 2024-11-14"]
    assert events(extractor, text, dt.date(2020, 2, 14)) == in_2020
    assert events(extractor, text, dt.date(2024, 11, 14)) == in_2024


def test_planned_status(extractor: extract.Extractor) -> None:
    """'is expected to', 'will', 'next week' make an event planned; a past one is held."""
    planned = " date 2022-09-07 Xi Jinping is expected to pay a state visit to Kazakhstan."
    held = " date 2022-09-07 Xi Jinping paid a state visit to Kazakhstan."
    statuses = [extractor.extract(document(t)).observations[0].status for t in (planned, held)]
    assert statuses == ["planned", "held"]


def test_earlier_dates_the_month_of_the_article(extractor: extract.Extractor) -> None:
    """'Earlier,' puts an event on or shortly before the article's day: its month."""
    text = "Earlier, Kassym-Jomart Tokayev met with Ilham Aliyev in Baku."
    expected = ["meeting: Ilham Aliyev + Kassym-Jomart Tokayev | held | 2023-03"]
    assert events(extractor, text, dt.date(2023, 3, 15)) == expected


def test_unknown_names_are_kept_and_reported(extractor: extract.Extractor) -> None:
    """A name the lexicon lacks is extracted as written and listed as a lexicon candidate."""
    text = (" date 2023-06-01 ASTANA. KAZINFORM – Kassym-Jomart Tokayev met with "
            "Prime Minister of Malaysia Anwar Ibrahim.")
    result = extractor.extract(document(text))
    people = [(p.name, p.known) for p in result.observations[0].participants]
    assert people == [("Kassym-Jomart Tokayev", True), ("Anwar Ibrahim", False)]
    assert any("lexicon candidate: 'Anwar Ibrahim'" in note for note in result.notes)


def test_anniversary_counts_from_the_commemorated_date(extractor: extract.Extractor) -> None:
    """'the 76th anniversary of the Victory' is 1945-05-09 plus 76 years."""
    text = "Veterans gathered for the 76th anniversary of the Great Victory."
    result = extractor.trace(document(text), dt.date(2021, 5, 7)).extraction
    found = result.observations[0]
    victory = "Victory in the Great Patriotic War"
    expected = ("2021-05-09", "anniversary", victory, f"76th anniversary: {victory}")
    iso = found.date.iso if found.date else None
    assert (iso, found.date_basis, found.commemorates, found.title) == expected


def test_no_article_date_leaves_events_undated(extractor: extract.Extractor) -> None:
    """Without an article date nothing is dated from the clock: the date stays unknown."""
    result = extractor.extract(document("Tokayev held talks with Putin in Moscow."))
    assert (result.observations[0].date, result.observations[0].date_basis) == (None, "none")
    assert any("no article date" in note for note in result.notes)


def test_sentences_keep_initials_and_abbreviations() -> None:
    """'N. Nazarbayev' and 'Oct. 30' do not end a sentence; a full stop before a capital does."""
    text = "N. Nazarbayev arrived on Oct. 30 in Moscow. He met V.Putin.\nNext paragraph."
    expected = [("N. Nazarbayev arrived on Oct. 30 in Moscow.", 0, True),
                ("He met V.Putin.", 0, False), ("Next paragraph.", 1, True)]
    sentences = extract.split_sentences(text)
    assert [(s.text, s.paragraph, s.first) for s in sentences] == expected


def test_title_template_drops_empty_parts() -> None:
    """A [bracketed part] of a title template disappears when a field inside it is empty."""
    template = "Visit: {visitor} to {host}[ ({place})]"
    titles = [extract.render(template, {"visitor": "A", "host": "B", "place": p})
              for p in ("C", "")]
    assert titles == ["Visit: A to B (C)", "Visit: A to B"]


def test_counterpart_is_the_same_office_abroad(extractor: extract.Extractor) -> None:
    """'his Russian counterpart' is whoever held the subject's office in Russia that day."""
    text = "Kazakh Foreign Minister Murat Nurtleu held talks with his Russian counterpart."
    expected = ["meeting: Murat Nurtleu + Sergey Lavrov | held | 2024-06-03"]
    assert events(extractor, text, dt.date(2024, 6, 3)) == expected


@pytest.mark.parametrize(("written", "number"), [
    ("30th", 30), ("1st", 1), ("thirtieth", 30), ("Tenth", 10), ("twenty-fifth", 25),
    ("seventy fifth", 75), ("hundredth", 100), ("anniversary", 0), ("twenty", 0),
])
def test_ordinals_in_figures_and_in_words(written: str, number: int) -> None:
    assert ordinal_number(written) == number


def test_a_title_in_apposition_belongs_to_the_person_named_after_it(
        extractor: extract.Extractor) -> None:
    """A title the lexicon gives one person ("Leader of the Nation") set before another
    titled name is that person's title, not a second person."""
    text = ("The Leader of the Nation, President of Tajikistan Emomali Rahmon, sent a "
            "telegram to Shavkat Mirziyoyev.")
    assert events(extractor, text, dt.date(2022, 3, 20)) == [
        "telegram: Emomali Rahmon + Shavkat Mirziyoyev | held | 2022-03-20"]


def test_a_trip_called_off_is_no_visit(extractor: extract.Extractor) -> None:
    text = "Ilham Aliyev has called off his trip to Tajikistan because of the floods."
    assert events(extractor, text, dt.date(2022, 3, 20)) == []


def test_a_date_after_recalled_dates_what_is_recalled(extractor: extract.Extractor) -> None:
    """'In the telegram, X recalled their meeting in July': July is the meeting's day,
    not the telegram's."""
    text = ("In the congratulatory telegram to Sadyr Japarov, Xi Jinping recalled their "
            "meeting in Astana in July.")
    found = events(extractor, text, dt.date(2024, 12, 6))
    assert "telegram: Sadyr Japarov + Xi Jinping | held | 2024-12-06" in found


def test_he_is_the_subject_of_the_latest_sentence_that_names_a_person(
        extractor: extract.Extractor) -> None:
    text = ("Tokayev met Mirziyoyev in Tashkent. The two leaders discussed water. Energy was "
            "also on the agenda. He also met Abdulla Aripov.")
    assert "meeting: Abdulla Aripov + Kassym-Jomart Tokayev | held | 2023-03-01" in events(
        extractor, text, dt.date(2023, 3, 1))


def test_the_council_is_the_council_named_before(extractor: extract.Extractor) -> None:
    """A definite head noun in lower case names again the body named last with it."""
    text = ("Mishustin flew to Bishkek for the sitting of the Eurasian Intergovernmental "
            "Council. The council is to meet in an expanded format in the afternoon.")
    article = extractor.reader.read(document(text), dt.date(2023, 6, 8))
    second = [m.name for m in article.mentions[1]]
    assert second == ["Eurasian Intergovernmental Council"]
    assert events(extractor, "The council met on Monday.", dt.date(2023, 6, 8)) == []


def test_an_apposed_finer_date_wins(extractor: extract.Extractor) -> None:
    """'next week, on March 11-12': the days, not the week."""
    text = "Sadyr Japarov is to travel to Uzbekistan next week, on March 11-12."
    assert events(extractor, text, dt.date(2021, 3, 4)) == [
        "visit: Sadyr Japarov + Uzbekistan | planned | 2021-03-11"]


def test_an_event_inside_another_keeps_the_date_beyond_it(extractor: extract.Extractor) -> None:
    text = "Tokayev held talks with Mirziyoyev during his visit to Tashkent on 5 May."
    found = events(extractor, text, dt.date(2023, 5, 10))
    assert "meeting: Kassym-Jomart Tokayev + Shavkat Mirziyoyev | held | 2023-05-05" in found
    text = ("Lavrov said his trip to Bishkek was meant to prepare the session of the "
            "commission scheduled for 1 March.")
    assert "visit: Kyrgyzstan + Sergey Lavrov | planned | 2019-02-04" in events(
        extractor, text, dt.date(2019, 2, 4))


def test_envoys_and_delegations_stand_for_their_country(extractor: extract.Extractor) -> None:
    """Titles the lexicon keeps no holders for stand as the country they represent."""
    text = ("Jeenbek Kulubaev received the Ambassador of Japan to Kyrgyzstan. Tokayev met "
            "the Speaker of the Turkish parliament.")
    assert events(extractor, text, dt.date(2024, 5, 10)) == [
        "meeting: Japan + Jeenbek Kulubaev | held | 2024-05-10",
        "meeting: Kassym-Jomart Tokayev + Turkey | held | 2024-05-10"]
