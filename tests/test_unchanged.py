"""Issue 14, item 3: a build with nothing to do costs a listing and the log's document
table: it parses no rule, imports no extraction or emitter, decodes no record; and it is
told apart from every build that has something to do."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import build, projections
from timeline.eventlog import EventLog

T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)


def run(ws: Path, days: int = 0) -> build.BuildReport:
    return build.build(ws / "seeds", ws / "rules", ws / "out", ws / "store.db",
                       T0 + dt.timedelta(days=days))


def test_a_build_with_nothing_to_do_imports_neither_extraction_nor_emitters(
        workspace: Path) -> None:
    run(workspace)
    script = (
        "import sys\n"
        "from timeline import cli\n"
        f"code = cli.main(['build', '--seeds', {str(workspace / 'seeds')!r}, '--rules', "
        f"{str(workspace / 'rules')!r}, '--out', {str(workspace / 'out')!r}, '--store', "
        f"{str(workspace / 'store.db')!r}])\n"
        "print(code, sorted(sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    code, modules = done.stdout.split(" ", 1)
    assert code == "0" and done.stderr == ""
    for heavy in ("timeline.extract", "timeline.rules", "timeline.dates", "timeline.diagnose",
                  "timeline.emit.chart", "timeline.emit.ical", "matplotlib", "icalendar",
                  "pendulum"):
        assert f"'{heavy}'" not in modules, heavy


def _touch(ws: Path) -> None:
    article = sorted((ws / "seeds").iterdir())[0]
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))


def _edit_rules(ws: Path) -> None:
    with (ws / "rules" / "visit.toml").open("a", encoding="utf-8") as handle:
        handle.write("\n# a comment: a new fingerprint\n")


def _add(ws: Path) -> None:
    (ws / "seeds" / "zz-new.txt").write_text(
        " date 2024-03-05 Kassym-Jomart Tokayev arrived in Minsk on a state visit.\n",
        encoding="utf-8")


CHANGES: dict[str, Callable[[Path], object]] = {
    "an article touched": _touch,
    "an article added": _add,
    "an article deleted": lambda ws: sorted((ws / "seeds").iterdir())[0].unlink(),
    "a rule file edited": _edit_rules,
    "an output deleted": lambda ws: (ws / "out" / "chronicle.md").unlink(),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_is_seen_and_built(workspace: Path, change: str) -> None:
    run(workspace)
    assert run(workspace, days=1).read == 0
    CHANGES[change](workspace)
    report = run(workspace, days=2)
    assert (report.read, report.withdrawn, len(report.written)) != (0, 0, 0), report
    assert run(workspace, days=3).summary() == build.BuildReport(
        report.articles, 0, (), 0, 0, 0, (), ()).summary()


def test_outputs_of_unknown_origin_are_rendered_again(workspace: Path) -> None:
    """Without the manifest nothing says what the outputs were rendered from: the build
    renders them all, writes none whose bytes are the same, and records the manifest."""
    run(workspace)
    (workspace / "store.db.outputs").unlink()
    report = run(workspace, days=1)
    assert (report.read, report.written) == (0, ())
    assert (workspace / "store.db.outputs").is_file()


def test_the_document_table_is_what_replaying_the_log_gives(workspace: Path) -> None:
    run(workspace)
    _touch(workspace)
    sorted((workspace / "seeds").iterdir())[-1].unlink()
    run(workspace, days=1)
    with EventLog(workspace / "store.db") as log:
        table = log.documents()
        state = projections.replay(log.records())
    assert table == {name: (d.size, d.mtime_ns, d.rules) for name, d in state.documents.items()}
    assert len(table) == len(list((workspace / "seeds").iterdir()))


def test_a_store_of_layout_1_gets_its_document_table_on_opening(workspace: Path) -> None:
    run(workspace)
    with EventLog(workspace / "store.db") as log:
        expected = log.documents()
    db = sqlite3.connect(workspace / "store.db")
    db.executescript("DROP TABLE documents; PRAGMA user_version = 1;")
    db.close()
    with EventLog(workspace / "store.db") as log:
        assert log.documents() == expected
    assert json.loads((workspace / "out" / "timeline.json").read_text())["events"]
    assert run(workspace, days=1).read == 0
