"""Pieces of the outputs an earlier render made, so a build renders only what changed.

A night that adds one article changes a handful of the timeline's thousands of entries,
yet every output lists them all. An entry's revision is named by its UID and sequence
(the log bumps the sequence with every revision), so the part of an output that shows
one revision (its JSON object, its VEVENT, its chronicle line) is the same in every
build that renders it: the emitters keep such parts here, by output kind and revision,
and assemble each file from them around the parts that are new. The chart, which
cannot be cut into entries, is kept whole under a key of everything it draws.

Pieces are bound to one log: the build stores them beside the log, named by its digest
like the snapshot, and only the pieces a render used are kept for the next one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from json.encoder import encode_basestring  # in C, as json.dumps uses it
from typing import Any, TypeVar

from timeline.model import Entry

T = TypeVar("T")
Key = tuple[str, Hashable]  # (output kind, key within the kind)
_MISSING = object()  # a piece may be None (an entry a calendar does not show)


class Pieces:
    """The pieces known from an earlier render, and those this render uses.

    `known` may be a function that reads them, called when a piece is first asked for:
    an output whose render never asks (the JSON's at the chart's `prepare`) reads none."""

    def __init__(self, known: Mapping[Key, Any] | Callable[[], Mapping[Key, Any] | None]
                 | None = None) -> None:
        self._reader: Callable[[], Mapping[Key, Any] | None] | None = (
            known if callable(known) else lambda: known)
        self._known: dict[Key, Any] = {}
        self._used: dict[Key, Any] = {}
        self.made = 0  # pieces this render had to make: 0 means nothing new to keep
        self.found = False  # whether an earlier render's pieces were read

    def get(self, kind: str, key: Hashable, make: Callable[[], T]) -> T:
        """The piece under (kind, key), made by `make` if no render made it before."""
        self._load()
        return self._take((kind, key), make)

    def known(self, kind: str, key: Hashable) -> bool:
        """Whether an earlier render (or this one) made the piece under (kind, key)."""
        self._load()
        return (kind, key) in self._known

    def of_entries(self, kind: str, entries: Iterable[Entry], make: Callable[[Entry], T]
                   ) -> list[T]:
        """The pieces of `kind` showing these revisions of the entries, in their order
        (`make` called with the entry: no closure an entry, 20,000 of them a render)."""
        self._load()
        return [self._take((kind, (e.uid, e.sequence)), make, e) for e in entries]

    @property
    def read(self) -> bool:
        """Whether the known pieces are read: once a piece was asked for."""
        return self._reader is None

    def _load(self) -> None:
        if self._reader is not None:
            known, self._reader = self._reader(), None
            self._known, self.found = dict(known or {}), known is not None

    def _take(self, name: Key, make: Callable[..., T], *args: Any) -> T:
        """The piece under `name`, made by `make(*args)` if no render made it before."""
        piece = self._known.get(name, _MISSING)
        if piece is _MISSING:
            piece = self._known[name] = make(*args)
            self.made += 1
        self._used[name] = piece
        return piece  # type: ignore[no-any-return]

    def used(self) -> dict[Key, Any]:
        """The pieces this render used: what is worth keeping for the next one."""
        return dict(self._used)


def pieces_of(pieces: Pieces | None, kind: str, entries: Iterable[Entry],
              make: Callable[[Entry], T]) -> list[T]:
    """The entries' pieces from `pieces`, or made afresh when the caller keeps none."""
    return [make(e) for e in entries] if pieces is None else pieces.of_entries(kind, entries, make)


def piece(pieces: Pieces | None, kind: str, key: Hashable, make: Callable[[], T]) -> T:
    """The piece under (kind, key) from `pieces`, or made afresh when the caller keeps none."""
    return make() if pieces is None else pieces.get(kind, key, make)


def json_item(value: Any) -> bytes:
    """`value` as `json.dumps(..., indent=2)` writes it as an item of a list that is the
    value of a top-level key: every line indented by four spaces. UTF-8, as pieces are
    kept: a str holding one curly quote takes two bytes a character."""
    return ("    " + _indented(value, "\n    ")).encode("utf-8")


def _indented(value: Any, line: str) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=2)`, each line after the first begun
    by `line`. Given an indent, json encodes in Python, a generator a level: the 32,947
    items of 20,000 entries take it 0.76 s, and this 0.49 s (strings escaped in C)."""
    if isinstance(value, str):
        return encode_basestring(value)
    inner = line + "  "
    if isinstance(value, dict) and value and all(type(k) is str for k in value):
        return "{" + inner + ("," + inner).join(
            encode_basestring(k) + ": " + _indented(v, inner) for k, v in value.items()
        ) + line + "}"
    if isinstance(value, (list, tuple)) and value:
        return "[" + inner + ("," + inner).join(_indented(v, inner) for v in value) + line + "]"
    # numbers, true, false, null, empty containers, keys json would convert: json's own
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", line)


def json_document(head: Mapping[str, Any], key: str, items: Sequence[bytes]) -> bytes:
    """The bytes of `json.dumps({**head, key: [...]}, ensure_ascii=False, indent=2)` and a
    newline, from the list's items as `json_item` wrote them (JSON strings hold no raw
    line break, so indenting after each one indents exactly the lines)."""
    text = json.dumps({**head, key: []}, ensure_ascii=False, indent=2) + "\n"
    if not items:
        return text.encode("utf-8")
    empty = "[]\n}\n"
    assert text.endswith(empty), "the list is the document's last value"
    parts = [text[: -len(empty)].encode("utf-8"), b"[\n"]
    for item in items:  # one join: the document is made once, not the list then it
        parts += (item, b",\n")
    parts[-1] = b"\n  ]\n}\n"
    return b"".join(parts)
