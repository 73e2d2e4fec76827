// The registry of published event contracts: libs/contracts/schemas/<type>.v<version>.json holds the
// payload JSON Schema of every (type, version) the catalogue has ever published, canonically
// serialised (keys sorted, 2-space indent). A published contract never changes and never goes away:
// change a payload by defining a new version beside the old one (docs/contracts.md).
//
// Add the files of new versions: UPDATE_CONTRACT_SCHEMAS=1 npx jest -c libs/contracts/jest.config.js contract-versions
// Update mode only adds missing files and rewrites the formatting of unchanged ones; it never
// overwrites a changed schema nor deletes a file, so it cannot hide a breaking change.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ALL_EVENTS } from './all-events';
import type { EventDefinition } from './event-definition';

const SCHEMAS = path.resolve(__dirname, '../../schemas');
const UPDATE = process.env['UPDATE_CONTRACT_SCHEMAS'] === '1';
const UPDATE_COMMAND = 'UPDATE_CONTRACT_SCHEMAS=1 npx jest -c libs/contracts/jest.config.js contract-versions';
const FILE_NAME = /^(.+)\.v([1-9][0-9]*)\.json$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The value with every object's keys sorted (arrays keep their order: `enum` and `required` order is the author's). */
function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  throw new Error(`a JSON Schema holds only JSON values, not ${typeof value}`);
}

function canonicalText(schema: unknown): string {
  return `${JSON.stringify(canonical(schema), null, 2)}\n`;
}

const schemaFileName = (type: string, version: number): string => `${type}.v${version}.json`;

function committedFiles(): Map<string, { type: string; version: number; file: string }> {
  if (UPDATE) fs.mkdirSync(SCHEMAS, { recursive: true });
  const files = new Map<string, { type: string; version: number; file: string }>();
  const names = fs.existsSync(SCHEMAS) ? fs.readdirSync(SCHEMAS) : [];
  for (const file of names.sort()) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`libs/contracts/schemas/${file} is not named <type>.v<version>.json`);
    files.set(file, { type: match[1], version: Number(match[2]), file });
  }
  return files;
}

function fail(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.join('\n\n'));
}

describe('canonical serialisation', () => {
  it('sorts keys at every depth, keeps array order, 2-space indent and a final newline', () => {
    expect(canonicalText({ b: 1, a: { d: [3, 1], c: null } })).toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      3,\n      1\n    ]\n  },\n  "b": 1\n}\n');
  });
});

describe('published event contracts (libs/contracts/schemas)', () => {
  const events: readonly EventDefinition<unknown>[] = ALL_EVENTS;
  const files = committedFiles();
  const inCatalogue = new Set(events.map((e) => schemaFileName(e.type, e.version)));

  it('(a) the schema of every published (type, version) is unchanged', () => {
    const problems: string[] = [];
    for (const event of events) {
      const file = schemaFileName(event.type, event.version);
      if (!files.has(file)) continue; // (c)
      const committedText = fs.readFileSync(path.join(SCHEMAS, file), 'utf8');
      const expected = canonicalText(event.schema);
      if (committedText === expected) continue;
      if (isDeepStrictEqual(canonical(JSON.parse(committedText)), canonical(event.schema))) {
        // Same schema, other formatting (edited by hand): only the layout is off.
        if (UPDATE) fs.writeFileSync(path.join(SCHEMAS, file), expected);
        else problems.push(`libs/contracts/schemas/${file} is not canonically formatted (same schema); rewrite it with: ${UPDATE_COMMAND}`);
        continue;
      }
      problems.push(
        `The payload schema of ${event.type} v${event.version} differs from the published libs/contracts/schemas/${file}. ` +
          `A published version never changes: bump the version and keep the old one — restore v${event.version} as it was, ` +
          `define ${event.type} v${event.version + 1} with the new schema beside it (both in the catalogue), then run ${UPDATE_COMMAND} ` +
          `(see docs/contracts.md).`,
      );
    }
    fail(problems);
  });

  it('(b) every published (type, version) is still in the catalogue', () => {
    const problems = [...files.values()]
      .filter(({ file }) => !inCatalogue.has(file))
      .map(
        ({ type, version, file }) =>
          `${type} v${version} (libs/contracts/schemas/${file}) is no longer in the catalogue (ALL_EVENTS). ` +
          'A published version must stay consumable: messages of it are on the topics and in dead-letter topics until retention ' +
          'removes them. Keep its definition (mark it deprecated in its description); see docs/contracts.md on retiring a version.',
      );
    fail(problems);
  });

  it('(c) every (type, version) of the catalogue has a committed schema file', () => {
    const missing = events.map((e) => schemaFileName(e.type, e.version)).filter((file) => !files.has(file));
    if (UPDATE) {
      for (const event of events) {
        const file = schemaFileName(event.type, event.version);
        if (missing.includes(file)) fs.writeFileSync(path.join(SCHEMAS, file), canonicalText(event.schema));
      }
      return;
    }
    fail(
      missing.map(
        (file) => `No published schema for ${file.replace(FILE_NAME, '$1 v$2')}: add libs/contracts/schemas/${file} with ${UPDATE_COMMAND} and commit it.`,
      ),
    );
  });

  it('has one file per (type, version) and one definition per (type, version)', () => {
    const ids = events.map((e) => schemaFileName(e.type, e.version));
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });
});
