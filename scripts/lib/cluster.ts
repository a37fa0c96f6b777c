// One host, many replicas (npm run start:cluster, compose's "cluster" profile, e2e/test/cluster.test.ts):
// the nginx configuration that spreads the public port over the gateway replicas and each service's
// port over that service's replicas. The gateways keep their usual AUTH_URL … pointing at one
// address per service, which nginx answers: a gateway knows nothing of replicas, and a replica
// added or stopped is nginx's business alone (as a Kubernetes Service is in k8s/).

/** One replica behind a listener: its name (for people) and its address (host:port). */
export interface Backend {
  instance: string;
  address: string;
}

/** One address nginx listens on, and the replicas it spreads requests over. */
export interface Listener {
  /** The upstream's name: `gateway`, `auth` …; also the `listener` field of each access line. */
  name: string;
  /** nginx's `listen` value: `127.0.0.1:8080`, or `8080` in a container. */
  listen: string;
  backends: Backend[];
  /** Path of the WebSocket route on this listener: its proxy waits an hour for data, not a minute. */
  websocketPath?: string;
}

export interface LoadBalancerOptions {
  listeners: Listener[];
  /** Where the JSON access lines go (a file, or /dev/stdout in a container). */
  accessLog: string;
  /** Largest request body nginx passes on: the gateway's upload limit (6 MiB) plus headroom. */
  clientMaxBodySize?: string;
}

/**
 * No passive health check: nginx OSS counts as a replica's failure every answer it retries on
 * (502/503/504), and those mostly speak for something behind the replica (a gateway's 502 for a
 * service, a service's 503 DATABASE_BUSY for the shared database). Counting them took both
 * gateways out for fail_timeout at once, and with them every route (seen on a loaded CI run).
 * Each request still goes to the next replica on a refused connection or a 502/503/504; a stopped
 * replica costs one refused connect per request that picks it.
 */
export const MAX_FAILS = 0;

/** One access line, as `log_format kavosh_lb` writes it (parseAccessLine reads it back). */
export interface AccessLine {
  time: string;
  listener: string;
  method: string;
  uri: string;
  status: number;
  /** Every replica tried, in order (`a, b` after a retry); empty when nginx answered itself. */
  upstreams: string[];
  upstreamStatus: string;
}

const LOG_FORMAT = [
  '"time":"$time_iso8601"',
  '"listener":"$kavosh_listener"',
  '"method":"$request_method"',
  '"uri":"$request_uri"',
  '"status":"$status"',
  '"upstream":"$upstream_addr"',
  '"upstream_status":"$upstream_status"',
  '"request_time":"$request_time"',
].join(',');

/**
 * The content of nginx's `http {}` block for the cluster: upstreams with least_conn and
 * keep-alive pools, one server per listener, WebSocket upgrade, retries of
 * idempotent requests on another replica, and JSON access lines naming the replica that answered.
 */
export function loadBalancerHttpBlock(opts: LoadBalancerOptions): string {
  const lines: string[] = [
    `log_format kavosh_lb escape=json '{${LOG_FORMAT}}';`,
    `access_log ${opts.accessLog} kavosh_lb;`,
    // An upgrade asks for one; every other request gets an empty Connection header, which keeps
    // the upstream connection in its keep-alive pool.
    'map $http_upgrade $connection_upgrade {',
    '  default upgrade;',
    "  '' '';",
    '}',
    `client_max_body_size ${opts.clientMaxBodySize ?? '8m'};`,
    // The replicas (Node, keepAliveTimeout 72 s) keep idle connections longer than nginx: nginx
    // closes first, so it never writes a request on a socket the replica is closing.
    'keepalive_timeout 65s;',
    '',
  ];
  for (const listener of opts.listeners) {
    if (!/^[a-z][a-z0-9-]*$/.test(listener.name))
      throw new Error(`listener name ${listener.name} is not a plain name`);
    if (listener.backends.length === 0) throw new Error(`${listener.name} has no replica`);
    lines.push(`upstream ${listener.name} {`, '  least_conn;');
    for (const b of listener.backends)
      lines.push(`  server ${b.address} max_fails=${MAX_FAILS}; # ${b.instance}`);
    lines.push('  keepalive 32;', '  keepalive_timeout 30s;', '}', '');
  }
  for (const listener of opts.listeners) {
    lines.push(
      'server {',
      `  listen ${listener.listen};`,
      `  set $kavosh_listener ${listener.name};`,
      ...proxyDirectives('60s').map((l) => `  ${l}`),
      '  location / {',
      `    proxy_pass http://${listener.name};`,
      '  }',
    );
    if (listener.websocketPath !== undefined)
      lines.push(
        `  location = ${listener.websocketPath} {`,
        `    proxy_pass http://${listener.name};`,
        // A WebSocket is idle between frames; social pings its clients well within this.
        '    proxy_read_timeout 3600s;',
        '    proxy_send_timeout 3600s;',
        '  }',
      );
    lines.push('}', '');
  }
  return lines.join('\n');
}

