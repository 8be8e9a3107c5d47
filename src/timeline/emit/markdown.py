"""out/chronicle.md: the timeline as a chronology an editor reads and diffs.

Year and month headings, one entry a line with imprecise entries first in their period,
an "Undated" section last, and a footnote for every source. A footnote's label is made
from the source's document name and span alone, so adding an article adds lines and
changes only the lines of entries it touches. Everything that comes from an article is
escaped so that it renders as plain text under CommonMark and GFM.
"""

from __future__ import annotations

import calendar
import hashlib
import itertools
import operator
import re
from collections.abc import Collection, Iterable, Iterator

from timeline.emit.pieces import Pieces, pieces_of
from timeline.emit.text import MONTHS, date_label, headline, one_line, plural, qualifiers
from timeline.model import PLANNED, Citation, DateValue, Entry, Timeline

TITLE = "Diplomatic chronicle"
# Characters that open Markdown or HTML constructs anywhere in a line (the text from an
# article never starts a line, so block markers such as "-" or "1." cannot fire).
_INLINE_SYNTAX = re.compile(r"[\\`*_{}\[\]<>()#!|~&$@^]")
_SAFE_LABEL = re.compile(r"[a-z0-9_-]+")


def render(
    timeline: Timeline,
    *,
    title: str = TITLE,
    types: Collection[str] | None = None,
    participant: str | None = None,
    pieces: Pieces | None = None,
) -> bytes:
    """The chronicle of the active entries; `types` or `participant` narrow it to the
    entries of those event types, or to those the named party takes part in."""
    entries = [
        e
        for e in timeline.active
        if (types is None or e.type in types)
        and (participant is None or participant in e.participants)
    ]
    # In UTF-8 bytes throughout, as the pieces are kept: a chronicle of 20,000 entries
    # is 14 MB, and as one str with a dash in it, twice that.
    notes: dict[str, bytes] = {}
    head = [f"# {escape(title)}", "", summary(entries)]
    cited = dict(zip((e.uid for e in entries), pieces_of(pieces, LINES, entries, _cited_line),
                     strict=True))
    lines = [*(h.encode("utf-8") for h in head), *body(entries, notes, cited)]
    if notes:
        lines += [b"", *notes.values()]
    lines.append(b"")
    return b"\n".join(lines)


def summary(entries: list[Entry]) -> str:
    """'5 events from 6 articles, 2021 – 14 November 2024.'"""
    if not entries:
        return "No events yet."
    # In C, not a comprehension: 50,000 citations in a chronicle of 20,000 entries.
    cited = itertools.chain.from_iterable(e.sources for e in entries)
    articles = len(set(map(operator.attrgetter("document"), cited)))
    counted = f"{plural(len(entries), 'event')} from {plural(articles, 'article')}"
    dated = [e.date for e in entries if e.date is not None]
    if not dated:
        return counted + "."
    first, last = date_label(dated[0]), date_label(dated[-1])
    return f"{counted}, {first}." if first == last else f"{counted}, {first} – {last}."


# An entry's line and its footnotes (label, footnote line), as pieces of kind LINES.
Cited = tuple[bytes, tuple[tuple[str, bytes], ...]]
LINES = "chronicle-lines"  # the footnotes kept whole: 50,000 of them in 20,000 entries


def body(entries: list[Entry], notes: dict[str, bytes], cited: dict[str, Cited]
         ) -> Iterator[bytes]:
    """The year sections, then the undated entries (`cited`: each entry's line, by UID)."""
    for year, (whole_year, months) in sorted(_by_period(entries).items()):
        yield from (b"", b"## %d" % year)
        yield from section(whole_year, notes, cited)
        for month, in_month in sorted(months.items()):
            yield from (b"", f"### {MONTHS[month - 1]}".encode())
            in_order = sorted(in_month, key=_on_one_day)  # a month's, then its days
            yield from section(in_order, notes, cited)
    undated = [e for e in entries if e.date is None]
    if undated:
        yield from (b"", b"## Undated")
        yield from section(undated, notes, cited)


Period = tuple[list[Entry], dict[int, list[Entry]]]  # the year's own entries, by month


