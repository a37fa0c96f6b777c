import { Type, type Static, type TObject, type TSchema } from 'typebox';
import { Value } from 'typebox/value';

const LogLevel = Type.Union(
  [
    Type.Literal('fatal'),
    Type.Literal('error'),
    Type.Literal('warn'),
    Type.Literal('info'),
    Type.Literal('debug'),
    Type.Literal('trace'),
    Type.Literal('silent'),
  ],
  { default: 'info' },
);

/** Environment every HTTP process reads: listen address, logging, limits and shutdown timing. */
export const HttpEnv = Type.Object({
  /** `production` (the Docker image's value) refuses development secrets: productionSecretProblems. */
  NODE_ENV: Type.String({ maxLength: 32, default: 'development' }),
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  LOG_LEVEL: LogLevel,
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1, default: 1_048_576 }),
  SHUTDOWN_TIMEOUT_MS: Type.Integer({ minimum: 0, default: 10_000 }),
  // How long readiness answers 503 before the server stops, so k8s can drop the endpoint first.
  SHUTDOWN_DRAIN_MS: Type.Integer({ minimum: 0, default: 0 }),
  // Set: /metrics is served only on HOST:METRICS_PORT, so a public PORT never exposes it.
  METRICS_PORT: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535 })),
});
export type HttpConfig = Static<typeof HttpEnv>;

const PUBLISHERS_ENTRY = ' *([a-z][a-z0-9_-]*|\\*)=[^\\s=,|]+(\\|[^\\s=,|]+)* *';

/** HttpEnv plus the database, broker and Redis every service connects to. */
export const CommonEnv = Type.Object({
  ...HttpEnv.properties,
  DATABASE_URL: Type.String({
    pattern: '^(mysql|mariadb)://.+',
    description: 'a mysql:// or mariadb:// URL',
  }),
  /**
   * The schema owner's URL, for MIGRATE_ON_START only: DATABASE_URL's user has data rights (no
   * DDL) wherever the schema is provisioned by npm run provision, compose or Kubernetes.
   */
  MIGRATION_DATABASE_URL: Type.Optional(
    Type.String({ pattern: '^(mysql|mariadb)://.+', description: 'a mysql:// or mariadb:// URL' }),
  ),
  AMQP_URL: Type.String({
    pattern: '^amqps?://.+',
    description: 'an amqp:// or amqps:// URL',
    default: 'amqp://guest:guest@127.0.0.1:5672',
  }),
  REDIS_URL: Type.String({
    pattern: '^rediss?://.+',
    description: 'a redis:// or rediss:// URL',
    default: 'redis://127.0.0.1:6379',
  }),
  /**
   * Which RabbitMQ users may publish each service's events (`billing=kavosh_billing,*=guest`);
   * unset: `kavosh_<service>` for every service (@kavosh/messaging's publishers).
   */
  EVENT_PUBLISHERS: Type.Optional(
    Type.String({
      maxLength: 2000,
      pattern: `^${PUBLISHERS_ENTRY}(,${PUBLISHERS_ENTRY})*$`,
      description: 'service=user[|user…] entries separated by commas (* for any other service)',
    }),
  ),
});
export type CommonConfig = Static<typeof CommonEnv>;

export interface ConfigProblem {
  variable: string;
  message: string;
}

/** A missing or malformed environment variable; the message names each one, never its value. */
export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Reads the variables of `schema` from `env`: applies defaults, converts strings to numbers and
 * booleans, and validates. Unset and empty variables count as missing. Throws ConfigError.
 */
export function loadConfig<T extends TObject>(
  schema: T,
  env: Record<string, string | undefined>,
): Static<T> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.properties)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const candidate = Value.Convert(schema, Value.Default(schema, raw));
  if (Value.Check(schema, candidate)) return candidate;
  throw new ConfigError(describeProblems(schema, candidate));
}

// Checks each variable on its own: Value.Errors caps how many errors it lists.
function describeProblems(schema: TObject, candidate: unknown): ConfigProblem[] {
  const required = new Set(schema.required ?? []);
  const problems: ConfigProblem[] = [];
  for (const [variable, propertySchema] of Object.entries(schema.properties)) {
    const value: unknown =
      typeof candidate === 'object' && candidate !== null
        ? Reflect.get(candidate, variable)
        : undefined;
    if (value === undefined) {
      if (required.has(variable)) problems.push({ variable, message: 'is required' });
    } else if (!Value.Check(propertySchema, value)) {
      problems.push({ variable, message: expectation(propertySchema) });
    }
  }
  return problems;
}

