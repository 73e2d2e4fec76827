// Checks deploy/grafana/citizen-diplomacy.json against the code: every series and label its PromQL
// uses is registered in libs/service-kit/src/lib/metrics (or by a service through ServiceMetrics),
// read from the source, so renaming a metric or a label fails here instead of blanking a panel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analysePromql, checkExpression, exposedSeries, registeredMetrics } from './prometheus/promql';

const ROOT = path.resolve(__dirname, '..');
const DASHBOARD = path.join(__dirname, 'grafana', 'citizen-diplomacy.json');
const KIT_METRICS = 'libs/service-kit/src/lib/metrics';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as Any;
const kitMetrics = registeredMetrics(ROOT, [KIT_METRICS]);
const appMetrics = registeredMetrics(ROOT, ['apps']);
const known = exposedSeries([...kitMetrics, ...appMetrics]);

function allPanels(panels: Any[] = []): Any[] {
  return panels.flatMap((panel) => [panel, ...allPanels(panel.panels)]);
}
const panels = allPanels(dashboard.panels);
const queries: { panel: string; expr: string }[] = [
  ...panels.flatMap((panel) => (panel.targets ?? []).map((target: Any) => ({ panel: panel.title as string, expr: target.expr as string }))),
  ...dashboard.templating.list
    .filter((variable: Any) => variable.type === 'query')
    .map((variable: Any) => ({ panel: `$${variable.name}`, expr: String(variable.definition).replace(/^label_values\((.*),\s*(\w+)\)$/, 'count by ($2) ($1)') })),
];

describe('metric extraction from the source', () => {
  it('finds the series of libs/service-kit/src/lib/metrics with their types and labels', () => {
    const byName = Object.fromEntries(kitMetrics.map((m) => [m.name, [m.type, m.labelNames]]));
    expect(byName).toMatchObject({
      http_request_duration_seconds: ['histogram', ['method', 'route', 'status']],
      outbox_pending_messages: ['gauge', []],
      outbox_oldest_pending_age_seconds: ['gauge', []],
      kafka_consumer_lag: ['gauge', ['group', 'topic', 'partition']],
      dead_letter_messages_total: ['counter', ['topic']],
      metrics_source_up: ['gauge', ['source']],
    });
  });

  it('finds the notifications service’s delivery counters with their labels', () => {
    const byName = Object.fromEntries(appMetrics.map((m) => [m.name, [m.type, m.labelNames, m.file]]));
    expect(byName).toMatchObject({
      notifications_sent_total: ['counter', ['channel'], expect.stringMatching(/^apps\/notifications\//)],
      notifications_failed_total: ['counter', ['channel', 'reason'], expect.stringMatching(/^apps\/notifications\//)],
    });
  });

  it('reads selectors, matchers and grouping labels out of PromQL', () => {
    expect(
      analysePromql('histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{route!="unmatched", status=~"5.."}[$__rate_interval]))) > 1e3'),
    ).toEqual({ selectors: [{ metric: 'http_request_duration_seconds_bucket', matchers: ['route', 'status'] }], groupingLabels: ['service', 'le'] });
    expect(analysePromql('sum(a{x="}"}) without (y) / on (z) group_left b offset 5m and bool c')).toEqual({
      selectors: [
        { metric: 'a', matchers: ['x'] },
        { metric: 'b', matchers: [] },
        { metric: 'c', matchers: [] },
      ],
      groupingLabels: ['y', 'z'],
    });
    expect(checkExpression('rate(http_requests_total[5m])', known)).toEqual(['uses the metric "http_requests_total", which no code registers']);
    expect(checkExpression('sum by (channel) (kafka_consumer_lag{topc="x"})', known)).toEqual([
      expect.stringContaining('label "topc"'),
      'groups by the label "channel", which none of its metrics has',
    ]);
  });
});

describe('deploy/grafana/citizen-diplomacy.json', () => {
  it('uses only series and labels the code registers', () => {
    expect(queries.length).toBeGreaterThan(0);
    const problems = queries.flatMap(({ panel, expr }) => checkExpression(expr, known).map((problem) => `"${panel}" ${problem}`));
    expect(problems).toEqual([]);
  });

  it('shows every series of libs/service-kit/src/lib/metrics', () => {
    const used = new Set(queries.flatMap(({ expr }) => analysePromql(expr).selectors.map((s) => s.metric.replace(/_(bucket|count|sum)$/, ''))));
    expect(kitMetrics.map((m) => m.name).filter((name) => !used.has(name))).toEqual([]);
  });

  it('has HTTP p50/p99 per service and route, request and 5xx rates, outbox, lag per partition, dead-letter and notification panels', () => {
    const exprs = queries.map((q) => q.expr.replace(/\s+/g, ' '));
    const has = (pattern: RegExp) => expect(exprs.filter((e) => pattern.test(e))).not.toEqual([]);
    has(/histogram_quantile\(0\.5, sum by \(service, route, le\)/);
    has(/histogram_quantile\(0\.99, sum by \(service, route, le\)/);
    has(/rate\(http_request_duration_seconds_count\{[^}]*\}/);
    has(/http_request_duration_seconds_count\{[^}]*status=~"5\.\."/);
    has(/by \(service\) \(outbox_pending_messages/);
    has(/by \(service\) \(outbox_oldest_pending_age_seconds/);
    has(/by \(service, group, topic, partition\) \(kafka_consumer_lag/);
    has(/dead_letter_messages_total/);
    has(/sum by \(channel\) \(rate\(notifications_sent_total\{/);
    has(/sum by \(channel, reason\) \(rate\(notifications_failed_total\{/);
    has(/notifications_failed_total\{[^}]*reason!="transient"[^}]*\}.*notifications_sent_total/);
  });

  it('shows every series the services register through ServiceMetrics', () => {
    const used = new Set(queries.flatMap(({ expr }) => analysePromql(expr).selectors.map((s) => s.metric.replace(/_(bucket|count|sum)$/, ''))));
    expect(appMetrics.map((m) => m.name).filter((name) => !used.has(name))).toEqual([]);
  });

  it('reads from a Prometheus datasource variable in every panel and query', () => {
    const variable = dashboard.templating.list.find((v: Any) => v.type === 'datasource');
    expect(variable).toMatchObject({ name: 'datasource', query: 'prometheus' });
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      expect([panel.title, panel.datasource]).toEqual([panel.title, { type: 'prometheus', uid: '${datasource}' }]);
      for (const target of panel.targets) expect([panel.title, target.datasource]).toEqual([panel.title, { type: 'prometheus', uid: '${datasource}' }]);
    }
  });

  it('has unique panel ids, a uid, and panels that fit the 24-column grid without overlapping', () => {
    expect(dashboard.uid).toBe('citizen-diplomacy');
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { title, gridPos } of panels) {
      expect([title, gridPos.x + gridPos.w <= 24]).toEqual([title, true]);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect([title, x, y, cells.has(`${x},${y}`)]).toEqual([title, x, y, false]);
          cells.add(`${x},${y}`);
        }
      }
    }
  });

  it('is formatted as committed (2-space JSON, final newline)', () => {
    expect(fs.readFileSync(DASHBOARD, 'utf8')).toBe(`${JSON.stringify(dashboard, null, 2)}\n`);
  });
});
