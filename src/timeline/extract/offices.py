"""Offices: a title without a name is whoever held the office on the article's day.

"the Kazakh President", "the Foreign Minister of Hungary", "his Russian counterpart" (the
office of the person named before, in another country) name a person through the
lexicon's dated roles. A title the lexicon cannot resolve on that day, or a deputy's
("the Deputy Foreign Minister of Finland"), still names its country: an unnamed
office-holder stands as the country, as the genre's chronologies write it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

import attrs

from timeline import memo
from timeline.extract.prefilter import may_hold
from timeline.lexicon import ADJECTIVE, COUNTRY, PERSON, Lexicon, longest_first

_RANK_BEFORE = re.compile(r"(?<![\w-])(?:(?:first\s+)?deputy|vice|acting|former|ex-|assistant|"
                          r"adviser\s+to\s+the|advisor\s+to\s+the)[\s-]*$", re.IGNORECASE)
_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(\w+)\s+(?:counterpart|colleague)\b")


@attrs.frozen
class Holder:
    """Who a title names: a person (`kind` PERSON) or the country it stands for."""

    start: int
    end: int
    kind: str
    name: str
    country: str | None


class Offices:
    """Resolves bare titles in one sentence with the lexicon's offices and roles."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        adjectives = longest_first(a for c in lexicon.countries for a in c.adjectives)
        forms = [f for c in lexicon.countries for f in (c.name, *c.aliases, *c.adjectives)]
        adj = longest_first(forms)
        cty = longest_first(f for c in lexicon.countries for f in (c.name, *c.aliases))
        self.regex = _office_regex(lexicon, adj, cty) if lexicon.offices else None
        # a title's lead: "their newly-elected " and an adjective, with room for spaces
        self.lead = 60 + 2 * max(map(len, forms), default=0)
        self.office = (memo.regex(rf"(?<![\w-])(?:{'|'.join(o.pattern for o in lexicon.offices)})",
                                  re.IGNORECASE) if lexicon.offices else None)
        self.envoy = _envoy_regex(adj, cty) if lexicon.countries else None
        self.plural = (memo.regex(rf"(?<![\w-])(?:{adjectives})(?:\s*(?:,|and)\s*(?:{adjectives}))+"
                                  rf"(?=\s+{_PLURAL_ROLES}\b)", re.IGNORECASE)
                       if adjectives else None)
        self.adjective = memo.regex(rf"(?<![\w-])(?:{adjectives})(?![\w-])", re.IGNORECASE)
        self.capital = (memo.regex(rf"(?<![\w-])the\s+({adjectives})\s+capital(?![\w-])",
                                   re.IGNORECASE) if adjectives else None)

    def envoys(self, text: str, taken: Sequence[tuple[int, int]]) -> list[Holder]:
        """"the Ambassador of Japan to Kyrgyzstan", "the Turkish delegation", "the Speaker
        of the Turkish parliament": titles the lexicon keeps no holders for, which stand
        for their country (the first one named, not the host's)."""
        if self.envoy is None or not may_hold(text, _ENVOY_WORDS):  # most sentences: no scan
            return []
        return [_stands_for(m.start(), m.end(), country) for m in self.envoy.finditer(text)
                if _free(m.start(), m.end(), taken)
                and (country := self.lexicon.country_named(
                    m.group("adj") or m.group("cty") or m.group("body") or ""))]

    def plural_holders(self, text: str, taken: Sequence[tuple[int, int]]) -> list[Holder]:
        """"the Uzbek and Kazakh presidents": each adjective stands for its country."""
        if self.plural is None or not may_hold(text, _PLURAL_WORDS):
            return []
        return [_stands_for(a.start(), a.end(), country) for m in self.plural.finditer(text)
                for a in self.adjective.finditer(text, m.start(), m.end())
                if _free(a.start(), a.end(), taken)
                and (country := self.lexicon.country_named(a.group()))]

    def capitals(self, text: str, taken: Sequence[tuple[int, int]]) -> list[Holder]:
        """"the Kyrgyz capital": a place named by its country, which stands for it."""
        if self.capital is None or not may_hold(text, ("capital",)):
            return []
        return [_stands_for(m.start(), m.end(), country) for m in self.capital.finditer(text)
                if _free(m.start(), m.end(), taken)
                and (country := self.lexicon.country_named(m.group(1)))]

    def titles(self, text: str, taken: Sequence[tuple[int, int]], home: str | None,
               day: dt.date | None) -> list[Holder]:
        """Bare titles outside the spans `taken`: the person who held the office, else,
        for a title that names its country, the country."""
        out = []
        for m in self.spans(text):
            if not (m.group("det") or m.group("adj") or m.group("cty")):
                continue
            if not _free(m.start(), m.end(), taken):
                continue
            office = self.lexicon.offices[next(
                int(k[1:]) for k, v in m.groupdict().items() if k[0] == "o" and v)].name
            written = m.group("adj") or m.group("cty")
            found = self.lexicon.lookup(written) if written else None
            country = found[1] if found else home
            rank = _RANK_BEFORE.search(text, 0, m.start())
            holder = (self.lexicon.holder(office, country, day)
                      if country and rank is None else None)
            if holder is not None:
                out.append(Holder(m.start(), m.end(), PERSON, holder.name, holder.country))
            elif written and (named := self.lexicon.country_named(written)):
                start = _phrase_start(text, rank.start() if rank else m.start())
                out.append(_stands_for(start, m.end(), named))
        return out

    def spans(self, text: str) -> Iterator[re.Match[str]]:
        """The title regex's matches. They begin at most `lead` characters before an
        office word, so the scan starts there: the long optional lead (article, adjective
        of any country) is not tried at every character of a sentence."""
        first = self.office.search(text) if self.office else None
        if first is None or self.regex is None:
            return iter(())
        return self.regex.finditer(text, max(0, first.start() - self.lead))

    def counterparts(self, text: str, taken: Sequence[tuple[int, int]],
                     people: Sequence[tuple[int, str]], day: dt.date | None) -> list[Holder]:
        """"his Russian counterpart": who held, in that country, the office that the
        person named before (`people`: their starts and names) held on the article's day;
        when the lexicon cannot say, the country."""
        out: list[Holder] = []
        if not may_hold(text, ("counterpart", "colleague")):
            return out
        for m in _COUNTERPART.finditer(text):
            if not _free(m.start(), m.end(), taken):
                continue
            found = self.lexicon.lookup(m.group(1))
            before = [name for start, name in people if start < m.start()]
            office = self.lexicon.office_of_person(before[-1], day) if before else None
            if not found or found[0] not in (COUNTRY, ADJECTIVE):
                continue
            holder = self.lexicon.holder(office, found[1], day) if office else None
            if holder is not None:
                out.append(Holder(m.start(), m.end(), PERSON, holder.name, holder.country))
            else:  # an unnamed office-holder stands as his country
                out.append(_stands_for(m.start(), m.end(), found[1]))
        return out


