"""Mentions: who and what one sentence names, read with the lexicon.

The lexicon's names are found first; unknown people (two to four capitalised words
after a title) and bodies (a capitalised phrase headed by "Council", "Union"...) are
added; each person absorbs the title in front of it, and a title without a name ("the
Kazakh President") becomes whoever held the office on the article's day. The lexicon
itself (`timeline.lexicon`) only holds the names and answers look-ups.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import attrs

from timeline.extract.offices import Offices
from timeline.lexicon import (
    ADJECTIVE,
    COUNTRY,
    ORGANISATION,
    PERSON,
    PLACE,
    Lexicon,
    Name,
)


@attrs.frozen
class Mention:
    """A person, country, organisation or place named in a sentence (document offsets).

    `generic` marks a person found through a bare title ("the President"), which a rule
    may overrule when it contradicts the sentence; `possessive`, a possessive pronoun
    resolved to a person ("my" in a quotation), whose placeholder reads as "X's".
    """

    start: int
    end: int
    kind: str
    name: str
    known: bool = True
    country: str | None = None
    generic: bool = False
    possessive: bool = False


_TOKEN = re.compile(r"[^\s,;:()\"“”«»\[\]]+|[,;:()\"“”«»\[\]]")
_SPACE = re.compile(r"\s")
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
friday saturday sunday meeting receiving hosting welcoming greeting addressing speaking
commenting congratulating visiting
""".split())  # noqa: SIM905 - a word list reads best as words
_NOT_NAMES = _FUNCTION_WORDS | frozenset("""
affairs international national republic federation state states government parliament
committee council union organization organisation commission assembly ministry office
service press day week year forum summit university museum park palace airport memorial
monument order fortress hall centre center city region bank fund company party house war
victory great patriotic independence capital nation nations world central asia eurasian
economic supreme interstate security cooperation development business executive general
board administration health defence defense foreign prime first deputy vice acting
honorary honourary medal award prize doctorate citizenship credentials letters
""".split())  # noqa: SIM905 - a word list reads best as words
# "met with his counterpart, President of ...": the apposition belongs to the person after it
_COUNTERPART_BEFORE = re.compile(
    r"(?<![\w-])(?:his|her|their)\s+(?:[\w-]+\s+)?(?:counterparts?|colleagues?),\s*$")
_THE_BEFORE = re.compile(r"(?<![\w-])(?:the|The)\s+$")
_MET = re.compile(r"(?<![\w-])(?:(?:met|meets|meet|received|receives|receiving|welcomed|hosted)"
                  r"\s+(?:with\s+)?|(?:met|meets|meet|meeting|talks|negotiations|consultations)"
                  r"\b[^.;:]{0,60}?\bwith\s+)$")
_SESSION_OF = re.compile(r"(?:[A-Z][\w-]*\s+){0,2}(?:Meeting|Session|Sitting|Summit)\s+of\s+"
                         r"(?:the\s+)?(?=[A-Z])")
_HEAD_WORD = re.compile(
    r"\b(?:Council|Union|Organi[sz]ation|Commission|Committee|Assembly|Community|Conference)\b")
