"""A load-time check for the classic shape of catastrophic backtracking in a pattern.

The shape is an unbounded repeat whose body is, but for parts that can match nothing,
one unbounded repeat: `(a+)+`, `(?:\\w+\\s?)+`, `(\\s*\\w+)*`, `(?:[^,]+,?)+`. On text that
almost matches, the engine tries every way of splitting it between the inner and outer
repeats: 2^n attempts for n characters. A body with a mandatory separator,
`\\d+(?:[.,]\\d+)+`, splits one way only and passes. Possessive repeats and atomic groups
(Python 3.11) never backtrack into their body: they are the fix to suggest.

It is a lint, not a proof: overlapping alternatives (`(?:\\w|\\w\\w)+`) and polynomial
shapes pass it; the build's time budget per article is what bounds those.
"""

from __future__ import annotations

import re._constants as sre  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from typing import Any

from timeline import memo

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT}


@memo.remembered
def ambiguous_repeat(pattern: str, flags: int = 0) -> str | None:
    """A description of the first repeat of that shape in `pattern`, or None."""
    tree = sre_parse.parse(pattern, flags)
    return _scan(tree.data, tree.state)


def _scan(items: Any, state: Any) -> str | None:
    for op, av in items:
        for body in _children(op, av):
            if op in _REPEATS and av[1] == sre.MAXREPEAT and _one_repeat(body, state):
                return "a repeated group whose only required part repeats too"
            if (found := _scan(body, state)) is not None:
                return found
    return None


def _children(op: Any, av: Any) -> list[Any]:
    if op in _REPEATS or op == sre.POSSESSIVE_REPEAT:
        return [av[2]]
    if op == sre.SUBPATTERN:
        return [av[-1]]
    if op == sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op == sre.ATOMIC_GROUP:
        return [av]
    return []


def _one_repeat(body: Any, state: Any) -> bool:
    """Whether everything in `body` but one unbounded repeat can match nothing."""
    items = list(body.data if hasattr(body, "data") else body)
    required = [i for i in items if sre_parse.SubPattern(state, [i]).getwidth()[0] > 0]
    if len(required) != 1:
        return False
    op, av = required[0]
    if op in _REPEATS and av[1] == sre.MAXREPEAT:
        return True
    return op == sre.SUBPATTERN and _one_repeat(av[-1], state)
