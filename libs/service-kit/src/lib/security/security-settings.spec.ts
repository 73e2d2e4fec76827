import { COMMON_DEFAULTS, ConfigValidationError, ServiceEnvironment, loadConfig } from '../config/service-config';
import { DEV_AUTH_JWT_SECRET, securitySettings } from './security-settings';

const load = (env: Record<string, string>) =>
  loadConfig(ServiceEnvironment, { ...COMMON_DEFAULTS, PORT: '3999', DATABASE_URL: 'postgres://x@127.0.0.1:5432/x' }, env);

describe('securitySettings', () => {
  it('uses the documented development secret on one machine', () => {
    const settings = securitySettings(load({}), {});
    expect(settings.keys).toEqual({ kind: 'secret', secret: DEV_AUTH_JWT_SECRET, development: true });
    expect(settings.jwt).toMatchObject({ issuer: 'citizen-diplomacy-dev', audience: 'citizen-diplomacy' });
  });

  it('refuses the development secret in production', () => {
    expect(() => securitySettings(load({}), { NODE_ENV: 'production' })).toThrow(ConfigValidationError);
  });

  it('takes a JWKS URL or a secret, never both, and refuses a short secret', () => {
    expect(securitySettings(load({ AUTH_JWKS_URL: 'https://id.example.org/.well-known/jwks.json' }), { NODE_ENV: 'production' }).keys).toEqual({
      kind: 'jwks',
      url: 'https://id.example.org/.well-known/jwks.json',
    });
    expect(() => load({ AUTH_JWKS_URL: 'https://id.example.org/jwks', AUTH_JWT_SECRET: 'x'.repeat(40) })).toThrow(/not both/);
    expect(() => load({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET/);
  });

  it('reads CORS origins and refuses a wildcard', () => {
    expect(load({ CORS_ORIGINS: 'https://app.example.org,http://localhost:5173' }).CORS_ORIGINS).toBe('https://app.example.org,http://localhost:5173');
    expect(() => load({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
  });
});
