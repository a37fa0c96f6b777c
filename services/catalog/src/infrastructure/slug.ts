/** Longest slug base: with "-<year>-<n>" a slug stays under Fastify's 100-character path parameter. */
const MAX_BASE = 80;

/**
 * A URL slug: ASCII lower case, digits and single hyphens. Accents are folded (é → e); other
 * scripts drop out, so a title without Latin letters falls back to `fallback`.
 */
export function slugify(text: string, fallback = 'untitled'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_BASE)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

/** `base`, or `base-2`, `base-3` … : the first candidate `isTaken` says is free. */
export async function uniqueSlug(
  base: string,
  isTaken: (slug: string) => Promise<boolean>,
): Promise<string> {
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
}
