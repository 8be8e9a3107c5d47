"""Issue 6, item 6: exit codes and output for cron, from real `timeline` processes.

0 and silent on success; `-v` one line of summary; 1 when articles were skipped (one line
each); 2 usage; 3 bad rules; 4 bad store; 75 locked. `--help` documents them.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from cron_fixtures import only_warnings

ROOT = Path(__file__).resolve().parent.parent
SUMMARY = re.compile(r"\d+ articles, \d+ read, \d+ skipped, \d+ new observations, "
                     r"\d+ withdrawn, \d+ entries changed, \d+ outputs written")


@attrs.frozen
class Run:
    code: int
    stdout: str
    stderr: str


def timeline(*args: str) -> Run:
    script = Path(sys.executable).with_name("timeline")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "timeline.cli"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=300)
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    ws = tmp_path_factory.mktemp("cli")
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    shutil.copytree(ROOT / "rules", ws / "rules")
    return ws


def flags(ws: Path, store: str = "store.db", rules: str = "rules") -> list[str]:
    return ["--seeds", str(ws / "seeds"), "--rules", str(ws / rules), "--out",
            str(ws / "out"), "--store", str(ws / store)]


@pytest.fixture(scope="module")
def first(workspace: Path) -> Run:
    """The first build of the seeds, as cron runs it."""
    return timeline("build", *flags(workspace))


def test_success_is_silent_with_exit_0(first: Run) -> None:
    """Nothing on stdout or stderr: cron sends no mail."""
    assert first == Run(0, "", "")


def test_verbose_prints_a_one_line_summary(workspace: Path, first: Run) -> None:
    """-v: one line on stdout with articles read, skipped, new observations, entries changed."""
    run = timeline("build", "-v", *flags(workspace))
    assert run.code == 0
    assert SUMMARY.fullmatch(run.stdout.strip()), run.stdout
    assert len(run.stdout.splitlines()) == 1


def test_verbose_output_is_one_line_in_all_on_a_night_with_new_articles(tmp_path: Path
                                                                         ) -> None:
    """Cron mails stdout and stderr together: with -v the mail is that one line, however
    many articles came in (extraction notes belong to `timeline explain`, or to -vv)."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    run = timeline("build", "-v", *flags(tmp_path, rules=str(ROOT / "rules")))
    assert run.code == 0
    assert len((run.stdout + run.stderr).splitlines()) == 1, run.stderr[:300]


