"""Quoted speech: who "I" and "you" are inside a quotation.

A quotation's speaker is the person its attribution names ("…,” Rahmon said" after it,
"X writes:" or "X said, “…" before it); its addressee is the person the attribution sends
it to ("In his message to the Tajik President, X writes:"), else the recipient of the
article's round-up of messages, else the latest other person named before it. Inside the
quotation "I", "me", "my" become mentions of the speaker and "you", "your" mentions of
the addressee, so the rules read "you and I had a meeting" as "A and B had a meeting" and
"my state visit" as "A's state visit". "We" and "our" stay unresolved: they may be the
speaker's country, the two parties or everyone present.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import attrs

from timeline.extract.mentions import Mention
from timeline.extract.sentences import Sentence
from timeline.lexicon import PERSON

_OPENING, _CLOSING = "“«", "”»"
_MARK = re.compile(r'[“”«»"]')
_SPEECH_VERB = (r"(?:said|says|say|writes|wrote|noted|notes|stressed|stresses|added|adds|"
                r"told|tells|recalled|recalls|emphasi[sz]ed|emphasi[sz]es|continued|declared|"
                r"stated|states|remarked|underlined|pointed\s+out|observed|reads|read|"
                r"concluded|assured|believes|addressing|went\s+on)")
# After a closing mark: '," Rahmon said', '," said Rahmon', '," the visiting leader noted'.
_ATTRIBUTION_AFTER = re.compile(rf"[\s,.;:!?—–-]*(?:{_SPEECH_VERB}\s+)?$")
# '," he said', '," the visiting president added': the subject named before the quotation.
_ANAPHOR_AFTER = re.compile(
    rf"[\s,.;:!?—–-]*(?:he|she|(?i:the\s+(?:[\w-]+\s+){{0,2}}?(?:president|leader|minister|"
    rf"head\s+of\s+state|prime\s+minister|premier|guest|host|chairman)))\s+(?:also\s+)?"
    rf"{_SPEECH_VERB}\b")
_INTRO_END = re.compile(r"[:,]\s*$")
_SPEECH = re.compile(rf"\b{_SPEECH_VERB}\b")
_TOLD = re.compile(r"\s+(?:told|assured|reminded|addressing)\s+$")
_TO_SOMEONE = re.compile(r"\b(?:to|told|addressing)\s+$")
_PRONOUN = re.compile(r"(?<![\w’'-])(?:(I|me|[Mm]yself)|([Mm]y)|([Yy]ou|[Yy]ourself)|([Yy]our))"
                      r"(?![\w’'-])")


@attrs.frozen
class Quotation:
    start: int  # the opening mark
    end: int  # just after the closing mark (or the end of the last line it runs to)
    speaker: Mention | None
    addressee: Mention | None


def with_pronouns(text: str, sentences: Sequence[Sentence],
                  mentions: tuple[tuple[Mention, ...], ...],
                  roundup: int | None) -> tuple[tuple[Mention, ...], ...]:
    """Every sentence's mentions, with the first and second persons of the quotations
    it holds added as mentions of the speaker and the addressee (`roundup`: the sentence
    naming the recipient of the messages the article gathers)."""
    people = [m for ms in mentions for m in ms if m.kind == PERSON]
    recipient = (next((m for m in mentions[roundup] if m.kind == PERSON), None)
                 if roundup is not None else None)
    added: list[Mention] = []
    named = [m for ms in mentions for m in ms]
    for q in quotations(text, people, recipient):
        added += [p for p in _pronouns(text, q)
                  if not any(n.start < p.end and p.start < n.end for n in named)]
    if not added:
        return mentions
    out = []
    for s, found in zip(sentences, mentions, strict=True):
        inside = [m for m in added if s.start <= m.start and m.end <= s.end]
        out.append(tuple(sorted((*found, *inside), key=lambda m: m.start)) if inside
                   else found)
    return tuple(out)


def quotations(text: str, people: Sequence[Mention],
               recipient: Mention | None = None) -> Iterator[Quotation]:
    """The article's quotations with their speakers and addressees."""
    previous: Quotation | None = None
    for start, end in _spans(text):
        if previous is not None and _resumes(text, previous, start):
            previous = attrs.evolve(previous, start=start, end=end)  # '…,” X said. “…'
            yield previous
            continue
        outside = [p for p in people if not start <= p.start < end]
        speaker = (_speaker_after(text, end, outside) or _speaker_before(text, start, outside)
                   or _speaker_anaphor(text, start, end, outside))
        addressee = (_addressee_named(text, start, outside, speaker)
                     or _told_after(text, end, outside, speaker) or recipient
                     or _latest_other(start, outside, speaker))
        if addressee is not None and speaker is not None and addressee.name == speaker.name:
            addressee = None
        previous = Quotation(start, end, speaker, addressee)
        yield previous


def _resumes(text: str, previous: Quotation, start: int) -> bool:
    """A quotation that goes on after its attribution, in the same paragraph."""
    between = text[previous.end:start]
    return previous.speaker is not None and "\n" not in between and len(between) <= 60


