"""Issue 6, item 5: a store that cannot be trusted is refused (exit 4) with one line naming
it and `timeline rebuild`, and nothing is overwritten; `timeline rebuild` sets it aside and
re-creates the log from the articles.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from timeline import cli

ROOT = Path(__file__).resolve().parent.parent


def cli_run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(args))
    return code, out.getvalue(), err.getvalue()


def flags(ws: Path) -> list[str]:
    return ["--seeds", str(ws / "seeds"), "--rules", str(ws / "rules"), "--out",
            str(ws / "out"), "--store", str(ws / "store.db")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace after one good build: store and outputs in place."""
    ws = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "seeds", ws / "seeds")
    shutil.copytree(ROOT / "rules", ws / "rules")
    assert cli_run("build", *flags(ws))[0] == 0
    return ws


@pytest.fixture
def workspace(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built, tmp_path / "ws")
    return tmp_path / "ws"


def foreign(store: Path) -> None:
    """Another program's SQLite database in the store's place."""
    store.unlink()
    db = sqlite3.connect(store)
    db.execute("CREATE TABLE invoices (number INTEGER, total REAL)")
    db.execute("INSERT INTO invoices VALUES (1, 9.5)")
    db.commit()
    db.close()


def text_file(store: Path) -> None:
    store.write_text("name,date\nTokayev,2024-03-14\n" * 50)


def truncated(store: Path) -> None:
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 3])


def corrupted_pages(store: Path) -> None:
    """Garbage over the middle of the file: every page after the header is damaged."""
    data = bytearray(store.read_bytes())
    middle = len(data) // 2
    data[4096:len(data) - 512] = bytes((i * 7 + 13) % 256 for i in range(len(data) - 4608))
    assert middle
    store.write_bytes(bytes(data))


def newer_schema(store: Path) -> None:
    db = sqlite3.connect(store)
    db.execute("PRAGMA user_version = 99")
    db.close()


DAMAGE: dict[str, tuple[Callable[[Path], None], str]] = {
    "another program's database": (foreign, "is not a timeline event log"),
    "a text file": (text_file, "not a readable timeline log"),
    "truncated": (truncated, "timeline"),
    "corrupted pages": (corrupted_pages, "timeline"),
    "newer schema": (newer_schema, "newer timeline (schema 99)"),
}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_bad_store_is_refused_and_nothing_is_overwritten(workspace: Path, case: str) -> None:
    """Exit 4, one line naming the store and `timeline rebuild`; store and out/ unchanged."""
    damage, problem = DAMAGE[case]
    store = workspace / "store.db"
    damage(store)
    files = [p for p in workspace.iterdir() if p.name.startswith("store.db")]
    files += sorted((workspace / "out").iterdir())
    before = contents(files)
    code, stdout, stderr = cli_run("build", *flags(workspace))
    assert (code, stdout, len(stderr.splitlines())) == (4, "", 1), stderr
    assert str(store) in stderr and problem in stderr and "timeline rebuild" in stderr
    assert before == contents(files)


def contents(files: list[Path]) -> dict[Path, tuple[bytes, int]]:
    """Bytes and modification time of each file."""
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}


@pytest.mark.parametrize("case", list(DAMAGE))
def test_rebuild_sets_the_bad_store_aside_and_recreates_the_log(
        workspace: Path, built: Path, case: str) -> None:
    """`timeline rebuild` keeps the old bytes under a new name and publishes the same events."""
    damage, _ = DAMAGE[case]
    store = workspace / "store.db"
    damage(store)
    damaged = store.read_bytes()
    code, stdout, _ = cli_run("rebuild", "-v", *flags(workspace))
    assert code == 0
    (kept,) = [p for p in workspace.iterdir() if p.name.endswith(".old")]
    assert kept.read_bytes() == damaged
    assert f"old store kept as {kept}" in stdout
    assert events(built) == events(workspace)
    assert cli_run("build", *flags(workspace))[0] == 0


def events(ws: Path) -> list[object]:
    return json.loads((ws / "out" / "timeline.json").read_text())["events"]  # type: ignore[no-any-return]


def test_a_store_that_is_a_folder_is_refused_with_exit_4(workspace: Path) -> None:
    """A folder where the store file should be is named, not a traceback."""
    (workspace / "store.db").unlink()
    (workspace / "store.db").mkdir()
    code, _, stderr = cli_run("build", *flags(workspace))
    assert (code, len(stderr.splitlines())) == (4, 1), stderr
    assert "store.db" in stderr


def test_log_and_as_of_refuse_a_bad_store_the_same_way(workspace: Path) -> None:
    """The read-only commands give the same one line and exit code as build."""
    corrupted_pages(workspace / "store.db")
    for command in (["log", "--store", str(workspace / "store.db")],
                    ["build", "--as-of", "1", *flags(workspace)]):
        code, _, stderr = cli_run(*command)
        assert (code, len(stderr.splitlines())) == (4, 1), (command, stderr)
        assert "timeline rebuild" in stderr
