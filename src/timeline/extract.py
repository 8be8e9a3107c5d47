"""Extraction: observations of events read from one document with the rule files.

Extraction is a pure function of (document, rules). For each sentence:

1. **Mentions** (`lexicon.MentionFinder`): the people (each with its title: "President
   of the Kyrgyz Republic Sadyr Japarov"), countries, bodies and places the sentence
   names; a bare title ("the Kazakh President") is whoever held the office on the
   article's date; unknown names after a title are kept as written.
2. **Shadow text.** Every mention is replaced by a placeholder, so that a rule reads
   `{person:visitor} arrived in {place:host}` whatever the length of the names.
3. **Rules.** Each `[[event]]` rule's pattern is searched in the shadow sentence; its
   placeholders bind participants to roles; roles the text leaves open are filled by the
   rule's `fill` strategies (the subject before the trigger, the visitor of the
   article's visit, the home country...). `[[discard]]` rules veto look-alikes.
4. **Date, status, place, title** follow from the sentence and the article. The date
   and its basis: the time expression governing the words ("explicit"); "Earlier," (the
   article's month, "relative"); an anniversary's commemorated date plus its ordinal
   ("anniversary"); the date the article gives the same event elsewhere
   ("coreference"), an event of the same sentence ("sentence") or the sentence this one
   continues ("continuation"); the article's date ("pubdate"); for a speaker's undated
   past, nothing ("quoted"); without an article date, nothing ("none"). Never the clock.

The trace of every candidate (kept, vetoed, incomplete, overlapped) is what
`timeline explain` and `timeline rules stats` print.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping

import attrs

from timeline import backtracking, dates, prefilter
from timeline.errors import RuleError
from timeline.lexicon import (
    ADJECTIVE,
    COUNTRY,
    ORGANISATION,
    PERSON,
    PLACE,
    Lexicon,
    Mention,
    MentionFinder,
    Name,
    Setting,
    short_forms,
)
from timeline.model import HELD, PLANNED, DateValue, Document, Observation, Participant, Source
from timeline.ruleset import Origin, RuleSet

# -- rule-file items --------------------------------------------------------------------------


def _one_of(*allowed: str) -> Callable[[object, attrs.Attribute[str], str], None]:
    def check(_: object, attribute: attrs.Attribute[str], value: str) -> None:
        if value not in allowed:
            raise ValueError(f"{attribute.name}: {value!r} is not one of {', '.join(allowed)}")
    return check


@attrs.frozen
class RoleSpec:
    """A participant role of an event type, the kinds of mention it takes, and its checks.

    `foreign_to` names another role whose country this role's country must differ from
    (a visit's host is not the visitor's own country).
    """

    name: str
    kinds: tuple[str, ...] = (PERSON, ORGANISATION, COUNTRY)
    foreign_to: str | None = None


@attrs.frozen
class EventType:
    """A declared event type: its roles in participant order and its title template.

    `title` fills `{role}` with the role's names joined by " and ", `{place}` and
    `{ordinal}`; a part in square brackets is dropped when a field inside it is empty.
    `requires` lists alternatives such as "visitor+host" or "party*2": an observation is
    kept when one holds. `triggers` are the words whose sentences `timeline explain`
    examines when nothing was extracted from them.
    """

    name: str
    roles: tuple[RoleSpec, ...]
    title: str
    requires: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    located: bool = True


@attrs.frozen
class NamedPattern:
    """A shared sub-pattern, written `{name}` inside any rule pattern."""

    name: str
    regex: str
    description: str = ""


@attrs.frozen
class Example:
    """A text, the article date it is read with, and the events it must produce."""

    text: str
    date: dt.date | None = None
    expect: tuple[str, ...] = ()


@attrs.frozen
class EventRule:
    """A pattern over the shadow sentence that reports an event of `type`.

    `fill` maps a role to the strategies tried, in order, when the pattern leaves it
    open, or binds fewer than the type requires. `context`, when set, must match the
    article before the sentence (a round-up of telegrams); `paragraph_start` limits the
    rule to a paragraph's first sentence. `holders` maps a role to an office: a country
    bound to it stands for whoever held the office ("a meeting of the presidents of A and B").
    """

    id: str
    type: str
    pattern: str
    fill: dict[str, tuple[str, ...]] = attrs.field(factory=dict)
    status: str = attrs.field(default="auto", validator=_one_of("auto", HELD, PLANNED))
    context: str | None = None
    paragraph_start: bool = False
    holders: dict[str, str] = attrs.field(factory=dict)
    description: str = ""
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[Example, ...] = ()


@attrs.frozen
class DiscardRule:
    """Vetoes candidate events of `types` (all when empty) where `pattern` matches.

    `scope` "sentence" searches the candidate's whole sentence, "match" only the words
    the event rule matched.
    """

    id: str
    pattern: str
    types: tuple[str, ...] = ()
    scope: str = attrs.field(default="sentence", validator=_one_of("sentence", "match"))
    description: str = ""
    examples: tuple[Example, ...] = ()
    counterexamples: tuple[Example, ...] = ()


SECTIONS: dict[str, type] = {
    "event_type": EventType,
    "pattern": NamedPattern,
    "event": EventRule,
    "discard": DiscardRule,
}

# -- values of one run ------------------------------------------------------------------------


@attrs.frozen
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    first: bool


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


KINDS = {  # placeholder name -> mention kinds it accepts
    "person": (PERSON,), "country": (COUNTRY,), "organisation": (ORGANISATION,),
    "org": (ORGANISATION,), "city": (PLACE,), "place": (PLACE, COUNTRY),
    "party": (PERSON, COUNTRY, ORGANISATION), "actor": (PERSON, ORGANISATION),
}
CODE = {PERSON: "P", COUNTRY: "C", ORGANISATION: "O", PLACE: "L"}
OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: never in an article
SPECIAL_GROUPS = ("place", "ordinal", "commemoration")
ENGINE_PATTERNS = ("planned_cue", "past_cue", "earlier_cue", "continuation_cue",
                   "title_word", "date_guard", "roundup")

# -- compiling ----------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(\.\.\.)?(?::([A-Za-z_]\w*)(\*)?)?\}")


@attrs.frozen
class Slot:
    """A placeholder of a compiled pattern that binds a role."""

    group: str
    role: str
    kinds: tuple[str, ...]
    many: bool
    split: bool


@attrs.frozen
class CompiledRule:
    rule: EventRule
    origin: Origin
    regex: re.Pattern[str]
    slots: tuple[Slot, ...]
    raw_roles: tuple[str, ...]
    context: re.Pattern[str] | None
    words: tuple[str, ...] | None = None  # one of them is in every match (prefilter)

    def may_match(self, folded_sentence: str) -> bool:
        """False when the case-folded sentence lacks every word a match needs."""
        return self.words is None or any(w in folded_sentence for w in self.words)


@attrs.frozen
class CompiledDiscard:
    rule: DiscardRule
    origin: Origin
    regex: re.Pattern[str]


class _Expander:
    """Expands `{name}` references into regular expressions, recording role slots."""

    def __init__(self, named: dict[str, str]) -> None:
        self.named = named
        self.slots: list[Slot] = []

    def expand(self, pattern: str, seen: tuple[str, ...] = ()) -> str:
        return _PLACEHOLDER.sub(lambda m: self._one(m, seen), pattern)

    def _one(self, m: re.Match[str], seen: tuple[str, ...]) -> str:
        name, many, role, split = m.group(1), bool(m.group(2)), m.group(3), bool(m.group(4))
        if name in KINDS:
            one = OPEN + "[" + "".join(CODE[k] for k in KINDS[name]) + r"]\d+" + CLOSE
            others = "".join(c for k, c in CODE.items() if k not in KINDS[name])
            # words between members may name other kinds ("Head of the Administration of
            # Baikonur city X"), never a member's kind
            gap = r"(?:[^" + OPEN + r".;]|" + OPEN + "[" + others + r"]\d+" + CLOSE + "){0,60}?"
            # "A", "A and B", "A, B and C": a comma alone does not end a list
            body = (one + r"(?:(?:\s*," + gap + one + r")*\s*,?\s*(?:\band\b|&)" + gap + one + ")?"
                    if many else one)
            if role is None:
                return f"(?:{body})"
            group = f"s{len(self.slots)}__{role}"
            self.slots.append(Slot(group, role, KINDS[name], many, split))
            return f"(?P<{group}>{body})"
        if role is not None or many:
            raise ValueError(f"{{{name}}} is a shared pattern, not a mention kind: "
                             f"it takes no role")
        if name in seen:
            raise ValueError(f"shared pattern {name!r} refers to itself")
        if name not in self.named:
            known = ", ".join(sorted([*KINDS, *self.named]))
            raise ValueError(f"unknown reference {{{name}}} (known: {known})")
        return "(?:" + self.expand(self.named[name], (*seen, name)) + ")"


def _where(origin: Origin, section: str, ident: str, key: str) -> str:
    """Where a rule item is, as "rules/visit.toml:12 at $.event[id=visit.arrived].pattern"."""
    return f"{origin} at ${section}[id={ident}].{key}"


def _regex(expander: _Expander, pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    """A rule's pattern with its references expanded, or a RuleError saying where."""
    try:
        compiled = re.compile(expander.expand(pattern), flags)
    except ValueError as exc:
        raise RuleError(where, str(exc), "declare it as a [[pattern]] or correct the name"
                        ) from None
    except re.error as exc:
        raise RuleError(where, f"bad regular expression: {exc}",
                        "correct the pattern (Python `re` syntax)") from None
    if (shape := backtracking.ambiguous_repeat(compiled.pattern, flags)) is not None:
        raise RuleError(where, f"may backtrack catastrophically: {shape}",
                        "make the inner repeat possessive (`++`, `*+`) or atomic (`(?>...)`), "
                        "or give the repeated group a separator it must match")
    return compiled


