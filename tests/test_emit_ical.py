"""out/timeline.ics: an RFC 5545 / RFC 7986 feed that real calendar clients accept."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import attrs
import icalendar
import pytest
import recurring_ical_events
import vobject

from emit_fixtures import (
    CLIENTS,
    HOSTILE,
    T0,
    calcurse_imported,
    cite,
    entry,
    events_seen_by_clients,
    hostile_timeline,
    node,
    node_package,
    small_timeline,
)
from timeline.emit import ical
from timeline.model import HELD, PLANNED, DateValue, Entry, Timeline

VICTORY = {"Victory Day": dt.date(1945, 5, 9)}


def events(feed: bytes) -> dict[str, icalendar.Event]:
    """The feed's VEVENTs by UID, as icalendar parses them."""
    calendar = icalendar.Calendar.from_ical(feed)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_only_entries_with_a_day_or_month_are_published() -> None:
    """The year-only anniversary and the undated meeting stay out; the cancelled one is in."""
    assert list(
        events(ical.render(small_timeline()))
    ) == ["v1@timeline", "t1@timeline", "m1@timeline", "m2@timeline"]


def test_a_day_is_an_all_day_event_with_an_exclusive_end() -> None:
    """9 May 2021 runs from DTSTART;VALUE=DATE:20210509 to DTEND;VALUE=DATE:20210510."""
    feed = ical.render(small_timeline())
    assert b"DTSTART;VALUE=DATE:20210509\r\nDTEND;VALUE=DATE:20210510\r\n" in feed
    telegram = events(feed)["t1@timeline"]
    assert (dt.date(2021, 5, 9), dt.date(2021, 5, 10)) == (
        telegram["DTSTART"].dt,
        telegram["DTEND"].dt,
    )


def test_a_month_is_a_transparent_month_long_span_marked_day_unknown() -> None:
    """May 2021 spans 1 May to 1 June, takes no time, and says the day is unknown."""
    visit = events(ical.render(small_timeline()))["v1@timeline"]
    assert (dt.date(2021, 5, 1), dt.date(2021, 6, 1), "TRANSPARENT") == (
        visit["DTSTART"].dt,
        visit["DTEND"].dt,
        str(visit["TRANSP"]),
    )
    assert str(visit["SUMMARY"]) == "Visit: Sadyr Japarov to Kazakhstan (day unknown) (planned)"


def test_status_follows_planned_held_and_cancelled() -> None:
    """Planned is TENTATIVE, held is CONFIRMED, a cancelled entry is CANCELLED."""
    published = events(ical.render(small_timeline()))
    expected = {
        "v1@timeline": "TENTATIVE",
        "t1@timeline": "CONFIRMED",
        "m1@timeline": "CANCELLED",
        "m2@timeline": "CONFIRMED",
    }
    assert expected == {uid: str(e["STATUS"]) for uid, e in published.items()}


def test_revision_fields_come_from_the_log() -> None:
    """UID, SEQUENCE, CREATED, LAST-MODIFIED and DTSTAMP are the entry's, never the clock's."""
    cancelled = events(ical.render(small_timeline()))["m1@timeline"]
    modified = T0 + dt.timedelta(hours=2)
    assert (2, T0, modified, modified) == (
        cancelled["SEQUENCE"],
        cancelled["CREATED"].dt,
        cancelled["LAST-MODIFIED"].dt,
        cancelled["DTSTAMP"].dt,
    )


def test_a_refined_entry_keeps_its_uid_and_raises_its_sequence() -> None:
    """Announced for May (planned), then dated 16 May and held, then cancelled: one UID,
    SEQUENCE 0, 1, 2, status TENTATIVE, CONFIRMED, CANCELLED."""
    source = cite("020-announce.txt", 0, "The president will visit Astana later this month.")
    announced = entry("r1@timeline", "visit", "Visit to Astana", DateValue.month(2021, 5),
                      source, status=PLANNED)  # fmt: skip
    held = attrs.evolve(announced, date=DateValue.day(dt.date(2021, 5, 16)), status=HELD,
                        sequence=1, modified=T0 + dt.timedelta(days=1))  # fmt: skip
    cancelled = attrs.evolve(held, sequence=2, cancelled=True, modified=T0 + dt.timedelta(days=2))
    revisions = [
        events(ical.render(Timeline((e,), 1, 1)))["r1@timeline"]
        for e in (announced, held, cancelled)
    ]
    assert [
        (0, "TENTATIVE", dt.date(2021, 5, 1)),
        (1, "CONFIRMED", dt.date(2021, 5, 16)),
        (2, "CANCELLED", dt.date(2021, 5, 16)),
    ] == [(e["SEQUENCE"], str(e["STATUS"]), e["DTSTART"].dt) for e in revisions]


