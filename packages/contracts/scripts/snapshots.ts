import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

/** The folder of released schema snapshots, one `<event type>.json` per released type. */
export const RELEASED_DIR = fileURLToPath(new URL('../released/', import.meta.url));

export const RELEASE_COMMAND = 'npm run release-snapshots -w packages/contracts';

/** Where the released snapshot of `type` lives. */
export function snapshotPath(type: string): string {
  return `${RELEASED_DIR}${type}.json`;
}

/** The snapshot file's text for a schema: JSON, formatted as the repository's Prettier does. */
export async function renderSnapshot(schema: unknown, path: string): Promise<string> {
  const options = await resolveConfig(path);
  return format(JSON.stringify(schema), { ...options, filepath: path });
}
