"""Synthetic articles of the genre, for benchmarks and tests: deterministic for a seed.

Every sentence here is written for this generator; nothing is taken from a corpus. An
article is wire copy about one story of the four event types (a meeting, a visit, a
telegram, an anniversary) or a look-alike story that is none of them (a phone call, a
spoken congratulation, a forum, a press conference). Around the story: filler paragraphs
about cooperation, sometimes a look-alike sentence, sometimes a mention of an earlier
event with its full date (the evidence a dateline without a year needs), and now and then
the whole text twice, as aggregators publish it.

What makes the benchmark realistic rather than a copy loop:

- names come from a fixed list of real regional leaders, each written in several
  spellings (Japarov/Zhaparov, Tokayev/Tokaev), checked against the dates of their office;
- the article's date is stated in one of four ways: a ` date YYYY-MM-DD` first line, a
  BelTA-style dateline without a year (`MINSK, 20 December (BelTA) –`), a TASS-style one
  (`ASTANA, September 26. /TASS/.`), or not at all;
- a share of the stories report an event another article already reported (another
  outlet, other words, another day), so the projection has duplicates to merge.

`generate(n, seed)` yields `Article`s (text and what it states); `write(folder, n, seed)`
writes them as `NNNNNN_<hash>.txt`. The mix of story kinds is exact: `counts(n, mix)`.

    python benchmarks/generate.py OUT_DIR --n 5000 --seed 7 [--manifest OUT.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

TYPES = ("meeting", "visit", "telegram", "anniversary")
LOOKALIKE = "lookalike"
# Story kinds as a share of articles; about the proportions of hand-labelled wire copy.
MIX: Mapping[str, float] = {"meeting": 0.32, "visit": 0.22, "telegram": 0.20,
                            "anniversary": 0.10, LOOKALIKE: 0.16}
DUPLICATE_SHARE = 0.3  # stories that report an event an earlier article already reported
DOUBLED_SHARE = 0.02  # articles that hold their own text twice
FIRST_DAY, LAST_DAY = dt.date(2022, 6, 1), dt.date(2025, 6, 30)
ASTANA_RENAMED = dt.date(2022, 9, 17)  # Nur-Sultan before this day
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NEVER = dt.date(9999, 12, 31)


# -- the world: countries, people, venues -------------------------------------------------

@dataclass(frozen=True)
class Country:
    name: str
    adjective: str
    capital: str
    agencies: tuple[str, ...]
    independence: dt.date | None  # the day commemorated as independence, if any


@dataclass(frozen=True)
class Person:
    """A real office holder. `spellings` pairs each written full name with its short form;
    the first pair is canonical."""

    spellings: tuple[tuple[str, str], ...]
    country: str
    title: str
    start: dt.date = dt.date(2000, 1, 1)
    end: dt.date = NEVER

    @property
    def canonical(self) -> str:
        return self.spellings[0][0]


def _country(name: str, adjective: str, capital: str, agencies: tuple[str, ...],
             independence: dt.date | None) -> tuple[str, Country]:
    return name, Country(name, adjective, capital, agencies, independence)


COUNTRIES = dict((
    _country("Kazakhstan", "Kazakh", "Astana", ("Kazinform", "Kazinform", "Akorda"),
             dt.date(1991, 12, 16)),
    _country("Kyrgyzstan", "Kyrgyz", "Bishkek", ("Kabar", "24.kg"), dt.date(1991, 8, 31)),
    _country("Uzbekistan", "Uzbek", "Tashkent", ("UzA", "Dunyo"), dt.date(1991, 9, 1)),
    _country("Tajikistan", "Tajik", "Dushanbe", ("Khovar",), dt.date(1991, 9, 9)),
    _country("Turkmenistan", "Turkmen", "Ashgabat", ("TDH",), dt.date(1991, 10, 27)),
    _country("Russia", "Russian", "Moscow", ("TASS", "TASS", "RIA Novosti"), None),
    _country("Belarus", "Belarusian", "Minsk", ("BelTA",), None),
    _country("Azerbaijan", "Azerbaijani", "Baku", ("AZERTAC",), dt.date(1991, 10, 18)),
    _country("Armenia", "Armenian", "Yerevan", ("Armenpress",), dt.date(1991, 9, 21)),
    _country("China", "Chinese", "Beijing", ("Xinhua",), None),
    _country("Turkey", "Turkish", "Ankara", ("Anadolu",), None),
))

PEOPLE = (
    Person((("Kassym-Jomart Tokayev", "Tokayev"), ("Kassym-Zhomart Tokayev", "Tokayev"),
            ("Kassym-Jomart Tokaev", "Tokaev")), "Kazakhstan", "President"),
    Person((("Sadyr Japarov", "Japarov"), ("Sadyr Zhaparov", "Zhaparov"),
            ("Sadyr Dzhaparov", "Dzhaparov")), "Kyrgyzstan", "President", dt.date(2021, 1, 28)),
    Person((("Shavkat Mirziyoyev", "Mirziyoyev"), ("Shavkat Mirziyoev", "Mirziyoev")),
           "Uzbekistan", "President"),
    Person((("Emomali Rahmon", "Rahmon"), ("Emomali Rakhmon", "Rakhmon")), "Tajikistan",
           "President"),
    Person((("Serdar Berdimuhamedov", "Berdimuhamedov"),
            ("Serdar Berdymukhamedov", "Berdymukhamedov")), "Turkmenistan", "President",
           dt.date(2022, 3, 19)),
    Person((("Vladimir Putin", "Putin"),), "Russia", "President"),
    Person((("Alexander Lukashenko", "Lukashenko"), ("Aleksandr Lukashenko", "Lukashenko")),
           "Belarus", "President"),
    Person((("Ilham Aliyev", "Aliyev"),), "Azerbaijan", "President"),
    Person((("Nikol Pashinyan", "Pashinyan"),), "Armenia", "Prime Minister"),
    Person((("Xi Jinping", "Xi Jinping"),), "China", "President"),
    Person((("Recep Tayyip Erdogan", "Erdogan"), ("Recep Tayyip Erdoğan", "Erdoğan")),
           "Turkey", "President"),
    Person((("Olzhas Bektenov", "Bektenov"),), "Kazakhstan", "Prime Minister",
           dt.date(2024, 2, 6)),
    Person((("Mikhail Mishustin", "Mishustin"),), "Russia", "Prime Minister"),
    Person((("Sergey Lavrov", "Lavrov"), ("Sergei Lavrov", "Lavrov")), "Russia",
           "Minister of Foreign Affairs"),
    Person((("Murat Nurtleu", "Nurtleu"),), "Kazakhstan",
           "Deputy Prime Minister – Minister of Foreign Affairs", dt.date(2023, 9, 2)),
)
HEADS = tuple(p for p in PEOPLE if p.title in ("President", "Prime Minister"))
MINISTERS = tuple(p for p in PEOPLE if "Foreign Affairs" in p.title)

CENTRAL_ASIA = ("Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan")
# (summit, city, member states): where leaders of several states meet.
SUMMITS = (
    ("the SCO summit", "Astana",
     ("Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Russia", "China", "Belarus")),
    ("the CIS informal summit", "Saint Petersburg",
     (*CENTRAL_ASIA, "Russia", "Belarus", "Azerbaijan", "Armenia")),
    ("the Consultative Meeting of the Heads of State of Central Asia", "Dushanbe",
     CENTRAL_ASIA),
    ("the Supreme Eurasian Economic Council session", "Minsk",
     ("Russia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Armenia")),
    ("the Central Asia – China summit", "Xi'an", (*CENTRAL_ASIA, "China")),
    ("the Organization of Turkic States summit", "Bishkek",
     ("Turkey", "Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Uzbekistan")),
)
FORUMS = ("the Astana International Forum", "the St. Petersburg International Economic Forum",
          "the Tashkent International Investment Forum", "the Eurasian Economic Forum",
          "the Caspian Business Forum", "the Issyk-Kul Investment Forum")
TOPICS = ("trade and economic cooperation", "transport and logistics", "energy",
          "the use of water resources", "digitalisation", "education and science",
          "culture and humanitarian ties", "industrial cooperation", "agriculture",
          "regional security", "tourism", "healthcare", "the transit potential of the region",
          "investment projects", "interregional cooperation", "green energy")
DISASTERS = ("the earthquake", "the floods", "the mudflow", "the fire at a shopping centre",
             "the plane crash", "the explosion at a coal mine")


# -- what an article states ---------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    """An event an article states, in the shape of the project's gold files."""

    type: str
    date: str  # YYYY-MM-DD or YYYY-MM
    participants: tuple[str, ...]
    place: str | None
    status: str  # held | planned


