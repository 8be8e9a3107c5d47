"""The Extractor: the stages of extraction run in order over one document.

`compile` builds it once from the rules (a bad rule stops here); `trace` reads the
article (`article`), then, sentence by sentence, runs the rules over its shadow
(`readings`), turns each standing reading into observations (`observations`), and at the
end settles the dates the article gives elsewhere (`dating`) and writes its notes.
"""

from __future__ import annotations

import datetime as dt

import attrs

from timeline import dates
from timeline.extract.article import Article, ArticleReader
from timeline.extract.compiler import CompiledRules, compile_rules
from timeline.extract.dating import Donors, donor_key, settle_dates
from timeline.extract.observations import Observer
from timeline.extract.prefilter import WordIndex
from timeline.extract.readings import (
    MISSING,
    Candidate,
    Reading,
    by_precedence,
    readings,
    rival,
)
from timeline.extract.sentences import Sentence
from timeline.extract.shadow import Shadow, shadow
from timeline.extract.strategies import STRATEGIES
from timeline.lexicon import Lexicon
from timeline.model import Document, Observation
from timeline.ruleset import RuleSet


@attrs.frozen
class Extraction:
    article_date: dates.ArticleDate
    observations: tuple[Observation, ...]
    notes: tuple[str, ...]


@attrs.frozen
class Trace:
    """An extraction with the sentences and candidates it was made of, for diagnostics."""

    extraction: Extraction
    sentences: tuple[Sentence, ...]
    candidates: tuple[Candidate, ...]
    home: str | None
    donors: Donors = attrs.field(factory=dict)  # where dates given from elsewhere came from

    def date_source(self, obs: Observation) -> str | None:
        """The words (or the sentence) whose date `obs` took, if it took one."""
        return self.donors.get(donor_key(obs))


def compile(rules: RuleSet) -> Extractor:
    """Compile every rule once; a bad rule raises RuleError naming its file and line."""
    return Extractor(compile_rules(rules, STRATEGIES), Lexicon(rules), dates.compile(rules))


class Extractor:
    """Compiled rules and lexicon; `extract` is a pure function of the document."""

    def __init__(self, compiled: CompiledRules, lexicon: Lexicon,
                 tagger: dates.DateTagger) -> None:
        self.types = compiled.types
        self.rules = compiled.rules
        self.words = WordIndex(r.words for r in self.rules)
        self.engine = compiled.engine
        self.reader = ArticleReader(compiled.engine, lexicon, tagger)
        self.observer = Observer(compiled, lexicon)

    def extract(self, document: Document) -> Extraction:
        return self.trace(document).extraction

    def read(self, document: Document, day: dt.date | None = None) -> Article:
        """The document's sentences and mentions; `day` overrides the article date (the
        inline examples of rule files carry theirs beside the text)."""
        return self.reader.read(document, day)

    def trace(self, document: Document, day: dt.date | None = None) -> Trace:
        article = self.read(document, day)
        views = [self._view(article, sentence) for sentence in article.sentences]
        words = self.words.narrowed("\x00".join(v.text.casefold() for v in views))
        observations: list[Observation] = []
        candidates: list[Candidate] = []
        for view in views:
            found = self._sentence(article, view, words, tuple(observations))
            candidates += found
            observations += [o for c in found for o in c.observations]
        final, donors = settle_dates(observations, article, self.engine)
        final = sorted(final, key=lambda o: (o.source.start, o.type, o.source.rule))
        extraction = Extraction(article.article_date, tuple(final), _notes(article, final))
        return Trace(extraction, article.sentences, tuple(candidates), article.home, donors)

    @staticmethod
    def _view(article: Article, sentence: Sentence) -> Shadow:
        """The sentence's shadow, with its mentions and time expressions as placeholders."""
        # An anniversary is an event of its own, not an adjunct: its words stay words.
        times = tuple((t.start, t.end) for t in article.timexes
                      if sentence.start <= t.start and t.end <= sentence.end
                      and t.rule != "anniversary")
        return shadow(sentence, article.mentions[sentence.index], times)

    def _sentence(self, article: Article, view: Shadow, words: WordIndex,
                  earlier: tuple[Observation, ...]) -> list[Candidate]:
        """Every candidate of one sentence, in order of its words (`words`: the rules'
        words the article holds). The longest reading of a type wins where two overlap,
        so a reading is observed only once it stands; one whose roles cannot be filled
        leaves its words to the shorter readings."""
        sentence = view.sentence
        out: list[Candidate] = []
        kept: list[Reading] = []
        for reading in by_precedence(readings(self.rules, words, article, view), self.rules):
            winner = rival(reading, kept, view)
            if winner is not None:
                out.append(Candidate.of(reading, sentence, f"overlapped by {winner.rule.rule.id}"))
                continue
            outcome, observations = self.observer.observe(article, view, reading, earlier)
            if not outcome.startswith(MISSING):  # a reading its roles fail claims no words
                kept.append(reading)
            outcome, observations = _without_twin(view, outcome, observations, earlier)
            earlier = earlier + observations
            out.append(Candidate.of(reading, sentence, outcome, observations))
        return sorted(out, key=lambda c: (c.start, c.rule))


def _without_twin(view: Shadow, outcome: str, observations: tuple[Observation, ...],
                  earlier: tuple[Observation, ...]) -> tuple[str, tuple[Observation, ...]]:
    """Drop an observation another rule already made from the same sentence: two rules
    reading one event in other words (the first reader is named when nothing is left)."""
    twin = next((o for o in observations for e in earlier
                 if _same_event(o, e) and e.sentence == o.sentence
                 and view.sentence.start <= e.source.start < view.sentence.end), None)
    if twin is None:
        return outcome, observations
    observations = tuple(o for o in observations if o is not twin)
    return (outcome if observations else f"duplicate of {_same_reader(twin, earlier)}",
            observations)


def _same_event(a: Observation, b: Observation) -> bool:
    return (a.type, set(a.names), a.date) == (b.type, set(b.names), b.date)


def _same_reader(obs: Observation, earlier: tuple[Observation, ...]) -> str:
    return next(e.source.rule for e in earlier if _same_event(obs, e))


def _notes(article: Article, observations: list[Observation]) -> tuple[str, ...]:
    notes = []
    adate = article.article_date
    if adate.date is None:
        notes.append("no article date found: events the text does not date are left undated")
    elif adate.date.year_uncertain:
        notes.append(f"article year inferred ({adate.basis}), not stated")
    unknown: dict[str, Observation] = {}
    for obs in observations:
        for p in obs.participants:
            if not p.known:
                unknown.setdefault(p.name, obs)
    for name, obs in unknown.items():
        notes.append(f"lexicon candidate: {name!r} ({obs.type}, rule {obs.source.rule}, "
                     f"offset {obs.source.start})")
    return tuple(notes)
