"""Coverage of the people lexicon (rules/actors.toml), 2015-2025.

Who held which office on a day (`Lexicon.holder`), across the transitions the genre
reports on; that every country the genre names has a head of state, a head of
government and a foreign minister on every 1 January and 1 July of 2015..2025, save
the gaps listed (and explained) in GAPS; the heads of the international bodies; and
the spellings and surnames that must, or must not, name a person.
"""

from __future__ import annotations

import datetime as dt

import pytest

from timeline import extract
from timeline.extract.mentions import Setting
from timeline.lexicon import PERSON, Lexicon, _variants

D = dt.date


# -- who held an office on a day ----------------------------------------------------------

HOLDERS = [
    # Kazakhstan: Nazarbayev to Tokayev (2019), prime ministers and foreign ministers
    ("Kazakhstan", "president", D(2015, 6, 1), "Nursultan Nazarbayev"),
    ("Kazakhstan", "president", D(2019, 3, 19), "Nursultan Nazarbayev"),
    ("Kazakhstan", "president", D(2019, 3, 20), "Kassym-Jomart Tokayev"),
    ("Kazakhstan", "prime minister", D(2016, 1, 1), "Karim Massimov"),
    ("Kazakhstan", "prime minister", D(2018, 1, 1), "Bakytzhan Sagintayev"),
    ("Kazakhstan", "prime minister", D(2023, 1, 1), "Alikhan Smailov"),
    ("Kazakhstan", "foreign minister", D(2019, 3, 1), "Beibut Atamkulov"),
    ("Kazakhstan", "foreign minister", D(2025, 10, 1), "Yermek Kosherbayev"),
    # Kyrgyzstan 2020-2021: Jeenbekov resigns, Japarov acting, Mamytov acting, Japarov elected
    ("Kyrgyzstan", "president", D(2020, 10, 1), "Sooronbay Jeenbekov"),
    ("Kyrgyzstan", "president", D(2020, 11, 1), "Sadyr Japarov"),
    ("Kyrgyzstan", "president", D(2020, 12, 15), "Talant Mamytov"),
    ("Kyrgyzstan", "president", D(2021, 2, 1), "Sadyr Japarov"),
    ("Kyrgyzstan", "prime minister", D(2020, 10, 20), "Sadyr Japarov"),
    ("Kyrgyzstan", "prime minister", D(2021, 1, 1), "Artem Novikov"),
    ("Kyrgyzstan", "prime minister", D(2021, 7, 1), "Ulukbek Maripov"),  # Chairman of the Cabinet
    ("Kyrgyzstan", "prime minister", D(2022, 7, 1), "Akylbek Japarov"),
    ("Kyrgyzstan", "prime minister", D(2025, 3, 1), "Adylbek Kasymaliev"),
    ("Kyrgyzstan", "foreign minister", D(2018, 7, 1), "Erlan Abdyldaev"),
    ("Kyrgyzstan", "foreign minister", D(2019, 7, 1), "Chingiz Aidarbekov"),
    ("Kyrgyzstan", "foreign minister", D(2023, 7, 1), "Jeenbek Kulubaev"),
    # Uzbekistan 2016: Karimov dies, Yuldashev then Mirziyoyev interim, Mirziyoyev elected
    ("Uzbekistan", "president", D(2016, 7, 1), "Islam Karimov"),
    ("Uzbekistan", "president", D(2016, 9, 5), "Nigmatilla Yuldashev"),
    ("Uzbekistan", "president", D(2016, 10, 1), "Shavkat Mirziyoyev"),
    ("Uzbekistan", "prime minister", D(2016, 10, 1), "Shavkat Mirziyoyev"),
    ("Uzbekistan", "prime minister", D(2017, 1, 1), "Abdulla Aripov"),
    ("Uzbekistan", "foreign minister", D(2022, 7, 1), "Vladimir Norov"),
    ("Uzbekistan", "foreign minister", D(2023, 7, 1), "Bakhtiyor Saidov"),
    # Turkmenistan 2022: father to son
    ("Turkmenistan", "president", D(2022, 1, 1), "Gurbanguly Berdimuhamedow"),
    ("Turkmenistan", "president", D(2022, 7, 1), "Serdar Berdimuhamedow"),
    ("Tajikistan", "foreign minister", D(2020, 1, 1), "Sirojiddin Muhriddin"),
    # Armenia 2018: Sargsyan's week as prime minister, Karapetyan acting, Pashinyan
    ("Armenia", "president", D(2017, 1, 1), "Serzh Sargsyan"),
    ("Armenia", "prime minister", D(2018, 4, 20), "Serzh Sargsyan"),
    ("Armenia", "prime minister", D(2018, 5, 1), "Karen Karapetyan"),
    ("Armenia", "prime minister", D(2018, 6, 1), "Nikol Pashinyan"),
    ("Armenia", "president", D(2022, 7, 1), "Vahagn Khachaturyan"),
    ("Armenia", "foreign minister", D(2019, 1, 1), "Zohrab Mnatsakanyan"),
    ("Azerbaijan", "prime minister", D(2017, 1, 1), "Artur Rasizade"),
    ("Azerbaijan", "foreign minister", D(2019, 1, 1), "Elmar Mammadyarov"),
    ("Georgia", "president", D(2020, 1, 1), "Salome Zourabichvili"),
    ("Georgia", "prime minister", D(2022, 1, 1), "Irakli Garibashvili"),
    ("Moldova", "president", D(2018, 1, 1), "Igor Dodon"),
    ("Moldova", "prime minister", D(2019, 7, 1), "Maia Sandu"),
    ("Moldova", "prime minister", D(2021, 7, 1), "Aureliu Ciocoi"),
    ("Ukraine", "president", D(2018, 1, 1), "Petro Poroshenko"),
    ("Ukraine", "prime minister", D(2025, 9, 1), "Yulia Svyrydenko"),
    ("Belarus", "prime minister", D(2019, 1, 1), "Sergei Rumas"),
    ("Belarus", "foreign minister", D(2023, 7, 1), "Sergei Aleinik"),
    ("Russia", "prime minister", D(2019, 7, 1), "Dmitry Medvedev"),
    ("Mongolia", "prime minister", D(2019, 1, 1), "Ukhnaagiin Khurelsukh"),
    ("Mongolia", "president", D(2019, 1, 1), "Khaltmaagiin Battulga"),
    ("China", "foreign minister", D(2023, 4, 1), "Qin Gang"),
    ("Afghanistan", "president", D(2020, 1, 1), "Ashraf Ghani"),
    ("Afghanistan", "supreme leader", D(2022, 1, 1), "Hibatullah Akhundzada"),
    ("Afghanistan", "prime minister", D(2023, 1, 1), "Mohammad Hasan Akhund"),
    ("Iran", "president", D(2024, 7, 1), "Mohammad Mokhber"),
    ("Iran", "foreign minister", D(2022, 1, 1), "Hossein Amir-Abdollahian"),
    ("Turkey", "prime minister", D(2017, 1, 1), "Binali Yildirim"),
    ("Turkey", "foreign minister", D(2015, 10, 1), "Feridun Sinirlioglu"),
    ("Pakistan", "prime minister", D(2020, 1, 1), "Imran Khan"),
    ("Pakistan", "foreign minister", D(2016, 1, 1), "Nawaz Sharif"),
    ("India", "president", D(2020, 1, 1), "Ram Nath Kovind"),
    ("India", "foreign minister", D(2018, 1, 1), "Sushma Swaraj"),
    # United States: the Secretary of State is the foreign minister
    ("United States", "president", D(2017, 1, 19), "Barack Obama"),
    ("United States", "president", D(2017, 1, 21), "Donald Trump"),
    ("United States", "foreign minister", D(2016, 1, 1), "John Kerry"),
    ("United States", "foreign minister", D(2019, 1, 1), "Mike Pompeo"),
    ("United States", "secretary of state", D(2022, 1, 1), "Antony Blinken"),
    ("United States", "secretary of state", D(2025, 7, 1), "Marco Rubio"),
    # United Kingdom: the 2022 summer of three prime ministers and a new King
    ("United Kingdom", "prime minister", D(2022, 9, 1), "Boris Johnson"),
    ("United Kingdom", "prime minister", D(2022, 10, 1), "Liz Truss"),
    ("United Kingdom", "prime minister", D(2022, 11, 1), "Rishi Sunak"),
    ("United Kingdom", "monarch", D(2022, 9, 1), "Elizabeth II"),
    ("United Kingdom", "monarch", D(2022, 10, 1), "Charles III"),
    ("United Kingdom", "foreign secretary", D(2017, 1, 1), "Boris Johnson"),
    ("United Kingdom", "foreign minister", D(2024, 1, 1), "David Cameron"),
    ("United Kingdom", "foreign minister", D(2025, 10, 1), "Yvette Cooper"),
    ("France", "prime minister", D(2024, 10, 1), "Michel Barnier"),
    ("France", "foreign minister", D(2020, 1, 1), "Jean-Yves Le Drian"),
    ("Germany", "chancellor", D(2020, 1, 1), "Angela Merkel"),
    ("Germany", "chancellor", D(2025, 7, 1), "Friedrich Merz"),
    ("Germany", "foreign minister", D(2016, 1, 1), "Frank-Walter Steinmeier"),
    ("Germany", "president", D(2016, 1, 1), "Joachim Gauck"),
    # the European Union and international bodies: a role's country may name the body
    ("European Union", "president", D(2017, 1, 1), "Donald Tusk"),
    ("European Union", "european council president", D(2025, 1, 1), "António Costa"),
    ("European Union", "commission president", D(2018, 1, 1), "Jean-Claude Juncker"),
    ("European Union", "commission president", D(2020, 1, 1), "Ursula von der Leyen"),
    ("European Union", "high representative", D(2022, 1, 1), "Josep Borrell"),
    ("United Nations", "secretary general", D(2016, 1, 1), "Ban Ki-moon"),
    ("United Nations", "secretary general", D(2017, 1, 1), "Antonio Guterres"),
    ("Commonwealth of Independent States", "secretary general", D(2024, 1, 1), "Sergey Lebedev"),
    ("Collective Security Treaty Organization", "secretary general", D(2018, 1, 1),
     "Yuri Khachaturov"),
    ("Collective Security Treaty Organization", "secretary general", D(2021, 1, 1),
     "Stanislav Zas"),
    ("Shanghai Cooperation Organization", "secretary general", D(2020, 1, 1), "Vladimir Norov"),
    ("Eurasian Economic Commission", "eec chairman", D(2018, 1, 1), "Tigran Sargsyan"),
    ("Eurasian Economic Commission", "eec chairman", D(2024, 7, 1), "Bakytzhan Sagintayev"),
    ("Organization for Security and Co-operation in Europe", "secretary general", D(2022, 1, 1),
     "Helga Schmid"),
    ("Organization of Turkic States", "secretary general", D(2020, 1, 1), "Baghdad Amreyev"),
    ("Union State", "state secretary", D(2022, 1, 1), "Dmitry Mezentsev"),
]


