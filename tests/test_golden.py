"""A fresh build of the seeds equals the golden outputs kept in tests/golden/.

Regenerate them, after checking that every change is intended, with:

    TIMELINE_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from timeline import build

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
# The PNG is left out: its bytes depend on the FreeType and matplotlib builds.
COMPARED = ("timeline.json", "timeline.ics", "chronicle.md", "timelinejs.json")
CLOCK = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("name", COMPARED)
def test_fresh_build_of_the_seeds_matches_golden(tmp_path: Path, name: str) -> None:
    """Every compared output is byte for byte the golden one."""
    build.build(ROOT / "seeds", ROOT / "rules", tmp_path / "out", tmp_path / "store.db", CLOCK)
    actual = (tmp_path / "out" / name).read_bytes()
    if os.environ.get("TIMELINE_REGENERATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        (GOLDEN / name).write_bytes(actual)
    assert actual == (GOLDEN / name).read_bytes()
