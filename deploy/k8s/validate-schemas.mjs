#!/usr/bin/env node
// Validates Kubernetes resources against the OpenAPI schemas of the Kubernetes API, as the
// npm package kubernetes-models ships them (precompiled, offline), and Strimzi KafkaTopics
// against the spec of the KafkaTopic v1beta2 CRD (below). Plain node, not jest: kubernetes-models
// is an ES module only.
//
//   node deploy/k8s/validate-schemas.mjs resources.json   # a JSON array of resources
//
// Prints one JSON line: [{ "id": "Kind/namespace/name", "error": null | "message" }].
// Exits 3 when kubernetes-models is not installed (K8S_MODELS_DIR may point at a copy of it).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv from 'ajv';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modelsDir = process.env.K8S_MODELS_DIR ?? join(root, 'node_modules', 'kubernetes-models');

/** spec of kafkatopics.kafka.strimzi.io/v1beta2 (Strimzi 0.4x CRD), as the API server would prune/validate it. */
const KAFKA_TOPIC_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'kafka.strimzi.io/v1beta2' },
    kind: { const: 'KafkaTopic' },
    metadata: {
      type: 'object',
      required: ['name', 'labels'],
      properties: {
        name: { type: 'string', maxLength: 253, pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
        namespace: { type: 'string' },
        labels: {
          type: 'object',
          required: ['strimzi.io/cluster'],
          additionalProperties: { type: 'string' },
        },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      properties: {
        topicName: { type: 'string', minLength: 1, maxLength: 249, pattern: '^[a-zA-Z0-9._-]+$' },
        partitions: { type: 'integer', minimum: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 32767 },
        config: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'array'] } },
      },
    },
    status: { type: 'object' },
  },
};

/** apps/v1 -> apps/v1, v1 -> v1 (the folders of kubernetes-models). */
function modelPath(apiVersion, kind) {
  return join(modelsDir, ...apiVersion.split('/'), `${kind}.js`);
}

async function main() {
  if (!existsSync(join(modelsDir, 'package.json'))) {
    console.error(`kubernetes-models is not installed (looked in ${modelsDir}); npm install --save-dev kubernetes-models@5.1.0`);
    process.exit(3);
  }
  const resources = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  const kafkaTopic = new Ajv({ allErrors: true, strict: false }).compile(KAFKA_TOPIC_SCHEMA);
  const results = [];
  for (const resource of resources) {
    const id = `${resource.kind}/${resource.metadata?.namespace ?? ''}/${resource.metadata?.name}`;
    let error = null;
    try {
      if (resource.apiVersion === 'kafka.strimzi.io/v1beta2' && resource.kind === 'KafkaTopic') {
        if (!kafkaTopic(resource)) error = kafkaTopic.errors.map((e) => `${e.instancePath} ${e.message}`).join(', ');
      } else {
        const file = modelPath(resource.apiVersion, resource.kind);
        if (!existsSync(file)) throw new Error(`no schema for ${resource.apiVersion} ${resource.kind}`);
        const Model = (await import(pathToFileURL(file).href))[resource.kind];
        new Model(resource).validate();
      }
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    results.push({ id, error });
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

await main();