@pytest.mark.parametrize(("country", "office", "day", "expected"), HOLDERS,
                         ids=[f"{c}-{o}-{d}" for c, o, d, _ in HOLDERS])
def test_holder_on_a_day(lexicon: Lexicon, country: str, office: str, day: dt.date,
                         expected: str) -> None:
    holder = lexicon.holder(office, country, day)
    assert holder is not None and holder.name == expected


def test_a_handover_day_has_two_holders_and_so_none(lexicon: Lexicon) -> None:
    """On the day office changes hands both hold it: a bare title resolves to no one."""
    assert lexicon.holder("president", "Kyrgyzstan", D(2017, 11, 24)) is None
    assert lexicon.holder("president", "Kyrgyzstan", D(2017, 11, 25)).name == "Sooronbay Jeenbekov"


# -- every country, every half year --------------------------------------------------------

COUNTRIES = ["Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan", "Russia",
             "Belarus", "Armenia", "Azerbaijan", "Moldova", "Georgia", "Ukraine", "Mongolia",
             "China", "Afghanistan", "Iran", "Turkey", "Pakistan", "India", "United States",
             "United Kingdom", "France", "Germany"]
DAYS = [D(y, m, 1) for y in range(2015, 2026) for m in (1, 7)]

HEAD_OF_STATE = {"United Kingdom": "monarch"}  # else "president"
HEAD_OF_GOVERNMENT = {"Germany": "chancellor"}  # else "prime minister"

