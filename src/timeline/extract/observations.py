"""Observations: what one reading reports, once its roles are bound and it is dated.

A reading a discard rule vetoes, or whose roles stay unmet, reports nothing; one whose
rule splits a role ("A, B and C sent telegrams") reports one observation a member, each
citing its own words; an anniversary reports one a commemorated event. Each observation
carries its title (the type's template filled), participants, date and basis, place and
status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from timeline.extract.anniversaries import Anniversaries
from timeline.extract.article import Article
from timeline.extract.compiler import CompiledRules
from timeline.extract.dating import Dated, Dating
from timeline.extract.items import EventType
from timeline.extract.mentions import Mention
from timeline.extract.readings import KEPT, Reading, veto
from timeline.extract.roles import Bound, RoleBinder
from timeline.extract.sentences import Sentence
from timeline.extract.shadow import Shadow
from timeline.extract.strategies import Filling
from timeline.lexicon import PLACE, Lexicon
from timeline.model import Observation, Participant, Source


class Observer:
    """Turns readings into observations with one rule set and lexicon."""

    def __init__(self, compiled: CompiledRules, lexicon: Lexicon) -> None:
        self.types = compiled.types
        self.discards = compiled.discards
        self.roles = RoleBinder(lexicon)
        self.dating = Dating(compiled.engine, lexicon)
        self.anniversaries = Anniversaries(lexicon, compiled.types, self.dating)

    def observe(self, article: Article, view: Shadow, reading: Reading,
                earlier: tuple[Observation, ...]) -> tuple[str, tuple[Observation, ...]]:
        """The outcome of a reading ("kept", "vetoed by ...", "missing ...") and what it
        reports; `earlier` are the article's observations so far (strategies read them)."""
        vetoed = veto(self.discards, article, view, reading)
        if vetoed:
            return f"vetoed by {vetoed}", ()
        rule, etype = reading.rule, self.types[reading.rule.rule.type]
        binding = self.roles.bind(view, reading)
        bound, split, dct = binding.bound, binding.split, article.dct
        members = self.roles.stand_for_holders(rule.rule, bound, dct, split, binding.members)
        if split is not None:  # fill the roles as for one member; the others follow
            bound[split] = [m for m in bound[split] if m not in members[1:]]
        context = _context_sentence(article, reading, view.sentence)
        filling = Filling(article, view, reading.start, reading.end, bound, earlier, context,
                          etype.name, "")
        missing, city = self.roles.fill(rule.rule, etype, filling)
        if missing and "ordinal" not in rule.regex.groupindex:
            return missing, ()
        self.roles.stand_for_holders(rule.rule, bound, dct)  # and those the strategies found
        observations = tuple(o for group, member in _groups(bound, split, members)
                             for o in self._observations(article, view, reading, group,
                                                         binding.place, city, member))
        return (KEPT if observations else "no date or commemoration"), observations

    def _observations(self, article: Article, view: Shadow, reading: Reading, bound: Bound,
                      place: Mention | None, city: Mention | None,
                      member: Mention | None) -> Iterator[Observation]:
        """The observations of one reading: one, or one a commemorated event. Each cites
        its own words: a list member's reading ends at that member."""
        etype, rule = self.types[reading.rule.rule.type], reading.rule.rule
        place_name = _place_name(article, view, reading, etype, place, city)
        for dated in self._dated(article, view, reading, member):
            participants = dated.parties or tuple(
                Participant(m.name, spec.name, m.known)
                for spec in etype.roles for m in bound.get(spec.name, []))
            yield Observation(
                type=etype.name,
                source=Source(article.document.name, reading.start, dated.end, rule.id),
                title=render(etype.title, _fields(etype, participants, place_name, dated)),
                participants=participants, date=dated.date, date_basis=dated.basis,
                place=place_name,
                status=self.dating.status(article, view, reading, dated.date),
                sentence=view.sentence.text, commemorates=dated.commemorates)

    def _dated(self, article: Article, view: Shadow, reading: Reading,
               member: Mention | None) -> Iterator[Dated]:
        """The reading's dates: an anniversary's, one a commemorated event, else its own."""
        if "ordinal" in reading.match.re.groupindex:
            return self.anniversaries.dated(article, view, reading)
        end = member.end if member is not None else reading.end
        return iter([Dated(None, *self.dating.date(article, view, reading), None, None, end)])


def _context_sentence(article: Article, reading: Reading, sentence: Sentence) -> int | None:
    """The sentence where the rule's `context` matched first, before this one."""
    first = article.context_before(reading.rule, sentence.start)
    return article.sentence_at(first.start()) if first else None


def _groups(bound: Bound, split: str | None, members: list[Mention]
            ) -> list[tuple[Bound, Mention | None]]:
    """The roles of each observation: all of them, or, for a split role, one event for
    each member, with the role's other (unsplit) members."""
    if split is None:
        return [(bound, None)]
    fixed = [m for m in bound[split] if m not in members]
    return [({**bound, split: [*fixed, m]}, m) for m in members]


def _place_name(article: Article, view: Shadow, reading: Reading, etype: EventType,
                place: Mention | None, city: Mention | None) -> str | None:
    """The city the match names, else one a role's mention stood in for, else the
    nearest city the sentence puts the event in; none for a type that is not located."""
    where = place if place is not None and place.kind == PLACE else city
    where = where or _nearest_city(article.document.text, view, reading)
    return where.name if where is not None and etype.located else None


def _nearest_city(text: str, view: Shadow, reading: Reading) -> Mention | None:
    """The city the sentence puts the event in ("... in Astana") nearest to its words."""
    cities = [m for m in view.mentions if m.kind == PLACE and re.search(
        r"\b(?:in|to)\s+(?:the\s+city\s+of\s+)?$", text[view.sentence.start:m.start])]
    return min(cities, key=lambda m: max(m.start - reading.end, reading.start - m.end),
               default=None)


def _fields(etype: EventType, participants: tuple[Participant, ...], place_name: str | None,
            dated: Dated) -> dict[str, str]:
    """The fields of the type's title template."""
    fields = {spec.name: " and ".join(p.name for p in participants if p.role == spec.name)
              for spec in etype.roles}
    n = dated.ordinal
    return fields | {"all": " and ".join(p.name for p in participants),
                     "place": place_name or "", "ordinal": ordinal(n) if n else "",
                     "commemorates": dated.commemorates or ""}


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def render(template: str, fields: dict[str, str]) -> str:
    """Fill a title template; a [bracketed part] is dropped when a field inside is empty."""
    def optional(m: re.Match[str]) -> str:
        inner = m.group(1)
        return inner if all(fields.get(n) for n in re.findall(r"\{(\w+)\}", inner)) else ""
    text = re.sub(r"\[([^\[\]]*)\]", optional, template)
    return re.sub(r"\{(\w+)\}", lambda m: fields.get(m.group(1)) or "?", text)
