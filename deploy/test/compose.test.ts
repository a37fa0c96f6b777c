import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { isRecord, repoRoot } from './support/kustomize.js';
import { composeLoadBalancerConfig } from './support/scripts.js';
import {
  IMAGE_PROCESSES,
  PAYMENT_SANDBOX,
  WORKLOAD_SCHEMAS,
  environmentProblems,
  readRepoSchemas,
  readSandboxSchema,
  sharedVariables,
} from './support/env-schema.js';

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');
// merge: true resolves the `<<: *app` keys the way docker compose does.
const compose: unknown = parse(read('docker-compose.yml'), { merge: true });
const services = isRecord(compose) && isRecord(compose.services) ? compose.services : {};

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});
const service = (name: string) => record(services[name]);
const environment = (name: string) =>
  new Map(Object.entries(record(service(name).environment)).map(([k, v]) => [k, String(v)]));
const dependsOn = (name: string) =>
  Object.fromEntries(
    Object.entries(record(service(name).depends_on)).map(([k, v]) => [k, record(v).condition]),
  );

/** A URL of the file with its required variables (`${VAR:?…}`) filled in, as from the .env. */
const interpolatedUrl = (value: string | undefined): URL =>
  new URL((value ?? '').replace(/\$\{\w+:\?[^}]*\}/g, 'generated-secret'));

// Style rules only: services are ordered by startup (data stores, services, gateway), not by name,
// and each app service names the image its build produces (so `image` sits beside `build`).
const STYLE_RULES = [
  'no-build-and-image',
  'service-keys-order',
  'services-alphabetical-order',
  'service-dependencies-alphabetical-order',
  'top-level-properties-order',
];

