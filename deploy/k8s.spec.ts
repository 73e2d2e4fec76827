// Checks deploy/k8s: the KafkaTopic YAML is generated from topics.json and current; every base and
// overlay renders (kustomize-lite); every
// resource of the overlays validates against the Kubernetes schemas (kubernetes-models, when
// installed) and passes the structural checks below, which tie the manifests to the services
// (ports, probes, environment, Secret, migration Job) and to topics.json (partitions, retention).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { applyJsonPatch, build, id, podContainers } from './k8s/kustomize-lite';
import type { Resource } from './k8s/kustomize-lite';

const ROOT = path.resolve(__dirname, '..');
const K8S = path.join(__dirname, 'k8s');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const APPS = [
  { name: 'programs', port: 3001 },
  { name: 'scheduling', port: 3002 },
  { name: 'community-events', port: 3003 },
  { name: 'notifications', port: 3004 },
];

const OVERLAYS = [
  { name: 'staging', namespace: 'citizen-diplomacy-staging', topicReplicas: 1 },
  { name: 'production', namespace: 'citizen-diplomacy', topicReplicas: 3 },
];

/** Every variable the services read (libs/service-kit/src/lib/config/service-config.ts), as in deploy/compose.spec.ts. */
const SERVICE_ENV = ['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'LOG_LEVEL', 'DB_MIGRATIONS_RUN', 'OUTBOX_POLL_INTERVAL_MS', 'OUTBOX_BATCH_SIZE', 'CONSUMER_MAX_ATTEMPTS', 'SHUTDOWN_TIMEOUT_MS', 'OTEL_EXPORTER_OTLP_ENDPOINT'];

const topics = (JSON.parse(read('libs/contracts/src/lib/topics.json')) as { topics: { name: string; partitions: number; retentionMs: number }[] }).topics;

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, { environment?: Record<string, unknown> }> };

const rendered = Object.fromEntries(OVERLAYS.map((overlay) => [overlay.name, build(path.join(K8S, 'overlays', overlay.name))]));

function find(resources: Resource[], kind: string, name: string): Any {
  const found = resources.filter((r) => r.kind === kind && r.metadata.name === name);
  expect([kind, name, found.length]).toEqual([kind, name, 1]);
  return found[0];
}

const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

const modelsDir = process.env['K8S_MODELS_DIR'] ?? path.join(ROOT, 'node_modules', 'kubernetes-models');

// ------------------------------------------------------------------ topics