@dataclass(frozen=True)
class Article:
    name: str
    text: str
    kind: str  # the story: one of TYPES, or LOOKALIKE
    dateline: str  # meta | belta | tass | none
    events: tuple[Event, ...]
    lookalikes: tuple[str, ...]  # kinds of look-alike sentences the text holds
    reports_again: bool  # the story's event was already reported by an earlier article
    doubled: bool


@dataclass(frozen=True)
class _Story:
    """A story's event with what its sentences need to name it."""

    event: Event
    day: dt.date
    people: tuple[Person, ...]
    occasion: str = ""  # the summit, the kind of visit, what a telegram is for
    implied: tuple[Event, ...] = ()  # events the occasion's words state ("the 33rd anniversary")
    condolence: bool = False


def counts(n: int, mix: Mapping[str, float] = MIX) -> dict[str, int]:
    """How many articles of each kind `n` articles hold: largest remainders, exact total."""
    total = sum(mix.values())
    exact = {kind: n * share / total for kind, share in mix.items()}
    result = {kind: int(value) for kind, value in exact.items()}
    by_remainder = sorted(mix, key=lambda k: (result[k] - exact[k], list(mix).index(k)))
    for kind in by_remainder[:n - sum(result.values())]:
        result[kind] += 1
    return result


def generate(n: int, seed: int, mix: Mapping[str, float] = MIX) -> Iterator[Article]:
    """`n` articles, the same for the same seed, story kinds exactly in `mix` proportions."""
    rng = random.Random(seed)
    kinds = [kind for kind, count in counts(n, mix).items() for _ in range(count)]
    rng.shuffle(kinds)
    writer = _Writer(rng)
    for index, kind in enumerate(kinds):
        yield writer.article(index, kind)


