"""The fast scanner finds exactly what a scan of every date rule at every position finds.

The scanner only tries the rules that can begin with the word at hand, near a trigger
word; these tests hold it to the plain definition: the leftmost match, and at one
position the first rule in file order.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from date_fixtures import RULESET, TAGGER
from timeline import dates
from timeline.dates import scan
from timeline.rules import load_rules

BRANCHES = sorted(TAGGER._rules.values(), key=lambda c: int(c.tag[1:]))
FULL_SCAN = re.compile(r"(?<![\w$£€¥])(?:" + "|".join(c.branch for c in BRANCHES) + ")",
                       re.IGNORECASE)
PIECES = sorted({text for rule in RULESET.section("date") for text, _ in rule.examples}
                | {"the", "minister", "said", "$27", "3.5%", "million", "of", "in", "and",
                   "May", "may", "will", "years", "past", "first", "'90s", "2,000", "on",
                   "12", "1999", "-", ",", ".", "\n", "early", "the past three", "since"})


def spans(matches: object) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_scanner_finds_what_a_full_scan_finds(pieces: list[str]) -> None:
    """On any text made of the rules' own examples and common words, both agree."""
    text = " ".join(pieces)
    assert spans(TAGGER._scanner.matches(text, 0)) == spans(FULL_SCAN.finditer(text))


def test_first_words_of_a_pattern() -> None:
    """The words a match can begin with, each with the words that can follow it."""
    leads = scan.first_words(r"(?:the\s+)?(?:last|next)\s+(?:week|month)|(?P<year>\d{4})")
    assert leads == {"the": frozenset({"last", "next"}),
                     "last": frozenset({"week", "month"}),
                     "next": frozenset({"week", "month"}),
                     "####": None}


def test_first_words_unknown_for_open_words() -> None:
    """A pattern that can begin with any word cannot be dispatched on its first word."""
    assert scan.first_words(r"[a-z]+\s+ago") is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=25),
       st.sampled_from([None, "0001-01-01", "2024-02-29", "9999-12-31"]))
def test_tagging_never_fails(pieces: list[str], dct: str | None) -> None:
    """Any text, any document date (the calendar's ends included): expressions come out
    sorted, apart, and each covering its own text."""
    import datetime as dt

    from timeline.model import DateValue

    text = " ".join(pieces)
    day = DateValue.day(dt.date.fromisoformat(dct)) if dct else None
    found = TAGGER.tag(text, day)
    assert all(e.text == text[e.start:e.end] for e in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    TAGGER.article_date(text)


def test_a_rule_with_an_open_first_word_is_tried_everywhere(tmp_path: Path) -> None:
    """A pattern that may begin with any word ("[a-z]+ days ago") still finds its text."""
    (tmp_path / "dates.toml").write_text(
        '[[date_vocabulary]]\nname = "trigger"\ntrigger = true\nwords = { ago = "" }\n\n'
        '[[date]]\nid = "vague-ago"\nkind = "ref"\nvalue = "PAST_REF"\n'
        "pattern = '[a-z]+\\s+days\\s+ago'\n\n"
        '[[date]]\nid = "year"\nkind = "calendar"\npattern = \'(?P<year>\\d{4})\'\n',
        encoding="utf-8")
    tagger = dates.compile(load_rules(tmp_path))
    found = tagger.tag("In 1999 it happened some days ago.", None)
    assert [(e.text, e.value) for e in found] == [("1999", "1999"),
                                                  ("some days ago", "PAST_REF")]
