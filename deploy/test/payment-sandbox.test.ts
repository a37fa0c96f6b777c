import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import type { IContainer, IEnvVar } from 'kubernetes-models/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type {
  INetworkPolicyPeer,
  INetworkPolicyPort,
} from 'kubernetes-models/networking.k8s.io/v1';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { devSecretGenerators, ensureComposeEnv } from './support/scripts.js';
import { isRecord, render, repoRoot, type RenderedObject } from './support/kustomize.js';
import {
  PAYMENT_SANDBOX,
  environmentProblems,
  parseEnvReader,
  readSandboxSchema,
} from './support/env-schema.js';
import { environmentOf, pick, selects, workloadsOf, type Workload } from './support/workloads.js';

// Billing's payment provider in each place it runs: the local Stripe emulator
// (infra/payment-sandbox) in compose and the dev overlay, Stripe itself in prod.

const read = (file: string): string => readFileSync(join(repoRoot, file), 'utf8');
const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

// npm start's wiring (scripts/lib/services.ts): the path the sandbox posts its webhooks to.
const WEBHOOK_PATH = new URL(
  /SANDBOX_WEBHOOK_URL = '([^']+)'/.exec(read('scripts/lib/services.ts'))?.[1] ?? 'http://x/none',
).pathname;

// The production minimum billing's readConfig demands of each Stripe secret.
const productionMinimum = (variable: string): number =>
  Number(
    new RegExp(`variable: '${variable}',[^}]*minLength: (\\d+)`).exec(
      read('services/billing/src/config.ts'),
    )?.[1],
  );

describe('the sandbox env reader parser', () => {
  const schema = parseEnvReader(
    [
      "const host = env.HOST || '127.0.0.1';",
      "const port = positiveInteger('PORT', env.PORT, 12111);",
      'const url = env.HOOK_URL || undefined;',
    ].join('\n'),
  );

  it('finds each variable with its fallback', () => {
    expect([...schema.values()]).toEqual([
      { name: 'HOST', required: false, defaultText: "'127.0.0.1'" },
      { name: 'PORT', required: false, defaultText: '12111' },
      { name: 'HOOK_URL', required: false, defaultText: undefined },
    ]);
  });

  it('reports a loopback HOST left to its fallback and a variable the reader ignores', () => {
    expect(environmentProblems(schema, new Map([['HOOK_ULR', 'x']]))).toEqual([
      'HOST keeps its loopback default',
      'HOOK_ULR is not read by the process',
    ]);
  });

  it('reads the real sandbox config, with what a deployment must set marked required', () => {
    const sandbox = readSandboxSchema();
    expect(sandbox.get('PORT')?.defaultText).toBe('12111');
    expect([...sandbox.values()].filter((v) => v.required).map((v) => v.name)).toEqual(
      expect.arrayContaining([
        'SANDBOX_PUBLIC_URL',
        'SANDBOX_API_KEY',
        'SANDBOX_WEBHOOK_URL',
        'SANDBOX_WEBHOOK_SECRET',
      ]),
    );
  });
});

