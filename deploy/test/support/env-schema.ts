import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './kustomize.js';

/** One environment variable of a config schema, as its TypeBox source declares it. */
export interface EnvVariable {
  name: string;
  /** No default and not Type.Optional: loadConfig stops the process without it. */
  required: boolean;
  /** The default's text, when it has one. */
  defaultText?: string;
}

export type EnvSchema = Map<string, EnvVariable>;

// The deploy tests may not import services (lint forbids it), so they read the schemas' source.
const SCHEMA_FILES = [
  'packages/service-kit/src/config.ts',
  'packages/auth-client/src/token-env.ts',
  'packages/telemetry/src/config.ts',
  'services/auth/src/config.ts',
  'services/catalog/src/config.ts',
  'services/billing/src/config.ts',
  'services/social/src/config.ts',
  'gateway/src/config.ts',
];

/** The env schema each process reads, keyed by workload name. */
export const WORKLOAD_SCHEMAS = {
  gateway: 'GatewayEnv',
  auth: 'AuthEnv',
  catalog: 'CatalogEnv',
  billing: 'BillingEnv',
  social: 'SocialEnv',
} as const;

/** The local Stripe emulator: its own image, run by compose and the dev overlay, never in prod. */
export const PAYMENT_SANDBOX = 'payment-sandbox';

/** Every process the Dockerfile builds an image for (its SERVICE values). */
export const IMAGE_PROCESSES = [...Object.keys(WORKLOAD_SCHEMAS), PAYMENT_SANDBOX];

// The sandbox has no TypeBox schema: readConfig reads `env.NAME` by hand, with a fallback each.
const SANDBOX_CONFIG_FILE = 'infra/payment-sandbox/src/config.ts';

/**
 * The sandbox variables a deployment must set although readConfig has a fallback: the fallbacks
 * are a laptop's (a public URL built from HOST, the documented test key, no webhook endpoint), and
 * billing needs the sandbox to share its key and signing secret and to send it webhooks.
 */
export const SANDBOX_DEPLOY_REQUIRED = [
  'SANDBOX_PUBLIC_URL',
  'SANDBOX_API_KEY',
  'SANDBOX_WEBHOOK_URL',
  'SANDBOX_WEBHOOK_SECRET',
];

/**
 * The variables a hand-written reader takes from `env`: `env.NAME || <fallback>` and
 * `positiveInteger('NAME', env.NAME, <fallback>)`; `|| undefined` is no default.
 */
export function parseEnvReader(source: string): EnvSchema {
  const schema: EnvSchema = new Map();
  for (const [, name = ''] of source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)) {
    if (schema.has(name)) continue;
    const fallback =
      new RegExp(`\\benv\\.${name}\\s*\\|\\|\\s*('(?:[^'\\\\]|\\\\.)*'|\`[^\`]*\`|[\\w.]+)`).exec(
        source,
      )?.[1] ?? new RegExp(`\\benv\\.${name},\\s*([\\d_]+)\\)`).exec(source)?.[1];
    const defaultText = fallback === 'undefined' ? undefined : fallback;
    schema.set(name, { name, required: false, defaultText });
  }
  return schema;
}

/** The sandbox's variables from its reader, with those a deployment must set marked required. */
export function readSandboxSchema(): EnvSchema {
  const schema = parseEnvReader(readFileSync(join(repoRoot, SANDBOX_CONFIG_FILE), 'utf8'));
  for (const name of SANDBOX_DEPLOY_REQUIRED) {
    const variable = schema.get(name);
    if (!variable) throw new Error(`${SANDBOX_CONFIG_FILE} no longer reads ${name}`);
    schema.set(name, { ...variable, required: true });
  }
  return schema;
}

/**
 * Parses every `export const X = Type.Object({ … })` of the given sources: each top-level
 * `NAME: …` entry, each `...Other.properties` spread and each `NAME: Other.properties.NAME` copy.
 */
export function parseSchemas(sources: string[]): Map<string, EnvSchema> {
  const schemas = new Map<string, EnvSchema>();
  for (const source of sources) {
    const objects = source.matchAll(/^export const (\w+) = Type\.Object\(\{\n([\s\S]*?)^\}\);/gm);
    for (const [, schemaName = '', body = ''] of objects) {
      schemas.set(schemaName, parseBody(body, { known: schemas, schemaName, source }));
    }
  }
  return schemas;
}

interface ParseContext {
  known: Map<string, EnvSchema>;
  schemaName: string;
  source: string;
}

