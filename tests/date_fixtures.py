"""The date rules alone (rules/dates.toml in a folder of its own), compiled once for the
date tests, so they do not depend on the event rules."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from timeline import dates
from timeline.rules import RuleSet, load_rules

RULES = Path(__file__).resolve().parent.parent / "rules" / "dates.toml"


def _rules() -> RuleSet:
    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(RULES, Path(folder) / "dates.toml")
        return load_rules(Path(folder))


RULESET = _rules()
TAGGER = dates.compile(RULESET)
