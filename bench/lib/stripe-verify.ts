// Child of bench/billing.ts: stripe.webhooks.constructEvent on one signed payload, back to back for
// argv[2] seconds; prints {"perSecond": n, "perCpuSecond": m}. Payload, header and secret come on stdin as JSON.
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';

const seconds = Number(process.argv[2] ?? '5');
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
  payload: string;
  header: string;
  secret: string;
};
const stripe = new Stripe('sk_test_bench', { telemetry: false });
const body = Buffer.from(input.payload);
const verify = () => stripe.webhooks.constructEvent(body, input.header, input.secret, 300);

for (let i = 0; i < 2000; i += 1) verify(); // warm-up
let n = 0;
const cpuBefore = process.cpuUsage();
const start = performance.now();
const deadline = start + seconds * 1000;
while (performance.now() < deadline) {
  for (let i = 0; i < 500; i += 1) verify();
  n += 500;
}
const perSecond = Math.round(n / ((performance.now() - start) / 1000));
const cpu = process.cpuUsage(cpuBefore);
// Per CPU second too: on a busy machine the wall-clock rate says more about the neighbours.
const perCpuSecond = Math.round(n / ((cpu.user + cpu.system) / 1e6));
process.stdout.write(`${JSON.stringify({ perSecond, perCpuSecond })}\n`);