def _compile_event(rule: EventRule, origin: Origin, types: dict[str, EventType],
                   named: dict[str, str]) -> CompiledRule:
    if rule.type not in types:
        raise RuleError(_where(origin, ".event", rule.id, "type"),
                        f"unknown event type {rule.type!r}",
                        f"declare it with [[event_type]] or use one of {', '.join(types)}")
    roles = {r.name for r in types[rule.type].roles}
    expander = _Expander(named)
    regex = _regex(expander, rule.pattern, _where(origin, ".event", rule.id, "pattern"))
    context = (_regex(expander, rule.context, _where(origin, ".event", rule.id, "context"))
               if rule.context else None)
    generated = {s.group for s in expander.slots}
    raw = tuple(g for g in regex.groupindex if g not in generated and g not in SPECIAL_GROUPS)
    for role in [s.role for s in expander.slots if s.role not in SPECIAL_GROUPS] + list(raw):
        if role not in roles:
            raise RuleError(_where(origin, ".event", rule.id, "pattern"),
                            f"role {role!r} is not a role of {rule.type}",
                            f"use one of: {', '.join(sorted(roles | set(SPECIAL_GROUPS)))}")
    for role, strategies in rule.fill.items():
        if role not in roles:
            raise RuleError(_where(origin, ".event", rule.id, f"fill.{role}"),
                            f"{role!r} is not a role of {rule.type}",
                            f"use one of: {', '.join(sorted(roles))}")
        for strategy in strategies:
            if strategy.split(":")[0] not in STRATEGIES:
                raise RuleError(_where(origin, ".event", rule.id, f"fill.{role}"),
                                f"unknown strategy {strategy!r}",
                                f"use one of: {', '.join(sorted(STRATEGIES))}")
    return CompiledRule(rule, origin, regex, tuple(expander.slots), raw, context,
                        prefilter.required_words(regex.pattern, regex.flags))


