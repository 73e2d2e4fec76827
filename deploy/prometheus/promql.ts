// Shared by deploy/grafana.spec.ts and deploy/prometheus.spec.ts: which Prometheus series the code
// registers (read from the TypeScript source, so nothing has to be kept in step by hand), and which
// series and labels a PromQL expression uses (a small tokenizer, enough for selectors, functions,
// aggregations and vector matching; no PromQL parser package is installed here).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type MetricType = 'counter' | 'gauge' | 'histogram';

export interface RegisteredMetric {
  name: string;
  type: MetricType;
  labelNames: string[];
  /** Repository-relative file that registers it. */
  file: string;
}

/** A series name as it appears in PromQL, with the labels it carries. */
export interface Series {
  name: string;
  labels: Set<string>;
  from: string;
}

/** Every series carries `service` (ServiceMetrics sets it as a default label). */
export const DEFAULT_LABELS = ['service'];

/** Labels Prometheus attaches when it scrapes a pod (kubernetes_sd relabelling); allowed on every series. */
export const TARGET_LABELS = ['job', 'instance', 'namespace', 'pod'];

function walk(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts') && !/\.(spec|int-spec|test)\.ts$/.test(entry.name) && !full.includes(`${path.sep}testing${path.sep}`)) out.push(full);
  }
  return out;
}

/** Index just past the string literal that starts at `start` ('…', "…" or `…`). */
function skipString(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** The object literal that starts at `start` (a `{`), up to its matching `}`, strings skipped. */
function objectLiteral(source: string, start: number): string {
  let depth = 0;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(source, i) - 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}' && --depth === 0) {
      return source.slice(start, i + 1);
    }
  }
  throw new Error(`unbalanced object literal at ${start}`);
}

