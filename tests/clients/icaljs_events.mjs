// Parse an iCalendar file with ical.js (the parser of Thunderbird and many web calendars)
// and print one JSON line per VEVENT: what a client would show.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const component = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const vevent of component.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  console.log(JSON.stringify({
    uid: event.uid,
    summary: event.summary,
    start: event.startDate.toString(),
    end: event.endDate.toString(),
    allDay: event.startDate.isDate,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue("status"),
    recurring: event.isRecurring(),
  }));
}