def write(folder: Path, n: int, seed: int, mix: Mapping[str, float] = MIX,
          manifest: Path | None = None) -> int:
    """Write `n` articles into `folder` (and what each states into `manifest`); bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    lines = []
    for article in generate(n, seed, mix):
        data = article.text.encode("utf-8")
        (folder / article.name).write_bytes(data)
        written += len(data)
        if manifest is not None:
            record = asdict(article)
            del record["text"]
            lines.append(json.dumps(record, ensure_ascii=False))
    if manifest is not None:
        manifest.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return written


# -- words ----------------------------------------------------------------------------------

def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


def city_name(city: str, day: dt.date) -> str:
    return "Nur-Sultan" if city == "Astana" and day < ASTANA_RENAMED else city


def day_month(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


def month_day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def full_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# -- the writer -----------------------------------------------------------------------------

class _Writer:
    """Writes one article after another; remembers recent events so later stories can
    report them again, as other outlets do."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.recent: dict[str, list[_Story]] = {kind: [] for kind in TYPES}
        self.spelling: dict[str, int] = {}  # person -> spelling chosen for this article

    def article(self, index: int, kind: str) -> Article:
        rng = self.rng
        self.spelling = {}
        style = rng.choices(("meta", "belta", "tass", "none"), (40, 20, 20, 20))[0]
        looks: list[Lookalike] = []
        if kind in TYPES:
            story, again = self._story(kind)
            dct, people = self._report_day(story), story.people
            lead, events = STORIES[kind](self, story, dct, style)
        else:
            story, again = None, False
            day = self._day()
            dct = day + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
            people = self._pair(day, HEADS + MINISTERS)
            looks.append(rng.choice(LOOKALIKES))
            lead, events = looks[0](self, people, day, dct, style), ()
        paragraphs = [lead, *self._body(story, people, dct)]
        if story is not None and rng.random() < 0.3:
            looks.append(rng.choice(LOOKALIKES))
            before = dct - dt.timedelta(days=rng.randint(1, 20))
            paragraphs.insert(rng.randint(1, len(paragraphs)),
                              looks[-1](self, people, before, dct, style))
        if rng.random() < (0.5 if style in ("belta", "tass") else 0.2):
            earlier = self._earlier(people, dct)
            if earlier is not None:
                paragraphs.insert(rng.randint(1, len(paragraphs)), earlier[0])
                events = (*events, earlier[1])
        text = self._head(people, dct, style) + "\n\n".join(paragraphs) + "\n"
        doubled = rng.random() < DOUBLED_SHARE
        if doubled:
            text = text + "\n" + text
        name = f"{index:06d}_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"
        return Article(name, text, kind, style, events,
                       tuple(look.__name__.strip("_") for look in looks), again, doubled)

    # -- choosing ------------------------------------------------------------------------------

    def _day(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.rng.randrange((LAST_DAY - FIRST_DAY).days))

    def _yearly(self, month: int, day: int) -> dt.date:
        """A day of the period that falls on `month`/`day` (a holiday, an anniversary)."""
        days = [dt.date(year, month, day) for year in range(FIRST_DAY.year, LAST_DAY.year + 1)]
        return self.rng.choice([d for d in days if FIRST_DAY <= d <= LAST_DAY])

    def _head_of(self, country: str, day: dt.date) -> Person:
        return next(p for p in HEADS if p.country == country and p.start <= day <= p.end)

    def _other(self, day: dt.date, *not_of: Person) -> Person:
        """A head of state or government in office on `day`, of none of the countries."""
        countries = {p.country for p in not_of}
        return self.rng.choice([p for p in HEADS if p.start <= day <= p.end
                                and p.country not in countries])

    def _pair(self, day: dt.date, among: Sequence[Person]) -> tuple[Person, Person]:
        """Two people in office on `day`, of different countries."""
        rng = self.rng
        first = rng.choice([p for p in among if p.start <= day <= p.end])
        second = rng.choice([p for p in among if p.start <= day <= p.end
                             and p.country != first.country])
        return first, second

    def _story(self, kind: str) -> tuple[_Story, bool]:
        """A new event of `kind`, or one reported before (by another outlet)."""
        recent = self.recent[kind]
        if recent and self.rng.random() < DUPLICATE_SHARE:
            return self.rng.choice(recent), True
        story = NEW_EVENTS[kind](self)
        recent.append(story)
        if len(recent) > 200:
            del recent[0]
        return story, False

    def _report_day(self, story: _Story) -> dt.date:
        if story.event.status == "planned":
            return story.day - dt.timedelta(days=self.rng.randint(2, 40))
        return story.day + dt.timedelta(days=self.rng.choice((0, 0, 0, 1, 1, 2, 3)))

    # -- naming ----------------------------------------------------------------------------

    def full(self, person: Person) -> str:
        """First mention: title, country and full name in this article's spelling."""
        name = person.spellings[self._spelling(person)][0]
        country = COUNTRIES[person.country]
        forms = [f"{person.title} of {country.name} {name}"]
        if person.title in ("President", "Prime Minister"):
            forms += [f"{country.adjective} {person.title} {name}",
                      f"{person.title} {name} of {country.name}"]
        return self.rng.choice(forms)

    def short(self, person: Person) -> str:
        return person.spellings[self._spelling(person)][1]

    def _spelling(self, person: Person) -> int:
        if person.canonical not in self.spelling:
            self.spelling[person.canonical] = self.rng.randrange(len(person.spellings))
        return self.spelling[person.canonical]

    def when(self, day: dt.date, dct: dt.date, style: str) -> tuple[str, str]:
        """How the article dates `day` (words, and the date they state): relative words
        only when the article states its own date."""
        iso = day.isoformat()
        options = [(f"on {full_date(day)}", iso)]
        if style != "none":
            options += [(f"on {day_month(day)}", iso), (f"on {month_day(day)}", iso)]
            delta = (dct - day).days
            if delta == 0:
                options.append(("today", iso))
            elif delta == 1:
                options.append(("yesterday", iso))
            if -6 <= delta <= 6 and delta != 0:
                options.append((f"on {WEEKDAYS[day.weekday()]}", iso))
            if day.month == dct.month % 12 + 1 and delta < -14:
                options.append(("next month", iso[:7]))
        return self.rng.choice(options)

    def city(self, person: Person, day: dt.date) -> str:
        return city_name(COUNTRIES[person.country].capital, day)

    def topics(self, k: int) -> list[str]:
        return self.rng.sample(TOPICS, k)

    # -- around the story ------------------------------------------------------------------

    def _head(self, people: Sequence[Person], dct: dt.date, style: str) -> str:
        """Whatever precedes the first sentence: date line, dateline, headline."""
        rng = self.rng
        country = COUNTRIES[people[0].country]
        agency = rng.choice(country.agencies)
        city = city_name(country.capital, dct).upper()
        headline = self._headline(people)
        if style == "meta":
            return f" date {dct.isoformat()} " + (f"{city}. {agency.upper()} - "
                                                  if rng.random() < 0.4 else "")
        if style == "belta":
            return headline + f"\n{city}, {day_month(dct)} ({agency}) – "
        if style == "tass":
            return headline + f"\n{city}, {month_day(dct)}. /{agency}/. "
        crumbs = "Home » News » Foreign policy\n\n" if rng.random() < 0.3 else ""
        return crumbs + headline + "\n\n"

    def _headline(self, people: Sequence[Person]) -> str:
        a, b = people[0], people[1]
        topic = self.topics(1)[0]
        return self.rng.choice((
            f"{self.short(a)} and {self.short(b)} discuss {topic}",
            f"{a.country} and {b.country} to expand cooperation in {topic}",
            f"{self.short(a)}: relations with {b.country} are developing dynamically",
        ))

    def _body(self, story: _Story | None, people: Sequence[Person], dct: dt.date) -> list[str]:
        held_talks = story is not None and story.event.type in ("meeting", "visit") \
            and story.event.status == "held"
        fillers = list(FILLERS) + ([_documents] if held_talks else [])
        chosen = self.rng.sample(fillers, self.rng.randint(4, 8))
        return [filler(self, people[0], people[1], dct) for filler in chosen]

    def _earlier(self, people: Sequence[Person], dct: dt.date) -> tuple[str, Event] | None:
        """A sentence recalling an earlier meeting or visit of one of `people`, with its
        full date; None when none comes to hand."""
        rng = self.rng
        names = {p.canonical for p in people}
        candidates = [s for s in self.recent["meeting"] + self.recent["visit"]
                      if s.event.status == "held" and s.day < dct - dt.timedelta(days=1)
                      and names & {p.canonical for p in s.people}]
        if not candidates:
            return None
        story = rng.choice(candidates)
        a, b = story.people
        on, city = full_date(story.day), city_name(story.event.place or "", story.day)
        if story.event.type == "visit":
            text = rng.choice((f"{self.full(a)} last visited {b.country} on {on}.",
                               f"The previous visit of {self.full(a)} to {b.country} "
                               f"took place on {on}."))
        else:
            text = rng.choice((f"Earlier, on {on}, {self.full(a)} and {self.full(b)} "
                               f"held talks in {city}.",
                               f"{self.full(a)} and {self.full(b)} last met on {on} in {city}."))
        return text, replace(story.event, date=story.day.isoformat())


