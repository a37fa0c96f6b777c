// Copies one workspace's production closure out of a full `npm ci` tree (build stage only):
//   node prune-deps.mjs <workspace dir> <out dir>
// The closure is read from package-lock.json: the workspace's dependencies, optional dependencies
// and required peers, followed the way Node resolves them, through the workspace packages it links.
// `npm ci --omit=dev -w <ws>` keeps optional peers (prisma, typescript: ~300 MB for a service) and
// the dev tools of linked workspaces; this keeps only what the process can import. The workspace
// itself lands in <out>/process, the linked workspaces at their own paths, without sources, tests,
// source maps or Prisma query compilers for other databases than MySQL.
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [workspace, out] = process.argv.slice(2);
if (!workspace || !out) {
  console.error('usage: node prune-deps.mjs <workspace dir> <out dir>');
  process.exit(2);
}
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')).packages;

/** The lockfile key Node would load `name` from, starting at the package under key `from`. */
function resolve(from, name) {
  let dir = from;
  for (;;) {
    const key = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock[key]) return key;
    if (!dir) return undefined;
    const nested = dir.lastIndexOf('/node_modules/');
    if (nested >= 0) dir = dir.slice(0, nested);
    else if (dir.startsWith('node_modules/') || !dir.includes('/')) dir = '';
    else dir = dir.slice(0, dir.lastIndexOf('/'));
  }
}

// The test harness: service-host lists it as a dependency for its `./testing` entry, which tests
// import and a process never does.
const TEST_ONLY = new Set(['@kavosh/testing', 'vitest']);

const keep = new Set([workspace]);
const workspaces = new Set([workspace]);
const links = new Set();
const queue = [workspace];
/** Follows the queue's dependencies into keep, links and workspaces. */
function walk() {
  while (queue.length > 0) {
    const key = queue.shift();
    const entry = lock[key];
    if (!entry) throw new Error(`package-lock.json has no entry "${key}"`);
    const optionalPeers = new Set(
      Object.entries(entry.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name),
    );
    const wanted = [
      ...Object.keys(entry.dependencies ?? {}).map((name) => [name, true]),
      ...Object.keys(entry.optionalDependencies ?? {}).map((name) => [name, false]),
      ...Object.keys(entry.peerDependencies ?? {})
        .filter((name) => !optionalPeers.has(name))
        .map((name) => [name, true]),
    ];
    for (const [name, required] of wanted) {
      if (TEST_ONLY.has(name)) continue;
      const found = resolve(key, name);
      if (found === undefined) {
        if (required)
          throw new Error(`${key} needs ${name}, which package-lock.json does not hold`);
        continue;
      }
      // A workspace package is a link (node_modules/@kavosh/db -> packages/db): keep both.
      const target = lock[found].link ? lock[found].resolved : found;
      if (lock[found].link) {
        links.add(found);
        workspaces.add(target);
      }
      if (!keep.has(target)) {
        keep.add(target);
        queue.push(target);
      }
    }
  }
}
walk();

// A workspace package a process imports without declaring it (npm's hoisting lets it resolve in
// the monorepo) is found in its built code and kept too, with its own closure.
const IMPORTED = /(?:from\s*|import\(\s*)['"](@kavosh\/[\w-]+)/g;
const builtFiles = (dir) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true })
        .map((name) => join(dir, String(name)))
        .filter((path) => /\.[cm]?js$/.test(path))
    : [];
for (let found = true; found;) {
  found = false;
  for (const ws of [...workspaces]) {
    for (const file of builtFiles(join(ws, 'dist'))) {
      for (const [, name] of readFileSync(file, 'utf8').matchAll(IMPORTED)) {
        const link = resolve(ws, name);
        if (link === undefined || !lock[link].link || links.has(link)) continue;
        links.add(link);
        const target = lock[link].resolved;
        workspaces.add(target);
        if (!keep.has(target)) {
          keep.add(target);
          queue.push(target);
        }
        found = true;
      }
    }
  }
  walk();
}

// What a workspace ships: everything but sources, tests, local installs and build leftovers.
const DROPPED_DIRS = new Set(['src', 'test', 'node_modules', 'coverage', '.nx']);
const DROPPED_FILE =
  /(\.test\.[cm]?[jt]s|\.map|\.tsbuildinfo|^tsconfig.*\.json|^vitest\.config\.ts)$/;
// @prisma/client carries a query compiler for every database; the services speak MySQL only.
const OTHER_DATABASES =
  /query_compiler_.*\.(sqlserver|cockroachdb|postgresql|sqlite)\.(wasm|js|mjs)/;
const shipped = (src) => {
  const base = src.split('/').at(-1) ?? '';
  if (OTHER_DATABASES.test(base) || /\.(map|tsbuildinfo|d\.[cm]?ts)$/.test(base)) return false;
  return true;
};

let packages = 0;
const outPath = (key) => {
  if (key === workspace) return join(out, 'process');
  const nested = key.startsWith(`${workspace}/`);
  return nested ? join(out, 'process', relative(workspace, key)) : join(out, key);
};
for (const key of links) {
  // Recreated as the relative link npm made, pointing at the workspace copied below.
  mkdirSync(dirname(outPath(key)), { recursive: true });
  cpSync(key, outPath(key), { verbatimSymlinks: true });
}
for (const key of keep) {
  if (!existsSync(key)) continue;
  if (workspaces.has(key)) {
    for (const name of readdirSync(key)) {
      const path = join(key, name);
      const isDir = statSync(path).isDirectory();
      if (isDir ? DROPPED_DIRS.has(name) : DROPPED_FILE.test(name)) continue;
      cpSync(path, join(outPath(key), name), { recursive: true, filter: shipped });
    }
    continue;
  }
  // A package: its own files, without the packages nested in it (each is kept or not by itself).
  mkdirSync(outPath(key), { recursive: true });
  for (const name of readdirSync(key)) {
    if (name === 'node_modules') continue;
    cpSync(join(key, name), join(outPath(key), name), {
      recursive: true,
      verbatimSymlinks: true,
      filter: shipped,
    });
  }
  packages += 1;
}
rmSync(join(out, 'node_modules', '.bin'), { recursive: true, force: true });
console.log(
  `${workspace}: ${packages} packages and ${workspaces.size - 1} workspace packages (${links.size} links) of ${
    Object.keys(lock).length
  } in the lockfile`,
);
