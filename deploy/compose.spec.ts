// Checks docker-compose.yml, deploy/docker/Dockerfile and deploy/docker/postgres-init.sql against
// the facts of the services (ports, databases, entry point) and libs/contracts' topics.json.
// No Docker needed: the files are parsed, and the kafka-topics script is run with stub Kafka tools.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface AppFacts {
  name: string;
  port: number;
  database: string;
}

/** The services: Nx project name = compose service = Dockerfile SERVICE arg. */
const APPS: AppFacts[] = [
  { name: 'programs', port: 3001, database: 'programs' },
  { name: 'scheduling', port: 3002, database: 'scheduling' },
  { name: 'community-events', port: 3003, database: 'community_events' },
  { name: 'notifications', port: 3004, database: 'notifications' },
];

/** Every variable the services read (libs/service-kit/src/lib/config/service-config.ts). */
const SERVICE_ENV = [
  'PORT',
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'LOG_LEVEL',
  'DB_MIGRATIONS_RUN',
  'OUTBOX_POLL_INTERVAL_MS',
  'OUTBOX_BATCH_SIZE',
  'CONSUMER_MAX_ATTEMPTS',
  'SHUTDOWN_TIMEOUT_MS',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
];

/** Where `nx build <name>` puts a service's entry point. */
const mainJs = (service: string) => `dist/apps/${service}/apps/${service}/src/main.js`;

// ------------------------------------------------------------------ compose helpers

type Env = Record<string, string>;

interface ComposeService {
  image?: string;
  hostname?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string; read_only?: boolean })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  entrypoint?: string | string[];
  command?: string | string[];
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-?]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Compose interpolation: `$$` is a literal `$`; `${X:-default}` / `$X` come from the environment. */
function interpolate(value: string, env: Env = {}): string {
  return value.replace(VARIABLE, (match, braced?: string, fallback?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    return env[name] ?? fallback ?? '';
  });
}

function toEnv(environment: Record<string, unknown> | string[] | undefined): Env {
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, interpolate(String(value ?? ''))]),
  );
}

const envOf = (service: string): Env => toEnv(services[service]?.environment);

/** Published ports as { host, container } (short "host:container" / "ip:host:container" or long syntax). */
function portsOf(service: string): { host: number; container: number }[] {
  return (services[service]?.ports ?? []).map((port) => {
    if (typeof port === 'object') return { host: Number(port.published), container: Number(port.target) };
    const parts = interpolate(String(port)).replace(/\/(tcp|udp)$/, '').split(':');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    return { host: Number(parts[parts.length - 2]), container: Number(parts[parts.length - 1]) };
  });
}

function volumesOf(service: string): { source: string; target: string; readOnly: boolean }[] {
  return (services[service]?.volumes ?? []).map((volume) => {
    if (typeof volume === 'object') return { source: volume.source ?? '', target: volume.target, readOnly: !!volume.read_only };
    const [source, target, mode = ''] = interpolate(volume).split(':');
    return { source, target, readOnly: mode.split(',').includes('ro') };
  });
}

function dependsOn(service: string): Record<string, string> {
  const deps = services[service]?.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition ?? 'service_started']));
}

const asList = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** `NAME://host:port,...` -> { NAME: 'host:port' } */
function listeners(value: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (value ?? '')
      .split(',')
      .filter(Boolean)
      .map((entry) => {
        const match = /^([A-Za-z_][A-Za-z0-9_-]*):\/\/(.*)$/.exec(entry.trim());
        expect(match).not.toBeNull();
        return [match![1], match![2]];
      }),
  );
}

/** host:port the containers use: the advertised address of the broker's inter-broker listener. */
function internalKafkaAddress(): string {
  const env = envOf('kafka');
  return listeners(env['KAFKA_ADVERTISED_LISTENERS'])[env['KAFKA_INTER_BROKER_LISTENER_NAME']];
}

// ------------------------------------------------------------------ other files

