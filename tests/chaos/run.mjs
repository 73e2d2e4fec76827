#!/usr/bin/env node
// The chaos suite's entry point (`npm run test:chaos`): builds the four services, runs the chaos
// scenario and the input fuzzer with jest on the suite's OWN Kafka broker and Postgres cluster
// (never the shared ones), then prints one summary line and exits non-zero on any failure.
//
//   npm run test:chaos                  full profile (~10,000 source events, 30 s broker outage)
//   npm run test:chaos -- --ci          CI profile (fewer events, one of each fault); or CHAOS_PROFILE=ci
//   npm run test:chaos -- --chaos-only | --fuzz-only | --skip-build
//
// Environment: CHAOS_EVENTS (override the event target), FUZZ_RUNS_PER_ENDPOINT, FUZZ_SEED,
// CHAOS_KAFKA_PORT (29092), CHAOS_KAFKA_CONTROLLER_PORT (29093), CHAOS_PG_PORT (55432),
// CHAOS_SMTP_PORT (22525), CHAOS_BASE_PORT (23001: services on 23001-23004 and 23014).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const ci = args.includes('--ci') || process.env.CHAOS_PROFILE === 'ci';
const profile = ci ? 'ci' : 'full';
const started = Date.now();
const env = { ...process.env, CHAOS_PROFILE: profile, NX_DAEMON: 'false' };
const bin = (name) => path.join(root, 'node_modules/.bin', name);

if (!args.includes('--skip-build')) {
  const build = spawnSync(bin('nx'), ['run-many', '-t', 'build', '--projects=programs,scheduling,community-events,notifications', '--outputStyle=static'], { cwd: root, env, stdio: 'inherit' });
  if (build.status !== 0) {
    console.log(`chaos: FAIL (build failed) profile=${profile}`);
    process.exit(build.status ?? 1);
  }
}

const specs = args.includes('--fuzz-only') ? ['fuzz.chaos-spec'] : args.includes('--chaos-only') ? ['chaos.chaos-spec'] : ['chaos.chaos-spec', 'fuzz.chaos-spec'];
const jest = spawnSync(bin('jest'), ['-c', 'tests/chaos/jest.config.js', '--runInBand', ...specs], { cwd: root, env, stdio: 'inherit' });
const code = jest.status ?? 1;

const results = path.join(root, '.cache/chaos/results');
const fresh = (file) => {
  const full = path.join(results, file);
  return fs.existsSync(full) && fs.statSync(full).mtimeMs >= started ? JSON.parse(fs.readFileSync(full, 'utf8')) : undefined;
};
const parts = [`chaos: ${code === 0 ? 'PASS' : 'FAIL'}`, `profile=${profile}`, `duration=${Math.round((Date.now() - started) / 1000)}s`];
const chaos = fresh(`chaos-${profile}-latest.json`);
if (specs.includes('chaos.chaos-spec')) {
  if (chaos) {
    const order = Object.values(chaos.orderViolations).reduce((a, b) => a + b, 0);
    parts.push(
      `events=${chaos.sourceEvents}`,
      `faults=${chaos.faults.length}`,
      `notifications=${chaos.notifications}/${chaos.expectedNotifications}`,
      `lost=${chaos.lost}`,
      `duplicated=${chaos.duplicated}`,
      `wire-resends=${chaos.wireResends}`,
      `order-violations=${order}`,
      `double-bookings=${chaos.doubleBookings}`,
      `over-capacity=${chaos.overCapacityEvents}`,
      `poison-dead-lettered=${chaos.poisonDeadLettered}/${chaos.poisonExpectedDeadLetters}`,
      `max-recovery=${(chaos.maxRecoveryMs / 1000).toFixed(1)}s`,
    );
  } else parts.push('chaos-result=missing');
}
if (specs.includes('fuzz.chaos-spec')) {
  const fuzz = fresh('fuzz-latest.json');
  if (fuzz) parts.push(`fuzz-requests=${fuzz.requests}`, `fuzz-endpoints=${fuzz.endpoints}`, `fuzz-5xx=${Object.entries(fuzz.byStatus).filter(([s]) => Number(s) >= 500 || s === '0').reduce((a, [, n]) => a + n, 0)}`, `fuzz-findings=${fuzz.findings}`);
  else parts.push('fuzz-result=missing');
}
console.log(parts.join(' '));
process.exit(code);
