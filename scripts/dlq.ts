// npm run dlq -- list|show|replay|purge <queue> [--id <eventId>] [--yes]
// npm run dlq -- parked list|resend [--id <eventId>]        (DATABASE_URL: the service's database)
// Inspects and replays a consumer's dead letters (<queue>.dlq), and the outbox events a relay
// parked after its last publish try; the logic is in @kavosh/messaging.
import { createInterface } from 'node:readline/promises';
import { connect } from 'amqplib';
import { createPool } from 'mariadb';
import {
  amqpUser,
  dlqName,
  listDlq,
  listParked,
  poolRunner,
  purgeDlq,
  replayDlq,
  resendParked,
  type DlqMessage,
} from '@kavosh/messaging';

const USAGE =
  'usage: npm run dlq -- list|show|replay|purge <queue> [--id <eventId>] [--yes]\n' +
  '       npm run dlq -- parked list|resend [--id <eventId>]   (DATABASE_URL names the service database)';

interface Args {
  command: 'list' | 'show' | 'replay' | 'purge';
  queue: string;
  id: string | undefined;
  yes: boolean;
}

interface ParkedArgs {
  command: 'parked';
  action: 'list' | 'resend';
  id: string | undefined;
}

function parseArgs(argv: string[]): Args | ParkedArgs {
  const positional: string[] = [];
  let id: string | undefined;
  let yes = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--yes') yes = true;
    else if (arg === '--id') id = argv[++i];
    else if (arg !== undefined) positional.push(arg);
  }
  const [command, queue] = positional;
  if (command === 'parked') {
    if (queue !== 'list' && queue !== 'resend') throw new Error(USAGE);
    return { command, action: queue, id };
  }
  if (command !== 'list' && command !== 'show' && command !== 'replay' && command !== 'purge')
    throw new Error(USAGE);
  if (!queue) throw new Error(USAGE);
  if (command === 'show' && !id) throw new Error('show needs --id <eventId>');
  return { command, queue, id, yes };
}

function summary(m: DlqMessage): Record<string, string | number> {
  return {
    id: m.eventId ?? '-',
    type: m.type ?? m.originalRoutingKey ?? '-',
    attempts: m.attempts,
    error: (m.error ?? '-').slice(0, 120),
    firstFailure: m.firstFailure ?? '-',
  };
}

async function confirmed(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await rl.question(question)).trim() === 'yes';
  } finally {
    rl.close();
  }
}

/** Parked outbox rows live in the service's database, not in the broker. */
async function parked(args: ParkedArgs): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('parked needs DATABASE_URL (the service database, mysql://…)');
  const pool = createPool({ ...poolConfig(url), connectionLimit: 1 });
  try {
    const db = poolRunner(pool);
    if (args.action === 'list') {
      const rows = await listParked(db);
      if (rows.length === 0) console.log('no parked outbox events');
      else
        console.table(
          rows.map((r) => ({
            id: r.eventId,
            type: r.type,
            subject: r.subject ?? '-',
            attempts: r.attempts,
            error: (r.lastError ?? '-').slice(0, 120),
            parkedAt: r.parkedAt.toISOString(),
          })),
        );
    } else {
      const n = await resendParked(db, args.id ? { eventId: args.id } : {});
      console.log(`re-sent ${n} parked outbox event(s); the relay publishes them at its next poll`);
    }
  } finally {
    await pool.end();
  }
}

function poolConfig(url: string): {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
} {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.command === 'parked') return parked(args);
  const amqpUrl = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const conn = await connect(amqpUrl, {
    clientProperties: { connection_name: 'kavosh-dlq-cli' },
  });
  try {
    if (args.command === 'list') {
      const messages = await listDlq(conn, args.queue);
      if (messages.length === 0) console.log(`${dlqName(args.queue)} is empty`);
      else console.table(messages.map(summary));
    } else if (args.command === 'show') {
      const found = (await listDlq(conn, args.queue)).filter((m) => m.eventId === args.id);
      if (found.length === 0)
        throw new Error(`no message with id ${args.id} in ${dlqName(args.queue)}`);
      for (const m of found) {
        let body: unknown = m.body;
        try {
          body = JSON.parse(m.body);
        } catch {
          // shown as the raw text it is
        }
        console.log(JSON.stringify({ ...m, body }, null, 2));
      }
    } else if (args.command === 'replay') {
      // Run with the consuming service's AMQP_URL: its consumer believes only its own user's copies.
      const moved = await replayDlq(conn, args.queue, {
        ...(args.id ? { eventId: args.id } : {}),
        userId: amqpUser(amqpUrl),
      });
      console.log(`replayed ${moved} message(s) from ${dlqName(args.queue)}`);
    } else {
      const ok =
        args.yes ||
        (await confirmed(`delete every message in ${dlqName(args.queue)}? type "yes": `));
      if (!ok) {
        console.log('not purged');
        return;
      }
      console.log(
        `purged ${await purgeDlq(conn, args.queue)} message(s) from ${dlqName(args.queue)}`,
      );
    }
  } finally {
    await conn.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
