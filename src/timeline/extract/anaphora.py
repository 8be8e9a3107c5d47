"""Bodies named again: "the council", "the commission" after the body's full name, and
the end of a known body's name ("the Supreme Interstate Council") as that body.

Wire copy names a body in full once ("the Eurasian Intergovernmental Council") and then
by its head noun in lower case ("The council is to meet in an expanded format"). Such a
definite head noun, where no mention stands, becomes a mention of the latest body named
before it whose name has that head word; with no such body it stays a word. A body the
lexicon does not know, named by the end of a body's name given earlier, is that body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from timeline.extract.mentions import Mention
from timeline.extract.sentences import Sentence
from timeline.lexicon import ORGANISATION

_HEAD = re.compile(r"(?<![\w-])(?:the|The)\s+(council|commission|committee|organi[sz]ation|"
                   r"assembly|union|commonwealth)(?![\w-])(?!\s+(?:of|on|for)\b)")


def bodies_named_again(sentences: Sequence[Sentence], mentions: tuple[tuple[Mention, ...], ...]
                       ) -> tuple[tuple[Mention, ...], ...]:
    """Every sentence's mentions, with "the council" as the council named last."""
    seen: list[Mention] = []
    out = []
    for sentence, found in zip(sentences, mentions, strict=True):
        added = []
        for m in _HEAD.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            if any(n.start < end and start < n.end for n in found):
                continue
            body = _latest_with_head(seen, m.group(1))
            if body is not None:
                added.append(attrs.evolve(body, start=start, end=end))
        seen += [n for n in found if n.kind == ORGANISATION]
        out.append(tuple(sorted((*found, *added), key=lambda n: n.start)) if added else found)
    return tuple(out)


def _latest_with_head(bodies: list[Mention], head: str) -> Mention | None:
    stem = head.lower()[:9]  # "organisation" and "organization" alike
    return next((b for b in reversed(bodies) if stem in b.name.lower()), None)


def short_forms(mentions: tuple[tuple[Mention, ...], ...]) -> tuple[tuple[Mention, ...], ...]:
    """An unknown body named by the end of a known body's name earlier in the article
    ("the Supreme Interstate Council" after "the Kazakh-Kyrgyz Supreme Interstate
    Council") is that body."""
    seen: list[Mention] = []
    out = []
    for sentence in mentions:
        fixed = []
        for m in sentence:
            if m.kind == ORGANISATION and not m.known:
                ends = (" " + m.name.lower(), "-" + m.name.lower())
                full = next((k for k in reversed(seen) if k.name.lower().endswith(ends)), None)
                m = attrs.evolve(m, name=full.name, known=full.known) if full else m
            fixed.append(m)
            seen += [m] if m.kind == ORGANISATION else []
        out.append(tuple(fixed))
    return tuple(out)