// Says what a valid value looks like, from the schema only: the rejected value may be a secret.
function expectation(schema: TSchema): string {
  const literals = literalValues(schema);
  if (literals) return `must be one of ${literals.join(', ')}`;
  const s: Record<string, unknown> = { ...schema };
  const range = [
    typeof s.minimum === 'number' ? `>= ${s.minimum}` : undefined,
    typeof s.maximum === 'number' ? `<= ${s.maximum}` : undefined,
  ].filter(Boolean);
  switch (s.type) {
    case 'integer':
      return `must be an integer${range.length ? ` ${range.join(' and ')}` : ''}`;
    case 'number':
      return `must be a number${range.length ? ` ${range.join(' and ')}` : ''}`;
    case 'boolean':
      return 'must be true or false';
    case 'string': {
      if (typeof s.description === 'string') return `must be ${s.description}`;
      if (typeof s.pattern === 'string') return `must match ${s.pattern}`;
      if (typeof s.minLength === 'number') return `must be at least ${s.minLength} characters long`;
      return 'is invalid';
    }
    default:
      return 'is invalid';
  }
}

function literalValues(schema: TSchema): string[] | undefined {
  const anyOf: unknown = Reflect.get(schema, 'anyOf');
  if (!Array.isArray(anyOf)) return undefined;
  const values = anyOf.map((member: unknown) =>
    typeof member === 'object' && member !== null ? Reflect.get(member, 'const') : undefined,
  );
  return values.every((v) => typeof v === 'string') ? values.map(String) : undefined;
}

// The values the repository ships or once shipped for development (compose's old defaults,
// .env.example): `kavosh-dev-…` passwords, `…-change-me` secrets, RabbitMQ's guest. Anyone can read them.
const DEVELOPMENT_SECRET = /^kavosh-dev-|change-?me|^guest$/i;
/** Shortest secret accepted in production (characters), unless a rule asks for more. */
export const PRODUCTION_SECRET_MIN_LENGTH = 16;

/** One secret a process checks in production: a value, or a URL whose password is the secret. */
export interface SecretRule {
  variable: string;
  /** Unset (an optional secret that is not configured) is not judged. */
  value: string | undefined;
  /** The value is a URL (DATABASE_URL, AMQP_URL …): its password is judged. */
  url?: boolean;
  minLength?: number;
}

/** The password of a URL, decoded; '' when it has none or does not parse. */
export function urlPassword(url: string): string {
  const raw = URL.canParse(url) ? new URL(url).password : '';
  try {
    return decodeURIComponent(raw);
  } catch {
    // Not valid %-encoding: the driver takes it as written, and so is it judged.
    return raw;
  }
}

/** Why a value is not a production secret (a shipped development value, too short), or undefined. */
export function secretProblem(
  value: string,
  minLength = PRODUCTION_SECRET_MIN_LENGTH,
): string | undefined {
  if (DEVELOPMENT_SECRET.test(value)) return 'is a development value (kavosh-dev-…, …change-me)';
  if ([...value].length < minLength) return `is shorter than ${minLength} characters`;
  return undefined;
}

/**
 * With NODE_ENV=production, a problem for each secret that is a known development value or shorter
 * than its minimum (a URL without a password counts as empty); none otherwise. Messages name the
 * variable, never the value.
 */
export function productionSecretProblems(
  nodeEnv: string | undefined,
  rules: readonly SecretRule[],
): ConfigProblem[] {
  if (nodeEnv !== 'production') return [];
  const problems: ConfigProblem[] = [];
  for (const rule of rules) {
    if (rule.value === undefined) continue;
    const problem = secretProblem(rule.url ? urlPassword(rule.value) : rule.value, rule.minLength);
    if (problem !== undefined)
      problems.push({
        variable: rule.variable,
        message: `${rule.url ? 'password ' : ''}${problem} (NODE_ENV=production)`,
      });
  }
  return problems;
}

/** The secrets of CommonEnv: the passwords in DATABASE_URL, MIGRATION_DATABASE_URL and AMQP_URL. */
export const commonSecretRules = (config: CommonConfig): SecretRule[] => [
  { variable: 'DATABASE_URL', value: config.DATABASE_URL, url: true },
  { variable: 'MIGRATION_DATABASE_URL', value: config.MIGRATION_DATABASE_URL, url: true },
  { variable: 'AMQP_URL', value: config.AMQP_URL, url: true },
];

/** Throws ConfigError listing productionSecretProblems (and any other problems given), if any. */
export function assertProductionSecrets(
  config: { NODE_ENV: string },
  rules: readonly SecretRule[],
  otherProblems: readonly ConfigProblem[] = [],
): void {
  const problems = [...otherProblems, ...productionSecretProblems(config.NODE_ENV, rules)];
  if (problems.length > 0) throw new ConfigError(problems);
}
