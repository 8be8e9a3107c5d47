"""The words a pattern cannot match without, to skip its regex where none of them occurs.

An event rule's regular expression runs over every sentence; most sentences lack the verb
or noun every match of it must contain ("sent", "visit", "talks"). `required_words` reads
the parsed pattern for such words: a run of literal characters in its main sequence, or
one in each branch of an alternation there, or inside a group or repeat that must match
at least once. Each such part gives a set; a sentence that lacks every word of one of a
rule's sets (compared case-folded, so a rule's case-insensitive parts are covered too)
cannot match, and the regex is not run on it. Several sets count: "arrived ... in" needs
a verb of travel and a preposition, and most sentences have only the preposition.
"""

from __future__ import annotations

import re
import re._compiler as sre_compile  # type: ignore[import-not-found]
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable
from typing import Any

from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
Words = frozenset[str]
MOST_SETS = 3  # a rule is tried where its three most selective sets each have a word


def required_words(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """Sets of case-folded words: every match of `pattern` contains one word of each set,
    the most selective set first; () when the pattern requires no word (it always runs).
    "paid a visit to" gives (("visit",), ("paid",), ("to",))."""
    found = sorted(_sequence(sre_parse.parse(pattern, flags).data), key=_selectivity,
                   reverse=True)
    return tuple(tuple(sorted(words)) for words in found[:MOST_SETS])


def _sequence(items: Any) -> list[Words]:
    """The word sets that the parts of a sequence must each match."""
    required: list[Words] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:  # a sentinel ends the last run of literals
        if op == sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            required.append(frozenset({"".join(run).casefold()}))
            run = []
        if op is not None:
            required += _part(op, av)
    return list(dict.fromkeys(required))


def _part(op: Any, av: Any) -> list[Words]:
    if op == sre.SUBPATTERN:
        return _sequence(av[-1].data)
    if op == sre.ATOMIC_GROUP:
        return _sequence(av.data)
    if op in _REPEATS and av[0] >= 1:
        return _sequence(av[2].data)
    if op == sre.BRANCH:
        # one word of the best set of each branch: their union is required
        branches = [max(_sequence(branch.data), key=_selectivity, default=None)
                    for branch in av[1]]
        if any(b is None for b in branches):
            return []  # a branch without a required word: no word is required
        return [frozenset().union(*branches)]  # type: ignore[arg-type]
    return []


def _selectivity(words: Words) -> tuple[int, int]:
    """Longer shortest word first (a rarer match), then fewer words."""
    return min(len(w) for w in words), -len(words)


class WordIndex:
    """Which of many rules' required words a sentence holds.

    Each word is looked for with `in` (a substring search in C, a fraction of a
    microsecond on a sentence): for the couple of hundred words of the rule files that is
    several times faster than one regular expression that tries every word at every
    position. A rule runs where each of its word sets has a word in the sentence.
    """

    def __init__(self, word_sets: Iterable[tuple[tuple[str, ...], ...]]) -> None:
        self._sets = [tuple(sets) for sets in word_sets]
        # Only the first (most selective) sets are searched in every sentence; the others
        # only for the rules the first let through.
        self._words = tuple(sorted({w for sets in self._sets if sets for w in sets[0]}))
        self._always = tuple(i for i, sets in enumerate(self._sets) if not sets)
        self._runs: dict[str, tuple[int, ...]] = {w: tuple(
            i for i, sets in enumerate(self._sets) if sets and w in sets[0])
            for w in self._words}

    def present(self, folded: str) -> frozenset[str]:
        """The words of the rules' first sets found in the case-folded text."""
        return frozenset(filter(folded.__contains__, self._words))

    def allowed(self, folded: str) -> list[int]:
        """The positions, in order, of the rules whose required words the text holds."""
        considered: set[int] = set()
        for word in self.present(folded):
            considered.update(self._runs[word])
        allowed = [i for i in considered if _each_has_a_word(folded, self._sets[i][1:])]
        return sorted([*allowed, *self._always])


class WordGate:
    """A regular expression's required words, tested before the expression is run, and a
    search of a whole article that tries each branch of the expression only where one of
    its leading words stands."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self._sets = required_words(regex.pattern, regex.flags)
        self._branches = _branches(regex)
        # Letters that a case-insensitive literal matches beyond its lower case ("ſ" for
        # "s"): a text holding one is searched in full.
        self._odd = "".join({chr(v) for k, vs in _EXTRA_CASES.items() for v in vs
                             for _, leads in self._branches
                             if leads and any(chr(k) in w for w in leads)})

    def admits(self, folded: str) -> bool:
        """Can the expression match the case-folded text?"""
        return _each_has_a_word(folded, self._sets)

    def search(self, text: str) -> re.Match[str] | None:
        """`regex.search(text)`: the leftmost position where a branch matches, found branch
        by branch, then the whole expression matched there (so the branch written first
        wins, as in a search). A search of a long alternation at every character of an
        article costs a millisecond; most branches begin with a few words."""
        low = text.lower()
        if len(low) != len(text) or any(ch in low for ch in self._odd):
            return self.regex.search(text)
        best = len(text) + 1
        for branch, leads in self._branches:
            if leads is None:
                found = branch.search(text)
                best = min(best, found.start()) if found else best
                continue
            for at in sorted(_occurrences(low, leads)):
                if at >= best:
                    break
                if branch.match(text, at):
                    best = at
                    break
        return self.regex.match(text, best) if best <= len(text) else None


def _branches(regex: re.Pattern[str]) -> list[tuple[re.Pattern[str], frozenset[str] | None]]:
    """The expression's top-level alternatives, each compiled alone, with its leading words."""
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    items = parsed.data
    if len(items) != 1 or items[0][0] != sre.BRANCH:
        return [(regex, leading_words(regex.pattern, regex.flags))]
    out = []
    for alternative in items[0][1][1]:
        alone = sre_parse.SubPattern(parsed.state, list(alternative.data))
        leads = _leads(alternative.data)
        out.append((sre_compile.compile(alone, regex.flags),
                    None if "" in leads else frozenset(leads)))
    return out


def _occurrences(low: str, words: Iterable[str]) -> set[int]:
    found = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.add(at)
            at = low.find(word, at + 1)
    return found


def leading_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case literal beginnings, one of which begins every match of `pattern`
    ("\\b(?:receiv|accept)ed" gives "receiv", "accept"); None when a match may begin
    otherwise (with a class, an optional part, any character)."""
    found = _leads(sre_parse.parse(pattern, flags).data)
    return None if "" in found else frozenset(found)


def _leads(items: Any) -> set[str]:
    """The literal beginnings of a sequence ("" among them: a beginning is unknown). A
    zero-width assertion is stepped over; the first part that is not a literal ends them."""
    prefixes = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op == sre.LITERAL:
            prefixes = {p + chr(av).lower() for p in prefixes}
            continue
        inner = {""}
        if op == sre.SUBPATTERN:
            inner = _leads(av[-1].data)
        elif op == sre.BRANCH:
            inner = set().union(*(_leads(branch.data) for branch in av[1]))
        elif op in _REPEATS and av[0] >= 1:
            inner = _leads(av[2].data)
        return {p + q for p in prefixes for q in inner} if "" not in inner else prefixes
    return prefixes


def _each_has_a_word(folded: str, word_sets: Iterable[tuple[str, ...]]) -> bool:
    """Does the case-folded text hold a word of each set?"""
    return all(any(map(folded.__contains__, words)) for words in word_sets)
