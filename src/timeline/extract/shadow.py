"""The shadow sentence: a sentence with each mention replaced by a placeholder, and the
way back from a shadow offset to the document's.

Rules are regular expressions over this text, so `{person:visitor}` matches one
placeholder however long the name and title it stands for.
"""

from __future__ import annotations

import attrs

from timeline.extract.mentions import Mention
from timeline.extract.placeholders import CLOSE, CODE, OPEN, SLOT
from timeline.extract.sentences import Sentence


@attrs.frozen
class Shadow:
    """A sentence with each mention replaced by a placeholder, and the way back."""

    text: str
    sentence: Sentence
    mentions: tuple[Mention, ...]
    pieces: tuple[tuple[int, int, int, int], ...]  # shadow start, end -> document start, end

    def to_document(self, index: int) -> int:
        """The document offset of a shadow offset (a placeholder maps to its mention)."""
        for s0, s1, d0, _ in self.pieces:
            if s0 <= index < s1:
                is_mention = self.text[s0:s0 + 1] == OPEN
                return d0 if is_mention else d0 + (index - s0)
        return self.sentence.end

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.to_document(start), self.to_document(end)

    def mentions_in(self, text: str) -> list[Mention]:
        return [self.mentions[int(m.group(2))] for m in SLOT.finditer(text)]


def shadow(sentence: Sentence, mentions: tuple[Mention, ...]) -> Shadow:
    """The shadow of `sentence`, given its mentions in order of their start."""
    parts, pieces, at, pos = [], [], sentence.start, 0
    for i, m in enumerate(mentions):
        plain = sentence.text[at - sentence.start:m.start - sentence.start]
        parts.append(plain)
        pieces.append((pos, pos + len(plain), at, m.start))
        pos += len(plain)
        token = f"{OPEN}{CODE[m.kind]}{i}{CLOSE}"
        parts.append(token)
        pieces.append((pos, pos + len(token), m.start, m.end))
        pos, at = pos + len(token), m.end
    rest = sentence.text[at - sentence.start:]
    parts.append(rest)
    pieces.append((pos, pos + len(rest), at, sentence.end))
    return Shadow("".join(parts), sentence, mentions, tuple(pieces))