describe('docker-compose.yml: billing and the payment sandbox', () => {
  const compose: unknown = parse(read('docker-compose.yml'), { merge: true });
  const services = record(record(compose).services);
  const environment = (name: string) =>
    Object.fromEntries(
      Object.entries(record(record(services[name]).environment)).map(([k, v]) => [k, String(v)]),
    );
  const sandbox = environment(PAYMENT_SANDBOX);
  const billing = environment('billing');
  /** The `.env` variable a `${VAR:?…}` value requires; undefined for anything else. */
  const required = (value: string | undefined) => /^\$\{(\w+):\?[^}]+\}$/.exec(value ?? '')?.[1];

  it('gives the sandbox the key and signing secret billing uses, from .env with no default', () => {
    expect(required(sandbox.SANDBOX_API_KEY)).toBe('PAYMENT_SECRET_KEY');
    expect(required(billing.STRIPE_SECRET_KEY)).toBe('PAYMENT_SECRET_KEY');
    expect(required(sandbox.SANDBOX_WEBHOOK_SECRET)).toBe('PAYMENT_WEBHOOK_SECRET');
    expect(required(billing.STRIPE_WEBHOOK_SECRET)).toBe('PAYMENT_WEBHOOK_SECRET');
  });

  it('points billing at the sandbox container, over http on its port', () => {
    expect(services[PAYMENT_SANDBOX]).toBeDefined();
    expect(billing.STRIPE_HOST).toBe(PAYMENT_SANDBOX);
    expect(billing.STRIPE_PORT).toBe(sandbox.PORT);
    expect(billing.STRIPE_PROTOCOL).toBe('http');
  });

  it('sends the webhooks through the gateway container, to billing, as npm start does', () => {
    const url = new URL(sandbox.SANDBOX_WEBHOOK_URL ?? '');
    expect([url.hostname, url.port, url.pathname]).toEqual([
      'gateway',
      environment('gateway').PORT,
      WEBHOOK_PATH,
    ]);
    expect(WEBHOOK_PATH).toBe('/api/billing/webhooks/provider');
  });

  it('hands out checkout URLs on the port it publishes, and sends the buyer back to the gateway', () => {
    const publicUrl = new URL(sandbox.SANDBOX_PUBLIC_URL ?? '');
    expect(record(services[PAYMENT_SANDBOX]).ports).toEqual([
      `127.0.0.1:\${PAYMENT_SANDBOX_HOST_PORT:-${publicUrl.port}}:${sandbox.PORT}`,
    ]);
    for (const url of [billing.CHECKOUT_SUCCESS_URL, billing.CHECKOUT_CANCEL_URL])
      expect(new URL(url ?? '').origin).toBe('http://localhost:8080');
    expect(record(services.gateway).ports).toEqual(['127.0.0.1:${GATEWAY_HOST_PORT:-8080}:8080']);
  });

  it('runs the sandbox like the other app containers: read-only, no capabilities', () => {
    const container = record(services[PAYMENT_SANDBOX]);
    expect(container.read_only).toBe(true);
    expect(container.cap_drop).toEqual(['ALL']);
    expect(container.security_opt).toEqual(['no-new-privileges:true']);
  });
});

