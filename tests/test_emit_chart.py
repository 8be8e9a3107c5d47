"""out/timeline.png: lanes per type on a date axis, labels that never overlap, same bytes."""

from __future__ import annotations

import datetime as dt
import itertools
import zlib

import attrs
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from emit_fixtures import (
    cite,
    entry,
    hostile_timeline,
    modules_loaded_after,
    small_timeline,
    synthetic_timeline,
)
from timeline.emit import chart, chartdraw, chartplan
from timeline.emit.pieces import Pieces
from timeline.model import DateValue, Timeline


def draw(timeline: Timeline) -> Figure:
    return chartdraw.draw(chartplan.plan(timeline))


def labels(figure: Figure) -> list[Text]:
    return [t for t in figure.findobj(Text) if t.get_gid() == chartdraw.LABEL_GID]


def png_text_chunks(png: bytes) -> dict[bytes, bytes]:
    """The tEXt/iTXt/zTXt chunks of a PNG: where version or time metadata would sit."""
    chunks, position = {}, 8
    while position < len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        kind = png[position + 4 : position + 8]
        data = png[position + 8 : position + 8 + length]
        if kind in (b"tEXt", b"iTXt", b"zTXt"):
            key, _, value = data.partition(b"\0")
            chunks[key] = zlib.decompress(value[1:]) if kind == b"zTXt" else value
        position += 12 + length
    return chunks


@pytest.mark.parametrize("size", [5, 40, 5000])
def test_labels_never_overlap(size: int) -> None:
    """The renderer's boxes of all labels (titles or counts) are pairwise disjoint and
    inside the axes, for a small, a middling and a 5,000-event timeline."""
    figure = draw(small_timeline() if size == 5 else synthetic_timeline(size))
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    frame = figure.axes[0].get_window_extent(renderer)
    boxes = [t.get_window_extent(renderer) for t in labels(figure)]
    assert boxes, "the chart has labels"
    assert [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)] == []
    assert [b for b in boxes if b.x0 < frame.x0 or b.x1 > frame.x1 or b.y1 > frame.y1] == []


def test_a_small_timeline_labels_every_event() -> None:
    """Four dated entries in four lanes: each gets its title as a label."""
    expected = {
        "80th anniversary of the Victory",
        "Sadyr Japarov to Kazakhstan",
        "Kassym-Jomart Tokayev to Vladimir Putin",
        "Bektenov and Mishustin",
    }
    assert expected == {t.get_text() for t in labels(draw(small_timeline()))}


def test_events_of_one_type_on_one_day_share_a_mark() -> None:
    """Seven telegrams sent on one day are one point labelled '7 telegrams'."""
    day = DateValue.day(dt.date(2021, 5, 9))
    telegrams = tuple(
        entry(f"t{n}@timeline", "telegram", f"Greeting {n}", day, cite("000.txt", n, "Sent."))
        for n in range(7)
    )
    assert [t.get_text() for t in labels(draw(Timeline(telegrams, 1, 1)))] == ["7 telegrams"]


def test_a_large_timeline_shows_counts_per_period() -> None:
    """5,000 events are drawn as counts per lane per quarter, never as 5,000 titles."""
    figure = draw(synthetic_timeline(5000))
    texts = [t.get_text() for t in labels(figure)]
    assert all(text.replace(",", "").isdigit() for text in texts)
    assert any("counted per quarter" in t.get_text() for t in figure.texts)


def test_one_lane_per_type_in_a_fixed_order() -> None:
    """Known types keep their order; types the rules add later follow alphabetically."""
    assert chartplan.lane_order(
        ["phone call", "telegram", "visit", "fax"]
    ) == ("visit", "telegram", "fax", "phone call")
    figure = draw(synthetic_timeline(40))
    ticks = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert ticks == ["Phone call", "Anniversary", "Telegram", "Meeting", "Visit"]


def test_each_type_keeps_its_colour() -> None:
    """A visit is always blue; extra types take the extra palette in order."""
    lanes = ("visit", "meeting", "fax", "phone call")
    assert ["#1f77b4", "#2ca02c", chartplan.EXTRA_COLOURS[0], chartplan.EXTRA_COLOURS[1]] == [
        chartplan.colour(t, lanes) for t in lanes
    ]


def test_the_same_timeline_gives_the_same_png_without_version_or_time() -> None:
    """Two renders are byte-identical and the PNG names no software, version or time."""
    first = chart.render(small_timeline())
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert first == chart.render(small_timeline())
    chunks = png_text_chunks(first)
    assert [key for key in chunks if key in (b"Software", b"Creation Time", b"Date")] == []
    assert b"atplotlib" not in first


def test_text_from_articles_is_drawn_literally() -> None:
    """A title with '$' signs, HTML, line breaks and a character the font lacks renders
    without mathtext errors or missing-glyph warnings."""
    odd = attrs.evolve(hostile_timeline().entries[0], title="Cost $5 and $x^2$ 中文\nend")
    figure = draw(Timeline((odd,), 1, 1))
    assert [t.get_text() for t in labels(figure)] == ["Cost $5 and $x^2$ ?? end"]
    assert chart.render(Timeline((odd,), 1, 1)).startswith(b"\x89PNG")


def test_an_empty_timeline_still_draws() -> None:
    """No dated entry: an empty lane, a title and no error."""
    assert chart.render(Timeline((), 0, 0)).startswith(b"\x89PNG")


def test_pyplot_is_never_imported() -> None:
    """The chart uses Figure and the Agg canvas only, so it runs headless under cron."""
    script = (
        "from emit_fixtures import small_timeline\n"
        "from timeline.emit import chart\n"
        "chart.render(small_timeline())\n"
    )
    assert modules_loaded_after(script, ("matplotlib.pyplot",)) == []


def test_a_chart_of_counts_is_drawn_again_only_when_a_count_changes() -> None:
    """On a chart of counts a new source or a new title changes nothing drawn, so the
    PNG is kept; one more event in a lane is drawn again, as a fresh render draws it."""
    timeline = synthetic_timeline(5000)
    first = Pieces()
    chart.render(timeline, pieces=first)
    entries = list(timeline.entries)
    entries[0] = attrs.evolve(entries[0], title="Another title", sequence=entries[0].sequence + 1,
                              sources=(*entries[0].sources, cite("more.txt", 0, "Again.")))
    quietly = Pieces(first.used())
    chart.render(attrs.evolve(timeline, entries=tuple(entries)), pieces=quietly)
    assert quietly.made == 0
    grown = attrs.evolve(timeline, entries=(*timeline.entries, entry(
        "n@timeline", "visit", "A new visit", timeline.entries[0].date,
        cite("new.txt", 0, "The President arrived on a visit."))))
    again = Pieces(first.used())
    assert chart.render(grown, pieces=again) == chart.render(grown)
    assert again.made == 1


def test_a_kept_chart_costs_no_import_of_matplotlib() -> None:
    """A render whose plan an earlier render drew takes the kept PNG without importing
    matplotlib, which costs a build half a second."""
    script = (
        "from emit_fixtures import synthetic_timeline\n"
        "from timeline.emit import chart, chartplan, Pieces\n"
        "timeline = synthetic_timeline(500)\n"
        "kept = Pieces({('chart', chart.drawn(chartplan.plan(timeline))): b'kept'})\n"
        "assert chart.render(timeline, pieces=kept) == b'kept'\n"
    )
    assert modules_loaded_after(script, ("matplotlib",)) == []
