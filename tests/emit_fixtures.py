"""Hand-built Timelines for the emitter tests, written in the genre of the articles.

The sentences are our own; nothing here is copied from the corpus.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.model import HELD, PLANNED, Citation, DateValue, Entry, Timeline

T0 = dt.datetime(2024, 11, 20, 3, 0, tzinfo=dt.UTC)

HOSTILE = (
    "Ministers met.\r\nBEGIN:VEVENT\r\nUID:evil\r\nEND:VEVENT\n# Heading\n"
    "<script>alert(1)</script> [click](javascript:alert(1)) <b>bold</b> *emphasis* "
    "_under_ `code` https://example.org www.example.org a@example.org | table | "
    "&amp; \\ trailing backslash; DESCRIPTION:x, y; z"
)


def cite(document: str, start: int, sentence: str, rule: str = "test.rule") -> Citation:
    return Citation(document, start, start + len(sentence), rule, sentence)


def entry(
    uid: str,
    type_: str,
    title: str,
    date: DateValue | None,
    *sources: Citation,
    participants: tuple[str, ...] = (),
    place: str | None = None,
    status: str = HELD,
    sequence: int = 0,
    cancelled: bool = False,
) -> Entry:
    created = T0
    return Entry(
        uid=uid, type=type_, title=title, date=date, participants=participants,
        place=place, status=status, sources=sources, sequence=sequence,
        created=created, modified=created + dt.timedelta(hours=sequence), cancelled=cancelled,
    )  # fmt: skip


def small_timeline() -> Timeline:
    """Six entries covering every precision the emitters treat differently, plus one
    cancelled entry, already in the projection's order."""
    entries = (
        entry(
            "a1@timeline", "anniversary", "80th anniversary of the Victory", DateValue.year(2021),
            cite("010-victory.txt", 0, "The country will mark the Victory anniversary in 2021."),
            participants=("Kazakhstan",),
        ),
        entry(
            "v1@timeline", "visit", "Sadyr Japarov to Kazakhstan", DateValue.month(2021, 5),
            cite("011-visit.txt", 40, "Sadyr Japarov will visit Kazakhstan later this month."),
            participants=("Sadyr Japarov", "Kassym-Jomart Tokayev"), place="Nur-Sultan",
            status=PLANNED, sequence=1,
        ),
        entry(
            "t1@timeline", "telegram", "Kassym-Jomart Tokayev to Vladimir Putin",
            DateValue.day(dt.date(2021, 5, 9)),
            cite("012-cable.txt", 5, "The Head of State sent a telegram to Vladimir Putin."),
            cite("013-wire.txt", 90, "Tokayev congratulated Putin in a telegram on Victory Day."),
            participants=("Kassym-Jomart Tokayev", "Vladimir Putin"),
        ),
        entry(
            "m1@timeline", "meeting", "Tokayev and Mirziyoyev", DateValue.day(dt.date(2021, 8, 6)),
            cite("014-meeting.txt", 0, "Tokayev held talks with Mirziyoyev in Turkmenbashi."),
            participants=("Kassym-Jomart Tokayev", "Shavkat Mirziyoyev"), place="Turkmenbashi",
            cancelled=True, sequence=2,
        ),
        entry(
            "m2@timeline", "meeting", "Bektenov and Mishustin",
            DateValue.day(dt.date(2024, 11, 14), year_uncertain=True),
            cite("015-talks.txt", 12, "On 14 November the prime ministers met in Astana."),
            participants=("Olzhas Bektenov", "Mikhail Mishustin"), place="Astana",
        ),
        entry(
            "m3@timeline", "meeting", "Foreign ministers' consultations", None,
            cite("016-consult.txt", 3, "The foreign ministers held consultations."),
        ),
    )
    return Timeline(entries=entries, documents=7, position=42)


def hostile_timeline() -> Timeline:
    """One entry whose every text field comes from a hostile article."""
    hostile = entry(
        "h1@timeline", "visit", HOSTILE, DateValue.day(dt.date(2022, 3, 1)),
        cite("hostile <b>#1</b>.txt", 0, HOSTILE), participants=(HOSTILE,), place=HOSTILE,
    )
    return Timeline(entries=(hostile,), documents=1, position=1)


