// Reads an iCalendar file with ical.js (the parser Thunderbird uses) and prints
// what a client would show for each VEVENT, as JSON, for the Python tests.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const moment = (time) => ({
    isDate: time.isDate,
    local: time.toString(),
    utc: time.isDate ? null : time.toJSDate().toISOString(),
    zone: time.zone ? time.zone.tzid : null,
  });
  return {
    uid: event.uid,
    summary: event.summary,
    start: moment(event.startDate),
    end: moment(event.endDate),
    status: component.getFirstPropertyValue("status"),
    sequence: event.sequence,
    location: event.location,
  };
});
const name = calendar.getFirstPropertyValue("x-wr-calname");
console.log(JSON.stringify({ name, method: calendar.getFirstPropertyValue("method"), events }));