function parseBody(body: string, { known, schemaName, source }: ParseContext): EnvSchema {
  const schema: EnvSchema = new Map();
  // Each line at two-space indentation starts an entry (or a comment, which matches nothing);
  // a value may continue on deeper lines.
  for (const raw of body.split(/\n(?= {2}\S)/)) {
    const entry = raw.trim();
    const spread = /^\.\.\.(\w+)\.properties,?$/.exec(entry);
    if (spread) {
      for (const variable of lookup(known, spread[1] ?? '', schemaName).values())
        schema.set(variable.name, variable);
      continue;
    }
    const property = /^([A-Z][A-Z0-9_]*):\s*([\s\S]*)$/.exec(entry);
    if (!property) continue;
    const [, name = '', value = ''] = property;
    const copy = /^(\w+)\.properties\.([A-Z][A-Z0-9_]*),?$/.exec(value);
    if (copy) {
      const source = lookup(known, copy[1] ?? '', schemaName).get(copy[2] ?? '');
      if (!source) throw new Error(`${schemaName}.${name} copies an unknown variable`);
      schema.set(name, { ...source, name });
      continue;
    }
    // `LOG_LEVEL: LogLevel` or `AUTH_URL: UpstreamUrl(3001)`: the default is in that definition.
    const reference = /^([a-zA-Z]\w*)\b(?!\.)/.exec(value)?.[1];
    const definition =
      reference && reference !== 'Type' ? definitionOf(source, reference, schemaName) : value;
    const defaultText = DEFAULT.exec(definition)?.[1]?.trim();
    const optional = value.startsWith('Type.Optional(');
    schema.set(name, { name, required: defaultText === undefined && !optional, defaultText });
  }
  return schema;
}

const DEFAULT = /default:\s*('(?:[^'\\]|\\.)*'|`[^`]*`|[^,}\n]+)/;

function definitionOf(source: string, name: string, from: string): string {
  const match = new RegExp(`^const ${name}\\b[\\s\\S]*?;$`, 'm').exec(source);
  if (!match) throw new Error(`${from} uses ${name}, whose definition was not found`);
  return match[0];
}

function lookup(known: Map<string, EnvSchema>, name: string, from: string): EnvSchema {
  const schema = known.get(name);
  if (!schema) throw new Error(`${from} uses ${name}, which is not among the parsed schemas`);
  return schema;
}

/**
 * The variables of the kit's shared schemas (HttpEnv, CommonEnv, TokenEnv): the platform sets them
 * for a process ahead of its schema spreading them in (as TokenEnv is being adopted), so they do
 * not count as unknown; a name outside every schema still does.
 */
export function sharedVariables(schemas: Map<string, EnvSchema>): Set<string> {
  return new Set(
    // TelemetryEnv: every process's preload reads the OTEL_* variables.
    ['HttpEnv', 'CommonEnv', 'TokenEnv', 'TelemetryEnv'].flatMap((name) => [
      ...(schemas.get(name)?.keys() ?? []),
    ]),
  );
}

/** The schemas of the repository's sources (the kit's first, so spreads resolve). */
export function readRepoSchemas(): Map<string, EnvSchema> {
  return parseSchemas(SCHEMA_FILES.map((file) => readFileSync(join(repoRoot, file), 'utf8')));
}

/** What is wrong with a container's environment, measured against its config schema. */
export function environmentProblems(
  schema: EnvSchema,
  env: Map<string, string>,
  exactlyOneOf: string[][] = [],
  shared: ReadonlySet<string> = new Set(),
): string[] {
  const problems: string[] = [];
  for (const variable of schema.values()) {
    if (variable.required && !env.has(variable.name)) problems.push(`${variable.name} is missing`);
    // Defaults are the laptop's: a URL or a host on 127.0.0.1 or localhost is wrong in any pod.
    if (
      /:\/\/(127\.0\.0\.1|localhost)\b|^'(127\.0\.0\.1|localhost)'$/.test(
        variable.defaultText ?? '',
      ) &&
      !env.has(variable.name)
    )
      problems.push(`${variable.name} keeps its loopback default`);
  }
  for (const name of env.keys())
    if (!schema.has(name) && !shared.has(name)) problems.push(`${name} is not read by the process`);
  for (const group of exactlyOneOf)
    if (group.filter((name) => env.has(name)).length !== 1)
      problems.push(`set exactly one of ${group.join(', ')}`);
  return problems;
}
