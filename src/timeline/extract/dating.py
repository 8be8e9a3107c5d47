"""Dating: an event's date and status, and dates settled across the article.

A reading's date is the time expression that governs its words ("explicit"), unless the
expression dates something else (an occasion, another clause, an aside, a quotation);
else "Earlier," (the article's month, "relative"); else, for a speaker's undated past or
a past recalled ("I remember your visit"), nothing ("quoted", "recalled"); else the
article's date ("pubdate"; "none" without one). Never the clock. Once the whole article
is read, an event dated only by the article's date takes the date the article gives it
elsewhere (`settle_dates`): the same event named again ("coreference", which also
refines an "Earlier," month to the day the article gives that event), an event of its
sentence ("sentence"), the sentence it continues or, for a planned event, the future
moment the sentence before names ("continuation"), or the event told before that a
sentence opening puts it inside ("On the sidelines, ...": "anchored"); failing all of
these, a planned event takes the one later year that every moment ahead in the article
falls in ("ahead"), and a held event the day of the article's lead when the lead dates
the story a few days before the article ("story").
"""

from __future__ import annotations

import re

import attrs

from timeline import dates
from timeline.extract.article import Article
from timeline.extract.readings import Reading
from timeline.extract.sentences import Sentence
from timeline.extract.shadow import Shadow
from timeline.lexicon import Lexicon
from timeline.model import HELD, PLANNED, DateValue, Observation, Participant, Precision


class Dating:
    """Dates and statuses of readings, with the engine's cues and the lexicon's occasions."""

    def __init__(self, engine: dict[str, re.Pattern[str]], lexicon: Lexicon) -> None:
        self.engine = engine
        self.lexicon = lexicon

    def date(self, article: Article, view: Shadow, reading: Reading,
             inside_only: bool = False) -> tuple[DateValue | None, str]:
        """The time expression that governs the trigger, else a relative cue, else the
        article's date."""
        expr = self._governing(article, view.sentence, reading, inside_only)
        if expr is not None:
            return expr.date, "explicit"
        dct = article.dct
        before = article.document.text[view.sentence.start:reading.start]
        future = self.engine["planned_cue"].search(view.sentence.text)
        if dct is not None and self.engine["earlier_cue"].search(before) and not future:
            return DateValue.month(dct.earliest.year, dct.earliest.month), "relative"
        if _quoted(article.document.text, view.sentence, reading.start) and self.engine[
                "past_cue"].search(reading.match.group()):
            return None, "quoted"  # a speaker's past, undated: not the day of the article
        if _RECALLED_OBJECT.search(before):  # "I remember your visit": a past left undated
            return None, "recalled"
        return (dct, "pubdate") if dct is not None else (None, "none")

    def _governing(self, article: Article, sentence: Sentence, reading: Reading,
                   inside_only: bool) -> dates.TimeExpr | None:
        start, end, own = reading.start, reading.end, _OWN_NOUNS.get(reading.rule.rule.type)
        text, plans = article.document.text, self._plans(sentence, reading)
        found = [t for t in article.timexes
                 if sentence.start <= t.start and t.end <= sentence.end and t.date is not None
                 and t.type in ("DATE", "TIME") and t.start >= article.article_date.end
                 and self._may_govern(text, sentence, start, end, t, own)
                 and not (plans and _when_spoken_of(text, t, start, article.dct))]
        inside = [t for t in found if start <= t.start and t.end <= end]
        if inside or inside_only:
            return inside[0] if inside else None
        nearest = min(found, key=lambda t: max(t.start - end, start - t.end), default=None)
        finer = [t for t in found if nearest is not None and t.start >= nearest.end
                 and re.fullmatch(r"[\s,(–—-]*(?:on|in|from)?\s*", text[nearest.end:t.start])
                 and _PRECISION.index(t.date.precision)  # type: ignore[union-attr]
                 < _PRECISION.index(nearest.date.precision)]  # type: ignore[union-attr]
        return finer[0] if finer else nearest  # "next week, on March 11-12": the day

    def _may_govern(self, text: str, sentence: Sentence, start: int, end: int,
                    t: dates.TimeExpr, own: re.Pattern[str] | None = None) -> bool:
        """Can the date `t` be the date of the words start..end? Not when it dates
        something else: after "since", an occasion, another clause, an aside inside the
        match ("Putin, who arrived on Wednesday, held talks"), or a quotation the words
        stand outside of."""
        if self.engine["date_guard"].search(text[sentence.start:t.start]):
            return False
        if self._names_an_occasion(t.text):
            return False
        between = text[min(end, t.end):max(start, t.start)]
        if _other_clause(between) or _other_event(between, own):
            return False
        if t.start >= end and _RECALLED.search(between):  # "the telegram recalled ... in July"
            return False
        if not start <= t.start < end and _dates_the_noun_after(text, t, own):
            return False
        if start <= t.start and t.end <= end and _in_aside(text[start:t.start], text[t.end:end]):
            return False
        return _quoted(text, sentence, start) or not _quoted(text, sentence, t.start)

    def _plans(self, sentence: Sentence, reading: Reading) -> bool:
        """Does the sentence tell the reading as a plan (see `status`)?"""
        return reading.rule.rule.status == PLANNED or (
            reading.rule.rule.status == "auto"
            and bool(self.engine["planned_cue"].search(sentence.text))
            and not self.engine["past_cue"].search(reading.match.group()))

    def _names_an_occasion(self, text: str) -> bool:
        """"Victory Day", "the 30th anniversary of independence": the date of what is
        celebrated, not of the event that celebrates it."""
        return "anniversary" in text.lower() or any(
            a.lower() in text.lower() for c in self.lexicon.commemorations
            for a in (c.name, *c.aliases) if len(a) > 4)

    def status(self, article: Article, view: Shadow, reading: Reading,
               date: DateValue | None) -> str:
        """The rule's status, else "planned" for a date after the article's or a future
        cue the matched words do not contradict, else "held"."""
        rule = reading.rule.rule
        if rule.status != "auto":
            return rule.status
        dct = article.dct
        if date is not None and dct is not None and date.earliest > dct.latest:
            return PLANNED
        return PLANNED if self._plans(view.sentence, reading) else HELD




