import { randomUUID } from 'node:crypto';
import { testToken } from '@diplomacy/testing';
import type { Role } from '@diplomacy/service-kit';
import { log, sleep } from './infrastructure';
import type { ChaosSystem } from './system';

export interface HttpResult {
  status: number;
  body: unknown;
  headers: Headers;
  text: string;
}

/** status 0 = no answer (connection refused, reset, timeout). */
export async function http(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000): Promise<HttpResult> {
  try {
    const response = await fetch(url, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  } catch (error) {
    return { status: 0, body: undefined, headers: new Headers(), text: String(error) };
  }
}

/** A development token (docs/security.md) for the chaos organisation's callers. */
export function mintToken(roles: Role[], org: string | null, sub = 'chaos-suite'): string {
  return testToken({ roles, org, sub, ttlSeconds: 4 * 3600 });
}

export const ORGANISATION = 'chaos-council';

/** Retries a write until it answers one of the wanted statuses (faults make some attempts fail). */
async function until(what: string, attempt: () => Promise<HttpResult>, ok: number[], timeoutMs = 120_000): Promise<HttpResult> {
  const deadline = Date.now() + timeoutMs;
  let last: HttpResult | undefined;
  while (Date.now() < deadline) {
    last = await attempt();
    if (ok.includes(last.status)) return last;
    await sleep(300);
  }
  throw new Error(`${what}: last answer ${last?.status} ${last?.text.slice(0, 500)}`);
}

interface Item {
  id: string;
  programId: string;
  participantId: string;
  version: number;
  busy: boolean;
}

export interface TrafficCounters {
  reschedules: number;
  registrations: number;
  conflicts409: number;
  stale412: number;
  serverErrors5xx: number;
  noAnswer: number;
  otherStatus: number;
  /** Writes accepted while the broker was down (the API must keep taking them). */
  acceptedDuringBrokerOutage: number;
  refusedDuringBrokerOutage: number;
}

const DAYS = ['2027-05-03', '2027-05-04', '2027-05-05', '2027-05-06', '2027-05-07'];
const HOURS = [14, 15, 16, 17, 18, 19, 20, 21];

function randomSlot(): { startsAt: string; endsAt: string } {
  const day = DAYS[Math.floor(Math.random() * DAYS.length)];
  const hour = HOURS[Math.floor(Math.random() * HOURS.length)];
  const start = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString() };
}

/**
 * Real traffic over the services' HTTP APIs: programs + participants (programs), agenda items
 * that are rescheduled again and again (scheduling: every reschedule is a schedule change that
 * notifications fans out by email and in-app), and registrations racing for a few seats
 * (community-events).
 */
export class TrafficDriver {
  readonly counters: TrafficCounters = { reschedules: 0, registrations: 0, conflicts409: 0, stale412: 0, serverErrors5xx: 0, noAnswer: 0, otherStatus: 0, acceptedDuringBrokerOutage: 0, refusedDuringBrokerOutage: 0 };
  readonly programIds: string[] = [];
  readonly participantIds: string[] = [];
  readonly communityEventIds: string[] = [];
  readonly items: Item[] = [];
  brokerDown = false;
  private stopping = false;
  /** Every service enforces tokens (docs/security.md): the chaos organisation's coordinator. */
  private readonly auth = { authorization: `Bearer ${mintToken(['coordinator'], ORGANISATION)}` };

  constructor(private readonly system: ChaosSystem) {}

  get writes(): number {
    return this.counters.reschedules + this.counters.registrations;
  }