def _spans(text: str) -> Iterator[tuple[int, int]]:
    """Quotation spans. A quotation left open at the end of a paragraph goes on if the
    next paragraph opens with a quotation mark (the convention for quoted letters)."""
    opened: int | None = None
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    for i, line in enumerate(lines):
        for mark in _MARK.finditer(text, line.start(), line.end()):
            at = mark.start()
            if opened is None:
                if _opens(text, at):
                    opened = at
            elif opened < line.start() and at == _first_char(text, line.start()):
                continue  # the mark that carries the quotation into this paragraph
            elif _closes(text, at):
                yield opened, at + 1
                opened = None
        if opened is not None and not _goes_on(text, lines[i + 1:i + 2]):
            yield opened, line.end()
            opened = None


def _goes_on(text: str, following: Sequence[re.Match[str]]) -> bool:
    """Whether a quotation open at the end of a paragraph goes on into the next one: that
    paragraph opens with a mark, or the next mark after its start closes a quotation."""
    if not following:
        return False
    at = _first_char(text, following[0].start())
    if _opens(text, at):
        return True
    mark = _MARK.search(text, at)
    return mark is not None and _closes(text, mark.start())


def _first_char(text: str, start: int) -> int:
    while start < len(text) and text[start] in " \t":
        start += 1
    return start


def _opens(text: str, at: int) -> bool:
    if at >= len(text) or text[at] not in _OPENING + '"':
        return False
    if text[at] in _OPENING:
        return True
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _closes(text: str, at: int) -> bool:
    return text[at] in _CLOSING or (text[at] == '"' and not _opens(text, at))


def _speaker_after(text: str, end: int, people: Sequence[Mention]) -> Mention | None:
    """'…,” Rahmon said' / '…,” said Rahmon': the person right after the closing mark."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for p in people:
        if end <= p.start <= min(end + 40, line_end):
            return p if _ATTRIBUTION_AFTER.match(text[end:p.start]) else None
    return None


def _speaker_anaphor(text: str, start: int, end: int, people: Sequence[Mention]
                     ) -> Mention | None:
    """'…,” he said': in the latest line before the quotation that names a person, the
    one who says something there ("the Kazakh president noted"), else its first person."""
    if not _ANAPHOR_AFTER.match(text, end):
        return None
    before = [p for p in people if p.end <= start]
    if not before:
        return None
    line_start = text.rfind("\n", 0, before[-1].start) + 1
    line = [p for p in before if p.start >= line_start]
    verbs = list(_SPEECH.finditer(text, line_start, min(start, line[-1].end + 200)))
    speakers = [p for p in line if verbs and p.end <= verbs[-1].start()]
    return speakers[-1] if speakers else line[0]


def _speaker_before(text: str, start: int, people: Sequence[Mention]) -> Mention | None:
    """'X said: “…' in the same line, or a line 'X writes:' just before the quotation."""
    intro = _intro(text, start)
    if intro is None:
        return None
    lo, hi = intro
    within = [p for p in people if lo <= p.start and p.end <= hi]
    verb = _SPEECH.search(text, lo, hi)
    if verb is not None:
        near = ([p for p in within if p.end <= verb.start()][-1:]
                or [p for p in within if p.start >= verb.end()][:1])
        return near[0] if near else None
    return within[-1] if within else None


def _intro(text: str, start: int) -> tuple[int, int] | None:
    """The words that introduce the quotation at `start`: the rest of its line before it,
    or, when it opens its line, the line before if that line ends with a colon."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return (line_start, start) if _INTRO_END.search(text[line_start:start]) else None
    previous_end = len(text[:line_start].rstrip())
    if previous_end == 0 or text[previous_end - 1] != ":":
        return None
    return text.rfind("\n", 0, previous_end) + 1, previous_end


def _addressee_named(text: str, start: int, people: Sequence[Mention],
                     speaker: Mention | None) -> Mention | None:
    """'In his message to the Tajik President, X writes:': the person after 'to'."""
    intro = _intro(text, start)
    if intro is None:
        return None
    for p in people:
        if (intro[0] <= p.start < intro[1] and p != speaker
                and _TO_SOMEONE.search(text, intro[0], p.start)):
            return p
    return None


def _told_after(text: str, end: int, people: Sequence[Mention], speaker: Mention | None
                ) -> Mention | None:
    """'…,” Aliyev told Japarov': the person the attribution after the quotation tells."""
    if speaker is None or speaker.start < end:
        return None
    return next((p for p in people if p.start > speaker.end and p.start - speaker.end < 30
                 and _TOLD.match(text, speaker.end, p.start)), None)


def _latest_other(start: int, people: Sequence[Mention], speaker: Mention | None
                  ) -> Mention | None:
    others = [p for p in people if p.end <= start
              and (speaker is None or p.name != speaker.name)]
    return others[-1] if others else None


def _pronouns(text: str, q: Quotation) -> Iterator[Mention]:
    for m in _PRONOUN.finditer(text, q.start, q.end):
        first = m.group(1) or m.group(2)
        who = q.speaker if first else q.addressee
        if who is not None:
            yield attrs.evolve(who, start=m.start(), end=m.end(),
                               possessive=bool(m.group(2) or m.group(4)))
