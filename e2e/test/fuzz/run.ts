import { Agent } from 'node:http';
import {
  listingRequest,
  requestsFor,
  seedFor,
  shuffled,
  validRequestsFor,
  type CaseContext,
  type FuzzRequest,
  type Knowledge,
} from './cases.js';
import { isDependencyDown, offencesOf, type Offence } from './check.js';
import { operationsOf, parametersOf, rolesFor, type Doc, type Op } from './openapi.js';
import { inParallel, send, type FuzzAnswer } from './send.js';

export interface FuzzOptions {
  /** The gateway's base URL. */
  baseUrl: string;
  /** Its merged /openapi.json. */
  doc: Doc;
  seed: number;
  /** Signs an access token with these roles. */
  sign(roles: string[]): Promise<string>;
  /** At least this many requests in all; each operation gets an equal share of what is left after the harvest. */
  budget: number;
  concurrency: number;
  timeoutMs: number;
  /** Operations to leave out, by name, with the reason (reported). */
  skip?: Record<string, string>;
}

export interface FuzzResult {
  requests: number;
  operations: number;
  /** Answers by status. */
  statuses: Map<number, number>;
  /** 4xx answers. */
  refused: number;
  /** 5xx answers that are not a dependency reported down. */
  serverErrors: number;
  /** 502/503 whose body names a dependency as unavailable (allowed, listed). */
  dependencyDown: Offence[];
  /** Every request whose answer broke a rule. */
  offences: Offence[];
  /** 2xx answers to valid-shaped requests, by service (`/api/<name>` prefix): handlers ran. */
  served: Map<string, number>;
  /** Valid-shaped requests the service refused with 400: its schema and the document disagree, or the generator guessed wrong. */
  validRefused: { operation: string; detail: string }[];
  /** Requests sent twice because the first connection closed without an answer. */
  retried: number;
  /** Which (operation and case), the first few. */
  retriedCases: string[];
  /** Requests per case category (`body-json`, `path`, ...). */
  categories: Map<string, number>;
}

/** The collection a response to `path` lists or creates: `/api/catalog/movies/?x` → `movies`. */
const collectionOfPath = (path: string): string | undefined =>
  path
    .split('?')[0]
    ?.split('/')
    .filter((segment) => segment !== '' && !segment.startsWith('{'))
    .at(-1);

/** Remembers the ids and cursors a 2xx answer carries, for later requests to use. */
function learn(knowledge: Knowledge, request: FuzzRequest, answer: FuzzAnswer): void {
  if (answer.status < 200 || answer.status >= 300) return;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return;
  }
  if (body === null || typeof body !== 'object') return;
  const collection = collectionOfPath(request.path);
  const ids: string[] = [];
  const collect = (node: unknown, depth: number) => {
    if (depth > 2 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 10)) collect(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string') ids.push(record.id);
    for (const [key, value] of Object.entries(record)) {
      if (/cursor/i.test(key) && typeof value === 'string' && value !== '') {
        const seen = knowledge.cursors.get(request.operation) ?? [];
        if (seen.length < 4) knowledge.cursors.set(request.operation, [...seen, value]);
      }
      if (Array.isArray(value)) collect(value, depth + 1);
    }
  };
  collect(body, 0);
  if (collection && ids.length > 0) {
    const known = knowledge.ids.get(collection) ?? [];
    knowledge.ids.set(collection, [...new Set([...known, ...ids])].slice(0, 8));
  }
}

