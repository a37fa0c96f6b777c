import { isJson } from './merge.js';

/** Follows a local JSON pointer (`#/a/b~1c`) from the document root; undefined when it leads nowhere. */
function resolvePointer(root: unknown, ref: string): unknown {
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isJson(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) return undefined;
  }
  return node;
}

/** Every local `$ref` in the document that does not resolve (a merge that lost a component). */
export function unresolvedRefs(doc: unknown): string[] {
  const missing = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (!isJson(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        if (!value.startsWith('#/') || resolvePointer(doc, value) === undefined) missing.add(value);
      } else {
        walk(value);
      }
    }
  };
  walk(doc);
  return [...missing];
}