def compile(rules: RuleSet) -> Extractor:
    """Compile every rule once; a bad rule raises RuleError naming its file and line."""
    types = {t.name: t for t in rules.section("event_type")}
    named = {p.name: p.regex for p in rules.section("pattern")}
    origins = rules.origins
    for name in ENGINE_PATTERNS:
        if name not in named:
            raise RuleError(rules.files[0] if rules.files else "rules",
                            f"the shared pattern {name!r} is missing",
                            "declare it as a [[pattern]] (see rules/patterns.toml)")
    compiled = tuple(_compile_event(r, o, types, named)
                     for r, o in zip(rules.section("event"), origins.get("event", ()),
                                     strict=True))
    for item, origin in zip(rules.section("pattern"), origins.get("pattern", ()), strict=True):
        _regex(_Expander(named), item.regex, _where(origin, ".pattern", item.name, "regex"))
    discards = tuple(
        CompiledDiscard(rule, origin, _regex(_Expander(named), rule.pattern, _where(
            origin, ".discard", rule.id, "pattern"), re.IGNORECASE))
        for rule, origin in zip(rules.section("discard"), origins.get("discard", ()),
                                strict=True))
    engine = {n: re.compile(_Expander(named).expand(named[n]), re.IGNORECASE)
              for n in ENGINE_PATTERNS}
    return Extractor(types, compiled, discards, engine, Lexicon(rules),
                     dates.compile(rules))


# -- sentences ----------------------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?][\"”»’']?(?=\s+[\"“«]?[A-Z0-9])")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec no gen col lt prof vs
etc inc ltd co u.s u.k h.e
""".split())  # noqa: SIM905 - a word list reads best as words


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences with their document offsets; a line break always ends a sentence."""
    out: list[Sentence] = []
    paragraph = 0
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        first, cut = True, line.start()
        for m in _BOUNDARY.finditer(line.group()):
            end = line.start() + m.end()
            word = re.search(r"([\w.]+)[.!?][\"”»’']?$", text[cut:end])
            if word and ((len(word.group(1)) == 1 and word.group(1).isalpha())
                         or word.group(1).lower() in _ABBREVIATIONS):
                continue  # an initial ("N. Nazarbayev", not "May 9.") or an abbreviation
            out.extend(_sentence(text, cut, end, len(out), paragraph, first))
            first, cut = False, end
        out.extend(_sentence(text, cut, line.end(), len(out), paragraph, first))
        paragraph += 1
    return tuple(out)