/**
 * Fuzzes every operation of the document through the gateway: first plain reads of every
 * listing and a few valid creations (so later requests can name things that exist), then the
 * capped malformed and valid-shaped cases of every operation, in a seeded shuffled order.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzResult> {
  const base = new URL(options.baseUrl);
  const skip = options.skip ?? {};
  const ops = operationsOf(options.doc).filter((op) => !(op.name in skip));
  const tokens = new Map<string, string>();
  for (const roles of [['user'], ...ops.map((op) => rolesFor(op) ?? ['user'])]) {
    const key = roles.join('+');
    if (!tokens.has(key)) tokens.set(key, await options.sign(roles));
  }
  const knowledge: Knowledge = { ids: new Map(), cursors: new Map() };
  const ctx: CaseContext = {
    doc: options.doc,
    seed: options.seed,
    knowledge,
    tokenFor: (roles) => {
      const token = tokens.get(roles.join('+'));
      if (!token) throw new Error(`no token signed for ${roles.join('+')}`);
      return token;
    },
  };
  const result: FuzzResult = {
    requests: 0,
    operations: ops.length,
    statuses: new Map(),
    refused: 0,
    serverErrors: 0,
    dependencyDown: [],
    offences: [],
    retried: 0,
    retriedCases: [],
    served: new Map(),
    validRefused: [],
    categories: new Map(),
  };
  // Kept alive: a connection per request costs the loaded machine more than the requests. The
  // server may close one after an answer (a 413, a parse error); a request caught by that close
  // is resent once below.
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const run = (requests: FuzzRequest[]) =>
    inParallel(requests, options.concurrency, async (request) => {
      let answer = await send(base, request, agent, options.timeoutMs);
      if (
        answer.transportError !== undefined &&
        /hang up|ECONNRESET|EPIPE/.test(answer.transportError)
      ) {
        // A connection the loaded machine dropped before the gateway read it: once more, and
        // only a second failure counts.
        result.retried += 1;
        if (result.retriedCases.length < 10) {
          result.retriedCases.push(
            `${request.method} ${request.path.slice(0, 80)} [${request.case}]`,
          );
        }
        answer = await send(base, request, agent, options.timeoutMs);
      }
      result.requests += 1;
      result.statuses.set(answer.status, (result.statuses.get(answer.status) ?? 0) + 1);
      const category = request.case.split(':')[0] ?? '';
      result.categories.set(category, (result.categories.get(category) ?? 0) + 1);
      if (answer.status >= 400 && answer.status < 500) result.refused += 1;
      if (answer.status >= 500 && !isDependencyDown(answer)) result.serverErrors += 1;
      if (isDependencyDown(answer)) result.dependencyDown.push({ request, answer, reasons: [] });
      const reasons = offencesOf(answer);
      if (reasons.length > 0) result.offences.push({ request, answer, reasons });
      if (request.case.startsWith('valid:')) {
        const prefix = request.path.split('/').slice(0, 3).join('/');
        if (answer.status >= 200 && answer.status < 300) {
          result.served.set(prefix, (result.served.get(prefix) ?? 0) + 1);
        }
        if (answer.status === 400 && request.principal !== 'anonymous') {
          const detail = /"detail"\s*:\s*"([^"]*)"/.exec(answer.body)?.[1] ?? '';
          result.validRefused.push({ operation: request.operation, detail });
        }
      }
      learn(knowledge, request, answer);
    });

  try {
    const listings = ops.filter(
      (op) => op.method === 'GET' && parametersOf(op, 'path').length === 0,
    );
    const creators = ops.filter(
      (op) =>
        (op.method === 'POST' || op.method === 'PUT') &&
        parametersOf(op, 'path').length === 0 &&
        op.operation.requestBody?.content?.['application/json'] !== undefined,
    );
    await run(listings.map((op) => listingRequest(op, ctx)));
    await run(creators.flatMap((op) => validRequestsFor(op, ctx, 3)));
    await run(listings.map((op) => listingRequest(op, ctx)));

    const remaining = Math.max(options.budget - result.requests, 0);
    const each = Math.max(Math.ceil(remaining / Math.max(ops.length, 1)), 12);
    const requests = ops.flatMap((op: Op) => requestsFor(op, ctx, each));
    // Shuffled: the services take the load together, and no operation's cases run back to back.
    await run(shuffled(requests, seedFor(options.seed, 'order')));
  } finally {
    agent.destroy();
  }
  return result;
}
