import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isRecord, OVERLAYS, render, repoRoot } from './support/kustomize.js';
import { environmentOf, workloadsOf } from './support/workloads.js';

// Migrations run before a new version serves: infra/docker/migrate.mjs, baked into every image at
// /app/migrate.mjs, runs as compose's <service>-migrate and as each Deployment's init container
// (e2e/test/migrate-entry.test.ts runs the script itself against a real schema).
const SERVICES = ['auth', 'catalog', 'billing', 'social'];
const ENTRY = ['node', '/app/migrate.mjs'];

describe('the migrate entry in the image and in compose', () => {
  it('is copied into the runtime image where it resolves @kavosh/db', () => {
    const dockerfile = readFileSync(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^COPY .*infra\/docker\/migrate\.mjs \/app\/migrate\.mjs$/m);
  });

  it('is what every <service>-migrate container runs', () => {
    const compose: unknown = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), {
      merge: true,
    });
    const services = isRecord(compose) && isRecord(compose.services) ? compose.services : {};
    for (const name of SERVICES) {
      const migrate = services[`${name}-migrate`];
      expect([name, isRecord(migrate) ? migrate.command : undefined]).toEqual([name, ENTRY]);
    }
  });
});

describe.each(OVERLAYS)('overlay %s', (overlay) => {
  it('migrates each service in an init container of the same image, before it serves', () => {
    const objects = render(overlay);
    const workloads = workloadsOf(objects);
    for (const name of SERVICES) {
      const pod = workloads.find((w) => w.name === name)?.pod;
      const server = pod?.containers.find((c) => c.name === name);
      const init = pod?.initContainers ?? [];
      expect(init.map((c) => c.name)).toEqual(['migrate']);
      const [migrate] = init;
      if (!migrate || !server) throw new Error(`${name} has no migrate or server container`);
      expect({
        image: migrate.image,
        // A `command` would replace tini, the image's entrypoint.
        command: migrate.command,
        args: migrate.args,
      }).toEqual({ image: server.image, command: undefined, args: ENTRY });
      const secretOf = (c: typeof migrate, variable: string) =>
        c.env?.find((e) => e.name === variable)?.valueFrom?.secretKeyRef;
      // The init container migrates as the schema's migrator; the server runs with data rights only.
      expect(secretOf(migrate, 'DATABASE_URL')).toEqual({
        name: `${name}-secrets`,
        key: 'MIGRATION_DATABASE_URL',
      });
      expect(secretOf(server, 'DATABASE_URL')).toEqual({
        name: `${name}-secrets`,
        key: 'DATABASE_URL',
      });
      // Its own RabbitMQ user, in its own Secret: no Secret is shared by two services' brokers.
      expect(secretOf(server, 'AMQP_URL')).toEqual({ name: `${name}-secrets`, key: 'AMQP_URL' });
      // The server does not migrate again on its own.
      expect(environmentOf(server, objects).get('MIGRATE_ON_START')).toBe('false');
    }
    expect(workloads.find((w) => w.name === 'gateway')?.pod.initContainers).toBeUndefined();
  });
});
