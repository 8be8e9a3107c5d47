"""Sentences: the units every rule reads, with their document offsets and paragraphs.

A line break always ends a sentence (an article's lines are its paragraphs); inside a
line, a full stop ends one unless it closes an initial or a common abbreviation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs


@attrs.frozen
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    first: bool  # the first sentence of its paragraph (rules with `paragraph_start`)


_BOUNDARY = re.compile(r"[.!?][\"”»’']?(?=\s+[\"“«]?[A-Z0-9])")
_ABBREVIATIONS = frozenset("""
mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec no gen col lt prof vs
etc inc ltd co u.s u.k h.e
""".split())  # noqa: SIM905 - a word list reads best as words


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences with their document offsets; a line break always ends a sentence."""
    out: list[Sentence] = []
    paragraph = 0
    for line in re.finditer(r"[^\n]+", text):
        if not line.group().strip():
            continue
        first, cut = True, line.start()
        for m in _BOUNDARY.finditer(line.group()):
            end = line.start() + m.end()
            word = re.search(r"([\w.]+)[.!?][\"”»’']?$", text[cut:end])
            if word and ((len(word.group(1)) == 1 and word.group(1).isalpha())
                         or word.group(1).lower() in _ABBREVIATIONS):
                continue  # an initial ("N. Nazarbayev", not "May 9.") or an abbreviation
            out.extend(_trimmed(text, cut, end, len(out), paragraph, first))
            first, cut = False, end
        out.extend(_trimmed(text, cut, line.end(), len(out), paragraph, first))
        paragraph += 1
    return tuple(out)


def _trimmed(text: str, start: int, end: int, index: int, paragraph: int,
             first: bool) -> Iterator[Sentence]:
    """The sentence of text[start:end] without its surrounding spaces; none if blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield Sentence(index, start, end, text[start:end], paragraph, first)

