// Writes the JSON Schema snapshot of every event type that has none yet, which releases it.
// Never overwrites: a released schema is immutable; a breaking change needs a new .v<N> type.
import { writeFile } from 'node:fs/promises';
import { EVENTS } from '../src/index.js';
import { renderSnapshot, snapshotPath } from './snapshots.js';

let released = 0;
for (const event of EVENTS) {
  const path = snapshotPath(event.type);
  try {
    await writeFile(path, await renderSnapshot(event.schema, path), { flag: 'wx' });
    released += 1;
    process.stdout.write(`released ${event.type}\n`);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'EEXIST') continue;
    throw error;
  }
}
process.stdout.write(`${released} new snapshot(s); ${EVENTS.length - released} already released\n`);
