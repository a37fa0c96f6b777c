import type { FuzzRequest } from './cases.js';
import type { FuzzAnswer } from './send.js';

/**
 * Text that must never reach a client: stack frames, source paths, and the database's or
 * Prisma's own words. The generators never put any of these into a request, so an answer that
 * echoes its input cannot trip them.
 */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\bat (?:async )?[\w$.<>[\] ]*\(?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+\)?/],
  ['source path', /(?:\/[\w.@-]+)+\.(?:ts|js|mjs|cjs):\d+/],
  ['node_modules path', /node_modules/],
  ['Prisma', /prisma|Invalid `[\w.]+\(\)` invocation/i],
  ['SQL error', /SQLSTATE|sqlState|sqlMessage|\bER_[A-Z_]{4,}\b|SQL syntax/],
  ['driver error', /ECONNREFUSED|ETIMEDOUT|EPIPE|ECONNRESET/],
];

/** A 5xx the brief allows: the body says a dependency (an upstream, the database) is down. */
export const isDependencyDown = (answer: FuzzAnswer): boolean =>
  (answer.status === 502 || answer.status === 503) &&
  /"code"\s*:\s*"[A-Z_]*_UNAVAILABLE"/.test(answer.body);

/** Everything wrong with one answer; empty when it holds up. */
export function offencesOf(answer: FuzzAnswer): string[] {
  const out: string[] = [];
  if (answer.transportError !== undefined) {
    out.push(`no answer: ${answer.transportError}`);
    return out;
  }
  if (answer.status >= 500 && !isDependencyDown(answer)) out.push(`server error ${answer.status}`);
  if (answer.status >= 400) {
    if (!answer.contentType.toLowerCase().startsWith('application/problem+json')) {
      out.push(`content-type ${answer.contentType || '(none)'}, not application/problem+json`);
    }
    let problem: Record<string, unknown> | undefined;
    try {
      problem = JSON.parse(answer.body) as Record<string, unknown>;
    } catch {
      out.push('body is not JSON');
    }
    if (problem) {
      for (const field of ['type', 'title', 'code'] as const) {
        if (typeof problem[field] !== 'string' || problem[field] === '') {
          out.push(`problem without ${field}`);
        }
      }
      if (problem.status !== answer.status) {
        out.push(`problem status ${String(problem.status)} differs from ${answer.status}`);
      }
    }
  }
  for (const [what, pattern] of LEAKS) {
    const match = pattern.exec(answer.body);
    if (match) out.push(`${what} in body: ${JSON.stringify(match[0].slice(0, 120))}`);
  }
  return out;
}

export interface Offence {
  request: FuzzRequest;
  answer: FuzzAnswer;
  reasons: string[];
}

/** One line per offending request, enough to send it again by hand. */
export function describe(offence: Offence): string {
  const { request, answer, reasons } = offence;
  const path = request.path.length > 200 ? `${request.path.slice(0, 200)}…` : request.path;
  const body = request.body
    ? request.body.length > 200
      ? `${request.body.subarray(0, 200).toString('utf8')}… (${request.body.length} bytes)`
      : request.body.toString('utf8')
    : '';
  const headers = request.headers.map(
    ([name, value]) => `${name}: ${value.length > 80 ? `${value.slice(0, 80)}…` : value}`,
  );
  return [
    `${request.method} ${path} [${request.case}] as ${request.principal}`,
    `  -> ${answer.status} ${answer.contentType} ${reasons.join('; ')}`,
    headers.length > 0 ? `  headers: ${headers.join(' | ')}` : '',
    body ? `  body: ${JSON.stringify(body)}` : '',
    `  answer: ${JSON.stringify(answer.body.slice(0, 300))}`,
  ]
    .filter(Boolean)
    .join('\n');
}
