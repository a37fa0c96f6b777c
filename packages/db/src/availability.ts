// Socket-level failures: the database (or the network to it) is down, not the query wrong.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ESOCKETTIMEDOUT',
]);

// mariadb connector codes (45xxx) and server codes for a lost, refused or overloaded server.
const MYSQL_CODES = new Set([
  'ER_CONNECTION_ALREADY_CLOSED',
  'ER_CMD_NOT_EXECUTED_DESTROYED',
  'ER_SOCKET_UNEXPECTED_CLOSE',
  'ER_CONNECTION_TIMEOUT',
  'ER_CMD_CONNECTION_CLOSED',
  'ER_SOCKET',
  'ER_SOCKET_TIMEOUT',
  'ER_GET_CONNECTION_TIMEOUT',
  'ER_PING_TIMEOUT',
  'ER_POOL_NO_CONNECTION',
  'ER_INITIAL_TIMEOUT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_CONNECTION_KILLED',
  'PROTOCOL_CONNECTION_LOST',
  'CR_SERVER_GONE_ERROR',
  'CR_SERVER_LOST',
  'CR_CONNECTION_ERROR',
  'CR_CONN_HOST_ERROR',
]);
const MYSQL_ERRNOS = new Set([
  45001, 45004, 45009, 45012, 45013, 45019, 45026, 45028, 45042, 45061, 45039, 1040, 1053, 1203,
  1927, 2002, 2003, 2006, 2013,
]);

// Prisma: can't reach (P1001), timed out (P1002, P1008), server closed the connection (P1017),
// pool timeout (P2024).
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);

const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);

const MESSAGES =
  /server has gone away|lost connection to (mysql|mariadb)? ?server|socket has unexpectedly been closed|connection (is )?closed|can't reach database server|timed out fetching a new connection|retrieve connection from pool timeout|connect ETIMEDOUT|connect ECONNREFUSED/i;

/**
 * True when err (or anything in its cause chain) says the database is unreachable or the
 * connection was lost — worth retrying or answering 503 — rather than that the query is wrong.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    if (looksUnavailable(e)) return true;
    if ('cause' in e) queue.push(e.cause);
    if (e instanceof AggregateError) queue.push(...e.errors);
  }
  return false;
}

function looksUnavailable(e: object): boolean {
  const code = 'code' in e ? e.code : undefined;
  if (
    typeof code === 'string' &&
    (NETWORK_CODES.has(code) || MYSQL_CODES.has(code) || PRISMA_CODES.has(code))
  ) {
    return true;
  }
  // Prisma's DriverAdapterError cause: { kind: 'mysql', code: <errno> } or a named kind.
  if (typeof code === 'number' && MYSQL_ERRNOS.has(code)) return true;
  const errno = 'errno' in e ? e.errno : undefined;
  if (typeof errno === 'number' && MYSQL_ERRNOS.has(errno)) return true;
  const originalCode = 'originalCode' in e ? e.originalCode : undefined;
  if (typeof originalCode === 'string' && MYSQL_ERRNOS.has(Number(originalCode))) return true;
  const kind = 'kind' in e ? e.kind : undefined;
  if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true;
  // SQLSTATE class 08: connection exception.
  const sqlState = 'sqlState' in e ? e.sqlState : 'state' in e ? e.state : undefined;
  if (typeof sqlState === 'string' && sqlState.startsWith('08')) return true;
  const message = 'message' in e ? e.message : undefined;
  return typeof message === 'string' && MESSAGES.test(message);
}

/** Runs SELECT 1; throws what the driver throws when the database cannot answer. */
export async function pingDatabase(queryable: {
  $queryRawUnsafe(q: string): PromiseLike<unknown>;
}): Promise<void> {
  await queryable.$queryRawUnsafe('SELECT 1');
}

// Deadlock (1213) and lock wait timeout (1205): the transaction was rolled back whole, and the
// same work run again normally succeeds. Prisma reports them as P2034. Prisma's own interactive
// transaction limits (P2028: no connection within maxWait, or the transaction outlived its timeout
// and was rolled back) are the same kind under contention: nothing was committed.
const CONFLICT_ERRNOS = new Set([1213, 1205]);
const CONFLICT_MESSAGES =
  /deadlock found|lock wait timeout exceeded|write conflict or a deadlock|expired transaction|unable to start a transaction in the given time/i;

/**
 * True when err (or its cause chain) is a deadlock, a lock wait timeout or a transaction Prisma
 * rolled back at its time limit: retry the transaction.
 */
export function isTransactionConflict(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (e === null || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = 'code' in e ? e.code : undefined;
    const errno = 'errno' in e ? e.errno : undefined;
    const originalCode = 'originalCode' in e ? e.originalCode : undefined;
    const message = 'message' in e ? e.message : undefined;
    if (
      code === 'P2034' ||
      code === 'P2028' ||
      code === 'ER_LOCK_DEADLOCK' ||
      code === 'ER_LOCK_WAIT_TIMEOUT' ||
      (typeof code === 'number' && CONFLICT_ERRNOS.has(code)) ||
      (typeof errno === 'number' && CONFLICT_ERRNOS.has(errno)) ||
      (typeof originalCode === 'string' && CONFLICT_ERRNOS.has(Number(originalCode))) ||
      (typeof message === 'string' && CONFLICT_MESSAGES.test(message))
    ) {
      return true;
    }
    if ('cause' in e) queue.push(e.cause);
  }
  return false;
}

/**
 * Runs `work` (one whole transaction) again when the database rolled it back for a deadlock or a
 * lock wait timeout, up to `attempts` times in all, with a short random pause between tries.
 */
export async function retryOnConflict<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isTransactionConflict(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
