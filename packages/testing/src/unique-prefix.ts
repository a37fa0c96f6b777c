import { randomBytes } from 'node:crypto';

const issued = new Set<string>();

/** A prefix unique in this process (and random across processes) for queues, exchanges and Redis keys: 'catalog-3f9a2c'. */
export function uniquePrefix(label: string): string {
  const cleaned =
    label
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'test';
  for (;;) {
    const prefix = `${cleaned}-${randomBytes(3).toString('hex')}`;
    if (!issued.has(prefix)) {
      issued.add(prefix);
      return prefix;
    }
  }
}
