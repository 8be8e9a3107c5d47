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
occur in a text, and who held an office on a day. `MentionFinder` reads a sentence with
it: the people (with their titles), countries, bodies and places it names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

import attrs

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
PLACE, ADJECTIVE = "place", "adjective"


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
        return re.compile(office.pattern, re.IGNORECASE)
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
        self._names = re.compile(
            r"(?<![\w-])" + longest_first(self._forms) + r"(?![\w-])",
            re.IGNORECASE) if self._forms else None
        self._outlet_country: dict[str, str] = {}
        for outlet in self.outlets:
            for form in (outlet.name, *outlet.aliases):
                self._outlet_country.setdefault(form, outlet.country)
        self._outlets = re.compile(  # names as written: "BelTA", not "belta"
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

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(kind, canonical name) of a written form, or None."""
        return self._forms.get(text.strip().lower())

    def holder(self, office: str, country: str, day: dt.date | None) -> Actor | None:
        """Who held `office` in `country` on `day`; None when unknown or ambiguous."""
        if day is None:
            return None
        found = [a for a in self.actors for r in a.roles
                 if r.office == office and (r.country or a.country) == country and r.holds(day)]
        return found[0] if len({a.name for a in found}) == 1 else None

    def office_of_person(self, name: str, day: dt.date | None) -> str | None:
        """The office a person held on `day` (the first listed, when several)."""
        actor = self.actor_by_name.get(name)
        if actor is None or day is None:
            return None
        return next((r.office for r in actor.roles if r.holds(day)), None)

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
            return max((len(a) for a in (c.name, *c.aliases)
                        if re.search(rf"(?<!\w){re.escape(a.lower())}(?!\w)", low)), default=0)

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


# -- mentions in a text -----------------------------------------------------------------------


@attrs.frozen
class Mention:
    """A person, country, organisation or place named in a sentence (document offsets).

    `generic` marks a person found through a bare title ("the President"), which a rule
    may overrule when it contradicts the sentence.
    """

    start: int
    end: int
    kind: str
    name: str
    known: bool = True
    country: str | None = None
    generic: bool = False


_TOKEN = re.compile(r"[^\s,;:()\"“”«»\[\]]+|[,;:()\"“”«»\[\]]")
_REGNAL = re.compile(r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})")  # "King Charles III"
_CONNECTORS = frozenset({"of", "the", "and", "to", "for", "–", "—", "-", "&"})
_PARTICLES = frozenset({"bin", "ibn", "al", "el", "van", "von", "de", "der", "du", "da", "di"})
_CAPITALISED_RUN = re.compile(
    r"(?<![\w’'-])[A-ZÀ-Þ][\w’'-]*(?:\s+(?:(?:bin|ibn|al|el|van|von|de|der|du|da|di)\s+)?"
    r"(?:(?:al|el|ad|as|ash|at|az|ud)-)?[A-ZÀ-Þ][\w’'-]*)*")  # "Bashar al-Assad"
# Capitalised words that are never part of a person's name.
_FUNCTION_WORDS = frozenset("""
the a an in on at upon during after before earlier later then today yesterday tomorrow
besides while according following within also meanwhile however moreover thus so but and
as for from by with since when last next this that these those his her their our its we
i he she it they you there here what who mr mrs ms dr january february march april may
june july august september october november december monday tuesday wednesday thursday
friday saturday sunday
""".split())  # noqa: SIM905 - a word list reads best as words
_NOT_NAMES = _FUNCTION_WORDS | frozenset("""
affairs international national republic federation state states government parliament
committee council union organization organisation commission assembly ministry office
service press day week year forum summit university museum park palace airport memorial
monument order fortress hall centre center city region bank fund company party house war
victory great patriotic independence capital nation nations world central asia eurasian
economic supreme interstate security cooperation development business executive general
board administration health defence defense foreign prime first deputy vice acting
""".split())  # noqa: SIM905 - a word list reads best as words
# "met with his counterpart, President of ...": the apposition belongs to the person after it
_COUNTERPART_BEFORE = re.compile(
    r"(?<![\w-])(?:his|her|their)\s+(?:[\w-]+\s+)?(?:counterparts?|colleagues?),\s*$")
_HEAD_WORD = re.compile(
    r"\b(?:Council|Union|Organi[sz]ation|Commission|Committee|Assembly|Community|Conference)\b")
_ORG_HEAD = re.compile(
    r"(?:[A-Z][\w’'-]*\s+(?:of\s+(?:the\s+)?)?)*?(?:[A-Z][\w’'-]*\s+)?"
    r"(?:Council|Union|Organi[sz]ation|Commission|Committee|Assembly|Community|Conference)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w’'-]*"
    r"(?:\s+(?:(?:of|and|on|for)\s+(?:the\s+)?)?[A-Z][\w’'-]*)*)?")


@attrs.frozen
class Setting:
    """What mention finding needs to know about the article: its home country and day."""

    home: str | None
    day: dt.date | None
    strangers: tuple[str, ...] = ()  # unknown people named earlier, whose surname may recur


class MentionFinder:
    """Finds who and what one sentence names.

    The lexicon's names are found first; unknown people (two to four capitalised words
    after a title) and bodies (a capitalised phrase headed by "Council", "Union"...) are
    added; each person absorbs the title in front of it ("President of the Kyrgyz
    Republic Sadyr Japarov" is one mention); a title without a name ("the Kazakh
    President") becomes whoever held the office on the article's day.
    """

    def __init__(self, lexicon: Lexicon, title_word: re.Pattern[str]) -> None:
        self.lexicon = lexicon
        self.title_word = title_word
        self.role_regex = self._role_regex()

    def _role_regex(self) -> re.Pattern[str] | None:
        lex = self.lexicon
        if not lex.offices:
            return None
        adj = longest_first(f for c in lex.countries for f in (c.name, *c.aliases, *c.adjectives))
        cty = longest_first(f for c in lex.countries for f in (c.name, *c.aliases))
        offices = "|".join(f"(?P<o{i}>{o.pattern})" for i, o in enumerate(lex.offices))
        return re.compile(
            rf"(?<![\w-])(?:(?P<det>the|his|her|its|their)\s+)?(?:(?P<adj>{adj})\s+)?"
            rf"(?:{offices})(?:\s+of\s+(?:the\s+)?(?P<cty>{cty}))?(?![\w-])", re.IGNORECASE)

    def find(self, text: str, base: int, ctx: Setting,
             names_in_text: Iterable[Name] | None = None) -> tuple[Mention, ...]:
        """The mentions of one sentence `text` that starts at document offset `base`.

        `names_in_text` are the lexicon's names in it, when the caller has them already.
        """
        names = list(self.lexicon.names(text) if names_in_text is None else names_in_text)
        orgs = self._organisations(text, names)
        names = [n for n in names if not any(o.start <= n.start and n.end <= o.end for o in orgs)]
        persons = [n for n in names if n.kind == PERSON] + self._unknown_people(text, names)
        persons += self._strangers_again(text, persons, ctx)
        persons.sort(key=lambda n: n.start)
        placed: list[Mention] = []
        for name in persons:
            placed.append(self._person(text, name, persons, names, ctx))
        placed = _merge_same_person(text, placed)
        placed += self._roles(text, placed, ctx)
        for n in (*orgs, *names):
            if n.kind in (COUNTRY, ORGANISATION, PLACE) and not _overlaps(n, placed):
                article = re.search(r"(?<![\w-])(?:the|The)\s+$", text[:n.start])
                start = article.start() if article else n.start  # "the Kyrgyz Republic"
                placed.append(Mention(start, n.end, n.kind, n.canonical,
                                      country=self.lexicon.country_of(n.kind, n.canonical)))
        placed.sort(key=lambda m: m.start)
        return tuple(_unknown_org_names(attrs.evolve(m, start=m.start + base, end=m.end + base))
                     for m in placed)

    def _organisations(self, text: str, names: list[Name]) -> list[Name]:
        """Capitalised phrases headed by "Council", "Union"...: the lexicon's name if it has
        one, else the phrase as written (marked unknown with a leading "?")."""
        out = []
        for m in _ORG_HEAD.finditer(text):
            start, phrase = m.start(), m.group()
            lead = re.match(r"(?:(?:The|In|On|At|As|During|After|Within|For)\s+)+", phrase)
            if lead:
                start, phrase = start + lead.end(), phrase[lead.end():]
            for tail in re.finditer(r"\s+(?:of|on|for|and)\s+(?:the\s+)?([A-Z][\w’'-]*)", phrase):
                if tail.group(1).lower() in _FUNCTION_WORDS:  # "Council on Monday"
                    phrase = phrase[:tail.start()]
                    break
            if any(n.kind == PERSON and n.start < start + len(phrase) and start < n.end
                   for n in names):
                continue
            found = self.lexicon.lookup(phrase)
            heads = [start + h.start() for h in _HEAD_WORD.finditer(phrase)]
            inner = [n for n in names if n.kind == ORGANISATION and n.end == start + len(phrase)
                     and n.start > start and heads and n.start <= heads[-1]]
            if found and found[0] == ORGANISATION:
                out.append(Name(start, start + len(phrase), ORGANISATION, found[1]))
            elif inner:  # "Session of the Collective Security Treaty Organization": the body
                out.append(inner[0])
            elif found is None and len(phrase.split()) >= 2:
                out.append(Name(start, start + len(phrase), ORGANISATION, "?" + phrase))
        return out

    def _unknown_people(self, text: str, names: list[Name]) -> list[Name]:
        """Two or three capitalised words after a title, that the lexicon does not know."""
        out = []
        for run in _CAPITALISED_RUN.finditer(text):
            words = [(w.start() + run.start(), w.end() + run.start())
                     for w in re.finditer(r"\S+", run.group())]
            spans: list[list[tuple[int, int]]] = [[]]
            for s, e in words:
                word = text[s:e]
                if (word in _PARTICLES or _REGNAL.fullmatch(word)) and spans[-1]:
                    spans[-1].append((s, e))  # "Tamim bin Hamad Al Thani", "Charles III"
                elif (word.lower().strip("’'") in _NOT_NAMES or self.title_word.fullmatch(word)
                        or (len(word) > 1 and word.isupper())  # an acronym: NATO, OSCE
                        or any(n.start < e and s < n.end for n in names)):
                    spans.append([])
                else:
                    spans[-1].append((s, e))
            for span in spans:
                while span and text[span[-1][0]:span[-1][1]] in _PARTICLES:
                    span.pop()
                capitalised = [w for w in span if text[w[0]:w[1]] not in _PARTICLES]
                if 2 <= len(capitalised) <= 4 and self._after_title(text, span[0][0]):
                    start, end = span[0][0], span[-1][1]
                    out.append(Name(start, end, PERSON, "?" + text[start:end]))
        return out

    def _strangers_again(self, text: str, persons: list[Name], ctx: Setting) -> list[Name]:
        """The surname alone of an unknown person the article named in full before
        ("Minister Szijjarto" after "Foreign Minister Peter Szijjarto")."""
        out = []
        for full in ctx.strangers:
            surname = full.split()[-1]
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", text):
                if not any(p.start <= m.start() < p.end for p in persons):
                    out.append(Name(m.start(), m.end(), PERSON, "?" + full))
        return out

    def _after_title(self, text: str, start: int) -> bool:
        """Is there a title just before `start`: "Minister of Foreign Affairs of Hungary",
        "Mayor of Almaty city", but not "President X on the anniversary of the"?"""
        words = re.findall(r"[\w’'-]+", re.split(r"[,;:(“\"«]", text[:start])[-1])
        titles = [i for i, w in enumerate(words) if self.title_word.fullmatch(w)]
        if not titles:
            return False
        loose = [w for w in words[titles[-1] + 1:]
                 if not w[0].isupper() and w.lower() not in _CONNECTORS]
        return len(loose) <= 1

    def _person(self, text: str, name: Name, persons: list[Name], names: list[Name],
                ctx: Setting) -> Mention:
        start = self._title_start(text, name, persons)
        article = re.search(r"(?<![\w-])(?:the|The)\s+$", text[:start])
        start = article.start() if article else start
        counterpart = _COUNTERPART_BEFORE.search(text[:start])
        start = counterpart.start() if counterpart else start
        end, country = name.end, None
        after = re.match(r"\s+of\s+(?:the\s+)?", text[end:])
        if after:
            follow = [n for n in names if n.start == end + after.end() and n.kind == COUNTRY]
            if follow:
                end, country = follow[0].end, follow[0].canonical
        for n in names:
            if start <= n.start < name.start and n.kind in (COUNTRY, ADJECTIVE, PLACE):
                country = country or self.lexicon.country_of(
                    COUNTRY if n.kind == ADJECTIVE else n.kind, n.canonical)
        known = not name.canonical.startswith("?")
        canonical = name.canonical.lstrip("?")
        if known and canonical in self.lexicon.actor_by_name:
            country = self.lexicon.actor_by_name[canonical].country or country
        return Mention(start, end, PERSON, canonical, known, country)

    def _title_start(self, text: str, name: Name, persons: list[Name]) -> int:
        """Where the title in front of a name begins ("the Prime Minister of ... Askar")."""
        tokens = [t for t in _TOKEN.finditer(text[:name.start])]
        chain: list[re.Match[str]] = []
        for i in range(len(tokens) - 1, -1, -1):
            token, word = tokens[i], tokens[i].group()
            if any(p.start < token.end() and token.start() < p.end for p in persons):
                break
            low = word.lower()
            if low == "and" and self._joins_two_people(tokens, i, chain):
                break
            capitalised = word[0].isupper() and low not in _FUNCTION_WORDS
            if low in _CONNECTORS or self.title_word.fullmatch(word) or capitalised:
                chain.append(token)
            else:
                break
        chain = self._cut_at_unheaded_to(chain)
        while chain and chain[-1].group().lower() in _CONNECTORS - {"the"}:
            chain.pop()
        if not any(self.title_word.fullmatch(t.group()) for t in chain):
            return name.start
        return chain[-1].start()

    def _cut_at_unheaded_to(self, chain: list[re.Match[str]]) -> list[re.Match[str]]:
        """"Ambassador of Kazakhstan to Belarus" is one title; in "independence of
        Kazakhstan to Head of State", "to" ends the title, as no title comes before it."""
        for i, token in enumerate(chain):  # chain runs right to left
            if token.group().lower() in ("to", "for") and not any(
                    self.title_word.fullmatch(t.group()) for t in chain[i + 1:]):
                return chain[:i]
        return chain

    def _joins_two_people(self, tokens: list[re.Match[str]], i: int,
                          chain: list[re.Match[str]]) -> bool:
        """Does this "and" join two titled people ("the Kazakh President and the first
        President") rather than two words of one title ("Extraordinary and Plenipotentiary")?"""
        after = chain[-1].group().lower() if chain else ""
        before = tokens[i - 1].group() if i > 0 else ""
        return after == "the" or bool(self.title_word.fullmatch(before))

    def _roles(self, text: str, placed: list[Mention], ctx: Setting) -> list[Mention]:
        """Bare titles ("the Kazakh President") resolved by who held the office then."""
        if self.role_regex is None:
            return []
        out = []
        for m in self.role_regex.finditer(text):
            if not (m.group("det") or m.group("adj") or m.group("cty")):
                continue
            if any(p.start < m.end() and m.start() < p.end for p in placed):
                continue
            office = self.lexicon.offices[next(
                int(k[1:]) for k, v in m.groupdict().items() if k[0] == "o" and v)].name
            written = m.group("adj") or m.group("cty")
            found = self.lexicon.lookup(written) if written else None
            country = found[1] if found else ctx.home
            holder = self.lexicon.holder(office, country, ctx.day) if country else None
            if holder is not None:
                out.append(Mention(m.start(), m.end(), PERSON, holder.name, True,
                                   holder.country, generic=True))
        return out + self._counterparts(text, placed + out, ctx)

    def _counterparts(self, text: str, placed: list[Mention], ctx: Setting) -> list[Mention]:
        """"his Russian counterpart": who held, in that country, the office the person
        named before held on the article's day."""
        out = []
        for m in re.finditer(r"\b(?:his|her|their)\s+(\w+)\s+(?:counterpart|colleague)\b", text):
            if _overlaps(Name(m.start(), m.end(), "", ""), placed):
                continue
            found = self.lexicon.lookup(m.group(1))
            before = [p for p in placed if p.end <= m.start() and p.kind == PERSON]
            office = self.lexicon.office_of_person(before[-1].name, ctx.day) if before else None
            holder = (self.lexicon.holder(office, found[1], ctx.day)
                      if found and found[0] in (COUNTRY, ADJECTIVE) and office else None)
            if holder is not None:
                out.append(Mention(m.start(), m.end(), PERSON, holder.name, True,
                                   holder.country, generic=True))
        return out


def _overlaps(n: Name | Mention, placed: Iterable[Mention]) -> bool:
    return any(p.start < n.end and n.start < p.end for p in placed)


def _merge_same_person(text: str, persons: list[Mention]) -> list[Mention]:
    """"Elbasy Nursultan Nazarbayev" is one mention, not two."""
    out: list[Mention] = []
    for m in persons:
        if (out and out[-1].name == m.name
                and re.fullmatch(r"[\s,–—-]*", text[out[-1].end:m.start])):
            # "Nazarbayev, First President of Kazakhstan, received": the closing comma of
            # the apposition belongs to it
            apposition = "," in text[out[-1].start:m.start] and text[m.end:m.end + 1] == ","
            out[-1] = attrs.evolve(out[-1], end=m.end + apposition)
        elif out and out[-1].end > m.start:
            continue
        else:
            out.append(m)
    return out


def short_forms(mentions: tuple[tuple[Mention, ...], ...]) -> tuple[tuple[Mention, ...], ...]:
    """An unknown body named by the end of a known body's name earlier in the article
    ("the Supreme Interstate Council" after "the Kazakh-Kyrgyz Supreme Interstate
    Council") is that body."""
    seen: list[Mention] = []
    out = []
    for sentence in mentions:
        fixed = []
        for m in sentence:
            if m.kind == ORGANISATION and not m.known:
                full = next((k for k in reversed(seen) if k.name.lower().endswith(
                    " " + m.name.lower()) or k.name.lower().endswith("-" + m.name.lower())), None)
                m = attrs.evolve(m, name=full.name, known=full.known) if full else m
            fixed.append(m)
            seen += [m] if m.kind == ORGANISATION else []
        out.append(tuple(fixed))
    return tuple(out)


def _unknown_org_names(m: Mention) -> Mention:
    if m.name.startswith("?"):
        return attrs.evolve(m, name=m.name[1:], known=False)
    return m