# Genuine gaps: (country, kind) -> (first day, last day, why). Outside them every kind
# must have exactly one holder on every sampled day.
GAPS: dict[tuple[str, str], list[tuple[dt.date, dt.date, str]]] = {
    ("United States", "government"): [
        (D(2015, 1, 1), D(2025, 12, 31), "no prime minister: the president heads the government")],
    ("Iran", "government"): [
        (D(2015, 1, 1), D(2025, 12, 31), "no prime minister since 1989: the president heads it")],
    ("Turkmenistan", "government"): [
        (D(2015, 1, 1), D(2025, 12, 31), "no prime minister: the president chairs the Cabinet")],
    ("Turkey", "government"): [
        (D(2018, 7, 9), D(2025, 12, 31), "the office of prime minister was abolished in 2018")],
    ("Afghanistan", "government"): [
        (D(2015, 1, 1), D(2020, 3, 9), "Abdullah Abdullah was Chief Executive, not prime minister"),
        (D(2020, 3, 10), D(2021, 9, 6), "no head of government between the Chief Executive's "
                                        "post and the Taliban's acting prime minister")],
    ("Afghanistan", "state"): [
        (D(2021, 8, 15), D(2025, 12, 31), "the Taliban's head of state is the Supreme Leader")],
    ("Armenia", "foreign"): [
        (D(2021, 5, 28), D(2021, 8, 18), "vacant after Aivazian resigned, until Mirzoyan")],
}
# What stands in for the missing office, where something does
STAND_INS = {
    ("Afghanistan", "government", "chief executive"): (D(2015, 1, 1), D(2020, 3, 9)),
    ("Afghanistan", "state", "supreme leader"): (D(2021, 8, 15), D(2025, 12, 31)),
}


