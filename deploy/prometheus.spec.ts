// Checks deploy/prometheus/rules.yaml: every alert uses only series and labels the services register
// (read from libs/service-kit/src/lib/metrics and the apps' ServiceMetrics registrations) or that
// kube-state-metrics exports, and every alert has a section in docs/runbook.md that its
// runbook_url points to. The alerts the runbook lists are all in the rules file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { checkExpression, exposedSeries, registeredMetrics } from './prometheus/promql';
import type { Series } from './prometheus/promql';

const ROOT = path.resolve(__dirname, '..');
const RULES = path.join(__dirname, 'prometheus', 'rules.yaml');
const RUNBOOK = path.join(ROOT, 'docs', 'runbook.md');

/** Series that come from kube-state-metrics, not from the services (NotReady, Restarts). */
const KUBE_STATE_METRICS: Record<string, string[]> = {
  kube_deployment_status_replicas_available: ['namespace', 'deployment'],
  kube_deployment_spec_replicas: ['namespace', 'deployment'],
  kube_pod_container_status_restarts_total: ['namespace', 'pod', 'container', 'uid'],
};

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const file = parse(fs.readFileSync(RULES, 'utf8')) as { groups: { name: string; rules: Rule[] }[] };
const alerts = file.groups.flatMap((group) => group.rules).filter((rule): rule is Rule & { alert: string } => typeof rule.alert === 'string');
const runbook = fs.readFileSync(RUNBOOK, 'utf8');

const known = new Map<string, Series>([
  ...exposedSeries(registeredMetrics(ROOT, ['libs/service-kit/src/lib/metrics', 'apps'])),
  ...Object.entries(KUBE_STATE_METRICS).map(([name, labels]): [string, Series] => [
    name,
    { name, labels: new Set([...labels, 'job', 'instance']), from: 'kube-state-metrics' },
  ]),
]);

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** `## ` sections of the runbook with the alert names their heading lists (`## A / B (notes)`). */
const sections = [...runbook.matchAll(/^## (.+)$/gm)].map((match) => ({
  heading: match[1],
  anchor: anchor(match[1]),
  alerts: match[1]
    .replace(/\(.*\)/g, '')
    .split('/')
    .map((name) => name.trim())
    .filter(Boolean),
  body: runbook.slice(match.index + match[0].length).split(/^## /m)[0],
}));

describe('deploy/prometheus/rules.yaml', () => {
  it('is a rules file with alerts that have an expression, a severity, a summary and a valid duration', () => {
    expect(file.groups.length).toBeGreaterThan(0);
    expect(alerts.length).toBeGreaterThan(0);
    const names = alerts.map((a) => a.alert);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const rule of alerts) {
      expect([rule.alert, typeof rule.expr, rule.expr.trim().length > 0]).toEqual([rule.alert, 'string', true]);
      if (rule.for !== undefined) expect([rule.alert, rule.for]).toEqual([rule.alert, expect.stringMatching(/^(\d+[smhd])+$/)]);
      expect([rule.alert, rule.labels?.['severity']]).toEqual([rule.alert, expect.stringMatching(/^(warning|critical)$/)]);
      expect([rule.alert, typeof rule.annotations?.['summary']]).toEqual([rule.alert, 'string']);
    }
  });

  it("uses only series and labels the services register, or kube-state-metrics' own", () => {
    const problems = alerts.flatMap((rule) => checkExpression(rule.expr, known).map((problem) => `${rule.alert} ${problem}`));
    expect(problems).toEqual([]);
  });

  it('has a section in docs/runbook.md for every alert, and a runbook_url that points to it', () => {
    for (const rule of alerts) {
      const section = sections.find((s) => s.alerts.includes(rule.alert));
      expect([rule.alert, section ? 'has a section' : 'no "## <Alert>" section in docs/runbook.md']).toEqual([rule.alert, 'has a section']);
      expect([rule.alert, section!.body.trim().length > 0]).toEqual([rule.alert, true]);
      expect([rule.alert, rule.annotations?.['runbook_url']]).toEqual([rule.alert, `docs/runbook.md#${section!.anchor}`]);
    }
  });

  it('has every alert of the rules docs/runbook.md suggests', () => {
    const suggested = [...runbook.matchAll(/^\s*-\s*alert:\s*(\S+)/gm)].map((m) => m[1]);
    expect(suggested.length).toBeGreaterThan(0);
    const names = new Set(alerts.map((a) => a.alert));
    expect(suggested.filter((name) => !names.has(name))).toEqual([]);
  });
});

describe('deploy/prometheus/rules.yaml with promtool (scripts/infra/tools.sh installs it)', () => {
  const promtool = (...args: string[]) => spawnSync('promtool', args, { cwd: path.dirname(RULES), encoding: 'utf8' });

  it('passes promtool check rules', () => {
    const result = promtool('check', 'rules', 'rules.yaml');
    expect([result.error?.message ?? null, result.status, result.stdout + result.stderr]).toEqual([null, 0, expect.stringContaining('SUCCESS')]);
  });

  it('fires OutboxBacklog and OutboxRelayStalled during a relay stall, OutboxMessagesSetAside for a set-aside row, and nothing for a short outage (rules.test.yaml)', () => {
    const result = promtool('test', 'rules', 'rules.test.yaml');
    expect([result.error?.message ?? null, result.status, result.stdout + result.stderr]).toEqual([null, 0, expect.stringContaining('SUCCESS')]);
  });
});