def test_description_names_participants_and_quotes_every_source() -> None:
    """The telegram's description lists both parties and both articles with their sentences."""
    telegram = events(ical.render(small_timeline()))["t1@timeline"]
    expected = "\n".join([
        "Telegram: Kassym-Jomart Tokayev to Vladimir Putin",
        "Date: 9 May 2021",
        "Status: held",
        "Participants: Kassym-Jomart Tokayev, Vladimir Putin",
        "Sources:",
        "- 012-cable.txt: “The Head of State sent a telegram to Vladimir Putin.”",
        "- 013-wire.txt: “Tokayev congratulated Putin in a telegram on Victory Day.”",
    ])  # fmt: skip
    assert expected == str(telegram["DESCRIPTION"])


def test_location_and_categories() -> None:
    """The meeting's place is its LOCATION and its type its CATEGORIES."""
    meeting = events(ical.render(small_timeline()))["m2@timeline"]
    assert (str(meeting["LOCATION"]), list(meeting["CATEGORIES"].cats)) == ("Astana", ["Meeting"])


def test_calendar_properties_name_the_feed_and_its_refresh() -> None:
    """NAME, X-WR-CALNAME, COLOR, REFRESH-INTERVAL (a DURATION) and X-PUBLISHED-TTL are set."""
    head = ical.render(small_timeline(), name="Kazakh diplomacy").split(b"BEGIN:VEVENT")[0]
    for line in (
        b"VERSION:2.0",
        b"PRODID:-//timeline//Diplomatic timeline feed//EN",
        b"NAME:Kazakh diplomacy",
        b"X-WR-CALNAME:Kazakh diplomacy",
        b"COLOR:steelblue",
        b"REFRESH-INTERVAL;VALUE=DURATION:P1D",
        b"X-PUBLISHED-TTL:P1D",
    ):
        assert line + b"\r\n" in head, line


def test_lines_are_folded_at_75_octets_and_end_in_crlf() -> None:
    """No content line is longer than 75 octets and every line ends with CRLF."""
    feed = ical.render(hostile_timeline()) + ical.render(small_timeline())
    lines = feed.split(b"\r\n")
    assert [line for line in lines if len(line) > 75 or b"\n" in line or b"\r" in line] == []
    assert lines[-1] == b""


def test_a_hostile_article_cannot_add_properties_or_components() -> None:
    """Line breaks, BEGIN:VEVENT, HTML and links in every field stay text of one property."""
    feed = ical.render(hostile_timeline())
    unfolded = feed.replace(b"\r\n ", b"")
    names = [line.split(b":")[0].split(b";")[0] for line in unfolded.split(b"\r\n") if line]
    assert 1 == names.count(b"BEGIN") - 1 == names.count(b"UID")
    assert len(names) == len(set(names) - {b"BEGIN", b"END"}) + 4
    hostile = events(feed)["h1@timeline"]
    flattened = " ".join(HOSTILE.split())
    assert ("Visit: " + flattened, flattened) == (str(hostile["SUMMARY"]), str(hostile["LOCATION"]))


def test_a_revision_time_without_a_zone_is_refused() -> None:
    """A naive time would be read in the machine's zone, so rendering stops instead."""
    naive = attrs.evolve(small_timeline().entries[2], modified=dt.datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="has no time zone"):
        ical.render(Timeline((naive,), 1, 1))


def test_a_uid_that_could_break_a_line_is_refused() -> None:
    """A UID with a line break is a bug upstream and stops the render."""
    broken = attrs.evolve(small_timeline().entries[2], uid="t1\r\nBEGIN:VEVENT")
    with pytest.raises(ValueError, match="UID"):
        ical.render(Timeline((broken,), 1, 1))


def test_a_commemorated_date_recurs_every_year_when_asked() -> None:
    """With recurring={'Victory Day': 1945-05-09}, the feed holds one yearly 9 May event."""
    feed = ical.render(small_timeline(), recurring=VICTORY)
    calendar = icalendar.Calendar.from_ical(feed)
    days = [
        e["DTSTART"].dt
        for e in recurring_ical_events.of(calendar).between((2021, 1, 1), (2025, 1, 1))
        if str(e["SUMMARY"]) == "Victory Day"
    ]
    assert [dt.date(year, 5, 9) for year in range(2021, 2025)] == days
    assert "commemoration-1945-05-09-victory-day@timeline" in events(feed)


def test_without_the_flag_nothing_recurs() -> None:
    """By default no event carries an RRULE."""
    assert b"RRULE" not in ical.render(small_timeline())


# Real clients: each must accept the feed without an error or a skipped event.


def test_vobject_validates_the_feed() -> None:
    """vobject parses the feed and its RFC validation raises nothing."""
    for feed in (ical.render(small_timeline(), recurring=VICTORY), ical.render(hostile_timeline())):
        calendar = vobject.readOne(feed.decode("utf-8"))
        calendar.validate()
        assert len(events(feed)) == len(calendar.vevent_list)


