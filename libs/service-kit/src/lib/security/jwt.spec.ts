import { generateKeyPairSync } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { sign } from 'node:crypto';
import { JwksKeys, JwtError, JwtVerifier, SharedSecretKeys, signHs256 } from './jwt';

const SECRET = 'a-test-secret-that-is-long-enough-1234';
const NOW = 1_800_000_000_000;
const settings = { issuer: 'https://issuer.test', audience: 'diplomacy', clockToleranceSeconds: 30, now: () => NOW };
const claims = (overrides: Record<string, unknown> = {}) => ({ iss: 'https://issuer.test', aud: 'diplomacy', sub: 'u1', exp: NOW / 1000 + 600, iat: NOW / 1000, ...overrides });

function signRs256(payload: Record<string, unknown>, key: KeyObject, header: Record<string, unknown>): string {
  const h = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...header })).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), key).toString('base64url')}`;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof JwtError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('JwtVerifier with a shared secret (HS256)', () => {
  const verifier = new JwtVerifier(settings, new SharedSecretKeys(SECRET));

  it('accepts a token of the configured issuer and audience and returns its claims', async () => {
    await expect(verifier.verify(signHs256(claims({ org: 'kc' }), SECRET))).resolves.toMatchObject({ sub: 'u1', org: 'kc' });
    await expect(verifier.verify(signHs256(claims({ aud: ['other', 'diplomacy'] }), SECRET))).resolves.toBeDefined();
  });

  it.each([
    ['another secret', signHs256(claims(), 'another-secret-that-is-long-enough-000'), 'bad signature'],
    ['another issuer', signHs256(claims({ iss: 'https://evil.test' }), SECRET), 'wrong issuer'],
    ['another audience', signHs256(claims({ aud: 'billing' }), SECRET), 'wrong audience'],
    ['an expired token', signHs256(claims({ exp: NOW / 1000 - 31 }), SECRET), 'expired'],
    ['no exp', signHs256(claims({ exp: undefined }), SECRET), 'exp missing'],
    ['a token not valid yet', signHs256(claims({ nbf: NOW / 1000 + 120 }), SECRET), 'not yet valid'],
    ['garbage', 'not-a-token', 'not a compact JWS'],
  ])('refuses %s', async (_case, token, expected) => {
    expect(await reason(verifier.verify(token))).toBe(expected);
  });

  it('refuses alg none and a tampered payload', async () => {
    const good = signHs256(claims(), SECRET).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${good[1]}.`;
    expect(await reason(verifier.verify(none))).toBe('alg missing or none');
    const tampered = `${good[0]}.${Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url')}.${good[2]}`;
    expect(await reason(verifier.verify(tampered))).toBe('bad signature');
  });

  it('tolerates clock skew within the configured leeway', async () => {
    expect(await reason(verifier.verify(signHs256(claims({ exp: NOW / 1000 - 10 }), SECRET)))).toBe('accepted');
  });
});

describe('JwtVerifier with a JWKS (RS256)', () => {
  const first = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const second = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = (key: KeyObject, kid: string) => ({ ...(key.export({ format: 'jwk' }) as JsonWebKey), kid, alg: 'RS256', use: 'sig' });

  function jwksServer(initial: object[]) {
    const state = { keys: initial, fetches: 0 };
    const fakeFetch = (async () => {
      state.fetches += 1;
      return new Response(JSON.stringify({ keys: state.keys }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    return { state, fakeFetch };
  }

  it('verifies with the key named by kid, caches the set, and picks up a rotated key on the first unknown kid', async () => {
    let clock = NOW;
    const { state, fakeFetch } = jwksServer([jwk(first.publicKey, 'k1')]);
    const verifier = new JwtVerifier({ ...settings, now: () => clock }, new JwksKeys({ url: 'https://issuer.test/jwks', fetch: fakeFetch, now: () => clock, refetchCooldownMs: 1000 }));
    expect(await reason(verifier.verify(signRs256(claims(), first.privateKey, { kid: 'k1' })))).toBe('accepted');
    expect(await reason(verifier.verify(signRs256(claims(), first.privateKey, { kid: 'k1' })))).toBe('accepted');
    expect(state.fetches).toBe(1);

    state.keys = [jwk(first.publicKey, 'k1'), jwk(second.publicKey, 'k2')];
    clock += 2000;
    expect(await reason(verifier.verify(signRs256(claims(), second.privateKey, { kid: 'k2' })))).toBe('accepted');
    expect(state.fetches).toBe(2);
    // An unknown kid within the cooldown does not refetch: forged kids cannot hammer the issuer.
    expect(await reason(verifier.verify(signRs256(claims(), second.privateKey, { kid: 'nope' })))).toBe('bad signature');
    expect(state.fetches).toBe(2);
  });

  it('refuses an HS256 token signed with the public key (algorithm confusion) and a key of the wrong signer', async () => {
    const { fakeFetch } = jwksServer([jwk(first.publicKey, 'k1')]);
    const verifier = new JwtVerifier(settings, new JwksKeys({ url: 'https://issuer.test/jwks', fetch: fakeFetch }));
    const publicPem = first.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(await reason(verifier.verify(signHs256(claims(), publicPem)))).toBe('bad signature');
    expect(await reason(verifier.verify(signRs256(claims(), second.privateKey, { kid: 'k1' })))).toBe('bad signature');
  });
});
