"""Issue 6, item 3: a bad article is reported with its path and reason and skipped; the rest
build and publish. Text in another encoding is read, not skipped.

One CLI build runs over the seeds plus every kind of bad entry and every encoding (a
module fixture); each test then checks one thing of it. The articles are our own sentences.
"""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import io
import json
import os
import shutil
import time
import tracemalloc
from pathlib import Path
from typing import Any

import attrs
import pytest

from timeline import build, cli, readers
from timeline.errors import ArticleError
from timeline.eventlog import EventLog
from timeline.readers import MAX_ARTICLE_BYTES, ArticleFile, list_articles, read_article

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)

MEETING = (" date 2024-03-14\n"
           "ASTANA, 14 March. President of Kazakhstan Tokayev met with his counterpart, President"
           " of Uzbekistan Shavkat Mirziyoyev in Astana on Thursday.\n"
           "The two leaders discussed water management, transit corridors and the schedule of"
           " the intergovernmental commission.\n")
OTHER_MEETING = MEETING.replace("of Uzbekistan Shavkat Mirziyoyev", "of Kyrgyzstan Sadyr Japarov")
MONTH_MEETING = ("President of Kazakhstan Tokayev met with his counterpart, President of Uzbekistan"
                 " Shavkat Mirziyoyev in Astana in March 2024.\n")
CYRILLIC = "МИНСК, 20 декабря. Президенты обсудили сотрудничество в области энергетики.\n"
WESTERN = MEETING.replace("water management", "water management in Zürich’s café district")
TWENTY_MB = 20 * 1024 * 1024

# name -> (its bytes, or how to make the entry; what its line on stderr must say)
BAD: dict[str, tuple[bytes | str, str]] = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b" \n\t\r\n  \n", "is empty"),
    "image.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "NUL bytes"),
    "nul-in-text.txt": (MEETING.encode()[:60] + b"\x00" + MEETING.encode()[60:], "NUL bytes"),
    "binary-without-nul.txt": (bytes(range(1, 256)) * 4, "control characters"),
    "twenty-megabytes.txt": ("20 MB", f"larger than {MAX_ARTICLE_BYTES} bytes"),
    "dangling-link.txt": ("link", "broken link"),
    "folder.txt": ("folder", "not a regular file (a folder)"),
    "pipe.txt": ("fifo", "not a regular file (a named pipe)"),
}
# name -> (its bytes, the text they read as)
WESTERN_ENCODED: dict[str, tuple[bytes, str]] = {
    "utf16-le-bom.txt": (codecs.BOM_UTF16_LE + WESTERN.encode("utf-16-le"), WESTERN),
    "utf16-be-bom.txt": (codecs.BOM_UTF16_BE + WESTERN.encode("utf-16-be"), WESTERN),
    "utf8-bom.txt": (codecs.BOM_UTF8 + WESTERN.encode(), "\ufeff" + WESTERN),
    "latin1.txt": (WESTERN.replace("’", "'").encode("latin-1"), WESTERN.replace("’", "'")),
    "cp1252.txt": (WESTERN.encode("cp1252"), WESTERN),
}
ENCODED = {**WESTERN_ENCODED, "cp1251.txt": (CYRILLIC.encode("cp1251"), CYRILLIC)}


def make_entry(folder: Path, name: str, spec: bytes | str) -> None:
    path = folder / name
    if isinstance(spec, bytes):
        path.write_bytes(spec)
    elif spec == "20 MB":
        with path.open("wb") as handle:
            handle.seek(TWENTY_MB - 1)
            handle.write(b"x")
    elif spec == "link":
        path.symlink_to(folder / "no-such-target.txt")
    elif spec == "folder":
        path.mkdir()
        (path / "inside.txt").write_text(MEETING)
    elif spec == "fifo":
        os.mkfifo(path)


@attrs.frozen
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stderr.splitlines()


def cli_build(ws: Path, *extra: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["build", "--seeds", str(ws / "seeds"), "--rules", str(ws / "rules"),
                         "--out", str(ws / "out"), "--store", str(ws / "store.db"), *extra])
    return Run(code, out.getvalue(), err.getvalue())


def events(ws: Path) -> list[dict[str, Any]]:
    return json.loads((ws / "out" / "timeline.json").read_text())["events"]  # type: ignore[no-any-return]


