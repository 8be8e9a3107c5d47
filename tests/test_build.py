"""`timeline build` end to end: idempotent, incremental, and safe with bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from timeline import build, cli
from timeline.errors import LockedError, RuleError
from timeline.eventlog import EventLog

T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)


def run(ws: Path, days: int = 0) -> build.BuildReport:
    return build.build(ws / "seeds", ws / "rules", ws / "out", ws / "store.db",
                       T0 + dt.timedelta(days=days))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def record_count(ws: Path) -> int:
    with EventLog(ws / "store.db") as log:
        return sum(1 for _ in log.records())


def events(ws: Path) -> list[dict]:  # type: ignore[type-arg]
    return json.loads((ws / "out" / "timeline.json").read_text())["events"]  # type: ignore[no-any-return]


def test_second_build_appends_nothing_and_rewrites_nothing(workspace: Path) -> None:
    """Over unchanged inputs a build reads no article, appends no record, writes no file."""
    first = run(workspace)
    assert first.read == 5 and first.written
    before, count = snapshot(workspace / "out"), record_count(workspace)
    second = run(workspace, days=1)
    assert (second.read, second.observations, second.revisions, second.written) == (0, 0, 0, ())
    assert snapshot(workspace / "out") == before
    assert record_count(workspace) == count


def test_touched_article_is_read_but_changes_nothing(workspace: Path) -> None:
    """A new mtime with the same text costs one read and one small record, no output."""
    run(workspace)
    before = snapshot(workspace / "out")
    article = next((workspace / "seeds").iterdir())
    article.touch()
    report = run(workspace, days=1)
    assert (report.read, report.observations, report.written) == (1, 0, ())
    assert snapshot(workspace / "out") == before
    assert run(workspace, days=2).read == 0


def test_changed_rules_re_extract_as_new_records(workspace: Path) -> None:
    """A new rule fingerprint re-reads every article; the same outputs follow."""
    run(workspace)
    before = snapshot(workspace / "out")
    rule_file = sorted((workspace / "rules").glob("*.toml"))[0]
    rule_file.write_text(rule_file.read_text() + "\n# edited\n")
    report = run(workspace, days=1)
    assert report.read == 5 and report.written == ()
    assert snapshot(workspace / "out") == before


def test_deleted_article_retracts_what_it_alone_supported(workspace: Path) -> None:
    """Removing an article removes its entries from the JSON and cancels them in the feed."""
    run(workspace)
    gone = sorted((workspace / "seeds").iterdir())[0]
    cited = {e["id"] for e in events(workspace)
             if {s["document"] for s in e["sources"]} == {gone.name}}
    assert cited
    gone.unlink()
    report = run(workspace, days=1)
    assert report.withdrawn == 1
    assert cited.isdisjoint(e["id"] for e in events(workspace))
    ics = (workspace / "out" / "timeline.ics").read_text()
    blocks = {b.split("UID:")[1].split("\n")[0].strip(): b for b in ics.split("BEGIN:VEVENT")[1:]}
    assert any(uid in blocks for uid in cited)
    assert all("STATUS:CANCELLED" in blocks[uid] for uid in cited if uid in blocks)


def test_bad_rule_file_stops_before_anything_is_written(workspace: Path) -> None:
    """Malformed TOML names the file; no store and no output appear."""
    (workspace / "rules" / "zz-broken.toml").write_text("[[event]\nid = ")
    with pytest.raises(RuleError, match=r"zz-broken\.toml"):
        run(workspace)
    assert not (workspace / "out").exists()
    assert not (workspace / "store.db").exists()


def test_unreadable_article_is_skipped_and_reported(workspace: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A binary .txt costs exit code 1 and one line on stderr; the rest is built."""
    (workspace / "seeds" / "broken.txt").write_bytes(b"\x00\x01binary")
    code = cli.main(["build", "--seeds", str(workspace / "seeds"), "--rules",
                     str(workspace / "rules"), "--out", str(workspace / "out"),
                     "--store", str(workspace / "store.db")])
    err = capsys.readouterr().err
    assert code == 1
    assert "broken.txt" in err and len(err.strip().splitlines()) == 1
    assert events(workspace)


def test_second_build_waits_or_exits_75_while_locked(workspace: Path) -> None:
    """One build at a time: a concurrent build exits at once with code 75."""
    with build.locked(workspace / "store.db"), pytest.raises(LockedError) as caught:
        run(workspace)
    assert caught.value.exit_code == 75


def test_as_of_rebuilds_outputs_as_they_were(workspace: Path) -> None:
    """Outputs at an earlier log position equal the outputs written at that time."""
    extra = sorted((workspace / "seeds").iterdir())[-1]
    held = extra.read_bytes()
    extra.unlink()
    run(workspace)
    then = (workspace / "out" / "timeline.json").read_bytes()
    position = record_count(workspace)
    extra.write_bytes(held)
    run(workspace, days=1)
    assert (workspace / "out" / "timeline.json").read_bytes() != then
    build.render_as_of(workspace / "store.db", workspace / "past", position=position)
    assert (workspace / "past" / "timeline.json").read_bytes() == then