const topics = (JSON.parse(read('libs/contracts/src/lib/topics.json')) as {
  topics: { name: string; partitions: number; retentionMs: number }[];
}).topics;

const initSql = read('deploy/docker/postgres-init.sql');
const createdDatabases = [...initSql.replace(/--.*$/gm, '').matchAll(/CREATE\s+DATABASE\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi)].map(
  (match) => match[1],
);

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile -> global ARGs and stages of instructions (continuations joined, comments dropped). */
function parseDockerfile(text: string): { globalArgs: Env; stages: { from: string; name?: string; body: Instruction[] }[] } {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const globalArgs: Env = {};
  const stages: { from: string; name?: string; body: Instruction[] }[] = [];
  for (const line of logical) {
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    expect(match).not.toBeNull();
    const keyword = match![1].toUpperCase();
    const args = match![2].replace(/\s+/g, ' ');
    if (keyword === 'FROM') {
      const [, image, name] = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ from: interpolate(image, globalArgs), name, body: [] });
    } else if (stages.length === 0) {
      if (keyword === 'ARG') {
        const [name, value = ''] = args.split('=');
        globalArgs[name] = value;
      }
    } else {
      stages[stages.length - 1].body.push({ keyword, args });
    }
  }
  return { globalArgs, stages };
}

const dockerfile = parseDockerfile(read('deploy/docker/Dockerfile'));
const finalStage = dockerfile.stages[dockerfile.stages.length - 1];
const buildStage = dockerfile.stages[0];
const all = (stage: { body: Instruction[] }, keyword: string) =>
  stage.body.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

// ------------------------------------------------------------------ tests

