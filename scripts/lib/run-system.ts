// npm start and npm run start:cluster: the whole system on this machine, built, provisioned,
// migrated and ready; with replicas > 1, that many of every process behind a local nginx.
import { fileURLToPath } from 'node:url';
import { readStartConfig, type StartConfig } from './config.js';
import { devSecretGenerators, DEV_SECRETS_FILE } from './dev-secrets.js';
import { ensureComposeEnv, RABBITMQ_ADMIN_USER } from './compose-env.js';
import { composeUp, dockerAvailable, findUnreachable, missingMessage } from './infra.js';
import { bold, red } from './output.js';
import { runQuietly } from './run-command.js';
import { ensureDevSecrets } from './secrets.js';
import { envFor, instanceOf, PROCESSES, secretOf, type ProcessSpec } from './services.js';
import { Supervisor } from './supervisor.js';
import { waitUntilReady } from './readiness.js';
import { clusterPlan, findNginx, type ClusterPlan } from './cluster-plan.js';
import { migrateDatabases, provisionBroker, provisionDatabases } from '../provision.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Seed steps, run in order once every process is ready (schemas are migrated by then), each in its
 * process's folder with that process's environment. Adding one is one line:
 * `{ process: 'catalog', args: ['dist/seed.js'] },`
 */
const SEEDS: { process: (typeof PROCESSES)[number]['name']; args: string[] }[] = [];

const step = (text: string, config: StartConfig): void => {
  process.stdout.write(`${bold('›', config.color)} ${text}\n`);
};

/** Makes sure MySQL, RabbitMQ and Redis answer; falls back to docker compose; returns the URLs to use. */
async function ensureInfra(
  config: StartConfig,
  secrets: Record<string, string>,
): Promise<StartConfig> {
  const failed = await findUnreachable(config);
  if (failed.size === 0) return config;
  if (!dockerAvailable()) throw new Error(missingMessage(failed));
  const missing = [...failed.keys()];
  step(
    `not reachable: ${missing.join(', ')}; docker compose up -d --wait ${missing.join(' ')}`,
    config,
  );
  // Compose requires its secrets from .env (and RabbitMQ's users from their definitions).
  ensureComposeEnv(ROOT, secrets);
  composeUp(ROOT, missing);
  // The compose MySQL has a root password, and MySQL 8.4's caching_sha2_password needs the key
  // exchange over plain TCP; the services' URLs inherit the flag. An explicit MYSQL_ADMIN_URL is kept.
  const mysqlAdminUrl =
    failed.has('mysql') && config.mysqlAdminUrlDefaulted
      ? `mysql://root:${encodeURIComponent(config.mysqlRootPassword)}@127.0.0.1:3306?allowPublicKeyRetrieval=true`
      : config.mysqlAdminUrl;
  // Compose's RabbitMQ has no guest: its admin (from the definitions) provisions and probes it.
  const amqpUrl =
    failed.has('rabbitmq') && config.amqpUrlDefaulted
      ? `amqp://${RABBITMQ_ADMIN_USER}:${encodeURIComponent(secretOf(secrets, 'RABBITMQ_ADMIN_PASSWORD'))}@127.0.0.1:5672`
      : config.amqpUrl;
  const rabbitmqctl = failed.has('rabbitmq')
    ? ['docker', 'compose', 'exec', '-T', 'rabbitmq', 'rabbitmqctl']
    : config.rabbitmqctl;
  const next = { ...config, mysqlAdminUrl, amqpUrl, rabbitmqctl };
  const stillFailed = await findUnreachable(next);
  if (stillFailed.size > 0) throw new Error(missingMessage(stillFailed));
  return next;
}

