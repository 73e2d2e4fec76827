import { DateTime } from 'luxon';

const STEP_MS = 6 * 3_600_000;

function offsetAt(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Wall-clock time in a given offset, as iCalendar's local DATE-TIME (no Z). */
function localStamp(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

export interface ZoneTransition {
  at: number;
  from: number;
  to: number;
}

/** Every UTC-offset change of a zone between two instants, to the minute, from the runtime's tz database. */
export function transitions(zone: string, fromMs: number, toMs: number): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  let previous = offsetAt(zone, fromMs);
  for (let t = fromMs + STEP_MS; t <= toMs + STEP_MS; t += STEP_MS) {
    const current = offsetAt(zone, t);
    if (current === previous) continue;
    let low = t - STEP_MS;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(zone, mid) === previous) low = mid;
      else high = mid;
    }
    found.push({ at: high, from: previous, to: current });
    previous = current;
  }
  return found;
}

/**
 * The VTIMEZONE for a zone over the years a feed covers, built from the same tz
 * database that renders the itinerary, so a calendar client and this service agree
 * on every local time. Each observed change is listed explicitly (no RRULE): exact
 * for the covered span, whatever a government decides about future rules.
 */
export function vtimezone(zone: string, fromMs: number, toMs: number): string {
  const start = DateTime.fromMillis(fromMs, { zone }).startOf('year').minus({ years: 1 }).toMillis();
  const end = DateTime.fromMillis(toMs, { zone }).endOf('year').plus({ years: 1 }).toMillis();
  const initial = offsetAt(zone, start);
  const observance = (at: number, from: number, to: number) => {
    const time = DateTime.fromMillis(at, { zone });
    const kind = time.isInDST ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(at, from)}`,
      `TZOFFSETFROM:${formatOffset(from)}`,
      `TZOFFSETTO:${formatOffset(to)}`,
      `TZNAME:${time.offsetNameShort ?? formatOffset(to)}`,
      `END:${kind}`,
    ];
  };
  const lines = [`BEGIN:VTIMEZONE`, `TZID:${zone}`, ...observance(start, initial, initial)];
  for (const change of transitions(zone, start, end)) lines.push(...observance(change.at, change.from, change.to));
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
