import { createServer } from 'node:net';

/**
 * A free loopback TCP port: the OS picks one, which is then closed again for the caller to listen
 * on (another process could take it in between; tests and benchmarks accept that small race).
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}
