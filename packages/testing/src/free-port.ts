import { randomInt } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The lowest port handed out: above the well-known and registered ports this stack uses. */
const LOWEST = 20_000;
/**
 * How long a port stays reserved once handed out, in every process of the machine (test files
 * run in parallel workers): longer than any suite keeps a child listening.
 */
const RESERVED_MS = 30 * 60_000;
const RESERVATIONS = join(tmpdir(), 'kavosh-free-ports');

/** The first port of the kernel's ephemeral range (Linux's default 32768 elsewhere). */
function ephemeralStart(): number {
  try {
    const low = Number(
      readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
    );
    if (Number.isInteger(low) && low > LOWEST + 1_000) return low;
  } catch {
    // Not Linux: the common default.
  }
  return 32_768;
}

/** Reserves `port` for this caller across processes: a file only one creator can make. */
function reserve(port: number): boolean {
  const file = join(RESERVATIONS, String(port));
  try {
    closeSync(openSync(file, 'wx'));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  try {
    if (Date.now() - statSync(file).mtimeMs < RESERVED_MS) return false;
    unlinkSync(file);
    closeSync(openSync(file, 'wx'));
    return true;
  } catch {
    return false;
  }
}

function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free loopback TCP port for a child process to listen on. It is drawn at random below the
 * kernel's ephemeral range: a port the OS picked (listen on 0) is also what it gives the next
 * outgoing connection as its source port, and on a busy run (database pools, brokers) one took a
 * port between this check and the child's listen (EADDRINUSE). A reservation file keeps other
 * processes (parallel test files) from drawing the same port for RESERVED_MS.
 */
export async function freePort(): Promise<number> {
  const end = ephemeralStart();
  mkdirSync(RESERVATIONS, { recursive: true });
  for (let tries = 0; tries < 200; tries++) {
    const port = LOWEST + randomInt(end - LOWEST);
    if (!(await canListen(port))) continue;
    if (reserve(port)) return port;
  }
  throw new Error(`no free TCP port between ${LOWEST} and ${end - 1} after 200 tries`);
}
