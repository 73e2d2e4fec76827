import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

export interface MachineDetails {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  kafka: string;
  postgres: string;
  kafkajs: string;
  nestjs: string;
  loadAverageAtStart: number[];
  gitCommit: string;
  /** Uncommitted changes in the work tree: the figures are for the tree as it was, not for the commit alone. */
  workTreeDirty: boolean | null;
}

/** Machine-wide CPU time so far (all cores, all processes), from /proc/stat. */
export interface CpuSnapshot {
  busy: number;
  total: number;
}

export function cpuSnapshot(): CpuSnapshot | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Share of all cores that was busy between two snapshots, e.g. "87%". */
export function cpuBusyBetween(a: CpuSnapshot | null, b: CpuSnapshot | null): string {
  if (!a || !b || b.total === a.total) return 'n/a';
  return `${Math.round((100 * (b.busy - a.busy)) / (b.total - a.total))}%`;
}

function packageVersion(repoRoot: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** The broker's own start-up line when the local scripts run it; otherwise the version the scripts pin. */
function kafkaVersion(repoRoot: string): string {
  const log = path.join(repoRoot, '.cache/kafka/server.log');
  if (existsSync(log)) {
    const matches = [...readFileSync(log, 'utf8').matchAll(/Kafka version: (\S+)/g)];
    if (matches.length > 0) return `${matches[matches.length - 1][1]} (KRaft, single node)`;
  }
  const pom = path.join(repoRoot, 'scripts/infra/kafka-pom.xml');
  const pinned = existsSync(pom) ? /<kafka\.version>([^<]+)</.exec(readFileSync(pom, 'utf8'))?.[1] : undefined;
  return pinned ? `${pinned} (pinned by scripts/infra/kafka-pom.xml)` : 'unknown';
}

export async function machineDetails(repoRoot: string, pgAdminUrl: string): Promise<MachineDetails> {
  const client = new Client({ connectionString: pgAdminUrl });
  await client.connect();
  let postgres = 'unknown';
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    postgres = rows[0].v;
  } finally {
    await client.end();
  }
  let gitCommit = 'unknown';
  try {
    gitCommit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  let workTreeDirty: boolean | null = null;
  try {
    // GIT_OPTIONAL_LOCKS=0: a read that never refreshes (writes) the index.
    workTreeDirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } }).trim() !== '';
  } catch {
    // not a git checkout
  }
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    kafka: kafkaVersion(repoRoot),
    postgres,
    kafkajs: packageVersion(repoRoot, 'kafkajs'),
    nestjs: packageVersion(repoRoot, '@nestjs/core'),
    loadAverageAtStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
    gitCommit,
    workTreeDirty,
  };
}
