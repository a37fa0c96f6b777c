// Child process of the auth benchmark: the login floor. `@node-rs/argon2` verify alone (the copy
// auth loads, at OWASP's parameters), `concurrency` closed loops for `seconds`; its LoadStats as
// one JSON line on stdout. Run pinned to the core auth runs on.
import { createRequire } from 'node:module';
import type * as Argon2 from '@node-rs/argon2';
import { closedLoop } from './closed-loop.js';

const [concurrency, seconds] = process.argv.slice(2).map(Number);
if (!concurrency || !seconds) {
  console.error('usage: argon2-verify.ts <concurrency> <seconds>');
  process.exit(2);
}
// Resolved from auth's package: the same binding and version the service verifies with.
const require = createRequire(new URL('../../services/auth/package.json', import.meta.url));
const argon2 = require('@node-rs/argon2') as typeof Argon2;
const password = 'bench password that is long';
const hashed = await argon2.hash(password, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
await closedLoop(concurrency, 1, () => argon2.verify(hashed, password)); // warm-up
const stats = await closedLoop(concurrency, seconds, () => argon2.verify(hashed, password));
process.stdout.write(`${JSON.stringify(stats)}\n`);
