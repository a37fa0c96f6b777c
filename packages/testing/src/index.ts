export { getInfra } from './infra.js';
export type { Infra } from './infra.js';
export { createTestDatabase } from './database.js';
export type { TestDatabase } from './database.js';
export { uniquePrefix } from './unique-prefix.js';
export { eventually } from './eventually.js';
export { TcpProxy } from './tcp-proxy.js';
export { startTestService } from './test-service.js';
export type { TestService, TestServiceContext } from './test-service.js';