# -- the four kinds of story: a new event, and the lead paragraph that reports it ---------

def _status(w: _Writer, planned_share: float) -> str:
    return "planned" if w.rng.random() < planned_share else "held"


def _new_meeting(w: _Writer) -> _Story:
    rng, day = w.rng, w._day()
    if rng.random() < 0.4:
        summit, city, members = rng.choice(SUMMITS)
        a, b = w._pair(day, [p for p in HEADS if p.country in members])
    else:
        summit = ""
        a, b = w._pair(day, HEADS + MINISTERS)
        city = COUNTRIES[a.country].capital
    event = Event("meeting", day.isoformat(), (a.canonical, b.canonical), city,
                  _status(w, 0.15))
    return _Story(event, day, (a, b), summit)


def _meeting(w: _Writer, story: _Story, dct: dt.date, style: str) -> tuple[str, tuple[Event, ...]]:
    a, b = story.people
    when, date = w.when(story.day, dct, style)
    city = city_name(story.event.place or "", story.day)
    at = f" on the sidelines of {story.occasion}" if story.occasion else ""
    first, second = w.full(a), w.full(b)
    if story.event.status == "planned":
        lead = w.rng.choice((
            f"{first} and {second} will hold talks in {city} {when}{at}, the press service "
            f"of the {COUNTRIES[a.country].adjective} leader said.",
            f"A meeting between {first} and {second} is scheduled to take place {when} "
            f"in {city}{at}."))
    else:
        lead = w.rng.choice((
            f"{first} met with {second} in {city} {when}{at}. The talks were held in a "
            f"narrow format and continued with the participation of the delegations.",
            f"{first} and {second} held talks in {city} {when}{at}.",
            f"{first} received {second} in {city} {when}{at}. {w.short(a)} and "
            f"{w.short(b)} discussed the state and prospects of bilateral relations."))
    return lead, (replace(story.event, date=date),)


