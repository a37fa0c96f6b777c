import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Spectral, with its OpenAPI ruleset and the OWASP API Security Top 10 ruleset (`.spectral.yaml`
 * at the repository root), on the merged OpenAPI document the client is generated from. The
 * snapshot is the live document: openapi-client.test.ts checks it against the running gateway.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SNAPSHOT = join(ROOT, 'packages/client/openapi.json');
const SPECTRAL = join(ROOT, 'node_modules/.bin/spectral');

interface Finding {
  code: string;
  message: string;
  path: (string | number)[];
  severity: number;
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];
const show = (f: Finding) =>
  `${SEVERITY[f.severity]} ${f.code} at ${f.path.join('.')}: ${f.message}`;

/** Where a finding is: a request (parameters, body), an answer, or the operation itself. */
function partOf(f: Finding): 'request' | 'response' | 'other' {
  // Services inline their schemas; the components are the gateway's, which answers refer to.
  if (f.path[0] === 'components' && f.path[1] === 'schemas') return 'response';
  if (f.path[0] !== 'paths') return 'other';
  if (f.path.includes('parameters') || f.path.includes('requestBody')) return 'request';
  if (f.path.includes('responses')) return 'response';
  return 'other';
}

// Rules on the size and shape of answer bodies (response schemas), which clients read but never
// send: counted, and the count may only go down (RESPONSE_SCHEMA_CEILING).
const RESPONSE_SCHEMA_RULES = new Set([
  'owasp:api4:2023-string-limit',
  'owasp:api4:2023-string-restricted',
  'owasp:api4:2023-array-limit',
  'owasp:api4:2023-integer-limit',
  'owasp:api4:2023-integer-format',
]);
// Counted on the snapshot of 2026-12-07: the kit's problem details are bounded, service bodies not yet.
const RESPONSE_SCHEMA_CEILING = 2_243;

describe('Spectral (spectral:oas + OWASP API Security Top 10) on the merged OpenAPI', () => {
  let findings: Finding[];
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kavosh-spectral-'));
    const out = join(dir, 'findings.json');
    // Spectral exits 1 when it finds anything; the findings file is what the tests read.
    await promisify(execFile)(
      SPECTRAL,
      ['lint', SNAPSHOT, '--ruleset', join(ROOT, '.spectral.yaml'), '-f', 'json', '-o', out, '-q'],
      { cwd: ROOT, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
    ).catch((err: unknown) => {
      if ((err as { code?: unknown }).code !== 1) throw err;
    });
    findings = JSON.parse(await readFile(out, 'utf8')) as Finding[];
  }, 320_000);

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds nothing on a request: every string, list and number a client sends is bounded', () => {
    expect(findings.filter((f) => partOf(f) === 'request').map(show)).toEqual([]);
  });

  it('finds nothing on the operations: id, description, security, 400/401/429/500, RateLimit', () => {
    const found = findings.filter(
      (f) => partOf(f) !== 'request' && !RESPONSE_SCHEMA_RULES.has(f.code),
    );
    expect(found.map(show)).toEqual([]);
  });

  it('finds no more unbounded answer fields than before', () => {
    const found = findings.filter(
      (f) => partOf(f) !== 'request' && RESPONSE_SCHEMA_RULES.has(f.code),
    );
    expect(found.length).toBeLessThanOrEqual(RESPONSE_SCHEMA_CEILING);
  });
});