def synthetic_timeline(count: int, seed: int = 7) -> Timeline:
    """`count` entries over ten years, mostly days, some months and years, a few undated,
    with a fifth type the rules might add later; ordered as the projection orders them."""
    rng = random.Random(seed)
    types = ("visit", "meeting", "telegram", "anniversary", "phone call")
    entries = []
    for number in range(count):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3652))
        roll = rng.random()
        date: DateValue | None
        if roll < 0.8:
            date = DateValue.day(day)
        elif roll < 0.93:
            date = DateValue.month(day.year, day.month)
        elif roll < 0.98:
            date = DateValue.year(day.year)
        else:
            date = None
        type_ = rng.choices(types, weights=(4, 5, 6, 2, 1))[0]
        sentence = f"Synthetic report number {number} of a {type_}."
        entries.append(entry(
            f"s{number:05d}@timeline", type_, f"Synthetic {type_} number {number}", date,
            cite(f"synthetic-{number:05d}.txt", 0, sentence), participants=("Kazakhstan",),
        ))  # fmt: skip
    entries.sort(key=order_key)
    return Timeline(entries=tuple(entries), documents=count, position=count)


def order_key(item: Entry) -> tuple[int, str, int, str]:
    """The projection's order: dated first by earliest day, imprecise first, then uid."""
    if item.date is None:
        return 1, "", 0, item.uid
    return 0, item.date.earliest.isoformat(), -item.date.precision.rank, item.uid




CLIENTS = Path(__file__).parent / "clients"
NODE_MODULES = CLIENTS / "node_modules"
INSTALL = {
    "node": "apt-get install -y nodejs npm",
    "calcurse": "apt-get install -y calcurse",
    "ical.js": "npm ci --prefix tests/clients",
    "markdownlint": "npm ci --prefix tests/clients",
}


def require(tool: str, path: str | None) -> str:
    """The tool's path, or a test failure that says how .ci/run installs it: these client
    checks are part of the contract, so a missing client must not pass as a skip."""
    if path is None or not Path(path).exists():
        pytest.fail(f"{tool} is missing; install it with `{INSTALL[tool]}`", pytrace=False)
    return path


def node() -> str:
    return require("node", shutil.which("node"))


def node_package(name: str) -> Path:
    return Path(require(name, str(NODE_MODULES / name)))


def events_seen_by_clients(feed: bytes, workdir: Path) -> dict[str, int]:
    """How many events each real client reads from `feed` (each must see every VEVENT).

    For any feed, e.g. the seeds' golden out/timeline.ics: icalendar, vobject (which also
    validates), recurring-ical-events (first occurrences, 1900-2100), Node's ical.js and
    Debian's calcurse import (which fails the test if it skips anything).
    """
    import icalendar
    import recurring_ical_events
    import vobject

    path = workdir / "feed.ics"
    path.write_bytes(feed)
    calendar = icalendar.Calendar.from_ical(feed)
    validated = vobject.readOne(feed.decode("utf-8"))
    validated.validate()
    occurrences = recurring_ical_events.of(calendar).between((1900, 1, 1), (2100, 1, 1))
    node_package("ical.js")
    ical_js = subprocess.run([node(), str(CLIENTS / "icaljs_events.mjs"), str(path)],
                             capture_output=True, text=True, check=True)  # fmt: skip
    return {
        "icalendar": len(calendar.walk("VEVENT")),
        "vobject": len(getattr(validated, "vevent_list", [])),
        "recurring-ical-events": len({str(e["UID"]) for e in occurrences}),
        "ical.js": len(ical_js.stdout.splitlines()),
        "calcurse": calcurse_imported(path, workdir / "calcurse"),
    }


def calcurse_imported(feed: Path, data: Path) -> int:
    """Items calcurse imports from the feed into a fresh data folder; a skip fails."""
    calcurse = require("calcurse", shutil.which("calcurse"))
    data.mkdir()
    result = subprocess.run([calcurse, "-D", str(data), "-i", str(feed)],
                            capture_output=True, text=True, check=True)  # fmt: skip
    report = re.search(r"(\d+) apps / (\d+) events / (\d+) todos / (\d+) skipped", result.stdout)
    assert report is not None, result.stdout
    apps, all_day, todos, skipped = map(int, report.groups())
    assert (todos, skipped) == (0, 0), result.stdout
    return apps + all_day


def markdownlint(*files: Path) -> str:
    """markdownlint-cli's complaints about the files (empty when they pass)."""
    linter = node_package("markdownlint-cli") / "markdownlint.js"
    result = subprocess.run(
        [node(), str(linter), "--config", str(CLIENTS / "markdownlint.yaml"), *map(str, files)],
        capture_output=True, text=True,
    )  # fmt: skip
    return (result.stdout + result.stderr) if result.returncode else ""


def modules_loaded_after(script: str, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after running `script` (which
    may import emit_fixtures): what an emitter costs a build to import."""
    probe = (f"import sys, json\nsys.path.insert(0, 'tests')\n{script}\n"
             f"print(json.dumps(sorted(m for m in {modules!r} if m in sys.modules)))\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).parent.parent)
    return json.loads(result.stdout)  # type: ignore[no-any-return]