def _new_visit(w: _Writer) -> _Story:
    day = w._day()
    guest, host = w._pair(day, HEADS)
    event = Event("visit", day.isoformat(), (guest.canonical, host.country),
                  COUNTRIES[host.country].capital, _status(w, 0.2))
    return _Story(event, day, (guest, host), w.rng.choice(("a state", "an official",
                                                           "a working")))


def _visit(w: _Writer, story: _Story, dct: dt.date, style: str) -> tuple[str, tuple[Event, ...]]:
    guest, host = story.people
    when, date = w.when(story.day, dct, style)
    city = city_name(story.event.place or "", story.day)
    country, kind = host.country, story.occasion
    visit = replace(story.event, date=date)
    if story.event.status == "planned":
        return w.rng.choice((
            f"{w.full(guest)} will pay {kind} visit to {country} {when}, the press service "
            f"of {w.full(host)} reported.",
            f"{w.full(guest)} is expected in {city} {when} on {kind} visit.")), (visit,)
    lead = w.rng.choice((
        f"{w.full(guest)} arrived in {city} {when} on {kind} visit at the invitation of "
        f"{w.full(host)}.",
        f"{w.full(guest)} paid {kind} visit to {country} {when}."))
    if w.rng.random() < 0.5:
        return lead, (visit,)
    talks = Event("meeting", date, (guest.canonical, host.canonical), story.event.place,
                  "held")
    return (lead + f" Talks between {w.short(guest)} and {w.short(host)} took place in "
            f"narrow and extended formats."), (visit, talks)