def _sentence(text: str, start: int, end: int, index: int, paragraph: int,
              first: bool) -> Iterator[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(index, start, end, text[start:end], paragraph, first)


# -- the shadow sentence ------------------------------------------------------------------------

_SLOT = re.compile(OPEN + r"([PCOL])(\d+)" + CLOSE)


@attrs.frozen
class Shadow:
    """A sentence with each mention replaced by a placeholder, and the way back."""

    text: str
    sentence: Sentence
    mentions: tuple[Mention, ...]
    pieces: tuple[tuple[int, int, int, int], ...]  # shadow start, end -> document start, end

    def to_document(self, index: int) -> int:
        """The document offset of a shadow offset (a placeholder maps to its mention)."""
        for s0, s1, d0, _ in self.pieces:
            if s0 <= index < s1:
                is_mention = self.text[s0:s0 + 1] == OPEN
                return d0 if is_mention else d0 + (index - s0)
        return self.sentence.end

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_document(start), self.to_document(end)

    def mentions_in(self, text: str) -> list[Mention]:
        return [self.mentions[int(m.group(2))] for m in _SLOT.finditer(text)]


def shadow(sentence: Sentence, mentions: tuple[Mention, ...]) -> Shadow:
    parts, pieces, at, pos = [], [], sentence.start, 0
    for i, m in enumerate(mentions):
        plain = sentence.text[at - sentence.start:m.start - sentence.start]
        parts.append(plain)
        pieces.append((pos, pos + len(plain), at, m.start))
        pos += len(plain)
        token = f"{OPEN}{CODE[m.kind]}{i}{CLOSE}"
        parts.append(token)
        pieces.append((pos, pos + len(token), m.start, m.end))
        pos, at = pos + len(token), m.end
    rest = sentence.text[at - sentence.start:]
    parts.append(rest)
    pieces.append((pos, pos + len(rest), at, sentence.end))
    return Shadow("".join(parts), sentence, mentions, tuple(pieces))


# -- the article as extraction sees it ---------------------------------------------------------

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

    @property
    def dct(self) -> DateValue | None:
        return self.article_date.date

    def people(self) -> Iterator[Mention]:
        return (m for ms in self.mentions for m in ms if m.kind == PERSON)


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


# -- filling roles ------------------------------------------------------------------------------


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
    """The first person of the previous sentence ("He also met ...")."""
    return _previous_people(f)[:1]


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
    for s in f.article.sentences[:f.shadow.sentence.index + 1]:
        if f.article.roundup.search(s.text):
            return [m for m in f.article.mentions[s.index] if m.kind == PERSON][:1]
    return []


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


def _strategy(name: str, f: Filling) -> list[Mention]:
    """`last:visit.visitor` reads another type's role; the rest are in STRATEGIES."""
    head, _, arg = name.partition(":")
    if head == "last" and arg:
        type_, _, role = arg.partition(".")
        return _last_of(f, type_, role)
    return STRATEGIES[head](f)


# -- the extractor ------------------------------------------------------------------------------

_ORDINAL = re.compile(r"\d+")
_COMPOUND = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[-–][A-Z][a-z]+)+(?![\w-])")
KEPT = "kept"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@attrs.frozen
class _Reading:
    """One match of one rule, before it becomes observations."""

    rule: CompiledRule
    match: re.Match[str]
    start: int
    end: int