describe('deploy/k8s/base/kafka-topics (Strimzi KafkaTopic resources)', () => {
  const committed = fs.readFileSync(path.join(K8S, 'base/kafka-topics/kafka-topics.yaml'), 'utf8');
  const resources = parseAllDocuments(committed)
    .map((doc) => doc.toJS() as Any)
    .filter(Boolean);

  it('is what generate-topics.mjs makes of topics.json (run `node deploy/k8s/generate-topics.mjs` after changing topics.json)', () => {
    const generated = execFileSync(process.execPath, [path.join(K8S, 'generate-topics.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(committed).toBe(generated);
  });

  it('has exactly one KafkaTopic per topic of topics.json, with its partitions and retention.ms', () => {
    expect(resources.map((r) => r.spec.topicName).sort()).toEqual(topics.map((t) => t.name).sort());
    for (const topic of topics) {
      const resource = resources.find((r) => r.spec.topicName === topic.name);
      expect(resource).toMatchObject({
        apiVersion: 'kafka.strimzi.io/v1beta2',
        kind: 'KafkaTopic',
        metadata: { labels: { 'strimzi.io/cluster': 'citizen-diplomacy' } },
        spec: { partitions: topic.partitions, config: { 'retention.ms': topic.retentionMs } },
      });
    }
  });

  it('has a dead-letter topic for every service, labelled as such', () => {
    for (const app of APPS) {
      const deadLetter = resources.find((r) => r.spec.topicName === `${app.name}.dead-letter`);
      expect(deadLetter?.metadata.labels['citizen-diplomacy/topic-kind']).toBe('dead-letter');
    }
  });
});

// ------------------------------------------------------------------ rendering

describe('kustomize-lite (the renderer CI uses when kustomize is not installed)', () => {
  it('applies JSON 6902 add/replace/remove and refuses a replace of a missing path', () => {
    const doc = { spec: { a: 1, list: [1, 2] } };
    expect(applyJsonPatch(doc, [{ op: 'replace', path: '/spec/a', value: 2 }, { op: 'add', path: '/spec/list/-', value: 3 }, { op: 'remove', path: '/spec/list/0' }])).toEqual({
      spec: { a: 2, list: [2, 3] },
    });
    expect(doc.spec.a).toBe(1);
    expect(() => applyJsonPatch(doc, [{ op: 'replace', path: '/spec/missing', value: 1 }])).toThrow('does not exist');
  });

  it('refuses kustomization fields it does not implement', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-lite-'));
    try {
      fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefix: x-\n');
      expect(() => build(dir)).toThrow('does not support namePrefix');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  const bases = fs.readdirSync(path.join(K8S, 'base'));
  it.each(bases)('renders base/%s', (base) => {
    const resources = build(path.join(K8S, 'base', base));
    expect(resources.length).toBeGreaterThan(0);
    for (const r of resources) expect(typeof r.metadata?.name).toBe('string');
  });
});

// ------------------------------------------------------------------ schemas

describe('Kubernetes schema validation (kubernetes-models)', () => {
  function validate(resources: unknown[]): { id: string; error: string | null }[] {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-validate-')), 'resources.json');
    fs.writeFileSync(file, JSON.stringify(resources));
    try {
      const output = execFileSync(process.execPath, [path.join(K8S, 'validate-schemas.mjs'), file], {
        encoding: 'utf8',
        env: { ...process.env, K8S_MODELS_DIR: modelsDir },
      });
      return JSON.parse(output);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }

  it.each(OVERLAYS.map((o) => o.name))('every resource of overlays/%s is valid', (overlay) => {
    const results = validate(rendered[overlay]);
    expect(results).toHaveLength(rendered[overlay].length);
    expect(results.filter((r) => r.error !== null)).toEqual([]);
  });

  it('rejects what the API server would (so the check can fail)', () => {
    const deployment = structuredClone(find(rendered['production'], 'Deployment', 'programs'));
    deployment.spec.template.spec.containers[0].resources.limits.memory = '5 gigabytes';
    const topic = structuredClone(rendered['production'].find((r) => r.kind === 'KafkaTopic')) as Any;
    topic.spec.partitions = 0;
    const results = validate([deployment, topic]);
    expect(results[0].error).toContain('memory');
    expect(results[1].error).toContain('partitions');
  });
});

// ------------------------------------------------------------------ structure

describe.each(OVERLAYS)('overlays/$name', ({ name: overlay, namespace, topicReplicas }) => {
  const resources = () => rendered[overlay];

  it(`puts every resource in namespace ${namespace}, labelled with the environment`, () => {
    for (const r of resources()) {
      expect([id(r), r.metadata.namespace]).toEqual([id(r), namespace]);
      expect(r.metadata.labels?.['citizen-diplomacy/environment']).toBe(overlay);
    }
  });

  it('has no Secret: DATABASE_URL lives in Secrets created outside the repository', () => {
    expect(resources().filter((r) => r.kind === 'Secret')).toEqual([]);
  });

  it('has every topic of topics.json with its partitions, and replicas >= min.insync.replicas', () => {
    const kafkaTopics = resources().filter((r) => r.kind === 'KafkaTopic') as Any[];
    expect(kafkaTopics.map((t) => [t.spec.topicName, t.spec.partitions]).sort()).toEqual(topics.map((t) => [t.name, t.partitions]).sort());
    for (const topic of kafkaTopics) {
      expect(topic.spec.replicas).toBe(topicReplicas);
      expect(Number(topic.spec.config['min.insync.replicas'])).toBeLessThanOrEqual(topic.spec.replicas);
      expect(Number(topic.spec.config['min.insync.replicas'])).toBeGreaterThanOrEqual(topicReplicas > 1 ? 2 : 1);
    }
  });

  describe.each(APPS)('$name', ({ name, port }) => {
    const deployment = () => find(resources(), 'Deployment', name);
    const container = () => deployment().spec.template.spec.containers[0];
    const configMap = () => find(resources(), 'ConfigMap', `${name}-config`);
    const job = () => find(resources(), 'Job', `${name}-migrate`);
    const hpa = () => find(resources(), 'HorizontalPodAutoscaler', name);

    it('Deployment: selector matches its pod labels, and the HPA owns the replica count', () => {
      const spec = deployment().spec;
      expect(selects(spec.selector.matchLabels, spec.template.metadata.labels)).toBe(true);
      expect(spec.replicas).toBeUndefined();
      expect(deployment().spec.template.spec.containers).toHaveLength(1);
    });

    it(`Deployment: serves on containerPort ${port} named http, scraped at /metrics on that port`, () => {
      expect(container().ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
      expect(deployment().spec.template.metadata.annotations).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
    });

    it('Deployment: liveness and startup probe /health/live, readiness probe /health/ready, on the http port', () => {
      const probe = (kind: string) => container()[kind]?.httpGet;
      expect(probe('livenessProbe')).toEqual({ path: '/health/live', port: 'http' });
      expect(probe('startupProbe')).toEqual({ path: '/health/live', port: 'http' });
      expect(probe('readinessProbe')).toEqual({ path: '/health/ready', port: 'http' });
      expect(container().readinessProbe.periodSeconds).toBeLessThan(container().livenessProbe.periodSeconds);
    });

    it('Deployment and Job: resources requested and limited, non-root, read-only root, no privilege escalation', () => {
      for (const workload of [deployment(), job()]) {
        const pod = workload.spec.template.spec;
        expect(pod.securityContext.runAsNonRoot).toBe(true);
        expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
        expect(pod.automountServiceAccountToken).toBe(false);
        for (const c of pod.containers) {
          expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.resources.limits).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
          // A read-only root needs a writable /tmp.
          expect(c.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
        }
      }
    });

    it('Deployment and Job: run the same released image (no :local, :latest or untagged image)', () => {
      const images = [...podContainers(deployment()), ...podContainers(job())].map((c) => String(c['image']));
      expect(new Set(images).size).toBe(1);
      expect(images[0]).toMatch(new RegExp(`/citizen-diplomacy/${name}:[A-Za-z0-9._-]+$`));
      expect(images[0]).not.toMatch(/:(local|latest)$/);
    });

    it('ConfigMap: every variable the service reads but DATABASE_URL, under the names docker-compose uses, migrations off', () => {
      const data = configMap().data as Record<string, string>;
      const composeNames = Object.keys(compose.services[name].environment ?? {}).filter((key) => key !== 'DATABASE_URL');
      expect(Object.keys(data).sort()).toEqual(SERVICE_ENV.filter((key) => key !== 'DATABASE_URL').sort());
      expect(Object.keys(data).sort()).toEqual(composeNames.sort());
      expect(data['PORT']).toBe(String(port));
      expect(data['DB_MIGRATIONS_RUN']).toBe('false');
      expect(data['KAFKA_BROKERS']).toMatch(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/);
      expect(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).toContain(data['LOG_LEVEL']);
      for (const key of ['OUTBOX_POLL_INTERVAL_MS', 'OUTBOX_BATCH_SIZE', 'CONSUMER_MAX_ATTEMPTS', 'SHUTDOWN_TIMEOUT_MS']) expect(data[key]).toMatch(/^\d+$/);
    });

    it(`Deployment and Job: read the ConfigMap, and DATABASE_URL from Secret ${name}-database`, () => {
      for (const c of [container(), job().spec.template.spec.containers[0]]) {
        expect(c.envFrom).toEqual([{ configMapRef: { name: `${name}-config` } }]);
        expect(c.env).toEqual([{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${name}-database`, key: 'DATABASE_URL' } } }]);
      }
    });

    it('Deployment: the grace period covers the preStop pause and the outbox drain (SHUTDOWN_TIMEOUT_MS)', () => {
      const preStop = container().lifecycle.preStop.exec.command as string[];
      expect(preStop[0]).toBe('sleep');
      const needed = Number(preStop[1]) * 1000 + Number(configMap().data['SHUTDOWN_TIMEOUT_MS']);
      expect(deployment().spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(needed);
    });

    it('migration Job: runs the image with the argument `migrate`, once, without matching the Deployment', () => {
      const spec = job().spec;
      expect(spec.template.spec.containers).toHaveLength(1);
      expect(spec.template.spec.containers[0].args).toEqual(['migrate']);
      expect(spec.template.spec.containers[0].command).toBeUndefined();
      expect(spec.template.spec.restartPolicy).toBe('Never');
      expect(spec.backoffLimit).toBeGreaterThanOrEqual(1);
      expect(selects(deployment().spec.selector.matchLabels, spec.template.metadata.labels)).toBe(false);
      expect(selects(find(resources(), 'Service', name).spec.selector, spec.template.metadata.labels)).toBe(false);
    });

    it(`Service: selects the Deployment's pods and sends port ${port} to the container port named http`, () => {
      const service = find(resources(), 'Service', name);
      expect(selects(service.spec.selector, deployment().spec.template.metadata.labels)).toBe(true);
      expect(service.spec.ports).toEqual([{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }]);
    });

    it('HorizontalPodAutoscaler: scales this Deployment, and never past the partitions of the topics it consumes', () => {
      const spec = hpa().spec;
      expect(spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(spec.maxReplicas).toBeGreaterThanOrEqual(spec.minReplicas);
      expect(spec.metrics.length).toBeGreaterThan(0);
      const consumes = String(deployment().metadata.annotations?.['citizen-diplomacy/consumes'] ?? '')
        .split(',')
        .map((topic) => topic.trim())
        .filter(Boolean);
      for (const topic of consumes) {
        const definition = topics.find((t) => t.name === topic);
        expect([topic, definition]).toEqual([topic, expect.anything()]);
        expect(spec.maxReplicas).toBeLessThanOrEqual(definition!.partitions);
      }
    });

    it('PodDisruptionBudget: covers the same pods and always lets one go (a drain never blocks)', () => {
      const pdb = find(resources(), 'PodDisruptionBudget', name);
      expect(pdb.spec.selector.matchLabels).toEqual(deployment().spec.selector.matchLabels);
      if (pdb.spec.minAvailable !== undefined) expect(pdb.spec.minAvailable).toBeLessThan(hpa().spec.minReplicas);
      else expect(pdb.spec.maxUnavailable).toBeGreaterThanOrEqual(1);
    });
  });

  it('notifications consumes programs.events (the consumer the services define)', () => {
    expect(find(resources(), 'Deployment', 'notifications').metadata.annotations['citizen-diplomacy/consumes']).toBe('programs.events');
  });
});
