"""The fast scanner of the date rules: their leftmost-first matches, found quickly.

`timeline.dates.compiler` compiles each [[date]] rule into a branch (a regular expression
whose last group is named by the rule's tag) and the words its matches can begin with
(`first_words`). `Scanner` finds exactly the matches that trying every branch at every
position would find, leftmost first and at one position the first rule in file order, many
times faster: every expression contains a trigger (a number or a trigger word) and begins a
few words before it, on a word some rule can begin with. tests/test_dates_scanner.py holds
it to that definition.
"""

from __future__ import annotations

import re

# The parsed form of a pattern, to know which characters its matches can begin with.
import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from timeline import memo

SECOND_TOKEN = re.compile(r"[^a-z0-9]*([a-z]+|[0-9]+)")
# No match begins after a letter, a digit or a currency sign ("$27", "1827"): see _Alternation.
NO_START_AFTER = re.compile(r"[\w$£€¥]")


class Branch(Protocol):
    """A compiled rule as the scanner sees it."""

    @property
    def tag(self) -> str: ...  # the name of the empty group that closes its branch

    @property
    def branch(self) -> str: ...  # its regular expression

    @property
    def first(self) -> Leads | None: ...  # the words its matches begin with (None: any)


class _Alternation:
    """Rules as one regular expression, compiled when first needed: a run over a few
    articles needs only some of them."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.pattern: re.Pattern[str] | None = None

    def match(self, text: str, position: int) -> re.Match[str] | None:
        if self.pattern is None:
            # Never after a letter, a digit or a currency sign (NO_START_AFTER).
            self.pattern = memo.regex(f"(?<![\\w$£€¥])(?:{self.body})", re.IGNORECASE)
        return self.pattern.match(text, position)


class Scanner:
    """Finds the rules' matches quickly without changing what a full scan would find.

    Every expression contains a trigger: a number or a word of a `trigger` vocabulary, and
    begins at most LOOKBACK words before it, on a word some rule can begin with (a lead).
    So one regular expression finds the numbers, triggers and leads (skipping a lead that
    no rule continues with the word after it: "the" in "the minister"), and at each lead
    near a trigger only the rules that can begin with that word are tried, in file order,
    as one alternation. (A scan of every rule at every position is forty times slower.)
    """

    LOOKBACK = 6  # words, counted by the spaces between

    def __init__(self, rules: Sequence[Branch], triggers: frozenset[str]) -> None:
        self.triggers = triggers
        self._compiled: dict[tuple[str, ...], _Alternation] = {}
        leads: set[str] = set().union(*(r.first for r in rules if r.first is not None))
        self.by_word = {word: self._alternation([r for r in rules
                                                  if r.first is None or word in r.first])
                        for word in leads}
        anywhere = [r for r in rules if r.first is None]
        self.fallback = self._alternation(anywhere) if anywhere else None
        words = {w for w in leads | triggers if w.isalpha()} if self.fallback is None else None
        guards = self._guards(rules, leads - triggers)
        self.tokens = memo.regex(_token_pattern(words, guards))
        # After a guarded word, only the rules that continue with the word that follows:
        # among those that can begin with the word (found once a word, not once a pair).
        beginning = {word: [(r, None if r.first is None else r.first[word] or ())
                            for r in rules if r.first is None or word in r.first]
                     for word in guards if word.isalpha()}
        self.by_pair = {(word, second): self._alternation(
            [r for r, then in beginning[word] if then is None or second in then])
            for word, follows in guards.items() if word.isalpha() for second in follows}
        # A number begins an expression only before a word that can follow it there
        # ("20 years", "14 November"; "$27 million" does not), or as a year.
        self.number_guards = {} if self.fallback is not None else {
            key: memo.regex(f"[^a-z0-9]*(?:{_follower(follows)})")
            for key, follows in guards.items() if key.startswith("#")}

    @staticmethod
    def _guards(rules: Sequence[Branch], leads: set[str]) -> dict[str, frozenset[str]]:
        """The words that may follow each lead ("the" -> "past", "year", ...), for the leads
        that every rule continues with a known word."""
        guards = {}
        for word in leads - {""} | {"#" * n for n in range(1, NUMBER_DIGITS + 1)}:
            follows = [r.first[word] for r in rules if r.first and word in r.first]
            if follows and all(f is not None for f in follows):
                guards[word] = frozenset().union(*(f for f in follows if f is not None))
        return guards

    def _alternation(self, rules: Sequence[Branch]) -> _Alternation:
        """The rules as one alternation, shared by every word that uses it."""
        tags = tuple(r.tag for r in rules)
        if tags not in self._compiled:
            self._compiled[tags] = _Alternation("|".join(r.branch for r in rules))
        return self._compiled[tags]

    def matches(self, text: str, start: int) -> Iterator[re.Match[str]]:
        """The leftmost-first, non-overlapping matches of the rules from `start` on."""
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer ("İ")
            low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        window: list[tuple[int, str]] = []  # (position, first word) of the leads seen
        untried = start
        triggers, by_word = self.triggers, self.by_word
        for token in self.tokens.finditer(low, start):
            word = token.group()
            digits = word[0] <= "9"
            position = token.start()
            if position > 0 and low[position - 1] in "'’" and "" in by_word:
                window.append((position - 1, ""))  # "'90s" begins with its apostrophe
            if digits:
                key = "#" * min(len(word), NUMBER_DIGITS)
                guard = self.number_guards.get(key)
                if (key in by_word or self.fallback is not None) and \
                        (guard is None or guard.match(low, token.end())) and \
                        not (position and NO_START_AFTER.match(low, position - 1)):
                    window.append((position, key))
            elif word in by_word or self.fallback is not None:
                window.append((position, word))
            if position < untried or not (digits or word in triggers):
                continue
            floor, untried = untried, token.end()
            for lead, key in window:
                if lead >= floor and low.count(" ", lead, position) <= self.LOOKBACK:
                    match = self._match_at(text, low, lead, key)
                    if match is not None:
                        yield match
                        untried = match.end()
                        break
            window.clear()

    def _match_at(self, text: str, low: str, position: int,
                  word: str) -> re.Match[str] | None:
        pattern = self.by_word.get(word, self.fallback)
        follower = SECOND_TOKEN.match(low, position + len(word)) if word.isalpha() else None
        if follower is not None:
            second = follower.group(1)
            pair = self.by_pair.get((word, "" if second[0] <= "9" else second))
            if pair is not None:
                pattern = pair
        return None if pattern is None else pattern.match(text, position)


def _token_pattern(words: set[str] | None, guards: dict[str, frozenset[str]]) -> str:
    """Numbers, and the given words (all words when None) of lower-case text; a guarded
    word only when one of its following words comes next."""
    if words is None:
        return r"[0-9]+|[a-z]+"
    ends = {w: "(?![a-z])" + (f"(?=[^a-z0-9]*(?:{_follower(guards[w])}))"
                              if w in guards else "") for w in words}
    return rf"[0-9]+|(?<![a-z]){_trie(ends)}"


def _follower(words: frozenset[str]) -> str:
    """The words that may come next, each ending there; "" for any number ("5th" too)."""
    parts = [re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)) if w]
    alternatives = [f"(?:{'|'.join(parts)})(?![a-z])"] if parts else []
    if "" in words:
        alternatives.append("[0-9]")
    return "|".join(alternatives) or "(?!)"


def _trie(ends: dict[str, str]) -> str:
    """An alternation of words factored by their letters (which Python's regular
    expressions try much faster than a flat list), each word followed by its end."""
    groups: dict[str, dict[str, str]] = {}
    branches = []
    for word, end in ends.items():
        if word:
            groups.setdefault(word[0], {})[word[1:]] = end
        else:
            branches.append(end)
    branches = [re.escape(ch) + _trie(rest) for ch, rest in sorted(groups.items())] + branches
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"



# -- which words can begin a pattern's match (to try only the rules that can match) -------

FIRST_WORDS_LIMIT = 20000
NUMBER_DIGITS = 5  # numbers are told apart by their digits up to this many ("####": a year)
ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# The first one or two words a match can begin with ("the past", "the #" for a number,
# "#" for a number first), written with one space; and whether they are complete.
State = tuple[str, bool]
Leads = dict[str, frozenset[str] | None]  # first word -> the second words (None: any)


@memo.remembered
def first_words(pattern: str) -> Leads | None:
    """The lower-case words a match of `pattern` can begin with ("" for a number or a sign),
    each with the words that can follow it; None when they cannot be listed (the rule is
    then tried at every word)."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    states = _words_of_sequence(list(parsed), {("", False)})
    if states is None:
        return None
    leads: dict[str, set[str] | None] = {}
    for text, _ in states:
        first, _, second = text.partition(" ")
        seconds = leads.setdefault(first, set())
        if seconds is None:
            continue
        if not second or not first:
            leads[first] = None
        else:
            seconds.add("" if second.startswith("#") else second)
    return {w: None if n is None else frozenset(n) for w, n in leads.items()}


