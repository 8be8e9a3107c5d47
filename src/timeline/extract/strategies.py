"""Fill strategies: where a role the pattern left open is looked for.

A rule's `fill` maps a role to strategy names tried in order ("before", "after",
"previous_sentence", "speaker", "roundup", ...), each a function of what the reading can
see (`Filling`) returning candidate mentions; the role-binding stage keeps those that
fit the role and clash with no other.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from timeline.extract.article import Article
from timeline.extract.mentions import Mention
from timeline.extract.shadow import Shadow
from timeline.lexicon import COUNTRY, ORGANISATION, PERSON
from timeline.model import Observation


@attrs.frozen
class Filling:
    """What a fill strategy may look at."""

    article: Article
    shadow: Shadow
    start: int  # the match, document offsets
    end: int
    bound: dict[str, list[Mention]]
    earlier: tuple[Observation, ...]
    context_sentence: int | None
    type: str
    role: str


def _before(f: Filling) -> list[Mention]:
    """The nearest person before the match in its sentence, else the nearest body."""
    found = [m for m in f.shadow.mentions if m.end <= f.start]
    people = [m for m in found if m.kind == PERSON]
    return people[-1:] or [m for m in found if m.kind == ORGANISATION][-1:]


def _after(f: Filling) -> list[Mention]:
    """The nearest person after the match in its sentence, else the nearest body."""
    found = [m for m in f.shadow.mentions if m.start >= f.end]
    people = [m for m in found if m.kind == PERSON]
    return people[:1] or [m for m in found if m.kind == ORGANISATION][:1]


def _subject(f: Filling) -> list[Mention]:
    return list(f.shadow.mentions[:1])


def _sentence_all(f: Filling) -> list[Mention]:
    return list(f.shadow.mentions)


def _previous_sentence(f: Filling) -> list[Mention]:
    index = f.shadow.sentence.index
    return list(f.article.mentions[index - 1]) if index > 0 else []


def _sentence_people(f: Filling) -> list[Mention]:
    return [m for m in f.shadow.mentions if m.kind == PERSON]


def _previous_subject(f: Filling) -> list[Mention]:
    """The first person of the latest of the three sentences before that names one ("He
    also met ..." after a sentence about the talks' agenda)."""
    index = f.shadow.sentence.index
    for earlier in range(index - 1, max(index - 4, -1), -1):
        people = [m for m in f.article.mentions[earlier] if m.kind == PERSON]
        if people:
            return people[:1]
    return []


def _previous_people(f: Filling) -> list[Mention]:
    return [m for m in _previous_sentence(f) if m.kind == PERSON]


def _previous(f: Filling) -> list[Mention]:
    """The same role of the article's latest earlier event of the same type."""
    return _last_of(f, f.type, f.role)


def _last_of(f: Filling, type_: str, role: str) -> list[Mention]:
    for obs in reversed(f.earlier):
        if obs.type == type_:
            return [Mention(0, 0, PERSON, p.name, p.known) for p in obs.participants
                    if p.role == role]
    return []


def _protagonist(f: Filling) -> list[Mention]:
    """The first person the article names (its headline's subject, usually)."""
    return list(f.article.people())[:1]


def _counterpart(f: Filling) -> list[Mention]:
    """The first person the article names who is foreign to the parties found so far."""
    taken = [m for ms in f.bound.values() for m in ms]
    names = {m.name for m in taken}
    countries = {m.country for m in taken if m.country}
    return [m for m in f.article.people()
            if m.name not in names and m.country not in countries and m.country][:1]


def _counterpart_country(f: Filling) -> list[Mention]:
    """The country the article names most, other than the parties' own."""
    taken = {m.country for ms in f.bound.values() for m in ms if m.country}
    return [_country(c) for c in f.article.countries if c not in taken][:1]


def _sentence_country(f: Filling) -> list[Mention]:
    taken = {m.country for ms in f.bound.values() for m in ms if m.country}
    return [m for m in f.shadow.mentions if m.kind == COUNTRY and m.country not in taken][:1]


def _home_country(f: Filling) -> list[Mention]:
    return [_country(f.article.home)] if f.article.home else []


def _dateline_country(f: Filling) -> list[Mention]:
    """The country of the dateline's city ("ASTANA, July 3 (Xinhua) -- ... arrived here")."""
    found = f.article.dateline
    return [_country(found)] if found else []


def _context(f: Filling) -> list[Mention]:
    """The first person of the sentence that satisfied the rule's `context`."""
    if f.context_sentence is None:
        return []
    return [m for m in f.article.mentions[f.context_sentence] if m.kind == PERSON][:1]


def _speaker(f: Filling) -> list[Mention]:
    """Who says the quotation the match stands in: named after it, else before it."""
    text, s = f.article.document.text, f.shadow.sentence
    paragraph = [x for x in f.article.sentences if x.paragraph == s.paragraph]
    opened = [i for i in (text.rfind(q, paragraph[0].start, f.start) for q in "“\"«") if i >= 0]
    if not opened:
        return []
    closes = [i for i in (text.find(q, f.end, paragraph[-1].end) for q in "”\"»") if i >= 0]
    after = min(closes) if closes else None
    people = [m for x in paragraph for m in f.article.mentions[x.index] if m.kind == PERSON]
    later = [m for m in people if after is not None and m.start > after]
    sooner = [m for m in people if m.end <= max(opened)]
    return later[:1] or sooner[-1:]


def _roundup(f: Filling) -> list[Mention]:
    """The first person of the article's first sentence about telegrams received."""
    at = f.article.roundup
    if at is None or at > f.shadow.sentence.index:
        return []
    return [m for m in f.article.mentions[at] if m.kind == PERSON][:1]


def _organisation(f: Filling) -> list[Mention]:
    """The first body the article names."""
    return [m for ms in f.article.mentions for m in ms if m.kind == ORGANISATION][:1]


def _two_countries(f: Filling) -> list[Mention]:
    return [_country(c) for c in f.article.order[:2]]


def _country(name: str) -> Mention:
    return Mention(0, 0, COUNTRY, name, True, name)


Strategy = Callable[[Filling], list[Mention]]
STRATEGIES: dict[str, Strategy] = {
    "before": _before, "after": _after, "subject": _subject, "sentence": _sentence_all,
    "previous_sentence": _previous_sentence, "previous_people": _previous_people,
    "sentence_people": _sentence_people, "previous_subject": _previous_subject,
    "previous": _previous, "last": _previous,
    "protagonist": _protagonist, "counterpart": _counterpart,
    "counterpart_country": _counterpart_country, "sentence_country": _sentence_country,
    "home": _home_country, "dateline": _dateline_country, "context": _context, "speaker": _speaker,
    "two_countries": _two_countries, "roundup": _roundup, "organisation": _organisation,
}


def run_strategy(name: str, f: Filling) -> list[Mention]:
    """`last:visit.visitor` reads another type's role; the rest are in STRATEGIES."""
    head, _, arg = name.partition(":")
    if head == "last" and arg:
        type_, _, role = arg.partition(".")
        return _last_of(f, type_, role)
    return STRATEGIES[head](f)