def test_recurring_ical_events_expands_every_event() -> None:
    """recurring-ical-events finds each published event on its days."""
    calendar = icalendar.Calendar.from_ical(ical.render(small_timeline()))
    found = recurring_ical_events.of(calendar).between((2021, 1, 1), (2025, 1, 1))
    assert [
        str(e["UID"]) for e in found
    ] == ["v1@timeline", "t1@timeline", "m1@timeline", "m2@timeline"]


def test_ical_js_reads_every_event(tmp_path: Path) -> None:
    """Node's ical.js sees each event as all-day, with our UID, SEQUENCE and status."""
    node_package("ical.js")
    feed = tmp_path / "timeline.ics"
    feed.write_bytes(ical.render(small_timeline(), recurring=VICTORY))
    result = subprocess.run([node(), str(CLIENTS / "icaljs_events.mjs"), str(feed)],
                            capture_output=True, text=True, check=True)  # fmt: skip
    seen = [json.loads(line) for line in result.stdout.splitlines()]
    assert [tuple(e[k] for k in ("uid", "start", "end", "allDay", "sequence", "status",
                               "recurring")) for e in seen] == [
        ("v1@timeline", "2021-05-01", "2021-06-01", True, 1, "TENTATIVE", False),
        ("t1@timeline", "2021-05-09", "2021-05-10", True, 0, "CONFIRMED", False),
        ("m1@timeline", "2021-08-06", "2021-08-07", True, 2, "CANCELLED", False),
        ("m2@timeline", "2024-11-14", "2024-11-15", True, 0, "CONFIRMED", False),
        ("commemoration-1945-05-09-victory-day@timeline", "1945-05-09", "1945-05-10",
         True, 0, None, True),
    ]  # fmt: skip


def test_calcurse_imports_every_event_and_skips_none(tmp_path: Path) -> None:
    """Debian's calcurse imports the feed: one item per VEVENT, none skipped."""
    feed = tmp_path / "timeline.ics"
    feed.write_bytes(ical.render(small_timeline(), recurring=VICTORY))
    assert calcurse_imported(feed, tmp_path / "calcurse") == 5


def test_every_client_sees_every_event(tmp_path: Path) -> None:
    """icalendar, vobject, recurring-ical-events, ical.js and calcurse each read all six
    events of a feed holding day, month, cancelled, hostile and recurring events."""
    entries = small_timeline().entries + hostile_timeline().entries
    feed = ical.render(Timeline(entries, 8, 1), recurring=VICTORY)
    seen = events_seen_by_clients(feed, tmp_path)
    assert seen == dict.fromkeys(
        ("icalendar", "vobject", "recurring-ical-events", "ical.js", "calcurse"), 6
    )


def icalendar_vevent(item: Entry) -> bytes:
    """The VEVENT icalendar itself writes for an entry: the reference for ical.vevent."""
    span = ical.calendar_span(item.date)
    assert span is not None
    event = icalendar.Event()
    for name, value in [
        ("uid", item.uid), ("sequence", item.sequence),
        ("dtstamp", item.modified.astimezone(dt.UTC)),
        ("created", item.created.astimezone(dt.UTC)),
        ("last-modified", item.modified.astimezone(dt.UTC)),
        ("dtstart", span[0]), ("dtend", span[1]),
        ("summary", ical.summary(item)), ("description", ical.description(item)),
        *([("location", ical.one_line(item.place))] if item.place else []),
        ("categories", [ical.type_label(item.type)]),
        ("status", "CANCELLED" if item.cancelled else ical.STATUS[item.status]),
        ("transp", "TRANSPARENT"), ("class", "PUBLIC"),
    ]:  # fmt: skip
        event.add(name, value)
    return bytes(event.to_ical())


FOLDING_TEXTS = [
    "a" * 61 + "é" * 40,  # a two-byte character straddles octet 74
    "b" * 60 + "“quoted”" * 12,  # three-byte quotes around the fold
    "c" * 62 + ",,;;\\\\" * 10,  # escapes that would split across the fold
    "d" * 63 + "^" * 30 + "𝄞" * 9,  # four-byte characters; RFC 6868 carets
    "x",
]


@pytest.mark.parametrize("text", FOLDING_TEXTS)
def test_entries_are_written_as_icalendar_writes_them(text: str) -> None:
    """ical.vevent writes the same bytes icalendar would: order, escaping and folding."""
    for item in (*small_timeline().entries, *hostile_timeline().entries):
        if ical.calendar_span(item.date) is None:
            continue
        item = attrs.evolve(item, title=item.title + text, place=(item.place or "") + text,
                            sources=(cite("doc, one; two.txt", 7, text + " " + text),))
        assert ical.vevent(item) == icalendar_vevent(item)