def _step(text: str, ch: str) -> State:
    """The state after one more character of the match. A number is written "#" for each
    of its digits, up to NUMBER_DIGITS ("####" for a year), as the tokens are keyed."""
    if ch.isdigit():
        if not text.strip("#"):  # a number first: count its digits
            return (text + "#" if len(text) < NUMBER_DIGITS else text, False)
        if " " not in text:
            return (text + " #", True)
        return (text + "#" if text.endswith(" ") else text, True)
    if ch in ASCII_LETTERS:
        if text and text[-1] == "#":  # "1990s", "14th": a new token after the number
            return (text + " " + ch, False) if " " not in text else (text, True)
        return (text + ch, False)
    if not text:
        return ("", True)  # a sign first ("'90s")
    if text.endswith(" "):
        return (text, False)
    return (text + " ", False) if " " not in text else (text, True)


def _words_of_sequence(items: list[Any], states: set[State]) -> set[State] | None:
    for op, av in items:
        following = _words_of_op(op, av, states)
        if following is None or len(following) > FIRST_WORDS_LIMIT:
            return None
        states = following
        if all(ended for _, ended in states):
            break
    return states


def _extend(states: set[State], chars: set[str]) -> set[State]:
    out = set()
    for text, ended in states:
        if ended:
            out.add((text, True))
        else:
            out.update(_step(text, ch.lower()) for ch in chars)
    return out


