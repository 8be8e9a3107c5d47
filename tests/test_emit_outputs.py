"""timeline.emit.OUTPUTS: the files a build writes and the render function of each."""

from __future__ import annotations

import datetime as dt
import errno
from pathlib import Path

import pytest

from emit_fixtures import modules_loaded_after, small_timeline
from timeline import publish
from timeline.emit import OUTPUTS, outputs


def test_outputs_name_every_file_in_the_build_order() -> None:
    """The build writes these five files, in this order."""
    expected = ("timeline.json", "timeline.ics", "chronicle.md", "timeline.png", "timelinejs.json")
    assert expected == tuple(name for name, _ in OUTPUTS)


def test_every_output_renders_bytes() -> None:
    """Each render function turns a Timeline into non-empty bytes."""
    for name, render in OUTPUTS:
        output = render(small_timeline())
        assert isinstance(output, bytes) and output, name


def test_heavy_libraries_are_imported_only_for_their_output() -> None:
    """Rendering the JSON and the chronicle imports neither matplotlib nor icalendar."""
    script = (
        "from emit_fixtures import small_timeline\n"
        "from timeline.emit import OUTPUTS\n"
        "renders = dict(OUTPUTS)\n"
        "renders['timeline.json'](small_timeline())\n"
        "renders['chronicle.md'](small_timeline())\n"
        "renders['timelinejs.json'](small_timeline())\n"
    )
    assert modules_loaded_after(script, ("matplotlib", "icalendar")) == []


def test_commemorations_reach_the_calendar_feed_only() -> None:
    """outputs(commemorations=...) adds the yearly event to the .ics and changes nothing else."""
    victory = {"Victory Day": dt.date(1945, 5, 9)}
    plain = {name: render(small_timeline()) for name, render in OUTPUTS}
    flagged = {name: render(small_timeline()) for name, render in outputs(commemorations=victory)}
    changed = [name for name in plain if plain[name] != flagged[name]]
    assert changed == ["timeline.ics"]
    assert b"RRULE:FREQ=YEARLY" in flagged["timeline.ics"]


def test_outputs_written_while_the_next_renders_are_those_a_render_gives(
        tmp_path: Path) -> None:
    """Each output is written by a thread while the next one renders: the files, the names
    reported written and the manifest are those of writing them one after another, and
    an output whose bytes did not change is not written again."""
    timeline = small_timeline()
    manifest = (tmp_path / "manifest", "key")
    written = publish.write_outputs(timeline, tmp_path / "out", OUTPUTS, manifest)
    assert written == tuple(name for name, _ in OUTPUTS)
    for name, render in OUTPUTS:
        assert (tmp_path / "out" / name).read_bytes() == render(timeline)
    assert manifest[0].read_text() == "key"
    assert publish.write_outputs(timeline, tmp_path / "out", OUTPUTS, manifest) == ()


def test_a_failed_write_stops_the_render_and_leaves_no_manifest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk refusing the second output: the error reaches the caller, the outputs
    after it are not written, and no manifest claims the outputs are current."""
    real = publish.write_atomically

    def full_disk(target: Path, data: bytes) -> None:
        if target.name == OUTPUTS[1][0]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(target, data)

    monkeypatch.setattr(publish, "write_atomically", full_disk)
    manifest = (tmp_path / "manifest", "key")
    with pytest.raises(OSError, match="No space"):
        publish.write_outputs(small_timeline(), tmp_path / "out", OUTPUTS, manifest)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [OUTPUTS[0][0]]
    assert not manifest[0].exists()
