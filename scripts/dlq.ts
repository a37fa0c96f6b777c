// npm run dlq -- list|show|replay|purge <queue> [--id <eventId>] [--yes]
// Inspects and replays a consumer's dead letters (<queue>.dlq); the logic is in @kavosh/messaging.
import { createInterface } from 'node:readline/promises';
import { connect } from 'amqplib';
import { dlqName, listDlq, purgeDlq, replayDlq, type DlqMessage } from '@kavosh/messaging';

const USAGE = 'usage: npm run dlq -- list|show|replay|purge <queue> [--id <eventId>] [--yes]';

interface Args {
  command: 'list' | 'show' | 'replay' | 'purge';
  queue: string;
  id: string | undefined;
  yes: boolean;
}

function parseArgs(argv: string[]): Args {
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

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const conn = await connect(process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672', {
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
      const moved = await replayDlq(conn, args.queue, args.id ? { eventId: args.id } : {});
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
