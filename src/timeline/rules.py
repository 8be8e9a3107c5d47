"""The rule sections of every stage, and `load_rules`, which reads a rule folder with them.

Each stage owns the attrs classes of its items (`dates`, `lexicon`, `extract.items`);
this module sits above them and gathers their `SECTIONS` into one registry, so that none
of them has to import the module that loads its items (`ruleset` reads, this one knows
what there is to read).
"""

from __future__ import annotations

from pathlib import Path

from timeline import dates, lexicon
from timeline.extract import items
from timeline.ruleset import Origin, RuleSet, read_rules

__all__ = ["SECTIONS", "Origin", "RuleSet", "load_rules"]


def _registry() -> dict[str, type]:
    """Section name -> the attrs class of one item; a name two stages claim is a bug."""
    registry: dict[str, type] = {}
    for owner in (dates.SECTIONS, lexicon.SECTIONS, items.SECTIONS):
        for name, cls in owner.items():
            if name in registry:
                raise AssertionError(f"rule section {name!r} registered twice")
            registry[name] = cls
    return registry


SECTIONS = _registry()


def load_rules(directory: Path) -> RuleSet:
    """Read and check every rule file of `directory`."""
    return read_rules(directory, SECTIONS)
