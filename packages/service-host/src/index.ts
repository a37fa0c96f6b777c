export { hostService, packageVersion } from './host.js';
export type { HostDatabase, HostDeps, HostedService, HostOptions, TxOf } from './host.js';
export { runService } from './run.js';
export type { RunServiceOptions } from './run.js';
