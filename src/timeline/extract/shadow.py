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


def shadow(sentence: Sentence, mentions: tuple[Mention, ...],
           times: tuple[tuple[int, int], ...] = ()) -> Shadow:
    """The shadow of `sentence`, given its mentions in order of their start: each
    mention, and each time expression that overlaps none, is one placeholder, so a rule
    steps over "on Thursday" as it steps over a name."""
    spans = [(m.start, m.end, f"{CODE[m.kind]}{i}") for i, m in enumerate(mentions)]
    spans += [(t0, t1, f"T{i}") for i, (t0, t1) in enumerate(times)
              if not any(m.start < t1 and t0 < m.end for m in mentions)]
    parts, pieces, at, pos = [], [], sentence.start, 0
    for start, end, code in sorted(spans):
        if start < at:
            continue
        plain = sentence.text[at - sentence.start:start - sentence.start]
        parts.append(plain)
        pieces.append((pos, pos + len(plain), at, start))
        pos += len(plain)
        token = f"{OPEN}{code}{CLOSE}" + ("’s" if _possessive(code, mentions) else "")
        parts.append(token)
        pieces.append((pos, pos + len(token), start, end))
        pos, at = pos + len(token), end
    rest = sentence.text[at - sentence.start:]
    parts.append(rest)
    pieces.append((pos, pos + len(rest), at, sentence.end))
    return Shadow("".join(parts), sentence, mentions, tuple(pieces))



def _possessive(code: str, mentions: tuple[Mention, ...]) -> bool:
    """A mention of "my" or "your" reads "X’s", so "{person}’s visit" takes "my visit"."""
    return code[0] != "T" and mentions[int(code[1:])].possessive
