// The notifications demo (issue 6, item 8): a reschedule reaches exactly the people it
// affects, in their language, on their channels, and a signed webhook.
//
//   1. registers a webhook subscriber for the demo program's organisation, pointing at the
//      webhook receiver of scripts/demo/sinks.mjs (http://127.0.0.1:3098/webhooks), with a
//      known development secret that it also writes to .cache/run/webhook-secret, where the
//      receiver reads it to verify signatures (reused on later runs: .cache/run/webhook-subscriber.json);
//   2. moves one agenda item of the law-enforcement program (the town hall) by one hour
//      (If-Match; the next run moves it back; another item when that one cannot move);
//   3. waits until the notifications service has delivered everything the change caused, and
//      prints what arrived: the emails caught by the SMTP sink (.cache/run/mail/), the SMS
//      (.cache/run/sms.jsonl), one participant's in-app inbox entry, the verified webhook
//      (.cache/run/webhooks.jsonl).
//
// Needs the four services, the sinks and the demo data (scripts/start.sh does all of it).
//   node scripts/demo/reschedule-demo.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { mintToken } from '../dev/mint-token.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUN_DIR = resolve(process.env.SINKS_DIR ?? join(ROOT, '.cache/run'));
const MAIL_DIR = join(RUN_DIR, 'mail');
const SMS_LOG = join(RUN_DIR, 'sms.jsonl');
const WEBHOOK_LOG = join(RUN_DIR, 'webhooks.jsonl');
const SECRET_FILE = join(RUN_DIR, 'webhook-secret');
const SUBSCRIBER_FILE = join(RUN_DIR, 'webhook-subscriber.json');
const STATE_FILE = join(RUN_DIR, 'reschedule-demo.json');

const PROGRAMS = process.env.PROGRAMS_URL ?? 'http://127.0.0.1:3001';
const SCHEDULING = process.env.SCHEDULING_URL ?? 'http://127.0.0.1:3002';
const NOTIFICATIONS = process.env.NOTIFICATIONS_URL ?? 'http://127.0.0.1:3004';
const NOTIFICATIONS_DB = process.env.NOTIFICATIONS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/notifications';
const WEBHOOK_URL = process.env.DEMO_WEBHOOK_URL ?? 'http://127.0.0.1:3098/webhooks';
/** Development only: the API lets a subscriber bring its own secret (24–200 characters). */
const WEBHOOK_SECRET = process.env.DEMO_WEBHOOK_SECRET ?? 'demo-webhook-secret-for-local-development-only';
const WAIT_MS = Number(process.env.DEMO_WAIT_MS ?? 60_000);

const PROGRAM_TITLE = 'Policing and community trust: a 15-country law-enforcement group';
/** The item to move: the whole delegation (fifteen countries: es, fr, ar and English fallbacks), an evening with room either side. */
const ITEM_TITLES = ['Town hall: police and neighbourhood associations', 'Friday evening ride-along (Central Patrol)'];
const INBOX_PERSON = 'Mariam Diallo'; // reads French
const DEMO_ORGANISATION_ID = 'kansas-city-council';
/** Every service wants a token (docs/security.md): the demo organisation's coordinator, minted with the development secret. */
const STAFF = { authorization: `Bearer ${mintToken({ roles: ['coordinator'], org: DEMO_ORGANISATION_ID, sub: 'demo-coordinator' })}` };
/** A participant reads their own inbox with their own token. */
const asParticipant = (participantId) => ({ authorization: `Bearer ${mintToken({ roles: ['participant'], org: DEMO_ORGANISATION_ID, sub: `demo-${participantId}`, participantId })}` });
const say = (line) => console.log(`[demo] ${line}`);
const rel = (path) => relative(ROOT, path) || '.';

async function call(method, url, { body, headers = {}, expected = [200, 201] } = {}) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', 'x-correlation-id': 'demo-reschedule', ...STAFF, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${url} -> ${response.status} ${text.slice(0, 500)}`);
  return { status: response.status, etag: response.headers.get('etag'), body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
async function until(what, fn, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(250);
  }
}

const readJsonl = (file) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .flatMap((line) => {
          try {
            return [JSON.parse(line)];
          } catch {
            return [];
          }
        })
    : [];

// ---------------------------------------------------------------- a just-enough .eml reader (no mailparser here)
function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=(\s+(?==\?))?/g, (_, charset, encoding, text) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return new TextDecoder(charset).decode(bytes);
  });
}

function headersOf(block) {
  const headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] ??= line.slice(at + 1).trim();
  }
  return headers;
}