def _by_period(entries: list[Entry]) -> dict[int, Period]:
    """The dated entries by year of their first day, in timeline order: those that span
    months under the year, the others under the month (one pass: a chronicle of 20,000
    entries is grouped in milliseconds, not searched once a month)."""
    years: dict[int, Period] = {}
    for entry in entries:
        if entry.date is None:
            continue
        first = entry.date.earliest
        whole_year, months = years.setdefault(first.year, ([], {}))
        if level(entry.date) == "year":
            whole_year.append(entry)
        else:
            months.setdefault(first.month, []).append(entry)
    return years


def section(entries: Iterable[Entry], notes: dict[str, bytes],
            cited: dict[str, Cited]) -> Iterator[bytes]:
    """A list of entry lines, with the blank line a list needs before it; their footnotes
    registered in `notes`."""
    lines = []
    for entry in entries:
        text, footnotes = cited[entry.uid]
        for label, note in footnotes:
            if label not in notes:
                notes[label] = note
        lines.append(text)
    if lines:
        yield b""
        yield from lines


def _cited_line(entry: Entry) -> Cited:
    """The entry's line and its footnotes (label, footnote line) in the order it cites
    them, in UTF-8 as pieces are kept."""
    cited: dict[str, str] = {}
    text = line(entry, cited)
    return text.encode("utf-8"), tuple((label, f"[^{label}]: {note}".encode())
                                       for label, note in cited.items())


def line(entry: Entry, notes: dict[str, str]) -> str:
    """'- **9 May** — Telegram: Tokayev to Putin[^012-telegram-5-71]'."""
    refs = "".join(f"[^{footnote(c, notes)}]" for c in entry.sources)
    text = escape(headline(entry.type, entry.title))
    if entry.status == PLANNED:
        text += " (planned)"
    if entry.date is None:
        return f"- {text}{refs}"
    notes_on_date = "".join(f" ({note})" for note in qualifiers(entry.date))
    return f"- **{period_label(entry.date)}**{notes_on_date} — {text}{refs}"


def footnote(citation: Citation, notes: dict[str, str]) -> str:
    """Register the citation's footnote and return its label."""
    label = footnote_label(citation)
    if label not in notes:  # a source cited by many entries is escaped once
        notes[label] = f"{escape(citation.document)}: “{escape(citation.sentence)}”"
    return label


_NOT_IN_SLUG = re.compile(r"[^a-z0-9_-]+")


def footnote_label(citation: Citation) -> str:
    """A label from the document's name and the span, the same in every build.

    GFM matches labels without regard to case or punctuation variety, so a name that does
    not survive as a lower-case slug gets a short hash of the full name to stay unique.
    """
    stem = citation.document.rsplit(".", 1)[0] if "." in citation.document else citation.document
    slug = _NOT_IN_SLUG.sub("-", stem.lower()).strip("-") or "source"
    if not _SAFE_LABEL.fullmatch(stem):
        slug += "-" + hashlib.sha256(citation.document.encode("utf-8")).hexdigest()[:6]
    return f"{slug}-{citation.start}-{citation.end}"


def level(date: DateValue) -> str:
    """The heading a date sits under: 'day' or 'month' (a month heading) or 'year'."""
    first, last = date.earliest, date.latest
    if (first.year, first.month) != (last.year, last.month):
        return "year"
    return "day" if first == last else "month"


def period_label(date: DateValue) -> str:
    """The date without what the headings already say: '9 May', 'May', '3–9 May', '2021'."""
    first, last = date.earliest, date.latest
    if level(date) == "day":
        return f"{first.day} {MONTHS[first.month - 1]}"
    if level(date) == "month":
        month = MONTHS[first.month - 1]
        whole = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
        return month if whole else f"{first.day}–{last.day} {month}"
    return date_label(date)


def escape(text: str) -> str:
    """Article text as one line of literal Markdown: every character that could open
    emphasis, code, a link, an autolink, HTML, an entity, math or a table is backslash
    escaped (CommonMark allows a backslash before any ASCII punctuation)."""
    text = _INLINE_SYNTAX.sub(r"\\\g<0>", one_line(text))
    text = text.replace("://", r":\/\/")  # GFM autolinks bare http:// and https:// URLs
    return _WWW.sub(lambda m: m.group(0)[:-1] + r"\.", text)


_WWW = re.compile(r"(?i)\bwww\.")


def _on_one_day(entry: Entry) -> bool:
    assert entry.date is not None, "only dated entries reach the year sections"
    return level(entry.date) == "day"
