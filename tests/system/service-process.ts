import { BuiltService } from '@diplomacy/testing';

/**
 * A built service for the system tests: its own `system_<name>_test` database, recreated
 * empty, so the system suites never read the rows of a service's own integration tests.
 */
export function startService(name: string, env: Record<string, string> = {}): Promise<BuiltService> {
  return BuiltService.start(name, { database: `system_${name.replace(/-/g, '_')}_test`, env });
}
