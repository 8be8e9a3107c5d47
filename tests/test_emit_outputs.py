"""timeline.emit.OUTPUTS: the files a build writes and the render function of each."""

from __future__ import annotations

import datetime as dt

from emit_fixtures import modules_loaded_after, small_timeline
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
