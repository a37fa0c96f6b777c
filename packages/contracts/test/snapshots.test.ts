import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EVENTS } from '../src/index.js';
import { RELEASE_COMMAND, RELEASED_DIR, snapshotPath } from '../scripts/snapshots.js';
import { findBreakingChanges } from './compat.js';

describe('released snapshots', () => {
  it.each(EVENTS.map((event) => [event.type, event] as const))(
    '%s stays compatible with its released snapshot',
    async (type, event) => {
      const path = snapshotPath(type);
      if (!existsSync(path)) {
        expect.fail(`snapshot missing: run \`${RELEASE_COMMAND}\` to release ${type}`);
      }
      const released: unknown = JSON.parse(await readFile(path, 'utf8'));
      const breaks = findBreakingChanges(released, event.schema);
      expect(
        breaks,
        `${type} breaks its released contract; publish a .v${event.version + 1} beside it instead`,
      ).toEqual([]);
    },
  );

  it('keeps publishing every released event type', async () => {
    const current = new Set<string>(EVENTS.map((event) => event.type));
    const files = (await readdir(RELEASED_DIR)).filter((name) => name.endsWith('.json'));
    const dropped = files
      .map((name) => name.slice(0, -'.json'.length))
      .filter((t) => !current.has(t));
    expect(dropped, 'a released event type was removed from EVENTS').toEqual([]);
  });
});