/** dclint's findings for a compose file, one `line rule: message` each. */
function dclint(file: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kavosh-dclint-'));
  const report = join(dir, 'report.json');
  try {
    const args = [
      file,
      '-f',
      'json',
      '--color',
      'false',
      '-o',
      report,
      '--disable-rule',
      ...STYLE_RULES,
    ];
    try {
      execFileSync(join(repoRoot, 'node_modules/.bin/dclint'), args, { stdio: 'pipe' });
    } catch {
      // It exits 1 when it finds errors; the report says which.
    }
    const results: unknown = JSON.parse(readFileSync(report, 'utf8'));
    if (!Array.isArray(results)) throw new Error('dclint wrote no report');
    return results.flatMap((result: unknown) => {
      const messages = record(result).messages;
      return Array.isArray(messages)
        ? messages.map((m: unknown) => `${record(m).line} ${record(m).rule}: ${record(m).message}`)
        : [];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const schemas = readRepoSchemas();
const shared = sharedVariables(schemas);
const APPS = Object.keys(WORKLOAD_SCHEMAS);
const SERVICES = APPS.filter((name) => name !== 'gateway');

describe('docker-compose.yml', () => {
  it('passes dclint: the Compose Specification schema and its correctness rules', () => {
    expect(dclint(join(repoRoot, 'docker-compose.yml'))).toEqual([]);
  });

  it('has a linter that does report a file the Compose schema refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavosh-compose-'));
    const file = join(dir, 'docker-compose.yml');
    writeFileSync(file, 'services:\n  web:\n    image: nginx:1.27\n    restart: sometimes\n');
    try {
      expect(dclint(file).length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds every process from infra/docker/Dockerfile with its own SERVICE', () => {
    for (const name of IMAGE_PROCESSES) {
      const build = record(service(name).build);
      expect([name, build.dockerfile, record(build.args).SERVICE]).toEqual([
        name,
        'infra/docker/Dockerfile',
        name,
      ]);
    }
  });

  it.each(Object.entries(WORKLOAD_SCHEMAS))(
    'gives %s every variable its schema %s needs, and none it does not read',
    (name, schemaName) => {
      const schema = schemas.get(schemaName);
      expect(schema).toBeDefined();
      const rules = name === 'auth' ? [['JWT_PRIVATE_JWKS', 'JWT_PRIVATE_JWKS_FILE']] : [];
      expect(environmentProblems(schema ?? new Map(), environment(name), rules, shared)).toEqual(
        [],
      );
    },
  );

  it('gives the payment sandbox what a deployment must set, and nothing its reader does not read', () => {
    // It reads no variable of the kit's: no telemetry, no shared HTTP settings.
    expect(environmentProblems(readSandboxSchema(), environment(PAYMENT_SANDBOX))).toEqual([]);
  });

  it('runs every process on the port its schema defaults to (the ARCHITECTURE table)', () => {
    for (const [name, schemaName] of Object.entries(WORKLOAD_SCHEMAS)) {
      const port = schemas.get(schemaName)?.get('PORT')?.defaultText;
      expect([name, environment(name).get('PORT')]).toEqual([name, port]);
    }
    expect(service('gateway').ports).toEqual(['127.0.0.1:${GATEWAY_HOST_PORT:-8080}:8080']);
    const sandboxPort = readSandboxSchema().get('PORT')?.defaultText;
    expect(environment(PAYMENT_SANDBOX).get('PORT')).toBe(sandboxPort);
    expect(service(PAYMENT_SANDBOX).ports).toEqual([
      `127.0.0.1:\${PAYMENT_SANDBOX_HOST_PORT:-${sandboxPort}}:${sandboxPort}`,
    ]);
  });

  it('starts each service after its data stores are healthy and its migrations are done', () => {
    for (const name of SERVICES) {
      expect(dependsOn(name)).toEqual({
        mysql: 'service_healthy',
        rabbitmq: 'service_healthy',
        redis: 'service_healthy',
        [`${name}-migrate`]: 'service_completed_successfully',
      });
      expect(environment(name).get('MIGRATE_ON_START')).toBe('false');
    }
    expect(dependsOn('gateway')).toEqual(
      Object.fromEntries(['redis', ...SERVICES].map((n) => [n, 'service_healthy'])),
    );
  });

  it('migrates each schema once as its migrator; the service runs as its data-only user', () => {
    for (const name of SERVICES) {
      const migrate = service(`${name}-migrate`);
      expect(migrate.restart).toBe('no');
      expect(String(record(migrate.build).args && record(record(migrate.build).args).SERVICE)).toBe(
        name,
      );
      const migratorUrl = interpolatedUrl(environment(`${name}-migrate`).get('DATABASE_URL'));
      const runtimeUrl = interpolatedUrl(environment(name).get('DATABASE_URL'));
      expect(migratorUrl.username).toBe(`kavosh_${name}_migrator`);
      expect(runtimeUrl.username).toBe(`kavosh_${name}`);
      expect(migratorUrl.pathname).toBe(runtimeUrl.pathname);
      expect(migratorUrl.host).toBe(runtimeUrl.host);
      expect(environment(name).get('MIGRATE_ON_START')).toBe('false');
      expect(dependsOn(`${name}-migrate`)).toEqual({ mysql: 'service_healthy' });
    }
  });

  it('requires every secret from the generated .env: no development default, no guest', () => {
    const text = read('docker-compose.yml');
    expect(text).not.toMatch(/\$\{\w*(PASSWORD|SECRET)\w*:-/);
    expect(text).not.toMatch(/guest:guest/);
    const required = [...text.matchAll(/\$\{(\w*(?:PASSWORD|SECRET)\w*):\?/g)].map(([, n]) => n);
    expect(new Set(required)).toEqual(
      new Set([
        'MYSQL_ROOT_PASSWORD',
        'GRAFANA_ADMIN_PASSWORD',
        'CATALOG_CURSOR_SECRET',
        'CATALOG_MEDIA_SIGNING_SECRET',
        'WS_TICKET_SECRET',
        'PAYMENT_SECRET_KEY',
        'PAYMENT_WEBHOOK_SECRET',
        ...SERVICES.flatMap((name) =>
          ['DB_PASSWORD', 'DB_MIGRATOR_PASSWORD', 'AMQP_PASSWORD'].map(
            (suffix) => `${name.toUpperCase()}_${suffix}`,
          ),
        ),
      ]),
    );
  });

  it('connects each service to RabbitMQ as its own user, from the definitions compose:env writes', () => {
    for (const name of SERVICES) {
      expect(interpolatedUrl(environment(name).get('AMQP_URL')).username).toBe(`kavosh_${name}`);
    }
    const volumes = (service('rabbitmq').volumes as unknown[]).map(String);
    expect(volumes).toContain(
      './infra/rabbitmq/20-kavosh.conf:/etc/rabbitmq/conf.d/20-kavosh.conf:ro',
    );
    const conf = read('infra/rabbitmq/20-kavosh.conf');
    const path = /^definitions\.local\.path = (\S+)$/m.exec(conf)?.[1];
    expect(volumes.some((v) => v.endsWith(`:${path}:ro`))).toBe(true);
    // The dev cluster's RabbitMQ reads the same configuration (a kustomize copy).
    expect(read('k8s/overlays/dev/rabbitmq.conf')).toBe(conf);
  });

  it('gives every data store a healthcheck, so service_healthy can be reached', () => {
    for (const name of ['mysql', 'rabbitmq', 'redis'])
      expect(record(service(name).healthcheck).test).toBeDefined();
  });

  it('creates the four schemas with the same script as the dev cluster', () => {
    const script = read('infra/mysql/init/01-kavosh-schemas.sh');
    expect(read('k8s/overlays/dev/mysql-init.sh')).toBe(script);
    expect(service('mysql').volumes).toContain('./infra/mysql/init:/docker-entrypoint-initdb.d:ro');
    for (const name of SERVICES) {
      expect(script).toContain(name);
      expect(environment('mysql').has(`${name.toUpperCase()}_DB_PASSWORD`)).toBe(true);
      expect(environment('mysql').has(`${name.toUpperCase()}_DB_MIGRATOR_PASSWORD`)).toBe(true);
    }
    // The runtime user gets data rights only; DDL belongs to the migrator.
    expect(script).toContain(
      "GRANT SELECT, INSERT, UPDATE, DELETE ON \\`kavosh_${service}\\`.* TO 'kavosh_${service}'@'%';",
    );
    expect(script).toContain(
      "GRANT ALL PRIVILEGES ON \\`kavosh_${service}\\`.* TO 'kavosh_${service}_migrator'@'%';",
    );
    expect(script.match(/GRANT ALL/g)).toHaveLength(1);
  });

  it('lets Prometheus scrape every process on its METRICS_PORT, and Grafana read Prometheus', () => {
    const prometheus = record(parse(read('infra/prometheus/prometheus.yml')));
    const jobs = Array.isArray(prometheus.scrape_configs) ? prometheus.scrape_configs : [];
    const targets = jobs.flatMap((job: unknown) => {
      const configs = record(job).static_configs;
      return Array.isArray(configs)
        ? configs.flatMap((c: unknown) => {
            const t = record(c).targets;
            return Array.isArray(t) ? t.map(String) : [];
          })
        : [];
    });
    expect(new Set(targets)).toEqual(
      new Set(APPS.map((name) => `${name}:${environment(name).get('METRICS_PORT')}`)),
    );
    // A metrics port of its own, never published to the host.
    for (const name of APPS) {
      expect(environment(name).get('METRICS_PORT'), name).toMatch(/^\d+$/);
      expect(environment(name).get('METRICS_PORT'), name).not.toBe(environment(name).get('PORT'));
      const ports = service(name).ports;
      const published = Array.isArray(ports) ? ports.map(String).join(' ') : '';
      expect(published, name).not.toContain(String(environment(name).get('METRICS_PORT')));
    }
    const datasources = record(
      parse(read('infra/grafana/provisioning/datasources/prometheus.yml')),
    );
    const [datasource] = Array.isArray(datasources.datasources) ? datasources.datasources : [];
    expect(record(datasource).url).toBe('http://prometheus:9090');
    expect(service('prometheus').ports).toEqual(['127.0.0.1:${PROMETHEUS_HOST_PORT:-9090}:9090']);
  });

  it('provisions a dashboard that queries only metrics the processes export', () => {
    const dashboard = record(JSON.parse(read('infra/grafana/dashboards/kavosh-overview.json')));
    const panels = Array.isArray(dashboard.panels) ? dashboard.panels : [];
    const exprs = panels.flatMap((p: unknown) => {
      const targets = record(p).targets;
      return Array.isArray(targets) ? targets.map((t: unknown) => String(record(t).expr)) : [];
    });
    expect(exprs.length).toBeGreaterThan(0);
    const kit = read('packages/service-kit/src/plugins/metrics.ts');
    for (const expr of exprs) {
      const metric = /\b((?:http|process|nodejs)_[a-z0-9_]+?)(?:_count|_bucket|_sum)?\b/.exec(
        expr,
      )?.[1];
      // http_* come from the kit's histogram; process_* and nodejs_* from collectDefaultMetrics.
      if (metric?.startsWith('http_')) expect(kit).toContain(`'${metric}'`);
      else expect(kit).toContain('collectDefaultMetrics');
    }
  });
});

describe("docker-compose.yml's cluster profile (one host, many replicas)", () => {
  const CLUSTER_GATEWAYS = ['cluster-gateway-1', 'cluster-gateway-2'];
  const portOf = (name: string) => environment(name).get('PORT');

  it('adds a second replica of each service (a YAML merge, not extends), two gateways and nginx, all in the profile', () => {
    for (const name of SERVICES) {
      // Compose v1.29 refuses `extends` on a service with depends_on: the replica is a merge.
      expect(service(`${name}-2`).extends).toBeUndefined();
      expect(service(`${name}-2`)).toMatchObject({
        image: service(name).image,
        depends_on: service(name).depends_on,
        profiles: ['cluster'],
      });
      for (const [key, value] of environment(name))
        if (key !== 'SEED_DEFAULT_PLANS')
          expect([key, environment(`${name}-2`).get(key)]).toEqual([key, value]);
    }
    for (const name of [...CLUSTER_GATEWAYS, 'lb'])
      expect([name, service(name).profiles]).toEqual([name, ['cluster']]);
    // The default profile is unchanged: the base services carry no profile.
    for (const name of [...APPS, 'mysql', 'rabbitmq', 'redis'])
      expect([name, service(name).profiles]).toEqual([name, undefined]);
    // One replica seeds billing's plans; the second never does.
    expect(environment('billing-2').get('SEED_DEFAULT_PLANS')).toBe('false');
  });

  it("gives the cluster gateways the gateway's variables, each service reached through nginx", () => {
    const schema = schemas.get('GatewayEnv') ?? new Map();
    for (const name of CLUSTER_GATEWAYS) {
      expect([name, environmentProblems(schema, environment(name), [], shared)]).toEqual([
        name,
        [],
      ]);
      expect(service(name).image).toBe(service('gateway').image);
      expect(service(name).ports).toBeUndefined();
      for (const upstream of SERVICES)
        expect(environment(name).get(`${upstream.toUpperCase()}_URL`)).toBe(
          `http://lb:${portOf(upstream) ?? ''}`,
        );
      expect(environment(name).get('TRUSTED_PROXY_HOPS')).toBe('1');
      expect(environment(name).get('WS_TICKET_SECRET')).toBe(
        environment('gateway').get('WS_TICKET_SECRET'),
      );
    }
  });

  it('runs nginx on the configuration npm run start:cluster generates, naming only real replicas', () => {
    const conf = read('infra/nginx/cluster.conf');
    expect(conf).toBe(composeLoadBalancerConfig());
    expect(service('lb').volumes).toEqual([
      './infra/nginx/cluster.conf:/etc/nginx/conf.d/default.conf:ro',
    ]);
    expect(service('lb').ports).toEqual(['127.0.0.1:${CLUSTER_HOST_PORT:-8090}:8080']);
    const servers = [...conf.matchAll(/^\s+server ([\w-]+):(\d+) /gm)].map(([, host, port]) => {
      // A replica runs its base service's image and environment, so its port.
      const base = (host ?? '').replace(/-2$/, '');
      return [host, port === portOf(SERVICES.includes(base) ? base : (host ?? ''))];
    });
    expect(servers).toEqual(
      [...CLUSTER_GATEWAYS, ...SERVICES.flatMap((n) => [n, `${n}-2`])]
        .sort((a, b) => conf.indexOf(` ${a}:`) - conf.indexOf(` ${b}:`))
        .map((host) => [host, true]),
    );
    expect(conf.match(/least_conn;/g)).toHaveLength(1 + SERVICES.length);
    expect(conf).toContain('proxy_next_upstream error timeout http_502 http_503 http_504;');
    expect(conf).toContain('proxy_set_header Connection $connection_upgrade;');
  });
});
