// Local demo sinks for the notifications service, in one small process (scripts/start.sh
// starts it in the background; pid .cache/run/sinks.pid, log .cache/run/sinks.log):
//
//   SMTP      127.0.0.1:1025   a real SMTP server (smtp-server); each message is written as it
//                              arrived to .cache/run/mail/<timestamp>-<to>.eml
//   SMS       127.0.0.1:3099   POST /messages, the generic HTTP SMS gateway the notifications
//                              service's HttpSmsGatewayProvider talks to; one JSON line per
//                              message in .cache/run/sms.jsonl
//   webhooks  127.0.0.1:3098   POST /webhooks, verifies the HMAC signature and timestamp as
//                              docs/notifications.md says and appends each delivery, with
//                              `verified: true|false`, to .cache/run/webhooks.jsonl
//
// These are the notifications service's defaults (SMTP_URL, SMS_GATEWAY_URL), so a service
// started with no configuration delivers here. GET /health on 3098 and 3099 answers
// {"sinks":"ok"}. The webhook signing secret is read from .cache/run/webhook-secret on every
// delivery (scripts/demo/reschedule-demo.mjs writes it when it registers the subscriber).
//
//   node scripts/demo/sinks.mjs
//   SINKS_DIR=/tmp/x SMTP_SINK_PORT=2525 SMS_SINK_PORT=4099 WEBHOOK_SINK_PORT=4098 node scripts/demo/sinks.mjs
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DIR = resolve(process.env.SINKS_DIR ?? join(ROOT, '.cache/run'));
const MAIL_DIR = join(DIR, 'mail');
const SMS_LOG = join(DIR, 'sms.jsonl');
const WEBHOOK_LOG = join(DIR, 'webhooks.jsonl');
const SECRET_FILE = process.env.WEBHOOK_SECRET_FILE ?? join(DIR, 'webhook-secret');
const HOST = '127.0.0.1';
const SMTP_PORT = Number(process.env.SMTP_SINK_PORT ?? 1025);
const SMS_PORT = Number(process.env.SMS_SINK_PORT ?? 3099);
const WEBHOOK_PORT = Number(process.env.WEBHOOK_SINK_PORT ?? 3098);
const TOLERANCE_SECONDS = 300;

mkdirSync(MAIL_DIR, { recursive: true });
const log = (msg, extra = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...extra }));

