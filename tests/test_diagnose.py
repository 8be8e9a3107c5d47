"""Diagnostics: `timeline rules test`, `timeline explain`, `timeline rules stats`."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from timeline.diagnose import MISSING, NOISY, PASSED, explain, rule_stats, run_rule_tests
from timeline.model import Document
from timeline.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent

PHONE_CALL = (" date 2022-03-14 TASHKENT. UzA – Shavkat Mirziyoyev and Vladimir Putin spoke "
              "by telephone. In the phone call, Mirziyoyev held talks with Putin on energy "
              "supplies.\n\nShavkat Mirziyoyev will pay a state visit to Russia in May.")


def document(text: str, name: str = "call.txt") -> Document:
    return Document(name, text, hashlib.sha256(text.encode()).hexdigest())


def with_rule(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    (folder / "zz_test.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_rule_that_fires_where_it_must_not_is_noisy(tmp_path: Path) -> None:
    """A counterexample that gives an event makes the rule noisy, with its file and line."""
    folder = with_rule(tmp_path, """[[event]]
id = "visit.too_wide"
type = "visit"
pattern = '{person:visitor}\\s+\\w+\\s+{place:host}'
counterexamples = [{text = "Tokayev praised Moscow.", date = 2022-11-28}]
examples = [{text = "Tokayev reached Moscow.", date = 2022-11-28, expect = [
  "visit: Kassym-Jomart Tokayev + Russia"]}]
""")
    report = run_rule_tests(load_rules(folder))
    result = next(r for r in report.results if r.id == "visit.too_wide")
    assert (result.verdict, str(result.origin).endswith("zz_test.toml:1")) == (NOISY, True)
    assert not report.ok
    assert "noisy     event    visit.too_wide" in report.render()


def test_a_rule_that_misses_its_example_is_missing(tmp_path: Path) -> None:
    """An example the rule does not read makes it missing, saying what was lacking."""
    folder = with_rule(tmp_path, """[[event]]
id = "visit.too_narrow"
type = "visit"
pattern = '{person:visitor}\\s+flew\\s+to\\s+{place:host}'
counterexamples = [{text = "Tokayev praised Moscow.", date = 2022-11-28}]
examples = [{text = "Tokayev travelled by train to Moscow.", date = 2022-11-28, expect = [
  "visit: Kassym-Jomart Tokayev + Russia"]}]
""")
    result = next(r for r in run_rule_tests(load_rules(folder)).results
                  if r.id == "visit.too_narrow")
    assert result.verdict == MISSING
    assert any("did not fire on: Tokayev travelled by train" in d for d in result.details)


def test_the_repository_rules_all_pass() -> None:
    """Every rule of rules/ passes; the report ends with the count."""
    report = run_rule_tests(load_rules(ROOT / "rules"))
    assert {r.verdict for r in report.results} == {PASSED}
    assert report.render().splitlines()[-1].endswith("passed")


def test_explain_shows_observations_and_what_stopped_a_sentence() -> None:
    """Explain lists each observation with rule and span, and names the discard rule that
    vetoed the telephone conversation."""
    text = explain(document(PHONE_CALL), load_rules(ROOT / "rules"))
    assert "Visit: Shavkat Mirziyoyev to Russia" in text
    assert "rule visit.pays at " in text and "visit.toml:" in text
    assert "vetoed by discard.phone" in text
    assert "article date 2022-03-14" in text


def test_explain_says_when_no_rule_matched() -> None:
    """A sentence with a trigger word that no rule read is shown with its mentions."""
    text = explain(document(" date 2021-09-20 Tokayev said the visit ended early."),
                   load_rules(ROOT / "rules"))
    assert "no rule matched" in text
    assert "Kassym-Jomart Tokayev (person)" in text


def test_explain_says_which_event_an_anchored_date_came_from() -> None:
    """A date taken from another event names that event's words."""
    text = (" date 2024-10-11 Kassym-Jomart Tokayev attended the meeting of the Eurasian "
            "Intergovernmental Council in Yerevan on 9 October.\n\nOn the sidelines, "
            "Tokayev met the Armenian prime minister.")
    shown = explain(document(text), load_rules(ROOT / "rules"))
    council = text.index("meeting of the Eurasian")
    assert f"2024-10-09 by anchored to [{council}-" in shown
    assert "2024-10-09 by explicit" in shown


def test_stats_count_events_and_vetoes() -> None:
    """Stats count, per rule, the events given and, per discard rule, the vetoes."""
    text = rule_stats([document(PHONE_CALL), document(PHONE_CALL, "copy.txt")],
                      load_rules(ROOT / "rules"))
    lines = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line.strip()}
    assert lines["visit.pays"][0] == "2"
    assert lines["discard.phone"][0] == "2"
    assert text.startswith("2 articles")


def test_date_rules_are_run_with_their_examples(tmp_path: Path) -> None:
    """`rules test` runs the [[date]] rules' examples too: a rule shadowed by an earlier
    one misses its example; a rule that matches its counterexample is noisy."""
    folder = with_rule(tmp_path, """[[date]]
id = "zz-shadowed"
kind = "duration"
pattern = 'a\\s+fortnight'
value = "2"
examples = [["The strike lasted a fortnight.", "P2W"]]

[[date]]
id = "zz-too-wide"
kind = "ref"
pattern = 'fiscal\\s+\\w+'
value = "PRESENT_REF"
examples = [["fiscal policy", "PRESENT_REF"]]
counterexamples = ["The minister spoke about fiscal discipline."]
""")
    report = run_rule_tests(load_rules(folder))
    by_id = {r.id: r for r in report.results if r.section == "date"}
    assert by_id["zz-shadowed"].verdict == MISSING
    assert by_id["zz-shadowed"].details == (
        "gave nothing instead of P2W in: The strike lasted a fortnight.",)
    assert by_id["zz-too-wide"].verdict == NOISY, by_id["zz-too-wide"].details
    assert by_id["weekday"].verdict == PASSED
    assert "missing   date     zz-shadowed" in report.render()
