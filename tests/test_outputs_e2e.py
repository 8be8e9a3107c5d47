"""Outputs through the whole pipeline: real articles in, what calendars and editors get out."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import icalendar
import pytest

from emit_fixtures import events_seen_by_clients, markdownlint
from timeline import build

ROOT = Path(__file__).resolve().parent.parent
T0 = dt.datetime(2026, 1, 1, 3, 0, tzinfo=dt.UTC)

ANNOUNCED = (" date 2024-04-02 ASTANA. KAZINFORM - Kyrgyz leader Sadyr Japarov is to come to "
             "Kazakhstan on an official visit later this month, the Akorda press service "
             "reported.\n")
HELD = (" date 2024-04-19 ASTANA. KAZINFORM - Kyrgyz leader Sadyr Japarov flew into Astana "
        "on April 19 for an official visit, the Akorda press service reported.\n")
HOSTILE = (" date 2023-06-01 ASTANA. KAZINFORM - <script>alert(1)</script> President "
           "Kassym-Jomart Tokayev met with President of Uzbekistan Shavkat Mirziyoyev "
           "[click](javascript:alert(1)) <b>in Astana</b>.\nBEGIN:VEVENT\n"
           "# Breaking\nRussian leader Vladimir Putin sent a congratulatory telegram to "
           "Kassym-Jomart Tokayev\r\nEND:VCALENDAR on his birthday.\n")


def run(seeds: Path, out: Path, days: int) -> None:
    build.build(seeds, ROOT / "rules", out, out.parent / "store.db", T0 + dt.timedelta(days=days))


def vevents(out: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical((out / "timeline.ics").read_bytes())
    return list(calendar.walk("VEVENT"))


def test_announced_visit_refined_then_withdrawn(tmp_path: Path) -> None:
    """One entry throughout: same UID, SEQUENCE rising, the day once known, then CANCELLED."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    seeds.mkdir()
    (seeds / "announced.txt").write_text(ANNOUNCED)
    run(seeds, out, 0)
    (planned,) = vevents(out)
    (seeds / "held.txt").write_text(HELD)
    run(seeds, out, 17)
    (held,) = vevents(out)
    for article in seeds.iterdir():
        article.unlink()
    run(seeds, out, 30)
    (cancelled,) = vevents(out)

    assert str(planned["UID"]) == str(held["UID"]) == str(cancelled["UID"])
    assert int(planned["SEQUENCE"]) < int(held["SEQUENCE"]) < int(cancelled["SEQUENCE"])
    assert (str(planned["STATUS"]), planned.decoded("DTSTART")) == ("TENTATIVE",
                                                                    dt.date(2024, 4, 1))
    assert planned.decoded("DTEND") == dt.date(2024, 5, 1)
    assert "(day unknown)" in str(planned["SUMMARY"])
    assert (str(held["STATUS"]), held.decoded("DTSTART")) == ("CONFIRMED", dt.date(2024, 4, 19))
    assert held.decoded("DTEND") == dt.date(2024, 4, 20)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert held.decoded("LAST-MODIFIED") == T0 + dt.timedelta(days=17)


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds") / "out"
    run(ROOT / "seeds", out, 0)
    return out


def test_five_clients_read_every_event_of_the_seeds_feed(seeds_out: Path, tmp_path: Path) -> None:
    """icalendar, vobject, recurring-ical-events, ical.js and calcurse skip nothing."""
    expected = len(vevents(seeds_out))
    assert expected > 0
    seen = events_seen_by_clients((seeds_out / "timeline.ics").read_bytes(), tmp_path)
    assert seen == dict.fromkeys(seen, expected)
    assert len(seen) == 5


def test_the_seeds_chronicle_passes_markdownlint(seeds_out: Path) -> None:
    """The chronicle an editor opens has no lint complaint."""
    assert markdownlint(seeds_out / "chronicle.md") == ""


def test_a_hostile_article_changes_no_structure(tmp_path: Path) -> None:
    """HTML, a javascript: link, iCal lines and a heading in an article stay text."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(ROOT / "seeds", seeds)
    (seeds / "hostile.txt").write_text(HOSTILE)
    run(seeds, out, 0)
    calendar = icalendar.Calendar.from_ical((out / "timeline.ics").read_bytes())
    assert len(calendar.subcomponents) == len(vevents(out))  # nothing but our VEVENTs
    ics_lines = (out / "timeline.ics").read_text().splitlines()
    assert ics_lines.count("BEGIN:VEVENT") == len(vevents(out))
    assert ics_lines.count("END:VCALENDAR") == 1
    chronicle = (out / "chronicle.md").read_text()
    headings = [line for line in chronicle.splitlines() if line.startswith("#")]
    assert all(h.startswith(("# Diplomatic", "## ", "### ")) for h in headings)
    assert "Breaking" not in " ".join(headings)
    assert "<script>" not in chronicle and "](javascript:" not in chronicle
    assert markdownlint(out / "chronicle.md") == ""
    assert "hostile.txt" in chronicle  # its events are there, quoted as text


def test_adding_an_article_changes_only_its_own_chronicle_lines(tmp_path: Path) -> None:
    """The diff of the chronicle is the new article's entries and footnotes, and the summary."""
    seeds, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(ROOT / "seeds", seeds)
    run(seeds, out, 0)
    before = (out / "chronicle.md").read_text().splitlines()
    (seeds / "zz-new.txt").write_text(HELD)
    run(seeds, out, 1)
    after = (out / "chronicle.md").read_text().splitlines()
    diff = [d for d in difflib.unified_diff(before, after, lineterm="", n=0)
            if d[:1] in "+-" and not d.startswith(("+++", "---"))]
    removed = [d for d in diff if d.startswith("-")]
    added = [d for d in diff if d.startswith("+")]
    assert [d[1:] for d in removed] == [before[2]]  # only the summary line was replaced
    assert all("zz-new" in d or d[1:] in ("", "## 2024", "### April") or d[1:] == after[2]
               for d in added)
    assert any("zz-new" in d for d in added)
