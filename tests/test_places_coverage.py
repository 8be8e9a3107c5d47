"""Coverage of rules/places.toml: every UN member and observer state, the capitals and the
genre's cities, each name naming one thing only."""

from __future__ import annotations

import pytest

from timeline.lexicon import ADJECTIVE, COUNTRY, PLACE, Lexicon


def names(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    return [(n.kind, n.canonical) for n in lexicon.names(text)]


# The 193 UN member states and the two observer states, as the UN writes their short
# names (the parenthesised forms turned round), with the canonical name of the lexicon.
UN_STATES = {
    "Afghanistan": "Afghanistan", "Albania": "Albania", "Algeria": "Algeria",
    "Andorra": "Andorra", "Angola": "Angola", "Antigua and Barbuda": "Antigua and Barbuda",
    "Argentina": "Argentina", "Armenia": "Armenia", "Australia": "Australia",
    "Austria": "Austria", "Azerbaijan": "Azerbaijan", "Bahamas": "Bahamas",
    "Bahrain": "Bahrain", "Bangladesh": "Bangladesh", "Barbados": "Barbados",
    "Belarus": "Belarus", "Belgium": "Belgium", "Belize": "Belize", "Benin": "Benin",
    "Bhutan": "Bhutan", "Plurinational State of Bolivia": "Bolivia",
    "Bosnia and Herzegovina": "Bosnia and Herzegovina", "Botswana": "Botswana",
    "Brazil": "Brazil", "Brunei Darussalam": "Brunei", "Bulgaria": "Bulgaria",
    "Burkina Faso": "Burkina Faso", "Burundi": "Burundi", "Cabo Verde": "Cabo Verde",
    "Cambodia": "Cambodia", "Cameroon": "Cameroon", "Canada": "Canada",
    "Central African Republic": "Central African Republic", "Chad": "Chad",
    "Chile": "Chile", "China": "China", "Colombia": "Colombia", "Comoros": "Comoros",
    "Congo": "Congo", "Costa Rica": "Costa Rica", "Côte d'Ivoire": "Côte d'Ivoire",
    "Croatia": "Croatia", "Cuba": "Cuba", "Cyprus": "Cyprus", "Czechia": "Czech Republic",
    "Democratic People's Republic of Korea": "North Korea",
    "Democratic Republic of the Congo": "Democratic Republic of the Congo",
    "Denmark": "Denmark", "Djibouti": "Djibouti", "Dominica": "Dominica",
    "Dominican Republic": "Dominican Republic", "Ecuador": "Ecuador", "Egypt": "Egypt",
    "El Salvador": "El Salvador", "Equatorial Guinea": "Equatorial Guinea",
    "Eritrea": "Eritrea", "Estonia": "Estonia", "Eswatini": "Eswatini",
    "Ethiopia": "Ethiopia", "Fiji": "Fiji", "Finland": "Finland", "France": "France",
    "Gabon": "Gabon", "Gambia": "Gambia", "Georgia": "Georgia", "Germany": "Germany",
    "Ghana": "Ghana", "Greece": "Greece", "Grenada": "Grenada", "Guatemala": "Guatemala",
    "Guinea": "Guinea", "Guinea-Bissau": "Guinea-Bissau", "Guyana": "Guyana",
    "Haiti": "Haiti", "Honduras": "Honduras", "Hungary": "Hungary", "Iceland": "Iceland",
    "India": "India", "Indonesia": "Indonesia", "Islamic Republic of Iran": "Iran",
    "Iraq": "Iraq", "Ireland": "Ireland", "Israel": "Israel", "Italy": "Italy",
    "Jamaica": "Jamaica", "Japan": "Japan", "Jordan": "Jordan",
    "Kazakhstan": "Kazakhstan", "Kenya": "Kenya", "Kiribati": "Kiribati",
    "Kuwait": "Kuwait", "Kyrgyzstan": "Kyrgyzstan",
    "Lao People's Democratic Republic": "Laos", "Latvia": "Latvia", "Lebanon": "Lebanon",
    "Lesotho": "Lesotho", "Liberia": "Liberia", "Libya": "Libya",
    "Liechtenstein": "Liechtenstein", "Lithuania": "Lithuania", "Luxembourg": "Luxembourg",
    "Madagascar": "Madagascar", "Malawi": "Malawi", "Malaysia": "Malaysia",
    "Maldives": "Maldives", "Mali": "Mali", "Malta": "Malta",
    "Marshall Islands": "Marshall Islands", "Mauritania": "Mauritania",
    "Mauritius": "Mauritius", "Mexico": "Mexico",
    "Federated States of Micronesia": "Micronesia", "Monaco": "Monaco",
    "Mongolia": "Mongolia", "Montenegro": "Montenegro", "Morocco": "Morocco",
    "Mozambique": "Mozambique", "Myanmar": "Myanmar", "Namibia": "Namibia",
    "Nauru": "Nauru", "Nepal": "Nepal", "Kingdom of the Netherlands": "Netherlands",
    "New Zealand": "New Zealand", "Nicaragua": "Nicaragua", "Niger": "Niger",
    "Nigeria": "Nigeria", "North Macedonia": "North Macedonia", "Norway": "Norway",
    "Oman": "Oman", "Pakistan": "Pakistan", "Palau": "Palau", "Panama": "Panama",
    "Papua New Guinea": "Papua New Guinea", "Paraguay": "Paraguay", "Peru": "Peru",
    "Philippines": "Philippines", "Poland": "Poland", "Portugal": "Portugal",
    "Qatar": "Qatar", "Republic of Korea": "South Korea", "Republic of Moldova": "Moldova",
    "Romania": "Romania", "Russian Federation": "Russia", "Rwanda": "Rwanda",
    "Saint Kitts and Nevis": "Saint Kitts and Nevis", "Saint Lucia": "Saint Lucia",
    "Saint Vincent and the Grenadines": "Saint Vincent and the Grenadines",
    "Samoa": "Samoa", "San Marino": "San Marino",
    "Sao Tome and Principe": "Sao Tome and Principe", "Saudi Arabia": "Saudi Arabia",
    "Senegal": "Senegal", "Serbia": "Serbia", "Seychelles": "Seychelles",
    "Sierra Leone": "Sierra Leone", "Singapore": "Singapore", "Slovakia": "Slovakia",
    "Slovenia": "Slovenia", "Solomon Islands": "Solomon Islands", "Somalia": "Somalia",
    "South Africa": "South Africa", "South Sudan": "South Sudan", "Spain": "Spain",
    "Sri Lanka": "Sri Lanka", "Sudan": "Sudan", "Suriname": "Suriname",
    "Sweden": "Sweden", "Switzerland": "Switzerland", "Syrian Arab Republic": "Syria",
    "Tajikistan": "Tajikistan", "Thailand": "Thailand", "Timor-Leste": "Timor-Leste",
    "Togo": "Togo", "Tonga": "Tonga", "Trinidad and Tobago": "Trinidad and Tobago",
    "Tunisia": "Tunisia", "Türkiye": "Turkey", "Turkmenistan": "Turkmenistan",
    "Tuvalu": "Tuvalu", "Uganda": "Uganda", "Ukraine": "Ukraine",
    "United Arab Emirates": "United Arab Emirates",
    "United Kingdom of Great Britain and Northern Ireland": "United Kingdom",
    "United Republic of Tanzania": "Tanzania", "United States of America": "United States",
    "Uruguay": "Uruguay", "Uzbekistan": "Uzbekistan", "Vanuatu": "Vanuatu",
    "Bolivarian Republic of Venezuela": "Venezuela", "Viet Nam": "Vietnam",
    "Yemen": "Yemen", "Zambia": "Zambia", "Zimbabwe": "Zimbabwe",
    # observer states
    "Holy See": "Vatican", "State of Palestine": "Palestine",
}

# An adjective for each state that has one in English use ("Congolese" is left out: it
# names both Congos; "Dominican" is the Dominican Republic's).
ADJECTIVES = {
    "Tanzania": "Tanzanian", "Zimbabwe": "Zimbabwean", "Nicaragua": "Nicaraguan",
    "Palestine": "Palestinian", "United Arab Emirates": "Emirati", "Turkey": "Turkish",
    "Kazakhstan": "Kazakh", "Kyrgyzstan": "Kyrgyz", "Tajikistan": "Tajik",
    "Turkmenistan": "Turkmen", "Uzbekistan": "Uzbek", "Belarus": "Belarusian",
    "Yemen": "Yemeni", "Bhutan": "Bhutanese", "Brunei": "Bruneian", "Maldives": "Maldivian",
    "Timor-Leste": "Timorese", "Angola": "Angolan", "Benin": "Beninese",
    "Botswana": "Botswanan", "Burkina Faso": "Burkinabe", "Burundi": "Burundian",
    "Cabo Verde": "Cape Verdean", "Cameroon": "Cameroonian", "Chad": "Chadian",
    "Comoros": "Comorian", "Côte d'Ivoire": "Ivorian", "Djibouti": "Djiboutian",
    "Equatorial Guinea": "Equatorial Guinean", "Eritrea": "Eritrean", "Eswatini": "Swazi",
    "Gabon": "Gabonese", "Gambia": "Gambian", "Ghana": "Ghanaian", "Guinea": "Guinean",
    "Guinea-Bissau": "Bissau-Guinean", "Lesotho": "Basotho", "Liberia": "Liberian",
    "Libya": "Libyan", "Madagascar": "Malagasy", "Malawi": "Malawian", "Mali": "Malian",
    "Mauritania": "Mauritanian", "Mauritius": "Mauritian", "Mozambique": "Mozambican",
    "Namibia": "Namibian", "Niger": "Nigerien", "Nigeria": "Nigerian", "Rwanda": "Rwandan",
    "Senegal": "Senegalese", "Seychelles": "Seychellois", "Sierra Leone": "Sierra Leonean",
    "Somalia": "Somali", "South Sudan": "South Sudanese", "Sudan": "Sudanese",
    "Togo": "Togolese", "Uganda": "Ugandan", "Zambia": "Zambian",
    "Bahamas": "Bahamian", "Barbados": "Barbadian", "Belize": "Belizean",
    "Bolivia": "Bolivian", "Costa Rica": "Costa Rican", "Dominican Republic": "Dominican",
    "Ecuador": "Ecuadorian", "El Salvador": "Salvadoran", "Grenada": "Grenadian",
    "Guatemala": "Guatemalan", "Guyana": "Guyanese", "Haiti": "Haitian",
    "Honduras": "Honduran", "Jamaica": "Jamaican", "Panama": "Panamanian",
    "Paraguay": "Paraguayan", "Suriname": "Surinamese", "Trinidad and Tobago": "Trinidadian",
    "Uruguay": "Uruguayan", "Venezuela": "Venezuelan", "Fiji": "Fijian",
    "Kiribati": "I-Kiribati", "Marshall Islands": "Marshallese", "Nauru": "Nauruan",
    "Palau": "Palauan", "Papua New Guinea": "Papua New Guinean", "Samoa": "Samoan",
    "Tonga": "Tongan", "Tuvalu": "Tuvaluan", "Vanuatu": "Ni-Vanuatu",
    "Andorra": "Andorran", "Bosnia and Herzegovina": "Bosnian", "Iceland": "Icelandic",
    "Monaco": "Monegasque", "San Marino": "Sammarinese", "Luxembourg": "Luxembourgish",
    "Myanmar": "Burmese", "Laos": "Lao",
}

# Cities, in the spellings the genre's articles use, and their countries.
CITIES = {
    "Samarkand": "Uzbekistan", "Buxoro": "Uzbekistan", "Khiva": "Uzbekistan",
    "Termiz": "Uzbekistan", "Urgench": "Uzbekistan", "Andijon": "Uzbekistan",
    "Ferghana": "Uzbekistan", "Shymkent": "Kazakhstan", "Ust-Kamenogorsk": "Kazakhstan",
    "Oskemen": "Kazakhstan", "Borovoe": "Kazakhstan", "Karagandy": "Kazakhstan",
    "Nur-Sultan": "Kazakhstan", "Cholpon-Ata": "Kyrgyzstan", "Jalal-Abad": "Kyrgyzstan",
    "Osh": "Kyrgyzstan", "Khujand": "Tajikistan", "Khojent": "Tajikistan",
    "Khudjand": "Tajikistan", "Kurgan-Tyube": "Tajikistan", "Bokhtar": "Tajikistan",
    "Kulob": "Tajikistan", "Turkmenbashy": "Turkmenistan", "Türkmenbaşy": "Turkmenistan",
    "Avaza": "Turkmenistan", "Awaza": "Turkmenistan", "St. Petersburg": "Russia",
    "St Petersburg": "Russia", "Yekaterinburg": "Russia", "Nizhny Novgorod": "Russia",
    "Grodno": "Belarus", "Mogilev": "Belarus", "Nakhchivan": "Azerbaijan",
    "Gabala": "Azerbaijan", "Shusha": "Azerbaijan", "Gyumri": "Armenia",
    "Kutaisi": "Georgia", "Ulan Bator": "Mongolia", "Xi'an": "China", "Urumqi": "China",
    "İstanbul": "Turkey", "Antalya": "Turkey", "Mashhad": "Iran", "Isfahan": "Iran",
    "Dodoma": "Tanzania", "Managua": "Nicaragua", "Harare": "Zimbabwe",
    "Ramallah": "Palestine", "Vatican City": "Vatican", "Port Moresby": "Papua New Guinea",
    "Bissau": "Guinea-Bissau", "Conakry": "Guinea", "Kinshasa": "Democratic Republic of the Congo",
    "Brazzaville": "Congo", "Yaounde": "Cameroon", "N'Djamena": "Chad",
}


@pytest.mark.parametrize("written", sorted(UN_STATES))
def test_every_un_state_by_its_un_name(lexicon: Lexicon, written: str) -> None:
    assert lexicon.lookup(written) == (COUNTRY, UN_STATES[written])


def test_the_un_list_is_complete(lexicon: Lexicon) -> None:
    """193 members and 2 observers, each its own entry; no other country in the lexicon."""
    assert len(UN_STATES) == 195
    assert len(set(UN_STATES.values())) == 195
    assert {c.name for c in lexicon.countries} == set(UN_STATES.values())


@pytest.mark.parametrize("country", sorted(set(UN_STATES.values())))
def test_every_country_by_its_canonical_name(lexicon: Lexicon, country: str) -> None:
    assert lexicon.lookup(country) == (COUNTRY, country)
    assert names(lexicon, f"talks in {country} on Monday") == [(COUNTRY, country)]


@pytest.mark.parametrize("country", sorted(ADJECTIVES))
def test_adjectives(lexicon: Lexicon, country: str) -> None:
    adjective = ADJECTIVES[country]
    assert lexicon.lookup(adjective) == (ADJECTIVE, country)
    assert names(lexicon, f"the {adjective} President said") == [(ADJECTIVE, country)]


@pytest.mark.parametrize("city", sorted(CITIES))
def test_cities_and_transliterations(lexicon: Lexicon, city: str) -> None:
    found = lexicon.lookup(city)
    assert found is not None and found[0] == PLACE, found
    assert lexicon.country_of(PLACE, found[1]) == CITIES[city]


def test_every_capital_or_seat_is_known(lexicon: Lexicon) -> None:
    """Each state has a city, except those whose capital bears the state's own name or
    a common word (Djibouti, Monaco, San Marino, Singapore; Victoria of Seychelles)."""
    no_city = {"Djibouti", "Monaco", "San Marino", "Singapore", "Seychelles"}
    with_city = {p.country for p in lexicon.places}
    assert {c.name for c in lexicon.countries} - with_city == no_city


def test_places_name_known_countries(lexicon: Lexicon) -> None:
    countries = {c.name for c in lexicon.countries}
    assert [p.name for p in lexicon.places if p.country not in countries] == []


def test_no_form_names_two_things(lexicon: Lexicon) -> None:
    """A name, alias or adjective of one country or city is no other's (case ignored)."""
    owner: dict[str, str] = {}
    clashes = []
    entries = [(f"country {c.name}", (c.name, *c.aliases, *c.adjectives))
               for c in lexicon.countries]
    entries += [(f"place {p.name}", (p.name, *p.aliases)) for p in lexicon.places]
    for who, forms in entries:
        for form in forms:
            if owner.setdefault(form.lower(), who) != who:
                clashes.append((form, owner[form.lower()], who))
    assert clashes == []


def test_every_form_resolves_to_its_entry(lexicon: Lexicon) -> None:
    """No other rule file (people, bodies) took one of these names first, and each is
    found in a text whatever its case (a form whose case-folding differs from str.lower,
    such as the dotless ı, would fail here)."""
    wrong = []
    for c in lexicon.countries:
        wanted = [((COUNTRY, c.name), f) for f in (c.name, *c.aliases)]
        wanted += [((ADJECTIVE, c.name), f) for f in c.adjectives]
        for expected, form in wanted:
            for written in (form, form.upper(), form.lower()):
                if names(lexicon, f"said in {written} today") != [expected]:
                    wrong.append(written)
    for p in lexicon.places:
        for form in (p.name, *p.aliases):
            for written in (form, form.upper(), form.lower()):
                if names(lexicon, f"said in {written} today") != [(PLACE, p.name)]:
                    wrong.append(written)
    assert wrong == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Papua New Guinea", [(COUNTRY, "Papua New Guinea")]),
    ("Guinea-Bissau and Guinea", [(COUNTRY, "Guinea-Bissau"), (COUNTRY, "Guinea")]),
    ("Equatorial Guinea", [(COUNTRY, "Equatorial Guinea")]),
    ("the Equatorial Guinean side", [(ADJECTIVE, "Equatorial Guinea")]),
    ("South Sudan and Sudan", [(COUNTRY, "South Sudan"), (COUNTRY, "Sudan")]),
    ("Niger and Nigeria", [(COUNTRY, "Niger"), (COUNTRY, "Nigeria")]),
    ("Dominica and the Dominican Republic",
     [(COUNTRY, "Dominica"), (COUNTRY, "Dominican Republic")]),
    ("DR Congo and the Republic of the Congo",
     [(COUNTRY, "Democratic Republic of the Congo"), (COUNTRY, "Congo")]),
    ("Sao Tome and Principe", [(COUNTRY, "Sao Tome and Principe")]),
    ("Trinidad and Tobago", [(COUNTRY, "Trinidad and Tobago")]),
    ("the Kazakh-Tanzanian talks", []),  # a hyphenated pair is neither
    ("Tanzania's President", [(COUNTRY, "Tanzania")]),
    ("Mexico City and Mexico", [(PLACE, "Mexico City"), (COUNTRY, "Mexico")]),
    ("Kuwait City", [(PLACE, "Kuwait City")]),
])
def test_longest_name_wins(lexicon: Lexicon, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(lexicon, text) == expected


@pytest.mark.parametrize("text", [
    "male and female delegates", "a car park", "a mecca for tourists",
    "Mary Robinson", "Queen Victoria", "the poet Alisher Navoi",
])
def test_ordinary_words_name_no_place(lexicon: Lexicon, text: str) -> None:
    assert [n for n in names(lexicon, text) if n[0] in (PLACE, COUNTRY)] == []
