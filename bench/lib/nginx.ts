// nginx as the reference reverse proxy of bench/gateway.ts: one worker, an upstream keep-alive pool.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@kavosh/testing';
import type { ServerChild } from './processes.js';

const hasNginx = (): boolean => spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;

/** Installs nginx from Debian when it is missing (the bench only; tests never need it). */
export function ensureNginx(log: (msg: string) => void): void {
  if (hasNginx()) return;
  log('nginx is missing: apt-get install nginx');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'nginx'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/** nginx (single process: master_process off) proxying every path to `upstreamUrl`. */
export async function startNginx(opts: {
  cpu: number | undefined;
  upstreamUrl: string;
  path: string;
}): Promise<ServerChild> {
  const dir = mkdtempSync(join(tmpdir(), 'kavosh-bench-nginx-'));
  const port = await freePort();
  const upstream = new URL(opts.upstreamUrl);
  const conf = `
worker_processes 1;
master_process off;
daemon off;
error_log ${dir}/error.log warn;
pid ${dir}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log /dev/null;
  # nginx closes a client's keep-alive connection after 1,000 requests by default; a load
  # generator's request racing that close counts as an error (one in ~300,000 was seen).
  keepalive_requests 1000000;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream app {
    server ${upstream.host};
    keepalive 64;
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf')];
  const [cmd, argv] =
    opts.cpu === undefined
      ? ['nginx', args]
      : ['taskset', ['-c', String(opts.cpu), 'nginx', ...args]];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; !(await canConnect(port)); i++) {
    if (exited || i > 100) throw new Error(`nginx did not start (see ${dir}/error.log)`);
    await sleep(50);
  }
  const pid = child.pid;
  return {
    url: `http://127.0.0.1:${port}${opts.path}`,
    cpuMicros: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
    },
    stop: async () => {
      if (!exited) {
        const done = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await done;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