def _words_of_op(op: Any, av: Any, states: set[State]) -> set[State] | None:
    if op is sre.LITERAL:
        return _extend(states, {chr(av)})
    if op is sre.IN:
        chars = _chars_of_set(av)
        return None if chars is None else _extend(states, chars)
    if op is sre.BRANCH:
        out: set[State] = set()
        for branch in av[1]:
            found = _words_of_sequence(list(branch), states)
            if found is None:
                return None
            out |= found
        return out
    if op is sre.SUBPATTERN:
        return _words_of_sequence(list(av[3]), states)
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return _words_of_repeat(av, states)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return states
    return None


def _words_of_repeat(av: Any, states: set[State]) -> set[State] | None:
    """A repeat, unrolled until its states stop changing (None if they never do)."""
    least, most, body = av
    out = set(states) if least == 0 else set()
    current = states
    for count in range(1, min(most, 12) + 1):
        following = _words_of_sequence(list(body), current)
        if following is None:
            return None
        if count > least and following <= out:
            return out  # a fixed point: more repetitions add nothing
        current = following
        if count >= least:
            out |= current
        if all(ended for _, ended in current):
            return out
    return out if most <= 12 else None


def _chars_of_set(items: list[Any]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE:
            span = {chr(code) for code in range(av[0], av[1] + 1)}
            if len(span) > 3 and any(c.lower() in ASCII_LETTERS for c in span):
                return None
            chars |= span
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.add("0")
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return chars