class Extractor:
    """Compiled rules and lexicon; `extract` is a pure function of the document."""

    def __init__(self, types: dict[str, EventType], rules: tuple[CompiledRule, ...],
                 discards: tuple[CompiledDiscard, ...], engine: dict[str, re.Pattern[str]],
                 lexicon: Lexicon, tagger: dates.DateTagger) -> None:
        self.types = types
        self.rules = rules
        self.discards = discards
        self.engine = engine
        self.lexicon = lexicon
        self.tagger = tagger
        self.finder = MentionFinder(lexicon, engine["title_word"])

    def extract(self, document: Document) -> Extraction:
        return self.trace(document).extraction

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
        ctx = Setting(home, dct.earliest if dct else None)
        found: list[tuple[Mention, ...]] = []
        for s in sentences:
            found.append(self.finder.find(s.text, s.start, ctx, _within(names, s)))
            strangers = {m.name for m in found[-1] if m.kind == PERSON and not m.known}
            ctx = attrs.evolve(ctx, strangers=tuple(sorted({*ctx.strangers, *strangers})))
        mentions = short_forms(tuple(found))
        contexts = {r.rule.id: r.context.search(text) for r in self.rules if r.context}
        return Article(document, article_date, self.tagger.tag(text, dct), sentences,
                       mentions, home, countries, order, self.engine["roundup"],
                       _dateline(self.lexicon, text), contexts)

    def trace(self, document: Document, day: dt.date | None = None) -> Trace:
        article = self.read(document, day)
        observations: list[Observation] = []
        candidates: list[Candidate] = []
        for sentence in article.sentences:
            found = self._sentence(article, sentence, tuple(observations))
            candidates += found
            observations += [o for c in found for o in c.observations]
        final = _settle_dates(observations, article, self.engine)
        final = sorted(final, key=lambda o: (o.source.start, o.type, o.source.rule))
        extraction = Extraction(article.article_date, tuple(final), _notes(article, final))
        return Trace(extraction, article.sentences, tuple(candidates), article.home)

    # -- one sentence --

    def _sentence(self, article: Article, sentence: Sentence,
                  earlier: tuple[Observation, ...]) -> list[Candidate]:
        view = shadow(sentence, article.mentions[sentence.index])
        folded = view.text.casefold()
        readings = []
        for rule in self.rules:
            if (rule.rule.paragraph_start and not sentence.first) or not rule.may_match(folded):
                continue
            if rule.context and not article.context_before(rule, sentence.start):
                continue
            for m in rule.regex.finditer(view.text):
                start, end = view.span(m.start(), m.end())
                readings.append(_Reading(rule, m, start, end))
        out: list[Candidate] = []
        kept: list[_Reading] = []
        # The longest reading of a type wins where two overlap; the earlier rule on a tie.
        for reading in sorted(readings, key=lambda r: (-(r.end - r.start),
                                                       self.rules.index(r.rule))):
            rival = next((k for k in kept if k.rule.rule.type == reading.rule.rule.type
                          and _share_words(view, k.match, reading.match)), None)
            if rival is not None:
                lost = f"overlapped by {rival.rule.rule.id}"
                out.append(self._candidate(reading, sentence, lost))
                continue
            kept.append(reading)
            outcome, observations = self._observe(article, view, reading, earlier)
            twin = next((o for o in observations for e in earlier
                         if _same_event(o, e) and e.sentence == o.sentence
                         and view.sentence.start <= e.source.start < view.sentence.end), None)
            if twin is not None:
                observations = tuple(o for o in observations if o is not twin)
                outcome = outcome if observations else f"duplicate of {_same_reader(twin, earlier)}"
            earlier = earlier + observations
            out.append(self._candidate(reading, sentence, outcome, observations))
        return sorted(out, key=lambda c: (c.start, c.rule))

    @staticmethod
    def _candidate(reading: _Reading, sentence: Sentence, outcome: str,
                   observations: tuple[Observation, ...] = ()) -> Candidate:
        return Candidate(reading.rule.rule.id, reading.rule.rule.type, sentence.index,
                         reading.start, reading.end, outcome, observations)

    def _veto(self, view: Shadow, reading: _Reading) -> str | None:
        for discard in self.discards:
            if discard.rule.types and reading.rule.rule.type not in discard.rule.types:
                continue
            # Discard rules read the words as written, names included.
            where = (view.sentence.text if discard.rule.scope == "sentence"
                     else view.sentence.text[reading.start - view.sentence.start:
                                             reading.end - view.sentence.start])
            if discard.regex.search(where):
                return discard.rule.id
        return None

    def _observe(self, article: Article, view: Shadow, reading: _Reading,
                 earlier: tuple[Observation, ...]) -> tuple[str, tuple[Observation, ...]]:
        vetoed = self._veto(view, reading)
        if vetoed:
            return f"vetoed by {vetoed}", ()
        rule, etype = reading.rule, self.types[reading.rule.rule.type]
        bound, split, members, place = self._bind(view, reading)
        dct = article.dct
        for role, office in rule.rule.holders.items():
            bound[role] = self._holders(office, bound.get(role, []), dct)
            members = self._holders(office, members, dct) if role == split else members
        if split is not None:  # fill the roles as for one member; the others follow
            bound[split] = [m for m in bound[split] if m not in members[1:]]
        context = self._context_sentence(article, rule, view.sentence)
        filling = Filling(article, view, reading.start, reading.end, bound, earlier, context,
                          etype.name, "")
        missing, city = self._fill(rule, etype, filling)
        if missing and "ordinal" not in rule.regex.groupindex:
            return missing, ()
        for role, office in rule.rule.holders.items():  # and those the strategies found
            bound[role] = self._holders(office, bound.get(role, []), dct)
        groups: list[tuple[dict[str, list[Mention]], Mention | None]] = [(bound, None)]
        if split is not None:  # one event for each member, with the role's other members
            fixed = [m for m in bound[split] if m not in members]
            groups = [({**bound, split: [*fixed, m]}, m) for m in members]
        observations = tuple(o for g, member in groups for o in self._observations(
            article, view, reading, g, place, city, member))
        return (KEPT if observations else "no date or commemoration"), observations

    def _context_sentence(self, article: Article, rule: CompiledRule,
                          sentence: Sentence) -> int | None:
        first = article.context_before(rule, sentence.start)
        return _sentence_at(article, first.start()) if first else None

    def _bind(self, view: Shadow, reading: _Reading) -> tuple[
            dict[str, list[Mention]], str | None, list[Mention], Mention | None]:
        """The roles the match itself binds, the role split into one event a member, and
        the place it names."""
        bound: dict[str, list[Mention]] = {}
        split, place = None, None
        members: list[Mention] = []
        for slot in reading.rule.slots:
            text = reading.match.group(slot.group)
            if text is None:
                continue
            found = [m for m in view.mentions_in(text) if m.kind in slot.kinds]
            if slot.role == "place":
                place = found[0] if found else None
                continue
            bound.setdefault(slot.role, [])
            bound[slot.role] += [m for m in found
                                 if m.name not in {b.name for b in bound[slot.role]}]
            if slot.split:
                split = slot.role
                members.extend(found)
        for role in reading.rule.raw_roles:
            text = reading.match.group(role)
            if text:
                found = view.mentions_in(text)
                written = _SLOT.sub(lambda x: view.mentions[int(x.group(2))].name, text).strip()
                known = self.lexicon.lookup(written)
                bound.setdefault(role, []).extend(found or [Mention(
                    0, 0, ORGANISATION, known[1] if known else written, known is not None)])
        return bound, split, members, place

    # -- roles --

    def _fit(self, m: Mention, spec: RoleSpec) -> tuple[Mention | None, Mention | None]:
        """The mention as the role takes it (a city stands for its country), and the city."""
        if m.start == m.end == 0:  # read from an earlier observation: kind from the lexicon
            found = self.lexicon.lookup(m.name)
            kind = found[0] if found and found[0] != "adjective" else m.kind
            m = attrs.evolve(m, kind=kind, country=self.lexicon.country_of(kind, m.name))
        if m.kind in spec.kinds:
            return m, None
        if m.kind == PLACE and COUNTRY in spec.kinds and m.country:
            return Mention(m.start, m.end, COUNTRY, m.country, True, m.country), m
        return None, None

    def _fill(self, rule: CompiledRule, etype: EventType, f: Filling) -> tuple[str, Mention | None]:
        """Bind every role (from the match, else the rule's strategies); what is missing."""
        bound, city = f.bound, None
        for spec in etype.roles:
            fitted = [self._fit(m, spec) for m in bound.get(spec.name, [])]
            bound[spec.name] = [m for m, _ in fitted if m is not None]
            city = city or next((c for _, c in fitted if c is not None), None)
        for spec in etype.roles:
            others = bound.get(spec.foreign_to or "", [])
            if spec.foreign_to and _clash(bound[spec.name], others):
                if all(o.generic for o in others):
                    bound[spec.foreign_to] = []  # "the President" was someone else here
                else:
                    bound[spec.name] = []
        for spec in sorted(etype.roles, key=lambda s: s.foreign_to is not None):
            need = _needed(etype, spec.name)
            for strategy in rule.rule.fill.get(spec.name, ()):
                if len(bound.get(spec.name, [])) >= need:
                    break
                fitted = [self._fit(m, spec) for m in _strategy(strategy, attrs.evolve(
                    f, role=spec.name))]
                for m, c in fitted:
                    if m is not None and self._allowed(m, spec, etype, bound):
                        bound.setdefault(spec.name, []).append(m)
                        city = city or c
                        if len(bound[spec.name]) >= need:
                            break
        return _unmet(etype, bound), city

    def _holders(self, office: str, mentions: list[Mention],
                 dct: DateValue | None) -> list[Mention]:
        """Countries stand for the holder of `office` on the article's date (rule `holders`)."""
        people = []
        for m in mentions:
            holder = (self.lexicon.holder(office, m.name, dct.earliest) if m.kind == COUNTRY
                      and dct is not None else None)
            people.append(m if holder is None else Mention(
                m.start, m.end, PERSON, holder.name, True, holder.country, generic=True))
        return people

    @staticmethod
    def _allowed(m: Mention, spec: RoleSpec, etype: EventType,
                 bound: dict[str, list[Mention]]) -> bool:
        if any(m.name == o.name for ms in bound.values() for o in ms):
            return False
        if spec.foreign_to and _clash([m], bound.get(spec.foreign_to, [])):
            return False
        return not any(other.foreign_to == spec.name and _clash(bound.get(other.name, []), [m])
                       for other in etype.roles)

    # -- observations --

    def _observations(self, article: Article, view: Shadow, reading: _Reading,
                      bound: dict[str, list[Mention]], place: Mention | None,
                      city: Mention | None, member: Mention | None) -> Iterator[Observation]:
        """The observations of one reading: one, or one a commemorated event. Each cites
        its own words: a list member's reading ends at that member."""
        etype, rule = self.types[reading.rule.rule.type], reading.rule.rule
        where = place if place is not None and place.kind == PLACE else city
        where = where or _nearest_city(article.document.text, view, reading)
        place_name = where.name if where is not None and etype.located else None
        end = member.end if member is not None else reading.end
        readings = (self._anniversaries(article, view, reading)
                    if "ordinal" in reading.match.re.groupindex else
                    iter([(None, *self._date(article, view, reading), None, None, end)]))
        for parties, date, basis, commemorates, n, end in readings:
            participants = parties or tuple(
                Participant(m.name, spec.name, m.known)
                for spec in etype.roles for m in bound.get(spec.name, []))
            fields = {spec.name: " and ".join(p.name for p in participants if p.role == spec.name)
                      for spec in etype.roles}
            fields |= {"all": " and ".join(p.name for p in participants),
                       "place": place_name or "", "ordinal": ordinal(n) if n else "",
                       "commemorates": commemorates or ""}
            yield Observation(
                type=etype.name,
                source=Source(article.document.name, reading.start, end, rule.id),
                title=render(etype.title, fields), participants=participants, date=date,
                date_basis=basis, place=place_name,
                status=self._status(article, view, reading, date), sentence=view.sentence.text,
                commemorates=commemorates)

    def _anniversaries(self, article: Article, view: Shadow, reading: _Reading
                       ) -> Iterator[tuple[tuple[Participant, ...], DateValue | None, str,
                                           str, int, int]]:
        """One reading per commemorated event: "the independence of A and B" gives two.
        A known event dates the anniversary (its date plus the ordinal); an unknown one
        is kept as written, in the year the sentence gives, else the article's."""
        match, text = reading.match, article.document.text
        n = int(_ORDINAL.search(match.group("ordinal") or "0").group())  # type: ignore[union-attr]
        what, inside = "", []
        if "commemoration" in match.re.groupindex and match.group("commemoration"):
            s0, s1 = view.span(*match.span("commemoration"))
            what, inside = text[s0:s1], view.mentions_in(match.group("commemoration"))
        countries = self._countries_of(article, view, what, inside)
        role = self.types[reading.rule.rule.type].roles[0].name
        found = self.lexicon.commemoration(what, countries)
        for c in found:
            end = next((m.end for m in inside if m.country in c.countries), reading.end)
            yield (tuple(Participant(p, role) for p in c.reported),
                   DateValue.day(_shift(c.date, n)), "anniversary", c.name, n,
                   end if len(found) > 1 else reading.end)
        if found:
            return
        named = re.sub(r"^(?:the|The)\s+", "", what).strip()
        parties: tuple[Participant, ...] = (Participant(named, role, known=False),)
        if self.lexicon.kinds_named(what):  # "diplomatic relations" of two countries
            parties = tuple(Participant(c, role) for c in dict.fromkeys(countries))
            named = f"{named} ({' and '.join(p.name for p in parties)})"
        date, _ = self._date(article, view, reading)
        year = DateValue.year(date.earliest.year) if date is not None else None
        yield parties, year, "anniversary", named, n, reading.end

    def _countries_of(self, article: Article, view: Shadow, what: str,
                      inside: list[Mention]) -> list[str]:
        """The countries an anniversary concerns: named in its phrase ("Kazakh-Chinese
        relations" names two), "the two countries" of the article, else those of its
        sentence, else the home country."""
        named = [m.country for m in inside if m.country] + self._compound_countries(what)
        if named:
            return named
        if re.search(r"\b(?:two|both)\s+(?:countries|states|nations)\b", view.sentence.text):
            return list(article.order[:2])
        return [m.country for m in view.mentions if m.country] or [
            c for c in (article.home,) if c]

    def _compound_countries(self, text: str) -> list[str]:
        """The countries of hyphenated adjectives: "Russian-Kazakh" gives Russia and
        Kazakhstan (the lexicon reads no name that touches a hyphen)."""
        out: list[str] = []
        for compound in _COMPOUND.finditer(text):
            found = [self.lexicon.lookup(part) for part in re.split(r"[-–]", compound.group())]
            countries = [self.lexicon.country_of(COUNTRY if f[0] == ADJECTIVE else f[0], f[1])
                         for f in found if f and f[0] in (COUNTRY, ADJECTIVE)]
            if len(countries) == len(found):
                out += [c for c in countries if c]
        return out

    def _date(self, article: Article, view: Shadow, reading: _Reading,
              inside_only: bool = False) -> tuple[DateValue | None, str]:
        """The time expression that governs the trigger, else a relative cue, else the
        article's date."""
        expr = self._governing(article, view.sentence, reading.start, reading.end, inside_only)
        if expr is not None:
            return expr.date, "explicit"
        dct = article.dct
        before = article.document.text[view.sentence.start:reading.start]
        future = self.engine["planned_cue"].search(view.sentence.text)
        if dct is not None and self.engine["earlier_cue"].search(before) and not future:
            return DateValue.month(dct.earliest.year, dct.earliest.month), "relative"
        if _quoted(article.document.text, view.sentence, reading.start) and self.engine[
                "past_cue"].search(reading.match.group()):
            return None, "quoted"  # a speaker's past, undated: not the day of the article
        return (dct, "pubdate") if dct is not None else (None, "none")

    def _governing(self, article: Article, sentence: Sentence, start: int, end: int,
                   inside_only: bool) -> dates.TimeExpr | None:
        found = [t for t in article.timexes
                 if sentence.start <= t.start and t.end <= sentence.end and t.date is not None
                 and t.type in ("DATE", "TIME")
                 and self._may_govern(article.document.text, sentence, start, end, t)]
        inside = [t for t in found if start <= t.start and t.end <= end]
        if inside or inside_only:
            return inside[0] if inside else None
        return min(found, key=lambda t: max(t.start - end, start - t.end), default=None)

    def _may_govern(self, text: str, sentence: Sentence, start: int, end: int,
                    t: dates.TimeExpr) -> bool:
        """Can the date `t` be the date of the words start..end? Not when it dates
        something else: after "since", an occasion, another clause, an aside inside the
        match ("Putin, who arrived on Wednesday, held talks"), or a quotation the words
        stand outside of."""
        if self.engine["date_guard"].search(text[sentence.start:t.start]):
            return False
        if self._names_an_occasion(t.text):
            return False
        if _other_clause(text[min(end, t.end):max(start, t.start)]):
            return False
        if start <= t.start and t.end <= end and _in_aside(text[start:t.start], text[t.end:end]):
            return False
        return _quoted(text, sentence, start) or not _quoted(text, sentence, t.start)

    def _names_an_occasion(self, text: str) -> bool:
        """"Victory Day", "the 30th anniversary of independence": the date of what is
        celebrated, not of the event that celebrates it."""
        return "anniversary" in text.lower() or any(
            a.lower() in text.lower() for c in self.lexicon.commemorations
            for a in (c.name, *c.aliases) if len(a) > 4)

    def _status(self, article: Article, view: Shadow, reading: _Reading,
                date: DateValue | None) -> str:
        rule = reading.rule.rule
        if rule.status != "auto":
            return rule.status
        dct = article.dct
        if date is not None and dct is not None and date.earliest > dct.latest:
            return PLANNED
        if (self.engine["planned_cue"].search(view.sentence.text)
                and not self.engine["past_cue"].search(reading.match.group())):
            return PLANNED
        return HELD


