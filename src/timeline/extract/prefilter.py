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

import copy
import itertools
import re
import re._compiler as sre_compile  # type: ignore[import-not-found]
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterable
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
from typing import Any

from timeline import memo

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}
_ONE_CHARACTER = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
Words = frozenset[str]
MOST_SETS = 3  # a rule is tried where its three most selective sets each have a word


@memo.remembered
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
    """Longer shortest word first (a rarer match), then fewer words. A word of nearly
    every sentence counts as one letter, a placeholder (nearly every sentence names
    someone) as none."""
    return min(0 if "\ue000" in w or "\ue001" in w else 1 if w in _EVERYWHERE else len(w)
               for w in words), -len(words)


# Words most sentences of the genre hold: a set of them is the last to look for.
_EVERYWHERE = frozenset("""
the a an of to in on at for with by from and or as is was were be been has have had that
this its his her their he she it they we our into after during following between here
there who which also will would said
""".split())  # noqa: SIM905 - a word list reads best as words


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

    def narrowed(self, folded: str) -> WordIndex:
        """The index of only the first-set words `folded` holds (an article's sentences,
        joined): none of its sentences holds another, so each is searched for these alone.
        (The later sets are looked for only for the rules a sentence lets through.)"""
        out = copy.copy(self)
        out._words = tuple(filter(folded.__contains__, self._words))
        return out

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
                             for branch in self._branches
                             if branch.leads and any(chr(k) in w for w in branch.leads[0])})

    def admits(self, folded: str) -> bool:
        """Can the expression match the case-folded text?"""
        return _each_has_a_word(folded, self._sets)

    def search(self, text: str) -> re.Match[str] | None:
        """`regex.search(text)`: the leftmost position where a branch matches, found branch
        by branch, then the whole expression matched there (so the branch written first
        wins, as in a search). A search of a long alternation at every character of an
        article costs a millisecond; most branches begin with, or a few characters
        before, one of a few words."""
        low = text.lower()
        if len(low) != len(text) or any(ch in low for ch in self._odd):
            return self.regex.search(text)
        best = len(text) + 1
        for branch in self._branches:
            starts = branch.starts(text, low)
            if starts is None:
                found = branch.regex.search(text)
                best = min(best, found.start()) if found else best
                continue
            for at in starts:
                if at >= best:
                    break
                if branch.regex.match(text, at):
                    best = at
                    break
        return self.regex.match(text, best) if best <= len(text) else None


Leads = tuple[frozenset[str], int]  # words, and how many characters before one a match begins


class _Branch:
    """One top-level alternative of an expression, compiled alone, and where its matches
    can begin: near one of its leading words, and, when it opens with assertions about
    what comes before (a line or sentence start), only where they hold."""

    def __init__(self, parsed: Any, items: Any, flags: int) -> None:
        self.regex = sre_compile.compile(sre_parse.SubPattern(parsed.state, list(items)), flags)
        self.leads = _leads(items)
        behind = list(itertools.takewhile(_looks_behind, items))
        # Worth a scan of its own only where the leads leave many places to try.
        self.anchor = (sre_compile.compile(sre_parse.SubPattern(parsed.state, behind), flags)
                       if behind and self.leads and self.leads[1] else None)

    def starts(self, text: str, low: str) -> list[int] | None:
        """The places, in order, where a match may begin; None: anywhere."""
        if self.leads is None:
            return None
        starts = _starts(low, *self.leads)
        if self.anchor is not None:
            starts.intersection_update(m.start() for m in self.anchor.finditer(text))
        return sorted(starts)


def _branches(regex: re.Pattern[str]) -> list[_Branch]:
    """The expression's top-level alternatives."""
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    items = parsed.data
    if len(items) != 1 or items[0][0] != sre.BRANCH:
        return [_Branch(parsed, items, regex.flags)]
    return [_Branch(parsed, a.data, regex.flags) for a in items[0][1][1]]