describe('docker-compose.yml', () => {
  it('has postgres, kafka, the topic job and the four services', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'kafka', 'kafka-topics', ...APPS.map((app) => app.name)]),
    );
  });

  it('uses no compose variable other than the host port overrides (a `$` meant for a shell must be `$$`)', () => {
    const used = [...composeText.matchAll(VARIABLE)].filter((match) => match[0] !== '$$').map((match) => match[1] ?? match[3]);
    expect(new Set(used)).toEqual(new Set(['POSTGRES_HOST_PORT', 'KAFKA_HOST_PORT']));
  });

  describe.each(APPS)('$name', ({ name, port, database }) => {
    const service = () => services[name];
    const env = () => envOf(name);

    it('is built from deploy/docker/Dockerfile with SERVICE=<its name> and PORT=<its port>', () => {
      const build = service().build!;
      expect(path.resolve(ROOT, build.context ?? '.')).toBe(ROOT);
      expect(build.dockerfile).toBe('deploy/docker/Dockerfile');
      expect(fs.existsSync(path.join(ROOT, build.context ?? '.', build.dockerfile!))).toBe(true);
      expect(toEnv(build.args)).toMatchObject({ SERVICE: name, PORT: String(port) });
      expect(service().image).toBe(`citizen-diplomacy/${name}:local`);
    });

    it('sets every variable the service reads', () => {
      expect(Object.keys(env())).toEqual(expect.arrayContaining(SERVICE_ENV));
      expect(env()['DB_MIGRATIONS_RUN']).toMatch(/^(true|false)$/);
      for (const key of ['OUTBOX_POLL_INTERVAL_MS', 'OUTBOX_BATCH_SIZE', 'CONSUMER_MAX_ATTEMPTS', 'SHUTDOWN_TIMEOUT_MS']) {
        expect(env()[key]).toMatch(/^\d+$/);
      }
    });

    it(`listens on PORT ${port} and publishes it on the same host port`, () => {
      expect(env()['PORT']).toBe(String(port));
      expect(portsOf(name)).toContainEqual({ host: port, container: port });
    });

    it(`uses its own database "${database}", created by postgres-init.sql on the compose postgres`, () => {
      const url = new URL(env()['DATABASE_URL']);
      expect(url.protocol).toMatch(/^postgres(ql)?:$/);
      expect(url.hostname).toBe('postgres');
      expect(portsOf('postgres').map((p) => p.container)).toContain(Number(url.port || 5432));
      expect(decodeURIComponent(url.pathname.slice(1))).toBe(database);
      expect(createdDatabases).toContain(database);
    });

    it("points KAFKA_BROKERS at the kafka service's internal listener", () => {
      const brokers = env()['KAFKA_BROKERS'].split(',');
      expect(brokers.length).toBeGreaterThan(0);
      for (const broker of brokers) expect(broker).toBe(internalKafkaAddress());
    });

    it('starts after postgres is healthy and the topics were created', () => {
      expect(dependsOn(name)).toMatchObject({
        postgres: 'service_healthy',
        'kafka-topics': 'service_completed_successfully',
      });
    });

    it('has a healthcheck that calls /health/ on its port', () => {
      const healthcheck = service().healthcheck;
      expect(healthcheck?.disable).not.toBe(true);
      const test = asList(healthcheck?.test).join(' ');
      expect(test).toMatch(/\/health\/(live|ready)/);
      expect(test).toMatch(new RegExp(`process\\.env\\.PORT|:${port}/`));
    });

    const projectFile = path.join(ROOT, 'apps', name, 'project.json');
    (fs.existsSync(projectFile) ? it : it.skip)(`matches apps/${name}/project.json (build output, entry point)`, () => {
      const project = JSON.parse(fs.readFileSync(projectFile, 'utf8'));
      expect(project.name).toBe(name);
      expect(project.targets.build.outputs).toContain(`{workspaceRoot}/dist/apps/${name}`);
      expect(project.targets.serve.options.command).toBe(`node ${mainJs(name)}`);
    });
  });

  it('gives every service its own database', () => {
    expect(new Set(APPS.map((app) => new URL(envOf(app.name)['DATABASE_URL']).pathname)).size).toBe(APPS.length);
  });

  describe('postgres', () => {
    it('runs postgres-init.sql from /docker-entrypoint-initdb.d and is health-checked with pg_isready', () => {
      const init = volumesOf('postgres').find((volume) => volume.target.startsWith('/docker-entrypoint-initdb.d/'));
      expect(init).toBeDefined();
      expect(path.resolve(ROOT, init!.source)).toBe(path.join(ROOT, 'deploy/docker/postgres-init.sql'));
      expect(init!.target).toMatch(/\.sql$/);
      expect(asList(services['postgres'].healthcheck?.test).join(' ')).toContain('pg_isready');
      expect(portsOf('postgres')).toContainEqual({ host: 5432, container: 5432 });
    });

    it('creates exactly the four service databases', () => {
      expect([...createdDatabases].sort()).toEqual(APPS.map((app) => app.database).sort());
    });
  });

  describe('kafka', () => {
    const env = () => envOf('kafka');

    it('is a single-node KRaft broker+controller from the official image, without topic auto-creation', () => {
      expect(services['kafka'].image).toMatch(/^apache\/kafka:\d+\.\d+\.\d+$/);
      expect(env()['KAFKA_PROCESS_ROLES'].split(',').sort()).toEqual(['broker', 'controller']);
      expect(env()['CLUSTER_ID']).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(env()['KAFKA_AUTO_CREATE_TOPICS_ENABLE']).toBe('false');
      for (const key of [
        'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR',
        'KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR',
        'KAFKA_TRANSACTION_STATE_LOG_MIN_ISR',
        'KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR',
        'KAFKA_DEFAULT_REPLICATION_FACTOR',
      ]) {
        expect([key, env()[key]]).toEqual([key, '1']);
      }
      expect(asList(services['kafka'].healthcheck?.test).join(' ')).toMatch(/\/opt\/kafka\/bin\/kafka-/);
    });

    it('has consistent listeners: internal for containers, host listener published, controller private', () => {
      const bound = listeners(env()['KAFKA_LISTENERS']);
      const advertised = listeners(env()['KAFKA_ADVERTISED_LISTENERS']);
      const protocols = Object.fromEntries(
        env()['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP'].split(',').map((pair) => pair.split(':') as [string, string]),
      );
      const controller = env()['KAFKA_CONTROLLER_LISTENER_NAMES'];
      const internal = env()['KAFKA_INTER_BROKER_LISTENER_NAME'];
      const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));

      for (const name of Object.keys(bound)) expect(protocols[name]).toBe('PLAINTEXT');
      expect(Object.keys(advertised).every((name) => name in bound)).toBe(true);
      expect(bound[controller]).toBeDefined();
      expect(advertised[controller]).toBeUndefined();

      // Internal listener: advertised under the kafka service's name, on the port it listens on.
      const [host, port] = [advertised[internal].split(':')[0], portOf(advertised[internal])];
      expect(host).toBe('kafka');
      expect(port).toBe(portOf(bound[internal]));

      // Host listener: advertised as localhost:<published port>, the published port maps to it.
      const hostListener = Object.keys(advertised).find((name) => name !== internal);
      expect(hostListener).toBeDefined();
      const published = portsOf('kafka').find((p) => p.container === portOf(bound[hostListener!]));
      expect(published).toEqual({ host: 9092, container: portOf(bound[hostListener!]) });
      expect(advertised[hostListener!]).toBe(`localhost:${published!.host}`);

      // The controller quorum is this node on its controller port.
      expect(env()['KAFKA_CONTROLLER_QUORUM_VOTERS']).toBe(`${env()['KAFKA_NODE_ID']}@kafka:${portOf(bound[controller])}`);
    });
  });

  describe('kafka-topics', () => {
    const env = () => envOf('kafka-topics');

    it('runs the kafka image once kafka is healthy, with topics.json mounted read-only', () => {
      expect(services['kafka-topics'].image).toBe(services['kafka'].image);
      expect(dependsOn('kafka-topics')).toMatchObject({ kafka: 'service_healthy' });
      expect(env()['BOOTSTRAP_SERVER']).toBe(internalKafkaAddress());
      const mount = volumesOf('kafka-topics').find((volume) => volume.target === env()['TOPICS_FILE']);
      expect(mount).toBeDefined();
      expect(path.resolve(ROOT, mount!.source)).toBe(path.join(ROOT, 'libs/contracts/src/lib/topics.json'));
      expect(mount!.readOnly).toBe(true);
    });

    // Runs the service's script with POSIX sh and stub kafka-topics.sh / kafka-configs.sh that log their
    // arguments and keep a fake broker's topics ("name:partitions" lines) in a file.
    function runScript(existing: string[]): { ok: boolean; output: string; calls: string[][]; broker: string[] } {
      const argv = [...asList(services['kafka-topics'].entrypoint), ...asList(services['kafka-topics'].command)];
      expect(argv.slice(0, 2)).toEqual(['/bin/sh', '-ec']);
      expect(argv).toHaveLength(3);
      const script = interpolate(argv[2]);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-topics-'));
      try {
        const stub = [
          '#!/bin/sh',
          'tool=$(basename "$0"); line="$tool"; for a in "$@"; do line="$line\t$a"; done',
          'printf "%b\\n" "$line" >> "$STUB_DIR/calls"',
          'case "$tool $*" in',
          '  "kafka-topics.sh"*--list*) cut -d: -f1 "$STUB_DIR/broker" ;;',
          '  "kafka-topics.sh"*--describe*) while IFS=: read -r n p; do',
          '      printf "Topic: %s\\tTopicId: AAAAAAAAAAAAAAAAAAAAAA\\tPartitionCount: %s\\tReplicationFactor: 1\\tConfigs: \\n" "$n" "$p"',
          '      printf "\\tTopic: %s\\tPartition: 0\\tLeader: 1\\tReplicas: 1\\tIsr: 1\\n" "$n"',
          '    done < "$STUB_DIR/broker" ;;',
          '  "kafka-topics.sh"*--create*) t=; p=; while [ $# -gt 0 ]; do case "$1" in --topic) t=$2; shift ;; --partitions) p=$2; shift ;; esac; shift; done',
          '    echo "$t:$p" >> "$STUB_DIR/broker" ;;',
          'esac',
          '',
        ].join('\n');
        for (const tool of ['kafka-topics.sh', 'kafka-configs.sh']) fs.writeFileSync(path.join(dir, tool), stub, { mode: 0o755 });
        fs.writeFileSync(path.join(dir, 'broker'), existing.map((line) => `${line}\n`).join(''));
        fs.writeFileSync(path.join(dir, 'calls'), '');

        const mount = volumesOf('kafka-topics').find((volume) => volume.target === env()['TOPICS_FILE'])!;
        const scriptEnv = {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          ...env(),
          TOOLS_DIR: dir,
          TOPICS_FILE: path.resolve(ROOT, mount.source),
          STUB_DIR: dir,
        };
        let ok = true;
        let output: string;
        try {
          output = execFileSync('/bin/sh', ['-ec', script], { env: scriptEnv, encoding: 'utf8', stdio: 'pipe' });
        } catch (error) {
          ok = false;
          const failure = error as { stdout?: string; stderr?: string };
          output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
        }
        const calls = fs
          .readFileSync(path.join(dir, 'calls'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split('\t'));
        const broker = fs.readFileSync(path.join(dir, 'broker'), 'utf8').split('\n').filter(Boolean);
        return { ok, output, calls, broker };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }

    const flag = (call: string[], name: string) => (call.includes(name) ? call[call.indexOf(name) + 1] : undefined);

    it('creates every topic of topics.json with its partitions and retention.ms (empty broker)', () => {
      const { ok, output, calls, broker } = runScript([]);
      expect([ok, output]).toEqual([true, expect.any(String)]);
      const creates = calls.filter((call) => call[0] === 'kafka-topics.sh' && call.includes('--create'));
      expect(creates).toHaveLength(topics.length);
      for (const topic of topics) {
        const create = creates.find((call) => flag(call, '--topic') === topic.name);
        expect(create).toBeDefined();
        expect(flag(create!, '--partitions')).toBe(String(topic.partitions));
        expect(flag(create!, '--replication-factor')).toBe('1');
        expect(flag(create!, '--config')).toBe(`retention.ms=${topic.retentionMs}`);
        expect(flag(create!, '--bootstrap-server')).toBe(internalKafkaAddress());
        expect(create).toContain('--if-not-exists');
      }
      expect([...broker].sort()).toEqual(topics.map((topic) => `${topic.name}:${topic.partitions}`).sort());
    });

    it('leaves existing topics in place and sets their retention.ms', () => {
      const [first, ...rest] = topics;
      const { ok, calls } = runScript([`${first.name}:${first.partitions}`]);
      expect(ok).toBe(true);
      const created = calls.filter((call) => call.includes('--create')).map((call) => flag(call, '--topic'));
      expect(created.sort()).toEqual(rest.map((topic) => topic.name).sort());
      const altered = calls.filter((call) => call[0] === 'kafka-configs.sh');
      expect(altered).toHaveLength(1);
      expect(flag(altered[0], '--entity-name')).toBe(first.name);
      expect(flag(altered[0], '--add-config')).toBe(`retention.ms=${first.retentionMs}`);
    });

    it('fails when an existing topic has fewer partitions than topics.json says', () => {
      const topic = topics.find((t) => t.partitions > 1)!;
      const { ok, output } = runScript([`${topic.name}:1`]);
      expect(ok).toBe(false);
      expect(output).toContain(topic.name);
    });
  });
});