  async setUp(options: { programs: number; communityEvents: number; capacity: number }): Promise<void> {
    const { programs, scheduling, communityEvents, notificationsA } = this.system;
    for (let p = 0; p < options.programs; p++) {
      const created = await until('create program', () => http('POST', `${programs.baseUrl}/programs`, { organisationId: ORGANISATION, title: `Chaos delegation ${p}`, kind: 'international-visitor', startDate: DAYS[0], endDate: DAYS[DAYS.length - 1] }, this.auth), [201]);
      const programId = (created.body as { id: string }).id;
      this.programIds.push(programId);
      for (let i = 0; i < 2; i++) {
        const added = await until(
          'add participant',
          () => http('POST', `${programs.baseUrl}/programs/${programId}/participants`, { name: `Delegate ${p}-${i}`, country: 'KE', role: 'delegate', languages: ['en'], preferredLanguage: 'en', notificationChannels: ['email'], email: `d-${p}-${i}-${programId.slice(0, 8)}@chaos.example` }, this.auth),
          [201],
        );
        this.participantIds.push((added.body as { id?: string; participantId?: string }).participantId ?? (added.body as { id: string }).id);
      }
    }
    log(`set up ${this.programIds.length} programs with ${this.participantIds.length} participants; waiting for scheduling and notifications to know them`);
    // Scheduling learns programs and participants from programs.events; an item for an unknown one answers 404/400.
    for (let p = 0; p < this.programIds.length; p++) {
      const programId = this.programIds[p];
      for (let k = 0; k < 4; k++) {
        const participantId = this.participantIds[2 * p + (k % 2)];
        const slot = { startsAt: `${DAYS[k]}T${14 + k}:00:00.000Z`, endsAt: `${DAYS[k]}T${15 + k}:00:00.000Z` };
        const created = await until(
          'schedule agenda item',
          () => http('POST', `${scheduling.baseUrl}/programs/${programId}/agenda-items`, { kind: 'cultural-activity', title: `Visit ${k}`, ...slot, timeZone: 'America/Chicago', attendees: { wholeDelegation: false, participantIds: [participantId], interpreterIds: [] } }, this.auth),
          [201],
        );
        this.items.push({ id: (created.body as { itemId: string }).itemId, programId, participantId, version: Number((created.body as { version: number }).version), busy: false });
      }
    }
    // Notifications must know every recipient before their schedule changes arrive (docs/notifications.md: otherwise skipped).
    for (const participantId of this.participantIds) await until('notifications knows the participant', () => http('GET', `${notificationsA.baseUrl}/recipients/${participantId}`, undefined, this.auth), [200]);
    for (let e = 0; e < options.communityEvents; e++) {
      const auth = this.auth;
      const created = await until(
        'create community event',
        () =>
          http('POST', `${communityEvents.baseUrl}/community-events`, { kind: 'potluck', title: `Chaos potluck ${e}`, venue: { name: 'Chaos hall', address: '1 Main St, Kansas City, MO' }, startsAt: '2027-06-01T23:00:00Z', endsAt: '2027-06-02T02:00:00Z', timeZone: 'America/Chicago', capacity: options.capacity, maxPartySize: 4, visibility: 'public' }, auth),
        [201],
      );
      const id = (created.body as { id: string }).id;
      await until('publish community event', () => http('POST', `${communityEvents.baseUrl}/community-events/${id}/publish`, undefined, { ...auth, 'if-match': '"1"' }), [200, 201]);
      this.communityEventIds.push(id);
    }
    log(`set up ${this.items.length} agenda items and ${this.communityEventIds.length} community events (capacity ${options.capacity} each)`);
  }

  private count(result: HttpResult, kind: 'reschedules' | 'registrations'): boolean {
    const ok = result.status >= 200 && result.status < 300;
    if (ok) this.counters[kind] += 1;
    else if (result.status === 409) this.counters.conflicts409 += 1;
    else if (result.status === 412) this.counters.stale412 += 1;
    else if (result.status >= 500) this.counters.serverErrors5xx += 1;
    else if (result.status === 0) this.counters.noAnswer += 1;
    else this.counters.otherStatus += 1;
    if (this.brokerDown) {
      if (ok) this.counters.acceptedDuringBrokerOutage += 1;
      else if (result.status >= 500 || result.status === 0) this.counters.refusedDuringBrokerOutage += 1;
    }
    return ok;
  }

  private async reschedule(): Promise<void> {
    const free = this.items.filter((i) => !i.busy);
    if (free.length === 0) {
      await sleep(10);
      return;
    }
    const item = free[Math.floor(Math.random() * free.length)];
    item.busy = true;
    try {
      const result = await http('POST', `${this.system.scheduling.baseUrl}/agenda-items/${item.id}/reschedule`, { ...randomSlot(), reason: 'chaos' }, { ...this.auth, 'if-match': `"${item.version}"` });
      if (this.count(result, 'reschedules')) item.version = Number((result.body as { version: number }).version);
      else if (result.status === 412 || result.status === 0 || result.status >= 500) {
        // The write may have committed before the answer was lost: read the version back.
        const current = await http('GET', `${this.system.scheduling.baseUrl}/agenda-items/${item.id}`, undefined, this.auth);
        if (current.status === 200) item.version = Number((current.body as { version: number }).version);
      }
    } finally {
      item.busy = false;
    }
  }

  private async register(): Promise<void> {
    const eventId = this.communityEventIds[Math.floor(Math.random() * this.communityEventIds.length)];
    const result = await http('POST', `${this.system.communityEvents.baseUrl}/community-events/${eventId}/registrations`, { name: 'Chaos guest', email: `guest-${randomUUID()}@chaos.example`, partySize: 1 + Math.floor(Math.random() * 4), preferredLanguage: 'en' });
    this.count(result, 'registrations');
  }

  /** Runs `concurrency` loops until `target` successful writes or stop(). */
  async run(target: number, concurrency: number, registrationShare: number, ratePerSecond: number, faultsDone: () => boolean = () => true): Promise<void> {
    const started = Date.now();
    let attempts = 0;
    const worker = async () => {
      while (!this.stopping && (this.writes < target || !faultsDone())) {
        // A steady pace: attempt n is not sent before started + n / rate.
        const due = started + (attempts * 1000) / ratePerSecond;
        attempts += 1;
        if (due > Date.now()) await sleep(due - Date.now());
        if (this.communityEventIds.length > 0 && Math.random() < registrationShare) await this.register();
        else await this.reschedule();
        // An unanswered request during a fault: do not spin.
        if (this.counters.noAnswer > 0 && Math.random() < 0.05) await sleep(50);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  stop(): void {
    this.stopping = true;
  }
}
