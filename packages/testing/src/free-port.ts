import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port handed out: above the well-known and registered ports this stack uses. */
const LOWEST = 20_000;
/** Ports this process handed out: never twice, even before their caller listens. */
const given = new Set<number>();

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
 * port between this check and the child's listen (EADDRINUSE). Another caller can still take the
 * port in between; drawing at random from ~12,000 makes that rare.
 */
export async function freePort(): Promise<number> {
  const end = ephemeralStart();
  for (let tries = 0; tries < 100; tries++) {
    const port = LOWEST + randomInt(end - LOWEST);
    if (given.has(port) || !(await canListen(port))) continue;
    given.add(port);
    return port;
  }
  throw new Error(`no free TCP port between ${LOWEST} and ${end - 1} after 100 tries`);
}