def _free(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    """Does start..end overlap none of the spans other mentions have taken?"""
    return not any(s < end and start < e for s, e in taken)


def _stands_for(start: int, end: int, country: str) -> Holder:
    return Holder(start, end, COUNTRY, country, country)


def _phrase_start(text: str, start: int) -> int:
    """Take in the article before a deputy's title ("the Deputy Minister")."""
    article = re.search(r"(?<![\w-])(?:the|The|his|her)\s+$", text[:start])
    return article.start() if article else start


def _office_regex(lexicon: Lexicon, adj: str, cty: str) -> re.Pattern[str]:
    offices = "|".join(f"(?P<o{i}>{o.pattern})" for i, o in enumerate(lexicon.offices))
    return memo.regex(
        rf"(?<![\w-])(?:(?P<det>the|his|her|its|their)\s+(?:(?:new|newly[\s-]elected|incoming|"
        rf"current|incumbent|present)\s+)?)?(?:(?P<adj>{adj})\s+)?"
        rf"(?:{offices})(?:\s+of\s+(?:the\s+)?(?P<cty>{cty}))?(?![\w-])", re.IGNORECASE)


_PLURAL_ROLES = (r"(?:presidents|leaders|heads\s+of\s+state|foreign\s+ministers|prime\s+ministers|"
                 r"ministers|premiers|delegations|sides|counterparts)")
# Words of which the long alternations below need one: most sentences skip them.
_PLURAL_WORDS = ("presidents", "leaders", "heads", "ministers", "premiers", "delegations",
                 "sides", "counterparts")
_ENVOY_WORDS = ("ambassador", "envoy", "consul", "charg", "minister", "speaker", "delegation")
_ENVOY = (r"(?:ambassador(?:\s+extraordinary\s+and\s+plenipotentiary)?|envoy"
          r"|consul(?:[\s-]general)?|charg[ée]\s+d[’']affaires"
          r"|(?:deputy\s+)?(?:foreign\s+|defen[cs]e\s+|economy\s+)?minister|speaker|delegation"
          r"|parliamentary\s+delegation|government\s+delegation)")


def _envoy_regex(adj: str, cty: str) -> re.Pattern[str]:
    return memo.regex(
        rf"(?<![\w-])(?:the|a|an)\s+(?:(?P<adj>{adj})\s+)?(?:(?:first|deputy|vice|acting|"
        rf"special|new|newly\s+appointed)\s+)*{_ENVOY}(?:\s+of\s+(?:the\s+)?(?:(?P<cty>{cty})|"
        rf"(?P<body>{adj})\s+(?:parliament|senate|government|cabinet|national\s+assembly)))?"
        rf"(?:\s+(?:to|in)\s+(?:the\s+)?(?:{cty}))?(?![\w-])", re.IGNORECASE)
