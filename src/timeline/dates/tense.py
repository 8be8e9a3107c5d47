"""The tense of an expression's sentence, from its cue words: PAST, FUTURE or NEUTRAL.

The cue words are vocabularies of the rule files (`future_cue`, `past_cue`,
`past_suffix`, `report_cue`, `near_future_cue`, `future_auxiliary`, `future_verb`,
`verb_marker`, `false_cue`). A date written without a year, a weekday or a day of the
month is resolved by the tense of its sentence (`timeline.dates.resolve.pick_year`).
"""

from __future__ import annotations

import re

from timeline.dates.resolve import FUTURE, NEUTRAL, PAST
from timeline.dates.sentences import Sentences

CUE_WORD = re.compile(r"[A-Za-z]+")  # the words of a sentence, as tense cues
LEFT_WORDS, RIGHT_WORDS = 10, 6


class TenseCues:
    """The tense cue words of one rule set, and where its sentences end."""

    def __init__(self, vocabulary: dict[str, dict[str, str]], sentences: Sentences) -> None:
        self._future_cues = frozenset(vocabulary.get("future_cue", {}))
        self._past_cues = frozenset(vocabulary.get("past_cue", {}))
        self._past_suffixes = tuple(vocabulary.get("past_suffix", {}))
        self._report_cues = frozenset(vocabulary.get("report_cue", {}))
        self._near_future_cues = frozenset(vocabulary.get("near_future_cue", {}))
        self._future_auxiliaries = frozenset(vocabulary.get("future_auxiliary", {}))
        self._sentences = sentences
        self._future_verbs = frozenset(vocabulary.get("future_verb", {}))
        self._verb_markers = frozenset(vocabulary.get("verb_marker", {}))
        self._false_cues = frozenset(vocabulary.get("false_cue", {}))

    def tense(self, text: str, start: int, end: int) -> int:
        """PAST, FUTURE or NEUTRAL, from the cue words of the expression's clause.

        The verb usually comes before the expression ("met on Monday", "will visit on 20
        December"), so the nearest cue among the LEFT_WORDS before it decides, and only if
        there is none, the nearest among the RIGHT_WORDS after it. A reporting verb ("said")
        is a cue only right before the expression ("said on Monday"): elsewhere news uses it
        for past and future events alike; so is "early" of "as early as Monday" (a
        `near_future_cue`). A past participle after a future auxiliary ("will be held") is
        future.
        """
        left = self._sentences.start(text, start, 120)
        right = self._sentences.end(text, end, 80)
        before = CUE_WORD.findall(text, left, start)[::-1][:LEFT_WORDS]
        own_word = CUE_WORD.search(text, start, end)  # what follows the nearest word before
        followers = [own_word.group() if own_word else "", *before][:len(before)]
        for distance, (word, following) in enumerate(zip(before, followers, strict=True)):
            previous = before[distance + 1] if distance + 1 < len(before) else ""
            cue = self._cue(word, adjacent=distance < 2, previous=previous, following=following)
            if cue == PAST and self._participle_ahead(
                    [w.lower() for w in before[distance + 1:distance + 4]]):
                return FUTURE
            if cue != NEUTRAL:
                return cue
        after = CUE_WORD.findall(text, end, right)[:RIGHT_WORDS]
        for previous, word, following in zip(["", *after], after, [*after[1:], ""],
                                             strict=False):
            cue = self._cue(word, adjacent=False, previous=previous, following=following)
            if cue != NEUTRAL:
                return cue
        return NEUTRAL

    def _participle_ahead(self, words_before: list[str]) -> bool:
        """Whether a past participle, given the (up to three) words before it nearest first,
        speaks of the future: after a future auxiliary ("will be held", "is expected to have
        signed") or as a passive infinitive ("expects the deal to be completed by 15
        December"; measured on train: "could be located" stays past)."""
        return (words_before[:2] == ["be", "to"]
                or any(w in self._future_auxiliaries for w in words_before))

    def _cue(self, word: str, adjacent: bool, previous: str, following: str) -> int:
        """The tense `word` points to; `previous` and `following` are the words around it in
        the text (a `future_verb` such as "visit" is a cue only after a `verb_marker`: "to
        visit", not "a state visit"; a `false_cue` pair is no cue: "next to", "than
        expected"). Only a word in lower case is past by its suffix: "United", "Ahmed" are
        names."""
        low, previous, following = word.lower(), previous.lower(), following.lower()
        if {f"{previous} {low}", f"{low} {following}"} & self._false_cues:
            return NEUTRAL
        if low in self._future_cues or (adjacent and low in self._near_future_cues):
            return FUTURE
        if low in self._future_verbs and previous in self._verb_markers:
            return FUTURE
        if low in self._past_cues or (adjacent and low in self._report_cues):
            return PAST
        if len(word) > 4 and word.islower() and word.endswith(self._past_suffixes):
            return PAST
        return NEUTRAL
