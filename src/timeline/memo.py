"""Pure analyses of rule patterns, and their compiled code, remembered from one build
to the next.

Compiling the rules reads every pattern's parse tree three times over: for the words a
date expression can begin with (`dates.scan.first_words`), for repeats that may
backtrack catastrophically (`extract.backtracking.ambiguous_repeat`) and for the words
every match needs (`extract.prefilter.required_words`). Each is a pure function of the
pattern's text, and together they cost half of compiling the rules (0.34 of 0.61 s),
in every build that reads an article and in each of its workers. A function wrapped in
`remembered` answers from what is known; a build loads what earlier builds learnt of
its rule set (`load`) and keeps it beside the store (`dump`) once it learnt more.

Compiling the regular expressions built from the rules is most of the other half:
`regex` is `re.compile` with the parsing and code generation remembered (`re` keeps its
cache in memory only), so a build hands the kept code to `_sre.compile` as `re`'s own
compiler does. Reading and compiling the rules: 0.81 s of CPU, 0.15 s from the memo.

What is kept is bound to a digest of timeline's source files and of the Python running
them (the analyses read `re`'s parser, and compiled code belongs to one version of
`re`), so an analysis edited or run by another Python never answers from an old result.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import array
import functools
import hashlib
import pickle  # our own file, beside our own store
import re
import re._compiler as sre_compile  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
import sys
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
Key = tuple[str, tuple[Hashable, ...]]  # (function, arguments)

SOURCES = Path(__file__).parent  # the code whose results are kept
WORD = next(t for t in "IL" if array.array(t).itemsize == _sre.CODESIZE)  # of compiled code

_known: dict[Key, Any] = {}
_learnt = 0  # results computed since the last `load` or `dump`
_fresh: dict[Key, Any] = {}  # results computed here since `fresh` was last asked


def remembered(function: F) -> F:
    """`function` (pure, of hashable arguments) answering from what is known."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.wraps(function)
    def answer(*args: Hashable) -> Any:
        global _learnt
        key = (name, args)
        try:
            return _known[key]
        except KeyError:
            result = _known[key] = _fresh[key] = function(*args)
            _learnt += 1
            return result

    return answer  # type: ignore[return-value]


def regex(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, its code remembered; a bad pattern raises re.error."""
    flags, code, groups, groupindex, indexgroup = _code(pattern, flags)
    compiled: re.Pattern[str] = _sre.compile(pattern, flags, code.tolist(), groups,
                                             groupindex, indexgroup)
    return compiled


@remembered
def _code(pattern: str, flags: int) -> tuple[Any, ...]:
    """What `re._compiler.compile` hands `_sre.compile` after the pattern itself."""
    parsed = sre_parse.parse(pattern, flags)
    # Kept as 32-bit words, as _sre holds them: a list of ints is 8 MB in every process.
    code = array.array(WORD, sre_compile._code(parsed, flags))
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


def digest(rules: str) -> str:
    """Names the rule set, the code and the Python whose results these are: every source
    file of timeline (2 ms), so that no change to what a remembered function calls is
    missed."""
    hashed = hashlib.sha256(f"{sys.version}\0{rules}\0".encode())
    for source in sorted(SOURCES.rglob("*.py")):
        hashed.update(source.relative_to(SOURCES).as_posix().encode() + b"\0")
        hashed.update(source.read_bytes())
    return hashed.hexdigest()


def known() -> dict[Key, Any]:
    """Every result known in this process (for the workers a build starts)."""
    return dict(_known)


def learn(results: dict[Key, Any]) -> None:
    """Results another process of the same code worked out."""
    _known.update(results)


def fresh() -> dict[Key, Any]:
    """The results worked out here since the last call: what a worker hands back."""
    found = dict(_fresh)
    _fresh.clear()
    return found


def adopt(results: dict[Key, Any]) -> None:
    """Results this build's workers worked out (an expression compiled only when an
    article first needs it), to be kept with the build's own: else the build after a
    cold one works them out again, a fifth of a second of one new article."""
    global _learnt
    new = {key: value for key, value in results.items() if key not in _known}
    _known.update(new)
    _learnt += len(new)


def forget() -> None:
    """Let every result go (4 MB of them): what is kept is loaded again from the file."""
    global _learnt
    _known.clear()
    _fresh.clear()
    _learnt = 0


def learnt() -> int:
    """How many results were worked out here since the last `load` or `dump`."""
    return _learnt


def load(path: Path, rules: str) -> None:
    """Learn the results kept in `path`, if they are of this code and of the rule set
    whose fingerprint is `rules`; else nothing. (One rule set's, so that the results of
    rules since edited do not pile up: the build after an edit works its own out.)"""
    global _learnt
    _learnt = 0
    try:
        with path.open("rb") as handle:
            kept, results = pickle.load(handle)
    except Exception:  # missing, truncated, foreign: as if nothing were kept
        return
    if kept == digest(rules) and isinstance(results, dict):
        learn(results)


def dump(handle: BinaryIO, rules: str) -> None:
    """Write every known result, worked out for the rule set `rules`, for `load`."""
    global _learnt
    pickle.dump((digest(rules), _known), handle, protocol=pickle.HIGHEST_PROTOCOL)
    _learnt = 0