def new_workspace(path: Path) -> Path:
    shutil.copytree(ROOT / "seeds", path / "seeds")
    shutil.copytree(ROOT / "rules", path / "rules")
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return new_workspace(tmp_path)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The events of the seeds alone."""
    ws = new_workspace(tmp_path_factory.mktemp("clean"))
    build.build(ws / "seeds", ws / "rules", ws / "out", ws / "store.db", T0)
    return events(ws)


@pytest.fixture(scope="module")
def dirty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, list[dict[str, Any]]]:
    """One CLI build over the seeds, every bad entry, and every encoded article."""
    ws = new_workspace(tmp_path_factory.mktemp("dirty"))
    for name, (spec, _) in BAD.items():
        make_entry(ws / "seeds", name, spec)
    for name, (data, _) in ENCODED.items():
        (ws / "seeds" / name).write_bytes(data)
    return cli_build(ws), events(ws)


@pytest.mark.parametrize("name", list(BAD))
def test_a_bad_entry_is_reported_on_one_line_with_path_and_reason(
        dirty: tuple[Run, list[dict[str, Any]]], name: str) -> None:
    """Exactly one line of stderr names the entry's path and says what is wrong with it."""
    run, _ = dirty
    lines = [line for line in run.lines if f"/{name}:" in line]
    assert len(lines) == 1, run.stderr
    assert BAD[name][1] in lines[0]
    assert lines[0].startswith("timeline: skipped /")


def test_only_the_bad_entries_are_reported_and_the_build_exits_1(
        dirty: tuple[Run, list[dict[str, Any]]]) -> None:
    """Nine bad entries: nine lines, exit code 1; the encoded articles are not among them."""
    run, _ = dirty
    reported = sorted(line.split(": skipped ")[1].split(":")[0].rsplit("/", 1)[1]
                      for line in run.lines)
    assert (1, sorted(BAD)) == (run.code, reported)
    assert run.stdout == ""


def test_the_rest_is_built_as_if_the_bad_entries_were_not_there(
        dirty: tuple[Run, list[dict[str, Any]]], clean: list[dict[str, Any]]) -> None:
    """The seeds' events are exactly those of a build of the seeds alone."""
    _, built = dirty
    seeds_only = [e for e in built if not {s["document"] for s in e["sources"]} & set(ENCODED)]
    assert clean == seeds_only


def test_articles_in_other_encodings_give_the_same_event(
        dirty: tuple[Run, list[dict[str, Any]]]) -> None:
    """The meeting written in UTF-16 (both byte orders), UTF-8 with BOM, Latin-1 and
    Windows-1252 is one entry citing all five files, at the same words of each."""
    _, built = dirty
    (meeting,) = [e for e in built if {s["document"] for s in e["sources"]} & set(ENCODED)]
    assert sorted(WESTERN_ENCODED) == sorted(s["document"] for s in meeting["sources"])
    assert sorted(meeting["participants"]) == ["Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"]
    for source in meeting["sources"]:
        _, text = WESTERN_ENCODED[source["document"]]
        assert text[source["start"]:source["end"]].startswith("President of Kazakhstan")


@pytest.mark.parametrize("name", list(ENCODED))
def test_an_encoded_article_reads_as_its_text(tmp_path: Path, name: str) -> None:
    """Decoding recovers the very characters that were written."""
    data, text = ENCODED[name]
    (tmp_path / name).write_bytes(data)
    (file,), _ = list_articles(tmp_path)
    assert text == read_article(file).text


