#!/usr/bin/env node
// Reads iCalendar files the way a web calendar widget does (ical.js, its VTIMEZONEs registered with
// ical.js's TimezoneService) and prints each VEVENT's UID and start in UTC, and for a repeating event its
// first occurrences in UTC.
//
//   node scripts/check_ical.mjs [--json] [--occurrences N] [FILE.ics ...]   (no file, or "-": standard input)
//
// Besides printing, it checks what made calendars wrong in widgets before:
// - a TZID used by an event without a VTIMEZONE of that TZID in the file (ical.js would take the time as
//   floating, in the reader's own zone);
// - an RDATE with more than one date inside a VTIMEZONE (ical.js reads only the first one);
// - a start or occurrence (the first 100 of a repeating event, however few are printed) whose UTC instant,
//   as ical.js reads the file, is not that local time in the zone of the same name in the tz database
//   (Node's Intl); zones the tz database does not know are not compared.
// Exit status: 0 all good, 1 a check failed, 2 a file could not be read or parsed as iCalendar.

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const USAGE = "usage: node scripts/check_ical.mjs [--json] [--occurrences N] [FILE.ics ...]";
// Occurrences of a repeating event compared with the tz database (a weekly event crosses both changes).
const CHECKED_OCCURRENCES = 100;

function parseArguments(argv) {
  const options = { json: false, occurrences: 5, paths: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    if (argument === "--json") {
      options.json = true;
    } else if (argument === "--occurrences") {
      options.occurrences = Number(argv[++index]);
      if (!Number.isInteger(options.occurrences) || options.occurrences < 0) {
        throw new Error("--occurrences needs a whole number");
      }
    } else if (argument === "--help" || argument === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else if (argument.startsWith("--")) {
      throw new Error(`unknown option ${argument}`);
    } else {
      options.paths.push(argument);
    }
  }
  if (options.paths.length === 0) {
    options.paths.push("-");
  }
  return options;
}

// Local wall-clock time of an instant in a tz database zone, as "YYYY-MM-DDTHH:MM:SS".
function wallTime(date, formatter) {
  const parts = Object.fromEntries(formatter.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

const formatters = new Map();

// An Intl formatter for the zone, or null when the tz database has no zone of that name.
function tzDatabaseFormatter(tzid) {
  if (!formatters.has(tzid)) {
    let formatter = null;
    try {
      formatter = new Intl.DateTimeFormat("en-CA", {
        timeZone: tzid,
        hourCycle: "h23",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        second: "2-digit",
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
    }
    formatters.set(tzid, formatter);
  }
  return formatters.get(tzid);
}

// One start or occurrence: its local form, its UTC form, and a problem when the tz database disagrees.
function describeTime(time, tzid) {
  if (time.isDate) {
    return { local: time.toString(), utc: null, problem: null };
  }
  const utc = time.convertToZone(ICAL.Timezone.utcTimezone);
  const described = { local: time.toString(), utc: utc.toString(), problem: null };
  const formatter = tzid ? tzDatabaseFormatter(tzid) : null;
  if (formatter) {
    const expected = wallTime(utc.toJSDate(), formatter);
    if (expected !== described.local) {
      described.problem =
        `${described.local} ${tzid} reads as ${described.utc}, ` +
        `which the tz database shows as ${expected} in ${tzid}`;
    }
  }
  return described;
}

function checkCalendar(text, occurrenceCount) {
  let calendars = ICAL.parse(text);
  // One VCALENDAR parses to one component; several to a list of them.
  if (typeof calendars[0] === "string") calendars = [calendars];
  const events = [];
  const problems = [];
  for (const jcal of calendars) {
    const calendar = new ICAL.Component(jcal);
    if (calendar.name !== "vcalendar") {
      throw new Error(`the file holds a ${calendar.name.toUpperCase()}, not a VCALENDAR`);
    }
    const zones = new Set();
    for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
      const tzid = vtimezone.getFirstPropertyValue("tzid");
      ICAL.TimezoneService.register(vtimezone);
      zones.add(tzid);
      for (const observance of vtimezone.getAllSubcomponents()) {
        for (const rdate of observance.getAllProperties("rdate")) {
          if (rdate.getValues().length > 1) {
            problems.push(
              `VTIMEZONE ${tzid}: an RDATE in ${observance.name.toUpperCase()} lists ` +
                `${rdate.getValues().length} dates; ical.js reads only the first`,
            );
          }
        }
      }
    }
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const event = new ICAL.Event(vevent);
      const uid = event.uid || "(no UID)";
      const startProperty = vevent.getFirstProperty("dtstart");
      if (!startProperty) {
        problems.push(`${uid}: no DTSTART`);
        continue;
      }
      const tzid = startProperty.getParameter("tzid") || null;
      if (tzid && !zones.has(tzid)) {
        problems.push(`${uid}: TZID ${tzid} has no VTIMEZONE in the file`);
      }
      const start = describeTime(event.startDate, tzid);
      const occurrences = [];
      if (event.isRecurring()) {
        const iterator = event.iterator();
        const count = Math.max(occurrenceCount, CHECKED_OCCURRENCES);
        for (let next = iterator.next(); next && occurrences.length < count; next = iterator.next()) {
          occurrences.push(describeTime(next, tzid));
        }
      }
      // The start is usually the first occurrence too: each disagreement once, the first of them in full.
      const disagreements = [...new Set([start, ...occurrences].map((time) => time.problem))].filter(Boolean);
      if (disagreements.length > 0) {
        const more = disagreements.length - 1;
        problems.push(`${uid}: ${disagreements[0]}` + (more ? ` (and ${more} more occurrence(s) like it)` : ""));
      }
      events.push({
        uid,
        tzid,
        start: start.local,
        start_utc: start.utc,
        occurrences_utc: occurrences.slice(0, occurrenceCount).map((time) => time.utc ?? time.local),
      });
    }
  }
  return { events, problems };
}

function printText(path, result) {
  console.log(`${path}: ${result.events.length} event(s)`);
  for (const event of result.events) {
    const zone = event.tzid ? ` ${event.tzid}` : "";
    const utc = event.start_utc ? ` = ${event.start_utc}` : " (date)";
    console.log(`  ${event.uid}  DTSTART ${event.start}${zone}${utc}`);
    for (const occurrence of event.occurrences_utc) {
      console.log(`    ${occurrence}`);
    }
  }
  for (const problem of result.problems) {
    console.log(`  PROBLEM ${problem}`);
  }
}

function main() {
  let options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`check_ical: ${error.message}\n${USAGE}`);
    return 2;
  }
  let status = 0;
  const results = [];
  for (const path of options.paths) {
    const name = path === "-" ? "(standard input)" : path;
    let text;
    let result;
    try {
      text = readFileSync(path === "-" ? 0 : path, "utf8");
    } catch (error) {
      console.error(`check_ical: ${name}: cannot read the file: ${error.message}`);
      status = 2;
      continue;
    }
    try {
      result = checkCalendar(text, options.occurrences);
    } catch (error) {
      console.error(`check_ical: ${name}: not valid iCalendar: ${error.message}`);
      status = 2;
      continue;
    }
    if (result.problems.length > 0 && status === 0) status = 1;
    results.push({ file: name, ...result });
    if (!options.json) printText(name, result);
  }
  if (options.json) {
    console.log(JSON.stringify(results, null, 2));
  } else if (status === 0) {
    console.log(`check_ical: ${results.length} file(s), no problems`);
  }
  for (const result of results) {
    if (options.json) {
      for (const problem of result.problems) console.error(`check_ical: ${result.file}: ${problem}`);
    }
  }
  return status;
}

process.exitCode = main();
