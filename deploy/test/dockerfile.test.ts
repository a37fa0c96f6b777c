import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRecord, repoRoot } from './support/kustomize.js';
import { baseImages, parseDockerfile, type Instruction } from './support/dockerfile.js';
import { IMAGE_PROCESSES } from './support/env-schema.js';

const text = readFileSync(join(repoRoot, 'infra/docker/Dockerfile'), 'utf8');
const instructions = parseDockerfile(text);
/** The images the stages start from: those a FROM names that are no earlier stage. */
function fromImages(list: Instruction[]): string[] {
  const stageNames = list
    .filter((i) => i.keyword === 'FROM')
    .map((i) => /\sAS\s+(\S+)$/i.exec(i.args)?.[1] ?? '');
  return baseImages(list).filter((image) => !stageNames.includes(image));
}
const finalStage = Math.max(...instructions.map((i) => i.stage));
const final = instructions.filter((i) => i.stage === finalStage);

describe('infra/docker/Dockerfile', () => {
  it('passes the dockerfile-utils linter without a diagnostic', () => {
    const diagnostics = validate(text).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    expect(diagnostics).toEqual([]);
  });

  it('has a linter that does report a broken Dockerfile', () => {
    expect(validate('FROM node:20.20.2-slim\nEXPOSE port\nCMD\n').length).toBeGreaterThan(0);
  });

  it('builds in several stages from a pinned Node 20 image (NODE_IMAGE), never latest', () => {
    const images = fromImages(instructions);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image).toMatch(/^node:20\.\d+\.\d+-[\w-]*slim$/);
    expect(text).toMatch(/^ARG NODE_IMAGE=node:20\.\d+\.\d+-bookworm-slim$/m);
  });

  it("needs no frontend image: no `# syntax=` line (Debian's BuildKit has the cache and secret mounts)", () => {
    expect(text).not.toMatch(/^#\s*syntax=/m);
  });

  it('takes a CA bundle for npm ci only as a BuildKit secret, never into a layer', () => {
    const npmCi = instructions.find((i) => i.keyword === 'RUN' && /npm ci/.test(i.args));
    expect(npmCi?.args).toMatch(/--mount=type=secret,id=ca\b/);
    expect(npmCi?.args).toMatch(/NODE_EXTRA_CA_CERTS=\/run\/secrets\/ca/);
    expect(text).not.toMatch(/^(ENV|ARG)\b.*NODE_EXTRA_CA_CERTS/m);
  });

  it('runs npm ci on the manifests alone, so a source change reuses that layer', () => {
    const stages = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(stages).toContain('${NODE_IMAGE} AS deps');
    const deps = instructions.filter((i) => i.stage === stages.indexOf('${NODE_IMAGE} AS deps'));
    expect(deps.filter((i) => i.keyword === 'COPY').map((i) => i.args)).toEqual([
      '--from=manifests /manifests ./',
    ]);
  });

  it('runs the final stage as a numeric non-root user under tini, with a HEALTHCHECK', () => {
    const users = final.filter((i) => i.keyword === 'USER').map((i) => i.args);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    expect(final.some((i) => i.keyword === 'HEALTHCHECK' && /CMD/.test(i.args))).toBe(true);
    expect(final.find((i) => i.keyword === 'ENTRYPOINT')?.args).toMatch(/tini/);
  });

  it('builds the six processes once for all images, then ships one process with its production closure', () => {
    const run = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    const build = run.find((r) => /nx run-many -t build/.test(r)) ?? '';
    expect(new Set(/-p ([\w\s-]+?)\s--/.exec(build)?.[1]?.trim().split(/\s+/))).toEqual(
      new Set(IMAGE_PROCESSES),
    );
    expect(run.some((r) => /node infra\/docker\/prune-deps\.mjs "\$\{dir\}" \/out/.test(r))).toBe(
      true,
    );
    expect(final.find((i) => i.keyword === 'COPY' && /\/out \/app$/.test(i.args))).toBeDefined();
  });

  it("carries the migrate entry at /app/migrate.mjs, which compose's and Kubernetes' migrations run", () => {
    expect(text).toMatch(
      /^COPY --chown=root:root infra\/docker\/migrate\.mjs \/app\/migrate\.mjs$/m,
    );
    expect(final.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app/process');
  });

  it('bakes no secret into a layer', () => {
    const declared = instructions
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
      .flatMap((i) => i.args.split(/\s+/).map((word) => word.split('=')[0] ?? ''));
    expect(declared.filter((name) => /SECRET|PASSWORD|TOKEN|JWKS|_KEY$/i.test(name))).toEqual([]);
  });

  const guard = instructions.find(
    (i) => i.keyword === 'RUN' && /case "\$\{SERVICE\}"/.test(i.args),
  );
  // The build stage's `case "${SERVICE}" in … esac` that picks the folder moved to /src/process.
  const folderChoice = /case "\$\{SERVICE\}" in [^\n]*?dir=[\s\S]*?esac/.exec(
    instructions.map((i) => i.args).join('\n'),
  )?.[0];

  it('accepts exactly the six processes as SERVICE: the five of Kavosh and the payment sandbox', () => {
    const allowed = /in\s+([\w|-]+)\)/.exec(guard?.args ?? '')?.[1]?.split('|');
    expect(new Set(allowed)).toEqual(new Set(IMAGE_PROCESSES));
  });

  it("moves each process's own workspace into /src/process: the nx project named SERVICE", () => {
    expect(folderChoice).toBeDefined();
    const folders = IMAGE_PROCESSES.map((service) => {
      const dir = execFileSync('sh', ['-c', `${folderChoice ?? ''}; printf %s "$dir"`], {
        env: { SERVICE: service },
        encoding: 'utf8',
      });
      const manifest: unknown = JSON.parse(
        readFileSync(join(repoRoot, dir, 'package.json'), 'utf8'),
      );
      const nx = isRecord(manifest) && isRecord(manifest.nx) ? manifest.nx : {};
      return [service, dir, nx.name];
    });
    expect(folders).toEqual(
      IMAGE_PROCESSES.map((service) => [service, expect.any(String), service]),
    );
    expect(folders.find(([service]) => service === 'payment-sandbox')?.[1]).toBe(
      'infra/payment-sandbox',
    );
  });

  it("exposes every process's default port", () => {
    const exposed = final
      .filter((i) => i.keyword === 'EXPOSE')
      .flatMap((i) => i.args.split(/\s+/))
      .map(Number);
    expect(new Set(exposed)).toEqual(new Set([8080, 3001, 3002, 3003, 3004, 12111]));
  });

  it('stops the build with a message naming the allowed values when SERVICE is wrong', () => {
    const script = guard?.args ?? 'exit 99';
    const wrong = spawnSync('sh', ['-c', script], { env: { SERVICE: 'search' }, encoding: 'utf8' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      "must be one of auth, catalog, billing, social, gateway, payment-sandbox (got 'search')",
    );
    for (const service of IMAGE_PROCESSES)
      expect(() => execFileSync('sh', ['-c', script], { env: { SERVICE: service } })).not.toThrow();
  });
});

/** The instructions (comments left out) of a Dockerfile's stages named `names`. */
const stagesText = (dockerfile: string, names: string[]): string =>
  parseDockerfile(
    dockerfile
      .split(/^(?=FROM )/m)
      .filter((stage) => names.some((name) => stage.startsWith(`FROM \${NODE_IMAGE} AS ${name}\n`)))
      .join(''),
  )
    .map((i) => `${i.keyword} ${i.args}`)
    .join('\n');

describe('ops/Dockerfile (the backup image)', () => {
  const ops = readFileSync(join(repoRoot, 'ops/Dockerfile'), 'utf8');

  it('starts with the same manifests and deps stages, so BuildKit shares one npm ci with the process images', () => {
    const shared = stagesText(text, ['manifests', 'deps']);
    expect(shared).toContain('npm ci');
    expect(stagesText(ops, ['manifests', 'deps'])).toBe(shared);
  });

  it('needs no frontend image and takes tini as a static binary, like the process images', () => {
    for (const dockerfile of [text, ops]) {
      expect(dockerfile).not.toMatch(/^#\s*syntax=/m);
      expect(dockerfile).toContain('COPY --from=tini /tini /usr/bin/tini');
    }
  });
});

describe('infra/docker/prune-deps.mjs', () => {
  it("copies the payment sandbox with its production closure only: no dev tool, no other workspace's", () => {
    const out = mkdtempSync(join(tmpdir(), 'kavosh-prune-'));
    try {
      const printed = execFileSync(
        process.execPath,
        [join(repoRoot, 'infra/docker/prune-deps.mjs'), 'infra/payment-sandbox', out],
        { cwd: repoRoot, encoding: 'utf8' },
      );
      expect(printed).toMatch(/^infra\/payment-sandbox: \d+ packages/);
      const modules = readdirSync(join(out, 'node_modules'));
      expect(modules).toEqual(expect.arrayContaining(['fastify', 'pino', 'qs']));
      for (const devOnly of ['stripe', 'typescript', 'vitest', 'prisma', '@kavosh', '.bin'])
        expect(modules).not.toContain(devOnly);
      expect(readdirSync(join(out, 'process')).sort()).toEqual(
        expect.arrayContaining(['dist', 'package.json']),
      );
      expect(readdirSync(join(out, 'process'))).not.toContain('src');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('.dockerignore', () => {
  it('keeps local secrets, dependencies and build output out of the context', () => {
    const ignored = readFileSync(join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.env', '.secrets', '**/node_modules', '**/dist', '.git'])
      expect(ignored).toContain(entry);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The image's HEALTHCHECK command, as the runtime stage runs it (KAVOSH_SERVICE from the build). */
const healthcheck = (service: string, port: number): number | null =>
  spawnSync(process.execPath, [join(repoRoot, 'infra/docker/healthcheck.mjs')], {
    env: { KAVOSH_SERVICE: service, PORT: String(port) },
  }).status;

// The real sandbox, from source: it answers /healthz and nothing under /health/.
describe('infra/docker/healthcheck.mjs against the payment sandbox', () => {
  let port = 0;
  let sandbox: ReturnType<typeof spawn> | undefined;

  beforeAll(async () => {
    port = await freePort();
    sandbox = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'infra/payment-sandbox/src/main.ts')],
      {
        cwd: repoRoot,
        env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<never>((_, reject) =>
      sandbox?.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}`))),
    );
    const listening = (async () => {
      for (;;) {
        try {
          if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
        } catch {
          // Not listening yet.
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await Promise.race([listening, exited]);
  }, 60_000);

  afterAll(() => {
    sandbox?.kill('SIGTERM');
  });

  it('passes for the sandbox on its /healthz', () => {
    expect(healthcheck('payment-sandbox', port)).toBe(0);
  });

  it("would fail had it probed the services' /health/live there", () => {
    expect(healthcheck('catalog', port)).toBe(1);
  });

  it('fails when nothing listens', async () => {
    expect(healthcheck('payment-sandbox', await freePort())).toBe(1);
  });
});
