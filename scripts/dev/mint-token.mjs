#!/usr/bin/env node
// Mints a development token (HS256, signed with the development secret) for a demo user,
// so the services can be called by hand. Prints the token alone, for $(...):
//
//   TOKEN=$(node scripts/dev/mint-token.mjs --role coordinator --org kansas-city-council --sub ana)
//   curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3003/community-events/<id>/slots
//
// Options (all optional):
//   --role <role>[,<role>]  platform-admin | coordinator | contact | participant | viewer (default coordinator)
//   --org <id>              organisation the user acts for (default kansas-city-council; none for a platform admin)
//   --sub <id>              the user (default demo-<role>)
//   --participant <id>      participant id, required with --role participant
//   --contact <id>          contact id, required with --role contact
//   --ttl <seconds>         lifetime (default 3600)
//   --secret, --issuer, --audience  default to AUTH_JWT_SECRET, AUTH_ISSUER, AUTH_AUDIENCE or the development values
//
// Only services that accept the development secret (no AUTH_JWKS_URL, not NODE_ENV=production)
// accept these tokens; see docs/security.md. Also importable: import { mintToken } from './mint-token.mjs'.
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// Must equal DEV_AUTH_JWT_SECRET in libs/service-kit/src/lib/security/security-settings.ts.
export const DEV_AUTH_JWT_SECRET = 'citizen-diplomacy-development-secret-not-for-production';
export const DEV_AUTH_ISSUER = 'citizen-diplomacy-dev';
export const DEV_AUTH_AUDIENCE = 'citizen-diplomacy';
const ROLES = ['platform-admin', 'coordinator', 'contact', 'participant', 'viewer'];

export function mintToken({
  roles = ['coordinator'],
  org = 'kansas-city-council',
  sub,
  participantId,
  contactId,
  ttlSeconds = 3600,
  secret = process.env.AUTH_JWT_SECRET ?? DEV_AUTH_JWT_SECRET,
  issuer = process.env.AUTH_ISSUER ?? DEV_AUTH_ISSUER,
  audience = process.env.AUTH_AUDIENCE ?? DEV_AUTH_AUDIENCE,
} = {}) {
  for (const role of roles) if (!ROLES.includes(role)) throw new Error(`unknown role ${role}; one of ${ROLES.join(', ')}`);
  if (roles.includes('participant') && !participantId) throw new Error('--participant <id> is required with the participant role');
  if (roles.includes('contact') && !contactId) throw new Error('--contact <id> is required with the contact role');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    aud: audience,
    sub: sub ?? `demo-${roles[0]}`,
    ...(org ? { org } : {}),
    roles,
    ...(participantId ? { participant_id: participantId } : {}),
    ...(contactId ? { contact_id: contactId } : {}),
    iat: now,
    exp: now + ttlSeconds,
  };
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${createHmac('sha256', Buffer.from(secret, 'utf8')).update(input).digest('base64url')}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', default: 'coordinator' },
      org: { type: 'string' },
      sub: { type: 'string' },
      participant: { type: 'string' },
      contact: { type: 'string' },
      ttl: { type: 'string', default: '3600' },
      secret: { type: 'string' },
      issuer: { type: 'string' },
      audience: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log('node scripts/dev/mint-token.mjs [--role coordinator] [--org kansas-city-council] [--sub ana] [--participant id] [--contact id] [--ttl 3600]');
    process.exit(0);
  }
  const roles = values.role.split(',');
  try {
    const token = mintToken({
      roles,
      org: values.org ?? (roles.includes('platform-admin') ? undefined : 'kansas-city-council'),
      sub: values.sub,
      participantId: values.participant,
      contactId: values.contact,
      ttlSeconds: Number(values.ttl),
      ...(values.secret ? { secret: values.secret } : {}),
      ...(values.issuer ? { issuer: values.issuer } : {}),
      ...(values.audience ? { audience: values.audience } : {}),
    });
    process.stdout.write(`${token}\n`);
  } catch (error) {
    console.error(`mint-token: ${error.message}`);
    process.exit(2);
  }
}
