"""out/timeline.json: the machine-readable timeline, in the schema DESIGN.md fixes.

Keys keep the schema's order, text stays UTF-8 (not \\u escapes) and the file ends with a
newline, so the same Timeline always gives the same bytes and diffs read well.
"""

from __future__ import annotations

import json
from typing import Any

from timeline.model import Entry, Timeline


def render(timeline: Timeline) -> bytes:
    """The active entries (cancelled ones left out) as {"events": [...]}, in timeline order."""
    document = {"events": [event(entry) for entry in timeline.active]}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


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
