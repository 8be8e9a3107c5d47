"""The article as extraction sees it: one document read once, before any rule runs.

Its date and time expressions (`timeline.dates`), its sentences, every sentence's
mentions, the country it reports from (its outlet's, else its dateline's, else the one
it names most), and the first match of each rule's `context` in the whole text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator

import attrs

from timeline import dates
from timeline.extract.anaphora import bodies_named_again, short_forms
from timeline.extract.compiler import CompiledRule
from timeline.extract.mentions import Mention, MentionFinder, Setting
from timeline.extract.prefilter import WordGate
from timeline.extract.quotes import with_pronouns
from timeline.extract.sentences import Sentence, split_sentences
from timeline.lexicon import ADJECTIVE, COUNTRY, PERSON, PLACE, Lexicon, Name
from timeline.model import DateValue, Document

_DATELINE = re.compile(r"^[ \t]*(?:date\s+\S+\s+)?(?:[\d:]+\s+)?"
                       r"([A-Z][A-Z’'-]+(?:[ -][A-Z][A-Z’'-]+)*)\s*(?:[.,–—(]|-\s)", re.MULTILINE)


@attrs.frozen
class Article:
    """One document with everything its sentences share."""

    document: Document
    article_date: dates.ArticleDate
    timexes: tuple[dates.TimeExpr, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[tuple[Mention, ...], ...]
    home: str | None
    countries: tuple[str, ...]  # every country the article names, most named first
    order: tuple[str, ...]  # the same, in order of first mention
    roundup: int | None  # the first sentence about messages received, if any
    dateline: str | None = None  # the country of the dateline's place
    # The first match in the whole text of each expression searched for so far (the
    # round-up's, then each `context` rule's when it first runs; most articles never
    # need most contexts), by what the expression says (`_meaning`).
    searched: dict[tuple[str, int], re.Match[str] | None] = attrs.field(factory=dict)

    def context_before(self, rule: CompiledRule, position: int) -> re.Match[str] | None:
        """The first match of `rule.context` that ends before `position`."""
        gate, text = rule.context, self.document.text
        if gate is None:
            return None
        first = _first_match(self.searched, gate, text)
        if first is None or first.start() >= position:
            return None
        if first.end() <= position:
            return first
        return gate.regex.search(text, 0, position)  # it straddles

    def paragraph(self, sentence: Sentence) -> str:
        """The words of the paragraph that holds `sentence`, as written."""
        same = [s for s in self.sentences if s.paragraph == sentence.paragraph]
        return self.document.text[same[0].start:same[-1].end]

    @property
    def dct(self) -> DateValue | None:
        return self.article_date.date

    def people(self) -> Iterator[Mention]:
        return (m for ms in self.mentions for m in ms if m.kind == PERSON)

    def sentence_at(self, offset: int) -> int | None:
        """The index of the sentence that holds document offset `offset` (or ends there)."""
        return next((s.index for s in self.sentences if s.start <= offset < s.end + 1), None)


class ArticleReader:
    """Reads documents into Articles with one rule set's lexicon and tagger."""

    def __init__(self, engine: dict[str, re.Pattern[str]], lexicon: Lexicon,
                 tagger: dates.DateTagger) -> None:
        self.roundup = WordGate(engine["roundup"])
        self.lexicon = lexicon
        self.tagger = tagger
        self.finder = MentionFinder(lexicon, engine["title_word"])

    def read(self, document: Document, day: dt.date | None = None) -> Article:
        """The document's sentences and mentions; `day` overrides the article date (the
        inline examples of rule files carry theirs beside the text)."""
        text = document.text
        article_date = (dates.ArticleDate(DateValue.day(day), "given") if day is not None
                        else self.tagger.article_date(text))
        dct = article_date.date
        sentences = split_sentences(text)
        names = self.lexicon.names(text)
        countries, order = _countries(self.lexicon, names)
        home = _home(self.lexicon, text, countries)
        mentions = self._mentions(sentences, names, Setting(home, dct.earliest if dct else None))
        searched: dict[tuple[str, int], re.Match[str] | None] = {}
        roundup = self._roundup(text, sentences, searched)
        mentions = with_pronouns(text, sentences, bodies_named_again(sentences, mentions),
                                 roundup)
        return Article(document, article_date, self.tagger.tag(text, dct), sentences,
                       mentions, home, countries, order, roundup,
                       _dateline(self.lexicon, text), searched)

    def _roundup(self, text: str, sentences: tuple[Sentence, ...],
                 searched: dict[tuple[str, int], re.Match[str] | None]) -> int | None:
        """The first sentence about messages received ("X is receiving congratulatory
        telegrams"): its first person is the round-up's recipient."""
        # The whole text is searched: an opening may count only for what comes after it.
        found = _first_match(searched, self.roundup, text)
        return None if found is None else next(
            (s.index for s in sentences if found.start() < s.end), None)

    def _mentions(self, sentences: tuple[Sentence, ...], names: tuple[Name, ...],
                  ctx: Setting) -> tuple[tuple[Mention, ...], ...]:
        """Every sentence's mentions, in order: an unknown person named in full is
        remembered, so that a later sentence's bare surname is that person."""
        found: list[tuple[Mention, ...]] = []
        for s in sentences:
            found.append(self.finder.find(s.text, s.start, ctx, _within(names, s)))
            ctx = Setting(ctx.home, ctx.day, self._strangers(ctx.strangers, found[-1], s))
        return short_forms(tuple(found))

    def _strangers(self, before: tuple[tuple[str, str], ...], found: tuple[Mention, ...],
                   sentence: Sentence) -> tuple[tuple[str, str], ...]:
        """Add the people of one sentence whose surname alone the lexicon cannot resolve:
        unknown people ("?" marks their name as unknown) and namesakes, as written."""
        known = dict(before)
        for m in found:
            if m.kind != PERSON:
                continue
            if not m.known:
                known[m.name.split()[-1]] = "?" + m.name
            elif not self.lexicon.surname_alone(m.name):
                written = sentence.text[m.start - sentence.start:m.end - sentence.start].split()
                if len(written) >= 2 and written[-1][0].isupper():
                    known[written[-1]] = m.name
        return tuple(sorted(known.items()))


