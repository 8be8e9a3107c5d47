"""The article as extraction sees it: one document read once, before any rule runs.

Its date and time expressions (`timeline.dates`), its sentences, every sentence's
mentions, the country it reports from (its outlet's, else its dateline's, else the one
it names most), and the first match of each rule's `context` in the whole text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping

import attrs

from timeline import dates
from timeline.extract.anaphora import bodies_named_again
from timeline.extract.compiler import CompiledRule
from timeline.extract.mentions import Mention, MentionFinder, Setting, short_forms
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
    roundup: re.Pattern[str]
    dateline: str | None = None  # the country of the dateline's place
    # Each `context` rule's first match in the whole text, looked for once an article.
    contexts: Mapping[str, re.Match[str] | None] = attrs.field(factory=dict)

    def context_before(self, rule: CompiledRule, position: int) -> re.Match[str] | None:
        """The first match of `rule.context` that ends before `position`."""
        first = self.contexts.get(rule.rule.id) if rule.context else None
        if first is None or first.start() >= position:
            return None
        if first.end() <= position:
            return first
        assert rule.context is not None
        return rule.context.search(self.document.text, 0, position)  # it straddles

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
    """Reads documents into Articles with one rule set's lexicon, tagger and contexts."""

    def __init__(self, rules: tuple[CompiledRule, ...], engine: dict[str, re.Pattern[str]],
                 lexicon: Lexicon, tagger: dates.DateTagger) -> None:
        self.rules = rules
        self.roundup = engine["roundup"]
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
        mentions = with_pronouns(text, sentences, bodies_named_again(sentences, mentions),
                                 self.roundup)
        contexts = {r.rule.id: r.context.search(text) for r in self.rules if r.context}
        return Article(document, article_date, self.tagger.tag(text, dct), sentences,
                       mentions, home, countries, order, self.roundup,
                       _dateline(self.lexicon, text), contexts)

    def _mentions(self, sentences: tuple[Sentence, ...], names: tuple[Name, ...],
                  ctx: Setting) -> tuple[tuple[Mention, ...], ...]:
        """Every sentence's mentions, in order: an unknown person named in full is
        remembered, so that a later sentence's bare surname is that person."""
        found: list[tuple[Mention, ...]] = []
        for s in sentences:
            found.append(self.finder.find(s.text, s.start, ctx, _within(names, s)))
            strangers = {m.name for m in found[-1] if m.kind == PERSON and not m.known}
            ctx = attrs.evolve(ctx, strangers=tuple(sorted({*ctx.strangers, *strangers})))
        return short_forms(tuple(found))


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