// ---------------------------------------------------------------- webhook verification
// Mirrors verifyWebhook() and WebhookSigner.sign() in apps/notifications/src/webhooks/webhook-signature.ts
// (the script cannot import TypeScript): `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`),
// timestamp in Unix seconds within ±300 s, constant-time comparison.
function verifyWebhook({ secret, body, signature, timestamp, toleranceSeconds = TOLERANCE_SECONDS, nowMs = Date.now() }) {
  if (!signature || !timestamp) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed-timestamp' };
  const ts = Number(timestamp);
  if (Math.abs(Math.floor(nowMs / 1000) - ts) > toleranceSeconds) return { ok: false, reason: 'outside-tolerance' };
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`);
  const offered = Buffer.from(signature);
  if (expected.length !== offered.length || !timingSafeEqual(expected, offered)) return { ok: false, reason: 'bad-signature' };
  return { ok: true, timestamp: ts };
}

const readSecret = () => (existsSync(SECRET_FILE) ? readFileSync(SECRET_FILE, 'utf8').trim() : '');

/** x-webhook-id → when first seen: a receiver drops repeats inside the tolerance (docs/notifications.md). */
const seenWebhookIds = new Map();

// ---------------------------------------------------------------- HTTP: SMS gateway and webhook receiver
function readBody(req) {
  return new Promise((ok, fail) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > 5_000_000) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

const reply = (res, status, body) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

let smsCount = 0;
async function smsGateway(req, res) {
  if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { sinks: 'ok' });
  if (req.method !== 'POST' || req.url.split('?')[0] !== '/messages') return reply(res, 404, { error: 'POST /messages' });
  const raw = await readBody(req);
  let message;
  try {
    message = JSON.parse(raw);
  } catch {
    return reply(res, 400, { error: 'body is not JSON' });
  }
  if (typeof message?.to !== 'string' || typeof message?.text !== 'string') return reply(res, 400, { error: 'to and text are required' });
  smsCount += 1;
  const id = `sms-${Date.now()}-${smsCount}`;
  appendFileSync(
    SMS_LOG,
    `${JSON.stringify({ receivedAt: new Date().toISOString(), id, to: message.to, text: message.text, reference: message.reference ?? null, idempotencyKey: req.headers['idempotency-key'] ?? null })}\n`,
  );
  log('sms accepted', { id, to: message.to, reference: message.reference });
  return reply(res, 202, { id });
}

async function webhookReceiver(req, res) {
  if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { sinks: 'ok' });
  if (req.method !== 'POST' || !req.url.startsWith('/webhooks')) return reply(res, 404, { error: 'POST /webhooks' });
  const body = await readBody(req); // the raw body: re-serialised JSON would not verify
  const id = req.headers['x-webhook-id'] ?? null;
  const secret = readSecret();
  const verification = secret
    ? verifyWebhook({ secret, body, signature: req.headers['x-webhook-signature'], timestamp: req.headers['x-webhook-timestamp'] })
    : { ok: false, reason: `no secret in ${SECRET_FILE}` };
  const now = Date.now();
  for (const [seenId, at] of seenWebhookIds) if (now - at > TOLERANCE_SECONDS * 1000) seenWebhookIds.delete(seenId);
  const repeat = verification.ok && id !== null && seenWebhookIds.has(id);
  if (verification.ok && id !== null && !repeat) seenWebhookIds.set(id, now);
  let parsed = null;
  try {
    parsed = JSON.parse(body);
  } catch {
    // kept as null; the line still records the delivery
  }
  appendFileSync(
    WEBHOOK_LOG,
    `${JSON.stringify({
      receivedAt: new Date(now).toISOString(),
      id,
      path: req.url,
      timestamp: req.headers['x-webhook-timestamp'] ?? null,
      verified: verification.ok,
      ...(verification.ok ? {} : { reason: verification.reason }),
      repeat,
      type: parsed?.type ?? null,
      body: parsed ?? body,
    })}\n`,
  );
  log(verification.ok ? 'webhook verified' : 'webhook rejected', { id, type: parsed?.type, reason: verification.reason, repeat });
  // A real receiver refuses what does not verify; the notifications service treats a 401 as permanent.
  return verification.ok ? reply(res, 204) : reply(res, 401, { error: verification.reason });
}

const httpServer = (handler) =>
  createServer((req, res) =>
    handler(req, res).catch((error) => {
      log('request failed', { error: error.message });
      if (!res.headersSent) reply(res, 500, { error: 'sink error' });
    }),
  );

// ---------------------------------------------------------------- SMTP
const safe = (text) => text.replace(/[^A-Za-z0-9@._+-]+/g, '_').slice(0, 120);
let mailCount = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  banner: 'citizen-diplomacy demo SMTP sink',
  size: 25 * 1024 * 1024,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('error', callback);
    stream.on('end', () => {
      try {
        const to = session.envelope.rcptTo.map((r) => r.address).join('+') || 'unknown';
        mailCount += 1;
        const stamp = new Date().toISOString().replace(/:/g, '-');
        let file = join(MAIL_DIR, `${stamp}-${safe(to)}.eml`);
        if (existsSync(file)) file = join(MAIL_DIR, `${stamp}-${mailCount}-${safe(to)}.eml`);
        // Written under another name first, so a reader never sees half a message.
        writeFileSync(`${file}.part`, Buffer.concat(chunks));
        renameSync(`${file}.part`, file);
        log('mail caught', { from: session.envelope.mailFrom?.address, to, file });
        callback(null, 'Queued by the demo sink');
      } catch (error) {
        callback(error);
      }
    });
  },
});

// ---------------------------------------------------------------- start
const listen = (server, port, name) =>
  new Promise((ok, fail) => {
    server.once('error', (error) => fail(new Error(`${name} cannot listen on ${HOST}:${port}: ${error.code ?? error.message}`)));
    server.listen(port, HOST, () => ok());
  });

const sms = httpServer(smsGateway);
const webhooks = httpServer(webhookReceiver);
try {
  await listen(smtp, SMTP_PORT, 'SMTP sink');
  await listen(sms, SMS_PORT, 'SMS gateway sink');
  await listen(webhooks, WEBHOOK_PORT, 'webhook receiver');
} catch (error) {
  log('not started', { error: error.message });
  console.error(`[sinks] ${error.message} (already running? see .cache/run/sinks.pid)`);
  process.exit(1);
}
smtp.on('error', (error) => log('smtp error', { error: error.message }));
log('sinks listening', { smtp: `${HOST}:${SMTP_PORT}`, sms: `http://${HOST}:${SMS_PORT}/messages`, webhooks: `http://${HOST}:${WEBHOOK_PORT}/webhooks`, dir: DIR });

const stop = (signal) => {
  log(`${signal}: stopping`);
  webhooks.close();
  sms.close();
  smtp.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
