// docs/asyncapi.json (generated from libs/contracts by its own unit test) must be a valid AsyncAPI 3
// document for the official parser, and docs/asyncapi.html must be its current rendering.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

const ROOT = path.resolve(__dirname, '..');
const json = fs.readFileSync(path.join(ROOT, 'docs/asyncapi.json'), 'utf8');
const topics = (JSON.parse(fs.readFileSync(path.join(ROOT, 'libs/contracts/src/lib/topics.json'), 'utf8')) as { topics: { name: string; partitions: number }[] }).topics;

async function parse(text: string) {
  const { document, diagnostics } = await new Parser().parse(text);
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`);
  return { document, errors };
}

describe('docs/asyncapi.json', () => {
  it('parses with @asyncapi/parser without an error-severity diagnostic', async () => {
    const { document, errors } = await parse(json);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    expect(document!.version()).toMatch(/^3\./);
  }, 60_000);

  it('describes every topic of topics.json with its partitions, and every message with a kafka key', async () => {
    const { document } = await parse(json);
    const channels = document!.channels().all();
    expect(channels.map((c) => c.address()).sort()).toEqual(topics.map((t) => t.name).sort());
    for (const channel of channels) {
      const topic = topics.find((t) => t.name === channel.address())!;
      expect([topic.name, (channel.bindings().get('kafka')?.value() as { partitions?: number })?.partitions]).toEqual([topic.name, topic.partitions]);
    }
    for (const message of document!.components().messages().all()) {
      if (message.id() === 'deadLetter') continue;
      expect([message.id(), message.bindings().has('kafka')]).toEqual([message.id(), true]);
      expect(message.hasPayload()).toBe(true);
    }
  }, 60_000);

  it('fails on a broken document (so the check can fail)', async () => {
    const broken = JSON.parse(json);
    const [firstChannel] = Object.keys(broken.channels);
    broken.channels[firstChannel].messages = { nowhere: { $ref: '#/components/messages/doesNotExist' } };
    const { errors } = await parse(JSON.stringify(broken));
    expect(errors.length).toBeGreaterThan(0);
  }, 60_000);
});

describe('docs/asyncapi.html', () => {
  const committed = fs.readFileSync(path.join(ROOT, 'docs/asyncapi.html'), 'utf8');

  it('is the current rendering of docs/asyncapi.json (run `node deploy/asyncapi/render-html.mjs` after regenerating it)', () => {
    const rendered = execFileSync(process.execPath, [path.join(__dirname, 'asyncapi/render-html.mjs'), '--stdout'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(committed === rendered).toBe(true);
  });

  it('names every topic and message, and loads nothing from elsewhere', () => {
    const doc = JSON.parse(json) as { channels: Record<string, { address: string }>; components: { messages: Record<string, unknown> } };
    for (const channel of Object.values(doc.channels)) expect(committed).toContain(`>${channel.address}</code>`);
    for (const id of Object.keys(doc.components.messages)) expect(committed).toContain(`id="message-${id}"`);
    expect(committed).not.toMatch(/<script|<link|@import|src="http/i);
  });
});
