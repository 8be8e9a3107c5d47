"""Same Timeline, same bytes: no output depends on the time zone or the locale."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
LOCALES = ("ru_RU.UTF-8", "tr_TR.UTF-8")  # Russian month names; Turkish dotless i in case maps
RENDER = """
import hashlib, json, locale, sys, time
sys.path.insert(0, 'tests')
locale.setlocale(locale.LC_ALL, '')  # as a host program that honours LANG would
time.tzset()
from emit_fixtures import small_timeline, hostile_timeline
from timeline.emit import chart, ical, jsonfeed, markdown, timelinejs
digests = {}
for module in (ical, jsonfeed, markdown, timelinejs, chart):
    for timeline in (small_timeline(), hostile_timeline()):
        output = module.render(timeline)
        digests.setdefault(module.__name__, []).append(hashlib.sha256(output).hexdigest())
print(json.dumps(digests))
"""


def digests(zone: str, language: str) -> dict[str, list[str]]:
    environment = {**os.environ, "TZ": zone, "LC_ALL": language, "LANG": language}
    result = subprocess.run([sys.executable, "-c", RENDER], capture_output=True, text=True,
                            cwd=ROOT, env=environment)  # fmt: skip
    if "unsupported locale setting" in result.stderr:
        pytest.fail(f"locale {language} is missing; .ci/run generates it with locale-gen",
                    pytrace=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    found: dict[str, list[str]] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize(
    ("zone", "language"),
    [
        ("Asia/Almaty", LOCALES[0]),
        ("America/Los_Angeles", LOCALES[1]),
        ("Pacific/Kiritimati", "C.UTF-8"),
    ],
)
def test_outputs_are_byte_identical_in_any_zone_and_locale(zone: str, language: str) -> None:
    """.ics, .md, .json, TimelineJS and (on one machine) .png bytes match those rendered in
    UTC under the C locale."""
    assert digests("UTC", "C.UTF-8") == digests(zone, language)
