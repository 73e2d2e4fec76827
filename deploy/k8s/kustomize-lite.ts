// The part of `kustomize build` these manifests use, so CI can render the overlays without the
// kustomize / kubectl binaries: resources (files and directories), namespace, labels (metadata
// only), images, and patches that are inline JSON 6902 operations with a kind/name target.
// Anything else in a kustomization.yaml is refused, so a manifest that needs a real kustomize
// cannot slip through. deploy/k8s.spec.ts compares the result with `kubectl kustomize` where that
// binary is installed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

export type Resource = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  labels?: { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  patches?: { target: { kind?: string; name?: string }; patch: string }[];
}

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'labels', 'images', 'patches']);

/** Kinds that have no namespace (the namespace transformer leaves them alone). */
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'StorageClass', 'PriorityClass', 'PersistentVolume']);

export function kustomizationFile(dir: string): string {
  for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization']) {
    const file = path.join(dir, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`no kustomization.yaml in ${dir}`);
}

function loadResources(file: string): Resource[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS() as Resource | null;
    })
    .filter((resource): resource is Resource => resource !== null);
}

/** Renders a kustomization directory into its resources. */
export function build(dir: string): Resource[] {
  const file = kustomizationFile(dir);
  const k = parse(fs.readFileSync(file, 'utf8')) as Kustomization;
  const unsupported = Object.keys(k).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) throw new Error(`${file}: kustomize-lite does not support ${unsupported.join(', ')}`);
  if (k.kind !== 'Kustomization' || k.apiVersion !== 'kustomize.config.k8s.io/v1beta1') throw new Error(`${file}: not a kustomize.config.k8s.io/v1beta1 Kustomization`);

  let resources: Resource[] = [];
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry);
    const loaded = fs.statSync(target).isDirectory() ? build(target) : loadResources(target);
    resources.push(...loaded);
  }
  const ids = resources.map(id);
  const duplicate = ids.find((value, index) => ids.indexOf(value) !== index);
  if (duplicate) throw new Error(`${file}: resource ${duplicate} is declared twice`);

  for (const { target, patch } of k.patches ?? []) {
    const operations = parse(patch) as Operation[];
    const nameMatch = target.name === undefined ? null : new RegExp(`^(?:${target.name})$`);
    const matched = resources.filter((r) => (!target.kind || r.kind === target.kind) && (!nameMatch || nameMatch.test(r.metadata.name)));
    if (matched.length === 0) throw new Error(`${file}: patch target ${JSON.stringify(target)} matches no resource`);
    resources = resources.map((r) => (matched.includes(r) ? applyJsonPatch(r, operations) : r));
  }
  if (k.namespace) {
    for (const r of resources) if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = k.namespace;
  }
  for (const { pairs, includeSelectors, includeTemplates } of k.labels ?? []) {
    if (includeSelectors || includeTemplates) throw new Error(`${file}: kustomize-lite only adds labels to metadata`);
    for (const r of resources) r.metadata.labels = { ...r.metadata.labels, ...pairs };
  }
  for (const image of k.images ?? []) {
    if (image.digest) throw new Error(`${file}: kustomize-lite does not support image digests`);
    for (const r of resources) for (const container of podContainers(r)) container.image = retag(String(container.image), image);
  }
  return resources;
}

export function id(r: Resource): string {
  return `${r.kind}/${r.metadata.namespace ?? ''}/${r.metadata.name}`;
}

/** The containers of a pod-bearing resource (Deployment, Job, CronJob, Pod…). */
export function podContainers(r: Resource): Record<string, unknown>[] {
  const spec = r['spec'] as Record<string, any> | undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  const podSpec = r.kind === 'Pod' ? spec : r.kind === 'CronJob' ? spec?.['jobTemplate']?.spec?.template?.spec : spec?.['template']?.spec;
  return [...(podSpec?.initContainers ?? []), ...(podSpec?.containers ?? [])];
}

/** kustomize's images transformer: match on the name without tag/digest, replace name and/or tag. */
function retag(image: string, rule: { name: string; newName?: string; newTag?: string }): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const tag = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  if (name !== rule.name) return image;
  const newTag = rule.newTag ?? tag;
  return `${rule.newName ?? name}${newTag ? `:${newTag}` : ''}`;
}

export interface Operation {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

/** RFC 6902 add/replace/remove/test on a copy of the document. */
export function applyJsonPatch<T>(document: T, operations: readonly Operation[]): T {
  const result = structuredClone(document) as unknown;
  for (const operation of operations) {
    const tokens = operation.path
      .split('/')
      .slice(1)
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (tokens.length === 0) throw new Error(`cannot ${operation.op} the whole document`);
    let parent = result as Record<string, unknown> | unknown[];
    for (const token of tokens.slice(0, -1)) {
      const next = Array.isArray(parent) ? parent[Number(token)] : parent[token];
      if (next === null || typeof next !== 'object') throw new Error(`path ${operation.path} does not exist`);
      parent = next as Record<string, unknown> | unknown[];
    }
    const last = tokens[tokens.length - 1];
    const exists = Array.isArray(parent) ? last !== '-' && Number(last) < parent.length : Object.prototype.hasOwnProperty.call(parent, last);
    switch (operation.op) {
      case 'add':
        if (Array.isArray(parent)) parent.splice(last === '-' ? parent.length : Number(last), 0, operation.value);
        else parent[last] = operation.value;
        break;
      case 'replace':
        if (!exists) throw new Error(`replace: path ${operation.path} does not exist`);
        if (Array.isArray(parent)) parent[Number(last)] = operation.value;
        else parent[last] = operation.value;
        break;
      case 'remove':
        if (!exists) throw new Error(`remove: path ${operation.path} does not exist`);
        if (Array.isArray(parent)) parent.splice(Number(last), 1);
        else delete parent[last];
        break;
      case 'test': {
        const actual = Array.isArray(parent) ? parent[Number(last)] : parent[last];
        if (JSON.stringify(actual) !== JSON.stringify(operation.value)) throw new Error(`test failed at ${operation.path}`);
        break;
      }
      default:
        throw new Error(`unsupported JSON patch op ${(operation as Operation).op}`);
    }
  }
  return result as T;
}