function decodeBody(text, headers) {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const charset = /charset="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1] ?? 'utf-8';
  if (encoding === 'base64') return new TextDecoder(charset).decode(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
  if (encoding === 'quoted-printable') {
    const bytes = Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return new TextDecoder(charset).decode(bytes);
  }
  return text;
}

function readEml(file) {
  const raw = readFileSync(file, 'latin1'); // bytes as they are; parts are decoded by their charset
  const split = raw.search(/\r?\n\r?\n/);
  const headers = headersOf(raw.slice(0, split));
  const rest = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  let text = rest;
  let partHeaders = headers;
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const part of rest.split(`--${boundary}`)) {
      const at = part.search(/\r?\n\r?\n/);
      if (at < 0) continue;
      const ph = headersOf(part.slice(0, at).replace(/^\r?\n/, ''));
      if ((ph['content-type'] ?? '').toLowerCase().startsWith('text/plain')) {
        partHeaders = ph;
        text = part.slice(at).replace(/^\r?\n\r?\n/, '');
        break;
      }
    }
  }
  const body = decodeBody(text, partHeaders);
  return {
    file,
    notificationId: headers['x-notification-id'] ?? null,
    to: decodeWords(headers.to ?? ''),
    subject: decodeWords(headers.subject ?? ''),
    language: headers['content-language'] ?? null,
    lines: body.split(/\r?\n/).map((l) => l.trim()).filter(Boolean),
  };
}

/** The .eml files written since `sinceMs`, by notification id. */
function mailSince(sinceMs) {
  const found = new Map();
  if (!existsSync(MAIL_DIR)) return found;
  for (const name of readdirSync(MAIL_DIR)) {
    if (!name.endsWith('.eml')) continue;
    const file = join(MAIL_DIR, name);
    if (statSync(file).mtimeMs < sinceMs) continue;
    const mail = readEml(file);
    if (mail.notificationId) found.set(mail.notificationId, mail);
  }
  return found;
}

// ---------------------------------------------------------------- 1. the demo program and the webhook subscriber
async function demoProgram() {
  let cursor = null;
  do {
    const page = (await call('GET', `${PROGRAMS}/programs?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).body;
    const found = page.items.find((p) => p.title === PROGRAM_TITLE);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return null;
}

/** A demo subscriber registered earlier with the demo secret: from the state file, else from the database. */
async function existingSubscriber() {
  let candidates = [];
  if (existsSync(SUBSCRIBER_FILE)) {
    try {
      candidates.push(JSON.parse(readFileSync(SUBSCRIBER_FILE, 'utf8')).subscriberId);
    } catch {
      // unreadable: look in the database
    }
  }
  try {
    const out = execFileSync('psql', [NOTIFICATIONS_DB, '-tAc', `SELECT subscriber_id FROM webhook_subscribers WHERE active AND url = '${WEBHOOK_URL.replace(/'/g, "''")}' ORDER BY created_at`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    candidates = [...candidates, ...out.split('\n').map((l) => l.trim()).filter(Boolean)];
  } catch {
    // no psql: the state file is all we have
  }
  for (const id of new Set(candidates)) {
    const found = await call('GET', `${NOTIFICATIONS}/webhook-subscribers/${id}`, { expected: [200, 400, 404] });
    if (found.status === 200 && found.body.active && found.body.url === WEBHOOK_URL) return found.body;
  }
  return null;
}

async function webhookSubscriber(organisationId) {
  mkdirSync(RUN_DIR, { recursive: true });
  // The receiver reads the secret from this file on every delivery.
  writeFileSync(SECRET_FILE, `${WEBHOOK_SECRET}\n`, { mode: 0o600 });
  const existing = await existingSubscriber();
  if (existing) return { subscriber: existing, created: false };
  const created = (
    await call('POST', `${NOTIFICATIONS}/webhook-subscribers`, {
      body: {
        name: 'Demo webhook receiver (scripts/demo/sinks.mjs)',
        url: WEBHOOK_URL,
        eventTypes: ['agenda-item.rescheduled', 'agenda-item.cancelled'],
        organisationId,
        secret: WEBHOOK_SECRET,
      },
      expected: [201],
    })
  ).body;
  writeFileSync(SUBSCRIBER_FILE, `${JSON.stringify({ subscriberId: created.subscriberId, url: created.url, organisationId }, null, 2)}\n`);
  return { subscriber: created, created: true };
}

// ---------------------------------------------------------------- 2. the reschedule
function readState() {
  try {
    return JSON.parse(readFileSync(STATE_FILE, 'utf8'));
  } catch {
    return {};
  }
}