def _nearest_city(text: str, view: Shadow, reading: _Reading) -> Mention | None:
    """The city the sentence puts the event in ("... in Astana") nearest to its words."""
    cities = [m for m in view.mentions if m.kind == PLACE and re.search(
        r"\b(?:in|to)\s+(?:the\s+city\s+of\s+)?$", text[view.sentence.start:m.start])]
    return min(cities, key=lambda m: max(m.start - reading.end, reading.start - m.end),
               default=None)


def _same_event(a: Observation, b: Observation) -> bool:
    return (a.type, set(a.names), a.date) == (b.type, set(b.names), b.date)


def _same_reader(obs: Observation, earlier: tuple[Observation, ...]) -> str:
    return next(e.source.rule for e in earlier if _same_event(obs, e))


def _quoted(text: str, sentence: Sentence, at: int) -> bool:
    """Is offset `at` inside a quotation opened in its paragraph?"""
    start = text.rfind("\n", 0, sentence.start) + 1
    before = text[start:at]
    opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


def _other_clause(between: str) -> bool:
    """Do the words between a trigger and a date start another clause ("..., his first
    since the November 20 election")? "the summit, which opens on 7 June" dates the
    summit itself."""
    return bool(re.search(r"[,;–—]\s*(?:his|her|their|its|which|who|where|when|since|after|"
                          r"before|while|whereas|and then)\b", between)) and not re.fullmatch(
        r"[^,;–—]*,\s*which\s+(?:will\s+|is\s+to\s+|is\s+due\s+to\s+)?(?:be\s+held|is\s+held|"
        r"was\s+held|opens?|opened|takes?\s+place|took\s+place|is\s+scheduled|was\s+scheduled|"
        r"starts?|started|begins?|began)\b[^,;–—]*", between)