/** The source with its comments blanked (doc comments show example registrations that are not real). */
function withoutComments(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = skipString(source, i);
      out += source.slice(i, end);
      i = end - 1;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 1;
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

const REGISTRATION = /\.(counter|gauge|histogram)\s*(?:<[^>(]*>)?\(\s*\{/g;

/**
 * The series registered through ServiceMetrics (`metrics.counter({ name: '…', labelNames: [...] })`)
 * in the given source directories (spec files and test fakes left out).
 */
export function registeredMetrics(root: string, dirs: readonly string[]): RegisteredMetric[] {
  const found: RegisteredMetric[] = [];
  for (const file of dirs.flatMap((dir) => walk(path.join(root, dir)))) {
    const raw = fs.readFileSync(file, 'utf8');
    if (!/\.(counter|gauge|histogram)\s*[<(]/.test(raw)) continue;
    const source = withoutComments(raw);
    for (const match of source.matchAll(REGISTRATION)) {
      const literal = objectLiteral(source, match.index + match[0].length - 1);
      const name = /^\{\s*name:\s*(['"])([^'"]+)\1/.exec(literal)?.[2] ?? /[{,]\s*name:\s*(['"])([^'"]+)\1/.exec(literal)?.[2];
      if (!name) continue; // name computed at run time: not a fixed series
      const labels = /labelNames:\s*\[([^\]]*)\]/.exec(literal)?.[1] ?? '';
      found.push({
        name,
        type: match[1] as MetricType,
        labelNames: [...labels.matchAll(/(['"])([^'"]+)\1/g)].map((m) => m[2]),
        file: path.relative(root, file),
      });
    }
  }
  return found;
}

/** The names a registered metric is exposed under: a histogram as _bucket (with `le`), _count and _sum. */
export function exposedSeries(metrics: readonly RegisteredMetric[]): Map<string, Series> {
  const series = new Map<string, Series>();
  for (const metric of metrics) {
    const labels = [...DEFAULT_LABELS, ...TARGET_LABELS, ...metric.labelNames];
    if (metric.type === 'histogram') {
      series.set(`${metric.name}_bucket`, { name: `${metric.name}_bucket`, labels: new Set([...labels, 'le']), from: metric.file });
      series.set(`${metric.name}_count`, { name: `${metric.name}_count`, labels: new Set(labels), from: metric.file });
      series.set(`${metric.name}_sum`, { name: `${metric.name}_sum`, labels: new Set(labels), from: metric.file });
    } else {
      series.set(metric.name, { name: metric.name, labels: new Set(labels), from: metric.file });
    }
  }
  return series;
}

export interface SelectorUse {
  metric: string;
  /** Label names of its matchers, `{a="x", b=~"y"}`. */
  matchers: string[];
}

export interface ExpressionUse {
  selectors: SelectorUse[];
  /** Labels named in by / without / on / ignoring / group_left / group_right clauses. */
  groupingLabels: string[];
}

const GROUPING = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
/** Aggregation operators: `sum by (x) (…)` puts a grouping clause between the name and its parenthesis. */
const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan', ...GROUPING]);

type Token = { kind: 'ident' | 'matchers' | 'range' | 'string' | 'number' | 'variable' | 'punct'; text: string };

const TOKEN =
  /\s+|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\{(?:[^}"']|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')*\}|\[[^\]]*\]|\$\{[^}]*\}|\$[a-zA-Z_]\w*|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:[smhdwy]|ms)*|[a-zA-Z_:][a-zA-Z0-9_:]*|[^\s]/gy;

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let match: RegExpExecArray | null;
  while (TOKEN.lastIndex < expression.length && (match = TOKEN.exec(expression)) !== null) {
    const text = match[0];
    if (/^\s+$/.test(text)) continue;
    const c = text[0];
    const kind: Token['kind'] =
      c === '{' ? 'matchers' : c === '[' ? 'range' : c === '"' || c === "'" || c === '`' ? 'string' : c === '$' ? 'variable' : /[0-9.]/.test(c) ? 'number' : /[a-zA-Z_:]/.test(c) ? 'ident' : 'punct';
    tokens.push({ kind, text });
  }
  return tokens;
}

const MATCHER = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/g;

/** The series, matcher labels and grouping labels a PromQL expression uses. */
export function analysePromql(expression: string): ExpressionUse {
  const tokens = tokenize(expression);
  const use: ExpressionUse = { selectors: [], groupingLabels: [] };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'ident') continue;
    const next = tokens[i + 1];
    if (GROUPING.has(token.text)) {
      if (next?.text !== '(') continue;
      let j = i + 2;
      for (; j < tokens.length && tokens[j].text !== ')'; j++) if (tokens[j].kind === 'ident') use.groupingLabels.push(tokens[j].text);
      i = j;
      continue;
    }
    if (KEYWORDS.has(token.text.toLowerCase())) continue;
    if (AGGREGATIONS.has(token.text) && (next?.text === 'by' || next?.text === 'without')) continue;
    if (next?.text === '(') continue; // a function or an aggregation operator
    const matchers = next?.kind === 'matchers' ? [...next.text.matchAll(MATCHER)].map((m) => m[1]) : [];
    use.selectors.push({ metric: token.text, matchers });
  }
  return use;
}

/** What is wrong with one expression against the known series; empty when it only uses those. */
export function checkExpression(expression: string, known: ReadonlyMap<string, Series>): string[] {
  const problems: string[] = [];
  const use = analysePromql(expression);
  if (use.selectors.length === 0) problems.push(`uses no metric at all: ${expression}`);
  const labelsInScope = new Set<string>();
  for (const { metric, matchers } of use.selectors) {
    const series = known.get(metric);
    if (!series) {
      problems.push(`uses the metric "${metric}", which no code registers`);
      continue;
    }
    for (const label of series.labels) labelsInScope.add(label);
    for (const label of matchers) {
      if (!series.labels.has(label)) problems.push(`filters ${metric} on the label "${label}", which it does not have (it has ${[...series.labels].join(', ')})`);
    }
  }
  for (const label of use.groupingLabels) {
    if (labelsInScope.size > 0 && !labelsInScope.has(label)) problems.push(`groups by the label "${label}", which none of its metrics has`);
  }
  return problems;
}
