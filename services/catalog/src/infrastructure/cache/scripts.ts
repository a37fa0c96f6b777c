// Lua run inside Redis, so a read is one round trip and a counter bump is atomic.

/**
 * Reads the generation counters an entry depends on, builds its key and fetches it.
 * ARGV: prefix, base, generations (comma separated), movie id or '', slug ref or '',
 * If-None-Match tags (space separated), '*' or '', tag length.
 * Returns {0} (slug not mapped yet), {1, key, movieId} (miss), {2, key, value} (hit) or
 * {3, key, tag} (hit whose tag the client already has: the body is not sent).
 * A missing counter starts at Redis' clock in microseconds, never at 0: if a counter is lost
 * (evicted, deleted) it cannot come back at a value an older entry was stored under.
 */
export const READ_SCRIPT = `
local prefix = ARGV[1]
local movieId = ARGV[4]
if ARGV[5] ~= '' then
  movieId = redis.call('GET', prefix .. 'ref:' .. ARGV[5])
  if not movieId then return {0} end
end
local names = {}
for name in string.gmatch(ARGV[3], '[^,]+') do names[#names + 1] = name end
if movieId ~= '' then names[#names + 1] = 'movie:' .. movieId end
local gens = {}
for i, name in ipairs(names) do
  local counter = prefix .. 'gen:' .. name
  local gen = redis.call('GET', counter)
  if not gen then
    local now = redis.call('TIME')
    gen = now[1] .. string.format('%06d', tonumber(now[2]))
    redis.call('SET', counter, gen)
  end
  gens[i] = gen
end
local key = prefix .. 'e:' .. ARGV[2] .. ':' .. table.concat(gens, '.')
local value = redis.call('GET', key)
if not value then return {1, key, movieId} end
local tag = string.sub(value, 1, tonumber(ARGV[7]))
local wanted = ARGV[6]
if wanted == '*' or (wanted ~= '' and string.find(' ' .. wanted .. ' ', ' ' .. tag .. ' ', 1, true)) then
  return {3, key, tag}
end
return {2, key, value}
`;

/** Bumps each counter in KEYS; a missing one starts at the clock (see READ_SCRIPT). */
export const BUMP_SCRIPT = `
for _, counter in ipairs(KEYS) do
  if redis.call('EXISTS', counter) == 1 then
    redis.call('INCR', counter)
  else
    local now = redis.call('TIME')
    redis.call('SET', counter, now[1] .. string.format('%06d', tonumber(now[2])))
  end
end
return #KEYS
`;

/** READ_SCRIPT's answer, by name. */
export type ReadReply =
  /** The slug is not mapped to a movie yet: its generations are unknown. */
  | { kind: 'unmapped-slug' }
  /** No entry under `key`, which holds the generations read; `movieId` as the script resolved it. */
  | { kind: 'miss'; key: string; movieId: string }
  /** The entry: its tag (ETAG_LENGTH characters), then the body. */
  | { kind: 'hit'; key: string; entry: string }
  /** The client's If-None-Match already holds the entry's tag. */
  | { kind: 'unchanged'; key: string; etag: string };

export function parseReadReply(reply: unknown): ReadReply {
  if (!Array.isArray(reply)) throw new Error('unexpected cache script reply');
  const [status, key, value] = reply;
  if (status === 0) return { kind: 'unmapped-slug' };
  if (typeof key !== 'string') throw new Error('unexpected cache script reply');
  const text = typeof value === 'string' ? value : '';
  if (status === 1) return { kind: 'miss', key, movieId: text };
  if (status === 2) return { kind: 'hit', key, entry: text };
  if (status === 3) return { kind: 'unchanged', key, etag: text };
  throw new Error('unexpected cache script reply');
}