def _in_aside(before: str, after: str) -> bool:
    """Is a date inside a relative clause set off by commas within the match ("Putin, who
    arrived on Wednesday, held talks")? It dates the aside, not the event."""
    opened = re.search(r",\s*(?:who|which|whose|where)\b[^,]*$", before)
    return bool(opened) and "," in after


def _share_words(view: Shadow, a: re.Match[str], b: re.Match[str]) -> bool:
    """Do two matches read the same words? Sharing only a mention does not count, so
    "Following the talks, A" and "A met with B" are two readings."""
    start, end = max(a.start(), b.start()), min(a.end(), b.end())
    return start < end and bool(re.search(r"\w", _SLOT.sub("", view.text[start:end])))


def _clash(these: list[Mention], those: list[Mention]) -> bool:
    """Does a member of `these` belong to the country of a member of `those`?"""
    countries = {m.country for m in those if m.country}
    return any(m.country in countries for m in these)


def _needed(etype: EventType, role: str) -> int:
    """How many members a role needs at most, over the type's alternatives."""
    counts = [int(need.partition("*")[2] or 1) for alternative in etype.requires
              for need in alternative.split("+") if need.partition("*")[0] == role]
    return max(counts, default=1)


def _sentence_at(article: Article, offset: int) -> int | None:
    return next((s.index for s in article.sentences if s.start <= offset < s.end + 1), None)


