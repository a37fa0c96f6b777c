// npm run start:cluster [-- --replicas N]: npm start with N (default 2) replicas of the gateway and
// of every service behind a local nginx (least_conn, retries on the next replica of idempotent
// requests, WebSocket upgrade, keep-alive to the replicas); docs/deploy.md, "One host, many replicas".
import { runSystem } from './lib/run-system.js';

const USAGE = 'usage: npm run start:cluster [-- --replicas <2-9>]';

function parseReplicas(argv: string[]): number {
  if (argv.length === 0) return 2;
  const [flag, value, ...rest] = argv;
  const n = Number(value);
  if (flag !== '--replicas' || rest.length > 0 || !Number.isInteger(n) || n < 2 || n > 9)
    throw new Error(USAGE);
  return n;
}

Promise.resolve()
  .then(() => runSystem({ replicas: parseReplicas(process.argv.slice(2)) }))
  .then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(
        `npm run start:cluster failed: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exit(1);
    },
  );