def test_skipped_articles_give_exit_1_every_night_until_fixed(tmp_path: Path) -> None:
    """One line per bad article on stderr, nothing on stdout; the next night again (so
    monitoring keeps noticing), and 0 once the article is removed."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    (tmp_path / "seeds" / "scan.txt").write_bytes(b"\x00\x01\x02 scanned page")
    (tmp_path / "seeds" / "notes.txt").write_bytes(b"")
    for _ in range(2):
        run = timeline("build", *flags(tmp_path))
        assert (run.code, run.stdout, len(run.stderr.splitlines())) == (1, "", 2)
        assert "scan.txt" in run.stderr and "notes.txt" in run.stderr
    (tmp_path / "seeds" / "scan.txt").unlink()
    (tmp_path / "seeds" / "notes.txt").unlink()
    assert timeline("build", *flags(tmp_path)) == Run(0, "", "")


@pytest.mark.parametrize("args", [["build", "--bogus"], ["frobnicate"], [],
                                  ["build", "--as-of", "last tuesday"]])
def test_usage_errors_exit_2(workspace: Path, args: list[str]) -> None:
    """Unknown flags, commands, a missing command or a bad value: exit 2, said on stderr."""
    extra = flags(workspace) if args and args[0] == "build" else []
    run = timeline(*args, *extra)
    assert (run.code, run.stdout) == (2, "")
    assert "timeline" in run.stderr and ("error" in run.stderr or "--as-of" in run.stderr)


def test_a_bad_rule_file_exits_3(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    (tmp_path / "rules" / "zz.toml").write_text("[[event]\nid = ")
    run = timeline("build", *flags(tmp_path))
    assert (run.code, run.stdout, len(run.stderr.splitlines())) == (3, "", 1)
    assert "zz.toml" in run.stderr


def test_a_bad_store_exits_4(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "store.db").write_bytes(b"SQLite format 2\x00" + b"\xff" * 4000)
    run = timeline("build", *flags(tmp_path, rules=str(ROOT / "rules")))
    assert (run.code, run.stdout, len(run.stderr.splitlines())) == (4, "", 1)
    assert "store.db" in run.stderr and "timeline rebuild" in run.stderr


def test_a_held_lock_exits_75(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    with (tmp_path / "store.db.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        run = timeline("build", *flags(tmp_path, rules=str(ROOT / "rules")))
    assert (run.code, run.stdout, len(run.stderr.splitlines())) == (75, "", 1)


@pytest.mark.parametrize("command", [[], ["build"], ["rebuild"]])
def test_help_documents_every_exit_code_and_wait(command: list[str]) -> None:
    """--help lists 0, 1, 2, 3, 4 and 75 with their meaning; build's names --wait."""
    run = timeline(*command, "--help")
    assert (run.code, run.stderr) == (0, "")
    codes = re.findall(r"^\s+(\d+)\s+\w", run.stdout.split("exit codes:")[1], re.MULTILINE)
    assert codes == ["0", "1", "2", "3", "4", "75"]
    if command == ["build"]:
        assert "--wait" in run.stdout


def test_a_progress_bar_on_a_terminal_and_not_under_cron(tmp_path: Path) -> None:
    """Issue 7, item 5: a long build draws a progress line on a terminal's stderr, and
    clears it; with stderr a pipe (cron) it writes nothing."""
    from bench_fixtures import generate

    generate.write(tmp_path / "seeds", 80, seed=3)
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    script = Path(sys.executable).with_name("timeline")
    leader, follower = pty.openpty()
    with subprocess.Popen([str(script), "build", *flags(tmp_path)], stdout=subprocess.PIPE,
                          stderr=follower) as build:
        os.close(follower)
        drawn = b""
        while chunk := _read_or_eof(leader):
            drawn += chunk
        assert build.wait(timeout=300) == 0
    os.close(leader)
    assert re.search(rb"\r\[#+ *\] 80/80 articles, [\d,]+/s", drawn), drawn
    assert only_warnings(drawn.rpartition(b"\r\x1b[K")[2].decode())  # cleared first
    quiet = timeline("build", *flags(tmp_path, store="cron.db"))
    assert quiet.code == 0 and only_warnings(quiet.stderr)  # nothing drawn


def _read_or_eof(fd: int) -> bytes:
    try:
        return os.read(fd, 4096)
    except OSError:  # Linux reports the closed terminal as EIO
        return b""


def test_an_article_of_uncertain_year_is_named_on_stderr_once(tmp_path: Path) -> None:
    """Issue 13, item 2: a dateline with no year whose article's dates disagree on one
    is built (its events marked year-uncertain) and said once, with the fix."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "parade.txt").write_text(
        "BISHKEK, Oct. 2 (Xinhua) -- Relations were established on 8 January 1992, and "
        "their 30th anniversary was celebrated in 2022. President Sadyr Japarov arrived in "
        "Tashkent on a state visit.\n", encoding="utf-8")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    built = timeline("build", *flags(tmp_path))
    assert built.code == 0
    assert built.stderr.splitlines() == [
        "timeline: warning: parade.txt: its dateline has no year and its own dates disagree "
        "on one; its events are marked year-uncertain (to settle it, add a first line "
        "` date YYYY-MM-DD`)"]
    assert timeline("build", *flags(tmp_path)).stderr == ""  # not read again: not said again