describe('deploy/docker/Dockerfile', () => {
  it('builds on node:24-bookworm-slim in both stages', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of dockerfile.stages) expect(stage.from).toBe('node:24-bookworm-slim');
  });

  it('build stage: full npm ci, then nx build of $SERVICE', () => {
    expect(all(buildStage, 'ARG').map((arg) => arg.split('=')[0])).toContain('SERVICE');
    const runs = all(buildStage, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b(?![^\n]*--omit=dev)/);
    expect(runs).toMatch(/npx nx build "?\$\{?SERVICE\}?"?/);
  });

  it('runtime stage: production dependencies only, NODE_ENV=production, non-root user', () => {
    const runs = all(finalStage, 'RUN');
    const installs = runs.flatMap((run) => run.match(/\bnpm (ci|install|i)\b[^&;|]*/g) ?? []);
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install).toMatch(/^npm ci\b.*--omit=dev/);
    expect(all(finalStage, 'ENV').join(' ')).toMatch(/\bNODE_ENV=production\b/);
    const users = all(finalStage, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).toBe('node');
    // Nothing runs as root after the switch.
    const lastUser = finalStage.body.map((i) => i.keyword).lastIndexOf('USER');
    expect(finalStage.body.slice(lastUser).some((i) => i.keyword === 'RUN')).toBe(false);
  });

  it.each(APPS)('ENTRYPOINT runs main.js of $name (so `docker run IMAGE migrate` passes migrate to it)', ({ name }) => {
    const substitute = (text: string) => text.replace(/\$\{?SERVICE\}?/g, name).replace(/"/g, '');
    const workdir = all(finalStage, 'WORKDIR').pop() ?? '/';
    const entrypoint = JSON.parse(all(finalStage, 'ENTRYPOINT').pop()!) as string[];
    expect(entrypoint).toHaveLength(2);
    expect(entrypoint[0]).toBe('node');
    expect(entrypoint[1]).toMatch(/main\.js$/);
    expect(JSON.parse(all(finalStage, 'CMD').pop() ?? '[]')).toEqual([]);

    // The entry point is the service's main.js, directly or through an `ln -s` made in this stage.
    let target = path.posix.resolve(workdir, substitute(entrypoint[1]));
    for (const run of all(finalStage, 'RUN')) {
      const link = /ln -s(?:f)? (\S+) (\S+)/.exec(substitute(run));
      if (link && path.posix.resolve(workdir, link[2]) === target) {
        target = path.posix.resolve(path.posix.dirname(target), link[1]);
      }
    }
    expect(target).toBe(path.posix.join(workdir, mainJs(name)));

    // ...and dist/apps/<name> is what the build stage's output is copied to.
    const copy = all(finalStage, 'COPY')
      .map(substitute)
      .map((args) => /^--from=(\S+) (\S+) (\S+)$/.exec(args))
      .find((match) => match && match[2].endsWith(`dist/apps/${name}`));
    expect(copy).toBeDefined();
    expect(copy![1]).toBe(buildStage.name);
    expect(path.posix.resolve(workdir, copy![3])).toBe(path.posix.join(workdir, `dist/apps/${name}`));
  });

  it('exposes $PORT and health-checks /health/live with node fetch', () => {
    expect(all(finalStage, 'ARG').map((arg) => arg.split('=')[0])).toEqual(expect.arrayContaining(['SERVICE', 'PORT']));
    expect(all(finalStage, 'EXPOSE')).toEqual(['${PORT}']);
    const healthcheck = all(finalStage, 'HEALTHCHECK').join(' ');
    expect(healthcheck).toMatch(/CMD .*fetch\(.*\/health\/live/);
  });

  it('copies nothing that .dockerignore leaves out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.nx', '.cache']));
    const sources = dockerfile.stages
      .flatMap((stage) => all(stage, 'COPY'))
      .filter((args) => !args.startsWith('--from'))
      .flatMap((args) => args.split(' ').slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(fs.existsSync(path.join(ROOT, source))).toBe(true);
      expect(ignored).not.toContain(source);
    }
  });
});
