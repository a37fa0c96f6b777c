// Child process of bench/gateway.ts: one keep-alive connection sending GETs back to back, timing
// each with hrtime (autocannon rounds latencies to whole milliseconds). One JSON line on stdout.
import { Agent, request } from 'node:http';

const [url, durationSeconds, headersJson] = process.argv.slice(2);
if (url === undefined || durationSeconds === undefined) {
  console.error('usage: latency.ts <url> <durationSeconds> [headers as JSON]');
  process.exit(2);
}
const headers = headersJson ? (JSON.parse(headersJson) as Record<string, string>) : {};
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

const once = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', reject);
    req.end();
  });

const until = Date.now() + Number(durationSeconds) * 1000;
const latencies: number[] = [];
while (Date.now() < until) latencies.push(await once());
agent.destroy();
latencies.sort((a, b) => a - b);
const at = (q: number): number =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
const summary: LatencySummary = {
  requests: latencies.length,
  p50Ms: Number(at(0.5).toFixed(3)),
  p99Ms: Number(at(0.99).toFixed(3)),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);

export interface LatencySummary {
  requests: number;
  p50Ms: number;
  p99Ms: number;
}
