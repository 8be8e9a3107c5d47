"""Anniversaries: the commemorated events a reading with an `ordinal` names, and their dates.

"The 30th anniversary of the independence of Kyrgyzstan and Kazakhstan" names two
commemorations of the lexicon; each gives one reading, dated by its commemorated day
moved forward by the ordinal. An event the lexicon does not know is kept as written, in
the year the sentence gives, else the article's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from timeline.extract.article import Article
from timeline.extract.dating import Dated, Dating
from timeline.extract.items import EventType
from timeline.extract.mentions import Mention
from timeline.extract.readings import Reading
from timeline.extract.shadow import Shadow
from timeline.lexicon import ADJECTIVE, COUNTRY, ORGANISATION, Lexicon
from timeline.model import DateValue, Participant

_ORDINAL = re.compile(r"\d+")
_UNITS = """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth""".split()  # noqa: SIM905
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_TENTHS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
           "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_THE_BODY = re.compile(r"\bthe\s+(?:organi[sz]ation|commonwealth|union|bloc|alliance)\b",
                       re.IGNORECASE)
_NAMED_DAY = re.compile(r"\b[A-Z][a-z]+\s+Day\b")  # "Independence Day", "Victory Day"
_COMPOUND = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[-–][A-Z][a-z]+)+(?![\w-])")


class Anniversaries:
    """Dates anniversary readings with the lexicon's commemorations."""

    def __init__(self, lexicon: Lexicon, types: dict[str, EventType], dating: Dating) -> None:
        self.lexicon = lexicon
        self.types = types
        self.dating = dating

    def dated(self, article: Article, view: Shadow, reading: Reading) -> Iterator[Dated]:
        """One reading per commemorated event: "the independence of A and B" gives two.
        A known event dates the anniversary (its date plus the ordinal)."""
        match, text = reading.match, article.document.text
        n = ordinal_number(match.group("ordinal") or "")
        what, inside = "", []
        if "commemoration" in match.re.groupindex and match.group("commemoration"):
            s0, s1 = view.span(*match.span("commemoration"))
            what, inside = text[s0:s1], view.mentions_in(match.group("commemoration"))
        if _THE_BODY.search(what) and not any(m.kind == ORGANISATION for m in inside):
            what = self._body_named_before(article, reading.start) or what
        countries = self._countries_of(article, view, what, inside)
        role = self.types[reading.rule.rule.type].roles[0].name
        found = self.lexicon.commemoration(what, countries)
        for c in found:
            end = next((m.end for m in inside if m.country in c.countries), reading.end)
            yield Dated(tuple(Participant(p, role) for p in c.reported),
                        DateValue.day(_shift(c.date, n)), "anniversary", c.name, n,
                        end if len(found) > 1 else reading.end)
        if not found:
            yield self._unknown(article, view, reading, what, countries, role, n)

    @staticmethod
    def _body_named_before(article: Article, position: int) -> str | None:
        """"the organisation's founding": the body the article named last before it."""
        bodies = [m for ms in article.mentions for m in ms
                  if m.kind == ORGANISATION and m.end <= position]
        return bodies[-1].name if bodies else None

    def _unknown(self, article: Article, view: Shadow, reading: Reading, what: str,
                 countries: list[str], role: str, n: int) -> Dated:
        """An anniversary of an event the lexicon does not know: named as written (with
        its countries, for a kind such as "diplomatic relations"), dated by its year."""
        named = re.sub(r"^(?:the|The)\s+", "", what).strip()
        parties: tuple[Participant, ...] = (Participant(named, role, known=False),)
        if self.lexicon.kinds_named(what):  # "diplomatic relations" of two countries
            parties = tuple(Participant(c, role) for c in dict.fromkeys(countries))
            named = f"{named} ({' and '.join(p.name for p in parties)})"
        date, _ = self.dating.date(article, view, reading)
        year = DateValue.year(date.earliest.year) if date is not None else None
        if year is not None:
            year = self._marked_on(view.sentence.text, countries, year.earliest.year) or year
        return Dated(parties, year, "anniversary", named, n, reading.end)

    def _marked_on(self, sentence: str, countries: list[str], year: int) -> DateValue | None:
        """"On Independence Day, Kazakhstan marked the 25th anniversary of its
        sovereignty": the commemorated day its sentence names (a day of the lexicon's
        commemorations, by kind or alias, of the anniversary's countries), in its year."""
        for day in _NAMED_DAY.finditer(sentence):
            named = day.group().lower()
            for c in self.lexicon.commemorations:
                if (c.countries and not set(c.countries) & set(countries)) or not (
                        f"{c.kind} day" == named
                        or any(a.lower().startswith(named) for a in c.aliases)):
                    continue
                return DateValue.day(_shift(c.date, year - c.date.year))
        return None

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



def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


def ordinal_number(written: str) -> int:
    """"30th" is 30, "thirtieth" 30, "twenty-fifth" 25; 0 when it is no ordinal."""
    digits = _ORDINAL.search(written)
    if digits:
        return int(digits.group())
    low = written.lower().replace("–", "-").replace(" ", "-")
    if low in _TENTHS:
        return _TENTHS[low]
    tens, _, unit = low.rpartition("-")
    if unit in _UNITS and (not tens or tens in _TENS):
        return _TENS.get(tens, 0) + _UNITS.index(unit) + 1
    return 0
