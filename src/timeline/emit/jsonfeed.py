"""out/timeline.json: the machine-readable timeline, in the schema DESIGN.md fixes.

Keys keep the schema's order, text stays UTF-8 (not \\u escapes) and the file ends with a
newline, so the same Timeline always gives the same bytes and diffs read well.
"""

from __future__ import annotations

from typing import Any

from timeline.emit.pieces import Pieces, json_document, json_item, pieces_of
from timeline.model import Entry, Timeline


def render(timeline: Timeline, *, pieces: Pieces | None = None) -> bytes:
    """The active entries (cancelled ones left out) as {"events": [...]}, in timeline order."""
    items = pieces_of(pieces, "json", timeline.active, _item)
    return json_document({}, "events", items)


def _item(entry: Entry) -> bytes:
    return json_item(event(entry))


def event(entry: Entry) -> dict[str, Any]:
    """One entry in the schema's key order."""
    return {
        "id": entry.uid,
        "type": entry.type,
        "date": entry.date.iso if entry.date is not None else None,
        "title": entry.title,
        "participants": list(entry.participants),
        "place": entry.place,
        "status": entry.status,
        "sources": [
            {"document": c.document, "start": c.start, "end": c.end, "rule": c.rule}
            for c in entry.sources
        ],
    }