def _looks_behind(item: tuple[Any, Any]) -> bool:
    """Is a part a zero-width test of what stands before ("^", "\\b", "(?<=\\n)")?"""
    op, av = item
    return (op == sre.AT or (op in (sre.ASSERT, sre.ASSERT_NOT) and av[0] == -1)
            or (op == sre.BRANCH and all(branch.data and all(map(_looks_behind, branch.data))
                                         for branch in av[1])))


def _starts(low: str, words: Iterable[str], gap: int) -> set[int]:
    """Where a match may begin: at most `gap` characters before an occurrence of a word."""
    found: set[int] = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            found.update(range(max(0, at - gap), at + 1))
            at = low.find(word, at + 1)
    return found


def leading_words(pattern: str, flags: int = 0) -> Leads | None:
    """Lower-case literal words one of which every match of `pattern` begins with, or
    begins at most so many characters before ("\\b(?:receiv|accept)ed" gives ({"receiv",
    "accept"}, 0); "[^.]{0,9}?sent" gives ({"sent"}, 9)); None when a match may begin
    otherwise (with an optional part, an unbounded class, any character)."""
    return _leads(sre_parse.parse(pattern, flags).data)


def _leads(items: Any) -> Leads | None:
    """The leads of a sequence. Zero-width assertions are stepped over, and characters of
    a bounded run before the first literal counted as the gap; the first other part that
    is not a literal ends the words."""
    prefixes, gap = {""}, 0
    for op, av in items:
        if op in _ZERO_WIDTH or _zero_width(op, av):
            continue
        if op == sre.LITERAL:
            prefixes = {p + chr(av).lower() for p in prefixes}
            continue
        if prefixes == {""} and (width := _bounded_run(op, av)) is not None:
            gap += width
            continue
        inner = None
        if op == sre.SUBPATTERN:
            inner = _leads(av[-1].data)
        elif op == sre.BRANCH:
            found = [_leads(branch.data) for branch in av[1]]
            if all(f is not None for f in found):
                inner = (frozenset().union(*(f[0] for f in found if f)),
                         max(f[1] for f in found if f))
        elif op in _REPEATS and av[0] >= 1:
            inner = _leads(av[2].data)
        if prefixes == {""}:
            return None if inner is None else (inner[0], gap + inner[1])
        if inner is not None and inner[1] == 0:
            prefixes = {p + q for p in prefixes for q in inner[0]}
        break
    return None if "" in prefixes else (frozenset(prefixes), gap)


def _zero_width(op: Any, av: Any) -> bool:
    """An alternation of assertions only ("(?:^|(?<=\\n))")."""
    return op == sre.BRANCH and all(
        branch.data and all(o in _ZERO_WIDTH or _zero_width(o, a) for o, a in branch.data)
        for branch in av[1])


def _bounded_run(op: Any, av: Any) -> int | None:
    """How many characters a part matches at most, if it is a run of single characters
    with a bound ("[^.\\n]{0,60}?" 60, "\\w" 1); else None."""
    if op in _ONE_CHARACTER:
        return 1
    if op in _REPEATS and av[1] != sre.MAXREPEAT and len(av[2].data) == 1 \
            and av[2].data[0][0] in _ONE_CHARACTER:
        return int(av[1])
    return None


def may_hold(text: str, words: Iterable[str]) -> bool:
    """Can a case-insensitive expression that needs one of the lower-case `words` match
    the text? (True, to be safe, for a text with a letter that lower-cases to two or
    that such an expression matches beyond its lower case: "İ", "ı", "ſ".)"""
    low = text.lower()
    return (any(w in low for w in words) or len(low) != len(text)
            or "ı" in low or "ſ" in low)


def _each_has_a_word(folded: str, word_sets: Iterable[tuple[str, ...]]) -> bool:
    """Does the case-folded text hold a word of each set?"""
    return all(any(map(folded.__contains__, words)) for words in word_sets)
