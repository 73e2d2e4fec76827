import { COMMON_DEFAULTS, DEV_AUTH_JWT_SECRET, signHs256 } from '@diplomacy/service-kit';
import type { Role } from '@diplomacy/service-kit';

export const HOME_ORG = 'kansas-city-council';
export const OTHER_ORG = 'berlin-lichtenberg';

/** A development token, as scripts/dev/mint-token.mjs mints them. */
export function testToken(options: { roles?: Role[]; org?: string | null; sub?: string; participantId?: string; contactId?: string; ttlSeconds?: number; claims?: Record<string, unknown> } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const roles = options.roles ?? ['coordinator'];
  return signHs256(
    {
      iss: COMMON_DEFAULTS.AUTH_ISSUER,
      aud: COMMON_DEFAULTS.AUTH_AUDIENCE,
      sub: options.sub ?? `test-${roles[0]}`,
      ...(options.org === null ? {} : { org: options.org ?? HOME_ORG }),
      roles,
      ...(options.participantId ? { participant_id: options.participantId } : {}),
      ...(options.contactId ? { contact_id: options.contactId } : {}),
      iat: now,
      exp: now + (options.ttlSeconds ?? 3600),
      ...options.claims,
    },
    DEV_AUTH_JWT_SECRET,
  );
}

/** The callers every service's tests use: the home organisation's roles, another organisation's staff, a platform admin. */
export const testTokens = {
  coordinator: testToken({ roles: ['coordinator'], sub: 'ana' }),
  viewer: testToken({ roles: ['viewer'], sub: 'victor' }),
  participant: testToken({ roles: ['participant'], sub: 'pia', participantId: 'participant-1' }),
  contact: testToken({ roles: ['contact'], sub: 'carl', contactId: 'contact-1' }),
  otherCoordinator: testToken({ roles: ['coordinator'], org: OTHER_ORG, sub: 'otto' }),
  otherViewer: testToken({ roles: ['viewer'], org: OTHER_ORG, sub: 'olga' }),
  platformAdmin: testToken({ roles: ['platform-admin'], org: null, sub: 'root' }),
};
export type TestTokenName = keyof typeof testTokens;