VICTORY_COUNTRIES = ("Russia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Uzbekistan",
                     "Tajikistan", "Turkmenistan", "Azerbaijan", "Armenia")
NOWRUZ_COUNTRIES = ("Kazakhstan", "Kyrgyzstan", "Uzbekistan", "Tajikistan", "Turkmenistan",
                    "Azerbaijan")
VICTORY = "the Victory in the Great Patriotic War"


def _new_telegram(w: _Writer) -> _Story:
    occasion = w.rng.choices(("independence", "victory", "holiday", "condolence"),
                             (35, 20, 25, 20))[0]
    country, day, phrase, implied = OCCASIONS[occasion](w)
    recipient = w._head_of(country, day)
    sender = w._other(day, recipient)
    event = Event("telegram", day.isoformat(), (sender.canonical, recipient.canonical), None,
                  "held")
    return _Story(event, day, (sender, recipient), phrase, implied, occasion == "condolence")


Occasion = tuple[str, dt.date, str, tuple[Event, ...]]  # country, day, words, implied events


def _independence(w: _Writer) -> Occasion:
    country = w.rng.choice([c for c in COUNTRIES.values() if c.independence])
    assert country.independence is not None
    day = w._yearly(country.independence.month, country.independence.day)
    if w.rng.random() < 0.4:
        return country.name, day, f"on the Independence Day of {country.name}", ()
    years = ordinal(day.year - country.independence.year)
    return (country.name, day,
            f"on the occasion of the {years} anniversary of the independence of {country.name}",
            (Event("anniversary", day.isoformat(), (country.name,), None, "held"),))


def _victory_day(w: _Writer) -> Occasion:
    day = w._yearly(5, 9)
    return (w.rng.choice(VICTORY_COUNTRIES), day,
            f"on the {ordinal(day.year - 1945)} anniversary of {VICTORY}",
            (Event("anniversary", day.isoformat(), (VICTORY[4:],), None, "held"),))


def _holiday(w: _Writer) -> Occasion:
    if w.rng.random() < 0.6:
        return (w.rng.choice(NOWRUZ_COUNTRIES), w._yearly(3, 21),
                "on the occasion of the Nowruz holiday", ())
    return w.rng.choice(tuple(COUNTRIES)), w._yearly(12, 31), "on the occasion of the New Year", ()


def _condolence(w: _Writer) -> Occasion:
    country = w.rng.choice(tuple(COUNTRIES))
    return country, w._day(), f"over the victims of {w.rng.choice(DISASTERS)} in {country}", ()


OCCASIONS: dict[str, Callable[[_Writer], Occasion]] = {
    "independence": _independence, "victory": _victory_day, "holiday": _holiday,
    "condolence": _condolence}


def _telegram(w: _Writer, story: _Story, dct: dt.date, style: str
              ) -> tuple[str, tuple[Event, ...]]:
    rng = w.rng
    sender, recipient = story.people
    when, date = w.when(story.day, dct, style)
    on = f" {when}" if dct != story.day or rng.random() < 0.5 else ""
    occasion = story.occasion
    events = [replace(story.event, date=date), *story.implied]
    if story.condolence:
        return (f"{w.full(sender)} sent a telegram of condolences to {w.full(recipient)}"
                f"{on} {occasion}. “We share the grief of those who lost their loved ones "
                f"and wish a speedy recovery to the injured”, the telegram says."), tuple(events)
    lead = rng.choice((
        f"{w.full(sender)} sent a congratulatory telegram to {w.full(recipient)}{on} {occasion}.",
        f"{w.full(recipient)} received a congratulatory telegram from {w.full(sender)}{on} "
        f"{occasion}.",
        f"In a telegram to {w.full(recipient)}, {w.full(sender)} congratulated him and the "
        f"people of {recipient.country}{on} {occasion}."))
    lead += (f" “I wish you good health and every success, and peace and prosperity to the "
             f"people of {recipient.country}”, the message reads.")
    if rng.random() < 0.35:
        others = [w._other(story.day, sender, recipient) for _ in range(rng.randint(2, 4))]
        others = list({p.canonical: p for p in others}.values())
        lead += f" Congratulatory telegrams were also sent by {join([w.full(p) for p in others])}."
        events += [replace(story.event, date=date,
                           participants=(p.canonical, recipient.canonical)) for p in others]
    return lead, tuple(events)


