"""Fixtures shared by test modules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from timeline import extract
from timeline.lexicon import Lexicon
from timeline.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the seeds and rules, with room for outputs and a store."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """The repository's rules, loaded once for the whole run."""
    return load_rules(ROOT / "rules")


@pytest.fixture(scope="session")
def extractor(rules: RuleSet) -> extract.Extractor:
    return extract.compile(rules)


@pytest.fixture(scope="session")
def lexicon(rules: RuleSet) -> Lexicon:
    """The repository's lexicon, compiled once for the whole run."""
    return Lexicon(rules)
