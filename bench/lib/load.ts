// Child process of the benchmarks: one autocannon run, its summary as one JSON line on stdout.
import autocannon from 'autocannon';

const [url, connections, durationSeconds, headersJson] = process.argv.slice(2);
if (url === undefined || connections === undefined || durationSeconds === undefined) {
  console.error('usage: load.ts <url> <connections> <durationSeconds> [headers as JSON]');
  process.exit(2);
}
const headers: Record<string, string> = headersJson ? JSON.parse(headersJson) : {};
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(durationSeconds),
  headers,
});
const summary: LoadSummary = {
  requestsPerSecond: result.requests.average,
  totalRequests: result.requests.total,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  errors: result.errors + result.timeouts,
  non2xx: result.non2xx,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);

export interface LoadSummary {
  requestsPerSecond: number;
  totalRequests: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
}
