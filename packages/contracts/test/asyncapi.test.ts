import { readFile } from 'node:fs/promises';
import specs from '@asyncapi/specs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EVENTS, EVENTS_EXCHANGE } from '../src/index.js';
import {
  ASYNCAPI_COMMAND,
  ASYNCAPI_PATH,
  messageName,
  renderAsyncApi,
} from '../scripts/asyncapi.js';
import { createAjv } from './ajv.js';

// @asyncapi/parser pulls in Spectral and a telemetry postinstall (@scarf/scarf), so the document
// is validated against the official AsyncAPI 3.0.0 JSON Schema instead, plus the reference
// checks below that a JSON Schema cannot express.
const validateAsyncApi = createAjv({ strict: false }).compile(specs.schemasWithoutId['3.0.0']);

const rendered = await renderAsyncApi();
const document: unknown = parse(rendered);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

/** Follows a local `#/a/b` reference inside the document. */
function resolve(ref: string): unknown {
  let node: unknown = document;
  for (const raw of ref.replace(/^#\//, '').split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? Reflect.get(node, key) : undefined;
  }
  return node;
}

function collectRefs(node: unknown, refs: string[] = []): string[] {
  if (typeof node !== 'object' || node === null) return refs;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') refs.push(value);
    else collectRefs(value, refs);
  }
  return refs;
}

describe('docs/asyncapi.yaml', () => {
  it('is up to date with the registry', async () => {
    const checkedIn = await readFile(ASYNCAPI_PATH, 'utf8').catch(() => '(missing)');
    expect(
      checkedIn === rendered,
      `docs/asyncapi.yaml is out of date: run \`${ASYNCAPI_COMMAND}\``,
    ).toBe(true);
  });

  it('is a valid AsyncAPI 3.0.0 document', () => {
    expect(validateAsyncApi(document), JSON.stringify(validateAsyncApi.errors, null, 2)).toBe(true);
  });

  it('is rejected by the validator without info or with an unknown exchange type', () => {
    const withoutInfo = record(parse(rendered));
    delete withoutInfo.info;
    expect(validateAsyncApi(withoutInfo)).toBe(false);

    const badExchange = parse(rendered.replace('type: topic', 'type: carrier-pigeon'));
    expect(validateAsyncApi(badExchange)).toBe(false);
  });

  it('resolves every $ref inside the document', () => {
    const refs = collectRefs(document);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => resolve(ref) === undefined)).toEqual([]);
  });

  it.each(EVENTS.map((event) => [event.type, event] as const))(
    'describes %s: a channel on the exchange, a send, a receive per consumer, the envelope',
    (type, event) => {
      const channels = Object.values(record(resolve('#/channels')));
      const channel = channels.find((candidate) => record(candidate).address === type);
      expect(channel).toMatchObject({
        bindings: {
          amqp: {
            is: 'routingKey',
            exchange: { name: EVENTS_EXCHANGE, type: 'topic', durable: true },
          },
        },
      });
      const operations = Object.entries(record(resolve('#/operations')));
      const forEvent = operations.filter(([, op]) =>
        JSON.stringify(op).includes(`/messages/${messageName(type)}"`),
      );
      expect(forEvent.map(([, op]) => record(op).action).sort()).toEqual(
        ['send', ...event.consumers.map(() => 'receive')].sort(),
      );
      expect(resolve(`#/components/messages/${messageName(type)}/payload`)).toEqual(event.schema);
    },
  );
});
