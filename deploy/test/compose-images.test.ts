import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { IMAGES, STANDINS } from './support/images.js';
import { isRecord, repoRoot } from './support/kustomize.js';

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');
const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const composeText = read('docker-compose.yml');
const compose = record(parse(composeText, { merge: true }));
const services = record(compose.services);
const standins = record(parse(read('docker-compose.standins.yml')));
const built = new Set(IMAGES.map((image) => image.tag));

describe('docker-compose.yml with Compose v1.29 and v2', () => {
  it('has no top-level name (v1.29 refuses it): the project name comes from -p or COMPOSE_PROJECT_NAME', () => {
    expect(Object.keys(compose)).not.toContain('name');
  });

  it('publishes every host port through a <NAME>_HOST_PORT variable defaulting to the usual port', () => {
    for (const [name, value] of Object.entries(services)) {
      const ports = record(value).ports;
      for (const port of Array.isArray(ports) ? ports.map(String) : []) {
        const match = /^127\.0\.0\.1:\$\{(\w+_HOST_PORT):-(\d+)\}:(\d+)$/.exec(port);
        expect([name, port, match !== null]).toEqual([name, port, true]);
      }
    }
  });

  it('leaves Jaeger and Grafana (not buildable without a registry) to the observability profile', () => {
    expect(record(services.jaeger).profiles).toEqual(['observability']);
    expect(record(services.grafana).profiles).toEqual(['observability']);
  });

  it('names, for every process, an image `npm run images` builds, with the same tag', () => {
    const named = Object.values(services)
      .map((s) => record(s))
      .filter((s) => s.build !== undefined)
      .map((s) => String(s.image));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((image) => !built.has(image))).toEqual([]);
  });
});

describe('docker-compose.standins.yml', () => {
  const overridden = record(standins.services);

  it('swaps image names only, each for a stand-in `npm run images` builds in place of that official image', () => {
    for (const [name, value] of Object.entries(overridden)) {
      expect([name, Object.keys(record(value))]).toEqual([name, ['image']]);
      const standin = STANDINS.find((s) => s.tag === record(value).image);
      expect([name, standin?.official]).toEqual([name, record(services[name]).image]);
    }
    // Every data store and the media origin; the observability images that have a Debian package.
    expect(Object.keys(overridden).sort()).toEqual(
      ['media', 'mysql', 'prometheus', 'rabbitmq', 'redis'].sort(),
    );
  });

  it('gives a host port for every <NAME>_HOST_PORT of docker-compose.yml, none of them a usual one', () => {
    const variables = new Map(
      [...composeText.matchAll(/\$\{(\w+_HOST_PORT):-(\d+)\}/g)].map(([, n = '', d = '']) => [
        n,
        d,
      ]),
    );
    const ports = record(standins['x-host-ports']);
    for (const [variable, usual] of variables) {
      expect([variable, typeof ports[variable]]).toEqual([variable, 'number']);
      expect([variable, String(ports[variable])]).not.toEqual([variable, usual]);
    }
    const values = Object.values(ports).map(Number);
    expect(new Set(values).size).toBe(values.length);
  });
});