async function reschedule(item, correlationId) {
  const state = readState();
  const original = state.itemId === item.itemId ? state.originalStartsAt : item.startsAt;
  writeFileSync(STATE_FILE, `${JSON.stringify({ itemId: item.itemId, originalStartsAt: original }, null, 2)}\n`);
  // One hour later; when an earlier run already moved it, one hour back, so repeated runs do not drift.
  const first = Date.parse(item.startsAt) === Date.parse(original) ? 1 : -1;
  let lastError = null;
  for (const hours of [first, -first]) {
    const shift = (iso) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
    const current = await call('GET', `${SCHEDULING}/agenda-items/${item.itemId}`);
    const response = await call('POST', `${SCHEDULING}/agenda-items/${item.itemId}/reschedule`, {
      headers: { 'if-match': current.etag ?? `"${current.body.version}"`, 'x-correlation-id': correlationId },
      body: {
        startsAt: shift(current.body.startsAt),
        endsAt: shift(current.body.endsAt),
        reason: hours > 0 ? 'Demo: the speakers asked to start an hour later' : 'Demo: back to the original time',
      },
      expected: [200, 409],
    });
    if (response.status === 200) return { before: current.body, after: response.body };
    lastError = `${response.body?.code ?? 'conflict'}: ${response.body?.detail ?? response.body?.title ?? ''}`;
  }
  throw new Error(`"${item.title}" cannot move an hour either way (${lastError})`);
}

// ---------------------------------------------------------------- 3. what arrived
const local = (iso, zone) => DateTime.fromISO(iso, { zone }).toFormat('ccc d LLL HH:mm');
const clip = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

const t0 = Date.now();
const program = await demoProgram();
if (!program) {
  say(`no program "${PROGRAM_TITLE}": run scripts/demo/seed.mjs and seed-scheduling.mjs first; nothing to show`);
  process.exit(1);
}
const { subscriber, created } = await webhookSubscriber(program.organisationId);
say(
  `webhook subscriber ${subscriber.subscriberId} ${created ? 'registered' : 'already registered'}: ${WEBHOOK_URL} for ${subscriber.eventTypes.join(', ')} of ${subscriber.organisationId ?? 'every organisation'} (secret in ${rel(SECRET_FILE)})`,
);

const items = (await call('GET', `${SCHEDULING}/programs/${program.id}/agenda-items`)).body.items;
const movable = items.filter((i) => i.status !== 'cancelled' && i.kind !== 'community-event');
const candidates = [...ITEM_TITLES.map((title) => movable.find((i) => i.title === title)).filter(Boolean), ...movable.filter((i) => !ITEM_TITLES.includes(i.title))];
if (candidates.length === 0) {
  say(`program ${program.id} has no agenda item to move: run scripts/demo/seed-scheduling.mjs first`);
  process.exit(1);
}
const participants = (await call('GET', `${PROGRAMS}/programs/${program.id}/participants`)).body.items;
const correlationId = `demo-reschedule-${Date.now()}`;
const movedAt = Date.now();
let moved = null;
for (const candidate of candidates) {
  try {
    moved = await reschedule(candidate, correlationId);
    break;
  } catch (error) {
    say(`${error.message}; trying another item`);
  }
}
if (!moved) throw new Error('no agenda item of the program can move by an hour');
const { before, after } = moved;
const zone = after.timeZone;
say(`moved "${after.title}" (${program.title}): ${local(before.startsAt, zone)} → ${local(after.startsAt, zone)} ${zone}, version ${before.version} → ${after.version}, correlation id ${correlationId}`);

// The inbox of one participant tells us the source event; its delivery log tells us everything it caused.
const attending = participants.filter((p) => after.attendees.participantIds.includes(p.id) || after.attendees.interpreterIds.includes(p.id));
const person = attending.find((p) => p.name === INBOX_PERSON) ?? attending.find((p) => /^(fr|es|ar)/.test(p.preferredLanguage ?? '')) ?? attending[0];
const inboxEntry = await until(`${person.name}'s in-app inbox entry`, async () => {
  const inbox = await call('GET', `${NOTIFICATIONS}/recipients/${person.id}/inbox?limit=20`, { headers: asParticipant(person.id), expected: [200, 404] });
  return inbox.status === 200 && inbox.body.find((e) => e.sourceEventType === 'agenda-item.rescheduled' && e.programId === program.id && Date.parse(e.sentAt) >= movedAt - 1000);
});
const deliveries = await until('every notification of the change to be sent', async () => {
  const all = (await call('GET', `${NOTIFICATIONS}/source-events/${inboxEntry.sourceEventId}/deliveries`)).body;
  return all.length > 0 && all.every((d) => !['queued', 'sending'].includes(d.status)) && all;
});
const byChannel = (channel) => deliveries.filter((d) => d.channel === channel);
const counts = ['email', 'sms', 'in-app', 'webhook']
  .map((channel) => {
    const mine = byChannel(channel);
    const statuses = [...new Set(mine.map((d) => d.status))].map((s) => `${mine.filter((d) => d.status === s).length} ${s}`);
    return mine.length ? `${channel} ${statuses.join('/')}` : null;
  })
  .filter(Boolean);
