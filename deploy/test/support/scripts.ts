/* eslint-disable @nx/enforce-module-boundaries -- compose:env and the dev secrets live in scripts/
   (npm run compose:env, npm start), which is no Nx project: the one place deploy reaches into it. */
export { ensureComposeEnv } from '../../../scripts/lib/compose-env.js';
export { devSecretGenerators } from '../../../scripts/lib/dev-secrets.js';
export { composeLoadBalancerConfig } from '../../../scripts/lib/cluster.js';
