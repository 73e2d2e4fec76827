import type { ServiceEnvironment } from '../config/service-config';
import { ConfigValidationError } from '../config/service-config';
import type { JwtVerifierSettings } from './jwt';
import type { TokenBucketSettings } from './rate-limit';

/**
 * The development signing secret: what `scripts/dev/mint-token.mjs` signs with and what a
 * service accepts when neither AUTH_JWKS_URL nor AUTH_JWT_SECRET is set. It is public (it is
 * in the repository), so NODE_ENV=production refuses to start with it.
 */
export const DEV_AUTH_JWT_SECRET = 'citizen-diplomacy-development-secret-not-for-production';

export type JwtKeySettings = { kind: 'jwks'; url: string } | { kind: 'secret'; secret: string; development: boolean };

export interface SecuritySettings {
  jwt: JwtVerifierSettings;
  keys: JwtKeySettings;
  rateLimit: TokenBucketSettings;
}

/** Resolves and checks the security settings at start-up; every problem is reported at once. */
export function securitySettings(config: ServiceEnvironment, env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  let keys: JwtKeySettings;
  if (config.AUTH_JWKS_URL && config.AUTH_JWT_SECRET) {
    throw new ConfigValidationError(['AUTH_JWT_SECRET: set AUTH_JWKS_URL or AUTH_JWT_SECRET, not both']);
  } else if (config.AUTH_JWKS_URL) {
    keys = { kind: 'jwks', url: config.AUTH_JWKS_URL };
  } else {
    const secret = config.AUTH_JWT_SECRET ?? DEV_AUTH_JWT_SECRET;
    const development = secret === DEV_AUTH_JWT_SECRET;
    if (development && env['NODE_ENV'] === 'production') {
      throw new ConfigValidationError(['AUTH_JWKS_URL: production needs AUTH_JWKS_URL (or its own AUTH_JWT_SECRET); the development secret is public']);
    }
    keys = { kind: 'secret', secret, development };
  }
  return {
    jwt: { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE, clockToleranceSeconds: config.AUTH_CLOCK_TOLERANCE_SECONDS },
    keys,
    rateLimit: { burst: config.RATE_LIMIT_BURST, perMinute: config.RATE_LIMIT_PER_MINUTE },
  };
}
