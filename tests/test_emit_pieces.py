"""Outputs rendered from the pieces of an earlier render are the bytes a fresh render gives."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

from emit_fixtures import cite, entry, hostile_timeline, small_timeline, synthetic_timeline
from timeline.emit import OUTPUTS, Pieces, chronicle_of, outputs
from timeline.emit.pieces import json_document, json_item
from timeline.model import DateValue, Entry, Timeline

RENDERERS = (*OUTPUTS, *outputs(commemorations={"Victory Day": dt.date(1945, 5, 9)}),
             ("chronicle-visit.md", chronicle_of(type="visit")))
EMPTY = Timeline(entries=(), documents=0, position=0)


def revised(timeline: Timeline, index: int, title: str) -> Timeline:
    """The timeline with one entry revised: a new title under the next sequence."""
    entries = list(timeline.entries)
    old = entries[index]
    entries[index] = attrs.evolve(old, title=title, sequence=old.sequence + 1,
                                  modified=old.modified + dt.timedelta(days=1))
    return attrs.evolve(timeline, entries=tuple(entries))


def added(timeline: Timeline, new: Entry) -> Timeline:
    return attrs.evolve(timeline, entries=(*timeline.entries, new))


@pytest.mark.parametrize("timeline", [EMPTY, small_timeline(), hostile_timeline(),
                                      synthetic_timeline(90)], ids=["empty", "small",
                                                                    "hostile", "synthetic"])
def test_a_render_from_pieces_is_a_fresh_render(timeline: Timeline) -> None:
    """With no pieces, with this render's own pieces, and after a revision and an added
    entry rendered from the earlier pieces: every output is byte for byte a fresh one."""
    later = added(revised(timeline, 0, "Official visit of the President"), entry(
        "n1@timeline", "meeting", "Talks of the foreign ministers",
        DateValue.day(dt.date(2023, 6, 2)),
        cite("new.txt", 40, "The foreign ministers held talks in Astana."),
        participants=("Kazakhstan", "Uzbekistan"))) if timeline.entries else timeline
    for name, render in RENDERERS:
        first = Pieces()
        assert render(timeline, first) == render(timeline), name
        again = Pieces(first.used())
        assert render(timeline, again) == render(timeline) and again.made == 0, name
        assert render(later, Pieces(first.used())) == render(later), name


def test_only_the_revised_entries_are_rendered_again() -> None:
    """A revision and a new entry make one piece each per output; the rest are reused."""
    timeline = synthetic_timeline(40)
    per_output = {name: Pieces() for name, _ in RENDERERS}
    for name, render in RENDERERS:
        render(timeline, per_output[name])
    later = added(revised(timeline, 3, "Revised title"), entry(
        "n2@timeline", "visit", "A new visit", DateValue.day(dt.date(2019, 1, 5)),
        cite("new.txt", 0, "The President arrived on a visit."), sequence=0))
    for name, render in (("timeline.json", RENDERERS[0][1]), ("timeline.ics", RENDERERS[1][1]),
                         ("chronicle.md", RENDERERS[2][1]), ("timelinejs.json", RENDERERS[4][1])):
        pieces = Pieces(per_output[name].used())
        render(later, pieces)
        assert pieces.made == 2, name


def test_the_chart_is_drawn_again_only_when_what_it_shows_changes() -> None:
    """A revision that changes no title, date or type of what the chart shows (a new
    source, say) reuses the chart; a new title on a detailed chart draws it again."""
    timeline = small_timeline()
    render = dict(OUTPUTS)["timeline.png"]
    pieces = Pieces()
    render(timeline, pieces)
    entries = list(timeline.entries)
    entries[1] = attrs.evolve(entries[1], sequence=entries[1].sequence + 1,
                              sources=(*entries[1].sources, cite("more.txt", 0, "Again.")))
    quietly = Pieces(pieces.used())
    render(attrs.evolve(timeline, entries=tuple(entries)), quietly)
    assert quietly.made == 0
    retitled = Pieces(pieces.used())
    assert render(revised(timeline, 1, "Another title"), retitled) == render(
        revised(timeline, 1, "Another title"))
    assert retitled.made == 1


def test_only_the_pieces_a_render_used_are_kept() -> None:
    """The pieces of an entry's older revision are not carried into the next build."""
    timeline = small_timeline()
    render = dict(OUTPUTS)["timeline.json"]
    first = Pieces()
    render(timeline, first)
    second = Pieces(first.used())
    render(revised(timeline, 0, "Renamed"), second)
    old = timeline.entries[0]
    assert ("json", (old.uid, old.sequence)) in first.used()
    assert ("json", (old.uid, old.sequence)) not in second.used()
    assert ("json", (old.uid, old.sequence + 1)) in second.used()


@pytest.mark.parametrize("head", [{}, {"title": {"text": {"headline": "Ä <b>", "text": ""}}}])
@pytest.mark.parametrize("items", [[], [{}], [{"id": "a", "list": [], "nested": {"k": [1, "\n"]}},
                                           {"id": "б", "none": None, "more": [{"x": 1}]}],
                                   # what json writes its own way: tuples as lists, keys
                                   # made strings, floats, booleans, escapes, a bare value
                                   [{"t": (1, ("a", {})), 2: {3.5: [True, False]},
                                     "s": "“q” \\ \" \t \u2028 \x00", "f": -0.0,
                                     "big": 10 ** 20, "n": [None, 1e-7]}, "just text", 7]])
def test_a_json_document_from_items_is_what_json_dumps_writes(
        head: dict[str, object], items: list[object]) -> None:
    """The emitters' JSON files, assembled from pieces, are json.dumps's bytes exactly."""
    expected = json.dumps({**head, "events": items}, ensure_ascii=False, indent=2) + "\n"
    assert json_document(head, "events", [json_item(i) for i in items]) == expected.encode()
