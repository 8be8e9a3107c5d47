"""Issue 6, item 4: a bad rule file stops the build before anything is written, with one
line naming the file, the key path and the fix (exit 3); a pattern that backtracks
catastrophically cannot hang a build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline import build, cli, extract
from timeline.errors import RuleError
from timeline.rules import RuleSet, load_rules

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)

MEETING_RULE = ('[[event]]\nid = "zz.met"\ntype = "meeting"\n'
                'pattern = "{person:party} met {person:party}"\n')
# name -> (the rule file's text, what its one line on stderr must say: place, problem, fix)
BAD_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "malformed TOML": ("[[event]\nid = ", (
        "zz-bad.toml: not valid TOML", "at line 1", "fix the TOML syntax")),
    "unknown key": (MEETING_RULE + 'colour = "red"\n', (
        "zz-bad.toml at $.event[0]", "colour", "remove or rename the unknown key")),
    "unknown section": ('[[evnt]]\nid = "zz.met"\n', (
        "zz-bad.toml at $.evnt", "unknown section", "use one of:")),
    "missing key": ('[[event]]\nid = "zz.met"\ntype = "meeting"\n', (
        "zz-bad.toml at $.event[0].pattern", "required field missing", "add the missing key")),
    "wrong type": (MEETING_RULE + 'fill = "previous_sentence"\n', (
        "zz-bad.toml at $.event[0].fill", "expected a mapping", "correct the value")),
    "invalid event regex": (MEETING_RULE.replace(" met ", " met (with "), (
        "zz-bad.toml:1 at $.event[id=zz.met].pattern", "bad regular expression",
        "correct the pattern")),
    "invalid date regex": ('[[date]]\nid = "zz.year"\nkind = "calendar"\n'
                           'pattern = "(?P<year>\\\\d{4}"\n', (
        "zz-bad.toml at $.date[0]", "pattern: bad regular expression", "correct the")),
    "unknown event type": (MEETING_RULE.replace('"meeting"', '"party"'), (
        "zz-bad.toml:1 at $.event[id=zz.met].type", "unknown event type 'party'",
        "declare it with [[event_type]]")),
    "undeclared pattern name": (MEETING_RULE.replace(" met ", " {no_such_words} "), (
        "zz-bad.toml:1 at $.event[id=zz.met].pattern", "no_such_words",
        "declare it as a [[pattern]]")),
    "not UTF-8": ("# r\xe8gle\n", ("zz-bad.toml: not UTF-8", "save the file as UTF-8")),
    "boolean written as a string": (MEETING_RULE + 'paragraph_start = "no"\n', (
        "zz-bad.toml at $.event[0].paragraph_start", "correct")),
}
BACKTRACKING = MEETING_RULE.replace("{person:party} met", "{person:party}(?:\\\\s*\\\\w+)+ met")


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path


def cli_build(ws: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", "--seeds", str(ws / "seeds"), "--rules", str(ws / "rules"),
                         "--out", str(ws / "out"), "--store", str(ws / "store.db")])
    return code, err.getvalue()


def write_rule_file(ws: Path, text: str) -> None:
    data = text.encode("latin-1") if "\xe8" in text else text.encode()
    (ws / "rules" / "zz-bad.toml").write_bytes(data)


@pytest.mark.parametrize("case", list(BAD_RULES))
def test_a_bad_rule_file_stops_the_build_before_anything_is_written(
        workspace: Path, case: str) -> None:
    """Exit 3, one line naming the file, the key path and the fix; no store, no out/."""
    text, expected = BAD_RULES[case]
    write_rule_file(workspace, text)
    code, stderr = cli_build(workspace)
    assert (code, len(stderr.splitlines())) == (3, 1), stderr
    for words in expected:
        assert words in stderr
    assert (workspace / "store.db").exists() is False
    assert (workspace / "out").exists() is False


def test_a_bad_rule_file_leaves_an_existing_store_and_outputs_untouched(
        workspace: Path) -> None:
    """The night after a good build, a broken rule file changes no byte and no mtime."""
    assert cli_build(workspace)[0] == 0
    before = snapshot(workspace)
    write_rule_file(workspace, BAD_RULES["invalid event regex"][0])
    assert cli_build(workspace)[0] == 3
    assert before == snapshot(workspace)


def snapshot(ws: Path) -> dict[str, tuple[bytes, int]]:
    paths = [ws / "store.db", *sorted((ws / "out").iterdir())]
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths}


def test_a_catastrophically_backtracking_pattern_is_refused_when_loaded(
        workspace: Path) -> None:
    """`(?:\\s*\\w+)+ met` tries every split of a sentence before failing: refused, exit 3,
    with the fix (a possessive repeat, `++`)."""
    write_rule_file(workspace, BACKTRACKING)
    started = time.monotonic()
    with pytest.raises(RuleError, match=r"zz-bad.toml:1 at \$\.event\[id=zz\.met\]\.pattern"):
        extract.compile(load_rules(workspace / "rules"))
    assert time.monotonic() - started < 5


# Overlapping alternatives under a repeat: Fibonacci(n) ways to match a run of n letters.
# A load-time check of nested repeats does not see it: only a time budget can help.
SLOW_RULE = MEETING_RULE.replace("{person:party} met", r"{person:party}\\s(?:\\w|\\w\\w)+ met")
# " met" further on: the rule's required word, so the prefilter lets its regex run.
SLOW_ARTICLE = "Kassym-Jomart Tokayev " + "x" * 60 + " and then left; nobody he met stayed.\n"
BUDGETED_BUILD_SECONDS = 45  # the budget of one article (proposed: 10 s) and a whole build


def test_a_pathological_article_is_cut_off_reported_and_the_rest_built(
        workspace: Path) -> None:
    """The build ends in bounded time, exit 1, one line naming the article; seeds built."""
    write_rule_file(workspace, SLOW_RULE)
    (workspace / "seeds" / "slow.txt").write_text(SLOW_ARTICLE)
    command = [str(Path(sys.executable).with_name("timeline")), "build", "--seeds",
               str(workspace / "seeds"), "--rules", str(workspace / "rules"), "--out",
               str(workspace / "out"), "--store", str(workspace / "store.db")]
    finished = subprocess.run(command, capture_output=True, text=True,
                              timeout=BUDGETED_BUILD_SECONDS)
    assert (finished.returncode, len(finished.stderr.splitlines())) == (1, 1), finished.stderr
    assert "slow.txt" in finished.stderr
    assert (workspace / "out" / "timeline.json").read_text().count('"document"') > 5


def test_rules_edited_during_a_parallel_build_do_not_crash_it(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule file saved while the build runs (an editor, a deploy) gives a clean outcome:
    the build completes with the rules it read, or stops with a RuleError (exit 3), never
    a BrokenProcessPool traceback."""
    for i in range(70):  # enough changed articles for the build to start worker processes
        (workspace / "seeds" / f"extra{i:03}.txt").write_text(
            f" date 2024-03-{i % 28 + 1:02}\nThe ministers discussed item {i} of the agenda.\n")
    real_compile = extract.compile

    def compile_then_edit(rules: RuleSet) -> extract.Extractor:
        compiled = real_compile(rules)
        with (workspace / "rules" / "meeting.toml").open("a") as handle:
            handle.write("\n# saved by an editor while the build runs\n")
        return compiled

    monkeypatch.setattr(extract, "compile", compile_then_edit)
    try:
        report = build.build(workspace / "seeds", workspace / "rules", workspace / "out",
                             workspace / "store.db", T0, jobs=2)
    except RuleError:
        return
    assert report.read == 75
