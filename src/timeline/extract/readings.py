"""Readings: the rules run over one shadow sentence, and which of their matches stand.

Every event rule whose prefilter, paragraph and context allow it is searched in the
shadow sentence; where two readings of one event type share words, the longest wins
(the earlier rule on a tie); a discard rule may veto a reading. What became of each
reading is its `Candidate`, the trace `timeline explain` and `rules stats` print.
"""

from __future__ import annotations

import re

import attrs

from timeline.extract.article import Article
from timeline.extract.compiler import CompiledDiscard, CompiledRule
from timeline.extract.placeholders import ANY_SLOT
from timeline.extract.prefilter import WordIndex
from timeline.extract.sentences import Sentence
from timeline.extract.shadow import Shadow
from timeline.model import Observation

KEPT = "kept"
MISSING = "missing"  # the start of the outcome of a reading whose roles stay unmet


@attrs.frozen
class Reading:
    """One match of one rule, before it becomes observations (document offsets)."""

    rule: CompiledRule
    match: re.Match[str]
    start: int
    end: int


@attrs.frozen
class Candidate:
    """What one rule read at one place, and what became of it (`outcome`)."""

    rule: str
    type: str
    sentence: int
    start: int
    end: int
    outcome: str  # "kept", "vetoed by <id>", "missing <role>", "overlapped by <id>"...
    observations: tuple[Observation, ...] = ()

    @classmethod
    def of(cls, reading: Reading, sentence: Sentence, outcome: str,
           observations: tuple[Observation, ...] = ()) -> Candidate:
        return cls(reading.rule.rule.id, reading.rule.rule.type, sentence.index,
                   reading.start, reading.end, outcome, observations)


def readings(rules: tuple[CompiledRule, ...], index: WordIndex, article: Article,
             view: Shadow) -> list[Reading]:
    """Every match of every rule allowed to run on the sentence, in rule order (`index`
    holds the rules' required words)."""
    sentence = view.sentence
    found = []
    for rule in (rules[i] for i in index.allowed(view.text.casefold())):
        if rule.rule.paragraph_start and not sentence.first:
            continue
        if rule.context and not article.context_before(rule, sentence.start):
            continue
        if rule.passage and not rule.passage.search(article.paragraph(sentence)):
            continue
        for m in rule.regex.finditer(view.text):
            start, end = view.span(m.start(), m.end())
            found.append(Reading(rule, m, start, end))
    return found


def by_precedence(found: list[Reading], rules: tuple[CompiledRule, ...]) -> list[Reading]:
    """The order in which overlapping readings claim their words: longest first, then
    the rule written first."""
    return sorted(found, key=lambda r: (-(r.end - r.start), rules.index(r.rule)))


def rival(reading: Reading, kept: list[Reading], view: Shadow) -> Reading | None:
    """A reading already kept of the same type that reads some of the same words."""
    return next((k for k in kept if k.rule.rule.type == reading.rule.rule.type
                 and _share_words(view, k.match, reading.match)), None)


def _share_words(view: Shadow, a: re.Match[str], b: re.Match[str]) -> bool:
    """Do two matches read the same words? Sharing only a mention does not count, so
    "Following the talks, A" and "A met with B" are two readings."""
    start, end = max(a.start(), b.start()), min(a.end(), b.end())
    return start < end and bool(re.search(r"\w", ANY_SLOT.sub("", view.text[start:end])))


def veto(discards: tuple[CompiledDiscard, ...], article: Article, view: Shadow,
         reading: Reading) -> str | None:
    """The id of the first discard rule that vetoes the reading, if any."""
    for discard in discards:
        if discard.rule.types and reading.rule.rule.type not in discard.rule.types:
            continue
        text = _vetoed_text(discard.rule.scope, article, view, reading)
        if discard.gate.admits(text.casefold()) and discard.gate.regex.search(text):
            return discard.rule.id
    return None


def _vetoed_text(scope: str, article: Article, view: Shadow, reading: Reading) -> str:
    """Discard rules read the words as written, names included."""
    sentence = view.sentence
    if scope == "match":
        return sentence.text[reading.start - sentence.start:reading.end - sentence.start]
    if scope == "next":
        after = sentence.index + 1
        return article.sentences[after].text if after < len(article.sentences) else ""
    return sentence.text
