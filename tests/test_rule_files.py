"""The rule files: their inline examples, their errors, and a new event type."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from timeline import extract
from timeline.diagnose import run_rule_tests
from timeline.errors import RuleError
from timeline.model import Document
from timeline.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"


def test_every_rule_passes_its_examples() -> None:
    """`timeline rules test` passes on the repository's rules."""
    report = run_rule_tests(load_rules(RULES))
    assert report.ok, report.render()


def test_every_rule_has_examples_of_both_kinds() -> None:
    """Every event and discard rule says what it must and what it must not extract."""
    rules = load_rules(RULES)
    lacking = [r.id for name in ("event", "discard") for r in rules.section(name)
               if not r.examples or not r.counterexamples]
    assert lacking == []


def copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES, folder)
    return folder


def test_bad_regular_expression_names_file_and_key(tmp_path: Path) -> None:
    """A pattern that does not compile stops with the file, the key and a fix."""
    folder = copy_rules(tmp_path)
    (folder / "zz_bad.toml").write_text(
        "[[event]]\nid = 'bad'\ntype = 'visit'\npattern = 'visit ('\n", encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        extract.compile(load_rules(folder))
    message = str(caught.value)
    assert "zz_bad.toml:1 at $.event[id=bad].pattern: bad regular expression" in message


def test_unknown_role_names_file_line_and_fix(tmp_path: Path) -> None:
    """A placeholder binding a role the type lacks stops with file:line and the roles."""
    folder = copy_rules(tmp_path)
    (folder / "zz_bad.toml").write_text(
        "[[event]]\nid = 'bad'\ntype = 'visit'\npattern = '{person:guest} came'\n",
        encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        extract.compile(load_rules(folder))
    message = str(caught.value)
    assert "zz_bad.toml:1" in message and "role 'guest'" in message and "host" in message


def test_unknown_shared_pattern_is_refused(tmp_path: Path) -> None:
    """A reference to an undeclared shared pattern is an error, not a literal."""
    folder = copy_rules(tmp_path)
    (folder / "zz_bad.toml").write_text(
        "[[event]]\nid = 'bad'\ntype = 'visit'\npattern = '{no_such_words} {place:host}'\n",
        encoding="utf-8")
    with pytest.raises(RuleError, match="unknown reference"):
        extract.compile(load_rules(folder))


AGREEMENT = """
[[event_type]]
name = "agreement"
roles = [{name = "party", kinds = ["person", "country"]}]
title = "Agreement: {party}"
requires = ["party*2"]
triggers = ["signed", "agreement"]
located = false

[[event]]
id = "agreement.signed"
type = "agreement"
pattern = '{party...:party}\\s+signed\\s+(?:an?|the)\\s+{visit_kind}(?:agreement|treaty)'
counterexamples = [{text = "The ministers signed the guest book.", date = 2022-12-22}]

[[event.examples]]
text = "Kazakhstan and Uzbekistan signed an agreement on the demarcation of the border."
date = 2022-12-22
expect = ["agreement: Kazakhstan + Uzbekistan"]
"""


def test_a_fifth_event_type_is_a_rule_file(tmp_path: Path) -> None:
    """Adding `agreement` takes one [[event_type]] and its rules in a new file: no code."""
    folder = copy_rules(tmp_path)
    (folder / "agreement.toml").write_text(AGREEMENT, encoding="utf-8")
    rules = load_rules(folder)
    assert run_rule_tests(rules).ok
    text = "Kazakhstan and Uzbekistan signed an agreement on the demarcation of the border."
    article = Document("a.txt", text, hashlib.sha256(text.encode()).hexdigest())
    trace = extract.compile(rules).trace(article, dt.date(2022, 12, 22))
    found = [(o.type, o.title, o.date.iso if o.date else None)
             for o in trace.extraction.observations]
    assert found == [("agreement", "Agreement: Kazakhstan and Uzbekistan", "2022-12-22")]