describe('npm run compose:env: the payment secrets', () => {
  it('generates a Stripe-shaped key and signing secret that billing accepts in production, and keeps them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kavosh-compose-env-'));
    try {
      const secrets = Object.fromEntries(
        Object.entries(devSecretGenerators()).map(([name, generate]) => [name, generate()]),
      );
      const { added } = ensureComposeEnv(dir, secrets);
      expect(added).toEqual(
        expect.arrayContaining(['PAYMENT_SECRET_KEY', 'PAYMENT_WEBHOOK_SECRET']),
      );
      const first = parseEnv(readFileSync(join(dir, '.env'), 'utf8'));
      const key = first.PAYMENT_SECRET_KEY ?? '';
      const webhookSecret = first.PAYMENT_WEBHOOK_SECRET ?? '';
      expect(key).toMatch(/^sk_test_[\w-]{32}$/);
      // The sandbox refuses a signing secret without Stripe's whsec_ prefix.
      expect(webhookSecret).toMatch(/^whsec_[\w-]{32}$/);
      expect(key.length).toBeGreaterThanOrEqual(productionMinimum('STRIPE_SECRET_KEY'));
      expect(webhookSecret.length).toBeGreaterThanOrEqual(
        productionMinimum('STRIPE_WEBHOOK_SECRET'),
      );
      expect(productionMinimum('STRIPE_SECRET_KEY')).toBeGreaterThan(0);
      // The webhook secret is npm start's, so both runs sign and verify alike.
      expect(webhookSecret).toBe(secrets.PAYMENT_WEBHOOK_SECRET);

      const again = ensureComposeEnv(dir, secrets);
      expect(again.added).toEqual([]);
      expect(parseEnv(readFileSync(join(dir, '.env'), 'utf8'))).toEqual(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const containerOf = (w: Workload | undefined, name: string): IContainer => {
  const container = w?.pod.containers.find((c) => c.name === name);
  if (!container) throw new Error(`no ${name} container`);
  return container;
};

const secretRef = (container: IContainer, variable: string) =>
  container.env?.find((e: IEnvVar) => e.name === variable)?.valueFrom?.secretKeyRef;

const configOf = (objects: RenderedObject[], name: string): Record<string, string> =>
  pick(objects, ConfigMap.is).find((c) => c.metadata?.name === name)?.data ?? {};

const portMatches = (ports: INetworkPolicyPort[] | undefined, port: number): boolean =>
  ports === undefined || ports.some((p) => p.port === undefined || p.port === port);

// A peer of the same namespace: a podSelector alone (a namespaceSelector names another one).
const peerSelects = (peer: INetworkPolicyPeer, labels: Record<string, string>): boolean =>
  peer.namespaceSelector === undefined &&
  peer.podSelector !== undefined &&
  selects(peer.podSelector, labels);

/**
 * Whether the policies let `from` open a connection to `to` on `port`: an egress rule of a policy
 * selecting `from` and an ingress rule of one selecting `to` must both allow it (default deny).
 */
function allows(objects: RenderedObject[], from: Workload, to: Workload, port: number): boolean {
  const policies = pick(objects, NetworkPolicy.is);
  const egress = policies
    .filter((p) => selects(p.spec?.podSelector, from.labels))
    .some((p) =>
      (p.spec?.egress ?? []).some(
        (rule) =>
          portMatches(rule.ports, port) &&
          (rule.to === undefined || rule.to.some((peer) => peerSelects(peer, to.labels))),
      ),
    );
  const ingress = policies
    .filter((p) => selects(p.spec?.podSelector, to.labels))
    .some((p) =>
      (p.spec?.ingress ?? []).some(
        (rule) =>
          portMatches(rule.ports, port) &&
          (rule.from ?? []).some((peer) => peerSelects(peer, from.labels)),
      ),
    );
  return egress && ingress;
}

describe('overlay dev: billing pays through the payment sandbox', () => {
  const objects = () => render('dev');
  const workload = (name: string) => {
    const found = workloadsOf(objects()).find((w) => w.name === name);
    if (!found) throw new Error(`no ${name} workload`);
    return found;
  };
  const sandbox = () => workload(PAYMENT_SANDBOX);
  const sandboxContainer = () => containerOf(sandbox(), PAYMENT_SANDBOX);
  const sandboxEnv = () => environmentOf(sandboxContainer(), objects());
  const service = (name: string) => {
    const found = pick(objects(), Service.is).find((s) => s.metadata?.name === name);
    if (!found) throw new Error(`no ${name} Service`);
    return found;
  };
  const ingressHost = (backend: string) =>
    pick(objects(), Ingress.is)
      .flatMap((i) => i.spec?.rules ?? [])
      .find((r) => r.http?.paths.some((p) => p.backend.service?.name === backend))?.host;

  it('runs one sandbox, replaced rather than rolled (its state is in memory)', () => {
    expect(sandbox().kind).toBe('Deployment');
    expect(sandbox().replicas).toBe(1);
    const deployment = objects().find(
      (o) => o.kind === 'Deployment' && o.metadata.name === PAYMENT_SANDBOX,
    );
    expect(record(record(deployment?.spec).strategy).type).toBe('Recreate');
  });

  it('runs the image compose builds, non-root, read-only, without a token, probed on /healthz', () => {
    const compose = record(parse(read('docker-compose.yml'), { merge: true }));
    expect(sandboxContainer().image).toBe(record(record(compose.services)[PAYMENT_SANDBOX]).image);
    const ctx = sandboxContainer().securityContext;
    expect(ctx?.readOnlyRootFilesystem).toBe(true);
    expect(ctx?.runAsNonRoot ?? sandbox().pod.securityContext?.runAsNonRoot).toBe(true);
    expect(sandbox().pod.automountServiceAccountToken).toBe(false);
    expect(sandbox().pod.serviceAccountName).toBe(PAYMENT_SANDBOX);
    const c = sandboxContainer();
    expect([c.startupProbe, c.livenessProbe, c.readinessProbe].map((p) => p?.httpGet)).toEqual(
      Array(3).fill({ path: '/healthz', port: 'http' }),
    );
  });

  it('gives the sandbox what a deployment must set, and nothing its reader does not read', () => {
    expect(environmentProblems(readSandboxSchema(), sandboxEnv())).toEqual([]);
    const port = Number(sandboxEnv().get('PORT'));
    expect(sandboxContainer().ports?.find((p) => p.name === 'http')?.containerPort).toBe(port);
    expect(service(PAYMENT_SANDBOX).spec?.ports?.[0]?.port).toBe(port);
  });

  it('shares billing-secrets with billing: the same key and signing secret, never a literal', () => {
    const billing = containerOf(workload('billing'), 'billing');
    expect(secretRef(sandboxContainer(), 'SANDBOX_API_KEY')).toEqual(
      secretRef(billing, 'STRIPE_SECRET_KEY'),
    );
    expect(secretRef(sandboxContainer(), 'SANDBOX_WEBHOOK_SECRET')).toEqual(
      secretRef(billing, 'STRIPE_WEBHOOK_SECRET'),
    );
    expect(secretRef(billing, 'STRIPE_SECRET_KEY')).toEqual({
      name: 'billing-secrets',
      key: 'STRIPE_SECRET_KEY',
    });
  });

  it('points billing at the sandbox Service over http, and the buyer back to the dev host', () => {
    const config = configOf(objects(), 'billing-config');
    expect([config.STRIPE_HOST, config.STRIPE_PORT, config.STRIPE_PROTOCOL]).toEqual([
      service(PAYMENT_SANDBOX).metadata?.name,
      String(service(PAYMENT_SANDBOX).spec?.ports?.[0]?.port),
      'http',
    ]);
    for (const url of [config.CHECKOUT_SUCCESS_URL, config.CHECKOUT_CANCEL_URL])
      expect(new URL(url ?? '').host).toBe(ingressHost('gateway'));
  });

  it('hands out checkout URLs on its own Ingress host, and posts webhooks to the gateway Service', () => {
    expect(ingressHost(PAYMENT_SANDBOX)).toBe('pay.kavosh.localhost');
    expect(new URL(sandboxEnv().get('SANDBOX_PUBLIC_URL') ?? '').host).toBe(
      ingressHost(PAYMENT_SANDBOX),
    );
    const webhook = new URL(sandboxEnv().get('SANDBOX_WEBHOOK_URL') ?? '');
    expect([webhook.hostname, Number(webhook.port), webhook.pathname]).toEqual([
      service('gateway').metadata?.name,
      service('gateway').spec?.ports?.find((p) => p.name === 'http')?.port,
      WEBHOOK_PATH,
    ]);
  });

  it('lets billing call the sandbox and the sandbox call the gateway, and nothing more', () => {
    const port = Number(sandboxEnv().get('PORT'));
    const [billing, gateway, auth, mysql] = ['billing', 'gateway', 'auth', 'mysql'].map(workload);
    if (!billing || !gateway || !auth || !mysql) throw new Error('workloads missing');
    expect(allows(objects(), billing, sandbox(), port)).toBe(true);
    expect(allows(objects(), sandbox(), gateway, 8080)).toBe(true);
    // The sandbox reaches billing only through the gateway, and no data store at all.
    expect(allows(objects(), sandbox(), billing, 3003)).toBe(false);
    expect(allows(objects(), sandbox(), mysql, 3306)).toBe(false);
    expect(allows(objects(), auth, sandbox(), port)).toBe(false);
    // The browser's checkout page comes through the ingress controller, on the http port only.
    const fromController = pick(objects(), NetworkPolicy.is)
      .filter((p) => selects(p.spec?.podSelector, sandbox().labels))
      .flatMap((p) => p.spec?.ingress ?? [])
      .filter((rule) =>
        (rule.from ?? []).some(
          (peer) =>
            peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ===
            'ingress-nginx',
        ),
      );
    expect(fromController.map((rule) => rule.ports?.map((p) => p.port))).toEqual([[port]]);
  });
});

describe('overlay prod: billing pays through Stripe', () => {
  const objects = () => render('prod');

  it('runs no payment sandbox and names it nowhere', () => {
    const text = JSON.stringify(objects());
    expect(text).not.toContain('sandbox');
    expect(text).not.toContain(':12111');
  });

  it('talks https to api.stripe.com, and sends the buyer back to the public host', () => {
    const config = configOf(objects(), 'billing-config');
    expect([config.STRIPE_HOST, config.STRIPE_PORT, config.STRIPE_PROTOCOL]).toEqual([
      'api.stripe.com',
      '443',
      'https',
    ]);
    const tlsHosts = pick(objects(), Ingress.is).flatMap((i) =>
      (i.spec?.tls ?? []).flatMap((t) => t.hosts ?? []),
    );
    for (const url of [config.CHECKOUT_SUCCESS_URL, config.CHECKOUT_CANCEL_URL]) {
      const parsed = new URL(url ?? '');
      expect(parsed.protocol).toBe('https:');
      expect(tlsHosts).toContain(parsed.host);
    }
  });

  it('reads both Stripe secrets from billing-secrets only: required, never a ConfigMap value', () => {
    const billing = containerOf(
      workloadsOf(objects()).find((w) => w.name === 'billing'),
      'billing',
    );
    for (const variable of ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET']) {
      const entry = billing.env?.find((e) => e.name === variable);
      expect(entry?.value).toBeUndefined();
      expect(entry?.valueFrom?.secretKeyRef).toEqual({ name: 'billing-secrets', key: variable });
      expect(configOf(objects(), 'billing-config')[variable]).toBeUndefined();
    }
  });

  it('lets billing out to port 443 anywhere (Stripe is outside the cluster)', () => {
    const billingLabels = { 'app.kubernetes.io/name': 'billing' };
    const rules = pick(objects(), NetworkPolicy.is)
      .filter((p) => selects(p.spec?.podSelector, billingLabels))
      .flatMap((p) => p.spec?.egress ?? []);
    expect(
      rules.some((rule) => rule.to === undefined && (rule.ports ?? []).some((p) => p.port === 443)),
    ).toBe(true);
  });
});
