/* eslint-disable @nx/enforce-module-boundaries -- the cluster's nginx configuration lives in
   scripts/ (npm run start:cluster), which is no Nx project: the test runs exactly that
   configuration, and this is the one place e2e reaches into scripts/. */
export {
  loadBalancerMainConfig,
  parseAccessLine,
  type AccessLine,
  type Listener,
} from '../../../scripts/lib/cluster.js';
export { findNginx } from '../../../scripts/lib/cluster-plan.js';