def _office(country: str, kind: str) -> str:
    if kind == "state":
        return HEAD_OF_STATE.get(country, "president")
    if kind == "government":
        return HEAD_OF_GOVERNMENT.get(country, "prime minister")
    return "foreign minister"


def _gap(country: str, kind: str, day: dt.date) -> str | None:
    return next((why for first, last, why in GAPS.get((country, kind), ())
                 if first <= day <= last), None)


@pytest.mark.parametrize("kind", ["state", "government", "foreign"])
@pytest.mark.parametrize("country", COUNTRIES)
def test_every_country_has_its_officials_every_half_year(lexicon: Lexicon, country: str,
                                                         kind: str) -> None:
    office = _office(country, kind)
    missing = [day for day in DAYS
               if _gap(country, kind, day) is None and lexicon.holder(office, country, day) is None]
    assert not missing, f"no {office} of {country} on {missing}"


@pytest.mark.parametrize(("key", "gaps"), list(GAPS.items()), ids=[f"{c}-{k}" for c, k in GAPS])
def test_the_documented_gaps_are_real(lexicon: Lexicon, key: tuple[str, str],
                                      gaps: list[tuple[dt.date, dt.date, str]]) -> None:
    """A gap is a gap: no holder of the usual office on any sampled day inside it (a gap
    that got filled must leave this list)."""
    country, kind = key
    office = _office(country, kind)
    inside = [day for day in DAYS for first, last, _ in gaps if first <= day <= last]
    assert inside
    assert [day for day in inside if lexicon.holder(office, country, day)] == []


@pytest.mark.parametrize(("key", "span"), list(STAND_INS.items()),
                         ids=[f"{c}-{o}" for c, _, o in STAND_INS])
def test_stand_ins_fill_the_gaps_they_explain(lexicon: Lexicon, key: tuple[str, str, str],
                                              span: tuple[dt.date, dt.date]) -> None:
    country, _, office = key
    days = [day for day in DAYS if span[0] <= day <= span[1]]
    assert days and all(lexicon.holder(office, country, day) for day in days)


BODIES = {
    ("United Nations", "secretary general"): [],
    ("Commonwealth of Independent States", "secretary general"): [],
    ("Collective Security Treaty Organization", "secretary general"): [],
    ("Shanghai Cooperation Organization", "secretary general"): [],
    ("Eurasian Economic Commission", "eec chairman"): [],
    ("Organization for Security and Co-operation in Europe", "secretary general"): [
        D(2017, 7, 1)],  # Zannier left on 30 June, Greminger came on 18 July
    ("Organization of Turkic States", "secretary general"): [],
    ("Union State", "state secretary"): [],
    ("European Union", "president"): [],
    ("European Union", "commission president"): [],
    ("European Union", "high representative"): [],
}


@pytest.mark.parametrize(("key", "vacant"), list(BODIES.items()),
                         ids=[f"{b}-{o}" for b, o in BODIES])
def test_every_body_has_its_head_every_half_year(lexicon: Lexicon, key: tuple[str, str],
                                                 vacant: list[dt.date]) -> None:
    body, office = key
    missing = [day for day in DAYS if lexicon.holder(office, body, day) is None]
    assert missing == vacant


# -- names ---------------------------------------------------------------------------------

