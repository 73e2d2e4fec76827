import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * A development bearer token from scripts/dev/mint-token.mjs (signed with the development
 * secret the services accept outside production; docs/security.md). Services with
 * `security: 'enforced'` refuse the bench's HTTP calls without one.
 */
export function benchToken(repoRoot: string, options: { role: 'coordinator' | 'platform-admin'; org?: string; sub?: string }): string {
  const args = [path.join(repoRoot, 'scripts/dev/mint-token.mjs'), '--role', options.role, '--sub', options.sub ?? 'bench', '--ttl', '21600'];
  if (options.org) args.push('--org', options.org);
  return execFileSync(process.execPath, args, { encoding: 'utf8' }).trim();
}

/** The Authorization header for a coordinator of `org`. */
export function coordinatorAuth(repoRoot: string, org: string): { authorization: string } {
  return { authorization: `Bearer ${benchToken(repoRoot, { role: 'coordinator', org })}` };
}
