// npm start: the whole system on this machine, built, provisioned, migrated and ready.
import { runSystem } from './lib/run-system.js';

runSystem({ replicas: 1 }).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`npm start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
