import { Counter, type Registry } from 'prom-client';

export type LoginResult = 'success' | 'invalid_credentials' | 'throttled';

export interface AccountMetrics {
  login(result: LoginResult): void;
  registered(): void;
}

/** Login outcomes (for the failed-login alert and dashboard) and sign-ups (business dashboard). */
export function accountMetrics(registry: Registry): AccountMetrics {
  const logins = new Counter({
    name: 'auth_logins_total',
    help: 'Password logins by result: success, invalid_credentials or throttled',
    labelNames: ['result'],
    registers: [registry],
  });
  const registrations = new Counter({
    name: 'auth_registrations_total',
    help: 'Accounts created',
    registers: [registry],
  });
  // Every result exists from the start, so rate() and alerts see a 0 rather than no series.
  for (const result of ['success', 'invalid_credentials', 'throttled'] as const)
    logins.inc({ result }, 0);
  return {
    login: (result) => logins.inc({ result }),
    registered: () => registrations.inc(),
  };
}
