/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`) into the numbers
 * docs/performance.md quotes: where the busy (non-idle) CPU time went, by
 * package and by function, self and inclusive.
 *
 *   node dist/bench/bench/src/tools/cpuprofile.js tmp/bench/<run>/profiles/http.programs.cpuprofile [more...]
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  name: string;
  ms: number;
  /** Share of busy time (everything but idle). */
  share: number;
}

export interface ProfileSummary {
  wallMs: number;
  busyMs: number;
  idleMs: number;
  gcMs: number;
  selfByGroup: Row[];
  inclusiveByGroup: Row[];
  selfByFunction: Row[];
  inclusiveByFunction: Row[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** Which package or part of the repo a frame belongs to. */
export function groupOf(frame: CallFrame): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const url = frame.url;
  if (!url) return '(native/V8)';
  if (url.startsWith('node:')) return 'node core';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const repo = /\/(apps\/[^/]+|libs\/[^/]+|bench)\//.exec(url);
  if (repo) return `repo: ${repo[1]}`;
  return path.basename(url);
}

function functionKey(frame: CallFrame): string {
  const file = frame.url ? frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/dist\/[^/]+\/[^/]+\//, '').replace(/^file:\/\//, '') : '';
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`;
}

function top(map: Map<string, number>, busy: number, n: number, skip: (name: string) => boolean = () => false): Row[] {
  return [...map.entries()]
    .filter(([name]) => !skip(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, us]) => ({ name, ms: us / 1000, share: busy > 0 ? us / busy : 0 }));
}

export function summarizeProfile(file: string, n = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const selfGroup = new Map<string, number>();
  const inclGroup = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclFn = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  // Stacks repeat: cache each node's ancestor key sets.
  const stackCache = new Map<number, { groups: Set<string>; fns: Set<string> }>();
  const stackOf = (id: number): { groups: Set<string>; fns: Set<string> } => {
    const cached = stackCache.get(id);
    if (cached) return cached;
    const groups = new Set<string>();
    const fns = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = (byId.get(at) as ProfileNode).callFrame;
      groups.add(groupOf(frame));
      if (!SPECIAL.has(frame.functionName)) fns.add(functionKey(frame));
    }
    const entry = { groups, fns };
    stackCache.set(id, entry);
    return entry;
  };

  let idle = 0;
  let gc = 0;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    const us = profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]) as ProfileNode;
    total += us;
    if (node.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    if (node.callFrame.functionName === '(garbage collector)') gc += us;
    add(selfGroup, groupOf(node.callFrame), us);
    add(selfFn, functionKey(node.callFrame), us);
    const stack = stackOf(node.id);
    for (const g of stack.groups) add(inclGroup, g, us);
    for (const f of stack.fns) add(inclFn, f, us);
  }
  const busy = total - idle;
  return {
    wallMs: (profile.endTime - profile.startTime) / 1000,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    gcMs: gc / 1000,
    selfByGroup: top(selfGroup, busy, n),
    inclusiveByGroup: top(inclGroup, busy, n, (name) => name === '(root)'),
    selfByFunction: top(selfFn, busy, n),
    // Whole-process entry points (event loop ticks, timers) are on every stack: keep what says something.
    inclusiveByFunction: top(inclFn, busy, n * 2, (name) => /^(processTicksAndRejections|listOnTimeout|processTimers|\(anonymous\)) node:/.test(name)),
  };
}

export function formatProfileSummary(name: string, summary: ProfileSummary): string {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  const table = (title: string, rows: Row[]) => [title, ...rows.map((r) => `  ${pct(r.share)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`), ''];
  return [
    `${name}: wall ${summary.wallMs.toFixed(0)} ms, busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms, GC ${summary.gcMs.toFixed(0)} ms (${pct(summary.gcMs / summary.busyMs).trim()} of busy)`,
    '',
    ...table('Self time by package (share of busy time):', summary.selfByGroup),
    ...table('Inclusive time by package (on the stack; shares overlap):', summary.inclusiveByGroup),
    ...table('Self time by function:', summary.selfByFunction),
    ...table('Inclusive time by function:', summary.inclusiveByFunction),
  ].join('\n');
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: node dist/bench/bench/src/tools/cpuprofile.js <file.cpuprofile>...');
    process.exit(2);
  }
  for (const file of files) console.log(formatProfileSummary(path.basename(file), summarizeProfile(file)));
}
