"""out/chronicle.md: a chronology editors read, diff and lint, with a footnote per source."""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
from pathlib import Path

import attrs
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from emit_fixtures import (
    HOSTILE,
    cite,
    entry,
    hostile_timeline,
    markdownlint,
    small_timeline,
    synthetic_timeline,
)
from timeline.emit import markdown
from timeline.model import DateValue, Timeline

SMALL = """\
# Diplomatic chronicle

5 events from 6 articles, 2021 – 14 November 2024.

## 2021

- **2021** (month unknown) — Anniversary: 80th anniversary of the Victory[^010-victory-0-54]

### May

- **May** (day unknown) — Visit: Sadyr Japarov to Kazakhstan (planned)[^011-visit-40-93]
- **9 May** — Telegram: Kassym-Jomart Tokayev to Vladimir Putin[^012-cable-5-57][^013-wire-90-147]

## 2024

### November

- **14 November** (year uncertain) — Meeting: Bektenov and Mishustin[^015-talks-12-61]

## Undated

- Meeting: Foreign ministers' consultations[^016-consult-3-44]

[^010-victory-0-54]: 010-victory.txt: “The country will mark the Victory anniversary in 2021.”
[^011-visit-40-93]: 011-visit.txt: “Sadyr Japarov will visit Kazakhstan later this month.”
[^012-cable-5-57]: 012-cable.txt: “The Head of State sent a telegram to Vladimir Putin.”
[^013-wire-90-147]: 013-wire.txt: “Tokayev congratulated Putin in a telegram on Victory Day.”
[^015-talks-12-61]: 015-talks.txt: “On 14 November the prime ministers met in Astana.”
[^016-consult-3-44]: 016-consult.txt: “The foreign ministers held consultations.”
"""


def render_html(chronicle: bytes) -> str:
    """The chronicle as a GFM renderer with footnotes and bare-URL linking shows it."""
    return str(MarkdownIt("gfm-like").use(footnote_plugin).render(chronicle.decode("utf-8")))


def test_the_chronicle_reads_as_a_dated_list_with_footnotes() -> None:
    """Title, summary, year and month headings, imprecise entries first, Undated last, and
    a footnote quoting the article for every source; the cancelled meeting is left out."""
    assert markdown.render(small_timeline()).decode("utf-8") == SMALL


def test_imprecise_entries_come_first_in_their_period() -> None:
    """A month-precision entry is listed before the days of its month whatever the input order."""
    timeline = small_timeline()
    day, month = timeline.entries[2], timeline.entries[1]
    swapped = markdown.render(Timeline((day, month), 2, 2)).decode("utf-8")
    assert swapped.index("**May**") < swapped.index("**9 May**")


def test_adding_an_article_changes_only_its_own_lines() -> None:
    """A new article reporting one new visit changes the summary and adds its entry, its
    month heading and its footnote; no other line moves or changes."""
    before = small_timeline()
    visit = entry(
        "v2@timeline", "visit", "Mirziyoyev to Astana", DateValue.day(dt.date(2022, 6, 2)),
        cite("017-new.txt", 7, "Shavkat Mirziyoyev arrived in Astana on a state visit."),
    )  # fmt: skip
    after = attrs.evolve(before, entries=(*before.entries[:4], visit, *before.entries[4:]))
    old = markdown.render(before).decode().splitlines()
    new = markdown.render(after).decode().splitlines()
    diff = [line for line in difflib.ndiff(old, new) if line[:1] in "+-" and line[2:]]
    assert diff == [
        "- 5 events from 6 articles, 2021 – 14 November 2024.",
        "+ 6 events from 7 articles, 2021 – 14 November 2024.",
        "+ ## 2022",
        "+ ### June",
        "+ - **2 June** — Visit: Mirziyoyev to Astana[^017-new-7-61]",
        "+ [^017-new-7-61]: 017-new.txt: “Shavkat Mirziyoyev arrived in Astana on a state visit.”",
    ]


def test_footnote_labels_do_not_depend_on_other_articles() -> None:
    """A label is made from the document name and span alone; a name that is not a plain
    slug gets a hash of the name, so 'A.txt' and 'a.txt' never share a label."""
    labels = [
        markdown.footnote_label(cite(name, 3, "Talks were held."))
        for name in ("003.txt", "A.txt", "a.txt", "dispatch 7.txt")
    ]
    assert labels == ["003-3-19", "a-48266a-3-19", "a-3-19", "dispatch-7-4a9749-3-19"]


def test_a_hostile_article_renders_as_plain_text() -> None:
    """HTML, a javascript: link, emphasis, code, bare URLs, e-mail addresses, a '#' heading
    and line breaks from an article render as the same structure as harmless words."""
    harmless = hostile_timeline()
    words = "Ministers met in the capital"
    plain = attrs.evolve(harmless.entries[0], title=words, participants=(words,), place=words,
                         sources=(cite("hostile <b>#1</b>.txt", 0, words),))  # fmt: skip
    hostile_html = render_html(markdown.render(harmless))
    plain_html = render_html(markdown.render(Timeline((plain,), 1, 1)))
    tags = re.compile(r"</?[a-z0-9]+")
    assert tags.findall(plain_html) == tags.findall(hostile_html)
    text = html.unescape(re.sub(r"<[^>]+>", "", hostile_html))
    assert " ".join(HOSTILE.split()) in text


def test_only_the_chosen_types_when_filtered() -> None:
    """types={'telegram'} gives a chronicle of telegrams alone."""
    chronicle = markdown.render(small_timeline(), types={"telegram"}).decode("utf-8")
    assert re.findall(r"^- \*\*9 May\*\* — \w+", chronicle, re.M) == ["- **9 May** — Telegram"]
    assert chronicle.count("\n- ") == 1


def test_only_one_party_when_filtered() -> None:
    """participant='Vladimir Putin' gives the chronicle of the one telegram he received."""
    chronicle = markdown.render(small_timeline(), participant="Vladimir Putin").decode("utf-8")
    entries = [line for line in chronicle.splitlines() if line.startswith("- ")]
    assert entries == [
        "- **9 May** — Telegram: Kassym-Jomart Tokayev to Vladimir Putin"
        "[^012-cable-5-57][^013-wire-90-147]"
    ]


def test_an_empty_timeline_still_makes_a_valid_chronicle() -> None:
    """No entries: a title and a line that says so."""
    assert markdown.render(Timeline((), 0, 0)) == b"# Diplomatic chronicle\n\nNo events yet.\n"


def test_markdownlint_passes(tmp_path: Path) -> None:
    """markdownlint-cli finds nothing in the small, hostile and 300-event chronicles."""
    files = []
    for name, timeline in (("small", small_timeline()), ("hostile", hostile_timeline()),
                           ("large", synthetic_timeline(300))):  # fmt: skip
        files.append(tmp_path / f"{name}.md")
        files[-1].write_bytes(markdown.render(timeline))
    assert markdownlint(*files) == ""


def test_markdownlint_would_catch_a_broken_chronicle(tmp_path: Path) -> None:
    """The linter run above does fail on a heading without blank lines around it."""
    broken = tmp_path / "broken.md"
    broken.write_bytes(markdown.render(small_timeline()).replace(b"\n\n## 2024", b"\n## 2024"))
    assert "MD022" in markdownlint(broken)
