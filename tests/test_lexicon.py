"""The lexicon: names, transliterations, dated offices, commemorations and outlets."""

from __future__ import annotations

import datetime as dt

from timeline.lexicon import Lexicon


def names(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(n.kind, n.canonical) for n in lexicon.names(text)]


def test_aliases_surnames_and_initials(lexicon: Lexicon) -> None:
    """Transliterations, surnames alone and initials all name the canonical person."""
    text = "Zhaparov, Kassym-Zhomart Tokaev, N. Nazarbayev and V.Putin"
    assert names(
        lexicon, text) == [("person", "Sadyr Japarov"), ("person", "Kassym-Jomart Tokayev"),
            ("person", "Nursultan Nazarbayev"), ("person", "Vladimir Putin")]


def test_places_have_one_canonical_name(lexicon: Lexicon) -> None:
    """Nur-Sultan and Astana are one city, shown as Astana."""
    assert names(lexicon, "Nur-Sultan, Astana") == [("place", "Astana"), ("place", "Astana")]


def test_countries_by_long_name_and_adjective(lexicon: Lexicon) -> None:
    """'the Kyrgyz Republic' is a country; 'Kyrgyz' is its adjective."""
    expected = [("country", "Kyrgyzstan"), ("adjective", "Kyrgyzstan")]
    assert names(lexicon, "the Kyrgyz Republic and the Kyrgyz side") == expected


def test_holder_of_an_office_on_a_day(lexicon: Lexicon) -> None:
    """The president of Kazakhstan is Nazarbayev in 2016 and Tokayev in 2021."""
    holders = [lexicon.holder("president", "Kazakhstan", dt.date(y, 6, 1)) for y in (2016, 2021)]
    assert [h.name for h in holders if h] == ["Nursultan Nazarbayev", "Kassym-Jomart Tokayev"]


def test_no_day_no_holder(lexicon: Lexicon) -> None:
    """Without a day, a bare title resolves to no one (never to today's holder)."""
    assert lexicon.holder("president", "Kazakhstan", None) is None


def test_commemoration_by_alias(lexicon: Lexicon) -> None:
    """'the Great Victory' names the commemoration of 1945-05-09."""
    found = lexicon.commemoration("the Great Victory", ["Belarus"])
    assert [("Victory in the Great Patriotic War", dt.date(1945, 5, 9))] == [
        (c.name, c.date) for c in found]


def test_commemoration_by_kind_gives_one_per_country(lexicon: Lexicon) -> None:
    """'the independence of Kyrgyzstan and Kazakhstan' names two independence days."""
    found = lexicon.commemoration("the independence of Kyrgyzstan and Kazakhstan",
                                  ["Kyrgyzstan", "Kazakhstan"])
    assert [dt.date(1991, 8, 31), dt.date(1991, 12, 16)] == [c.date for c in found]


def test_commemoration_of_a_pair_of_countries(lexicon: Lexicon) -> None:
    """Diplomatic relations are found by the pair of countries, in either order."""
    found = lexicon.commemoration("the diplomatic relations of both states",
                                  ["Russia", "Kazakhstan"])
    assert [dt.date(1992, 10, 22)] == [c.date for c in found]


def test_outlet_gives_the_home_country(lexicon: Lexicon) -> None:
    """An article from Kazinform reports from Kazakhstan, whatever its dateline."""
    assert lexicon.outlet_country("SAMARKAND. KAZINFORM – The summit opened.") == "Kazakhstan"