_HEADS = ("Council", "Union", "Organisation", "Organization", "Commission", "Committee",
          "Assembly", "Community", "Conference")  # one of which every body's name holds
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
    # People named in full earlier whose surname alone the lexicon cannot resolve (unknown
    # people, and namesakes such as the two Berdimuhamedows): (surname as written, name).
    strangers: tuple[tuple[str, str], ...] = ()


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
        self.offices = Offices(lexicon)

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
        placed = self._titles_in_apposition(text, _merge_same_person(text, placed))
        placed += self._roles(text, placed, ctx)
        placed += self._not_people(text, [*orgs, *names], placed)
        placed.sort(key=lambda m: m.start)
        return tuple(_in_document(m, base) for m in placed)

    def _not_people(self, text: str, names: list[Name], people: list[Mention]) -> list[Mention]:
        """The countries, bodies and places of `names` no person's mention has absorbed
        (so "President of Kazakhstan X" is one person, not a person and a country)."""
        placed = list(people)
        for n in names:
            if n.kind in (COUNTRY, ORGANISATION, PLACE) and not _overlaps(n, placed):
                start = _with_article(text, n.start)  # "the Kyrgyz Republic"
                placed.append(Mention(start, n.end, n.kind, n.canonical,
                                      country=self.lexicon.country_of(n.kind, n.canonical)))
        return placed[len(people):]

    def _organisations(self, text: str, names: list[Name]) -> list[Name]:
        """Capitalised phrases headed by "Council", "Union"...: the lexicon's name if it has
        one, else the phrase as written (marked unknown with a leading "?")."""
        out: list[Name] = []
        if not any(head in text for head in _HEADS):
            return out
        for m in _ORG_HEAD.finditer(text):
            start, phrase = _trimmed_org(m)
            if any(n.kind == PERSON and n.start < start + len(phrase) and start < n.end
                   for n in names):
                continue
            found = self.lexicon.lookup(phrase)
            session = None if found else _SESSION_OF.match(phrase)
            if session:  # "the Extraordinary Meeting of the Council of ...": the Council
                start, phrase = start + session.end(), phrase[session.end():]
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
        """Two to four capitalised words the lexicon does not know, after a title or as
        the object of meeting someone ("received Kairat Sarybai")."""
        out = []
        for run in _CAPITALISED_RUN.finditer(text):
            if " " not in run.group() and not _SPACE.search(run.group()):
                continue  # one word: never two capitalised words
            for span in self._name_spans(text, run, names):
                while span and text[span[-1][0]:span[-1][1]] in _PARTICLES:
                    span.pop()
                capitalised = [w for w in span if text[w[0]:w[1]] not in _PARTICLES]
                if 2 <= len(capitalised) <= 4 and (self._after_title(text, span[0][0])
                                                    or _MET.search(text, 0, span[0][0])):
                    start, end = span[0][0], span[-1][1]
                    out.append(Name(start, end, PERSON, "?" + text[start:end]))
        return out

    def _name_spans(self, text: str, run: re.Match[str], names: list[Name]
                    ) -> list[list[tuple[int, int]]]:
        """A run of capitalised words cut where a word cannot be part of a person's name
        (a common word, a title, an acronym, a name the lexicon knows)."""
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
        return spans

    def _titles_in_apposition(self, text: str, persons: list[Mention]) -> list[Mention]:
        """"Leader of the Nation, President of Tajikistan Emomali Rahmon": a title the
        lexicon gives one person, set before another person's name, is that person's."""
        out = []
        for i, m in enumerate(persons):
            after = persons[i + 1] if i + 1 < len(persons) else None
            if (after is not None and after.name != m.name
                    and re.fullmatch(r"\s*[,–—-]\s*", text[m.end:after.start])
                    and all(w.lower() in _NOT_NAMES or w.lower() in _CONNECTORS
                            or self.title_word.fullmatch(w)
                            for w in re.findall(r"[\w’'-]+", text[m.start:m.end]))):
                continue
            out.append(m)
        return out

    def _strangers_again(self, text: str, persons: list[Name], ctx: Setting) -> list[Name]:
        """The surname alone of a person the article named in full before whom the
        lexicon cannot name by it ("Minister Szijjarto" after "Foreign Minister Peter
        Szijjarto"; "Berdymukhamedov" after "Gurbanguly Berdymukhamedov")."""
        out = []
        for surname, name in ctx.strangers:
            for m in re.finditer(rf"(?<![\w’'-]){re.escape(surname)}(?![\w’'-])", text):
                if not any(p.start <= m.start() < p.end for p in persons):
                    out.append(Name(m.start(), m.end(), PERSON, name))
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
        start = _with_article(text, start)
        blank = _blank_before(text, start)
        if blank > 0 and text[blank - 1] == ",":  # most names follow no apposition
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
        Kazakhstan to Head of State" ("visit to Kyrgyzstan of Russian President X"), "to"
        ("of") ends the title, as no title comes before it."""
        for i, token in enumerate(chain):  # chain runs right to left
            if token.group().lower() in ("to", "for", "of") and not any(
                    self.title_word.fullmatch(t.group()) for t in chain[i + 1:]):
                return chain[:i]
        return chain

    def _joins_two_people(self, tokens: list[re.Match[str]], i: int,
                          chain: list[re.Match[str]]) -> bool:
        """Does this "and" join two titled people ("the Kazakh President and the first
        President") rather than two words of one title ("Extraordinary and Plenipotentiary")?"""
        after = chain[-1].group().lower() if chain else ""
        before = tokens[i - 1].group() if i > 0 else ""
        if after == "the" or self.title_word.fullmatch(before):
            return True
        # "the President of Mongolia and Uzbek leader X": a title complete before "and"
        found = self.lexicon.lookup(before)
        return (found is not None and found[0] == COUNTRY
                and any(self.title_word.fullmatch(t.group()) for t in tokens[max(0, i - 5):i]))

    def _roles(self, text: str, placed: list[Mention], ctx: Setting) -> list[Mention]:
        """Bare titles ("the Kazakh President", "his Russian counterpart"): the holder of
        the office on the article's day, else the country the title names."""
        taken = [(m.start, m.end) for m in placed]
        found = self.offices.titles(text, taken, ctx.home, ctx.day)
        taken += [(h.start, h.end) for h in found]
        people = sorted([(m.start, m.name) for m in placed if m.kind == PERSON]
                        + [(h.start, h.name) for h in found if h.kind == PERSON])
        found += self.offices.counterparts(text, taken, people, ctx.day)
        for stand_ins in (self.offices.envoys, self.offices.capitals,
                          self.offices.plural_holders):
            found += stand_ins(text, [*taken, *((h.start, h.end) for h in found)])
        return [Mention(h.start, h.end, h.kind, h.name, True, h.country, generic=True)
                for h in found]


def _blank_before(text: str, end: int) -> int:
    """Where the white space that ends at `end` begins."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _with_article(text: str, start: int) -> int:
    """`start`, or the start of a "the" before it ("the Kyrgyz Republic"): looked for at
    the one place it can be, not by a search of all the text before."""
    blank = _blank_before(text, start)
    found = _THE_BEFORE.match(text, max(0, blank - 3), start) if blank < start else None
    return found.start() if found else start


def _overlaps(n: Name | Mention, placed: Iterable[Mention]) -> bool:
    return any(p.start < n.end and n.start < p.end for p in placed)


def _trimmed_org(m: re.Match[str]) -> tuple[int, str]:
    """Where a body's phrase starts and what it says, without a leading preposition ("In
    the Council") or a trailing date ("Council on Monday")."""
    start, phrase = m.start(), m.group()
    lead = re.match(r"(?:(?:The|In|On|At|As|During|After|Within|For)\s+)+", phrase)
    if lead:
        start, phrase = start + lead.end(), phrase[lead.end():]
    for tail in re.finditer(r"\s+(?:of|on|for|and)\s+(?:the\s+)?([A-Z][\w’'-]*)", phrase):
        if tail.group(1).lower() in _FUNCTION_WORDS:  # "Council on Monday"
            phrase = phrase[:tail.start()]
            break
    return start, phrase


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


def _in_document(m: Mention, base: int) -> Mention:
    """The mention at its document offsets, an unknown body's "?" taken off its name.
    (Built directly: `attrs.evolve` costs several times more, on every mention.)"""
    unknown = m.name.startswith("?")
    return Mention(m.start + base, m.end + base, m.kind, m.name[1:] if unknown else m.name,
                   m.known and not unknown, m.country, m.generic, m.possessive)
