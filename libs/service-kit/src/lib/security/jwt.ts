import { createHmac, createPublicKey, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';

/** A token that does not verify; `reason` is for logs, never for the response. */
export class JwtError extends Error {
  constructor(readonly reason: string) {
    super(`JWT rejected: ${reason}`);
    this.name = 'JwtError';
  }
}

export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
}

/** Where verification keys come from. Each source accepts only its own algorithms, so an RS256 key can never be used as an HMAC secret. */
export interface JwtKeySource {
  verifySignature(header: JwtHeader, signingInput: Buffer, signature: Buffer): Promise<boolean>;
}

export interface JwtVerifierSettings {
  issuer: string;
  audience: string;
  /** Leeway for exp/nbf/iat between our clock and the issuer's. */
  clockToleranceSeconds: number;
  now?: () => number;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');
const B64URL = /^[A-Za-z0-9_-]*$/;

function parseJson(part: string, what: string): Record<string, unknown> {
  if (!B64URL.test(part)) throw new JwtError(`${what} is not base64url`);
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new JwtError(`${what} is not a JSON object`);
  }
}

/** Verifies compact JWS tokens: signature, then issuer, audience and lifetime. */
export class JwtVerifier {
  constructor(
    private readonly settings: JwtVerifierSettings,
    private readonly keys: JwtKeySource,
  ) {}

  async verify(token: string): Promise<Record<string, unknown>> {
    if (token.length > 8192) throw new JwtError('token too long');
    const parts = token.split('.');
    if (parts.length !== 3) throw new JwtError('not a compact JWS');
    const [headerPart, payloadPart, signaturePart] = parts;
    const header = parseJson(headerPart, 'header');
    if (typeof header['alg'] !== 'string' || header['alg'] === 'none') throw new JwtError('alg missing or none');
    if (header['crit'] !== undefined) throw new JwtError('crit headers are not supported');
    if (!B64URL.test(signaturePart)) throw new JwtError('signature is not base64url');
    const valid = await this.keys.verifySignature(
      { alg: header['alg'], kid: typeof header['kid'] === 'string' ? header['kid'] : undefined },
      Buffer.from(`${headerPart}.${payloadPart}`, 'ascii'),
      Buffer.from(signaturePart, 'base64url'),
    );
    if (!valid) throw new JwtError('bad signature');
    const claims = parseJson(payloadPart, 'payload');
    this.checkClaims(claims);
    return claims;
  }

  private checkClaims(claims: Record<string, unknown>): void {
    const { issuer, audience, clockToleranceSeconds } = this.settings;
    const now = Math.floor((this.settings.now?.() ?? Date.now()) / 1000);
    if (claims['iss'] !== issuer) throw new JwtError('wrong issuer');
    const aud = claims['aud'];
    if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) throw new JwtError('wrong audience');
    const exp = claims['exp'];
    if (typeof exp !== 'number') throw new JwtError('exp missing');
    if (now - clockToleranceSeconds >= exp) throw new JwtError('expired');
    const nbf = claims['nbf'];
    if (nbf !== undefined && (typeof nbf !== 'number' || now + clockToleranceSeconds < nbf)) throw new JwtError('not yet valid');
    const iat = claims['iat'];
    if (iat !== undefined && (typeof iat !== 'number' || iat > now + clockToleranceSeconds)) throw new JwtError('issued in the future');
  }
}

/** HS256 with one shared secret: development and tests only (see docs/security.md). */
export class SharedSecretKeys implements JwtKeySource {
  private readonly secret: Buffer;

  constructor(secret: string) {
    this.secret = Buffer.from(secret, 'utf8');
  }

  async verifySignature(header: JwtHeader, signingInput: Buffer, signature: Buffer): Promise<boolean> {
    if (header.alg !== 'HS256') return false;
    const expected = createHmac('sha256', this.secret).update(signingInput).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
}

/** Asymmetric algorithms accepted from a JWKS, with the key type each needs. */
const JWKS_ALGORITHMS: Record<string, { kty: string; crv?: string; verify: (input: Buffer, key: KeyObject, signature: Buffer) => boolean }> = {
  RS256: { kty: 'RSA', verify: (input, key, signature) => verifySignature('sha256', input, key, signature) },
  ES256: { kty: 'EC', crv: 'P-256', verify: (input, key, signature) => verifySignature('sha256', input, { key, dsaEncoding: 'ieee-p1363' }, signature) },
};

interface CachedKey {
  jwk: JsonWebKey & { kid?: string; alg?: string; use?: string };
  key: KeyObject;
}

export interface JwksSettings {
  url: string;
  /** How long fetched keys are trusted before they are fetched again. */
  cacheMs?: number;
  /** At most one refetch per this interval when a token names an unknown kid (key rotation), so forged kids cannot hammer the issuer. */
  refetchCooldownMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Keys from a JWKS URL, cached, looked up by `kid`; rotation is picked up on the first unknown kid. */
export class JwksKeys implements JwtKeySource {
  private keys = new Map<string, CachedKey>();
  private fetchedAt = -Infinity;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly settings: JwksSettings) {}

  async verifySignature(header: JwtHeader, signingInput: Buffer, signature: Buffer): Promise<boolean> {
    const algorithm = JWKS_ALGORITHMS[header.alg];
    if (!algorithm) return false;
    const found = await this.keyFor(header.kid);
    if (!found) return false;
    const { jwk, key } = found;
    if (jwk.kty !== algorithm.kty || (algorithm.crv && jwk.crv !== algorithm.crv)) return false;
    if (jwk.alg !== undefined && jwk.alg !== header.alg) return false;
    if (jwk.use !== undefined && jwk.use !== 'sig') return false;
    try {
      return algorithm.verify(signingInput, key, signature);
    } catch {
      return false;
    }
  }

  private now(): number {
    return this.settings.now?.() ?? Date.now();
  }

  private async keyFor(kid: string | undefined): Promise<CachedKey | undefined> {
    const cacheMs = this.settings.cacheMs ?? 10 * 60_000;
    if (this.now() - this.fetchedAt > cacheMs) await this.refresh();
    let found = this.lookup(kid);
    if (!found && this.now() - this.fetchedAt > (this.settings.refetchCooldownMs ?? 30_000)) {
      await this.refresh();
      found = this.lookup(kid);
    }
    return found;
  }

  private lookup(kid: string | undefined): CachedKey | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    // Without a kid only an unambiguous set will do.
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= (async () => {
      try {
        const response = await (this.settings.fetch ?? fetch)(this.settings.url, { signal: AbortSignal.timeout(this.settings.timeoutMs ?? 5000) });
        if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
        const body = (await response.json()) as { keys?: CachedKey['jwk'][] };
        const keys = new Map<string, CachedKey>();
        for (const [index, jwk] of (body.keys ?? []).entries()) {
          try {
            keys.set(jwk.kid ?? `#${index}`, { jwk, key: createPublicKey({ key: jwk, format: 'jwk' }) });
          } catch {
            // A key we cannot use (symmetric, unknown type) is skipped, not fatal.
          }
        }
        this.keys = keys;
      } finally {
        // Failures count as a fetch too: a dead issuer is retried after the cooldown, not per request.
        this.fetchedAt = this.now();
        this.inFlight = null;
      }
    })();
    return this.inFlight.catch(() => undefined);
  }
}

/** Signs an HS256 token: the development command (scripts/dev/mint-token.mjs) and tests. */
export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const signature = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