def _unmet(etype: EventType, bound: dict[str, list[Mention]]) -> str:
    """"" when one of the type's alternatives holds, else what is missing."""
    alternatives = etype.requires or ("+".join(r.name for r in etype.roles),)
    wanted = []
    for alternative in alternatives:
        lacking = []
        for need in alternative.split("+"):
            role, _, count = need.partition("*")
            if len({m.name for m in bound.get(role, [])}) < int(count or 1):
                lacking.append(need)
        if not lacking:
            return ""
        wanted.append("+".join(lacking))
    return "missing " + " or ".join(wanted)


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def render(template: str, fields: dict[str, str]) -> str:
    """Fill a title template; a [bracketed part] is dropped when a field inside is empty."""
    def optional(m: re.Match[str]) -> str:
        inner = m.group(1)
        return inner if all(fields.get(n) for n in re.findall(r"\{(\w+)\}", inner)) else ""
    text = re.sub(r"\[([^\[\]]*)\]", optional, template)
    return re.sub(r"\{(\w+)\}", lambda m: fields.get(m.group(1)) or "?", text)


# -- dates settled across the article -----------------------------------------------------------

_STRONG = ("explicit", "relative", "coreference", "sentence", "continuation")


def _settle_dates(observations: list[Observation], article: Article,
                  engine: dict[str, re.Pattern[str]]) -> list[Observation]:
    """Give an event dated only by the article's date the date the article gives it
    elsewhere: the same event named again ("his visit to Moscow"), an event of the same
    sentence ("during the visit ..., a meeting"), or the sentence this one continues."""
    where = {id(o): _sentence_of(article, o) for o in observations}
    out = list(observations)
    for _ in range(2):
        for i, obs in enumerate(out):
            if obs.date_basis not in ("pubdate", "quoted"):
                continue
            index = where[id(observations[i])]
            donor = _donor(obs, index, out, observations, where, article, engine)
            if donor is not None:
                out[i] = attrs.evolve(obs, date=donor[0].date, date_basis=donor[1])
    return out


def _donor(obs: Observation, index: int, current: list[Observation],
           original: list[Observation], where: dict[int, int], article: Article,
           engine: dict[str, re.Pattern[str]]) -> tuple[Observation, str] | None:
    strong = [(o, where[id(orig)]) for o, orig in zip(current, original, strict=True)
              if o.date_basis in _STRONG and o.date is not None]
    for other, _ in strong:
        if (other.type == obs.type and set(other.names) == set(obs.names)
                and other.place == obs.place):
            return other, "coreference"
    for other, at in strong:
        if at == index and other.type != obs.type and other.date_basis != "anniversary":
            return other, "sentence"
    sentence = article.sentences[index]
    if index == 0 or obs.status != HELD:
        return None
    previous = article.sentences[index - 1]
    if previous.paragraph == sentence.paragraph or engine["continuation_cue"].match(
            sentence.text):
        dct = article.dct
        for other, at in strong:
            if (at == index - 1 and other.date_basis in ("explicit", "relative")
                    and (dct is None or other.date.latest <= dct.latest)):  # type: ignore[union-attr]
                return other, "continuation"
    return None


def _sentence_of(article: Article, obs: Observation) -> int:
    return next((s.index for s in article.sentences
                 if s.start <= obs.source.start < s.end + 1), 0)


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
