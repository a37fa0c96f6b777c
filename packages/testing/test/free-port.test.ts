import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/free-port.js';

const ephemeralStart = Number(
  readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
);
const SOURCE = fileURLToPath(new URL('../src/free-port.ts', import.meta.url));

describe('freePort', () => {
  it('hands out distinct ports below the ephemeral range that a server can listen on', async () => {
    const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(ephemeralStart);
    }
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(ports[0], '127.0.0.1', resolve));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('never hands another process a port it handed out (parallel test files)', async () => {
    const script = `const { freePort } = await import(${JSON.stringify(SOURCE)});
      const ports = [];
      for (let i = 0; i < 200; i++) ports.push(await freePort());
      process.stdout.write(JSON.stringify(ports));`;
    const child = promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { timeout: 30_000 },
    );
    const mine: number[] = [];
    for (let i = 0; i < 200; i++) mine.push(await freePort());
    const theirs = JSON.parse((await child).stdout) as number[];
    expect(theirs).toHaveLength(200);
    expect(theirs.filter((port) => mine.includes(port))).toEqual([]);
  });
});