def _quoted(text: str, sentence: Sentence, at: int) -> bool:
    """Is offset `at` inside a quotation opened in its paragraph?"""
    start = text.rfind("\n", 0, sentence.start) + 1
    before = text[start:at]
    opened = before.count("“") + before.count("«") - before.count("”") - before.count("»")
    return opened > 0 or before.count('"') % 2 == 1


# An event noun between a trigger and a date takes the date: "his trip was meant to prepare
# the session scheduled for March 1" dates the session, not the trip.
# ... unless it names an event of the reading's own type ("arrived in Minsk on a working
# visit the day before").
_OWN_NOUNS = {"visit": re.compile(r"visit|trip", re.IGNORECASE),
              "meeting": re.compile(r"session|sitting|summit|meeting|talks|negotiations",
                                    re.IGNORECASE)}
_OTHER_EVENT = re.compile(r"\b(?:session|sitting|summit|meeting|talks|negotiations|visit|trip|"
                          r"forum|conference|ceremony|elections?|congress|festival|games|"
                          # taking office: "congratulated him on being elected on 4 December"
                          r"vote|polls|victory|inauguration|appointment|(?:re-)?elected|"
                          r"appointed|inaugurated|sworn\s+in)\b", re.IGNORECASE)


_INSIDE = re.compile(r"\b(?:during|at|amid|in\s+the\s+course\s+of|on\s+the\s+(?:sidelines|margins)"
                     r"\s+of|within(?:\s+the\s+framework\s+of)?)\s+(?:\S+\s+){0,3}$",
                     re.IGNORECASE)
