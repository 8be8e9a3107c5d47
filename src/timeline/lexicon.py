"""The lexicon: who and what the articles name, read from the rule files.

Sections (see README, "Rule files"):

- `[[actor]]` people: a canonical name, aliases and transliterations, a country, and
  offices held between two dates, so that "the President of Kazakhstan" in a 2021 story
  resolves to the person who held that office then.
- `[[office]]` the titles that name an office ("President", "Head of State", "PM").
- `[[country]]` states: names, long forms ("Kyrgyz Republic") and adjectives ("Kyrgyz").
- `[[place]]` cities with their country; several spellings, one canonical name.
- `[[organisation]]` international bodies and their abbreviations.
- `[[commemoration]]` commemorated events with their dates, the base of anniversaries.
- `[[outlet]]` news agencies and press services, and the country they report from.

`Lexicon` compiles them once and answers the questions extraction asks: which names
occur in a text, and who held an office on a day. Reading a sentence's mentions with it
(titles, unknown people, bare titles) is extraction's stage `timeline.extract.mentions`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

import attrs

from timeline import memo
from timeline.errors import RuleError
from timeline.ruleset import RuleSet


def _non_empty(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


@attrs.frozen
class Role:
    """An office held in a country between two days (either end may be open)."""

    office: str
    country: str | None = None  # None: the actor's own country
    since: dt.date | None = None
    until: dt.date | None = None

    def holds(self, day: dt.date) -> bool:
        after_start = self.since is None or self.since <= day
        return after_start and (self.until is None or day <= self.until)


@attrs.frozen
class Actor:
    """A person. `surname` lets the last word of the name stand alone ("Tokayev")."""

    name: str = attrs.field(validator=_non_empty)
    aliases: tuple[str, ...] = ()
    country: str | None = None
    roles: tuple[Role, ...] = ()
    surname: bool = True


@attrs.frozen
class Office:
    """A title that names an office; `pattern` is matched case-insensitively."""

    name: str = attrs.field(validator=_non_empty)
    pattern: str


@attrs.frozen
class Country:
    name: str = attrs.field(validator=_non_empty)
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()


@attrs.frozen
class Place:
    """A city. The canonical `name` is the one shown; aliases are other spellings or names."""

    name: str = attrs.field(validator=_non_empty)
    country: str = attrs.field(validator=_non_empty)
    aliases: tuple[str, ...] = ()


@attrs.frozen
class Organisation:
    name: str = attrs.field(validator=_non_empty)
    aliases: tuple[str, ...] = ()


@attrs.frozen
class Outlet:
    """A news agency or press service; an article that names it near its start reports
    from its country, which settles bare titles ("the Head of State")."""

    name: str = attrs.field(validator=_non_empty)
    country: str = attrs.field(validator=_non_empty)
    aliases: tuple[str, ...] = ()


@attrs.frozen
class Commemoration:
    """A commemorated event; an anniversary's date is `date` moved forward by its ordinal.

    `kind` ("independence", "diplomatic relations") with `countries` lets a phrase such as
    "the independence of Kyrgyzstan and Kazakhstan" find one entry per country.
    `parties` are the participants an anniversary of it reports (default: the
    countries, else the name).
    """

    name: str = attrs.field(validator=_non_empty)
    date: dt.date
    aliases: tuple[str, ...] = ()
    kind: str | None = None
    countries: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()

    @property
    def reported(self) -> tuple[str, ...]:
        return self.parties or self.countries or (self.name,)


@attrs.frozen
class CommemorationKind:
    """Other wordings of a commemoration kind: "diplomatic ties" for "diplomatic relations"."""

    name: str = attrs.field(validator=_non_empty)
    words: tuple[str, ...] = ()


SECTIONS: dict[str, type] = {
    "actor": Actor,
    "office": Office,
    "country": Country,
    "place": Place,
    "organisation": Organisation,
    "commemoration": Commemoration,
    "commemoration_kind": CommemorationKind,
    "outlet": Outlet,
}

PERSON, COUNTRY, ORGANISATION = "person", "country", "organisation"
# The years whose office-holders the lexicon lists completely (rules/actors.toml): an
# undated article's bare title names the one person who held the office all that time.
COVERED = (dt.date(2015, 1, 1), dt.date(2025, 12, 31))
PLACE, ADJECTIVE = "place", "adjective"
_BILATERAL = re.compile(r"(?:the\s+)?([A-Z][\w’'-]*?)[-–]([A-Z][\w’']*)\s+(intergovernmental|"
                        r"inter-governmental|interstate|interparliamentary)\s+(commission|"
                        r"committee|council)\b", re.IGNORECASE)


@attrs.frozen
class Name:
    """One occurrence of a lexicon name in a text."""

    start: int
    end: int
    kind: str
    canonical: str


def _variants(actor: Actor) -> Iterator[str]:
    """The written forms of a person: name, aliases, surname, and initial + surname."""
    for full in (actor.name, *actor.aliases):
        yield full
        words = full.split()
        if len(words) >= 2 and actor.surname and full == actor.name:
            yield words[-1]
        if len(words) >= 2:
            yield f"{words[0][0]}. {words[-1]}"
            yield f"{words[0][0]}.{words[-1]}"


def longest_first(phrases: Iterable[str], fold_case: bool = True) -> str:
    """A regular expression matching any of `phrases`, preferring at each position the
    longest one the rest of the pattern accepts. `fold_case` writes them in lower case,
    for a pattern compiled with re.IGNORECASE (two spellings of one prefix would otherwise
    be two branches, tried in the wrong order).

    Written as a prefix tree ("kaz(?:akh(?:stan)?|...)") rather than a flat alternation
    of hundreds of names: the engine then reads each character once where a flat
    alternation tries every name at every position of the text (13 times slower).
    """
    return _longest_first(tuple(phrases), fold_case)


@memo.remembered
def _longest_first(phrases: tuple[str, ...], fold_case: bool) -> str:
    tree: _Tree = {}
    for phrase in phrases:
        node = tree
        for char in phrase.lower() if fold_case else phrase:
            node = node.setdefault(char, {})
        node[""] = {}  # a phrase may end here
    return _subtree(tree)


_Tree = dict[str, "_Tree"]  # a character -> the phrases that continue with it; "" ends one


def _subtree(node: _Tree) -> str:
    branches = [re.escape(char) + _subtree(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if "" in node else group  # greedy: the longer phrase first


def _office_regex(office: Office, where: object) -> re.Pattern[str]:
    try:
        return memo.regex(office.pattern, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(f"{where} at $.office[name={office.name}].pattern",
                        f"bad regular expression: {exc}", "correct the pattern") from None


class Lexicon:
    """The compiled lexicon: name spotting and dated-office lookup."""

    def __init__(self, rules: RuleSet) -> None:
        self.actors: tuple[Actor, ...] = rules.section("actor")
        self.countries: tuple[Country, ...] = rules.section("country")
        self.places: tuple[Place, ...] = rules.section("place")
        self.organisations: tuple[Organisation, ...] = rules.section("organisation")
        self.commemorations: tuple[Commemoration, ...] = rules.section("commemoration")
        self.offices: tuple[Office, ...] = rules.section("office")
        self.outlets: tuple[Outlet, ...] = rules.section("outlet")
        self._kind_words = {k.name.lower(): tuple(w.lower() for w in k.words)
                            for k in rules.section("commemoration_kind")}
        self.actor_by_name = {a.name: a for a in self.actors}
        self.place_country = {p.name: p.country for p in self.places}
        self._forms: dict[str, tuple[str, str]] = {}
        for kind, name, forms in self._entries():
            for form in forms:
                # The first writer of a form wins, so a rule file cannot silently
                # re-point a name another file already gave.
                self._forms.setdefault(form.lower(), (kind, name))
        self._names = memo.regex(
            r"(?<![\w-])" + longest_first(self._forms) + r"(?![\w-])",
            re.IGNORECASE) if self._forms else None
        self._outlet_country: dict[str, str] = {}
        for outlet in self.outlets:
            for form in (outlet.name, *outlet.aliases):
                self._outlet_country.setdefault(form, outlet.country)
        self._outlets = memo.regex(  # names as written: "BelTA", not "belta"
            r"(?<!\w)" + longest_first(self._outlet_country, fold_case=False) + r"(?!\w)"
        ) if self._outlet_country else None
        self.office_patterns = tuple((o.name, _office_regex(o, where))
                                     for o, where in zip(self.offices, rules.origins.get(
                                         "office", ()), strict=True))

    def _entries(self) -> Iterator[tuple[str, str, Iterable[str]]]:
        for actor in self.actors:
            yield PERSON, actor.name, _variants(actor)
        for country in self.countries:
            yield COUNTRY, country.name, (country.name, *country.aliases)
        for place in self.places:
            yield PLACE, place.name, (place.name, *place.aliases)
        for org in self.organisations:
            yield ORGANISATION, org.name, (org.name, *org.aliases)
        for country in self.countries:
            yield ADJECTIVE, country.name, country.adjectives

    def names(self, text: str) -> tuple[Name, ...]:
        """Every lexicon name in `text`, longest first where two would overlap."""
        if self._names is None:
            return ()
        found = []
        for m in self._names.finditer(text):
            kind, canonical = self._forms[m.group().lower()]
            found.append(Name(m.start(), m.end(), kind, canonical))
        return tuple(found)

    def outlet_country(self, text: str) -> str | None:
        """The country of the first outlet named in `text`."""
        found = self._outlets.search(text) if self._outlets else None
        return self._outlet_country[found.group()] if found else None

    def surname_alone(self, name: str) -> bool:
        """Does the surname alone name this known person (not one of two namesakes)?"""
        actor = self.actor_by_name.get(name)
        return actor is None or actor.surname

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(kind, canonical name) of a written form, or None."""
        return self._forms.get(text.strip().lower())

    def bilateral_body(self, text: str) -> str | None:
        """"the Kyrgyz-Belarusian intergovernmental commission on trade" is the
        "Kyrgyzstan-Belarus Intergovernmental Commission": two countries, in the order
        written, and the kind of body."""
        found = _BILATERAL.match(text.strip())
        if found is None:
            return None
        countries = [self.country_named(found.group(i)) for i in (1, 2)]
        if None in countries:
            return None
        kind = found.group(3).replace("inter-governmental", "intergovernmental").title()
        return f"{countries[0]}-{countries[1]} {kind} {found.group(4).title()}"

    def holder(self, office: str, country: str, day: dt.date | None) -> Actor | None:
        """Who held `office` in `country` on `day`; None when unknown or ambiguous."""
        if day is None:
            return self._sole_holder(office, country)
        found = [a for a in self.actors for r in a.roles
                 if r.office == office and (r.country or a.country) == country and r.holds(day)]
        return found[0] if len({a.name for a in found}) == 1 else None

    def _sole_holder(self, office: str, country: str) -> Actor | None:
        """With no date, the one person who held `office` in `country` through all the
        years the lexicon covers (Lukashenko, "the Belarusian President"), else None."""
        first, last = COVERED
        found = {a.name: a for a in self.actors for r in a.roles
                 if r.office == office and (r.country or a.country) == country
                 and (r.since is None or r.since <= last) and (r.until is None or r.until >= first)}
        if len(found) != 1:
            return None
        (only,) = found.values()
        whole = any(r.office == office and r.holds(first) and r.holds(last) for r in only.roles)
        return only if whole else None

    def office_of_person(self, name: str, day: dt.date | None) -> str | None:
        """The office a person held on `day` (the first listed, when several)."""
        actor = self.actor_by_name.get(name)
        if actor is None or day is None:
            return None
        return next((r.office for r in actor.roles if r.holds(day)), None)

    def country_named(self, written: str) -> str | None:
        """The country a written name stands for: a country, its adjective ("Kyrgyz"), or
        a place or person of it."""
        found = self.lookup(written)
        if found is None:
            return None
        return self.country_of(COUNTRY if found[0] == ADJECTIVE else found[0], found[1])

    def country_of(self, kind: str, name: str) -> str | None:
        """The country a person, place or country belongs to."""
        if kind == COUNTRY:
            return name
        if kind == PLACE:
            return self.place_country.get(name)
        if kind == PERSON and name in self.actor_by_name:
            return self.actor_by_name[name].country
        return None

    def commemoration(self, text: str, countries: Iterable[str]) -> tuple[Commemoration, ...]:
        """The commemorations a phrase names: by alias, and by kind and country (so "the
        independence of Kyrgyzstan and Kazakhstan" names two)."""
        low = text.lower()

        def alias_length(c: Commemoration) -> int:
            # The words first, in C: the expression only for an alias the phrase holds.
            return max((len(a) for a in (c.name, *c.aliases) if a.lower() in low
                        and re.search(rf"(?<!\w){re.escape(a.lower())}(?!\w)", low)), default=0)

        by_alias = sorted((c for c in self.commemorations if alias_length(c)),
                          key=alias_length, reverse=True)[:1]
        return tuple(dict.fromkeys([*by_alias, *self._by_kind(low, list(countries))]))

    def _by_kind(self, low: str, countries: list[str]) -> list[Commemoration]:
        wanted = list(dict.fromkeys(countries))
        found = [c for c in self.commemorations
                 if c.kind and self._names_kind(c.kind, low) and c.countries
                 and set(c.countries) <= set(wanted)]
        pairs = [c for c in found if len(c.countries) > 1]
        if pairs:
            return pairs
        return sorted(found, key=lambda c: wanted.index(c.countries[0]))

    def kinds_named(self, text: str) -> tuple[str, ...]:
        """Commemoration kinds ("independence") a phrase names, lexicon order."""
        low = text.lower()
        return tuple(dict.fromkeys(c.kind for c in self.commemorations
                                   if c.kind and self._names_kind(c.kind, low)))

    def _names_kind(self, kind: str, low: str) -> bool:
        """Does the lower-cased phrase name `kind`, in its own words or another wording?"""
        return any(w in low for w in (kind.lower(), *self._kind_words.get(kind.lower(), ())))