SPELLINGS = [
    ("Zhaparov", "Sadyr Japarov"),
    ("Sadyr Dzhaparov", "Sadyr Japarov"),
    ("Akylbek Zhaparov", "Akylbek Japarov"),
    ("Lukashenka", "Alexander Lukashenko"),
    ("Aleksandr Lukashenko", "Alexander Lukashenko"),
    ("Mirziyoev", "Shavkat Mirziyoyev"),
    ("Rakhmon", "Emomali Rahmon"),
    ("Gurbanguly Berdymukhamedov", "Gurbanguly Berdimuhamedow"),
    ("Serdar Berdimuhamedov", "Serdar Berdimuhamedow"),
    ("Erdoğan", "Recep Tayyip Erdogan"),
    ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu"),
    ("Sirodjidin Aslov", "Sirojiddin Muhriddin"),
    ("Raman Halouchanka", "Roman Golovchenko"),
    ("Ara Ayvazyan", "Ara Aivazian"),
    ("Denis Shmygal", "Denys Shmyhal"),
    ("S. Jaishankar", "Subrahmanyam Jaishankar"),
    ("Hossein Amirabdollahian", "Hossein Amir-Abdollahian"),
    ("Ilham Aliev", "Ilham Aliyev"),
    ("Aliyev", "Ilham Aliyev"),
    ("Heydar Aliyev", "Heydar Aliyev"),
    ("von der Leyen", "Ursula von der Leyen"),
    ("António Guterres", "Antonio Guterres"),
]


@pytest.mark.parametrize(("written", "canonical"), SPELLINGS, ids=[w for w, _ in SPELLINGS])
def test_spellings_name_one_person(lexicon: Lexicon, written: str, canonical: str) -> None:
    assert lexicon.lookup(written) == (PERSON, canonical)


NOT_ALONE = ["Berdimuhamedow", "Berdymukhamedov", "Berdimukhamedov", "Sharif", "Zardari",
             "Sargsyan", "May", "Hunt", "Truss", "Cleverly", "Cooper", "Borne", "Philippe",
             "Khan", "Dar", "Costa", "Mammadov", "Asadov", "Saidov", "Karapetyan", "Simonyan",
             "Abdullah", "Yuldashev", "Gabriel", "Filip"]


@pytest.mark.parametrize("word", NOT_ALONE)
def test_ambiguous_or_ordinary_surnames_name_no_one(lexicon: Lexicon, word: str) -> None:
    """Surnames two people share, or that are ordinary words (the lexicon matches without
    regard to case: "in May", "a hunt"), do not name a person on their own."""
    assert lexicon.lookup(word) is None


def test_no_written_form_names_two_people(lexicon: Lexicon) -> None:
    seen: dict[str, str] = {}
    clashes = []
    for actor in lexicon.actors:
        for form in set(_variants(actor)):
            other = seen.setdefault(form.lower(), actor.name)
            if other != actor.name:
                clashes.append((form, other, actor.name))
    assert clashes == []


def test_roles_are_well_formed(lexicon: Lexicon) -> None:
    offices = {o.name for o in lexicon.offices}
    bad = [(a.name, r.office) for a in lexicon.actors for r in a.roles
           if r.office not in offices or not (r.country or a.country)
           or (r.since and r.until and r.since > r.until)]
    assert bad == []


# -- titles in a sentence ------------------------------------------------------------------

def people(extractor: extract.Extractor, text: str, day: dt.date, home: str) -> list[str]:
    found = extractor.reader.finder.find(text, 0, Setting(home, day))
    return [m.name for m in found if m.kind == PERSON]


TITLES = [
    ("The US Secretary of State arrived in Astana.", D(2023, 3, 1), "Kazakhstan",
     ["Antony Blinken"]),
    ("The British Foreign Secretary arrived in Astana.", D(2017, 3, 1), "Kazakhstan",
     ["Boris Johnson"]),
    ("The Indian External Affairs Minister arrived in Tashkent.", D(2018, 3, 1), "Uzbekistan",
     ["Sushma Swaraj"]),
    ("The British King received the Kazakh President.", D(2023, 3, 1), "Kazakhstan",
     ["Charles III", "Kassym-Jomart Tokayev"]),
    ("The German Chancellor met the Kazakh President.", D(2018, 3, 1), "Kazakhstan",
     ["Angela Merkel", "Nursultan Nazarbayev"]),
]


@pytest.mark.parametrize(("text", "day", "home", "expected"), TITLES, ids=[t[0] for t in TITLES])
def test_bare_titles_resolve(extractor: extract.Extractor, text: str, day: dt.date, home: str,
                             expected: list[str]) -> None:
    assert people(extractor, text, day, home) == expected


def test_titles_of_bodies_are_not_the_home_presidents(extractor: extract.Extractor) -> None:
    """'the President of the European Commission' in a Kazakh article is not Tokayev."""
    for text in ("The President of the European Commission arrived in Astana.",
                 "The President of the European Council arrived in Astana."):
        assert "Kassym-Jomart Tokayev" not in people(extractor, text, D(2023, 3, 1), "Kazakhstan")