/** Runs the system until Ctrl-C (or a process dies); resolves to the exit code. */
export async function runSystem(opts: { replicas: number }): Promise<number> {
  const started = Date.now();
  let config = readStartConfig(ROOT);
  // Before the build: a missing nginx is known at once, not a minute later.
  if (opts.replicas > 1) findNginx();
  // Twice the processes on the same cores take longer to come up.
  const readyTimeoutMs = READY_TIMEOUT_MS * Math.min(opts.replicas, 3);

  const secrets = ensureDevSecrets(`${ROOT}/${DEV_SECRETS_FILE}`, devSecretGenerators());
  if (secrets.created.length > 0)
    step(`created ${secrets.created.length} dev secrets in ${DEV_SECRETS_FILE}`, config);

  step('checking MySQL/MariaDB, RabbitMQ and Redis', config);
  config = await ensureInfra(config, secrets.values);

  // Processes run from source (tsx): a fresh clone needs only the Prisma clients, not a full tsc
  // build (type checking is npm test's job; images run the build).
  step('generating Prisma clients (nx run-many -t generate)', config);
  await runQuietly('npx', ['nx', 'run-many', '-t', 'generate', '--outputStyle=static'], {
    cwd: ROOT,
  });

  step('provisioning schemas, database users and RabbitMQ users; migrating', config);
  await provisionDatabases(config.mysqlAdminUrl, secrets.values);
  // As each schema's migrator: the services' own users have no DDL rights.
  await migrateDatabases(config.mysqlAdminUrl, secrets.values);
  await provisionBroker(config.amqpUrl, secrets.values, config.rabbitmqctl);

  const stop = new AbortController();
  let exitCode = 0;
  const requestStop = (code: number): void => {
    if (stop.signal.aborted) return;
    exitCode = code;
    stop.abort();
  };
  const supervisor = new Supervisor({
    rootDir: ROOT,
    color: config.color,
    onUnexpectedExit: (name, code, signal) => {
      process.stderr.write(
        red(
          `${name} exited unexpectedly (${signal ?? `code ${code}`}): stopping the others\n`,
          config.color,
        ),
      );
      requestStop(1);
    },
  });
  // A second Ctrl-C while the processes shut down means "now": SIGKILL them.
  const onSignal = (): void => (stop.signal.aborted ? supervisor.killAll() : requestStop(0));
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // The shell's variables win over .env; the per-process ones (PORT, DATABASE_URL …) win over both.
  const childEnv = (spec: ProcessSpec): NodeJS.ProcessEnv => ({
    ...config.fromDotenv,
    ...process.env,
    ...envFor(spec, config, secrets.values),
  });
  const plan: ClusterPlan | undefined =
    opts.replicas > 1
      ? await clusterPlan({ replicas: opts.replicas, host: config.host })
      : undefined;
  const running = plan ? plan.processes : PROCESSES;
  const envOf = (spec: ProcessSpec): NodeJS.ProcessEnv =>
    plan ? plan.envFor(spec, childEnv(spec)) : childEnv(spec);
  step(`starting ${running.map(instanceOf).join(', ')}`, config);
  for (const spec of running) supervisor.start(spec, envOf(spec));
  try {
    // Services first, then the gateways, then the load balancer: asked earlier, a gateway would
    // log "not ready" for each upstream.
    const deadline = Date.now() + readyTimeoutMs;
    const readyUrl = (spec: ProcessSpec) => ({
      name: instanceOf(spec),
      url: `http://127.0.0.1:${spec.port}${spec.readyPath}`,
    });
    const later = new Set<ProcessSpec['name']>(['gateway', 'load-balancer']);
    let notReady: string[] = [];
    for (const wave of [
      running.filter((spec) => !later.has(spec.name)),
      running.filter((spec) => spec.name === 'gateway'),
      running.filter((spec) => spec.name === 'load-balancer'),
    ]) {
      if (notReady.length > 0 || wave.length === 0) continue;
      notReady = await waitUntilReady(wave.map(readyUrl), {
        timeoutMs: deadline - Date.now(),
        signal: stop.signal,
      });
    }
    if (stop.signal.aborted) return exitCode;
    if (notReady.length > 0) {
      for (const name of notReady) {
        const lines = supervisor.lastLines(name).map((line) => `  ${line}`);
        process.stderr.write(
          red(
            `${name} is not ready after ${readyTimeoutMs / 1000} s; its last lines:\n`,
            config.color,
          ),
        );
        process.stderr.write(`${lines.join('\n')}\n`);
      }
      return 1;
    }
    for (const seed of SEEDS) {
      const spec = PROCESSES.find((candidate) => candidate.name === seed.process);
      if (!spec) throw new Error(`unknown seed process ${seed.process}`);
      step(`seeding ${seed.process}`, config);
      await runQuietly(process.execPath, seed.args, {
        cwd: `${ROOT}/${spec.dir}`,
        env: childEnv(spec),
      });
    }
    printBanner(config, Date.now() - started, running, plan);
    await untilAborted(stop.signal);
    return exitCode;
  } finally {
    step('stopping', config);
    await supervisor.stopAll(STOP_TIMEOUT_MS);
    await plan?.cleanUp();
  }
}

const untilAborted = (signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

function printBanner(
  config: StartConfig,
  elapsedMs: number,
  running: ProcessSpec[],
  plan: ClusterPlan | undefined,
): void {
  const rows = running.map((spec) =>
    spec.metricsPort === undefined
      ? `  ${instanceOf(spec).padEnd(15)} http://localhost:${spec.port}`
      : `  ${instanceOf(spec).padEnd(15)} http://localhost:${spec.port}   metrics: http://localhost:${spec.metricsPort}/metrics`,
  );
  const text = [
    '',
    bold(`Kavosh is up (${(elapsedMs / 1000).toFixed(1)} s).`, config.color),
    `  API gateway: ${bold('http://localhost:8080', config.color)}  (Swagger UI at /docs, merged OpenAPI at /openapi.json)`,
    ...(plan
      ? [
          `  nginx (least_conn) answers :8080 for the gateways and :3001-3004 for the services;`,
          `  its access lines (which replica served what): ${plan.accessLog}`,
        ]
      : []),
    '  every process: /health/live, /health/ready, /openapi.json; /metrics on its metrics port',
    ...rows,
    `  pay test checkouts at the payment sandbox (card 4242 4242 4242 4242; docs/billing.md)`,
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${text.join('\n')}\n`);
}
