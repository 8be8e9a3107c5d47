"""Where the sentences of a text end, for the tense cues and the anchored expressions."""

from __future__ import annotations

import attrs


@attrs.frozen
class Sentences:
    """Where a sentence ends: at a newline, or at a full stop before a space unless the full
    stop closes an abbreviation ("p.m.", "U.S.", "Jan.", "Mr."): a word of the
    `abbreviation` vocabulary, a word with a full stop inside, or a single letter."""

    abbreviations: frozenset[str]

    def ends_at(self, text: str, dot: int) -> bool:
        """Whether the full stop at `dot` ends a sentence."""
        word = text[max(text.rfind(" ", max(dot - 12, 0), dot) + 1, dot - 12, 0):dot]
        word = word.lstrip("(\"'‘“").lower()
        return not ("." in word or len(word) == 1 or word in self.abbreviations)

    def start(self, text: str, position: int, reach: int) -> int:
        """Where the sentence holding `position` starts, at most `reach` characters back."""
        floor = max(position - reach, 0)
        newline = text.rfind("\n", floor, position)
        dot = text.rfind(". ", floor, position)
        while dot > newline and not self.ends_at(text, dot):
            dot = text.rfind(". ", floor, dot)
        return max(dot, newline, floor)

    def end(self, text: str, position: int, reach: int) -> int:
        """Where the sentence holding `position` ends, at most `reach` characters on."""
        ceiling = min(position + reach, len(text))
        newline = text.find("\n", position, ceiling)
        ceiling = ceiling if newline < 0 else newline
        dot = text.find(". ", position, ceiling)
        while dot >= 0 and not self.ends_at(text, dot):
            dot = text.find(". ", dot + 1, ceiling)
        return ceiling if dot < 0 else dot

    def between(self, text: str, start: int, end: int) -> bool:
        """Whether a sentence ends between `start` and `end`."""
        return self.end(text, start, end - start) < end
