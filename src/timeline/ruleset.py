"""Rule files: `rules/*.toml` read with tomllib and structured into frozen attrs classes.

A rule folder is a set of TOML files. Each file holds arrays of tables (`[[section]]`)
from the sections of a registry (section name -> the attrs class of one item); the same
section may be spread over several files and is concatenated in file-name order. A
malformed file stops everything with a RuleError naming the file, the key path and the
fix, before any output is written.

This module knows no section: the stages that own item classes import it for `RuleSet`
and `Origin`, and `timeline.rules`, above them all, assembles their registry. So the
imports point one way.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from timeline import memo
from timeline.errors import RuleError
from timeline.serial import structure_rules

# Bumped whenever extraction code changes what the same rules produce, so that the
# fingerprint (and therefore re-extraction) follows the code as well as the rule files.
ENGINE_VERSION = "1"


@attrs.frozen
class Origin:
    """Where a rule-file item was written, for messages that point at it."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@attrs.frozen
class RuleSet:
    """Every section of every rule file, and the fingerprint of the whole folder.

    `origins[name][i]` is where `sections[name][i]` was written.
    """

    sections: dict[str, tuple[Any, ...]]
    origins: dict[str, tuple[Origin, ...]]
    fingerprint: str
    files: tuple[str, ...]

    def section(self, name: str) -> tuple[Any, ...]:
        return self.sections.get(name, ())


def read_rules(directory: Path, registry: Mapping[str, type]) -> RuleSet:
    """Read and check every rule file of `directory`, with the sections of `registry`."""
    files = _rule_files(directory)
    merged: dict[str, list[Any]] = {name: [] for name in registry}
    origins: dict[str, list[Origin]] = {name: [] for name in registry}
    read = [(file, file.read_bytes()) for file in files]
    for file, data in read:
        text = _decode(file, data)
        for name, items in _parse(file, text, registry).items():
            merged[name].extend(items)
            origins[name].extend(_origins(file, text, name, len(items)))
    return RuleSet(
        sections={name: tuple(items) for name, items in merged.items()},
        origins={name: tuple(items) for name, items in origins.items()},
        fingerprint=_fingerprint((file.name, data) for file, data in read),
        files=tuple(str(f) for f in files),
    )


def fingerprint(directory: Path) -> str:
    """The fingerprint `read_rules` gives the folder, from its files' bytes alone."""
    return _fingerprint((file.name, file.read_bytes()) for file in _rule_files(directory))


def _rule_files(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise RuleError(str(directory), "no such rules folder", "pass --rules DIR")
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise RuleError(str(directory), "holds no *.toml rule file", "pass --rules DIR")
    return files


def _fingerprint(named: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256(f"engine {ENGINE_VERSION}\n".encode())
    for name, data in named:
        digest.update(f"{name}\n{len(data)}\n".encode() + data)
    return digest.hexdigest()[:16]


def _decode(file: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RuleError(str(file), f"not UTF-8 ({exc.reason})", "save the file as UTF-8") from None


def _parse(file: Path, text: str, registry: Mapping[str, type]) -> dict[str, tuple[Any, ...]]:
    """The items of each section of one rule file, checked; known from an earlier build
    of the same rules when the memo holds them (a tenth of a second saved)."""
    try:
        return dict(_items(text, tuple(registry.items())))  # the memo's own stays as it is
    except RuleError as exc:  # the memo's answers name no file: a folder moved is the same
        raise RuleError(exc.where.replace(_FILE, str(file), 1), exc.problem, exc.fix) from None


_FILE = "<the rule file>"  # where `_items` names the file it reads


@memo.remembered
def _items(text: str, registry: tuple[tuple[str, type], ...]) -> dict[str, tuple[Any, ...]]:
    sections = dict(registry)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(_FILE, f"not valid TOML ({exc})", "fix the TOML syntax") from None
    out: dict[str, tuple[Any, ...]] = {}
    for name, value in raw.items():
        if name not in sections:
            known = ", ".join(sorted(sections)) or "none"
            raise RuleError(f"{_FILE} at $.{name}", "unknown section",
                            f"use one of: {known}")
        if not isinstance(value, list):
            raise RuleError(f"{_FILE} at $.{name}", "must be an array of tables",
                            f"write it as [[{name}]]")
        # One item at a time, so that a check in an item's own __init__ (a regular
        # expression that does not compile) is reported with the item's index.
        out[name] = tuple(structure_rules(item, sections[name], _FILE, f"$.{name}[{i}]")
                          for i, item in enumerate(value))
    return out


def _origins(file: Path, text: str, name: str, count: int) -> list[Origin]:
    """The line of each `[[name]]` header, in order (line 1 when written inline)."""
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(name)}[ \t]*\]\]", re.MULTILINE)
    lines, line, counted = [], 1, 0
    for m in header.finditer(text):  # counted on from the header before, not from the top
        line += text.count("\n", counted, m.start())
        counted = m.start()
        lines.append(line)
    lines += [1] * (count - len(lines))
    return [Origin(str(file), line) for line in lines[:count]]