def _meaning(regex: re.Pattern[str]) -> tuple[str, int]:
    """What an expression says, the same for "(?i)x" and "x" compiled case-insensitively
    (a rule's `context = '(?i){roundup}'` is the round-up's own expression)."""
    return regex.pattern.removeprefix("(?i)"), regex.flags


def _first_match(searched: dict[tuple[str, int], re.Match[str] | None], gate: WordGate,
                 text: str) -> re.Match[str] | None:
    """The first match of the gate's expression in `text`, searched for once an article."""
    key = _meaning(gate.regex)
    if key not in searched:
        searched[key] = gate.search(text) if gate.admits(text.casefold()) else None
    return searched[key]


def _within(names: tuple[Name, ...], sentence: Sentence) -> list[Name]:
    """The names inside a sentence, with offsets in it (the lexicon's boundaries are
    whitespace and punctuation, so they are the names of the sentence read alone)."""
    return [Name(n.start - sentence.start, n.end - sentence.start, n.kind, n.canonical)
            for n in names if sentence.start <= n.start and n.end <= sentence.end]


def _countries(lexicon: Lexicon, names: tuple[Name, ...]
               ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    counts: Counter[str] = Counter()
    for name in names:
        kind = COUNTRY if name.kind == ADJECTIVE else name.kind
        country = lexicon.country_of(kind, name.canonical)
        if country:
            counts[country] += 1
    order = tuple(counts)
    return tuple(sorted(counts, key=lambda c: (-counts[c], order.index(c)))), order


def _home(lexicon: Lexicon, text: str, countries: tuple[str, ...]) -> str | None:
    """The country the article reports from: its outlet's (Kazinform, BelTA...), else its
    dateline's, else the one it names most."""
    outlet = lexicon.outlet_country(text[:400])
    return outlet or _dateline(lexicon, text) or (countries[0] if countries else None)


def _dateline(lexicon: Lexicon, text: str) -> str | None:
    """The country of the city or country the article's dateline names, if any."""
    for m in _DATELINE.finditer(text[:600]):
        found = lexicon.lookup(m.group(1))
        if found and found[0] in (PLACE, COUNTRY):
            return lexicon.country_of(*found)
    return None