def _new_anniversary(w: _Writer) -> _Story:
    rng = w.rng
    if rng.random() < 0.4:
        country, day = rng.choice(VICTORY_COUNTRIES), w._yearly(5, 9)
        subject, occasion = VICTORY[4:], "victory"
    else:
        chosen = rng.choice([c for c in COUNTRIES.values() if c.independence])
        assert chosen.independence is not None
        country, subject, occasion = chosen.name, chosen.name, "independence"
        day = w._yearly(chosen.independence.month, chosen.independence.day)
    head = w._head_of(country, day)
    event = Event("anniversary", day.isoformat(), (subject,), None, _status(w, 0.2))
    return _Story(event, day, (head, w._other(day, head)), occasion)


def _anniversary(w: _Writer, story: _Story, dct: dt.date, style: str
                 ) -> tuple[str, tuple[Event, ...]]:
    rng = w.rng
    head = story.people[0]
    country = head.country
    when, date = w.when(story.day, dct, style)
    if story.occasion == "victory":
        years = ordinal(story.day.year - 1945)
        what = whose = f"the {years} anniversary of {VICTORY}"
    else:
        years = ordinal(story.day.year - 1991)
        what = f"the {years} anniversary of its independence"
        whose = f"the {years} anniversary of the independence of {country}"
    event = (replace(story.event, date=date),)
    if story.event.status == "planned":
        return rng.choice((f"{country} will celebrate {what} {when}.",
                           f"Preparations are under way in {country} for {whose}, which will "
                           f"be celebrated {when}.")), event
    tense = "celebrates" if dct == story.day else "celebrated"
    lead = rng.choice((f"{country} {tense} {what} {when}.",
                       f"Festive events dedicated to {whose} were held across {country} {when}."))
    if rng.random() < 0.5:
        lead += (f" On this occasion, {w.full(head)} laid a wreath at the "
                 f"{rng.choice(('Eternal Flame', 'Independence Monument'))}.")
    return lead, event


# -- look-alikes: stories that are none of the four types ---------------------------------

def _phone_call(w: _Writer, people: Sequence[Person], day: dt.date, dct: dt.date,
                style: str) -> str:
    a, b = people[0], people[1]
    when, _ = w.when(day, dct, style)
    return w.rng.choice((
        f"{w.full(a)} held a telephone conversation with {w.full(b)} {when}. The interlocutors "
        f"discussed {w.topics(1)[0]} and exchanged views on the international agenda.",
        f"{w.full(a)} and {w.full(b)} spoke by phone {when}, the press service of the "
        f"{COUNTRIES[a.country].adjective} leader reported.",
        f"During a phone call {when}, {w.full(a)} congratulated {w.full(b)} on his birthday "
        f"and wished him good health."))


def _spoken_congratulation(w: _Writer, people: Sequence[Person], day: dt.date, dct: dt.date,
                           style: str) -> str:
    a = people[0]
    when, _ = w.when(day, dct, style)
    return w.rng.choice((
        f"Speaking at a solemn reception in {w.city(a, day)} {when}, {w.full(a)} congratulated "
        f"the veterans and all citizens of {a.country} on the holiday.",
        f"Addressing the participants of the gala concert {when}, {w.full(a)} congratulated "
        f"them on the upcoming Independence Day and wished them success."))


def _forum(w: _Writer, people: Sequence[Person], day: dt.date, dct: dt.date,
           style: str) -> str:
    a = people[0]
    when, _ = w.when(day, dct, style)
    forum = w.rng.choice(FORUMS)
    return w.rng.choice((
        f"{w.full(a)} addressed the plenary session of {forum} {when}.",
        f"{w.full(a)} took part in {forum}, which opened {when}. In his speech, {w.short(a)} "
        f"called for closer cooperation in {w.topics(1)[0]}."))


def _press_conference(w: _Writer, people: Sequence[Person], day: dt.date, dct: dt.date,
                      style: str) -> str:
    a, b = people[0], people[1]
    when, _ = w.when(day, dct, style)
    return w.rng.choice((
        f"{w.full(a)} told journalists at a press conference in {w.city(a, day)} {when} that "
        f"relations with {b.country} were developing dynamically.",
        f"At a briefing in {w.city(a, day)} {when}, the official representative of the "
        f"{COUNTRIES[a.country].adjective} Foreign Ministry said that {a.country} and "
        f"{b.country} were preparing new joint projects."))