function proxyDirectives(readTimeout: string): string[] {
  return [
    'proxy_http_version 1.1;',
    'proxy_set_header Upgrade $http_upgrade;',
    'proxy_set_header Connection $connection_upgrade;',
    'proxy_set_header Host $host;',
    // The gateway (TRUSTED_PROXY_HOPS=1) takes the client's address from here, not nginx's.
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    // A replica refusing connections (stopped), failing one (crashed) or answering 502/503/504
    // (503: shutting down) is skipped: the request goes to the next one. nginx never retries a
    // POST, PATCH or LOCK it has already sent (no non_idempotent): a client retries those with
    // an Idempotency-Key.
    'proxy_next_upstream error timeout http_502 http_503 http_504;',
    'proxy_next_upstream_tries 3;',
    'proxy_next_upstream_timeout 15s;',
    'proxy_connect_timeout 2s;',
    `proxy_read_timeout ${readTimeout};`,
    `proxy_send_timeout ${readTimeout};`,
    // Streams (invoices, media) pass through as they come rather than filling temp files.
    'proxy_buffering off;',
    'proxy_request_buffering on;',
  ];
}

/**
 * A whole nginx.conf for nginx run as a child with `-p <prefix>` (npm run start:cluster, the
 * e2e test): in the foreground, its pid, logs and temp files under `prefix`.
 */
export function loadBalancerMainConfig(
  opts: LoadBalancerOptions & { prefix: string; errorLog?: string },
): string {
  const temp = (kind: string) => `  ${kind}_temp_path ${opts.prefix}/${kind}_temp;`;
  const http = loadBalancerHttpBlock(opts)
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`));
  return [
    'daemon off;',
    // Two cores: one worker leaves the other to the replicas.
    'worker_processes 1;',
    `pid ${opts.prefix}/nginx.pid;`,
    `error_log ${opts.errorLog ?? `${opts.prefix}/error.log`} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp),
    ...http,
    '}',
    '',
  ].join('\n');
}

/** One access line back as an object, or undefined for a line that is not one. */
export function parseAccessLine(line: string): AccessLine | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const field = (name: string): string => {
    const value: unknown = Reflect.get(raw, name);
    return typeof value === 'string' ? value : '';
  };
  if (field('listener') === '') return undefined;
  return {
    time: field('time'),
    listener: field('listener'),
    method: field('method'),
    uri: field('uri'),
    status: Number(field('status')),
    upstreams: field('upstream')
      .split(/,\s*|\s+:\s+/)
      .map((s) => s.trim())
      .filter((s) => s !== '' && s !== '-'),
    upstreamStatus: field('upstream_status'),
  };
}

/** The port of replica `replica` (1-based) of a process whose single-instance port is `base`. */
export const replicaPort = (base: number, replica: number): number => base + 100 * replica;

/** The services behind the compose profile's nginx, each on its usual port. */
const COMPOSE_SERVICES = [
  ['auth', 3001],
  ['catalog', 3002],
  ['billing', 3003],
  ['social', 3004],
] as const;

/**
 * infra/nginx/cluster.conf: the same configuration for compose's `cluster` profile, where nginx
 * (`lb`) finds the replicas by their compose names: `cluster-gateway-1`/`-2`, and each service's
 * base container with its `-2` replica. deploy/test/compose.test.ts checks the file equals this.
 */
export function composeLoadBalancerConfig(): string {
  const listeners: Listener[] = [
    {
      name: 'gateway',
      listen: '8080',
      backends: [1, 2].map((i) => ({
        instance: `cluster-gateway-${i}`,
        address: `cluster-gateway-${i}:8080`,
      })),
      websocketPath: '/api/social/ws',
    },
    ...COMPOSE_SERVICES.map(([name, port]): Listener => ({
      name,
      listen: String(port),
      backends: [name, `${name}-2`].map((host) => ({
        instance: host,
        address: `${host}:${port}`,
      })),
      ...(name === 'social' ? { websocketPath: '/ws' } : {}),
    })),
  ];
  return [
    "# nginx in front of compose's `cluster` profile (docker compose --profile cluster up): :8080",
    '# spreads over the two cluster gateways, :3001-:3004 over each service and its -2 replica.',
    '# Generated from scripts/lib/cluster.ts (composeLoadBalancerConfig), the configuration',
    '# npm run start:cluster runs; deploy/test/compose.test.ts keeps the two equal.',
    '',
    loadBalancerHttpBlock({ listeners, accessLog: '/dev/stdout' }),
  ].join('\n');
}
