"""The placeholders of the shadow sentence: the one format the pattern compiler writes
regular expressions for and the shadow sentence is written in.

A mention becomes `OPEN + code + index + CLOSE` ("\ue000P0\ue001" for the sentence's
first mention, a person), so that a rule reads `{person:visitor} arrived in {place:host}`
whatever the length of the names.
"""

from __future__ import annotations

import re

from timeline.lexicon import COUNTRY, ORGANISATION, PERSON, PLACE

KINDS = {  # placeholder name -> mention kinds it accepts
    "person": (PERSON,), "country": (COUNTRY,), "organisation": (ORGANISATION,),
    "org": (ORGANISATION,), "city": (PLACE,), "place": (PLACE, COUNTRY),
    "party": (PERSON, COUNTRY, ORGANISATION), "actor": (PERSON, ORGANISATION),
}
CODE = {PERSON: "P", COUNTRY: "C", ORGANISATION: "O", PLACE: "L"}
OPEN, CLOSE = "\ue000", "\ue001"  # private-use characters: never in an article
SLOT = re.compile(OPEN + r"([PCOL])(\d+)" + CLOSE)  # group 2: the index of the mention
ANY_SLOT = re.compile(OPEN + r"[PCOLT]\d+" + CLOSE)  # mentions and time expressions ("T")