# -- filler: what wire copy says around the story ------------------------------------------

def _topics_discussed(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    t = w.topics(5)
    return (f"The sides discussed {t[0]}, {t[1]} and {t[2]}. Particular attention was paid "
            f"to {t[3]}, where both countries see room for new joint projects, and to "
            f"{t[4]}.")


CORRIDORS = ("the Trans-Caspian International Transport Route", "the North–South corridor",
             "the China–Kyrgyzstan–Uzbekistan railway", "the Termez–Mazar-i-Sharif line")


def _transport(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    rng = w.rng
    return (f"The parties also considered the development of {rng.choice(CORRIDORS)}. "
            f"Cargo traffic between {a.country} and {b.country} grew by "
            f"{rng.randint(5, 60)} percent, and {rng.choice(('new', 'additional'))} "
            f"flights between {w.city(a, dct)} and {w.city(b, dct)} are being prepared.")


def _investment(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    t = w.topics(3)
    return (f"The portfolio of joint projects includes {w.rng.randint(12, 90)} initiatives "
            f"worth {w.rng.randint(11, 140) / 10} billion US dollars in {t[0]}, {t[1]} and "
            f"{t[2]}. {w.short(a)} instructed the government to speed up their implementation.")


def _culture(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    return (f"Days of culture of {a.country} will be held in {b.country}, and the number of "
            f"students from {b.country} studying at universities of {a.country} has exceeded "
            f"{w.rng.randint(2, 30)} thousand. The sides agreed to open branches of leading "
            f"universities and to expand academic exchanges.")


def _trade(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    rng = w.rng
    return (f"According to the {COUNTRIES[a.country].adjective} side, trade between "
            f"{a.country} and {b.country} reached {rng.randint(2, 290) / 10} billion US dollars "
            f"in {dct.year - 1}, {rng.randint(3, 40)} percent more than a year earlier.")


QUOTES = (
    "Our countries are bound by long-standing ties of friendship and good-neighbourliness",
    "We are ready to take our strategic partnership to a new level",
    "There are no unresolved issues between our states, and our dialogue is built on trust",
    "Much has been done in recent years, but the potential of our cooperation is far from "
    "exhausted",
    "We value the constructive position of our partners on key regional issues",
)


def _quote(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    return f"“{w.rng.choice(QUOTES)}”, {w.short(a)} said."


def _commission(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    return (f"The parties agreed to hold the next session of the intergovernmental commission "
            f"in {w.city(b, dct)} and to step up work on {w.topics(1)[0]}.")


def _relations(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    return (f"{b.country} is one of the key partners of {a.country}. Diplomatic relations "
            f"between the two countries were established in {w.rng.choice((1992, 1993))}, "
            f"and more than {w.rng.randint(3, 40) * 10} joint ventures operate today.")


def _documents(w: _Writer, a: Person, b: Person, dct: dt.date) -> str:
    t = w.topics(2)
    return (f"Following the talks, the parties signed {w.rng.randint(3, 25)} documents, "
            f"including agreements on {t[0]} and {t[1]}.")


Lookalike = Callable[[_Writer, Sequence[Person], dt.date, dt.date, str], str]
Filler = Callable[[_Writer, Person, Person, dt.date], str]
NEW_EVENTS: dict[str, Callable[[_Writer], _Story]] = {
    "meeting": _new_meeting, "visit": _new_visit, "telegram": _new_telegram,
    "anniversary": _new_anniversary}
STORIES: dict[str, Callable[[_Writer, _Story, dt.date, str], tuple[str, tuple[Event, ...]]]] = {
    "meeting": _meeting, "visit": _visit, "telegram": _telegram, "anniversary": _anniversary}
LOOKALIKES: tuple[Lookalike, ...] = (_phone_call, _spoken_congratulation, _forum,
                                     _press_conference)
FILLERS: tuple[Filler, ...] = (_topics_discussed, _trade, _quote, _commission, _relations,
                               _transport, _investment, _culture)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="where to write the articles")
    parser.add_argument("--n", type=int, default=5000, help="how many articles")
    parser.add_argument("--seed", type=int, default=7, help="the same seed, the same articles")
    parser.add_argument("--manifest", type=Path, help="write what each article states here")
    args = parser.parse_args(argv)
    size = write(args.folder, args.n, args.seed, manifest=args.manifest)
    print(f"{args.n} articles, {size / 1e6:.2f} MB in {args.folder}")


if __name__ == "__main__":
    main()