def test_a_twenty_megabyte_article_costs_bounded_time_and_memory(tmp_path: Path) -> None:
    """Refused from its size: well under a second, and under 1 MiB of memory."""
    path = tmp_path / "big.txt"
    path.write_bytes(b"Tokayev met Putin. " * (TWENTY_MB // 19 + 1))
    (file,), _ = list_articles(tmp_path)
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(ArticleError, match="larger than"):
        read_article(file)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 0.5 and peak < 1024 * 1024, (elapsed, peak)


def test_an_article_that_grows_past_the_limit_is_read_only_up_to_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even when the size it had when checked was small, at most the limit + 1 is read."""
    path = tmp_path / "growing.txt"
    path.write_bytes(b"Tokayev met Putin. " * (TWENTY_MB // 19 + 1))
    real_fstat = os.fstat
    monkeypatch.setattr(os, "fstat",
                        lambda fd: os.stat_result((*real_fstat(fd)[:6], 100, *real_fstat(fd)[7:])))
    tracemalloc.start()
    with pytest.raises(ArticleError, match="larger than"):
        read_article(ArticleFile("growing.txt", path, 100, 0))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 2 * MAX_ARTICLE_BYTES


def vanish_after_listing(monkeypatch: pytest.MonkeyPatch, name: str,
                         replace_with: str | None = None) -> None:
    """The listing sees `name`; right after it, the file is deleted (or becomes a pipe)."""
    real = readers.list_articles

    def listing_then_vanish(folder: Path) -> tuple[Any, Any]:
        listed = real(folder)
        (folder / name).unlink()
        if replace_with == "fifo":
            os.mkfifo(folder / name)
        return listed

    monkeypatch.setattr(readers, "list_articles", listing_then_vanish)


def test_a_file_that_vanishes_between_listing_and_reading_is_reported(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Night 2: the edited article vanishes while the build runs; it is reported and what it
    said is kept. Night 3: it is gone from the listing, and its entries are withdrawn."""
    article = workspace / "seeds" / "mine.txt"
    article.write_text(MEETING)
    assert cli_build(workspace).code == 0
    cited = [e["id"] for e in events(workspace) if e["sources"][0]["document"] == "mine.txt"]
    article.write_text(MEETING + "More words.\n")
    with monkeypatch.context() as patch:
        vanish_after_listing(patch, "mine.txt")
        night2 = cli_build(workspace)
    assert (night2.code, len(night2.lines)) == (1, 1)
    assert "mine.txt: cannot be read (it vanished after it was listed)" in night2.stderr
    assert cited == [e["id"] for e in events(workspace)
                     if e["sources"][0]["document"] == "mine.txt"]
    night3 = cli_build(workspace)
    assert (night3.code, night3.stderr) == (0, "")
    assert not [e for e in events(workspace) if e["sources"][0]["document"] == "mine.txt"]


def test_a_file_that_becomes_a_named_pipe_after_listing_does_not_hang_the_build(
        workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a pipe with no writer would wait forever; it is refused at once instead."""
    (workspace / "seeds" / "mine.txt").write_text(MEETING)
    vanish_after_listing(monkeypatch, "mine.txt", replace_with="fifo")
    run = cli_build(workspace)
    assert (run.code, len(run.lines)) == (1, 1)
    assert "mine.txt: is not a regular file (a named pipe)" in run.stderr


def test_an_edited_article_supersedes_what_it_said_before(workspace: Path) -> None:
    """The old meeting is cancelled in the feed and leaves the JSON; the new one appears;
    the log keeps both readings of the article (append-only)."""
    article = workspace / "seeds" / "mine.txt"
    article.write_text(MEETING)
    cli_build(workspace)
    (old,) = [e for e in events(workspace) if e["sources"][0]["document"] == "mine.txt"]
    article.write_text(OTHER_MEETING)
    run = cli_build(workspace)
    (new,) = [e for e in events(workspace) if e["sources"][0]["document"] == "mine.txt"]
    assert (run.code, run.stderr) == (0, "")
    assert sorted(new["participants"]) == ["Kassym-Jomart Tokayev", "Sadyr Japarov"]
    assert old["id"] not in [e["id"] for e in events(workspace)]
    assert "STATUS:CANCELLED" in ics_block(workspace, old["id"])
    with EventLog(workspace / "store.db", create=False) as log:
        readings = [r for r in log.records() if getattr(r.payload, "document", "") == "mine.txt"]
    assert [r.kind for r in readings] == ["document-extracted", "document-extracted"]


def test_an_edit_that_refines_the_date_keeps_the_entry_and_raises_its_sequence(
        workspace: Path) -> None:
    """'in March 2024' becomes '14 March': the same UID, the day, SEQUENCE 1."""
    article = workspace / "seeds" / "mine.txt"
    article.write_text(MONTH_MEETING)
    cli_build(workspace)
    (before,) = [e for e in events(workspace) if e["sources"][0]["document"] == "mine.txt"]
    article.write_text(MEETING)
    cli_build(workspace)
    (after,) = [e for e in events(workspace) if e["sources"][0]["document"] == "mine.txt"]
    assert (before["date"], after["date"]) == ("2024-03", "2024-03-14")
    assert before["id"] == after["id"]
    assert "SEQUENCE:1" in ics_block(workspace, after["id"]).replace("\r\n", "\n").split("\n")


def ics_block(ws: Path, uid: str) -> str:
    text = (ws / "out" / "timeline.ics").read_text()
    (block,) = [b for b in text.split("BEGIN:VEVENT")[1:] if f"UID:{uid}" in b]
    return block