say(`agenda-item.rescheduled ${inboxEntry.sourceEventId}: ${deliveries.length} notifications (${counts.join(', ')}) within ${((Date.now() - movedAt) / 1000).toFixed(1)} s`);

// Emails, as the SMTP sink caught them.
const sentEmails = byChannel('email').filter((d) => d.status === 'sent');
let mails = new Map();
try {
  await until('the emails in the SMTP sink', () => {
    mails = mailSince(movedAt - 1000);
    return sentEmails.every((d) => mails.has(d.notificationId));
  }, 15_000);
} catch (error) {
  say(`warning: ${error.message} (is scripts/demo/sinks.mjs running?)`);
}
const caught = sentEmails.map((d) => mails.get(d.notificationId)).filter(Boolean).sort((a, b) => (a.language ?? '').localeCompare(b.language ?? '') || a.to.localeCompare(b.to));
say(`${caught.length} emails caught by the SMTP sink in ${rel(MAIL_DIR)}/ (to, language, subject; first lines):`);
// Several recipients may share an address (e.g. one coordinator contact known under several organisations): one line, counted.
const groups = new Map();
for (const mail of caught) {
  const key = `${mail.to}\u0000${mail.language}\u0000${mail.subject}`;
  groups.set(key, [...(groups.get(key) ?? []), mail]);
}
for (const [first, ...more] of groups.values()) {
  console.log(`  ${clip(first.to, 44).padEnd(44)} [${first.language}] ${clip(first.subject, 80)}${more.length ? `  (×${more.length + 1} recipients with this address)` : ''}`);
  console.log(`  ${''.padEnd(44)}      ${clip(first.lines.slice(0, 2).join(' '), 120)}`);
}
const otherEmails = byChannel('email').filter((d) => d.status !== 'sent');
if (otherEmails.length) say(`${otherEmails.length} emails not sent: ${otherEmails.map((d) => `${d.status} (${d.lastError ?? d.timeline.at(-1)?.detail ?? ''})`).join('; ')}`);

// SMS, as the gateway sink took them.
const smsSent = byChannel('sms');
if (smsSent.length) {
  const smsLines = readJsonl(SMS_LOG);
  for (const d of smsSent) {
    const line = smsLines.find((l) => l.reference === d.notificationId);
    say(line ? `SMS to ${line.to} (${rel(SMS_LOG)}): ${clip(line.text.replace(/\s+/g, ' '), 110)}` : `SMS ${d.notificationId}: ${d.status}${d.lastError ? ` (${d.lastError})` : ''}`);
  }
}

// One participant's in-app inbox.
say(`in-app inbox of ${person.name} (GET ${NOTIFICATIONS}/recipients/${person.id}/inbox), ${inboxEntry.readAt ? 'read' : 'unread'}, [${inboxEntry.language}]${inboxEntry.critical ? ' critical' : ''}:`);
console.log(`  ${inboxEntry.subject}`);
for (const line of inboxEntry.body.split(/\r?\n/).filter((l) => l.trim()).slice(0, 3)) console.log(`  ${clip(line.trim(), 120)}`);

// The webhook, as the receiver verified it.
const hooks = byChannel('webhook').filter((d) => d.recipientId === subscriber.subscriberId);
if (hooks.length === 0) say(`no webhook delivery was planned for subscriber ${subscriber.subscriberId}`);
for (const d of hooks) {
  let received = null;
  try {
    received = await until('the webhook delivery', () => readJsonl(WEBHOOK_LOG).filter((l) => l.id === d.notificationId).at(-1), 10_000);
  } catch {
    // reported below
  }
  if (!received) {
    say(`webhook ${d.notificationId}: ${d.status}${d.lastError ? ` (${d.lastError})` : ''}, nothing in ${rel(WEBHOOK_LOG)}`);
    continue;
  }
  const event = received.body?.event ?? {};
  say(
    `webhook to ${WEBHOOK_URL} (${rel(WEBHOOK_LOG)}): x-webhook-id ${received.id}, ${received.type}, signature ${received.verified ? 'verified: true' : `verified: false (${received.reason})`}, timestamp ${received.timestamp}`,
  );
  console.log(
    `  event ${event.id} from ${event.producer}, correlation ${event.correlationId}${event.correlationId === correlationId ? ' (this reschedule)' : ''}: "${event.payload?.after?.title}" ${event.payload?.before ? `${local(event.payload.before.startsAt, zone)} → ` : ''}${event.payload?.after ? local(event.payload.after.startsAt, zone) : ''}`,
  );
}
say(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s; sink log ${rel(join(RUN_DIR, 'sinks.log'))}, service logs ${rel(RUN_DIR)}/<service>.log`);
