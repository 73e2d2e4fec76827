/**
 * `npm run bench` — runs every scenario beside its raw baseline, in one run, on
 * this machine, and writes bench/results/<date-time>.json and .md.
 *
 *   --smoke          tiny sizes; proves the harness works (results go to tmp/bench/results)
 *   --only=a,b       run only these scenarios (outbox, end-to-end, http, scheduling-conflicts,
 *                    registrations, schedule-to-notification, fan-out)
 *   --profile        run every process the bench starts under `node --cpu-prof`
 *                    (profiles and their summaries in tmp/bench/<run>/profiles; results go to tmp/)
 *   --out=DIR        write the results here instead
 *   --skip-infra     do not call scripts/infra/up.sh
 *   --skip-build     do not build the services
 *
 * Exit code: 0 when every scenario ran (whatever its figures), 1 when the
 * harness broke (a service did not start, an event never arrived, ...).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { BenchEnvironment } from './harness/environment';
import { machineDetails } from './harness/machine';
import { markdownTable, writeReport } from './harness/report';
import type { BenchReport } from './harness/report';
import type { ScenarioResult } from './harness/types';
import { SCENARIOS } from './scenarios';
import { summarizeProfile, formatProfileSummary } from './tools/cpuprofile';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

interface Args {
  smoke: boolean;
  only: string[] | null;
  profile: boolean;
  out: string | null;
  skipInfra: boolean;
  skipBuild: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { smoke: false, only: null, profile: false, out: null, skipInfra: false, skipBuild: false };
  for (const arg of argv) {
    if (arg === '--smoke') args.smoke = true;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--skip-infra') args.skipInfra = true;
    else if (arg === '--skip-build') args.skipBuild = true;
    else if (arg.startsWith('--only=')) args.only = arg.slice('--only='.length).split(',').filter(Boolean);
    else if (arg.startsWith('--out=')) args.out = path.resolve(arg.slice('--out='.length));
    else throw new Error(`Unknown option ${arg} (see bench/src/main.ts)`);
  }
  return args;
}

const log = (line: string) => console.log(`[bench] ${line}`);

function run(command: string, args: string[]): void {
  execFileSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', timeout: 600_000 });
}

async function main(): Promise<number> {
  // kafkajs 2.2.4 computes a negative throttle delay (Node 24 warns; the timer still fires after 1 ms as before).
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name !== 'TimeoutNegativeWarning') console.warn(warning);
  });
  const args = parseArgs(process.argv.slice(2));
  const scenarios = args.only ? SCENARIOS.filter((s) => args.only?.includes(s.name)) : SCENARIOS;
  const unknown = (args.only ?? []).filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length > 0) throw new Error(`Unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);

  const started = new Date();
  const runId = started.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').toLowerCase();
  const kafkaBrokers = (process.env['BENCH_KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
  const pgAdminUrl = process.env['BENCH_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  // libs/testing's helpers (freshDatabase) read what jest's global set-up would export.
  process.env['TEST_KAFKA_BROKERS'] = kafkaBrokers.join(',');
  process.env['TEST_PG_ADMIN_URL'] = pgAdminUrl;
  process.env['TEST_INFRA_SOURCE'] = 'local-scripts';

  if (!args.skipInfra) {
    log('infrastructure: scripts/infra/up.sh');
    run('bash', ['scripts/infra/up.sh']);
  }
  const services = [...new Set(scenarios.flatMap((s) => s.services))];
  if (services.length > 0 && !args.skipBuild) {
    log(`building ${services.join(', ')}`);
    run('npx', ['--no-install', 'nx', 'run-many', '-t', 'build', `--projects=${services.join(',')}`, '--outputStyle=static']);
  }
  for (const service of services) {
    const main = path.join(REPO_ROOT, 'dist/apps', service, 'apps', service, 'src/main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: build ${service} first`);
  }

  const mode = args.smoke ? 'smoke' : 'full';
  const workDir = path.join(REPO_ROOT, 'tmp/bench', runId);
  const env = new BenchEnvironment({ mode, runId, repoRoot: REPO_ROOT, workDir, kafkaBrokers, pgAdminUrl, profile: args.profile });
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      env.killAll();
      process.exit(130);
    }
    interrupted = true;
    log(`${signal}: cleaning up (again to kill at once)`);
    void env.cleanup(log).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => env.killAll());

  const machine = await machineDetails(REPO_ROOT, pgAdminUrl);
  log(`${mode} run ${runId} on ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}, Kafka ${machine.kafka}, Postgres ${machine.postgres}`);

  const results: ScenarioResult[] = [];
  const failures: BenchReport['failures'] = [];
  for (const scenario of scenarios) {
    log(`scenario ${scenario.name}: ${scenario.title}`);
    const t0 = Date.now();
    env.scenario = scenario.name;
    try {
      const result = await scenario.run(env);
      results.push({ scenario: scenario.name, title: scenario.title, ...result, durationMs: Date.now() - t0 });
      log(`scenario ${scenario.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    } catch (error) {
      const message = (error as Error).stack ?? String(error);
      failures.push({ scenario: scenario.name, error: message });
      log(`scenario ${scenario.name} BROKE: ${message}`);
    } finally {
      await env.cleanup(log);
    }
  }

  const finished = new Date();
  const report: BenchReport = {
    runId,
    mode,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    totalSeconds: (finished.getTime() - started.getTime()) / 1000,
    machine,
    scenarios: results,
    failures,
  };
  // Smoke and profiled runs are not results worth committing: they go under tmp/.
  const outDir = args.out ?? (args.smoke || args.profile ? path.join(REPO_ROOT, 'tmp/bench/results') : path.join(REPO_ROOT, 'bench/results'));
  const written = writeReport(report, outDir);
  console.log(`\n${markdownTable(results)}\n`);
  log(`wrote ${path.relative(REPO_ROOT, written.json)} and ${path.relative(REPO_ROOT, written.md)} (${report.totalSeconds.toFixed(1)} s)`);

  if (args.profile) {
    const dir = path.join(workDir, 'profiles');
    for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')) : []) {
      const summary = formatProfileSummary(file, summarizeProfile(path.join(dir, file)));
      writeFileSync(path.join(dir, file.replace(/\.cpuprofile$/, '.summary.txt')), summary);
      log(`profile summary: ${path.relative(REPO_ROOT, path.join(dir, file.replace(/\.cpuprofile$/, '.summary.txt')))}`);
    }
  }
  if (failures.length > 0) {
    log(`harness broke in: ${failures.map((f) => f.scenario).join(', ')}`);
    return 1;
  }
  return 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: Error) => {
    console.error(`[bench] ${error.stack ?? error.message}`);
    process.exit(1);
  });