# The reading is what is recalled: a few words after the verb, in the same clause.
_RECALLED_OBJECT = re.compile(r"\b(?:recall(?:s|ed|ing)?|remember(?:s|ed|ing)?|reminded\s+of)"
                              r"(?:\s+(?:with\s+\w+|fondly|warmly|well|vividly))?"
                              r"\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE)
_RECALLED = re.compile(r"\b(?:recall(?:s|ed|ing)?|remember(?:s|ed|ing)?|reminded|looked\s+back)\b",
                       re.IGNORECASE)


def _other_event(between: str, own: re.Pattern[str] | None) -> bool:
    """Does an event other than the reading's stand between it and a date? Not one of
    its own type ("arrived on a working visit the day before"), unless a name gives it
    ("his meeting with A, ... the Central Asia + China Summit in May"), nor one it
    happens inside ("held talks during his visit on 5 May")."""
    return any((own is None or not own.fullmatch(n.group()) or n.group()[0].isupper())
               and not _INSIDE.search(between, 0, n.start())
               for n in _OTHER_EVENT.finditer(between))


# Verbs by which a sentence reports what was said of a plan.
_SPOKEN_OF = re.compile(r"\b(?:discussed|said|agreed|announced|noted|told|stressed|reported|"
                        r"informed|confirmed|decided|considered|reviewed|spoke\s+(?:about|of)|"
                        r"talked\s+about)\b", re.IGNORECASE)


def _when_spoken_of(text: str, t: dates.TimeExpr, start: int, dct: DateValue | None) -> bool:
    """"On Monday, A discussed the session to be held next year": a day up to the
    article's, before the verb that speaks of a plan, is when the plan was spoken of."""
    return (dct is not None and t.end <= start and t.date is not None
            and t.date.latest <= dct.latest and bool(_SPOKEN_OF.search(text, t.end, start)))


# A date that modifies the noun after it: "the December 4 presidential election",
# "Sunday's vote", "the 2019 summit".
_DETERMINER = re.compile(r"\b(?:the|a|an|its|his|her|their|this|that|last|next)\s+$",
                         re.IGNORECASE)
_NOUN_AFTER = re.compile(r"(?:['’]s)?\s+(?:(?!(?:of|on|in|at|to|for|with|and|by)\b)[a-z][\w-]*\s+)"
                         r"{0,2}?(?P<noun>" + _OTHER_EVENT.pattern + ")", re.IGNORECASE)


def _dates_the_noun_after(text: str, t: dates.TimeExpr, own: re.Pattern[str] | None) -> bool:
    """Is `t` the attribute of another event named right after it ("his win in the
    December 4 election")? Then it dates that event."""
    after = _NOUN_AFTER.match(text, t.end)
    if after is None or not (_DETERMINER.search(text, max(0, t.start - 8), t.start)
                             or after.group().startswith(("'s", "’s"))):
        return False
    return _other_event(after.group("noun"), own)


def _other_clause(between: str) -> bool:
    """Do the words between a trigger and a date start another clause ("..., his first
    since the November 20 election")? "the summit, which opens on 7 June" dates the
    summit itself."""
    return bool(re.search(r"[,;–—]\s*(?:his|her|their|its|which|who|where|when|since|after|"
                          r"before|while|whereas|and then)\b", between)) and not re.fullmatch(
        r"[^,;–—]*,\s*which\s+(?:will\s+|is\s+to\s+|is\s+due\s+to\s+)?(?:be\s+held|is\s+held|"
        r"was\s+held|opens?|opened|takes?\s+place|took\s+place|is\s+scheduled|was\s+scheduled|"
        r"starts?|started|begins?|began)\b[^,;–—]*", between)


def _in_aside(before: str, after: str) -> bool:
    """Is a date inside a relative clause set off by commas within the match ("Putin, who
    arrived on Wednesday, held talks")? It dates the aside, not the event."""
    opened = re.search(r",\s*(?:who|which|whose|where)\b[^,]*$", before)
    return bool(opened) and "," in after



# -- dates settled across the article -----------------------------------------------------------

_PRECISION = list(Precision)  # finest first
_STRONG = ("explicit", "relative", "coreference", "sentence", "continuation", "anchored")
_GIVEN = ("explicit", "relative", "continuation")  # dates the event's own words gave it


Donors = dict[tuple[int, int, str, tuple[str, ...]], str]  # an observation -> whence its date


def settle_dates(observations: list[Observation], article: Article,
                 engine: dict[str, re.Pattern[str]]) -> tuple[list[Observation], Donors]:
    """Give an event dated only by the article's date the date the article gives it
    elsewhere: the same event named again ("his visit to Moscow"), an event of the same
    sentence ("during the visit ..., a meeting"), the sentence this one continues, the
    event an opening puts it inside ("On the sidelines, ..."), for a plan the one year
    ahead the article names, else (held events) the lead's day.
    Also says, for `timeline explain`, where each date so given comes from (the words of
    the event it was taken from, "[52-101]", or the sentence that names the moment)."""
    where = {id(o): article.sentence_at(o.source.start) or 0 for o in observations}
    out = list(observations)
    donors: Donors = {}
    ahead = _year_ahead(article)
    for _ in range(2):
        for i, obs in enumerate(out):
            if obs.date_basis == "relative" and (told := _told_exactly(obs, out, article)):
                out[i] = attrs.evolve(obs, date=told.date, date_basis="coreference")
                donors[donor_key(obs)] = _span(told)
            if obs.date_basis not in ("pubdate", "quoted"):
                continue
            index = where[id(observations[i])]
            donor = _donor(obs, index, out, observations, where, article, engine)
            if donor is not None:
                out[i] = attrs.evolve(obs, date=donor[0].date, date_basis=donor[1])
                donors[donor_key(obs)] = _span(donor[0])
            elif (moment := _planned_moment(obs, index, article, engine)) is not None:
                out[i] = attrs.evolve(obs, date=moment, date_basis="continuation")
                donors[donor_key(obs)] = f"sentence {index}"
            elif obs.status == PLANNED and ahead is not None:
                out[i] = attrs.evolve(obs, date=ahead, date_basis="ahead")
    lead = _lead_event(out, where, observations, article)
    for i, obs in enumerate(out):
        if lead is not None and _on_the_story_day(obs, lead, article):
            out[i] = attrs.evolve(obs, date=lead.date, date_basis="story")
            donors[donor_key(obs)] = _span(lead)
    return out, donors


def _on_the_story_day(obs: Observation, lead: Observation, article: Article) -> bool:
    """A held event the article leaves undated, not placed elsewhere than the lead, with
    no other day named between the lead and it ("On 5 May he addressed the forum. On its
    sidelines, ..." is no longer the lead's day)."""
    if obs.date_basis != "pubdate" or obs.status != HELD:
        return False
    if obs.place is not None and lead.place is not None and obs.place != lead.place:
        return False
    return not any(lead.source.end <= t.start < obs.source.start and t.date is not None
                   and t.date.precision is Precision.DAY and t.date != lead.date
                   for t in article.timexes)


STORY_REACH = 7  # days: a lead event this much before the article's date is its story's day


def _lead_event(current: list[Observation], where: dict[int, int],
                original: list[Observation], article: Article) -> Observation | None:
    """"The minister was in Riga on 3 March, holding talks ..." in an article of 5 March:
    the story's day is the lead's own day, a few days before the article's; the held
    events the article leaves undated happened on it (unless it places them elsewhere)."""
    dct = article.dct
    lead = next((o for o, orig in zip(current, original, strict=True)
                 if where[id(orig)] <= 1 and o.date_basis == "explicit"), None)
    if lead is None or lead.date is None or dct is None or lead.status != HELD:
        return None
    if lead.date.precision is not Precision.DAY:
        return None
    gap = (dct.earliest - lead.date.earliest).days
    return lead if 0 < gap <= STORY_REACH else None


def donor_key(obs: Observation) -> tuple[int, int, str, tuple[str, ...]]:
    """How `Donors` names an observation."""
    return obs.source.start, obs.source.end, obs.source.rule, obs.names


def _told_of_the_same(a: Observation, b: Observation) -> bool:
    """Do two observations tell the same event (type and participants)?"""
    return a.type == b.type and set(a.names) == set(b.names)


def _span(obs: Observation) -> str:
    return f"[{obs.source.start}-{obs.source.end}]"


def _donor(obs: Observation, index: int, current: list[Observation],
           original: list[Observation], where: dict[int, int], article: Article,
           engine: dict[str, re.Pattern[str]]) -> tuple[Observation, str] | None:
    """The observation whose date `obs` takes, and the basis that gives it, if any."""
    strong = [(o, where[id(orig)]) for o, orig in zip(current, original, strict=True)
              if o.date_basis in _STRONG and o.date is not None]
    # The same event named again takes a date the text gave it, not one it took in turn
    # from a neighbour.
    named = [o for o, _ in strong if o.date_basis in _GIVEN and _told_of_the_same(o, obs)]
    for other in named:  # the same place first; an event with no place, any of them
        if other.place == obs.place:
            return other, "coreference"
    for other in named if obs.place is None else ():
        return other, "coreference"
    for other, at in strong:  # "During the visit on 5 May, A met B": the event before
        if (at == index and other.type != obs.type and other.date_basis != "anniversary"
                and other.source.start <= obs.source.start):
            return other, "sentence"
    sentence = article.sentences[index]
    if index > 0 and engine["anchor_cue"].match(sentence.text):
        return _anchor(obs, index, strong, article)
    if index == 0 or obs.status != HELD:
        return None
    previous = article.sentences[index - 1]
    if previous.paragraph == sentence.paragraph or engine["continuation_cue"].match(
            sentence.text):
        dct = article.dct
        for other, at in strong:
            if (at == index - 1 and other.date_basis in ("explicit", "relative")
                    and (dct is None or other.date.latest <= dct.latest)):  # type: ignore[union-attr]
                return other, "continuation"
    return None


def _told_exactly(obs: Observation, observations: list[Observation],
                  article: Article) -> Observation | None:
    """"On 14 March A received B. ... Earlier, at his meeting with B, A ...": an event
    dated only "earlier" (the article's month) that the article dates exactly elsewhere,
    before its own day, is that event."""
    dct = article.dct
    return next((o for o in observations if o is not obs and o.date_basis == "explicit"
                 and _told_of_the_same(o, obs) and o.date is not None and dct is not None
                 and o.date.latest <= dct.latest), None)


def _planned_moment(obs: Observation, index: int, article: Article,
                    engine: dict[str, re.Pattern[str]]) -> DateValue | None:
    """"In 2021 Tajikistan will chair the CSTO. Its summit will be held in Dushanbe.": a
    planned event with no date of its own is at the future moment the sentence before
    it (same paragraph) names."""
    dct = article.dct
    if obs.status != PLANNED or index == 0 or dct is None:
        return None
    sentence, previous = article.sentences[index], article.sentences[index - 1]
    if previous.paragraph != sentence.paragraph and not engine["continuation_cue"].match(
            sentence.text):
        return None
    ahead = [t.date for t in article.timexes
             if previous.start <= t.start and t.end <= previous.end and t.date is not None
             and t.type == "DATE" and t.date.earliest > dct.latest]
    return ahead[-1] if ahead else None


def _year_ahead(article: Article) -> DateValue | None:
    """"Tajikistan chairs the CSTO in 2021. ... The council's session will be held in
    Dushanbe.": when every moment ahead that the article names falls in one later year,
    its undated plans are set in that year (not on the article's day)."""
    dct = article.dct
    if dct is None:
        return None
    ahead = [t.date for t in article.timexes
             if t.type == "DATE" and t.date is not None and t.date.latest > dct.latest]
    # A span that runs from now on ("till the end of the year") sets plans in its years too.
    years = {y for d in ahead for y in (max(d.earliest, dct.latest).year, d.latest.year)}
    if len(years) != 1 or (year := years.pop()) <= dct.latest.year:
        return None
    return DateValue.year(year)


def _anchor(obs: Observation, index: int, strong: list[tuple[Observation, int]],
            article: Article) -> tuple[Observation, str] | None:
    """"On the sidelines, A met B": the latest event told before this sentence, of the
    same status, with a date of its own (held events no later than the article)."""
    dct = article.dct
    earlier = [(o, at) for o, at in strong if at < index and o.status == obs.status
               and (obs.status != HELD or dct is None
                    or o.date.latest <= dct.latest)]  # type: ignore[union-attr]
    if not earlier:
        return None
    latest = max(earlier, key=lambda item: (item[1], item[0].source.start))
    return latest[0], "anchored"


@attrs.frozen
class Dated:
    """A reading's date: with, for an anniversary, the parties it reports (None: the
    bound roles), the event it commemorates, its ordinal, and where its words end."""

    parties: tuple[Participant, ...] | None
    date: DateValue | None
    basis: str
    commemorates: str | None
    ordinal: int | None
    end: int
