"""The words a pattern cannot match without, to skip its regex where none of them occurs.

An event rule's regular expression runs over every sentence; most sentences lack the verb
or noun every match of it must contain ("sent", "visit", "talks"). `required_words` reads
the parsed pattern for such words: a run of literal characters in its main sequence, or
one in each branch of an alternation there, or inside a group or repeat that must match
at least once. A sentence that contains none of them (compared case-folded, so a rule's
case-insensitive parts are covered too) cannot match, and the regex is not run on it.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable
from typing import Any

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
Words = frozenset[str]


def required_words(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Case-folded words one of which every match of `pattern` contains; None when the
    pattern has no such set (then the regex always runs)."""
    found = _sequence(sre_parse.parse(pattern, flags).data)
    return tuple(sorted(found)) if found else None


def _sequence(items: Any) -> Words | None:
    """The most selective word set among the parts a sequence must match."""
    candidates: list[Words] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # a sentinel ends the last run of literals
        if op == sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset({"".join(run).casefold()}))
            run = []
        if op is not None and (found := _part(op, av)) is not None:
            candidates.append(found)
    return max(candidates, key=_selectivity, default=None)


def _part(op: Any, av: Any) -> Words | None:
    if op == sre.SUBPATTERN:
        return _sequence(av[-1].data)
    if op == sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(av[2].data)
    if op == sre.BRANCH:
        branches = [_sequence(branch.data) for branch in av[1]]
        if any(b is None for b in branches):
            return None  # a branch without a required word: no word is required
        return frozenset().union(*branches)  # type: ignore[arg-type]
    return None


def _selectivity(words: Words) -> tuple[int, int]:
    """Longer shortest word first (a rarer match), then fewer words."""
    return min(len(w) for w in words), -len(words)


class WordIndex:
    """Which of many rules' required words a sentence holds, found in one pass.

    One regular expression looks for every word at every position; a word found there
    also stands for the words it contains ("meeting" holds "meet"), so the set is the
    one `word in sentence` would give for each word, at the cost of one search.
    """

    def __init__(self, word_sets: Iterable[tuple[str, ...] | None]) -> None:
        sets = list(word_sets)
        words = sorted({w for ws in sets if ws for w in ws}, key=len, reverse=True)
        # which of the rules (by position) each word lets run; rules without words always run
        self._always = tuple(i for i, ws in enumerate(sets) if not ws)
        self._runs: dict[str, tuple[int, ...]] = {
            w: tuple(i for i, ws in enumerate(sets) if ws and w in ws) for w in words}
        self._within = {w: frozenset(v for v in words if v in w) for w in words}
        self._regex = (re.compile("(?=(" + "|".join(re.escape(w) for w in words) + "))")
                       if words else None)

    def present(self, folded: str) -> frozenset[str]:
        """The words found in the case-folded text."""
        if self._regex is None:
            return frozenset()
        found: set[str] = set()
        for m in self._regex.finditer(folded):
            found |= self._within[m.group(1)]
        return frozenset(found)

    def allowed(self, folded: str) -> list[int]:
        """The positions, in order, of the rules whose required words the text holds."""
        allowed = set(self._always)
        for word in self.present(folded):
            allowed.update(self._runs[word])
        return sorted(allowed)
