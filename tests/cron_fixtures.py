"""What cron may be mailed by a build that succeeds over generated articles."""

from __future__ import annotations

WARNING = "timeline: warning: "  # an article of an uncertain year, named once


def only_warnings(stderr: str) -> bool:
    """Nothing on stderr but the warnings of articles whose year is uncertain (generated
    articles have year-less datelines, and some have split evidence)."""
    return all(line.startswith(WARNING) for line in stderr.splitlines())
